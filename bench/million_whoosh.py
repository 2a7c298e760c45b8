"""A million articles in one Whoosh index beside the same million on the cluster.

``bench/cluster_index_cpu.py --articles 1000000 --work DIR`` leaves in DIR
the archive (``archive/``) and the 4-shard cluster it indexed
(``cluster.toml``, ``shards/``).  This script indexes the same archive into
one Whoosh index (``DIR/whoosh``, the app's own indexer: one analysing
process per core, as ``searchapp index`` runs), with the same CPU and disk
accounting, then asks the window's queries of both engines in turn
(``bench/cluster_bench.py``'s query set: facets and the first page with
snippets; browsing everything; a query matching most of the archive), so the
two meet the same moments of the machine.

    python bench/million_whoosh.py --work DIR [--rounds 3]
    python bench/million_whoosh.py --work DIR --queries-only [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_bench import du, engine_searcher, machine, queries_in_turn
from cluster_index_cpu import busy_seconds, children_seconds, sectors_written

from searchapp.core.backend import open_backend
from searchapp.core.cluster.config import load_cluster
from searchapp.core.cluster.serve import LocalServers
from searchapp.core.indexer import update_index


def index_whoosh(archive: Path, index: Path) -> dict[str, object]:
    """Index ``archive`` afresh into ``index`` and say what it cost."""
    shutil.rmtree(index, ignore_errors=True)
    busy, children, own = busy_seconds(), children_seconds(), time.process_time()
    written = sectors_written()
    started = time.perf_counter()
    report = update_index(index, [archive])
    wall = time.perf_counter() - started
    subprocess.run(["sync"], check=True)
    written = sectors_written() - written
    own = time.process_time() - own
    busy = busy_seconds() - busy
    count = report.added + report.updated
    return {
        "articles": count, "seconds": round(wall, 1), "articles_per_s": round(count / wall, 1),
        "cpu_main_s": round(own, 1), "cpu_analysers_s": round(children_seconds() - children, 1),
        "cpu_machine_s": round(busy, 1),
        "cpu_ms_per_article": round(busy * 1000 / max(count, 1), 2),
        "busy_pct": round(100 * busy / wall / (os.cpu_count() or 1)),
        "written_gb": round(written * 512 / 1e9, 2),
        "size_mb": round(du(index) / 1e6, 1), "failed": len(report.failed),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True,
                    help="what bench/cluster_index_cpu.py left: archive/, cluster.toml, shards/")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--queries-only", action="store_true",
                    help="ask the queries of the Whoosh index DIR/whoosh already holds")
    args = ap.parse_args()
    work = args.work
    if not (work / "archive").is_dir() or not (work / "cluster.toml").is_file():
        sys.exit(f"{work} has no archive/ and cluster.toml: run bench/cluster_index_cpu.py first")
    print(f"machine: {machine()}", flush=True)
    results: dict[str, object] = {}
    if not args.queries_only:
        results["whoosh_index"] = index_whoosh(work / "archive", work / "whoosh")
        print("whoosh index", json.dumps(results["whoosh_index"]), flush=True)
    config = load_cluster(work / "cluster.toml")
    results["cluster_size_mb"] = round(du(work / "shards") / 1e6, 1)
    with LocalServers(config):
        whoosh, cluster = open_backend(work / "whoosh"), open_backend(config.file)
        try:
            results["articles"] = {"whoosh": whoosh.stats().articles,
                                   "cluster": cluster.stats().articles}
            results["queries"] = queries_in_turn(
                {"whoosh": engine_searcher(whoosh), "cluster": engine_searcher(cluster)},
                args.rounds)
        finally:
            whoosh.close()
            cluster.close()
    print(json.dumps(results, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
