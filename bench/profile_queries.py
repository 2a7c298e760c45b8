"""Where the query time goes: a cProfile of the benchmark's plain queries.

    .venv/bin/python bench/profile_queries.py INDEX_DIR [--passes 3] [--top 30]
                                              [--out FILE] [--timing-only]

Runs the queries of ``bench/queries.py`` without filters, ``--passes`` times,
as the window asks (facets, the window's first page with snippets), clearing
the engine's per-searcher match cache before each query so every pass
does the full work, and prints the wall time and the functions with the most
cumulative time.  A measurement, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries import QUERIES

from searchapp.core.engine import SearchEngine
from searchapp.core.results import PAGE_SIZE, SearchRequest


def run(engine: SearchEngine, passes: int, clock=time.perf_counter) -> float:
    """Seconds for ``passes`` rounds of the plain queries, caches cleared."""
    plain = [q for q, _, filters in QUERIES if not filters]
    started = clock()
    for _ in range(passes):
        for query in plain:
            engine._current().matches.clear()
            engine.search(SearchRequest(query=query, limit=PAGE_SIZE, with_facets=True))
    return clock() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--timing-only", action="store_true", help="no profiled round")
    args = ap.parse_args(argv)
    engine = SearchEngine(args.index)
    stats = engine.stats()
    plain_seconds = run(engine, args.passes)
    if args.timing_only:  # CPU time too: less sensitive to a busy machine
        cpu_seconds = run(engine, args.passes, time.process_time)
        engine.close()
        print(f"{stats.articles:,} articles: {plain_seconds:.2f} s wall, "
              f"then {cpu_seconds:.2f} s CPU")
        return 0
    profile = cProfile.Profile()
    profile.enable()
    profiled_seconds = run(engine, args.passes)
    profile.disable()
    engine.close()
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(args.top)
    queries = sum(1 for _, _, f in QUERIES if not f)
    report = (
        f"{stats.articles:,} articles; {queries} plain queries x {args.passes}: "
        f"{plain_seconds:.2f} s without the profiler, {profiled_seconds:.2f} s with it\n"
        + text.getvalue()
    )
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
