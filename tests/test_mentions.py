"""Names of bodies and their units (graphkit/extract/bodies.py), on sentences written for the tests."""

from __future__ import annotations

import pytest
from helpers import has

from graphkit.extract import Extractor
from graphkit.model import Article
from graphkit.resolve import Resolver


@pytest.fixture(scope="module")
def agencies():
    """The agencies' mention texts of one text, in order."""
    ex = Extractor()

    def go(text: str, lang: str) -> list[str]:
        return [m.text for m in ex.extract(Article(text, lang=lang)).mentions if m.type == "Agency"]

    return go


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body"),
    [
        (
            "La Brigada Central de Fraudes Informáticos de la Comisaría General de Información detuvo a dos "
            "personas en Valencia.",
            "es",
            "Brigada Central de Fraudes Informáticos",
            "Comisaría General de Información",
        ),
        (
            "O suspeito foi detido pela Secção de Investigação da Criminalidade Informática da Polícia "
            "Judiciária em Braga.",
            "pt",
            "Secção de Investigação da Criminalidade Informática",
            "Polícia Judiciária",
        ),
    ],
)
def test_a_complement_chain_ends_where_the_body_it_belongs_to_begins(run, agencies, text, lang, unit, body):
    # an of-word with an article before a head noun starts the parent; a bare one does not
    # ("de Información" is part of the name)
    assert agencies(text, lang) == [body, unit] or agencies(text, lang) == [unit, body]
    _, rels = run(text, lang)
    assert {(s, p, o) for s, p, o in rels if p == "partOf"} == {(unit, "partOf", body)}


@pytest.mark.parametrize(
    ("text", "unit", "body", "state"),
    [
        (
            "Сотрудники управления по борьбе с мошенничеством МВД Беларуси задержали двоих жителей Минска.",
            "управление по борьбе с мошенничеством",
            "Ministry of Internal Affairs of Belarus",
            "Belarus",
        ),
        (
            "Главным управлением по обеспечению безопасности в сети МВД России проведена проверка.",
            "Главное управление по обеспечению безопасности в сети",
            "Ministry of Internal Affairs of Russia",
            "Russia",
        ),
    ],
)
def test_a_russian_unit_in_any_case_is_named_in_the_nominative_and_belongs_to_the_body_in_the_genitive(
    run, text, unit, body, state
):
    # lower case or not, the head and its по-complement are the name; the verb ends it
    _, rels = run(text, "ru")
    assert has(rels, unit, "partOf", body)
    assert has(rels, unit, "jurisdiction", state)


@pytest.mark.parametrize(
    ("text", "unit", "body"),
    [
        (
            "Сотрудники отдела по борьбе с киберпреступностью Министерства внутренних дел Республики Армения "
            "задержали хакера.",
            "отдел по борьбе с киберпреступностью",
            "Ministry of Internal Affairs of Armenia",
        ),
        (
            "Управление по борьбе с экстремизмом Министерства внутренних дел Таджикистана возбудило уголовное дело.",
            "Управление по борьбе с экстремизмом",
            "Ministry of Internal Affairs of Tajikistan",
        ),
    ],
)
def test_a_russian_chain_runs_past_a_noun_before_the_body_it_belongs_to(run, agencies, text, unit, body):
    # only a genitive adjective before a head starts a new body ("криминальной милиции"); a noun
    # ("киберпреступностью Министерства") ends the complement, not the name, half way
    found = agencies(text, "ru")
    assert len(found) == 2 and found[1].startswith(unit.split()[0][:5])
    assert len(found[1].split()) == len(unit.split())
    _, rels = run(text, "ru")
    assert {(s, p, o) for s, p, o in rels if p == "partOf"} == {(unit, "partOf", body)}


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body", "state"),
    [
        (
            "La Brigada Provincial de Policía Judicial de la Policía Nacional de España detuvo a tres hombres.",
            "es",
            "Brigada Provincial de Policía Judicial",
            "Spanish National Police",
            "Spain",
        ),
        (
            "A investigação coube à Divisão de Polícia Económica da Polícia Nacional de Angola, que deteve dois "
            "suspeitos.",
            "pt",
            "Divisão de Polícia Económica",
            "National Police of Angola",
            "Angola",
        ),
        (
            "O Departamento de Polícia Cibernética da Polícia Federal brasileira prendeu um hacker.",
            "pt",
            "Departamento de Polícia Cibernética",
            "Federal Police of Brazil",
            "Brazil",
        ),
    ],
)
def test_a_generic_kind_after_a_bare_of_word_is_part_of_the_name_even_with_its_parent_state(
    run, text, lang, unit, body, state
):
    # "de Policía Judicial" (no article) is a complement, not the parent; the body named after
    # it with an article ("de la Policía Nacional de España") is the parent of the whole name
    resolved, rels = run(text, lang)
    names = {(e.written or (e.pref_label,))[0] for e in resolved.entities.values() if e.type == "Agency"}
    assert names == {unit, body}
    assert {(s, p, o) for s, p, o in rels if p == "partOf"} == {(unit, "partOf", body)}
    assert has(rels, unit, "jurisdiction", state)


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body"),
    [
        (
            "Об этом рассказал начальник Управления «Б» МВД России.",
            "ru",
            "Управление «Б»",
            "Ministry of Internal Affairs of Russia",
        ),
        ("La section F2 du parquet de Lyon a ouvert une enquête.", "fr", "section F2", "parquet de Lyon"),
    ],
)
def test_a_lettered_unit_ends_at_its_letter(run, text, lang, unit, body):
    _, rels = run(text, lang)
    assert {(s, p, o) for s, p, o in rels if p == "partOf"} == {(unit, "partOf", body)}


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # French lower-case names end at the tagger's verb or date
        (
            "Les serveurs ont été saisis par la sous-direction de la lutte contre la cybercriminalité mardi.",
            "fr",
            "sous-direction de la lutte contre la cybercriminalité",
        ),
        (
            "El Grupo de Delitos Informáticos de Sevilla el lunes detuvo a un hombre.",
            "es",
            "Grupo de Delitos Informáticos de Sevilla",
        ),
        # a Russian complement ends at a relative pronoun
        (
            "Информация поступила от Департамента по борьбе с киберпреступностью которого давно ждали.",
            "ru",
            "Департамента по борьбе с киберпреступностью",
        ),
    ],
)
def test_a_name_stops_at_a_date_a_verb_or_a_pronoun(agencies, text, lang, name):
    assert agencies(text, lang) == [name]


def test_a_generic_kind_keeps_its_name_unless_a_complement_makes_a_longer_one(agencies):
    # "Policía Judicial" alone is the kind's name; inside "Comisaría General de Policía Judicial" it is a piece
    assert agencies("La Comisaría General de Policía Judicial coordinó la investigación.", "es") == [
        "Comisaría General de Policía Judicial"
    ]
    assert agencies("Les enquêteurs de la Gendarmerie nationale ont saisi les serveurs.", "fr") == [
        "Gendarmerie nationale"
    ]


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body", "state"),
    [
        (
            "Investigators from the FBI's Cyber Division joined the search.",
            "en",
            "Cyber Division",
            "Federal Bureau of Investigation",
            "United States",
        ),
        (
            "The Cybercrime Unit of the Guardia Civil traced the servers.",
            "en",
            "Cybercrime Unit",
            "Guardia Civil",
            "Spain",
        ),
        (
            "Die Cybercrime-Abteilung des Bundeskriminalamts Österreich übernahm den Fall.",
            "de",
            "Cybercrime-Abteilung",
            "Federal Criminal Police Office of Austria",
            "Austria",
        ),
    ],
)
def test_a_generic_unit_belongs_to_the_body_named_with_it(run, text, lang, unit, body, state):
    # a kind's name with no state ("Cyber Division") is a unit of the body after "of" or before "'s"
    _, rels = run(text, lang)
    assert has(rels, unit, "partOf", body)
    assert has(rels, unit, "jurisdiction", state)


def test_a_generic_unit_of_one_body_is_not_the_same_kind_of_unit_of_another(run):
    _, rels = run("The Cyber Division of the FBI led the inquiry with help from Department K of the Russian MVD.")
    assert has(rels, "Cyber Division", "partOf", "Federal Bureau of Investigation")
    assert not any(
        s == "Directorate K of the Ministry of Internal Affairs of Russia" and o == "Federal Bureau of Investigation"
        for s, _, o in rels
    )


@pytest.mark.parametrize(
    ("text", "name", "state"),
    [
        (
            "Officers of the Canada Border Services Agency seized the parcels at the port.",
            "Canada Border Services Agency",
            "Canada",
        ),
        ("The India Cyber Crime Coordination Centre warned users.", "India Cyber Crime Coordination Centre", "India"),
    ],
)
def test_a_state_named_before_a_body_is_part_of_its_name_and_its_state(run, text, name, state):
    _, rels = run(text)
    assert has(rels, name, "jurisdiction", state)


def test_commas_and_and_inside_a_known_name_do_not_cut_it(agencies):
    text = "Agents of the Bureau of Alcohol, Tobacco, Firearms and Explosives and the FBI searched the warehouse."
    assert agencies(text, "en") == ["Bureau of Alcohol, Tobacco, Firearms and Explosives", "FBI"]
    text = "Le Bureau of Alcohol, Tobacco, Firearms and Explosives a saisi des armes."
    assert agencies(text, "fr") == ["Bureau of Alcohol, Tobacco, Firearms and Explosives"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le texte a été signé par la directrice nationale de la police judiciaire, Claire Dubois.", "fr"),
        ("El acusado fue trasladado al tribunal federal del New Jersey ayer.", "es"),
    ],
)
def test_no_body_from_a_lower_case_head_without_a_complement_or_a_place_cut_short(agencies, text, lang):
    # "police judiciaire" alone (a post's field) and "tribunal federal del New" (a place running
    # on into a state) are no names
    assert agencies(text, lang) == []


def test_a_state_after_a_kind_makes_the_longer_name(run):
    resolved, rels = run("Des officiers de la Gendarmerie royale marocaine ont participé à l'exercice.", "fr")
    assert rels == {("Gendarmerie royale marocaine", "jurisdiction", "Morocco")}


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        (
            "La Policía de Investigaciones de Chile detuvo a tres personas. La Policía de Investigaciones informó "
            "que el grupo operaba desde 2021.",
            "es",
            "Investigations Police of Chile",
        ),
        (
            "La Direction générale de la sécurité intérieure a alerté les banques. Selon la Direction générale, "
            "les attaques continuent.",
            "fr",
            "General Directorate for Internal Security",
        ),
    ],
)
def test_a_name_that_begins_a_known_name_of_the_article_is_that_body(run, text, lang, label):
    resolved, _ = run(text, lang)
    agencies = [e.pref_label for e in resolved.entities.values() if e.type == "Agency"]
    assert agencies == [label]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "The searches were carried out by Romania's Directorate for Investigating Organised Crime and "
            "Terrorism at the request of the Polish investigators.",
            "ro-diicot",
        ),
        ("Victims reported the losses to the Internet Crime Complaint Centre in 2024.", "us-ic3"),
    ],
)
def test_a_known_name_matches_in_british_and_american_spelling(text, key):
    # the gazetteer spells "Organized Crime" and "Centre": the other spelling is the same name
    mentions = Extractor().extract(Article(text, lang="en")).mentions
    assert key in {m.key for m in mentions}


@pytest.mark.parametrize(
    ("text", "lang", "name", "foreign"),
    [
        (
            "Dès septembre, l'Office anti-cybercriminalité (OFAC), rattaché à la DNPJ, assurera la formation.",
            "fr",
            "Office anti-cybercriminalité",
            "us-ofac",
        ),
        (
            "Die Einsätze koordinierte das Amt für Cybersicherheit (NCA) der Stadt Hamburg.",
            "de",
            "Amt für Cybersicherheit",
            "gb-nca",
        ),
    ],
)
def test_an_acronym_a_name_in_another_language_defines_is_not_the_foreign_body(text, lang, name, foreign):
    # the US bodies of those acronyms speak English: a French or German name before the bracket
    # defines the acronym as its own
    extraction = Extractor().extract(Article(text, lang=lang))
    assert foreign not in {m.key for m in extraction.mentions}
    acronym = text.split("(")[1].split(")")[0]
    # the acronym names the body of the name before it (an alias of it, or the gazetteer's
    # entry of that body, which knows its acronym)
    (body,) = [e for e in Resolver().resolve(extraction).entities.values() if name in {n for n, _ in e.labels}]
    assert acronym in {n for n, _ in body.labels}


def test_an_acronym_after_the_name_of_its_own_body_stays_that_body():
    text = "Le Federal Bureau of Investigation (FBI) a aidé les enquêteurs français."
    mentions = Extractor().extract(Article(text, lang="fr")).mentions
    assert [m.key for m in mentions if m.type == "Agency"] == ["us-fbi", "us-fbi"]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("La cour d'appel d'Aix-en-Provence a validé l'extradition.", "fr", "cour d'appel d'Aix-en-Provence"),
        ("Le laboratoire central d'analyse des traces numériques de la DGSN a examiné les disques.", "fr",
         "laboratoire central d'analyse des traces numériques"),
    ],
)
def test_an_elided_of_word_is_an_of_word_inside_a_name(text, lang, name):
    # "d'" is a token of its own, keyed as "de": the complement chain runs on through it
    assert name in {m.name or m.text for m in Extractor().extract(Article(text, lang=lang)).mentions}


@pytest.mark.parametrize(
    ("text", "lang", "foreign"),
    [
        ("Dès septembre, l'Office anti-cybercriminalité (OFAC) assurera la formation. L'OFAC a arrêté deux hommes.",
         "fr", "us-ofac"),
        ("Das Amt für Cybersicherheit (NCA) der Stadt Hamburg koordinierte die Einsätze. Die NCA nahm zwei Männer fest.",
         "de", "gb-nca"),
    ],
)
def test_an_acronym_the_article_defined_keeps_its_meaning_later_on(text, lang, foreign):
    mentions = Extractor().extract(Article(text, lang=lang)).mentions
    acronym = text.split("(")[1].split(")")[0]
    uses = [m for m in mentions if m.text == acronym]
    assert len(uses) == 2 and foreign not in {m.key for m in mentions}
    assert uses[0].alias_of is not None and uses[0].alias_of == uses[1].alias_of


@pytest.mark.parametrize(
    ("text", "unit", "body"),
    [
        (
            "Die Abteilung Staatsschutz des Bundeskriminalamts übernahm die Ermittlungen.",
            "Abteilung Staatsschutz",
            "Bundeskriminalamt",
        ),
        (
            "Die Zentralstelle Kinderpornografie (ZKP) des Landeskriminalamts Sachsen hat den Fall übernommen.",
            "Zentralstelle Kinderpornografie",
            "Landeskriminalamt",
        ),
    ],
)
def test_a_german_unit_of_a_head_and_one_word_belongs_to_the_body_in_the_genitive(run, text, unit, body):
    # two words are a unit's name only with the body it belongs to after it (after its acronym, too)
    _, rels = run(text, "de")
    assert {(s, p, o) for s, p, o in rels if p == "partOf"} == {(unit, "partOf", body)}


def test_a_german_head_and_one_word_without_a_body_after_it_is_no_name(agencies):
    assert agencies("Die Abteilung Kommunikation hat am Montag eine Mitteilung veröffentlicht.", "de") == []


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body"),
    [
        (
            "El Departamento de Investigaciones sobre Fraudes Electrónicos de la Policía Nacional de Colombia detuvo "
            "a cuatro personas.",
            "es",
            "Departamento de Investigaciones sobre Fraudes Electrónicos",
            "National Police of Colombia",
        ),
        (
            "A Coordenação de Investigações sobre Crimes Financeiros da Polícia Federal brasileira prendeu dois "
            "suspeitos.",
            "pt",
            "Coordenação de Investigações sobre Crimes Financeiros",
            "Federal Police of Brazil",
        ),
    ],
)
def test_sobre_opens_a_complement_of_a_name_like_de(run, text, lang, unit, body):
    # "on" as an of-word: the name runs on to the body it belongs to, which is its parent
    _, rels = run(text, lang)
    assert {(s, p, o) for s, p, o in rels if p == "partOf"} == {(unit, "partOf", body)}


@pytest.mark.parametrize(
    ("text", "unit", "body"),
    [
        (
            "Investigators from the Financial and Economic Crimes Unit of the Hellenic Police traced the money.",
            "Financial and Economic Crimes Unit of the Hellenic Police",
            "Hellenic Police",
        ),
        (
            "Officers of the Narcotics and Serious Crime Division of the Royal Malaysia Police raided a warehouse.",
            "Narcotics and Serious Crime Division of the Royal Malaysia Police",
            "Royal Malaysia Police",
        ),
    ],
)
def test_and_inside_a_units_name_joins_the_word_before_it(run, text, unit, body):
    # "Financial and | Economic Crimes Unit": a capitalised word of no other name joined by "and"
    _, rels = run(text)
    assert {(s, p, o) for s, p, o in rels if p == "partOf"} == {(unit, "partOf", body)}


def test_and_between_two_units_does_not_join_them(agencies):
    # a head ("Division") ends a name of its own: two units, not one
    assert agencies("The FBI's Cyber Division and Cyber Crimes Center worked together.", "en") == [
        "FBI",
        "Cyber Division",
        "Cyber Crimes Center",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # "and" inside an of-complement joins capitalised words that name nothing of their own
        (
            "A grant from the Office of Drug Control and Crime Prevention paid for the course.",
            "en",
            "Office of Drug Control and Crime Prevention",
        ),
        (
            "The Commission on Science and Technology reported on the attacks.",
            "en",
            "Commission on Science and Technology",
        ),
        # a participle joined to an adjective of the complement is a word of the name
        (
            "Le Service de lutte contre la délinquance financière et organisée a saisi des serveurs.",
            "fr",
            "Service de lutte contre la délinquance financière et organisée",
        ),
    ],
)
def test_a_conjunction_inside_a_complement_joins_words_of_one_name(agencies, text, lang, name):
    assert agencies(text, lang) == [name]


def test_a_conjunction_before_a_body_or_a_person_does_not_join_them(agencies):
    assert agencies("The Ministry of Communications and Cyber Security Authority met.", "en") == [
        "Ministry of Communications",
        "Cyber Security Authority",
    ]
    assert agencies("Officers of the Office of Foreign Affairs and John Smith met.", "en") == [
        "Office of Foreign Affairs"
    ]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "Об этом рассказал начальник отдела по борьбе с мошенничеством подполковник Олег Смирнов.",
            "ru",
            "отдела по борьбе с мошенничеством",
        ),
        (
            "Le chef de la Section de lutte contre la fraude informatique commissaire Paul Lenoir a parlé.",
            "fr",
            "Section de lutte contre la fraude informatique",
        ),
    ],
)
def test_a_post_or_rank_after_a_name_ends_it(agencies, text, lang, name):
    # the rank is the title of the person named next, no word of the body's name
    assert agencies(text, lang) == [name]
