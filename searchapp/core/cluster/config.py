"""The cluster file and the placement of articles on shards.

A cluster file is TOML::

    timeout_ms = 2000          # a shard that does not answer in this time is left out

    [[shard]]
    name = "s1"                # optional, shown in notices (default: host:port)
    host = "127.0.0.1"
    port = 33301
    path = "shards/s1"         # the database on the shard's host (for its server);
                               # relative to the cluster file

An article goes to shard ``blake2b(path) mod N``: stable across runs and
machines, so a changed file replaces its old version on the same shard.
Changing the number of shards needs a rebuild.
"""

from __future__ import annotations

import difflib
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from searchapp.core.errors import IndexMissingError, UsageError

DEFAULT_TIMEOUT_MS = 2000
CLUSTER_KEYS = ("timeout_ms", "shard")
SHARD_KEYS = ("name", "host", "port", "path")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
XAPIAN_MISSING = (
    "the Xapian bindings are not installed: install the cluster extra "
    "(pip install 'searchapp[cluster]')"
)


class ClusterDownError(IndexMissingError):
    """No shard of the cluster answered."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One shard: where its server listens and where its database lives on its host."""

    index: int
    name: str
    host: str
    port: int
    path: Path

    @property
    def label(self) -> str:
        address = f"{self.host}:{self.port}"
        return self.name if self.name == address else f"{self.name} ({address})"


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """A cluster file, read."""

    file: Path
    shards: tuple[Shard, ...]
    timeout_ms: int = DEFAULT_TIMEOUT_MS

    def shard_of(self, path: str) -> Shard:
        """The shard the article at ``path`` lives on."""
        digest = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=8)
        return self.shards[int.from_bytes(digest.digest(), "big") % len(self.shards)]


def require_xapian() -> None:
    """Raise :class:`UsageError` (one line) when ``import xapian`` fails."""
    try:
        import xapian  # noqa: F401
    except ImportError:
        raise UsageError(XAPIAN_MISSING) from None


def load_cluster(file: Path) -> ClusterConfig:
    """Read a cluster file.  Raises :class:`UsageError` saying what is wrong."""
    file = Path(file).expanduser().absolute()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{file}: no such cluster file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{file}: cannot read the cluster file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{file}: not a valid cluster file ({exc})") from None
    _known_keys(file, data, CLUSTER_KEYS, "the cluster file")
    entries = data.get("shard")
    if not isinstance(entries, list) or not entries:
        raise UsageError(f"{file}: the cluster file lists no [[shard]]")
    shards = tuple(_shard(file, i, entry) for i, entry in enumerate(entries))
    _no_repeats(file, shards)
    timeout = data.get("timeout_ms", DEFAULT_TIMEOUT_MS)
    if not isinstance(timeout, int) or timeout <= 0:
        raise UsageError(f"{file}: timeout_ms must be a positive whole number")
    return ClusterConfig(file, shards, timeout)


def _shard(file: Path, i: int, entry: object) -> Shard:
    if not isinstance(entry, dict):
        raise UsageError(f"{file}: shard {i + 1} is not a table")
    _known_keys(file, entry, SHARD_KEYS, f"shard {i + 1}")
    host, port = entry.get("host"), entry.get("port")
    if not isinstance(host, str) or not host:
        raise UsageError(f"{file}: shard {i + 1} has no host")
    if not isinstance(port, int) or not 0 < port < 65536:
        raise UsageError(f"{file}: shard {i + 1} has no valid port")
    path = Path(str(entry.get("path", f"shard{i + 1}"))).expanduser()
    name = str(entry.get("name") or f"{host}:{port}")
    return Shard(i, name, host, port, path if path.is_absolute() else file.parent / path)


def _known_keys(file: Path, table: dict[str, object], known: tuple[str, ...],
                where: str) -> None:
    """A key the app does not know is a typing slip (``timeout = 500``, ``prot``)
    that would be passed over without a word: say which, and what it may be."""
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "it may have " + ", ".join(known)
            raise UsageError(f"{file}: {where} has an unknown key '{key}' ({hint})")


def _no_repeats(file: Path, shards: tuple[Shard, ...]) -> None:
    """A shard listed twice (a copied block whose port was not changed) would
    show each of its articles twice and take two shares of the placement."""
    seen_at: dict[tuple[str, int], Shard] = {}
    seen_path: dict[tuple[str, Path], Shard] = {}
    for shard in shards:
        host = "this machine" if _loopback(shard.host) else shard.host.lower()
        first = seen_at.setdefault((host, shard.port), shard)
        if first is not shard:
            raise UsageError(f"{file}: shard {shard.index + 1} has the address of shard "
                             f"{first.index + 1} ({shard.host}:{shard.port}): give it its own port")
        first = seen_path.setdefault((host, shard.path), shard)
        if first is not shard:
            raise UsageError(f"{file}: shard {shard.index + 1} has the database of shard "
                             f"{first.index + 1} ({shard.path}): give it its own path")


def _loopback(host: str) -> bool:
    """``localhost``, ``::1`` or any 127.x.x.x: this machine, whoever reads the file."""
    host = host.lower()
    return host in LOCAL_HOSTS or host.startswith("127.")


def write_cluster(file: Path, shards: list[tuple[str, int, Path]], timeout_ms: int) -> None:
    """Write a cluster file for ``(host, port, path)`` shards, named s1, s2…"""
    file.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"timeout_ms = {timeout_ms}", ""]
    for i, (host, port, path) in enumerate(shards, 1):
        lines += ["[[shard]]", f'name = "s{i}"', f'host = "{host}"', f"port = {port}",
                  f"path = {_toml_str(str(path))}", ""]
    file.write_text("\n".join(lines), encoding="utf-8")


def _toml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
