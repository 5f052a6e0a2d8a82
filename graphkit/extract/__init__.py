"""From an article's text to mentions and relation candidates.

>>> from graphkit.model import Article
>>> ex = Extractor()
>>> result = ex.extract(Article("Europol and the FBI ran a joint operation.", lang="en"))
>>> sorted({m.text for m in result.mentions if m.type != "State"})
['Europol', 'FBI']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model import Article, Extraction, Sentence
from ..readers import detect_language
from .coref import link_aliases
from .lexicon import tokenize
from .mentions import (
    Found,
    apposition_companies,
    company_mentions,
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
from .relations import RelationRules

__all__ = ["Extractor", "extract_doc"]


class Extractor:
    """Runs the language pipelines in batches and the rules on each document."""

    def __init__(self, *, batch_size: int = 16, n_process: int = 1) -> None:
        self.batch_size = batch_size
        self.n_process = n_process

    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in input order; texts of one language go through spaCy together."""
        batch: list[Article] = []
        for art in articles:
            if not art.lang:
                art.lang = detect_language(art.text) or "en"
            batch.append(art)
            if len(batch) >= self.batch_size * 4:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Article]) -> Iterator[Extraction]:
        results: dict[int, Extraction] = {}
        by_lang: dict[str, list[int]] = {}
        for i, art in enumerate(batch):
            by_lang.setdefault(art.lang or "en", []).append(i)
        for lang, idxs in by_lang.items():
            nlp = pipeline(lang)
            docs = nlp.pipe((batch[i].text for i in idxs), batch_size=self.batch_size, n_process=self.n_process)
            for i, doc in zip(idxs, docs, strict=False):
                results[i] = extract_doc(batch[i], doc, lang)
        for i in range(len(batch)):
            yield results[i]


def extract_doc(article: Article, doc, lang: str) -> Extraction:
    """Mentions and relation candidates of one article, given its spaCy ``doc``."""
    text = article.text
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    tokens = tokenize(text, lang)
    found = Found(tokens, lang)
    gazetteer_mentions(found, text)
    legal_name_companies(found, text)
    quoted_events(found, text)
    if lang == "de":  # every noun is capitalised: names are found from their heads only
        german_units(found, text)
    else:
        unit_mentions(found, text)
        shaped_mentions(found, text)
    person_mentions(found, text, ents)
    company_mentions(found, text, ents)
    apposition_companies(found, text)
    link_aliases(found, text)
    drop_sources(found)
    names = [(m.start, m.end) for m in found.mentions] + [(start, end) for start, end, _ in ents]
    sentences = sentence_spans(text, [(s.start_char, s.end_char) for s in doc.sents], names)
    starts = [s.start for s in sentences]
    for m in found.mentions:
        m.sentence = _sentence_of(starts, m.start)
    rules = RelationRules(text, lang, tokens, found.mentions, found.spans, sentences)
    relations = rules.run()
    return Extraction(article, sentences, found.mentions, relations, extractor=f"graphkit-rules/{pipeline_name(lang)}")


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
