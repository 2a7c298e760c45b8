"""Progress and outcome of an indexing run.

The indexer updates a :class:`Progress` from its worker; a front end polls it
(the window with a QTimer, the CLI with tqdm) and may call :meth:`cancel`.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

SAVED_PAGE_FOLDERS = "saved-page folders (name_files)"
"""A kind of what a run did not read, beside file extensions: the folders a
browser saves beside a page (``X_files``, see :mod:`searchapp.core.ingest.walker`)."""



def saved_page_names(names: list[str], n: int) -> str:
    """The saved-page folders of a report as named in it: ``"Page_files"``,
    ``"Page_files, …"`` for more than one ("" if their names were not kept)."""
    if not names:
        return ""
    return names[0] if n == 1 else f"{names[0]}, …"


def _kind_count(kind: str, n: int, names: list[str]) -> str:
    """``"12 .jpg"``, ``"1 saved-page folder (Page_files)"``, ``"2 without extension"``."""
    if kind == SAVED_PAGE_FOLDERS:
        named = saved_page_names(names, n)
        return f"{n} saved-page folder{'' if n == 1 else 's'}" + (f" ({named})" if named else "")
    return f"{n} {kind}" if kind else f"{n} without extension"


_RECHECK = 0.05  # seconds between looks at the cancel flag while a run gives way
HELD_AT_MOST = 10.0
"""Seconds a run gives way to searches held without a break: then it goes on
(typing that never pauses, or a hold whose release was lost, cannot stall it)."""


class SearchesFirst:
    """A gate an indexing run passes at every file: closed while a search (or
    an article for the reading pane) is under way in the same process, until
    its answer is on screen.

    The window's searches and its runs are threads of one interpreter: a run
    that kept going took the interpreter from a search every few milliseconds
    (a search gives it up at each numpy call and file read), and from the
    window drawing the answer."""

    def __init__(self) -> None:
        self._held = 0
        self._closed_at = 0.0
        self._changed = threading.Condition()
        self.waiting = threading.Event()
        """Set while a run waits at the gate."""

    @property
    def held(self) -> bool:
        return self._held > 0

    def hold(self) -> None:
        """Close the gate (once more: it opens when every hold is released)."""
        with self._changed:
            if not self._held:
                self._closed_at = time.monotonic()
            self._held += 1

    def release(self) -> None:
        with self._changed:
            self._held -= 1
            self._changed.notify_all()

    def pass_when_free(self, cancelled: threading.Event) -> None:
        """Return once no search is under way (or the gate has been closed for
        :data:`HELD_AT_MOST` seconds), or at once when ``cancelled``."""
        with self._changed:
            while (self._held and not cancelled.is_set()
                   and time.monotonic() - self._closed_at < HELD_AT_MOST):
                self.waiting.set()
                self._changed.wait(_RECHECK)
            self.waiting.clear()


class Progress:
    """Counters the indexer updates and a front end reads; thread-safe enough
    for polling (plain attribute writes), with a cancel flag the core checks
    and, for a run in the window, the gate its searches hold."""

    def __init__(
        self,
        on_article: Callable[[Progress], None] | None = None,
        gate: SearchesFirst | None = None,
    ) -> None:
        self.phase = "scanning"  # scanning → indexing ⇄ committing → done
        self.total = 0
        self.done = 0
        self.current = ""
        self.commits = 0
        """Batches committed so far: what they hold can be searched."""
        self.waiting = ""
        """The shard (its label) a cluster's run waits on for an answer, while it waits."""
        self.on_article = on_article
        self.gate = gate
        self._cancel = threading.Event()

    def stopped(self) -> bool:
        """Before the next file: wait while a search holds the gate, then say
        whether the run was cancelled."""
        if self.gate is not None:
            self.gate.pass_when_free(self._cancel)
        return self._cancel.is_set()

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
    the count per extension of files in the folders that are not articles,
    ``saved_pages`` the names of the saved-page folders counted there.
    """

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    not_read: Counter[str] = field(default_factory=Counter)
    saved_pages: list[str] = field(default_factory=list)
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

    def not_read_kinds(self) -> list[tuple[str, int]]:
        """``(extension, files)`` left unread, most first ("": no extension, last of its count)."""
        return sorted(self.not_read.items(), key=lambda item: (-item[1], item[0] == "", item[0]))

    def not_read_line(self) -> str:
        """``"not read: 12 .jpg, 2 .xlsx"``, most frequent first; "" if nothing was left."""
        if not self.not_read:
            return ""
        return "not read: " + ", ".join(_kind_count(ext, n, self.saved_pages)
                                         for ext, n in self.not_read_kinds())
