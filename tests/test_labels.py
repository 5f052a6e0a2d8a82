"""Labels and identity: one node per entity whatever the language or form of address, with an
English preferred label where one is known (sentences of our own)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("La procureure Hélène Durand a ouvert l'enquête. Selon Mme Durand, trois banques sont visées.", "fr",
         "Hélène Durand"),
        ("Inspector Jonathan Blake led the search. Mr Blake said the servers were seized.", "en", "Jonathan Blake"),
        ("Der Ermittler Thomas Keller leitete die Durchsuchung. Herr Keller sprach von einem Erfolg.", "de",
         "Thomas Keller"),
    ],
)
def test_a_form_of_address_before_a_surname_names_the_person_met_in_full(run, text, lang, person):
    resolved, _ = run(text, lang)
    people = [e for e in resolved.entities.values() if e.type == "Person"]
    assert [e.pref_label for e in people] == [person]


def test_a_lawyer_quoted_in_french_or_spanish_is_no_entity(run):
    for text, lang in [
        ("Son avocat, Me Julien Marchetti, conteste la procédure.", "fr"),
        ("Su abogado, Carlos Méndez, recurrirá la decisión.", "es"),
    ]:
        resolved, _ = run(text, lang)
        assert not [e for e in resolved.entities.values() if e.type == "Person"], text


def test_one_body_named_in_three_languages_is_one_node_with_an_english_label_and_its_names():
    from graphkit.extract import Extractor
    from graphkit.model import Article
    from graphkit.resolve import Resolver

    ex, res = Extractor(), Resolver()
    texts = [
        ("Europol coordinated the searches.", "en"),
        ("Europol a coordonné les perquisitions.", "fr"),
        ("Die Durchsuchungen koordinierte Europol.", "de"),
    ]
    nodes = {}
    for text, lang in texts:
        for e in res.resolve(ex.extract(Article(text, lang=lang))).entities.values():
            if e.type == "InternationalOrganization":
                nodes.setdefault(e.iri, e)
    (node,) = nodes.values()
    assert (node.pref_label, node.pref_lang) == ("Europol", "en")
    assert {"fr", "de"} <= {lang for _, lang in node.labels}


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("The Office of International Affairs of the Justice Department's Criminal Division handled the request. "
         "Later the Criminal Division thanked its partners.", "Criminal Division"),
        ("The Hamburg State Police's Cybercrime Unit traced the wallets. The Cybercrime Unit then briefed Europol.",
         "Cybercrime Unit"),
    ],
)
def test_a_unit_named_again_without_its_parent_is_the_same_node(run, text, short):
    resolved, _ = run(text)
    nodes = [e for e in resolved.entities.values() if short in {n for n, _ in e.labels}]
    assert len(nodes) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Delegates met at the Global Fraud Summit. During this 5th Summit, ministers agreed on a plan.",
        "The Nordic Cyber Conference opened on Monday. The 3rd Conference drew 400 guests.",
    ],
)
def test_an_event_named_again_by_its_ordinal_and_head_is_the_same_node(run, text):
    resolved, _ = run(text)
    assert len([e for e in resolved.entities.values() if e.type == "Event"]) == 1


def test_a_bodys_head_word_alone_is_the_one_body_of_the_story_whose_names_hold_it(run):
    resolved, _ = run("Officers of the OM briefed reporters. The Prosecution seized servers in Amsterdam.")
    agencies = [e for e in resolved.entities.values() if e.type == "Agency"]
    assert [e.iri.rsplit("/", 1)[-1] for e in agencies] == ["nl-om"]
