"""Dates: from metadata values and from the dateline of scraped text.

Formats seen in real archives: ``2024-12-11``, `` date 2024-12-11``,
``11.12.2024 | 21:50``, ``03.03.2021 20:32``, ``15 June 2024 12:24 (UTC
+04:00)``, ``11 December 2024``, ``December 11, 2024``, «11 декабря 2024
года», ``26-FEB-1987 15:01:01.79`` (Reuters); and as blogs and Russian sites
write them, ``2023/02/03``, ``12-08-2019`` (day first, as Russian and
European sites write it), ``August 12th, 2019``.  ``15.06.24``, a two-digit
year, is read only as a dateline on a line of its own near the top (or a
metadata value), never in running text, where such numbers are scores and
versions: it is 20YY up to this year's two last digits, else 19YY (in 2026,
``15.06.26`` is 2026 and ``15.06.27`` 1927).  ``03/02/2023`` stays unread:
day or month first, nothing tells.

A scraped page mentions many dates; its own is the *dateline*: a date marked
`` date``, followed by a time, standing on a line of its own near the top,
or in a signature such as ``///nCa, 11 December 2024``.  Those win over
dates mentioned in the text, which are only a fallback.

A short line with a word right before its date is no dateline but a photo's
caption («Дэвид Рокфеллер 24 октября 1953 года», at the top of Wikinews
articles) or a note ("Year to December 31, 1986", Reuters): over the four
corpora (41,000 articles) the rule takes no date a dateline gave rightly and
drops 28 that differed from the article's front-matter date (Reuters' fiscal
years, Telegram's coming events) and the 5 captions of undated Wikinews
articles.  A dateline's words (``Обновлено``, ``Published on``, a weekday)
or a comma, bar or dash before the date keep it one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MIN_YEAR, MAX_YEAR = 1900, 2100
HEAD_CHARS = 1500

_EN_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_RU_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("января", "январь"), ("февраля", "февраль"), ("марта", "март"),
            ("апреля", "апрель"), ("мая", "май"), ("июня", "июнь"), ("июля", "июль"),
            ("августа", "август"), ("сентября", "сентябрь"), ("октября", "октябрь"),
            ("ноября", "ноябрь"), ("декабря", "декабрь"),
        ],
        start=1,
    )
    for m in names
}
_MONTHS = {**_EN_MONTHS, **_RU_MONTHS}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ORDINAL = r"(?:st|nd|rd|th)?"  # "August 12th, 2019", "1st of May 2020"
_PATTERNS = [
    ("ymd", re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    ("ymd", re.compile(r"(?<![\d/])(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/])")),  # not in a URL's path
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)")),
    ("dmy", re.compile(r"(?<![\d-])(\d{2})-(\d{2})-(\d{4})(?!-?\d)")),  # «2-5-1967»: no date
    (
        "dMy",
        re.compile(
            rf"(?<!\d)(\d{{1,2}}){_ORDINAL}(?:[ \t\u00a0]+of)?[ \t\u00a0-]+({_MONTH_RE})\.?"
            r"[ \t\u00a0,-]+(\d{4})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    ("Mdy", re.compile(rf"\b({_MONTH_RE})\.?[ \t\u00a0]+(\d{{1,2}}){_ORDINAL},?[ \t\u00a0]+"
                       r"(\d{4})(?!\d)", re.IGNORECASE)),
]
_YEAR = re.compile(r"[0-9][0-9][0-9][0-9]")  # 2.5× faster than \d{4} in re
_BEFORE_YEAR = 48  # «23 September, 2024»: the longest date before its year, with room
_AFTER_YEAR = 16  # «2024-12-11»: a year first, then what the look-aheads check
_TIME_AFTER = re.compile(r"\A[\s|,•·—-]*\d{1,2}:\d{2}")
_DATE_MARK_BEFORE = re.compile(r"(?:^|\s)date\s*:?\s*\Z", re.IGNORECASE)
_SIGNATURE_BEFORE = re.compile(r"///\s*\w+\s*,?\s*\Z")
# A mark a dateline may follow anywhere in the text (what the two patterns
# above look for in the _MARK_SPAN characters before a date).
_MARK = re.compile(r"(?:date\s*:?|///\s*\w+\s*,?)\s*", re.IGNORECASE)
_MARK_SPAN = 40  # how far before a date its mark is looked for
_DATE_SPAN = 64  # longer than any date the patterns match, in practice
# «Астана, 12 марта 2024 — …», "ASTANA, March 14, 2024 - …", «Берлин, 5 января 2020 г. …»:
# a place (capitalised words) and a comma, or nothing, before the date at a line's start ...
_PLACE_BEFORE = re.compile(
    r"(?:[^\W\d_a-zа-яё][\w.'’-]*(?:[ \t\u00a0]+[\w.'’-]+){0,3},[ \t\u00a0]*)?")
# ... and after it «года»/«г.», a time, then a dash, a stop, a colon, a bar or the line's end.
_OPENING_AFTER = re.compile(r"(?:[ \t\u00a0]*(?:года|год|г\.|г\b))?"
                            r"(?:[ \t\u00a0,]*\d{1,2}:\d{2})?[ \t\u00a0]*(?:[—–\-.:|]|$)",
                            re.IGNORECASE)
OPENING_LINES = 3  # a heading, a subtitle, then the first paragraph
_LOWER_WORD = re.compile(r"\b[a-zа-яё]{3,}\b")
_DATE_WORDS = frozenset({"года", "год", "the", "of"})
# A word right before a date, nothing but spaces between: «Дэвид Рокфеллер 24 октября
# 1953 года» (a photo's caption), "Year to December 31, 1986", «Премьера 13 июня 2025
# года».  A dateline has a mark, a comma, a bar or a dash there («Москва, 11 декабря
# 2024», "Politics | 15 June 2024") or one of these words.
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+\Z")
_DATELINE_WORDS = frozenset({
    "обновлено", "обновлена", "обновлён", "обновлен", "опубликовано", "опубликована",
    "опубликован", "дата", "публикация", "от", "updated", "published", "posted", "modified",
    "created", "date", "понедельник", "вторник", "среда", "четверг", "пятница",
    "суббота", "воскресенье", "пн", "вт", "ср", "чт", "пт", "сб", "вс", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun",
})


# «15.06.24» (a two-digit year) as a line of its own, maybe after a dateline's word and
# with a time: «Обновлено: 15.06.24», «12:30 15.06.24», «15.06.24, 12:30».
_SHORT_YEAR_LINE = re.compile(
    r"^[ \t\u00a0•·|]*(?:([^\W\d_]+)[ \t\u00a0]*[:,]?[ \t\u00a0]*)?"
    r"(?:\d{1,2}:\d{2}[ \t\u00a0,|]+)?(\d{2})\.(\d{2})\.(\d{2})"
    r"(?:[ \t\u00a0,|]+\d{1,2}:\d{2})?[ \t\u00a0|]*$", re.MULTILINE)
_SHORT_YEAR = re.compile(r"[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]")


def _build(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _to_date(kind: str, m: re.Match[str]) -> dt.date | None:
    a, b, c = m.group(1), m.group(2), m.group(3)
    if kind == "ymd":
        return _build(int(a), int(b), int(c))
    if kind == "dmy":
        return _build(int(c), int(b), int(a))
    if kind == "dMy":
        return _build(int(c), _MONTHS[b.lower()], int(a))
    return _build(int(c), _MONTHS[a.lower()], int(b))


def _full_year(year: int) -> int:
    """A two-digit year: 20YY up to this year's two last digits, else 19YY."""
    return 2000 + year if year <= dt.date.today().year % 100 else 1900 + year


def _short_year_datelines(text: str, end: int) -> list[tuple[int, int, dt.date]]:
    """The lines before ``end`` that are a date with a two-digit year and little else
    (:data:`_SHORT_YEAR_LINE`), as ``(start, end, date)``."""
    found: list[tuple[int, int, dt.date]] = []
    if not _SHORT_YEAR.search(text, 0, end + _DATE_SPAN):  # most texts: one quick look
        return found
    for m in _SHORT_YEAR_LINE.finditer(text, 0, end + _DATE_SPAN):
        if m.start(2) >= end or text[m.end() : m.end() + 1] not in ("", "\n"):
            continue  # past ``end``, or a line cut by the search's end («15.06.20|24»)
        if m.group(1) and m.group(1).lower() not in _DATELINE_WORDS:
            continue
        date = _build(_full_year(int(m.group(4))), int(m.group(3)), int(m.group(2)))
        if date:
            found.append((m.start(2), m.end(4), date))
    return found


def short_year_dateline(line: str) -> dt.date | None:
    """The date of a line that is only a dateline with a two-digit year («15.06.24»)."""
    found = _short_year_datelines(line.strip(), len(line))
    return found[0][2] if found else None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every valid date in ``text`` as ``(start, end, date)``, in text order.

    Every format has a four-digit year, so only the stretches around one
    are searched (the month-name patterns tried at every word of a long
    article were most of the time of reading it)."""
    found: list[tuple[int, int, dt.date]] = []
    spans = _around_years(text)
    for kind, pattern in _PATTERNS:
        for begin, end in spans:
            for m in pattern.finditer(text, begin, end):
                date = _to_date(kind, m)
                if date and not any(s < m.end() and m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), date))
    return sorted(found)


def _around_years(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` a date can be in: from :data:`_BEFORE_YEAR`
    characters before four digits (a year is written in ASCII digits) to a
    few after them, merged."""
    spans: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        begin, end = max(0, m.start() - _BEFORE_YEAR), min(len(text), m.end() + _AFTER_YEAR)
        if spans and begin <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((begin, end))
    return spans


def _line_of(text: str, start: int, end: int) -> str:
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return text[begin : stop if stop >= 0 else len(text)]


def _is_sentence(line: str, rest: str) -> bool:
    """Running text, not a dateline: ends like a sentence and has a word in
    lower case besides «года» («Алан Гарсия родился 23 мая 1949 года.»)."""
    if not line.rstrip().endswith((".", "!", "?")):
        return False
    return any(w not in _DATE_WORDS for w in _LOWER_WORD.findall(rest))


def _on_a_short_line(text: str, start: int, end: int) -> bool:
    """The date stands on a short line of its own, not in running text."""
    line = _line_of(text, start, end)
    rest = line.replace(text[start:end], " ")
    return len(re.findall(r"[^\W\d_]", rest)) <= 25 and not _is_sentence(line, rest)


def _word_before(text: str, start: int) -> bool:
    """A word other than a dateline's own stands right before the date on its line."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    word = _WORD_BEFORE.search(before)
    if word and word.group(1).lower() == "on":  # "Published on 15 June 2024", not "due on"
        word = _WORD_BEFORE.search(before, 0, word.start())
    return word is not None and word.group(1).lower() not in _DATELINE_WORDS


def _is_caption(text: str, start: int, end: int) -> bool:
    """A short line of a name and a date: a photo's caption («Дэвид Рокфеллер 24 октября
    1953 года») or a note ("Year to December 31, 1986"), not the page's date."""
    return _word_before(text, start) and _on_a_short_line(text, start, end)


def _is_dateline(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _MARK_SPAN) : start]
    if _DATE_MARK_BEFORE.search(before) or _SIGNATURE_BEFORE.search(before):
        return True
    if start < HEAD_CHARS and _TIME_AFTER.match(text[end : end + 12]):
        return True
    # A short line of its own, e.g. «Москва, 11 декабря 2024», «Обновлено: 19.01.2021».
    return start < HEAD_CHARS and not _word_before(text, start) and _on_a_short_line(
        text, start, end)


def find_dateline(text: str, *, fallback: bool = True) -> dt.date | None:
    """The article's own date: its dateline if it has one, else (with
    ``fallback``) the first date the text mentions.

    Past the first :data:`HEAD_CHARS` characters only a date right after a
    mark (`` date``, ``///nCa,``) is a dateline, so the rest of a long text
    is searched for the marks, not for every date in it (the date patterns
    were 7 % of indexing when run over whole articles)."""
    head = [d for d in find_dates(text[: HEAD_CHARS + _DATE_SPAN]) if d[0] < HEAD_CHARS]
    short = _short_year_datelines(text, HEAD_CHARS)  # datelines by their look alone
    for start, end, date in sorted(head + short):
        if (start, end, date) in short or _is_dateline(text, start, end):
            return date
    for mark in _MARK.finditer(text, max(0, HEAD_CHARS - _MARK_SPAN)):
        after = mark.end()
        for start, end, date in find_dates(text[after : after + _DATE_SPAN]):
            if start == 0 and after >= HEAD_CHARS and _is_dateline(text, after, after + end):
                return date
    if not fallback:
        return None
    if head:  # a date the text mentions, rather than one a caption gives a photo
        return next((d for s, e, d in head if not _is_caption(text, s, e)), head[0][2])
    rest = find_dates(text)
    return rest[0][2] if rest else None


def opening_dateline(text: str) -> dt.date | None:
    """The date a news text opens with, «Астана, 12 марта 2024 — Президент…»: at the
    start of one of its first :data:`OPENING_LINES` lines, after a place and a comma
    or nothing, and followed by a dash, a stop, a colon or the line's end; not a
    date the first sentence mentions («Соглашение подписали 2 мая 2009 года, …»)."""
    lines = [line.strip() for line in text[:HEAD_CHARS].split("\n") if line.strip()]
    for line in lines[:OPENING_LINES]:
        place = _PLACE_BEFORE.match(line)
        start = place.end() if place else 0
        found = find_dates(line[: start + _DATE_SPAN])
        if found and found[0][0] == start and _OPENING_AFTER.match(line, found[0][1]):
            return found[0][2]
    return None


def _from_number(value: float) -> dt.date | None:
    """``date: 20240315`` (a day written as a number), a Unix time in seconds
    or milliseconds; None for a number that is neither (``date: 2024``, a
    year: no day to give it)."""
    if isinstance(value, int) and 10_000_000 <= value <= 99_999_999:
        try:
            day = dt.date(value // 10_000, value // 100 % 100, value % 100)
        except ValueError:
            return None
        return day if MIN_YEAR <= day.year <= MAX_YEAR else None
    if value < 100_000_000:  # before 1973: a year, a count, not a time
        return None
    try:
        stamp = dt.datetime.fromtimestamp(value / 1000 if value >= 1e11 else value, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return parse_value(stamp)


def parse_value(value: Any) -> dt.date | None:
    """A date from a metadata value: a date/datetime, or a string in any known format."""
    if isinstance(value, dt.datetime):
        return value.date() if MIN_YEAR <= value.year <= MAX_YEAR else None
    if isinstance(value, dt.date):
        return value if MIN_YEAR <= value.year <= MAX_YEAR else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(value)
    if isinstance(value, str):
        dates = find_dates(value.strip())
        return dates[0][2] if dates else short_year_dateline(value)
    return None
