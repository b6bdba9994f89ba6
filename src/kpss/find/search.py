"""Czech-aware fuzzy search over a catalogue: services, providers and obce.

:class:`SearchIndex` is built once over a :class:`~kpss.model.catalog.Catalog` and the
territory. Every searchable entity is a *document* whose words come from named fields
(service: název, zařízení, poskytovatel, druh + §, obec, působnost; provider: název, sídlo;
obec: název). Words are normalised with :func:`kpss.find.text.normalize` (no diacritics, no
legal forms), so "domov seniory kromeriz" finds "Domov pro seniory Kroměříž, p. o.".

A query is scored in two steps:

1. *Coverage*: each query word is expanded to the index words equal to it (1.0), starting
   with it (0.9, from 3 letters; for the last word, being typed, or an unknown word) or,
   for an unknown word (a typo), close to it by :func:`rapidfuzz.fuzz.ratio` (from 4
   letters, ≥ 75/100, scaled by 0.95). A document gets, per query word, its best expansion
   times the field weight; the words are summed with IDF weights, so rare words ("Bukov",
   "Naděje") count more than frequent ones ("domov", "pro"). Coverage is 0–1.
2. *Name similarity* of the best candidates: :func:`rapidfuzz.fuzz.token_sort_ratio` of the
   query against the document's names (swapped word order does not hurt).

``score = 85 × coverage + 0.15 × similarity`` (0–100); hits below ``min_score`` are dropped.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from kpss.find.text import normalize
from kpss.model.catalog import Catalog
from kpss.model.law import Form
from kpss.model.services import Service
from kpss.model.territory import Territory
from kpss.perf import paused_gc

__all__ = ["Hit", "HitType", "SearchFilter", "SearchIndex"]

HitType = Literal["service", "provider", "obec"]
_TYPES: tuple[HitType, ...] = ("service", "provider", "obec")

#: Field weights: a word found in a name counts more than one found in a place or a kind.
FIELD_WEIGHTS: dict[str, float] = {
    "název": 1.0,
    "zařízení": 0.95,
    "poskytovatel": 0.9,
    "druh": 0.85,
    "obec": 0.85,
    "sídlo": 0.8,
    "působnost": 0.6,
}
PREFIX_SIMILARITY = 0.9
FUZZY_SCALE = 0.95
COVERAGE_SHARE = 85.0
RERANK = 100
MAX_EXPANSIONS = 12

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen
class Hit:
    """One search result: what (``type``, ``id``), how to show it, how well it matched.

    ``id`` is the register ``identifikator`` of a service, the IČO of a provider (a provider
    without one, e.g. a natural person, has its ``nazev:…`` key) or the code of an obec.
    ``matched`` names the fields that hold the query's words ("název: Domov Bukov").
    """

    type: HitType
    id: str
    label: str
    score: float
    matched: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The CLI contract's ``{"type", "id", "label", "score"}`` plus ``matched``."""
        return {
            "type": self.type,
            "id": self.id,
            "label": self.label,
            "score": self.score,
            "matched": list(self.matched),
        }


@attrs.frozen
class SearchFilter:
    """Restrictions of a search; ``None``/empty means no restriction.

    ``obce`` keeps services located in or serving these obce, providers with such a
    service or seated there, and these obce themselves.
    """

    obce: frozenset[str] | None = None
    kinds: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    forms: frozenset[Form] = frozenset()
    active_on: dt.date | None = None
    types: frozenset[str] = frozenset()

    @property
    def restricts_services(self) -> bool:
        """Whether any service criterion is set."""
        return bool(
            self.obce is not None
            or self.kinds
            or self.target_groups
            or self.forms
            or self.active_on
        )


@attrs.frozen
class _Field:
    label: str
    text: str
    words: frozenset[int]


@attrs.define
class _Doc:
    type: HitType
    id: str
    label: str
    names: tuple[str, ...]
    fields: list[_Field]


def _sorted_key(key: str) -> str:
    return " ".join(sorted(key.split()))


class SearchIndex:
    """Indexes prepared once over a catalogue and the territory; :meth:`search` is fast.

    ``obce`` limits the obec documents (e.g. to the filtered territory); by default every
    obec of *territory* is searchable. Without *territory* no obce are indexed and places
    of services are not searchable by name.
    """

    def __init__(
        self,
        catalog: Catalog,
        territory: Territory | None = None,
        *,
        obce: Iterable[str] | None = None,
    ) -> None:
        with paused_gc():
            self._build(catalog, territory, obce)

    def _build(
        self, catalog: Catalog, territory: Territory | None, obce: Iterable[str] | None
    ) -> None:
        self.catalog = catalog
        self.territory = territory
        self._docs: list[_Doc] = []
        self._vocab: dict[str, int] = {}
        self._postings: dict[int, dict[int, float]] = defaultdict(dict)
        self._service_docs: dict[str, int] = {}
        self._provider_docs: dict[str, int] = {}
        for service in catalog:
            self._add_service(service)
        for provider in catalog.providers.values():
            seat = self._obec_name(provider.seat.obec_code if provider.seat else None)
            fields = [("název", provider.name)]
            if seat:
                fields.append(("sídlo", seat))
            key = provider.ico or provider.key
            self._provider_docs[provider.key] = self._add(
                "provider", key, provider.name, (provider.name,), fields
            )
        if territory is not None:
            wanted = territory.obce.keys() if obce is None else obce
            for code in wanted:
                obec = territory.obce.get(code)
                if obec is None:
                    continue
                okres = territory.okresy.get(obec.okres_code)
                label = f"{obec.name}, okres {okres.name}" if okres else obec.name
                self._add("obec", obec.code, label, (obec.name,), [("název", obec.name)])
        self._finish()

    # -- building ----------------------------------------------------------------------
    def _obec_name(self, code: str | None) -> str | None:
        if code is None or self.territory is None:
            return None
        obec = self.territory.obce.get(code)
        return obec.name if obec else None

    def _add_service(self, service: Service) -> None:
        title = service.title
        fields: list[tuple[str, str]] = [("název", title)]
        names = [title]
        for facility in service.facilities:
            name = facility.name.strip()
            if name and normalize(name) not in {normalize(n) for n in names}:
                names.append(name)
                fields.append(("zařízení", name))
        fields.append(("poskytovatel", service.provider.name))
        if service.kind is not None:
            kind = service.kind.name
            if service.kind.paragraph:
                kind = f"{kind} ({service.kind.paragraph})"
            fields.append(("druh", kind))
        located = service.facility_obce()
        for code in sorted(located):
            if place := self._obec_name(code):
                fields.append(("obec", place))
        for code in sorted(service.service_area - located):
            if place := self._obec_name(code):
                fields.append(("působnost", place))
        names = [*names[:3], service.provider.name]
        self._service_docs[service.identifier] = self._add(
            "service", service.identifier, title, tuple(names), fields
        )

    def _add(
        self,
        kind: HitType,
        ident: str,
        label: str,
        names: tuple[str, ...],
        fields: Sequence[tuple[str, str]],
    ) -> int:
        number = len(self._docs)
        built: list[_Field] = []
        for field, text in fields:
            weight = FIELD_WEIGHTS[field]
            ids: set[int] = set()
            for word in normalize(text).split():
                wid = self._vocab.setdefault(word, len(self._vocab))
                ids.add(wid)
                posting = self._postings[wid]
                if posting.get(number, 0.0) < weight:
                    posting[number] = weight
            built.append(_Field(field, text, frozenset(ids)))
        self._docs.append(_Doc(kind, ident, label, tuple(normalize(n) for n in names), built))
        return number

    def _finish(self) -> None:
        count = max(len(self._docs), 1)
        self._words = sorted(self._vocab)
        self._word_ids = [self._vocab[w] for w in self._words]
        self._post_docs: list[IntArray] = [np.empty(0, np.int32)] * len(self._vocab)
        self._post_weights: list[FloatArray] = [np.empty(0, np.float32)] * len(self._vocab)
        self._idf = np.zeros(len(self._vocab), np.float32)
        for wid, posting in self._postings.items():
            self._post_docs[wid] = np.fromiter(posting.keys(), np.int32, len(posting))
            self._post_weights[wid] = np.fromiter(posting.values(), np.float32, len(posting))
            self._idf[wid] = math.log(1 + count / len(posting))
        self._default_idf = float(np.median(self._idf)) if len(self._idf) else 1.0
        self._by_length: dict[int, tuple[list[str], list[int]]] = {}
        for word, wid in self._vocab.items():
            words, ids = self._by_length.setdefault(len(word), ([], []))
            words.append(word)
            ids.append(wid)
        self._doc_types = np.array([_TYPES.index(d.type) for d in self._docs], np.int8)
        self._sorted_names = [[_sorted_key(n) for n in d.names] for d in self._docs]
        self._name_counts = np.array([len(n) for n in self._sorted_names], np.intp)
        self._masks: dict[SearchFilter, BoolArray] = {}
        del self._postings

    # -- querying ----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._docs)

    def expand(self, word: str, *, last: bool = False) -> dict[int, float]:
        """Index words close to a normalised query *word*, with similarities 0–1.

        Words of the index that start with *word* count for the last word of a query (one
        being typed) or when *word* itself is unknown; close spellings (typos) are looked
        for only when *word* is unknown. At most :data:`MAX_EXPANSIONS` are kept.
        """
        found: dict[int, float] = {}
        known = self._vocab.get(word)
        if known is not None:
            found[known] = 1.0
        if len(word) >= 3 and (last or known is None):
            start = bisect.bisect_left(self._words, word)
            for pos in range(start, min(start + 200, len(self._words))):
                if not self._words[pos].startswith(word):
                    break
                found.setdefault(self._word_ids[pos], PREFIX_SIMILARITY)
        if len(word) >= 4 and known is None:
            cutoff = 75.0 if len(word) < 7 else 80.0
            for length in range(len(word) - 2, len(word) + 3):
                bucket = self._by_length.get(length)
                if not bucket:
                    continue
                for _, score, pos in process.extract(
                    word, bucket[0], scorer=fuzz.ratio, score_cutoff=cutoff, limit=10
                ):
                    wid = bucket[1][pos]
                    sim = FUZZY_SCALE * score / 100.0
                    if found.get(wid, 0.0) < sim:
                        found[wid] = sim
        if len(found) > MAX_EXPANSIONS:
            best = sorted(found.items(), key=lambda item: -item[1])[:MAX_EXPANSIONS]
            found = dict(best)
        return found

    def _mask(self, flt: SearchFilter) -> BoolArray:
        cached = self._masks.get(flt)
        if cached is not None:
            return cached
        mask = np.ones(len(self._docs), np.bool_)
        if flt.types:
            mask &= np.isin(self._doc_types, [_TYPES.index(t) for t in flt.types])
        if flt.restricts_services:
            services = self.catalog.query(
                kinds=flt.kinds,
                target_groups=flt.target_groups,
                obce=flt.obce,
                forms=flt.forms,
                active_on=flt.active_on,
            )
            allowed = np.zeros(len(self._docs), np.bool_)
            for service in services:
                allowed[self._service_docs[service.identifier]] = True
                allowed[self._provider_docs[service.provider.key]] = True
            if flt.obce is not None and not (flt.kinds or flt.target_groups or flt.forms):
                for key, number in self._provider_docs.items():
                    provider = self.catalog.providers[key]
                    if provider.seat and provider.seat.obec_code in flt.obce:
                        allowed[number] = True
            obec_docs = self._doc_types == _TYPES.index("obec")
            if flt.obce is not None:
                ids = np.array([d.id in flt.obce for d in self._docs], np.bool_)
                allowed |= obec_docs & ids
            else:
                allowed |= obec_docs
            mask &= allowed
        if len(self._masks) > 32:
            self._masks.clear()
        self._masks[flt] = mask
        return mask

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        obce: Iterable[str] | None = None,
        kinds: Iterable[str] = (),
        target_groups: Iterable[str] = (),
        forms: Iterable[Form] = (),
        active_on: dt.date | None = None,
        types: Iterable[str] = (),
        min_score: float = 40.0,
    ) -> list[Hit]:
        """Ranked hits for *query*, best first.

        ``kinds`` are register codes (``DruhSocialniSluzby/13``) or kind keys ("49");
        ``types`` limits the hit types (service, provider, obec).
        """
        with paused_gc():
            return self._search_with(
                query, limit, obce, kinds, target_groups, forms, active_on, types, min_score
            )

    def _search_with(
        self,
        query: str,
        limit: int,
        obce: Iterable[str] | None,
        kinds: Iterable[str],
        target_groups: Iterable[str],
        forms: Iterable[Form],
        active_on: dt.date | None,
        types: Iterable[str],
        min_score: float,
    ) -> list[Hit]:
        flt = SearchFilter(
            obce=frozenset(obce) if obce is not None else None,
            kinds=frozenset(kinds),
            target_groups=frozenset(target_groups),
            forms=frozenset(forms),
            active_on=active_on,
            types=frozenset(types),
        )
        unknown = flt.types - set(_TYPES)
        if unknown:
            raise ValueError(f"unknown hit type(s) {sorted(unknown)}; expected {list(_TYPES)}")
        return self._search(query, flt, limit, min_score)

    def search_filtered(
        self, query: str, flt: SearchFilter, *, limit: int = 10, min_score: float = 40.0
    ) -> list[Hit]:
        """:meth:`search` with a prepared :class:`SearchFilter` (its mask is cached)."""
        with paused_gc():
            return self._search(query, flt, limit, min_score)

    def _search(self, query: str, flt: SearchFilter, limit: int, min_score: float) -> list[Hit]:
        key = normalize(query)
        words = list(dict.fromkeys(w for w in key.split() if len(w) > 1 or w.isdigit()))
        if not words or not self._docs:
            return []
        coverage = np.zeros(len(self._docs), np.float32)
        total = 0.0
        expansions: list[dict[int, float]] = []
        for position, word in enumerate(words):
            found = self.expand(word, last=position == len(words) - 1)
            expansions.append(found)
            if not found:
                total += self._default_idf
                continue
            best = max(found.items(), key=lambda item: (item[1], self._idf[item[0]]))
            weight = float(self._idf[best[0]])
            if len(found) == 1:  # the usual case: add the posting directly
                wid, sim = next(iter(found.items()))
                coverage[self._post_docs[wid]] += (weight * sim) * self._post_weights[wid]
            else:
                per_word = np.zeros(len(self._docs), np.float32)
                for wid, sim in found.items():
                    docs = self._post_docs[wid]  # unique within one posting
                    per_word[docs] = np.maximum(per_word[docs], self._post_weights[wid] * sim)
                coverage += weight * per_word
            total += weight
        coverage /= total
        coverage *= self._mask(flt)
        candidates = np.flatnonzero(coverage > 0)
        if len(candidates) > RERANK:
            top = np.argpartition(-coverage[candidates], RERANK)[:RERANK]
            candidates = candidates[top]
        if len(candidates) == 0 or limit <= 0:
            return []
        # one cdist of fuzz.ratio over token-sorted names (= token_sort_ratio); names other
        # than the first (the title) count a little less
        listed = candidates.tolist()
        flat = list(chain.from_iterable(map(self._sorted_names.__getitem__, listed)))
        sims = process.cdist([_sorted_key(key)], flat, scorer=fuzz.ratio, dtype=np.float32)[0]
        counts = self._name_counts[candidates]
        starts = np.zeros(len(listed), np.intp)
        np.cumsum(counts[:-1], out=starts[1:])
        titles = sims[starts]
        sims *= 0.95
        sims[starts] = titles
        similarity = np.maximum.reduceat(sims, starts)
        scores = COVERAGE_SHARE * coverage[candidates] + 0.15 * similarity
        keep = np.flatnonzero(scores >= min_score)
        if len(keep) > limit:  # the best *limit*, and whatever ties with the last of them
            cut = np.partition(scores[keep], len(keep) - limit)[len(keep) - limit]
            keep = keep[scores[keep] >= cut]
        scored = sorted(
            ((float(scores[i]), listed[i]) for i in keep.tolist()),
            key=lambda item: (-item[0], self._docs[item[1]].label),
        )
        return [self._hit(number, score, expansions) for score, number in scored[:limit]]

    def _hit(self, number: int, score: float, expansions: list[dict[int, float]]) -> Hit:
        """The hit, with the fewest fields that together contain the matched query words."""
        doc = self._docs[number]
        covers = [
            (field, {j for j, found in enumerate(expansions) if field.words & found.keys()})
            for field in doc.fields
        ]
        matched: list[str] = []
        left = set().union(*(c for _, c in covers))
        while left:
            field, words = max(covers, key=lambda item: len(item[1] & left))
            matched.append(f"{field.label}: {field.text.strip()}")
            left -= words
        return Hit(doc.type, doc.id, doc.label, round(min(score, 100.0), 1), tuple(matched))
