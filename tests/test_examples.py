"""The bundled example queries answer analysts' questions, the same through the CLI and the endpoint."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ex") / "store"
    res = runner.invoke(app, ["build", str(ROOT / "examples" / "articles"), "--store", str(path)])
    assert res.exit_code == 0, res.output
    return path


def cli_rows(store: Path, query: Path) -> list[dict]:
    res = runner.invoke(app, ["query", str(query), "--store", str(store), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_who_cooperates_counts_articles_and_gives_evidence(store):
    rows = cli_rows(store, ROOT / "examples/queries/who-cooperates.rq")
    pair = next(
        r
        for r in rows
        if {r["a"], r["b"]} == {"Investigative Committee of Belarus", "Ministry of Internal Affairs of Russia"}
    )
    assert pair["articles"] == 2  # the German and the English article
    assert pair["evidence"]


def test_most_connected_puts_the_committee_first(store):
    rows = cli_rows(store, ROOT / "examples/queries/most-connected.rq")
    assert rows[0]["name"] == "Investigative Committee of Belarus"


def test_officials_lists_gora_for_belarus(store):
    rows = cli_rows(store, ROOT / "examples/queries/officials.rq")
    assert {"person": "Dmitry Gora", "state": "Belarus", "body": "Investigative Committee of Belarus"} in rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(store):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the endpoint did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_queries_give_the_same_answers_through_the_endpoint(store, endpoint, query):
    expected = cli_rows(store, query)
    req = urllib.request.Request(
        endpoint + "/sparql",
        data=query.read_bytes(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        data = json.load(resp)
    got = [{k: _plain(v) for k, v in b.items()} for b in data["results"]["bindings"]]
    norm = [{k: v for k, v in r.items() if v is not None} for r in expected]
    assert sorted(json.dumps(r, sort_keys=True) for r in got) == sorted(
        json.dumps(r, sort_keys=True, default=str) for r in norm
    )


def _plain(binding: dict):
    value = binding["value"]
    dt = binding.get("datatype", "")
    if dt.endswith("#integer"):
        return int(value)
    if dt.endswith(("#double", "#decimal")):
        return float(value)
    return value


def test_the_cli_endpoint_serves_the_map_and_lists_the_example_queries(endpoint):
    with urllib.request.urlopen(endpoint + "/map", timeout=30) as resp:
        assert resp.status == 200 and b"Investigative Committee of Belarus" in resp.read()
    with urllib.request.urlopen(endpoint + "/query", timeout=30) as resp:
        page = resp.read().decode()
    assert all(json.dumps(q.stem) in page for q in QUERIES)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples/queries/full").glob("*.rq")))
def test_view_queries_answer_as_their_full_versions_on_the_examples(store, name):
    # (the example articles are undated: cooperation per year is empty in both)
    fast = cli_rows(store, ROOT / "examples/queries" / name)
    assert fast == cli_rows(store, ROOT / "examples/queries/full" / name)
    assert fast or name == "cooperation-per-year.rq"
