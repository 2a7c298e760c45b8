"""Which indexing runs the window starts, and when: the index's folders, the
first start, a folder added while a run is going, live changes, rebuilds and
removals, and a run refused because another process's run held the index
(asked for again once that run has ended).  Owns the folder watcher; the
window only shows what it reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from searchapp.core import IndexReport, run_going
from searchapp.ui.controller import SearchController
from searchapp.ui.folder_watcher import FolderWatcher

BUSY_POLL_MS = 1000  # how often a run refused as busy looks whether the other has ended


class FolderRuns(QObject):
    """Signals:

    * ``empty()`` — a new index with no folders: offer to add one;
    * ``firstRun()`` — the first run of a new index has started;
    * ``outdated()`` — the index was made by another version: a run makes it anew;
    * ``queued(str)`` — a folder will be added when the current run ends;
    * ``busy()`` — asked for a run (or a removal) while one is going;
    * ``watchProblems(list)`` — folders that cannot be watched, and why
      (:data:`~searchapp.ui.folder_watcher.WatchProblem`).
    """

    empty = Signal()
    firstRun = Signal()
    outdated = Signal()
    queued = Signal(str)
    busy = Signal()
    watchProblems = Signal(list)

    def __init__(self, controller: SearchController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.watcher = FolderWatcher(self._changed, self, ignore=[controller.index_dir])
        self._pending_roots: list[Path] = []
        self._changes_pending = False
        controller.indexingFinished.connect(self._run_ended)
        controller.folderForgotten.connect(lambda _f, _n: self.watch(self.folders()))
        controller.indexChanged.connect(self._folders_may_have_changed)
        # Runs refused because another process's run held the index: asked
        # for again when it has ended (its commit lands, or its lock is free).
        self._refused: list[Callable[[], bool]] = []
        self._busy_poll = QTimer(self, interval=BUSY_POLL_MS)
        self._busy_poll.timeout.connect(self._retry_refused)
        controller.indexBusy.connect(self._refused_as_busy)
        controller.indexChanged.connect(self._retry_refused)

    def folders(self) -> list[Path]:
        """The folders of the index (kept in the index, shared with the CLI)."""
        return self.controller.folders()

    def watch(self, folders: list[Path]) -> None:
        self.watcher.watch(folders)
        if self.watcher.problems:
            self.watchProblems.emit(list(self.watcher.problems))

    def _folders_may_have_changed(self) -> None:
        """Another process wrote the index: watch a folder it added, drop one it removed."""
        folders = self.folders()
        if [str(f) for f in folders] != self.watcher.watched:
            self.watch(folders)

    def start(self) -> None:
        """Bring the index up to date, or make it: the first search, if the
        index exists, comes first (both are Python threads and would share the
        interpreter); an index of another version is made anew from its
        folders; a new default index gets the seeds; a new index of one's own
        stays empty."""
        c = self.controller
        self.watch(self.folders())
        if c.searchable():
            c.results.connect(self._update_after_first_results)
        elif c.engine.exists():  # made by another version: read its folders anew
            c.start_indexing()
            self.outdated.emit()
        elif (seeds := c.first_start_folders()) or self.folders():
            if seeds:
                self.watch(seeds)
            c.start_indexing(seeds or None)
            self.firstRun.emit()
        else:
            self.empty.emit()

    def _update_after_first_results(self, _resp: object = None) -> None:
        self.controller.results.disconnect(self._update_after_first_results)
        if self.folders():
            self._changed()

    def add(self, folder: Path) -> None:
        """Add ``folder`` to the index (after the current run, if one is going)."""
        self.watch([*self.folders(), folder])
        if not self.controller.start_indexing([folder]):
            self._pending_roots.append(folder)
            self.queued.emit(str(folder))

    def remove(self, folder: Path) -> None:
        """Take ``folder`` off the index: its articles leave, its files stay."""
        if not self.controller.forget_folder(folder):
            self.busy.emit()

    def rebuild(self) -> None:
        """Re-read every folder of the index from scratch."""
        if not self.controller.start_indexing(None, rebuild=True):
            self.busy.emit()

    def _changed(self) -> None:
        """A watched folder changed: index the changes (after the current run)."""
        if not self.controller.start_indexing():
            self._changes_pending = True

    def _refused_as_busy(self, retry: Callable[[], bool]) -> None:
        self._refused.append(retry)
        self._busy_poll.start()

    def _retry_refused(self) -> None:
        """Ask again for a run refused as busy, once no run holds the index."""
        if not self._refused or self.controller.indexing:
            return
        if run_going(self.controller.index_dir):
            return
        if self._refused[0]():  # False: the window is closing
            self._refused.pop(0)
        if not self._refused:
            self._busy_poll.stop()

    def _run_ended(self, _report: IndexReport) -> None:
        if self._refused:
            QTimer.singleShot(0, self._retry_refused)
        if self._pending_roots:
            roots, self._pending_roots = self._pending_roots, []
            QTimer.singleShot(0, lambda: self._add_pending(roots))
        elif self._changes_pending:
            self._changes_pending = False
            QTimer.singleShot(0, self._changed)

    def _add_pending(self, roots: list[Path]) -> None:
        if not self.controller.start_indexing(roots):
            self._pending_roots.extend(roots)

    def stop(self) -> None:
        self._busy_poll.stop()
        self.watcher.stop()
