"""Bodies and states named through their people or members: "officers of X and investigators of
Y", "the member states of Z", "specialists of the two countries" (extract/relations.py)."""

from __future__ import annotations

import pytest
from helpers import has, partners


@pytest.mark.parametrize(
    ("text", "lang", "a", "b"),
    [
        (
            "Officers of the Canada Border Services Agency and investigators of the Bureau of Alcohol, Tobacco, "
            "Firearms and Explosives have dismantled a network selling gun parts.",
            "en",
            "Canada Border Services Agency",
            "Bureau of Alcohol, Tobacco, Firearms and Explosives",
        ),
        (
            "Ermittler des Bundeskriminalamts Österreich und Beamte der Guardia Civil haben eine Bande zerschlagen.",
            "de",
            "Federal Criminal Police Office of Austria",
            "Guardia Civil",
        ),
    ],
)
def test_staff_of_two_bodies_acting_together_make_their_bodies_partners(run, text, lang, a, b):
    _, rels = run(text, lang)
    assert has(rels, a, "cooperatesWith", b)


@pytest.mark.parametrize(
    ("text", "lang", "party", "members_of"),
    [
        (
            "The Budapest Convention was signed by the member states of the Council of Europe and by Japan.",
            "en",
            "Japan",
            "Council of Europe",
        ),
        (
            "Das Abkommen unterzeichneten die Mitgliedstaaten der Europäischen Union und Japan.",
            "de",
            "Japan",
            "European Union",
        ),
    ],
)
def test_a_body_whose_member_states_sign_is_no_party_itself(run, text, lang, party, members_of):
    _, rels = run(text, lang)
    assert any(s == party and p == "partyTo" for s, p, _ in rels)
    assert not any(s == members_of and p == "partyTo" for s, p, _ in rels)
    assert frozenset((party, members_of)) not in partners(rels)


def test_a_body_that_signs_itself_is_still_a_party(run):
    _, rels = run("The Council of Europe and Japan signed the agreement.", "en")
    assert {s for s, p, _ in rels if p == "partyTo"} == {"Council of Europe", "Japan"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Deutschland und die Republik Moldau vereinbaren eine engere Zusammenarbeit. Beide Staaten sind "
            "Vertragsparteien des Übereinkommens des Europarats über Computerkriminalität.",
            "de",
        ),
        (
            "Germany and Moldova agreed to work more closely together. Both countries are parties to the "
            "Council of Europe Convention on Cybercrime.",
            "en",
        ),
    ],
)
def test_the_two_states_a_pair_anaphor_points_back_to_are_parties(run, text, lang):
    _, rels = run(text, lang)
    parties = {s for s, p, o in rels if p == "partyTo" and o == "Council of Europe Convention on Cybercrime"}
    assert parties == {"Germany", "Moldova"}


@pytest.mark.parametrize(
    ("text", "lang", "states"),
    [
        (
            "Россия и Казахстан договорились о сотрудничестве. В апреле специалисты двух стран приняли участие "
            "в совместных учениях в Алматы.",
            "ru",
            {"Russia", "Kazakhstan"},
        ),
        (
            "Spain and Morocco signed a memorandum. In April experts of the two countries took part in the "
            "International Cybercrime Conference in Rabat.",
            "en",
            {"Spain", "Morocco"},
        ),
    ],
)
def test_the_two_states_a_pair_anaphor_points_back_to_take_part(run, text, lang, states):
    _, rels = run(text, lang)
    assert {s for s, p, _ in rels if p == "participatesIn"} == states


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Сотрудники Управления «К» МВД России задержали мужчину. Об этом сообщил начальник Управления «К» "
            "генерал-майор полиции Олег Семенов.",
            "Олег Семенов",
            "Directorate K of the Ministry of Internal Affairs of Russia",
        ),
        (
            "Следователи СК России завершили расследование. Об этом рассказал руководитель Следственного "
            "комитета России генерал юстиции Иван Петров.",
            "Иван Петров",
            "Investigative Committee of Russia",
        ),
    ],
)
def test_a_rank_between_a_post_and_the_name_keeps_the_post(run, text, person, body):
    _, rels = run(text, "ru")
    assert has(rels, person, "memberOf", body)
    assert has(rels, person, "represents", "Russia")


@pytest.mark.parametrize(
    ("text", "lang", "bodies"),
    [
        (
            "La Unidad Central Operativa y el Centro Cibernético Policial de la Policía Nacional de Colombia "
            "firmaron un acuerdo. Ambas unidades ya trabajaron juntas en 2023 en la operación Tucán.",
            "es",
            {"Unidad Central Operativa", "Centro Cibernético Policial"},
        ),
        (
            "The Dutch National Police and the FBI signed a memorandum. Both agencies had worked together in "
            "Operation Bayonet in 2017.",
            "en",
            {"Dutch National Police", "Federal Bureau of Investigation"},
        ),
    ],
)
def test_the_two_bodies_a_pair_anaphor_points_back_to_worked_in_the_operation(run, text, lang, bodies):
    _, rels = run(text, lang)
    assert {s for s, p, o in rels if p == "participatesIn" and o.startswith("Operation")} == bodies
