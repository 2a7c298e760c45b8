"""Adding articles to a big cluster: the whole run, by how often it commits.

    python bench/cluster_grow.py --shards-of DIR --add FOLDER [--pairs 3]
                                 [--batches 2000:20,20000:60]

``DIR`` is the ``--work`` folder of a ``bench/cluster_index_cpu.py`` run (its
``shards/``, e.g. the million of ``--articles 1000000``); ``FOLDER`` holds
articles those shards do not have (e.g. the archive of a 20,000 run).  For
each pair, each batch setting in turn (``DOCS:SECONDS``, the run's
``BATCH_DOCS`` and ``BATCH_SECONDS``): the shards are copied afresh, served
on loopback, and ``FOLDER`` is indexed into them the normal way.  Prints
articles/s, CPU milliseconds per article (whole machine, and the part of the
sending process, the analysing processes and the rest: the shard servers),
how busy the cores were, and the gigabytes written to the disk during the
run (``/proc/diskstats``, after a ``sync`` of the copy).
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
from cluster_bench import machine
from cluster_index_cpu import busy_seconds, children_seconds, sectors_written

from searchapp.core.cluster import xapian_index
from searchapp.core.cluster.config import load_cluster, write_cluster
from searchapp.core.cluster.serve import LocalServers, free_port


def one_run(source: Path, add: Path, work: Path, batch: int, seconds: float) -> dict[str, object]:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(source / "shards", work / "shards")
    subprocess.run(["sync"], check=True)
    shard_dirs = sorted(p for p in (work / "shards").iterdir() if p.is_dir())
    write_cluster(work / "cluster.toml", [("127.0.0.1", free_port(), p) for p in shard_dirs], 2000)
    config = load_cluster(work / "cluster.toml")
    xapian_index.BATCH_DOCS, xapian_index.BATCH_SECONDS = batch, seconds
    with LocalServers(config):
        busy, children, own = busy_seconds(), children_seconds(), time.process_time()
        written = sectors_written()
        started = time.perf_counter()
        report = xapian_index.update_cluster(config.file, [add])
        wall = time.perf_counter() - started
        subprocess.run(["sync"], check=True)
        written = sectors_written() - written
        own = time.process_time() - own
        busy = busy_seconds() - busy
    analysers = children_seconds() - children
    count = max(report.added + report.updated, 1)
    return {
        "batch": f"{batch}:{seconds:g}", "articles": report.added + report.updated,
        "seconds": round(wall, 1), "articles_per_s": round(count / wall, 1),
        "cpu_ms_per_article": round(busy * 1000 / count, 2),
        "main_ms": round(own * 1000 / count, 2), "analysers_ms": round(analysers * 1000 / count, 2),
        "servers_ms": round((busy - own - analysers) * 1000 / count, 2),
        "busy_pct": round(100 * busy / wall / (os.cpu_count() or 1)),
        "written_gb": round(written * 512 / 1e9, 2),
        "failed": len(report.failed), "warnings": [f"{w}: {why}" for w, why in report.warnings],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shards-of", type=Path, required=True)
    ap.add_argument("--add", type=Path, required=True)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--batches", default="2000:20,20000:60")
    ap.add_argument("--work", type=Path, default=Path("/tmp/cluster-grow"))
    args = ap.parse_args()
    if not (args.shards_of / "shards").is_dir():
        print(f"{args.shards_of}: no shards/ folder (run bench/cluster_index_cpu.py --work there)")
        return 2
    batches = [(int(d), float(s)) for d, s in (b.split(":") for b in args.batches.split(","))]
    print(f"machine: {machine()}", flush=True)
    for _ in range(args.pairs):
        for batch, seconds in batches:
            print(json.dumps(one_run(args.shards_of, args.add, args.work, batch, seconds)),
                  flush=True)
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
