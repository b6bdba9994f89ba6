"""Matching a coordinator's local list of services to the register (``kpss match``).

Layers, strongest evidence first (as in Open Referral's de-duplication work):

1. **identifikator**: the local row names a register identifier that exists → matched, 100.
2. **IČO**: the provider's services are the only candidates; a provider with one service
   is matched at once (``ico``), otherwise the name decides among them (``ico+name``; the
   IČO is worth +10).
3. **exact name + obec**: the normalised name (:func:`kpss.find.text.normalize`: no diacritics,
   no case, no legal form) equals a name of a service located in the row's obec: +5 on top
   of the fuzzy score (reason ``name+obec``); a single such service is matched.
4. **fuzzy**: one :func:`rapidfuzz.process.cdist` per block scores the rows' names against
   every name of the services in the same obec (the block), in its ORP when the obec gives
   nothing good, or in the whole register when the row has no place; the best
   :data:`_TOP` services per row are kept. Their names (title, facilities, provider,
   provider + title, kind + obec) are then scored exactly: ``token_sort_ratio``, or
   :data:`SUBSET_SCORE` (90) when all words of one name are among the other's; names other
   than the title × :data:`OTHER_NAME_WEIGHT` (0.95). Evidence adds to it: same phone +10,
   same web or e-mail +10, same street and house number as a facility or contact address
   +10, provider name similar (``token_set_ratio`` ≥ 85) +5 or dissimilar
   (< 50) −10, same kind +5 or another kind −20, none of the row's distinctive words
   (not generic, not its obec's name; close spellings count) in the service's names −15.
   Services sharing a phone, web or e-mail
   with the row, and services of a provider named like the row's provider, are candidates
   too (the latter only within the row's obec when it has one).

Decision (thresholds chosen on messy lists, see ``benchmarks/README.md``): the best
candidate is **matched** when its score ≥ :data:`MATCH_SCORE` (85) and the runner-up is
at least :data:`MARGIN` (5) points lower; otherwise candidates ≥ :data:`REVIEW_SCORE` (70)
go to **ambiguous** for a human; below that the row is **unmatched**. Scores are reported
capped at 100 (ranking uses the uncapped sum). A register service matched by two rows
stays with the better row; the other row becomes ambiguous. ``unmatched_register`` lists
the catalogue's services that no row matched and no row proposes for review.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

import attrs
import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from kpss import reference
from kpss.find.keys import email_domain, email_key, phones, web_domain
from kpss.find.local_list import LocalEntry, LocalList
from kpss.find.match_result import Ambiguous, Candidate, Match, MatchResult
from kpss.find.text import GENERIC_WORDS, normalize
from kpss.model.actors import normalize_ico
from kpss.model.catalog import Catalog
from kpss.model.contacts import ContactKind
from kpss.model.law import LawTable
from kpss.model.services import Service
from kpss.model.territory import Territory
from kpss.perf import paused_gc

__all__ = [
    "MARGIN",
    "MATCH_SCORE",
    "REVIEW_SCORE",
    "Ambiguous",
    "Candidate",
    "Match",
    "MatchResult",
    "Matcher",
    "match_local",
]

MATCH_SCORE = 85.0
REVIEW_SCORE = 70.0
MARGIN = 5.0
MAX_CANDIDATES = 5
#: token_sort_ratio below which a block's names are not candidates at all
_FLOOR = 40.0
#: Names other than the service's title (other facilities, provider, kind + obec) count
#: slightly less, so that the service *titled* "Domov pro seniory Kroměříž" wins over a
#: day-care centre that lists the same building as its second facility.
OTHER_NAME_WEIGHT = 0.95
#: Taken off when none of the row's distinctive words (not generic like "domov", "služba",
#: not its obec's name) is in any name of the service: "Klub seniorů Plzeň" is not
#: "Domov seniorů Plzeň", however alike the strings are.
DISTINCTIVE_PENALTY = 15.0
#: Name score when all words of one name are among the words of the other
#: ("Pečovatelská služba" and "Pečovatelská služba Kroměříž"): 0.9 × token_set_ratio.
SUBSET_SCORE = 90.0
#: candidates whose name scores this much below the best are not looked at further (they
#: could only win if the best had contradicting provider and kind and they had all evidence)
_SPREAD = 35.0
#: word subsets are looked for only among names with a token_sort_ratio at least this high
_SUBSET_FROM = 50.0
#: services per row kept from a block's cdist (then scored exactly, with evidence)
_TOP = 12
#: Free mail providers: sharing one of these domains says nothing about the organisation.
FREE_MAIL = frozenset(
    {"seznam.cz", "email.cz", "centrum.cz", "gmail.com", "post.cz", "volny.cz", "atlas.cz",
     "tiscali.cz", "outlook.com", "hotmail.com", "yahoo.com", "quick.cz", "iol.cz"}
)  # fmt: skip

FloatMatrix = npt.NDArray[np.float32]
#: raw score, service number, base reason, evidence
_Scored = tuple[float, int, str, tuple[str, ...]]
IntArray = npt.NDArray[np.intp]


@attrs.frozen
class _Prepared:
    entry: LocalEntry
    name: str
    obce: frozenset[str]
    phones: frozenset[str]
    webs: frozenset[str]
    emails: frozenset[str]
    provider: str
    kind: str | None
    ico: str | None
    provider_hits: frozenset[int] = frozenset()
    distinctive: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()


def _service_names(service: Service, places: Sequence[str]) -> tuple[list[str], list[str]]:
    """Normalised names of *service* (title, facilities, provider) and further keys a
    local row may use: provider + title, and "kind + obec" ("pecovatelska sluzba bukov")."""
    names: list[str] = []
    for text in (service.title, *(f.name for f in service.facilities), service.provider.name):
        key = normalize(text)
        if key and key not in names:
            names.append(key)
    extra: list[str] = []
    for text in (
        f"{service.provider.name} {service.title}",
        *(f"{service.kind.name} {place}" for place in places if service.kind is not None),
    ):
        key = normalize(text)
        if key and key not in names and key not in extra:
            extra.append(key)
    return names, extra


def _sorted_key(key: str) -> str:
    return " ".join(sorted(key.split()))


_HOUSE = re.compile(r"(\d+)(?:\s*/\s*(\d+\w?))?")


def _street_key(street: str, number: str) -> str:
    return f"{normalize(street)} {number}".strip()


def _address_keys(service: Service) -> frozenset[str]:
    """``street number`` keys (normalised) of the service's facilities and contact addresses,
    with the house number (číslo popisné) and the orientation number (číslo orientační)."""
    keys: set[str] = set()
    addresses = [f.address for f in service.facilities if f.address is not None]
    for address in (*addresses, *service.contact_addresses):
        if not address.street:
            continue
        for number in (address.house_number, address.orientation_number):
            if number:
                keys.add(_street_key(address.street, str(number)))
    return frozenset(keys)


def _local_address_keys(text: str) -> frozenset[str]:
    """Keys like :func:`_address_keys` from a free-text address ("Nádražní 12/3, Bukov")."""
    keys: set[str] = set()
    for part in text.replace(";", ",").split(","):
        match = _HOUSE.search(part)
        if match is None:
            continue
        street = part[: match.start()].strip()
        if not street or street[0].isdigit():
            continue
        for number in match.groups():
            if number:
                keys.add(_street_key(street, number))
    return frozenset(keys)


def _contact_keys(service: Service) -> tuple[set[str], set[str], set[str]]:
    tel: set[str] = set()
    web: set[str] = set()
    mail: set[str] = set()
    for contact in (*service.contacts, *service.provider.contacts):
        if contact.kind in (ContactKind.PHONE, ContactKind.FAX):
            tel.update(phones(contact.value))
        elif contact.kind is ContactKind.WEB:
            if domain := web_domain(contact.value):
                web.add(domain)
        elif contact.kind is ContactKind.EMAIL and (key := email_key(contact.value)):
            mail.add(key)
            domain = key.rsplit("@", 1)[1]
            if domain not in FREE_MAIL:
                web.add(domain)
    return tel, web, mail


class Matcher:
    """Indexes of the register prepared once; :meth:`match` runs a local list against them.

    *catalog* should already be limited to the territory of interest (its services that no
    row matches are reported as ``unmatched_register``).
    """

    def __init__(
        self,
        catalog: Catalog,
        territory: Territory | None = None,
        *,
        law: LawTable | None = None,
        match_score: float = MATCH_SCORE,
        review_score: float = REVIEW_SCORE,
        margin: float = MARGIN,
    ) -> None:
        with paused_gc():
            self._build(catalog, territory, law, match_score, review_score, margin)

    def _build(
        self,
        catalog: Catalog,
        territory: Territory | None,
        law: LawTable | None,
        match_score: float,
        review_score: float,
        margin: float,
    ) -> None:
        self.catalog = catalog
        self.territory = territory if territory is not None else reference.territory()
        self.law = law if law is not None else reference.law()
        self.match_score = match_score
        self.review_score = review_score
        self.margin = margin
        self.services: list[Service] = list(catalog)
        self._position = {s.identifier: i for i, s in enumerate(self.services)}
        row_keys: list[str] = []
        row_service: list[int] = []
        self._names: list[list[str]] = []
        self._sorted_names: list[list[str]] = []
        self._name_words: list[list[frozenset[str]]] = []
        self._all_words: list[frozenset[str]] = []
        self._obec_words: dict[str, frozenset[str]] = {
            code: frozenset(normalize(unit.name).split())
            for code, unit in self.territory.obce.items()
        }
        self._provider_key: list[str] = []
        obec_rows: dict[str, list[int]] = defaultdict(list)
        self._exact: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._by_ico: dict[str, list[int]] = defaultdict(list)
        by_provider: dict[str, list[int]] = defaultdict(list)
        self._by_phone: dict[str, set[int]] = defaultdict(set)
        self._by_web: dict[str, set[int]] = defaultdict(set)
        self._by_mail: dict[str, set[int]] = defaultdict(set)
        self._contacts: list[tuple[set[str], set[str], set[str]]] = []
        self._addresses: list[frozenset[str]] = []
        self._obce: list[frozenset[str]] = []
        for number, service in enumerate(self.services):
            places = [
                unit.name
                for code in sorted(service.facility_obce())[:1]
                if (unit := self.territory.obce.get(code)) is not None
            ]
            names, extra = _service_names(service, places)
            self._names.append(names + extra)
            self._sorted_names.append([_sorted_key(k) for k in names + extra])
            self._name_words.append([frozenset(k.split()) for k in names + extra])
            self._all_words.append(frozenset().union(*self._name_words[-1]))
            self._provider_key.append(normalize(service.provider.name))
            by_provider[_sorted_key(self._provider_key[-1])].append(number)
            first_row = len(row_keys)
            row_keys.extend(names + extra)
            row_service.extend([number] * (len(names) + len(extra)))
            obce = service.obce()
            if service.provider.seat and service.provider.seat.obec_code:
                obce |= {service.provider.seat.obec_code}
            self._obce.append(obce)
            for obec in obce:
                obec_rows[obec].extend(range(first_row, len(row_keys)))
                for name in names:
                    self._exact[(name, obec)].add(number)
            if service.provider.ico:
                self._by_ico[service.provider.ico].append(number)
            keys = _contact_keys(service)
            self._contacts.append(keys)
            self._addresses.append(_address_keys(service))
            for value in keys[0]:
                self._by_phone[value].add(number)
            for value in keys[1]:
                self._by_web[value].add(number)
            for value in keys[2]:
                self._by_mail[value].add(number)
        self._row_keys = row_keys
        self._name_counts = np.array([len(n) for n in self._names], np.intp)
        self._provider_names = list(by_provider)
        self._provider_services = [by_provider[k] for k in self._provider_names]
        self._row_service = np.array(row_service, np.intp)
        self._obec_rows = {k: np.array(v, np.intp) for k, v in obec_rows.items()}
        self._all_rows = np.arange(len(row_keys), dtype=np.intp)
        uniq: dict[str, int] = {}
        self._row_uid = np.array(
            [uniq.setdefault(k, len(uniq)) for names in self._sorted_names for k in names], np.intp
        )
        self._uniq = list(uniq)
        self._all_block: tuple[list[str], IntArray, IntArray, IntArray] | None = None
        self._obec_names: dict[str, list[str]] = defaultdict(list)
        for unit in self.territory.obce.values():
            self._obec_names[normalize(unit.name)].append(unit.code)

    # -- preparing local rows ----------------------------------------------------------
    def _resolve_obce(self, entry: LocalEntry) -> frozenset[str]:
        text = entry.get("obec")
        if text:
            if text.isdigit() and text in self.territory.obce:
                return frozenset({text})
            codes = self._obec_names.get(normalize(text)) or []
            known = [c for c in codes if c in self._obec_rows]
            return frozenset(known or codes)
        address = entry.get("address")
        if not address:
            return frozenset()
        # the obec usually follows the PSČ or ends the address: try the last parts first
        parts = [p for p in address.replace(";", ",").split(",") if p.strip()]
        for part in reversed(parts):
            words = normalize("".join(ch for ch in part if not ch.isdigit())).split()
            for size in range(min(5, len(words)), 0, -1):
                for start in range(len(words) - size, -1, -1):
                    found = self._obec_names.get(" ".join(words[start : start + size]))
                    if found:
                        known = [c for c in found if c in self._obec_rows]
                        if known:
                            return frozenset(known)
        return frozenset()

    def _prepare(self, entry: LocalEntry) -> _Prepared:
        ico: str | None = None
        raw_ico = entry.get("ico")
        if raw_ico:
            try:
                ico = normalize_ico(raw_ico)
            except ValueError:
                ico = None
        kind_text = entry.get("kind")
        kind = self.law.resolve(kind_text) if kind_text else None
        mails = {k for v in entry.get("email").replace(";", ",").split(",") if (k := email_key(v))}
        webs = {
            d for v in entry.get("web").replace(";", ",").split() if (d := web_domain(v.strip(",")))
        }
        webs |= {d for m in mails if (d := email_domain(m)) and d not in FREE_MAIL}
        name = normalize(entry.get("name"))
        obce = self._resolve_obce(entry)
        place: set[str] = set()
        for code in obce:
            place |= self._obec_words.get(code, frozenset())
        return _Prepared(
            entry=entry,
            name=name,
            distinctive=frozenset(
                w
                for w in name.split()
                if len(w) > 2 and not w.isdigit() and w not in GENERIC_WORDS and w not in place
            ),
            obce=obce,
            phones=frozenset(phones(entry.get("phone"))),
            addresses=_local_address_keys(entry.get("address")),
            webs=frozenset(webs),
            emails=frozenset(mails),
            provider=normalize(entry.get("provider")),
            kind=kind.key if kind else None,
            ico=ico,
        )

    # -- scoring -----------------------------------------------------------------------
    def _block(self, rows: IntArray) -> tuple[list[str], IntArray, IntArray, IntArray]:
        """Distinct sorted keys of *rows*, the inverse map, segment starts and services."""
        uids, inverse = np.unique(self._row_uid[rows], return_inverse=True)
        owners = self._row_service[rows]
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        return [self._uniq[u] for u in uids.tolist()], inverse, starts, owners[starts]

    def _prefilter(self, group: list[_Prepared], rows: IntArray) -> list[list[int]]:
        """The best :data:`_TOP` services of *rows* for each row of *group*.

        One :func:`rapidfuzz.process.cdist` of ``fuzz.ratio`` over token-sorted keys (that is
        ``token_sort_ratio``) of the group's names against the block's distinct names.
        """
        if len(rows) == 0 or not group:
            return [[] for _ in group]
        if len(rows) == len(self._row_keys):
            if self._all_block is None:
                self._all_block = self._block(rows)
            choices, inverse, starts, owners = self._all_block
        else:
            choices, inverse, starts, owners = self._block(rows)
        queries = [_sorted_key(p.name) for p in group]
        workers = -1 if len(queries) * len(choices) > 100_000 else 1
        matrix = process.cdist(
            queries, choices, scorer=fuzz.ratio, dtype=np.uint8, workers=workers,
            score_cutoff=int(_FLOOR),
        )  # fmt: skip
        per_service = np.maximum.reduceat(matrix[:, inverse], starts, axis=1)
        result: list[list[int]] = []
        for line in per_service:
            keep = np.flatnonzero(line)
            if len(keep) > _TOP:
                keep = keep[np.argpartition(-line[keep], _TOP)[:_TOP]]
            result.append(owners[keep].tolist())
        return result

    def _name_scores(self, name: str, numbers: Iterable[int]) -> dict[int, float]:
        """``token_sort_ratio`` (or :data:`SUBSET_SCORE` for word subsets) per service's names,
        names other than the title weighted by :data:`OTHER_NAME_WEIGHT`."""
        services = np.fromiter(numbers, np.intp)
        if len(services) == 0:
            return {}
        if not name:
            return dict.fromkeys(services.tolist(), 0.0)
        listed = services.tolist()
        sorted_keys = list(chain.from_iterable(map(self._sorted_names.__getitem__, listed)))
        # fuzz.ratio of token-sorted strings is token_sort_ratio, four times cheaper
        sort = process.cdist([_sorted_key(name)], sorted_keys, scorer=fuzz.ratio, dtype=np.float32)
        scores = sort[0]
        # word subsets, looked for among names that are already half alike
        maybe = np.flatnonzero((scores >= _SUBSET_FROM) & (scores < SUBSET_SCORE)).tolist()
        if maybe:
            words = frozenset(name.split())
            word_sets = list(chain.from_iterable(map(self._name_words.__getitem__, listed)))
            for position in maybe:
                other = word_sets[position]
                if words <= other or other <= words:
                    scores[position] = SUBSET_SCORE
        counts = self._name_counts[services]
        starts = np.zeros(len(services), np.intp)
        np.cumsum(counts[:-1], out=starts[1:])
        titles = scores[starts]
        scores *= OTHER_NAME_WEIGHT
        scores[starts] = titles
        per_service = np.maximum.reduceat(scores, starts)
        return dict(zip(listed, per_service.tolist(), strict=True))

    def _evidence(self, prepared: _Prepared, number: int, name_score: float) -> _Scored:
        """The candidate's raw score (may exceed 100; used for ranking) and the evidence."""
        score = name_score
        reasons: list[str] = []
        tel, web, mail = self._contacts[number]
        if prepared.phones & tel:
            score += 10
            reasons.append("phone")
        if prepared.webs & web or prepared.emails & mail:
            score += 10
            reasons.append("web")
        if prepared.addresses & self._addresses[number]:
            score += 10
            reasons.append("address")
        if prepared.provider:
            similarity = fuzz.token_set_ratio(prepared.provider, self._provider_key[number])
            if similarity >= 85:
                score += 5
                reasons.append("provider")
            elif similarity < 50:
                score -= 10
        if prepared.distinctive and not self._has_words(prepared.distinctive, number):
            score -= DISTINCTIVE_PENALTY
        kind = self.services[number].kind
        if prepared.kind is not None and kind is not None:
            if kind.key == prepared.kind:
                score += 5
                reasons.append("kind")
            else:
                score -= 20
        return score, number, "fuzzy", tuple(reasons)

    def _has_words(self, words: frozenset[str], number: int) -> bool:
        """Whether some of *words* (or a close spelling, ``ratio`` ≥ 80) is in a service name."""
        names = self._all_words[number]
        if words & names:
            return True
        return any(process.extractOne(w, names, scorer=fuzz.ratio, score_cutoff=80) for w in words)

    def _candidate(self, scored: _Scored) -> Candidate:
        raw, number, base, reasons = scored
        shown = round(max(0.0, min(raw, 100.0)), 1)
        return Candidate(self.services[number].identifier, shown, "+".join([base, *reasons]))

    def _contact_hits(self, prepared: _Prepared) -> set[int]:
        found: set[int] = set()
        for value in prepared.phones:
            found |= self._by_phone.get(value, set())
        for value in prepared.webs:
            found |= self._by_web.get(value, set())
        for value in prepared.emails:
            found |= self._by_mail.get(value, set())
        return found

    def _rows_for(self, obce: Iterable[str]) -> IntArray:
        arrays = [self._obec_rows[c] for c in obce if c in self._obec_rows]
        if not arrays:
            return np.empty(0, np.intp)
        return arrays[0] if len(arrays) == 1 else np.unique(np.concatenate(arrays))

    def _orp_obce(self, obce: Iterable[str]) -> set[str]:
        result: set[str] = set()
        for code in obce:
            obec = self.territory.obce.get(code)
            if obec is not None:
                orp = self.territory.orp.get(obec.orp_code)
                if orp is not None:
                    result |= self.territory.obec_codes(orp)
        return result

    def _decide(self, prepared: _Prepared, candidates: list[_Scored]) -> Match | Ambiguous | None:
        index = prepared.entry.index
        ranked = sorted(candidates, key=lambda c: (-c[0], self.services[c[1]].identifier))
        if not ranked or ranked[0][0] < self.review_score:
            return None
        runner = ranked[1][0] if len(ranked) > 1 else -1.0
        if ranked[0][0] >= self.match_score and ranked[0][0] - runner >= self.margin:
            best = self._candidate(ranked[0])
            return Match(index, best.identifier, best.score, best.reason)
        kept = [c for c in ranked[:MAX_CANDIDATES] if c[0] >= self.review_score]
        return Ambiguous(index, tuple(self._candidate(c) for c in kept))

    # -- matching ----------------------------------------------------------------------
    def match(self, local: LocalList) -> MatchResult:
        """Match every row of *local*; see the module docstring for the rules."""
        with paused_gc():
            return self._match(local)

    def _match(self, local: LocalList) -> MatchResult:
        decided: dict[int, Match | Ambiguous | None] = {}
        pending: list[_Prepared] = []
        for entry in local.entries:
            identifier = entry.get("identifier")
            if identifier and identifier in self._position:
                decided[entry.index] = Match(entry.index, identifier, 100.0, "identifikator")
                continue
            pending.append(self._prepare(entry))
        pending = self._with_provider_hits(pending)
        blocks: dict[frozenset[str], list[_Prepared]] = defaultdict(list)
        for prepared in pending:
            if not prepared.name and not prepared.ico:
                decided[prepared.entry.index] = None
            elif prepared.ico and prepared.ico in self._by_ico:
                decided[prepared.entry.index] = self._match_ico(prepared)
            else:
                blocks[prepared.obce].append(prepared)
        retry: list[_Prepared] = []
        for obce, group in blocks.items():
            rows = self._rows_for(obce) if obce else self._all_rows
            for prepared, found in zip(group, self._prefilter(group, rows), strict=True):
                outcome = self._finish(prepared, found, exact_in=obce)
                if outcome is None and obce:
                    retry.append(prepared)
                else:
                    decided[prepared.entry.index] = outcome
        # nothing good in the obec: look in its ORP (a facility registered in a nearby obec)
        orp_blocks: dict[frozenset[str], list[_Prepared]] = defaultdict(list)
        for prepared in retry:
            orp_blocks[frozenset(self._orp_obce(prepared.obce))].append(prepared)
        for obce, group in orp_blocks.items():
            rows = self._rows_for(obce)
            for prepared, found in zip(group, self._prefilter(group, rows), strict=True):
                decided[prepared.entry.index] = self._finish(prepared, found, exact_in=frozenset())
        return self._result(local, decided)

    def _with_provider_hits(self, pending: list[_Prepared]) -> list[_Prepared]:
        """Services of providers named like each row's provider (token_sort_ratio ≥ 90)."""
        asking = [p for p in pending if p.provider]
        if not asking or not self._provider_names:
            return pending
        matrix = process.cdist(
            [_sorted_key(p.provider) for p in asking], self._provider_names, scorer=fuzz.ratio,
            dtype=np.uint8, workers=-1, score_cutoff=90,
        )  # fmt: skip
        hits: dict[int, frozenset[int]] = {}
        for prepared, line in zip(asking, matrix, strict=True):
            close = np.flatnonzero(line)[:10]
            hits[prepared.entry.index] = frozenset(
                n for k in close.tolist() for n in self._provider_services[k]
            )
        return [
            attrs.evolve(p, provider_hits=hits[p.entry.index]) if p.entry.index in hits else p
            for p in pending
        ]

    def _match_ico(self, prepared: _Prepared) -> Match | Ambiguous | None:
        """Among the services of the row's provider (IČO): one is a match, several need
        the name (the IČO itself is worth +10)."""
        numbers = self._by_ico[prepared.ico or ""]
        index = prepared.entry.index
        if len(numbers) == 1:
            return Match(index, self.services[numbers[0]].identifier, 100.0, "ico")
        names = self._name_scores(prepared.name, numbers)
        candidates: list[_Scored] = []
        for number in numbers:
            raw, _, _, reasons = self._evidence(prepared, number, names[number])
            candidates.append((raw + 10.0, number, "ico+name", reasons))
        outcome = self._decide(prepared, candidates)
        if outcome is None:
            ranked = sorted(candidates, key=lambda c: -c[0])[:MAX_CANDIDATES]
            return Ambiguous(index, tuple(self._candidate(c) for c in ranked))
        return outcome

    def _finish(
        self, prepared: _Prepared, found: list[int], exact_in: frozenset[str]
    ) -> Match | Ambiguous | None:
        """Score the prefiltered services plus those sharing a contact or the provider's name;
        the same normalised name in the row's obec is worth +5 (reason ``name+obec``)."""
        exact: set[int] = set()
        if exact_in and prepared.name:
            exact = set().union(*(self._exact.get((prepared.name, c), set()) for c in exact_in))
        hits = prepared.provider_hits
        if exact_in:  # a named provider's services elsewhere in the country do not count
            hits = frozenset(n for n in hits if self._obce[n] & exact_in)
        numbers = set(found) | exact | self._contact_hits(prepared) | hits
        candidates: list[_Scored] = []
        scores = self._name_scores(prepared.name, numbers)
        floor = max(scores.values(), default=0.0) - _SPREAD
        # the most evidence can add for this row (phone, web, provider, kind, exact name)
        cap = (
            10.0 * bool(prepared.phones)
            + 10.0 * bool(prepared.webs or prepared.emails)
            + 5.0 * bool(prepared.provider)
            + 5.0 * bool(prepared.kind)
            + 5.0 * bool(exact)
            + 10.0 * bool(prepared.addresses)
        )
        best = -1.0
        tops: list[float] = []  # the best raw scores so far, at most MAX_CANDIDATES
        for number, name_score in sorted(scores.items(), key=lambda item: -item[1]):
            # stop when no later service can be the match, come within the margin of the
            # best, change a clear match, or make the list for review
            bound = name_score + cap
            if bound < self.review_score:
                break
            if bound < best - self.margin:
                clear = best >= self.match_score and (
                    len(tops) < 2 or tops[1] <= best - self.margin
                )
                if clear or (len(tops) == MAX_CANDIDATES and bound <= tops[-1]):
                    break
            if name_score < floor and number not in exact:
                continue
            scored = self._evidence(prepared, number, name_score)
            if number in exact:
                scored = (scored[0] + 5.0, number, "name+obec", scored[3])
            candidates.append(scored)
            best = max(best, scored[0])
            tops = sorted([*tops, scored[0]], reverse=True)[:MAX_CANDIDATES]
        return self._decide(prepared, candidates)

    def _result(
        self, local: LocalList, decided: Mapping[int, Match | Ambiguous | None]
    ) -> MatchResult:
        matched: dict[str, Match] = {}
        ambiguous: list[Ambiguous] = []
        unmatched: list[int] = []
        for index in sorted(decided):
            outcome = decided[index]
            if outcome is None:
                unmatched.append(index)
            elif isinstance(outcome, Ambiguous):
                ambiguous.append(outcome)
            else:
                held = matched.get(outcome.identifier)
                if held is None or held.score < outcome.score:
                    matched[outcome.identifier] = outcome
                    loser = held
                else:
                    loser = outcome
                if loser is not None:  # one register service, two local rows
                    ambiguous.append(
                        Ambiguous(
                            loser.local_index,
                            (Candidate(loser.identifier, loser.score, loser.reason),),
                        )
                    )
        proposed = {c.identifier for a in ambiguous for c in a.candidates}
        unmatched_register = [
            s.identifier
            for s in self.services
            if s.identifier not in matched and s.identifier not in proposed
        ]
        return MatchResult(
            matched=sorted(matched.values(), key=lambda m: m.local_index),
            ambiguous=sorted(ambiguous, key=lambda a: a.local_index),
            unmatched_local=unmatched,
            unmatched_register=unmatched_register,
            local=local,
            catalog=self.catalog,
        )


def match_local(
    local: LocalList, catalog: Catalog, territory: Territory | None = None
) -> MatchResult:
    """Match *local* to *catalog* with the default thresholds (see :class:`Matcher`)."""
    return Matcher(catalog, territory).match(local)
