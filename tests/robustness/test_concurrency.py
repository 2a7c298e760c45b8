"""Searching while indexing; two indexing runs at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from searchapp.core import indexer
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


class Hold:
    """A progress hook that stops the run after ``at`` files until released,
    so a test acts *during* the run without guessing its timing."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, progress: Progress) -> None:
        if progress.done == self.at:
            self.reached.set()
            self.release.wait()


def run_in_thread(fn) -> tuple[threading.Thread, list[object]]:
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(fn())
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    return worker, outcome


def test_search_answers_during_indexing(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "BATCH_DOCS", 100)
    first = write_articles({"seed.md": "---\ntitle: Старт\n---\nМиграция."}, folder="seed")
    index = tmp_path / "ix"
    update_index(index, [first])
    root = corpus(write_articles, 600)
    hold = Hold(250)  # two batches of 100 committed, 50 more in the writer
    worker, outcome = run_in_thread(
        lambda: update_index(index, [root], progress=Progress(on_article=hold)))
    assert hold.reached.wait(120)
    engine = SearchEngine(index)
    try:
        during = engine.search(SearchRequest(query="миграция")).total
        hold.release.set()
        worker.join()
        after = engine.search(SearchRequest(query="миграция")).total
    finally:
        hold.release.set()
        engine.close()
    assert not any(isinstance(o, BaseException) for o in outcome), outcome
    assert during == 201  # the seed and the committed batches, nothing half-written
    assert after == 601


def test_second_run_at_once_is_told_busy(tmp_path: Path, write_articles) -> None:
    root = corpus(write_articles, 300)
    index = tmp_path / "ix"
    hold = Hold(10)
    worker, outcome = run_in_thread(
        lambda: update_index(index, [root], progress=Progress(on_article=hold)))
    try:
        assert hold.reached.wait(120)
        with pytest.raises(IndexBusyError, match="busy"):
            update_index(index, [root])
    finally:
        hold.release.set()
        worker.join()
    assert outcome and not isinstance(outcome[0], BaseException)
    assert update_index(index, [root]).unchanged == 300
