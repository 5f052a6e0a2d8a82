"""From an article's text to mentions and relation candidates.

>>> from graphkit.model import Article
>>> ex = Extractor()
>>> result = ex.extract(Article("Europol and the FBI ran a joint operation.", lang="en"))
>>> sorted({m.text for m in result.mentions if m.type != "State"})
['Europol', 'FBI']

A long text is processed in windows (``graphkit.extract.pieces``): spaCy and the rules see
one window at a time, and what they find is shifted back to offsets in the whole text, so
cost grows linearly with length. Names are linked (coreference, anchoring) within a window.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..model import Article, Extraction, ExtractionFailed, Mention, RelationCandidate, Sentence
from ..readers import detect_language
from .bodies import body_mentions, kind_parents
from .coref import link_aliases
from .lexicon import tokenize
from .mentions import (
    Found,
    apposition_companies,
    company_mentions,
    drop_posts,
    drop_sources,
    gazetteer_mentions,
    german_units,
    legal_name_companies,
    person_mentions,
    quoted_events,
    shaped_mentions,
    unit_mentions,
)
from .nlp import pipeline, pipeline_name
from .phrases import phrase_mentions
from .pieces import WINDOW_CHARS, windows
from .relations import RelationRules

__all__ = ["ExtractionFailed", "Extractor"]


class Extractor:
    """Runs the language pipelines in batches and the rules on each document.

    ``window``: characters per window of a long text (see ``graphkit.extract.pieces``).
    """

    def __init__(self, *, batch_size: int = 16, n_process: int = 1, window: int = WINDOW_CHARS) -> None:
        self.batch_size = batch_size
        self.n_process = n_process
        self.window = window

    def extract(self, article: Article) -> Extraction:
        """One article's extraction; raises ExtractionFailed."""
        result = next(iter(self.extract_many([article])))
        if isinstance(result, ExtractionFailed):
            raise result
        return result

    def extract_many(
        self, articles: Iterable[Article], *, timeout: float | None = None
    ) -> Iterator[Extraction | ExtractionFailed]:
        """Extractions in input order; texts of one language go through spaCy together.

        An article that fails, or whose extraction takes more than ``timeout`` seconds, gives
        an :class:`ExtractionFailed` instead. The deadline is checked between windows: since
        a window's cost is bounded, an article overruns it by at most one window's work
        (about a second). A cooperative check was chosen over a killable worker process
        because it works wherever extraction runs (this process, a Dask worker) without a
        second copy of the models or pickling every result.
        """
        batch: list[Article] = []
        for art in articles:
            if not art.lang:
                art.lang = detect_language(art.text) or "en"
            batch.append(art)
            if len(batch) >= self.batch_size * 4:
                yield from self._run(batch, timeout)
                batch = []
        if batch:
            yield from self._run(batch, timeout)

    def _run(self, batch: list[Article], timeout: float | None) -> Iterator[Extraction | ExtractionFailed]:
        results: dict[int, Extraction | ExtractionFailed] = {}
        by_lang: dict[str, list[int]] = {}
        for i, art in enumerate(batch):
            by_lang.setdefault(art.lang or "en", []).append(i)
        for lang, idxs in by_lang.items():
            for i, result in self._extract_lang(lang, [(i, batch[i]) for i in idxs], timeout):
                results[i] = result
        for i in range(len(batch)):
            yield results[i]

    def _extract_lang(
        self, lang: str, articles: list[tuple[int, Article]], timeout: float | None
    ) -> Iterator[tuple[int, Extraction | ExtractionFailed]]:
        """``(index, result)`` for articles of one language, window after window through one
        ``nlp.pipe``. Should spaCy itself fail, the unfinished articles are retried one by one,
        so that the failure is reported for its article only."""
        nlp = pipeline(lang)
        pieces = [(k, a, b) for k, (_, art) in enumerate(articles) for a, b in windows(art.text, self.window)]
        last = {k: n for n, (k, _, _) in enumerate(pieces)}
        assembly = _Assembly(articles[0][1], lang, timeout)
        current = -1  # the article whose windows ``assembly`` holds
        done: set[int] = set()
        try:
            docs = nlp.pipe(
                (articles[k][1].text[a:b] for k, a, b in pieces), batch_size=self.batch_size, n_process=self.n_process
            )
            for n, ((k, offset, _), doc) in enumerate(zip(pieces, docs, strict=True)):
                if k != current:  # the first window of the next article
                    assembly, current = _Assembly(articles[k][1], lang, timeout), k
                assembly.add(offset, doc)
                if n == last[k]:
                    done.add(k)
                    yield articles[k][0], assembly.result()
        except Exception as exc:  # noqa: BLE001 - spaCy failed on some window of the batch
            if len(articles) == 1:
                yield articles[0][0], ExtractionFailed.of(exc, "extraction")
            else:
                for k in (k for k in last if k not in done):
                    yield from self._extract_lang(lang, [articles[k]], timeout)
        for k, (i, art) in enumerate(articles):  # an article with no text has no window
            if k not in last:
                yield i, _Assembly(art, lang, timeout).result()


@dataclass
class _Assembly:
    """One article's extraction, put together window by window, within its time limit."""

    article: Article
    lang: str
    timeout: float | None
    started: float = field(default_factory=time.monotonic)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationCandidate] = field(default_factory=list)
    failure: str | None = None

    def add(self, offset: int, doc) -> None:
        """The rules on one window (``doc`` of ``article.text[offset:...]``), shifted into place."""
        if self.failure:
            return
        if self.timeout is not None and time.monotonic() - self.started > self.timeout:
            self.failure = (
                f"extraction stopped after {self.timeout:g} s (the time limit per article, --article-timeout)"
            )
            return
        try:
            sentences, mentions, relations = window_rules(doc.text, doc, self.lang)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the others
            self.failure = str(ExtractionFailed.of(exc, "extraction"))
            return
        s0, m0 = len(self.sentences), len(self.mentions)
        for s in sentences:
            s.start += offset
            s.end += offset
        for m in mentions:
            m.start += offset
            m.end += offset
            m.sentence += s0
            m.parent = None if m.parent is None else m.parent + m0
            m.alias_of = None if m.alias_of is None else m.alias_of + m0
        for r in relations:
            r.subject += m0
            r.object += m0
            r.sentence += s0
        self.sentences += sentences
        self.mentions += mentions
        self.relations += relations

    def result(self) -> Extraction | ExtractionFailed:
        if self.failure:
            return ExtractionFailed(self.failure)
        extractor = f"graphkit-rules/{pipeline_name(self.lang)}"
        return Extraction(self.article, self.sentences, self.mentions, self.relations, extractor=extractor)


def window_rules(text: str, doc, lang: str) -> tuple[list[Sentence], list[Mention], list[RelationCandidate]]:
    """Sentences, mentions and relation candidates of one text (a window) given its spaCy
    ``doc``; offsets and indexes refer to ``text``."""
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    tokens = tokenize(text, lang)
    found = Found(tokens, lang)
    gazetteer_mentions(found, text)
    kind_parents(found)
    legal_name_companies(found, text)
    quoted_events(found, text)
    phrase_mentions(found, text)
    if lang == "de":  # every noun is capitalised: names are found from their heads only
        german_units(found, text)
    else:
        body_mentions(found, text, doc)
        unit_mentions(found, text)
        shaped_mentions(found, text)
    person_mentions(found, text, ents)
    company_mentions(found, text, ents)
    apposition_companies(found, text)
    link_aliases(found, text)
    drop_posts(found, text)
    drop_sources(found)
    names = [(m.start, m.end) for m in found.mentions] + [(start, end) for start, end, _ in ents]
    sentences = sentence_spans(text, [(s.start_char, s.end_char) for s in doc.sents], names)
    starts = [s.start for s in sentences]
    for m in found.mentions:
        m.sentence = _sentence_of(starts, m.start)
    rules = RelationRules(text, lang, tokens, found.mentions, found.spans, sentences)
    relations = rules.run()
    return sentences, found.mentions, relations


def sentence_spans(text: str, bounds: list[tuple[int, int]], names: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences from the parser's ``bounds``, joined where a boundary falls inside a name
    (the small English parser splits "Pham | The Tung") and split at blank lines, without
    surrounding whitespace.

    >>> text = "General Pham The Tung spoke. Then he left."
    >>> [s.text for s in sentence_spans(text, [(0, 13), (13, 28), (29, 42)], [(8, 21)])]
    ['General Pham The Tung spoke.', 'Then he left.']
    >>> [s.text for s in sentence_spans("A title\\n\\nThe text goes on.", [(0, 26)], [])]
    ['A title', 'The text goes on.']
    """
    inside = {b for start, end in names for b in range(start + 1, end)}
    merged: list[list[int]] = []
    for start, end in bounds:
        if merged and start in inside:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    out = []
    for start, end in merged:
        # a blank line always ends a sentence (a title the parser ran into the next paragraph)
        for piece in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text[start:end], re.S):
            out.append(Sentence(piece.group(), start + piece.start(), start + piece.end()))
    return out


def _sentence_of(starts: list[int], char: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, char) - 1)
