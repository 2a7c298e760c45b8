"""Sound keys: the same name in two scripts and several spellings."""

from __future__ import annotations

import pytest

from searchapp.core.morphology import fold, index_terms, query_terms
from searchapp.core.translit import cyrillic_keys, latin_key


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Tokayev", "Токаев"),  # Wikipedia
        ("Tokaev", "Токаев"),  # ICAO passports
        ("Mirziyoyev", "Мирзиёев"),  # ё as yo…
        ("Mirziyoyev", "Мирзиеев"),  # …and ё written as е
        ("Yuri", "Юрий"),
        ("Yury", "Юрий"),
        ("Iurii", "Юрий"),
        ("Berdimuhamedow", "Бердымухамедов"),  # Turkmen -ow
        ("Türkmenbaşy", "Туркменбаши"),  # Turkmen Latin letters
        ("Alexander", "Александр"),
        ("Fyodor", "Фёдор"),
        ("Khujand", "Худжанд"),
        ("Japarov", "Жапаров"),
        ("Smirnoff", "Смирнов"),
        ("Kazakhstan", "Казахстан"),
    ],
)
def test_spellings_share_a_key(latin: str, cyrillic: str) -> None:
    assert latin_key(latin) in cyrillic_keys(fold(cyrillic))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Mirziyoyev", "Мирзоев"), ("Karimov", "Карим"), ("Ivanov", "Иванова")],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert latin_key(a) not in cyrillic_keys(fold(b))


def test_short_words_get_no_key() -> None:
    assert latin_key("Li") is None
    assert latin_key("UN") is None


def test_inflected_names_are_keyed_by_their_lemma() -> None:
    keys = {t for t in index_terms("мередовым", True) if t.startswith("~")}
    assert "~meredov" in keys
    assert "~" + str(latin_key("Ashkhabad")) in index_terms("ашхабаде", True)
    assert "~nabiulina" in index_terms("набиуллиной", True)  # feminine surname


def test_a_surname_the_dictionary_mistakes_for_a_noun() -> None:
    # pymorphy3 knows «Токаев» only as a form of «токай» (a wine).
    assert "~tokaev" in index_terms("токаев", True)
    assert "_токаев" in query_terms("токаев")


def test_only_names_get_keys() -> None:
    assert not any(t.startswith("~") for t in index_terms("мир", True))  # common noun
    assert not any(t.startswith("~") for t in index_terms("токаев", False))  # lower case
    assert "^meredov" in index_terms("meredow", True)  # a capitalised Latin word
    assert index_terms("government", False) == ("govern",)


def test_a_surname_is_not_keyed_as_the_first_name_inside_it() -> None:
    # «Алиев» parses as the genitive plural of «Али»: Ali must not find it.
    assert "~ali" not in index_terms("алиев", True)
    assert "~ali" not in query_terms("алиев", scripts=True)


def test_query_words_stand_for_both_scripts() -> None:
    assert {"~tokaev", "^tokaev"} <= set(query_terms("tokayev", scripts=True))
    assert {"~tokaev", "^tokaev"} <= set(query_terms("токаеву", scripts=True))
    assert not any(t[0] in "~^" for t in query_terms("tokayev"))
