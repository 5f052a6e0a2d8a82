"""The state of a body named without one, from the states its article names (coref.py)."""

from __future__ import annotations

import pytest
from helpers import has


def _jurisdictions(rels) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in rels if p == "jurisdiction"}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "Deutschland und die Republik Moldau vereinbaren eine engere Zusammenarbeit. Künftig schickt "
            "das Bundeskriminalamt zweimal im Jahr Fachleute nach Chișinău.",
            "Germany",
        ),
        (
            "Österreich und Ungarn haben ein Abkommen geschlossen. Das Bundeskriminalamt leitet die "
            "gemeinsame Ermittlungsgruppe.",
            "Austria",
        ),
    ],
)
def test_a_kind_named_without_state_is_the_one_of_the_article_states_that_has_one(run, text, state):
    # Germany and Austria both have a Bundeskriminalamt; Moldova and Hungary have none by that name
    _, rels = run(text, "de")
    assert _jurisdictions(rels) == {(f"Federal Criminal Police Office of {state}", state)}


@pytest.mark.parametrize(
    ("text", "lang", "body", "state"),
    [
        (
            "La France et les États-Unis ont signé un accord d'entraide. La direction centrale de la police "
            "judiciaire a mené l'enquête avec le FBI.",
            "fr",
            "direction centrale de la police judiciaire",
            "France",
        ),
        (
            "O Brasil e os Estados Unidos assinaram um memorando. A Delegacia de Repressão a Crimes "
            "Cibernéticos conduziu a investigação com o FBI.",
            "pt",
            "Delegacia de Repressão a Crimes Cibernéticos",
            "Brazil",
        ),
    ],
)
def test_a_body_named_in_the_article_language_belongs_to_its_only_state_of_that_language(
    run, text, lang, body, state
):
    _, rels = run(text, lang)
    assert has(rels, body, "jurisdiction", state)


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        (
            "España y Argentina firmaron un acuerdo. La Unidad Central de Ciberdelincuencia coordinó la operación.",
            "es",
            "Unidad Central de Ciberdelincuencia",
        ),
        (
            "Spain and Argentina signed an agreement. The Directorate for Investigating Organised Crime "
            "coordinated the operation.",
            "en",
            "Directorate for Investigating Organised Crime",
        ),
    ],
)
def test_no_state_where_two_could_be_its_own_or_the_name_may_be_a_translation(run, text, lang, body):
    # two Spanish-speaking states: either could be the body's; an English name may translate any
    _, rels = run(text, lang)
    assert not any(s == body for s, _ in _jurisdictions(rels))


@pytest.mark.parametrize(
    ("text", "lang", "person", "state"),
    [
        (
            "Auch der Botschafter der Republik Moldau in Deutschland, Alexandru Ciobanu, nahm an dem Treffen teil.",
            "de",
            "Alexandru Ciobanu",
            "Moldova",
        ),
        (
            "Der Botschafter Österreichs, Karl Huber, eröffnete die Konferenz in Wien.",
            "de",
            "Karl Huber",
            "Austria",
        ),
    ],
)
def test_a_post_whose_stem_is_a_body_head_stays_a_post(run, text, lang, person, state):
    # "Botschafter" stems like "Botschaft" (embassy): the ambassador is no embassy
    resolved, rels = run(text, lang)
    assert not any(e.type == "Agency" for e in resolved.entities.values())
    assert has(rels, person, "represents", state)


def test_an_embassy_is_still_a_body(run):
    resolved, rels = run("Die Botschaft der Republik Moldau lud zu einem Empfang ein.", "de")
    assert has(rels, "Embassy of Moldova", "jurisdiction", "Moldova")


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "The Office of International Affairs of the Justice Department worked with its Spanish counterparts "
            "at the Ministry of Justice of Spain to secure the extradition.",
            "Ministry of Justice of Spain",
        ),
        (
            "Investigators of the Interior Ministry exchanged information with the Ministry of Internal Affairs of "
            "Kazakhstan throughout the year.",
            "Ministry of Internal Affairs of Kazakhstan",
        ),
    ],
)
def test_a_kind_is_not_the_body_of_that_kind_its_own_sentence_names(run, text, other):
    # a sentence that names two bodies of one kind names two bodies
    _, rels = run(text, "en")
    assert not any(o == other for s, p, o in rels if p in ("partOf", "memberOf"))
    assert any(other in (s, o) for s, p, o in rels if p == "cooperatesWith")


@pytest.mark.parametrize(
    ("text", "lang", "kind_name"),
    [
        ("La Embajada de Francia en Madrid colaboró con la Policía Nacional.", "es", "Policía Nacional"),
        ("A Embaixada da França apoiou a Polícia Federal na investigação.", "pt", "Polícia Federal"),
    ],
)
def test_a_kind_named_in_the_article_language_is_not_a_state_that_does_not_speak_it(run, text, lang, kind_name):
    # France has a national police, but not one called "Policía Nacional" or "Polícia Federal"
    _, rels = run(text, lang)
    assert {s for s, o in _jurisdictions(rels) if o == "France"} == {"Embassy of France"}


@pytest.mark.parametrize(
    ("text", "lang", "embassy", "state"),
    [
        (
            "O evento contou com apoio da Embaixada dos Estados Unidos em Brasília.",
            "pt",
            "Embassy of the United States",
            "United States",
        ),
        ("A reunião teve lugar na Embaixada dos Países Baixos em Lisboa.", "pt", "Embassy of the Netherlands", "Netherlands"),
    ],
)
def test_a_kind_takes_the_state_after_a_contracted_of_word(run, text, lang, embassy, state):
    _, rels = run(text, lang)
    assert (embassy, state) in _jurisdictions(rels)
