"""Indexing speed and index size of two git revisions, on the same folders.

Each revision is checked out into a temporary worktree and imported from
there (the installed package is bypassed); runs alternate A, B, A, B… so
that a noisy machine hurts both alike.  Reports each run and the medians.

    python bench/ab_index.py HEAD~1 HEAD /tmp/corpora/ru_news_articles /tmp/corpora/en_bbc
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Runs in a fresh interpreter with the revision's tree first on sys.path.
_CHILD = """
import json, sys, time
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from searchapp.core.indexer import update_index
if __name__ == "__main__":
    started = time.perf_counter()
    report = update_index(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
    seconds = time.perf_counter() - started
    size = sum(f.stat().st_size for f in Path(sys.argv[2]).iterdir())
    print(json.dumps({"articles": report.added, "seconds": seconds, "bytes": size}))
"""


@contextlib.contextmanager
def worktree(rev: str, tree: Path) -> Iterator[Path]:
    """``rev`` checked out at ``tree`` (detached), removed afterwards."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(tree), rev],
                   check=True)
    try:
        yield tree
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                       check=False)


def run(tree: Path, folders: list[Path], work: Path) -> dict[str, float]:
    index_dir = work / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    script = work / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script), str(tree), str(index_dir), *map(str, folders)],
        check=True, capture_output=True, text=True, cwd=work,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev_a")
    ap.add_argument("rev_b")
    ap.add_argument("folders", type=Path, nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ab-index-") as tmp, \
            worktree(args.rev_a, Path(tmp) / "tree-0") as tree_a, \
            worktree(args.rev_b, Path(tmp) / "tree-1") as tree_b:
        work = Path(tmp)
        trees = {args.rev_a: tree_a, args.rev_b: tree_b}
        results: dict[str, list[dict[str, float]]] = {rev: [] for rev in trees}
        for i in range(args.runs):
            for rev, tree in trees.items():
                r = run(tree, [f.resolve() for f in args.folders], work)
                results[rev].append(r)
                print(f"run {i + 1} {rev:>10}: {r['articles'] / r['seconds']:7.1f} articles/s, "
                      f"{r['bytes'] / 2**20:6.1f} MB", flush=True)
        medians = {
            rev: (statistics.median(r["articles"] / r["seconds"] for r in rs),
                  statistics.median(r["bytes"] / 2**20 for r in rs))
            for rev, rs in results.items()
        }
        (a_speed, a_size), (b_speed, b_size) = medians[args.rev_a], medians[args.rev_b]
        print(f"medians: {args.rev_a} {a_speed:.0f} articles/s, {a_size:.1f} MB; "
              f"{args.rev_b} {b_speed:.0f} articles/s, {b_size:.1f} MB; "
              f"B/A speed {b_speed / a_speed:.2f}, size {b_size / a_size:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
