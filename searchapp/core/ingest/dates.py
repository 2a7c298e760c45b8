"""Dates: from metadata values and from the dateline of scraped text.

Formats seen in real archives: ``2024-12-11``, `` date 2024-12-11``,
``11.12.2024 | 21:50``, ``03.03.2021 20:32``, ``15 June 2024 12:24 (UTC
+04:00)``, ``11 December 2024``, ``December 11, 2024``, «11 декабря 2024
года», ``26-FEB-1987 15:01:01.79`` (Reuters), ``2024-06-15T12:24:00+04:00``.

A scraped page mentions many dates; its own is the *dateline*: a date marked
`` date``, followed by a time, standing on a line of its own near the top,
or in a signature such as ``///nCa, 11 December 2024``.  Those win over
dates mentioned in the text, which are only a fallback.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MIN_YEAR, MAX_YEAR = 1900, 2100
HEAD_CHARS = 1500  # a dateline without a marker must stand this close to the top
MAX_LABEL_LETTERS = 25  # other letters a dateline's line may carry ("Politics Materials")

_MONTH_NAMES = [
    ("january", "jan", "января", "январь", "янв"),
    ("february", "feb", "февраля", "февраль", "фев"),
    ("march", "mar", "марта", "март", "мар"),
    ("april", "apr", "апреля", "апрель", "апр"),
    ("may", "мая", "май"),
    ("june", "jun", "июня", "июнь", "июн"),
    ("july", "jul", "июля", "июль", "июл"),
    ("august", "aug", "августа", "август", "авг"),
    ("september", "sep", "sept", "сентября", "сентябрь", "сен", "сент"),
    ("october", "oct", "октября", "октябрь", "окт"),
    ("november", "nov", "ноября", "ноябрь", "ноя"),
    ("december", "dec", "декабря", "декабрь", "дек"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))  # for callers matching short lines

# Month names are matched as any word of 3..9 letters and then looked up: a regex
# alternation of all the names, tried at every word, was most of the reading time.
_WORD = r"[^\W\d_]{3,9}"
_SP = r"[ \t\u00a0]"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"(?<![\d.])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\.?\d)")),
    ("dMy", re.compile(
        rf"(?<![\d.])(\d{{1,2}})(?:{_SP}|-)+({_WORD})\.?(?:{_SP}|[,-])+(\d{{4}})(?!\d)"
    )),
    ("Mdy", re.compile(rf"(?<!\w)({_WORD})\.?{_SP}+(\d{{1,2}}),?{_SP}+(\d{{4}})(?!\d)")),
]
_YEAR = re.compile(r"[0-9]{4}")  # a plain character class: the fastest scan
_BEFORE_YEAR = 32  # "September 30, " / "30 сентября " before the year
_AFTER_YEAR = 8  # "-12-11" after it, and a character to see that no digit follows
_TIME_AFTER = re.compile(r"[\s|,•·—-]*(?:в\s+)?\d{1,2}:\d{2}")
_DATE_MARK_BEFORE = re.compile(r"(?:^|\s)date\s*:?\s*\Z", re.IGNORECASE)
_SIGNATURE_BEFORE = re.compile(r"///\s*\w+\s*,?\s*\Z")
_LETTER = re.compile(r"[^\W\d_]")


def _build(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31.02, month 13, day 0 …
        return None


def _to_date(kind: str, m: re.Match[str]) -> dt.date | None:
    if kind == "ymd":
        return _build(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    a, b, c = m.group(1), m.group(2), m.group(3)
    if kind == "dmy":
        return _build(int(c), int(b), int(a))
    if kind == "dMy":
        month = MONTHS.get(b.lower())
        return _build(int(c), month, int(a)) if month else None
    month = MONTHS.get(a.lower())
    return _build(int(c), month, int(b)) if month else None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every valid date in ``text`` as ``(start, end, date)``, in text order.

    Every format has a four-digit year, so only the few windows around one are
    searched with the full patterns: scanning whole texts with all four
    patterns made the date the slowest part of reading an article.
    """
    windows: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        start, end = max(0, m.start() - _BEFORE_YEAR), m.end() + _AFTER_YEAR
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    if not windows:
        return []
    found: list[tuple[int, int, dt.date]] = []
    for kind, pattern in _PATTERNS:
        for start, end in windows:
            for m in pattern.finditer(text, start, end):
                date = _to_date(kind, m)
                if date and not any(s < m.end() and m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), date))
    found.sort()
    return found


def _line_of(text: str, start: int, end: int) -> str:
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return text[begin : stop if stop >= 0 else len(text)]


def _is_dateline(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    if _DATE_MARK_BEFORE.search(before) or _SIGNATURE_BEFORE.search(before):
        return True
    if start >= HEAD_CHARS:
        return False
    if _TIME_AFTER.match(text, end, end + 16):
        return True
    line = _line_of(text, start, end)
    return len(_LETTER.findall(line)) - len(_LETTER.findall(text[start:end])) <= MAX_LABEL_LETTERS


def find_dateline(text: str, *, fallback: bool = True) -> dt.date | None:
    """The article's own date: its dateline if it has one, else (with
    ``fallback``) the first date the text mentions."""
    found = find_dates(text)
    for start, end, date in found:
        if _is_dateline(text, start, end):
            return date
    return found[0][2] if found and fallback else None


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the datelines are (for removing them from the body)."""
    return [(s, e) for s, e, _ in find_dates(text) if _is_dateline(text, s, e)]


# Numbers in metadata are Unix times (seconds, or milliseconds from JavaScript) only in a
# plausible range; a bare ``2015`` is a year, not a moment in 1970.
_EPOCH_SECONDS = (1e8, 4.2e9)


def parse_value(value: Any) -> dt.date | None:
    """A date from a metadata value: a date/datetime, a Unix time, or a string in any
    known format (``2024-06-15T12:24:00Z``, ``1987-02-26 15:01:01``, ``26-FEB-1987`` …)."""
    if isinstance(value, dt.datetime):
        return value.date() if MIN_YEAR <= value.year <= MAX_YEAR else None
    if isinstance(value, dt.date):
        return value if MIN_YEAR <= value.year <= MAX_YEAR else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
        if seconds > _EPOCH_SECONDS[1]:
            seconds /= 1000
        if not _EPOCH_SECONDS[0] <= seconds <= _EPOCH_SECONDS[1]:
            return None
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    if isinstance(value, str):
        value = value.strip()
        try:
            return parse_value(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
        found = find_dates(value)
        return found[0][2] if found else None
    return None
