"""Two windows on one index: both search, one indexes, the other sees the new
articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core import store

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


def test_a_run_on_a_busy_index_says_so_in_the_windows_language(
    qtbot, make_window, seed_copy: Path, write_articles
) -> None:
    window = make_window(seed_copy, query="", lang="ru")
    lock = store.run_lock(seed_copy)  # another run (a window, the command line) writes it
    assert lock.acquire(blocking=False)
    try:
        window.index_folder(write_articles({"new.md": "---\ntitle: Новая\n---\nТекст."}))
        qtbot.waitUntil(lambda: not window.controller.indexing, timeout=WAIT_MS)
    finally:
        lock.release()
    assert window.report_label.text().startswith("Индекс занят: его пишет другой запуск")
