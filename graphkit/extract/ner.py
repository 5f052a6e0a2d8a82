"""Named-entity components for languages whose spaCy model is not on the package registry.

A language's profile names them (``[pipeline] components`` in ``data/patterns/<lang>.toml``)
and :func:`graphkit.extract.nlp.pipeline` adds them, by their registered spaCy factory name,
after the model or the blank pipeline. Each sets ``doc.ents`` as a trained spaCy NER would,
so the rules read people and organisations the same way in every language.

``natasha_ner``: Russian people, organisations and places from natasha's news NER (a slovnet
model and its embeddings, shipped inside the ``natasha`` wheel, so nothing is downloaded).
Labels are natasha's ``PER``, ``ORG`` and ``LOC`` (the WikiNER set spaCy's models also use).

>>> from graphkit.extract.nlp import pipeline
>>> doc = pipeline("ru")("Министр Игорь Семенов прибыл в Минск.")
>>> [(e.text, e.label_) for e in doc.ents]
[('Игорь Семенов', 'PER'), ('Минск', 'LOC')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

#: Texts the tagger reads at once in :meth:`NatashaNER.pipe`.
BATCH = 16


@cache
def _natasha_tagger() -> Any:
    """natasha's news NER tagger, loaded once per process (about half a second)."""
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


class NatashaNER:
    """A spaCy pipeline component that sets ``doc.ents`` from natasha's NER."""

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = BATCH) -> Iterator[Doc]:
        tagger = _natasha_tagger()
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(tagger, batch)
                batch = []
        yield from self._tag(tagger, batch)

    @staticmethod
    def _tag(tagger: Any, docs: list[Doc]) -> Iterator[Doc]:
        texts = [doc.text for doc in docs]
        # natasha's tagger fails on an empty or blank text; such a doc has no entities
        tagged = iter(tagger.map([t for t in texts if t.strip()]))
        for doc, text in zip(docs, texts, strict=True):
            if text.strip():
                markup = next(tagged)
                spans = (doc.char_span(s.start, s.stop, label=s.type, alignment_mode="contract") for s in markup.spans)
                doc.ents = filter_spans([s for s in spans if s is not None])
            yield doc


@Language.factory("natasha_ner")
def make_natasha_ner(nlp: Language, name: str) -> NatashaNER:
    """The ``natasha_ner`` component (see the module's docstring)."""
    return NatashaNER()
