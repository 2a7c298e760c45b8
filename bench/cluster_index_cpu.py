"""Where a loopback cluster's indexing run spends the machine's CPU.

    python bench/cluster_index_cpu.py [--articles 20000] [--shards 4] [--work DIR] [--runs 1]
                                      [--batch-docs N --batch-seconds S]

Builds ``bench/cluster_bench.py``'s archive (the corpora mixed, copies
marked) once in ``--work``, then indexes it into a fresh loopback cluster
``--runs`` times and prints, per run: articles/s, and CPU seconds of the
main process (it sends the documents), of the analysing processes, and of
the whole machine (``/proc/stat``, idle and I/O wait left out), whose rest
is the shard servers', and gigabytes written to the disk
(``/proc/diskstats``).  CPU milliseconds per article for the whole machine
bound the rate on N cores at N × 1000 / that.  ``--batch-docs`` and
``--batch-seconds`` change when the run commits (default: the app's
``BATCH_DOCS`` articles or ``BATCH_SECONDS``); the shard servers then flush
only at a commit (``XAPIAN_FLUSH_THRESHOLD`` raised to the batch).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_bench import build_archive, machine

from bench import cpu_fields
from searchapp.core.cluster import xapian_index
from searchapp.core.cluster.config import ClusterConfig
from searchapp.core.cluster.serve import LocalServers, loopback_cluster
from searchapp.core.cluster.xapian_index import update_cluster

_TICK = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent, idle and I/O wait left out."""
    fields = cpu_fields()
    return (sum(fields) - fields[3] - fields[4]) / _TICK


def children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sectors_written() -> int:
    """512-byte sectors written so far to the machine's disks (whole disks:
    a partition is counted in its disk)."""
    total = 0
    for line in Path("/proc/diskstats").read_text().splitlines():
        f = line.split()
        if Path(f"/sys/block/{f[2]}").exists() and not f[2].startswith(("loop", "ram")):
            total += int(f[9])
    return total


def one_run(archive: Path, work: Path, shards: int) -> dict[str, object]:
    shutil.rmtree(work / "shards", ignore_errors=True)
    config = loopback_cluster(work / "cluster.toml", shards, work / "shards")
    return measured(config, [archive])


def measured(config: ClusterConfig, roots: list[Path]) -> dict[str, object]:
    """Index ``roots`` into the cluster (its servers started here) and say what it cost."""
    with LocalServers(config):
        busy, children, own = busy_seconds(), children_seconds(), time.process_time()
        written = sectors_written()
        started = time.perf_counter()
        report = update_cluster(config.file, roots)
        wall = time.perf_counter() - started
        subprocess.run(["sync"], check=True)  # what the run left to the page cache, too
        written = sectors_written() - written
        own = time.process_time() - own
        busy = busy_seconds() - busy
    analysers = children_seconds() - children  # reaped when the run ended
    count = report.added + report.updated
    return {
        "articles": count, "seconds": round(wall, 1),
        "articles_per_s": round(count / wall, 1),
        "cpu_main_s": round(own, 1), "cpu_analysers_s": round(analysers, 1),
        "cpu_machine_s": round(busy, 1),
        "cpu_servers_s": round(busy - own - analysers, 1),
        "cpu_ms_per_article": round(busy * 1000 / max(count, 1), 2),
        "busy_pct": round(100 * busy / wall / (os.cpu_count() or 1)),
        "written_gb": round(written * 512 / 1e9, 2),
        "failed": len(report.failed), "warnings": [f"{w}: {why}" for w, why in report.warnings],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--batch-docs", type=int, default=xapian_index.BATCH_DOCS)
    ap.add_argument("--batch-seconds", type=float, default=xapian_index.BATCH_SECONDS)
    args = ap.parse_args()
    if (args.batch_docs, args.batch_seconds) != (xapian_index.BATCH_DOCS,
                                                 xapian_index.BATCH_SECONDS):
        xapian_index.BATCH_DOCS, xapian_index.BATCH_SECONDS = args.batch_docs, args.batch_seconds
        os.environ["XAPIAN_FLUSH_THRESHOLD"] = str(args.batch_docs)  # for the servers started
    print(f"commits every {xapian_index.BATCH_DOCS} articles or {xapian_index.BATCH_SECONDS:g} s",
          flush=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="cluster-cpu-"))
    print(f"machine: {machine()}\nwork: {work}", flush=True)
    archive = work / "archive"
    if not archive.exists():
        build_archive(archive, args.articles)
    for _ in range(args.runs):
        print(json.dumps(one_run(archive, work, args.shards)), flush=True)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
