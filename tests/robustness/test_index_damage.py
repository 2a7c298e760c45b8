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
@pytest.mark.parametrize("damage", ["truncate", "delete", "stored", "postings end", "dates"])
def test_damaged_segment(tmp_path: Path, damage: str) -> None:
    index = tmp_path / "ix"
    assert cli("index", "seeds", "--quiet", "--index", str(index)).returncode == 0
    if damage == "delete":  # a segment's term dictionary, gone
        next(index.glob("*.trm")).unlink()
    else:  # the postings of a segment, its stored fields or its dates, cut short
        pattern = {"stored": "*._stored.col", "dates": "*.date.col"}.get(damage, "*.pst")
        cut = next(index.glob(pattern))
        with cut.open("r+b") as f:
            f.truncate(cut.stat().st_size - 16 if damage == "postings end"
                       else cut.stat().st_size // 3)

    engine = SearchEngine(index)
    with pytest.raises(IndexDamagedError, match="damaged"):
        engine.search(SearchRequest(query="миграция"))
    engine.close()

    # A run with nothing to do checks the index too: it said "5 unchanged" and exited 0
    # over cut postings or stored fields, which the search then refused.
    for args in (["search", "миграция"], ["index", "--quiet"], ["index", "seeds", "--quiet"]):
        done = cli(*args, "--index", str(index))
        assert done.returncode == 1 and "Traceback" not in done.stderr, args
        assert "damaged" in done.stderr and "--rebuild" in done.stderr, args
        assert len(done.stderr.strip().splitlines()) == 1, args

    rebuilt = cli("index", "--rebuild", "--quiet", "--index", str(index))
    assert rebuilt.returncode == 0, rebuilt.stderr
    done = cli("search", "миграция", "--json", "--index", str(index))
    assert done.returncode == 0 and '"total": 1' in done.stdout
