"""The same articles in the Whoosh index and in a cluster come back as equal
result values: every field of a :class:`Hit` but its score, and the whole
:class:`ArticleView` (title, source, date, language, URL, text, marks).

Both engines go through :mod:`searchapp.core.schema`; what differs is how
each keeps the record (Whoosh: stored fields and a date column, Xapian: JSON
document data), which is what this checks.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from searchapp.core.backend import open_backend
from searchapp.core.indexer import update_index
from searchapp.core.results import Hit, SearchRequest

pytestmark = pytest.mark.cluster

ARTICLES = {
    "dated.md": (
        '---\ntitle: "Миграция и «Красный Полумесяц»"\ndate: 2024-02-29\n'
        'source: "ТАСС"\nurl: "https://example.org/ru/1?a=b&c=d"\n---\n'
        "Международная организация по миграции открыла офис. Миграция растёт.\n"
    ),
    "undated.md": (
        '---\ntitle: "Migration talks"\nsource: "BBC News"\n---\n'
        "Migration was discussed; the Red Crescent helped migrants.\n"
    ),
    "bare.txt": "No front matter, about migration, with no source or date.\n",
}
QUERIES = ("", "миграция", "migration", "title:migration", '"Red Crescent"')


def _unscored(hits: tuple[Hit, ...]) -> dict[str, Hit]:
    return {h.path: dataclasses.replace(h, score=0.0) for h in hits}


def test_both_engines_map_an_article_to_equal_values(tmp_path: Path, cluster) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    index_dir = tmp_path / "index"
    for location in (index_dir, cluster.file):
        report = update_index(location, [folder])
        assert report.added == len(ARTICLES) and not report.failed
    whoosh, xapian = open_backend(index_dir), open_backend(cluster.file)
    try:
        every = whoosh.search(SearchRequest(limit=10)).hits
        assert {h.date is None for h in every} == {True, False}  # both kinds checked
        for query in QUERIES:
            req = SearchRequest(query=query, limit=10)
            a, b = _unscored(whoosh.search(req).hits), _unscored(xapian.search(req).hits)
            assert a and b == a, query
            for path in a:
                view = whoosh.article(path, query)
                assert view is not None and xapian.article(path, query) == view, (query, path)
        dated = whoosh.article(str(folder / "dated.md"), "миграция")
        assert dated is not None and dated.url == "https://example.org/ru/1?a=b&c=d"
        assert dated.body_spans and dated.title_spans
    finally:
        whoosh.close()
        xapian.close()
