"""Shared fixtures.  GUI tests run offscreen; the core tests need no display."""

from __future__ import annotations

import os
import select
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from searchapp.core.indexer import update_index
from searchapp.core.paths import SEEDS_DIR

SEED_002 = "002_13e197d8ebd46593.txt"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the five bundled seeds, built once per session.  Read-only."""
    index_dir = tmp_path_factory.mktemp("seed-index")
    report = update_index(index_dir, [SEEDS_DIR])
    assert report.added == 5 and not report.failed
    return index_dir


@pytest.fixture
def write_articles(tmp_path: Path):
    """Write ``{name: text}`` into a fresh folder and return it."""

    def write(files: dict[str, str], folder: str = "articles") -> Path:
        root = tmp_path / folder
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return write


class Processes:
    """Processes as /proc tells them: for tests that stop a run and check that
    no analysing or indexing worker is left behind."""

    @staticmethod
    def children(pid: int) -> list[int]:
        """Processes whose parent is ``pid``."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
        return found

    @staticmethod
    def running(pid: int) -> bool:
        try:
            return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
        except OSError:
            return False

    @staticmethod
    def is_worker(pid: int) -> bool:
        """A multiprocessing "spawn" worker (not its resource tracker)."""
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
        return b"spawn_main" in cmdline and b"resource_tracker" not in cmdline

    @staticmethod
    def ends(pid: int) -> bool:
        """Wait until process ``pid`` (not a child of ours) has ended: True, or
        False if it is still there after a hang guard of a minute."""
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            return True
        try:
            return bool(select.select([fd], [], [], 60)[0])  # readable once it has ended
        finally:
            os.close(fd)

    def workers(self, pid: int) -> list[int]:
        """The spawn workers of process ``pid``."""
        return [p for p in self.children(pid) if self.is_worker(p)]


@pytest.fixture
def processes() -> Processes:
    if not Path("/proc/self/stat").exists():
        pytest.skip("reads /proc")
    return Processes()
