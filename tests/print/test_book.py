"""The book plan shared by the PDF and the ODT: sections, cards and references, indexes."""

from __future__ import annotations

import pytest

from kpss.errors import UsageError
from kpss.publish.print.book import ARRANGEMENTS, card_anchor, plan_book
from kpss.publish.view import PublicCatalog


@pytest.mark.parametrize("by", sorted(ARRANGEMENTS))
def test_one_card_per_service_and_it_comes_first(print_view: PublicCatalog, by: str) -> None:
    book = plan_book(print_view, title="K", by=by)
    seen: set[str] = set()
    for section in book.sections:
        ids = [e.service.id for e in section.entries]
        assert len(ids) == len(set(ids)), section.title
        for entry in section.entries:
            assert entry.card == (entry.service.id not in seen)
            assert entry.first == entry.card
            assert entry.target == card_anchor(entry.service)
            seen.add(entry.service.id)
    assert seen == set(print_view.services)
    assert book.cards == len(print_view.services)


def test_obce_reached_by_the_same_field_services_share_a_section(
    print_view: PublicCatalog,
) -> None:
    book = plan_book(print_view, title="K", by="obec")
    served = [o for o in print_view.obce if o.in_territory and o.services]
    shared = [o for o in served if not o.located]
    assert len({o.covering for o in shared}) < len(shared), "the sample has shared services"
    text = {s.key: f"{s.title} {s.intro or ''}" for s in book.sections}
    for obec in served:
        holders = [
            s
            for s in book.sections
            if obec.name in text[s.key] and set(obec.services) <= {e.service.id for e in s.entries}
        ]
        assert holders, obec.name
    own = [s for s in book.sections if s.key in {o.code for o in served if o.located}]
    assert len(own) == len([o for o in served if o.located])
    assert len(book.sections) < len(served)


def test_repeat_and_unknown_arrangement(print_view: PublicCatalog) -> None:
    book = plan_book(print_view, title="K", by="group", repeat=True)
    entries = [e for s in book.sections for e in s.entries]
    assert all(e.card for e in entries)
    assert sum(e.first for e in entries) == len(print_view.services)
    with pytest.raises(UsageError, match="by='street'"):
        plan_book(print_view, title="K", by="street")


def test_indexes_name_every_provider_and_located_obec(print_view: PublicCatalog) -> None:
    book = plan_book(print_view, title="K")
    assert [e.name for e in book.providers] == [p.name for p in print_view.providers.values()]
    located = [o.name for o in print_view.obce if o.located]
    assert [e.name for e in book.obce] == located
    targets = {r.target for e in (*book.providers, *book.obce) for r in e.refs}
    assert targets == {card_anchor(s) for s in print_view.services.values()}
