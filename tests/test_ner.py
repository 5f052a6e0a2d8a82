"""Named-entity components named by a language's profile (graphkit/extract/ner.py)."""

from __future__ import annotations

from helpers import has

from graphkit.extract.nlp import pipeline, pipeline_name


def test_russian_people_come_from_natasha_whatever_their_first_name():
    doc = pipeline("ru")("Прокурор Нодир Абдуллаев и эксперт Гульнара Сафарова выступили в Ташкенте.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PER"] == [
        ("Нодир Абдуллаев", "PER"),
        ("Гульнара Сафарова", "PER"),
    ]
    assert pipeline_name("ru") == "blank:ru+natasha_ner"


def test_a_blank_russian_text_has_no_entities():
    assert list(pipeline("ru")("   \n ").ents) == []
    assert [d.ents for d in pipeline("ru").pipe(["", "Москва."])][1][0].text == "Москва"


def test_russian_officials_found_by_ner_hold_their_posts(run):
    # first names that are in no list of ours: only the model finds these people
    _, rels = run("Генеральный прокурор Узбекистана Нодир Абдуллаев провел переговоры в Минске.", "ru")
    assert has(rels, "Нодир Абдуллаев", "represents", "Uzbekistan")
    _, rels = run("Министр внутренних дел Беларуси Рустам Кадыров встретился с коллегами из Китая.", "ru")
    assert has(rels, "Рустам Кадыров", "represents", "Belarus")
