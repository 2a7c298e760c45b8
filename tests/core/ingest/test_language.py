"""An article's language: the script most of its letters are written in."""

from __future__ import annotations

import pytest

from searchapp.core.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Казахстан a b c", "ru"),  # 9 Cyrillic letters in one word, 3 Latin in three
        ("IOM UNHCR Москва", "en"),  # 7 Latin letters, 6 Cyrillic
        ("сырьё wxyz", "ru"),  # letters from the second half of the alphabet, and ё
        ("Ёж и ель, abcdefg", "en"),
        ("Столица (Astana), 11.12.2024", "ru"),
        ("", "en"),
        ("2024 — 15:00", "en"),
    ],
)
def test_the_language_is_the_script_of_most_letters(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_only_the_start_of_a_long_text_is_looked_at() -> None:
    assert detect_language("news " * 1000 + "новости " * 2000) == "en"
