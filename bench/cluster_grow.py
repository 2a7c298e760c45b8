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
import shutil
import subprocess
import sys
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_bench import machine
from cluster_index_cpu import measured

from searchapp.core.cluster import xapian_index
from searchapp.core.cluster.config import load_cluster, write_cluster
from searchapp.core.cluster.serve import free_port


def one_run(source: Path, add: Path, work: Path, batch: int, seconds: float) -> dict[str, object]:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(source / "shards", work / "shards")
    subprocess.run(["sync"], check=True)
    shard_dirs = sorted(p for p in (work / "shards").iterdir() if p.is_dir())
    write_cluster(work / "cluster.toml", [("127.0.0.1", free_port(), p) for p in shard_dirs], 2000)
    xapian_index.BATCH_DOCS, xapian_index.BATCH_SECONDS = batch, seconds
    run = measured(load_cluster(work / "cluster.toml"), [add])
    per_article = 1000 / max(cast(int, run["articles"]), 1)
    parts = {f"{part}_ms": round(cast(float, run[f"cpu_{part}_s"]) * per_article, 2)
             for part in ("main", "analysers", "servers")}
    return {"batch": f"{batch}:{seconds:g}", **run, **parts}


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
