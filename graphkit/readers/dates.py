"""Cheap date parsing for metadata and datelines: ISO, dotted, and month-name forms."""

from __future__ import annotations

import re
from datetime import date, datetime

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

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
_D_MONTH_Y = re.compile(rf"(\d{{1,2}})\.?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})(?:\s*(?:г\.?|года|year))?", re.IGNORECASE)
_MONTH_D_Y = re.compile(rf"({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
    r"|^(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+"
    r"|^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+",
    re.IGNORECASE,
)


def _make(y: int, m: int, d: int) -> date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """A ``date`` from a metadata value, or None when it cannot be read.

    >>> parse_date("2021-05-24"), parse_date("24.05.2021"), parse_date("May 24, 2021")
    (datetime.date(2021, 5, 24), datetime.date(2021, 5, 24), datetime.date(2021, 5, 24))
    >>> parse_date("12 May 2018"), parse_date("2018-05-12T10:00:00+03:00"), parse_date("soon")
    (datetime.date(2018, 5, 12), datetime.date(2018, 5, 12), None)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    s = _WEEKDAY.sub("", " ".join(value.split()).strip().strip(",")).strip()
    if not s or len(s) > 60:
        return None
    if m := _ISO.fullmatch(s):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _YMD.fullmatch(s):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(s):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        # Day first (European and ISO-adjacent usage) unless only month-first is possible.
        if a > 12 or b <= 12 or m[2] == ".":
            return _make(y, b, a)
        return _make(y, a, b)
    low = s.casefold()
    if m := _D_MONTH_Y.fullmatch(low):
        return _make(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if m := _MONTH_D_Y.fullmatch(low):
        return _make(int(m[3]), _MONTHS[m[1]], int(m[2]))
    # Anything else with a time or zone suffix: try the part before it.
    head = re.split(r"[T ]\d{1,2}:\d{2}|\s+[-–|/]\s+", s, maxsplit=1)[0].strip()
    if head != s:
        return parse_date(head)
    return None


def find_date(text: str) -> date | None:
    """The first date written anywhere in a short string (a dateline, a footer)."""
    m = re.search(DATE_PATTERN, text, re.IGNORECASE)
    return parse_date(m.group(0)) if m else None
