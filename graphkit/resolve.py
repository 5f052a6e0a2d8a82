"""Bind every mention to one entity IRI: gazetteer first, then name + type + jurisdiction.

IRIs are derived from what identifies an entity, never from the article, so the same
entity met in two articles (or two languages) gets the same IRI and is one node:
``state/BY``, ``agency/ru-mvd`` (gazetteer), ``agency/it-squadra-mobile`` (a name of a state's
body), ``person/dmitry-gora``. Two states' bodies of the same generic name stay apart
because the jurisdiction is part of the key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .extract.lexicons import gazetteer
from .extract.relations import root
from .gloss import english_name
from .model import Entity, Extraction, Mention, Relation, ResolvedArticle, slug
from .rdf import entity_iri

_ARTICLE = re.compile(r"^(the|der|die|das|des|dem|den|la|le|les|el|los|las|il|lo)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass
class Overrides:
    """A user's corrections: names forced onto an IRI, or pairs never to be merged.

    JSON file: ``{"same": {"Flying Squad": "https://w3id.org/ccg/resource/agency/it-squadra-mobile"},
    "different": [["Ministry of Interior", "Ministry of Internal Affairs"]]}``.
    """

    same: dict[str, str] = field(default_factory=dict)
    different: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def load(cls, path: str | Path | None) -> Overrides:
        if not path:
            return cls()
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            same={_norm(k): v for k, v in data.get("same", {}).items()},
            different={frozenset(_norm(x) for x in pair) for pair in data.get("different", [])},
        )


#: Types whose names are glossed in English; persons and companies keep the names they have.
_GLOSSED = frozenset({"Agency", "InternationalOrganization", "Event", "Agreement"})
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")  # Greek, Cyrillic


def _norm(name: str) -> str:
    return slug(clean_name(name))


_MINOR = {
    "of",
    "the",
    "for",
    "and",
    "on",
    "against",
    "in",
    "to",
    "at",
    "by",
    "de",
    "du",
    "des",
    "der",
    "die",
    "das",
    "von",
    "für",
    "zur",
    "zum",
    "la",
    "le",
    "el",
    "del",
    "da",
    "do",
    "di",
    "y",
    "e",
    "et",
    "und",
}


def display_name(name: str) -> str:
    """One spelling per IRI: the words of a name capitalised, small words kept small, so
    "Polish police" and "Polish Police" (one IRI) get one preferred label.

    >>> display_name("Polish police of the capital")
    'Polish Police of the Capital'
    """
    words = name.split(" ")
    return " ".join(
        w[:1].upper() + w[1:] if w.isalpha() and w.islower() and not (i and w in _MINOR) else w
        for i, w in enumerate(words)
    )


def clean_name(text: str) -> str:
    """A mention's text as a name: no leading article, no possessive, single spaces.

    >>> clean_name("the Investigative Committee's")
    'Investigative Committee'
    """
    text = " ".join(text.split())
    text = _ARTICLE.sub("", text)
    return _POSSESSIVE.sub("", text).strip(" ,.;:")


class Resolver:
    """Turns extractions into resolved articles; keeps no state between articles except the
    overrides, so articles can be resolved in any order or in parallel."""

    def __init__(self, overrides: Overrides | None = None) -> None:
        self.overrides = overrides or Overrides()

    def entity_for(self, m: Mention, scope: str = "") -> Entity:
        """The entity a (root) mention names; ``scope`` (the article's id) keys the agreements
        and events named only by a common noun ("a memorandum of understanding"), which
        nothing identifies across articles."""
        gaz = gazetteer()
        if m.key and m.key in gaz.entries and not self.split(m, gaz.entries[m.key].pref_label):
            e = gaz.entries[m.key]
            ent = Entity(
                entity_iri(e.type, e.key),
                e.type,
                e.pref_label,
                iso=e.iso,
                jurisdiction=e.jurisdiction or (e.iso if e.type != "State" else None),
                key=e.key,
            )
            ent.labels.update(e.names)
            ent.labels.update((a, "") for a in e.acronyms)
            return ent
        name = clean_name(m.name or m.text)
        key = slug(name)
        if m.type == "Agency" and m.jurisdiction:
            key = f"{m.jurisdiction.lower()}-{key}"
        if m.role == "unnamed" and scope:
            key = f"{key}-{scope[:8]}"
        iri = self.overrides.same.get(slug(name)) or entity_iri(m.type, key)
        # other names are gazetteer English, but for a name normalised in its own script
        # ("Управление «К»" for "Управления «К»") and a common noun's phrase ("memorando de ...")
        lang = (
            m.lang
            if not m.name or m.type == "Person" or m.role == "unnamed" or _NON_LATIN.search(m.name)
            else "en"
        )
        if lang != "en" and m.type in _GLOSSED and (english := english_name(name, lang)):
            # the preferred label in English, the name as written kept as an altLabel
            ent = Entity(iri, m.type, english, jurisdiction=m.jurisdiction, written=(name, lang))
            ent.labels.add(ent.written)
            return ent
        # English names get one capitalisation per IRI; other languages keep theirs (German
        # adjectives are lower case inside names)
        return Entity(
            iri, m.type, display_name(name) if lang == "en" else name, jurisdiction=m.jurisdiction, pref_lang=lang
        )

    def split(self, m: Mention, label: str) -> bool:
        """Whether the user forbade naming the entity labelled ``label`` by ``m``'s text: the
        override ``{"different": [[name, label]]}`` that the entity page (and ``graphkit
        entities``) shows for each name merged into an entity."""
        return bool(self.overrides.different) and frozenset((_norm(m.text), _norm(label))) in self.overrides.different

    def _forbidden(self, a: Mention, b: Mention) -> bool:
        """Whether mention ``a`` may not be merged into ``b``: a ``different`` pair names
        both mentions, or ``a``'s text and the preferred label of ``b``'s entity."""
        if not self.overrides.different:
            return False
        pair = frozenset((slug(clean_name(a.name or a.text)), slug(clean_name(b.name or b.text))))
        return pair in self.overrides.different or self.split(a, self.entity_for(b).pref_label)

    def resolve(self, ex: Extraction) -> ResolvedArticle:
        mentions = ex.mentions
        entities: dict[str, Entity] = {}
        iri_of: dict[int, str] = {}
        for i in range(len(mentions)):
            r = root(mentions, i)
            if r != i and self._forbidden(mentions[i], mentions[r]):
                r = i  # the user forbade this merge: the mention stands for itself
            if r not in iri_of:
                ent = self.entity_for(mentions[r], ex.article.id)
                if ent.iri in entities:
                    ent = entities[ent.iri]
                entities.setdefault(ent.iri, ent)
                iri_of[r] = ent.iri
            iri_of[i] = iri_of[r]
            m = mentions[i]
            entities[iri_of[i]].labels.update(m.labels)
            if m.name not in ("implied", "demonym"):
                name = clean_name(m.text)
                if name and (name[:1].isupper() or not name[:1].isalpha()) and len(name) > 1:
                    entities[iri_of[i]].labels.add((name, m.lang))
        merged: dict[tuple[str, str, str], Relation] = {}
        cited: set[tuple[tuple[str, str, str], int]] = set()  # (relation, sentence): a set, not a list scan
        for cand in ex.relations:
            s, o = iri_of[cand.subject], iri_of[cand.object]
            if s == o:
                continue
            if cand.predicate == "cooperatesWith" and s > o:
                s, o = o, s
            key = (s, cand.predicate, o)
            sent = ex.sentences[cand.sentence] if 0 <= cand.sentence < len(ex.sentences) else None
            rel = merged.get(key)
            if rel is None:
                rel = merged[key] = Relation(s, cand.predicate, o, [], cand.confidence, cand.rule, cand.kind)
            if sent and (key, cand.sentence) not in cited:
                cited.add((key, cand.sentence))
                rel.evidence.append(sent)
            rel.confidence = max(rel.confidence, cand.confidence)
        for rel in merged.values():
            if rel.predicate == "jurisdiction":
                entities[rel.subject].jurisdiction = entities[rel.object].iso
            if not rel.evidence and ex.sentences:
                rel.evidence.append(ex.sentences[0])
        size = len(ex.article.text)
        spans = sorted({(m.start, m.end, iri_of[i]) for i, m in enumerate(mentions) if 0 <= m.start < m.end <= size})
        return ResolvedArticle(ex.article, entities, list(merged.values()), extractor=ex.extractor.split("/")[0],
                               mentions=spans)
