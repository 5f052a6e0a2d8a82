"""Removing site chrome from plain text: share/print buttons, counters, date prefixes.

Only whole lines of chrome and a leading date label are removed; everything else stays as it
is (runs of blank lines are collapsed and the text is stripped), so that character offsets
into the cleaned text are offsets into the article as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import DATE_PATTERN, find_date, parse_date

# Site chrome: buttons and labels that are a whole line (or a run of segments of one) and are
# never part of an article. Lower case; matched after case folding.
CHROME_PHRASES = [
    # English
    "print", "print this", "print this page", "print article", "print version", "printer friendly",
    "printer-friendly version", "send to friend", "send to a friend", "email to a friend", "email",
    "e-mail", "mail", "share", "share this", "share this article", "share on facebook",
    "share on twitter", "tweet", "like", "reply", "comment", "comments", "add comment",
    "leave a comment", "leave a reply", "post a comment", "read more", "read also", "see also",
    "related", "related articles", "related news", "back", "back to top", "top", "home", "menu",
    "search", "subscribe", "follow us", "facebook", "twitter", "x", "linkedin", "whatsapp",
    "telegram", "vk", "vkontakte", "odnoklassniki", "pinterest", "reddit", "copy link", "font size",
    "a a a", "a+ a-", "a- a+", "text size", "bookmark", "save", "download pdf", "pdf", "rss",
    "views", "advertisement", "ad", "sponsored",
    # German
    "drucken", "druckversion", "seite drucken", "artikel drucken", "teilen", "artikel teilen",
    "per e-mail versenden", "versenden", "kommentar", "kommentare", "kommentieren", "weiterlesen",
    "mehr zum thema", "zurück", "nach oben", "anzeige", "merken",
    # Russian / Ukrainian / Belarusian
    "печать", "версия для печати", "распечатать", "поделиться", "отправить другу", "комментарий",
    "комментарии", "комментировать", "читать также", "читайте также", "читать далее", "подробнее",
    "наверх", "назад", "реклама", "друк", "версія для друку", "поділитися", "коментарі",
    "коментар", "читайте також", "друкаваць", "падзяліцца", "каментарыі",
    # French
    "imprimer", "version imprimable", "partager", "envoyer à un ami", "envoyer", "commentaire",
    "commentaires", "réagir", "lire aussi", "lire la suite", "voir aussi", "retour", "publicité",
    # Spanish / Portuguese / Italian
    "imprimir", "versión para imprimir", "compartir", "enviar", "enviar a un amigo", "comentar",
    "comentario", "comentarios", "leer más", "ver también", "publicidad", "partilhar",
    "compartilhar", "comentários", "enviar por e-mail", "leia mais", "leia também", "stampa",
    "condividi", "invia", "invia ad un amico", "commenta", "commenti", "leggi anche", "leggi tutto",
    # Dutch / Polish / Turkish
    "afdrukken", "delen", "reageer", "reacties", "lees meer", "lees ook", "drukuj", "udostępnij",
    "wyślij", "komentarz", "komentarze", "czytaj więcej", "czytaj także", "czytaj też",
    "yazdır", "paylaş", "yorum", "yorumlar", "yorum yap", "devamını oku",
    # Vietnamese / Persian / Arabic
    "in", "in bài", "in bài viết", "bản in", "chia sẻ", "gửi", "gửi bạn bè", "bình luận",
    "ý kiến", "xem thêm", "đọc thêm", "chia sẻ bài viết", "theo dõi", "quay lại",
    "چاپ", "نسخه چاپی", "ارسال", "ارسال به دوستان", "اشتراک گذاری", "اشتراک", "نظر", "نظرات",
    "طباعة", "مشاركة", "إرسال", "أرسل لصديق", "تعليق", "تعليقات", "اقرأ أيضا", "اقرأ أيضاً",
    # Chinese / Japanese / Korean
    "打印", "分享", "评论", "印刷", "共有", "コメント", "인쇄", "공유", "댓글",
]  # fmt: skip

_CHROME_RE = re.compile(
    r"(?:"
    + "|".join(sorted((re.escape(p).replace(r"\ ", r"\s") for p in CHROME_PHRASES), key=len, reverse=True))
    + r")"
    r"(?:\s*[:(\[]?\s*\d+\s*[)\]]?)?"  # "Comment (0)", "Comments: 3", "Share 12"
)
# A line is cut into segments at runs of two or more spaces and at separators.
_SEGMENT_SPLIT = re.compile(r"\s{2,}|\t|\s*[|•·⋅/]\s*|\s+[-–—]\s+")
# Words of counters and footers: "number : 26464", "Show Count : 442", "Views 1 234".
_COUNTER_WORDS = re.compile(
    r"(?<!\w)(?:news\s*(?:id|code)|number|no|nr|id|code|show\s*count|count|views?|visits?|hits|reads|"
    r"visited|просмотр(?:ов|ы|а)?|переглядів|aufrufe|gelesen|vues|lectures|visitas|lecturas|visite|"
    r"letture|visualizações|weergaven|wyświetle[nń]|görüntülenme|okunma|lượt\s*xem|"
    r"بازدید|تعداد\s*بازدید|کد\s*خبر|شماره|مشاهدات|عدد\s*المشاهدات|浏览|阅读|閲覧|조회)(?!\w)",
    re.IGNORECASE,
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
_DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
_TIME_RE = re.compile(_TIME, re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_META_REST = re.compile(r"[\s\d\-–—/|:·•,.()\[\]#№]*")
# A date label at the very start: " date 2021-05-24 ", "Published: May 24, 2021 -".
_DATE_PREFIX = re.compile(
    r"\A\s*(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated|datum|veröffentlicht(?:\s+am)?|"
    r"дата(?:\s+публикации)?|опубликовано|fecha|publicado(?:\s+el)?|data|publié\s+le|"
    r"date\s+de\s+publication|pubblicato\s+il|tarih|ngày|تاریخ|تاريخ)?"
    rf"\s*[:\-–]?\s*(?P<date>{DATE_PATTERN})(?:\s*(?:,\s*)?{_TIME})?\s*(?:[-–—|:]\s+)?",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DATE_LINE = re.compile(rf"\s*(?:{_WEEKDAY},?\s+)?(?P<date>{DATE_PATTERN})(?:\s*[,|/-]?\s*{_TIME})?\s*", re.IGNORECASE)

#: How many non-blank lines at the start and at the end are examined for dates and counters.
EDGE_LINES = 4


@dataclass
class Cleaned:
    text: str
    published: date | None = None
    title: str | None = None


def is_chrome_line(line: str) -> bool:
    """True when the whole line is site chrome: "Print", "Send to Friend", "Comment (0)"..."""
    s = line.strip().casefold()
    if not s or len(s) > 120:
        return False
    segments = [seg.strip(" .:!»›>→…") for seg in _SEGMENT_SPLIT.split(s)]
    segments = [seg for seg in segments if seg]
    return bool(segments) and all(_CHROME_RE.fullmatch(seg) for seg in segments)


def is_meta_line(line: str) -> bool:
    """True for a footer/header of dates, times and counters with no words of text.

    "13:25 - 2018/05/12 / number : 26464 / Show Count : 442" is one; "12 May 2018" too.
    """
    s = line.strip()
    if not s or len(s) > 160 or not any(ch.isdigit() for ch in s):
        return False
    if len(_WORD.findall(s)) > 8:  # quick: a sentence, not a footer
        return False
    rest, n_dates = _DATE_RE.subn(" ", s)
    rest, n_times = _TIME_RE.subn(" ", rest)
    rest, n_words = _COUNTER_WORDS.subn(" ", rest)
    return bool(n_dates or n_times or n_words) and bool(_META_REST.fullmatch(rest))


def is_date_line(line: str) -> bool:
    """True for a line that only states a date: "12 May 2018", "Updated: 2014-11-12 10:30"."""
    return bool(_DATE_LINE.fullmatch(line) or _DATE_PREFIX.fullmatch(line))


def clean_text(text: str, *, find_title: bool = True) -> Cleaned:
    """Strip site chrome from an article's plain text; find a dateline date and a headline."""
    lines = [line.rstrip() for line in text.split("\n")]
    # Chrome first, so that a date label under a "Print | Share" line is still at the start.
    published, text = _take_date_prefix("\n".join(line for line in lines if not is_chrome_line(line)))
    lines = text.split("\n")
    keep = [True] * len(lines)

    # Header and footer lines of dates and counters: examine the first and last few lines.
    def edge(indexes):
        nonlocal published
        seen = 0
        for i in indexes:
            if not lines[i].strip() or not keep[i]:
                continue
            seen += 1
            if seen > EDGE_LINES:
                break
            if is_date_line(lines[i]) or is_meta_line(lines[i]):
                found = find_date(lines[i])
                if published is None and found is not None:
                    published = found
                keep[i] = False

    edge(range(len(lines)))
    edge(range(len(lines) - 1, -1, -1))

    kept = [line for line, k in zip(lines, keep, strict=True) if k]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Cleaned(cleaned, published, guess_title(cleaned) if find_title else None)


def _take_date_prefix(text: str) -> tuple[date | None, str]:
    """A date label at the start (" date 2021-05-24 ..."): its date, and the text without it.

    A bare date followed by a lower-case word ("12 May 2018 saw the launch...") is part of the
    sentence and stays.
    """
    m = _DATE_PREFIX.match(text)
    if not m:
        return None, text
    labelled = m.group(0).strip() != m.group("date")
    ends_line = text[m.end("date") :].lstrip(" \t")[:1] in ("\n", "")
    if not (labelled or ends_line or not text[m.end() :].lstrip()[:1].islower()):
        return None, text
    published = parse_date(m.group("date"))
    return (published, text[m.end() :]) if published else (None, text)


_END_PUNCT = tuple('.!?;:,"”»…)')


def guess_title(text: str) -> str | None:
    """The first line when it clearly is a headline: short, unpunctuated, then a blank line."""
    first, sep, rest = text.partition("\n\n")
    if not sep or "\n" in first:
        return None
    first = first.strip()
    words = first.split()
    if not (3 <= len(words) <= 25 and 10 <= len(first) <= 200):
        return None
    if first.endswith(_END_PUNCT) or first[0] in "\"“«'‘-–—*•" or not (first[0].isupper() or first[0].isdigit()):
        return None
    if re.match(r"(?:source|quelle|источник|fuente|fonte|source)\s*:", first, re.IGNORECASE) or "://" in first:
        return None
    if len(rest.strip()) < 2 * len(first):
        return None
    return first
