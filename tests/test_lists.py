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


AGREEMENT_ROLES = ("partyTo", "cooperatesWith")


@pytest.mark.parametrize(
    ("text", "lang", "agreement", "parties"),
    [
        (
            "Chile y Uruguay son Estados parte del Convenio de Budapest desde 2017.",
            "es",
            "Convenio de Budapest",
            {"Chile", "Uruguay"},
        ),
        ("Le Maroc est partie à la Convention de Budapest depuis 2018.", "fr", "Convention de Budapest", {"Maroc"}),
    ],
)
def test_a_state_that_is_party_to_a_convention_is_party_to_it(text, lang, agreement, parties):
    # "son Estados parte del Convenio": the states parties of the convention are its parties
    assert _facts(text, lang, ("partyTo",)) == {(p, "partyTo", agreement, text) for p in parties}


@pytest.mark.parametrize(
    ("text", "lang", "agreement", "parties"),
    [
        (
            "The memorandum of understanding was signed at the Ministry of Justice of Kenya by the FBI and Interpol.",
            "en",
            "memorandum of understanding",
            ("FBI", "Interpol"),
        ),
        (
            "O acordo de cooperação foi assinado na Polícia Federal pela Europol e pela Interpol.",
            "pt",
            "acordo de cooperação",
            ("Europol", "Interpol"),
        ),
    ],
)
def test_the_body_where_an_agreement_is_signed_is_no_party(text, lang, agreement, parties):
    expected = {(p, "partyTo", agreement, text) for p in parties}
    expected.add((parties[0], "cooperatesWith", parties[1], text))
    assert _facts(text, lang, AGREEMENT_ROLES) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Chile y Uruguay planean firmar un memorando de entendimiento sobre ciberdelincuencia.", "es"),
        ("Le Maroc et la Tunisie prévoient de signer un accord de coopération contre la cybercriminalité.", "fr"),
    ],
)
def test_a_planned_signature_gives_no_party_and_no_cooperation(text, lang):
    assert _facts(text, lang, AGREEMENT_ROLES) == set()
