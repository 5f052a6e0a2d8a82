"""Distributed builds: a LocalCluster gives the same store as a single-process build, and resumes.

The cluster tests start two worker processes (each loads the spaCy model once) and take
about half a minute; deselect them with ``-m "not slow"``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from graphkit import KnowledgeGraph, Store
from graphkit.distributed import DaskExecutor
from graphkit.graph import BuildReport
from graphkit.model import Article
from graphkit.pipeline import Pipeline, in_process

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.corpus import write_corpus  # noqa: E402

N = 20


def quads(store: Store) -> list[str]:
    return sorted(str(q) for q in store.quads())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """20 synthetic articles: half JSON Lines, half .txt."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), N, seed=7)


@pytest.fixture(scope="module")
def update(corpus, tmp_path_factory) -> Path:
    """A newer version of the corpus's first article, at the same URL: it replaces the old one."""
    first = json.loads((corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    first["text"] += "\n\nUpdate: Eurojust confirmed that two more suspects were arrested."
    folder = tmp_path_factory.mktemp("update")
    (folder / "update.jsonl").write_text(json.dumps(first) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus) -> tuple[KnowledgeGraph, BuildReport]:
    kg = KnowledgeGraph(None)
    return kg, kg.build([corpus])


@pytest.fixture(scope="module")
def distributed(corpus, tmp_path_factory) -> tuple[KnowledgeGraph, BuildReport, list[str]]:
    kg = KnowledgeGraph(Store(tmp_path_factory.mktemp("dist") / "store"))
    seen: list[str] = []
    executor = DaskExecutor(workers=2, chunk_size=3)
    report = kg.build([corpus], executor=executor, progress=lambda n, src: seen.append(src))
    return kg, report, seen


def counts(report: BuildReport) -> tuple:
    return report.read, report.added, report.skipped, report.replaced, report.superseded, report.problems


@pytest.mark.slow
def test_same_store_as_a_single_process_build(reference, distributed):
    (ref, ref_report), (kg, report, seen) = reference, distributed
    assert counts(report) == counts(ref_report) == (N, N, 0, 0, 0, [])
    assert len(seen) == N
    assert quads(kg.store) == quads(ref.store)


@pytest.mark.slow
def test_second_run_adds_nothing(distributed, corpus):
    kg, _, _ = distributed
    before = quads(kg.store)
    report = kg.build([corpus], executor=DaskExecutor(workers=2))
    assert counts(report) == (N, 0, N, 0, 0, [])
    assert quads(kg.store) == before


@pytest.mark.slow
def test_rebuilds_only_the_missing_articles(distributed, reference, corpus):
    kg, _, _ = distributed
    for iri in sorted(kg.store.article_hashes().values())[:3]:
        kg.store.remove_article(iri)
    report = kg.build([corpus], executor=DaskExecutor(workers=2, chunk_size=2))
    assert (report.added, report.skipped) == (3, N - 3)
    assert quads(kg.store) == quads(reference[0].store)


@pytest.mark.slow
def test_a_new_version_replaces_the_old_one_as_in_a_single_process_build(distributed, reference, corpus, update):
    (kg, _, _), (ref, _) = distributed, reference
    reports = []
    for paths in ([update], [corpus, update]):  # then a batch holding both versions
        ref_report = ref.build(paths)
        report = kg.build(paths, executor=DaskExecutor(workers=2))
        assert counts(report) == counts(ref_report)
        assert quads(kg.store) == quads(ref.store)
        reports.append(report)
    assert (reports[0].added, reports[0].replaced) == (1, 1)
    assert (reports[1].added, reports[1].replaced, reports[1].superseded) == (0, 0, 1)


# -- the executor's contract, without a cluster ------------------------------------------------
class ScriptedExecutor:
    """Yields what a cluster could: quads for some articles, a failure for others."""

    def __init__(self, fail: set[str]) -> None:
        self.fail = fail

    def map(self, pipeline, articles):
        for art, quads in pipeline.run(articles):
            yield (art, RuntimeError("worker died")) if art.text in self.fail else (art, quads)


def test_a_failed_extraction_is_reported_by_article_and_the_rest_is_written():
    a, b = Article("Europol and the FBI ran a joint operation.", lang="en"), Article("Interpol met Europol.", lang="en")
    kg = KnowledgeGraph(None)
    report = kg.add_articles([a, b], executor=ScriptedExecutor({b.text}))
    assert (report.added, report.problems) == (
        1,
        [f"{b.source}: extraction failed (RuntimeError: worker died); skipped"],
    )
    assert set(kg.store.article_hashes()) == {a.id}


def test_a_pipeline_travels_as_its_overrides_and_is_made_once_per_process():
    import pickle

    from graphkit.resolve import Overrides

    overrides = Overrides(same={"flying-squad": "https://w3id.org/ccg/resource/agency/it-squadra-mobile"})
    first, second = pickle.loads(pickle.dumps(Pipeline(overrides))), pickle.loads(pickle.dumps(Pipeline(overrides)))
    assert first is second is in_process(overrides)
    assert first.overrides == overrides and in_process(None) is not first


def test_nothing_to_do_starts_no_cluster(tmp_path):
    kg = KnowledgeGraph(None)
    report = kg.build([tmp_path / "missing.txt"], executor=DaskExecutor(scheduler="tcp://192.0.2.1:1"))
    assert report.added == 0 and "no such file or directory" in report.problems[0]
