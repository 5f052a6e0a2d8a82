"""English names for bodies, agreements and events that no gazetteer knows, word by word.

"Unidad Central de Ciberdelincuencia" is a Spanish police unit; an analyst reading the graph
in English wants "Central Unit of Cybercrime" as its preferred label, and the Spanish name
kept as an altLabel. A gloss is made only where every word of the name is known (the glossary
in ``extract/data/glossary.toml``, the gazetteer's states and demonyms), so that no label is
half translated; otherwise the name keeps its own language.

Three orders cover the languages the glossary holds: adjectives that follow their noun move
before it (fr, es, pt, it), a noun after a noun takes "of" (ru), and German-style compounds
are split into known words ("Kommunikationstechnologien" = "communication technologies").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from anyascii import anyascii

from .extract.lexicon import QUOTES, fold, tokenize
from .extract.lexicons import gazetteer

GLOSSARY = Path(__file__).parent / "extract" / "data" / "glossary.toml"

#: The shortest stem an inflectional ending may be taken from.
_MIN_STEM = 3
_ORDINAL = re.compile(r"^(\d+)(?:\.|e|er|re|º|ª|-?й|-?я|-?е)$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_CONTENT = ("noun", "adjective", "gerund", "proper", "number")
_HYPHENS = ("-", "–")


@dataclass(frozen=True)
class _Word:
    """One piece of a name: its English, its part of speech and how many tokens it covers."""

    english: str
    pos: str  # noun, adjective, gerund, word, genitive, proper, number, hyphen
    size: int = 1


@dataclass(frozen=True)
class _Entry:
    forms: tuple[str, ...]  # each word casefolded, as the glossary writes it
    gloss: _Word


@dataclass(frozen=True)
class _Language:
    entries: dict[str, list[_Entry]]  # by every stem of the first word
    endings: tuple[str, ...]  # inflectional endings, longest first
    adjectives_follow: bool
    genitive_of: bool
    compounds: bool

    def stems(self, folded: str) -> set[str]:
        """A word and what is left of it without each of its endings: two words are forms of
        one another where their stems meet ("tecnológicos" and "tecnológica" at "tecnologic")."""
        return {folded} | {
            folded[: -len(e)] for e in self.endings if folded.endswith(e) and len(folded) - len(e) >= _MIN_STEM
        }


def _words(text: str, lang: str) -> list[str]:
    """A name's tokens (the tokenizer splits "d'appel" in French and Italian); an elided word
    written alone, as the glossary does ("d'"), is one token too."""
    out: list[str] = []
    for t in tokenize(text, lang):
        if t.text in ("'", "’") and out and out[-1].lower() in ("d", "l"):
            out[-1] += "'"
        else:
            out.append(t.text)
    return out


@cache
def _language(lang: str) -> _Language | None:
    with GLOSSARY.open("rb") as fh:
        table = tomllib.load(fh).get(lang)
    if table is None:
        return None
    endings = tuple(sorted(table.get("endings", ()), key=len, reverse=True))
    language = _Language(
        {},
        endings,
        table.get("adjectives_follow", False),
        table.get("genitive_of", False),
        table.get("compounds", False),
    )
    for pos in ("nouns", "adjectives", "gerunds", "words", "genitives"):
        entries = table.get(pos, {})
        for phrase, english in entries.items() if isinstance(entries, dict) else ((e, "of") for e in entries):
            forms = tuple(fold(w) for w in _words(phrase, lang) if w not in _HYPHENS)
            if forms:
                entry = _Entry(forms, _Word(english, pos.rstrip("s")))
                for key in language.stems(forms[0]):
                    language.entries.setdefault(key, []).append(entry)
    return language


def _matches(entry: _Entry, words: list[str], language: _Language) -> int | None:
    """How many of ``words`` a match of ``entry`` covers (hyphens between its words included),
    ranked so that exact forms win; None if they do not begin with it. Function words match
    only as written, other words also inflected ("управления" is a form of "управление")."""
    exact = j = 0
    for n, form in enumerate(entry.forms):
        while n and j < len(words) and words[j] in _HYPHENS:
            j += 1
        if j >= len(words):
            return None
        word = fold(words[j])
        if word == form:
            exact += 1
        elif entry.gloss.pos in ("word", "genitive") or not language.stems(word) & language.stems(form):
            return None
        j += 1
    return j * 100 + exact


def _lookup(words: list[str], i: int, language: _Language) -> _Word | None:
    """The longest glossary entry that the words from ``i`` on begin with, exact forms first
    ("технологий" is "technologies", "технология" "technology"); its size is the tokens it covers."""
    best: tuple[int, _Word] | None = None
    seen: set[int] = set()
    for key in language.stems(fold(words[i])):
        for entry in language.entries.get(key, ()):
            if id(entry) in seen:
                continue
            seen.add(id(entry))
            score = _matches(entry, words[i:], language)
            if score is not None and (best is None or score > best[0]):
                best = (score, entry.gloss)
    if best is None:
        return None
    return _Word(best[1].english, best[1].pos, best[0] // 100)


def _compound(word: str, language: _Language) -> list[_Word] | None:
    """A German compound as its known words, modifiers first ("Haupt|abteilung")."""
    folded = fold(word)
    for cut in range(len(folded) - 3, 2, -1):
        head = _lookup([folded[:cut]], 0, language)
        if head is None or head.pos not in ("noun", "adjective"):
            continue
        rest = folded[cut:]
        rest = rest[1:] if rest[:1] in ("s", "-") and len(rest) > 4 else rest
        tail = _lookup([rest], 0, language)
        tails = [tail] if tail and tail.pos in ("noun", "adjective", "gerund") else _compound(rest, language)
        if tails:
            return [head, *tails]
    return None


def _world_word(word: str) -> _Word | None:
    """A state's name or a demonym, in English, from the gazetteer."""
    gaz = gazetteer()
    for entry in gaz.find(word):
        if entry.type == "State":
            return _Word(entry.pref_label, "noun")
    demonym = _demonym(fold(word))
    return _Word(demonym, "adjective") if demonym else None


@cache
def _demonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in gazetteer().entries.values():
        english = next((d for d, lang in entry.demonyms if lang == "en"), None)
        if english:
            for d, _ in entry.demonyms:
                out.setdefault(fold(d), english)
    return out


def _demonym(folded: str) -> str | None:
    table = _demonyms()
    # demonyms inflect in every language ("moldauischen", "российского"): try the word less
    # up to four letters
    return next(
        (table[folded[:n]] for n in range(len(folded), max(_MIN_STEM, len(folded) - 4) - 1, -1) if folded[:n] in table),
        None,
    )


def _pieces(name: str, lang: str, language: _Language) -> list[_Word] | None:
    words = _words(name, lang)
    out: list[_Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        gloss = _lookup(words, i, language)
        if gloss is not None:
            out.append(gloss)
            i += gloss.size
            continue
        i += 1
        if w in _HYPHENS:
            out.append(_Word("-", "hyphen"))
        elif w in QUOTES:
            continue  # "Управление «К»" is Directorate K
        elif not any(c.isalnum() for c in w):
            out.append(_Word(w, "word"))
        elif m := _ORDINAL.match(w):
            out.append(_Word(_english_ordinal(int(m.group(1))), "number"))
        elif _ROMAN.match(w):
            out.append(_Word(w, "number"))
        elif len(w) == 1 and w.isupper():
            out.append(_Word(anyascii(w), "proper"))  # a lettered unit
        elif len(w) > 1 and w.upper() == w and any(c.isalpha() for c in w):
            out.append(_Word(anyascii(w), "proper"))  # МВД is MVD
        elif (world := _world_word(w)) is not None:
            out.append(world)
        elif language.compounds and (parts := _compound(w, language)):
            out.append(_Word(" ".join(p.english for p in parts), parts[-1].pos))
        elif (
            w[:1].isupper()
            and out
            and (out[-1].pos == "word" if not language.compounds else i == len(words) and out[-1].pos == "noun")
        ):
            # a place inside the name, after a preposition ("de Lisboa", "d'Aix-en-Provence"); in
            # German, where every noun is capitalised, only a last word after a noun
            # ("Polizeipräsidium München")
            while i + 1 < len(words) and words[i] in _HYPHENS:
                w, i = f"{w}-{words[i + 1]}", i + 2
            out.append(_Word(w, "proper"))
        else:
            return None
    return out


def _english_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _reorder(pieces: list[_Word], language: _Language) -> list[_Word]:
    """English order: adjectives before their noun (in their own order: "Gendarmerie royale
    marocaine" is the Royal Moroccan Gendarmerie), "of" between a noun and its genitive."""
    if language.adjectives_follow:
        out: list[_Word] = []
        i = 0
        while i < len(pieces):
            j = i + 1
            if pieces[i].pos == "noun":
                while j < len(pieces) and pieces[j].pos == "adjective":
                    j += 1
            out.extend(pieces[i + 1 : j])
            out.append(pieces[i])
            i = j
        pieces = out
    out = []
    for p in pieces:
        before = next((q for q in reversed(out) if q.english), None)
        after_noun = before is not None and before.pos in ("noun", "proper")
        if p.pos == "genitive":
            p = _Word("of" if after_noun else "", "word")
        elif language.genitive_of and after_noun and p.pos in ("noun", "adjective", "gerund", "number"):
            out.append(_Word("of", "word"))
        out.append(p)
    return out


def _render(pieces: list[_Word]) -> str:
    text = ""
    for k, p in enumerate(pieces):
        if not p.english:
            continue
        if p.pos == "hyphen":
            nxt = next((q for q in pieces[k + 1 :] if q.english), None)
            if text and nxt is not None and nxt.pos in _CONTENT and pieces[k - 1].pos in _CONTENT:
                text += "-"
            continue
        if not any(c.isalnum() for c in p.english) and p.english != "—":
            text += p.english  # a comma
        else:
            text += _title(p.english) if not text or text.endswith("-") else " " + _title(p.english)
    return text[:1].upper() + text[1:]


#: Words an English name keeps in lower case.
_MINOR = frozenset(
    {"of", "the", "and", "or", "for", "in", "on", "to", "at", "by", "with", "from", "against", "between", "under"}
)


def _title(english: str) -> str:
    return " ".join(w if w in _MINOR or not w.islower() else w[:1].upper() + w[1:] for w in english.split(" "))


@lru_cache(maxsize=4096)
def english_name(name: str, lang: str) -> str | None:
    """The English name of a body, agreement or event named in ``lang``, or None where a
    word of it is unknown.

    >>> english_name("Unidad Central de Ciberdelincuencia", "es")
    'Central Unit of Cybercrime'
    >>> english_name("Gendarmerie royale marocaine", "fr")
    'Royal Moroccan Gendarmerie'
    >>> english_name("Управление по раскрытию преступлений в сфере высоких технологий", "ru")
    'Directorate for Solving Crimes in the Field of High Technologies'
    >>> english_name("Hauptabteilung für digitale Entwicklung der Voruntersuchung", "de")
    'Main Department for Digital Development of Preliminary Investigation'
    >>> english_name("Abteilung für Quantenphysik", "de") is None
    True
    """
    language = _language(lang)
    if language is None or not name.strip():
        return None
    pieces = _pieces(name, lang, language)
    if not pieces or not any(p.pos in ("noun", "gerund") for p in pieces):
        return None
    return _render(_reorder(pieces, language)) or None
