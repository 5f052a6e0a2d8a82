"""The complement-chain walker (graphkit/extract/chains.py) on its own, in Spanish and Russian,
with the rules built from the lexicon's own words."""

from __future__ import annotations

from graphkit.extract.chains import (
    OPEN,
    Step,
    Walk,
    any_word,
    at_names,
    boundary,
    dictionary_form,
    glue,
    glue_phrases,
    walk,
)
from graphkit.extract.lexicon import tokenize
from graphkit.extract.lexicons import entries, key_set, phrase_matcher
from graphkit.extract.mentions import Found, date_words, gazetteer_mentions


def _name(text: str, toks, head: int, w: Walk) -> str:
    return text[toks[head].start : toks[w.end - 1].end]


def _phrase_rules(lang: str, *extra):
    stops = key_set(entries("phrases", "stops", lang, fallback=False), lang)
    glued = key_set(["de", "del", "para", "el", "la", "o", "по", "с"], lang)
    return (boundary(stops, date_words(lang), punctuation=frozenset(".,")), *extra, glue(glued), any_word)


def test_a_spanish_chain_ends_at_a_stop_word_and_not_on_glue():
    text = "firmaron un memorando de entendimiento para el intercambio de información entre ambos países"
    toks = tokenize(text, "es")
    w = walk(toks, _phrase_rules("es"), at=3, end=3, limit=len(toks))
    assert _name(text, toks, 2, w) == "memorando de entendimiento para el intercambio de información"
    assert toks[w.at].text == "entre"
    # glue that no word follows is not part of the name: "memorando de" before a date
    text = "un memorando de 12 páginas"
    toks = tokenize(text, "es")
    w = walk(toks, _phrase_rules("es"), at=2, end=2, limit=len(toks))
    assert (w.end, toks[w.at].text) == (2, "12")


def test_a_russian_chain_stops_at_a_name_only_when_told():
    text = "управление по противодействию киберпреступности МВД России сообщило"
    toks = tokenize(text, "ru")
    found = Found(toks, "ru")
    gazetteer_mentions(found, text)
    mvd = next(i for i, t in enumerate(toks) if t.text == "МВД")
    assert not found.free(mvd, mvd + 1)
    w = walk(toks, _phrase_rules("ru", at_names(found)), at=1, end=1, limit=len(toks))
    assert _name(text, toks, 0, w) == "управление по противодействию киберпреступности"
    assert w.at == mvd
    w = walk(toks, _phrase_rules("ru"), at=1, end=1, limit=len(toks))
    assert _name(text, toks, 0, w) == "управление по противодействию киберпреступности МВД России сообщило"


def test_limit_line_breaks_and_multi_word_glue():
    text = "совещание в сфере информационной безопасности\nстран СНГ"
    toks = tokenize(text, "ru")
    keeps = glue_phrases(phrase_matcher(entries("phrases", "keeps", "ru", fallback=False), "ru"))
    rules = (keeps, boundary(frozenset(), line_breaks=True), any_word)
    w = walk(toks, rules, at=1, end=1, limit=len(toks), text=text)
    assert _name(text, toks, 0, w) == "совещание в сфере информационной безопасности"
    assert toks[w.at].text == "стран"
    w = walk(toks, rules, at=1, end=1, limit=4, text=text)  # the limit ends the walk after "информационной"
    assert _name(text, toks, 0, w) == "совещание в сфере информационной"


def test_glue_inside_a_complement_only():
    """An article is glue only once an of-word has opened a complement."""
    text = "Sección la Central de la Policía"
    toks = tokenize(text, "es")

    def of(w: Walk) -> Step | None:
        return OPEN if w.token.key == "de" else None

    rules = (of, glue(frozenset({"la"}), inside=True))
    w = walk(toks, rules, at=1, end=1, limit=len(toks))
    assert (w.end, w.at, w.opened) == (1, 1, False)
    w = walk(toks, (*rules, any_word), at=3, end=3, limit=len(toks))
    assert (_name(text, toks, 0, w), w.opened) == ("Sección la Central de la Policía", True)


def test_dictionary_form_in_two_languages():
    text = "Конвенцией Совета Европы о киберпреступности"
    toks = tokenize(text, "ru")
    assert dictionary_form(text, toks, 0, (0, 1), "конвенция") == "Конвенция Совета Европы о киберпреступности"
    text = "el Departamentos de Policía"  # the head as the lexicon writes it, the case as the text
    toks = tokenize(text, "es")
    assert dictionary_form(text[3:], toks, 1, (1, 2), "departamento") == "Departamento de Policía"
    assert dictionary_form(text[3:], toks, 1, (1, 2), "departamento", capital=False) == "departamento de Policía"
