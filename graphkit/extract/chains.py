"""A head noun and its complement chain: where a name that begins with a common noun ends.

The name of a body ("Unidad Central de Ciberdelincuencia", "управление по раскрытию
преступлений в сфере высоких технологий") and an agreement or event named by a common noun
("memorando de entendimiento para el intercambio de información") are both a head and the chain
of complements after it. :func:`walk` goes along that chain token by token; what ends it and
what it may hold are the caller's *rules*: small predicates, tried in order, each saying what
to do with the tokens at the cursor (a :class:`Step`), or nothing to leave it to the next rule.
A name ends at its last word: glue (an article, an of-word, a joiner) is held only between
words. The rules every chain uses are built here from data (:func:`boundary`, :func:`at_names`,
:func:`glue`, :func:`glue_phrases`, :data:`any_word`); what only bodies or only phrases know
stays in ``bodies.py`` and ``phrases.py``.

>>> from graphkit.extract.lexicon import tokenize
>>> text = "el memorando de entendimiento para el intercambio de datos que se aplica"
>>> toks = tokenize(text, "es")
>>> rules = (boundary(frozenset({"que"})), glue(frozenset({"de", "para", "el"})), any_word)
>>> name = walk(toks, rules, at=2, end=2, limit=len(toks))
>>> text[toks[1].start : toks[name.end - 1].end]
'memorando de entendimiento para el intercambio de datos'

:func:`dictionary_form` gives the name with its inflected head in its dictionary form
("Конвенцией о ..." is the "Конвенция о ...").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import PhraseMatcher, Token

if TYPE_CHECKING:
    from .mentions import Found


@dataclass(frozen=True)
class Step:
    """What the walk does with the tokens at its cursor: takes ``n`` of them (none: the chain
    ends before the cursor), as words of the name (the name runs at least to their end) or as
    glue (held only if a word follows), and notes whether they open a complement."""

    n: int = 0
    word: bool = False
    opens: bool = False


END = Step()
GLUE = Step(1)
WORD = Step(1, word=True)
OPEN = Step(1, opens=True)


@dataclass
class Walk:
    """Where a walk is: the token at its cursor (``at``), the end of the name so far (``end``,
    exclusive) and whether it has gone into a complement (``opened``)."""

    tokens: list[Token]
    text: str
    at: int
    end: int
    opened: bool = False

    @property
    def token(self) -> Token:
        return self.tokens[self.at]


#: A rule: the step to take at the walk's cursor, or None to leave it to the next rule.
Rule = Callable[[Walk], Step | None]


def walk(tokens: list[Token], rules: Sequence[Rule], *, at: int, end: int, limit: int, text: str = "") -> Walk:
    """Walk the chain from token ``at`` (the name so far ends at ``end``) until a rule ends it,
    no rule takes the token, or the cursor reaches ``limit``; the walk returned has the name's
    end and the token the chain stopped at.

    ``text`` is the text the tokens are of, for rules that read what lies between them
    (:func:`boundary` with ``line_breaks``).

    >>> from graphkit.extract.lexicon import tokenize
    >>> text = "отдел по борьбе с киберпреступностью. Затем"
    >>> toks = tokenize(text, "ru")
    >>> rules = (boundary(frozenset(), punctuation=frozenset(".")), glue(frozenset({"по", "с"})), any_word)
    >>> w = walk(toks, rules, at=1, end=1, limit=len(toks))
    >>> w.end, toks[w.at].text
    (5, '.')
    """
    w = Walk(tokens, text, at, end)
    limit = min(limit, len(tokens))
    while w.at < limit:
        step = next((s for rule in rules if (s := rule(w)) is not None), END)
        if not step.n:
            break
        w.at += step.n
        w.opened = w.opened or step.opens
        if step.word:
            w.end = w.at
    return w


def boundary(
    stops: frozenset[str],
    dates: frozenset[str] = frozenset(),
    *,
    punctuation: frozenset[str] = frozenset(),
    line_breaks: bool = False,
) -> Rule:
    """A rule ending the chain at a stop word or a date word (by key), a number, one of the
    ``punctuation`` marks and, if ``line_breaks``, a line break before the token."""

    def rule(w: Walk) -> Step | None:
        t = w.token
        if t.key in stops or t.key in dates or t.text.isdigit() or t.text in punctuation:
            return END
        if line_breaks and w.at > 0 and "\n" in w.text[w.tokens[w.at - 1].end : t.start]:
            return END
        return None

    return rule


def at_names(found: Found) -> Rule:
    """A rule ending the chain at a token of a name found already: a party after an
    agreement's head, say."""

    def rule(w: Walk) -> Step | None:
        return END if not found.free(w.at, w.at + 1) else None

    return rule


def glue(words: frozenset[str], *, inside: bool = False) -> Rule:
    """A rule holding the ``words`` (by key) as glue; where ``inside``, only within a
    complement."""

    def rule(w: Walk) -> Step | None:
        return GLUE if w.token.key in words and (w.opened or not inside) else None

    return rule


def glue_phrases(matcher: PhraseMatcher, *, span: int = 4) -> Rule:
    """A rule holding a phrase of ``matcher`` that begins at the cursor (at most ``span``
    tokens) as glue, whatever its words: "в сфере", "en materia de"."""

    def rule(w: Walk) -> Step | None:
        found = matcher.find(w.tokens[w.at : w.at + span])
        return Step(found[0].end) if found and found[0].start == 0 else None

    return rule


def glue_before_lower(matcher: PhraseMatcher, *, span: int = 3) -> Rule:
    """A rule holding a phrase of ``matcher`` at the cursor as glue where a lower-case word
    follows it: the complement goes on ("en la prevención", "na área da"); before a
    capitalised word the phrase names a place and the other rules end the chain ("en la
    Moneda")."""

    def rule(w: Walk) -> Step | None:
        found = matcher.find(w.tokens[w.at : w.at + span])
        if not found or found[0].start != 0 or w.at + found[0].end >= len(w.tokens):
            return None
        after = w.tokens[w.at + found[0].end].text
        return Step(found[0].end) if after.isalpha() and after.islower() else None

    return rule


def joined_words(joiners: frozenset[str], stops: frozenset[str] = frozenset()) -> Rule:
    """A rule holding a conjunction (by key) as glue between two lower-case words of the
    complement: "la prevención e investigación de ...", "совещание руководителей и экспертов"; not
    before an article or a stop word, where another phrase begins ("y el acuerdo")."""

    def rule(w: Walk) -> Step | None:
        toks, j = w.tokens, w.at
        if toks[j].key not in joiners or j == 0 or j + 1 >= len(toks) or w.end != j:
            return None
        before, after = toks[j - 1], toks[j + 1]
        lower = all(t.text.isalpha() and t.text.islower() and len(t.text) > 3 for t in (before, after))
        return GLUE if lower and after.key not in stops else None

    return rule


def clause_after_capitals(endings: tuple[str, ...]) -> Rule:
    """A rule ending the chain at a lower-case participle right after a capitalised word: a
    name written in capitals ends where the clause about it begins ("II Reunión Binacional de
    Seguridad | celebrada en ...", "Cimeira de Lisboa | realizada")."""

    def rule(w: Walk) -> Step | None:
        t, j = w.token, w.at
        after_capital = j > 0 and w.end == j and w.tokens[j - 1].is_title
        return END if after_capital and t.text.islower() and t.text.endswith(endings) else None

    return rule


def any_word(w: Walk) -> Step:
    """The rule of last resort where any token not ended or glued is a word of the name."""
    return WORD


def dictionary_form(
    name: str, tokens: list[Token], start: int, head: tuple[int, int], lemma: str, *, capital: bool | None = None
) -> str:
    """``name``, written from token ``start`` on, with its head (tokens ``head[0]:head[1]``)
    written as ``lemma``, its dictionary form: capitalised if ``capital``, by default as the
    name writes the head.

    >>> from graphkit.extract.lexicon import tokenize
    >>> text = "подписали IV совещанию руководителей"
    >>> toks = tokenize(text, "ru")
    >>> dictionary_form(text[toks[1].start :], toks, 1, (2, 3), "совещание")
    'IV совещание руководителей'
    >>> dictionary_form("Конвенцией о киберпреступности", tokenize("Конвенцией", "ru"), 0, (0, 1), "конвенция")
    'Конвенция о киберпреступности'
    """
    origin = tokens[start].start
    a, b = tokens[head[0]].start - origin, tokens[head[1] - 1].end - origin
    if capital is None:
        capital = name[a : a + 1].isupper()
    form = (lemma[:1].upper() if capital else lemma[:1].lower()) + lemma[1:]
    return name[:a] + form + name[b:]
