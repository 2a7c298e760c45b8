"""Headline, body and chrome of scraped pages; teasers of other articles."""

from __future__ import annotations

import pytest

from searchapp.core.ingest.cleaning import clean_scraped, first_sentence, is_chrome, teaser_start

PARAGRAPH = (
    "Министр иностранных дел встретился с координатором организации по миграции, "
    "стороны обсудили план совместных мероприятий на текущий год."
)
OTHER = "Стороны также обсудили вопросы гуманитарного сотрудничества и обмена опытом."


@pytest.mark.parametrize(
    "line",
    [
        "Latest news", "Latest", "Read more", "Read also:", "Tags:", "...", "…", "•", "***",
        "16k+", "3.2k+", "• 16k+", "1 234 просмотра", "Views: 120",
        "11122024-doverie-mezhdu-narodami (2).JPEG", "photo_2024.png",
        "Stay up-to-date with more news on Trend News Agency's WhatsApp channel",
        "Читайте также:", "Поделиться", "Подписывайтесь на наш канал в Telegram",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", [PARAGRAPH, "Trust Between Nations", "2024", "Read the report"])
def test_text_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_headline_chrome_dateline_byline_and_duplicate_headline() -> None:
    page = (
        "...\n\nLatest news\n\nConference in Shusha opens\n\n"
        "Politics Materials 15 June 2024 12:24 (UTC +04:00)\nAslan Mammadli\nAslan Mammadli\n"
        "Read more\n\n Conference in Shusha opens\n\n"
        "BAKU, Azerbaijan, June 15. The conference opened today, Trend reports.\n\n"
        "photo (1).jpg\n\nIt will last  two\tdays.\n\nTags:\nLatest\n"
    )
    cleaned = clean_scraped(page)
    assert cleaned.title == "Conference in Shusha opens"
    assert cleaned.body == (
        "BAKU, Azerbaijan, June 15. The conference opened today, Trend reports.\n\n"
        "It will last two days."
    )


def test_without_a_headline_the_title_is_the_first_sentence() -> None:
    cleaned = clean_scraped(f" date 2024-12-11 {PARAGRAPH}\n\n{OTHER}\n")
    assert cleaned.title == (
        "Министр иностранных дел встретился с координатором организации по миграции, стороны "
        "обсудили план…"
    )
    assert cleaned.body == f"{PARAGRAPH}\n\n{OTHER}"


def test_paragraph_lines_and_blank_lines_are_kept_once() -> None:
    cleaned = clean_scraped(f"Заголовок\n\n\n\n{PARAGRAPH}\n{OTHER}\n\n\n{OTHER[:40]}.\n")
    assert cleaned.body == f"{PARAGRAPH}\n{OTHER}\n\n{OTHER[:40]}."


def test_signature_and_orphan_caption_are_cut() -> None:
    cleaned = clean_scraped(
        f"{PARAGRAPH}\n\nThe document reflected the speeches.///nCa, 11 December 2024 (with MFA)"
        "\n\nHere are some photos from the plenary session:"
    )
    assert cleaned.body.endswith("The document reflected the speeches.")
    assert "///nCa" in cleaned.text  # still there for finding the source and date


def test_link_text_glued_after_the_last_sentence() -> None:
    cleaned = clean_scraped(f"Заголовок\n\n{PARAGRAPH} «Цитата». Туркменистанский туризм\n\n{OTHER}")
    assert cleaned.body == f"{PARAGRAPH} «Цитата».\n\n{OTHER}"


def test_a_short_paragraph_without_a_final_stop_is_kept() -> None:
    cleaned = clean_scraped(f"Заголовок\n\n{OTHER}\n\nВстреча прошла. Итоги подведены")
    assert cleaned.body.endswith("Встреча прошла. Итоги подведены")


TEASERS = (
    "вчера 15:14\n3.2k+\n\nЕС выделяет дополнительные €2 млн на проекты\n\n"
    "Неделя в Ашхабаде завершилась рядом решений. Брюссель выделяет 2 миллиона евро...\n\n"
    "вчера 12:19\n1.4k+\n\nВ Южной Корее вступил в силу закон об ИИ\n\n"
    "Южная Корея первой в мире ввела в действие закон об ИИ...\n"
)


def test_teasers_after_the_article_are_cut() -> None:
    page = f"Заголовок статьи\n\n  • 03.03.2021 20:32\n  • 16k+\n\n{PARAGRAPH}\n\n{OTHER}\n\n"
    cleaned = clean_scraped(page + TEASERS)
    assert cleaned.title == "Заголовок статьи"
    assert cleaned.body == f"{PARAGRAPH}\n\n{OTHER}"
    assert "Корее" not in cleaned.text and "03.03.2021" in cleaned.text


@pytest.mark.parametrize(
    "teasers",
    [
        # relative times, no counters, no ellipsis, two blocks
        "2 часа назад\nДругая новость\nЕё начало.\n\n5 hours ago\nAnother story\nIts start.\n",
        # one block, text cut off with an ellipsis, chrome after it
        "11.12.2024 | 21:50\nДругая новость\nЕё начало и продолжение…\n\nRead more\n",
        # absolute dates, headlines only
        "11 декабря, 15:14\nДругая новость\n\n10 декабря 2024\nЕщё одна новость\n",
    ],
)
def test_teaser_shapes(teasers: str) -> None:
    cleaned = clean_scraped(f"Заголовок\n\n{PARAGRAPH}\n\n{teasers}")
    assert cleaned.body == PARAGRAPH


@pytest.mark.parametrize(
    "page",
    [
        # a single block whose text is complete: part of the article
        f"Заголовок\n\n{PARAGRAPH}\n\n12:30\nПодзаголовок\n\n{OTHER}\n",
        # teaser-like blocks followed by more of the article
        f"Заголовок\n\n{PARAGRAPH}\n\nвчера 15:14\nХроника\nНачало...\n\n{OTHER}\n",
        # a stamp before any prose is the page's own dateline
        f"Заголовок\n\n03.03.2021 20:32\n\nКороткая строка\n\nОбрыв...\n",
    ],
)
def test_no_teasers(page: str) -> None:
    lines = [" ".join(line.split()) for line in page.splitlines()]
    assert teaser_start(lines) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Short sentence. Another one.", "Short sentence"),
        ("U.S. President Joe Biden arrived in Kyiv. He met Zelensky.",
         "U.S. President Joe Biden arrived in Kyiv"),
        ("В 2024 г. Президент посетил Ашхабад. Визит длился день.",
         "В 2024 г. Президент посетил Ашхабад"),
        ("Who won? Nobody knows.", "Who won?"),
        ("word " * 40, "word " * 19 + "word…"),
        ("x" * 150, "x" * 100 + "…"),
    ],
)
def test_first_sentence(text: str, title: str) -> None:
    assert first_sentence(text) == title


def test_headline_only_page_keeps_its_text_in_the_body() -> None:
    cleaned = clean_scraped("Просто строка без точки\n")
    assert (cleaned.title, cleaned.body) == ("Просто строка без точки", "Просто строка без точки")
