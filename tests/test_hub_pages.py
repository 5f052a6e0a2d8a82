"""Entity pages of hubs (more ties than a page lists) read the view's buckets of an entity's
ties: exactly the strongest ties per relation, their exact article counts, and for the ties
past the sentence budget their cooperation kinds; entities under the listing give the same
page as from their assertions."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

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


def test_the_ties_past_the_listing_are_paged_in_rank_order(store: Store, without_view: Store) -> None:
    browser = Browser(store)
    hub = "io/int0"
    page = browser.entity(hub)
    total = page.more["cooperatesWith"]
    listed = {t.other.id for ties in page.ties.values() for t in ties if t.relation == "cooperatesWith"}
    first = browser.ties(hub, "cooperatesWith", 1)
    assert {t.other.id for t in first.ties} == listed and first.total == total
    pages = [browser.ties(hub, "cooperatesWith", n) for n in range(1, first.pages + 1)]
    assert first.pages == -(-total // TIES_LISTED) > 2
    seen = [t.other.id for p in pages for t in {t.other.id: t for t in p.ties}.values()]
    assert len(seen) == len(set(seen)) == total  # every tie once, over the pages
    strength = [max(t.count for t in p.ties) for p in pages]
    assert all(max(t.count for t in p.ties) <= min(strength[:i + 1]) for i, p in enumerate(pages))
    # the same pages from the assertions (a store without the view)
    slow = Browser(without_view)
    assert [(t.other.id, t.kind, t.count) for t in slow.ties(hub, "cooperatesWith", 2).ties] == [
        (t.other.id, t.kind, t.count) for t in pages[1].ties]
    assert browser.ties(hub, "noSuchRelation") is None and browser.ties("io/nobody", "cooperatesWith") is None


def test_the_ties_page_is_served_and_linked_from_the_entity_page(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from graphkit import KnowledgeGraph
    from graphkit.server import create_app

    synthetic_store(300, 3000, seed=7, store=Store(tmp_path / "store")).flush()
    gc.collect()  # the writer's handle closes: the server opens the folder read-only
    with TestClient(create_app(KnowledgeGraph(tmp_path / "store", read_only=True), workers=1, examples=None)) as client:
        html = client.get("/entity/io/int0").text
        assert 'href="/ties?e=io/int0&amp;relation=cooperatesWith&amp;page=2"' in html
        body = client.get("/ties", params={"e": "io/int0", "relation": "cooperatesWith", "format": "json"}).json()
        assert body["page"] == 2 and len({t["other"]["id"] for t in body["ties"]}) == TIES_LISTED
        assert client.get("/ties", params={"e": "io/int0", "relation": "nothing"}).status_code == 404
        page = client.get("/ties", params={"e": "io/int0", "relation": "cooperatesWith", "page": "3"}).text
        assert 'rel="prev"' in page and "Every article on this tie" in page
