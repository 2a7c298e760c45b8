"""A truncated or deleted segment file: a clear message, and a rebuild that works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.core.engine import SearchEngine
from searchapp.core.errors import IndexDamagedError
from searchapp.core.paths import PROJECT_ROOT
from searchapp.core.results import SearchRequest


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "searchapp", *args], capture_output=True, text=True,
        cwd=PROJECT_ROOT, timeout=120, env={**os.environ, "SEARCHAPP_INDEX": ""},
    )


# Whoosh leaves the file object of a segment it failed to read for the GC to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_damaged_segment(tmp_path: Path, damage: str) -> None:
    index = tmp_path / "ix"
    assert cli("index", "seeds", "--quiet", "--index", str(index)).returncode == 0
    if damage == "truncate":  # the postings of a segment, cut short
        postings = next(index.glob("*.pst"))
        with postings.open("r+b") as f:
            f.truncate(postings.stat().st_size // 3)
    else:  # a segment's term dictionary, gone
        next(index.glob("*.trm")).unlink()

    engine = SearchEngine(index)
    with pytest.raises(IndexDamagedError, match="damaged"):
        engine.search(SearchRequest(query="миграция"))
    engine.close()

    # A plain re-index reads only the columns: it notices a missing file, not cut postings.
    commands = [["search", "миграция"]] + ([["index", "--quiet"]] if damage == "delete" else [])
    for args in commands:
        done = cli(*args, "--index", str(index))
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "damaged" in done.stderr and "--rebuild" in done.stderr

    rebuilt = cli("index", "--rebuild", "--quiet", "--index", str(index))
    assert rebuilt.returncode == 0, rebuilt.stderr
    done = cli("search", "миграция", "--json", "--index", str(index))
    assert done.returncode == 0 and '"total": 1' in done.stdout
