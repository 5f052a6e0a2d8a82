"""Dates in metadata values and datelines: htmldate reads them; numeric forms are checked first.

``parse_date`` hands every written date to htmldate's own parser for metadata values
(``htmldate.extractors.try_date_expr``: ISO and numeric forms, month names in many
languages, weekdays, trailing times, falling back to dateparser). graphkit keeps two
things of its own:

* all-numeric dates (``2021-13-01``, ``30.02.2021``) are read strictly here, because
  htmldate "repairs" an impossible one into another date (``2021-01-13``, ``2021-02-01``)
  where a wrong date is worse than none (``tests/test_readers.py::test_parse_date``);
* ``DATE_PATTERN``, the regular expression that finds a date phrase inside a line of text
  (datelines, "Posted on ..."), which htmldate has no interface for: it searches HTML
  documents, not a line.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from htmldate.extractors import try_date_expr

# Month names and abbreviations (lower case, without a trailing dot) in the corpus languages.
_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january jan januar janvier enero gennaio janeiro januari styczeń stycznia января январь ocak",
        "february feb februar février fevrier febrero febbraio fevereiro februari luty lutego февраля февраль şubat subat",
        "march mar märz maerz mars marzo março maart marzec marca марта март mart",
        "april apr avril abril aprile kwiecień kwietnia апреля апрель nisan",
        "may mai mayo maggio maio mei maj maja мая май mayıs mayis",
        "june jun juni juin junio giugno junho czerwiec czerwca июня июнь haziran",
        "july jul juli juillet julio luglio julho lipiec lipca июля июль temmuz",
        "august aug août aout agosto augustus sierpień sierpnia августа август ağustos agustos",
        "september sep sept septembre septiembre settembre setembro wrzesień września сентября сентябрь eylül eylul",
        "october oct oktober octobre octubre ottobre outubro październik października октября октябрь ekim",
        "november nov novembre noviembre novembro listopad listopada ноября ноябрь kasım kasim",
        "december dec dezember décembre decembre diciembre dicembre dezembro grudzień grudnia декабря декабрь aralık aralik",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _num)

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

#: A date as it appears in running text (used to find datelines); group "date" is the date.
DATE_PATTERN = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{4}"
    rf"|\d{{1,2}}\.?\s+(?:{_MONTH_RE})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)

_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
#: Earliest and latest dates taken as an article's date.
_MIN, _MAX = datetime(1900, 1, 1), datetime(2100, 12, 31)
#: A date written in digits only (before any time): read strictly, never repaired.
_NUMERIC = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def _make(y: int, m: int, d: int) -> date | None:
    """The date, if it exists and lies between 1900 and 2100."""
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _numeric(s: str) -> date | None:
    """An all-digit date: year first, else day first unless only month first is possible.

    >>> _numeric("2021-05-24"), _numeric("12/25/2021"), _numeric("2021-13-01")
    (datetime.date(2021, 5, 24), datetime.date(2021, 12, 25), None)
    """
    if m := _YMD.fullmatch(s):
        return _make(int(m[1]), int(m[3]), int(m[4]))
    if m := _DMY.fullmatch(s):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        if a > 12 or b <= 12 or m[2] == ".":
            return _make(y, b, a)
        return _make(y, a, b)
    return None


def parse_date(value: object) -> date | None:
    """A ``date`` from a metadata value, or None when it cannot be read.

    >>> parse_date("2021-05-24"), parse_date("24.05.2021"), parse_date("May 24, 2021")
    (datetime.date(2021, 5, 24), datetime.date(2021, 5, 24), datetime.date(2021, 5, 24))
    >>> parse_date("12 May 2018"), parse_date("2018-05-12T10:00:00+03:00"), parse_date("soon")
    (datetime.date(2018, 5, 12), datetime.date(2018, 5, 12), None)
    >>> parse_date("Montag, 1. März 2020"), parse_date("30.02.2021")
    (datetime.date(2020, 3, 1), None)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    s = " ".join(value.split()).strip(" ,")
    if not s or len(s) > 60:
        return None
    head = re.split(r"[T\s]", s, maxsplit=1)[0]
    if _NUMERIC.fullmatch(head):
        return _numeric(head)
    found = try_date_expr(s, "%Y-%m-%d", True, _MIN, _MAX)
    return date.fromisoformat(found) if found else None


def find_date(text: str) -> date | None:
    """The first date written anywhere in a short string (a dateline, a footer)."""
    m = re.search(DATE_PATTERN, text, re.IGNORECASE)
    return parse_date(m.group(0)) if m else None
