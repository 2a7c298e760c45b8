"""What names across scripts cost at query time: each query with the switch on
and off, in alternating rounds (the machine is shared), medians and their ratio.

    python bench/names_cost.py INDEX_DIR [--rounds 11] [QUERY ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from searchapp.core.engine import SearchEngine
from searchapp.core.results import SearchRequest

QUERIES = ["Москве", "Путин Украина", "санкций против России", "Tokayev", "Moscow",
           "Kazakhstan oil", "президента России", "oil prices"]


def measure(engine: SearchEngine, queries: list[str], rounds: int) -> list[dict[str, object]]:
    times: dict[tuple[str, bool], list[float]] = {}
    totals: dict[tuple[str, bool], int] = {}
    for q in queries:  # warm the caches of both variants first
        for names in (True, False):
            totals[q, names] = engine.search(SearchRequest(query=q, names=names)).total
    for _ in range(rounds):
        for q in queries:
            for names in (True, False):
                started = time.perf_counter()
                engine.search(SearchRequest(query=q, names=names))
                times.setdefault((q, names), []).append((time.perf_counter() - started) * 1000)
    rows = []
    for q in queries:
        on, off = (statistics.median(times[q, n]) for n in (True, False))
        rows.append({"query": q, "on_ms": round(on, 1), "off_ms": round(off, 1),
                     "ratio": round(on / off, 2), "found_on": totals[q, True],
                     "found_off": totals[q, False]})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("queries", nargs="*", default=QUERIES)
    ap.add_argument("--rounds", type=int, default=11)
    args = ap.parse_args(argv)
    engine = SearchEngine(args.index)
    try:
        rows = measure(engine, args.queries, args.rounds)
    finally:
        engine.close()
    for r in rows:
        print(f"{r['query']:25s} on {r['on_ms']:7.1f} ms ({r['found_on']:6d})  "
              f"off {r['off_ms']:7.1f} ms ({r['found_off']:6d})  ×{r['ratio']:.2f}")
    print("median ratio", round(statistics.median(float(r["ratio"]) for r in rows), 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
