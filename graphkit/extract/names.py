"""Person names in their dictionary form: Russian press writes "с министром Владимиром
Колокольцевым" (instrumental case), the graph wants "Владимир Колокольцев" as its label and as
the same node as the nominative mention elsewhere."""

from __future__ import annotations

import re

# Case endings of a first name and what replaces them, tried in order.
_FIRST_ENDINGS = [
    ("ем", "ей"),
    ("ю", "й"),
    ("я", "й"),
    ("ом", ""),
    ("а", ""),
    ("у", ""),
    ("е", ""),
    ("ой", "а"),
    ("ы", "а"),
    ("и", "а"),
    ("ей", "я"),
    ("и", "я"),
    ("ю", "я"),
    ("у", "а"),
]
# Surname endings in oblique cases -> nominative, for men and for women.
_SURNAME_MALE = [
    (re.compile(r"(ов|ев|ёв|ин|ын)(а|у|ым|е)$"), r"\1"),
    (re.compile(r"(ск|цк)(ого|ому|им|ом)$"), r"\1ий"),
    (re.compile(r"([бвгджзклмнпрстфхцчшщ])(ы|ой)$"), r"\1а"),  # Гора: Горы, Горой
]
_SURNAME_FEMALE = [(re.compile(r"(ов|ев|ёв|ин|ын)(ой|у)$"), r"\1а"), (re.compile(r"(ск|цк)(ой|ую)$"), r"\1ая")]


def russian_nominative(name: str, first_names: set[str]) -> str:
    """``name`` ("First Last") with both words in the nominative case, when its first name is
    a known one in some case; otherwise ``name`` unchanged.

    >>> firsts = {"Владимир", "Сергей", "Анна", "Дмитрий"}
    >>> russian_nominative("Владимиром Колокольцевым", firsts)
    'Владимир Колокольцев'
    >>> russian_nominative("Анной Петровой", firsts)
    'Анна Петрова'
    >>> russian_nominative("Дмитрия Горы", firsts)
    'Дмитрий Гора'
    >>> russian_nominative("Иван Иванов", firsts)
    'Иван Иванов'
    """
    words = name.split()
    if len(words) != 2:
        return name
    first, last = words
    nominative = _first_name(first, first_names)
    if nominative is None or nominative == first:
        return name  # unknown, or already in the nominative: so is the surname
    rules = _SURNAME_FEMALE if nominative[-1] in "ая" else _SURNAME_MALE
    for pattern, repl in rules:
        if pattern.search(last):
            last = pattern.sub(repl, last)
            break
    return f"{nominative} {last}"


def _first_name(word: str, first_names: set[str]) -> str | None:
    if word in first_names:
        return word
    for ending, repl in _FIRST_ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] + repl in first_names:
            return word[: -len(ending)] + repl
    return None
