"""Each shard is fed by a thread of its own: a shard busy writing does not
hold the run or the other shards."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import xapian

from searchapp.core.backend import open_backend
from searchapp.core.cluster import shard_writer, xapian_index
from searchapp.core.indexer import update_index
from searchapp.core.progress import Progress
from searchapp.core.results import SearchRequest

pytestmark = pytest.mark.cluster

HANG_GUARD_S = 60  # only against a hang: the run's own progress releases the shard


class _HeldDb:
    """A shard's connection whose writes wait until ``released`` is set."""

    def __init__(self, db: Any, released: threading.Event, timed_out: list[bool]) -> None:
        self._db, self._released, self._timed_out = db, released, timed_out
        self.writes = 0

    def _held(self) -> None:
        self.writes += 1
        if not self._released.wait(HANG_GUARD_S):
            self._timed_out.append(True)

    def add_document(self, *args: Any) -> Any:  # a new article
        self._held()
        return self._db.add_document(*args)

    def replace_document(self, *args: Any) -> Any:  # one the shard holds
        self._held()
        return self._db.replace_document(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def test_a_busy_shard_does_not_hold_the_run(cluster, corpus: Path, monkeypatch) -> None:
    victim = cluster.config.shards[0]
    released, timed_out, seen = threading.Event(), [], []
    start = shard_writer.ShardWriter.start

    held: list[_HeldDb] = []

    def start_held(self: shard_writer.ShardWriter) -> None:
        if self.shard == victim:
            self.db = _HeldDb(self.db, released, timed_out)
            held.append(self.db)
        start(self)

    def release_at_the_last_article(progress: Progress) -> None:
        if progress.done == progress.total:  # every article read and given to its shard
            seen.append(progress.done)
            released.set()

    monkeypatch.setattr(shard_writer.ShardWriter, "start", start_held)
    report = update_index(cluster.file, [corpus],
                          progress=Progress(on_article=release_at_the_last_article))
    assert seen == [95] and not timed_out  # the run got to its end while shard 0 was held
    assert held[0].writes > 0  # its writes were held indeed
    assert (report.added, report.warnings) == (95, [])
    engine = open_backend(cluster.file)
    try:
        assert engine.search(SearchRequest()).total == 95
    finally:
        engine.close()


def test_a_run_waits_on_a_shard_longer_than_a_search_does(cluster, corpus: Path,
                                                         monkeypatch) -> None:
    """A big shard's commit outlasts the cluster's search timeout: the run must
    not take the shard as lost then (it dropped the rest of a 1,000,000 run)."""
    waits: list[int] = []
    opened = xapian.remote_open_writable

    def open_writable(host: str, port: int, timeout: int, connect_timeout: int) -> Any:
        waits.append(timeout)
        return opened(host, port, timeout, connect_timeout)

    monkeypatch.setattr(xapian, "remote_open_writable", open_writable)
    report = update_index(cluster.file, [corpus])
    assert report.added == 95
    assert waits == [xapian_index.WRITE_TIMEOUT_MS] * len(cluster.config.shards)
    assert min(waits) > cluster.config.timeout_ms


def test_the_shards_commit_in_turn(cluster, corpus: Path, monkeypatch) -> None:
    """Every shard committing after the same article left the cores idle while
    each waited on its disk: they commit in turn, each after its share."""
    monkeypatch.setattr(xapian_index, "BATCH_DOCS", 30)  # a share of 10 articles per shard
    progress = Progress()
    moments: list[tuple[int, int]] = []  # (articles given so far, shard) of each commit
    commit = shard_writer.ShardWriter.commit

    def recorded(self: shard_writer.ShardWriter, metadata: dict[str, str]) -> None:
        if progress.phase == "indexing":  # not the run's last commit, which is every shard's
            moments.append((progress.done, self.shard.index))
        commit(self, metadata)

    monkeypatch.setattr(shard_writer.ShardWriter, "commit", recorded)
    report = update_index(cluster.file, [corpus], progress=progress)
    assert (report.added, report.warnings) == (95, [])
    after = [done for done, _ in moments]
    assert len(after) == len(set(after))  # never two shards after the same article
    per_shard = Counter(shard for _, shard in moments)
    assert sorted(per_shard) == [0, 1, 2] and min(per_shard.values()) >= 2
