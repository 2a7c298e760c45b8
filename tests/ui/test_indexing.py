"""Indexing from the window: first start, progress, cancel, failed files."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from watchdog.events import FileCreatedEvent, FileModifiedEvent, FileMovedEvent

from searchapp.core import indexer, schema, store
from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import index_folders, update_index
from searchapp.core.paths import SEEDS_DIR
from searchapp.core.progress import Progress, SearchesFirst
from searchapp.core.results import SearchRequest
from searchapp.ui import controller, folder_watcher
from searchapp.ui.dialogs import FailedFilesDialog
from searchapp.ui.results_model import PathRole

pytestmark = pytest.mark.gui
WAIT_MS = 60_000


def test_first_start_of_the_default_index_indexes_the_seeds(
    qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "fresh-index"
    monkeypatch.setattr(indexer, "is_default_index", lambda p: p == default)
    window = make_window(default, start=False)
    window.start()
    assert window.controller.indexing
    assert "first time" in window.count_label.text()
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 5, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.stats_label.text() == "Articles: 5, sources: 4",
                    timeout=WAIT_MS)
    assert "5 added" in window.report_label.text()
    assert window.folders() == [SEEDS_DIR]


def test_a_new_index_of_ones_own_opens_empty_and_offers_add_folder(
    qtbot, make_window, tmp_path: Path, write_articles
) -> None:
    window = make_window(tmp_path / "mine", start=False)
    window.start()
    assert not window.controller.indexing
    assert window.add_folder_button.isVisible()
    assert "add a folder" in window.results.empty_text
    root = write_articles({f"a{i}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию."
                           for i in range(3)})
    window.index_folder(root)
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.add_folder_button.isVisible(), timeout=WAIT_MS)
    assert window.folders() == [root]
    assert index_folders(tmp_path / "mine") == [root]  # the CLI sees the same list


def test_own_index_gets_no_demo_articles(qtbot, make_window, tmp_path: Path,
                                         write_articles) -> None:
    root = write_articles({f"a{i}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию."
                           for i in range(11)})
    index = tmp_path / "wix"
    update_index(index, [root])
    window = make_window(index)
    qtbot.waitUntil(lambda: not window.controller.indexing, timeout=WAIT_MS)
    window.search_now()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=WAIT_MS)
    assert window.last_response.total == 11
    assert SEEDS_DIR not in window.folders()


def test_an_index_of_an_older_reader_is_read_again_on_start(
    qtbot, make_window, tmp_path: Path, write_articles,
) -> None:
    root = write_articles({f"a{i}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию."
                           for i in range(3)})
    index = tmp_path / "old"
    update_index(index, [root])
    (index / store.META_FILE).write_text(json.dumps({"schema": schema.SCHEMA_VERSION}))
    window = make_window(index)
    qtbot.waitUntil(lambda: not window.controller.indexing and "updated" in
                    window.report_label.text(), timeout=WAIT_MS)
    assert "0 added, 3 updated" in window.report_label.text()
    assert "(all re-read by this version)" in window.report_label.text()


def test_an_index_of_another_version_is_made_anew_on_start_without_a_damage_alarm(
    qtbot, make_window, tmp_path: Path, write_articles,
) -> None:
    """After an update that changed the schema: no "the index is damaged"
    dialog, the window says why it is indexing and shows the articles again."""
    root = write_articles({f"a{i}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию."
                           for i in range(3)})
    index = tmp_path / "old"
    update_index(index, [root])
    (index / store.META_FILE).write_text(json.dumps({"schema": schema.SCHEMA_VERSION - 1}))
    damaged: list[str] = []
    window = make_window(index, query="миграция", start=False)
    window.controller.damaged.connect(damaged.append)
    window.start()
    assert window.controller.indexing
    assert "another version" in window.count_label.text()
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 3, timeout=WAIT_MS)
    assert damaged == []
    assert not window.notice.isVisible()  # no "search failed" either


def test_removing_a_folder_takes_its_articles_out(qtbot, make_window, tmp_path: Path,
                                                  write_articles, monkeypatch) -> None:
    a = write_articles({f"a{i}.md": f"---\ntitle: А{i}\n---\nПро миграцию." for i in range(3)},
                       folder="a")
    b = write_articles({"b.md": "---\ntitle: Б\n---\nПро миграцию."}, folder="b")
    window = make_window(tmp_path / "ix", folders=[a, b])
    assert window.last_response.total == 4
    window.remove_folder_menu.aboutToShow.emit()
    actions = window.remove_folder_menu.actions()
    assert [action.text() for action in actions] == [str(a), str(b)]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2])
                        or QMessageBox.StandardButton.No)
    actions[0].trigger()  # the menu asks first; "No" keeps the folder
    assert len(asked) == 1 and str(a) in asked[0]
    assert window.folders() == [a, b] and not window.controller.busy
    with qtbot.waitSignal(window.controller.folderForgotten, timeout=WAIT_MS):
        window.remove_folder(a, confirm=False)
    qtbot.waitUntil(lambda: window.last_response.total == 1, timeout=WAIT_MS)
    assert "3 articles left the index" in window.report_label.text()
    assert window.folders() == [b]
    assert str(a) not in window.watcher.watched


class HeldProgress(Progress):
    """A run that stops after ``HOLD_AT`` files until it is cancelled: the
    moment a test acts on is set by the code, not by a clock."""

    HOLD_AT = 50

    def __init__(self, gate: SearchesFirst | None = None) -> None:
        super().__init__(on_article=self._hold, gate=gate)

    def _hold(self, progress: Progress) -> None:
        if progress.done == self.HOLD_AT:
            self.wait_cancelled()


@pytest.fixture
def held_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(controller, "Progress", HeldProgress)


def many(write_articles, n: int = 200) -> Path:
    return write_articles({
        f"a{i:04}.md": f"---\ntitle: Статья {i}\n---\n" + "Миграция и беженцы. " * 40
        for i in range(n)
    })


def count(index: Path, query: str = "") -> int:
    engine = SearchEngine(index)
    try:
        return engine.search(SearchRequest(query=query)).total
    finally:
        engine.close()


@pytest.mark.usefixtures("held_runs")
def test_progress_and_cancel_keep_what_was_done(qtbot, make_window, tmp_path: Path,
                                               write_articles) -> None:
    window = make_window(tmp_path / "ix", folders=[many(write_articles)], start=False)
    window.start()
    qtbot.waitUntil(window.progress_bar.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.progress_bar.value() == HeldProgress.HOLD_AT,
                    timeout=WAIT_MS)
    assert window.cancel_button.isVisible()
    # The count beside the bar, not drawn in it: the bar's fill covered its
    # first digits ("8055" on blue, "/ 19043" on white).
    count_label = window.status.progress_label
    assert count_label.text() == f"{HeldProgress.HOLD_AT} / 200" and count_label.isVisible()
    assert not window.progress_bar.isTextVisible()
    assert count_label.geometry().right() < window.progress_bar.geometry().left()
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not window.controller.indexing, timeout=WAIT_MS)
    assert "cancelled" in window.report_label.text()
    assert "50 added" in window.report_label.text()
    assert not window.progress_bar.isVisible() and not count_label.isVisible()
    assert count(tmp_path / "ix", "миграция") == HeldProgress.HOLD_AT


@pytest.mark.usefixtures("held_runs")
@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "worker processes"])
def test_a_first_folder_shows_its_articles_batch_by_batch_while_it_is_indexed(
    qtbot, make_window, tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch,
    parallel: bool,
) -> None:
    """A new index of one's own gets its first folder: the window says it is
    indexing (not "empty"), then shows each committed batch while the run goes on."""
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10 if parallel else 10_000)
    monkeypatch.setattr(indexer, "BATCH_DOCS", 20)
    monkeypatch.setattr(indexer, "BATCH_SECONDS", float("inf"))  # no clock: counts decide
    monkeypatch.setattr(indexer, "PARALLEL_BATCH_SECONDS", float("inf"))
    window = make_window(tmp_path / "mine", start=False)
    window.start()
    assert window.add_folder_button.isVisible()
    window.index_folder(many(write_articles))
    assert "first time" in window.count_label.text()
    assert "as they are indexed" in window.results.empty_text
    assert not window.add_folder_button.isVisible()
    # Held at its 50th file: one process has committed 40, workers their first 20.
    shown = 20 if parallel else 40
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == shown, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.stats_label.text().startswith(f"Articles: {shown},"),
                    timeout=WAIT_MS)
    assert window.controller.indexing
    assert window.count_label.text().startswith(f"{shown} articles")
    assert not window.add_folder_button.isVisible()
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not window.controller.indexing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.last_response.total == HeldProgress.HOLD_AT,
                    timeout=WAIT_MS)


@pytest.mark.usefixtures("held_runs")
@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "worker processes"])
def test_quitting_during_indexing_keeps_the_work_and_ends_the_workers(
    qtbot, make_window, tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch,
    parallel: bool,
) -> None:
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10 if parallel else 10_000)
    window = make_window(tmp_path / "ix", folders=[many(write_articles)], start=False)
    window.start()
    qtbot.waitUntil(lambda: window.progress_bar.value() == HeldProgress.HOLD_AT,
                    timeout=WAIT_MS)
    window.close()
    assert not multiprocessing.active_children()
    assert count(tmp_path / "ix", "миграция") == HeldProgress.HOLD_AT


def test_a_run_waits_while_a_search_is_answered_and_shown(
    qtbot, make_window, seed_copy: Path, write_articles
) -> None:
    """The window's searches and its runs share one interpreter: a run stands
    still from a search's start until its answer is on screen."""
    window = make_window(seed_copy)
    gate = window.controller.searches_first
    held_when_shown: list[bool] = []
    window.controller.results.connect(lambda _resp: held_when_shown.append(gate.held))
    window.search.setText("миграция")
    window.controller.search_now(window.request())
    qtbot.waitUntil(lambda: bool(held_when_shown), timeout=WAIT_MS)
    assert held_when_shown == [True]
    assert not gate.held  # released once the answer was drawn

    gate.hold()  # a search under way
    root = write_articles({f"n{i}.md": f"---\ntitle: Новость {i}\n---\nПро беженцев."
                           for i in range(3)})
    window.index_folder(root)
    qtbot.waitUntil(gate.waiting.is_set, timeout=WAIT_MS)
    assert window.controller.indexing
    assert count(seed_copy, "беженец") == 0
    gate.release()
    qtbot.waitUntil(lambda: not window.controller.indexing, timeout=WAIT_MS)
    assert count(seed_copy, "беженец") == 3

def test_failed_files_can_be_seen(qtbot, make_window, tmp_path: Path, write_articles) -> None:
    root = write_articles({"ok.md": "---\ntitle: Ok\n---\nтекст", "empty.txt": ""})
    window = make_window(tmp_path / "ix", folders=[root])
    assert "1 skipped" in window.report_label.text()
    assert window.failed_button.isVisible()
    window.failed_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None
                    or any(w.windowTitle() == "Files skipped or read with a defect"
                           for w in QApplication.topLevelWidgets() if w.isVisible()),
                    timeout=WAIT_MS)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.windowTitle() == "Files skipped or read with a defect")
    assert dialog.table.item(0, 0).text().endswith("empty.txt")
    assert dialog.table.item(0, 1).text() == "file is empty"
    dialog.close()


def test_a_russian_window_says_why_in_russian(qtbot, make_window, tmp_path: Path,
                                              write_articles) -> None:
    root = write_articles({"ok.md": "---\ntitle: Ok\n---\nтекст", "empty.txt": "",
                           "blank.txt": " \n\n",
                           "broken.md": "---\ntitle: Выборы: итоги\ntags: [a\n---\nТекст."})
    window = make_window(tmp_path / "ix", folders=[root], lang="ru")
    assert "пропущено 2" in window.report_label.text()
    window.failed_button.click()
    qtbot.waitUntil(lambda: any(isinstance(w, FailedFilesDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=WAIT_MS)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FailedFilesDialog))
    rows = {Path(dialog.table.item(r, 0).text()).name: dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    assert rows["empty.txt"] == "файл пуст"
    assert rows["blank.txt"] == "в файле только пробелы и переводы строк, текста нет"
    assert rows["broken.md"].startswith("проиндексирован, но: шапка файла — неверный YAML")
    assert rows["broken.md"].endswith("; прочитана построчно")
    dialog.close()


def test_a_russian_window_says_in_russian_why_a_run_could_not_go_on(
        qtbot, make_window, tmp_path: Path, write_articles) -> None:
    """A folder gone between the dialog and its run: the run fails with the
    core's reason, worded in Russian (it was the core's English after a
    Russian beginning), in the status line."""
    window = make_window(tmp_path / "ix", folders=[write_articles({"a.md": "текст"})],
                         lang="ru")
    gone = tmp_path / "gone"
    with qtbot.waitSignal(window.controller.indexingFailed, timeout=WAIT_MS) as failed:
        window.index_folder(gone)
    assert failed.args[0]() == f"Индексация не удалась: {gone}: нет такого файла или папки"
    assert window.report_label.text() == failed.args[0]()


def test_the_index_folder_is_not_added_to_its_own_folders(
        qtbot, make_window, tmp_path: Path, write_articles) -> None:
    """"Add folder" with the index folder itself added it to the list."""
    window = make_window(tmp_path / "ix", folders=[root := write_articles({"a.md": "текст"})],
                         lang="ru")
    with qtbot.waitSignal(window.controller.indexingFailed, timeout=WAIT_MS) as failed:
        window.index_folder(tmp_path / "ix")
    assert failed.args[0]() == (f"Индексация не удалась: {tmp_path / 'ix'}: в папке индекса "
                                f"{tmp_path / 'ix'} лежит индекс, а не статьи")
    assert window.folders() == [root]


def test_warnings_and_files_not_read_are_shown(qtbot, make_window, tmp_path: Path,
                                                write_articles) -> None:
    root = write_articles({"ok.md": "---\ntitle: Ok\n---\nтекст",
                           "broken.md": "---\ntitle: Выборы: итоги\ntags: [a\n---\nТекст.",
                           "p1.jpg": "x", "p2.jpg": "x", "t.xlsx": "x", "README": "x",
                           "page.md": "# Page\n\nA page saved with its folder.",
                           "page.html": "<p>A page.</p>", "page_files/ad.html": "<p>An ad.</p>"})
    window = make_window(tmp_path / "ix", folders=[root])
    assert "4 added" in window.report_label.text()  # page_files/ad.html is not one of them
    assert ("not read: 2 .jpg, 1 .xlsx, 1 saved-page folder (page_files), 1 without extension"
            in window.report_label.text())
    window.failed_button.click()
    qtbot.waitUntil(lambda: any(w.windowTitle() == "Files skipped or read with a defect"
                                for w in QApplication.topLevelWidgets() if w.isVisible()),
                    timeout=WAIT_MS)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.windowTitle() == "Files skipped or read with a defect")
    assert dialog.table.item(0, 0).text().endswith("broken.md")
    assert dialog.table.item(0, 1).text().startswith("indexed, but: ")
    dialog.close()


@pytest.mark.parametrize("width", [700, 1280])
def test_a_long_report_is_cut_with_an_ellipsis_beside_its_button(
        qtbot, make_window, tmp_path: Path, write_articles, width: int) -> None:
    """The Russian report ran into the "skipped files" button and pushed the
    index's size out of the status bar."""
    root = write_articles({"ok.md": "# Статья\n\nТекст.", "empty.txt": "", "p.jpg": "x",
                           "t.xlsx": "x", "README": "x", "page.html": "<p>Страница.</p>",
                           "page_files/ad.html": "<p>Реклама.</p>"})
    window = make_window(tmp_path / "ix", folders=[root], lang="ru")
    window.resize(width, 600)
    qtbot.waitUntil(lambda: window.width() == max(width, window.minimumSizeHint().width()))
    report, button, stats = window.report_label, window.failed_button, window.status.stats_label
    qtbot.waitUntil(lambda: button.isVisible() and report.width() < report.sizeHint().width(),
                    timeout=WAIT_MS)
    assert report.text().endswith("1 без расширения")  # the whole report is kept
    assert report.toolTip() == report.text()  # the whole report on hover
    assert report.shown_text().endswith("…")
    assert report.geometry().right() < button.geometry().left()
    assert stats.width() >= stats.sizeHint().width()  # «Статей: 2, источников: 1» whole
    # At 700 px in a dark (Fusion) window the button read «Iропущенные файлы…»,
    # its first letter cut: the report, not the button, gives way.
    assert button.width() >= button.sizeHint().width()
    # A line between the index's size and the report («…источников: 1 | добавлено 1…»):
    # they ran together as one sentence.
    line = window.status.separator
    assert line.isVisible() and line.frameShape() == line.Shape.VLine
    assert stats.geometry().right() < line.geometry().left()
    assert line.geometry().right() < report.geometry().left()


@pytest.mark.parametrize(("saved_pages", "words"), [
    (1, "1 папка сохранённой страницы"), (3, "3 папки сохранённых страниц"),
    (5, "5 папок сохранённых страниц")])
def test_folders_not_read_are_counted_in_the_language_s_plural(
        qtbot, make_window, tmp_path: Path, write_articles, saved_pages: int,
        words: str) -> None:
    """The report said «1 папки сохранённых страниц» and "1 saved-page folders"."""
    pages = {f"p{i}.html": "<p>Страница.</p>" for i in range(saved_pages)}
    root = write_articles({**pages, **{f"p{i}_files/ad.html": "<p>Реклама.</p>"
                                       for i in range(saved_pages)}})
    window = make_window(tmp_path / "ix", folders=[root], lang="ru")
    named = "p0_files" if saved_pages == 1 else "p0_files, …"  # was «(имя_files)»
    assert f"не прочитаны: {words} ({named})" in window.report_label.text()


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
                                               write_articles, monkeypatch) -> None:
    # The index lies inside the watched folder, and indexing and reading open
    # every file: neither may start another run.  A sentinel file, written after
    # the work, is the first change that counts: each signal of a change is
    # recorded with the event that sent it, as it is sent (on watchdog's thread,
    # which handles one watch's events in the order inotify delivers them), so
    # once the sentinel's has been sent every earlier event has been handled.
    seen: list[str] = []
    handling = threading.local()
    handle = folder_watcher._Handler.on_any_event

    def record(self, event) -> None:
        handling.path = os.fsdecode(event.src_path)
        seen.append(handling.path)
        handle(self, event)

    monkeypatch.setattr(folder_watcher._Handler, "on_any_event", record)
    root = write_articles({f"a{i}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию."
                           for i in range(5)})
    window = make_window(root / "index", folders=[root])
    assert window.last_response.total == 5
    sent_for: list[str] = []  # the event behind each signal of a change
    window.watcher._bridge.changed.connect(lambda: sent_for.append(handling.path),
                                           Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(window.controller.article, timeout=WAIT_MS):
        window.controller.open_article(window.model.index(0, 0).data(PathRole))
    window.rebuild()  # writes the index inside the watched folder
    qtbot.waitUntil(lambda: not window.controller.indexing, timeout=WAIT_MS)
    assert not window.watcher._timer.isActive()
    sentinel = root / "sentinel.bin"
    sentinel.write_bytes(b"x")
    # The sentinel's own signal reaches the window: it starts the settle timer.
    qtbot.waitUntil(window.watcher._timer.isActive, timeout=WAIT_MS)
    assert any("/index/" in p for p in seen)  # the index's own writes were seen...
    assert sent_for and set(sent_for) == {str(sentinel)}  # ...and ignored, like the reading
    window.watcher.stop()


def test_the_watcher_ignores_hidden_files_and_folders(qtbot, tmp_path: Path) -> None:
    """Editors' swap files, .git and the like change all the time: no run for
    them, but a file saved through a hidden temporary one (moved onto its name)
    counts."""
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    bridge = folder_watcher._Bridge()
    handler = folder_watcher._Handler(bridge, root, ignore=[root / "index"])
    signals: list[None] = []
    bridge.changed.connect(lambda: signals.append(None))

    def signalled(event) -> bool:
        signals.clear()
        handler.on_any_event(event)
        return bool(signals)

    for hidden in (root / ".a.md.swp", root / "sub" / ".hidden.md", root / ".git" / "index",
                   root / ".cache" / "deep" / "a.md"):
        assert not signalled(FileCreatedEvent(os.fspath(hidden))), hidden
        assert not signalled(FileModifiedEvent(os.fspath(hidden))), hidden
    assert not signalled(FileMovedEvent(os.fspath(root / ".a"), os.fspath(root / ".b")))
    assert signalled(FileMovedEvent(os.fspath(root / ".a.md.tmp"), os.fspath(root / "a.md")))
    assert signalled(FileCreatedEvent(os.fspath(root / "sub" / "a.md")))
    assert not signalled(FileCreatedEvent(os.fspath(root / "index" / "seg.toc")))


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
    qtbot.waitUntil(lambda: window.reading_pane.article is not None, timeout=WAIT_MS)
    window.reading_pane.cite_button.click()
    assert QApplication.clipboard().text().startswith("«")
