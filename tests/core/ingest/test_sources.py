"""User-editable source rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core.ingest import sources


@pytest.fixture
def rules_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def use(text: str) -> Path:
        path = tmp_path / "rules.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("SEARCHAPP_SOURCES", str(path))
        sources.load_rules.cache_clear()
        return path

    yield use
    sources.load_rules.cache_clear()


def test_bundled_rules_recognise_seed_outlets() -> None:
    assert sources.find_source("… the party added, Trend reports.") == "Trend"
    assert sources.find_source("speeches.///nCa, 11 December 2024") == "nCa"
    assert sources.find_source("нечто без подписи") is None


@pytest.mark.parametrize(("text", "outlet"), [
    ("Текст статьи.\n© Tengrinews.kz, 2024. Все права защищены.", "Tengrinews"),
    ("ASTANA, May 10 (Kazinform) - Kassym-Jomart Tokayev said", "Kazinform"),
    ("Текст.\n© 2024 Kazinform", "Kazinform"),
    ("Текст.\nИсточник: Газета.uz", "Gazeta.uz"),
    ("Бишкек, 10 мая — Жапаров подписал указ. 24.kg", "24.kg"),
    ("Бишкек (АКИpress) — Текст.", "AKIpress"),
    ("Душанбе. Текст.\nИсточник: «Азия-Плюс»", "Asia-Plus"),
    ("Текст.\nhttps://kun.uz/news/2024/05/10/abc", "Kun.uz"),
])
def test_bundled_rules_know_central_asian_outlets_by_their_signatures(text: str,
                                                                      outlet: str) -> None:
    assert sources.find_source(text) == outlet


@pytest.mark.parametrize("text", [
    "Как сообщает Tengrinews, совещание прошло в Алматы.",  # a mention, not a signature
    "По данным Казинформа, указ подписан.",
    "Текст.\n© 2024",  # no name
    "Текст.\nИсточник: по словам собеседника агентства, власти решили отложить реформу.",
])
def test_a_mention_or_a_sentence_names_no_outlet(text: str) -> None:
    assert sources.find_source(text) is None


@pytest.mark.parametrize(("text", "outlet"), [
    ("Текст статьи.\n© 2024 Some Outlet", "Some Outlet"),
    ("Text.\nCopyright 2023 Acme News. All rights reserved.", "Acme News"),
    ("Текст.\nИсточник: Новая газета", "Новая газета"),
    ("Text.\nSource: https://www.example.kz/news/1", "example.kz"),
    ("Текст.\nИсточник: Новая газета\n© 2024 Сайт Города", "Сайт Города"),  # the copyright first
])
def test_a_page_that_signs_names_its_outlet(text: str, outlet: str) -> None:
    assert sources.find_source(text) == outlet


def test_an_address_is_found_in_any_case(rules_file) -> None:
    rules_file('[[source]]\nname = "AKIpress"\naddresses = ["AKIpress.org"]\n')
    assert sources.find_source("Подробнее: https://AKIPRESS.ORG/news:123") == "AKIpress"
    assert sources.find_source("akipress news") is None


def test_a_user_teaches_a_new_outlet(rules_file) -> None:
    rules_file('[[source]]\nname = "AKIpress"\nphrases = ["AKIpress news"]\n'
               '[[source]]\nname = "Kabar"\nregex = ["(?m)^Кабар\\\\b"]\n')
    assert sources.find_source("Bishkek (AKIpress news agency)") == "AKIpress"
    assert sources.find_source("текст\nКабар сообщает") == "Kabar"


@pytest.mark.parametrize(
    ("text", "message"),
    [("[[source]\nname=", "cannot read"), ("[[source]]\nphrases = ['x']\n", "needs a name"),
     ("[[source]]\nname = 'X'\nregex = ['(']\n", "bad regex")],
)
def test_malformed_rules_name_the_file(rules_file, text: str, message: str) -> None:
    path = rules_file(text)
    with pytest.raises(sources.SourceRulesError, match=message) as err:
        sources.load_rules()
    assert str(path) in str(err.value)


def test_bundled_rules_file_is_read_when_no_other_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SEARCHAPP_SOURCES", raising=False)
    sources.load_rules.cache_clear()
    try:
        assert sources.rules_path().name == "sources.toml"
        assert sources.find_source("… the party added, Trend reports.") == "Trend"
    finally:
        sources.load_rules.cache_clear()
