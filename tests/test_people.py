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


@pytest.mark.parametrize(
    ("text", "lang", "before", "after", "state"),
    [
        (
            "The memorandum was signed by Anna Weber and by the ambassador of Austria in Kenya, Peter Gruber.",
            "en",
            "Anna Weber",
            "Peter Gruber",
            "Austria",
        ),
        (
            "O protocolo foi assinado pelo diretor-geral do SERNIC, Nelson Mucavele, na presença do embaixador de "
            "Portugal em Moçambique, Henrique Sardinha.",
            "pt",
            "Nelson Mucavele",
            "Henrique Sardinha",
            "Portugal",
        ),
    ],
)
def test_a_post_set_off_before_a_name_is_that_persons_not_the_one_named_before_it(
    run, text, lang, before, after, state
):
    # "..., the ambassador of Portugal, Sardinha": the state is in the post that ends at the comma
    # before Sardinha's name, so it is his, however close it stands to the name before it
    _, rels = run(text, lang)
    assert has(rels, after, "represents", state)
    assert not any(s == before and p == "represents" for s, p, o in rels)


@pytest.mark.parametrize(
    ("text", "person", "ministry", "state"),
    [
        (
            "«Мы действовали в рамках соглашения», – заявил начальник Службы по борьбе с киберпреступностью МВД "
            "Кыргызстана полковник милиции Азамат Токтогулов.",
            "Азамат Токтогулов",
            "Ministry of Internal Affairs of Kyrgyzstan",
            "Kyrgyzstan",
        ),
        (
            "Об этом сообщил начальник управления по раскрытию преступлений МВД Беларуси подполковник милиции "
            "Игорь Ковальчук.",
            "Игорь Ковальчук",
            "Ministry of Internal Affairs of Belarus",
            "Belarus",
        ),
    ],
)
def test_a_militia_rank_between_a_post_and_a_name_does_not_part_them(run, text, person, ministry, state):
    # Belarus, Kyrgyzstan and Kazakhstan rank their police "полковник милиции", as Russia does "полиции"
    _, rels = run(text, "ru")
    assert has(rels, person, "memberOf", ministry)
    assert has(rels, person, "represents", state)


@pytest.mark.parametrize(
    ("text", "lang", "person", "state"),
    [
        (
            "El acuerdo lo firmó el ministro del Interior y Seguridad Pública de Chile, Andrés Mora, en Santiago.",
            "es",
            "Andrés Mora",
            "Chile",
        ),
        (
            "O acordo foi assinado pela ministra da Justiça e dos Assuntos Constitucionais de Moçambique, Helena "
            "Cossa, em Maputo.",
            "pt",
            "Helena Cossa",
            "Mozambique",
        ),
    ],
)
def test_a_post_reaches_its_state_across_the_long_name_of_its_ministry(run, text, lang, person, state):
    # the post word stands seven or more words before the state that ends the ministry's name
    _, rels = run(text, lang)
    assert has(rels, person, "represents", state)


@pytest.mark.parametrize(
    ("text", "lang", "person", "body"),
    [
        ("«El caso está cerrado», afirmó el jefe de la Policía Nacional, el coronel Luis Ortega.", "es", "Luis Ortega", "Policía Nacional"),
        ("Le directeur de la Police nationale, le commissaire Marc Lefèvre, a salué l'enquête.", "fr", "Marc Lefèvre", "Police Nationale"),
    ],
)
def test_an_article_and_a_rank_after_a_set_off_post_come_before_the_name(run, text, lang, person, body):
    resolved, rels = run(text, lang)
    assert people(resolved) == [person]
    assert has(rels, person, "memberOf", body)


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("O coordenador de investigação criminal Vasco Rebelo apresentou o relatório.", "pt", "Vasco Rebelo"),
        ("El coordinador de análisis forense Julio Cabrera presentó las pruebas.", "es", "Julio Cabrera"),
    ],
)
def test_a_name_after_the_lower_case_field_of_a_post_is_a_person(run, text, lang, person):
    resolved, _ = run(text, lang)
    assert people(resolved) == [person]


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("El portavoz de la Fiscalía, el fiscal Óscar Mauricio Pardo, confirmó la detención.", "es", "Óscar Mauricio Pardo"),
        ("A porta-voz da polícia, a delegada Ana Chile Moreira, confirmou a prisão.", "pt", "Ana Chile Moreira"),
    ],
)
def test_a_state_inside_a_persons_name_is_part_of_the_name(run, text, lang, person):
    resolved, _ = run(text, lang)
    assert people(resolved) == [person]
    assert not [e for e in resolved.entities.values() if e.type == "State"]


@pytest.mark.parametrize(
    ("text", "lang", "person", "state"),
    [
        ("The memorandum was signed by U.S. Ambassador to Ghana Margaret Hollis in Accra.", "en", "Margaret Hollis", "United States"),
        ("It was signed by the British Ambassador to Kenya Jane Marriott on Monday.", "en", "Jane Marriott", "United Kingdom"),
    ],
)
def test_a_name_after_a_post_and_its_host_state_is_a_person_of_the_state_served(run, text, lang, person, state):
    resolved, rels = run(text, lang)
    assert people(resolved) == [person]
    assert has(rels, person, "represents", state)


@pytest.mark.parametrize(
    ("text", "lang", "person", "ministry", "state"),
    [
        ("El acuerdo fue firmado por la ministra chilena de Seguridad Pública, Carolina Rojas.", "es", "Carolina Rojas", "Ministry of Public Security of Chile", "Chile"),
        ("The Ghanaian Minister for the Interior, Kofi Mensah, opened the meeting.", "en", "Kofi Mensah", "Ministry of Internal Affairs of Ghana", "Ghana"),
    ],
)
def test_a_ministers_post_around_a_demonym_names_that_states_ministry(run, text, lang, person, ministry, state):
    resolved, rels = run(text, lang)
    assert has(rels, person, "memberOf", ministry)
    assert has(rels, person, "represents", state)
