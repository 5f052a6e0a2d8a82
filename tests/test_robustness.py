"""Hostile and odd inputs: each is reported by name (and line), never a traceback, and the good
articles of the same batch are built. The files are generated here, smaller than the ones of
issue 12 where the property is the same (the full sizes run in benchmarks/bench_long.py)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from helpers import free_port, view_triples
from typer.testing import CliRunner

from benchmarks.hostile import BODIES, entities_page, six_bodies_text
from graphkit import KnowledgeGraph, Store
from graphkit.cli import app
from graphkit.extract.nlp import pipeline
from graphkit.model import Article, article_id
from graphkit.readers import read_paths

runner = CliRunner()
RES = "https://w3id.org/ccg/resource/"
GOOD = "Europol and the FBI ran a joint operation against a botnet."
RU = "Следственный комитет Беларуси и МВД России провели совместную операцию против хакеров."


def build(*args: str | Path) -> tuple[int, str]:
    res = runner.invoke(app, ["build", *map(str, args)])
    assert "Traceback" not in res.output
    return res.exit_code, res.output


def built_sources(store: Path) -> set[str]:
    kg = KnowledgeGraph(Store(store, read_only=True))
    rows = kg.query("SELECT ?p WHERE { GRAPH ?g { ?g ccg:sourcePath ?p } }")
    return {Path(r["p"]).name for r in rows}


def good_file(folder: Path) -> Path:
    path = folder / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", bytes(range(256)) * 8, "binary or undecodable (contains NUL bytes)"),
        ("control.txt", b"\x01\x02\x03\x04" * 300, "binary or undecodable (control characters)"),
    ],
)
def test_unreadable_files_are_reported_and_the_good_one_built(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    code, output = build(good_file(tmp_path), tmp_path / name, "--store", tmp_path / "store")
    assert code == 0
    assert f"skipped {tmp_path / name}: {message}" in output
    assert built_sources(tmp_path / "store") == {"good.txt"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "cp1251"])
def test_utf16_utf32_with_and_without_bom_and_cp1251_read_as_the_same_text(tmp_path, encoding):
    (tmp_path / "ru.txt").write_bytes(RU.encode(encoding))
    (article,) = read_paths([tmp_path / "ru.txt"])
    assert article.text == RU


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta charset="windows-1252">', "utf-8"),  # says Latin-1, is UTF-8
        ('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "cp1251"),  # says UTF-8, is cp1251
    ],
)
def test_a_lying_charset_in_html_meta_is_overruled_by_the_bytes(tmp_path, meta, encoding):
    page = f"<html><head>{meta}<title>t</title></head><body><article><p>{RU}</p></article></body></html>"
    (tmp_path / "page.html").write_bytes(page.encode(encoding))
    (article,) = read_paths([tmp_path / "page.html"])
    assert article.id == article_id(RU)


def test_xml_bomb_and_xxe_in_html_expand_nothing(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    (tmp_path / "bomb.html").write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}]>'
        "<html><body><article><p>Interpol met Europol in Lyon. &l9;</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "xxe.html").write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<html><body><article><p>Interpol and the NCA met in London. &x;</p></article></body></html>",
        encoding="utf-8",
    )
    texts = {Path(a.source_path).name: a.text for a in read_paths([tmp_path])}
    assert "lollol" not in texts["bomb.html"] and "Interpol met Europol in Lyon." in texts["bomb.html"]
    assert "root:" not in texts["xxe.html"] and "Interpol and the NCA met in London." in texts["xxe.html"]


def test_fifo_symlink_loop_and_control_characters_in_names(tmp_path):
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "loop_a.txt").symlink_to(tmp_path / "loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to(tmp_path / "loop_a.txt")
    odd = tmp_path / "odd\x1b[31m\x07[bold]\n.txt"
    odd.write_text("", encoding="utf-8")
    named = tmp_path / "named\t[red]x.txt"
    named.write_text("Interpol and the National Crime Agency met.", encoding="utf-8")
    code, output = build(
        good_file(tmp_path), tmp_path / "fifo.txt", tmp_path / "loop_a.txt", odd, named, "--store", tmp_path / "store"
    )
    assert code == 0
    assert f"skipped {tmp_path / 'fifo.txt'}: not a regular file" in output
    assert f"skipped {tmp_path / 'loop_a.txt'}: cannot access (Too many levels of symbolic links)" in output
    assert f"skipped {tmp_path}/odd\\x1b[31m\\x07[bold]\\n.txt: empty file" in output
    assert "\x1b" not in output and "\x07" not in output
    assert built_sources(tmp_path / "store") == {"good.txt", named.name}


def _evidence(store: Path) -> list[dict]:
    kg = KnowledgeGraph(Store(store, read_only=True))
    return kg.query(
        "SELECT ?text ?start ?end ?path WHERE { GRAPH ?g { ?g ccg:sourcePath ?path . "
        "?s a ccg:EvidenceSentence ; ccg:text ?text ; ccg:start ?start ; ccg:end ?end } }"
    )


def test_a_line_longer_than_spacys_limit_is_built_with_offsets_into_the_whole_text(tmp_path, monkeypatch):
    # spaCy's limit lowered to 25,000 characters stands for its 1,000,000: a 60 KB line
    # (issue 12: 5 MB) must be fed to it in pieces
    monkeypatch.setattr(pipeline("en"), "max_length", 25_000)
    line = " ".join(
        f"In case {i}, {BODIES[i % 8]} and {BODIES[(i + 3) % 8]} cooperated against ransomware." for i in range(900)
    )
    assert "\n" not in line and len(line) > 60_000
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    code, output = build(good_file(tmp_path), tmp_path / "line.txt", "--store", tmp_path / "store")
    assert (code, output.count("skipped")) == (0, 0), output
    (article,) = read_paths([tmp_path / "line.txt"])
    rows = [r for r in _evidence(tmp_path / "store") if r["path"].endswith("line.txt")]
    assert {r["text"] for r in rows} >= {
        "In case 0, Europol and the Bundeskriminalamt cooperated against ransomware.",
        "In case 899, the Bundeskriminalamt and the Dutch National Police cooperated against ransomware.",
    }
    assert all(article.text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert built_sources(tmp_path / "store") == {"good.txt", "line.txt"}


def test_a_huge_word_and_a_page_of_entities_are_built_in_pieces(tmp_path):
    # issue 12: a 3 MB "word" and a 1 MB page of &amp;; the cost per piece is what matters
    (tmp_path / "word.txt").write_text("Interpol met Europol in Lyon. " + "x" * 300_000, encoding="utf-8")
    (tmp_path / "amp.html").write_text(entities_page(20_000), encoding="utf-8")
    code, output = build(good_file(tmp_path), tmp_path / "word.txt", tmp_path / "amp.html", "--store", tmp_path / "s")
    assert (code, output.count("skipped")) == (0, 0), output
    kg = KnowledgeGraph(Store(tmp_path / "s", read_only=True))
    assert kg.store.query(f"ASK {{ <{RES}io/eurojust> ccg:cooperatesWith <{RES}agency/us-fbi> }}")
    assert built_sources(tmp_path / "s") == {"good.txt", "word.txt", "amp.html"}


def test_jsonl_with_a_broken_record_and_one_too_long(tmp_path):
    lines = [
        '{"text": "Interpol and the National Crime Agency met in Lyon.", "url": "https://example.org/1"}',
        '{"text": "broken',
        '{"text": "' + "Europol met the FBI. " * 3_000 + '"}',  # 63,000 characters: issue 12's 4 MB record
        '{"text": "Eurojust and the Bundeskriminalamt signed an agreement.", "url": "https://example.org/4"}',
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    code, output = build(good_file(tmp_path), tmp_path / "dump.jsonl", "--store", store, "--max-chars", "50000")
    assert code == 0
    assert f"skipped {tmp_path / 'dump.jsonl'}:2: malformed JSON (Unterminated string" in output
    assert (
        f"skipped {tmp_path / 'dump.jsonl'}:3: too long (62,999 characters > 50,000); skipped the whole article "
        "(raise the limit with --max-chars)" in output
    )
    assert "3 article(s) added" in output
    urls = {r["u"] for r in KnowledgeGraph(Store(store, read_only=True)).query("SELECT ?u { ?a schema:url ?u }")}
    assert urls == {"https://example.org/1", "https://example.org/4"}


def test_only_too_long_articles_means_nothing_read_and_exit_2(tmp_path):
    (tmp_path / "long.txt").write_text("Europol met the FBI. " * 100, encoding="utf-8")
    code, output = build(tmp_path / "long.txt", "--store", tmp_path / "store", "--max-chars", "1000")
    assert code == 2
    assert f"{tmp_path / 'long.txt'}: too long (2,099 characters > 1,000)" in output
    assert "error: no article could be read" in output


def test_an_article_naming_six_bodies_in_every_sentence_is_built_across_windows(tmp_path):
    # issue 12: 430 KB, 5,000 sentences; 300 sentences span two windows here
    text = six_bodies_text(300)
    kg = KnowledgeGraph(None)
    kg.pipeline.extractor.window = 10_000
    report = kg.add_articles([Article(text, lang="en", source_path="bodies.txt"), Article(GOOD, lang="en")])
    assert (report.added, report.problems) == (2, [])
    rows = kg.query(
        f"""SELECT ?text ?start ?end WHERE {{ ?x a ccg:RelationAssertion ; rdf:subject <{RES}io/europol> ;
              rdf:object <{RES}io/interpol> ; ccg:evidence ?s . ?s ccg:text ?text ; ccg:start ?start ; ccg:end ?end }}"""
    )
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert max(r["start"] for r in rows) > 20_000  # evidence from the third window, at its place in the text
    expected = sum(1 for s in text.split(". ") if "Europol" in s and "Interpol" in s)
    assert len(rows) == expected


def test_an_article_over_its_time_limit_is_skipped_and_the_rest_built(tmp_path):
    long = Article(six_bodies_text(200), lang="en", source_path="slow.txt")
    kg = KnowledgeGraph(None)
    kg.pipeline.extractor.window = 2_000  # many windows: the deadline is checked between them
    report = kg.add_articles([long, Article(GOOD, lang="en", source_path="good.txt")], article_timeout=0.001)
    assert report.problems == [
        "slow.txt: extraction stopped after 0.001 s (the time limit per article, --article-timeout); skipped"
    ]
    assert report.added == 1 and set(kg.store.article_hashes()) == {article_id(GOOD)}


def test_a_failure_while_resolving_or_writing_one_article_costs_only_that_article(tmp_path):
    bad_resolve, bad_write = (
        Article(t, lang="en", source_path=p) for t, p in [(RU, "r.txt"), ("Interpol met the NCA.", "w.txt")]
    )
    kg = KnowledgeGraph(None)
    resolve, put = kg.pipeline.resolver.resolve, kg.store.put_article

    def failing_resolve(ex):
        if ex.article is bad_resolve:
            raise KeyError("no such entity")
        return resolve(ex)

    def failing_put(iri, quads):
        if iri.endswith(bad_write.id):
            raise OSError("No space left on device")
        return put(iri, quads)

    def failing_transaction(articles):  # several articles in one transaction: all or none fail
        if any(iri.endswith(bad_write.id) for iri, _ in articles):
            raise OSError("No space left on device")
        return put_many(articles)

    put_many = kg.store.put_articles
    kg.pipeline.resolver.resolve, kg.store.put_article = failing_resolve, failing_put
    kg.store.put_articles = failing_transaction
    report = kg.add_articles([bad_resolve, Article(GOOD, lang="en", source_path="good.txt"), bad_write])
    assert report.problems == [
        "r.txt: resolution failed (KeyError: 'no such entity'); skipped",
        "w.txt: not written (OSError: No space left on device)",
    ]
    assert report.added == 1 and set(kg.store.article_hashes()) == {article_id(GOOD)}


# -- two writers and a reader, as real processes ----------------------------------------------------


def _cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "graphkit.cli", *map(str, args)]


def _locked(store: Path) -> bool:
    """Whether another process holds the store's RocksDB lock."""
    try:
        fd = os.open(store / "LOCK", os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def _ask(base: str, query: str) -> tuple[int, bytes]:
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, resp.read()


def _corpus(folder: Path, n: int, offset: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(
            f"{BODIES[(i + offset) % 8]} and {BODIES[(i + offset + 3) % 8]} ran joint operation number "
            f"{i + offset} against a botnet.",
            encoding="utf-8",
        )
    return folder


def test_two_builds_at_once_give_the_sequential_store_while_the_endpoint_answers(tmp_path):
    first, second = _corpus(tmp_path / "first", 12, 0), _corpus(tmp_path / "second", 12, 100)
    store = tmp_path / "store"
    Store(store).flush()  # an empty store for the server to open; this handle closes here
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        _cli("serve", "--store", store, "--port", port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    builds: list[subprocess.Popen] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _ask(base, "ASK {}")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.2)
        builds.append(
            subprocess.Popen(
                _cli("build", first, "--store", store), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
        while not _locked(store):
            assert builds[0].poll() is None, builds[0].communicate()
            time.sleep(0.05)
        builds.append(
            subprocess.Popen(
                _cli("build", second, "--store", store), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
        statuses = []
        while any(b.poll() is None for b in builds):
            statuses.append(_ask(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0])
            time.sleep(0.2)
        outputs = [b.communicate() for b in builds]
        assert [b.returncode for b in builds] == [0, 0], outputs
        assert "another process is writing to the store: waiting up to 600 s" in outputs[1][1]
        assert "12 article(s) added" in outputs[0][0] and "12 article(s) added" in outputs[1][0]
        assert len(statuses) >= 3 and set(statuses) == {200}
        sequential = KnowledgeGraph(None)
        sequential.build([first])
        sequential.build([second])
        n_quads = len(sequential.store)
        answer = b""
        deadline = time.monotonic() + 30  # the server's workers reopen the store once it has changed
        while f"\r\n{n_quads}\r\n".encode() not in answer and time.monotonic() < deadline:
            answer = _ask(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{RES}aggregate>) }}")[1]
            time.sleep(0.3)
        assert answer == f"n\r\n{n_quads}\r\n".encode()
    finally:
        for proc in [*builds, server]:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    concurrent = Store(store, read_only=True)
    assert set(concurrent.article_hashes()) == set(sequential.store.article_hashes())
    assert len(concurrent) == n_quads
    # The aggregate view the two writers maintained in turn is the sequential build's.
    assert view_triples(concurrent) == view_triples(sequential.store) != set()




def test_a_writer_that_cannot_wait_stops_with_a_clear_message(tmp_path):
    holder = Store(tmp_path / "store")
    try:
        code, output = build(good_file(tmp_path), "--store", tmp_path / "store", "--wait", "0")
    finally:
        del holder
    assert code == 1
    assert (
        f"error: the store at {tmp_path / 'store'} is being written by another process (another 'graphkit "
        "build'?); run this again when it has finished, or use another --store" in output
    )


@pytest.mark.parametrize("lazily", [False, True])
def test_when_spacy_fails_on_a_batch_only_the_article_it_failed_on_is_lost(monkeypatch, lazily):
    import graphkit.extract as extract

    real = pipeline("en")

    class Fussy:
        """spaCy, failing on a text with "BOOM": when called (eagerly) or when it reaches it (lazily)."""

        def pipe(self, texts, **options):
            texts = list(texts)
            if not lazily and any("BOOM" in t for t in texts):
                raise ValueError("[E000] spaCy gave up")
            return self._one_by_one(texts)

        def _one_by_one(self, texts):
            for text in texts:
                if "BOOM" in text:
                    raise ValueError("[E000] spaCy gave up")
                yield real(text)

    monkeypatch.setattr(extract, "pipeline", lambda lang: Fussy())
    articles = [Article(t, lang="en", source_path=f"{i}.txt") for i, t in enumerate([GOOD, "BOOM at Interpol.", RU])]
    kg = KnowledgeGraph(None)
    report = kg.add_articles(articles)
    assert report.problems == ["1.txt: extraction failed (ValueError: [E000] spaCy gave up); skipped"]
    assert set(kg.store.article_hashes()) == {article_id(GOOD), article_id(RU)}
