"""The records that flow through graphkit, from a file on disk to a resolved article.

    file ──readers──▶ Article ──extract──▶ Extraction ──resolve──▶ ResolvedArticle ──rdf──▶ triples

They are plain dataclasses so that they pickle cheaply between worker processes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from anyascii import anyascii

from . import vocabulary as _vocabulary

#: Entity and relation type names: views of :mod:`graphkit.vocabulary`, kept under these names.
ENTITY_TYPES = _vocabulary.ENTITY_TYPES
RELATION_TYPES = _vocabulary.RELATION_TYPES


@dataclass
class Article:
    """One news article, whatever file it came from.

    ``text`` is the article body as plain text; character offsets of evidence sentences
    refer to it. ``id`` is derived from the text, so the same article read twice (from
    the same or another file) gets the same id.
    """

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    lang: str | None = None
    source_path: str | None = None
    source_line: int | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)

    @property
    def source(self) -> str:
        """Where the article came from, for messages: ``path`` or ``path:line``."""
        where = self.source_path or "<text>"
        return f"{where}:{self.source_line}" if self.source_line else where


def article_id(text: str) -> str:
    """A stable id for an article body: insensitive to whitespace and Unicode normal form.

    >>> article_id("Europol  and\\nInterpol") == article_id("Europol and Interpol")
    True
    """
    normal = unicodedata.normalize("NFC", " ".join(text.split()))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


@dataclass
class Sentence:
    """A sentence of an article: its text and character offsets in ``Article.text``."""

    text: str
    start: int
    end: int


@dataclass
class Mention:
    """A span of text naming an entity.

    ``key`` links the mention to a gazetteer entry (``"BY"``, ``"ru-mvd"``) when one is
    known; otherwise resolution goes by ``name``, ``type`` and ``jurisdiction``.
    """

    text: str
    start: int
    end: int
    type: str
    lang: str
    key: str | None = None
    name: str | None = None  # normalized/canonical form of the name where it differs from text
    jurisdiction: str | None = None  # ISO code of the state an agency belongs to
    parent: int | None = None  # index of the mention of a parent body ("X of the Y")
    sentence: int = -1  # index into Extraction.sentences
    role: str | None = None  # for persons: the post stated beside the name
    alias_of: int | None = None  # index of an earlier mention this one refers back to
    labels: tuple[tuple[str, str], ...] = ()  # further (name, language tag) the mention gives its entity


@dataclass
class RelationCandidate:
    """A relation stated by one sentence, between two mentions (indexes into mentions)."""

    subject: int
    predicate: str
    object: int
    sentence: int
    confidence: float = 0.8
    kind: str | None = None  # cooperation kind (SKOS concept local name) for cooperatesWith
    rule: str = ""  # which rule produced it, kept as provenance for auditing


@dataclass
class Extraction:
    """What the extractor found in one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationCandidate] = field(default_factory=list)
    extractor: str = ""


class ExtractionFailed(Exception):
    """One article could not be extracted (an error, or out of time): the extractor yields it
    in the article's place, unraised, so that the other articles go on; ``str()`` says why.

    >>> str(ExtractionFailed.of(KeyError("x"), "resolution"))
    "resolution failed (KeyError: 'x')"
    """

    @classmethod
    def of(cls, exc: BaseException, step: str) -> ExtractionFailed:
        """The failure of ``step`` ("extraction", "resolution") by ``exc``."""
        return cls(f"{step} failed ({type(exc).__name__}: {exc})")


@dataclass
class Entity:
    """A real-world entity, as it will appear in the graph."""

    iri: str
    type: str
    pref_label: str
    labels: set[tuple[str, str]] = field(default_factory=set)  # (name, language tag)
    pref_lang: str = "en"
    iso: str | None = None
    jurisdiction: str | None = None  # ISO code
    parent: str | None = None  # IRI
    key: str | None = None  # gazetteer key, when linked
    written: tuple[str, str] | None = None  # (name, language) where pref_label is its English gloss


@dataclass
class Relation:
    """A resolved relation between two entity IRIs with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: list[Sentence]
    confidence: float
    rule: str = ""
    kind: str | None = None


@dataclass
class ResolvedArticle:
    """An article with every mention bound to an entity: ready to become RDF."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)  # by IRI
    relations: list[Relation] = field(default_factory=list)
    extractor: str = ""
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, entity IRI) in the text


def slug(text: str) -> str:
    """A readable IRI-safe slug: ASCII letters, digits and hyphens.

    >>> slug("Ministère de l'Intérieur")
    'ministere-de-l-interieur'
    >>> slug("Следственный комитет")
    'sledstvennyy-komitet'
    """
    text = anyascii(unicodedata.normalize("NFC", text)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "x"
