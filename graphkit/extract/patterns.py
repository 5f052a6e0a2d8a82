"""Language profiles: per language, the models tried, the relation components run in order,
and the relation patterns, all read from ``data/patterns/<lang>.toml``.

A profile is data: adding a language means adding its file (its model row, its component
list and its patterns), not editing the rules. Loading validates the file, so a pattern
naming an unknown relation, kind or filter fails at once with the file and pattern named.

>>> profile("en").models[0]
'en_core_web_sm'
>>> next(p.relation for p in profile("de").links if p.name == "unit-of-body")
'partOf'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
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
    blocked_by: frozenset[str]  # cue sections of the lexicon that cancel the pattern
    kind: str | None = None


@dataclass(frozen=True)
class Profile:
    """What runs for one language and with which patterns."""

    lang: str
    models: tuple[str, ...]
    relations: tuple[str, ...]
    links: tuple[LinkPattern, ...]
    agent_words: frozenset[str] = frozenset()  # "by", "von", "par": the organiser is named after them
    host_words: frozenset[str] = frozenset()  # "ambassador to": the state named next is the host
    post_words: frozenset[str] = frozenset()  # "heads", "counterpart": posts besides lexicon.toml's roles
    post_reach: int = 6  # tokens from a post word to its body in a set-off clause
    filters: dict[str, frozenset[str]] = field(default_factory=dict)  # rule -> cue sections cancelling it


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
        return replace(default, lang=lang, models=(), links=())
    with path.open("rb") as fh:
        return parse_profile(tomllib.load(fh), lang, source=path.name)


def parse_profile(data: dict, lang: str, *, source: str = "<data>") -> Profile:
    """A validated profile from a pattern file's contents."""
    pipeline = data.get("pipeline", {})
    relations = tuple(pipeline.get("relations") or profile(DEFAULT_LANG).relations)
    links = tuple(_link(entry, lang, source) for entry in data.get("link", []))
    agents = key_set(data.get("event_roles", {}).get("agent_words", []), lang)
    posts = data.get("posts", {})
    hosts = key_set(posts.get("host_words", []), lang)
    filters = {rule: _filters(names, source, rule) for rule, names in data.get("filters", {}).items()}
    if not filters and lang != DEFAULT_LANG:
        filters = profile(DEFAULT_LANG).filters
    return Profile(
        lang,
        tuple(pipeline.get("models", ())),
        relations,
        links,
        agent_words=agents,
        host_words=hosts,
        post_words=key_set(posts.get("post_words", []), lang),
        post_reach=posts.get("post_reach", 6),
        filters=filters,
    )


def _link(entry: dict, lang: str, source: str) -> LinkPattern:
    name = entry.get("name") or _fail(source, "?", "a pattern needs a name")
    relation = entry.get("relation")
    if relation not in RELATION_TYPES:
        _fail(source, name, f"unknown relation {relation!r} (known: {', '.join(RELATION_TYPES)})")
    kind = entry.get("kind")
    if kind is not None and kind not in raw()["cooperation"]:
        _fail(source, name, f"unknown cooperation kind {kind!r}")
    confidence = entry.get("confidence", 0.8)
    if not 0 < confidence <= 1:
        _fail(source, name, f"confidence {confidence} is not in (0, 1]")
    order = entry.get("order", ORDERS[0])
    if order not in ORDERS:
        _fail(source, name, f"order {order!r} is not one of {ORDERS}")
    filters = _filters(entry.get("blocked_by", []), source, name)
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
        blocked_by=filters,
        kind=kind,
    )


def _filters(names: list[str], source: str, name: str) -> frozenset[str]:
    """Names of filter cue lists, each a list of lexicon.toml's ``[negative]``."""
    unknown = set(names) - set(raw()["negative"])
    if unknown:
        _fail(source, name, f"unknown filters {sorted(unknown)} (known: {', '.join(raw()['negative'])})")
    return frozenset(names)


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
