"""Find the mentions of entities in an article's tokens.

In order of trust: gazetteer names (states, international bodies, named agencies), generic
agency kinds anchored to a state ("Russian Ministry of Internal Affairs", "Innenministerium
von Russland"), units of a named body ("Investigative Department of the ..."), then names
found by shape: title-case phrases headed by an organisation, event or agreement noun,
people (spaCy's NER where the language has a model, first names otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..model import Mention
from .lexicon import Token, fold, stem, tokenize
from .lexicons import entries, gazetteer, gazetteer_matcher, key_set, raw
from .names import russian_nominative
from .patterns import profile

CONNECTORS = {
    "en": {"of", "for", "the", "and", "on", "against", "in", "to", "&", "de", "la", "del", "-"},
    "de": {"für", "fur", "der", "des", "die", "das", "von", "zur", "zum", "und", "gegen", "-"},
    "ru": {"по", "и", "в", "с", "-"},
    "fr": {"de", "du", "des", "la", "le", "l", "et", "pour", "contre", "-"},
    "es": {"de", "del", "la", "el", "y", "para", "contra", "-"},
    "pt": {"de", "do", "da", "dos", "das", "e", "para", "contra", "-"},
    "it": {"di", "del", "della", "dei", "e", "per", "contro", "-"},
}
OF_WORDS = {"of", "von", "des", "der", "de", "du", "del", "do", "da", "di", "della", "dello", "in", "at", "from"}
ARTICLES = {
    "the",
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "la",
    "le",
    "les",
    "el",
    "los",
    "las",
    "il",
    "lo",
    "a",
    "an",
    "l",
}
ORDINAL = re.compile(
    r"^\d+(st|nd|rd|th|e|er|ème|º|°)?$|^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|annual|international|regional|global)$",
    re.I,
)


@dataclass
class Found:
    """Mentions found so far, with the tokens they cover (no two mentions share a token,
    except names of events and agreements, which may contain an organisation's name)."""

    tokens: list[Token]
    lang: str
    mentions: list[Mention] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # token span per mention
    taken: set[int] = field(default_factory=set)

    def mention(self, start: int, end: int, type_: str, *, source: str, **kw) -> Mention:
        """A mention of tokens ``start:end`` of ``source`` (not yet added: see :meth:`add`).

        A trailing possessive is not part of the name: "PGO's department" names "PGO".
        """
        toks = self.tokens
        text = _span_text(toks, start, end, source)
        possessive = _POSSESSIVE.search(text)
        if possessive and possessive.start() > 0:
            text = text[: possessive.start()]
        return Mention(
            text=text,
            start=toks[start].start,
            end=toks[start].start + len(text),
            type=type_,
            lang=self.lang,
            **kw,
        )

    def add(self, start: int, end: int, mention: Mention, *, claim: bool = True) -> int:
        self.mentions.append(mention)
        self.spans.append((start, end))
        if claim:
            self.taken.update(range(start, end))
        return len(self.mentions) - 1

    def drop(self, doomed: set[int]) -> None:
        """Remove mentions (and those that refer back to them), keeping indexes consistent."""
        doomed = set(doomed)
        changed = True
        while changed:
            changed = False
            for i, m in enumerate(self.mentions):
                if i not in doomed and (m.alias_of in doomed):
                    doomed.add(i)
                    changed = True
        keep = [i for i in range(len(self.mentions)) if i not in doomed]
        new_index = {old: new for new, old in enumerate(keep)}
        mentions = [self.mentions[i] for i in keep]
        for m in mentions:
            m.alias_of = new_index.get(m.alias_of) if m.alias_of is not None else None
            m.parent = new_index.get(m.parent) if m.parent is not None else None
        self.spans = [self.spans[i] for i in keep]
        self.mentions = mentions
        self.taken = {t for s, e in self.spans if s >= 0 for t in range(s, e)}

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.taken for i in range(start, end))

    def at(self, i: int) -> int | None:
        """Index of the mention covering token i (claimed mentions only)."""
        for m, (s, e) in enumerate(self.spans):
            if s <= i < e and self.mentions[m].type not in ("Event", "Agreement"):
                return m
        return None


_POSSESSIVE = re.compile(r"['’]s$")


def _span_text(toks: list[Token], start: int, end: int, text: str) -> str:
    return text[toks[start].start : toks[end - 1].end]


# --- gazetteer and agency kinds ---------------------------------------------------------


def gazetteer_mentions(found: Found, text: str) -> None:
    """States, international bodies, named agencies, and agency kinds anchored to a state."""
    gaz = gazetteer()
    toks = found.tokens
    matches = gazetteer_matcher(found.lang).find(toks)
    by_start = {m.start: m for m in matches}
    sides = key_set(entries("people", "side_words", found.lang), found.lang)
    # "Embaixada dos Estados Unidos": the language's contracted of-words too
    of_words = OF_WORDS | key_set(entries("bodies", "of", found.lang, fallback=False), found.lang)
    used: set[int] = set()
    defined: dict[str, int] = {}  # acronym -> the body of the article's own it was defined for
    for idx, m in enumerate(matches):
        if idx in used:
            continue
        g = m.value
        if g.kind == "entry":
            entry = gaz.entries[g.key]
            start, end = m.start, m.end
            if m.case_sensitive and _defined_otherwise(toks, start, end):
                continue
            named = _named_otherwise(found, start, end, entry, matches) if m.case_sensitive else None
            if named is not None:
                body = _body_and_acronym(found, text, named, start)
                if body is not None:
                    defined[_span_text(toks, start, end, text)] = body
                continue
            body = defined.get(_span_text(toks, start, end, text)) if m.case_sensitive else None
            if body is not None:
                # the article defined this acronym for a body of its own: "L'OFAC a arrêté ..."
                # after "l'Office anti-cybercriminalité (OFAC)" is not the US OFAC
                short = found.mention(start, end, found.mentions[body].type, source=text)
                short.alias_of = body
                found.add(start, end, short)
                continue
            if entry.type == "Agreement":
                _agreement_and_authors(found, text, start, end, entry.key)
                continue
            found.add(
                start,
                end,
                found.mention(start,
                    end,
                    entry.type,
                    key=entry.key,
                    jurisdiction=entry.jurisdiction or entry.iso,
                    source=text,
                ),
            )
        elif g.kind in ("kind", "kind_lc", "minister"):
            if g.kind != "minister" and m.end - m.start == 1 and fold(toks[m.start].text) in _post_words(found.lang):
                continue  # "Botschafter" stems like "Botschaft": a person's post, not a body
            start, end, iso = _anchor_kind(toks, m.start, m.end, matches, by_start, used, sides, of_words)
            if iso is None and (g.kind == "kind_lc" or not toks[m.start].is_title):
                continue
            if iso is None and _bare_head_opening(found, m.start, m.end, text):
                continue  # "Police and judicial authorities from seven countries ...": no name
            entry = gaz.agency_for(g.key, iso) if iso else None
            if entry:
                found.add(
                    start, end, found.mention(start, end, "Agency", key=entry.key, jurisdiction=iso, source=text)
                )
            else:
                if iso is None:
                    start = _extend_left(found, start)
                name = gaz.kind_label(g.key, iso) if iso else _strip_article(_span_text(toks, start, m.end, text))
                if iso is None and start == m.start:
                    name = _kind_alias(toks[m.start : m.end], g.key, found.lang) or name
                elif iso is None and found.lang == "de":
                    name = _german_dictionary_name(toks, start, m.start, m.end, g.key) or name
                if g.kind == "minister" and not iso:
                    name = gaz.kinds[g.key].label
                found.add(
                    start,
                    end,
                    found.mention(start, end, "Agency", name=name, jurisdiction=iso, role=f"kind:{g.key}", source=text
                    ),
                )
        elif g.kind == "demonym":
            post = _minister_around(toks, m, found.lang)
            if post is not None and found.free(m.start - 1, post[0]):
                # "la ministra chilena de Seguridad Pública": the post names its state's ministry
                end, kind = post
                used.update(k for k, x in enumerate(matches) if m.end <= x.start < end)
                iso = gaz.entries[g.key].iso
                entry = gaz.agency_for(kind, iso)
                found.add(m.start - 1, end, found.mention(
                    m.start - 1, end, "Agency", key=entry.key if entry else None, jurisdiction=iso,
                    name=None if entry else gaz.kind_label(kind, iso), role=None if entry else f"kind:{kind}",
                    source=text,
                ))
                continue
            # A bare adjective ("Uzbek colleagues", "belarussische Staatsbürger") names the state.
            found.add(m.start, m.end, found.mention(m.start, m.end, "State", key=g.key, source=text, name="demonym"))


def _bare_head_opening(found: Found, start: int, end: int, text: str) -> bool:
    """Whether a kind's name is one generic head noun ("Police", "Policía") capitalised only
    because it opens a sentence: a common noun there, no body's name. German capitalises
    every noun, so its capital says nothing either way and is left to the other rules.

    >>> text = "Police and judges met. The Police said so."
    >>> found = Found(tokenize(text, "en"), "en")
    >>> _bare_head_opening(found, 0, 1, text), _bare_head_opening(found, 6, 7, text)
    (True, False)
    """
    if end - start != 1 or found.lang == "de":
        return False
    toks = found.tokens
    if toks[start].key not in key_set(entries("org_heads", "agency", found.lang), found.lang):
        return False
    return start == 0 or toks[start - 1].text in {".", "!", "?"} or "\n" in text[toks[start - 1].end : toks[start].start]


def _minister_around(toks: list[Token], demonym, lang: str) -> tuple[int, str] | None:
    """(end token, agency kind) of a minister's post written around a demonym ("la ministra
    chilena de Seguridad Pública", "the Ghanaian Minister for Communications" has it before),
    or None: the post word before the demonym and the field after it name a ministry."""
    if demonym.start == 0:
        return None
    spliced = toks[demonym.start - 1 : demonym.start] + toks[demonym.end : demonym.end + MAX_POST_FIELD]
    first = next(iter(gazetteer_matcher(lang).find(spliced)), None)
    if first is None or first.start != 0 or first.end < 2 or first.value.kind != "minister":
        return None
    return demonym.end + first.end - 1, first.value.key


#: Tokens of a post's field after its demonym ("de Seguridad Pública y Ciudadana").
MAX_POST_FIELD = 8


@cache
def _post_words(lang: str) -> frozenset[str]:
    """Posts and titles of people as written (folded, not stemmed): a stem they share with a
    body's head word ("Botschafter", "Botschaft") must not make the post a body."""
    words = entries("people", "official_roles", lang) + entries("people", "titles", lang)
    return frozenset(fold(w) for w in words if " " not in w)


def _agreement_and_authors(found: Found, text: str, start: int, end: int, key: str) -> None:
    """A well-known agreement, and the bodies and states its name holds ("the Council of
    Europe" in "Convention sur la cybercriminalité du Conseil de l'Europe"), so that its
    authors are mentions of their own (and no other name is found inside it)."""
    found.add(start, end, found.mention(start, end, "Agreement", key=key, source=text))
    gaz = gazetteer()
    # the name less its last or its first word: the agreement's own name cannot match again
    inner = [(start, m) for m in gazetteer_matcher(found.lang).find(found.tokens[start : end - 1])]
    inner += [(start + 1, m) for m in gazetteer_matcher(found.lang).find(found.tokens[start + 1 : end])]
    for offset, m in inner:
        entry = gaz.entries.get(m.value.key) if m.value.kind == "entry" else None
        s, e = offset + m.start, offset + m.end
        if entry is not None and entry.type != "Agreement" and found.at(s) is None:
            mention = found.mention(s, e, entry.type, key=entry.key, jurisdiction=entry.jurisdiction or entry.iso,
                                    source=text)
            found.add(s, e, mention)


def _kind_alias(toks: list[Token], kind: str, lang: str) -> str | None:
    """The kind's own name that ``toks`` inflect ("des Bundeskriminalamtes" is the
    "Bundeskriminalamt"), so that every case of an unanchored name is one node."""
    keys = [t.key for t in toks]
    for name, name_lang in gazetteer().kinds[kind].names:
        if name_lang == lang and [t.key for t in tokenize(name, lang)] == keys:
            return name
    return None


#: Endings of a declined German adjective after the -e of its weak nominative, and the
#: adjective suffixes they follow ("Bayerisch|en", "Zentral|en"); "Berliner" is a city's
#: indeclinable adjective and is left as written.
_DE_CASE_ENDINGS = ("en", "er", "es", "em")
_DE_ADJECTIVE_SUFFIXES = ("isch", "sch", "lich", "ig", "al", "ell", "iv", "är", "ar", "ös")


def _german_dictionary_name(toks: list[Token], start: int, head: int, end: int, kind: str) -> str | None:
    """The name of tokens ``start:end`` as written after "der/die/das" in the nominative: its
    adjectives in the weak form (-e, for every gender) and its head as the kind names it, so
    that every case of one body is one name ("des Bayerischen Landeskriminalamts" and "das
    Bayerische Landeskriminalamt").

    >>> toks = tokenize("des Bayerischen Landeskriminalamts", "de")
    >>> _german_dictionary_name(toks, 1, 2, 3, "state-criminal-police-office")
    'Bayerische Landeskriminalamt'
    >>> toks = tokenize("der Berliner Landeskriminalamtes", "de")
    >>> _german_dictionary_name(toks, 1, 2, 3, "state-criminal-police-office")
    'Berliner Landeskriminalamt'
    """
    noun = _kind_alias(toks[head:end], kind, "de")
    if noun is None:
        return None
    return " ".join([_weak_nominative(t.text) for t in toks[start:head]] + [noun])


def _weak_nominative(word: str) -> str:
    for ending in _DE_CASE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem.lower().endswith(_DE_ADJECTIVE_SUFFIXES):
            return stem + "e"
    return word


def _extend_left(found: Found, start: int) -> int:
    """ "Federal Ministry of the Interior": free title-case words before a kind's name that
    are not a post ("Deputy") or a sentence opener belong to the name."""
    toks = found.tokens
    roles = key_set(entries("people", "official_roles", found.lang), found.lang)
    lead = key_set(entries("noise", "leading_words", found.lang), found.lang)
    while (
        start > 0
        and toks[start - 1].is_title
        and found.free(start - 1, start)
        and toks[start - 1].text.isalpha()
        and toks[start - 1].key not in roles | lead | ARTICLES
    ):
        start -= 1
    return start


def _defined_otherwise(toks: list[Token], start: int, end: int) -> bool:
    """ "card not present (CNP)": an acronym the text defines as words of its own."""
    if start < 2 or end >= len(toks) or toks[start - 1].text != "(" or toks[end].text != ")":
        return False
    acr = toks[start].text
    words = [t for t in toks[max(0, start - 1 - len(acr)) : start - 1] if t.text.isalpha()]
    return (
        len(words) == len(acr)
        and "".join(w.text[0] for w in words).upper() == acr.upper()
        and not all(w.is_title for w in words)
    )


def _named_otherwise(found: Found, start: int, end: int, entry, matches) -> int | None:
    """ "l'Office anti-cybercriminalité (OFAC)": an acronym in brackets after a body's name that
    is not the gazetteer's body, written in the article's language, which the state of the
    gazetteer's body does not speak, belongs to that name (the US OFAC is another office).
    Returns the first token of that name, or None."""
    toks = found.tokens
    if start < 3 or end >= len(toks) or toks[start - 1].text != "(" or toks[end].text != ")":
        return None
    state = gazetteer().state(entry.jurisdiction) if entry.jurisdiction else None
    if state is None or not state.languages or found.lang in state.languages:
        return None
    if any(m.end == start - 1 and m.value.kind == "entry" and m.value.key == entry.key for m in matches):
        return None  # "le Federal Bureau of Investigation (FBI)"
    heads = key_set(entries("org_heads", "agency", found.lang), found.lang)
    first = start - 1
    while first > max(0, start - 7) and toks[first - 1].text not in {".", ",", ";", ":", "(", ")"}:
        first -= 1
    words = [_ELISION.sub("", t.text) for t in toks[first : start - 1]]
    # the name starts at its head noun ("l'Office anti-cybercriminalité") or at the capitalised
    # words right before it ("die Zentrale Kriminaldirektion")
    head = next((k for k in range(len(words) - 1, -1, -1) if stem(fold(words[k]), found.lang) in heads), None)
    if head is None:
        return None
    while head > 0 and words[head - 1][:1].isupper():
        head -= 1
    return first + head if len(words) - head >= 2 else None


_ELISION = re.compile(r"^[ld]['’]", re.I)


def _languages_of(m: Mention) -> frozenset[str]:
    """The languages of the state a mention's gazetteer body belongs to."""
    gaz = gazetteer()
    entry = gaz.entries.get(m.key) if m.key else None
    state = gaz.state(entry.jurisdiction) if entry and entry.jurisdiction else None
    return state.languages if state else frozenset()


def _body_and_acronym(found: Found, text: str, first: int, acronym: int) -> int | None:
    """The body named from token ``first`` up to the bracket before ``acronym``, and the
    acronym as another mention of it; where the name is already a mention (the gazetteer's
    entry of a body whose acronym it does not list), the acronym is that mention's."""
    if not found.free(first, acronym):
        # the name is the gazetteer's body of a state speaking the article's language: the
        # acronym is its own ("l'Office anti-cybercriminalité (OFAC)" in a French text)
        named = found.at(acronym - 2)
        if (
            named is None
            or found.spans[named][1] != acronym - 1
            or not found.free(acronym, acronym + 1)
            or found.lang not in _languages_of(found.mentions[named])
        ):
            return None
        i = named
    else:
        body = found.mention(first, acronym - 1, "Agency", source=text)
        body.name = _ELISION.sub("", body.text)
        i = found.add(first, acronym - 1, body)
    short = found.mention(acronym, acronym + 1, "Agency", source=text)
    short.alias_of = i
    found.add(acronym, acronym + 1, short)
    return i


def _anchor_kind(
    toks, start, end, matches, by_start, used, sides=frozenset(), of_words=frozenset(OF_WORDS)
) -> tuple[int, int, str | None]:
    """Extend a kind match with the state it belongs to: a demonym or a state's possessive
    before it (or the side a delegate speaks for: "für die moldauische Seite Innenminister"),
    or 'of/von/des (the) STATE' (or a bare genitive STATE, or a demonym right after
    it, as French, Spanish and Portuguese write them) after it."""
    gaz = gazetteer()
    iso = None
    # before: "Russian Ministry ...", "Russia's Interior Ministry", "the russischen Innenministeriums"
    for idx, m in enumerate(matches):
        gap = [t.key for t in toks[m.end : start]]
        side = 0 < len(gap) <= 3 and gap[0] in sides and not {".", ";", ":"} & set(gap)
        if m.end == start or (m.end == start - 1 and toks[start - 1].key in ARTICLES) or side:
            g = m.value
            if g.kind == "demonym" or (g.kind == "entry" and gaz.entries[g.key].type == "State"):
                iso = gaz.entries[g.key].iso
                used.add(idx)
                start = start if side else m.start
                break
    if iso is None:
        j = end
        while j < len(toks) and (toks[j].key in of_words or toks[j].key in ARTICLES):
            j += 1
        if j - end <= 3 and j in by_start:
            m = by_start[j]
            g = m.value
            # "... of Russia"; or an adjective right after the name: "la police néerlandaise"
            state = g.kind == "entry" and gaz.entries[g.key].type == "State"
            if state or (g.kind == "demonym" and j == end):
                iso = gaz.entries[g.key].iso
                used.add(next(i for i, x in enumerate(matches) if x is m))
                end = m.end
    return start, end, iso


def _strip_article(name: str) -> str:
    return re.sub(r"^(the|der|die|das|la|le|el|il)\s+", "", name, flags=re.I)


# --- names by shape ------------------------------------------------------------------------


def date_words(lang: str) -> frozenset[str]:
    """Keys of the weekdays and months of ``lang`` (and English): where a name ends."""
    return key_set(entries("noise", "dates", lang), lang)


def _ends_name(tok: Token, dates: frozenset[str]) -> bool:
    """A date word or a bare number: no name goes on into it ("Court on Friday 4 November")."""
    return tok.key in dates or tok.text.isdigit()


def title_runs(toks: list[Token], lang: str, text: str = "") -> list[tuple[int, int]]:
    """Maximal runs of title-case tokens, joined by connector words ("of", "für", ...),
    never across a line break nor into a date.

    >>> toks = tokenize("the Wellington District Court on Friday 4 November", "en")
    >>> [" ".join(t.text for t in toks[s:e]) for s, e in title_runs(toks, "en")]
    ['Wellington District Court']
    """
    conn = CONNECTORS.get(lang, set()) | CONNECTORS["en"]
    dates = date_words(lang)
    runs, i, n = [], 0, len(toks)
    while i < n:
        if not _titleish(toks[i]) or _ends_name(toks[i], dates):
            i += 1
            continue
        if i >= 2 and toks[i - 1].text == "-" and len(toks[i - 2].text) == 1 and toks[i - 2].text.islower():
            i -= 2  # "e-Commerce Action"
        j = i + 1
        while j < n:
            if text and "\n" in text[toks[j - 1].end : toks[j].start]:
                break
            if _ends_name(toks[j], dates):
                break
            if _titleish(toks[j]):
                j += 1
                continue
            k = j
            while k < n and toks[k].key in conn and k - j < 3:
                k += 1
            if k > j and k < n and _titleish(toks[k]) and not _ends_name(toks[k], dates):
                j = k
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _titleish(t: Token) -> bool:
    return bool(
        t.text[:1].isupper()
        or (t.text[:1].islower() and any(c.isupper() for c in t.text[1:]))
        or ORDINAL.match(t.text)
        and t.text[:1].isdigit()
    )


def shaped_mentions(found: Found, text: str) -> None:
    """Events, agreements, agencies, units and companies recognised by their head noun."""
    lang = found.lang
    toks = found.tokens
    ev_heads = key_set(entries("events", "heads", lang), lang)
    ag_heads = key_set(entries("agreements", "heads", lang), lang)
    org_heads = key_set(entries("org_heads", "agency", lang), lang)
    co_heads = key_set(entries("org_heads", "company", lang), lang)
    roles = key_set(entries("people", "official_roles", lang), lang)
    noise = {fold(n) for n in raw()["noise"]["not_entities"]}
    lead = key_set(entries("noise", "leading_words", lang), lang)
    for start, end in title_runs(toks, lang, text):
        # leading "The"/sentence-initial function words are not part of a name
        while start < end and (toks[start].key in ARTICLES or toks[start].key in lead):
            start += 1
        if start >= end:
            continue
        keys = [t.key for t in toks[start:end]]
        phrase = _span_text(toks, start, end, text)
        if fold(phrase) in noise:
            continue
        if _has_head(keys, ev_heads) or _has_head(keys, ag_heads):
            type_ = "Agreement" if _head_of(keys, ag_heads, ev_heads) == "ag" else "Event"
            s = start
            if s > 0 and ORDINAL.match(toks[s - 1].text):
                s -= 1
            if end - start == 1 and type_ == "Event":
                continue  # a bare "Conference" is not a name
            if _overlaps_name(found, toks[s].start, toks[end - 1].end) or _within_bodies(found, s, end):
                continue
            found.add(s, end, found.mention(s, end, type_, source=text), claim=False)
            continue
        if not found.free(start, end) or re.search(r"\s[–—]\s", phrase):
            continue  # "Migration – Integration – Security" is a motto, not a body
        if keys[-1] in org_heads or any(k in org_heads for k in keys[1:]):
            if not _bare_head_opening(found, start, end, text):
                found.add(start, end, found.mention(start, end, "Agency", source=text))
        elif end - start > 1 and keys[-1].rstrip(".") in {k.rstrip(".") for k in co_heads}:
            # a company word alone ("Security researchers") names nothing
            if not _field_of_a_post(toks, start, roles | org_heads):
                found.add(start, end, found.mention(start, end, "PrivateOrganization", source=text))


def _within_bodies(found: Found, start: int, end: int) -> bool:
    """Whether every token of ``start:end`` belongs to a body found already: "Организации
    Договора" inside the "Организация Договора о коллективной безопасности" names no treaty."""
    return all(found.at(k) is not None and found.mentions[found.at(k)].type != "State" for k in range(start, end))


def _field_of_a_post(toks: list[Token], start: int, posts: frozenset[str]) -> bool:
    """Whether the name at ``start`` is the field of a post or body: "minister of Public
    Security", "Department of Homeland Security" (not a company)."""
    return start >= 2 and toks[start - 1].key in OF_WORDS and toks[start - 2].key in posts


def _has_head(keys: list[str], heads: frozenset[str]) -> bool:
    return any(k in heads for k in keys) or any(" ".join(keys[i : i + 2]) in heads for i in range(len(keys) - 1))


def _head_of(keys, ag_heads, ev_heads) -> str:
    for k in keys:
        if k in ag_heads:
            return "ag"
        if k in ev_heads:
            return "ev"
    return "ev"


def quoted_events(found: Found, text: str) -> None:
    """'the international conference "Main Directions for ..."' and 'Operation “Dark Web”'."""
    heads = entries("events", "heads", found.lang) + entries("events", "operation_words", found.lang)
    pat = re.compile(
        r"\b("
        + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
        + r")\s*[“\"«‘'„]([^”\"»’'“]{3,120})[”\"»’'“]",
        re.I,
    )
    for m in pat.finditer(text):
        name = m.group(2).strip()
        if not name[:1].isupper():
            continue
        s, e = m.start(2), m.start(2) + len(name)
        head = m.group(1)
        label = (
            f"Operation {name}"
            if head.lower() in {w.lower() for w in entries("events", "operation_words", found.lang)}
            else name
        )
        found.mentions.append(Mention(text=text[s:e], start=s, end=e, type="Event", lang=found.lang, name=label))
        found.spans.append((-1, -1))
    operation_names(found, text)


def operation_names(found: Found, text: str) -> None:
    """ "operation Onymous", "Operation Dark Web": the word for operation, then up to three
    capitalised words (not a sentence opener such as "Here")."""
    words = entries("events", "operation_words", found.lang)
    lead = {
        w.casefold() for w in entries("noise", "leading_words", found.lang) + entries("noise", "calendar", found.lang)
    }
    pat = re.compile(
        r"\b(?i:" + "|".join(re.escape(w) for w in words) + r")\s+((?:[A-Z][\w’'-]*)(?:[ \t]+[A-Z][\w’'-]*){0,2})"
    )
    taken = [(m.start, m.end) for m in found.mentions if m.type == "Event"]
    for m in pat.finditer(text):
        parts = m.group(1).split()
        while parts and parts[-1].casefold() in lead:
            parts.pop()
        if not parts or not parts[0][:1].isupper() or parts[0].casefold() in lead:
            continue
        name = " ".join(parts)
        s, e = m.start(), m.start(1) + len(name)
        if any(a < e and s < b for a, b in taken):
            continue
        label = f"Operation {name}"
        found.mentions.append(Mention(text=text[s:e], start=s, end=e, type="Event", lang=found.lang, name=label))
        found.spans.append((-1, -1))
        taken.append((s, e))


# --- people ------------------------------------------------------------------------------------


def person_mentions(found: Found, text: str, ents: list[tuple[int, int, str]]) -> None:
    """People: spaCy's PERSON spans where the language has a model, else a known first name
    followed by a capitalised surname."""
    toks = found.tokens
    org_heads = key_set(entries("org_heads", "agency", found.lang), found.lang)
    noise = {fold(n) for n in raw()["noise"]["not_entities"]}
    by_char = {t.start: i for i, t in enumerate(toks)}
    end_char = {t.end: i for i, t in enumerate(toks)}
    spans: list[tuple[int, int]] = []
    for s_char, e_char, label in ents:
        if label not in ("PERSON", "PER"):  # OntoNotes and WikiNER label sets
            continue
        name = text[s_char:e_char]
        name = re.sub(r"['’]s$", "", name)
        e_char = s_char + len(name)
        if s_char in by_char and e_char in end_char:
            spans.append((by_char[s_char], end_char[e_char] + 1))
    if not any(label in ("PERSON", "PER") for _, _, label in ents):
        firsts = key_set(entries("people", "first_names", found.lang), found.lang)
        for i, t in enumerate(toks[:-1]):
            if t.key in firsts and t.is_title and toks[i + 1].is_title and toks[i + 1].key not in org_heads:
                j = i + 2
                if (
                    j < len(toks)
                    and toks[j].is_title
                    and toks[j].text.isalpha()
                    and toks[j].key not in org_heads
                    and j - i < 3
                ):
                    j += 1
                spans.append((i, j))
        spans += _after_posts(toks, found.lang, org_heads)
    spans += _after_titles(found, org_heads)
    not_names = key_set(entries("people", "not_person_words", found.lang), found.lang)
    firsts = set(entries("people", "first_names", found.lang))
    # forms of address, ranks and posts are not part of a name ("Mme Morel": the surname,
    # linked later; "Superintendent Herbert Gyamfi" is Herbert Gyamfi)
    leading = key_set(
        entries("people", "honorifics", found.lang)
        + entries("people", "titles", found.lang)
        + entries("people", "official_roles", found.lang),
        found.lang,
    )
    for s, e in spans:
        while s < e and toks[s].key in leading:
            s += 1
        if s == e:
            continue
        words = [t for t in toks[s:e] if t.text.isalpha() or "." in t.text]
        keys = [t.key for t in toks[s:e]]
        _free_states_inside(found, s, e)
        if not found.free(s, e) or _overlaps_name(found, toks[s].start, toks[e - 1].end):
            continue
        if any(k in org_heads or k in not_names for k in keys) or fold(text[toks[s].start : toks[e - 1].end]) in noise:
            continue
        # a single word is a surname met again (linked later), not a new person
        if len(words) < 2 or not all(t.text[:1].isupper() for t in words):
            continue
        mention = found.mention(s, e, "Person", source=text)
        if found.lang in ("ru", "uk", "be"):
            nominative = russian_nominative(mention.text, firsts)
            mention.name = nominative if nominative != mention.text else None
        found.add(s, e, mention)


def _free_states_inside(found: Found, start: int, end: int) -> None:
    """Drop the states the gazetteer found inside a person's name after its first word
    ("Óscar Mauricio Peña": Mauricio is Mauritius in Spanish), so the name can be claimed."""
    inside = {found.at(k) for k in range(start + 1, end)} - {None}
    if inside and all(
        found.mentions[m].type == "State" and start < found.spans[m][0] and found.spans[m][1] <= end for m in inside
    ):
        found.drop(inside)


def _after_titles(found: Found, org_heads: frozenset[str]) -> list[tuple[int, int]]:
    """ "Lieutenant General Pham The Tung", "Prime Minister Narendra Modi", "Dr. Ulrike
    Hansen": two to four capitalised words after a rank or post are a name, whatever the NER
    model says. A state the post is held in may stand between ("Ambassador to Ghana Margaret
    Hollis")."""
    toks, lang = found.tokens, found.lang
    titles = key_set(entries("people", "titles", lang), lang)
    roles = key_set(entries("people", "official_roles", lang), lang)
    out = []
    for i, t in enumerate(toks[:-2]):
        if t.key not in titles:
            continue
        first = _past_host(found, _after_abbreviation(toks, i + 1))
        if first < len(toks) and toks[first].key in titles | roles:
            continue
        j = first
        while (
            j < len(toks)
            and j - first < 4
            and toks[j].is_title
            and toks[j].text.replace(".", "").isalpha()
            and toks[j].key not in org_heads | roles | titles
        ):
            j += 1
        if j - first >= 2:
            out.append((first, j))
    return out


def _after_abbreviation(toks: list[Token], i: int) -> int:
    """Token ``i``, or the one after it where it is the period of an abbreviation ("Dr.")."""
    return i + 1 if i < len(toks) and toks[i].text == "." and toks[i - 1].text.isalpha() else i


def _past_host(found: Found, i: int) -> int:
    """Token ``i``, or the one after "to <State>" / "en <State>" that starts there: the state a
    post is held in, between the post and the name."""
    if i >= len(found.tokens) or found.tokens[i].key not in profile(found.lang).host_words:
        return i
    k = i + 1 if i + 1 < len(found.tokens) and found.tokens[i + 1].key in ARTICLES else i
    state = found.at(k + 1)
    if state is None or found.mentions[state].type != "State":
        return i
    return found.spans[state][1]


#: Lower-case particles inside a name ("Catherine De Bolle", "Luiz da Silva").
NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "van", "von", "der", "di", "le", "la"})
#: Marks that end a name set off in a sentence.
_NAME_ENDS = frozenset({",", ".", ";", ":", "(", ")", "«", "»", "“", "”", '"', "–", "—"})


def _after_posts(toks: list[Token], lang: str, org_heads: frozenset[str]) -> list[tuple[int, int]]:
    """Names where the language has no NER model, from the post they follow:
    "Innenminister Victor Rusu" (right after a post word), "o coordenador de investigação
    criminal Vasco Rebelo" (after the post's lower-case field) and "la directora general de la
    Guardia Civil, Mercedes Pardo, subrayó" or "el director de la DIJIN, el general Óscar
    Peña" (set off by a comma after a clause naming a post; an article and a rank may come
    first). Two or three capitalised words (particles allowed inside) that end at a mark or a
    lower-case word; names of bodies and places are excluded later (``Found.free``)."""
    ranks = key_set(entries("people", "titles", lang), lang)
    posts = key_set(entries("people", "official_roles", lang), lang) | ranks | profile(lang).post_words
    out = []
    for i, t in enumerate(toks[:-2]):
        if t.key in posts:
            start = _past_field(toks, _after_abbreviation(toks, i + 1))
        elif t.text == "," and _post_in_clause(toks, i, posts):
            start = i + 1
        else:
            continue
        start = _past_ranks(toks, start, ranks)
        j, words = start, 0
        while j < len(toks) and words < 4:
            w = toks[j]
            if w.is_title and w.text.replace("-", "").isalpha() and w.key not in org_heads | posts:
                words += 1
            elif not (words and w.text in NAME_PARTICLES and j + 1 < len(toks) and toks[j + 1].is_title):
                break
            j += 1
        ends = j == len(toks) or toks[j].text in _NAME_ENDS or toks[j].text[:1].islower()
        if 2 <= words <= 3 and ends:
            out.append((start, j))
    return out


def _past_field(toks: list[Token], i: int, *, reach: int = 5) -> int:
    """Token ``i``, or the first capitalised token after the lower-case field of a post that
    starts there with an of-word ("coordenador de investigação criminal Vasco Rebelo"). A
    capitalised word right after the of-word is a body's name, not a person's."""
    if i >= len(toks) or toks[i].key not in OF_WORDS:
        return i
    k = i + 1
    while k < len(toks) and k - i <= reach and toks[k].text.isalpha() and toks[k].text[:1].islower():
        k += 1
    return k if k > i + 1 and k < len(toks) and toks[k].is_title and k - i <= reach else i


def _past_ranks(toks: list[Token], i: int, ranks: frozenset[str], *, reach: int = 3) -> int:
    """Token ``i``, or the one after the article and ranks that start there ("el general",
    "le commandant", "Chief Superintendent")."""
    k = i
    while k < len(toks) and k - i < reach and (toks[k].key in ARTICLES or toks[k].key in ranks):
        k += 1
    return k if k < len(toks) and toks[k].is_title else i


def _post_in_clause(toks: list[Token], comma: int, posts: frozenset[str], *, reach: int = 12) -> bool:
    """Whether a post word stands in the clause that ends at the comma at token ``comma``."""
    for k in range(comma - 1, max(-1, comma - 1 - reach), -1):
        if toks[k].text in _NAME_ENDS:
            return False
        if toks[k].key in posts:
            return True
    return False


def _overlaps_name(found: Found, start: int, end: int) -> bool:
    """Whether a character span overlaps an event's or agreement's name."""
    return any(m.type in ("Event", "Agreement") and m.start < end and start < m.end for m in found.mentions)


def company_mentions(found: Found, text: str, ents: list[tuple[int, int, str]]) -> None:
    """spaCy ORG spans that are neither government bodies nor news agencies: companies."""
    toks = found.tokens
    by_char = {t.start: i for i, t in enumerate(toks)}
    end_char = {t.end: i for i, t in enumerate(toks)}
    noise = {fold(n) for n in raw()["noise"]["not_entities"]}
    org_heads = key_set(entries("org_heads", "agency", found.lang), found.lang)
    roles = key_set(entries("people", "official_roles", found.lang), found.lang)
    co_heads = {k.rstrip(".") for k in key_set(entries("org_heads", "company", found.lang), found.lang)}
    for s_char, e_char, label in ents:
        if label != "ORG":
            continue
        name = re.sub(r"^(the|The)\s+", "", text[s_char:e_char])
        s_char = e_char - len(name)
        name = re.sub(r"['’]s$", "", name)
        e_char = s_char + len(name)
        if s_char not in by_char or e_char not in end_char:
            continue
        s, e = by_char[s_char], end_char[e_char] + 1
        keys = [t.key for t in toks[s:e]]
        if (
            not found.free(s, e)
            or fold(name) in noise
            or any(k in org_heads for k in keys)
            or _overlaps_name(found, s_char, e_char)
        ):
            continue
        if not _company_like(name, text, s_char) or _names_person(found, name, lang=found.lang):
            continue
        if not (keys[-1].rstrip(".") in co_heads or _company_context(text, s_char, e_char, found.lang)):
            continue
        if len(keys) == 1 and keys[0].rstrip(".") in co_heads:
            continue  # a company word alone ("Security") names nothing
        if _field_of_a_post(toks, s, roles | org_heads):
            continue
        found.add(s, e, found.mention(s, e, "PrivateOrganization", source=text))


_GLUE = {"*", "&", "-", "+", "'", "’"}


def legal_name_companies(found: Found, text: str) -> None:
    """Companies named with a legal form or as a bank, which need no context: "Zug Bitcoin
    Suisse AG", "E*Trade Financial Corp.", "Loyal Bank", "Bank Alpinum". A state named
    inside such a name ("Suisse") is part of it; state banks ("National Bank of ...") are not
    companies."""
    toks = found.tokens
    forms = {fold(w) for w in entries("org_heads", "legal_forms", found.lang)}
    banks = {fold(w) for w in entries("org_heads", "banks", found.lang)}
    state_banks = {fold(w) for w in entries("org_heads", "state_banks", found.lang)}
    lead = key_set(entries("noise", "leading_words", found.lang), found.lang)
    i = 0
    while i < len(toks):
        span = _legal_name(found, i, forms, banks, state_banks, lead)
        if span and _claim_over_states(found, *span):
            found.add(*span, found.mention(*span, "PrivateOrganization", source=text))
            i = span[1]
        else:
            i += 1


def _legal_name(found: Found, i: int, forms: set, banks: set, state_banks: set, lead) -> tuple[int, int] | None:
    """The token span of a company name whose legal form or bank word is token ``i``."""
    toks = found.tokens
    word, end = fold(toks[i].text), i + 1
    if not toks[i].is_title or (word not in forms and word not in banks):
        return None
    start = _name_start(found, i, lead)
    if word in forms:
        if start == i:
            return None
        if end + 1 < len(toks) and toks[end].text == "." and toks[end].start == toks[i].end:
            end += int(not toks[end + 1].is_title)  # "Corp. and ...", not the end of a sentence
    else:
        if end < len(toks) and toks[end].key in OF_WORDS:
            return None  # "Bank of ...": a central bank as often as a company
        if start == i:  # "Bank Alpinum"
            while end < len(toks) and end - i <= 2 and toks[end].is_title and found.free(end, end + 1):
                end += 1
        if end - start < 2 or any(fold(t.text) in state_banks for t in toks[start:end]):
            return None
    before = start - 1
    while before >= 0 and toks[before].text in _GLUE:
        before -= 1
    if before >= 0 and not found.free(before, before + 1) and not _state_at(found, before):
        return None  # the name goes on into one found already ("JPMorgan Chase" & Co.)
    return start, end


def _name_start(found: Found, i: int, lead: frozenset[str]) -> int:
    """First token of the capitalised name that ends at token ``i`` (at most 6 tokens back;
    "E*Trade", "AT&T" and "Procter & Gamble" are one name)."""
    toks = found.tokens
    j = i
    while j > 0 and i - j < 6:
        prev, cur = toks[j - 1], toks[j]
        glued = prev.end == cur.start and (prev.text in _GLUE or cur.text in _GLUE)
        claimed = not found.free(j - 1, j) and not _state_at(found, j - 1)
        if claimed or not (glued or prev.text == "&" or (prev.is_title and prev.key not in lead)):
            break
        j -= 1
    while j < i and toks[j].text in _GLUE:
        j += 1
    return j


def _state_at(found: Found, t: int) -> bool:
    m = found.at(t)
    return m is not None and found.mentions[m].type == "State"


def _claim_over_states(found: Found, start: int, end: int) -> bool:
    """Free tokens start..end for a new name, dropping the States it contains; False if
    another kind of mention (or a State reaching outside) holds one of them."""
    inside = {m for m, (s, e) in enumerate(found.spans) if s >= 0 and s < end and start < e}
    if any(
        found.mentions[m].type != "State" or not start <= found.spans[m][0] <= found.spans[m][1] <= end for m in inside
    ):
        return False
    if inside:
        found.drop(inside)
    return True


def apposition_companies(found: Found, text: str) -> None:
    """A name next to a company word: "shipping company Maersk", "the exchange BTC-e",
    "Mt Gox, the failed bitcoin exchange"."""
    toks = found.tokens
    cues = key_set(entries("org_heads", "apposition", found.lang), found.lang)
    lead = key_set(entries("noise", "leading_words", found.lang), found.lang)
    noise = {fold(n) for n in raw()["noise"]["not_entities"]}
    for i, cue in enumerate(toks[:-1]):
        if cue.key not in cues or (cue.is_title and found.lang != "de"):
            continue
        for start, end in (_name_after(toks, i + 1), _name_before_comma(toks, i)):
            if end == start or toks[start].key in lead or not found.free(start, end):
                continue
            name = text[toks[start].start : toks[end - 1].end]
            if fold(name) in noise or (name.isupper() and len(name) <= 2) or _names_person(found, name, found.lang):
                continue
            found.add(start, end, found.mention(start, end, "PrivateOrganization", source=text))


def _name_after(toks: list[Token], start: int) -> tuple[int, int]:
    """The capitalised name (up to 4 tokens, glued pieces included: "BTC-e") at ``start``."""
    end = start
    while end < len(toks) and end - start < 4:
        t, prev = toks[end], toks[end - 1]
        glued = end > start and t.start == prev.end and t.text not in {".", ",", ";", ":", ")"}
        if not (t.is_title or glued or (t.text in _GLUE and prev.end == t.start)):
            break
        end += 1
    while end > start and toks[end - 1].text in _GLUE:
        end -= 1
    return start, end


def _name_before_comma(toks: list[Token], cue: int) -> tuple[int, int]:
    """The name before ", the|a ... <cue>" (at most three words between article and cue)."""
    for comma in range(cue - 2, max(0, cue - 6), -1):
        if toks[comma].text == "," and toks[comma + 1].key in ARTICLES:
            if any(t.text in {",", ".", ";"} for t in toks[comma + 1 : cue]):
                break
            start = comma
            while start > 0 and comma - start < 4:
                prev = toks[start - 1]
                if not (prev.is_title or prev.text in _GLUE or prev.end == toks[start].start):
                    break
                start -= 1
            return (start, comma) if toks[start].is_title else (cue, cue)
    return cue, cue


def _names_person(found: Found, name: str, lang: str) -> bool:
    """An ORG span that is a person's name: a known surname or first name."""
    firsts = {fold(w) for w in entries("people", "first_names", lang)}
    words = name.split()
    surnames = {fold(m.text.split()[-1]) for m in found.mentions if m.type == "Person"}
    return fold(words[0]) in firsts or fold(words[-1]) in surnames


def _company_context(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the words around a name say it is a company ("the bitcoin exchange BTC-e",
    "shipping giant Maersk", "DLA Piper, a law firm")."""
    cues = key_set(entries("org_heads", "company_cues", lang), lang)
    left = text[max(0, start - 60) : start]
    right = text[end : min(len(text), end + 60)]
    left = re.split(r"[.!?]\s", left)[-1]  # the name's own sentence only
    right = re.split(r"[.!?]\s", right)[0]
    window = left + " " + right
    return any(t.key in cues for t in tokenize(window, lang))


def _company_like(name: str, text: str, at: int) -> bool:
    """spaCy's ORG spans that can be companies: not shouting, not a common word that the
    text also writes in lower case, not an unexplained short acronym."""
    if "\n" in name or "/" in name or not name[:1].isupper() or re.search(r"\s[–—]\s", name):
        return False  # also "Migration – Integration – Security": a motto
    if name.isupper() and (len(name) > 5 or len(name) <= 3):  # datelines ("MINSK"), "ICT", "USD"
        return False
    words = name.split()
    if len(words) == 1 and re.search(r"\b" + re.escape(name.lower()) + r"\b", text):
        return False  # "Security", "Ransomware": ordinary words
    if len(words) == 1 and (
        at == 0 or text[max(0, at - 2) : at].strip() in {".", ""} and text[at - 1 : at] in {"\n", ""}
    ):
        return False
    return True


# --- units of a body ---------------------------------------------------------------------------


def unit_mentions(found: Found, text: str) -> None:
    """Named units: a title-case name around a unit head ("Investigative Department",
    "State Secretariat of the Security Council", "Garda National Economic Crime Bureau"),
    part of the body named right after it ("... of the Russian Ministry of Internal Affairs")
    or before it with a possessive ("Europol's European Cybercrime Centre")."""
    from .lexicons import phrase_matcher

    toks = found.tokens
    lang = found.lang
    roles = key_set(entries("people", "official_roles", lang), lang)
    lead = key_set(entries("noise", "leading_words", lang), lang)
    heads = phrase_matcher(entries("org_heads", "unit", lang) + entries("org_heads", "agency", lang), lang)
    head_keys = key_set(entries("org_heads", "unit", lang) + entries("org_heads", "agency", lang), lang)
    dates = date_words(lang)
    for h in heads.find(toks, allow_overlap=True):
        if not found.free(h.start, h.end) or not toks[h.start].is_title:
            continue
        start = h.start
        while True:
            while (
                start > 0
                and found.free(start - 1, start)
                and _titleish(toks[start - 1])
                and toks[start - 1].key not in roles
                and toks[start - 1].key not in lead
                and toks[start - 1].key not in ARTICLES
                and _same_line(text, toks[start - 1], toks[start])
            ):
                start -= 1
            if not _joined_before(found, start, head_keys | roles | lead | ARTICLES):
                break
            start -= 1  # "Economic and | Organised Crime Office": go on over the "and"
        end, opened = h.end, False
        while end < len(toks):
            if _ends_name(toks[end], dates):
                break
            if found.free(end, end + 1) and _titleish(toks[end]) and _same_line(text, toks[end - 1], toks[end]):
                end += 1
            elif (
                toks[end].key in {"for", "of", "on", "against"}
                and end + 1 < len(toks)
                and found.free(end + 1, end + 2)
                and _titleish(toks[end + 1])
                and not _ends_name(toks[end + 1], dates)
            ):
                end, opened = end + 2, True
            elif opened and (joined := _joined_after(found, end, head_keys | roles | lead | ARTICLES, dates, text)):
                end = joined  # "Bureau of International Narcotics and Law Enforcement Affairs"
            else:
                break
        if end - start < 2:
            continue  # a bare "Department" or "Police" is no name
        parent = _parent_after(found, end)
        if parent is None:
            parent = _parent_before(found, start)
        m = found.mention(start, end, "Agency", source=text)
        demonym = found.at(start - 1) if start else None
        if demonym is not None and _state_prefix(found, demonym, start):
            # "Austrian National Council", "the Canada Border Services Agency": the adjective
            # or the state's name before the body's gives the state
            parent = None
            m.jurisdiction = found.mentions[demonym].key
            m.name = text[found.mentions[demonym].start : m.end]
        if parent is not None:
            pm = found.mentions[parent]
            if pm.type not in ("Agency", "InternationalOrganization"):
                parent = None
            else:
                m.type = pm.type
                m.parent = parent
                m.jurisdiction = pm.jurisdiction
                if pm.start > m.end:
                    m.name = text[m.start : pm.end]
                elif not re.search(r"['’]s$", text[pm.start : pm.end]):
                    m.name = text[pm.start : m.end]
        found.add(start, end, m)


#: Words that join two words inside one name ("Economic and Organised Crime Office").
_NAME_AND = frozenset({"and", "&"})


def _joined_before(found: Found, start: int, ends: frozenset[str]) -> bool:
    """Whether "and" (or "&") before token ``start`` joins a capitalised word to the name that
    begins there: a word of no other name, no acronym, and no head, post or article, which
    would end a name of its own ("the Cyber Division and Cyber Crimes Center" are two)."""
    toks = found.tokens
    if start < 2 or toks[start - 1].key not in _NAME_AND or not found.free(start - 2, start):
        return False
    word = toks[start - 2]
    return _titleish(word) and word.text[1:].islower() and word.key not in ends and word.text.isalpha()


def _joined_after(found: Found, at: int, ends: frozenset[str], dates: frozenset[str], text: str) -> int | None:
    """The end of the capitalised words that "and" (or "&") at token ``at`` joins to a
    complement ("Bureau of International Narcotics and Law Enforcement Affairs"), or None
    where they would make a name of their own: a head, post or article among them, a word of
    another name, a first name, or a run that does not end at a lower-case word or a mark
    ("the Ministry of Justice and Cyber Security Authority" are two bodies)."""
    toks = found.tokens
    if toks[at].key not in _NAME_AND:
        return None
    firsts = key_set(entries("people", "first_names", found.lang), found.lang)
    end = at + 1
    while (
        end < len(toks)
        and found.free(end, end + 1)
        and toks[end].is_title
        and toks[end].text.isalpha()
        and toks[end].key not in ends | firsts
        and not _ends_name(toks[end], dates)
        and _same_line(text, toks[end - 1], toks[end])
    ):
        end += 1
    if end == at + 1 or end < len(toks) and (_titleish(toks[end]) or not found.free(end, end + 1)):
        return None
    return end


def _state_prefix(found: Found, m: int, start: int) -> bool:
    """Whether mention ``m`` is a demonym, or a state's name (not in the possessive) right
    before token ``start`` ("Canada Border Services Agency", not "Canada's Border ...")."""
    mention = found.mentions[m]
    if mention.name == "demonym":
        return True
    return mention.type == "State" and found.spans[m][1] == start and not _POSSESSIVE.search(found.tokens[start - 1].text)


def _same_line(text: str, a: Token, b: Token) -> bool:
    return "\n" not in text[a.end : b.start]


def _parent_after(found: Found, end: int) -> int | None:
    toks = found.tokens
    j = end
    if j < len(toks) and toks[j].key in {"of", "des", "der", "de", "du", "del", "do", "da", "di"}:
        j += 1
        while j < len(toks) and toks[j].key in ARTICLES:
            j += 1
        return found.at(j) if j < len(toks) else None
    return None


def _parent_before(found: Found, start: int) -> int | None:
    """ "Europol's European Cybercrime Centre" or "Garda National Economic Crime Bureau":
    a body named (possessive or not) right before the unit's name."""
    if start == 0:
        return None
    return found.at(start - 1)


def german_units(found: Found, text: str) -> None:
    """German unit names run from the head noun to the next comma or preposition:
    "Hauptabteilung für digitale Entwicklung der Voruntersuchung", part of the body in the
    genitive after it ("... des Innenministeriums von Russland") or of the body named just
    before it in the sentence.

    The heads are data (``[bodies]`` in ``data/lexicon.toml``): unit nouns ("Abteilung"),
    nouns a compound ends in ("Sonder|staatsanwaltschaft", "Land|gericht"), and English heads
    a German text names a body by ("das Cybercrime Competence Center"), the name then running
    back over its capitalised words. A head in the genitive inside the chain begins the body
    the unit belongs to ("Abteilung zur Bekämpfung der Hochtechnologiekriminalität | der
    Verwaltung der Kriminalpolizei"); a generic kind with no state right after a bare head is
    no parent but the field that completes its name ("Verwaltung der Kriminalpolizei").
    """
    toks = found.tokens
    heads = _german_heads()
    units: list[tuple[Mention, int]] = []  # each unit found here, with the token its parent starts at
    for i in range(len(toks)):
        start = _german_head(found, i, heads)
        if start is None:
            continue
        end = i + 1
        parent, parent_at, field = None, None, False
        while end < len(toks) and end - i < 16:
            tok = toks[end]
            if tok.text in _DE_UNIT_ENDS or tok.key in _DE_UNIT_STOPS:
                break
            if tok.key == "und" and toks[end - 1].text not in {"-", "‐"}:
                break
            if tok.key in {"des", "der"} and end + 1 < len(toks) and not found.free(end + 1, end + 2):
                parent = found.at(end + 1)
                if parent is not None and end == i + 1 and _soft_field(found, parent):
                    end = found.spans[parent][1]  # "Verwaltung der Kriminalpolizei": one name
                    found.drop({parent})
                    parent, field = None, True
                break
            if not found.free(end, end + 1):
                break
            if tok.key in {"des", "der"} and end + 1 < len(toks) and _german_head(found, end + 1, heads) == end + 1:
                parent_at = end + 1  # "... der Verwaltung der Kriminalpolizei": the body it belongs to
                break
            end += 1
        while end > i + 1 and toks[end - 1].key in {"der", "des", "die", "das", "von", "für"}:
            end -= 1
        if parent is None:
            parent = _genitive_after_acronym(found, end)
        # a head and one word name a unit only where the body it belongs to follows in the
        # genitive ("Abteilung Cybercrime des Bundeskriminalamts", "Dezernat 13 der ...")
        if end - start < 2 or end - start < 3 and parent is None and parent_at is None and not field:
            continue
        if parent is None and parent_at is None and not field:
            parent = _previous_agency(found, start)
        m = found.mention(start, end, "Agency", source=text, jurisdiction=_side_state(found, start))
        if parent is not None and found.mentions[parent].type == "Agency":
            m.parent = parent
            m.jurisdiction = found.mentions[parent].jurisdiction or m.jurisdiction
        found.add(start, end, m)
        if parent_at is not None:
            units.append((m, parent_at))
    index = {id(m): k for k, m in enumerate(found.mentions)}
    for m, at in units:
        parent = found.at(at)
        if parent is not None and parent != index[id(m)] and found.mentions[parent].type == "Agency":
            m.parent, pm = parent, found.mentions[parent]
            # a unit and the body it belongs to are of one state, whichever the text gives it to
            m.jurisdiction = pm.jurisdiction = m.jurisdiction or pm.jurisdiction


#: What ends a German unit's name: marks, and words that begin another phrase.
_DE_UNIT_ENDS = frozenset({",", ".", ";", ":", "(", ")", "„", "“", '"'})
_DE_UNIT_STOPS = frozenset(
    {"mit", "sowie", "bei", "nach", "auf", "über", "wurde", "wurden", "hat", "haben", "ist", "sind", "im", "am", "zum"}
)


@dataclass(frozen=True)
class _GermanHeads:
    units: tuple[str, ...]  # keys a unit's head begins with ("abteilung")
    compounds: tuple[str, ...]  # folded endings of a compound head ("staatsanwaltschaft")
    english: frozenset[str]  # keys of English heads ("center")


@cache
def _german_heads() -> _GermanHeads:
    def words(name: str) -> list[str]:
        return entries("bodies", name, "de", fallback=False)

    return _GermanHeads(
        units=tuple(t.key for w in words("unit_heads") for t in tokenize(w, "de")),
        compounds=tuple(fold(w) for w in words("compound_heads")),
        english=key_set(words("english_heads"), "en"),
    )


def _german_head(found: Found, i: int, heads: _GermanHeads) -> int | None:
    """The first token of a unit's name whose head is token ``i``, or None where ``i`` is no
    head: a unit noun, a compound ending in a head noun ("Sonderstaatsanwaltschaft"), or an
    English head after capitalised words ("Cybercrime Competence Center")."""
    toks = found.tokens
    t = toks[i]
    if not t.is_title or not found.free(i, i + 1) or t.text.endswith("en"):
        return None  # "Abteilungen": a plural names no one body
    word = fold(t.text)
    if t.key.startswith(heads.units) or any(word.endswith(c) and word != c for c in heads.compounds):
        return i
    if tokenize(t.text, "en")[0].key not in heads.english:
        return None
    start = i
    lead = key_set(entries("noise", "leading_words", found.lang), found.lang) | ARTICLES
    while (
        start > 0
        and found.free(start - 1, start)
        and _titleish(toks[start - 1])
        and toks[start - 1].text.isalpha()
        and toks[start - 1].key not in lead
    ):
        start -= 1
    return start if start < i else None


def _side_state(found: Found, start: int) -> str | None:
    """The state of the side a name stands for, right before it ("auf serbischer Seite die
    Abteilung ...", "du côté français, la direction ..."): a demonym and a side word (and an
    article) before token ``start``."""
    toks = found.tokens
    sides = key_set(entries("people", "side_words", found.lang), found.lang)
    for k in range(start - 1, max(0, start - 3), -1):
        if toks[k].key in sides:
            m = found.at(k - 1)
            if m is not None and found.mentions[m].name == "demonym":
                return found.mentions[m].key
            return None
        if toks[k].key not in ARTICLES:
            return None
    return None


def _soft_field(found: Found, m: int) -> bool:
    """Whether mention ``m`` is a generic kind with no state of its own ("Kriminalpolizei"):
    after a bare head it is the field of that head's name, not a body of its own."""
    mention = found.mentions[m]
    return (mention.role or "").startswith("kind:") and not mention.jurisdiction and not mention.key


def _genitive_after_acronym(found: Found, end: int) -> int | None:
    """The body named in the genitive after a unit's acronym in brackets: "Zentralstelle
    Cybercrime Bayern (ZCB) der Generalstaatsanwaltschaft ..."."""
    toks = found.tokens
    close = end + 2
    if not (close + 2 < len(toks) and toks[end].text == "(" and toks[close].text == ")"):
        return None
    if toks[close + 1].key not in {"des", "der"} or found.free(close + 2, close + 3):
        return None
    return found.at(close + 2)


def _previous_agency(found: Found, i: int) -> int | None:
    """The agency named last before token i in the same sentence (no full stop between)."""
    best = None
    for m_i, (_s, e) in enumerate(found.spans):
        if e <= i and found.mentions[m_i].type == "Agency" and not any(t.text == "." for t in found.tokens[e:i]):
            if best is None or e > found.spans[best][1]:
                best = m_i
    return best


def drop_sources(found: Found) -> None:
    """People quoted only as sources or parties' counsel (lawyers, journalists) are not
    entities of this domain."""
    words = key_set(entries("people", "sources", found.lang), found.lang)
    toks = found.tokens
    doomed = set()
    for i, (s, e) in enumerate(found.spans):
        if found.mentions[i].type != "Person" or s < 0:
            continue
        if re.search(r"['’]s$", toks[e - 1].text) or (e < len(toks) and toks[e].text in {"'", "’"}):
            continue  # "Vinnik's lawyer" is someone else
        near = toks[max(0, s - 3) : s] + toks[e : e + 4]
        if any(t.key in words and not t.is_title for t in near):
            doomed.add(found.mentions[i].alias_of if found.mentions[i].alias_of is not None else i)
    if doomed:
        found.drop(doomed)


def drop_posts(found: Found, text: str) -> None:
    """A minister's post names its ministry ("Deputy Minister of Public Security"), as one
    body: the ministry of its kind the article names, where the post has no state of its own
    ("the Minister for Communications" after "the Ministry of Communications and
    Digitalisation"). A post of several states ("die Innenminister von Slowenien, Kroatien
    und Ungarn", "the interior ministers of Slovenia and Croatia") is a title of several people
    and no one body: it is dropped, and its states are mentions of their own again.

    >>> text = "die Innenminister von Slowenien, Kroatien und Ungarn"
    >>> found = Found(tokenize(text, "de"), "de")
    >>> gazetteer_mentions(found, text)
    >>> drop_posts(found, text)
    >>> sorted((m.start, m.text, m.type) for m in found.mentions)
    [(22, 'Slowenien', 'State'), (33, 'Kroatien', 'State'), (46, 'Ungarn', 'State')]
    """
    posts = [
        i
        for i, (m, (s, e)) in enumerate(zip(found.mentions, found.spans, strict=True))
        if m.type == "Agency" and m.alias_of is None and _is_post(found, s, e)
    ]
    doomed = set()
    for i in posts:
        m = found.mentions[i]
        if m.jurisdiction and _state_of_a_list(found, found.spans[i][1]):
            doomed.add(i)
        elif not m.jurisdiction and not m.key and m.role:
            same = [j for j, o in enumerate(found.mentions) if o.role == m.role and j not in posts and o.alias_of is None]
            if same and not any(o.alias_of == i for o in found.mentions):
                m.alias_of = same[0]
    if not doomed:
        return
    spans = [found.spans[i] for i in doomed]
    found.drop(doomed)
    gaz = gazetteer()
    for s, e in spans:
        for m in gazetteer_matcher(found.lang).find(found.tokens[s:e]):
            entry = gaz.entries.get(m.value.key) if m.value.kind in ("entry", "demonym") else None
            if entry is not None and entry.type == "State" and found.free(s + m.start, s + m.end):
                state = found.mention(s + m.start, s + m.end, "State", key=entry.key, jurisdiction=entry.iso, source=text)
                state.name = "demonym" if m.value.kind == "demonym" else None
                found.add(s + m.start, s + m.end, state)


def _state_of_a_list(found: Found, end: int) -> bool:
    """Whether the name ending at token ``end`` (with a state) goes on into a list of further
    states: ", Kroatien", "and Croatia"."""
    toks = found.tokens
    if end + 1 >= len(toks) or not (toks[end].text == "," or toks[end].key in _LIST_JOINERS):
        return False
    m = found.at(end + 1)
    return m is not None and found.mentions[m].type == "State"


#: Conjunctions that join the last item of a list.
_LIST_JOINERS = frozenset({"and", "und", "et", "y", "e", "и"})


def _is_post(found: Found, start: int, end: int) -> bool:
    """Whether the mention of tokens ``start:end`` is named by a minister's post (at its
    start, or after the demonym it begins with: "the Ghanaian Minister for ...")."""
    if start < 0:
        return False
    for m in gazetteer_matcher(found.lang).find(found.tokens[start:end], allow_overlap=True):
        if m.value.kind == "minister" and m.start <= 1:
            return True
    return False
