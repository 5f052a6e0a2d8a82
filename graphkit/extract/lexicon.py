"""Tokens and a phrase matcher that tolerates case, accents and inflection.

Gazetteer names and cue words are matched on the same token keys as the text: casefolded,
accents removed, and for inflecting languages (German, Russian, ...) a light suffix
stripping, so that "des Innenministeriums von Russland" meets "Innenministerium" and
"Russland", and "российского" meets "российский".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Hyphens are tokens of their own, so "Prosecutor-General's" meets "Prosecutor General's";
# the matcher treats them as optional inside a phrase.
TOKEN_RE = re.compile(r"\w+(?:[’'.]\w+)*\.?|[^\w\s]", re.UNICODE)
HYPHENS = {"-", "‐", "–"}
QUOTES = frozenset("«»\"„“”‘’'‹›")
# Elided articles and prepositions ("l'opération", "d'Europol", "dell'Interno").
# Keyed as the word they stand for, so that "d'" is an of-word like "de". Pronouns ("s'est",
# "qu'il") stay with their verb.
_ELIDING = frozenset({"fr", "it"})
_ELIDED = {"d": "de", "l": "le", "dell": "della", "dall": "dalla", "nell": "nella", "all": "alla", "sull": "sulla"}
_ELISION = re.compile(r"^(d|l|dell|dall|nell|all|sull)['’](?=\w)", re.I)

# Endings removed from tokens longer than the stem minimum, longest first.
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "de": ("ischen", "ischer", "isches", "ische", "isch", "ern", "ens", "es", "en", "er", "em", "e", "s", "n"),
    "ru": (
        "ского",
        "ской",
        "ские",
        "ских",
        "скими",
        "ским",
        "ском",
        "скую",
        "ская",
        "ское",
        "ский",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ый",
        "ий",
        "ой",
        "ией",  # instrumental of the nouns in -ия below ("Конвенцией", "полицией"), before "ей"
        "ей",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        # nouns in -ие/-ия: every case to one stem ("управления", "управлением" = "управление")
        "иями",
        "иях",
        "иям",
        "ием",
        "ия",
        "ию",
        "ии",
        "ых",
        "их",
        "ым",
        "им",
        "ую",
        "юю",
        "ом",
        "ем",
        "ам",
        "ям",
        "ах",
        "ях",
        "ов",
        "ев",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "ы",
        "и",
        "ь",
        "й",
        "о",
    ),
    "uk": ("ого", "ому", "ій", "ої", "ою", "ий", "им", "их", "а", "я", "у", "ю", "і", "и", "ь", "й"),
    "pl": ("owego", "owej", "owym", "iego", "ego", "emu", "ej", "ym", "im", "ie", "a", "y", "i", "u", "e"),
}
_STEM_MIN = 4


@lru_cache(maxsize=1 << 16)  # called for every token and word list entry; words repeat
def fold(text: str) -> str:
    """Casefold and strip accents.

    >>> fold("Weißrussland"), fold("Следственный")
    ('weissrussland', 'следственный')
    """
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(c):
            if c == "\u0306" and out and out[-1] == "и":
                out[-1] = "й"  # a letter of its own in Russian, not an accented и
            continue
        out.append(c)
    return "".join(out).replace("’", "'")


#: British spellings and their American forms, so that a name matches in either
#: ("Organised Crime" and "Organized Crime", "Centre" and "Center")
_BRITISH = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$|(?<=[a-z]{2})(t)(?:re)(s?)$|(?<=[a-z]{2})(?:en)c(e)$")
_BRITISH_WORDS = {"labour": "labor", "programme": "program", "programmes": "programs", "judgement": "judgment"}


def _american(key: str) -> str:
    if key in _BRITISH_WORDS:
        return _BRITISH_WORDS[key]
    m = _BRITISH.search(key)
    if not m:
        return key
    if m.group(1) is not None:
        return key[: m.start()] + "iz" + m.group(1)
    if m.group(2) is not None:
        return key[: m.start()] + m.group(2) + "er" + m.group(3)
    return key[: m.start()] + "ens" + m.group(4)


def stem(key: str, lang: str | None) -> str:
    """Strip one inflectional ending for languages that inflect names; in English, spell the
    British way the American way.

    >>> stem("innenministeriums", "de"), stem("российского", "ru"), stem("ministry", "en")
    ('innenministerium', 'россий', 'ministry')
    >>> stem("untersuchungsausschuss", "de") == stem("untersuchungsausschusses", "de")
    True
    >>> [stem(w, "en") for w in ("organised", "centre", "defence", "organisation", "offences")]
    ['organized', 'center', 'defense', 'organization', 'offences']
    """
    if lang == "en":
        return _american(key)
    suffixes = _SUFFIXES.get(lang or "")
    if not suffixes or len(key) <= _STEM_MIN:
        return key
    for suf in suffixes:
        if key.endswith(suf) and len(key) - len(suf) >= _STEM_MIN:
            if suf == "s" and key.endswith("ss"):
                return key  # "Ausschuss" is no plural: its genitive "Ausschusses" stems to it
            return key[: -len(suf)]
    return key


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    key: str  # folded and stemmed

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, lang: str | None = None) -> list[Token]:
    """Split text into word and punctuation tokens with character offsets; in French and
    Italian an elided article or preposition is a token of its own.

    >>> [t.text for t in tokenize("Europol's EC3 (The Hague).")]
    ["Europol's", 'EC3', '(', 'The', 'Hague', ')', '.']
    >>> [t.text for t in tokenize("l'opération d'Europol", "fr")]
    ["l'", 'opération', "d'", 'Europol']
    """
    out = []
    for m in TOKEN_RE.finditer(text):
        tok = m.group()
        start, end = m.start(), m.end()
        if lang in _ELIDING and (e := _ELISION.match(tok)):
            cut = start + e.end()
            out.append(Token(text[start:cut], start, cut, _ELIDED[fold(e.group(1))]))
            tok, start = tok[e.end() :], cut
        if tok.endswith(".") and len(tok) > 1 and not _keeps_period(tok):
            tok, end = tok[:-1], end - 1
            out.append(Token(tok, start, end, stem(fold(tok), lang)))
            out.append(Token(".", end, end + 1, "."))
            continue
        out.append(Token(tok, start, end, stem(fold(tok), lang)))
    return out


def _keeps_period(tok: str) -> bool:
    # Abbreviations such as "U.S." or "I.R." keep their final period.
    return bool(re.fullmatch(r"(?:\w\.)+", tok))


_POSSESSIVE = re.compile(r"['’]s$")


@dataclass
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    value: Any
    case_sensitive: bool


class PhraseMatcher:
    """Longest-match lookup of token-key sequences (a trie over keys).

    >>> m = PhraseMatcher("en")
    >>> m.add("Ministry of Internal Affairs", "mvd")
    >>> toks = tokenize("the Russian Ministry of Internal Affairs said")
    >>> [(x.start, x.end, x.value) for x in m.find(toks)]
    [(2, 6, 'mvd')]
    """

    def __init__(self, lang: str | None) -> None:
        self.lang = lang
        self._root: dict = {}
        self._case_sensitive = False  # whether any phrase is: else one walk per token

    def add(self, phrase: str, value: Any, *, case_sensitive: bool = False) -> None:
        toks = [t for t in tokenize(phrase, self.lang) if t.text not in HYPHENS]
        if not toks:
            return
        keys = [t.text if case_sensitive else t.key for t in toks]
        self._case_sensitive |= case_sensitive
        node = self._root
        for k in keys:
            node = node.setdefault(k, {})
        node.setdefault(None, []).append((value, case_sensitive, phrase[:1].isupper()))

    def find(self, tokens: list[Token], *, allow_overlap: bool = False) -> list[Match]:
        """Matches, longest first at each position; without overlap unless asked."""
        found: list[Match] = []
        i, n = 0, len(tokens)
        while i < n:
            best: Match | None = None
            for cs in (False, True) if self._case_sensitive else (False,):
                for end, value in self._walk(tokens, i, i, self._root, cs):
                    if best is None or end - i > best.end - best.start:
                        best = Match(i, end, value, cs)
            if best:
                found.append(best)
                i = i + 1 if allow_overlap else best.end
            else:
                i += 1
        return found

    def _walk(self, tokens: list[Token], i: int, j: int, node: dict, cs: bool):
        """(end, value) of every phrase starting at token i, trying each token as written
        and without an English possessive ("Europol's" is also "Europol")."""
        n = len(tokens)
        while j < n and j > i and tokens[j].text in HYPHENS:
            j += 1
        if j >= n:
            return
        raw = tokens[j].text if cs else tokens[j].key
        bare = _POSSESSIVE.sub("", raw) if "'" in raw or "’" in raw else raw
        for k in (raw,) if bare == raw else (raw, bare):
            child = node.get(k)
            if child is None:
                continue
            for value, case_sensitive, upper in child.get(None, ()):
                if case_sensitive == cs and not (upper and not cs and not tokens[i].is_title):
                    yield j + 1, value
            if k == raw:  # a possessive ends a name: "Europol's" + "European" is not one
                yield from self._walk(tokens, i, j + 1, child, cs)
