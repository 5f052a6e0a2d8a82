"""English preferred labels for bodies, agreements and events no gazetteer knows."""

from __future__ import annotations

import pytest
from rdflib.namespace import SKOS

from graphkit.gloss import english_name


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [
        # Romance: adjectives move before their noun, in their own order
        ("Brigada Central de Investigación Tecnológica", "es", "Central Brigade of Technological Investigation"),
        ("Gendarmerie royale marocaine", "fr", "Royal Moroccan Gendarmerie"),
        ("Vara Federal Criminal do Distrito Federal", "pt", "Federal Criminal Court of Federal District"),
        ("Direzione Centrale della Polizia Criminale", "it", None),  # "Criminale" is not in the glossary
        ("Direzione Centrale della Polizia Postale", "it", "Central Directorate of Postal Police"),
        # Russian: a noun after a noun takes "of", a verbal noun takes its object without it
        ("Главное управление уголовного розыска", "ru", None),  # "розыск" is not in the glossary
        ("Следственный комитет Республики Беларусь", "ru", "Investigative Committee of Republic of Belarus"),
        ("Департамент по борьбе с киберпреступностью", "ru", "Department for Combating Cybercrime"),
        # German: compounds split into known words, genitive articles become "of"
        ("Abteilung für die Bekämpfung der Cyberkriminalität", "de", "Department for Combating Cybercrime"),
        ("Hauptabteilung Kommunikationstechnologien", "de", "Main Department Communication Technologies"),
        ("Kriminalpolizeiinspektion Passau", "de", "Criminal Police Inspectorate Passau"),
    ],
)
def test_a_name_is_glossed_word_by_word_in_english_order(name, lang, english):
    assert english_name(name, lang) == english


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [
        # an inflected form is a form of its entry; an exact form (a plural) wins over it
        ("управления по борьбе с мошенничеством", "ru", "Directorate for Combating Fraud"),
        (
            "Управление по раскрытию преступлений в сфере высоких технологий",
            "ru",
            "Directorate for Solving Crimes in the Field of High Technologies",
        ),
        ("Unidad de Delitos Tecnológicos", "es", "Unit of Technological Crimes"),
        # a derived word is no form: "enquêteurs" (investigators) is not "enquête" (investigation)
        ("formation des enquêteurs", "fr", "Training of Investigators"),
    ],
)
def test_inflected_words_match_their_entries_and_derived_words_do_not(name, lang, english):
    assert english_name(name, lang) == english


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [
        ("cour d'appel d'Aix-en-Provence", "fr", "Court of Appeal of Aix-en-Provence"),  # a place after a preposition
        ("Tribunal da Relação de Lisboa", "pt", "Court of Appeal of Lisboa"),
        ("Управление «К» МВД", "ru", "Directorate K MVD"),  # a lettered unit, an acronym
        ("3. Deutsch-Polnische Sicherheitskonsultationen", "de", "3rd German-Polish Security Consultations"),
        ("XIV Cimeira Luso-Brasileira", "pt", "XIV Portuguese-Brazilian Summit"),
    ],
)
def test_places_letters_numbers_and_demonyms_inside_a_name(name, lang, english):
    assert english_name(name, lang) == english


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("II Cumbre Andina contra el Fraude", "es"),  # "Andina" after a noun is no place
        ("Landgericht für Quantenphysik", "de"),
        ("Unidad Central", "xx"),  # a language without a glossary
        ("Ministry of Digital Affairs", "en"),
    ],
)
def test_no_gloss_where_a_word_is_unknown(name, lang):
    assert english_name(name, lang) is None


def test_a_glossed_body_is_labelled_in_english_and_keeps_its_own_name(tmp_path):
    from graphkit import KnowledgeGraph

    text = (
        "La Brigada Central de Investigación Tecnológica de la Policía Nacional detuvo a dos personas "
        "en Madrid. La II Cumbre Andina contra el Fraude se celebró en Quito."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    kg = KnowledgeGraph(tmp_path / "store")
    kg.build([tmp_path / "a.txt"])
    labels = {
        (str(row["e"]), row["p"], row["l"], row["lang"])
        for row in kg.query(
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?e ?p ?l (lang(?l) AS ?lang) "
            "WHERE { VALUES ?p { skos:prefLabel skos:altLabel } ?e ?p ?l }"
        )
    }
    unit = next(e for e, p, lab, _ in labels if lab == "Brigada Central de Investigación Tecnológica")
    assert {(p, lab, lang) for e, p, lab, lang in labels if e == unit} >= {
        (str(SKOS.prefLabel), "Central Brigade of Technological Investigation", "en"),
        (str(SKOS.altLabel), "Brigada Central de Investigación Tecnológica", "es"),
    }
    # one preferred label per entity
    assert len([1 for e, p, _, _ in labels if e == unit and p == str(SKOS.prefLabel)]) == 1
    # a name with an unknown word keeps its own language as its preferred label
    summit = next(e for e, p, lab, _ in labels if lab == "II Cumbre Andina contra el Fraude")
    assert (summit, str(SKOS.prefLabel), "II Cumbre Andina contra el Fraude", "es") in labels
