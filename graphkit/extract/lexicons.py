"""The word lists of ``data/lexicon.toml`` and the gazetteer, compiled into matchers per language."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..gazetteer import Gazetteer, load_gazetteer
from .lexicon import PhraseMatcher, fold, stem, tokenize

DATA = Path(__file__).parent / "data" / "lexicon.toml"


@cache
def raw() -> dict:
    """The lexicon file as a dict."""
    with DATA.open("rb") as fh:
        return tomllib.load(fh)


def entries(section: str, name: str, lang: str, *, fallback: bool = True) -> list[str]:
    """Words of ``[section] name.lang``; English ones are added as a fallback for any language
    (articles in other languages still quote English names)."""
    table = raw()[section].get(name, {})
    if isinstance(table, list):
        return table
    words = list(table.get(lang, []))
    if fallback and lang != "en":
        words += table.get("en", [])
    return words


def key_set(words: list[str], lang: str) -> frozenset[str]:
    """Token keys of single words, for membership tests on tokens (made once per word list:
    the finders ask for the same lists in every window)."""
    return _key_set(tuple(words), lang)


@cache
def _key_set(words: tuple[str, ...], lang: str) -> frozenset[str]:
    return frozenset(stem(fold(w), lang) for w in words)


@cache
def phrase_keys(section: str, name: str, lang: str) -> frozenset[tuple[str, ...]]:
    """Token keys of every phrase of ``[section] name.lang``, for comparing matched spans."""
    return frozenset(tuple(tokens_of(w, lang)) for w in entries(section, name, lang))


def phrase_matcher(words: list[str], lang: str, value: str = "") -> PhraseMatcher:
    m = PhraseMatcher(lang)
    for w in words:
        m.add(w, value or w, case_sensitive=False)
    return m


@dataclass
class GazetteerMatch:
    kind: str  # "entry", "demonym", "kind", "kind_lc", "minister"
    key: str


@cache
def gazetteer_matcher(lang: str) -> PhraseMatcher:
    """A matcher over every gazetteer name, acronym, demonym and agency-kind name."""
    gaz = gazetteer()
    m = PhraseMatcher(lang)
    noise = set(raw()["noise"]["not_entities"])
    for entry in gaz.entries.values():
        for name, _lang in entry.names:
            if name not in noise:
                m.add(name, GazetteerMatch("entry", entry.key))
        for acr in entry.acronyms:
            m.add(acr, GazetteerMatch("entry", entry.key), case_sensitive=True)
        for dem, dem_lang in entry.demonyms:
            for form in demonym_forms(dem, dem_lang):
                m.add(form, GazetteerMatch("demonym", entry.key))
                # Demonyms are adjectives: lowercase in German, Russian, French, ... prose.
                m.add(form.lower(), GazetteerMatch("demonym", entry.key))
    for kind in gaz.kinds.values():
        for name, _lang in kind.names:
            m.add(name, GazetteerMatch("kind", kind.key))
            # "Deputy Minister of Public Security": the post names its ministry
            for post in minister_posts(name):
                m.add(post, GazetteerMatch("minister", kind.key))
                # "el ministro del Interior de España": lowercase, so only with its state
                m.add(post[0].lower() + post[1:], GazetteerMatch("minister", kind.key))
            # "Thai police", "police of Iran": lowercase only where a state anchors it.
            m.add(name.lower(), GazetteerMatch("kind_lc", kind.key))
    return m


_UNACCENT = str.maketrans("áéíóú", "aeiou")


def demonym_forms(word: str, lang: str) -> set[str]:
    """A demonym's feminine and plural forms in French, Spanish, Portuguese and Italian
    (German and Russian endings are handled by stemming).

    >>> sorted(demonym_forms("español", "es"))
    ['español', 'española', 'españolas', 'españoles']
    >>> sorted(demonym_forms("néerlandais", "fr"))
    ['néerlandais', 'néerlandaise', 'néerlandaises']
    """
    forms = {word}
    if lang == "fr":
        if word.endswith("e"):
            forms |= {word + "s"}
        elif word.endswith(("ais", "ois")):
            forms |= {word + "e", word + "es"}
        elif word.endswith(("ien", "éen")):
            forms |= {word + "ne", word + "nes", word + "s"}
        else:
            forms |= {word + "e", word + "s", word + "es"}
    elif lang in ("es", "pt"):
        if word.endswith("o"):
            forms |= {word[:-1] + "a", word + "s", word[:-1] + "as"}
        elif word[-1] not in "aeiou":  # español, alemán, francés, inglês
            stem = word[:-2] + word[-2:].translate(_UNACCENT).replace("ê", "e")
            forms |= {stem + "a", stem + "as", stem + "es"}
    elif lang == "it":
        if word.endswith("o"):
            forms |= {word[:-1] + "a", word[:-1] + "i", word[:-1] + "e"}
        elif word.endswith("e"):
            forms |= {word[:-1] + "i"}
    return forms


#: A ministry's name -> its minister's posts (a woman's too), by the ministry word's spelling.
_MINISTER = [
    (re.compile(r"^Ministry of "), ("Minister of ", "Minister for ")),
    (re.compile(r"^Министерство "), ("министр ",)),
    (re.compile(r"^[Mm]inistère "), ("ministre ",)),
    (re.compile(r"^Minist[eé]rio "), ("Ministro ", "Ministra ")),
    (re.compile(r"^Ministerio "), ("Ministro ", "Ministra ")),
    (re.compile(r"^Ministero "), ("Ministro ", "Ministra ")),
    (re.compile(r"^Ministerium "), ("Minister ", "Ministerin ")),
    (re.compile(r"ministerium$"), ("minister", "ministerin")),
]


def minister_posts(ministry: str) -> list[str]:
    """The posts of a ministry's head, named like the ministry ([] for other bodies).

    >>> minister_posts("Министерство внутренних дел"), minister_posts("Innenministerium")
    (['министр внутренних дел'], ['Innenminister', 'Innenministerin'])
    >>> minister_posts("Ministry of Communications")
    ['Minister of Communications', 'Minister for Communications']
    """
    for pattern, posts in _MINISTER:
        if pattern.search(ministry):
            return [pattern.sub(post, ministry, count=1) for post in posts]
    return []


@cache
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@cache
def cue_matcher(section: str, lang: str) -> PhraseMatcher:
    """Every cue phrase of a section (``cooperation``, ``negative``, ...), value = cue name."""
    m = PhraseMatcher(lang)
    for name in raw()[section]:
        for w in entries(section, name, lang):
            m.add(w, name)
    return m


def tokens_of(phrase: str, lang: str) -> list[str]:
    return [t.key for t in tokenize(phrase, lang)]
