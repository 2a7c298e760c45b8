"""The index's fields: those the schema version wrote, the mapping of an
article to a record and back, and the fields a user may type."""

from __future__ import annotations

import datetime as dt

import pytest

from searchapp.core import schema
from searchapp.core.article import Article
from searchapp.core.query import compile_query
from searchapp.core.results import ArticleView

# What SCHEMA_VERSION 7 writes: changing a field (or its analysis) means bumping the version.
VERSION_7_FIELDS = {
    "path": "ID", "title": "TEXT", "body": "TEXT", "source": "ID", "source_text": "TEXT",
    "lang": "ID", "date": "COLUMN", "mtime": "COLUMN", "size": "COLUMN", "url": "STORED",
}


def test_the_fields_are_those_of_the_schema_version() -> None:
    assert schema.SCHEMA_VERSION == 7
    made = schema.make_schema()
    fields = {name: type(f).__name__ for name, f in made.items()}
    assert fields == VERSION_7_FIELDS
    # 5: a source's words split at dots and folded
    words = [t.text for t in made["source_text"].analyzer("Газета.uz Новости Ёлки")]
    assert words == ["газета", "uz", "новости", "елки"]
    # 6: look-alike letters of the other script written in the word's own (a Latin e)
    assert [t.text for t in made["body"].analyzer("нeфть")] == ["нефть"]
    # 7: a Latin name opening a sentence has its key, a common word none
    opening = [t.text for t in made["body"].analyzer("Met. Tokayev spoke. Officials met.")]
    assert "^tokaev" in opening and not any(t.startswith("^offic") for t in opening)


def test_a_record_maps_back_to_the_article() -> None:
    article = Article(path="/a.md", title="Миграция", body="Текст о миграции.",
                      date=dt.date(2024, 2, 29), source="ТАСС", lang="ru", url="https://x")
    record = schema.record(article)
    terms = {"body": frozenset({"миграция"}), "title": frozenset({"миграция"})}
    hit = schema.to_hit(record, 1.23456, terms)
    assert (hit.path, hit.title, hit.source, hit.date, hit.lang, hit.score) == (
        "/a.md", "Миграция", "ТАСС", dt.date(2024, 2, 29), "ru", 1.2346)
    assert hit.title_spans == ((0, 8),) and hit.snippet_html() == "Текст о <mark>миграции</mark>."
    view = schema.to_article_view(record, {"body": frozenset({"миграция"})})
    assert view.url == "https://x" and view.body == article.body
    assert view.body_spans == ((8, 16),) and view.title_spans == ((0, 8),)
    undated = schema.record(Article(path="/b.md", title="", body=""))
    assert schema.to_hit(undated, 0, {}).date is None


def test_an_article_view_says_when_its_text_has_more_hits_than_it_marks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MAX_SPANS", 3)
    terms = {"body": frozenset({"миграция"})}

    def view(times: int) -> ArticleView:
        body = " ".join(["миграция"] * times)
        return schema.to_article_view(schema.record(Article(path="/a.md", title="", body=body)),
                                      terms)

    assert (len(view(3).body_spans), view(3).more_body_hits) == (3, False)  # all of them
    assert (len(view(4).body_spans), view(4).more_body_hits) == (3, True)


def test_every_field_a_user_may_type_searches_its_index_field() -> None:
    typed_to_searched = {"title": "title", "body": "body", "source": "source_text", "lang": "lang"}
    assert set(typed_to_searched) == schema.KNOWN_FIELDS
    for typed, searched in typed_to_searched.items():
        compiled = compile_query(f"{typed}:ru")
        assert not compiled.notices, typed
        assert compiled.query is not None
        assert {f for f, _ in compiled.query.iter_all_terms()} == {searched}, typed


def test_a_source_is_shown_as_most_of_its_articles_write_it() -> None:
    """One name for every way a source is written (case, ё, spacing): the commonest,
    then one in mixed case; the counts of its ways are added up under it."""
    counts = {"lenta.ru": 3, "Lenta.ru": 1, "LENTA.RU": 1, "Вёсти": 1, "вести": 1, "ТАСС": 2}
    names = schema.source_names(counts)
    assert names == {"lenta.ru": "lenta.ru", "Lenta.ru": "lenta.ru", "LENTA.RU": "lenta.ru",
                     "Вёсти": "Вёсти", "вести": "Вёсти", "ТАСС": "ТАСС"}
    assert schema.merge_sources(counts, names) == {"lenta.ru": 5, "Вёсти": 2, "ТАСС": 2}
    tie = {"lenta.ru": 1, "LENTA.RU": 1, "Lenta.ru": 1}
    assert set(schema.source_names(tie).values()) == {"Lenta.ru"}
