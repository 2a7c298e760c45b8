"""A shard's writable connection, fed by a thread of its own during a run.

Writing a document to a remote database waits for the server to have
written the document, and a commit for its disk: sent one after the other
from the run's loop, the loop and the four servers took turns.  Each shard
now has a thread that sends its documents and commits in the order the run
gave them, through a short queue, while the run goes on reading, analysing
and feeding the other shards (the Xapian bindings let go of the GIL while
they wait on a server).  A shard that stops answering keeps its last commit;
its thread drops what comes after and the run names the shard at the end.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from dataclasses import dataclass, field

import xapian

from searchapp.core.cluster.config import Shard

QUEUED = 512
"""Documents (and commits) waiting for a shard's thread: enough to hold what
the run gives a shard while it commits (a second or two at a million
articles; the shards commit in turn, so the run goes on feeding the others),
few enough that a stopped run sends them in a second or two."""

_Item = tuple[str, xapian.Document, bool] | dict[str, str] | None


@dataclass
class ShardWriter:
    """A shard's writable connection, what it holds uncommitted and what it
    committed in this run.  Between :meth:`start` and :meth:`finish` only its
    thread touches ``db`` and the counts."""

    shard: Shard
    db: xapian.WritableDatabase
    added: int = 0
    updated: int = 0
    removed: int = 0
    committed: list[int] = field(default_factory=lambda: [0, 0, 0])  # added, updated, removed
    error: Exception | None = None  # why the shard stopped taking documents
    dropped: int = 0  # documents not written: the one that failed, and those given after
    _queue: queue.Queue[_Item] = field(default_factory=lambda: queue.Queue(QUEUED))
    _thread: threading.Thread | None = None
    _dropping: threading.Lock = field(default_factory=threading.Lock)

    @property
    def pending(self) -> int:
        return self.added + self.updated + self.removed

    @property
    def lost(self) -> bool:
        """The shard stopped answering during the run."""
        return isinstance(self.error, xapian.NetworkError)

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._loop, name=f"shard {self.shard.label}", daemon=True)
        self._thread.start()

    def write(self, key_term: str, doc: xapian.Document, update: bool) -> None:
        """Write ``doc`` in place of the document holding ``key_term`` (``update``),
        or as a new one (the shard has none); uncommitted."""
        self._put((key_term, doc, update))

    def commit(self, metadata: dict[str, str]) -> None:
        """Set ``metadata`` and commit, after what was given before."""
        self._put(dict(metadata))

    def finish(self) -> None:
        """Wait until everything given has been sent (or dropped: see ``error``)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def close(self) -> None:
        """Close the connection (Xapian commits what it holds)."""
        self.finish()
        with contextlib.suppress(xapian.Error):
            self.db.close()

    def abandon(self) -> None:
        """Let go of a shard that stopped answering: closing asks it to commit,
        which waits on a hung server without end, so that is left to a
        background thread the run does not wait for (the bindings let go of
        the GIL while they wait)."""
        self.finish()
        threading.Thread(target=self._close_quietly, name=f"closing {self.shard.label}",
                         daemon=True).start()

    def _close_quietly(self) -> None:
        with contextlib.suppress(xapian.Error):
            self.db.close()

    def _put(self, item: _Item) -> None:
        if self.error is None:
            self._queue.put(item)
        elif isinstance(item, tuple):
            self._drop()

    def _loop(self) -> None:
        while (item := self._queue.get()) is not None:
            if self.error is not None:  # the rest is dropped; the run hears of it at the end
                if isinstance(item, tuple):
                    self._drop()
                continue
            try:
                if isinstance(item, dict):
                    for key, value in item.items():
                        self.db.set_metadata(key, value)
                    self.db.commit()
                    self._committed()
                else:
                    key_term, doc, update = item
                    if update:
                        self.db.replace_document(key_term, doc)
                        self.updated += 1
                    else:  # a new article: the server need not look its key up
                        self.db.add_document(doc)
                        self.added += 1
            except Exception as exc:  # reported by the run, on its own thread
                self.error = exc
                if isinstance(item, tuple):  # the document it could not write is lost too
                    self._drop()

    def _drop(self) -> None:
        with self._dropping:  # the run's thread and the shard's both drop
            self.dropped += 1

    def _committed(self) -> None:
        for i, count in enumerate((self.added, self.updated, self.removed)):
            self.committed[i] += count
        self.added = self.updated = self.removed = 0
