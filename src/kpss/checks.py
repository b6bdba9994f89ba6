"""Checks of services against Act 108/2006 and the code lists in use."""

from __future__ import annotations

from collections.abc import Iterable

from kpss.errors import Finding
from kpss.model.codes import CodeBook
from kpss.model.services import Service


def check_service(service: Service, codes: CodeBook | None = None) -> list[Finding]:
    """Problems of one service: forms the law does not allow for its kind, unknown codes.

    Forms not allowed are errors; a kind or code no loaded list knows is a warning (the raw
    id is kept, no label is invented).
    """
    base = f"service {service.identifier}"
    problems: list[Finding] = []
    kind = service.kind
    if kind is None:
        problems.append(
            Finding.at(
                f"{base}.kind",
                f"unknown service kind {service.kind_code!r}: kept as a raw id",
                "warning",
            )
        )
    for index, provision in enumerate(service.forms):
        path = f"{base}.forms[{index}]"
        if provision.form is None:
            problems.append(
                Finding.at(
                    path, f"unknown form {provision.form_code!r}: kept as a raw id", "warning"
                )
            )
        elif kind is not None and kind.allows(provision.form) is False:
            allowed = ", ".join(sorted(f.label for f in kind.forms or ()))
            problems.append(
                Finding.at(
                    path,
                    f"form {provision.form.label} is not allowed for {kind.label} "
                    f"by Act 108/2006 (allowed: {allowed})",
                )
            )
        if codes is not None:
            for c_index, capacity in enumerate(provision.capacities):
                if not codes.knows(capacity.unit):
                    problems.append(
                        Finding.at(
                            f"{path}.capacities[{c_index}].unit",
                            f"unknown capacity type {capacity.unit!r}",
                            "warning",
                        )
                    )
    if codes is not None:
        problems.extend(
            _unknown(f"{base}.target_groups", service.target_groups, codes, "target group")
        )
        problems.extend(_unknown(f"{base}.age_groups", service.age_groups, codes, "age group"))
    return problems


def _unknown(path: str, ids: Iterable[str], codes: CodeBook, what: str) -> list[Finding]:
    return [
        Finding.at(
            f"{path}[{i}]", f"unknown {what} {code!r}: kept as a raw id, no label", "warning"
        )
        for i, code in enumerate(ids)
        if not codes.knows(code)
    ]
