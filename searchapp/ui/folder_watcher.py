"""Live folders: while the window is open, changes in the user's folders are
indexed within seconds (an incremental run, never a full re-index)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

SETTLE_MS = 1500  # wait for a burst of changes (a copy of many files) to end
MAX_DIRS = 4000  # inotify watches are a limited resource


class FolderWatcher(QObject):
    """Watches the folders (and their subfolders) and calls ``on_change`` once
    things settle.  Only directories are watched: new, deleted, renamed and
    atomically saved files all change their directory."""

    def __init__(self, on_change: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(on_change)
        self._roots: list[Path] = []

    def watch(self, roots: Sequence[Path]) -> None:
        self._roots = [Path(r) for r in roots]
        self._rewatch()

    def _rewatch(self) -> None:
        dirs = self._watcher.directories()
        if dirs:
            self._watcher.removePaths(dirs)
        wanted: list[str] = []
        for root in self._roots:
            if not root.is_dir():
                continue
            for current, subdirs, _files in os.walk(root):
                subdirs[:] = [d for d in subdirs if not d.startswith(".")]
                wanted.append(current)
                if len(wanted) >= MAX_DIRS:
                    break
        if wanted:
            self._watcher.addPaths(wanted)

    @property
    def watched(self) -> list[str]:
        return self._watcher.directories()

    def _changed(self, _path: str) -> None:
        self._timer.start()
        QTimer.singleShot(0, self._rewatch)  # new subfolders get watched too
