"""Start ``xapian-tcpsrv`` for the shards of a cluster file on this machine,
and keep them running.

    python -m searchapp.core.cluster.serve CLUSTER.toml     (Ctrl+C stops them)

Each shard of this machine (its host is an address of this machine: the
loopback, or this host's address in a team's cluster file) gets a writable server on its
port over its database path (created if missing), in a process group of its
own, so that stopping it ends the children serving open connections too.
A server that ends on its own (a crash, the OOM killer, a stray ``kill``) is
named and started again; one that cannot start, or ends again within a
minute, is tried again later, waiting twice as long each time up to five
minutes.  Tests and the benchmark use :class:`LocalServers` the same way.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import xapian

from searchapp.core.cluster.config import (
    LOCAL_HOSTS,
    ClusterConfig,
    Shard,
    load_cluster,
    write_cluster,
)
from searchapp.core.errors import UsageError

TCPSRV = "xapian-tcpsrv"
IDLE_TIMEOUT_MS = 600_000
"""How long a server keeps a connection that says nothing (Xapian's default: a
minute).  An indexing run's connection to a healthy shard idles while the run
waits on a hung one (up to ``xapian_index.WRITE_TIMEOUT_MS``, a minute) or on
big commits: dropped at a minute, the healthy shard was taken as lost."""


def tcpsrv_path() -> str | None:
    return shutil.which(TCPSRV)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_local(host: str) -> bool:
    """Whether ``host`` names this machine: one of its addresses can be bound."""
    if host in LOCAL_HOSTS:
        return True
    try:
        addresses = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    for family, _, _, _, address in addresses:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            try:
                s.bind((address[0], 0))
            except OSError:
                continue
            return True
    return False


def loopback_cluster(file: Path, shard_count: int, data_dir: Path,
                     timeout_ms: int = 2000) -> ClusterConfig:
    """Write a cluster file of ``shard_count`` shards on 127.0.0.1 (free
    ports, databases under ``data_dir``) and return it read."""
    write_cluster(file, [("127.0.0.1", free_port(), data_dir / f"s{i}")
                         for i in range(1, shard_count + 1)], timeout_ms)
    return load_cluster(file)


class LocalServers:
    """The servers of a cluster's local shards; a context manager that always
    stops them."""

    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self.procs: dict[int, subprocess.Popen[bytes]] = {}
        self.ended: queue.Queue[tuple[Shard, subprocess.Popen[bytes]]] = queue.Queue()
        """Servers that ended without :meth:`stop` (read by :func:`supervise`)."""

    def __enter__(self) -> LocalServers:
        try:
            for shard in self.config.shards:
                if is_local(shard.host):
                    self.start(shard)
        except BaseException:
            self.stop_all()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_all()

    def start(self, shard: Shard) -> None:
        """Start the shard's server; returns once it listens."""
        program = tcpsrv_path()
        if program is None:
            raise UsageError(f"{TCPSRV} is not installed (Debian: apt-get install xapian-tools)")
        shard.path.mkdir(parents=True, exist_ok=True)
        try:  # read-only: a writer holding the lock (a run) does not fail the check
            xapian.Database(str(shard.path)).close()
        except xapian.DatabaseOpeningError:
            xapian.WritableDatabase(str(shard.path), xapian.DB_CREATE_OR_OPEN).close()
        proc = subprocess.Popen(
            [program, "--writable", "--port", str(shard.port), "--interface", shard.host,
             "--idle-timeout", str(IDLE_TIMEOUT_MS), str(shard.path)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        assert proc.stdout is not None
        said, listening = b"", False
        try:
            for line in proc.stdout:  # "Starting writable server…", then "Listening..."
                said += line
                if line.startswith(b"Listening"):
                    listening = True
                    break
        except BaseException:  # Ctrl+C or SIGTERM meanwhile: no server left behind
            _kill_group(proc)
            raise
        if not listening:
            proc.wait()
            last = said.decode(errors="replace").strip().splitlines()[-1:]  # after "Starting…"
            raise UsageError(f"the server of shard {shard.label} did not start: "
                             f"{last[0] if last else f'exit status {proc.returncode}'}")
        # Its further messages (one per connection) are read and dropped, or
        # a full pipe would stop the server.
        threading.Thread(target=_drain, args=(proc.stdout,), daemon=True).start()
        self.procs[shard.index] = proc
        threading.Thread(target=self._watch, args=(shard, proc), daemon=True).start()

    def _watch(self, shard: Shard, proc: subprocess.Popen[bytes]) -> None:
        proc.wait()
        if self.procs.get(shard.index) is proc:  # not stopped by us
            self.ended.put((shard, proc))

    def stop(self, shard: Shard) -> None:
        """Kill the shard's server with every connection it serves (its process group)."""
        proc = self.procs.pop(shard.index, None)
        if proc is not None:
            _kill_group(proc)

    def pause(self, shard: Shard) -> None:
        """Freeze the shard's server (a host that hangs instead of refusing)."""
        os.killpg(self.procs[shard.index].pid, signal.SIGSTOP)

    def resume(self, shard: Shard) -> None:
        os.killpg(self.procs[shard.index].pid, signal.SIGCONT)

    def stop_all(self) -> None:
        for shard in self.config.shards:
            proc = self.procs.get(shard.index)
            if proc is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGCONT)
            self.stop(shard)


RAN_LONG = 60.0  # seconds: a server that ran this long is restarted at once when it ends
MAX_DELAY = 300.0


def supervise(servers: LocalServers, say: Callable[[str], None]) -> None:
    """Start again each server that ends on its own, saying so; never returns
    (Ctrl+C or SIGTERM ends it).  A server that cannot start, or ran less than
    :data:`RAN_LONG` seconds, is tried again after 1, 2, 4 … up to
    :data:`MAX_DELAY` seconds."""
    shards = {shard.index: shard for shard in servers.config.shards}
    started = {index: time.monotonic() for index in servers.procs}
    delay: dict[int, float] = {}
    due: dict[int, float] = {}  # shard → when to start it again
    while True:
        now = time.monotonic()
        try:
            shard, proc = servers.ended.get(
                timeout=max(min(due.values()) - now, 0.0) if due else None)
        except queue.Empty:
            pass
        else:
            if servers.procs.get(shard.index) is proc:
                del servers.procs[shard.index]
                # A child serving a connection outlives its server and holds the
                # shard's write lock: the server started again could not write.
                _kill_group(proc)
                ran = time.monotonic() - started.get(shard.index, 0.0)
                delay[shard.index] = 0.0 if ran >= RAN_LONG else _longer(delay.get(shard.index))
                due[shard.index] = time.monotonic() + delay[shard.index]
                later = f" in {delay[shard.index]:.0f} s" if delay[shard.index] else ""
                say(f"shard {shard.label}: its server ended ({_how(proc.returncode)}); "
                    f"starting it again{later}")
        for index, when in list(due.items()):
            if when > time.monotonic():
                continue
            del due[index]
            try:
                servers.start(shards[index])
            except (UsageError, OSError, xapian.Error) as exc:
                delay[index] = _longer(delay.get(index))
                due[index] = time.monotonic() + delay[index]
                say(f"shard {shards[index].label}: could not start its server ({exc}); "
                    f"trying again in {delay[index]:.0f} s")
            else:
                started[index] = time.monotonic()
                say(f"shard {shards[index].label}: server started again "
                    f"(pid {servers.procs[index].pid})")


def _longer(delay: float | None) -> float:
    return min(max(1.0, 2 * (delay or 0.0)), MAX_DELAY)


def _how(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill a server and the children serving its connections (its process
    group, which outlives it while they do)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _drain(stream: IO[bytes]) -> None:
    while stream.read(65536):
        pass
    stream.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m searchapp.core.cluster.serve CLUSTER.toml", file=sys.stderr)
        return 2
    # Started with "&" by a shell without job control, SIGINT arrives ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        config = load_cluster(Path(args[0]))
        with LocalServers(config) as servers:
            for shard in config.shards:
                proc = servers.procs.get(shard.index)
                where = (f"started, pid {proc.pid}" if proc
                         else "another machine's: start it there")
                print(f"shard {shard.label}: {shard.path} ({where})", flush=True)
            print("Serving; Ctrl+C stops the servers.", flush=True)
            supervise(servers, lambda line: print(line, flush=True))
    except UsageError as exc:
        print(f"serve: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
