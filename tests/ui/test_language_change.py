"""View ▸ Language words anew the messages already shown: an export's failure,
a run's failure and report, the damaged index's dialog, the first run's and
the empty index's words, the folders that cannot be watched.  Each stayed in
the language it was shown in."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox

from searchapp.core import schema, store
from searchapp.core.indexer import update_index
from searchapp.ui import controller, folder_watcher, mainwindow
from searchapp.ui.dialogs import FailedFilesDialog
from searchapp.ui.mainwindow import MainWindow

pytestmark = pytest.mark.gui
WAIT_MS = 20_000
MENU = {"en": "&File", "ru": "&Файл"}


def switch(qtbot, window: MainWindow, code: str) -> None:
    """View ▸ Language ▸ ``code``, and wait until the window has taken it."""
    window.lang_actions[code].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == MENU[code], timeout=WAIT_MS)


def test_an_export_that_failed_is_said_again_in_the_new_language(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:
    """It said "[Errno 2] No such file or directory: '…/.r.csv.x1y2'" in
    either language, and kept it."""
    target = tmp_path / "gone" / "r.csv"
    monkeypatch.setattr(mainwindow.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "CSV (*.csv)"))
    with qtbot.waitSignal(window.controller.exportFailed, timeout=WAIT_MS):
        window.export_action.trigger()
    assert window.report_label.text() == f"Could not export to {target}: the folder does not exist"
    switch(qtbot, window, "ru")
    assert window.report_label.text() == f"Не удалось экспортировать в {target}: такой папки нет"


def test_a_run_that_failed_is_said_again_in_the_new_language(
        qtbot, make_window, tmp_path: Path, write_articles) -> None:
    window = make_window(tmp_path / "ix", folders=[write_articles({"a.md": "текст"})])
    gone = tmp_path / "gone"
    with qtbot.waitSignal(window.controller.indexingFailed, timeout=WAIT_MS):
        window.index_folder(gone)
    assert window.report_label.text() == f"Indexing failed: {gone}: no such file or folder"
    switch(qtbot, window, "ru")
    assert window.report_label.text() == (
        f"Индексация не удалась: {gone}: нет такого файла или папки")


def test_a_folder_not_removed_is_said_again_in_the_new_language(
        qtbot, window, monkeypatch) -> None:
    def forget_folder(_index: Path, folder: Path) -> int:
        raise FileNotFoundError(2, "No such file or directory", str(folder))

    monkeypatch.setattr(controller, "forget_folder", forget_folder)
    folder = window.folders()[0]
    with qtbot.waitSignal(window.controller.indexingFailed, timeout=WAIT_MS):
        window.remove_folder(folder, confirm=False)
    assert window.report_label.text().startswith("The folder was not removed: ")
    switch(qtbot, window, "ru")
    assert window.report_label.text().startswith("Папка не убрана: ")


def test_the_skipped_files_dialog_is_worded_again(
        qtbot, make_window, tmp_path: Path, write_articles) -> None:
    root = write_articles({"ok.md": "---\ntitle: Ok\n---\nтекст", "empty.txt": ""})
    window = make_window(tmp_path / "ix", folders=[root], lang="ru")
    assert window.report_label.text().endswith("пропущено 1")
    window.failed_button.click()
    qtbot.waitUntil(lambda: window.findChild(FailedFilesDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(FailedFilesDialog)
    assert dialog.windowTitle() == "Пропущенные файлы и файлы с дефектами"
    assert dialog.table.item(0, 1).text() == "файл пуст"
    switch(qtbot, window, "en")
    assert window.report_label.text() == "1 added, 0 updated, 0 removed, 1 skipped"
    assert dialog.windowTitle() == "Files skipped or read with a defect"
    assert dialog.table.horizontalHeaderItem(1).text() == "Reason"
    assert dialog.table.item(0, 1).text() == "file is empty"
    assert dialog.table.item(0, 1).toolTip() == "file is empty"


# Whoosh leaves the file object of a segment it failed to read for the GC to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_is_said_again_in_the_new_language(
        qtbot, make_window, seed_copy: Path) -> None:
    postings = next(seed_copy.glob("*.pst"))
    with postings.open("r+b") as f:
        f.truncate(postings.stat().st_size // 3)
    window = make_window(seed_copy, query="миграция", lang="ru")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=WAIT_MS)
    box = window.findChild(QMessageBox)
    assert box.windowTitle() == "Индекс повреждён"
    switch(qtbot, window, "en")
    assert window.notice.text() == "The index is damaged: rebuild it (File ▸ Rebuild index)."
    assert box.windowTitle() == "The index is damaged"
    assert box.text() == "A part of the index cannot be read. Rebuild it from its folders?"
    assert box.informativeText().startswith(f"The index at {seed_copy} is damaged (")
    assert box.informativeText().endswith("rebuild it (File ▸ Rebuild index).")
    assert box.defaultButton().text() == "Rebuild index"


def test_an_empty_index_is_said_again_in_the_new_language(qtbot, make_window,
                                                          tmp_path: Path) -> None:
    window = make_window(tmp_path / "ix")
    assert window.count_label.text() == "This index is empty."
    switch(qtbot, window, "ru")
    assert window.count_label.text() == "Индекс пуст."
    assert window.add_folder_button.text() == "Добавить папку со статьями…"


def test_an_index_read_anew_is_said_again_in_the_new_language(
        qtbot, make_window, tmp_path: Path, write_articles, monkeypatch) -> None:
    """An index of another version: what the window says while its run has
    not yet shown a batch."""
    root = write_articles({"a.md": "---\ntitle: A\n---\nПро миграцию."})
    index = tmp_path / "old"
    update_index(index, [root])
    (index / store.META_FILE).write_text(f'{{"schema": {schema.SCHEMA_VERSION - 1}}}')
    go = threading.Event()

    def held_update_index(*args, **kwargs):
        go.wait(WAIT_MS / 1000)
        return update_index(*args, **kwargs)

    monkeypatch.setattr(controller, "update_index", held_update_index)
    window = make_window(index, lang="ru", start=False)
    window.start()
    assert window.count_label.text().startswith("Индекс создан другой версией")
    switch(qtbot, window, "en")
    assert window.last_response is None  # the run has shown nothing yet
    assert window.count_label.text().startswith("This index was made by another version")
    go.set()
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 1, timeout=WAIT_MS)


def test_folders_not_watched_are_said_again_in_the_new_language(
        qtbot, window, monkeypatch) -> None:
    def start(_observer: object) -> None:
        raise OSError("inotify watch limit reached")

    monkeypatch.setattr(folder_watcher.Observer, "start", start)
    window.runs.watch(window.folders())
    folder = window.folders()[0]
    assert window.statusBar().currentMessage() == (
        f"Changes will show up only at the next start: {folder}: inotify watch limit reached")
    switch(qtbot, window, "ru")
    assert window.statusBar().currentMessage() == (
        f"Изменения появятся только при следующем запуске: {folder}: inotify watch limit "
        "reached")


def test_a_busy_index_is_said_again_in_the_new_language(qtbot, window) -> None:
    window.status.busy()  # as when another process's run refused this one
    assert window.report_label.text().startswith("The index is busy")
    switch(qtbot, window, "ru")
    assert window.report_label.text().startswith("Индекс занят: ")
    window.runs.busy.emit()  # a rebuild asked for while a run is going
    switch(qtbot, window, "en")
    assert window.report_label.text() == "Indexing is already running."



def test_a_search_that_failed_is_said_again_in_the_new_language(qtbot, window) -> None:
    def search(_request: object) -> None:
        raise RuntimeError("boom")

    window.controller.engine.search = search
    with qtbot.waitSignal(window.controller.searchFailed, timeout=WAIT_MS):
        window.search_now()
    assert window.notice.text() == "Search failed: boom"
    switch(qtbot, window, "ru")
    assert window.notice.text() == "Поиск не удался: boom"


def needed_width(box: QComboBox) -> int:
    """The width a new box with the same items asks for."""
    fresh = QComboBox()
    fresh.setFont(box.font())
    fresh.addItems([box.itemText(i) for i in range(box.count())])
    return fresh.sizeHint().width()


def test_the_sort_box_is_wide_enough_for_the_new_language(qtbot, window) -> None:
    """Opened in English and switched to Russian, the sort box read «По релеван»
    (a window opened in Russian reads «По релевантности» whole)."""
    sort = window.bar.sort
    qtbot.waitUntil(lambda: sort.isVisible())
    switch(qtbot, window, "ru")
    assert sort.currentText() == "По релевантности"
    qtbot.waitUntil(lambda: sort.width() >= needed_width(sort))
    switch(qtbot, window, "en")  # and back: no room kept for the longer words
    qtbot.waitUntil(lambda: sort.width() == needed_width(sort))
