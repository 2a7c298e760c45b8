"""Connections to the shards of a cluster, leaving out those that do not answer.

Xapian 1.4 has no partial-results mode: a combined database whose shard has
died raises ``NetworkError`` on the next match.  So the shards are opened and
checked one by one, each within the cluster's ``timeout_ms`` (a shard that
hangs costs at most that, once: its connection timed out, no new one is tried
in the same call), and the combined database is built from those that
answer; the others are named to the user.  A missing shard is tried again at
every call, so results are whole again as soon as it is back.
"""

from __future__ import annotations

import contextlib

import xapian

from searchapp.core.cluster.config import ClusterConfig, ClusterDownError, Shard
from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.reasons import Reason, ReasonKind


class ShardSet:
    """Open read connections to a cluster's shards (not thread-safe: the
    engine's lock serialises calls)."""

    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self._open: dict[int, xapian.Database] = {}

    def connect(self) -> tuple[xapian.Database, list[Shard]]:
        """One database over the shards that answer, and the shards that do not.

        Open connections are brought to their shard's latest commit.  Raises
        :class:`ClusterDownError` when no shard answers.
        """
        missing: list[Shard] = []
        for shard in self.config.shards:
            if not self._refresh(shard):
                missing.append(shard)
        if not self._open:
            raise ClusterDownError(Reason(ReasonKind.CLUSTER_DOWN, self.config.file,
                                          ", ".join(s.label for s in missing)))
        combined = xapian.Database()
        for index in sorted(self._open):
            combined.add_database(self._open[index])
        return combined, missing

    def _refresh(self, shard: Shard) -> bool:
        db = self._open.get(shard.index)
        if db is not None:
            try:
                db.reopen()
                return True
            except xapian.NetworkTimeoutError:
                # It hangs: a new connection would wait as long again (a search
                # took 4,064 ms with a timeout of 2,000).  The next call tries it.
                self.drop(shard)
                return False
            except xapian.Error:  # its server restarted, say: connect again
                self.drop(shard)
        timeout = self.config.timeout_ms
        try:
            self._open[shard.index] = xapian.remote_open(shard.host, shard.port, timeout, timeout)
        except xapian.Error:
            return False
        return True

    def drop(self, shard: Shard) -> None:
        db = self._open.pop(shard.index, None)
        if db is not None:
            with contextlib.suppress(xapian.Error):
                db.close()

    def close(self) -> None:
        for shard in self.config.shards:
            self.drop(shard)


def missing_notice(missing: list[Shard], total: int) -> Notice:
    """The notice naming the shards left out (``missing``: not empty)."""
    names = ", ".join(s.label for s in missing)
    return Notice(NoticeKind.SHARDS_MISSING, (names, len(missing), total - len(missing), total))
