"""Hypothesis strategies for every model type (plan types live in tests/planning)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from kpss import model as m
from kpss.model import services as sv
from kpss.model.actors import ico_check_digit
from kpss.reference import law

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
opt_text = st.none() | text
code = st.from_regex(r"[0-9]{1,7}", fullmatch=True)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))
opt_date = st.none() | dates
times = st.times().map(lambda t: t.replace(microsecond=0))


@st.composite
def icos(draw: st.DrawFn) -> str:
    first = draw(st.from_regex(r"[0-9]{7}", fullmatch=True))
    return first + str(ico_check_digit(first))


contacts = st.builds(m.Contact, st.sampled_from(m.ContactKind), text, opt_text)
addresses = st.builds(
    m.Address,
    opt_text,
    st.none() | st.integers(1, 99999),
    opt_text,
    opt_text,
    st.none() | code,
    st.none() | code,
    st.none() | code,
    st.none() | code,
    st.none() | code,
    st.none() | code,
    opt_text,
    st.none() | st.integers(1, 99_999_999),
)
providers = st.builds(
    m.Provider,
    text,
    st.none() | icos(),
    opt_text,
    opt_text,
    st.none() | addresses,
    st.lists(contacts, max_size=2).map(tuple),
)
capacities = st.builds(m.Capacity, st.none() | st.integers(0, 10_000), text, opt_text)
hours = st.builds(m.OpeningHours, text, times, times, opt_text)
forms = st.builds(
    m.FormOfProvision,
    text,
    st.none() | st.sampled_from(m.Form),
    st.none() | st.booleans(),
    st.lists(hours, max_size=2).map(tuple),
    st.lists(capacities, max_size=2).map(tuple),
)
facilities = st.builds(m.Facility, text, st.none() | addresses, st.booleans(), opt_date, opt_date)
photos = st.builds(m.Photo, text, opt_text, opt_text, opt_text)
codes_tuple = st.lists(text, max_size=3).map(tuple)
accessibility = st.builds(
    sv.Accessibility, st.none() | st.booleans(), st.none() | st.booleans(), opt_text
)
provenances = st.builds(sv.Provenance, text, text, st.none() | st.integers(1, 10**6))
charges = st.none() | st.sampled_from(sv.Charge)
languages = st.lists(st.sampled_from(sorted(sv.LANGUAGES)), max_size=2).map(tuple)
related = st.builds(
    m.RelatedService,
    text,
    opt_text,
    st.lists(contacts, max_size=2).map(tuple),
    opt_text,
    st.none() | st.sampled_from(sv.RelatedKind),
    opt_text,
    st.none() | addresses,
    st.frozensets(code, max_size=3),
    codes_tuple,
    st.lists(hours, max_size=2).map(tuple),
    opt_text,
    charges,
    opt_text,
    languages,
    st.none() | accessibility,
    opt_text,
    st.lists(photos, max_size=1).map(tuple),
    st.lists(provenances, max_size=2).map(tuple),
)
documents = st.builds(m.Document, text, text, opt_text, opt_date)
kinds = st.sampled_from(law().kinds)


@st.composite
def services(draw: st.DrawFn, provider: m.Provider | None = None) -> m.Service:
    return m.Service(
        identifier=draw(st.from_regex(r"[0-9]{7}", fullmatch=True)),
        kind_code=draw(text),
        provider=provider or draw(providers),
        kind=draw(st.none() | kinds),
        name=draw(opt_text),
        register_id=draw(st.none() | st.integers(0, 10**9)),
        portal_id=draw(st.none() | st.integers(0, 10**6)),
        forms=tuple(draw(st.lists(forms, max_size=2))),
        target_groups=draw(codes_tuple),
        age_groups=draw(codes_tuple),
        age_note=draw(opt_text),
        facilities=tuple(draw(st.lists(facilities, max_size=2))),
        service_area=frozenset(draw(st.lists(code, max_size=3))),
        contacts=tuple(draw(st.lists(contacts, max_size=2))),
        contact_addresses=tuple(draw(st.lists(addresses, max_size=1))),
        valid_from=draw(opt_date),
        valid_to=draw(opt_date),
        description=draw(opt_text),
        fees=draw(opt_text),
        hours_note=draw(opt_text),
        photos=tuple(draw(st.lists(photos, max_size=1))),
        related_services=tuple(draw(st.lists(related, max_size=1))),
        documents=tuple(draw(st.lists(documents, max_size=1))),
        offer=draw(codes_tuple),
        opening_hours=tuple(draw(st.lists(hours, max_size=2))),
        charge=draw(charges),
        languages=draw(languages),
        accessibility=draw(st.none() | accessibility),
        sign_language_video=draw(opt_text),
        local_contacts=tuple(draw(st.lists(contacts, max_size=2))),
        replace_contacts=draw(st.booleans()),
        sources=tuple(draw(st.lists(provenances, max_size=2))),
    )


code_items = st.builds(
    m.Code,
    st.tuples(st.sampled_from(["CilovaSkupinaOsoby", "DruhSocialniSluzby"]), code).map("/".join),
    opt_text,
    st.sampled_from(m.Evidence),
    opt_text,
    st.dictionaries(text, text, max_size=2),
)


@st.composite
def code_lists(draw: st.DrawFn) -> m.CodeList:
    items = draw(st.lists(code_items, max_size=3, unique_by=lambda c: c.id))
    name = items[0].list_name if items else "CilovaSkupinaOsoby"
    items = [c for c in items if c.list_name == name]
    return m.CodeList(name, {c.id: c for c in items}, draw(opt_text))


code_books = st.lists(code_lists(), max_size=2, unique_by=lambda c: c.name).map(m.CodeBook.of)


@st.composite
def catalogs(draw: st.DrawFn) -> m.Catalog:
    shared = draw(st.lists(providers, min_size=1, max_size=3, unique_by=lambda p: p.key))
    catalog = m.Catalog(codes=draw(code_books), source=draw(opt_text), snapshot_date=draw(opt_date))
    for service in draw(st.lists(services(), max_size=4, unique_by=lambda s: s.identifier)):
        from attrs import evolve

        catalog.add(evolve(service, provider=draw(st.sampled_from(shared))))
    for item in draw(st.lists(related, max_size=2, unique_by=lambda r: r.key or r.name)):
        catalog.related[item.key or item.name] = item
    return catalog


kraje = st.builds(m.Kraj, code, code, text, text, text)
okresy = st.builds(m.Okres, code, text, code, text, code)
orps = st.builds(m.Orp, code, code, text, code, code, st.lists(code, max_size=2).map(tuple))
pous = st.builds(m.Pou, code, code, text, code, code)
obce = st.builds(m.Obec, code, text, code, code, code, code, st.none() | st.integers(0, 10**6))
areas = st.builds(m.Area, text, text, st.frozensets(code, max_size=4), opt_text, opt_text)


def _by_code(strategy: Any) -> Any:
    return st.lists(strategy, max_size=3, unique_by=lambda u: u.code).map(
        lambda units: {u.code: u for u in units}
    )


territories = st.builds(
    m.Territory,
    _by_code(kraje),
    _by_code(okresy),
    _by_code(orps),
    _by_code(pous),
    _by_code(obce),
    opt_date,
    opt_text,
)
commissioners = st.builds(
    m.Commissioner,
    text,
    st.sampled_from(m.CommissionerLevel),
    code,
    st.none() | icos(),
    st.lists(contacts, max_size=2).map(tuple),
)
participants = st.builds(
    m.Participant,
    text,
    st.sampled_from(m.Role),
    opt_text,
    opt_text,
    st.lists(contacts, max_size=1).map(tuple),
)
law_tables = st.lists(kinds, max_size=5, unique_by=lambda k: k.key).map(
    lambda ks: m.LawTable(tuple(ks))
)

#: One strategy per model type; tests/foundation/test_convert.py checks none is missing.
STRATEGIES: dict[type, Any] = {
    m.Contact: contacts,
    m.Address: addresses,
    m.Provider: providers,
    m.Capacity: capacities,
    m.OpeningHours: hours,
    m.FormOfProvision: forms,
    m.Facility: facilities,
    m.Photo: photos,
    m.RelatedService: related,
    sv.Accessibility: accessibility,
    sv.Provenance: provenances,
    m.Document: documents,
    m.Service: services(),
    m.ServiceKind: kinds,
    m.LawTable: law_tables,
    m.Code: code_items,
    m.CodeList: code_lists(),
    m.CodeBook: code_books,
    m.Catalog: catalogs(),
    m.Kraj: kraje,
    m.Okres: okresy,
    m.Orp: orps,
    m.Pou: pous,
    m.Obec: obce,
    m.Area: areas,
    m.Territory: territories,
    m.Commissioner: commissioners,
    m.Participant: participants,
}
