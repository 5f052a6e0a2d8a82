"""Operations named after their word, and who runs them together."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "lang", "op", "pairs"),
    [
        (
            "An der Aktion „Netzflicker“ waren die niederländische Polizei und das FBI beteiligt.",
            "de",
            "Netzflicker",
            {("Dutch National Police", "Federal Bureau of Investigation")},
        ),
        (
            "The Dutch police, the BKA and the FBI took part in the takedown dubbed 'Cookie Jar'. "
            "Europol coordinated the action.",
            "en",
            None,
            {
                ("Dutch National Police", "Federal Bureau of Investigation"),
                ("Dutch National Police", "Federal Criminal Police Office of Germany"),
                ("Federal Bureau of Investigation", "Federal Criminal Police Office of Germany"),
            },
        ),
    ],
)
def test_bodies_taking_part_in_an_operation_named_after_its_word_cooperate(run, text, lang, op, pairs):
    # "die Aktion „X“": the name is "X", the word before it makes it an operation, so that
    # the bodies taking part in it ran it together
    resolved, rels = run(text, lang)
    joint = {tuple(sorted((s, o))) for s, p, o in rels if p == "cooperatesWith"}
    assert pairs <= joint
    if op:
        assert {s for s, p, o in rels if p == "participatesIn" and o == op} >= {a for pair in pairs for a in pair}


@pytest.mark.parametrize(
    ("text", "lang", "police"),
    [
        (
            "An der Aktion „Netzflicker“ waren die niederländische Polizei und das FBI beteiligt. "
            "Koordiniert wurde der Einsatz vom Europäischen Zentrum zur Bekämpfung der Cyberkriminalität.",
            "de",
            "Dutch National Police",
        ),
        (
            "La police belge et le FBI ont participé à l'opération « Ciel ». "
            "L'opération a été coordonnée par le Centre européen de lutte contre la cybercriminalité.",
            "fr",
            "National Police of Belgium",
        ),
    ],
)
def test_the_coordinator_of_an_operation_named_back_by_a_common_noun_works_with_its_participants(
    run, text, lang, police
):
    # "der Einsatz" / "l'opération" point back to the operation; "vom" and "par" name its coordinator
    resolved, rels = run(text, lang)
    assert {s for s, p, o in rels if p == "organizes"} == {"European Cybercrime Centre"}
    ec3 = "European Cybercrime Centre"
    partners = {o if s == ec3 else s for s, p, o in rels if p == "cooperatesWith" and ec3 in (s, o)}
    assert partners == {"Federal Bureau of Investigation", police}
