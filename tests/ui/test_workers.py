"""Background operations outliving the window: no errors, nothing new started."""

from __future__ import annotations

import shiboken6

from searchapp.core.results import SearchRequest
from searchapp.ui.workers import Operation

from .conftest import WAIT_MS


def test_an_outcome_with_nobody_to_tell_is_dropped_quietly() -> None:
    outcomes: list[object] = []
    op = Operation(lambda: 42, outcomes.append, outcomes.append)
    shiboken6.delete(op.signals)  # what closing the window does to it
    op.run()  # must not raise "Signal source has been deleted"
    assert outcomes == []


def test_closing_the_window_mid_search_stops_new_work(qtbot, window, capfd) -> None:
    window.search.setText("миграция")
    window.close()
    qtbot.waitUntil(lambda: window.controller._pool.activeThreadCount() == 0, timeout=WAIT_MS)
    window.controller.search_now(SearchRequest(query="Туркменистан"))
    window.controller.open_article("seeds/002_13e197d8ebd46593.txt")
    assert not window.controller.busy
    assert "Traceback" not in capfd.readouterr().err
