"""Relation mechanisms, each on sentences of our own in more than one wording and language:
link patterns (partOf), event roles over lists, posts far from their body or held abroad,
filters, and the language profiles that hold them as data."""

from __future__ import annotations

import re

import pytest
from helpers import has, partners

from graphkit.extract import Extractor
from graphkit.model import Article


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body"),
    [
        ("Agents of the Cyber Division of the FBI seized the servers.", "en", "Cyber Division", "FBI"),
        ("The FBI's Cyber Division traced the payments.", "en", "Cyber Division", "FBI"),
        ("Department K of the Russian MVD detained the hacker.", "en", "Department K", "MVD"),
        (
            "Beamte der Abteilung für Cyberkriminalität des Bundeskriminalamts nahmen ihn fest.",
            "de",
            "Abteilung für Cyberkriminalität",
            "Bundeskriminalamts",
        ),
        (
            "Le Centre de lutte contre les criminalités numériques de la Gendarmerie nationale a saisi les serveurs.",
            "fr",
            "Centre de lutte contre les criminalités numériques",
            "Gendarmerie nationale",
        ),
    ],
)
def test_a_unit_named_right_before_its_body_is_part_of_it(text, lang, unit, body):
    result = Extractor().extract(Article("The case was closed. " + text, lang=lang))
    found = {
        (result.mentions[c.subject].text, result.mentions[c.object].text, c.sentence)
        for c in result.relations
        if c.predicate == "partOf" and c.rule.startswith("link.")
    }
    assert (unit, body, 1) in found  # the second sentence is the evidence


def _links(text: str, lang: str, names: list[tuple]) -> set[tuple[str, str, str]]:
    """Link-pattern relations between hand-placed names of one sentence, each (text, type) or
    (text, type, index of the name it is an alias of), so that the patterns are tested apart
    from name detection."""
    from graphkit.extract.lexicon import tokenize
    from graphkit.extract.relations import RelationRules
    from graphkit.model import Mention, Sentence

    mentions = []
    for n, t, *alias in names:
        start = text.index(n, mentions[-1].end if mentions else 0)
        mentions.append(Mention(n, start, start + len(n), t, lang, sentence=0, alias_of=alias[0] if alias else None))
    rules = RelationRules(text, lang, tokenize(text, lang), mentions, [(-1, -1)] * len(mentions), [])
    rules.sentences = [Sentence(text, 0, len(text))]
    rules.sentence_views = rules.views()
    for view in rules.sentence_views:
        rules.unit_links(view)
    return {(mentions[c.subject].text, c.predicate, mentions[c.object].text) for c in rules.out}


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body"),
    [
        ("Сотрудники управления «К» МВД России задержали хакера.", "ru", "управления «К»", "МВД"),
        (
            "Главное управление по противодействию киберпреступности МВД провело обыски.",
            "ru",
            "Главное управление по противодействию киберпреступности",
            "МВД",
        ),
        (
            "La Unidad Central de Ciberdelincuencia de la Policía Nacional detuvo al sospechoso.",
            "es",
            "Unidad Central de Ciberdelincuencia",
            "Policía Nacional",
        ),
        (
            "Agentes de la Brigada de Investigación Tecnológica del Cuerpo Nacional de Policía lo detuvieron.",
            "es",
            "Brigada de Investigación Tecnológica",
            "Cuerpo Nacional de Policía",
        ),
        (
            "A Diretoria de Combate a Crimes Cibernéticos da Polícia Federal prendeu o suspeito.",
            "pt",
            "Diretoria de Combate a Crimes Cibernéticos",
            "Polícia Federal",
        ),
    ],
)
def test_unit_of_body_patterns_in_genitive_and_de_languages(text, lang, unit, body):
    assert (unit, "partOf", body) in _links(text, lang, [(unit, "Agency"), (body, "Agency")])


def test_a_body_next_to_a_unit_by_a_verb_or_a_comma_is_not_its_parent():
    names = [("Cyber Division", "Agency"), ("FBI", "Agency")]
    assert not _links("The Cyber Division thanked the FBI.", "en", names)
    assert not _links("The Cyber Division, the FBI and Europol met.", "en", names)
    # no unit head: two bodies side by side
    assert not _links("Europol of the FBI", "en", [("Europol", "InternationalOrganization"), ("FBI", "Agency")])


def test_leaders_of_an_operation_organize_it_and_the_listed_bodies_take_part(run):
    _, rels = run(
        "Operation Tovar, led by Europol and the FBI, involved the National Crime Agency, the Federal Criminal "
        "Police Office, the Dutch National Police and the Australian Federal Police."
    )
    for leader in ("Europol", "Federal Bureau of Investigation"):
        assert (leader, "organizes", "Operation Tovar") in rels
    for body in (
        "National Crime Agency",
        "Federal Criminal Police Office",
        "Dutch National Police",
        "Australian Federal Police",
    ):
        assert (body, "participatesIn", "Operation Tovar") in rels
        assert (body, "organizes", "Operation Tovar") not in rels


def test_a_list_before_took_part_takes_part_even_after_an_agent_cue(run):
    _, rels = run(
        "Operation Nightfall was coordinated by Eurojust; the Dutch National Police, the Guardia Civil and "
        "the Australian Federal Police took part."
    )
    assert ("Eurojust", "organizes", "Operation Nightfall") in rels
    assert ("Guardia Civil", "participatesIn", "Operation Nightfall") in rels
    assert not {(s, p) for s, p, _ in rels if p == "organizes"} - {("Eurojust", "organizes")}


def test_organisers_before_a_participle_and_participants_after_in_german(run):
    _, rels = run(
        "Die Operation Endgame wurde von Europol und Eurojust koordiniert; beteiligt waren das Bundeskriminalamt "
        "und die französische Gendarmerie.",
        "de",
    )
    assert ("Europol", "organizes", "Operation Endgame") in rels
    assert ("Eurojust", "organizes", "Operation Endgame") in rels
    assert ("Bundeskriminalamt", "participatesIn", "Operation Endgame") in rels
    assert ("Bundeskriminalamt", "organizes", "Operation Endgame") not in rels


@pytest.mark.parametrize(
    ("text", "lang", "person", "served", "host"),
    [
        (
            "The German ambassador to Ukraine, Anka Feldhusen, welcomed the agreement.",
            "en",
            "Anka Feldhusen",
            "Germany",
            "Ukraine",
        ),
        ("Maria Lopez, the ambassador of Spain to Kenya, opened the workshop.", "en", "Maria Lopez", "Spain", "Kenya"),
        (
            "Посол России в Казахстане Алексей Бородавкин открыл конференцию.",
            "ru",
            "Алексей Бородавкин",
            "Russia",
            "Kazakhstan",
        ),
    ],
)
def test_a_post_held_abroad_represents_the_state_it_serves_not_its_host(run, text, lang, person, served, host):
    resolved, rels = run(text, lang)
    assert (person, "represents", served) in rels
    assert (person, "represents", host) not in rels
    rel = next(r for r in resolved.relations if r.predicate == "represents")
    assert rel.evidence[0].text == text


def test_every_shipped_profile_loads_and_names_registered_components():
    from graphkit.extract.components import REGISTRY
    from graphkit.extract.patterns import languages, profile

    assert {"en", "de", "fr", "es", "ru", "pt"} <= set(languages())
    for lang in languages():
        prof = profile(lang)
        assert set(prof.relations) <= set(REGISTRY), lang
        sentence_wide = [f for f in prof.filters if f.scope == "sentence"]
        assert {f.name for f in sentence_wide if f.applies("coop.JointOperation")} == {"conflict", "wish", "negation"}
        assert {f.name for f in sentence_wide if f.applies("coop.request")} == {"wish"}, lang
        assert {f.name for f in sentence_wide if f.applies("agreement.party")} == {"wish", "negation", "future"}
    assert profile("sv").relations == profile("en").relations  # no file: the default components


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relation": "worksFor"}, "unknown relation 'worksFor'"),
        ({"kind": "Friendship"}, "unknown cooperation kind 'Friendship'"),
        ({"blocked_by": ["doubt"]}, "unknown filters ['doubt']"),
        ({"confidence": 1.5}, "confidence 1.5"),
        ({"order": "sideways"}, "order 'sideways'"),
        ({"subject": {"types": ["Galaxy"]}}, "slot types ['Galaxy']"),
        ({"subject": {"types": ["Agency"], "heads": "org_heads.nonexistent"}}, "no lexicon list"),
    ],
)
def test_loading_a_pattern_file_rejects_what_the_extractor_cannot_do(change, message):
    from graphkit.extract.patterns import PatternError, parse_profile

    pattern = {
        "name": "unit-of-body",
        "relation": "partOf",
        "subject": {"types": ["Agency"]},
        "object": {"types": ["Agency"]},
        "gaps": ["of"],
    }
    assert parse_profile({"link": [pattern]}, "en").links[0].relation == "partOf"
    with pytest.raises(PatternError, match=f"xx.toml: pattern 'unit-of-body': {re.escape(message)}"):
        parse_profile({"link": [pattern | change]}, "en", source="xx.toml")


def test_an_unknown_component_in_a_profile_is_a_clear_error():
    from graphkit.extract.components import run_components
    from graphkit.extract.patterns import PatternError

    with pytest.raises(PatternError, match="unknown relation component 'guesswork'"):
        run_components(("guesswork",), None, [])


def _candidates(text: str, lang: str = "en") -> set[tuple[str, str, str, str]]:
    """(subject text, relation, object text, evidence sentence) of every relation candidate."""
    result = Extractor().extract(Article(text, lang=lang))
    return {
        (
            result.mentions[c.subject].text,
            c.predicate,
            result.mentions[c.object].text,
            result.sentences[c.sentence].text,
        )
        for c in result.relations
    }


@pytest.mark.parametrize(
    ("text", "lang", "person", "body"),
    [
        (
            "Jane Doe, who joined the police in 1998 and now serves as deputy director of the Cyber Division of "
            "the FBI, said the case was closed.",
            "en",
            "Jane Doe",
            "Cyber Division",
        ),
        (
            "Thomas Weber, who heads the cybercrime department of the Federal Criminal Police Office, said the "
            "servers were abroad.",
            "en",
            "Thomas Weber",
            "Federal Criminal Police Office",
        ),
        (
            "Ana Ruiz, que desde 2018 es la directora general de la Policía Nacional, explicó el caso.",
            "es",
            "Ana Ruiz",
            "Policía Nacional",
        ),
        (
            "Jean Martin, qui est depuis trois ans le directeur de la Police nationale, a expliqué l'affaire.",
            "fr",
            "Jean Martin",
            "Police nationale",
        ),
    ],
)
def test_a_post_in_a_clause_set_off_after_the_name_is_held_in_the_body_after_it(text, lang, person, body):
    found = _candidates("Nothing else happened. " + text, lang)
    assert (person, "memberOf", body, text) in found


def test_a_unit_member_represents_the_state_of_the_units_body(run):
    _, rels = run(
        "Jane Doe, who joined the police in 1998 and now serves as deputy director of the Cyber Division of "
        "the FBI, said the case was closed."
    )
    assert ("Jane Doe", "represents", "United States") in rels


@pytest.mark.parametrize(
    "text",
    [
        "Rachel Adams, a lawyer who once worked for the FBI, said the charges were unfounded.",
        "Tom Hill, who met the press after the Europol briefing, said nothing.",
    ],
)
def test_a_clause_without_a_post_makes_no_member(text):
    assert not {c for c in _candidates(text) if c[1] in ("memberOf", "represents")}


def test_a_counterpart_named_beside_a_state_adjective_represents_it(run):
    _, rels = run(
        "Indonesian Foreign Minister Retno Marsudi and her Malaysian counterpart Saifuddin Abdullah signed the memorandum."
    )
    assert ("Retno Marsudi", "represents", "Indonesia") in rels
    assert ("Saifuddin Abdullah", "represents", "Malaysia") in rels
    assert ("Saifuddin Abdullah", "represents", "Indonesia") not in rels


# -- partOf: a unit and its body -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "unit", "acronym", "body"),
    [
        (
            "The Cyber Crime Unit (CCU) of the Federal Police searched the flat.",
            "en",
            "Cyber Crime Unit",
            "CCU",
            "Federal Police",
        ),
        (
            "Die Zentralstelle Cybercrime (ZCB) der Generalstaatsanwaltschaft Bamberg erhob Anklage.",
            "de",
            "Zentralstelle Cybercrime",
            "ZCB",
            "Generalstaatsanwaltschaft Bamberg",
        ),
        (
            "La Brigade de lutte contre la cybercriminalité (BL2C) de la Préfecture de police a saisi les serveurs.",
            "fr",
            "Brigade de lutte contre la cybercriminalité",
            "BL2C",
            "Préfecture de police",
        ),
    ],
)
def test_a_unit_with_its_acronym_in_brackets_is_still_part_of_the_body_after_it(text, lang, unit, acronym, body):
    names = [(unit, "Agency", None), (acronym, "Agency", 0), (body, "Agency", None)]
    assert (unit, "partOf", body) in _links(text, lang, names)


@pytest.mark.parametrize(
    ("text", "lang", "unit", "body"),
    [
        (
            "L'Office mineurs, rattaché à la Direction nationale de la police judiciaire, a identifié le suspect.",
            "fr",
            "Office mineurs",
            "Direction nationale de la police judiciaire",
        ),
        (
            "La Brigada Central de Investigación Tecnológica, dependiente de la Comisaría General, analizó los equipos.",
            "es",
            "Brigada Central de Investigación Tecnológica",
            "Comisaría General",
        ),
        (
            "The Office of International Affairs, part of the Criminal Division, handled the request.",
            "en",
            "Office of International Affairs",
            "Criminal Division",
        ),
    ],
)
def test_a_body_set_off_after_a_unit_as_the_one_it_belongs_to_is_its_parent(text, lang, unit, body):
    assert (unit, "partOf", body) in _links(text, lang, [(unit, "Agency", None), (body, "Agency", None)])


def test_a_body_set_off_after_a_comma_without_an_attachment_word_is_no_parent():
    text = "The Office of International Affairs, the Criminal Division and Europol met."
    assert not _links(
        text, "en", [("Office of International Affairs", "Agency", None), ("Criminal Division", "Agency", None)]
    )


@pytest.mark.parametrize(
    ("text", "lang", "unit", "parent"),
    [
        (
            "The servers were analysed by Europol's European Cybercrime Centre. Europol later published a report.",
            "en",
            "European Cybercrime Centre",
            "Europol",
        ),
        (
            "Сотрудники Бюро специальных технических мероприятий МВД России изъяли серверы. Об этом сообщило МВД России.",
            "ru",
            "Bureau of Special Technical Measures of the Ministry of Internal Affairs of Russia",
            "Ministry of Internal Affairs of Russia",
        ),
    ],
)
def test_a_name_holding_its_gazetteer_parents_name_is_part_of_it(run, text, lang, unit, parent):
    _, rels = run(text, lang)
    assert (unit, "partOf", parent) in rels
    assert not has(rels, unit, "cooperatesWith", parent)


# -- participatesIn: who takes part in the one operation of a story ----------------------------


@pytest.mark.parametrize(
    ("text", "lang", "operation", "bodies"),
    [
        (
            "Operation Harbour took down the botnet. The Dutch National Police arrested two men in Rotterdam, and "
            "the Federal Criminal Police Office and the Polish Central Cybercrime Bureau searched eleven premises.",
            "en",
            "Operation Harbour",
            ["Dutch National Police", "Federal Criminal Police Office", "Central Cybercrime Bureau of Poland"],
        ),
        (
            "A Operação Anzol derrubou a quadrilha. A Polícia Judiciária e a Guardia Civil prenderam dois suspeitos.",
            "pt",
            "Operation Anzol",
            ["Polícia Judiciária", "Guardia Civil"],
        ),
    ],
)
def test_bodies_acting_in_one_operation_take_part_and_work_with_each_other(run, text, lang, operation, bodies):
    _, rels = run(text, lang)
    for body in bodies:
        assert (body, "participatesIn", operation) in rels
    for i, a in enumerate(bodies):
        for b in bodies[i + 1 :]:
            assert has(rels, a, "cooperatesWith", b)


def test_the_agent_of_a_passive_action_takes_part_in_the_operation(run):
    _, rels = run(
        "Operation Harbour took down the botnet. The searches in Bucharest were carried out by Romania's DIICOT."
    )
    assert (
        "Directorate for Investigating Organized Crime and Terrorism",
        "participatesIn",
        "Operation Harbour",
    ) in rels


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "La operación Tucán desarticuló la red. El encuentro, organizado por la Guardia Civil con el apoyo de "
            "Europol, reunió a 150 especialistas.",
            "es",
        ),
        (
            "Operation Tucan took down the network. The conference, hosted by the Civil Guard with the support of "
            "Europol, gathered 150 experts.",
            "en",
        ),
    ],
)
def test_who_acts_at_a_meeting_does_not_take_part_in_the_storys_operation(run, text, lang):
    _, rels = run(text, lang)
    assert not {r for r in rels if r[2].startswith("Operation") and r[1] in ("participatesIn", "organizes")}
    assert has(rels, "Guardia Civil", "cooperatesWith", "Europol")


@pytest.mark.parametrize(
    ("text", "lang", "asker"),
    [
        (
            "Poland's Central Cybercrime Bureau opened the case. The suspect was arrested in Romania at the request "
            "of the Polish investigators.",
            "en",
            "Central Cybercrime Bureau of Poland",
        ),
        (
            "La Policía Federal Argentina abrió la causa. El sospechoso fue detenido en España a petición de los "
            "investigadores argentinos.",
            "es",
            "Argentine Federal Police",
        ),
    ],
)
def test_a_states_investigators_are_its_one_body_named_in_the_story(run, text, lang, asker):
    _, rels = run(text, lang)
    pairs = partners(rels)
    assert len(pairs) == 1
    assert asker in next(iter(pairs))
    assert not any(
        s in ("Poland", "Argentina") or o in ("Poland", "Argentina") for s, p, o in rels if p == "cooperatesWith"
    )


# -- represents: posts held abroad and posts several words from their state --------------------


@pytest.mark.parametrize(
    ("text", "lang", "person", "state"),
    [
        (
            "L'ambassadrice de France au Maroc, Hélène Marchand, a salué la signature.",
            "fr",
            "Hélène Marchand",
            "France",
        ),
        (
            "L'ambassadrice des États-Unis en France, Catherine Whitford, a salué la coopération.",
            "fr",
            "Catherine Whitford",
            "United States",
        ),
        (
            "La ministra de Seguridad de la Nación argentina, Laura Benítez, agradeció el trabajo.",
            "es",
            "Laura Benítez",
            "Argentina",
        ),
    ],
)
def test_a_post_several_words_before_the_person_names_the_state_served(run, text, lang, person, state):
    _, rels = run(text, lang)
    assert {(s, o) for s, p, o in rels if p == "represents"} == {(person, state)}


# -- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "planned", "lang"),
    [
        ("In 2023 Brazil joined the Budapest Convention.", "In 2026 Brazil will join the Budapest Convention.", "en"),
        ("Le Maroc a signé la Convention de Budapest.", "Le Maroc prévoit de signer la Convention de Budapest.", "fr"),
    ],
)
def test_a_future_signature_makes_no_party(run, done, planned, lang):
    _, rels = run(done, lang)
    assert {p for _, p, _ in rels} == {"partyTo"}
    _, rels = run(planned, lang)
    assert not rels


@pytest.mark.parametrize(
    ("text", "lang", "pair"),
    [
        (
            "According to Europol, the FBI worked with the Dutch National Police.",
            "en",
            ("Federal Bureau of Investigation", "Dutch National Police"),
        ),
        (
            "Laut Europol hat das Bundeskriminalamt in Zusammenarbeit mit der niederländischen Polizei die Server "
            "abgeschaltet.",
            "de",
            ("Bundeskriminalamt", "Dutch National Police"),
        ),
    ],
)
def test_the_source_of_a_report_is_no_partner(run, text, lang, pair):
    _, rels = run(text, lang)
    assert partners(rels) == {frozenset(pair)}


def test_a_capitalised_filter_word_is_a_name_not_a_wish(run):
    _, rels = run("In May 2024 Europol and the FBI worked together on the case.")
    assert has(rels, "Europol", "cooperatesWith", "Federal Bureau of Investigation")
    _, rels = run("Europol and the FBI may work together on the case.")
    assert not {r for r in rels if r[1] == "cooperatesWith"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"scope": "paragraph"}, "scope 'paragraph'"),
        ({"rules": []}, "a filter needs the rules it applies to"),
        ({"cues": ["negative.doubt"]}, "no lexicon list 'negative.doubt'"),
        ({"confidence": 0}, "confidence 0"),
    ],
)
def test_loading_a_filter_rejects_what_the_extractor_cannot_do(change, message):
    from graphkit.extract.patterns import PatternError, parse_profile

    entry = {"name": "doubt", "words": ["allegedly"], "rules": ["coop.*"]}
    assert parse_profile({"filter": [entry]}, "en").filters[-1].words == ("allegedly",)
    with pytest.raises(PatternError, match=f"xx.toml: pattern 'doubt': {re.escape(message)}"):
        parse_profile({"filter": [entry | change]}, "en", source="xx.toml")


@pytest.mark.parametrize(
    ("text", "unit", "state"),
    [
        ("Agents of the Cyber Division of the FBI seized the servers.", "Cyber Division", "United States"),
        (
            "Officers of the Economic Crime Unit of the Polish Police searched the flat.",
            "Economic Crime Unit",
            "Poland",
        ),
    ],
)
def test_a_unit_without_a_state_of_its_own_is_a_body_of_its_parents_state(run, text, unit, state):
    resolved, rels = run(text)
    assert (unit, "jurisdiction", state) in rels
    assert (unit, "partOf", next(o for s, p, o in rels if s == unit and p == "partOf")) in rels
    # the unit takes the state of the body named with it when its mention is found
    # (graphkit/extract/bodies.py: kind_parents), so its name states it
    unit_iri = next(iri for iri, e in resolved.entities.items() if e.pref_label == unit)
    assert {r.rule for r in resolved.relations if r.predicate == "jurisdiction" and r.subject == unit_iri} == {
        "name.state"
    }


@pytest.mark.parametrize(
    ("text", "lang", "pair"),
    [
        (
            "La ministra agradeció el trabajo de la Policía Nacional española y recordó que Argentina y España "
            "firmaron en 2019 un memorando de entendimiento.",
            "es",
            ("Argentina", "Spain"),
        ),
        (
            "O ministro elogiou a Polícia Federal brasileira e lembrou que Brasil e Portugal assinaram um memorando "
            "de entendimento em 2019.",
            "pt",
            ("Brazil", "Portugal"),
        ),
    ],
)
def test_the_states_listed_right_before_a_signature_are_its_parties(run, text, lang, pair):
    _, rels = run(text, lang)
    assert partners(rels) == {frozenset(pair)}


def test_acronyms_do_not_crowd_a_long_list_of_participants_out_of_their_pairs(run):
    bodies = [
        "Federal Bureau of Investigation",
        "National Crime Agency",
        "Australian Federal Police",
        "Central Cybercrime Bureau of Poland",
        "Royal Canadian Mounted Police",
        "Dutch National Police",
    ]
    _, rels = run(
        "Operation Harbour took down the botnet. The Federal Bureau of Investigation (FBI), the National Crime Agency "
        "(NCA), the Australian Federal Police (AFP), the Polish Central Cybercrime Bureau (CBZC), the Royal Canadian "
        "Mounted Police (RCMP) and the Dutch National Police took part in the operation."
    )
    assert {s for s, p, o in rels if p == "participatesIn"} == set(bodies)
    assert partners(rels) == {
        frozenset((a, b)) for i, a in enumerate(bodies) for b in bodies[i + 1 :]
    }


@pytest.mark.parametrize(
    ("text", "lang", "pair"),
    [
        (
            "Les investigations ont été menées par le Federal Bureau of Investigation et la Gendarmerie nationale. "
            "Les deux services échangeaient des informations depuis 2021.",
            "fr",
            ("Federal Bureau of Investigation", "Gendarmerie Nationale"),
        ),
        (
            "La Guardia Civil detuvo al sospechoso y la Policía Nacional de Colombia registró su oficina. "
            "Ambas unidades ya trabajaron juntas en 2023.",
            "es",
            ("Guardia Civil", "National Police of Colombia"),
        ),
        (
            "Ermittler aus Deutschland und Österreich verfolgten die Spur. Beide Länder vereinbarten eine gemeinsame "
            "Ermittlungsgruppe.",
            "de",
            ("Germany", "Austria"),
        ),
    ],
)
def test_the_two_named_last_are_the_pair_a_later_sentence_speaks_of(run, text, lang, pair):
    resolved, rels = run(text, lang)
    assert partners(rels) == {frozenset(pair)}
    evidence = {e.text for r in resolved.relations if r.predicate == "cooperatesWith" for e in r.evidence}
    assert evidence == {text.split(". ", 1)[1]}  # the sentence that says they work together


@pytest.mark.parametrize(
    "text",
    [
        "Brazil ratified the Council of Europe Convention on Cybercrime last year.",
        "Brazil ratified the Convention on Cybercrime of the Council of Europe last year.",
    ],
)
def test_the_body_named_in_an_agreements_name_is_its_author_not_a_party(run, text):
    _, rels = run(text)
    assert {(s, p) for s, p, o in rels if p == "partyTo"} == {("Brazil", "partyTo")}
