"""Background operations outliving the window: no errors, nothing new started."""

from __future__ import annotations

import pytest
import shiboken6

from searchapp.core.results import SearchRequest
from searchapp.ui.workers import Operation

pytestmark = pytest.mark.gui


def test_an_outcome_with_nobody_to_tell_is_dropped_quietly() -> None:
    outcomes: list[object] = []
    op = Operation(lambda: 42, outcomes.append, outcomes.append)
    shiboken6.delete(op.signals)  # what closing the window does to it
    op.run()  # must not raise "Signal source has been deleted"
    assert outcomes == []


def test_after_closing_nothing_new_starts(qtbot, window, capfd) -> None:
    window.controller.search_now(SearchRequest(query="миграция"))  # running or queued
    window.close()  # waits for it
    assert window.controller._pool.activeThreadCount() == 0
    qtbot.waitUntil(lambda: not window.controller.busy)  # its outcome delivered
    window.controller.search_now(SearchRequest(query="Туркменистан"))
    window.controller.open_article("seeds/002_13e197d8ebd46593.txt")
    assert not window.controller.start_indexing([])  # e.g. a folder change arriving late
    assert not window.controller.busy and not window.controller.indexing
    assert "Traceback" not in capfd.readouterr().err
