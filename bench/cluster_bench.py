"""A 4-shard Xapian cluster on this machine vs one Whoosh index, and Recoll.

Builds an archive of N articles from the corpora (each file copied as often as
needed, every copy with a marker line so that no two are alike), indexes it
into a Whoosh index, into a loopback cluster (one ``xapian-tcpsrv`` per
shard, started here and stopped at the end) and with Recoll (Debian's
``recollcmd``, as ``bench/bench.py`` sets it up), then asks each query of
all three in turn: the window's search (facets and the first page with
snippets; Recoll: ``recollq`` for a page, a process each time, no facets).

    python bench/cluster_bench.py --articles 100000 [--shards 4] [--work DIR] [--rounds 5]
                                  [--index-runs 1] [--no-recoll] [--json OUT]
    python bench/cluster_bench.py --queries-only --work DIR [--rounds 5]

Reports indexing articles/s (with ``--index-runs N``, the engines index in
turn N times and the median run stands), index size, the p50 of a first
pass over the queries, query p50/p95 end to end over the rounds after it,
browsing everything and a query that matches most of the archive, with the
ratios to Whoosh and cluster/Recoll measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from searchapp.core.backend import SearchBackend, open_backend
from searchapp.core.cluster.config import load_cluster
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
    """``count`` article files under ``target``, copies marked to be distinct.
    The corpora are mixed in a fixed random order, so that any ``count`` holds
    each in proportion (in name order, the first 20,000 were all English)."""
    sources = sorted(p for p in CORPORA.rglob("*.md"))
    random.Random(7).shuffle(sources)
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


Searcher = Callable[[str], int]
"""Asks one query as the window does; returns the number of matches (-1: not told)."""


def engine_searcher(engine: SearchBackend) -> Searcher:
    return lambda q: engine.search(SearchRequest(query=q, limit=PAGE_SIZE)).total


def recoll_searcher(conf: Path) -> Searcher:
    """``recollq`` for a page of results (a process each time, as bench/bench.py asks)."""
    from bench import recollq

    def run(query: str) -> int:
        recollq(conf, query)
        return -1
    return run


def timed_index(index: Callable[[], object], count: int, size_of: Path) -> dict[str, object]:
    started = time.perf_counter()
    index()
    seconds = time.perf_counter() - started
    return {"index_s": round(seconds, 1), "articles_per_s": round(count / seconds, 1),
            "size_mb": round(du(size_of) / 1e6, 1),
            "bytes_per_article": round(du(size_of) / max(count, 1))}


def queries_in_turn(searchers: dict[str, Searcher], rounds: int) -> dict[str, dict[str, object]]:
    """Each query asked of every engine in turn (so that all meet the same
    moments of a shared machine): the p50 of a first pass over the query set,
    p50/p95 over ``rounds`` passes after it, and the medians of browsing
    everything and of a query matching most of the archive.

    The first pass is reported apart, as bench/bench.py's cold pass is: it
    meets the indexes as the indexing runs left them in the page cache, and
    the engine indexed last (Recoll) had pushed the others' files out of this
    VM's 1.6 GB of cache (first asks of the cluster: 30–160 ms, later ones
    9–39 ms)."""
    first: dict[str, list[float]] = {name: [] for name in searchers}
    times: dict[str, list[float]] = {name: [] for name in searchers}
    browse: dict[str, list[float]] = {name: [] for name in searchers}
    word: dict[str, list[float]] = {name: [] for name in searchers}
    totals: dict[str, dict[str, int]] = {name: {} for name in searchers}

    def timed(name: str, query: str) -> float:
        started = time.perf_counter()
        totals[name][query] = searchers[name](query)
        return (time.perf_counter() - started) * 1000

    for name in searchers:
        timed(name, "warm up")
    for q in QUERIES:
        for name in searchers:
            first[name].append(timed(name, q))
    for _ in range(rounds):
        for q in QUERIES:
            for name in searchers:
                times[name].append(timed(name, q))
        for name in searchers:
            browse[name].append(timed(name, BROAD))
            word[name].append(timed(name, BROAD_WORD))
    return {name: {
        "first_pass_p50_ms": round(statistics.median(first[name]), 1),
        "query_p50_ms": round(statistics.median(times[name]), 1),
        "query_p95_ms": round(pct(times[name], 95), 1),
        "browse_facets_ms": round(statistics.median(browse[name]), 1),
        "browse_total": totals[name][BROAD],
        "broad_query_ms": round(statistics.median(word[name]), 1),
        "broad_query_total": totals[name][BROAD_WORD],
    } for name in searchers}


def index_in_turn(archive: Path, count: int, work: Path, shards: int, runs: int,
                  use_recoll: bool) -> dict[str, list[dict[str, object]]]:
    """Index ``archive`` afresh ``runs`` times with each engine in turn (Whoosh,
    the cluster, Recoll), so that all meet the same moods of a shared machine
    (this VM's speed drifts by a third within minutes).  The last run's
    indexes stay for the queries."""
    timings: dict[str, list[dict[str, object]]] = {"whoosh": [], "cluster": []}
    if use_recoll:
        timings["recoll"] = []
    for run in range(1, runs + 1):
        shutil.rmtree(work / "whoosh", ignore_errors=True)
        timings["whoosh"].append(timed_index(
            partial(update_index, work / "whoosh", [archive]), count, work / "whoosh"))
        print(f"whoosh ({run})", json.dumps(timings["whoosh"][-1]), flush=True)
        shutil.rmtree(work / "shards", ignore_errors=True)
        config = loopback_cluster(work / "cluster.toml", shards, work / "shards")
        with LocalServers(config):
            timings["cluster"].append(timed_index(
                partial(update_index, config.file, [archive]), count, work / "shards"))
        print(f"cluster ({run})", json.dumps(timings["cluster"][-1]), flush=True)
        if use_recoll:
            from bench import recoll_conf, recoll_index

            conf = recoll_conf(archive, work)
            timings["recoll"].append(timed_index(
                partial(recoll_index, conf), count, conf / "xapiandb"))
            print(f"recoll ({run})", json.dumps(timings["recoll"][-1]), flush=True)
    return timings


def median_run(timings: list[dict[str, object]]) -> dict[str, object]:
    """The run of median time (the lower middle of an even count) stands for them."""
    ordered = sorted(timings, key=lambda t: float(t["index_s"]))  # type: ignore[arg-type]
    return dict(ordered[(len(ordered) - 1) // 2])


def index_all(work: Path, args: argparse.Namespace,
              use_recoll: bool) -> dict[str, dict[str, object]]:
    """Build the archive and index it with every engine (``--index-runs`` times
    in turn); each engine's median run, with every run's rate."""
    archive = work / "archive"
    started = time.perf_counter()
    build_archive(archive, args.articles)
    print(f"archive of {args.articles} articles in {time.perf_counter() - started:.0f} s",
          flush=True)
    runs = index_in_turn(archive, args.articles, work, args.shards, args.index_runs, use_recoll)
    results = {name: median_run(timings) for name, timings in runs.items()}
    if len(runs["cluster"]) > 1:
        for name, timings in runs.items():
            results[name]["index_runs_articles_per_s"] = [t["articles_per_s"] for t in timings]
        if use_recoll:
            results["cluster"]["index_runs_cluster_per_recoll"] = [
                round(float(c["articles_per_s"]) / float(r["articles_per_s"]), 2)  # type: ignore[arg-type]
                for c, r in zip(runs["cluster"], runs["recoll"], strict=True)]
    return results


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
    ap.add_argument("--index-runs", type=int, default=1,
                    help="index with every engine in turn this many times; the median run "
                         "is reported with each run's cluster/Recoll ratio")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--queries-only", action="store_true",
                    help="ask the queries of the indexes an earlier run left in --work")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--no-recoll", dest="recoll", action="store_false",
                    help="leave Recoll out")
    args = ap.parse_args()
    if args.queries_only and not (args.work and (args.work / "cluster.toml").exists()):
        ap.error("--queries-only needs the --work folder of an earlier run")
    work = args.work or Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    print(f"machine: {machine()}\nwork: {work}", flush=True)
    if args.recoll and shutil.which("recollindex") is None:
        ap.error("Recoll is not installed (Debian: apt-get install recollcmd); "
                 "or leave it out with --no-recoll")
    use_recoll = args.recoll
    try:
        if args.queries_only:
            use_recoll = use_recoll and (work / "recoll").is_dir()
            results: dict[str, dict[str, object]] = {
                name: {} for name in ("whoosh", "cluster", *(("recoll",) if use_recoll else ()))}
        else:
            results = index_all(work, args, use_recoll)
        config = load_cluster(work / "cluster.toml")
        with LocalServers(config):
            engines = [open_backend(work / "whoosh"), open_backend(config.file)]
            searchers = {"whoosh": engine_searcher(engines[0]),
                         "cluster": engine_searcher(engines[1])}
            if use_recoll:
                searchers["recoll"] = recoll_searcher(work / "recoll")
            for name, timing in queries_in_turn(searchers, args.rounds).items():
                results[name].update(timing)
            for engine in engines:
                engine.close()
        for name, figures in results.items():
            print(name, json.dumps(figures, ensure_ascii=False), flush=True)
        ratios = {
            f"{other}/whoosh": {k: round(float(v) / float(results["whoosh"][k]), 2)
                                for k, v in results[other].items()
                                if isinstance(v, float) and results["whoosh"].get(k)}
            for other in results if other != "whoosh"
        }
        if "recoll" in results:
            ratios["cluster/recoll"] = {
                k: round(float(v) / float(results["recoll"][k]), 2)
                for k, v in results["cluster"].items()
                if isinstance(v, float) and results["recoll"].get(k)}
        print("ratios:", json.dumps(ratios), flush=True)
        if args.json:
            args.json.write_text(json.dumps({"machine": machine(), **results, "ratios": ratios},
                                            ensure_ascii=False, indent=1))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
