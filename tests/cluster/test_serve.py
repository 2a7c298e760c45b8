"""``python -m searchapp.core.cluster.serve``, as a team runs it: a server
that dies is named and started again, one that cannot start is tried again,
and Ctrl+C stops every server even when the shell started it in the
background with SIGINT ignored."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import xapian

from searchapp.core.backend import open_backend
from searchapp.core.cluster.config import load_cluster, write_cluster
from searchapp.core.cluster.serve import free_port
from searchapp.core.indexer import update_index
from searchapp.core.results import SearchRequest

pytestmark = pytest.mark.cluster

HANG_GUARD = 60.0  # seconds: fails instead of hanging when a line never comes


class Serve:
    """The serve command in a process of its own; its output read line by line."""

    def __init__(self, cluster_file: Path, *, sigint_ignored: bool = False) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "searchapp.core.cluster.serve", str(cluster_file)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
            if sigint_ignored else None,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.pids: dict[str, int] = {}  # shard label → its server's pid
        for line in self.until("Serving"):
            m = re.match(r"shard (.+?): .* \(started, pid (\d+)\)$", line)
            if m:
                self.pids[m[1]] = int(m[2])

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, start: str) -> list[str]:
        """The lines said up to the first one starting with ``start``."""
        said: list[str] = []
        while not said or not said[-1].startswith(start):
            try:
                said.append(self.lines.get(timeout=HANG_GUARD))
            except queue.Empty:
                pytest.fail(f"serve never said {start!r}; it said {said}")
        return said

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait()
        self._reader.join()
        assert self.proc.stdout is not None
        self.proc.stdout.close()


@pytest.fixture
def cluster_file(tmp_path: Path) -> Path:
    file = tmp_path / "cluster.toml"
    write_cluster(file, [("127.0.0.1", free_port(), tmp_path / "shards" / f"s{i}")
                         for i in (1, 2, 3)], 2000)
    return file


@pytest.fixture
def serve(cluster_file: Path) -> Iterator[Serve]:
    running = Serve(cluster_file)
    try:
        yield running
    finally:
        running.stop()


def _group(pgid: int) -> list[int]:
    """The live processes of a process group."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")


def test_a_server_that_dies_is_started_again_and_the_results_are_whole(
        serve: Serve, cluster_file: Path, corpus: Path) -> None:
    assert update_index(cluster_file, [corpus]).added == 95
    whole = open_backend(cluster_file).search(SearchRequest(query="миграция"))
    victim = load_cluster(cluster_file).shards[1].label
    os.kill(serve.pids[victim], signal.SIGKILL)
    said = serve.until(f"shard {victim}: server started again")
    assert f"shard {victim}: its server ended (killed by SIGKILL); starting it again in 1 s" \
        in said
    again = open_backend(cluster_file).search(SearchRequest(query="миграция"))
    assert (again.total, again.notices) == (whole.total, ()) and whole.total > 0
    assert serve.proc.poll() is None


def test_a_server_that_cannot_start_is_named_and_tried_again(
        serve: Serve, cluster_file: Path) -> None:
    shard = load_cluster(cluster_file).shards[0]
    moved = shard.path.with_name("moved")
    shard.path.rename(moved)
    shard.path.write_text("not a database")  # its folder cannot be made
    os.kill(serve.pids[shard.label], signal.SIGKILL)
    said = serve.until(f"shard {shard.label}: could not start its server")
    assert said[-1].endswith("trying again in 2 s")
    shard.path.unlink()
    moved.rename(shard.path)
    serve.until(f"shard {shard.label}: server started again")
    assert open_backend(cluster_file).search(SearchRequest(query="x")).notices == ()


def test_ctrl_c_stops_every_server_even_started_with_sigint_ignored(cluster_file: Path) -> None:
    running = Serve(cluster_file, sigint_ignored=True)  # what "serve &" gets from sh
    try:
        assert len(running.pids) == 3 and all(map(_alive, running.pids.values()))
        running.proc.send_signal(signal.SIGINT)
        assert running.proc.wait(timeout=HANG_GUARD) == 0
        assert not any(map(_alive, running.pids.values()))
    finally:
        running.stop()


def test_a_second_serve_of_the_same_cluster_is_one_line_and_leaves_the_first(
        serve: Serve, cluster_file: Path) -> None:
    second = subprocess.run(
        [sys.executable, "-m", "searchapp.core.cluster.serve", str(cluster_file)],
        capture_output=True, text=True, timeout=HANG_GUARD)
    assert second.returncode == 2
    assert second.stderr.count("\n") == 1 and second.stderr.endswith("already in use\n")
    assert all(map(_alive, serve.pids.values())) and serve.lines.empty()


def test_the_shards_of_this_machine_are_started_by_address_not_by_name(tmp_path: Path) -> None:
    """A team's cluster file names hosts by their addresses: 127.0.0.2 is this
    machine (all of 127/8 is), 192.0.2.1 (TEST-NET-1) never is."""
    file = tmp_path / "cluster.toml"
    port = free_port()
    write_cluster(file, [("127.0.0.2", port, tmp_path / "s1"),
                         ("192.0.2.1", port, tmp_path / "s2")], 2000)
    running = Serve(file)
    try:
        assert list(running.pids) == [f"s1 (127.0.0.2:{port})"]
        xapian.remote_open("127.0.0.2", port, 2000).close()
    finally:
        running.stop()
    assert not _alive(running.pids[f"s1 (127.0.0.2:{port})"])


def test_a_server_killed_alone_does_not_leave_its_connection_holding_the_shard(
        serve: Serve, cluster_file: Path) -> None:
    """tcpsrv serves each connection in a child of its own, which outlived a
    server killed alone (the OOM killer picks one process) and kept the write
    lock: the server started again could take no writer."""
    shard = load_cluster(cluster_file).shards[2]
    held = xapian.remote_open_writable(shard.host, shard.port, 10_000, 2000)  # a run's connection
    try:
        old = serve.pids[shard.label]
        assert len(_group(old)) == 2  # the server and the child serving ``held``
        os.kill(old, signal.SIGKILL)  # the server, not its child
        said = serve.until(f"shard {shard.label}: server started again")
        # Started again at once: the child is gone with its lock (before, the new
        # server could not open the shard until the child idled out after 60 s).
        assert [line for line in said if "could not start" in line] == []
        assert _group(old) == []
        writer = xapian.remote_open_writable(shard.host, shard.port, 10_000, 2000)
        writer.add_document(xapian.Document())
        writer.commit()
        writer.close()
    finally:
        with contextlib.suppress(xapian.Error):
            held.close()
