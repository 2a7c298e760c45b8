"""Start ``xapian-tcpsrv`` for the shards of a cluster file on this machine.

    python -m searchapp.core.cluster.serve CLUSTER.toml     (Ctrl+C stops them)

Each local shard (host 127.0.0.1 or localhost) gets a writable server on its
port over its database path (created if missing), in a process group of its
own, so that stopping it ends the children serving open connections too.
Tests and the benchmark use :class:`LocalServers` the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import xapian

from searchapp.core.cluster.config import ClusterConfig, Shard, load_cluster, write_cluster
from searchapp.core.errors import UsageError

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
TCPSRV = "xapian-tcpsrv"


def tcpsrv_path() -> str | None:
    return shutil.which(TCPSRV)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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

    def __enter__(self) -> LocalServers:
        try:
            for shard in self.config.shards:
                if shard.host in LOCAL_HOSTS:
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
        xapian.WritableDatabase(str(shard.path), xapian.DB_CREATE_OR_OPEN).close()
        proc = subprocess.Popen(
            [program, "--writable", "--port", str(shard.port), "--interface", shard.host,
             str(shard.path)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        assert proc.stdout is not None
        said = b""
        for line in proc.stdout:  # "Starting writable server…", then "Listening..."
            said += line
            if line.startswith(b"Listening"):
                break
        else:
            proc.wait()
            raise UsageError(f"the server of shard {shard.label} did not start: "
                             f"{said.decode(errors='replace').strip()}")
        # Its further messages (one per connection) are read and dropped, or
        # a full pipe would stop the server.
        threading.Thread(target=_drain, args=(proc.stdout,), daemon=True).start()
        self.procs[shard.index] = proc

    def stop(self, shard: Shard) -> None:
        """Kill the shard's server with every connection it serves (its process group)."""
        proc = self.procs.pop(shard.index, None)
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

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


def _drain(stream: IO[bytes]) -> None:
    while stream.read(65536):
        pass
    stream.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m searchapp.core.cluster.serve CLUSTER.toml", file=sys.stderr)
        return 2
    try:
        config = load_cluster(Path(args[0]))
        with LocalServers(config) as servers:
            for shard in config.shards:
                where = "started" if shard.index in servers.procs else "not local, not started"
                print(f"shard {shard.label}: {shard.path} ({where})", flush=True)
            print("Serving; Ctrl+C stops the servers.", flush=True)
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            signal.pause()
    except UsageError as exc:
        print(f"serve: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
