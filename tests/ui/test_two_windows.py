"""Two windows on one index: both search, one indexes, the other sees the new
articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core import store
from searchapp.core.indexer import update_index

pytestmark = pytest.mark.gui
WAIT_MS = 60_000


def test_two_windows_share_an_index(qtbot, make_window, seed_copy: Path,
                                    write_articles) -> None:
    first = make_window(seed_copy, query="")
    second = make_window(seed_copy, query="")
    assert first.last_response.total == second.last_response.total == 5
    extra = write_articles({"new.md": "---\ntitle: Новая\n---\nПро миграцию и беженцев."})
    first.index_folder(extra)  # indexing in one window…
    qtbot.waitUntil(lambda: not first.controller.busy, timeout=WAIT_MS)
    assert first.last_response.total == 6
    second.search_now()  # …the other sees the new article at its next search
    qtbot.waitUntil(lambda: second.last_response.total == 6, timeout=WAIT_MS)


def test_a_run_on_a_busy_index_says_so_and_runs_when_the_other_has_ended(
    qtbot, make_window, seed_copy: Path, write_articles
) -> None:
    """The busy message stayed long after the other run had ended, and the
    folder was never added."""
    window = make_window(seed_copy, query="", lang="ru")
    assert window.last_response.total == 5
    lock = store.run_lock(seed_copy)  # another run (a window, the command line) writes it
    assert lock.acquire(blocking=False)
    try:
        folder = write_articles({"new.md": "---\ntitle: Новая\n---\nТекст."})
        window.index_folder(folder)
        qtbot.waitUntil(lambda: window.report_label.text().startswith("Индекс занят"),
                        timeout=WAIT_MS)
        assert window.report_label.text().startswith("Индекс занят: его пишет другой запуск")
        assert not window.controller.indexing
    finally:
        lock.release()  # the other run has ended
    qtbot.waitUntil(lambda: window.last_response.total == 6, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.report_label.text().startswith("добавлено 1,"),
                    timeout=WAIT_MS)
    assert window.folders()[-1] == folder


def test_a_window_shows_what_the_command_line_indexed_and_watches_its_folder(
    qtbot, make_window, seed_copy: Path, write_articles
) -> None:
    """`searchapp index FOLDER` in a terminal while the window is open: the
    window shows the new articles without a search, and then watches FOLDER."""
    window = make_window(seed_copy, query="")
    assert window.last_response.total == 5
    extra = write_articles({f"n{i}.md": f"---\ntitle: Новая {i}\n---\nПро беженцев."
                            for i in range(3)})
    update_index(seed_copy, [extra])  # another process, as far as the window knows
    qtbot.waitUntil(lambda: window.last_response.total == 8, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.stats_label.text().startswith("Articles: 8,"),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: str(extra) in window.watcher.watched, timeout=WAIT_MS)
    (extra / "n3.md").write_text("---\ntitle: Ещё\n---\nПро беженцев.", encoding="utf-8")
    qtbot.waitUntil(lambda: window.last_response.total == 9, timeout=WAIT_MS)


def test_an_empty_window_fills_when_the_command_line_indexes_a_folder(
    qtbot, make_window, tmp_path: Path, write_articles
) -> None:
    window = make_window(tmp_path / "mine", start=False)
    window.start()
    assert window.add_folder_button.isVisible()
    root = write_articles({f"a{i}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию."
                           for i in range(3)})
    update_index(tmp_path / "mine", [root])  # the index folder did not exist before
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.add_folder_button.isVisible(), timeout=WAIT_MS)
