"""Entity pages of hubs (more ties than a page lists) read the view's buckets of an entity's
ties: exactly the strongest ties per relation, their exact article counts, and for the ties
past the sentence budget their cooperation kinds; entities under the listing give the same
page as from their assertions."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.synthetic import synthetic_store
from graphkit import Store
from graphkit.aggregate import AGGREGATE
from graphkit.browse import TIES_LISTED, Browser, entity_iri_of


@pytest.fixture(scope="module")
def store() -> Store:
    return synthetic_store(300, 3000, seed=7)


@pytest.fixture(scope="module")
def without_view() -> Store:
    bare = synthetic_store(300, 3000, seed=7)
    bare._ox.update(f"DROP GRAPH <{AGGREGATE}>")
    return bare


def _entities(store: Store) -> list[str]:
    return sorted(r["e"] for r in store.select("SELECT DISTINCT ?e WHERE { ?e skos:prefLabel ?l }"))


def _listed(page) -> Counter:
    """Ties listed per relation (a tie is listed once per cooperation kind)."""
    return Counter(rel for rel, _other in {(t.relation, t.other.id) for ties in page.ties.values() for t in ties})


def test_pages_under_the_listing_are_those_read_from_the_assertions(store: Store, without_view: Store) -> None:
    fast, slow = Browser(store), Browser(without_view)
    same = 0
    for e in _entities(store):
        page = fast.entity(e)
        if page.ties_not_listed:
            continue
        assert page == slow.entity(e), e
        same += 1
    assert same > 250


def test_a_hub_lists_its_strongest_ties_with_their_exact_counts_and_kinds(store: Store) -> None:
    browser = Browser(store)
    hub = "https://w3id.org/ccg/resource/io/int0"
    page = browser.entity(hub)
    # every tie of the hub with its articles, from the article graphs
    rows = store.select(f"""
        SELECT ?p ?other (COUNT(DISTINCT ?art) AS ?n) WHERE {{
          {{ ?as rdf:subject <{hub}> ; rdf:object ?other }} UNION {{ ?as rdf:object <{hub}> ; rdf:subject ?other }}
          ?as rdf:predicate ?p ; prov:wasDerivedFrom ?art }} GROUP BY ?p ?other""")
    coop = sorted(r["n"] for r in rows if r["p"].endswith("#cooperatesWith"))
    assert page.tie_count == len(rows) and page.ties_not_listed == len(rows) - sum(_listed(page).values())
    assert page.partner_count is None and _listed(page)["cooperatesWith"] == TIES_LISTED
    shown = {}
    for group, ties in page.ties.items():
        for t in ties:
            if t.relation == "cooperatesWith":
                assert group == f"cooperation: {t.kind or 'unspecified'}"
                shown.setdefault(t.other.id, Counter())[t.kind] += t.count
    # the listed ties are the strongest ones (ties of equal count: any of them)
    articles = {r["other"]: r["n"] for r in rows if r["p"].endswith("#cooperatesWith")}
    assert sorted(articles[entity_iri_of(other)] for other in shown) == coop[-TIES_LISTED:]
    # each listed tie is split by kind with the articles of each, as its edge page says, past
    # the sentence budget too (from the view's kind facts)
    past = {t.other.id for ties in page.ties.values() for t in ties if t.relation == "cooperatesWith" and not t.evidence}
    assert len(past) > 10
    for other, kinds in shown.items():
        edge = browser.evidence(hub, other).evidence
        assert kinds == Counter({k: len({ev.article for ev in edge if ev.kind == k}) for k in {ev.kind for ev in edge}})
