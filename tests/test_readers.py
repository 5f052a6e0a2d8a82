"""graphkit.readers: files of every supported format to Articles, and every way they fail."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from graphkit.model import Article
from graphkit.readers import (
    SUPPORTED_SUFFIXES,
    ReadError,
    ReadProblem,
    detect_language,
    read_file,
    read_paths,
    read_text,
)
from graphkit.readers import decode as decode_mod
from graphkit.readers.clean import clean_text, is_chrome_line, is_meta_line
from graphkit.readers.dates import parse_date
from graphkit.readers.html import extract_html

BAD = Path(__file__).parent / "data" / "bad"
SHARED = Path(__file__).parents[1].parent / "shared" / "corpus"


def split(items):
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path


# --- public API shape -----------------------------------------------------------------------


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".text", ".html", ".htm", ".md", ".markdown", ".jsonl", ".ndjson")


def test_problem_str_and_error_message():
    p = ReadProblem("data/x.jsonl:7", "malformed JSON (Expecting ',' delimiter)")
    assert str(p) == "data/x.jsonl:7: malformed JSON (Expecting ',' delimiter)"
    e = ReadError("data/x.txt", "empty file")
    assert str(e) == "data/x.txt: empty file" and e.source == "data/x.txt" and e.reason == "empty file"


# --- plain text: the seed articles ------------------------------------------------------------


def test_seed_date_prefix_becomes_published():
    [art] = read_file(shared("seeds", "000_01242a904a6d79f8.txt"))
    assert art.published == date(2021, 5, 24)
    assert art.text.startswith('"Bearing in mind')
    assert "date 2021" not in art.text
    assert art.lang == "en"
    assert art.title is None


def test_seed_print_send_to_friend_and_counters_removed():
    src = shared("seeds", "004_272b9f736c2b0030.txt")
    [art] = read_file(src)
    assert "Print" not in art.text and "Send to Friend" not in art.text
    assert "Show Count" not in art.text and "26464" not in art.text
    assert "12 May 2018" not in art.text
    assert art.published == date(2018, 5, 12)
    assert art.title == "The necessity of mastery and sharing information of countries in combating cybercrime"
    assert art.text.endswith("regarding this issue.")
    # everything else kept verbatim
    assert "brigadier general Hossein Ashtari in the margin 6th Eurasian Working Group" in art.text
    assert art.source_path == str(src)


def test_seed_comment_counter_removed_source_line_kept():
    [art] = read_file(shared("seeds", "003_4fc8e89eed1ee26e.txt"))
    assert "Comment (0)" not in art.text
    assert art.text.splitlines()[-1].startswith("Source: https://www.sggp.org.vn/")
    assert art.text == art.text.strip()


def test_seed_german_is_german():
    [art] = read_file(shared("seeds", "001_4c0cbd3f5725b494.txt"))
    assert art.lang == "de"
    assert art.text.startswith("MINSK, 22. November (BELTA) – Die Strafverfolgungsbehörden")


def test_own_txt_fixture_noise(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "Drucken   Teilen\n\n"
        " date 2021-05-24 Europol and Eurojust supported the operation.\n\n"
        "The Bundeskriminalamt led the investigation.\n"
        "Comments (3)\n"
        "13:25 - 2018/05/12    /    number : 26464    /    Show Count : 442\n",
        encoding="utf-8",
    )
    [art] = read_file(f)
    assert art.text == "Europol and Eurojust supported the operation.\n\nThe Bundeskriminalamt led the investigation."
    assert art.published == date(2021, 5, 24)


@pytest.mark.parametrize(
    "line",
    ["Print", "Send to Friend", "Print        Send to Friend", "Comment (0)", "Comments", "Share", "Tweet",
     "Share | Tweet | Email", "Drucken", "Печать", "Imprimer   Partager", "Compartir", "In bài"],
)  # fmt: skip
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    ["Print the report.", "Comments are closed.", "Interpol shares data", "Source: https://example.org/a", "Europol"],
)
def test_not_chrome_lines(line):
    assert not is_chrome_line(line)


def test_meta_lines():
    assert is_meta_line("13:25 - 2018/05/12    /    number : 26464    /    Show Count : 442")
    assert is_meta_line("Views: 1 234")
    assert not is_meta_line("In 2018 the police arrested 12 people")
    assert not is_meta_line("1 " * 100 + "x")  # and quickly


def test_bare_leading_date_in_a_sentence_stays():
    c = clean_text("12 May 2018 saw the launch of the operation by Europol and the FBI.")
    assert c.text.startswith("12 May 2018 saw") and c.published is None


def test_dateline_line_sets_published():
    c = clean_text("Updated: May 24, 2021\n\nEuropol announced the arrests today in The Hague.")
    assert c.published == date(2021, 5, 24)
    assert c.text == "Europol announced the arrests today in The Hague."


def test_no_title_when_first_line_is_a_sentence():
    c = clean_text("MOSCOW, May 24. /TASS/. Russia and Belarus agreed.\n\nMore text follows here, a long paragraph.")
    assert c.title is None


# --- read_text --------------------------------------------------------------------------------


def test_read_text_cleans_like_txt_and_takes_meta():
    body = "Europol met Interpol in Lyon to discuss how the two agencies should work together against ransomware."
    art = read_text(f" date 2021-05-24 {body}\nShare\n", url="https://e.org/x", title="T")
    assert art.text == body
    assert art.published == date(2021, 5, 24) and art.url == "https://e.org/x" and art.title == "T"
    assert art.lang == "en"
    assert art.source == "<text>"


def test_read_text_explicit_meta_wins():
    art = read_text("Europol met Interpol in Lyon to discuss ransomware.", published="2020-01-02", lang="de-AT")
    assert art.published == date(2020, 1, 2) and art.lang == "de"
    art = read_text("Europol met Interpol in Lyon.", published=date(2019, 3, 4))
    assert art.published == date(2019, 3, 4)


def test_read_text_rejects_empty_and_unknown_meta():
    with pytest.raises(ReadError, match="no article text"):
        read_text("  \nPrint\n")
    with pytest.raises(TypeError, match="titel"):
        read_text("Europol", titel="x")


def test_same_text_same_id_across_formats(tmp_path):
    body = "Europol and Interpol agreed to cooperate against ransomware."
    (tmp_path / "a.txt").write_text(body + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": body}) + "\n", encoding="utf-8")
    a, b = split(list(read_paths([tmp_path])))[0]
    assert a.id == b.id == read_text(body).id


# --- HTML ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Europol and the FBI take down botnet | Example News</title>
<meta property="og:title" content="Europol and the FBI take down botnet">
<meta property="article:published_time" content="2021-01-27T10:00:00+01:00">
<link rel="canonical" href="https://news.example.org/2021/01/botnet">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/about">About us</a></li></ul></nav>
<header><div class="menu">Subscribe to our newsletter today</div></header>
<article>
<h1>Europol and the FBI take down botnet</h1>
<p>Law enforcement and judicial authorities worldwide have this week disrupted one of the most
significant botnets of the past decade, Europol said in a statement issued in The Hague.</p>
<p>The operation was coordinated by Europol and Eurojust, with investigators from the Netherlands,
Germany, France, Lithuania, Canada, the United Kingdom and the United States taking part.</p>
<p>The Dutch National Police and the German Federal Criminal Police Office (BKA) led the
investigation, which lasted almost two years and involved several joint investigation teams.</p>
</article>
<section id="comments" class="comments">
<h3>3 Comments</h3>
<div class="comment"><p>Great job guys, finally someone does something about this spam flood!</p></div>
<div class="comment"><p>I think the botnet will be back within a month, mark my words here.</p></div>
</section>
<footer><p>Copyright 2021 Example News. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body>
</html>
"""


def test_html_metadata_and_body(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    [art] = read_file(f)
    assert art.title == "Europol and the FBI take down botnet"
    assert art.published == date(2021, 1, 27)
    assert art.url == "https://news.example.org/2021/01/botnet"
    assert art.lang == "en"
    assert "Europol said in a statement issued in The Hague" in art.text
    assert "German Federal Criminal Police Office (BKA)" in art.text
    for noise in ("World news", "About us", "Great job guys", "mark my words", "Copyright", "newsletter"):
        assert noise not in art.text
    assert "<" not in art.text


def test_html_og_url_and_detected_language(tmp_path):
    page = (
        '<html><head><meta property="og:url" content="https://ru.example.org/n/1">'
        "<title>Сотрудничество</title></head><body><article>"
        "<p>Следственный комитет Беларуси и МВД России договорились о совместной работе по борьбе с "
        "киберпреступностью. Стороны обсудили обмен информацией и совместные расследования.</p>"
        "<p>Встреча прошла в Минске, в ней участвовали представители обоих ведомств.</p>"
        "</article></body></html>"
    )
    f = tmp_path / "ru.htm"
    f.write_bytes(page.encode("cp1251").replace(b"<head>", b'<head><meta charset="windows-1251">'))
    [art] = read_file(f)
    assert art.url == "https://ru.example.org/n/1"
    assert art.lang == "ru"
    assert "Следственный комитет Беларуси" in art.text


def test_trafilatura_metadata_has_no_declared_language():
    """Why readers/html.py reads ``<html lang>`` itself: trafilatura's metadata leaves it out."""
    from trafilatura import extract_metadata
    from trafilatura.utils import load_html

    page = '<html lang="pt"><head><title>X</title></head><body><article><p>Europol and Interpol.</p></article></body></html>'
    assert extract_metadata(load_html(page)).language is None
    assert extract_html(page, source="x").lang == "pt"
    assert extract_html(page.replace(' lang="pt"', ""), source="x").lang is None  # too short to detect


def test_html_date_from_json_ld(tmp_path):
    """The publication date in JSON-LD only (no meta tag): trafilatura's htmldate finds it."""
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-11-08T09:30:00Z"}</script>'
    f = tmp_path / "ld.html"
    f.write_text(PAGE.replace('<meta property="article:published_time" content="2021-01-27T10:00:00+01:00">', ld))
    [art] = read_file(f)
    assert art.published == date(2019, 11, 8)


def test_html_without_article_text():
    with pytest.raises(ReadError, match="no article text"):
        read_file(BAD / "no_text.html")


def test_dev_html_pages_read():
    folder = shared("dev")
    articles, problems = split(list(read_paths([folder])))
    assert not problems
    assert len(articles) == len(list(folder.glob("*.html")))
    first = articles[0]
    assert first.source_path.endswith("dd001.html")
    assert first.title == "Europol and Interpol Upholds Fight against Cyber Crime"
    assert first.published == date(2017, 10, 13)
    assert first.url == "https://www.deepdotweb.com/2017/10/13/europol-interpol-upholds-fight-cyber-crime/"
    assert first.text.startswith("At the 5th annual Europol-Interpol Cybercrime Conference")
    assert "Posted by" not in first.text and "Leave a comment" not in first.text
    assert {a.lang for a in articles} == {"en"}
    for art in articles:  # every dev page is dated in its URL: /YYYY/MM/DD/
        assert art.url.startswith("https://www.deepdotweb.com/"), art.source_path
        assert art.published.strftime("/%Y/%m/%d/") in art.url, art.source_path


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_with_front_matter(tmp_path):
    f = tmp_path / "post.md"
    f.write_text(
        "---\ntitle: Joint operation against carders\ndate: 2017-07-10\nurl: https://example.org/carders\nlang: en\n---\n\n"
        "# A heading\n\n"
        "**Europol** and the [Spanish National Police](https://policia.es) arrested *76* suspects.\n\n"
        "![a logo](logo.png)\n\n"
        "- Europol coordinated\n- Eurojust supported\n\n"
        "```\ncode stays as text\n```\n",
        encoding="utf-8",
    )
    [art] = read_file(f)
    assert art.title == "Joint operation against carders"
    assert art.published == date(2017, 7, 10)
    assert art.url == "https://example.org/carders"
    assert art.lang == "en"
    assert "Europol and the Spanish National Police arrested 76 suspects." in art.text
    assert "A heading" in art.text and "#" not in art.text
    for markup in ("**", "](", "https://policia.es", "logo", "![", "```", "- Europol"):
        assert markup not in art.text
    assert "Europol coordinated" in art.text and "code stays as text" in art.text


def test_markdown_without_front_matter(tmp_path):
    f = tmp_path / "note.markdown"
    f.write_text(
        "# Interpol opens cyber centre\n\nInterpol opened a new cyber fusion centre in Singapore, working with private partners.\n",
        encoding="utf-8",
    )
    [art] = read_file(f)
    assert art.title == "Interpol opens cyber centre"
    assert art.published is None and art.url is None
    assert art.text.endswith("working with private partners.")


def test_markdown_bad_front_matter():
    with pytest.raises(ReadError, match=r"bad_front_matter\.md: malformed front matter"):
        read_file(BAD / "bad_front_matter.md")


# --- JSON Lines -----------------------------------------------------------------------------------


def test_jsonl_malformed_line_in_the_middle():
    src = BAD / "mixed.jsonl"
    articles, problems = split(list(read_paths([src])))
    assert [a.source_line for a in articles] == [1, 5]
    assert [str(p) for p in problems] == [
        f"{src}:2: malformed JSON (Expecting value)",
        f"{src}:4: no 'text' or 'html' field",
        f"{src}:6: expected a JSON object, got list",
    ]
    one, five = articles
    assert one.title == "One" and one.published == date(2017, 10, 13) and one.lang == "en"
    assert one.source == f"{src}:1" and one.source_path == str(src)
    # the html line went through the HTML reader
    assert five.text.startswith("Das Bundeskriminalamt und Europol") and five.lang == "de"
    assert five.url == "https://example.org/a"


def test_read_file_jsonl_strict_or_collecting():
    src = BAD / "mixed.jsonl"
    with pytest.raises(ReadError, match=r"mixed\.jsonl:2: malformed JSON"):
        read_file(src)
    problems: list[ReadProblem] = []
    articles = read_file(src, problems=problems)
    assert len(articles) == 2 and [p.source.rsplit(":", 1)[1] for p in problems] == ["2", "4", "6"]


def test_ndjson_published_and_blank_lines(tmp_path):
    f = tmp_path / "x.ndjson"
    f.write_text(
        "\n"
        + json.dumps(
            {
                "text": "Europol und das BKA arbeiten zusammen gegen Cyberkriminalität.",
                "published": "24.05.2021",
                "lang": "de",
            }
        )
        + "\n\n",
        encoding="utf-8",
    )
    [art] = read_file(f)
    assert art.source_line == 2 and art.published == date(2021, 5, 24) and art.lang == "de"


# --- broken files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty file"),
        ("whitespace.txt", "empty file"),
        ("binary.txt", "binary or undecodable"),
        ("chrome_only.txt", "no article text"),
    ],
)
def test_bad_files_raise(name, message):
    with pytest.raises(ReadError) as info:
        read_file(BAD / name)
    assert str(info.value).startswith(f"{BAD / name}: {message}")


def test_binary_without_nul_bytes(tmp_path):
    f = tmp_path / "noise.txt"
    f.write_bytes(bytes(range(128, 256)) * 8)
    with pytest.raises(ReadError, match="binary or undecodable"):
        read_file(f)


def test_too_large_is_refused_without_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(decode_mod, "MAX_BYTES", 1024 * 1024)
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * (1024 * 1024 + 300 * 1024))
    with pytest.raises(ReadError, match=r"too large \(1\.3 MB > 1 MB\)"):
        read_file(f)
    assert decode_mod.MAX_BYTES == 1024 * 1024


def test_default_size_limit_is_20_mb():
    from graphkit.readers import MAX_BYTES

    assert MAX_BYTES == 20 * 1024 * 1024


def test_cp1251_russian():
    [art] = read_file(BAD / "cp1251.txt")
    assert art.text.startswith("Следственный комитет Республики Беларусь")
    assert art.lang == "ru"


def test_latin1_german():
    [art] = read_file(BAD / "latin1.txt")
    assert "Österreich" in art.text and "Maßnahmen" in art.text
    assert art.lang == "de"


def test_utf8_bom_and_crlf(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfEuropol and Interpol cooperate.\r\nSecond line.\r\n")
    [art] = read_file(f)
    assert art.text == "Europol and Interpol cooperate.\nSecond line."


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Europol und Interpol arbeiten zusammen.".encode("utf-16"))
    [art] = read_file(f)
    assert art.text == "Europol und Interpol arbeiten zusammen."


def test_unknown_extension_explicit_is_a_problem_but_skipped_in_folders():
    [problem] = list(read_paths([BAD / "notes.pdf"]))
    assert isinstance(problem, ReadProblem)
    assert str(problem).startswith(f"{BAD / 'notes.pdf'}: unsupported file type '.pdf'")
    assert not any("notes.pdf" in str(i) for i in read_paths([BAD]))
    with pytest.raises(ReadError, match="unsupported file type"):
        read_file(BAD / "notes.pdf")


def test_missing_path_is_a_problem_and_reading_goes_on(tmp_path):
    (tmp_path / "ok.txt").write_text("Europol and Interpol cooperate against cybercrime.", encoding="utf-8")
    items = list(read_paths([tmp_path / "missing.txt", tmp_path / "ok.txt", "also/missing"]))
    articles, problems = split(items)
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        "also/missing: no such file or directory",
    ]
    assert len(articles) == 1
    with pytest.raises(ReadError, match="no such file"):
        read_file(tmp_path / "missing.txt")


def test_bad_folder_yields_problems_never_raises():
    articles, problems = split(list(read_paths([BAD])))
    names = sorted(Path(p.source.split(":")[0]).name for p in problems)
    assert names == ["bad_front_matter.md", "binary.txt", "chrome_only.txt", "empty.txt",
                     "mixed.jsonl", "mixed.jsonl", "mixed.jsonl", "no_text.html", "whitespace.txt"]  # fmt: skip
    assert sorted(Path(a.source_path).name for a in articles) == [
        "cp1251.txt",
        "latin1.txt",
        "mixed.jsonl",
        "mixed.jsonl",
    ]


def test_directory_recursion_sorted_hidden_skipped(tmp_path):
    body = "Europol and Interpol cooperate against cybercrime, number {}."
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(body.format(1), encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text(body.format(2), encoding="utf-8")
    (tmp_path / "b" / "deep" / "d.TXT").write_text(body.format(3), encoding="utf-8")
    (tmp_path / "b" / ".secret.txt").write_text(body.format(4), encoding="utf-8")
    (tmp_path / ".hidden" / "e.txt").write_text(body.format(5), encoding="utf-8")
    (tmp_path / "b" / "image.png").write_bytes(b"\x89PNG\x00")
    got = [(a.source_path, a.text[-2]) for a in read_paths([tmp_path])]
    assert got == [
        (str(tmp_path / "a.txt"), "1"),
        (str(tmp_path / "b" / "c.md"), "2"),
        (str(tmp_path / "b" / "deep" / "d.TXT"), "3"),
    ]
    flat = [a.source_path for a in read_paths([tmp_path], recursive=False)]
    assert flat == [str(tmp_path / "a.txt")]


def test_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Europol and Interpol cooperate against cybercrime.", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    assert [a.source_path for a in read_paths([tmp_path])] == [str(tmp_path / "sub" / "a.txt")]


def test_html_fragment_and_bare_text(tmp_path):
    (tmp_path / "frag.htm").write_text("Europol and Interpol <b>cooperate</b> against cybercrime.", encoding="utf-8")
    (tmp_path / "bare.html").write_text("Europol and Interpol cooperate, no tags at all.", encoding="utf-8")
    texts = [a.text for a in read_paths([tmp_path])]
    assert texts == [
        "Europol and Interpol cooperate, no tags at all.",
        "Europol and Interpol cooperate against cybercrime.",
    ]


def test_source_path_is_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.txt").write_text("Europol and Interpol cooperate against cybercrime.", encoding="utf-8")
    [art] = read_paths(["x.txt"])
    assert art.source_path == "x.txt"


# --- dates and languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-05-24", date(2021, 5, 24)),
        ("24.05.2021", date(2021, 5, 24)),
        ("May 24, 2021", date(2021, 5, 24)),
        ("12 May 2018", date(2018, 5, 12)),
        ("2018-05-12T10:00:00Z", date(2018, 5, 12)),
        ("22 ноября 2023", date(2023, 11, 22)),
        ("1. März 2020", date(2020, 3, 1)),
        ("Montag, 1. März 2020", date(2020, 3, 1)),
        ("22 ноября 2023 г.", date(2023, 11, 22)),
        ("24 de mayo de 2021", date(2021, 5, 24)),
        ("Tue, 25 May 2021", date(2021, 5, 25)),
        ("24.05.2021 10:00", date(2021, 5, 24)),
        ("12/25/2021", date(2021, 12, 25)),
        # impossible numeric dates: htmldate repairs them into others (2021-01-13, 2021-02-01)
        ("30.02.2021", None),
        ("yesterday", None),
        ("2021-13-01", None),
        ("", None),
        (None, None),
        (date(2020, 1, 1), date(2020, 1, 1)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Strafverfolgungsbehörden von Belarus und Russland haben gemeinsame Maßnahmen geplant.", "de"),
        ("Следственный комитет Беларуси и МВД России договорились о сотрудничестве.", "ru"),
        ("The Investigative Committee of Belarus met with its Russian colleagues in Minsk.", "en"),
        ("Le ministère de l'Intérieur et Europol coopèrent contre la cybercriminalité.", "fr"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_unsure_on_short_text():
    assert detect_language("") is None
    assert detect_language("Europol arrested two men.") is None  # low-accuracy mode says Italian
    assert detect_language("Europol") is None
    assert detect_language("12345 67890 !!! ???") is None


def test_detector_loads_fast():
    from graphkit.readers import lang

    lang._detector = None
    start = time.perf_counter()
    assert detect_language("Europol and Interpol cooperate against cybercrime worldwide.") == "en"
    assert time.perf_counter() - start < 10
