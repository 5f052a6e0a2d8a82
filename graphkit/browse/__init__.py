"""What the workbench shows, as plain data: search hits, entity, edge and article pages.

The pages, their JSON answers and the Python API (``kg.search``, ``kg.entity``,
``kg.evidence``, ``kg.article``) share these dataclasses; every query is in
:mod:`graphkit.browse.queries`. Ids are IRIs without the resource namespace
(``agency/by-ic``, ``article/<hash>``); full IRIs are accepted too.

>>> entity_id("https://w3id.org/ccg/resource/agency/by-ic"), entity_iri_of("agency/by-ic")
('agency/by-ic', 'https://w3id.org/ccg/resource/agency/by-ic')
>>> fold("Untersuchungsausschuß"), fold("Ministère")
('untersuchungsausschuss', 'ministere')
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any

from .. import aggregate
from ..rdf import RES
from ..store import GraphStore
from ..vocabulary import RELATION, RELATION_LABELS, SYMMETRIC, relation_of
from . import queries as Q

__all__ = [
    "ArticlePage",
    "Browser",
    "EdgePage",
    "EntityPage",
    "EntityRef",
    "Evidence",
    "SearchHit",
    "TiesPage",
    "entity_id",
    "entity_iri_of",
    "fold",
]


def entity_id(iri: str) -> str:
    """The short id of an IRI of the resource namespace (other IRIs stay whole)."""
    return iri[len(RES) :] if iri.startswith(str(RES)) else iri


def entity_iri_of(id_: str) -> str:
    """The IRI of a short id (a full IRI stays as it is)."""
    return id_ if id_.startswith(("http://", "https://")) else f"{RES}{id_.lstrip('/')}"


def fold(text: str) -> str:
    """``text`` for matching: accents dropped, case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass
class EntityRef:
    """An entity as a link: id, preferred label, core type."""

    id: str
    label: str
    type: str | None = None


@dataclass
class SearchHit:
    """A search result: the entity, the name that matched (and its rank: 0 exact, 1 prefix,
    2 word prefix, 3 inside) and how many articles mention it."""

    entity: EntityRef
    matched: str
    rank: int
    articles: int


@dataclass
class Evidence:
    """One assertion of a relation: the sentence, the article it comes from, the extractor's
    confidence, cooperation kind and rule."""

    relation: str
    subject: str
    object: str
    sentence: str | None
    article: str
    title: str | None
    date: str | None
    lang: str | None
    url: str | None
    confidence: float | None
    kind: str | None
    rule: str | None

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


#: Evidence sentences an entity page shows per tie, newest first (its edge page has them all).
TIE_SENTENCES = 3
#: How many assertions an entity page reads the sentences of, at most (each costs a few
#: lookups: a hub has thousands). Ties are taken strongest first, in turn from each relation,
#: while their article counts fit; an entity with few ties gets all of them.
EVIDENCE_BUDGET = 100
#: Ties per relation an entity page lists at all (the others are counted).
TIES_LISTED = 30


@dataclass
class _Ties:
    """What an entity page knows of an entity's ties before their sentences: the articles
    of the ties read (all, or the strongest per relation), how many ties it has per relation, its
    ties and their articles per year, and every assertion where those were read instead of the view."""

    counts: dict[TieKey, int]
    per_relation: dict[str, int]
    years: list[dict[str, Any]]
    evidence: list[Evidence] | None = None

    @property
    def total(self) -> int:
        return sum(self.per_relation.values())


@dataclass
class Tie:
    """An entity's relation to another one: how many articles state it (of this kind) and
    the newest of their sentences (none for the ties past :data:`EVIDENCE_BUDGET`)."""

    relation: str
    label: str
    kind: str | None
    other: EntityRef
    outgoing: bool
    evidence: list[Evidence] = field(default_factory=list)
    count: int = 0


@dataclass
class EntityPage:
    """Everything graphkit knows about one entity."""

    entity: EntityRef
    names: list[dict[str, Any]]
    country: list[EntityRef]
    parents: list[EntityRef]
    units: list[EntityRef]
    articles: int
    ties: dict[str, list[Tie]]
    years: list[dict[str, Any]]
    partners: list[EntityRef]
    #: Distinct partners; None when not every tie was read (a hub: ``tie_count`` counts them).
    partner_count: int | None
    ties_not_listed: int
    merged: list[dict[str, Any]]
    tie_count: int = 0
    #: Ties per relation of the relations with more than are listed (the rest on ``kg.ties``).
    more: dict[str, int] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        """The ties as table rows (one per sentence shown, one for a tie without), for CSV."""
        return [
            {"group": group, "relation": t.relation, "kind": t.kind or "", "other": t.other.id,
             "other_label": t.other.label, "articles": t.count, **_evidence_row(ev)}
            for group, ties in self.ties.items() for t in ties for ev in (t.evidence or [None])
        ]


@dataclass
class TiesPage:
    """One page of an entity's ties of one relation, past those its page lists."""

    entity: EntityRef
    relation: str
    label: str
    page: int
    pages: int
    total: int
    ties: list[Tie]
    per_page: int = TIES_LISTED

    def rows(self) -> list[dict[str, Any]]:
        return [{"relation": t.relation, "kind": t.kind or "", "other": t.other.id, "other_label": t.other.label,
                 "outgoing": t.outgoing, "articles": t.count} for t in self.ties]


@dataclass
class EdgePage:
    """Every assertion that ties two entities, per year."""

    a: EntityRef
    b: EntityRef
    evidence: list[Evidence]
    years: list[dict[str, Any]]

    def rows(self) -> list[dict[str, Any]]:
        return [_evidence_row(ev) | {"relation": ev.relation, "subject": ev.subject, "object": ev.object}
                for ev in self.evidence]


@dataclass
class ArticlePage:
    """An article as the machine read it: its text (``full_text``; else, for a store built
    before the text was kept, the evidence sentences) cut into segments, those the extractor
    recognised as a mention carrying the entity and its type; the entities it mentions and
    the relations extracted from it."""

    id: str
    title: str | None
    date: str | None
    lang: str | None
    url: str | None
    source: str | None
    sentences: list[list[dict[str, Any]]]
    mentions: list[EntityRef]
    extracted: list[Evidence]
    full_text: bool = False

    def rows(self) -> list[dict[str, Any]]:
        return [_evidence_row(ev) | {"relation": ev.relation, "subject": ev.subject, "object": ev.object}
                for ev in self.extracted]


def _evidence_row(ev: Evidence | None) -> dict[str, Any]:
    if ev is None:
        return dict.fromkeys(("sentence", "article", "title", "date", "lang", "url", "confidence"), "")
    return {
        "sentence": ev.sentence or "", "article": ev.article, "title": ev.title or "", "date": ev.date or "",
        "lang": ev.lang or "", "url": ev.url or "", "confidence": "" if ev.confidence is None else ev.confidence,
    }


def as_data(page: Any) -> Any:
    """A page (or list of them) as JSON-ready dicts and lists (plain data stays as it is)."""
    if isinstance(page, list):
        return [as_data(p) for p in page]
    return asdict(page) if is_dataclass(page) else page


class Browser:
    """The read side of the workbench over a store; the name index for search is built once
    per change of the store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._index: tuple[Hashable, list[tuple[str, str, str, str, int]]] | None = None
        self._memo: dict[str, tuple[Hashable, Any]] = {}

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, kept until the store changes (for the home page's counts)."""
        token = self.store.change_token()
        if key not in self._memo or self._memo[key][0] != token:
            self._memo[key] = (token, compute())
        return self._memo[key][1]

    def overview(self) -> dict[str, Any]:
        """Articles, entities per core type and relations (distinct pairs) per relation, as
        ``kg.stats()`` counts them but from the aggregate view (``kg.stats()`` itself, where
        the view is empty), for the home page.

        >>> from graphkit.store import open_store
        >>> Browser(open_store(None)).overview()["articles"]
        0
        """
        types = self.store.select(Q.VIEW_TYPES, union=False)
        if not types:
            from ..graph import KnowledgeGraph

            return KnowledgeGraph(self.store).stats()
        relations = dict.fromkeys(RELATION_LABELS, 0)
        for r in self.store.select(Q.VIEW_TOTALS, union=False) or self.store.select(Q.VIEW_RELATIONS, union=False):
            rel = relation_of(r["rel"])
            if rel is not None:
                relations[rel.name] = r["n"]
        return {
            "articles": self.store.select(Q.ARTICLE_COUNT, union=False)[0]["n"],
            "entities": {r["t"].rsplit("#", 1)[-1]: r["n"] for r in types},
            "relations": relations,
        }

    # -- search ----------------------------------------------------------------------
    def _names(self) -> list[tuple[str, str, str, str, int]]:
        """(folded name, name, IRI, type, articles) of every name, sorted; rebuilt when the
        store changes."""
        token = self.store.change_token()
        if self._index is None or self._index[0] != token:
            names: dict[str, set[str]] = defaultdict(set)
            types: dict[str, str] = {}
            counts: dict[str, int] = {}
            for r in self.store.select(Q.NAMES):
                if r["name"] is not None:
                    names[r["e"]].add(r["name"])
                elif r["t"] is not None:
                    types[r["e"]] = r["t"]
                elif r["articles"] is not None:
                    counts[r["e"]] = r["articles"]
            index = sorted(
                (fold(n), n, e, types[e], counts.get(e, 0)) for e, ns in names.items() if e in types for n in ns
            )
            self._index = (token, index)
        return self._index[1]

    def search(self, text: str, *, limit: int = 50) -> list[SearchHit]:
        """Entities with a name (any language, altLabels too) containing ``text``, accents
        and case ignored; exact names first, then prefixes, word prefixes, the rest, each by
        the number of articles mentioning the entity."""
        needle = fold(text)
        if not needle:
            return []
        best: dict[str, tuple[int, str, int]] = {}
        for folded, name, e, _t, articles in self._names():
            pos = folded.find(needle)
            if pos < 0:
                continue
            rank = 0 if folded == needle else 1 if pos == 0 else 2 if folded[pos - 1] in " -(/'" else 3
            if e not in best or rank < best[e][0]:
                best[e] = (rank, name, articles)
        order = sorted(best.items(), key=lambda kv: (kv[1][0], -kv[1][2], kv[1][1]))[:limit]
        refs = self.refs(e for e, _ in order)
        return [SearchHit(refs[e], name, rank, n) for e, (rank, name, n) in order]

    # -- entities ----------------------------------------------------------------------
    def refs(self, iris: Iterable[str]) -> dict[str, EntityRef]:
        """IRI -> link (label and type) for each of ``iris``: from the aggregate view (the
        preferred label most articles give), else from the article graphs."""
        return self._refs(iris)[0]

    def _refs(self, iris: Iterable[str]) -> tuple[dict[str, EntityRef], dict[str, int]]:
        """:meth:`refs`, and how many articles mention each of ``iris`` (per the view: each
        article gives an entity one preferred label; absent without the view)."""
        iris = sorted(set(iris))
        out = {i: EntityRef(entity_id(i), entity_id(i)) for i in iris}
        best: dict[str, tuple[int, str]] = {}
        sizes: Counter[str] = Counter()
        for chunk in _chunks(iris):
            for r in self.store.select(Q.fill(Q.VIEW_LABELS, values=Q.values(chunk)), union=False):
                if r["label"] is not None:
                    sizes[r["e"]] += r["n"]
                if r["label"] is not None and (-r["n"], r["label"]) < best.get(r["e"], (1, "")):
                    best[r["e"]] = (-r["n"], r["label"])
                if r["type"] is not None:
                    out[r["e"]].type = r["type"].rsplit("#", 1)[-1]
        for e, (_n, label) in best.items():
            out[e].label = label
        for chunk in _chunks([i for i in iris if i not in best]):
            for r in self.store.select(Q.fill(Q.LABELS, values=Q.values(chunk))):
                ref = out[r["e"]]
                if r["label"] is not None and ref.label == ref.id:
                    ref.label = r["label"]
                if r["type"] is not None:
                    ref.type = r["type"].rsplit("#", 1)[-1]
        return out, sizes

    def _evidence(self, query: str, *, union: bool = True) -> list[Evidence]:
        """Assertions of a query, one per (relation, pair, sentence, article): the two stored
        directions of a symmetric relation count once."""
        seen: dict[tuple, Evidence] = {}
        for r in self.store.select(query, union=union):
            rel = relation_of(r["p"])
            name = rel.name if rel else r["p"].rsplit("#", 1)[-1]
            s, o = (r["s"], r["o"])
            pair = tuple(sorted((s, o))) if rel and rel.symmetric else (s, o)
            key = (name, pair, r["sent"], r["art"])
            if key in seen:
                continue
            seen[key] = Evidence(
                name, entity_id(s), entity_id(o), r["text"], entity_id(r["art"]), r["title"],
                str(r["date"]) if r["date"] else None, r["lang"], r["url"], r["conf"],
                r["kind"].rsplit("#", 1)[-1] if r["kind"] else None, r["rule"],
            )
        return sorted(seen.values(), key=lambda ev: (ev.date or "", ev.article, ev.sentence or ""))

    def entity(self, id_: str) -> EntityPage | None:
        """The entity page data of ``id_`` (short id or IRI), None when unknown: its ties
        (the :data:`TIES_LISTED` strongest per relation) with the number of articles stating
        each, per cooperation kind; for the strongest, within :data:`EVIDENCE_BUDGET`, their
        newest sentences."""
        e = entity_iri_of(id_)
        names = sorted({(name.value, name.language or "", pref.value == "true")
                        for name, pref in self.store.query(Q.fill(Q.ENTITY_NAMES, e=e))})
        facts = self.store.select(Q.fill(Q.ENTITY_FACTS, e=e))
        if not names and not facts:
            return None
        by_what: dict[str, list[str]] = defaultdict(list)
        for r in facts:
            by_what[r["what"]].append(r["x"])
        ties = self._view_ties(e) or self._assertion_ties(e)
        ranked: dict[str, list[TieKey]] = defaultdict(list)
        for key in sorted(ties.counts, key=lambda k: (-ties.counts[k], k)):
            ranked[key[0]].append(key)
        listed_by_relation = {rel: keys[:TIES_LISTED] for rel, keys in ranked.items()}
        listed = [k for keys in listed_by_relation.values() for k in keys]
        # Budgeting the listed ties alone chooses what budgeting all of them chose among the
        # listed ones (ranks are taken in the same order): the others were never shown.
        top = _within_budget(listed_by_relation, ties.counts)
        refs, sizes = self._refs({k[1] for k in listed} | {e} | set(by_what["country"]) | set(by_what["parent"])
                                 | set(by_what["unit"]))
        evidence = ties.evidence
        if evidence is None and top:
            evidence = self._evidence_with(e, {k[1] for k in top}, sizes)
        me = entity_id(e)
        shown: dict[TieKey, dict[str | None, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
        for ev in evidence or []:
            shown[_tie_key(ev, me)][ev.kind].append(ev)
        kinds = self._kinds(e, [k for k in listed if k not in top or k not in shown], shown, ties.evidence is None)
        rows: list[Tie] = []
        for key in listed:
            relation, other, outgoing = key
            label = _tie_label(relation, outgoing)
            if key in top and key in shown:
                for kind, evs in sorted(shown[key].items(), key=lambda kv: kv[0] or ""):
                    newest = sorted(evs, key=lambda ev: (ev.date or "", ev.article, ev.sentence or ""), reverse=True)
                    rows.append(Tie(relation, label, kind, refs[other], outgoing, newest[:TIE_SENTENCES],
                                    len({ev.article for ev in evs})))
                continue
            rows += _plain_ties(key, ties.counts[key], kinds, refs)
        groups: dict[str, list[Tie]] = defaultdict(list)
        for tie in sorted(rows, key=lambda t: (t.relation, t.kind or "", -t.count, t.other.label)):
            groups[_group(tie)].append(tie)
        pref = {n for n, _lang, is_pref in names if is_pref}
        label = refs[e].label
        name_list = sorted({(n, lang) for n, lang, _pref in names})
        return EntityPage(
            entity=refs[e],
            names=[{"name": n, "lang": lang} for n, lang in name_list],
            country=[refs[x] for x in sorted(by_what["country"])],
            parents=[refs[x] for x in sorted(by_what["parent"])],
            units=sorted((refs[x] for x in by_what["unit"]), key=lambda r: r.label),
            articles=self._article_count(e),
            ties=dict(groups),
            years=ties.years,
            partners=sorted({refs[k[1]].id: refs[k[1]] for k in listed}.values(), key=lambda r: r.label),
            partner_count=len({k[1] for k in listed}) if len(listed) == ties.total else None,
            ties_not_listed=ties.total - len(listed),
            merged=[{"name": n, "lang": lang, "undo": undo_override(n, label)} for n, lang in name_list
                    if n != label and n not in pref],
            tie_count=ties.total,
            more={rel: n for rel, n in sorted(ties.per_relation.items()) if n > TIES_LISTED},
        )

    def ties(self, id_: str, relation: str, page: int = 1) -> TiesPage | None:
        """The ``page``-th :data:`TIES_LISTED` ties of ``relation`` (a relation name) of an
        entity, ranked as on its page (page 1 is what the entity page lists), each per
        cooperation kind with its articles; None when the entity or relation is unknown."""
        e = entity_iri_of(id_)
        if relation not in RELATION:
            return None
        offset = (max(page, 1) - 1) * TIES_LISTED
        ties = self._view_ties(e, RELATION[relation].iri, offset)
        if ties is None:
            ties = self._assertion_ties(e)
            ranked = sorted((k for k in ties.counts if k[0] == relation), key=lambda k: (-ties.counts[k], k))
            ties.counts = {k: ties.counts[k] for k in ranked[offset : offset + TIES_LISTED]}
        refs = self.refs({k[1] for k in ties.counts} | {e})
        if refs[e].type is None:
            return None
        shown: dict[TieKey, dict[str | None, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
        for ev in ties.evidence or []:
            shown[_tie_key(ev, entity_id(e))][ev.kind].append(ev)
        keys = sorted(ties.counts, key=lambda k: (-ties.counts[k], k))
        kinds = self._kinds(e, keys, shown, ties.evidence is None)
        total = ties.per_relation.get(relation, 0)
        return TiesPage(refs[e], relation, RELATION_LABELS.get(relation, relation), max(page, 1),
                        max(1, -(-total // TIES_LISTED)), total,
                        [t for k in keys for t in _plain_ties(k, ties.counts[k], kinds, refs)])

    def _view_ties(self, e: str, relation: str | None = None, offset: int = 0) -> _Ties | None:
        """The ties of ``e`` ranked ``offset`` to ``offset + TIES_LISTED`` (strongest first,
        then by partner) of each relation (or of ``relation``, an IRI, alone) and its years,
        from the view's buckets of its ties by count: only the buckets that reach those ranks
        are read. None where the view has none for ``e`` (no ties, a view written before it
        kept them, no view)."""
        buckets: dict[str, list[tuple[int, int]]] = defaultdict(list)
        years: dict[str, dict[str, int]] = defaultdict(lambda: {"ties": 0, "assertions": 0})
        for r in self.store.select(Q.fill(Q.ENTITY_SHAPE, e=e), union=False):
            if r["what"] == "bucket":
                buckets[r["rel"]].append((r["count"], r["n"]))
            else:
                years["undated" if r["year"] is None else str(r["year"])][r["what"]] = r["n"]
        if not buckets:
            return None
        whole: list[str] = []
        parts: list[tuple[str, int, int]] = []
        for rel, by_count in buckets.items():
            if relation is not None and rel != relation:
                continue
            first = 0  # the rank of the bucket's first tie
            for count, n in sorted(by_count, reverse=True):
                low, high = max(offset - first, 0), min(offset + TIES_LISTED - first, n)
                if low < high:
                    bucket = aggregate.node(("ebucket", e, rel, count))
                    if (low, high) == (0, n):
                        whole.append(bucket)
                    else:
                        parts.append((bucket, low, high - low))
                first += n
        counts: dict[TieKey, int] = {}
        for s, p, o, n in _values(self.store.query(Q.bucket_ties(e, whole, parts), union=False)):
            rel = relation_of(p)
            if rel is not None:
                counts[(rel.name, o if s == e else s, rel.symmetric or s == e)] = int(n)
        per_relation = {relation_of(rel).name: sum(n for _c, n in by_count) for rel, by_count in buckets.items()
                        if relation_of(rel) is not None}
        return _Ties(counts, per_relation, [{"year": y, **v} for y, v in sorted(years.items()) if v["ties"]])

    def _assertion_ties(self, e: str) -> _Ties:
        """Every tie of ``e`` with its articles and years, from every assertion of ``e``
        (which are returned too): where the view has nothing for ``e``."""
        me = entity_id(e)
        ids = self.store.select(Q.fill(Q.ENTITY_ASSERTION_IDS, e=e))
        evidence = self._evidence(Q.fill(Q.ASSERTIONS_BY_ID, values=Q.assertion_rows(ids))) if ids else []
        articles: dict[TieKey, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for ev in evidence:
            articles[_tie_key(ev, me)][ev.year or "undated"].add(ev.article)
        per_year = {key: Counter({y: len(arts) for y, arts in years.items()}) for key, years in articles.items()}
        counts = {key: len(set().union(*years.values())) for key, years in articles.items()}
        return _Ties(counts, dict(Counter(key[0] for key in counts)), _years(per_year), evidence)

    def _kinds(
        self, e: str, keys: list[TieKey], shown: dict[TieKey, dict[str | None, list[Evidence]]], from_view: bool
    ) -> dict[TieKey, list[tuple[str | None, int]]]:
        """Articles per cooperation kind of the ties ``keys`` (those listed without their
        sentences): from the view's kind facts, else from the sentences read (all of them)."""
        if not from_view:
            return {k: sorted(((kind, len({ev.article for ev in evs})) for kind, evs in shown[k].items()),
                              key=lambda kn: kn[0] or "") for k in keys if k in shown}
        symmetric = {_total_node(e, k): k for k in keys if k[0] in SYMMETRIC}
        out: dict[TieKey, list[tuple[str | None, int]]] = defaultdict(list)
        for chunk in _chunks(sorted(symmetric)):
            for r in self.store.select(Q.fill(Q.PAIR_KINDS, values=Q.values(chunk)), union=False):
                out[symmetric[r["t"]]].append((r["kind"].rsplit("#", 1)[-1] if r["kind"] else None, r["n"]))
        return {k: sorted(v, key=lambda kn: kn[0] or "") for k, v in out.items()}

    def _evidence_with(self, e: str, others: set[str], sizes: dict[str, int]) -> list[Evidence]:
        """Every assertion between ``e`` and any of ``others``, with its evidence; each pair
        is looked up from the end fewer articles mention (``sizes``)."""
        pairs = []
        for o in sorted(others):
            e_first = sizes.get(e, 0) <= sizes.get(o, 0)
            pairs += [(e, o, e_first), (o, e, not e_first)]
        ids = self.store.select(Q.assertion_ids_between(pairs))
        return self._evidence(Q.fill(Q.ASSERTIONS_BY_ID, values=Q.assertion_rows(ids))) if ids else []

    def _article_count(self, e: str) -> int:
        """How many articles mention ``e`` (the view's count, else the article graphs')."""
        rows = self.store.select(Q.fill(Q.VIEW_ARTICLES, e=e), union=False)
        if rows and rows[0]["articles"]:
            return rows[0]["articles"]
        return self.store.select(Q.fill(Q.ENTITY_ARTICLES, e=e))[0]["n"]

    def evidence(self, a: str, b: str) -> EdgePage | None:
        """Every assertion tying ``a`` and ``b`` (either direction), None when unknown."""
        ia, ib = entity_iri_of(a), entity_iri_of(b)
        evidence = self._evidence(Q.fill(Q.EDGE_ASSERTIONS, a=ia, b=ib))
        refs = self.refs([ia, ib])
        if not evidence and refs[ia].type is None:
            return None
        return EdgePage(refs[ia], refs[ib], evidence, per_year(evidence))

    def article(self, id_: str) -> ArticlePage | None:
        """An article's page data (id: hash, ``article/<hash>`` or IRI), None when unknown."""
        art = entity_iri_of(id_ if "/" in id_ else f"article/{id_}")
        meta = self.store.select(Q.fill(Q.ARTICLE, art=art), union=False)
        if not meta:
            return None
        m = meta[0]
        mentions: dict[str, EntityRef] = {}
        names: list[tuple[str, EntityRef]] = []
        for r in self.store.select(Q.fill(Q.ARTICLE_MENTIONS, art=art), union=False):
            ref = mentions.setdefault(r["e"], EntityRef(entity_id(r["e"]), r["name"], r["t"].rsplit("#", 1)[-1]))
            names.append((r["name"], ref))
        labels = self.refs(mentions)
        for iri_, ref in mentions.items():
            ref.label = labels[iri_].label
        body = m["body"]
        spans = [(r["start"], r["end"], mentions.get(r["e"]))
                 for r in self.store.select(Q.fill(Q.ARTICLE_SPANS, art=art), union=False)] if body else []
        if body and spans:
            blocks = [mark_spans(body, spans)]
        elif body:
            blocks = [mark(body, names)]
        else:
            blocks = [mark(r["text"], names)
                      for r in self.store.select(Q.fill(Q.ARTICLE_SENTENCES, art=art), union=False)]
        return ArticlePage(
            entity_id(art), m["title"], str(m["date"]) if m["date"] else None, m["lang"], m["url"], m["path"],
            blocks, sorted(mentions.values(), key=lambda r: (r.type or "", r.label)),
            self._evidence(Q.fill(Q.ARTICLE_ASSERTIONS, art=art), union=False), full_text=body is not None,
        )

    def subgraph(self, iris: Iterable[str]) -> list[Any]:
        """The triples about ``iris`` (pyoxigraph triples), for a page's Turtle/JSON-LD."""
        return list(self.store.query(Q.fill(Q.SUBGRAPH, values=Q.values(sorted(set(iris))))))

    def edge_subgraph(self, a: str, b: str) -> list[Any]:
        """The triples behind the edge page of ``a`` and ``b``: their labels, the relations
        between them, those relations' assertions and evidence (pyoxigraph triples)."""
        return list(self.store.query(Q.fill(Q.EDGE_SUBGRAPH, a=entity_iri_of(a), b=entity_iri_of(b))))


def undo_override(name: str, label: str) -> dict[str, list[list[str]]]:
    """The overrides file (``graphkit build --overrides FILE --force ...``) that stops
    resolution from merging ``name`` into the entity labelled ``label``.

    >>> undo_override("Untersuchungsausschuss", "Investigative Committee of Belarus")
    {'different': [['Untersuchungsausschuss', 'Investigative Committee of Belarus']]}
    """
    return {"different": [[name, label]]}


def _values(solutions: Iterable[Any]) -> Iterator[tuple[str | None, ...]]:
    """Each solution's terms as their plain lexical values (None where unbound)."""
    for solution in solutions:
        yield tuple(None if t is None else t.value for t in solution)


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """``items`` in lists of at most ``size`` (a VALUES clause each)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _tie_label(relation: str, outgoing: bool) -> str:
    label = RELATION_LABELS.get(relation, relation)
    return label if outgoing else f"{label} (inverse)"


#: A tie of an entity page: relation name, the other entity's IRI, whether the entity is
#: its subject (always True for a symmetric relation).
TieKey = tuple[str, str, bool]


def _tie_key(ev: Evidence, me: str) -> TieKey:
    outgoing = ev.subject == me
    return (ev.relation, entity_iri_of(ev.object if outgoing else ev.subject), outgoing or ev.relation in SYMMETRIC)


def _plain_ties(key: TieKey, count: int, kinds: dict[TieKey, list[tuple[str | None, int]]],
                refs: dict[str, EntityRef]) -> list[Tie]:
    """A tie listed without its sentences: one row per cooperation kind with its articles
    (one row of all its articles where no kind is known)."""
    relation, other, outgoing = key
    label = _tie_label(relation, outgoing)
    return [Tie(relation, label, kind, refs[other], outgoing, [], n) for kind, n in kinds.get(key) or [(None, count)]]


def _total_node(e: str, key: TieKey) -> str:
    """The view's node of the total of a symmetric relation's tie (its ends in code-point order)."""
    low, high = sorted((e, key[1]))
    return aggregate.node(("total", low, RELATION[key[0]].iri, high))


def _group(tie: Tie) -> str:
    """The heading a tie is listed under: cooperation by kind, else the relation."""
    if tie.relation == "cooperatesWith":
        return f"cooperation: {tie.kind or 'unspecified'}"
    return tie.label


def _within_budget(ranked: dict[str, list[TieKey]], counts: dict[TieKey, int]) -> set[TieKey]:
    """The ties whose sentences a page reads: strongest first, one relation after the other
    in turn, while the sum of their article counts stays within :data:`EVIDENCE_BUDGET`
    (a tie that does not fit is passed over for weaker ones)."""
    chosen: set[TieKey] = set()
    left = EVIDENCE_BUDGET
    for rank in itertools.zip_longest(*ranked.values()):
        for key in rank:
            if key is not None and counts[key] <= left:
                chosen.add(key)
                left -= counts[key]
    return chosen


def _years(counts: dict[TieKey, Counter[str]]) -> list[dict[str, Any]]:
    """Per year: the entity's ties stated that year and the articles stating them (summed
    over ties: an article stating two ties counts twice)."""
    years: dict[str, dict[str, int]] = defaultdict(lambda: {"ties": 0, "assertions": 0})
    for per_year_counts in counts.values():
        for year, n in per_year_counts.items():
            years[year]["ties"] += 1
            years[year]["assertions"] += n
    return [{"year": y, **v} for y, v in sorted(years.items())]


def per_year(evidence: list[Evidence]) -> list[dict[str, Any]]:
    """Per year of the articles: assertions, distinct ties (pairs) and articles."""
    years: dict[str, dict[str, set]] = defaultdict(lambda: {"ties": set(), "articles": set(), "assertions": set()})
    for ev in evidence:
        y = years[ev.year or "undated"]
        y["ties"].add((ev.relation, *sorted((ev.subject, ev.object))))
        y["articles"].add(ev.article)
        y["assertions"].add((ev.relation, ev.subject, ev.object, ev.sentence, ev.article))
    return [{"year": k, "ties": len(v["ties"]), "articles": len(v["articles"]), "assertions": len(v["assertions"])}
            for k, v in sorted(years.items())]


def _segment(text: str, ref: EntityRef | None = None) -> dict[str, Any]:
    return {"text": text, "entity": ref and ref.id, "type": ref and ref.type}


@dataclass
class _Span:
    """A mention's extent in a text and the mentions inside it."""

    start: int
    end: int
    ref: EntityRef | None
    inner: list[_Span] = field(default_factory=list)


def mark_spans(text: str, spans: Iterable[tuple[int, int, EntityRef | None]]) -> list[dict[str, Any]]:
    """``text`` cut into segments at the given mention offsets, each mention carrying its
    entity's id and type; a mention holding others ("the Cyber Division of the FBI" holds
    "FBI") also carries ``parts``: its own text (segments without entity) and the mentions
    inside it, so on. A span crossing another's end is left out (marks nest, they cannot
    overlap), as is one inside a mention of the same entity or of the same extent.

    >>> fbi, unit = EntityRef("agency/us-fbi", "FBI", "Agency"), EntityRef("agency/us-cd", "CD", "Agency")
    >>> segments = mark_spans("Europol and the Cyber Division of the FBI", [(16, 41, unit), (38, 41, fbi)])
    >>> [s["text"] for s in segments], [(p["text"], p["entity"]) for p in segments[1]["parts"]]
    (['Europol and the ', 'Cyber Division of the FBI'], [('Cyber Division of the ', None), ('FBI', 'agency/us-fbi')])
    """
    root = _Span(0, len(text), None)
    open_: list[_Span] = [root]
    for start, end, ref in sorted(spans, key=lambda s: (s[0], -s[1])):
        if ref is None:
            continue
        while len(open_) > 1 and open_[-1].end <= start:
            open_.pop()
        outer = open_[-1]
        same = outer is not root and ((outer.start, outer.end) == (start, end) or outer.ref.id == ref.id)
        if end > outer.end or same:
            continue
        span = _Span(start, end, ref)
        outer.inner.append(span)
        open_.append(span)
    return _pieces(text, root)


def _pieces(text: str, span: _Span) -> list[dict[str, Any]]:
    """The segments of ``span``'s extent: its own text between the mentions inside it."""
    out: list[dict[str, Any]] = []
    pos = span.start
    for inner in span.inner:
        if inner.start > pos:
            out.append(_segment(text[pos : inner.start]))
        segment = _segment(text[inner.start : inner.end], inner.ref)
        if inner.inner:
            segment["parts"] = _pieces(text, inner)
        out.append(segment)
        pos = inner.end
    if pos < span.end or not out:
        out.append(_segment(text[pos : span.end]))
    return out


def mark(text: str, names: list[tuple[str, EntityRef]]) -> list[dict[str, Any]]:
    """``text`` cut into segments, those naming an entity carrying its id and type (longest
    names first, case ignored).

    >>> mark("Europol and the FBI", [("FBI", EntityRef("agency/us-fbi", "FBI", "Agency"))])
    [{'text': 'Europol and the ', 'entity': None, 'type': None}, {'text': 'FBI', 'entity': 'agency/us-fbi', 'type': 'Agency'}]
    """
    by_name = {n.casefold(): ref for n, ref in names if n.strip()}
    if not by_name:
        return [{"text": text, "entity": None, "type": None}]
    alternatives = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    out: list[dict[str, Any]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append({"text": text[pos : m.start()], "entity": None, "type": None})
        ref = by_name.get(m.group(0).casefold())
        out.append({"text": m.group(0), "entity": ref and ref.id, "type": ref and ref.type})
        pos = m.end()
    if pos < len(text):
        out.append({"text": text[pos:], "entity": None, "type": None})
    return out
