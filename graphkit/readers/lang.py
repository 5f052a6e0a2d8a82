"""Language identification with lingua, built once, lazily, for a fixed set of languages."""

from __future__ import annotations

import re
import threading

#: Languages the detector chooses among (lingua ``Language`` member names).
LANGUAGES = (
    "ENGLISH", "GERMAN", "RUSSIAN", "FRENCH", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH",
    "POLISH", "UKRAINIAN", "BELARUSIAN", "KAZAKH", "TURKISH", "VIETNAMESE", "PERSIAN", "ARABIC",
    "CHINESE", "JAPANESE", "KOREAN", "ROMANIAN", "CZECH", "INDONESIAN", "SWEDISH", "HINDI",
)  # fmt: skip

#: Below this many letters the detector is not asked: it guesses wildly on short strings.
MIN_LETTERS = 40
#: Below this confidence for the best language, the answer is None...
MIN_CONFIDENCE = 0.5
#: ...and below this one for texts shorter than SHORT_LETTERS letters (low-accuracy mode is
#: reliable from about 120 characters on).
MIN_CONFIDENCE_SHORT = 0.7
SHORT_LETTERS = 120
#: Only this many characters from the start of a text are examined.
SAMPLE_CHARS = 4000

_detector = None
_lock = threading.Lock()
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")


def get_detector():
    """The shared lingua detector (built on first use, in low-accuracy mode: fast to load)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import Language, LanguageDetectorBuilder

                langs = [getattr(Language, name) for name in LANGUAGES]
                _detector = LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()
    return _detector


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or None when unsure or too short.

    >>> detect_language("Die Strafverfolgungsbehörden von Belarus und Russland haben gemeinsame Maßnahmen geplant.")
    'de'
    >>> detect_language("Europol arrested two men.") is None
    True
    >>> detect_language("Hello") is None
    True
    """
    if not text:
        return None
    sample = _URL.sub(" ", text[:SAMPLE_CHARS])
    letters = sum(ch.isalpha() for ch in sample)
    if letters < MIN_LETTERS:
        return None
    values = get_detector().compute_language_confidence_values(sample)
    if not values or values[0].value < (MIN_CONFIDENCE_SHORT if letters < SHORT_LETTERS else MIN_CONFIDENCE):
        return None
    return values[0].language.iso_code_639_1.name.lower()
