"""Agreements and events: well-known agreements as one node, agreements and events named by a
common noun and its complement, and who signed them (sentences of our own)."""

from __future__ import annotations

import pytest


def _entity(resolved, type_: str):
    (ent,) = [e for e in resolved.entities.values() if e.type == type_]
    return ent


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        (
            "Chile joined the Budapest Convention in 2017; the Council of Europe Convention on Cybercrime "
            "now has more than seventy parties.",
            "en",
            {"Budapest Convention", "Council of Europe Convention on Cybercrime"},
        ),
        (
            "Le Sénégal a ratifié la Convention de Budapest. Cette Convention sur la cybercriminalité facilite "
            "l'entraide.",
            "fr",
            {"Convention de Budapest", "Convention sur la cybercriminalité"},
        ),
    ],
)
def test_a_well_known_agreement_named_short_and_long_is_one_node_with_an_english_label(run, text, lang, names):
    resolved, _ = run(text, lang)
    ent = _entity(resolved, "Agreement")
    assert ent.iri.endswith("/agreement/budapest-convention")
    assert (ent.pref_label, ent.pref_lang) == ("Council of Europe Convention on Cybercrime", "en")
    assert names <= {name for name, _ in ent.labels}


def test_the_hanoi_convention_is_the_un_convention_against_cybercrime(run):
    resolved, rels = run(
        "Ghana signed the Hanoi Convention in October; officials said the United Nations Convention against "
        "Cybercrime would speed up requests.",
    )
    assert _entity(resolved, "Agreement").iri.endswith("/agreement/un-cybercrime-convention")
    assert ("Ghana", "partyTo", "United Nations Convention against Cybercrime") in rels


@pytest.mark.parametrize(
    ("text", "lang", "name", "core", "english", "parties"),
    [
        (
            "Chile y Perú firmaron ayer un memorando de entendimiento sobre la persecución del fraude bancario "
            "que entrará en vigor en marzo.",
            "es",
            "memorando de entendimiento sobre la persecución del fraude bancario",
            "memorando de entendimiento",
            "memorandum of understanding",
            {"Chile", "Peru"},
        ),
        (
            "Армения и Грузия подписали соглашение о сотрудничестве в области защиты информации.",
            "ru",
            "соглашение о сотрудничестве в области защиты информации",
            "соглашение о сотрудничестве",
            "cooperation agreement",
            {"Armenia", "Georgia"},
        ),
        (
            "Le Bénin et le Togo ont signé un protocole d'accord relatif à la formation des enquêteurs.",
            "fr",
            "protocole d'accord relatif à la formation des enquêteurs",
            "protocole d'accord",
            "memorandum of understanding",
            {"Benin", "Togo"},
        ),
    ],
)
def test_an_agreement_named_by_its_head_and_complement_is_signed_by_the_names_before_the_verb(
    run, text, lang, name, core, english, parties
):
    resolved, rels = run(text, lang)
    ent = _entity(resolved, "Agreement")
    assert (ent.written or (ent.pref_label,))[0] == name  # the name as written, where glossed
    assert {(name, lang), (core, lang), (english, "en")} <= ent.labels
    assert {s for s, p, o in rels if p == "partyTo"} == parties


def test_an_inflected_head_is_given_in_its_dictionary_form():
    from graphkit.extract import Extractor
    from graphkit.model import Article

    ex = Extractor().extract(
        Article("Запрос направлен в соответствии с Конвенцией о выдаче и правовой помощи, которую подписали стороны.",
                lang="ru")
    )
    (m,) = [m for m in ex.mentions if m.type == "Agreement"]
    assert m.text == "Конвенцией о выдаче и правовой помощи"
    assert m.name == "Конвенция о выдаче и правовой помощи"


def test_an_agreement_word_without_signing_is_no_agreement(run):
    resolved, _ = run("Officials said an agreement on data exchange is still needed between the two ministries.")
    assert not [e for e in resolved.entities.values() if e.type == "Agreement"]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "В Бишкеке прошло V совещание руководителей служб по борьбе с мошенничеством.",
            "ru",
            "V совещание руководителей служб по борьбе с мошенничеством",
        ),
        ("La 12e réunion du groupe de travail sur la fraude s'est tenue à Dakar.", "fr",
         "12e réunion du groupe de travail sur la fraude"),
        ("Im Mai fanden die 2. Deutsch-Polnischen Sicherheitskonsultationen in Warschau statt.", "de",
         "2. Deutsch-Polnischen Sicherheitskonsultationen"),
        ("El Gobierno acogió la II Cumbre Andina contra el Fraude en Quito.", "es",
         "II Cumbre Andina contra el Fraude"),
    ],
)
def test_an_event_identified_by_an_ordinal_runs_over_its_complement(run, text, lang, name):
    resolved, _ = run(text, lang)
    ent = _entity(resolved, "Event")
    assert (ent.written or (ent.pref_label,))[0] == name


def test_unnamed_agreements_of_two_articles_stay_two_nodes(run):
    first, _ = run("Kenya and Uganda signed a memorandum of understanding on border policing.")
    second, _ = run("Spain and Italy signed a memorandum of understanding on border policing last week.")
    assert _entity(first, "Agreement").iri != _entity(second, "Agreement").iri


def test_a_state_adjective_inside_an_events_name_takes_no_part_of_its_own(run):
    _, rels = run("Lors de la 3e réunion du comité mixte franco-tunisien, organisée par la Police nationale, "
                  "des experts ont pris part aux débats.", "fr")
    assert not {s for s, p, o in rels if p in ("participatesIn", "organizes") and s in ("France", "Tunisia")}


@pytest.mark.parametrize(
    ("text", "lang", "author"),
    [
        ("Chile joined the Council of Europe Convention on Cybercrime in 2017.", "en", "Council of Europe"),
        ("Le Chili a adhéré à la Convention sur la cybercriminalité du Conseil de l'Europe.", "fr",
         "Council of Europe"),
    ],
)
def test_the_author_named_inside_a_known_agreement_is_a_node_but_no_party(run, text, lang, author):
    resolved, rels = run(text, lang)
    assert author in {e.pref_label for e in resolved.entities.values()}
    assert {(s, p) for s, p, o in rels if p == "partyTo"} == {("Chile", "partyTo")}


def test_a_lower_case_well_known_agreement_is_the_gazetteers_node(run):
    resolved, _ = run("Le Chili a ratifié en 2017 la convention de Budapest.", "fr")
    assert _entity(resolved, "Agreement").iri.endswith("/agreement/budapest-convention")


def test_a_treaty_word_inside_an_organisations_name_is_no_agreement(run):
    resolved, _ = run(
        "В совещании приняли участие представители Организации Договора о коллективной безопасности.", "ru"
    )
    assert not [e for e in resolved.entities.values() if e.type == "Agreement"]


@pytest.mark.parametrize(
    ("text", "lang", "signers"),
    [
        ("Officials in Oslo cited the Budapest Convention, which Chile ratified in 2017.", "en", {"Chile"}),
        ("Запрос направлен Генеральной прокуратурой Казахстана согласно конвенции о выдаче, которую "
         "подписали Армения и Грузия.", "ru", {"Armenia", "Georgia"}),
    ],
)
def test_the_signers_in_a_relative_clause_after_the_agreement_are_its_parties(run, text, lang, signers):
    _, rels = run(text, lang)
    assert {s for s, p, o in rels if p == "partyTo"} == signers


@pytest.mark.parametrize(
    ("text", "lang", "bodies"),
    [
        ("La Guardia Civil acogió en Madrid la II Cumbre Andina contra el Fraude. Entre los asistentes figuraban "
         "delegaciones de la Policía Nacional de Colombia y de Europol.", "es",
         {"National Police of Colombia", "Europol"}),
        ("Die 4. Deutsch-Polnischen Sicherheitskonsultationen fanden in Warschau statt. Auch Vertreter von "
         "Europol und Interpol nahmen an dem Treffen teil.", "de", {"Europol", "INTERPOL"}),
    ],
)
def test_who_took_part_a_sentence_after_the_meeting_takes_part_in_it(run, text, lang, bodies):
    _, rels = run(text, lang)
    assert bodies <= {s for s, p, o in rels if p == "participatesIn"}


def _phrases(text: str, lang: str, type_: str) -> list[str]:
    from graphkit.extract import Extractor
    from graphkit.model import Article

    return [m.text for m in Extractor().extract(Article(text, lang=lang)).mentions if m.type == type_]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # "no"/"na" before a lower-case word carries the complement on; "e" joins two lower-case words
        (
            "Portugal e Brasil assinaram um memorando de entendimento no combate à fraude e extorsão digital, "
            "que entra em vigor.",
            "pt",
            "memorando de entendimento no combate à fraude e extorsão digital",
        ),
        (
            "Colombia y Perú firmaron un acuerdo de cooperación en la detección e investigación del fraude, "
            "según el ministerio.",
            "es",
            "acuerdo de cooperación en la detección e investigación del fraude",
        ),
        # before a capital the same words begin a place: the name ends
        (
            "Chile y Uruguay firmaron un memorando de entendimiento en la Ciudad de Montevideo el martes.",
            "es",
            "memorando de entendimiento",
        ),
    ],
)
def test_a_complement_runs_on_through_a_preposition_or_a_conjunction_before_a_lower_case_word(text, lang, name):
    assert _phrases(text, lang, "Agreement") == [name]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "Los ministros asistieron a la III Cumbre Regional de Ciberseguridad organizada por Panamá.",
            "es",
            "III Cumbre Regional de Ciberseguridad",
        ),
        (
            "A delegação esteve na II Conferência Ibérica de Segurança realizada em Badajoz.",
            "pt",
            "II Conferência Ibérica de Segurança",
        ),
    ],
)
def test_a_participle_after_the_capitals_of_a_name_begins_the_clause_about_it(text, lang, name):
    assert _phrases(text, lang, "Event") == [name]
