"""Import time of a module in two git revisions (the window's by default).

Each revision is exported (``git archive``) into a temporary folder and
imported from there in a fresh interpreter (the installed package is
bypassed) under ``python -X importtime``; runs alternate A, B, A, B… so that
a noisy machine hurts both alike.  Reports the medians of the module's
cumulative import time and which core modules and heavy libraries it loaded.

    python bench/import_time.py main HEAD
    python bench/import_time.py main HEAD --module searchapp.core --runs 21
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("whoosh", "pymorphy3", "PySide6", "xapian")

# Runs in a fresh interpreter with the revision's tree first on sys.path.
_CHILD = """
import json, sys
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, sys.argv[1])
__import__(sys.argv[2])  # importlib.import_module is not timed by -X importtime
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[3:]))
core = sum(1 for m in sys.modules if m.startswith("searchapp.core."))
print(json.dumps({"heavy": loaded, "core_modules": core}))
"""


def export(rev: str, into: Path) -> Path:
    """The tree of ``rev`` written out under ``into``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def run(tree: Path, module: str, work: Path) -> tuple[float, str]:
    """The module's cumulative import time (ms) and what it loaded."""
    script = work / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), str(tree), module, *HEAVY],
        check=True, capture_output=True, text=True, cwd=work,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    pattern = re.compile(rf"^import time:\s+\d+ \|\s+(\d+) \| {re.escape(module)}$", re.M)
    times = [int(m) for m in pattern.findall(done.stderr)]
    return times[-1] / 1000, done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev_a")
    ap.add_argument("rev_b")
    ap.add_argument("--module", default="searchapp.ui.mainwindow")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-time-") as tmp:
        work = Path(tmp)
        trees = {rev: export(rev, work / f"tree-{i}") for i, rev in
                 enumerate((args.rev_a, args.rev_b))}
        times: dict[str, list[float]] = {rev: [] for rev in trees}
        loaded: dict[str, str] = {}
        for _ in range(args.runs):
            for rev, tree in trees.items():
                ms, loaded[rev] = run(tree, args.module, work)
                times[rev].append(ms)
        for rev in trees:
            print(f"{rev:>10}: median {statistics.median(times[rev]):7.1f} ms "
                  f"(min {min(times[rev]):.1f}) over {args.runs} runs; loaded {loaded[rev]}")
        a, b = (statistics.median(times[rev]) for rev in (args.rev_a, args.rev_b))
        print(f"{args.module}: B/A {b / a:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
