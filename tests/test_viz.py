"""The map (graphkit.viz): HTML safety and content, and real-browser behaviour in headless Chromium."""

from __future__ import annotations

import json
import random
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graphkit.viz.html
from graphkit.viz import render_image, render_map
from graphkit.viz.html import json_island, vis_options
from graphkit.viz.layout import compute_layout
from graphkit.viz.prepare import node_names, select_nodes, split_label
from graphkit.vocabulary import ENTITY, ENTITY_TYPES

R = "https://w3id.org/ccg/resource/"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SAFE_URL = "https://example.org/news?id=1&lang=en"
SVG = "{http://www.w3.org/2000/svg}"


# ---------------------------------------------------------------- graphs


def _node(G: nx.Graph, key: str, label: str, type_: str, labels: list[str], **attrs: Any) -> None:
    G.add_node(R + key, label=label, type=type_, labels=labels, articles=attrs.pop("articles", 2),
               first_seen=attrs.pop("first_seen", "2020-03-01"), **attrs)  # fmt: skip


def _edge(G: nx.Graph, a: str, b: str, kinds: list[str], years: list[int], text: str, **attrs: Any) -> None:
    url = attrs.pop("url", SAFE_URL)
    evidence = [
        {"text": text, "article": R + f"article/{a[-3:]}{y}", "url": url, "title": f"News of {y} <b>bold</b>",
         "date": f"{y}-05-24"}
        for y in years
    ]  # fmt: skip
    G.add_edge(R + a, R + b, weight=len(years), kinds=kinds, years=years, evidence=evidence,
               predicates=attrs.pop("predicates", ["cooperatesWith"]))  # fmt: skip


def sample_graph() -> nx.Graph:
    """A small cooperation graph with every entity type and two hostile names."""
    G = nx.Graph()
    _node(G, "state/RU", "Russia", "State", ["Russia@en", "Россия@ru"], iso="RU", jurisdiction=None, centrality=0.6)
    _node(G, "state/BY", "Belarus", "State", ["Belarus@en", "Беларусь@ru"], iso="BY", jurisdiction=None, centrality=0.5)
    _node(G, "agency/ru-mvd", "Ministry of Internal Affairs of Russia", "Agency",
          ["Ministry of Internal Affairs of Russia@en", "МВД России@ru", "Innenministerium Russlands@de"],
          jurisdiction="RU", iso=None, centrality=0.9)  # fmt: skip
    _node(G, "agency/by-mvd", "Ministry of Internal Affairs of Belarus", "Agency", ["МВД Беларуси@ru"],
          jurisdiction="BY", iso=None, centrality=0.7)  # fmt: skip
    _node(G, "io/interpol", "Interpol", "InternationalOrganization", ["Interpol@en", "Интерпол@ru"],
          jurisdiction=None, iso=None, centrality=0.8)  # fmt: skip
    _node(G, "io/europol", "Europol", "InternationalOrganization", ["Europol@en"], jurisdiction=None, iso=None,
          centrality=0.4)  # fmt: skip
    _node(G, "org/kaspersky", "Kaspersky", "PrivateOrganization", ["Kaspersky Lab@en"], jurisdiction="RU",
          iso=None, centrality=0.3)  # fmt: skip
    _node(G, "person/ivanov", "Ivan Ivanov", "Person", ["Ivan Ivanov@en"], jurisdiction=None, iso=None,
          centrality=0.1)  # fmt: skip
    _node(G, "event/trojan-shield", "Operation Trojan Shield", "Event", [], jurisdiction=None, iso=None,
          centrality=0.2)  # fmt: skip
    _node(G, "agreement/cis", "CIS cybercrime agreement", "Agreement", ["Соглашение СНГ@ru"], jurisdiction=None,
          iso=None, centrality=0.2)  # fmt: skip
    _node(G, "agency/evil-img", IMG, "Agency", [IMG + "@en"], jurisdiction="RU", iso=None, centrality=0.15)
    _node(G, "agency/evil-script", SCRIPT, "Agency", [SCRIPT + "@en", "</script><script>window.__pwned=1</script>@en"],
          jurisdiction="BY", iso=None, centrality=0.15)  # fmt: skip
    _edge(G, "agency/ru-mvd", "agency/by-mvd", ["JointOperation"], [2020, 2021],
          "The Russian and Belarusian ministries conducted a joint operation against carders.")  # fmt: skip
    _edge(G, "agency/ru-mvd", "io/interpol", ["InformationExchange"], [2019],
          "The MVD exchanged data on the botnet with Interpol.")  # fmt: skip
    _edge(G, "io/interpol", "io/europol", ["JointOperation", "InformationExchange"], [2021, 2022, 2023],
          "Interpol and Europol coordinated the takedown.")  # fmt: skip
    _edge(G, "org/kaspersky", "agency/ru-mvd", ["TechnicalAssistance"], [2018], "Kaspersky helped the MVD.",
          url="javascript:window.__pwned=1")  # fmt: skip
    _edge(G, "person/ivanov", "agency/ru-mvd", [], [2020], "Ivanov of the MVD said.", predicates=["memberOf"])
    _edge(G, "io/europol", "event/trojan-shield", [], [2021], "Europol organized Operation Trojan Shield.",
          predicates=["organizes"])  # fmt: skip
    _edge(G, "state/RU", "agreement/cis", [], [2017], "Russia is party to the agreement.", predicates=["partyTo"])
    _edge(G, "state/BY", "agreement/cis", [], [2017], "Belarus is party to the agreement.", predicates=["partyTo"])
    _edge(G, "state/RU", "state/BY", ["JointOperation"], [2020], "Russia and Belarus agreed to cooperate.")
    _edge(G, "agency/evil-img", "agency/evil-script", ["JointOperation"], [2022],
          f"{SCRIPT} and {IMG} cooperated.")  # fmt: skip
    _edge(G, "agency/evil-script", "agency/by-mvd", ["InformationExchange"], [2022],
          "Evil\u2028line</script><!-- sentence.")  # fmt: skip
    return G


def random_graph(n: int, m: int, seed: int = 1, centrality: bool = True) -> nx.Graph:
    """A random graph with the projection's attributes (used for scale tests)."""
    types = list(ENTITY_TYPES)
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed)
    G = nx.relabel_nodes(G, {i: f"{R}agency/n{i}" for i in range(n)})
    degree = dict(G.degree())
    for node in G:
        name = f"Entity {node.rsplit('n', 1)[-1]}"
        G.nodes[node].update(label=name, type=rng.choice(types), labels=[name + "@en"], iso=None,
                             jurisdiction=rng.choice(["RU", "BY", "DE", "US", None]), articles=rng.randint(1, 9),
                             first_seen="2021-01-01", community=rng.randint(0, 20))  # fmt: skip
        if centrality:
            G.nodes[node]["centrality"] = degree[node] / max(n - 1, 1)
    for u, v, data in G.edges(data=True):
        year = rng.randint(2015, 2024)
        data.update(weight=1, kinds=[rng.choice(["JointOperation", "InformationExchange"])], predicates=["cooperatesWith"],
                    years=[year], evidence=[{"text": f"{u} met {v}.", "article": R + "article/x", "url": SAFE_URL,
                                             "title": "t", "date": f"{year}-01-01"}])  # fmt: skip
    return G


def _data(html: str) -> dict[str, Any]:
    """The JSON data island of a rendered page."""
    match = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', html, re.S)
    assert match, "no data island"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_map(sample_graph(), tmp_path_factory.mktemp("map") / "map.html", title="Cooperation <map> & co")


# ---------------------------------------------------------------- HTML, no browser


def test_page_is_self_contained(sample_map: Path) -> None:
    html = sample_map.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert not re.search(r"<link[^>]*\bhref=[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"jsdelivr|cdnjs|unpkg|googleapis|bootstrap|tom-select", html, re.I)
    assert "vis.Network" in html and "Content-Security-Policy" in html
    assert "@version 9.1.2" in html  # the vendored vis-network build is inlined
    assert "<title>Cooperation &lt;map&gt; &amp; co</title>" in html


def test_vis_network_is_vendored_with_its_licences() -> None:
    assets = Path(graphkit.viz.html.__file__).parent / "assets"
    assert "Apache License" in (assets / "vis-network.LICENSE-APACHE-2.0").read_text(encoding="utf-8")
    assert "MIT License" in (assets / "vis-network.LICENSE-MIT").read_text(encoding="utf-8")
    assert (assets / "vis-network.min.js").read_text(encoding="utf-8").count("@version 9.1.2") == 1


def test_node_looks_come_from_the_vocabulary(sample_map: Path) -> None:
    data = _data(sample_map.read_text(encoding="utf-8"))
    looks = {n["gk"]["label"]: (n["shape"], n["color"]["background"]) for n in data["nodes"]}
    assert looks["Interpol"] == ("hexagon", "#b07aa1")
    assert looks["Belarus"] == ("diamond", "#59a14f")
    assert looks["Ivan Ivanov"] == ("triangle", "#e15759")
    assert all(looks[n["gk"]["label"]] == (ENTITY[n["gk"]["type"]].shape, ENTITY[n["gk"]["type"]].color)
               for n in data["nodes"])  # fmt: skip
    assert [(t["key"], t["count"]) for t in data["meta"]["types"]] == [
        ("Agency", 4), ("InternationalOrganization", 2), ("PrivateOrganization", 1), ("State", 2),
        ("Person", 1), ("Event", 1), ("Agreement", 1),
    ]  # fmt: skip


def test_hostile_text_cannot_leave_the_data_island(sample_map: Path) -> None:
    html = sample_map.read_text(encoding="utf-8")
    island = re.search(r'id="gk-data">(.*?)</script>', html, re.S).group(1)  # type: ignore[union-attr]
    assert "<" not in island and ">" not in island and "&" not in island
    assert "\u2028" not in island and "\u2029" not in island
    assert SCRIPT not in html and IMG not in html
    data = json.loads(island)
    labels = {n["gk"]["label"] for n in data["nodes"]}
    assert {IMG, SCRIPT} <= labels
    assert not any("title" in n for n in data["nodes"] + data["edges"]), "vis would render a title as a tooltip"


def test_json_island_roundtrip() -> None:
    value = {"a": "</script><!-- \u2028\u2029 & <b> \ud800", "n": [1, 2.5, None]}
    text = json_island(value)
    assert re.fullmatch(r"[\x20-\x7e]*", text)
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == value


def test_labels_are_split_by_language() -> None:
    assert split_label("Europol@en") == ("Europol", "en")
    assert split_label("user@example.org") == ("user@example.org", "")
    assert split_label("МВД@ru-RU") == ("МВД", "ru-RU")
    names = node_names({"label": "Europol", "labels": ["Europol@en", "Европол@ru"]})
    assert names == [["Europol", ""], ["Европол", "ru"]]  # "Europol@en" repeats the display label


def test_top_k_selection_and_options() -> None:
    G = random_graph(300, 600)
    sel = select_nodes(G, 50)
    assert sel.capped and sel.ranked_by == "centrality" and sel.graph.number_of_nodes() == 50
    top = sorted(G, key=lambda n: -G.nodes[n]["centrality"])[49]
    assert all(G.nodes[n]["centrality"] >= G.nodes[top]["centrality"] for n in sel.graph)
    assert select_nodes(random_graph(100, 150, centrality=False), 10).ranked_by == "degree"
    assert not select_nodes(G, 2000).capped
    assert vis_options(100)["physics"]["enabled"] and not vis_options(5000)["physics"]["enabled"]
    assert vis_options(5000)["edges"]["smooth"] is False


@pytest.mark.parametrize("layout", ["auto", "spring", "fast", "random"])
def test_layouts_place_every_node(layout: str) -> None:
    G = random_graph(600, 1200)
    pos = compute_layout(G, layout)
    assert set(pos) == set(G)
    assert all(-1.5 <= x <= 1.5 and -1.5 <= y <= 1.5 for x, y in pos.values())


def test_multigraph_and_community_colours(tmp_path: Path) -> None:
    G = nx.MultiDiGraph(sample_graph())
    G.add_edge(R + "state/RU", R + "state/BY", key="partyTo", weight=1, kinds=[], predicates=["partyTo"], years=[2017])
    for i, node in enumerate(G):
        G.nodes[node]["community"] = i % 3
    data = _data(render_map(G, tmp_path / "m.html", color_by="community").read_text(encoding="utf-8"))
    assert data["meta"]["color_by"] == "community" and data["meta"]["directed"]
    assert len(data["edges"]) == G.number_of_edges()
    assert {item["key"] for item in data["meta"]["legend"]} == {"community 0", "community 1", "community 2"}


# ---------------------------------------------------------------- static images


def test_static_png_and_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = render_image(sample_graph(), tmp_path / "map.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    big = random_graph(800, 1600)
    svg = render_image(big, tmp_path / "big.svg", color_by="community", max_nodes=200)
    root = ET.parse(svg).getroot()
    assert root.tag == SVG + "svg"
    # one marker per kept node, one line per edge among them
    drawn = {g.get("id"): len(list(g.iter(SVG + "path"))) for g in root.iter(SVG + "g")}
    assert drawn["PathCollection_1"] == 200
    assert drawn["LineCollection_1"] == select_nodes(big, 200).graph.number_of_edges()
    assert "<script" not in svg.read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        render_image(sample_graph(), tmp_path / "map.gif")


# ---------------------------------------------------------------- in the browser


def _edge_id(page: Any, a: str, b: str) -> int:
    return page.evaluate(
        """([a, b]) => graphkit.edges.get().find(e => {
               const x = graphkit.nodes.get(e.from).gk.iri, y = graphkit.nodes.get(e.to).gk.iri;
               return (x === a && y === b) || (x === b && y === a); }).id""",
        [R + a, R + b],
    )


def _node_id(page: Any, key: str) -> int:
    return page.evaluate("iri => graphkit.nodes.get().find(n => n.gk.iri === iri).id", R + key)


def _screen_point(page: Any, js_canvas_point: str, arg: Any) -> tuple[float, float]:
    """Page coordinates of a canvas point computed by ``js_canvas_point`` (a JS arrow function)."""
    return page.evaluate(
        f"""arg => {{
            const p = ({js_canvas_point})(arg);
            const d = graphkit.network.canvasToDOM(p);
            const r = document.getElementById('gk-network').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }}""",
        arg,
    )


def _edge_point(page: Any, edge_id: int) -> tuple[float, float]:
    # the middle of the drawn (possibly curved) edge, from vis-network's edge geometry
    return _screen_point(
        page,
        """id => { const e = graphkit.network.body.edges[id];
                   return e.edgeType.getPoint ? e.edgeType.getPoint(0.5) : {x: (e.from.x + e.to.x) / 2,
                                                                             y: (e.from.y + e.to.y) / 2}; }""",
        edge_id,
    )


def _node_point(page: Any, node_id: int) -> tuple[float, float]:
    return _screen_point(page, "id => graphkit.network.getPositions([id])[id]", node_id)


def _no_trouble(page: Any, log: Any) -> None:
    assert log.errors == []
    assert log.foreign_requests(page.url) == []
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_map_in_browser(open_map: Any, sample_map: Path) -> None:  # noqa: F811
    page, log = open_map(sample_map)
    G = sample_graph()
    assert page.evaluate("graphkit.nodes.length") == G.number_of_nodes()
    assert page.evaluate("graphkit.edges.length") == G.number_of_edges()
    assert page.locator("#gk-note").is_hidden()

    # hover an edge: the tooltip shows kinds, weight and the evidence sentence
    edge = _edge_id(page, "agency/ru-mvd", "agency/by-mvd")
    page.mouse.move(*_edge_point(page, edge))
    tooltip = page.locator("#gk-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "conducted a joint operation against carders" in text
    assert "JointOperation" in text and "weight 2" in text
    assert "relations: cooperates with" in text  # the relation's label from the vocabulary
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))

    # click it: the side panel lists the evidence with safe article links
    page.mouse.click(*_edge_point(page, edge))
    details = page.locator("#gk-details")
    details.wait_for(state="visible", timeout=5000)
    assert "against carders" in details.inner_text()
    assert page.locator("#gk-details a").first.get_attribute("href") == SAFE_URL
    assert page.locator("#gk-details a").first.inner_text() == "News of 2020 <b>bold</b>"

    # a javascript: URL never becomes a link
    page.evaluate("id => graphkit.showEdge(id)", _edge_id(page, "org/kaspersky", "agency/ru-mvd"))
    assert "Kaspersky helped the MVD." in details.inner_text()
    assert page.locator("#gk-details a").count() == 0

    # hostile names are shown as text in the node tooltip, and never run
    for key, name in (("agency/evil-img", IMG), ("agency/evil-script", SCRIPT)):
        page.mouse.move(5, 5)
        page.mouse.move(*_node_point(page, _node_id(page, key)))
        tooltip.wait_for(state="visible", timeout=5000)
        assert name in tooltip.inner_text()
    page.evaluate("id => graphkit.showEdge(id)", _edge_id(page, "agency/evil-img", "agency/evil-script"))
    assert f"{SCRIPT} and {IMG} cooperated." in details.inner_text()
    page.mouse.click(*_node_point(page, _node_id(page, "agency/evil-script")))
    assert SCRIPT in details.inner_text()
    _no_trouble(page, log)


def test_node_tooltip_lists_every_name(open_map: Any, sample_map: Path) -> None:  # noqa: F811
    page, log = open_map(sample_map)
    page.mouse.move(*_node_point(page, _node_id(page, "agency/ru-mvd")))
    tooltip = page.locator("#gk-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    for name in ("Ministry of Internal Affairs of Russia", "МВД России", "Innenministerium Russlands", "Agency"):
        assert name in text
    page.mouse.move(*_node_point(page, _node_id(page, "io/interpol")))
    page.wait_for_function("() => document.getElementById('gk-tooltip').innerText.includes('Interpol')")
    assert "International organization" in tooltip.inner_text()  # the type's label, not its class name
    filters = page.locator("#gk-types").inner_text()
    assert "Private organization" in filters and "PrivateOrganization" not in filters
    _no_trouble(page, log)


def test_search_focuses_node(open_map: Any, sample_map: Path) -> None:  # noqa: F811
    page, log = open_map(sample_map)
    target = _node_id(page, "agency/ru-mvd")
    page.fill("#gk-search", "мвд росс")  # an alternative (Russian) name, partial, other case
    assert page.locator("#gk-results li").first.inner_text().startswith("Ministry of Internal Affairs of Russia")
    page.press("#gk-search", "Enter")
    assert page.evaluate("graphkit.network.getSelectedNodes()") == [target]
    page.wait_for_function(
        """id => { const v = graphkit.network.getViewPosition(), p = graphkit.network.getPositions([id])[id];
                   return Math.hypot(v.x - p.x, v.y - p.y) < 2; }""",
        arg=target,
        timeout=5000,
    )
    assert "МВД России" in page.locator("#gk-details").inner_text()
    # neighbours stay coloured, the rest is dimmed
    colors = page.evaluate("graphkit.nodes.get().map(n => [n.gk.label, n.color.background])")
    dim = {label for label, color in colors if color == "#e6e8eb"}
    assert "Interpol" not in dim and "Europol" in dim
    _no_trouble(page, log)


def test_filters(open_map: Any, sample_map: Path) -> None:  # noqa: F811
    page, log = open_map(sample_map)
    shown = "[graphkit.nodeView.length, graphkit.edgeView.length]"
    page.uncheck("#gk-types input[value=Person]")
    assert page.evaluate(shown) == [11, 10]
    page.click("#gk-reset")
    page.select_option("#gk-kind", "JointOperation")
    assert page.evaluate(shown)[1] == 4
    page.click("#gk-reset")
    page.select_option("#gk-country", "BY")
    labels = page.evaluate("graphkit.nodeView.get().map(n => n.gk.label)")
    # Belarus's own nodes (the state, its ministry, the hostile agency) and their neighbours
    assert sorted(labels) == sorted(
        [
            "Belarus",
            "Ministry of Internal Affairs of Belarus",
            SCRIPT,
            "Russia",
            "Ministry of Internal Affairs of Russia",
            "CIS cybercrime agreement",
            IMG,
        ]
    )
    page.click("#gk-reset")
    page.fill("#gk-year-from", "2022")
    page.dispatch_event("#gk-year-from", "input")
    assert page.evaluate(shown) == [5, 3]  # Interpol–Europol (2022, 2023) and the two 2022 edges
    page.click("#gk-reset")
    assert page.evaluate(shown) == [12, 11]
    assert "12 of 12 nodes" in page.locator("#gk-status").inner_text()
    _no_trouble(page, log)


def test_capped_map_shows_note(open_map: Any, tmp_path: Path) -> None:  # noqa: F811
    G = random_graph(3000, 6000)
    path = render_map(G, tmp_path / "capped.html", max_nodes=400)
    page, log = open_map(path)
    assert page.evaluate("graphkit.nodes.length") == 400
    note = page.locator("#gk-note")
    assert note.is_visible()
    assert note.inner_text() == "showing 400 of 3,000 nodes (top by centrality)"
    _no_trouble(page, log)


def test_large_graph_becomes_interactive(open_map: Any, tmp_path: Path) -> None:  # noqa: F811
    G = random_graph(20_000, 60_000)
    start = time.perf_counter()
    path = render_map(G, tmp_path / "large.html", max_nodes=20_000)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    page, log = open_map(path, timeout_ms=60_000)
    ready = time.perf_counter() - start
    print(f"\n20,000 nodes / 60,000 edges: HTML {generated:.2f} s ({path.stat().st_size / 1e6:.1f} MB), "
          f"page ready {ready:.2f} s")  # fmt: skip
    assert page.evaluate("[graphkit.nodes.length, graphkit.edges.length]") == [20_000, 60_000]
    assert page.evaluate("graphkit.network.physics.options.enabled") is False
    assert page.evaluate("graphkit.search('Entity 12345', 1).length") == 1
    _no_trouble(page, log)
