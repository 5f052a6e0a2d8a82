"""End to end: the bundled examples through the CLI and the API, with facts about the graph."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import view_triples
from typer.testing import CliRunner

from graphkit import KnowledgeGraph, Store
from graphkit.cli import app
from graphkit.rdf import article_iri
from graphkit.readers import read_paths
from graphkit.store import StoreError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
RES = "https://w3id.org/ccg/resource/"
IC_BY = RES + "agency/by-ic"
MVD_RU = RES + "agency/ru-mvd"

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> KnowledgeGraph:
    store = tmp_path_factory.mktemp("examples") / "store"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "5 article(s) added" in result.output
    return KnowledgeGraph(Store(store))


def ask(kg: KnowledgeGraph, q: str) -> bool:
    return bool(kg.store.query(q))


def test_ic_belarus_cooperates_with_mvd_russia_with_its_evidence(built):
    rows = built.query(
        f"""SELECT ?text WHERE {{
          <{IC_BY}> ccg:cooperatesWith <{MVD_RU}> .
          ?a rdf:subject ?s ; rdf:predicate ccg:cooperatesWith ; rdf:object ?o ; ccg:evidence/ccg:text ?text .
          FILTER(?s IN (<{IC_BY}>, <{MVD_RU}>) && ?o IN (<{IC_BY}>, <{MVD_RU}>))
        }}"""
    )
    texts = " | ".join(r["text"] for r in rows)
    assert "With the Russian Ministry of Internal Affairs alone" in texts


def test_cooperation_is_symmetric_in_the_store(built):
    assert ask(built, f"ASK {{ <{MVD_RU}> ccg:cooperatesWith <{IC_BY}> }}")


def test_dmitry_gora_represents_belarus_and_is_member_of_the_committee(built):
    rows = built.query('SELECT ?p WHERE { ?p a ccg:Person ; skos:prefLabel "Dmitry Gora"@en }')
    assert len(rows) == 1
    gora = rows[0]["p"]
    assert ask(built, f"ASK {{ <{gora}> ccg:represents <{RES}state/BY> }}")
    assert ask(built, f"ASK {{ <{gora}> org:memberOf <{IC_BY}> }}")


def test_german_and_english_articles_resolve_the_committee_to_one_node(built):
    rows = built.query(f"SELECT ?l WHERE {{ <{IC_BY}> skos:altLabel|skos:prefLabel ?l }}")
    labels = {r["l"] for r in rows}
    assert "Untersuchungsausschuss von Belarus" in labels
    assert "Investigative Committee of Belarus" in labels
    rows = built.query(f"SELECT DISTINCT ?lang WHERE {{ <{IC_BY}> ccg:mentionedIn ?a . ?a dcterms:language ?lang }}")
    assert {"de", "en"} <= {r["lang"] for r in rows}  # the German article and an English one


def test_states_carry_iso_codes_and_agencies_their_jurisdiction(built):
    assert ask(built, f'ASK {{ <{RES}state/BY> a ccg:State ; ccg:isoCode "BY" }}')
    assert ask(built, f"ASK {{ <{MVD_RU}> ccg:jurisdiction <{RES}state/RU> }}")


def test_site_chrome_does_not_become_entities(built):
    rows = built.query("SELECT ?l WHERE { ?e skos:prefLabel|skos:altLabel ?l }")
    labels = {r["l"].casefold() for r in rows}
    for noise in ("print", "send to friend", "comment", "tass", "belta"):
        assert noise not in labels


def test_every_relation_has_provenance(built):
    rows = built.query(
        """SELECT (COUNT(*) AS ?n) WHERE {
             ?a a ccg:RelationAssertion .
             FILTER NOT EXISTS { ?a ccg:evidence ?s . ?s ccg:text ?t ; ccg:start ?b ; ccg:end ?e }
           }"""
    )
    assert rows[0]["n"] == 0


def test_building_twice_adds_no_triple(built, tmp_path):
    before = len(built.store)
    report = built.build([EXAMPLES])
    assert report.added == 0 and report.skipped == 5
    assert len(built.store) == before


def test_built_graph_conforms_to_the_shapes(built):
    report = built.validate()
    assert report.conforms, report.text[:2000]


def test_export_formats_parse_to_the_whole_graph(built, tmp_path):
    from rdflib import Dataset, Graph

    quads = len(built.store)
    # Exports hold the article graphs only: the aggregate view is derived data.
    triples = built.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != res:aggregate) } }"
    )[0]["n"]
    for fmt, parser, expected in (
        ("nq", "nquads", quads),
        ("trig", "trig", quads),
        ("jsonld", "json-ld", quads),
        ("ttl", "turtle", triples),
        ("nt", "nt", triples),
    ):
        out = tmp_path / f"graph.{fmt}"
        built.export(out, fmt)
        if fmt in ("nq", "trig", "jsonld"):
            ds = Dataset()
            ds.parse(out, format=parser)
            assert sum(1 for _ in ds.quads((None, None, None, None))) == expected, fmt
        else:
            assert len(Graph().parse(out, format=parser)) == expected, fmt


def test_export_to_a_stream_is_the_file(built, tmp_path):
    import io

    buf = io.BytesIO()
    built.export(buf, "nq")
    built.export(tmp_path / "g.nq", "nq")
    assert buf.getvalue() == (tmp_path / "g.nq").read_bytes()


def test_cli_query_analyze_stats(built):
    store = str(built.store.path)
    built.store.flush()
    res = runner.invoke(
        app, ["query", str(ROOT / "examples/queries/officials.rq"), "--store", store, "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    people = {r["person"] for r in json.loads(res.output)}
    assert "Dmitry Gora" in people
    res = runner.invoke(app, ["stats", "--store", store, "--format", "json"])
    assert json.loads(res.output)["articles"] == 5
    res = runner.invoke(app, ["query", "SELECT WHERE {", "--store", store])
    assert res.exit_code != 0 and "Traceback" not in res.output


def test_bad_inputs_are_reported_by_name_and_the_rest_is_built(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Europol and the FBI ran a joint operation against a botnet.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "lines.jsonl").write_text('{"text": "Interpol met Europol."}\n{not json\n', encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("hello", encoding="utf-8")
    store = tmp_path / "store"
    res = runner.invoke(
        app,
        [
            "build",
            str(tmp_path / "good.txt"),
            str(tmp_path / "empty.txt"),
            str(tmp_path / "binary.txt"),
            str(tmp_path / "lines.jsonl"),
            str(tmp_path / "notes.xyz"),
            str(tmp_path / "missing.txt"),
            "--store",
            str(store),
        ],
    )
    assert res.exit_code == 0, res.output
    for name in ("empty.txt", "binary.txt", "lines.jsonl:2", "notes.xyz", "missing.txt"):
        assert name in res.output
    assert "Traceback" not in res.output
    assert "2 article(s) added" in res.output


def test_nothing_readable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "store")])
    assert res.exit_code != 0
    assert "empty.txt" in res.output


def test_a_killed_build_leaves_a_readable_store_that_a_rerun_completes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 150
    for i in range(n):
        (corpus / f"a{i:03}.txt").write_text(
            f"Europol and the FBI ran joint operation number {i} with the Dutch police. "
            f"The National Crime Agency supported the investigation {i}.",
            encoding="utf-8",
        )
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "graphkit.cli", "build", str(corpus), "--store", str(store)]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and not flushed(store):  # kill it amid the writes
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = Store(store)
    written = {graph: graph_quads(partial, graph) for graph in partial.article_hashes().values()}
    del partial
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    kg = KnowledgeGraph(Store(store))
    assert len(kg.store.article_hashes()) == n > len(written) > 0
    clean = KnowledgeGraph(None)
    clean.build([corpus])
    assert len(kg.store) == len(clean.store)
    # each article was written whole or not at all: what the killed build left is complete
    assert written == {graph: graph_quads(clean.store, graph) for graph in written}



REPORTING_BUILD = """
import sys
from graphkit import KnowledgeGraph, Store
kg = KnowledgeGraph(Store(sys.argv[2]))
kg.build([sys.argv[1]], progress=lambda n, source: print(source, flush=True))
"""


def test_a_build_killed_amid_grouped_writes_holds_every_article_it_reported(tmp_path):
    # The writer commits several articles per transaction; an article is reported built only
    # once its transaction is committed, so a kill loses unreported articles only, whole.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(120):
        (corpus / f"a{i:03}.txt").write_text(
            f"Europol and the FBI ran joint operation number {i} with the Dutch police.", encoding="utf-8"
        )
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [sys.executable, "-c", REPORTING_BUILD, str(corpus), str(store)], stdout=subprocess.PIPE, text=True
    )
    reported = [proc.stdout.readline().strip() for _ in range(40)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    clean = KnowledgeGraph(None)
    clean.build([corpus])
    graph_of = {art.source: article_iri(art.id) for art in read_paths([corpus])}
    partial = Store(store)
    left = set(partial.article_hashes().values())
    assert len(reported) == 40 and {graph_of[source] for source in reported} <= left
    assert {graph: graph_quads(partial, graph) for graph in left} == {g: graph_quads(clean.store, g) for g in left}
    counted = view_triples(partial)
    partial.refresh_aggregates()
    assert counted == view_triples(partial)  # the view holds exactly the articles left

def flushed(store: Path) -> bool:
    """Whether a reader sees articles in the store that a build is writing."""
    try:
        return bool(Store(store, read_only=True).article_hashes())
    except StoreError:  # not created yet, or being created
        return False


def graph_quads(store: Store, graph: str) -> set[str]:
    import pyoxigraph as ox

    return {str(q) for q in store._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def test_entities_view_lists_the_names_merged_into_a_node(built):
    rows = {r["entity"]: r for r in built.entities(type_="Agency")}
    assert "Untersuchungsausschuss von Belarus@de" in rows[IC_BY]["all_names"]
    assert (rows[IC_BY]["label"], rows[IC_BY]["articles"]) == ("Investigative Committee of Belarus", 2)


def test_two_versions_of_one_url_in_a_batch_keep_the_last_on_every_run(tmp_path):
    old = {
        "url": "https://police.example/news/1",
        "text": "Europol and the FBI ran a joint operation against a botnet.",
    }
    new = dict(old, text=old["text"] + " Eurojust supported the investigation.")
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(f"{json.dumps(old)}\n{json.dumps(new)}\n", encoding="utf-8")
    kg = KnowledgeGraph(Store(tmp_path / "store"))
    first = kg.build([corpus])
    assert (first.added, first.superseded, first.replaced) == (1, 1, 0)
    snapshot = sorted(map(str, kg.store.quads()))
    second = kg.build([corpus])  # used to rebuild the older version and flip between the two
    assert (second.added, second.skipped, second.superseded, second.replaced) == (0, 1, 1, 0)
    assert sorted(map(str, kg.store.quads())) == snapshot
    assert ask(kg, f"ASK {{ <{RES}io/eurojust> ccg:mentionedIn ?article }}")  # the newer version


def test_analyze_and_render_project_the_graph_once(built, tmp_path, monkeypatch):
    import graphkit.analysis

    calls: list[str] = []
    real = graphkit.analysis.project
    monkeypatch.setattr(
        graphkit.analysis, "project", lambda store, name, **kw: calls.append(name) or real(store, name, **kw)
    )
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["build", str(EXAMPLES), "--store", store]).exit_code == 0
    calls.clear()
    res = runner.invoke(app, ["analyze", "--store", store, "--communities", "--per-year", "--write-back", "-f", "json"])
    assert res.exit_code == 0, res.output
    assert calls == ["agencies"]
    assert "scores written to graph <https://w3id.org/ccg/resource/analysis/latest>" in res.output
    calls.clear()
    res = runner.invoke(
        app, ["render", "--store", store, "-o", str(tmp_path / "m.html"), "--image", str(tmp_path / "m.svg")]
    )
    assert res.exit_code == 0, res.output
    assert calls == ["full"]
    assert (tmp_path / "m.svg").read_text().lstrip().startswith("<?xml")


def test_requires_python_matches_the_standard_library_used():
    import tomllib

    from packaging.specifiers import SpecifierSet

    spec = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"])
    uses_tomllib = any("import tomllib" in p.read_text() for p in (ROOT / "graphkit").rglob("*.py"))
    assert not (uses_tomllib and "3.10" in spec), "graphkit imports tomllib (3.11+) but installs on 3.10"
    assert "3.11" in spec


def test_the_writer_thread_stops_at_an_error_and_raises_it_in_the_builder():
    from graphkit.behind import Behind

    done = []

    def job(items: list[int]) -> None:
        for n in items:
            if n == 2:
                raise MemoryError("no room")
            done.append(n)

    with pytest.raises(MemoryError, match="no room"):
        with Behind(job, depth=1, group=4) as behind:
            for n in range(50):
                behind.put(n)
    assert done == [0, 1]  # nothing after the failed item is done
