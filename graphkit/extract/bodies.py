"""Names of bodies from a head noun and its complement chain.

A body's name in Spanish, Portuguese, French and Russian is a head noun ("Unidad",
"direction", "управление"), its modifiers ("Central", "centrale", «К») and a chain of
complements opened by an of-word ("de Ciberdelincuencia", "по раскрытию преступлений в сфере
высоких технологий"). The chain ends at punctuation, a date, a number, a verb, a line break or
the name of another body; a body named right after it (with an article: "de la Comisaría
General ...", "da Polícia Judiciária"; in Russian in the genitive: "МВД России") is the one this
body belongs to, and gives it its state. The words are data (``[bodies]`` in
``data/lexicon.toml``); a language without them is left to the other rules.

>>> from graphkit.extract.lexicon import tokenize
>>> text = "la Unidad Central de Ciberdelincuencia de la Comisaría General de Policía Judicial"
>>> found = Found(tokenize(text, "es"), "es")
>>> body_mentions(found, text)
>>> [(m.text, m.parent) for m in found.mentions]
[('Unidad Central de Ciberdelincuencia', 1), ('Comisaría General de Policía Judicial', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import HYPHENS, Token, fold, tokenize
from .lexicons import entries, key_set, phrase_matcher
from .mentions import ARTICLES, Found, _claim_over_states, date_words
from .mentions import _parent_after as _parent_after_of

#: the most tokens a name runs over after its head
MAX_TAIL = 16
#: spaCy part-of-speech tags of the words inside a complement written in lower case
CONTENT_POS = {"NOUN", "ADJ", "PROPN"}
_POSSESSIVE = re.compile(r"['’]s$")
QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}


@dataclass(frozen=True)
class Words:
    """The ``[bodies]`` words of one language, as token keys."""

    of: frozenset[str]
    articled: frozenset[str]
    articles: frozenset[str]
    joiners: frozenset[str]
    lowercase: frozenset[str]
    verb_endings: tuple[str, ...]
    stops: frozenset[str]
    plural_endings: tuple[str, ...]
    roles: frozenset[str]
    lead: frozenset[str]


@cache
def words(lang: str) -> Words | None:
    """The language's words, or None where ``[bodies]`` has no heads for it."""
    if not entries("bodies", "heads", lang, fallback=False):
        return None

    def keys(name: str) -> frozenset[str]:
        return key_set(entries("bodies", name, lang, fallback=False), lang)

    return Words(
        of=keys("of"),
        articled=keys("articled"),
        articles=keys("articles") | ARTICLES,
        joiners=keys("joiners"),
        lowercase=frozenset(
            " ".join(t.key for t in tokenize(w, lang)) for w in entries("bodies", "lowercase", lang, fallback=False)
        ),
        verb_endings=tuple(entries("bodies", "verb_endings", lang, fallback=False)),
        stops=keys("stops"),
        plural_endings=tuple(entries("bodies", "plural_endings", lang, fallback=False)),
        roles=key_set(entries("people", "official_roles", lang), lang),
        lead=key_set(entries("noise", "leading_words", lang), lang),
    )


@cache
def _heads(lang: str):
    return phrase_matcher(
        entries("bodies", "heads", lang, fallback=False)
        + entries("org_heads", "agency", lang, fallback=False)
        + entries("org_heads", "unit", lang, fallback=False),
        lang,
    )


def body_mentions(found: Found, text: str, pos: dict[int, str] | None = None) -> None:
    """Agencies named by a head and its complements, each part of the body named after it.

    ``pos`` maps a token's first character to its part of speech, where the language's
    pipeline tags them (lower-case complements are taken only where it does, or in Russian,
    whose complements are lower case and end at a verb).
    """
    w = words(found.lang)
    if w is None:
        return
    toks = found.tokens
    dates = date_words(found.lang)
    # a generic kind's name with no state ("Policía Judicial") may be a piece of a longer name:
    # set aside, it comes back where no longer name covers it
    soft = [i for i, m in enumerate(found.mentions) if (m.role or "").startswith("kind:") and not m.jurisdiction]
    kept = [(found.spans[i], found.mentions[i]) for i in soft]
    found.drop(set(soft))
    spans: list[tuple[int, int, int | None, str | None, Token, str]] = []  # + parent token, state, head
    last_end = 0
    for h in _heads(found.lang).find(toks, allow_overlap=True):
        if h.start < last_end or not found.free(h.start, h.end):
            continue
        head_key = " ".join(t.key for t in tokenize(h.value, found.lang))
        lower = not toks[h.start].is_title
        if lower and head_key not in w.lowercase:
            continue
        if toks[h.end - 1].text.endswith(w.plural_endings):
            continue  # "руководители подразделений по ...": a plural names no one body
        if lower and found.lang != "ru" and pos is None:
            continue  # a lower-case name needs the tagger's word classes to end it
        end, parent_at, iso = _tail(found, h.end, w, dates, text, pos, lower)
        if lower and end == h.end:
            continue  # "la direction" alone names no body
        start = h.start if lower else _extend_left(found, h.start, w, text)
        if end - start < 2:
            continue  # a bare "Department" or "Policía" is no name
        spans.append((start, end, parent_at, iso, toks[h.start], h.value))
        last_end = end
    added = []
    for start, end, parent_at, iso, head, head_phrase in spans:
        if _within_kind(toks, start, end, [span for span, _ in kept], w) or not _claim_over_states(found, start, end):
            continue
        m = found.mention(start, end, "Agency", source=text, jurisdiction=iso)
        if found.lang == "ru":
            m.name = _nominative(m.text, head_phrase, head, toks[start:end])
        added.append((found.add(start, end, m), parent_at))
    for (start, end), m in kept:
        if found.free(start, end):
            found.add(start, end, m)
    for idx, parent_at in added:
        parent = found.at(parent_at) if parent_at is not None else None
        if parent is None or parent == idx:
            continue
        pm, m = found.mentions[parent], found.mentions[idx]
        if pm.type not in ("Agency", "InternationalOrganization"):
            continue
        m.parent = parent
        m.type = pm.type if pm.type == "InternationalOrganization" and found.lang != "ru" else m.type
        m.jurisdiction = m.jurisdiction or pm.jurisdiction


def _within_kind(toks: list[Token], start: int, end: int, kinds: list[tuple[int, int]], w: Words) -> bool:
    """Whether a generic kind's name ("Gendarmerie nationale") covers the name but for its
    modifiers: the kind's own name (and its English label) stands; only a complement chain
    ("Policía Judicial" inside "Comisaría General de Policía Judicial") makes a longer name."""
    for s, e in kinds:
        if s < end and start < e:
            return not any(t.key in w.of or t.key in w.articled or _elided_of(t) for t in toks[start:end])
    return False


def _extend_left(found: Found, start: int, w: Words, text: str) -> int:
    """Capitalised modifiers before the head ("Supremo Tribunal"), not a post, article or
    sentence opener."""
    toks = found.tokens
    while (
        start > 0
        and found.free(start - 1, start)
        and toks[start - 1].is_title
        and toks[start - 1].text.isalpha()
        and toks[start - 1].key not in w.roles | w.lead | w.articles
        and "\n" not in text[toks[start - 1].end : toks[start].start]
    ):
        start -= 1
    return start


def _tail(
    found: Found, j: int, w: Words, dates: frozenset[str], text: str, pos: dict[int, str] | None, lower: bool
) -> tuple[int, int | None, str | None]:
    """End of the name whose head ends before token ``j``, the token where the body it
    belongs to starts (or None), and the state named right after it (or None)."""
    toks = found.tokens
    n = len(toks)
    end = j
    limit = min(n, j + MAX_TAIL)
    # a quoted or lettered unit name right after the head: "Управление «К»", "section J3"
    named = False  # a unit's letter ends its modifiers: only complements may follow
    if j < n and toks[j].text in QUOTES and j + 2 < n and toks[j + 2].text == QUOTES[toks[j].text]:
        if len(toks[j + 1].text) <= 3 and found.free(j + 1, j + 2):
            end = j = j + 3
            named = True
    elif j < n and _letter(toks[j]) and found.free(j, j + 1):
        end = j = j + 1
        named = True
    opened = False  # inside a complement
    last_of = None  # the name's end before its last complement
    cut = None  # where a Russian genitive body inside the chain ("... криминальной милиции") begins
    while j < limit:
        t = toks[j]
        if "\n" in text[toks[j - 1].end : t.start] or t.key in dates or t.text.isdigit() or t.key in w.stops:
            break
        if not found.free(j, j + 1):
            # a body named right after (in Russian: in the genitive) is the one this one belongs
            # to; a state or its adjective ("Polícia Federal brasileira") is its state
            m = found.at(j)
            if m is not None and found.mentions[m].name == "demonym" and j == end:
                return found.spans[m][1], None, found.mentions[m].key  # "Gendarmerie royale marocaine"
            if found.lang != "ru" and j == end and toks[j - 1].is_title and last_of is not None:
                return last_of, None, None  # "du New | Jersey": the place runs on into the state
            return cut or end, (j if found.lang == "ru" and end == j else None), None
        if t.text in HYPHENS and t.start == toks[j - 1].end and j + 1 < n and toks[j + 1].start == t.end:
            j += 1  # "информационно-коммуникационных": one word
            continue
        if t.text == "(":
            close = next((k for k in range(j, min(n, j + 6)) if toks[k].text == ")"), None)
            return end, (_parent_after(found, close + 1, w, closed=True) if close else None), None
        if t.key in w.of or t.key in w.articled or _elided_of(t):
            last_of = end
            if j == end:
                at = _after_of(found, j, w)
                parent = _parent_after(found, j, w, closed=named and not opened)
                if parent is not None:
                    return end, parent, None
                m = found.at(at) if at is not None else None
                if m is not None and found.mentions[m].type == "State":
                    return end, None, found.mentions[m].key
            if _elided_of(t) and _content(found, t, w, pos, lower, text):
                end = j = j + 1
                opened = True
                continue
            opened = True
            j += 1
            continue
        if opened and (t.key in w.articles or t.key in w.joiners):
            j += 1
            continue
        if (named or found.lang == "ru") and not opened:
            break  # Russian modifiers stand before the head; after it, a genitive or a complement
        # lower-case words: in Russian any complement word; elsewhere only the tagger's
        # adjectives after the head and nouns and adjectives inside a complement
        lower_ok = opened if found.lang == "ru" else pos is not None and (opened or _is_adj(pos, t))
        if _content(found, t, w, pos, lower_ok, text):
            if found.lang == "ru" and cut is None and opened and _genitive_body(found, j):
                cut = end
            end = j = j + 1
            continue
        break
    return cut or end, None, None


def _genitive_body(found: Found, j: int) -> bool:
    """Whether a body's head is token ``j`` or the next one, after an adjective (a Russian
    genitive body inside a chain: "... технологий криминальной милиции МВД")."""
    toks = found.tokens
    return any(h.start in (0, 1) for h in _heads(found.lang).find(toks[j : j + 2]))


def _content(found: Found, t: Token, w: Words, pos: dict[int, str] | None, lower: bool, text: str) -> bool:
    """A word of a name: capitalised, or in a lower-case name a noun or adjective (Russian: any
    word that is no verb)."""
    word = _strip_elision(t.text)
    if not word[:1].isalpha():
        return False
    if word[:1].isupper():
        return True
    if not lower:
        return False
    if found.lang == "ru":
        return len(word) < 5 or not word.endswith(w.verb_endings)
    return pos is not None and pos.get(t.start) in CONTENT_POS


def _is_adj(pos: dict[int, str] | None, t: Token) -> bool:
    return pos is not None and pos.get(t.start) == "ADJ" and t.text.isalpha()


def _letter(t: Token) -> bool:
    """A unit's letter or code: "K", "J3" (not a word)."""
    return 1 <= len(t.text) <= 3 and t.text[:1].isupper() and (len(t.text) == 1 or t.text[1:].isdigit())


def _elided_of(t: Token) -> bool:
    return fold(t.text[:2]) in {"d'", "d’"} and len(t.text) > 2


def _strip_elision(word: str) -> str:
    return word[2:] if fold(word[:2]) in {"d'", "d’", "l'", "l’"} and len(word) > 2 else word


def _after_of(found: Found, j: int, w: Words) -> int | None:
    """The token after the of-word at ``j`` and its article, if any."""
    toks = found.tokens
    k = j + 1
    if k < len(toks) and toks[k].key in w.articles:
        k += 1
    return k if k < len(toks) else None


def _parent_after(found: Found, j: int, w: Words, *, closed: bool = False) -> int | None:
    """The token where another body starts after the of-word at ``j``: an of-word with an
    article (or one followed by an article), then a body found already or a capitalised head
    (any head where the name is ``closed`` by its acronym or letter: "(DNPJ) du ministère ...",
    "section J3 du parquet ...")."""
    toks = found.tokens
    if j >= len(toks) or not (toks[j].key in w.of or toks[j].key in w.articled):
        return None
    k = _after_of(found, j, w)
    if k is None:
        return None
    articled = toks[j].key in w.articled or toks[k - 1].key in w.articles
    if not found.free(k, k + 1):
        m = found.at(k)
        if m is not None and found.mentions[m].type in ("Agency", "InternationalOrganization"):
            return k
        return None
    if (
        articled
        and (toks[k].is_title or closed)
        and any(h.start == 0 for h in _heads(found.lang).find(toks[k : k + 3]))
    ):
        return k
    return None


def _nominative(text: str, head_phrase: str, head: Token, toks: list[Token]) -> str:
    """A Russian name with its head in the nominative: "Департаментом по борьбе с
    киберпреступностью" is the "Департамент по борьбе с киберпреступностью"."""
    head_words = len(head_phrase.split())
    at = next(i for i, t in enumerate(toks) if t is head)
    rest_start = toks[at + head_words].start if at + head_words < len(toks) else None
    lead = text[: head.start - toks[0].start]
    form = head_phrase[:1].upper() + head_phrase[1:] if head.is_title and not lead else head_phrase
    tail = text[rest_start - toks[0].start :] if rest_start is not None else ""
    return (lead + form + (" " + tail if tail else "")).strip()


def kind_parents(found: Found) -> None:
    """A generic kind's name with no state of its own is a unit of the body named right
    after it with an of-word or right before it in the possessive ("the Cyber Division of
    the FBI", "the FBI's Cyber Division"): part of it, with its state.

    >>> from graphkit.extract.lexicon import tokenize
    >>> from graphkit.extract.mentions import gazetteer_mentions
    >>> text = "The Cyber Division of the FBI"
    >>> found = Found(tokenize(text, "en"), "en")
    >>> gazetteer_mentions(found, text)
    >>> kind_parents(found)
    >>> [(m.text, m.jurisdiction, m.parent) for m in found.mentions]
    [('Cyber Division', 'US', 1), ('FBI', 'US', None)]
    """
    toks = found.tokens
    for i, m in enumerate(found.mentions):
        if not (m.role or "").startswith("kind:") or m.jurisdiction or m.key or m.parent is not None:
            continue
        start, end = found.spans[i]
        parent = _parent_after_of(found, end)
        if parent is None and start > 0 and _POSSESSIVE.search(toks[start - 1].text):
            parent = found.at(start - 1)
        if parent is None or parent == i:
            continue
        pm = found.mentions[parent]
        if pm.type in ("Agency", "InternationalOrganization") and pm.jurisdiction:
            m.parent, m.jurisdiction = parent, pm.jurisdiction
