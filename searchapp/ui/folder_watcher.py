"""Live folders: while the window is open, changes in the user's folders are
indexed within seconds (an incremental run, never a full re-index).

The watching is watchdog's (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows): unlike a directory watch it also sees a
file rewritten in place.  Its events arrive on watchdog's thread and are
passed to the GUI thread as a queued signal; nothing here touches a widget.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

SETTLE_MS = 1500  # wait for a burst of changes (a copy of many files) to end
# What changes an article; not "opened"/"closed_no_write", which the indexer's
# own reading causes.
CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})

WatchProblem = tuple[str, OSError]
"""Folders that could not be watched (joined by ", ") and the error why:
the window words it in its language."""


class _Bridge(QObject):
    changed = Signal()


class _Handler(FileSystemEventHandler):
    """Runs on watchdog's thread: filters events, then signals the GUI thread."""

    def __init__(self, bridge: _Bridge, root: Path, ignore: Sequence[Path]) -> None:
        # Real paths throughout: FSEvents (macOS) reports them even for a folder
        # reached through a symlink (/tmp → /private/tmp).
        self._bridge = bridge
        self._root = os.path.realpath(root)
        self._ignore = tuple(os.path.realpath(p) for p in ignore)
        self._ignore_under = tuple(p + os.sep for p in self._ignore)

    def _relevant(self, path: str | bytes) -> bool:
        path = os.path.realpath(os.fsdecode(path))
        if path in self._ignore or path.startswith(self._ignore_under):
            return False
        inside = os.path.relpath(path, self._root)
        if inside == os.pardir or inside.startswith(os.pardir + os.sep):
            return False
        return not any(part.startswith(".") for part in Path(inside).parts if part != ".")

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return
        if event.is_directory and event.event_type == "modified":
            return  # comes with the event of the entry that changed in it
        paths = [event.src_path, getattr(event, "dest_path", "") or event.src_path]
        if any(self._relevant(p) for p in paths):
            with contextlib.suppress(RuntimeError):  # the window has gone
                self._bridge.changed.emit()


class FolderWatcher(QObject):
    """Watches the folders (recursively) and calls ``on_change`` on the GUI
    thread once a burst of changes has settled.  Paths under ``ignore`` (the
    index itself, if it lies in a watched folder) and hidden files do not count."""

    def __init__(
        self,
        on_change: Callable[[], None],
        parent: QObject | None = None,
        ignore: Sequence[Path] = (),
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(on_change)
        self._bridge = _Bridge(self)
        self._bridge.changed.connect(self._timer.start)
        self._ignore = list(ignore)
        self._observer: BaseObserver | None = None
        self._watched: list[str] = []
        self.problems: list[WatchProblem] = []  # folders that could not be watched, and why

    def watch(self, roots: Sequence[Path]) -> None:
        """Watch exactly these folders (and everything under them)."""
        self.stop()
        self._observer = Observer()
        self._observer.daemon = True
        self._watched, self.problems = [], []
        for root in roots:
            if not Path(root).is_dir():
                continue
            handler = _Handler(self._bridge, Path(root), self._ignore)
            try:
                self._observer.schedule(handler, os.fspath(root), recursive=True)
            except OSError as exc:
                self.problems.append((os.fspath(root), exc))
            else:
                self._watched.append(os.fspath(root))
        try:
            self._observer.start()  # the watches are added here (watchdog 7)
        except OSError as exc:  # e.g. the system's limit of inotify watches
            self.problems.append((", ".join(self._watched), exc))
            self._watched = []
            self._observer = None

    def stop(self) -> None:
        """Stop watching (waits for watchdog's thread)."""
        observer, self._observer = self._observer, None
        if observer is not None and observer.is_alive():
            observer.stop()
            observer.join(timeout=5)
        self._timer.stop()

    @property
    def watched(self) -> list[str]:
        return list(self._watched)
