"""People where the language has no NER model, and the posts they hold (sentences of our own)."""

from __future__ import annotations

import pytest
from helpers import has


def people(resolved) -> list[str]:
    return sorted(e.pref_label for e in resolved.entities.values() if e.type == "Person")


@pytest.mark.parametrize(
    ("text", "lang", "person", "body"),
    [
        ("El jefe de la Policía Nacional, Tomás Herrero, presentó el balance anual en Madrid.", "es", "Tomás Herrero", "Policía Nacional"),
        ("A diretora-geral da Polícia Judiciária, Marta Gouveia, assinou o protocolo.", "pt", "Marta Gouveia", "Polícia Judiciária"),
    ],
)
def test_a_name_set_off_after_a_post_is_a_person_of_that_body(run, text, lang, person, body):
    resolved, rels = run(text, lang)
    assert people(resolved) == [person]
    assert has(rels, person, "memberOf", body)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("El coronel Tomás Herrero y la comisaria Ana Belén Ruiz presentaron el balance.", "es", ["Ana Belén Ruiz", "Tomás Herrero"]),
        ("O delegado Rui Fontes explicou que a Polícia Federal prendeu dois suspeitos.", "pt", ["Rui Fontes"]),
        ("Das Abkommen unterzeichnete Staatssekretär Dr. Jana Weber in Warschau.", "de", ["Jana Weber"]),
    ],
)
def test_a_name_after_a_rank_or_a_post_is_a_person(run, text, lang, expected):
    resolved, _ = run(text, lang)
    assert people(resolved) == expected


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("Mme Claire Dubois, procureure de Paris, a salué l'enquête. Selon Mme Dubois, les suspects sont en fuite.", "fr", "Claire Dubois"),
        ("Frau Jana Weber leitet das Referat. Frau Weber sagte, die Täter seien gefasst.", "de", "Jana Weber"),
    ],
)
def test_a_form_of_address_is_no_part_of_the_name(run, text, lang, person):
    # "Mme Dubois" is the surname met again, not a second person
    resolved, _ = run(text, lang)
    assert people(resolved) == [person]


@pytest.mark.parametrize(
    ("text", "lang", "person", "ministry", "state"),
    [
        (
            "Für die polnische Seite unterschrieb Innenminister Adam Nowak, für die litauische Seite der Botschafter.",
            "de",
            "Adam Nowak",
            "Ministry of Interior and Administration of Poland",
            "Poland",
        ),
        (
            "С российской стороны документ подписал министр внутренних дел Иван Петров.",
            "ru",
            "Иван Петров",
            "Ministry of Internal Affairs of Russia",
            "Russia",
        ),
    ],
)
def test_a_post_after_a_side_is_that_states(run, text, lang, person, ministry, state):
    _, rels = run(text, lang)
    assert has(rels, person, "memberOf", ministry)
    assert has(rels, person, "represents", state)
    assert not any(s == person and p == "represents" and o != state for s, p, o in rels)
