"""Indexing killed with SIGKILL at 20 random moments: the index always opens and
answers, holds exactly the batches committed before the kill, and the next run
ends with every article indexed exactly once.

The moment is a random article count, not a random time: the run stops there
(a progress hook) and is killed, so every kill lands in the middle of real
work on a fast or a loaded machine alike."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from searchapp.core import store
from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import indexed_fingerprints, update_index
from searchapp.core.results import SearchRequest

KILLS = 20
ARTICLES = 1200

BATCH, PARALLEL_BATCH = 40, 150
RUN = f"""
import sys, threading
from pathlib import Path
import searchapp.core.indexer as ix
from searchapp.core.progress import Progress
ix.BATCH_DOCS = {BATCH}               # commit often: more moments between commits
ix.PARALLEL_MIN_DOCS = int(sys.argv[3])
ix.PARALLEL_BATCH_DOCS = {PARALLEL_BATCH}
KILL_AT = int(sys.argv[4])

def hold(progress):
    if progress.done == KILL_AT:
        print("held", flush=True)
        threading.Event().wait()

if __name__ == "__main__":
    ix.update_index(Path(sys.argv[1]), [Path(sys.argv[2])], progress=Progress(on_article=hold))
"""


def up_to_date(index: Path, root: Path) -> int:
    """Articles whose indexed fingerprint matches the file on disk."""
    if not (index / "searchapp.json").exists():
        return 0
    ix = store.open_index(index)
    try:
        known = indexed_fingerprints(ix)
    finally:
        ix.close()
    count = 0
    for path in root.rglob("*.md"):
        st = path.stat()
        count += known.get(str(path)) == (st.st_mtime_ns, st.st_size)
    return count


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
    files = sorted(root.rglob("*.md"))
    for kill in range(KILLS):
        # Give every run real work: a third of the articles change before it.
        for path in rng.sample(files, ARTICLES // 3):
            path.write_text(path.read_text(encoding="utf-8") + f"\nПравка {kill}.\n", "utf-8")
            os.utime(path, ns=(time.time_ns(), time.time_ns() + kill * 10**9))
        before = up_to_date(index, root)
        todo = ARTICLES - before
        kill_at = rng.randint(1, todo - 1)  # always in the middle of the run's work
        parallel = kill % 2 == 1  # every other run uses the parallel writer
        proc = subprocess.Popen(
            [sys.executable, str(script), str(index), str(root), "1" if parallel else "1000000",
             str(kill_at)],
            start_new_session=True, stdout=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline() == "held\n"
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, like a power cut
        proc.communicate()
        if (index / "searchapp.json").exists():
            total, paths, _ = answer(index, kill)  # opens and answers after every kill
            assert len(paths) == len(set(paths)) <= ARTICLES
            assert total == len(paths)
        batch = PARALLEL_BATCH if parallel else BATCH
        committed = (kill_at - 1) // batch * batch  # the batches before the kill, no more
        assert up_to_date(index, root) == before + committed, (kill, kill_at, parallel)
    report = update_index(index, [root])
    assert not report.failed
    total, paths, edited = answer(index, KILLS - 1)
    assert total == ARTICLES and edited == ARTICLES // 3
    assert len(paths) == len(set(paths)) == ARTICLES
