"""Shared fixtures: a real Oxigraph server for the remote-store tests (CI strictness is in
the root ``conftest.py``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_browser import browser, open_map  # noqa: F401 - one Chromium for every module's tests
from helpers import free_port, hostile_article

from graphkit.remote import RemoteStore
from graphkit.store import StoreError


def _oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[str]:
    """The URL of a real Oxigraph server (the ``oxigraph`` CLI of the PyPI package) on a
    free 127.0.0.1 port, for the whole session."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("oxigraph-log") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph-db")), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        probe = RemoteStore(url, timeout=2)
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the oxigraph server did not start: {log.read_text(errors='replace')[-500:]}")
            try:
                probe.query("ASK {}")
                break
            except StoreError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the oxigraph server did not answer at {url} within 20 s")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def remote_store(oxigraph_server) -> RemoteStore:
    """A store on the session's Oxigraph server, emptied for each test."""
    store = RemoteStore(oxigraph_server)
    store._update("DROP ALL")
    return store


@pytest.fixture(scope="module")
def run():
    """Extract and resolve one text; returns the resolved article and its (subject name,
    relation, object name) set, each entity named by its preferred label or, where that is an
    English gloss, by the name the text gives it."""
    from graphkit.extract import Extractor
    from graphkit.model import Article
    from graphkit.resolve import Resolver

    extractor, resolver = Extractor(), Resolver()

    def go(text: str, lang: str = "en"):
        resolved = resolver.resolve(extractor.extract(Article(text, lang=lang)))
        labels = {iri: e.written[0] if e.written else e.pref_label for iri, e in resolved.entities.items()}
        rels = {(labels[r.subject], r.predicate, labels[r.object]) for r in resolved.relations}
        return resolved, rels

    return go



@pytest.fixture(scope="session")
def workbench_store(tmp_path_factory) -> Path:
    """A store on disk with the examples built by the real pipeline plus one hostile article,
    closed again so that servers can open it."""
    import gc

    from graphkit import KnowledgeGraph
    from graphkit.rdf import article_iri, article_quads

    path = tmp_path_factory.mktemp("workbench") / "store"
    kg = KnowledgeGraph(path)
    report = kg.build([Path(__file__).resolve().parent.parent / "examples" / "articles"])
    assert report.added == 5 and not report.problems, report.problems
    res = hostile_article()
    kg.store.put_article(article_iri(res.article.id), article_quads(res))
    kg.store.flush()
    del kg
    gc.collect()
    return path
