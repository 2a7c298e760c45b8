"""Each shard is fed by a thread of its own: a shard busy writing does not
hold the run or the other shards."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from searchapp.core.backend import open_backend
from searchapp.core.cluster import shard_writer
from searchapp.core.indexer import update_index
from searchapp.core.progress import Progress
from searchapp.core.results import SearchRequest

pytestmark = pytest.mark.cluster

HANG_GUARD_S = 60  # only against a hang: the run's own progress releases the shard


class _HeldDb:
    """A shard's connection whose writes wait until ``released`` is set."""

    def __init__(self, db: Any, released: threading.Event, timed_out: list[bool]) -> None:
        self._db, self._released, self._timed_out = db, released, timed_out

    def replace_document(self, *args: Any) -> Any:
        if not self._released.wait(HANG_GUARD_S):
            self._timed_out.append(True)
        return self._db.replace_document(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def test_a_busy_shard_does_not_hold_the_run(cluster, corpus: Path, monkeypatch) -> None:
    victim = cluster.config.shards[0]
    released, timed_out, seen = threading.Event(), [], []
    start = shard_writer.ShardWriter.start

    def start_held(self: shard_writer.ShardWriter) -> None:
        if self.shard == victim:
            self.db = _HeldDb(self.db, released, timed_out)
        start(self)

    def release_at_the_last_article(progress: Progress) -> None:
        if progress.done == progress.total:  # every article read and given to its shard
            seen.append(progress.done)
            released.set()

    monkeypatch.setattr(shard_writer.ShardWriter, "start", start_held)
    report = update_index(cluster.file, [corpus],
                          progress=Progress(on_article=release_at_the_last_article))
    assert seen == [95] and not timed_out  # the run got to its end while shard 0 was held
    assert (report.added, report.warnings) == (95, [])
    engine = open_backend(cluster.file)
    try:
        assert engine.search(SearchRequest()).total == 95
    finally:
        engine.close()
