"""World knowledge for the extractor: states, international bodies, companies, named agencies.

The gazetteer is kept as Turtle in ``ontology/gazetteer/`` (see ``resources.ontology_dir``):

* ``countries.ttl``: every ISO 3166-1 state (``ccg:State``, ``ccg:isoCode``), with its names
  (``skos:prefLabel`` / ``skos:altLabel``, language-tagged), adjectives (``ccg:demonym``) and
  case-sensitive short forms (``ccg:acronym``: "US", "UK", "РФ");
* ``international.ttl``: ``ccg:InternationalOrganization`` s and their named units
  (``org:subOrganizationOf``);
* ``companies.ttl``: well-known ``ccg:PrivateOrganization`` s;
* ``agreements.ttl``: well-known ``ccg:Agreement`` s (the Budapest Convention, ...);
* ``agencies.ttl``: named national agencies (``ccg:Agency``) with ``ccg:jurisdiction``,
  ``ccg:agencyKind`` and ``org:subOrganizationOf``;
* ``agency-kinds.ttl``: generic kinds of agencies (``skos:Concept`` s of
  ``ccg:AgencyKindScheme``), named without their state ("Ministry of Internal Affairs",
  "Innenministerium", "МВД").

Every ``*.ttl`` file of the folder is read, so more files can be added beside these.

>>> gaz = load_gazetteer()
>>> gaz.find("Russian Interior Ministry")[0].key
'ru-mvd'
>>> gaz.kind_label("interior-ministry", "BY")
'Ministry of Internal Affairs of Belarus'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from .resources import ontology_dir
from .vocabulary import CCG, ENTITIES, ORG, ORGANIZATIONS

_CCG = str(CCG)
_RES = "https://w3id.org/ccg/resource/"
_KIND = "https://w3id.org/ccg/agency-kind#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SUB_ORG = str(ORG.subOrganizationOf)

#: Core classes an entry can have, by IRI (well-known agreements too: one node for their
#: short and long names).
_TYPES = {e.iri: e.name for e in ENTITIES if e.name in ORGANIZATIONS | {"State", "Agreement"}}

#: States whose short English name takes "the" after "of" ("Police of the Netherlands").
_THE = frozenset("AE BS CD CF CG CZ DO FK GB GM KM KY MH MV NL PH SB SC US VG VI".split())


@dataclass(frozen=True)
class Entry:
    """A gazetteer entity.

    ``key`` is the IRI tail after the type segment ("BY", "ru-mvd", "interpol");
    ``names`` are all its names with their language tags, the preferred English one
    included, acronyms excluded; ``acronyms`` are case-sensitive short forms.
    """

    key: str
    type: str
    iri: str
    pref_label: str
    names: tuple[tuple[str, str], ...]
    acronyms: tuple[str, ...]
    demonyms: tuple[tuple[str, str], ...]
    iso: str | None
    jurisdiction: str | None
    parent: str | None
    kind: str | None
    languages: frozenset[str] = frozenset()  # a state's official languages ("fr", "de")


@dataclass(frozen=True)
class AgencyKind:
    """A generic kind of national agency ("interior-ministry"), named without its state."""

    key: str
    label: str
    names: tuple[tuple[str, str], ...]


def normalize(name: str) -> str:
    """The form names are compared in: casefolded, accents stripped, punctuation as spaces,
    a leading "the" dropped.

    >>> normalize("The Prosecutor-General's Office")
    'prosecutor general s office'
    >>> normalize("Weißrussland") == normalize("Weissrussland")
    True
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(re.sub(r"[\W_]+", " ", text).split())
    if text.startswith("the "):
        text = text[4:]
    return text


class Gazetteer:
    """Entries by key, agency kinds by key, and look-ups over their names."""

    def __init__(self, entries: dict[str, Entry], kinds: dict[str, AgencyKind]) -> None:
        self.entries = entries
        self.kinds = kinds
        self._by_name: dict[str, list[Entry]] = defaultdict(list)
        self._by_acronym: dict[str, list[Entry]] = defaultdict(list)
        self._by_kind: dict[tuple[str, str], Entry] = {}
        by_language: dict[str, set[str]] = defaultdict(set)
        for entry in entries.values():
            for norm in dict.fromkeys(normalize(n) for n, _ in entry.names):
                if norm:
                    self._by_name[norm].append(entry)
            for acr in entry.acronyms:
                self._by_acronym[acr].append(entry)
            if entry.kind and entry.jurisdiction:
                self._by_kind.setdefault((entry.kind, entry.jurisdiction), entry)
            for lang in entry.languages:
                by_language[lang].add(entry.iso or entry.key)
        self._by_language = {lang: frozenset(states) for lang, states in by_language.items()}

    def state(self, iso: str) -> Entry | None:
        """The state with this ISO 3166-1 alpha-2 code."""
        entry = self.entries.get(iso.upper())
        return entry if entry is not None and entry.type == "State" else None

    def agency_for(self, kind: str, iso: str) -> Entry | None:
        """The gazetteer agency of that kind in that state ("interior-ministry", "RU" -> ru-mvd)."""
        return self._by_kind.get((kind, iso.upper()))

    def kind_states(self, kind: str) -> frozenset[str]:
        """States whose agency of that kind the gazetteer knows ("federal-criminal-police-office"
        -> DE, AT)."""
        return frozenset(iso for k, iso in self._by_kind if k == kind)

    def language_states(self, lang: str) -> frozenset[str]:
        """States with ``lang`` as an official language ("pt" -> BR, PT, AO ...)."""
        return self._by_language.get(lang, frozenset())

    def find(self, name: str) -> list[Entry]:
        """Entries with this name (compared normalized) or this acronym (exact, case-sensitive)."""
        found = list(self._by_name.get(normalize(name), ()))
        for entry in self._by_acronym.get(name.strip(), ()):
            if entry not in found:
                found.append(entry)
        return found

    def kind_label(self, kind: str, iso: str) -> str:
        """The English name of a state's agency of a generic kind, built from the kind's label
        and the state's short name: "Ministry of Internal Affairs of Russia"."""
        label = self.kinds[kind].label if kind in self.kinds else kind.replace("-", " ").title()
        state = self.state(iso)
        if state is None:
            return f"{label} of {iso}"
        the = "the " if state.iso in _THE else ""
        return f"{label} of {the}{state.pref_label}"

    def __len__(self) -> int:
        return len(self.entries)


def _tail(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if iri.startswith(_KIND) else iri.rsplit("/", 1)[-1]


@cache
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Read every ``*.ttl`` of the gazetteer folder (default ``ontology/gazetteer``)."""
    directory = Path(directory) if directory is not None else ontology_dir() / "gazetteer"
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(directory.glob("*.ttl")):
        for t in parse(path=str(path), format=RdfFormat.TURTLE):
            if isinstance(t.subject, NamedNode):
                props[t.subject.value][t.predicate.value].append(t.object)

    def literals(p: dict[str, list], prop: str) -> list[tuple[str, str]]:
        return [(o.value, o.language or "") for o in p.get(prop, ()) if isinstance(o, Literal)]

    def first_iri(p: dict[str, list], prop: str) -> str | None:
        values = [o.value for o in p.get(prop, ()) if isinstance(o, NamedNode)]
        return values[0] if values else None

    def pref(p: dict[str, list]) -> str:
        labels = literals(p, f"{_SKOS}prefLabel")
        english = [n for n, lang in labels if lang == "en"]
        return (english or [n for n, _ in labels] or [""])[0]

    entries: dict[str, Entry] = {}
    kinds: dict[str, AgencyKind] = {}
    for iri, p in props.items():
        types = [_TYPES[o.value] for o in p.get(_RDF_TYPE, ()) if isinstance(o, NamedNode) and o.value in _TYPES]
        if iri.startswith(_KIND) and NamedNode(f"{_SKOS}Concept") in p.get(_RDF_TYPE, ()):
            label = pref(p)
            names = [(label, "en")] + literals(p, f"{_SKOS}altLabel")
            kinds[_tail(iri)] = AgencyKind(_tail(iri), label, tuple(dict.fromkeys(names)))
            continue
        if not types or not iri.startswith(_RES):
            continue
        label = pref(p)
        names = [(label, "en")] + literals(p, f"{_SKOS}prefLabel") + literals(p, f"{_SKOS}altLabel")
        names += literals(p, _RDFS_LABEL)
        iso = [v for v, _ in literals(p, f"{_CCG}isoCode")]
        jurisdiction = first_iri(p, f"{_CCG}jurisdiction")
        parent = first_iri(p, _SUB_ORG)
        kind = first_iri(p, f"{_CCG}agencyKind")
        key = _tail(iri)
        entries[key] = Entry(
            key=key,
            type=types[0],
            iri=iri,
            pref_label=label,
            names=tuple(dict.fromkeys(names)),
            acronyms=tuple(dict.fromkeys(v for v, _ in literals(p, f"{_CCG}acronym"))),
            demonyms=tuple(dict.fromkeys(literals(p, f"{_CCG}demonym"))),
            iso=iso[0] if iso else None,
            jurisdiction=_tail(jurisdiction) if jurisdiction else None,
            parent=_tail(parent) if parent else None,
            kind=_tail(kind) if kind else None,
            languages=frozenset(o.value for o in p.get(f"{_CCG}officialLanguage", ()) if isinstance(o, Literal)),
        )
    return Gazetteer(dict(sorted(entries.items())), dict(sorted(kinds.items())))
