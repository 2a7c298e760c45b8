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
import faulthandler, signal, sys
faulthandler.register(signal.SIGUSR1, all_threads=True)  # the test asks where a run hangs
import searchapp.core.cluster.analysers as analysers
import searchapp.core.cluster.xapian_index as ix
analysers.PARALLEL_MIN_DOCS = 10
ix.WRITE_TIMEOUT_MS = 10**9
from searchapp.cli import main
if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
"""


def _line_with(stream: IO[str], text: str) -> str:
    """The first line of ``stream`` that has ``text``, or what was read when
    the stream ended or stayed silent for two minutes (a hang guard).  Reads
    the pipe itself, so that the guard covers every line, not just the first
    (what follows the line in the same read is dropped).  Not found, the
    answer says so without ``text`` unless an unfinished last line had it."""
    fd, seen = stream.fileno(), b""
    while select.select([fd], [], [], 120)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        seen += chunk
        for line in seen.split(b"\n")[:-1]:
            if text.encode() in line:
                return line.decode("utf-8", "replace")
    return f"no such line in {seen.decode('utf-8', 'replace')!r}"  # (nor a whole line with it)


def _start(script: str, root: Path, cluster_file: Path, tmp_path: Path,
           **env: str) -> subprocess.Popen[str]:
    """``searchapp index ROOT --index CLUSTER`` run by ``script``, in a session
    of its own (a Ctrl+C for it alone)."""
    path = tmp_path / "cli.py"
    path.write_text(script)
    return subprocess.Popen(
        [sys.executable, str(path), "index", str(root), "--index", str(cluster_file), "--quiet"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def _expect(proc: subprocess.Popen[str], text: str, line_has: str, otherwise: str) -> None:
    """Read the run's stderr up to a line with ``text``; unless that line has
    ``line_has``, kill the run and fail with ``otherwise``."""
    assert proc.stderr is not None
    line = _line_with(proc.stderr, text)
    if line_has not in line:
        _kill(proc)
        pytest.fail(f"{otherwise}: {line!r}")


def _paused_run(cluster_file: Path, write_articles, tmp_path: Path) -> subprocess.Popen[str]:
    """The CLI indexing ``ARTICLES`` files into the cluster, paused after
    ``KILL_AT`` of them (its stderr read up to there)."""
    root = write_articles({f"a{i:03}.md": f"Текст о миграции номер {i}. " * 5
                           for i in range(ARTICLES)})
    proc = _start(CLI, root, cluster_file, tmp_path, SEARCHAPP_PAUSE_AFTER=str(KILL_AT))
    _expect(proc, "paused after", f"paused after {KILL_AT} files", "the run did not pause")
    return proc


def _stacks(proc: subprocess.Popen[str]) -> str:
    """What a run that hangs wrote on stderr, ending with its threads' stacks
    (``faulthandler`` on SIGUSR1, written at once whatever the threads do)."""
    proc.send_signal(signal.SIGUSR1)
    try:
        _, err = proc.communicate(timeout=5)  # the run hangs: this returns what it read
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr or b""
    return err.decode("utf-8", "replace") if isinstance(err, bytes) else err


def _kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the run; its pipes are closed unread (a worker left alive holds them)."""
    proc.kill()
    proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _stop_twice(proc: subprocess.Popen[str], processes, workers: list[int]) -> str:
    """Ctrl+C, and again once the run says it is stopping; the run's stderr
    once it has ended (it must: a hung shard stays frozen)."""
    assert proc.stderr is not None
    try:
        proc.send_signal(signal.SIGINT)
        line = _line_with(proc.stderr, "stopping")
        if not line.startswith("searchapp: stopping"):
            pytest.fail(f"{line}; where it was:\n{_stacks(proc)}")
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=120)  # a hang guard
        except subprocess.TimeoutExpired:  # say what was left: the run, or a process with its pipes
            left = [p for p in {*workers, *processes.children(proc.pid)} if processes.running(p)]
            pytest.fail(f"no end: exit status {proc.poll()}, processes left {left}; "
                        f"where it was:\n{_stacks(proc)}")
    finally:
        if proc.poll() is None:
            _kill(proc)
    assert proc.returncode == 130, err
    assert "stopped at once" in err and "Traceback" not in err and "Fatal" not in err, err
    return err


def test_one_ctrl_c_ends_a_cluster_run_that_commits_what_it_read(cluster, write_articles,
                                                                 processes, tmp_path: Path) -> None:
    """The first Ctrl+C (acted on by a thread of the run's own for a cluster)
    cancels the run: it commits, says what it kept, exits 130 and leaves no
    analysing process; the next run does only the rest."""
    proc = _paused_run(cluster.file, write_articles, tmp_path)
    workers = processes.workers(proc.pid)
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=120)  # a hang guard
    finally:
        if proc.poll() is None:
            _kill(proc)
    assert proc.returncode == 130, err
    assert "stopping" in err and "stopped at once" not in err and "Traceback" not in err, err
    assert out.startswith("Stopped:"), out
    assert not [p for p in workers if processes.running(p)]
    kept = held(cluster)
    assert KILL_AT <= kept < ARTICLES
    rest = update_index(cluster.file)
    assert (rest.added, rest.unchanged, rest.failed) == (ARTICLES - kept, kept, [])


def test_a_second_ctrl_c_stops_at_once_while_a_shard_hangs(cluster, write_articles, processes,
                                                             tmp_path: Path) -> None:
    """The first Ctrl+C commits what was sent, which waits on a shard that hangs;
    the second must end the run then and there (before, it waited for the hung
    shard as long as a write may take), leaving no analysing process, and the
    articles sent are kept."""
    proc = _paused_run(cluster.file, write_articles, tmp_path)
    hung = cluster.config.shards[0]
    workers = processes.workers(proc.pid)
    assert workers
    cluster.servers.pause(hung)
    _stop_twice(proc, processes, workers)
    assert not [p for p in workers if processes.running(p)]
    cluster.servers.resume(hung)
    # Each server commits what it had received when the connection dropped;
    # what waited in the frozen shard's queue was never sent.
    kept = held(cluster)
    assert 0 < kept <= KILL_AT
    rest = update_index(cluster.file)
    assert (rest.added, rest.unchanged, rest.failed) == (ARTICLES - kept, kept, [])
    assert held(cluster) == ARTICLES


# The CLI saying when it connects to a shard: the call waits for the server's
# greeting, without end when the server hangs (a signal's Python handler only
# runs once the call returns).
CONNECTING = CLI.replace("from searchapp.cli import main", """import xapian
connect = xapian.remote_open_writable
def traced(host, port, *args):
    print("connecting to", port, file=sys.stderr, flush=True)
    return connect(host, port, *args)
xapian.remote_open_writable = traced
from searchapp.cli import main""")


def test_a_second_ctrl_c_stops_a_run_stuck_in_a_call_to_a_hung_shard(
        cluster, write_articles, processes, tmp_path: Path) -> None:
    """Ctrl+C twice while the run's own thread waits inside Xapian for a shard
    that hangs (here, for its greeting): no Python runs on that thread until
    the call returns, so the run used to wait for ever; it stops at once, and
    the shards are as they were."""
    root = write_articles({f"a{i:03}.md": f"Текст номер {i}." for i in range(5)})
    hung = cluster.config.shards[0]
    cluster.servers.pause(hung)
    proc = _start(CONNECTING, root, cluster.file, tmp_path)
    _expect(proc, "connecting to", f"connecting to {hung.port}",
            "the run did not connect to the hung shard first")
    _stop_twice(proc, processes, [])
    cluster.servers.resume(hung)
    assert held(cluster) == 0
    assert update_index(cluster.file, [root]).added == 5


def test_analysers_end_when_their_run_is_killed(cluster, write_articles, processes,
                                                tmp_path: Path) -> None:
    """Killed with SIGKILL, a run left its analysing processes waiting for ever."""
    proc = _paused_run(cluster.file, write_articles, tmp_path)
    workers = processes.workers(proc.pid)
    _kill(proc)
    assert workers
    assert [w for w in workers if not processes.ends(w)] == []
