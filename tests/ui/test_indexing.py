"""Indexing from the window: first start, progress, cancel, failed files."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from searchapp.core.engine import SearchEngine
from searchapp.core.results import SearchRequest
from searchapp.ui import folder_watcher
from searchapp.ui.folder_watcher import SETTLE_MS
from searchapp.ui.results_model import PathRole

pytestmark = pytest.mark.gui
WAIT_MS = 60_000


def test_first_start_indexes_the_seeds(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "fresh-index", start=False)
    window.start()
    assert window.controller.indexing
    assert "first time" in window.count_label.text()
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 5, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.stats_label.text() == "5 articles from 4 sources",
                    timeout=WAIT_MS)
    assert "5 added" in window.report_label.text()


def test_progress_and_cancel_leave_a_usable_index(qtbot, make_window, tmp_path: Path,
                                                  write_articles) -> None:
    root = write_articles({
        f"a{i:04}.md": f"---\ntitle: Статья {i}\n---\n" + "Миграция и беженцы. " * 80
        for i in range(900)
    })
    window = make_window(tmp_path / "ix", folders=[root], start=False)
    window.start()
    qtbot.waitUntil(window.progress_bar.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.progress_bar.value() > 0, timeout=WAIT_MS)
    assert window.cancel_button.isVisible()
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not window.controller.indexing, timeout=WAIT_MS)
    assert "cancelled" in window.report_label.text()
    assert not window.progress_bar.isVisible()
    engine = SearchEngine(tmp_path / "ix")
    try:
        total = engine.search(SearchRequest(query="миграция")).total
    finally:
        engine.close()
    assert 0 < total < 900


def test_failed_files_can_be_seen(qtbot, make_window, tmp_path: Path, write_articles) -> None:
    root = write_articles({"ok.md": "---\ntitle: Ok\n---\nтекст", "empty.txt": ""})
    window = make_window(tmp_path / "ix", folders=[root])
    assert "1 failed" in window.report_label.text()
    assert window.failed_button.isVisible()
    window.failed_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None
                    or any(w.windowTitle() == "Files that were not indexed"
                           for w in QApplication.topLevelWidgets() if w.isVisible()),
                    timeout=WAIT_MS)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.windowTitle() == "Files that were not indexed")
    assert dialog.table.item(0, 0).text().endswith("empty.txt")
    assert dialog.table.item(0, 1).text() == "file is empty"
    dialog.close()


def titles(window) -> list[str]:
    return [window.model.index(r, 0).data() for r in range(window.model.rowCount())]


def test_live_folder_changes_show_up(qtbot, make_window, tmp_path: Path,
                                     write_articles) -> None:
    root = write_articles({"old.md": "---\ntitle: Старая\n---\nПро миграцию."})
    window = make_window(tmp_path / "ix", folders=[root])
    assert window.last_response.total == 1
    assert str(root) in window.watcher.watched
    (root / "new.md").write_text("---\ntitle: Новая\n---\nПро беженцев.", encoding="utf-8")
    qtbot.waitUntil(lambda: window.last_response.total == 2, timeout=WAIT_MS)
    with (root / "old.md").open("w", encoding="utf-8") as f:  # changed in place, no rename
        f.write("---\ntitle: Исправленная\n---\nПро миграцию, дополнено.")
    qtbot.waitUntil(lambda: "Исправленная" in titles(window), timeout=WAIT_MS)
    (root / "old.md").unlink()
    qtbot.waitUntil(lambda: window.last_response.total == 1, timeout=WAIT_MS)
    assert window.model.index(0, 0).data() == "Новая"


def test_watching_does_not_feed_on_its_own_work(qtbot, make_window, tmp_path: Path,
                                               write_articles) -> None:
    # The index lies inside the watched folder, and indexing reads every file:
    # neither may start another run.
    root = write_articles({f"a{i}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию."
                           for i in range(5)})
    window = make_window(root / "index", folders=[root])
    assert window.last_response.total == 5
    with qtbot.assertNotEmitted(window.controller.indexingStarted, wait=SETTLE_MS + 1500):
        window.controller.open_article(window.model.index(0, 0).data(PathRole))


def test_a_folder_that_cannot_be_watched_is_reported(qtbot, make_window, tmp_path: Path,
                                                    write_articles, monkeypatch) -> None:
    class Exhausted(folder_watcher.Observer):  # the system's inotify watches are used up
        def start(self) -> None:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(folder_watcher, "Observer", Exhausted)
    root = write_articles({"a.md": "---\ntitle: Статья\n---\nПро миграцию."})
    window = make_window(tmp_path / "ix", folders=[root])
    assert window.last_response.total == 1  # it opens and searches all the same
    assert "inotify watch limit reached" in window.statusBar().currentMessage()
    assert window.watcher.watched == []
    window.close()  # and closes cleanly


def test_export_and_citation(qtbot, make_window, seed_copy: Path, tmp_path: Path) -> None:
    window = make_window(seed_copy, query="")
    with qtbot.waitSignal(window.controller.exported, timeout=WAIT_MS) as blocker:
        window.controller.export(tmp_path / "all.csv")
    assert blocker.args[0] == 5
    assert (tmp_path / "all.csv").read_text(encoding="utf-8").count("\n") == 6
    window.controller.open_article(window.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    qtbot.waitUntil(lambda: window.reader.view is not None, timeout=WAIT_MS)
    window.reader.cite_button.click()
    assert QApplication.clipboard().text().startswith("«")
