"""Relation rules: from the mentions of one sentence and its cue words to relation candidates.

Each rule looks at one sentence: which entities it names, in which order, and which cue
phrases of ``data/lexicon.toml`` stand between them. The rules are components registered by
name (``components.py``); a language's profile (``data/patterns/<lang>.toml``) lists those
that run and holds its link patterns ("Division of the FBI" = partOf).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from ..model import Mention, RelationCandidate, Sentence
from .components import relation_component, run_components
from .lexicon import QUOTES, Match, Token, tokenize
from .lexicons import cue_matcher, entries, gazetteer, key_set, phrase_keys, phrase_matcher, raw
from .mentions import ARTICLES, OF_WORDS
from .patterns import Filter, LinkPattern, Slot, gap_keys, profile

# Words between a person and their country ("citizen of", "ressortissant de"); not places.
_GENITIVE = {"of", "von", "des", "der", "de", "du", "del", "do", "da", "di", "della", "dos", "das", "d"}
# Pairs one sentence may state: every pair of up to eight parties listed together ("a joint
# operation including Israel, Germany, the UK, ..."); longer lists are rarely all partners.
MAX_PAIRS = 28
#: the most tokens of a body's name that stand between a post word and the state ending the name
MAX_NAME_BEFORE = 10


@cache
def _filter_matcher(f: Filter, lang: str):
    """A matcher of a filter's cues: its lexicon lists in ``lang`` and its own words."""
    phrases = list(f.words)
    for cue in f.cues:
        section, _, name = cue.partition(".")
        phrases += entries(section, name, lang)
    return phrase_matcher(phrases, lang, f.name)


@cache
def _pair_matcher(phrases: tuple[str, ...], lang: str):
    return phrase_matcher(list(phrases), lang)


def _bare(key: str) -> str:
    """A token key without an elided article ("l'ambassadrice" -> "ambassadrice")."""
    return _ELIDED.sub("", key)


_ELIDED = re.compile(r"^(?:l|d|dell|all|nell)['’](?=\w)")


@cache
def words(section: str, name: str, lang: str) -> frozenset[str]:
    """Token keys of the single words of lexicon.toml's ``[section] name.lang``, computed once."""
    return key_set(entries(section, name, lang), lang)


ACTORS = ("Agency", "InternationalOrganization", "PrivateOrganization", "State")
ORGS = ("Agency", "InternationalOrganization", "PrivateOrganization")


@dataclass
class SentenceView:
    """One sentence: its index, token range, the mentions in it (as root mention indexes,
    in text order) and the cue matches found in it."""

    index: int
    tok_start: int
    tok_end: int
    mentions: list[tuple[int, int]]  # (mention index, root index)
    cues: dict[str, list[Match]]
    fired: dict[str, list[Match]] = field(default_factory=dict)  # filter name -> its cues here


def root(mentions: list[Mention], i: int) -> int:
    seen = set()
    while mentions[i].alias_of is not None and i not in seen:
        seen.add(i)
        i = mentions[i].alias_of
    return i


class RelationRules:
    """Apply every rule to every sentence of an article."""

    def __init__(
        self, text: str, lang: str, tokens: list[Token], mentions: list[Mention], spans, sentences: list[Sentence]
    ) -> None:
        self.text = text
        self.lang = lang
        self.tokens = tokens
        self.mentions = mentions
        self.spans = spans
        self.sentences = sentences
        self.out: list[RelationCandidate] = []
        self.member: dict[int, int] = {}  # person root -> org root
        self._embedded = {m.parent for m in mentions if m.parent is not None and mentions[m.parent].start >= m.end}
        self.speaker: dict[int, int] = {}  # sentence -> org root speaking ("we")
        self.sentence_views: list[SentenceView] = []  # set by run()
        self._members_only: set[tuple[int, int]] = set()  # set by run()

    # -- helpers -------------------------------------------------------------------------
    def add(
        self, s: int, p: str, o: int, sent: int, rule: str, *, confidence: float = 0.8, kind: str | None = None
    ) -> None:
        """A candidate of ``rule``, weakened by the profile's filters firing in its sentence and
        dropped below the profile's ``min_confidence``."""
        if s == o:
            return
        named_for_members = {(sent, s)} if p == "partyTo" else {(sent, s), (sent, o)}
        if (p == "partyTo" or kind == "AgreementSigned") and named_for_members & self._members_only:
            # "signed by the member states of the CIS": its members sign, not the CIS (but "the
            # States Parties to the Convention" are parties to it)
            return
        for f in self._filters_on(sent, rule, (s, o)):
            confidence *= 1 - f.confidence
        if confidence < profile(self.lang).min_confidence:
            return
        self.out.append(RelationCandidate(s, p, o, sent, confidence=confidence, kind=kind, rule=rule))

    def _filters_on(self, sent: int, rule: str, roots: tuple[int, int]) -> list[Filter]:
        """The filters for ``rule`` whose cues stand in sentence ``sent``; a source filter only
        where one of the ``roots`` is named right after its cue ("according to the FBI")."""
        if not 0 <= sent < len(self.sentence_views):
            return []
        v = self.sentence_views[sent]
        out = []
        for f in profile(self.lang).filters:
            if f.name not in v.fired or not f.applies(rule):
                continue
            if f.scope == "source" and not any(
                r in roots and self._right_after(cue, self._tok_span(i)[0])
                for cue in v.fired[f.name]
                for i, r in v.mentions
            ):
                continue
            out.append(f)
        return out

    def _right_after(self, cue: Match, tok: int) -> bool:
        """Whether token ``tok`` follows the cue with at most an article between."""
        gap = self.tokens[cue.end : tok]
        return cue.end <= tok and len(gap) <= 1 and all(t.key in ARTICLES for t in gap)

    def type_of(self, i: int) -> str:
        return self.mentions[i].type

    def views(self) -> list[SentenceView]:
        by_sent: dict[int, list[tuple[int, int]]] = {}
        for i, m in enumerate(self.mentions):
            by_sent.setdefault(m.sentence, []).append((i, root(self.mentions, i)))
        out = []
        tok_i = 0
        for si, sent in enumerate(self.sentences):
            ts = tok_i
            while tok_i < len(self.tokens) and self.tokens[tok_i].start < sent.end:
                tok_i += 1
            cues: dict[str, list[Match]] = {}
            for section in ("cooperation", "negative", "events_rel", "agreements_rel", "attribution", "actions"):
                for m in cue_matcher(section, self.lang).find(self.tokens[ts:tok_i], allow_overlap=True):
                    m.start += ts
                    m.end += ts
                    cues.setdefault(m.value, []).append(m)
            ms = sorted(by_sent.get(si, []), key=lambda x: self.mentions[x[0]].start)
            fired: dict[str, list[Match]] = {}
            for f in profile(self.lang).filters:
                found = _filter_matcher(f, self.lang).find(self.tokens[ts:tok_i], allow_overlap=True)
                for m in found:
                    m.start += ts
                    m.end += ts
                    if m.start > ts and self.tokens[m.start].is_title and self.lang != "de":
                        continue  # "in May 2024", "Never Again Foundation": a name, not the word
                    fired.setdefault(f.name, []).append(m)
            out.append(SentenceView(si, ts, tok_i, ms, cues, fired))
        return out

    def tok_index(self, char: int) -> int:
        for i, t in enumerate(self.tokens):
            if t.start >= char:
                return i
        return len(self.tokens)

    # -- rules -----------------------------------------------------------------------------
    def run(self) -> list[RelationCandidate]:
        """The components of the language's profile, in its order."""
        self.sentence_views = self.views()
        self._members_only = self._named_for_members()
        run_components(profile(self.lang).relations, self, self.sentence_views)
        return self.out

    def _named_for_members(self) -> set[tuple[int, int]]:
        """(sentence, root) of the bodies a sentence names only as those whose members act
        ("the member states of the EU", "государства — участники СНГ")."""
        after = {self._tok_span(i)[0]: i for i in range(len(self.mentions))}
        glue = OF_WORDS | ARTICLES | {"—", "-", "–"}
        marked: set[int] = set()
        for match in phrase_matcher(entries("members", "phrases", self.lang), self.lang).find(self.tokens):
            k = match.end
            while k < len(self.tokens) and k not in after and self.tokens[k].key in glue and k - match.end < 3:
                k += 1
            if k in after:
                marked.add(after[k])
        out: set[tuple[int, int]] = set()
        for v in self.sentence_views:
            named = {}
            for i, r in v.mentions:
                named.setdefault(r, []).append(i in marked)
            out |= {(v.index, r) for r, flags in named.items() if all(flags)}
        return out

    @relation_component("unit-links", per_sentence=True)
    def unit_links(self, v: SentenceView) -> None:
        """The profile's link patterns on each pair of names next to each other."""
        patterns = [p for p in profile(self.lang).links if not p.blocked_by & set(v.fired)]
        if not patterns:
            return
        self._nested_units(v, patterns)
        names = self._bracketed(self._outer_names(v))
        for (a, ra), (b, rb) in zip(names, names[1:], strict=False):
            inside = [
                i for i, _ in v.mentions if self.mentions[a].end <= self.mentions[i].start < self.mentions[b].start
            ]
            gap = self._gap(a, b, inside)
            for p in patterns:
                if gap is None or gap not in p.gaps or not all(self.type_of(i) in p.skip for i in inside):
                    continue
                s, o = (ra, rb) if p.order == "subject-object" else (rb, ra)
                if self._fits(s, p.subject) and self._fits(o, p.object):
                    self.add(s, p.relation, o, v.index, f"link.{p.name}", confidence=p.confidence, kind=p.kind)
                    break

    def _nested_units(self, v: SentenceView, patterns: list[LinkPattern]) -> None:
        """A name that ends with another body's name is a unit of that body where its own words
        before it end with a pattern's gap and hold a unit head ("Бюро специальных технических
        мероприятий МВД России", "Cyber Division of the FBI" read as one name)."""
        roots = [(i, r) for i, r in v.mentions if self.type_of(r) in ORGS and self.mentions[i].name != "implied"]
        for i, ri in roots:
            outer = self.mentions[i]
            for j, rj in roots:
                inner = self.mentions[j]
                if not (outer.start < inner.start and inner.end == outer.end) or self._same(ri, rj):
                    continue
                prefix = [t.key for t in tokenize(self.text[outer.start : inner.start], self.lang)]
                for p in patterns:
                    if p.relation != "partOf" or p.order != "subject-object" or not self._fits(rj, p.object):
                        continue
                    ends_in_gap = any(
                        len(prefix) > len(g) and tuple(prefix[len(prefix) - len(g) :]) == g for g in p.gaps
                    )
                    if ends_in_gap and self._fits(ri, p.subject, name=self.text[outer.start : inner.start]):
                        self.add(ri, "partOf", rj, v.index, f"link.{p.name}", confidence=p.confidence, kind=p.kind)
                        break

    def _bracketed(self, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names with the acronym in brackets after them folded in: the link pattern then reads
        "the ZIT (ZIT) der Generalstaatsanwaltschaft" from the bracket's end ("Cybercrime
        Competence Center (C4) des Bundeskriminalamts")."""
        out: list[tuple[int, int]] = []
        for i, r in names:
            if out:
                prev, prev_root = out[-1]
                m, p = self.mentions[i], self.mentions[prev]
                same = r == prev_root or (m.key is not None and m.key == self.mentions[prev_root].key)
                if same and self.text[p.end : m.start].strip() == "(" and self.text[m.end : m.end + 1] == ")":
                    out[-1] = (i, prev_root)
                    continue
            out.append((i, r))
        return out

    def _outer_names(self, v: SentenceView) -> list[tuple[int, int]]:
        """Names of bodies of a sentence in text order, without those inside a longer one
        or standing for a state implied by a body."""
        names = [(i, r) for i, r in v.mentions if self.type_of(r) != "State" and self.mentions[i].name != "implied"]
        return [
            (i, r)
            for i, r in names
            if not any(
                j != i
                and self.mentions[j].start <= self.mentions[i].start
                and self.mentions[i].end <= self.mentions[j].end
                and (self.mentions[j].end - self.mentions[j].start) > (self.mentions[i].end - self.mentions[i].start)
                for j, _ in names
            )
        ]

    def _gap(self, a: int, b: int, inside: list[int]) -> tuple[str, ...] | None:
        """Token keys of the text between names ``a`` and ``b`` without the names ``inside``
        it; None across a line break."""
        pieces, pos = [], self.mentions[a].end
        for i in sorted(inside, key=lambda i: self.mentions[i].start):
            m = self.mentions[i]
            if m.start >= pos:
                pieces.append(self.text[pos : m.start])
                pos = m.end
        pieces.append(self.text[pos : self.mentions[b].start])
        text = " ".join(pieces)
        if text[:1] == ")" and self.text[: self.mentions[a].start].rstrip().endswith("("):
            text = text[1:]  # the bracket closing an acronym folded into the name before it
        if "\n" in text:
            return None  # a gap with a comma or a bracket fits only a pattern whose gaps name it
        return gap_keys(text, self.lang)

    def _fits(self, r: int, slot: Slot, *, name: str | None = None) -> bool:
        """Whether the entity of root mention ``r`` (its words, or those of ``name``) fits a
        pattern slot."""
        m = self.mentions[r]
        if m.type not in slot.types:
            return False
        if slot.heads is None:
            return True
        # a head's stem may be shorter than an inflected word's ("управлен" in "управления")
        return any(
            key == head or (len(head) >= 5 and key.startswith(head))
            for key in (t.key for t in tokenize(name or m.name or m.text, self.lang))
            for head in slot.heads
        )

    @relation_component("named-in-event")
    def named_in_event(self) -> None:
        """ "the Europol-Interpol Cybercrime Conference", "Conference of CBI": bodies named in an
        event's own name take part in it."""
        for ev, m in enumerate(self.mentions):
            if m.type != "Event":
                continue
            for i, o in enumerate(self.mentions):
                if o.type in ORGS and m.start <= o.start and o.end <= m.end:
                    self.add(
                        root(self.mentions, i),
                        "participatesIn",
                        root(self.mentions, ev),
                        m.sentence,
                        "event.named-in",
                        confidence=0.7,
                    )

    def is_operation(self, ev: int) -> bool:
        """Whether event mention ``ev`` is an operation ("Operation Onymous", "eCommerce Action",
        and a name given after the word: "die Aktion „Netzflicker“", "l'opération « Ciel »")."""
        return root(self.mentions, ev) in self._operations

    @cached_property
    def _operations(self) -> frozenset[int]:
        keys = self._operation_keys()
        out: set[int] = set()
        for i, m in enumerate(self.mentions):
            if m.type != "Event":
                continue
            start = self._tok_span(i)[0]
            before = [t for t in self.tokens[max(0, start - 2) : start] if t.text not in QUOTES]
            if {t.key for t in tokenize(m.name or m.text, self.lang)} & keys or (before and before[-1].key in keys):
                out.add(root(self.mentions, i))
        return frozenset(out)

    def _operation_keys(self) -> frozenset[str]:
        """Keys of words naming an operation rather than a meeting ("Operation", "investigation",
        "Ermittlungen", "операция")."""
        return key_set(
            entries("events", "operation_words", self.lang)
            + entries("events", "operation_anaphors", self.lang)
            + ["Action", "operation", "investigation", "takedown", "crackdown"],
            self.lang,
        )

    @relation_component("operation-actors")
    def operation_actors(self) -> None:
        """In a story about one operation, bodies that arrest, search or seize take part in it
        ("The Garda National Economic Crime Bureau searched locations in ...")."""
        ops = {
            root(self.mentions, i) for i, m in enumerate(self.mentions) if m.type == "Event" and self.is_operation(i)
        }
        if len(ops) != 1:
            return
        (op,) = ops
        for v in self.sentence_views:
            # acting or supporting: "Europol supported the action days", "Europol prestou apoio"
            actions = v.cues.get("action", []) + v.cues.get("Coordination", [])
            if not actions or self._about_a_meeting(v):
                continue
            subjects = {r for a in actions for r in self._subjects_before(v, a.start)}
            for pos, r in self._actors(v):
                acts = self.type_of(r) in ("Agency", "InternationalOrganization") and (
                    r in subjects or any(0 < a.start - pos <= 12 or self._agent_after(a, pos) for a in actions)
                )
                if acts:
                    self.add(r, "participatesIn", op, v.index, "event.operation-actor", confidence=0.55)

    def _about_a_meeting(self, v: SentenceView) -> bool:
        """Whether the sentence names a meeting or points back to one ("El encuentro, organizado
        por ..."): who acts there acts at the meeting, not in the operation."""
        meetings = words("events", "anaphors", self.lang) - self._operation_keys()
        named = any(self.type_of(r) == "Event" and not self.is_operation(r) for _, r in v.mentions)
        return named or any(t.key in meetings for t in self.tokens[v.tok_start : v.tok_end])

    def _agent_after(self, cue: Match, pos: int) -> bool:
        """Whether the name at token ``pos`` is the agent of a passive cue ("searches carried out
        by Romania's DIICOT", "durchgeführt von der Polizei")."""
        agents = profile(self.lang).agent_words
        gap = self.tokens[cue.end : pos]
        # between them only articles and a state's possessive ("by Romania's")
        return (
            0 < len(gap) <= 4
            and gap[0].key in agents
            and all(t.key in agents | ARTICLES or t.is_title or t.text in {"'s", "’s", "'", "’"} for t in gap)
        )

    @relation_component("operation-partners")
    def operation_partners(self) -> None:
        """Whoever coordinates an operation works with each body and state taking part in it
        (a conference's attendees, by contrast, only attend)."""
        by_event: dict[int, dict[str, list[RelationCandidate]]] = {}
        for c in self.out:
            if c.predicate in ("organizes", "participatesIn") and self.type_of(c.subject) in ACTORS:
                by_event.setdefault(c.object, {}).setdefault(c.predicate, []).append(c)
        for ev, rels in by_event.items():
            if not self.is_operation(ev):
                continue
            parts = rels.get("participatesIn", [])
            # a state taking part through a body of its own named there is that body's partner
            through = {self._state_of(c.subject) for c in parts if self.type_of(c.subject) in ORGS}
            for org in rels.get("organizes", []):
                for part in parts:
                    if self.type_of(part.subject) == "State" and self.mentions[part.subject].key in through:
                        continue
                    if not self._related(org.subject, part.subject):
                        self.add(
                            org.subject,
                            "cooperatesWith",
                            part.subject,
                            part.sentence,
                            "event.organizer-participant",
                            confidence=0.6,
                            kind="Coordination",
                        )
            self._joint_participants(parts)

    def _joint_participants(self, parts: list[RelationCandidate]) -> None:
        """Bodies taking part in one operation run it together: each pair of them cooperates
        (a state only through its bodies, which are named)."""
        said: dict[int, int] = {}  # body -> the sentence saying it takes part
        for c in parts:
            if self.type_of(c.subject) in ORGS:
                said.setdefault(c.subject, c.sentence)
        self._pair_up(said, "event.joint-participants", 0.55)

    @relation_component("structural")
    def structural(self) -> None:
        """jurisdiction and partOf stated by the names themselves."""
        gaz = gazetteer()
        first: dict[int, int] = {}
        for i in range(len(self.mentions)):
            first.setdefault(root(self.mentions, i), i)
        for r, i in list(first.items()):
            m = self.mentions[r]
            if m.type == "Agency" and m.jurisdiction:
                state = self._state_mention(m.jurisdiction, near=self.mentions[i])
                self.add(r, "jurisdiction", state, self.mentions[i].sentence, "name.state", confidence=0.9)
            if m.parent is not None:
                self.add(
                    r,
                    "partOf",
                    root(self.mentions, m.parent),
                    self.mentions[i].sentence,
                    "name.of-parent",
                    confidence=0.9,
                )
            if m.key and m.key in gaz.entries and gaz.entries[m.key].parent:
                self._stated_parent(r, gaz.entries[m.key].parent)

    @relation_component("inherited-jurisdiction")
    def inherited_jurisdiction(self) -> None:
        """A unit without a state of its own is a body of its parent's state ("the Cyber Division
        of the FBI", "la DCIBER da Polícia Federal")."""
        stated = {c.subject for c in self.out if c.predicate == "jurisdiction"}
        for c in [c for c in self.out if c.predicate == "partOf"]:
            unit, parent = c.subject, c.object
            if unit in stated or self.type_of(unit) != "Agency" or self.mentions[unit].jurisdiction:
                continue
            iso = self.mentions[parent].jurisdiction
            if iso:
                state = self._state_mention(iso, near=self.mentions[unit])
                self.add(unit, "jurisdiction", state, c.sentence, "name.parent-state", confidence=0.85)
                stated.add(unit)

    def _stated_parent(self, r: int, parent_key: str) -> None:
        """A gazetteer parent counts only where the text ties the two names together:
        "Europol's European Cybercrime Centre", "EC3 of Europol"."""
        glue = {"'s", "’s", "of", "the", "'", "’", "s"}
        for i, m in enumerate(self.mentions):
            if root(self.mentions, i) != r:
                continue
            a = self._tok_span(i)
            for j, other in enumerate(self.mentions):
                if other.key != parent_key:
                    continue
                b = self._tok_span(j)
                lo, hi = (b[1], a[0]) if b[0] < a[0] else (a[1], b[0])
                gap = self.tokens[lo:hi]
                if (
                    0 <= hi - lo <= 3
                    and all(t.key in glue for t in gap)
                    and (gap or re.search(r"['’]s$", self.tokens[b[1] - 1].text))
                ):
                    self.add(r, "partOf", root(self.mentions, j), m.sentence, "gazetteer.parent", confidence=0.9)
                    return
        self._parent_inside(r, parent_key)

    def _parent_inside(self, r: int, parent_key: str) -> None:
        """ "Europol's European Cybercrime Centre", "Бюро ... МВД России" read as one name: the
        name itself holds a name of its gazetteer parent, which the article names as well."""
        entry = gazetteer().entries[parent_key]
        forms = [tuple(t.key for t in tokenize(n, self.lang)) for n, _ in entry.names] + [
            tuple(t.key for t in tokenize(a, self.lang)) for a in entry.acronyms
        ]
        parent = next((root(self.mentions, j) for j, o in enumerate(self.mentions) if o.key == parent_key), None)
        if parent is None:
            return
        for i, m in enumerate(self.mentions):
            if root(self.mentions, i) != r:
                continue
            keys = tuple(_bare(t.key.removesuffix("'s").removesuffix("’s")) for t in tokenize(m.text, self.lang))
            if any(
                0 < len(f) < len(keys) and any(keys[k : k + len(f)] == f for k in range(len(keys) - len(f) + 1))
                for f in forms
            ):
                self.add(r, "partOf", parent, m.sentence, "gazetteer.parent-inside", confidence=0.85)
                return

    @relation_component("membership", per_sentence=True)
    def membership(self, v: SentenceView) -> None:
        """memberOf/represents: a person next to a post and the body (or state) it belongs to."""
        roles = self._post_keys()
        private = words("people", "private_roles", self.lang)
        bad = words("people", "non_officials", self.lang)
        glue = OF_WORDS | ARTICLES | words("people", "post_glue", self.lang)
        sides = words("people", "side_words", self.lang)
        people = [(i, r) for i, r in v.mentions if self.type_of(r) == "Person"]
        for pi, pr in people:
            p_tok = self._tok_span(pi)
            best = None
            for oi, orr in v.mentions:
                if self.type_of(orr) not in ORGS + ("State",):
                    continue
                o_tok = self._tok_span(oi)
                if self._quoted_source(o_tok[0], v):
                    continue  # "According to the FBI, Cazes registered a company"
                if self.type_of(orr) == "State" and self._post_host(o_tok[0], roles):
                    continue  # "the German ambassador to Ukraine": the host, not the state served
                lo, hi = (o_tok[1], p_tok[0]) if o_tok[0] < p_tok[0] else (p_tok[1], o_tok[0])
                if hi - lo > 10 or hi < lo:
                    continue
                between = self.tokens[lo:hi]
                if any(t.text in {".", ";", "“", "”", '"'} for t in between):
                    continue
                if p_tok[0] < o_tok[0] and any(t.key in sides for t in self.tokens[lo : o_tok[1] + 1]):
                    continue  # "Hansen, für die moldauische Seite Innenminister Rusu": the next side's post
                if p_tok[0] < o_tok[0] and self._post_of_next_name(o_tok[1], v):
                    continue  # "Mucavele, in the presence of the ambassador of Portugal, Sardinha"
                edge = (between[0] if p_tok[0] < o_tok[0] else between[-1]) if between else None
                if edge is not None and edge.text.isalpha() and not edge.is_title and edge.key not in roles | glue:
                    continue  # "John Smith met the French minister": a verb stands between them
                if any(self.type_of(r) == "Person" and lo <= self._tok_span(i)[0] < hi for i, r in v.mentions):
                    continue
                window = self.tokens[self._phrase_start(min(o_tok[0], p_tok[0]), v) : max(o_tok[1], p_tok[1]) + 4]
                keys = {_bare(t.key) for t in window} | {
                    " ".join((_bare(a.key), b.key)) for a, b in zip(window, window[1:], strict=False)
                }
                lower = {t.key for t in window if not t.is_title} | {
                    " ".join((a.key, b.key)) for a, b in zip(window, window[1:], strict=False) if not a.is_title
                }
                if lower & bad:  # "the suspect's lawyer", not "National Crime Agency"
                    continue
                if not (keys & roles) and hi - lo > 0:  # "Microsoft, Taylor Swift and others": a list
                    continue
                dist = hi - lo
                if best is None or dist < best[0]:
                    best = (dist, orr, keys, o_tok)
            if best is None:
                continue
            _, orr, keys, o_tok = best
            if self.type_of(orr) == "State":  # "President of the Austrian National Council"
                orr = next(
                    (r for i, r in v.mentions if self.type_of(r) in ORGS and self._tok_span(i)[0] == o_tok[1]), orr
                )
            if self.type_of(orr) == "State":
                if keys & roles and not keys & private:
                    self.add(pr, "represents", orr, v.index, "person.role-state", confidence=0.7)
                continue
            self._hold_post(pr, orr, keys & roles, v.index, "person.role-body")

    def _post_of_next_name(self, tok: int, v: SentenceView, *, reach: int = 6) -> bool:
        """Whether the words from token ``tok`` (right after a body or state) run, within a few
        tokens and no clause mark, to a comma and a person's name: the body or state is then in
        the post set off before that name ("the ambassador of Portugal in Mozambique, Henrique
        Sardinha"), not the post of a person named before it."""
        starts = {self._tok_span(i)[0] for i, r in v.mentions if self.type_of(r) == "Person"}
        for k in range(tok, min(tok + reach, v.tok_end - 1)):
            text = self.tokens[k].text
            if text == ",":
                return k + 1 in starts
            if text in {".", ";", ":", "(", ")", "“", "”", '"', "«", "»"}:
                return False
        return False

    def _phrase_start(self, tok: int, v: SentenceView) -> int:
        """Where the words before token ``tok`` that may hold a post begin: four tokens back, or
        up to the profile's ``post_reach`` back to the last comma ("the Minister of Security of
        the Argentine Nation, Laura Benítez": the post is six words before the state), or the
        word before the body's name that runs up to ``tok``, however long."""
        near = max(v.tok_start, tok - 4)
        far = max(v.tok_start, tok - profile(self.lang).post_reach)
        marks = [
            k for k in range(far, tok) if self.tokens[k].text in {",", ";", ":", "(", ")", '"', "“", "”", "«", "»"}
        ]
        start = min(near, marks[-1] + 1 if marks else far)
        # a post held in a body named by a long name before the state ("ministro da Justiça e
        # Segurança Pública do Brasil"): the name's words back to the word before them
        glue = OF_WORDS | _GENITIVE | ARTICLES | words("people", "post_glue", self.lang)
        k = tok
        while (
            k > v.tok_start
            and tok - k < MAX_NAME_BEFORE
            and (self.tokens[k - 1].is_title or self.tokens[k - 1].key in glue)
        ):
            k -= 1
        return min(start, max(v.tok_start, k - 1))

    def _post_keys(self) -> frozenset[str]:
        """Keys of the words of a post: lexicon.toml's official roles and the profile's post words."""
        return words("people", "official_roles", self.lang) | profile(self.lang).post_words

    def _hold_post(self, person: int, body: int, posts: set[str], sentence: int, rule: str) -> None:
        """``person`` holds a post (one of ``posts``, role keys) in ``body``: a member of it and,
        unless the post is a private one, a representative of the body's state."""
        private = words("people", "private_roles", self.lang)
        self.add(person, "memberOf", body, sentence, rule, confidence=0.8)
        self.member.setdefault(person, body)
        iso = self._state_of(body)
        if iso and self.type_of(body) == "Agency" and not (posts and posts <= private):
            state = self._state_mention(iso, near=self.mentions[body])
            self.add(person, "represents", state, sentence, "person.body-state", confidence=0.75)

    def _state_of(self, body: int) -> str | None:
        """The ISO code of a body's state: its own, or that of the body it is a unit of."""
        parents = [c.object for c in self.out if c.predicate == "partOf" and c.subject == body]
        return self.mentions[body].jurisdiction or next(
            (self.mentions[p].jurisdiction for p in parents if self.mentions[p].jurisdiction), None
        )

    @relation_component("appositive-posts", per_sentence=True)
    def appositive_posts(self, v: SentenceView) -> None:
        """ "Jane Doe, who joined in 1998 and now serves as deputy director of the Cyber Division
        of the FBI, said ...": a post in the clause set off by commas after a person's name,
        however far from the name, makes the person a member of the body named right after
        the post word. Only for people the sentence gives no body otherwise."""
        posts = self._post_keys()
        placed = {c.subject for c in self.out if c.predicate == "memberOf" and c.sentence == v.index}
        bodies = [(self._tok_span(i)[0], r) for i, r in self._outer_names(v) if self.type_of(r) in ORGS]
        for pi, pr in v.mentions:
            if self.type_of(pr) != "Person" or pr in placed:
                continue
            clause = self._set_off_clause(self._tok_span(pi)[1], v)
            post = next((k for k in range(*clause) if self.tokens[k].key in posts), None)
            if post is None:
                continue
            after = [(pos, r) for pos, r in bodies if post < pos < clause[1]]
            if after and after[0][0] - post <= profile(self.lang).post_reach:
                self._hold_post(pr, after[0][1], {self.tokens[post].key}, v.index, "person.appositive-post")

    def _set_off_clause(self, tok: int, v: SentenceView) -> tuple[int, int]:
        """Token range of the clause between the comma at ``tok`` and the next comma, or an
        empty range if no comma follows the name there."""
        if tok >= v.tok_end or self.tokens[tok].text != ",":
            return tok, tok
        end = next(
            (k for k in range(tok + 1, v.tok_end) if self.tokens[k].text in {",", ";", ".", "(", "“", "”", '"'}),
            v.tok_end,
        )
        return tok + 1, end

    def _post_host(self, tok: int, roles: frozenset[str]) -> bool:
        """Whether the state named at token ``tok`` is where a post is held, not whom it
        serves: a host word of the profile right before the name, after a post ("ambassador
        to Ukraine", "Botschafter in der Ukraine", "посол России в Казахстане")."""
        hosts = profile(self.lang).host_words
        before = [t for t in self.tokens[max(0, tok - 8) : tok] if t.key not in ARTICLES]
        marks = [k for k, t in enumerate(before) if t.text in {",", ";", "(", ")"}]
        before = before[marks[-1] + 1 :] if marks else before
        return bool(before) and before[-1].key in hosts and any(_bare(t.key) in roles for t in before[:-1])

    def _quoted_source(self, tok: int, v: SentenceView) -> bool:
        """Whether the name at token ``tok`` follows "according to" (or "laut", "selon", ...)."""
        # a phrase may be a "say" cue as well (the matcher keeps one name per phrase)
        sources = phrase_keys("attribution", "sources", self.lang)
        for cue in v.cues.get("sources", []) + v.cues.get("say", []):
            phrase = tuple(t.key for t in self.tokens[cue.start : cue.end])
            if phrase in sources and self._right_after(cue, tok):
                return True
        return False

    @relation_component("speakers", per_sentence=True)
    def speakers(self, v: SentenceView) -> None:
        """Which body speaks in this sentence, for 'we'/'our' in quotes."""
        if "say" not in v.cues:
            return
        for cue in v.cues["say"]:
            best = None
            for i, r in v.mentions:
                span = self._tok_span(i)
                dist = min(abs(span[0] - cue.end), abs(cue.start - span[1]))
                if dist <= 8 and self.type_of(r) in ("Person",) + ORGS and (best is None or dist < best[0]):
                    best = (dist, r)
            if best is None:
                continue
            org = self.member.get(best[1], best[1]) if self.type_of(best[1]) == "Person" else best[1]
            if self.type_of(org) in ORGS:
                # the quote is this sentence and the ones before it in the same paragraph
                self.speaker[v.index] = org
                j = v.index - 1
                while j >= 0 and j not in self.speaker and not self._paragraph_break(j, v.index):
                    self.speaker[j] = org
                    j -= 1

    def _paragraph_break(self, j: int, k: int) -> bool:
        """Whether a paragraph ends between sentence j and the next one."""
        if j + 1 > k:
            return True
        return (
            "\n"
            in self.text[self.sentences[j].start : self.sentences[j + 1].start].rstrip(" ")[
                len(self.sentences[j].text) - 1 :
            ]
        )

    @relation_component("cooperation", per_sentence=True)
    def cooperation(self, v: SentenceView) -> None:
        self.requested_arrest(v)
        self.joint_subjects(v)
        kinds = [k for k in raw()["cooperation"] if k in v.cues]  # the kinds are the lexicon's sections
        if not kinds:
            return
        actors = self._actors(v)
        if v.index in self.speaker and (self._first_person(v) or len({r for _, r in actors}) == 1):
            actors.insert(0, (v.tok_start, self.speaker[v.index]))
        roots: list[tuple[int, int]] = []
        for pos, r in actors:
            if not any(self._same(r, x) for _, x in roots):
                roots.append((pos, r))
        cue = min((m for k in kinds for m in v.cues[k]), key=lambda m: m.start)
        kind = next(k for k in kinds if cue in v.cues[k])
        if kind == "AgreementSigned":  # "signed at the Ministry of Justice": where, not who
            places = {self._tok_span(i)[0] for i, _ in v.mentions if self._locative(i, article=True)}
            roots = [(pos, r) for pos, r in roots if pos not in places]
        if len(roots) < 2:
            return
        between = [
            m for m in v.cues.get(kind, []) if "between" in " ".join(t.key for t in self.tokens[m.start : m.end])
        ]
        if between:
            # "cooperation between the agencies of Belarus and Russia": the states are the parties
            after = [(pos, r) for pos, r in self._actors(v, all_states=True) if pos >= between[0].end]
            if not after or after[0][0] - between[0].end > 6:
                return  # "cooperation between agencies worldwide ... frameworks of the UN and Interpol"
            side = list(dict.fromkeys(r for _, r in after))
            pairs = [(a, b) for i, a in enumerate(side) for b in side[i + 1 :]]
        else:
            left = [r for pos, r in roots if pos < cue.start]
            right = [r for pos, r in roots if pos >= cue.start]
            if kind == "JointOperation":  # "X and Y set up a joint team with Z": X and Y as well
                self._pair_up(dict.fromkeys(self._subjects_before(v, cue.start), v.index), f"coop.{kind}", 0.75)
            # "... y recordó que Argentina y España firmaron": the list right before the cue are
            # the parties, states too, and not the other names of the sentence
            parties = [] if right else self._subjects_before(v, cue.start, all_states=True, reach=3)
            if left and right:
                pairs = [(a, b) for a in left for b in right]
            else:
                side = parties if len(parties) >= 2 else left or right
                pairs = [(a, b) for i, a in enumerate(side) for b in side[i + 1 :]]
        for a, b in pairs[:MAX_PAIRS]:
            if self._related(a, b):
                continue
            self.add(a, "cooperatesWith", b, v.index, f"coop.{kind}", confidence=0.75, kind=kind)

    @relation_component("pair-anaphors", per_sentence=True)
    def pair_anaphors(self, v: SentenceView) -> None:
        """ "Les deux services échangeaient des informations", "Ambas unidades ya trabajaron
        juntas", "the two countries set up a joint team": with a cooperation cue, the pair named
        last before the sentence (bodies, or states for "the two countries") cooperates."""
        kinds = [k for k in raw()["cooperation"] if k in v.cues]
        pair = self._anaphor_pair(v) if kinds else None
        if pair:
            kind = min(((m, k) for k in kinds for m in v.cues[k]), key=lambda x: x[0].start)[1]
            self.add(pair[0], "cooperatesWith", pair[1], v.index, f"coop.{kind}", confidence=0.7, kind=kind)

    def _anaphor_pair(self, v: SentenceView) -> tuple[int, int] | None:
        """The two bodies or states a pair anaphor of the sentence ("both agencies", "специалисты
        двух стран") points back to, or None."""
        prof = profile(self.lang)
        for phrases, of_states in ((prof.pair_bodies, False), (prof.pair_states, True)):
            found = _pair_matcher(phrases, self.lang).find(self.tokens[v.tok_start : v.tok_end])
            if found:
                pair = self._last_two(v, v.tok_start + found[0].start, states=of_states)
                if pair:
                    return pair
        return None

    def _last_two(self, here: SentenceView, tok: int, *, states: bool) -> tuple[int, int] | None:
        """The two bodies (or ``states``: states named, or those of the bodies named) named
        last before token ``tok``: in its sentence, else in the last sentence before it that
        names two or more; None if there are none."""
        for v in [here, *reversed(self.sentence_views[: here.index])]:
            named: list[int] = []
            for i, r in reversed(v.mentions):
                if self.embedded(i) or self.mentions[i].name == "implied" or self._tok_span(i)[0] >= tok:
                    continue
                if states and self.type_of(r) in ORGS and self.mentions[r].jurisdiction:
                    r = self._state_mention(self.mentions[r].jurisdiction, near=self.mentions[i])
                if (self.type_of(r) == "State") != states or self.type_of(r) not in ACTORS:
                    continue
                if not any(self._same(r, x) or self._related(r, x) for x in named):
                    named.append(r)
            if len(named) >= 2:
                return named[1], named[0]
        return None

    def requested_arrest(self, v: SentenceView) -> None:
        """ "arrested in Greece at the request of the United States", "arrested in Russia and
        waiting to be extradited to the United States": the state (or body) that acts on a
        request, or hands a suspect over, works with the one that asked, even in a sentence
        that also reports a quarrel elsewhere."""
        triggers = words("requests", "words", self.lang) | words("requests", "transfers", self.lang)
        places = words("requests", "places", self.lang)
        for cue in v.cues.get("LegalAssistance", []):
            if not triggers & {t.key for t in self.tokens[cue.start : cue.end]}:
                continue
            actors = self._actors(v, places=True)
            after = [(p, r) for p, r in actors if p >= cue.end and p - cue.end <= 3]
            if not after:
                continue
            # the place of the arrest, before the request or (German word order) after it
            where = [
                (abs(cue.start - p), r)
                for p, r in actors
                if p > 0
                and self.tokens[p - 1].key in places
                and r != after[0][1]
                and (0 < cue.start - p <= 12 or 0 < p - after[0][0] <= 12)
            ]
            if where:
                a, b = min(where)[1], after[0][1]
                if not self._related(a, b):
                    self.add(a, "cooperatesWith", b, v.index, "coop.request", confidence=0.8, kind="LegalAssistance")

    def joint_subjects(self, v: SentenceView) -> None:
        """ "The Federal Security Service and the Ministry of Interior carried out a raid": bodies
        that together are the subject of one enforcement action work together."""
        actions = v.cues.get("action", [])
        if actions:
            subjects = self._subjects_before(v, actions[0].start)
            self._pair_up(dict.fromkeys(subjects, v.index), "coop.joint-subject", 0.7)

    def _pair_up(self, said: dict[int, int], rule: str, confidence: float) -> None:
        """Each pair of bodies named together (root -> the sentence naming it, in order)
        cooperates in a joint operation; the later sentence is the evidence."""
        roots: list[int] = []
        for r in said:  # one root per entity, so that aliases ("ZIT", its full name) do not eat MAX_PAIRS
            if not any(self._same(r, x) for x in roots):
                roots.append(r)
        pairs = [(a, b) for i, a in enumerate(roots) for b in roots[i + 1 :]]
        for a, b in pairs[:MAX_PAIRS]:
            if not self._related(a, b):
                evidence = max(said[a], said[b])
                self.add(a, "cooperatesWith", b, evidence, rule, confidence=confidence, kind="JointOperation")

    def _subjects_before(self, v: SentenceView, tok: int, *, all_states: bool = False, reach: int = 12) -> list[int]:
        """Roots of the bodies named together as the subject of the words at token ``tok``: the
        list joined by commas, conjunctions and of-words ("Investigators of the Dutch police and
        of Poland's CBZC set up ...") whose last name starts at most ``reach`` tokens before
        ``tok`` (with ``all_states``, states whose bodies the sentence names as well)."""
        chain = [(p, r) for p, r in self._actors(v, all_states=all_states) if p < tok]
        if not chain:
            return []
        glue = words("actions", "conjunctions", self.lang) | words("actions", "staff", self.lang)
        glue |= _GENITIVE | {",", "(", ")"}
        linked = [chain[-1]]
        for p, r in reversed(chain[:-1]):
            gap = self.tokens[self._mention_end(p) : linked[-1][0]]
            if gap and all(t.key in glue or t.text in glue for t in gap):
                linked.append((p, r))
            elif any(not (t.key in glue or t.text in glue) for t in gap):
                break
        if tok - linked[0][0] > reach:
            return []
        return list(dict.fromkeys(r for _, r in reversed(linked)))

    def _mention_end(self, start_tok: int) -> int:
        """Token end of the mention that starts at token start_tok."""
        for i in range(len(self.mentions)):
            s, e = self._tok_span(i)
            if s == start_tok:
                return e
        return start_tok + 1

    def embedded(self, i: int) -> bool:
        """A body named inside a unit's name ("... of the Security Council") is not an actor
        of the sentence on its own."""
        return i in self._embedded

    def _actors(self, v: SentenceView, *, places: bool = False, all_states: bool = False) -> list[tuple[int, int]]:
        """Bodies and states of a sentence; a state whose own body is also named there is
        represented by that body ("reports in Brazil ... Federal Police with the FBI")."""
        out = []
        bodies = {self.mentions[r].jurisdiction for _, r in v.mentions if self.type_of(r) in ORGS}
        for i, r in v.mentions:
            if self.type_of(r) not in ACTORS or self.embedded(i):
                continue
            if (
                self.type_of(r) == "State"
                and not all_states
                and (self.mentions[r].key in bodies or (not places and self._locative(i)))
            ):
                continue
            if self.mentions[i].name == "demonym":
                if not self._names_colleagues(i):
                    continue  # "five Italians and one Spanish" are people, not their state
                r = self._sole_body(r)
            if self.type_of(r) == "State" and self._nationality(i):
                continue
            out.append((self._tok_span(i)[0], r))
        return out

    def _sole_body(self, state: int) -> int:
        """ "the Polish investigators": the one body of that state the article names, if it
        names exactly one (else the state itself)."""
        iso = self.mentions[state].key
        bodies = {
            self.mentions[r].key or r: r
            for r in {root(self.mentions, i) for i in range(len(self.mentions))}
            if self.type_of(r) in ORGS and self.mentions[r].jurisdiction == iso and self.mentions[r].parent is None
        }
        return next(iter(bodies.values())) if len(bodies) == 1 else state

    def _names_colleagues(self, i: int) -> bool:
        """ "Uzbek colleagues", "Dutch authorities", "los investigadores argentinos": an adjective
        standing for a state's bodies, before or after its noun."""
        s, e = self._tok_span(i)
        colleagues = words("attribution", "colleagues", self.lang)
        after = e < len(self.tokens) and self.tokens[e].key in colleagues
        return after or (s > 0 and self.tokens[s - 1].key in colleagues)

    def _locative(self, i: int, *, article: bool = False) -> bool:
        """ "a truck travelling from Spain", "arrested in Greece": a place, not a partner
        (unlike "colleagues from Kazakhstan"); with ``article``, also after an article ("signed
        at the Ministry of ...")."""
        s, _ = self._tok_span(i)
        places = words("attribution", "locatives", self.lang)
        if article and s > 0 and self.tokens[s - 1].key in ARTICLES:
            s -= 1
        if s == 0 or self.tokens[s - 1].key not in places:
            return False
        colleagues = words("attribution", "colleagues", self.lang)
        return not (s >= 2 and self.tokens[s - 2].key in colleagues)

    def _nationality(self, i: int) -> bool:
        """ "a citizen of Kazakhstan", "гражданина Казахстана": a person's country."""
        s, _ = self._tok_span(i)
        nationality = words("attribution", "nationality", self.lang)
        before = [t.key for t in self.tokens[max(0, s - 3) : s] if t.key not in _GENITIVE and t.key not in ARTICLES]
        return bool(before) and before[-1] in nationality

    def _first_person(self, v: SentenceView) -> bool:
        we = key_set(
            entries("attribution", "first_person_plural", self.lang, fallback=False) or ["we", "our", "us"], self.lang
        )
        return any(t.key in we for t in self.tokens[v.tok_start : v.tok_end])

    def _related(self, a: int, b: int) -> bool:
        """A body and its own state, or a unit and its parent, do not 'cooperate'."""
        ma, mb = self.mentions[a], self.mentions[b]
        for x, y in ((ma, mb), (mb, ma)):
            if (
                y.type == "State"
                and x.type != "State"
                and x.jurisdiction
                and x.jurisdiction == (y.key or y.jurisdiction)
            ):
                return True
        for x, y in ((a, b), (b, a)):
            if self.mentions[x].parent is not None and self._same(root(self.mentions, self.mentions[x].parent), y):
                return True
        if any(
            c.predicate == "partOf"
            and (
                self._same(c.subject, a)
                and self._same(c.object, b)
                or self._same(c.subject, b)
                and self._same(c.object, a)
            )
            for c in self.out
        ):
            return True  # "the Office, part of the Criminal Division": a unit of the other
        gaz = gazetteer()
        if ma.key and mb.key and ma.key in gaz.entries and mb.key in gaz.entries:
            return gaz.entries[ma.key].parent == mb.key or gaz.entries[mb.key].parent == ma.key or ma.key == mb.key
        return False

    def _same(self, a: int, b: int) -> bool:
        """Whether root mentions ``a`` and ``b`` name one entity (one gazetteer key)."""
        return a == b or (self.mentions[a].key is not None and self.mentions[a].key == self.mentions[b].key)

    @relation_component("events", per_sentence=True)
    def events(self, v: SentenceView) -> None:
        evs = [r for i, r in v.mentions if self.type_of(r) == "Event"]
        if not evs:
            ev = self._event_anaphor(v)
            if ev is None and "participates" in v.cues:
                ev = self._recent_event(v)
            if ev is None:
                return
            evs = [ev]
        ev = evs[0]
        org_cues = v.cues.get("organizes", [])
        part_cues = v.cues.get("participates", [])
        for i, r in v.mentions:
            t = self.type_of(r)
            if t in ("Event", "Agreement") or self.embedded(i) or self._in_a_name(i, v):
                continue
            span = self._tok_span(i)
            if org_cues and t in ACTORS and self._near_cue(i, span, org_cues, part_cues, v):
                self.add(r, "organizes", ev, v.index, "event.organizes", confidence=0.75)
            elif part_cues or t == "Person":
                if t == "Person" and not part_cues:
                    continue
                self.add(r, "participatesIn", ev, v.index, "event.participates", confidence=0.65)
        worked_in = self.is_operation(ev) and any(k in v.cues for k in raw()["cooperation"])
        if (part_cues or worked_in) and not self._named_actors(v):
            # "specialists of the two countries took part in a joint exercise", "both units
            # worked together in operation Tucán"
            for r in self._anaphor_pair(v) or ():
                self.add(r, "participatesIn", ev, v.index, "event.pair-anaphor", confidence=0.6)

    def _named_actors(self, v: SentenceView) -> list[int]:
        """Roots of the bodies and states the sentence names as actors of its own."""
        return [r for i, r in v.mentions if self.type_of(r) in ACTORS and not self.embedded(i)]

    def _in_a_name(self, i: int, v: SentenceView) -> bool:
        """Whether mention ``i`` is a word of an event's or agreement's name ("franco-marocain"
        in "la 7e réunion du Comité mixte franco-marocain"), not a party of its own."""
        return any(self.type_of(r) in ("Event", "Agreement") and self._inside(i, j) for j, r in v.mentions)

    def _near_cue(
        self, i: int, span: tuple[int, int], cues: list[Match], part_cues: list[Match], v: SentenceView
    ) -> bool:
        """Whether mention ``i`` (at token ``span``) is an organiser by one of the ``cues``: named
        after an agent cue ("led by X and Y") up to the next participation cue ("..., involved
        A, B and C"), or in the list of names right before a verb cue ("X and Y coordinated")."""
        agents = profile(self.lang).agent_words
        for c in cues:
            # "organisée cette année par la DGSN": the agent word may follow the cue a few words on
            by = bool(agents & {t.key for t in self.tokens[c.start : c.end + 4]})
            reach = min([self._claim_start(v, p) for p in part_cues if p.start >= c.end] + [c.end + 21])
            if by and c.end <= span[0] < reach:
                return True
            if not by and i in self._list_before(v, c.start):
                return True
            if not by and 0 <= span[0] - c.end <= 2 and self.tokens[c.start].key.endswith("ing"):
                return True  # "by hosting I.R. of Iran"
        return False

    def _claim_start(self, v: SentenceView, cue: Match) -> int:
        """The first token a participation cue speaks of: the cue itself where names follow it
        ("involved A, B and C"), else the start of the list right before it ("A, B and C took part")."""
        if any(0 <= self._tok_span(i)[0] - cue.end <= 3 for i, r in v.mentions if self.type_of(r) in ACTORS):
            return cue.start
        listed = self._list_before(v, cue.start)
        return min([self._tok_span(i)[0] for i in listed] + [cue.start])

    def _list_before(self, v: SentenceView, tok: int) -> set[int]:
        """Mentions of the list of names that ends at most three tokens before token ``tok``
        ("Europol, Eurojust and the FBI coordinated"), joined by commas and conjunctions."""
        glue = words("actions", "conjunctions", self.lang) | {","}
        before = sorted(
            ((self._tok_span(i), i) for i, r in v.mentions if self.type_of(r) in ACTORS and not self.embedded(i)),
            reverse=True,
        )
        found: set[int] = set()
        edge = tok
        for (start, end), i in before:
            if end > edge:
                continue
            gap = self.tokens[end:edge]
            if not found and len(gap) > 3:
                break
            if found and not all(t.key in glue or t.text in glue for t in gap):
                break
            found.add(i)
            edge = start
        return found

    def _recent_event(self, v: SentenceView) -> int | None:
        """The meeting named in one of the two sentences before ``v``, for a sentence that lists
        who took part without naming it ("Entre los asistentes figuraban delegaciones de ...")."""
        named = [
            root(self.mentions, i)
            for i, m in enumerate(self.mentions)
            if m.type == "Event" and v.index - 2 <= m.sentence < v.index and not self.is_operation(i)
        ]
        return named[-1] if named else None

    def _event_anaphor(self, v: SentenceView) -> int | None:
        """The event an unnamed reference in the sentence points back to ("the operation", "el
        encuentro"): the last one of its kind (operation or meeting) named before the sentence,
        else the first one named at all if it is of that kind."""
        anaphors = words("events", "anaphors", self.lang) | self._operation_keys()
        said = [t.key for t in self.tokens[v.tok_start : v.tok_end] if t.key in anaphors]
        if not said:
            return None
        operation = said[0] in self._operation_keys()
        start_char = self.sentences[v.index].start
        events = [
            i
            for i, m in enumerate(self.mentions)
            if m.type == "Event" and m.alias_of is None and self.is_operation(i) == operation
        ]
        before = [i for i in events if self.mentions[i].start <= start_char]
        return before[-1] if before else (events[0] if events else None)

    @relation_component("agreements", per_sentence=True)
    def agreements(self, v: SentenceView) -> None:
        """Actors of a sentence with a party cue ("signed", "ratifié") are parties to its first
        agreement, except a body named as the agreement's author right next to it ("the
        Convention on Cybercrime of the Council of Europe", "Übereinkommen des Europarats")."""
        ags = [(i, r) for i, r in v.mentions if self.type_of(r) == "Agreement"]
        if not ags or "party" not in v.cues:
            return
        authors = {r for i, r in v.mentions if any(self._next_to(i, a) or self._inside(i, a) for a, _ in ags)}
        # the names listed right before a signing verb sign ("Argentina y España firmaron", "X
        # and Y signed"); after a relative pronoun that follows the agreement, the names of that
        # clause ("the convention, which Chile ratified"); otherwise every actor of the sentence
        listed = {i for cue in v.cues["party"] for i in self._list_before(v, cue.start)}
        clause = self._relative_clause(v, ags[0][0])
        for i, r in v.mentions:
            if self.type_of(r) not in ACTORS or r in authors or self._locative(i, article=True):
                continue  # "signed at the Ministry of ...", "firmado en Chile": a place, not a party
            if (i in listed) if listed else (clause is None or self._tok_span(i)[0] >= clause):
                self.add(r, "partyTo", ags[0][1], v.index, "agreement.party", confidence=0.7)
        if not set(self._named_actors(v)) - authors:
            # "Beide Staaten sind Vertragsparteien des Übereinkommens"
            for r in self._anaphor_pair(v) or ():
                self.add(r, "partyTo", ags[0][1], v.index, "agreement.pair-anaphor", confidence=0.65)

    def _relative_clause(self, v: SentenceView, ag: int) -> int | None:
        """The first token of a relative clause right after agreement mention ``ag`` (", which",
        ", que", ", которую") that holds a signing cue, or None."""
        end = self._tok_span(ag)[1]
        relatives = words("phrases", "relatives", self.lang)
        for j in range(end, min(end + 12, v.tok_end)):
            if self.tokens[j].key in relatives and self.tokens[j - 1].text == ",":
                return j if any(c.start > j for c in v.cues["party"]) else None
        return None

    def _inside(self, i: int, j: int) -> bool:
        """Whether mention ``i`` lies within mention ``j`` ("Council of Europe" in "the Council of
        Europe Convention on Cybercrime")."""
        m, n = self.mentions[i], self.mentions[j]
        return i != j and n.start <= m.start and m.end <= n.end

    def _next_to(self, i: int, j: int) -> bool:
        """Whether mentions ``i`` and ``j`` stand side by side, with at most genitive words,
        articles or a possessive between them."""
        (a, b), (c, d) = self._tok_span(i), self._tok_span(j)
        gap = self.tokens[b:c] if b <= c else self.tokens[d:a]
        glue = _GENITIVE | ARTICLES | {"'s", "’s", "'", "’"}
        return (b <= c or d <= a) and len(gap) <= 3 and all(_bare(t.key) in glue or t.key in glue for t in gap)

    # -- small lookups --------------------------------------------------------------------
    def _tok_span(self, i: int) -> tuple[int, int]:
        s, e = self.spans[i]
        if s >= 0:
            return s, e
        m = self.mentions[i]
        a = self.tok_index(m.start)
        b = a
        while b < len(self.tokens) and self.tokens[b].end <= m.end:
            b += 1
        return a, max(b, a + 1)

    def _state_mention(self, iso: str, near: Mention | None = None) -> int:
        """The mention of a state; one is implied (at the mention ``near``) if the text
        names the state only through its agency ("FBI" -> US)."""
        for i, m in enumerate(self.mentions):
            if m.type == "State" and m.key == iso:
                return root(self.mentions, i)
        near = near or self.mentions[0]
        implied = Mention(
            text=near.text,
            start=near.start,
            end=near.end,
            type="State",
            lang=self.lang,
            key=iso,
            name="implied",
            sentence=near.sentence,
        )
        self.mentions.append(implied)
        self.spans.append(self.spans[self.mentions.index(near)] if near in self.mentions else (-1, -1))
        return len(self.mentions) - 1
