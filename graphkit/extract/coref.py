"""Within one article: short and repeated mentions point back to the entity named in full.

"Gora" -> "Dmitry Gora"; "the Investigative Committee" -> "Investigative Committee of
Belarus"; "PGO" -> "Prosecutor-General's Office"; "the Convention" -> "United Nations
Convention against Cybercrime".
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Mention
from .lexicon import Token, fold
from .lexicons import gazetteer
from .mentions import ORDINAL, Found

_SKIP = {"of", "the", "for", "and", "on", "against", "in", "to", "'s", "s", "de", "der", "des", "von", "für"}


def initials(name: str) -> str:
    """Initials of a name's content words, hyphenated parts included.

    >>> initials("Prosecutor-General's Office")
    'PGO'
    """
    parts = [p for p in re.split(r"[\s\-]+", re.sub(r"['’]s\b", "", name)) if p and p.lower() not in _SKIP]
    return "".join(p[0].upper() for p in parts if p[0].isalpha())


def link_aliases(found: Found, text: str) -> None:
    """Set ``alias_of`` on mentions that refer back to a fuller one, and add mentions for
    acronyms and surnames that the finders left alone."""
    mentions = found.mentions
    _anchor_by_neighbours(found)
    _link_kinds(found)
    _link_short_names(mentions)
    _link_bare_heads(mentions)
    _anchor_by_article(found)
    _add_acronyms(found, text)
    _add_surnames(found, text)


def _anchor_by_neighbours(found: Found) -> None:
    """A kind named without its state ("the Security Council") takes the state of the other
    bodies of its sentence when they all belong to one ("organized by the State Secretariat of
    the Security Council and the Investigative Committee of Belarus")."""
    from .lexicons import gazetteer

    gaz = gazetteer()
    text_of_sentence = _sentence_ids(found)
    demonyms = _demonyms()
    for i, m in enumerate(found.mentions):
        if not (m.role and m.role.startswith("kind:")) or m.jurisdiction or m.key:
            continue
        sent = text_of_sentence[i]
        # "the State Secretariat of the Security Council and the Investigative Committee of
        # Belarus": a state named after a coordination applies to both bodies
        states = {
            o.jurisdiction
            for j, o in enumerate(found.mentions)
            if o.type == "Agency"
            and o.jurisdiction
            and text_of_sentence[j] == sent
            and o.start > m.end
            and fold(o.text.split()[0]) not in demonyms
            and " and " in found_text(found, m.end, o.start)
        }
        if not states and _kind_named_with_state(found.mentions, m.role):
            continue  # "the Committee" is the one named with its state elsewhere (_link_kinds)
        if not states:
            # "In Austria, police arrested two men. The Federal Criminal Police Office said ..."
            states = {
                o.key
                for j, o in enumerate(found.mentions)
                if o.type == "State"
                and o.name != "demonym"
                and sent - 1 <= text_of_sentence[j] <= sent
                and _sentence_opening(found, j)
            }
        if not states:
            # "reports in Brazil ... Federal Police", "a raid in Russia by the Ministry of Interior"
            states = {
                o.key
                for j, o in enumerate(found.mentions)
                if o.type == "State"
                and o.name != "demonym"
                and text_of_sentence[j] == sent
                and found.spans[j][0] > 0
                and found.tokens[found.spans[j][0] - 1].key in {"in", "im", "en", "в"}
            }
        if len(states) != 1:
            continue
        iso = states.pop()
        kind = m.role[len("kind:") :]
        entry = gaz.agency_for(kind, iso)
        m.jurisdiction = iso
        if entry:
            m.key, m.role = entry.key, None
        else:
            m.name = gaz.kind_label(kind, iso)
    for m in found.mentions:  # units take their parent's (new) state
        if m.parent is not None and not m.jurisdiction:
            m.jurisdiction = found.mentions[m.parent].jurisdiction


def _anchor_by_article(found: Found) -> None:
    """A body still without a state belongs to the one state of the article that could be its
    own: of the states the article names (or whose bodies it names), the only one that has a
    body of its kind ("das Bundeskriminalamt" in an article naming Germany and Moldova: DE, not
    AT) and, unless the article is in English, speaks its language; or, for a name written in
    the article's language, the only one speaking that language
    ("la direction centrale de la police judiciaire" in a French article naming France and the
    United States: FR). Two candidates ("Policía Nacional" with Spain and Argentina) give none.

    English is left out: English names are as often translations of a foreign body's name
    ("the Directorate for Investigating Organised Crime") as names of an English-speaking one.
    """
    gaz = gazetteer()
    mentions = found.mentions
    named = {m.key for m in mentions if m.type == "State" and m.key and m.name != "implied"}
    named |= {m.jurisdiction for m in mentions if m.jurisdiction}
    speaking = gaz.language_states(found.lang) if found.lang != "en" else frozenset()
    sentence = _sentence_ids(found)
    for i, m in enumerate(mentions):
        if m.type != "Agency" or m.jurisdiction or m.alias_of is not None or m.parent is not None:
            continue
        kind = m.role[len("kind:") :] if m.role and m.role.startswith("kind:") else None
        if m.key and not kind:
            continue  # a gazetteer body without a state (an international one's office)
        # "the Interior Ministry exchanged data with the Ministry of Internal Affairs of
        # Kazakhstan": not the one its own sentence names after it
        beside = {
            o.jurisdiction
            for j, o in enumerate(mentions)
            if j > i and sentence[j] == sentence[i] and o.jurisdiction and _kind_of(o) == kind
        }
        states = (named & gaz.kind_states(kind)) - beside if kind else set()
        if speaking:  # "Policía Nacional" in an article naming France only is not the French one
            states &= speaking
        if len(states) != 1:
            states = (named & speaking) - beside
        if len(states) != 1:
            continue
        iso = next(iter(states))
        m.jurisdiction = iso
        if kind:
            entry = gaz.agency_for(kind, iso)
            if entry:
                m.key, m.role = entry.key, None
            else:
                m.name = gaz.kind_label(kind, iso)


def _kind_of(m: Mention) -> str | None:
    """The agency kind of a mention: its role's, or its gazetteer entry's."""
    if m.role and m.role.startswith("kind:"):
        return m.role[len("kind:") :]
    entry = gazetteer().entries.get(m.key) if m.key else None
    return entry.kind if entry else None


@cache
def _demonyms() -> frozenset[str]:
    """Every demonym of the gazetteer, folded."""
    return frozenset(fold(d) for e in gazetteer().entries.values() for d, _ in e.demonyms)


def _kind_named_with_state(mentions: list[Mention], role: str) -> bool:
    """Whether the article names a body of this kind with its state."""
    from .lexicons import gazetteer

    entries = gazetteer().entries
    return any(
        (o.role == role and o.jurisdiction) or (o.key in entries and f"kind:{entries[o.key].kind}" == role)
        for o in mentions
    )


def found_text(found: Found, start: int, end: int) -> str:
    """The article text between two character offsets, rebuilt from tokens."""
    return " " + " ".join(t.text for t in found.tokens if start <= t.start and t.end <= end) + " "


def _sentence_opening(found: Found, j: int) -> bool:
    """Whether mention j opens its sentence as "In <State>, ..."."""
    s, _e = found.spans[j]
    toks = found.tokens
    return (
        s >= 1 and toks[s - 1].key in {"in", "im", "en", "в"} and (s == 1 or toks[s - 2].text in {".", "\n", "!", "?"})
    )


def _sentence_ids(found: Found) -> list[int]:
    """A sentence number per mention, counting full stops between tokens."""
    stops = [i for i, t in enumerate(found.tokens) if t.text in {".", "!", "?"}]
    from bisect import bisect_left

    out = []
    for s, _e in found.spans:
        out.append(bisect_left(stops, s) if s >= 0 else -1)
    return out


def _link_kinds(found: Found) -> None:
    """An agency kind without a state ("the Investigative Committee") is the anchored one,
    unless that one is named later in the same sentence: "the Justice Department worked with
    its counterparts at the Ministry of Justice of Spain" names two ministries."""
    mentions = found.mentions
    sentence = _sentence_ids(found)
    anchored: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.role and m.role.startswith("kind:") and m.jurisdiction:
            anchored.setdefault(m.role, i)
        elif m.key and m.type == "Agency":
            from .lexicons import gazetteer

            entry = gazetteer().entries.get(m.key)
            if entry and entry.kind:
                anchored.setdefault(f"kind:{entry.kind}", i)
    for i, m in enumerate(mentions):
        if m.role and m.role.startswith("kind:") and not m.jurisdiction and m.role in anchored:
            j = anchored[m.role]
            if j < i or sentence[i] != sentence[j] or _adjacent(found, i, j):  # "Bundeskriminalamt (BKA)"
                m.alias_of = j


def _adjacent(found: Found, i: int, j: int) -> bool:
    """Whether mentions i and j stand at most two tokens apart ("X (Y)", "X, Y")."""
    (si, ei), (sj, ej) = found.spans[i], found.spans[j]
    return min(si, ei, sj, ej) >= 0 and (0 <= sj - ei <= 2 or 0 <= si - ej <= 2)


def _link_short_names(mentions: list[Mention]) -> None:
    """A name that is the tail or head of a longer one of the same type refers to it
    ("Gora" -> "Dmitry Gora", "the Convention" -> "Hanoi Convention")."""
    first: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        if m.alias_of is None and not m.key and m.type != "State":
            key = (m.type, _squash(fold(m.name or m.text)))
            # a name written again without what made it fuller the first time ("the Criminal
            # Division" after "the Justice Department's Criminal Division")
            written = (m.type, _squash(fold(m.text)))
            if key in first:
                m.alias_of = first[key]
            elif m.name is None and written in first:
                m.alias_of = first[written]
            else:
                first[key] = i
                first.setdefault(written, i)
    for i, m in enumerate(mentions):
        if m.alias_of is not None or m.key:
            continue
        short = fold(m.name or m.text)
        short = re.sub(r"^(the|der|die|das) ", "", short)
        if m.type == "Event":  # "this 22nd Congress" after "the European Police Congress"
            short = " ".join(w for w in short.split() if not ORDINAL.match(w)) or short
        for j, other in enumerate(mentions):
            if j == i or other.type != m.type or other.alias_of is not None:
                continue
            full = fold(other.name or other.text)
            if len(full) <= len(short):
                continue
            if m.type == "Person" and full.split()[-1] == short.split()[-1] and len(short.split()) < len(full.split()):
                m.alias_of = j
                break
            if m.type in ("Event", "Agreement") and (
                full.endswith(" " + short) or full.startswith(short + " ") or _squash(full).endswith(_squash(short))
            ):
                m.alias_of = j
                break


def _link_bare_heads(mentions: list[Mention]) -> None:
    """A body named by its head word alone ("the Prosecution" after "the OM") is the one body of
    the article whose gazetteer names hold that word."""
    gaz = gazetteer()
    for i, m in enumerate(mentions):
        if m.type != "Agency" or m.key or m.alias_of is not None or m.name or " " in m.text.strip():
            continue
        word = fold(m.text.strip())
        bodies = {
            o.key: j
            for j, o in enumerate(mentions[:i])
            if o.key in gaz.entries
            and o.type == m.type
            and o.alias_of is None
            and any(word in fold(name).split() for name, _ in gaz.entries[o.key].names)
        }
        if len(bodies) == 1:
            m.alias_of = next(iter(bodies.values()))


def _squash(name: str) -> str:
    """Letters and digits only: "e-Commerce Action 2017" ~ "eCommerce Action 2017"."""
    return re.sub(r"\W", "", name)


def _add_acronyms(found: Found, text: str) -> None:
    toks: list[Token] = found.tokens
    orgs = [
        (i, m)
        for i, m in enumerate(found.mentions)
        if m.type in ("Agency", "InternationalOrganization", "PrivateOrganization") and m.alias_of is None
    ]
    for t_i, t in enumerate(toks):
        acr = re.sub(r"['’]s$", "", t.text)
        if not (2 <= len(acr) <= 6 and acr.isupper() and acr.isalpha()) or t_i in found.taken:
            continue
        for i, m in orgs:
            if acr in _acronyms_of(m):
                mention = found.mention(t_i, t_i + 1, m.type, source=text)
                mention.alias_of = i
                found.add(t_i, t_i + 1, mention)
                break


def _acronyms_of(m: Mention) -> set[str]:
    """The acronyms a body's mention may go by: initials of its text and of its name, also
    without the state ("Russian Prosecutor-General's Office" is the PGO; "Prosecutor
    General's Office of Russia" too)."""
    names = {m.text, m.name or m.text}
    if m.jurisdiction:
        names |= {n.split(" ", 1)[1] for n in names if " " in n}
        names |= {re.split(r"\s+of\s+(?:the\s+)?[A-Z]", n)[0] for n in names}
    return {initials(n) for n in names}


def _add_surnames(found: Found, text: str) -> None:
    people = [
        (i, m) for i, m in enumerate(found.mentions) if m.type == "Person" and m.alias_of is None and " " in m.text
    ]
    surnames = {m.text.split()[-1]: i for i, m in people}
    for t_i, t in enumerate(found.tokens):
        name = re.sub(r"['’]s$", "", t.text)
        if name in surnames and t_i not in found.taken:
            mention = found.mention(t_i, t_i + 1, "Person", source=text)
            mention.alias_of = surnames[name]
            found.add(t_i, t_i + 1, mention)
