"""Indexing killed with SIGKILL at 20 random moments: the index always opens and
answers, and the next run ends with every article indexed exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.results import SearchRequest

KILLS = 20
ARTICLES = 1200

RUN = """
import sys
from pathlib import Path
import searchapp.core.indexer as ix
ix.BATCH_DOCS = 40               # commit often: more moments between commits
ix.PARALLEL_MIN_DOCS = int(sys.argv[3])
ix.PARALLEL_BATCH_DOCS = 150
if __name__ == "__main__":
    ix.update_index(Path(sys.argv[1]), [Path(sys.argv[2])])
"""


def answer(index: Path, edit: int = -1) -> tuple[int, list[str], int]:
    """Hits for a word, all paths, and how many articles carry edit ``edit``."""
    engine = SearchEngine(index)
    try:
        resp = engine.search(SearchRequest(query="миграция", limit=5))
        edited = len(engine.matching_paths(f'"правка {edit}"'))
        return resp.total, engine.matching_paths(""), edited
    finally:
        engine.close()


@pytest.mark.slow
def test_twenty_kills(tmp_path: Path, write_articles) -> None:
    root = write_articles(
        {
            f"{i // 100:02}/a{i:04}.md": f"---\ntitle: Статья {i}\ndate: 2024-01-{1 + i % 28}\n"
            + "---\n"
            + "Текст о миграции и мигрантах номер {i}. " * 30
            for i in range(ARTICLES)
        }
    )
    index = tmp_path / "ix"
    script = tmp_path / "run.py"
    script.write_text(RUN)
    rng = random.Random(20261123)
    seen: list[int] = []  # articles updated by each killed run before it died
    files = sorted(root.rglob("*.md"))
    for kill in range(KILLS):
        # Give every run real work: a third of the articles change before it.
        for path in rng.sample(files, ARTICLES // 3):
            path.write_text(path.read_text(encoding="utf-8") + f"\nПравка {kill}.\n", "utf-8")
            os.utime(path, ns=(time.time_ns(), time.time_ns() + kill * 10**9))
        parallel_from = 1 if kill % 2 else 10**9  # every other run uses the parallel writer
        proc = subprocess.Popen(
            [sys.executable, str(script), str(index), str(root), str(parallel_from)],
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.5, 2.5))  # the random moment of the kill, not a wait
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, like a power cut
        proc.wait()
        if (index / "searchapp.json").exists():
            total, paths, edited = answer(index, kill)  # opens and answers after every kill
            assert len(paths) == len(set(paths)) <= ARTICLES
            assert total == len(paths)
            seen.append(edited)
    print("articles updated by each killed run:", seen)
    # The kills landed in the middle of real work, not only before or after it.
    assert sum(0 < n < ARTICLES // 3 for n in seen) >= KILLS // 4, seen
    report = update_index(index, [root])
    assert not report.failed
    total, paths, edited = answer(index, KILLS - 1)
    assert total == ARTICLES and edited == ARTICLES // 3
    assert len(paths) == len(set(paths)) == ARTICLES
