"""Checks of a service against Act 108/2006 that the import runs on every record it keeps.

Each finding names the register field (``formy[0].forma``, ``formy[0].kapacity[1].typ``)
and is a warning in the import report — so a register that breaks the rules is still read
whole — and an error under strict mode (which fails on every warning):

- a form the Act does not allow for the kind (pobytová for § 39 osobní asistence);
- a capacity unit that does not fit the form: beds (``luzka``) are counted only in a
  pobytová form, or in noclehárny (§ 63, whose beds are ambulantní); a pobytová form
  counts beds or clients. This is kpss's reading of how the register counts capacity
  (reference/registry-format.md, section 2.3), not a rule of the Act.

Codes that no loaded code list knows (a target group, an age group, a capacity unit) are
warned about by the mapper as it reads them (the id is kept raw, no label is invented).
"""

from __future__ import annotations

from kpss.errors import Finding, Location, Severity
from kpss.model.law import Form
from kpss.model.services import Service

BEDS = "TypKapacitySocialniSluzby/luzka"
CLIENTS = "TypKapacitySocialniSluzby/klient"
#: Kinds counting beds in a form other than pobytová: § 63 noclehárny (ambulantní beds).
BEDS_OUTSIDE_RESIDENTIAL = frozenset({"63"})
#: Units a pobytová form is counted in.
RESIDENTIAL_UNITS = frozenset({BEDS, CLIENTS})


def _warning(field: str, message: str) -> Finding:
    return Finding(message, Location(field=field), Severity.WARNING)


def law_findings(service: Service) -> list[Finding]:
    """Forms the Act does not allow for the kind, and capacity units that do not fit."""
    kind = service.kind
    found: list[Finding] = []
    for index, provision in enumerate(service.forms):
        form = provision.form
        if form is None:
            continue  # an unknown form code: the mapper has warned about it
        if kind is not None and kind.allows(form) is False:
            allowed = ", ".join(sorted(f.label for f in kind.forms or ()))
            found.append(
                _warning(
                    f"formy[{index}].forma",
                    f"form {form.label} is not allowed for {kind.label} by Act 108/2006 "
                    f"(allowed: {allowed})",
                )
            )
        for c_index, capacity in enumerate(provision.capacities):
            field = f"formy[{index}].kapacity[{c_index}].typ"
            beds_elsewhere = kind is not None and kind.key in BEDS_OUTSIDE_RESIDENTIAL
            if capacity.unit == BEDS and form is not Form.POBYTOVA and not beds_elsewhere:
                found.append(_warning(field, f"beds ({BEDS}) do not fit the form {form.label}"))
            elif form is Form.POBYTOVA and capacity.unit not in RESIDENTIAL_UNITS:
                found.append(
                    _warning(
                        field,
                        f"a pobytová form counts beds or clients, not {capacity.unit}",
                    )
                )
    return found
