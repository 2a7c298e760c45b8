"""Where an indexing run's time goes: its phases, and a segment's two halves.

    python bench/index_phases.py FOLDER [FOLDER...] [--index DIR] [--segment-runs 2]
                                 [--phases | --no-phases] [--block-pickle 2,5]

Rebuilds an index of the folders with ``update_index`` as the CLI does and
prints when each phase of the run began (scanning, indexing — reading and
sending to the workers —, committing — the workers' last jobs, their
segments, the table of contents), then, in this one process, the CPU seconds
of gathering every other article's postings (``BulkSegmentWriter.add_document``)
and of writing them as one segment, ``--segment-runs`` times (the first run
analyses a cold vocabulary), with the cyclic garbage collector off as in the
indexing workers, and the size of its postings file.  ``--block-pickle 2,5``
writes the segment once with each pickle protocol for the blocks in turn, run
after run (``segment_writer.BLOCK_PICKLE``; Whoosh's own is 2).
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from searchapp.core import segment_writer, store
from searchapp.core.indexer import update_index
from searchapp.core.ingest import iter_article_files, read_article
from searchapp.core.progress import Progress
from searchapp.core.schema import whoosh_fields
from searchapp.core.segment_writer import BulkSegmentWriter


class TimedProgress(Progress):
    """Prints the moment each phase begins, counted from ``started``."""

    def __init__(self, started: float) -> None:
        self.started = started
        super().__init__()

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "phase" and getattr(self, "phase", None) != value:
            print(f"{time.perf_counter() - self.started:7.2f} s  {value}", flush=True)
        super().__setattr__(name, value)


def run_phases(folders: list[Path], index: Path) -> None:
    shutil.rmtree(index, ignore_errors=True)
    started = time.perf_counter()
    report = update_index(index, folders, progress=TimedProgress(started))
    print(f"{time.perf_counter() - started:7.2f} s  {report.added} articles indexed", flush=True)


def segment_halves(folders: list[Path], work: Path, runs: int,
                   protocols: tuple[int, ...] = ()) -> None:
    paths = sorted(iter_article_files(folders, skipped=[]))[::2]
    docs = []
    for path in paths:
        st = path.stat()
        docs.append(whoosh_fields(read_article(path), (st.st_mtime_ns, st.st_size)))
    gc.disable()  # as in the indexing workers (searchapp/core/index_workers.py)
    for run in range(1, runs + 1):
        for protocol in protocols or (segment_writer.BLOCK_PICKLE,):
            segment_writer.BLOCK_PICKLE = protocol
            gc.collect()
            shutil.rmtree(work, ignore_errors=True)
            store.create(work)
            writer = BulkSegmentWriter(store.open_index(work), compound=False)
            cpu = time.process_time()
            for fields in docs:
                writer.add_document(**fields)
            gathered = time.process_time()
            terms = sum(len(t) for t in writer._terms.values())
            writer.commit()
            written = time.process_time()
            postings = sum(f.stat().st_size for f in work.glob("*.pst")) / 1e6
            print(f"one process, run {run}, blocks at protocol {protocol}: {len(docs)} articles, "
                  f"{terms} terms: gathering {gathered - cpu:.2f} s, writing the segment "
                  f"{written - gathered:.2f} s of CPU; postings {postings:.1f} MB", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--index", type=Path, default=None)
    ap.add_argument("--segment-runs", type=int, default=2)
    ap.add_argument("--phases", action=argparse.BooleanOptionalAction, default=True,
                    help="time an indexing run's phases first")
    ap.add_argument("--block-pickle", default="",
                    help="protocols to write the segment with in turn, e.g. 2,5")
    args = ap.parse_args()
    protocols = tuple(int(p) for p in args.block_pickle.split(",") if p)
    with tempfile.TemporaryDirectory(prefix="index-phases-") as tmp:
        if args.phases:
            run_phases(args.folders, args.index or Path(tmp) / "index")
        segment_halves(args.folders, Path(tmp) / "segment", args.segment_runs, protocols)
    return 0


if __name__ == "__main__":
    sys.exit(main())
