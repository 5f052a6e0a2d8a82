"""Language pipelines: the best spaCy pipeline installed for a language, loaded once per process.

A trained model gives sentences, named entities (people, companies) and a parse; where none
is installed for the language, a blank pipeline with a rule-based sentencizer is used and the
gazetteer and the rules do the rest. The profile's ``components`` (spaCy factories registered
by name, such as ``natasha_ner`` in ``graphkit.extract.ner``) are added after either.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache

import spacy
from spacy.language import Language

from . import ner  # noqa: F401  (registers the components profiles may name)
from .patterns import profile

#: Components the extractor does not use; disabling them saves time.
UNUSED = ("lemmatizer",)


def model_name(lang: str) -> str | None:
    """The first installed model package of the language's profile (``data/patterns/<lang>.toml``), or None."""
    for name in profile(lang).models:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@cache
def pipeline(lang: str) -> Language:
    """The pipeline for a language (ISO 639-1), loaded once per process."""
    nlp = _base_pipeline(lang)
    for component in profile(lang).components:
        nlp.add_pipe(component)
    return nlp


def _base_pipeline(lang: str) -> Language:
    """The installed model of the language, or a blank pipeline that only splits sentences."""
    name = model_name(lang)
    if name:
        module = importlib.import_module(name)
        nlp = module.load(exclude=list(UNUSED))
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
            nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.blank(lang)
    except Exception:  # spaCy has no tokenizer rules for this language code
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def pipeline_name(lang: str) -> str:
    """A short description of the pipeline used for a language, for provenance.

    >>> pipeline_name("ru")
    'blank:ru+natasha_ner'
    """
    return "+".join((model_name(lang) or f"blank:{lang}",) + profile(lang).components)
