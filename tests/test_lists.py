"""Meetings, operations and agreements with the bodies and states listed around them: how an
event is named, the cues per language, and the lists of names they take (sentences of our own)."""

from __future__ import annotations

import pytest

from graphkit.extract import Extractor
from graphkit.model import Article


def _facts(text: str, lang: str, predicates: tuple[str, ...]) -> set[tuple[str, str, str, str]]:
    """(subject text, relation, object text, evidence sentence) of the candidates of ``predicates``."""
    result = Extractor().extract(Article(text, lang=lang))
    return {
        (
            result.mentions[c.subject].text,
            c.predicate,
            result.mentions[c.object].text,
            result.sentences[c.sentence].text,
        )
        for c in result.relations
        if c.predicate in predicates
    }


EVENT_ROLES = ("participatesIn", "organizes")


@pytest.mark.parametrize(
    ("text", "lang", "event", "participants", "organisers"),
    [
        (
            "Representantes de Perú y Bolivia participaron en el seminario internacional «Rastros digitales», "
            "organizado por Interpol y la Organización de los Estados Americanos.",
            "es",
            "seminario internacional «Rastros digitales»",
            {"Perú", "Bolivia"},
            {"Interpol", "Organización de los Estados Americanos"},
        ),
        (
            "Представители Казахстана и Киргизии приняли участие в Международном семинаре «Цифровой след», "
            "который организовали Интерпол и Европол.",
            "ru",
            "Международном семинаре «Цифровой след»",
            {"Казахстана", "Киргизии"},
            {"Интерпол", "Европол"},
        ),
    ],
)
def test_a_meeting_named_by_its_head_and_a_quoted_title_has_its_participants_and_organisers(
    text, lang, event, participants, organisers
):
    # the quoted title identifies the meeting and belongs to its name, with the adjectives
    # around the head ("internacional", a capitalised "Международном"); a Russian organiser
    # follows its verb ("который организовали X и Y")
    expected = {(p, "participatesIn", event, text) for p in participants}
    expected |= {(o, "organizes", event, text) for o in organisers}
    assert _facts(text, lang, EVENT_ROLES) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Perú no participó en el seminario internacional «Rastros digitales».", "es"),
        ('Ghana did not attend the workshop "Follow the Money".', "en"),
    ],
)
def test_a_denied_attendance_gives_no_participant(text, lang):
    assert _facts(text, lang, EVENT_ROLES) == set()
