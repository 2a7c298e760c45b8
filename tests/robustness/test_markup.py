"""Markup inside articles is text: escaped in snippets, literal in the reading pane."""

from __future__ import annotations

from pathlib import Path

from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.results import SearchRequest

HOSTILE = (
    "Заголовок с разметкой\n\n"
    "Текст о миграции <script>alert('x')</script> и <img src=http://example.com/x.png> "
    "<style>body{display:none}</style> &amp; &lt;b&gt; &#1084;\n"
)


def test_markup_is_shown_as_text(tmp_path: Path, write_articles) -> None:
    root = write_articles({"hostile.txt": HOSTILE})
    index = tmp_path / "ix"
    update_index(index, [root])
    engine = SearchEngine(index)
    try:
        hit = engine.search(SearchRequest(query="миграция")).hits[0]
        html = hit.snippet_html()
        assert "<script>" not in html and "<img" not in html and "<style>" not in html
        assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
        assert "&lt;img src=http://example.com/x.png&gt;" in html
        assert "&amp;amp;" in html  # the entity is shown as written, not decoded
        view = engine.article(hit.path, "миграция")
        assert view is not None
        assert "<script>alert('x')</script>" in view.body
        assert "<img src=http://example.com/x.png>" in view.body
    finally:
        engine.close()
