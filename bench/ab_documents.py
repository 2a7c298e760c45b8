"""CPU of making cluster documents (read, analyse, serialise) at two git
revisions, measured chunk by chunk in turn.

Each revision is checked out into a temporary worktree and runs in a process
of its own that stays up; after a pass that warms both vocabularies, the two
processes take turns on chunks of ``--chunk`` files (A then B, then B then A,
…), so a VM whose speed drifts from one minute to the next slows both alike.
Prints CPU milliseconds per article for each and in how many chunks B was
the cheaper.

    python bench/ab_documents.py 41efe1c HEAD [--articles 8000] [--rounds 3] [CORPUS_DIR...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ab_index import worktree
from xapian_write_cost import CORPORA, files_of

# Answers each chunk number read on stdin with the CPU seconds it took.
_CHILD = """
import json, sys, time
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, sys.argv[1])
from searchapp.core.cluster.analysers import _analyse_job
files = [(p, (0, 0)) for p in json.loads(open(sys.argv[2]).read())]
size = int(sys.argv[3])
started = time.process_time()
_analyse_job(files)
print(time.process_time() - started, flush=True)
for line in sys.stdin:
    chunk = files[int(line) * size:(int(line) + 1) * size]
    started = time.process_time()
    _analyse_job(chunk)
    print(time.process_time() - started, flush=True)
"""


def _start(tree: Path, listing: Path, chunk: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _CHILD, str(tree), str(listing), str(chunk)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _answer(proc: subprocess.Popen[str], chunk: int | None = None) -> float:
    """CPU seconds of the first pass, or of ``chunk`` asked for now."""
    assert proc.stdin is not None and proc.stdout is not None
    if chunk is not None:
        proc.stdin.write(f"{chunk}\n")
        proc.stdin.flush()
    return float(proc.stdout.readline())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--articles", type=int, default=8000)
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    folders = args.corpora or sorted(p for p in CORPORA.iterdir() if p.is_dir())
    files = files_of(folders, args.articles)
    with tempfile.TemporaryDirectory(prefix="ab-documents-") as tmp, \
            worktree(args.a, Path(tmp) / "a") as tree_a, \
            worktree(args.b, Path(tmp) / "b") as tree_b:
        listing = Path(tmp) / "files.json"
        listing.write_text(json.dumps(files))
        procs = [_start(tree, listing, args.chunk) for tree in (tree_a, tree_b)]
        try:
            cold = [_answer(p) for p in procs]
            spent: list[list[float]] = [[], []]
            chunks = (len(files) + args.chunk - 1) // args.chunk
            for turn in range(args.rounds * chunks):
                for who in ((0, 1) if (turn + turn // chunks) % 2 == 0 else (1, 0)):
                    spent[who].append(_answer(procs[who], turn % chunks))
        finally:
            for p in procs:
                p.communicate("")
    n = len(files) * args.rounds
    cheaper = sum(b < a for a, b in zip(*spent, strict=True))
    for name, first, times in zip((args.a, args.b), cold, spent, strict=True):
        print(f"{name}: first pass {first / len(files) * 1000:.3f} ms per article, "
              f"warm {sum(times) / n * 1000:.3f} ms per article")
    print(f"{args.b} cheaper in {cheaper} of {len(spent[0])} chunks; "
          f"B/A {sum(spent[1]) / sum(spent[0]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
