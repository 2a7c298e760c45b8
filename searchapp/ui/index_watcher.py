"""The index folder, watched for what other processes write into it.

A ``searchapp index`` in a terminal, or a second window, commits to the index
this window searches; without a look at the folder the window went on
showing what it had until its next search, and never watched a folder the
other process added.  Qt's directory watch (inotify on Linux) says when an
entry of the index folder changes; once a burst of changes has settled, the
core's :func:`~searchapp.core.indexer.index_state` says whether a commit or
the folder list is new.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from searchapp.core import index_state, is_cluster_file

SETTLE_MS = 300  # a commit writes and removes several files: wait for the last


class IndexWatcher(QObject):
    """Emits ``changed`` when the index's committed state or its folders have
    changed since :meth:`accept` was last called (or since it was made)."""

    changed = Signal()

    def __init__(self, index_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = Path(index_dir)
        self._state = index_state(self._dir)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._look)
        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(lambda _path: self._settle.start())
        if not is_cluster_file(self._dir):
            self._watch()

    def accept(self) -> None:
        """The window has shown the index as it is now (its own run ended)."""
        self._state = index_state(self._dir)

    def stop(self) -> None:
        self._settle.stop()
        if paths := self._fs.directories():
            self._fs.removePaths(paths)

    def _watch(self) -> None:
        """Watch the index folder, or the folder it will be made in."""
        target = self._dir if self._dir.is_dir() else self._dir.parent
        if target.is_dir() and str(target) not in self._fs.directories():
            if paths := self._fs.directories():
                self._fs.removePaths(paths)
            self._fs.addPath(str(target))

    def _look(self) -> None:
        self._watch()  # the index folder may have been made meanwhile
        state = index_state(self._dir)
        if state != self._state:
            self._state = state
            self.changed.emit()
