"""A 4-shard Xapian cluster on this machine vs one Whoosh index.

Builds an archive of N articles from the corpora (each file copied as often as
needed, every copy with a marker line so that no two are alike), indexes it
into a Whoosh index and into a loopback cluster (one ``xapian-tcpsrv`` per
shard, started here and stopped at the end), then asks both what the window
asks: a search with facets and the first page with snippets.

    python bench/cluster_bench.py --articles 100000 [--shards 4] [--work DIR] [--rounds 5]

Reports indexing articles/s, index size, query p50/p95 end to end, and the
facets over a query that matches most of the archive, with the ratio
cluster/Whoosh measured in the same run; JSON with --json FILE.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from searchapp.core.backend import SearchBackend, open_backend
from searchapp.core.cluster.serve import LocalServers, loopback_cluster
from searchapp.core.indexer import update_index
from searchapp.core.results import PAGE_SIZE, SearchRequest

CORPORA = Path("/tmp/corpora")
QUERIES = (
    "миграция", "президент", "нефть газ", '"Красный Крест"', "экономи*", "Токаев",
    "выборы -Россия", "Москва OR Киев", "migration", "oil prices", '"central bank"',
    "econom*", "Tokayev", "election -Russia", "trade OR tariff", "Putin", "football",
    "банк", "market", "наука",
)
BROAD = ""  # browse: every article, facets over the whole archive (the window's start)
BROAD_WORD = "the OR в OR и"  # a query that matches most of the archive


def build_archive(target: Path, count: int) -> int:
    """``count`` article files under ``target``, copies marked to be distinct."""
    sources = sorted(p for p in CORPORA.rglob("*.md"))
    if not sources:
        sys.exit(f"no corpora at {CORPORA}")
    target.mkdir(parents=True)
    for i in range(count):
        src = sources[i % len(sources)]
        copy = i // len(sources)
        folder = target / f"{i // 5000:03d}"
        folder.mkdir(exist_ok=True)
        text = src.read_text(encoding="utf-8")
        if copy:
            text = text.rstrip("\n") + f"\n\nmarker copy {copy} of {src.stem}\n"
        (folder / f"{copy}-{src.parent.name}-{src.name}").write_text(text, encoding="utf-8")
    return count


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed_queries(engine: SearchBackend, rounds: int) -> list[float]:
    """Milliseconds per window search (facets + first page with snippets)."""
    times: list[float] = []
    for _ in range(rounds):
        for q in QUERIES:
            started = time.perf_counter()
            engine.search(SearchRequest(query=q, limit=PAGE_SIZE))
            times.append((time.perf_counter() - started) * 1000)
    return times


def broad(engine: SearchBackend, query: str, rounds: int) -> tuple[float, int]:
    times, total = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        total = engine.search(SearchRequest(query=query, limit=PAGE_SIZE)).total
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), total


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(name: str, location: Path, archive: Path, size_of: Path, rounds: int,
            count: int) -> dict[str, object]:
    started = time.perf_counter()
    report = update_index(location, [archive])
    seconds = time.perf_counter() - started
    engine = open_backend(location)
    engine.search(SearchRequest(query="warm up"))
    times = timed_queries(engine, rounds)
    browse_ms, browse_total = broad(engine, BROAD, rounds)
    word_ms, word_total = broad(engine, BROAD_WORD, rounds)
    engine.close()
    result = {
        "engine": name, "articles": report.added, "index_s": round(seconds, 1),
        "articles_per_s": round(report.added / seconds, 1),
        "size_mb": round(du(size_of) / 1e6, 1),
        "bytes_per_article": round(du(size_of) / max(count, 1)),
        "query_p50_ms": round(statistics.median(times), 1),
        "query_p95_ms": round(pct(times, 95), 1),
        "browse_facets_ms": round(browse_ms, 1), "browse_total": browse_total,
        "broad_query_ms": round(word_ms, 1), "broad_query_total": word_total,
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def machine() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next(line.split(":", 1)[1].strip() for line in out.splitlines()
                     if line.startswith("Model name"))
    except (OSError, StopIteration):
        model = platform.processor() or "unknown CPU"
    return f"{model}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    print(f"machine: {machine()}\nwork: {work}", flush=True)
    try:
        archive = work / "archive"
        started = time.perf_counter()
        build_archive(archive, args.articles)
        print(f"archive of {args.articles} articles in {time.perf_counter() - started:.0f} s",
              flush=True)
        whoosh = measure("whoosh", work / "whoosh", archive, work / "whoosh", args.rounds,
                         args.articles)
        config = loopback_cluster(work / "cluster.toml", args.shards, work / "shards")
        with LocalServers(config):
            xapian = measure(f"xapian {args.shards} shards", config.file, archive,
                             work / "shards", args.rounds, args.articles)
        ratios = {k: round(xapian[k] / whoosh[k], 2) for k in whoosh
                  if isinstance(whoosh[k], float) and whoosh[k]}
        print("ratio cluster/whoosh:", json.dumps(ratios), flush=True)
        if args.json:
            args.json.write_text(json.dumps({"machine": machine(), "whoosh": whoosh,
                                             "cluster": xapian, "ratios": ratios},
                                            ensure_ascii=False, indent=1))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
