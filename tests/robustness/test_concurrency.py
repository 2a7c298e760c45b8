"""Searching while indexing; two indexing runs at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from searchapp.core.engine import SearchEngine
from searchapp.core.errors import IndexBusyError
from searchapp.core.indexer import update_index
from searchapp.core.progress import Progress
from searchapp.core.results import SearchRequest


def corpus(write_articles, n: int) -> Path:
    return write_articles(
        {f"a{i:04}.md": f"---\ntitle: Статья {i}\n---\nМиграция и беженцы {i}. " * 20
         for i in range(n)}
    )


def test_search_answers_during_indexing(tmp_path: Path, write_articles) -> None:
    first = write_articles({"seed.md": "---\ntitle: Старт\n---\nМиграция."}, folder="seed")
    index = tmp_path / "ix"
    update_index(index, [first])
    root = corpus(write_articles, 600)
    progress = Progress()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            update_index(index, [first, root], progress=progress)
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    engine = SearchEngine(index)
    totals = []
    while worker.is_alive() or not totals:
        totals.append(engine.search(SearchRequest(query="миграция")).total)
    worker.join()
    totals.append(engine.search(SearchRequest(query="миграция")).total)
    engine.close()
    assert not errors
    assert totals == sorted(totals)  # results only grow as batches are committed
    assert totals[0] >= 1 and totals[-1] == 601


def test_second_run_at_once_is_told_busy(tmp_path: Path, write_articles) -> None:
    root = corpus(write_articles, 300)
    index = tmp_path / "ix"
    progress = Progress()
    started = threading.Event()
    outcome: list[object] = []

    def slow_run() -> None:
        original = update_index.__globals__["read_article"]

        def read(path: Path):
            started.set()
            return original(path)

        update_index.__globals__["read_article"] = read
        try:
            outcome.append(update_index(index, [root], progress=progress))
        finally:
            update_index.__globals__["read_article"] = original

    worker = threading.Thread(target=slow_run)
    worker.start()
    assert started.wait(30)
    with pytest.raises(IndexBusyError, match="busy"):
        update_index(index, [root])
    worker.join()
    assert outcome and not isinstance(outcome[0], BaseException)
    assert update_index(index, [root]).unchanged == 300
