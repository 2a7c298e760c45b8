"""Every date format seen in the archives; the dateline beats dates in the text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.core.ingest.dates import (
    _PATTERNS,
    HEAD_CHARS,
    _is_caption,
    _is_dateline,
    _to_date,
    find_dateline,
    find_dates,
    opening_dateline,
    parse_value,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2024-12-11 On December 11, 2024, Ashgabat hosted", dt.date(2024, 12, 11)),
        ("Latest news\n\nTitle\n\n11.12.2024 | 21:50 |\n Title", dt.date(2024, 12, 11)),
        ("Title\n\n  • 03.03.2021 20:32\n  • 16k+\n\n2 марта 2021 года", dt.date(2021, 3, 3)),
        ("Politics Materials 15 June 2024 12:24 (UTC +04:00)\nAuthor", dt.date(2024, 6, 15)),
        ("Text of the speeches.///nCa, 11 December 2024 (in cooperation)", dt.date(2024, 12, 11)),
        ("Москва, 11 декабря 2024\nТекст", dt.date(2024, 12, 11)),
        ("2 марта 2021 года министр встретился", dt.date(2021, 3, 2)),
        ("December 11, 2024\nText", dt.date(2024, 12, 11)),
        ("26-FEB-1987 15:01:01.79", dt.date(1987, 2, 26)),
        ("2024-01-05", dt.date(2024, 1, 5)),
    ],
)
def test_formats(text: str, expected: dt.date) -> None:
    assert find_dateline(text) == expected


def test_dateline_beats_a_date_mentioned_earlier_in_the_text() -> None:
    text = (
        "Итоги года\n\nВ 1 мая 2019 года было подписано соглашение, "
        "о котором напомнили участники.\n///nCa, 11 December 2024"
    )
    assert find_dateline(text) == dt.date(2024, 12, 11)


def test_dateline_with_time_beats_a_date_in_the_first_sentence() -> None:
    text = "Заголовок\n\nВстреча 2 марта 2021 года прошла онлайн, сообщили 03.03.2021 20:32"
    assert find_dateline(text) == dt.date(2021, 3, 3)


def test_a_sentence_on_a_short_line_is_no_dateline() -> None:
    # A birth date, a deadline: running text, even on a short line near the top.
    text = ("Алан Гарсия\nЭкс-президент Перу скончался в больнице.\n"
            "Алан Гарсия родился 23 мая 1949 года.\n"
            "Договор действует до 31 декабря 2030 года.\n")
    assert find_dateline(text, fallback=False) is None


def test_a_dateline_on_its_own_line_still_wins_over_later_mentions() -> None:
    text = ("Moscow, 12 March 2015\n\nThe treaty runs until 31 December 2025, officials "
            "said.\nIt was signed on 2 May 2009.")
    assert find_dateline(text, fallback=False) == dt.date(2015, 3, 12)
    assert find_dateline("Politics Materials 15 June 2024\n\nText.") == dt.date(2024, 6, 15)


@pytest.mark.parametrize("text", [
    "31.02.2024", "2024-13-01", "99.99.9999", "0000-00-00", "",
    # real calendar days, but years no article of ours is dated
    "1066-10-14", "14 October 1066", "1899-12-31", "2101-01-01", "01.01.2999",
    "January 1, 2999",
])
def test_impossible_dates_are_rejected(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("1900-01-01", dt.date(1900, 1, 1)), ("31 December 2100", dt.date(2100, 12, 31)),
])
def test_the_first_and_last_years_taken_are_1900_and_2100(text: str, expected: dt.date) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2015, 7, 23), dt.date(2015, 7, 23)),
        (dt.datetime(1987, 2, 26, 15, 1), dt.date(1987, 2, 26)),
        ("1987-02-26 15:01:01", dt.date(1987, 2, 26)),
        ("26-FEB-1987", dt.date(1987, 2, 26)),
        ("nonsense", None),
        (2024, None),  # a year: no day to give it (it was read as 1970-01-01)
        (20240315, dt.date(2024, 3, 15)),
        (20240230, None),
        (1710460800, dt.date(2024, 3, 15)),  # Unix time
        (1710460800000, dt.date(2024, 3, 15)),  # in milliseconds
        (None, None),
        ({"a": 1}, None),
    ],
)
def test_metadata_values(value: object, expected: dt.date | None) -> None:
    assert parse_value(value) == expected


@pytest.mark.parametrize("caption", [
    "Дэвид Рокфеллер 24 октября 1953 года", "Выступление Мадонны 16 февраля 2020 года",
    "Митинг 12 марта 2011 года в Москве", "Аделина Сотникова 12 декабря 2010 г.",
    "Year to December 31, 1986", "The issue is due on April 9, 1997",
])
def test_a_caption_is_no_dateline(caption: str) -> None:
    """A short line with a word right before its date is a photo's caption or a note
    (Wikinews, Reuters), not the page's date: it stretched the histogram to 1953."""
    text = (f"Умер Дэвид Рокфеллер\n{caption}\nВ США скончался миллиардер.\n\n"
            "Он умер в понедельник, 20 марта 2017 года, во сне.")
    assert find_dateline(text, fallback=False) is None
    assert find_dateline(text) == dt.date(2017, 3, 20)  # mentioned, and no caption's


def test_a_caption_is_the_fallback_when_no_other_date_is_mentioned() -> None:
    assert find_dateline("Заголовок\nБилл Гейтс 8 ноября 2019 года\nТекст.") == (
        dt.date(2019, 11, 8))


@pytest.mark.parametrize(("line", "expected"), [
    ("Обновлено 19.01.2021", dt.date(2021, 1, 19)),
    ("Обновлено: 19.01.2021", dt.date(2021, 1, 19)),
    ("Published on 15 June 2024", dt.date(2024, 6, 15)),
    ("Суббота 16 ноября 2024", dt.date(2024, 11, 16)),
    ("Politics | 15 June 2024", dt.date(2024, 6, 15)),
    ("ДНД – 27 января 2021", dt.date(2021, 1, 27)),
    ("Евгения Чудновец, 26 марта 2017 года", dt.date(2017, 3, 26)),  # a place's comma
    ("Politics Materials 15 June 2024 12:24", dt.date(2024, 6, 15)),  # a time
])
def test_a_dateline_after_its_own_words_is_still_one(line: str, expected: dt.date) -> None:
    text = f"Заголовок\n{line}\nТекст статьи 1 мая 2009 года, сообщили."
    assert find_dateline(text, fallback=False) == expected


def test_a_date_only_mentioned_in_the_text_is_the_fallback() -> None:
    text = ("Итоги переговоров\n\nСоглашение подписали 2 мая 2009 года, напомнили участники. "
            "Следующая встреча намечена на 15 июня 2025 года.")
    assert find_dateline(text) == dt.date(2009, 5, 2)
    assert find_dateline(text, fallback=False) is None


def test_dateline_after_a_long_line_is_judged_on_its_own_line() -> None:
    text = "Переговоры в Душанбе\nРаздел: политика и общество\nМосква, 12 марта 2015\n\nТекст."
    assert find_dateline(text, fallback=False) == dt.date(2015, 3, 12)


def test_dateline_ending_with_a_year_word_and_a_full_stop() -> None:
    assert find_dateline("Заголовок\nМосква, 12 марта 2015 года.\nТекст.", fallback=False) == (
        dt.date(2015, 3, 12)
    )


@pytest.mark.parametrize("end", [". ", "!", "?"])
def test_sentences_ending_any_way_are_no_dateline(end: str) -> None:
    text = f"Алан Гарсия\nАлан Гарсия родился 23 мая 1949 года{end}\n"
    assert find_dateline(text, fallback=False) is None


def test_signature_at_the_end_of_a_long_article_is_its_dateline() -> None:
    body = "Министр рассказал о планах на год. " * 50  # past the head where datelines are
    text = f"Итоги года\n\n{body}\nВстреча прошла 1 мая 2019 года.\n{body}///nCa, 11 December 2024"
    assert len(text) > 3000 and find_dateline(text) == dt.date(2024, 12, 11)
    late = f"Итоги года\n\n{body}{body}\nДоговор подписан 2 мая 2009"
    assert find_dateline(late, fallback=False) is None  # a late mention is no dateline


def _every_match(text: str) -> list[tuple[int, int, dt.date]]:
    """Every date the patterns match anywhere in ``text``, the first pattern winning."""
    found: list[tuple[int, int, dt.date]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            date = _to_date(kind, m)
            if date and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), date))
    return sorted(found)


def _every_date_read(text: str, fallback: bool) -> dt.date | None:
    """find_dateline's rule applied to every date of the whole text."""
    found = _every_match(text)
    for start, end, date in found:
        if _is_dateline(text, start, end):
            return date
    head = [(start, end, date) for start, end, date in found if start < HEAD_CHARS] or found
    if not head or not fallback:
        return None
    return next((d for s, e, d in head if not _is_caption(text, s, e)), head[0][2])


_PIECES = st.sampled_from([
    "Министр рассказал о планах на год. ", "The talks went on. ", "\n", " date ", "Date: ",
    "///nCa, ", "update ", "11 December 2024", "2 мая 2009 года", "03.03.2021 20:32",
    "2024-01-05", "December 11, 2024", "26-FEB-1987", " | 21:50", "1.1.1899", "Итоги",
    "23 сентября, 2024", "Sept. 3,  2021", "12345", "1.12.20241", "2024", " ", "-",
    "Дэвид Рокфеллер ", "Updated ", "Published on ", "due on ",
])


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 60), st.lists(_PIECES, max_size=40), st.booleans())
def test_the_dateline_is_the_one_a_reading_of_every_date_finds(
    filler: int, pieces: list[str], fallback: bool
) -> None:
    """Past the head only marks are searched: the answer is the same as when
    every date of the text is read and judged (dates and marks placed before,
    across and after the end of the head)."""
    text = "Текст без дат, одна строка. " * filler + "".join(pieces)
    assert find_dates(text) == _every_match(text)
    assert find_dateline(text, fallback=fallback) == _every_date_read(text, fallback)


def test_a_mark_across_the_end_of_the_head_is_still_a_mark() -> None:
    for before in range(HEAD_CHARS - 8, HEAD_CHARS + 2):
        text = "а" * before + " date 2024-01-05\nТекст"
        assert find_dateline(text, fallback=False) == dt.date(2024, 1, 5), before


@pytest.mark.parametrize(("text", "expected"), [
    ("Астана, 12 марта 2024 — Президент провёл встречу.", dt.date(2024, 3, 12)),
    ("Отчёт\nASTANA, March 14, 2024 - The president met officials.", dt.date(2024, 3, 14)),
    ("Берлин, 5 января 2020 г. Число беженцев выросло.", dt.date(2020, 1, 5)),
    ("12.03.2024 | 10:15\nТекст.", dt.date(2024, 3, 12)),
    ("Соглашение подписали 2 мая 2009 года, напомнили участники.", None),
    ("2 мая 2009 года министр встретился с послом.", None),
    ("А\nБ\nВ\nМосква, 1 мая 2009 — четвёртая строка.", None),
])
def test_opening_dateline(text: str, expected: dt.date | None) -> None:
    """A date a document's first lines open with, after a place or nothing; not a date
    a sentence mentions, nor one opening a line further down."""
    assert opening_dateline(text) == expected


THIS_YEAR = dt.date.today().year % 100


@pytest.mark.parametrize(("line", "expected"), [
    ("2023/02/03", dt.date(2023, 2, 3)),
    ("12-08-2019", dt.date(2019, 8, 12)),  # day first
    ("Posted on August 12th, 2019 by admin", dt.date(2019, 8, 12)),
    ("Posted on August 1st, 2019", dt.date(2019, 8, 1)),
    ("22nd March 2020", dt.date(2020, 3, 22)),
    ("3rd of May 2021", dt.date(2021, 5, 3)),
    ("15.06.24", dt.date(2024, 6, 15)),
    ("Обновлено: 15.06.24, 12:30", dt.date(2024, 6, 15)),
    ("12:30 15.06.24", dt.date(2024, 6, 15)),
    ("15.06.99", dt.date(1999, 6, 15)),
    (f"01.01.{THIS_YEAR:02}", dt.date(2000 + THIS_YEAR, 1, 1)),
    (f"01.01.{THIS_YEAR + 1:02}", dt.date(1901 + THIS_YEAR, 1, 1)),  # not a year to come
])
def test_more_dateline_formats(line: str, expected: dt.date) -> None:
    """Blogs' and Russian sites' datelines that gave no date: YYYY/MM/DD, DD-MM-YYYY,
    English ordinals, and DD.MM.YY (a two-digit year) on a line of its own."""
    text = f"Article about cotton\n\n{line}\n\nThe cotton harvest grew, officials said.\n"
    assert find_dateline(text, fallback=False) == expected


@pytest.mark.parametrize("text", [
    "Score\n\n15.06\n\nThe match ended.",  # a score: no year
    "Release\n\nVersion 2.3.24 is out.\n\nIt fixes bugs.",
    "Release\n\n2.3.24\n\nIt fixes bugs.",  # one-digit day and month: a version
    "Матч\n\nСчёт 15.06.24 в пользу хозяев, сообщили организаторы.\n",  # in running text
    "Матч\n\nИгрок 15.06.24\n\nТекст.",  # a word before it that is no dateline's
    "Link\n\nhttps://example.com/2023/02/03/story\n\nText.",
    "Bad day\n\n31-02-2019\n\nText.", "Bad day\n\n31.02.24\n\nText.",
    "Phone\n\n8-800-2019\n\nText.", "Guitar\n\n2-5-1967\n\nText.",  # day and month: two digits
])
def test_numbers_that_are_no_dateline(text: str) -> None:
    assert find_dateline(text, fallback=False) is None


def test_a_two_digit_year_is_read_only_near_the_top() -> None:
    text = "Заголовок\n\n" + "Текст статьи без дат. " * 100 + "\n15.06.24\n"
    assert len(text) > HEAD_CHARS and find_dateline(text) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("2024/03/15", dt.date(2024, 3, 15)), ("15.03.24", dt.date(2024, 3, 15)),
    ("15-03-2024", dt.date(2024, 3, 15)), ("March 15th, 2024", dt.date(2024, 3, 15)),
    ("version 2.3.24", None),
])
def test_more_metadata_values(value: str, expected: dt.date | None) -> None:
    assert parse_value(value) == expected
