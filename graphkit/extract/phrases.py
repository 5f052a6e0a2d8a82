"""Agreements and events named by a common noun and its complement, not by a name of their own.

"Argentina y España firmaron un memorando de entendimiento para el intercambio de
información", "подписали меморандум о взаимопонимании в сфере ...", "IV совещание
руководителей подразделений ...", "la 7e réunion du Comité mixte ...": the head comes from
``[phrases]`` of ``data/lexicon.toml`` (per language), the name runs on over its complement
(opened by a preposition, ended by punctuation, a party, a relative clause or a verb), and an
inflected head is given in its dictionary form ("Конвенцией о ..." is "Конвенция о ...").

Such a mention carries, besides its full name, the head with its ordinal or modifier ("IV
совещание", "совместные учения") and the head's English name ("memorandum of understanding")
as further labels, and ``role="unnamed"``: resolution keeps one such agreement or event per
article, since nothing names it across articles.

>>> from graphkit.extract.lexicon import tokenize
>>> text = "Argentina y España firmaron un memorando de entendimiento para el intercambio de datos que se aplica."
>>> found = Found(tokenize(text, "es"), "es")
>>> phrase_mentions(found, text)
>>> m = found.mentions[0]
>>> m.type, m.text
('Agreement', 'memorando de entendimiento para el intercambio de datos')
>>> sorted(m.labels)
[('memorando de entendimiento', 'es'), ('memorando de entendimiento para el intercambio de datos', 'es'), ('memorandum of understanding', 'en')]
"""

from __future__ import annotations

import re
from functools import cache

from .chains import (
    END,
    GLUE,
    Rule,
    Step,
    Walk,
    any_word,
    at_names,
    boundary,
    clause_after_capitals,
    dictionary_form,
    glue,
    glue_before_lower,
    glue_phrases,
    joined_words,
    walk,
)
from .lexicon import Match, PhraseMatcher, Token
from .lexicons import entries, gazetteer, key_set, phrase_matcher, raw
from .mentions import ARTICLES, Found, date_words

#: Ordinals before an event's head: "IV", "XIV", "7e", "3.", "14th", "third".
_ORDINAL = re.compile(
    r"^(?:[IVXLC]{1,6}|\d{1,3}(?:\.|st|nd|rd|th|e|er|ème|º|ª|°|-?[йяе])?"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$"
)
#: Languages that write a name in sentence case: a capitalised head inside a sentence is a name.
_SENTENCE_CASE = frozenset({"fr", "es", "pt", "it", "ru"})
_PUNCT = frozenset(".,;:!?()[]{}«»“”„\"'")
_MAX_TOKENS = 24


def phrase_mentions(found: Found, text: str) -> None:
    """Agreements and events named by their head noun and its complement (see the module)."""
    lang = found.lang
    toks = found.tokens
    signing = _signing_matcher(lang)
    for type_, kind in (("Agreement", "agreement"), ("Event", "event")):
        for h in _head_matches(toks, kind, lang):
            if not found.free(h.start, h.end) or _inside_name(found, toks[h.start].start):
                continue
            start = _left_edge(found, h.start, type_)
            end = _complement_end(found, _title_words(found, h), stop_at_names=type_ == "Agreement")
            titled = _quoted_title(toks, end) if type_ == "Event" else None
            if titled is not None and _inside_name(found, toks[titled - 2].start):
                continue  # the quoted title is a name of its own already ("Cyber Security Days")
            if titled is None and not _identified(found, h, start, type_, signing, text):
                continue
            _add(found, text, type_, h, start, titled or end)


def _head_matches(toks: list[Token], kind: str, lang: str) -> list[Match]:
    """The heads in ``toks``; in German also as the last part of a compound
    ("Sicherheitskonsultationen", "Kooperationsvereinbarung")."""
    found = _heads(kind, lang).find(toks)
    if lang == "de":
        at = {m.start for m in found}
        for i, t in enumerate(toks):
            head = next((h for h, key in _compound_heads(kind) if len(t.key) > len(key) and t.key.endswith(key)), None)
            if head and i not in at and t.is_title:
                found.append(Match(i, i + 1, head, False))
        found.sort(key=lambda m: m.start)
    return found


@cache
def _compound_heads(kind: str) -> tuple[tuple[str, str], ...]:
    """German heads of ``kind`` with their keys, long enough to end a compound."""
    return tuple((h, next(iter(key_set([h], "de")))) for h in entries("phrases", kind, "de", fallback=False) if len(h) >= 6)


def _title_words(found: Found, h: Match) -> int:
    """The end of the capitalised words after a capitalised head in a sentence-case language
    ("Cimeira Luso-Brasileira", "Encuentro Iberoamericano"): adjectives of its name (a
    demonym among them)."""
    toks = found.tokens
    end = h.end
    if found.lang not in _SENTENCE_CASE or not toks[h.start].is_title:
        return end
    while end < len(toks) and (toks[end].is_title and toks[end].text.isalpha() or toks[end].text == "-"):
        m = found.at(end)
        if m is not None and found.mentions[m].name != "demonym":
            break
        end += 1
    while end > h.end and toks[end - 1].text == "-":
        end -= 1
    return end


def _add(found: Found, text: str, type_: str, h: Match, start: int, end: int) -> None:
    toks = found.tokens
    head = str(h.value)
    written = text[toks[h.start].start : toks[h.end - 1].end]
    # a German compound ("Sicherheitskonsultationen") stays whole; else the head in its
    # dictionary form ("Конвенцией" -> "Конвенция")
    lemma = written if len(written) > len(head) + 3 else head
    name = dictionary_form(text[toks[start].start : toks[end - 1].end], toks, start, (h.start, h.end), lemma)
    core = dictionary_form(text[toks[start].start : toks[h.end - 1].end], toks, start, (h.start, h.end), lemma)
    known = [e for e in gazetteer().find(name) + gazetteer().find(core) if e.type == type_]
    if known:  # "dite convention de Budapest": a well-known agreement written in lower case
        found.add(start, end, found.mention(start, end, type_, source=text, key=known[0].key), claim=False)
        return
    mention = found.mention(start, end, type_, source=text, name=name, role="unnamed")
    labels = {(name.strip(), found.lang)}
    if start < h.start or " " in head:  # not a bare "convention": the head with what identifies it
        labels.add((core.strip(), found.lang))
    english = _english().get(head)
    if english:
        labels.add((english, "en"))
    mention.labels = tuple(sorted(labels))
    found.add(start, end, mention, claim=False)


def _identified(found: Found, h: Match, start: int, type_: str, signing: PhraseMatcher, text: str) -> bool:
    """Whether the head names one agreement or event rather than any ("an agreement is
    needed"): an agreement that the sentence says was signed or joined, an event with an
    ordinal or modifier; in sentence-case languages a head capitalised inside a sentence."""
    toks = found.tokens
    capitalised = toks[h.start].is_title and h.start > 0 and toks[h.start - 1].text not in {".", "!", "?", "\n"}
    if found.lang in _SENTENCE_CASE and capitalised and "\n" not in text[toks[h.start - 1].end : toks[h.start].start]:
        return True
    if type_ == "Event":
        return start < h.start
    a, b = _sentence(toks, h.start)
    return bool(signing.find(toks[a:b]))


#: Opening quotes and the quote that closes each.
_CLOSING = {"«": "»", "„": "“", "“": "”", '"': '"', "‹": "›"}
#: The most words of a quoted title, and of adjectives between a head and the title.
_MAX_TITLE, _MAX_ADJECTIVES = 12, 2


def _quoted_title(toks: list[Token], end: int) -> int | None:
    """The end of a quoted title that follows an event's head and complement ending at token
    ``end``, with at most two lower-case adjectives between ("séminaire régional « Preuve
    électronique »", "форум по информационной безопасности «Киберщит-2024»", "the workshop
    \"Follow the Money\""): the title names one event, and belongs to its name. None if no
    title follows.

    >>> from graphkit.extract.lexicon import tokenize
    >>> toks = tokenize("le séminaire régional « Preuve électronique » organisé", "fr")
    >>> toks[_quoted_title(toks, 2) - 1].text
    '»'
    """
    j = end
    while j < len(toks) and j - end < _MAX_ADJECTIVES and toks[j].text.isalpha() and toks[j].text.islower():
        j += 1
    if j >= len(toks) or toks[j].text not in _CLOSING:
        return None
    close = _CLOSING[toks[j].text]
    for k in range(j + 2, min(j + 2 + _MAX_TITLE, len(toks))):
        if toks[k].text == close:
            return k + 1
        if toks[k].text in {".", "!", "?", "\n"}:
            return None
    return None


def _left_edge(found: Found, head: int, type_: str) -> int:
    """The first token of the name: an ordinal and, for an event, a modifier ("IV",
    "совместные", "3. Deutsch-Moldauischen") before the head."""
    toks = found.tokens
    modifiers = key_set(entries("phrases", "modifiers", found.lang), found.lang)
    start = head
    if type_ == "Event":
        if start > 0 and toks[start - 1].key in modifiers and found.free(start - 1, start):
            start -= 1
        elif found.lang in _SENTENCE_CASE and _title_inside_sentence(found, start - 1):
            start -= 1  # "в Международном форуме": a capitalised adjective opens the event's name
        if found.lang == "de":  # capitalised adjectives of a German name: "Deutsch-Moldauischen"
            while start > 0 and (_state_word(found, start - 1) or found.free(start - 1, start)) and (
                toks[start - 1].text == "-" or (toks[start - 1].is_title and toks[start - 1].key not in ARTICLES)
            ):
                start -= 1
            while start < head and toks[start].text == "-":
                start += 1
        if start > 0 and _ORDINAL.match(toks[start - 1].text) and found.free(start - 1, start):
            start -= 1
    return start


def _title_inside_sentence(found: Found, i: int) -> bool:
    """Whether token ``i`` is a free capitalised word that does not open its sentence."""
    toks = found.tokens
    return (
        i > 0
        and toks[i].is_title
        and toks[i].text.isalpha()
        and found.free(i, i + 1)
        and toks[i - 1].text not in {".", "!", "?", "\n", "«", '"', "„", "“"}
        and toks[i - 1].text.isalpha()
        and not toks[i - 1].is_title
    )


def _state_word(found: Found, i: int) -> bool:
    """Whether token ``i`` belongs to a State's mention ("Deutsch-Moldauischen")."""
    m = found.at(i)
    return m is not None and found.mentions[m].type == "State"


def _complement_end(found: Found, end: int, *, stop_at_names: bool) -> int:
    """The end of the complement after a head ending at token ``end``: it opens with a word of
    ``opens`` (or, in Russian, a bare genitive) and runs to punctuation, a stop word, a date
    or, for an agreement, the name of a party."""
    lang = found.lang
    toks = found.tokens
    stops = _stops(lang)
    opener = _matcher("opens", lang).find(toks[end : end + 3])
    through = _through(lang)
    if opener and opener[0].start == 0:
        j = end + opener[0].end
    elif lang == "ru" and end < len(toks) and toks[end].text.islower() and toks[end].key not in stops:
        j = end
    elif end < len(toks) and through(Walk(toks, "", end, end)):
        j = end  # "acordo de cooperação | na área da ...": the walk holds the words as glue
    else:
        return end
    rules = list(_complement_rules(lang))
    if stop_at_names:
        rules.append(at_names(found))
    if lang == "de":
        rules.append(_german_lower_case)
    rules += [glue(_function_words(lang)), any_word]
    return walk(toks, rules, at=j, end=end, limit=end + _MAX_TOKENS).end


@cache
def _through(lang: str) -> Rule:
    return glue_before_lower(_matcher("through", lang))


@cache
def _complement_rules(lang: str) -> tuple[Rule, ...]:
    """The rules of a complement's walk that depend on its language only (built once)."""
    return (
        glue_phrases(_matcher("keeps", lang)),
        _through(lang),
        _coordinated,
        joined_words(key_set(entries("phrases", "joiners", lang, fallback=False), lang), _function_words(lang)),
        clause_after_capitals(tuple(entries("phrases", "participle_endings", lang, fallback=False))),
        boundary(_stops(lang), date_words(lang), punctuation=_PUNCT),
    )


@cache
def _stops(lang: str) -> frozenset[str]:
    return key_set(entries("phrases", "stops", lang, fallback=False), lang)


def _german_lower_case(w: Walk) -> Step | None:
    """In German a word in lower case, but for an article or an of-word, is no word of a name."""
    return END if w.token.text.islower() and w.token.key not in _function_words("de") else None


@cache
def _function_words(lang: str) -> frozenset[str]:
    """Articles and the words of complement openers: never the last word of a name."""
    words = {w for phrase in entries("phrases", "opens", lang, fallback=False) for w in phrase.split()}
    words |= {w for phrase in entries("phrases", "keeps", lang, fallback=False) for w in phrase.split()}
    return key_set(sorted(words), lang) | ARTICLES


def _coordinated(w: Walk) -> Step | None:
    """ "по гражданским, семейным и уголовным делам": a comma between two lower-case words of one
    ending (adjectives of one case) holds the name together."""
    toks, comma = w.tokens, w.at
    if toks[comma].text != "," or comma == 0 or comma + 1 >= len(toks):
        return None
    a, b = toks[comma - 1].text, toks[comma + 1].text
    alike = a.isalpha() and b.isalpha() and a.islower() and b.islower() and len(a) > 3 and a[-1] == b[-1]
    return GLUE if alike else None


def _sentence(toks: list[Token], i: int) -> tuple[int, int]:
    """The token range of the sentence around token ``i`` (between full stops)."""
    a = i
    while a > 0 and toks[a - 1].text not in {".", "!", "?"}:
        a -= 1
    b = i
    while b < len(toks) and toks[b].text not in {".", "!", "?"}:
        b += 1
    return a, b


def _inside_name(found: Found, char: int) -> bool:
    return any(m.type in ("Event", "Agreement") and m.start <= char < m.end for m in found.mentions)


@cache
def _heads(kind: str, lang: str) -> PhraseMatcher:
    """The heads of ``kind`` in ``lang`` (and English), each matched to its dictionary form."""
    m = PhraseMatcher(lang)
    for head in entries("phrases", kind, lang):
        m.add(head, head, case_sensitive=False)
    return m


@cache
def _matcher(name: str, lang: str) -> PhraseMatcher:
    return phrase_matcher(entries("phrases", name, lang, fallback=False), lang)


@cache
def _signing_matcher(lang: str) -> PhraseMatcher:
    """Cues saying that an agreement was signed, joined or concluded."""
    return phrase_matcher(entries("agreements_rel", "party", lang) + entries("cooperation", "AgreementSigned", lang), lang)


@cache
def _english() -> dict[str, str]:
    return dict(raw()["phrases"]["english"])
