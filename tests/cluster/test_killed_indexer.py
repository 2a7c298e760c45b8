"""An indexing run killed with SIGKILL between two commits loses nothing it
sent: each shard server commits what it received when the connection drops,
and the next run does only the rest.

The moment is an article count, not a time: the run holds after handing out
``KILL_AT`` articles, once every shard has acknowledged what it was given;
the run's own commits are off, so nothing was committed before the kill."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import xapian

from searchapp.core.indexer import update_index

ARTICLES, KILL_AT = 60, 25
RUN = f"""
import sys, threading
from pathlib import Path
import searchapp.core.cluster.xapian_index as ix
from searchapp.core.progress import Progress

writers = []
make = ix.ShardWriter

def recorded(*args):
    writers.append(make(*args))
    return writers[-1]

ix.ShardWriter = recorded
ix.BATCH_DOCS, ix.BATCH_SECONDS = 10**9, float("inf")  # no commit by the run, however slow

def sent(w):
    return w.added + w.updated + w.committed[0] + w.committed[1]

def hold(progress):
    if progress.done == {KILL_AT}:
        while sum(sent(w) for w in writers) < {KILL_AT} and not any(w.error for w in writers):
            threading.Event().wait(0.01)  # the writers' threads acknowledge what they sent
        print("held", sum(w.committed[0] for w in writers), flush=True)
        threading.Event().wait()

if __name__ == "__main__":
    ix.update_cluster(Path(sys.argv[1]), [Path(sys.argv[2])], progress=Progress(on_article=hold))
"""


def held(cluster) -> int:
    """Articles the shards hold once the killed run's connections are done
    with: a writable connection waits for their write lock (``DB_RETRY_LOCK``),
    which a server lets go of after committing what it received."""
    total = 0
    for shard in cluster.config.shards:
        db = xapian.remote_open_writable(shard.host, shard.port, 60_000, 2000,
                                         xapian.DB_RETRY_LOCK)
        total += db.get_doccount()
        db.close()
    return total


def test_a_killed_indexing_process_loses_nothing_it_sent(cluster, write_articles,
                                                           tmp_path: Path) -> None:
    root = write_articles({
        f"a{i:03}.md": f"---\ntitle: Статья {i}\n---\n" + f"Текст о миграции номер {i}. " * 5
        for i in range(ARTICLES)
    })
    script = tmp_path / "run.py"
    script.write_text(RUN)
    proc = subprocess.Popen([sys.executable, str(script), str(cluster.file), str(root)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        # a hang guard: the run holds after a few dozen articles, a second's work
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        line = proc.stdout.readline() if ready else "no answer"
        assert line.split()[:2] == ["held", "0"], line  # sent, nothing committed by the run
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert held(cluster) == KILL_AT
    rest = update_index(cluster.file)
    assert (rest.added, rest.unchanged, rest.failed) == (ARTICLES - KILL_AT, KILL_AT, [])
    assert held(cluster) == ARTICLES
