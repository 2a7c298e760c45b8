"""An index with no article yet (new, or killed before its first commit)
answers every question without an error."""

from __future__ import annotations

from pathlib import Path

from searchapp.core import store
from searchapp.core.engine import SearchEngine
from searchapp.core.results import SearchRequest


def test_every_question_to_an_empty_index_has_an_empty_answer(tmp_path: Path) -> None:
    assert not SearchEngine(tmp_path).exists()  # a folder with no index yet
    store.create(tmp_path)
    engine = SearchEngine(tmp_path)
    try:
        assert engine.exists()
        assert engine.search(SearchRequest(query="")).total == 0
        assert engine.search(SearchRequest(query="миграция", sources=frozenset({"X"}))).total == 0
        assert engine.stats().articles == 0
        assert engine.matching_paths("") == []
        assert engine.matching_paths("миграция") == []
        assert engine.article("/nowhere.md") is None
        assert engine.similar("/nowhere.md") == ()
    finally:
        engine.close()
