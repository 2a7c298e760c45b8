"""Word normalisation: inflection, irregular forms, ambiguity, surnames, folding."""

from __future__ import annotations

import pytest

from searchapp.core.morphology import fold, index_terms, query_terms


def finds(query_word: str, text_word: str) -> bool:
    """Would a query for ``query_word`` match a text containing ``text_word``?"""
    indexed = set(index_terms(fold(text_word), text_word[:1].isupper()))
    return bool(indexed & set(query_terms(fold(query_word))))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("миграция", "миграции"),
        ("миграции", "миграцией"),
        ("мигрант", "мигрантам"),
        ("людей", "людьми"),
        ("человек", "людей"),
        ("шёл", "идти"),
        ("идти", "шла"),
        ("время", "времени"),
        ("ребёнок", "детей"),
        ("хороший", "лучше"),
        ("сталь", "стали"),  # «производство стали»: the rare reading is indexed too
        ("большой", "больших"),
        ("больших", "большая"),  # ambiguous query word asks for both readings
        ("Ашхабад", "Ашхабаде"),
        ("еще", "ещё"),
    ],
)
def test_inflected_and_irregular_forms_match(query: str, text: str) -> None:
    assert finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [("суд", "судья"), ("суд", "судя"), ("миграция", "мигрант"), ("стали", "сталью")],
)
def test_different_words_do_not_match(query: str, text: str) -> None:
    assert not finds(query, text)


@pytest.mark.parametrize("form", ["Мередов", "Мередова", "Мередову", "Мередовым", "Мередове"])
@pytest.mark.parametrize("query", ["Мередов", "Мередовым", "мередова"])
def test_surname_found_in_any_case_form(query: str, form: str) -> None:
    assert finds(query, form)


@pytest.mark.parametrize("form", ["Ачилова", "Ачиловой", "Ачилову"])
def test_feminine_surname_forms(form: str) -> None:
    assert finds("Ачилова", form)


@pytest.mark.parametrize(
    ("query", "text"),
    [("running", "runs"), ("migration", "migrations"), ("news", "news"), ("today", "today's")],
)
def test_english_snowball(query: str, text: str) -> None:
    assert finds(query, text)


def test_porter_mistakes_are_avoided() -> None:
    # Porter stems «news» to «new»: a search for "new" must not find "news".
    assert not finds("new", "news")


def test_numbers_are_kept() -> None:
    assert index_terms("2024", False) == ("2024",)
    assert finds("2024", "2024")


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Mосква", "москва"), ("нeфть", "нефть"), ("Tокаев", "токаев"), ("Bсе", "все"),
     ("сovid", "covid"), ("astrazeneсa", "astrazeneca"),
     # one script, as many letters of each, a letter like none of the main script
     ("Moskva", "moskva"), ("Москва", "москва"), ("Bо", "bо"), ("brentзавяли", "brentзавяли"),
     ("iPhoneы", "iphoneы")],
)
def test_look_alike_letters_are_written_in_the_words_script(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_a_mixed_word_finds_and_is_found_as_its_script() -> None:
    assert finds("нефть", "нeфть") and finds("нeфть", "нефти") and finds("Mосква", "Москве")
