"""The workbench in a real headless Chromium (Debian's) driven by Playwright, against a real
server over a store built from the examples: search, entity, evidence, article, map, and a
hostile name that must run nothing. Every request is intercepted: none may leave 127.0.0.1.
Screenshots of each page kind go to ``test-artifacts/workbench/``."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from helpers import HOSTILE_SENTENCE, hostile_article
from test_server import running

from graphkit import KnowledgeGraph
from graphkit.browse import entity_id, entity_iri_of
from graphkit.server import create_app

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "workbench"
JOINT_SENTENCE = (
    "“With the Russian Ministry of Internal Affairs alone, we have established three joint "
    "investigative-operational groups for interconnected criminal cases."
)


@pytest.fixture(scope="module")
def base(workbench_store: Path, tmp_path_factory) -> Iterator[str]:
    kg = KnowledgeGraph(workbench_store, read_only=True)
    map_path = kg.render(tmp_path_factory.mktemp("map") / "map.html")
    with running(create_app(kg, map_path=map_path, workers=1)) as url:
        yield url


@pytest.fixture
def visit(browser: Any) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page whose every request is checked: anything not for 127.0.0.1 is aborted and
    listed; uncaught errors are listed too."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda err: errors.append(str(err)))
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield page, foreign, errors
    context.close()


def test_search_entity_evidence_article(visit, base: str) -> None:
    page, foreign, errors = visit
    page.goto(base + "/")
    assert page.evaluate("document.activeElement.id") == "home-q"  # type at once
    page.keyboard.type("Untersuchungsausschuss")
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Untersuchungsausschuss")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)

    page.get_by_role("link", name="Investigative Committee of Belarus").click()
    page.wait_for_url("**/entity/agency/by-ic")
    assert page.locator("h1").inner_text().startswith("Investigative Committee of Belarus")
    group = page.locator("section.group", has=page.get_by_role("heading", name="cooperation: JointOperation"))
    tie = group.locator("li.tie", has_text="Ministry of Internal Affairs of Russia")
    sentence = tie.get_by_text(JOINT_SENTENCE)
    assert not sentence.is_visible()
    tie.locator("summary").focus()
    page.keyboard.press("Enter")  # the tie opens from the keyboard
    assert sentence.is_visible()
    page.screenshot(path=str(SHOTS / "entity.png"), full_page=True)

    evidence = tie.locator("li.evidence", has_text=JOINT_SENTENCE)
    article_link = evidence.locator("p.source a").first
    article_href = article_link.get_attribute("href")
    tie.get_by_role("link", name="Every article on this tie").click()
    page.wait_for_url("**/edge?a=agency/by-ic&b=agency/ru-mvd")
    assert page.get_by_text(JOINT_SENTENCE).is_visible()
    assert page.locator("h1").inner_text() == (
        "Investigative Committee of Belarus Agency – Ministry of Internal Affairs of Russia Agency"
    )
    page.screenshot(path=str(SHOTS / "edge.png"), full_page=True)

    page.go_back()
    tie.locator("summary").click()
    article_link.click()
    page.wait_for_url(f"**{article_href}")
    mention = page.locator("div.text mark.t-Agency", has_text="Investigative Committee of Belarus").first.locator("a")
    assert mention.get_attribute("href") == "/entity/agency/by-ic"
    text = page.locator("div.text").inner_text()
    assert JOINT_SENTENCE in text
    assert text.startswith("MINSK, 13 November (BelTA) - The experience of Belarusian investigators")  # the whole text
    belarusian = page.locator("div.text mark.t-State", has_text="Belarusian").first.locator("a")
    assert belarusian.get_attribute("href") == "/entity/state/BY"
    mention.focus()  # the marks are links: reachable by keyboard
    page.keyboard.press("Enter")
    page.wait_for_url("**/entity/agency/by-ic")
    page.go_back()
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)
    assert foreign == [] and errors == []


def test_a_mention_inside_another_is_marked_inside_it(visit, base: str, workbench_store: Path) -> None:
    kg = KnowledgeGraph(workbench_store, read_only=True)
    (hit,) = [h for h in kg.search("United Nations Convention against Cybercrime") if h.entity.type == "Agreement"]
    (row,) = kg.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m ccg:mentionOf <{entity_iri_of(hit.entity.id)}> }} }}")
    page, foreign, errors = visit
    page.goto(f"{base}/{entity_id(row['g'])}")
    outer = page.locator("div.text mark.t-Agreement", has_text="United Nations Convention against Cybercrime").first
    inner = outer.locator("mark.t-InternationalOrganization")
    assert inner.inner_text() == "United Nations" and inner.get_attribute("title") == "InternationalOrganization"
    assert outer.get_attribute("title") == "Agreement"
    assert outer.locator("> a").first.inner_text() == " Convention against Cybercrime"
    assert outer.locator("> a").first.get_attribute("href") == f"/entity/{hit.entity.id}"
    assert inner.locator("a").get_attribute("href") == "/entity/io/un"
    assert "the United Nations Convention against Cybercrime" in page.locator("div.text").inner_text()
    outer.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "article-nested-mentions.png"), full_page=True)
    inner.locator("a").click()
    page.wait_for_url("**/entity/io/un")
    assert foreign == [] and errors == []


def test_a_script_in_a_name_runs_nothing(visit, base: str) -> None:
    page, foreign, errors = visit
    page.goto(f"{base}/article/{hostile_article().article.id}")
    assert page.title() == "<b>Hostile</b> article · graphkit workbench"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.images.length") == 0
    assert HOSTILE_SENTENCE in page.locator("div.text").inner_text()
    page.screenshot(path=str(SHOTS / "hostile-article.png"), full_page=True)
    page.goto(f"{base}/search?q=cyber+unit")
    assert page.title() == "Search: cyber unit · graphkit workbench" and page.evaluate("document.images.length") == 0
    assert foreign == [] and errors == []


def test_the_map_links_to_pages_and_keeps_its_state_in_the_url(visit, base: str) -> None:
    page, foreign, errors = visit
    iri = "https://w3id.org/ccg/resource/agency/by-ic"
    page.goto(f"{base}/map#kind=JointOperation&node={iri}")
    page.wait_for_function("window.graphkit && window.graphkit.ready === true", timeout=30_000)
    assert page.locator("#gk-kind").input_value() == "JointOperation"
    link = page.get_by_role("link", name="Open its page")
    assert link.get_attribute("href") == "/entity/agency/by-ic"
    assert "Investigative Committee of Belarus" in page.locator("#gk-details").inner_text()
    page.screenshot(path=str(SHOTS / "map.png"))
    page.locator("#gk-kind").select_option("")
    assert "kind=" not in page.url  # the state follows the filters...
    page.evaluate(f"graphkit.nodes.forEach(n => {{ if (n.gk.iri === '{iri}') graphkit.focusNode(n.id); }})")
    assert page.url.endswith("#node=" + iri.replace(":", "%3A").replace("/", "%2F"))  # ...and the selection
    link.click()
    page.wait_for_url("**/entity/agency/by-ic")

    page.goto(base + "/")  # the map embedded in the home page
    frame = page.frame_locator("iframe.map")
    assert frame.locator("#gk-network").count() == 1
    assert foreign == [] and errors == []


def test_a_build_while_the_server_runs_shows_on_the_next_page_load(visit, tmp_path: Path) -> None:
    page, foreign, errors = visit
    store = tmp_path / "store"
    writer = KnowledgeGraph(store)
    writer.add_text("Europol and the FBI ran a joint operation against ransomware.", lang="en", title="First")
    del writer
    gc.collect()  # the writer's lock goes with its handle: the second build takes it again
    with running(create_app(KnowledgeGraph(store, read_only=True), workers=1, examples=None)) as url:
        page.goto(f"{url}/search?q=guardia")
        assert page.locator("ol.hits li").count() == 0
        page.goto(url + "/")
        assert "1 articles" in page.locator("ul.stats").inner_text()  # the home page's memo is filled

        second = KnowledgeGraph(store)  # the second build, beside the running server
        second.add_text("The Guardia Civil and the Polizia di Stato arrested three suspects in a joint "
                        "operation coordinated by Eurojust.", lang="en", title="Second")
        page.reload()
        assert "2 articles" in page.locator("ul.stats").inner_text()
        page.goto(f"{url}/search?q=guardia")
        page.get_by_role("link", name="Guardia Civil").click()
        page.wait_for_url("**/entity/agency/es-gc")
        assert "cooperates with Italian State Police" in page.locator("section[aria-labelledby=ties-h]").inner_text()
        page.screenshot(path=str(SHOTS / "entity-after-live-build.png"), full_page=True)
        del second
        gc.collect()
    assert foreign == [] and errors == []
