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

from .chains import END, GLUE, OPEN, WORD, Step, Walk, boundary, dictionary_form, glue, walk
from .lexicon import HYPHENS, Match, Token, fold, tokenize
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
    adjective_endings: tuple[str, ...]
    roles: frozenset[str]
    lead: frozenset[str]
    posts: frozenset[str]  # posts and ranks: where a name ends and a person's title begins


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
        adjective_endings=tuple(entries("bodies", "adjective_endings", lang, fallback=False)),
        roles=key_set(entries("people", "official_roles", lang), lang),
        lead=key_set(entries("noise", "leading_words", lang), lang),
        posts=key_set(entries("people", "official_roles", lang) + entries("people", "titles", lang), lang),
    )


@cache
def _heads(lang: str):
    return phrase_matcher(
        entries("bodies", "heads", lang, fallback=False)
        + entries("org_heads", "agency", lang, fallback=False)
        + entries("org_heads", "unit", lang, fallback=False),
        lang,
    )


def body_mentions(found: Found, text: str, doc=None) -> None:
    """Agencies named by a head and its complements, each part of the body named after it.

    ``doc`` is the spaCy doc of ``text``: where its pipeline tags parts of speech, lower-case
    complements are taken by them (elsewhere only in Russian, whose complements are lower
    case and end at a verb).
    """
    w = words(found.lang)
    if w is None:
        return
    pos = _word_classes(doc)
    toks = found.tokens
    dates = date_words(found.lang)
    # a generic kind's name ("Policía Judicial") may be a piece of a longer name: set aside, it
    # comes back (with the body it belongs to) where no longer name covers it
    soft = [i for i, m in enumerate(found.mentions) if _soft_kind(m)]
    kept = [(found.spans[i], found.mentions[i]) for i in soft]
    parents = {id(m): found.mentions[m.parent] for _, m in kept if m.parent is not None}
    found.drop(set(soft))
    spans: list[tuple[int, int, int | None, str | None, Match]] = []  # + parent token, state, head
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
        if end < 0 or lower and not (_has_complement(toks[h.end : end], w) or _named(toks, h.end, end)):
            continue  # "la direction" or "la police judiciaire" alone names no body
        start = h.start if lower else _extend_left(found, h.start, w, text)
        if end - start < 2:
            continue  # a bare "Department" or "Policía" is no name
        spans.append((start, end, parent_at, iso, h))
        last_end = end
    added = []
    for start, end, parent_at, iso, h in spans:
        if (not iso and _within_kind(toks, start, end, [span for span, _ in kept], w)) or not _claim_over_states(
            found, start, end
        ):
            continue
        m = found.mention(start, end, "Agency", source=text, jurisdiction=iso)
        if found.lang == "ru":  # the head in the nominative: "Департаментом по ..." is "Департамент по ..."
            # capitalised only where it begins the name: Russian capitalises a name's first word
            capital = h.start == start and toks[h.start].is_title
            m.name = dictionary_form(m.text, toks, start, (h.start, h.end), h.value, capital=capital)
        found.add(start, end, m)
        added.append((m, parent_at))  # by identity: claiming over a state renumbers the mentions
    for (start, end), m in kept:
        if found.free(start, end):
            found.add(start, end, m)
    index = {id(m): i for i, m in enumerate(found.mentions)}
    for _, m in kept:
        m.parent = index.get(id(parents[id(m)])) if id(m) in parents else None
    for m, parent_at in added:
        parent = found.at(parent_at) if parent_at is not None else None
        if parent is None or parent == index[id(m)]:
            continue
        pm = found.mentions[parent]
        if pm.type not in ("Agency", "InternationalOrganization"):
            continue
        m.parent = parent
        m.type = pm.type if pm.type == "InternationalOrganization" and found.lang != "ru" else m.type
        m.jurisdiction = m.jurisdiction or pm.jurisdiction
    _known_by_a_longer_name(found, [index[id(m)] for m, _ in added])


def _soft_kind(m) -> bool:
    """Whether a generic kind's name may be a piece of a longer one: it has no state of its
    own (none, or only the one of the body it belongs to: "Comisaría General de | Policía
    Judicial de la Policía Nacional de España")."""
    return (m.role or "").startswith("kind:") and (not m.jurisdiction or m.parent is not None)


def _known_by_a_longer_name(found: Found, found_here: list[int]) -> None:
    """A name that begins the gazetteer name of one body of the article is that body's short
    name ("Policía de Investigaciones" after "Policía de Investigaciones de Chile")."""
    keys = [tuple(t.key for t in found.tokens[s:e]) if s >= 0 else () for s, e in found.spans]
    for i in found_here:
        m, mine = found.mentions[i], keys[i]
        if m.key or m.parent is not None:
            continue
        longer = {
            o.key: o
            for o, theirs in zip(found.mentions, keys, strict=True)
            if o.key
            and o.type in ("Agency", "InternationalOrganization")
            and len(theirs) > len(mine)
            and theirs[: len(mine)] == mine
        }
        if len(longer) == 1:
            (o,) = longer.values()
            m.key, m.type, m.jurisdiction = o.key, o.type, o.jurisdiction


def _named(toks: list[Token], j: int, end: int) -> bool:
    """Whether a unit's letter or quoted name follows its head at token ``j``."""
    return j < end and (_letter(toks[j]) or toks[j].text in QUOTES)


def _has_complement(toks: list[Token], w: Words) -> bool:
    return any(t.key in w.of or t.key in w.articled or _elided_of(t) for t in toks)


def _within_kind(toks: list[Token], start: int, end: int, kinds: list[tuple[int, int]], w: Words) -> bool:
    """Whether a generic kind's name ("Gendarmerie nationale") covers the name but for its
    modifiers: the kind's own name (and its English label) stands; only a complement chain
    ("Policía Judicial" inside "Comisaría General de Policía Judicial") or a state
    ("Gendarmerie royale marocaine") makes a longer name."""
    for s, e in kinds:
        if s < end and start < e:
            return not _has_complement(toks[start:end], w)
    return False


def _word_classes(doc) -> dict[int, str] | None:
    """Each token's part of speech by its first character, where the pipeline tags them."""
    if doc is None or not doc.has_annotation("POS"):
        return None
    return {t.idx: t.pos_ for t in doc}


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
    limit = j + MAX_TAIL
    end = j
    # a quoted or lettered unit name right after the head: "Управление «К»", "section J3"
    named = False  # a unit's letter ends its modifiers: only complements may follow
    if j < n and toks[j].text in QUOTES and j + 2 < n and toks[j + 2].text == QUOTES[toks[j].text]:
        if len(toks[j + 1].text) <= 3 and found.free(j + 1, j + 2):
            end = j = j + 3
            named = True
    elif j < n and _letter(toks[j]) and found.free(j, j + 1):
        end = j = j + 1
        named = True
    chain = _Chain(found, w, pos, lower, named)
    rules = (
        boundary(w.stops, dates, line_breaks=True),
        chain.name,
        _joined_hyphen,
        chain.bracket,
        chain.of_word,
        glue(w.articles | w.joiners, inside=True),
        chain.order,
        chain.post,
        chain.word,
    )
    walked = walk(toks, rules, at=j, end=end, limit=limit, text=text)
    return (chain.end if chain.end is not None else chain.cut or walked.end), chain.parent, chain.state


class _Chain:
    """The rules of one body's complement chain that only bodies know, and what its walk finds
    out besides the end: the body this one belongs to and its state."""

    def __init__(self, found: Found, w: Words, pos: dict[int, str] | None, lower: bool, named: bool) -> None:
        self.found, self.words, self.pos, self.lower, self.named = found, w, pos, lower, named
        self.end: int | None = None  # where the name ends, where a rule says so (-1: no name ends here)
        # where a Russian genitive body inside the chain begins ("... криминальной милиции")
        self.cut: int | None = None
        self.parent: int | None = None  # the token where the body this one belongs to starts
        self.state: str | None = None  # the key of the state named right after the name

    def name(self, here: Walk) -> Step | None:
        """A body named right after (in Russian: in the genitive) is the one this one belongs to;
        a state or its adjective ("Polícia Federal brasileira") is its state."""
        found, j = self.found, here.at
        if found.free(j, j + 1):
            return None
        m = found.at(j)
        if m is not None and found.mentions[m].name == "demonym" and j == here.end:
            self.end, self.state = found.spans[m][1], found.mentions[m].key  # "Gendarmerie royale marocaine"
        elif found.lang != "ru" and j == here.end and here.tokens[j - 1].is_title and here.opened:
            self.end = -1  # "du New | Jersey": a place runs on into a state, no name ends here
        elif found.lang == "ru" and j == here.end:
            self.parent = j
        return END

    def bracket(self, here: Walk) -> Step | None:
        """An acronym in brackets ends the name; a body named after it is its parent."""
        toks, j = here.tokens, here.at
        if toks[j].text != "(":
            return None
        close = next((k for k in range(j, min(len(toks), j + 6)) if toks[k].text == ")"), None)
        self.end = here.end
        self.parent = _parent_after(self.found, close + 1, self.words, closed=True) if close else None
        return END

    def of_word(self, here: Walk) -> Step | None:
        """An of-word opens a complement, unless another body or a state follows it right after
        the name."""
        found, w, t = self.found, self.words, here.token
        if not (t.key in w.of or t.key in w.articled or _elided_of(t)):
            return None
        if here.at == here.end:
            parent = _parent_after(found, here.at, w, closed=self.named and not here.opened)
            if parent is not None:
                self.end, self.parent = here.end, parent
                return END
            at = _after_of(found, here.at, w)
            m = found.at(at) if at is not None else None
            if m is not None and found.mentions[m].type == "State":
                self.end, self.state = here.end, found.mentions[m].key
                return END
        if _elided_of(t) and _content(found, t, w, self.pos, self.lower, here.text):
            return Step(1, word=True, opens=True)  # "d'Investigation"
        return OPEN

    def order(self, here: Walk) -> Step | None:
        """Russian modifiers stand before the head; after it, a genitive or a complement."""
        return END if (self.named or self.found.lang == "ru") and not here.opened else None

    def post(self, here: Walk) -> Step | None:
        """A post or rank right after a word of the name is the title of the person named next
        ("... по борьбе с киберпреступностью полковник милиции ...", "... criminelle commissaire
        Martin"), no word of the name; after an of-word it is one ("Gabinete do Ministro")."""
        return END if here.at == here.end and here.token.key in self.words.posts else None

    def word(self, here: Walk) -> Step:
        """Lower-case words: in Russian any complement word; elsewhere only the tagger's
        adjectives after the head and nouns and adjectives inside a complement."""
        found, t = self.found, here.token
        lower = here.opened if found.lang == "ru" else self.pos is not None and (here.opened or _is_adj(self.pos, t))
        if not (_content(found, t, self.words, self.pos, lower, here.text) or self._coordinated(here)):
            return END
        if found.lang == "ru" and self.cut is None and here.opened and _genitive_body(found, here.at, self.words):
            self.cut = here.end
        return WORD

    def _coordinated(self, here: Walk) -> bool:
        """A participle joined to an adjective of the complement is one too: "criminalité grave
        et organisée", "delincuencia grave y organizada" (the tagger calls it a verb)."""
        pos, toks, j = self.pos, here.tokens, here.at
        return (
            pos is not None
            and here.opened
            and j >= 2
            and toks[j - 1].key in self.words.joiners
            and here.end == j - 1
            and pos.get(toks[j - 2].start) == "ADJ"
            and pos.get(toks[j].start) == "VERB"
            and toks[j].text.isalpha()
            and toks[j].text.islower()
        )


def _joined_hyphen(here: Walk) -> Step | None:
    """A hyphen between two letters holds one word together: "информационно-коммуникационных"."""
    toks, j = here.tokens, here.at
    t = toks[j]
    joined = t.text in HYPHENS and t.start == toks[j - 1].end and j + 1 < len(toks) and toks[j + 1].start == t.end
    return GLUE if joined else None


def _genitive_body(found: Found, j: int, w: Words) -> bool:
    """Whether a body's head is token ``j`` or the next one, after an adjective (a Russian
    genitive body inside a chain: "... технологий криминальной милиции МВД"). After a noun the
    head is not a new body's: "по борьбе с киберпреступностью Министерства ..." runs on to
    the ministry the service belongs to."""
    toks = found.tokens
    after_adjective = toks[j].text.endswith(w.adjective_endings)
    return any(h.start == 0 or (h.start == 1 and after_adjective) for h in _heads(found.lang).find(toks[j : j + 2]))


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
