"""Territory and Act 108/2006: which kinds of field services exist, and who lives where.

Run: python examples/territory_and_law.py
"""

from __future__ import annotations

import kpss
from kpss.model import Form, Level
from kpss.model.names import sort_key


def main() -> None:
    territory = kpss.territory()
    orp = territory.orp_by_code("3206")  # ORP Kralovice by its ČSÚ code
    assert orp is not None
    people = territory.population(orp)
    print(
        f"ORP {orp.name}: {len(territory.obce_of(orp))} obcí, {people} obyvatel "
        f"(k {territory.population_date})"
    )
    largest = sorted(territory.obce_of(orp), key=lambda o: -(o.population or 0))[:3]
    print("největší obce:", ", ".join(f"{o.name} ({o.population})" for o in largest))

    pisek = territory.find("Pisek", Level.OBEC)  # three obce share the name: all are returned
    okresy = [territory.parents(o)[-2].name for o in pisek]  # POU, ORP, okres, kraj
    print(
        "obce Písek:",
        ", ".join(f"{o.code} (okres {n})" for o, n in zip(pisek, okresy, strict=True)),
    )

    field = sorted(kpss.law().with_form(Form.TERENNI), key=lambda k: sort_key(k.name))
    print(f"terénní forma je možná u {len(field)} druhů služeb, např.:")
    for kind in field[:5]:
        print(f"  {kind.label} ({kind.category.label if kind.category else 'kategorie neznámá'})")


if __name__ == "__main__":
    main()
