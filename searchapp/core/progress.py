"""Progress and outcome of an indexing run.

The indexer updates a :class:`Progress` from its worker; a front end polls it
(the window with a QTimer, the CLI with tqdm) and may call :meth:`cancel`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


class Progress:
    """Counters the indexer updates and a front end reads; thread-safe enough
    for polling (plain attribute writes), with a cancel flag the core checks."""

    def __init__(self, on_article: Callable[[Progress], None] | None = None) -> None:
        self.phase = "scanning"  # scanning → indexing ⇄ committing → done
        self.total = 0
        self.done = 0
        self.current = ""
        self.on_article = on_article
        self._cancel = threading.Event()

    def advance(self) -> None:
        """One more file handled; calls ``on_article`` (a front end's or a
        test's hook: it may cancel the run after a given number)."""
        self.done += 1
        if self.on_article is not None:
            self.on_article(self)

    def wait_cancelled(self, timeout: float | None = None) -> bool:
        """Block until :meth:`cancel` is called (or ``timeout``); True if it was."""
        return self._cancel.wait(timeout)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


@dataclass(slots=True)
class IndexReport:
    """What an indexing run did.

    ``failed`` holds ``(path, reason)`` pairs of files not indexed,
    ``warnings`` ``(path, reason)`` pairs of what the user should know that
    cost no article (broken front matter, a folder not found), ``not_read``
    the count per extension of files in the folders that are not articles.
    """

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    not_read: Counter[str] = field(default_factory=Counter)
    cancelled: bool = False
    rebuilt: bool = False
    reread: bool = False  # every file read again: the index was made by an older reader
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed

    @property
    def kept(self) -> int:
        """Articles this run wrote into the index (added or updated)."""
        return self.added + self.updated

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged, {len(self.failed)} skipped"
        )

    def not_read_line(self) -> str:
        """``"not read: 12 .jpg, 2 .xlsx"``, most frequent first; "" if nothing was left."""
        if not self.not_read:
            return ""
        items = sorted(self.not_read.items(), key=lambda item: (-item[1], item[0] == "", item[0]))
        return "not read: " + ", ".join(
            f"{n} {ext}" if ext else f"{n} without extension" for ext, n in items
        )
