"""An indexing run killed with SIGKILL between two commits loses nothing it
sent: each shard server commits what it received when the connection drops,
and the next run does only the rest.  A second Ctrl+C stops a run at once,
even while a shard hangs, with the same guarantee.

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
from typing import IO

import pytest
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


# The real CLI, waiting on a hung shard without end (only a stop at once ends
# the run), its articles analysed by worker processes as in a big run.
CLI = """
import sys
import searchapp.core.cluster.analysers as analysers
import searchapp.core.cluster.xapian_index as ix
analysers.PARALLEL_MIN_DOCS = 10
ix.WRITE_TIMEOUT_MS = 10**9
from searchapp.cli import main
if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
"""


def _line_with(stream: IO[str], text: str) -> str:
    """The first line of ``stream`` that has ``text`` (or the last one read)."""
    ready, _, _ = select.select([stream], [], [], 120)  # a hang guard
    line = stream.readline() if ready else "no answer"
    while line and text not in line:
        line = stream.readline()
    return line


def _paused_run(cluster_file: Path, write_articles, tmp_path: Path) -> subprocess.Popen[str]:
    """The CLI indexing ``ARTICLES`` files into the cluster, paused after
    ``KILL_AT`` of them (its stderr read up to there)."""
    root = write_articles({f"a{i:03}.md": f"Текст о миграции номер {i}. " * 5
                           for i in range(ARTICLES)})
    script = tmp_path / "cli.py"
    script.write_text(CLI)
    proc = subprocess.Popen(
        [sys.executable, str(script), "index", str(root), "--index", str(cluster_file), "--quiet"],
        env={**os.environ, "SEARCHAPP_PAUSE_AFTER": str(KILL_AT)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    assert proc.stderr is not None
    line = _line_with(proc.stderr, "paused after")
    if f"paused after {KILL_AT} files" not in line:
        _kill(proc)
        pytest.fail(f"the run did not pause: {line!r}")
    return proc


def _kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the run; its pipes are closed unread (a worker left alive holds them)."""
    proc.kill()
    proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def test_a_second_ctrl_c_stops_at_once_while_a_shard_hangs(cluster, write_articles, processes,
                                                             tmp_path: Path) -> None:
    """The first Ctrl+C commits what was sent, which waits on a shard that hangs;
    the second must end the run then and there (before, it waited for the hung
    shard as long as a write may take), leaving no analysing process, and the
    articles sent are kept."""
    proc = _paused_run(cluster.file, write_articles, tmp_path)
    hung = cluster.config.shards[0]
    try:
        assert proc.stderr is not None
        workers = processes.workers(proc.pid)
        assert workers
        cluster.servers.pause(hung)
        proc.send_signal(signal.SIGINT)
        assert "stopping" in _line_with(proc.stderr, "stopping")
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=120)  # a hang guard: the shard stays frozen
        except subprocess.TimeoutExpired:  # say what was left: the run, or a process with its pipes
            left = [p for p in {*workers, *processes.children(proc.pid)} if processes.running(p)]
            pytest.fail(f"no end: exit status {proc.poll()}, processes left {left}")
    finally:
        if proc.poll() is None:
            _kill(proc)
    assert proc.returncode == 130, err
    assert "stopped at once" in err and "Traceback" not in err and "Fatal" not in err
    assert not [p for p in workers if processes.running(p)]
    cluster.servers.resume(hung)
    # Each server commits what it had received when the connection dropped;
    # what waited in the frozen shard's queue was never sent.
    kept = held(cluster)
    assert 0 < kept <= KILL_AT
    rest = update_index(cluster.file)
    assert (rest.added, rest.unchanged, rest.failed) == (ARTICLES - kept, kept, [])
    assert held(cluster) == ARTICLES


def test_analysers_end_when_their_run_is_killed(cluster, write_articles, processes,
                                                tmp_path: Path) -> None:
    """Killed with SIGKILL, a run left its analysing processes waiting for ever."""
    proc = _paused_run(cluster.file, write_articles, tmp_path)
    workers = processes.workers(proc.pid)
    _kill(proc)
    assert workers
    assert [w for w in workers if not processes.ends(w)] == []
