"""The territory analysis as document blocks: a chapter of a plan or a report of its own."""

from __future__ import annotations

from pathlib import Path

from kpss.planning.analysis import TerritoryAnalysis
from kpss.planning.documents.blocks import (
    Block,
    Document,
    Numbering,
    Paragraph,
    Table,
    czech_text,
)
from kpss.planning.documents.charts import bar_chart
from kpss.planning.render import number_cz, plural
from kpss.publish.typography import czech_date
from kpss.rpss.diff_render import _ASPECT_LABELS, _STATUS  # the register diff's Czech words

__all__ = ["CHAPTER_TITLE", "territory_blocks", "territory_document"]

CHAPTER_TITLE = "Popis poskytovaných sociálních služeb v území"


_MANY = "registrovaných služeb"
_OF = "poskytovatelů"


def _figure(value: float | None) -> str:
    return number_cz(value) if value is not None else "údaj chybí"


def _intro(analysis: TerritoryAnalysis) -> list[Block]:
    on = f"stav k {czech_date(analysis.on)}" if analysis.on else "datum stavu neuvedeno"
    population = (
        f"{number_cz(analysis.population)} obyvatel k {czech_date(analysis.population_date)}"
        if analysis.population is not None and analysis.population_date
        else "počet obyvatel v přibalených datech chybí"
    )
    kraj = f", {analysis.kraj}" if analysis.kraj else ""
    text = (
        f"Území {analysis.territory}{kraj}: {population} (ČSÚ, data přibalená ke kpss). "
        f"Registr poskytovatelů sociálních služeb, {on}: v území působí "
        f"{plural(analysis.services, 'registrovaná služba', 'registrované služby', _MANY)}; "
        f"poskytuje je {plural(len(analysis.providers), 'poskytovatel', 'poskytovatelé', _OF)}."
    )
    blocks: list[Block] = [Paragraph(czech_text(text))]
    if analysis.source:
        blocks.append(
            Paragraph(  # the file's name, never the coordinator's folders
                czech_text(f"Zdroj údajů o službách: {Path(analysis.source).name}."), note=True
            )
        )
    blocks.extend(Paragraph(czech_text(m), note=True) for m in analysis.missing)
    return blocks


def _tally_section(
    numbering: Numbering,
    level: int,
    title: str,
    header: str,
    ident: str,
    rows: list[tuple[str, int]],
) -> list[Block]:
    blocks: list[Block] = [numbering.heading(level, title)]
    if not rows:
        blocks.append(Paragraph("V území nepůsobí žádná registrovaná služba."))
        return blocks
    chart = bar_chart(
        f"{title} (počet služeb)",
        [(czech_text(label), float(count)) for label, count in rows],
        ident=ident,
        label_header=header,
        value_header="Počet služeb",
    )
    blocks.append(chart)
    return blocks


def _capacity(analysis: TerritoryAnalysis, numbering: Numbering, level: int) -> list[Block]:
    blocks: list[Block] = [numbering.heading(level, "Kapacita služeb na 1 000 obyvatel")]
    if not analysis.capacities:
        blocks.append(Paragraph("V území není registrována žádná kapacita služeb."))
        return blocks
    when = f" k {czech_date(analysis.population_date)}" if analysis.population_date else ""
    blocks.append(
        Paragraph(
            czech_text(
                "Registrovaná kapacita (nejvyšší počet klientů, lůžek nebo intervencí, ne volná "
                f"místa) na 1 000 obyvatel{when}, v území, v kraji a v celé České republice."
            )
        )
    )
    kraj = analysis.kraj or "kraj"
    blocks.append(
        Table(
            "Kapacita na 1 000 obyvatel podle druhu služby",
            ("Druh služby", "Jednotka", "Kapacita", "Služeb", "Území", kraj, "Česká republika"),
            tuple(
                (
                    czech_text(row.kind_label),
                    row.unit_label,
                    number_cz(row.capacity),
                    number_cz(row.services),
                    _figure(row.per_1000),
                    _figure(row.kraj_per_1000),
                    _figure(row.country_per_1000),
                )
                for row in analysis.capacities
            ),
            numeric=frozenset({2, 3, 4, 5, 6}),
            widths=(3.2, 1.6, 1.0, 0.8, 0.9, 0.9, 1.0),
        )
    )
    short = analysis.territory.removeprefix("ORP ").strip()
    for number, row in enumerate(analysis.capacities, start=1):
        if not row.orp_per_1000:
            continue
        blocks.append(
            bar_chart(
                czech_text(f"{row.kind_label} ({row.unit_label}) na 1 000 obyvatel v ORP kraje"),
                [(name, value) for name, value in row.orp_per_1000],
                ident=f"graf-kapacita-{number}",
                label_header="ORP",
                value_header="Na 1 000 obyvatel",
                highlight=short,
            )
        )
    return blocks


def _reach(analysis: TerritoryAnalysis, numbering: Numbering, level: int) -> list[Block]:
    blocks: list[Block] = [numbering.heading(level, "Dostupnost terénních služeb v obcích")]
    total = len(analysis.reach)
    blocks.append(
        Paragraph(
            czech_text(
                "Obce, do kterých nedojíždí žádná terénní služba daného druhu (podle území "
                "působnosti služby v registru). Zákon dovoluje terénní formu u "
                f"{plural(analysis.field_kinds, 'druhu', 'druhů', 'druhů')} služeb."
            )
        )
    )
    rows = []
    for uncovered in analysis.coverage.uncovered:
        missing = len(uncovered.obce)
        if uncovered.services == 0:
            names = f"žádná terénní služba tohoto druhu v území nepůsobí (všech {total} obcí)"
        elif missing == 0:
            names = "dosahuje do všech obcí"
        else:
            names = ", ".join(o.name for o in uncovered.obce)
        rows.append(
            (
                czech_text(uncovered.kind.label),
                number_cz(uncovered.services),
                number_cz(missing),
                names,
            )
        )
    blocks.append(
        Table(
            "Obce bez terénní služby podle druhu",
            ("Druh služby", "Terénních služeb", "Obcí bez služby", "Obce bez služby"),
            tuple(rows),
            numeric=frozenset({1, 2}),
            widths=(2.6, 1.0, 1.0, 4.4),
        )
    )
    if analysis.reach:
        blocks.append(
            bar_chart(
                "Počet druhů terénních služeb, které dosahují do obce",
                [(r.obec.name, float(r.kinds)) for r in analysis.reach],
                ident="graf-obce",
                label_header="Obec",
                value_header="Druhů terénních služeb",
            )
        )
    return blocks


def _providers(analysis: TerritoryAnalysis, numbering: Numbering, level: int) -> list[Block]:
    blocks: list[Block] = [numbering.heading(level, "Poskytovatelé")]
    if not analysis.providers:
        blocks.append(Paragraph("V území nepůsobí žádný poskytovatel registrovaných služeb."))
        return blocks
    blocks.append(
        Table(
            "Poskytovatelé služeb v území",
            ("Poskytovatel", "IČO", "Služeb", "Druhy služeb"),
            tuple(
                (
                    czech_text(p.name),
                    p.ico or "",
                    number_cz(p.services),
                    czech_text(", ".join(p.kinds)),
                )
                for p in analysis.providers
            ),
            numeric=frozenset({2}),
            widths=(3.2, 1.0, 0.7, 4.0),
        )
    )
    return blocks


def _changes(analysis: TerritoryAnalysis, numbering: Numbering, level: int) -> list[Block]:
    diff = analysis.changes
    if diff is None:
        return []
    since = czech_date(analysis.previous_on) if analysis.previous_on else "předchozího stavu"
    blocks: list[Block] = [numbering.heading(level, f"Změny od {since}")]
    if not (diff.new or diff.ended or diff.changed):
        blocks.append(Paragraph("Od předchozího stavu registru se služby v území nezměnily."))
        return blocks
    header = ("Služba", "Poskytovatel", "Změna", "Datum")
    entries = [
        (
            czech_text(e.title),
            czech_text(e.provider),
            _STATUS.get(e.status, e.status),
            czech_date(e.date),
        )
        for e in (*diff.new, *diff.ended)
    ]
    if entries:
        blocks.append(Table("Nové a ukončené služby", header, tuple(entries)))
    if diff.changed:
        blocks.append(
            Table(
                "Změněné služby",
                ("Služba", "Co se změnilo"),
                tuple(
                    (
                        czech_text(c.title),
                        ", ".join(
                            dict.fromkeys(_ASPECT_LABELS.get(x.aspect, x.aspect) for x in c.changes)
                        ),
                    )
                    for c in diff.changed
                ),
            )
        )
    return blocks


def territory_blocks(
    analysis: TerritoryAnalysis, numbering: Numbering, level: int = 1
) -> list[Block]:
    """The chapter (heading of *level*, sections one level below) for *analysis*."""
    sub = level + 1
    blocks: list[Block] = [numbering.heading(level, CHAPTER_TITLE), *_intro(analysis)]
    tallies = (
        ("Služby podle druhu", "Druh služby", "graf-druhy", analysis.by_kind),
        ("Služby podle formy", "Forma", "graf-formy", analysis.by_form),
        ("Služby podle cílové skupiny", "Cílová skupina", "graf-skupiny", analysis.by_group),
    )
    for title, header, ident, rows in tallies:
        pairs = [(t.label, t.services) for t in rows]
        blocks += _tally_section(numbering, sub, title, header, ident, pairs)
    blocks += _capacity(analysis, numbering, sub)
    blocks += _reach(analysis, numbering, sub)
    blocks += _providers(analysis, numbering, sub)
    blocks += _changes(analysis, numbering, sub)
    return blocks


def territory_document(analysis: TerritoryAnalysis) -> Document:
    """The territory analysis as a document of its own (``kpss report territory``)."""
    numbering = Numbering()
    on = f"stav registru k {czech_date(analysis.on)}" if analysis.on else "stav registru"
    return Document(
        f"Analýza území {analysis.territory}",
        (czech_text(f"Sociální služby v území, {on}"),),
        tuple(territory_blocks(analysis, numbering)),
    )
