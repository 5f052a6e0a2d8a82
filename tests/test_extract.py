"""Extraction rules, one test per error class, on sentences written for the tests."""

from __future__ import annotations

import pytest
from helpers import has

from graphkit.extract import Extractor
from graphkit.model import Article
from graphkit.resolve import Resolver

RES = "https://w3id.org/ccg/resource/"


def test_two_named_agencies_setting_up_a_joint_group_cooperate(run):
    _, rels = run(
        "The Investigative Committee of Belarus and the Russian Ministry of Internal Affairs set up a joint investigative group."
    )
    assert has(rels, "Investigative Committee of Belarus", "cooperatesWith", "Ministry of Internal Affairs of Russia")


def test_arrest_at_the_request_of_another_state_is_cooperation(run):
    resolved, rels = run("Greece arrested a Russian national at the request of the United States.")
    assert has(rels, "Greece", "cooperatesWith", "United States")
    rel = next(r for r in resolved.relations if r.predicate == "cooperatesWith")
    assert rel.kind == "LegalAssistance"
    assert rel.evidence[0].text.startswith("Greece arrested")


def test_conflict_is_not_cooperation(run):
    _, rels = run("Russia and the United States clashed over the extradition of the hacker from Greece.")
    assert not any(p == "cooperatesWith" for _, p, _ in rels)


def test_wishes_are_not_cooperation(run):
    _, rels = run("Germany and France should strengthen their cooperation with Interpol against cybercrime.")
    assert not any(p == "cooperatesWith" for _, p, _ in rels)


def test_negated_cooperation_is_not_cooperation(run):
    _, rels = run("The Spanish police did not cooperate with Europol in that case.")
    assert not any(p == "cooperatesWith" for _, p, _ in rels)


def test_an_official_is_member_of_his_body_and_represents_its_state(run):
    _, rels = run(
        "Colonel Ivan Petrov, head of the Investigative Department of the Ministry of Internal Affairs of Kazakhstan, opened the meeting."
    )
    assert any(s == "Ivan Petrov" and p == "memberOf" for s, p, _ in rels)
    assert has(rels, "Ivan Petrov", "represents", "Kazakhstan")


def test_a_lawyer_represents_no_state(run):
    _, rels = run(
        "John Miller, the lawyer of the suspect, told the court in Athens that the Greek police had no evidence."
    )
    assert not any(s == "John Miller" for s, _, _ in rels)


def test_agency_jurisdiction_from_its_adjective(run):
    _, rels = run("The Brazilian Federal Police arrested two men.")
    assert any(p == "jurisdiction" and o == "Brazil" for _, p, o in rels)


def test_german_inflected_names_resolve_to_the_gazetteer(run):
    resolved, rels = run(
        "Vertreter des Innenministeriums Russlands trafen den Untersuchungsausschuss von Belarus zu gemeinsamen Ermittlungen.",
        "de",
    )
    iris = set(resolved.entities)
    assert RES + "agency/ru-mvd" in iris and RES + "agency/by-ic" in iris


def test_event_organizer_and_participants(run):
    _, rels = run(
        'The international conference "Cyber Security Days" was organized by Europol. The conference included representatives of police agencies from Spain and Italy.'
    )
    assert has(rels, "Europol", "organizes", "Cyber Security Days")
    assert has(rels, "Spain", "participatesIn", "Cyber Security Days")
    assert has(rels, "Italy", "participatesIn", "Cyber Security Days")


def test_signing_a_convention_makes_a_party(run):
    _, rels = run("Spain signed the Budapest Convention in 2001.")
    assert any(s == "Spain" and p == "partyTo" for s, p, _ in rels)


def test_urged_to_join_is_not_party(run):
    _, rels = run("Countries should promptly join the Budapest Convention.")
    assert not any(p == "partyTo" for _, p, _ in rels)


def test_surname_and_acronym_resolve_to_the_full_mention(run):
    resolved, _ = run(
        "Andrei Nekrasov of the Prosecutor-General's Office of Russia spoke. The PGO says so, Nekrasov added."
    )
    people = [e for e in resolved.entities.values() if e.type == "Person"]
    assert [p.pref_label for p in people] == ["Andrei Nekrasov"]


def test_same_generic_name_in_two_states_stays_two_nodes(run):
    resolved, _ = run("The Ministry of Interior of Spain and the Ministry of Interior of Italy signed a memorandum.")
    agencies = {e.iri for e in resolved.entities.values() if e.type == "Agency"}
    assert len(agencies) == 2


def test_possessive_names_the_body_even_when_it_prefixes_other_names(run):
    resolved, rels = run("Jane Doe, Europol’s deputy director, said the operation had worked.")
    assert RES + "io/europol" in resolved.entities
    assert has(rels, "Jane Doe", "memberOf", "Europol")


def test_operation_named_after_lowercase_operation_word(run):
    resolved, rels = run("Police in Spain and Portugal took part in operation Nightfall last week.")
    assert "Operation Nightfall" in {e.pref_label for e in resolved.entities.values() if e.type == "Event"}


def test_weekday_after_operation_is_no_name(run):
    resolved, _ = run("The FBI announced the operation Wednesday.")
    assert not any(e.type == "Event" for e in resolved.entities.values())


def test_arrest_at_request_survives_a_quarrel_elsewhere_in_the_sentence(run):
    _, rels = run(
        "Russia and the United States locked horns after a hacker was arrested in Greece at the request of the United States."
    )
    assert has(rels, "Greece", "cooperatesWith", "United States")
    assert not has(rels, "Russia", "cooperatesWith", "United States")


def test_nationalities_of_suspects_are_not_partners(run):
    _, rels = run("Five Italians and one Spanish were arrested by the Carabinieri in a joint operation with Europol.")
    assert not any("Spain" in (s, o) for s, p, o in rels if p == "cooperatesWith")


def test_bodies_acting_together_cooperate(run):
    _, rels = run("The Federal Security Service and the Ministry of Interior carried out a nationwide raid in Russia.")
    assert any(p == "cooperatesWith" for _, p, _ in rels)


def test_a_ministers_post_names_the_ministry(run):
    resolved, rels = run("Lieutenant General Nguyen Van Long, Deputy Minister of Public Security, opened the seminar.")
    assert "Ministry of Public Security" in {e.pref_label for e in resolved.entities.values()}
    assert has(rels, "Nguyen Van Long", "memberOf", "Ministry of Public Security")


def test_acronym_defined_otherwise_is_not_the_gazetteer_body(run):
    resolved, _ = run("Irish police warned about card not present (CNP) fraud.")
    assert RES + "agency/es-pn" not in resolved.entities


def test_unit_named_after_its_parent(run):
    resolved, rels = run("The Garda National Economic Crime Bureau searched four houses.")
    assert any(p == "partOf" and o == "An Garda Síochána" for _, p, o in rels) or any(p == "partOf" for _, p, _ in rels)
    assert any(p == "jurisdiction" and o == "Ireland" for _, p, o in rels)


def test_companies_need_a_company_word(run):
    resolved, _ = run("The Petya attack spread fast in June. Later the shipping giant Maersk said it had recovered.")
    companies = {e.pref_label for e in resolved.entities.values() if e.type == "PrivateOrganization"}
    assert "Petya" not in companies


def test_russian_cases_resolve_to_the_gazetteer_and_relations_follow(run):
    resolved, rels = run(
        "Председатель Следственного комитета Беларуси Дмитрий Гора сообщил, что МВД России и Следственный комитет создали совместную группу.",
        "ru",
    )
    assert has(rels, "Investigative Committee of Belarus", "cooperatesWith", "Ministry of Internal Affairs of Russia")
    assert has(rels, "Дмитрий Гора", "represents", "Belarus")


def test_french_article_with_french_names(run):
    _, rels = run(
        "La Police nationale française et Europol ont mené une opération conjointe contre un réseau de rançongiciels.",
        "fr",
    )
    assert any(p == "cooperatesWith" and "Europol" in (s, o) for s, p, o in rels)


def test_an_override_forbids_a_merge_and_another_forces_one():
    from graphkit.resolve import Overrides

    text = "Dmitry Gora, Chairman of the Investigative Committee of Belarus, spoke. Gora said so."
    ex = Extractor().extract(Article(text, lang="en"))
    apart = Resolver(Overrides(different={frozenset({"gora", "dmitry-gora"})})).resolve(ex)
    assert {e.iri for e in apart.entities.values() if e.type == "Person"} == {
        RES + "person/dmitry-gora",
        RES + "person/gora",
    }
    forced = Resolver(Overrides(same={"dmitry-gora": RES + "person/d-gora"})).resolve(ex)
    assert RES + "person/d-gora" in forced.entities


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le suspect a été arrêté en Espagne à la demande des États-Unis.", "fr"),
        ("El sospechoso fue detenido en España a petición de Estados Unidos.", "es"),
        ("O suspeito foi preso em Espanha a pedido dos Estados Unidos.", "pt"),
    ],
)
def test_arrest_at_a_request_in_romance_languages(run, text, lang):
    _, rels = run(text, lang)
    assert has(rels, "Spain", "cooperatesWith", "United States")


def test_between_needs_its_parties_right_after_it(run):
    _, rels = run(
        "International cooperation between law enforcement agencies worldwide is intense, especially within the frameworks of the United Nations and Interpol."
    )
    assert not any(p == "cooperatesWith" for _, p, _ in rels)
    _, rels = run("He pointed to close cooperation between the law enforcement agencies of Belarus and Russia.")
    assert has(rels, "Belarus", "cooperatesWith", "Russia")


def test_a_sentence_break_inside_a_name_is_undone(run):
    # the small English parser starts a sentence at "The" in "Pham The Long"
    text = "Speaking at the forum, Lieutenant General Pham The Long, Deputy Minister of Public Security , stated that cooperation grows."
    resolved, rels = run(text)
    assert has(rels, "Pham The Long", "memberOf", "Ministry of Public Security")


def test_acronym_of_a_body_named_with_its_state(run):
    _, rels = run(
        "The Russian Prosecutor-General's Office met the police. "
        "The chief of the PGO's analysis department, Ivan Sokolov, said the work goes on."
    )
    assert has(rels, "Ivan Sokolov", "memberOf", "Prosecutor General's Office of Russia")
    assert has(rels, "Ivan Sokolov", "represents", "Russia")


def test_arrest_in_one_state_and_extradition_to_another_is_legal_assistance(run):
    resolved, rels = run("The programmer was arrested in Spain and is waiting to be extradited to the United States.")
    assert has(rels, "Spain", "cooperatesWith", "United States")
    assert {r.kind for r in resolved.relations if r.predicate == "cooperatesWith"} == {"LegalAssistance"}


def test_extradition_without_the_arresting_state_pairs_nothing(run):
    _, rels = run("The suspect was extradited to Germany last year.")
    assert not any(p == "cooperatesWith" for _, p, _ in rels)


def test_companies_named_with_a_legal_form_or_as_a_bank(run):
    resolved, _ = run(
        "Investigators traced the payments to Zug Crypto Suisse AG, Hanse Trading Corp. and Alpen Bank, "
        "while the National Bank of Belarus froze the accounts."
    )
    companies = {e.pref_label for e in resolved.entities.values() if e.type == "PrivateOrganization"}
    assert companies == {"Zug Crypto Suisse AG", "Hanse Trading Corp", "Alpen Bank"}
    assert RES + "state/CH" not in resolved.entities  # "Suisse" is part of the company's name


def test_a_name_after_a_company_word_is_a_company(run):
    resolved, _ = run(
        "The hackers laundered the money through the exchange Coinflux-x and hit shipping company Nordlys."
    )
    companies = {e.pref_label for e in resolved.entities.values() if e.type == "PrivateOrganization"}
    assert companies == {"Coinflux-x", "Nordlys"}


def test_malware_is_no_company(run):
    resolved, _ = run("The shipping company was hit by NotPetya and later by WannaCry.")
    assert not [e for e in resolved.entities.values() if e.type == "PrivateOrganization"]


def test_a_company_word_alone_is_no_company(run):
    resolved, _ = run("Security researchers began taking an interest, the site reported on Security last week.")
    assert not [e for e in resolved.entities.values() if e.type == "PrivateOrganization"]


def test_a_motto_with_dashes_is_no_company(run):
    resolved, _ = run("The congress of the police had the title Migration – Integration – Security this year.")
    assert not [e for e in resolved.entities.values() if e.type == "PrivateOrganization"]


def test_bodies_acting_in_a_story_about_one_operation_take_part_in_it(run):
    _, rels = run(
        "Operation Skyfall was coordinated by Europol. "
        "The Guardia Civil arrested three suspects in Madrid. "
        "Criminals used stolen cards."
    )
    assert has(rels, "Guardia Civil", "participatesIn", "Operation Skyfall")


def test_acting_bodies_are_not_tied_to_one_of_two_operations(run):
    _, rels = run(
        "Operation Skyfall and Operation Nightfall were coordinated by Europol. "
        "The Guardia Civil arrested three suspects in Madrid."
    )
    assert not any(s == "Guardia Civil" and p == "participatesIn" for s, p, _ in rels)


def test_a_suspects_citizenship_is_no_party(run):
    _, rels = run(
        "The Prosecutor General's Office of Russia detained a citizen of Kazakhstan at the request of the United States."
    )
    assert has(rels, "Prosecutor General's Office of Russia", "cooperatesWith", "United States")
    assert not any("Kazakhstan" in (s, o) and p == "cooperatesWith" for s, p, o in rels)
    _, rels = run("Генеральная прокуратура России по запросу США задержала гражданина Казахстана.", "ru")
    assert not any("Kazakhstan" in (s, o) and p == "cooperatesWith" for s, p, o in rels)


def test_a_minister_named_in_russian_is_a_member_of_the_ministry(run):
    _, rels = run(
        "Председатель Следственного комитета Республики Беларусь Дмитрий Гора провел рабочую встречу "
        "с министром внутренних дел Российской Федерации Владимиром Колокольцевым.",
        "ru",
    )
    assert has(rels, "Investigative Committee of Belarus", "cooperatesWith", "Ministry of Internal Affairs of Russia")
    # the minister's name, met in the instrumental case, is labelled in the nominative
    assert has(rels, "Владимир Колокольцев", "memberOf", "Ministry of Internal Affairs of Russia")


def test_a_verb_between_a_person_and_a_post_breaks_the_link(run):
    _, rels = run("John Smith met the French Interior Minister in Paris.")
    assert not any(s == "John Smith" for s, _, _ in rels)
    _, rels = run("Bundesinnenminister Horst Seehofer traf den französischen Innenminister.", "de")
    assert not any(s == "Horst Seehofer" and o in ("France", "Ministry of the Interior of France") for s, _, o in rels)


def test_german_request_names_the_place_after_the_requester(run):
    _, rels = run("Auf Ersuchen der USA wurde der russische Staatsbürger in Griechenland festgenommen.", "de")
    assert has(rels, "Greece", "cooperatesWith", "United States")
    assert not any("Russia" in (s, o) for s, p, o in rels if p == "cooperatesWith")


def test_a_german_body_in_any_case_is_one_node(run):
    resolved, rels = run(
        "Der Präsident des Bundeskriminalamtes, Holger Münch, sagte, das Bundeskriminalamt habe eng "
        "mit der niederländischen Polizei zusammengearbeitet.",
        "de",
    )
    agencies = {e.pref_label for e in resolved.entities.values() if e.type == "Agency"}
    assert "Bundeskriminalamtes" not in agencies
    assert has(rels, "Holger Münch", "memberOf", "Bundeskriminalamt")
    assert has(rels, "Bundeskriminalamt", "cooperatesWith", "Dutch National Police")


def test_a_kind_without_state_belongs_to_the_articles_main_state(run):
    resolved, _ = run(
        "Das Bundeskriminalamt hat mit der Polizei der Niederlande zusammengearbeitet. "
        "Die Server standen in Deutschland, die Täter lebten in Deutschland.",
        "de",
    )
    assert RES + "agency/de-bka" in resolved.entities
    resolved, _ = run(
        "Das Bundeskriminalamt hat mit der Polizei Österreichs zusammengearbeitet. Die Server standen in Deutschland.",
        "de",
    )
    # Germany and Austria tie, and both have a Bundeskriminalamt (with the Netherlands instead,
    # Germany would be the only one that has: tests/test_article_state.py)
    assert not {RES + "agency/de-bka", RES + "agency/at-bk"} & set(resolved.entities)


def test_speakers_at_an_events_ceremony_take_part_in_it(run):
    _, rels = run(
        "The European Cyber Congress took place in Berlin. Max Mustermann, the State Secretary of the Federal "
        "Ministry of the Interior, demanded during the opening ceremony that encryption be regulated."
    )
    assert has(rels, "Max Mustermann", "participatesIn", "European Cyber Congress")
    assert has(rels, "Max Mustermann", "memberOf", "Federal Ministry of the Interior")


def test_a_body_quoted_as_source_is_not_the_next_persons_employer(run):
    _, rels = run("According to the FBI, Alexandre Novak registered a company in 2008.")
    assert not any(s == "Alexandre Novak" for s, _, _ in rels)


def test_every_pair_of_a_long_list_of_partners_cooperates(run):
    _, rels = run(
        "Over 60 hackers were arrested by the joint cyber operation, including Israel, Germany, the UK, "
        "Sweden, Denmark, India and Romania."
    )
    assert has(rels, "India", "cooperatesWith", "Romania")
    assert has(rels, "Israel", "cooperatesWith", "Romania")


def test_a_post_in_a_body_named_after_its_state_is_membership(run):
    _, rels = run("Erika Musterfrau, the President of the Austrian National Council, also made a statement.")
    assert has(rels, "Erika Musterfrau", "memberOf", "Austrian National Council")
    assert has(rels, "Erika Musterfrau", "represents", "Austria")


def test_a_bare_kind_is_the_body_named_with_its_state_not_a_state_nearby(run):
    resolved, _ = run(
        "Das teilte die Website des Untersuchungsausschusses von Belarus mit. Den russischen Kollegen wurden Informationen "
        "des Untersuchungsausschusses über Täter übermittelt, die in Russland leben.",
        "de",
    )
    agencies = {iri for iri, e in resolved.entities.items() if e.type == "Agency"}
    assert agencies == {RES + "agency/by-ic"}


def test_a_title_is_not_one_sentence_with_the_next_paragraph(run):
    resolved, rels = run(
        "The necessity of sharing information between countries\n\n"
        "Iran hosted the meeting in Tehran with the presence of 17 countries and Interpol."
    )
    assert not any(p == "cooperatesWith" for _, p, _ in rels)


def test_a_person_listed_after_companies_is_no_employee(run):
    _, rels = run("The group attacked Sony, Microsoft, Jane Doe and others.")
    assert not any(p == "memberOf" for _, p, _ in rels)


def test_romance_adjectives_after_the_body_name_its_state(run):
    resolved, _ = run("Selon Europol, la police néerlandaise a arrêté deux suspects.", "fr")
    assert RES + "agency/nl-politie" in resolved.entities
    _, rels = run("La Policía Nacional española, en colaboración con el FBI, detuvo a un hacker.", "es")
    assert has(rels, "Spanish National Police", "cooperatesWith", "Federal Bureau of Investigation")


def test_a_lowercase_ministers_post_with_its_state_names_the_ministry(run):
    _, rels = run("El ministro del Interior de España, Fernando Marlaska, firmó un memorando con Marruecos.", "es")
    assert has(rels, "Fernando Marlaska", "memberOf", "Ministry of the Interior of Spain")


def test_the_field_of_a_post_is_no_company(run):
    resolved, _ = run("The minister of Public Security said so.")
    assert not [e for e in resolved.entities.values() if e.type == "PrivateOrganization"]


def test_acting_on_anothers_intelligence_is_information_exchange(run):
    resolved, rels = run(
        "Partners from the European Cybercrime Centre, acting on intelligence developed by US counterparts, "
        "took out the infrastructure."
    )
    assert has(rels, "European Cybercrime Centre", "cooperatesWith", "United States")
    assert {r.kind for r in resolved.relations if r.predicate == "cooperatesWith"} == {"InformationExchange"}


def test_a_body_acting_after_an_earlier_action_word_takes_part_in_the_operation(run):
    _, rels = run(
        "Operation Skyfall was coordinated by Europol. "
        "Of the 400 seized sites, the FBI said that it had seized 27 servers."
    )
    assert has(rels, "Federal Bureau of Investigation", "participatesIn", "Operation Skyfall")


@pytest.mark.parametrize(
    "text, name",
    [
        ("The Wellington District Court on Friday 4 November sentenced the man.", "Wellington District Court"),
        ("Police said the Hamilton District Court on Monday 3 March jailed the hacker.", "Hamilton District Court"),
    ],
)
def test_a_name_stops_at_a_date(run, text, name):
    resolved, _ = run(text)
    labels = {e.pref_label for e in resolved.entities.values()}
    assert name in labels
    assert not any(label.startswith(name) and label != name for label in labels)
