"""Bodies found whole and false bodies dropped: each mechanism on sentences of our own, in
two languages where the mechanism is not German's alone."""

from __future__ import annotations

import pytest

from graphkit.extract import Extractor
from graphkit.model import Article


@pytest.fixture(scope="module")
def extract():
    ex = Extractor()

    def go(text: str, lang: str):
        return ex.extract(Article(text, lang=lang)).mentions

    return go


def agencies(mentions) -> list[str]:
    return [m.text for m in mentions if m.type == "Agency"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Police and prosecutors from five countries met in Lyon.", "en"),
        ("Policía y fiscales de cinco países se reunieron en Lyon.", "es"),
    ],
)
def test_a_bare_head_opening_a_sentence_is_no_body(extract, text, lang):
    assert agencies(extract(text, lang)) == []


@pytest.mark.parametrize(
    ("text", "lang", "states"),
    [
        ("The Interior Ministers of Slovenia, Croatia and Hungary met in Vienna.", "en", ["HR", "HU", "SI"]),
        ("Die Innenminister von Polen und Tschechien trafen sich in Prag.", "de", ["CZ", "PL"]),
    ],
)
def test_a_post_of_several_states_is_no_body_and_leaves_its_states(extract, text, lang, states):
    mentions = extract(text, lang)
    assert agencies(mentions) == []
    assert sorted(m.key for m in mentions if m.type == "State" and m.name != "implied") == states


@pytest.mark.parametrize(
    ("text", "lang", "ministry", "post"),
    [
        (
            "The Ministry of Justice and Public Order hosted the talks. The Minister for Justice, Ana Lopes, "
            "opened them.",
            "en",
            "Ministry of Justice",
            "Minister for Justice",
        ),
        (
            "The Ministry of Communications hosted the summit. The Minister for Communications, Kwame Mensah, spoke.",
            "en",
            "Ministry of Communications",
            "Minister for Communications",
        ),
    ],
)
def test_a_ministers_post_without_a_state_is_the_ministry_the_article_names(extract, text, lang, ministry, post):
    mentions = extract(text, lang)
    by_text = {m.text: i for i, m in enumerate(mentions)}
    assert mentions[by_text[post]].alias_of == by_text[ministry]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Das Hessische Landeskriminalamt ermittelte. Beamte des Hessischen Landeskriminalamts nahmen zwei "
            "Männer fest.",
            "Hessische Landeskriminalamt",
        ),
        (
            "Dem Sächsischen Landeskriminalamt lagen Hinweise vor; das Sächsische Landeskriminalamt handelte.",
            "Sächsische Landeskriminalamt",
        ),
    ],
)
def test_every_case_of_a_german_body_is_one_name(extract, text, name):
    bodies = [m for m in extract(text, "de") if m.type == "Agency"]
    assert {m.name for m in bodies} == {name}
    assert len(bodies) == 2 and bodies[1].alias_of == 0


@pytest.mark.parametrize(
    ("text", "unit", "body", "state"),
    [
        (
            "Auf kroatischer Seite die Abteilung zur Bekämpfung der Geldwäsche der Verwaltung der Kriminalpolizei.",
            "Abteilung zur Bekämpfung der Geldwäsche",
            "Verwaltung der Kriminalpolizei",
            "HR",
        ),
        (
            "Ermittelt hat die Abteilung für Wirtschaftsdelikte der Direktion der Grenzpolizei in Split.",
            "Abteilung für Wirtschaftsdelikte",
            "Direktion der Grenzpolizei",
            None,
        ),
    ],
)
def test_a_german_unit_of_a_unit_gives_two_bodies(extract, text, unit, body, state):
    mentions = extract(text, "de")
    found = {m.text: (i, m) for i, m in enumerate(mentions) if m.type == "Agency"}
    assert set(found) == {unit, body}
    assert found[unit][1].parent == found[body][0]
    assert found[unit][1].jurisdiction == found[body][1].jurisdiction == state


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Die Oberstaatsanwaltschaft für Wirtschaftskriminalität hat am Montag Anklage erhoben.",
            "Oberstaatsanwaltschaft für Wirtschaftskriminalität",
        ),
        ("Das Cyber Crime Center (C3) des Landeskriminalamts Sachsen half dabei.", "Cyber Crime Center"),
    ],
)
def test_german_compound_and_english_heads_name_a_body(extract, text, name):
    assert name in agencies(extract(text, "de"))
