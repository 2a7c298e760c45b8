"""What an article costs a cluster's indexing, in CPU time: our analysis
(reading a file into a Xapian document) and Xapian's writing of it.

    python bench/xapian_write_cost.py [--articles 3000] [--batch 5000] [--onto SHARD] [--replace]
                                      [--positions-cost ROUNDS] [CORPUS_DIR...]

Reads ``--articles`` files of the corpora (default: every folder under
/tmp/corpora, taken in turn), times making their documents in this process
(a warm vocabulary after the first pass: the cost per article in a long run),
then adds them to a fresh local shard database, committing every ``--batch``
documents (a 4-shard run commits every 20,000 articles or minute: up to
5,000 per shard), and
prints CPU milliseconds per article for each step, with the Xapian version.
With ``--onto``, the documents are added to a copy of that shard database
instead (e.g. ``/tmp/cm1m/shards/s1``, a quarter of the million), and the
gigabytes the writing process wrote are printed too: a commit writes every
block its batch changed, which is what grows with the shard.
With ``--replace``, each is written with ``replace_document`` by its key
term (what a run does for an article the shard already holds) instead of
``add_document``.  With ``--positions-cost ROUNDS``, the documents are then
written ROUNDS more times into fresh databases, with their positions and
without them (the same terms and counts) in turn: what Xapian spends on the
positions that phrase searches need.
The sum bounds a loopback cluster's indexing rate: N cores / (analysis +
writing) articles per second, whoever does the writing (client or server).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import xapian

from searchapp.core.cluster.analysers import _analyse
from searchapp.core.cluster.documents import KEY, article_key
from searchapp.core.morphology import is_key_term

CORPORA = Path("/tmp/corpora")


def files_of(folders: list[Path], count: int) -> list[str]:
    """``count`` files, taken from the folders in turn (so every language is in)."""
    lists = [sorted(str(p) for p in f.rglob("*") if p.is_file()) for f in folders]
    mixed = [p for group in itertools.zip_longest(*lists) for p in group if p]
    return mixed[:count]


def term_kinds(docs: list[bytes]) -> dict[str, float]:
    """Distinct terms per document by kind: the words of the body and of the
    title (lemmas, stems), name keys, and the rest (source, language, key)."""
    counts: Counter[str] = Counter()
    for data in docs:
        doc = xapian.Document.unserialise(data)  # held: its term list reads from it
        for item in doc.termlist():
            term = item.term.decode("utf-8", "surrogateescape")
            field = {"B": "body", "T": "title"}.get(term[:1])
            if field is None:
                counts["other"] += 1
            else:
                counts[f"{field} {'name keys' if is_key_term(term[1:]) else 'words'}"] += 1
    return {k: v / max(len(docs), 1) for k, v in sorted(counts.items())}


def write(docs: list[tuple[str, bytes]], batch: int, *, onto: Path | None = None,
          replace: bool = False) -> tuple[float, float, int]:
    """Add ``docs`` to a fresh database (or a copy of ``onto``), committing
    every ``batch``: CPU seconds, gigabytes written, documents held before."""
    where = Path(tempfile.mkdtemp(prefix="xapian-write-cost-"))
    try:
        if onto:
            shutil.copytree(onto, where / "shard")
        db = xapian.WritableDatabase(str(where / "shard"), xapian.DB_CREATE_OR_OPEN)
        held = db.get_doccount()
        blocks = resource.getrusage(resource.RUSAGE_SELF).ru_oublock
        started = time.process_time()
        for i, (path, data) in enumerate(docs, 1):
            doc = xapian.Document.unserialise(data)
            if replace:
                db.replace_document(KEY + article_key(path), doc)
            else:
                db.add_document(doc)
            if i % batch == 0:
                db.commit()
        db.commit()
        db.close()
        seconds = time.process_time() - started
        written = (resource.getrusage(resource.RUSAGE_SELF).ru_oublock - blocks) * 512 / 1e9
    finally:
        shutil.rmtree(where, ignore_errors=True)
    return seconds, written, held


def without_positions(data: bytes) -> bytes:
    """A serialised document again, its terms (with their counts), values and
    data kept and their positions dropped."""
    doc = xapian.Document.unserialise(data)
    bare = xapian.Document()
    for item in doc.termlist():
        bare.add_term(item.term, item.wdf)
    for value in doc.values():
        bare.add_value(value.num, value.value)
    bare.set_data(doc.get_data())
    return bytes(bare.serialise())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--onto", type=Path, default=None)
    ap.add_argument("--replace", action="store_true")
    ap.add_argument("--positions-cost", type=int, default=0, metavar="ROUNDS")
    args = ap.parse_args()
    folders = args.corpora or sorted(p for p in CORPORA.iterdir() if p.is_dir())
    files = files_of(folders, args.articles)
    if not files:
        sys.exit(f"no articles in {', '.join(map(str, folders))}")
    passes: list[float] = []
    docs: list[tuple[str, bytes]] = []  # path, serialised document
    for _ in range(2):  # the first pass fills the vocabulary; the second is timed
        docs = []
        started = time.process_time()
        for path in files:
            _, doc, _ = _analyse(path, (0, 0))
            if doc is not None:
                docs.append((path, doc.serialise()))
        passes.append(time.process_time() - started)
    kinds = term_kinds([data for _, data in docs[:500]])
    writing, written, held = write(docs, args.batch, onto=args.onto, replace=args.replace)
    n = len(docs)
    print(f"Xapian {xapian.version_string()}, {n} articles, "
          f"{sum(kinds.values()):.0f} distinct terms each (first 500)")
    print("  of which " + ", ".join(f"{k} {v:.1f}" for k, v in kinds.items()))
    print(f"analysis, cold vocabulary: {passes[0] / n * 1000:.2f} ms CPU per article")
    print(f"analysis, warm vocabulary: {passes[1] / n * 1000:.2f} ms CPU per article")
    how = "replace_document" if args.replace else "add_document"
    print(f"Xapian writing ({how}, commit every {args.batch}, onto {held} documents): "
          f"{writing / n * 1000:.2f} ms CPU per article, {written:.2f} GB written")
    if args.positions_cost:
        bare = [(path, without_positions(data)) for path, data in docs]
        times: dict[str, list[float]] = {"with positions": [], "without": []}
        for _ in range(args.positions_cost):
            for label, which in (("with positions", docs), ("without", bare)):
                times[label].append(write(which, args.batch)[0] / n * 1000)
        print(f"Xapian writing into fresh databases, {args.positions_cost} rounds in turn, "
              "ms CPU per article: " + "; ".join(
                  f"{label} " + " / ".join(f"{t:.2f}" for t in ts) for label, ts in times.items()))
    print(f"bound on 2 cores, warm: {2000 / (passes[1] / n * 1000 + writing / n * 1000):.0f} "
          "articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
