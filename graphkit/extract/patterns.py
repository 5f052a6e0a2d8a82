"""Language profiles: per language, the models tried, the relation components run in order,
and the relation patterns, all read from ``data/patterns/<lang>.toml``.

A profile is data: adding a language means adding its file (its model row, its component
list and its patterns), not editing the rules. Loading validates the file, so a pattern
naming an unknown relation, kind or filter fails at once with the file and pattern named.

>>> profile("en").models[0]
'en_core_web_sm'
>>> next(p.relation for p in profile("de").links if p.name == "unit-of-body")
'partOf'
>>> [f.name for f in profile("de").filters if f.applies("agreement.party")]
['wish', 'negation', 'future']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

from ..model import ENTITY_TYPES, RELATION_TYPES
from .lexicon import tokenize
from .lexicons import entries, key_set, raw

PATTERN_DIR = Path(__file__).parent / "data" / "patterns"
#: The profile used for a language without a file of its own.
DEFAULT_LANG = "en"
ORDERS = ("subject-object", "object-subject")


class PatternError(ValueError):
    """A pattern file that does not say what the extractor can do."""


@dataclass(frozen=True)
class Slot:
    """One side of a link pattern: the entity types it accepts and, optionally, head words
    one of which its name must contain ("Division", "управление")."""

    types: frozenset[str]
    heads: frozenset[str] | None = None


@dataclass(frozen=True)
class LinkPattern:
    """Two names next to each other, joined by one of ``gaps`` ("of the", "des", "'s", or
    nothing at all for a genitive), state ``relation`` between them."""

    name: str
    relation: str
    confidence: float
    subject: Slot
    object: Slot
    order: str
    gaps: frozenset[tuple[str, ...]]
    skip: frozenset[str]  # types of names that may stand inside the gap ("the Russian MVD")
    blocked_by: frozenset[str]  # names of the profile's filters that cancel the pattern
    kind: str | None = None


FILTER_SCOPES = ("sentence", "source")


@dataclass(frozen=True)
class Filter:
    """Cue words that cancel or weaken the relations of some rules where they stand: conflict
    ("clashed"), wish ("should cooperate"), negation ("did not"), future ("will sign"), or
    attribution ("according to the FBI", scope ``source``: only relations of the name right
    after the cue). A firing filter multiplies a candidate's confidence by ``1 - confidence``;
    the profile's ``min_confidence`` then decides whether it is kept."""

    name: str
    cues: tuple[str, ...]  # word lists of lexicon.toml, "section.list" ("negative.conflict")
    words: tuple[str, ...]  # phrases of the language given in its file
    rules: tuple[str, ...]  # rule names the filter applies to, shell patterns ("coop.*")
    confidence: float
    scope: str = FILTER_SCOPES[0]

    def applies(self, rule: str) -> bool:
        """Whether the filter speaks to candidates of ``rule``.

        >>> Filter("wish", (), (), ("coop.*",), 0.9).applies("coop.request")
        True
        """
        return any(fnmatchcase(rule, pattern) for pattern in self.rules)


@dataclass(frozen=True)
class Profile:
    """What runs for one language and with which patterns."""

    lang: str
    models: tuple[str, ...]
    relations: tuple[str, ...]
    links: tuple[LinkPattern, ...]
    components: tuple[str, ...] = ()  # spaCy factories added after the model ("natasha_ner")
    agent_words: frozenset[str] = frozenset()  # "by", "von", "par": the organiser is named after them
    host_words: frozenset[str] = frozenset()  # "ambassador to": the state named next is the host
    post_words: frozenset[str] = frozenset()  # "heads", "counterpart": posts besides lexicon.toml's roles
    post_reach: int = 6  # tokens from a post word to its body in a set-off clause
    pair_bodies: tuple[str, ...] = ()  # "both agencies", "ambas unidades": the two bodies named last
    pair_states: tuple[str, ...] = ()  # "the two countries", "les deux pays": the two states named last
    filters: tuple[Filter, ...] = ()
    min_confidence: float = 0.3  # candidates weakened by filters below this are dropped


def languages() -> list[str]:
    """Languages with a profile file."""
    return sorted(p.stem for p in PATTERN_DIR.glob("*.toml"))


@cache
def profile(lang: str) -> Profile:
    """The profile of a language; the default language's components (without its models and
    patterns) where the language has no file."""
    path = PATTERN_DIR / f"{lang}.toml"
    if not path.exists():
        default = profile(DEFAULT_LANG)
        return replace(default, lang=lang, models=(), links=(), components=())
    with path.open("rb") as fh:
        return parse_profile(tomllib.load(fh), lang, source=path.name)


def parse_profile(data: dict, lang: str, *, source: str = "<data>") -> Profile:
    """A validated profile from a pattern file's contents. Filters are the default language's
    (with their lexicon cues, read in this language) unless the file names a filter itself."""
    pipeline = data.get("pipeline", {})
    relations = tuple(pipeline.get("relations") or profile(DEFAULT_LANG).relations)
    own = {f.name: f for f in (_filter(entry, source) for entry in data.get("filter", []))}
    inherited = () if lang == DEFAULT_LANG else profile(DEFAULT_LANG).filters
    filters = tuple(replace(f, words=()) for f in inherited if f.name not in own) + tuple(own.values())
    known = {f.name for f in filters}
    links = tuple(_link(entry, lang, source, known) for entry in data.get("link", []))
    agents = key_set(data.get("event_roles", {}).get("agent_words", []), lang)
    posts = data.get("posts", {})
    hosts = key_set(posts.get("host_words", []), lang)
    return Profile(
        lang,
        tuple(pipeline.get("models", ())),
        relations,
        links,
        components=tuple(pipeline.get("components", ())),
        agent_words=agents,
        host_words=hosts,
        post_words=key_set(posts.get("post_words", []), lang),
        post_reach=posts.get("post_reach", 6),
        pair_bodies=tuple(data.get("pair_anaphors", {}).get("bodies", ())),
        pair_states=tuple(data.get("pair_anaphors", {}).get("states", ())),
        filters=filters,
        min_confidence=pipeline.get("min_confidence", 0.3),
    )


def _filter(entry: dict, source: str) -> Filter:
    name = entry.get("name") or _fail(source, "?", "a filter needs a name")
    cues = tuple(entry.get("cues", ()))
    for cue in cues:
        section, _, words = cue.partition(".")
        if words not in raw().get(section, {}):
            _fail(source, name, f"no lexicon list {cue!r}")
    confidence = _confidence(entry, 0.9, source, name)
    scope = _choice(entry, "scope", FILTER_SCOPES, source, name)
    rules = tuple(entry.get("rules", ())) or _fail(source, name, "a filter needs the rules it applies to")
    return Filter(name, cues, tuple(entry.get("words", ())), rules, confidence, scope)


def _confidence(entry: dict, default: float, source: str, name: str) -> float:
    confidence = entry.get("confidence", default)
    if not 0 < confidence <= 1:
        _fail(source, name, f"confidence {confidence} is not in (0, 1]")
    return confidence


def _choice(entry: dict, key: str, choices: tuple[str, ...], source: str, name: str) -> str:
    """The value of ``key`` (the first of ``choices`` by default), which must be one of them."""
    value = entry.get(key, choices[0])
    if value not in choices:
        _fail(source, name, f"{key} {value!r} is not one of {choices}")
    return value


def _link(entry: dict, lang: str, source: str, filters: set[str]) -> LinkPattern:
    name = entry.get("name") or _fail(source, "?", "a pattern needs a name")
    relation = entry.get("relation")
    if relation not in RELATION_TYPES:
        _fail(source, name, f"unknown relation {relation!r} (known: {', '.join(RELATION_TYPES)})")
    kind = entry.get("kind")
    if kind is not None and kind not in raw()["cooperation"]:
        _fail(source, name, f"unknown cooperation kind {kind!r}")
    confidence = _confidence(entry, 0.8, source, name)
    order = _choice(entry, "order", ORDERS, source, name)
    blocked_by = set(entry.get("blocked_by", []))
    if blocked_by - filters:
        _fail(source, name, f"unknown filters {sorted(blocked_by - filters)} (known: {', '.join(sorted(filters))})")
    skip = set(entry.get("skip", []))
    if skip - set(ENTITY_TYPES):
        _fail(source, name, f"unknown entity types {sorted(skip - set(ENTITY_TYPES))} in skip")
    gaps = entry.get("gaps") or _fail(source, name, "a link pattern needs gaps")
    return LinkPattern(
        name=name,
        relation=relation,
        confidence=confidence,
        subject=_slot(entry.get("subject", {}), lang, source, name),
        object=_slot(entry.get("object", {}), lang, source, name),
        order=order,
        gaps=frozenset(gap_keys(g, lang) for g in gaps),
        skip=frozenset(skip),
        blocked_by=frozenset(blocked_by),
        kind=kind,
    )


def _slot(entry: dict, lang: str, source: str, name: str) -> Slot:
    types = set(entry.get("types", ()))
    if not types or types - set(ENTITY_TYPES):
        _fail(source, name, f"slot types {sorted(types)} are not entity types")
    heads = entry.get("heads")
    if isinstance(heads, str):  # "org_heads.unit": a word list of the shared lexicon
        section, _, words = heads.partition(".")
        if words not in raw().get(section, {}):
            _fail(source, name, f"no lexicon list {heads!r}")
        heads = entries(section, words, lang)
    return Slot(frozenset(types), key_set(heads, lang) if heads is not None else None)


def gap_keys(text: str, lang: str) -> tuple[str, ...]:
    """Token keys of the text between two names, as the patterns' gaps are compared.

    >>> gap_keys(" of the ", "en"), gap_keys("", "ru")
    (('of', 'the'), ())
    """
    return tuple(t.key for t in tokenize(text, lang))


def _fail(source: str, name: str, message: str):
    raise PatternError(f"{source}: pattern {name!r}: {message}")
