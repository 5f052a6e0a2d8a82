"""Language pipelines: the best spaCy pipeline installed for a language, loaded once per process.

A trained model gives sentences, named entities (people, companies) and a parse; where none
is installed for the language, a blank pipeline with a rule-based sentencizer is used and the
gazetteer and the rules do the rest.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache

import spacy
from spacy.language import Language

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
    """A short description of the pipeline used for a language, for provenance."""
    return model_name(lang) or f"blank:{lang}"
