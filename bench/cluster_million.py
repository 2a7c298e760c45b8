"""A cluster of a million articles on this machine: the window's queries at 1 M.

Indexing a million articles through our analysis took 26 minutes on two
cores here (``bench/cluster_index_cpu.py --articles 1000000`` does it, and
``--queries-only`` below times the queries on what it left in its ``--work``);
for the queries alone the archive is made in two steps, each measured:

1. ``--unique`` articles of the corpora (``bench/cluster_bench.py``'s
   archive) are indexed into a loopback cluster of ``--shards`` shards the
   normal way (``searchapp``'s indexer: read, analyse in one process per core,
   send to the shards): articles/s of real indexing.
2. Copies of those documents are written straight into the shard databases
   (servers stopped) until ``--articles`` are held: each copy is the
   analysed document under a new path (``/replica/NNN/…``) with a marker term
   of its copy, placed on its shard by the cluster's hash like any article.
   This is the issue's "corpora replicated with marker lines", done at the
   document level so the analysis is not repeated.

Then the servers start and the window's request is timed (facets and the
first page with snippets; the query set of ``cluster_bench.py``), with
browsing everything and a query matching most of the archive.

    python bench/cluster_million.py [--articles 1000000] [--unique 20000] [--shards 4]
                                    [--work DIR] [--rounds 3] [--json OUT]
    python bench/cluster_million.py --queries-only --work DIR   # again, on what DIR holds
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import xapian

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_bench import BROAD, BROAD_WORD, broad, build_archive, du, machine, pct, timed_queries

from searchapp.core.backend import open_backend
from searchapp.core.cluster.config import ClusterConfig, load_cluster
from searchapp.core.cluster.documents import (
    FINGERPRINT,
    KEY,
    article_key,
    fingerprint_term,
    parse_fingerprint,
)
from searchapp.core.cluster.serve import LocalServers, loopback_cluster
from searchapp.core.indexer import update_index
from searchapp.core.results import SearchRequest

COMMIT_EVERY = 25_000


def replicate(config: ClusterConfig, target: int) -> int:
    """Copy the shards' documents into the shards until they hold ``target``:
    one process per shard, each writing the copies that hash to it."""
    originals = []  # (serialised document, its stored fields, its key and fingerprint terms)
    for shard in config.shards:
        db = xapian.Database(str(shard.path))
        for item in db.postlist(""):
            doc = db.get_document(item.docid)
            fields = json.loads(doc.get_data())
            own = [t.term.decode("utf-8", "surrogateescape") for t in doc.termlist()
                   if t.term[:1] in (KEY.encode(), FINGERPRINT.encode())]
            own = [t for t in own if t == KEY + article_key(fields["path"])
                   or t.startswith(FINGERPRINT)]
            originals.append((doc.serialise(), fields, own))
        db.close()
    copies = []  # (copy number, original) until the target is held
    copy = 0
    while len(originals) + len(copies) < target:
        copy += 1
        copies += [(copy, i) for i in range(len(originals))]
    copies = copies[: max(0, target - len(originals))]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(len(config.shards)) as pool:
        written = pool.starmap(_write_shard, [(config, s.index, originals, copies)
                                              for s in config.shards])
    return sum(written)


def _write_shard(config: ClusterConfig, index: int, originals: list, copies: list) -> int:
    shard = next(s for s in config.shards if s.index == index)
    db = xapian.WritableDatabase(str(shard.path), xapian.DB_OPEN)
    written = 0
    try:
        for copy, i in copies:
            data, original, own = originals[i]
            path = f"/replica/{copy:03d}{original['path']}"
            if config.shard_of(path).index != index:
                continue
            doc = xapian.Document.unserialise(data)
            key = article_key(path)
            fingerprint = (0, 0)
            for term in own:
                doc.remove_term(term)
                if term.startswith(FINGERPRINT):
                    _, fingerprint = parse_fingerprint(term)
            doc.add_boolean_term(KEY + key)
            doc.add_boolean_term(fingerprint_term(key, fingerprint))
            doc.add_term(f"Bmarkercopy{copy}")
            doc.set_data(json.dumps(dict(original, path=path), ensure_ascii=False))
            db.add_document(doc)
            written += 1
            if written % COMMIT_EVERY == 0:
                db.commit()
                print(f"  shard {shard.name}: {written:,} copies", flush=True)
        db.commit()
    finally:
        db.close()
    return written


def queries(config: ClusterConfig, rounds: int) -> dict[str, object]:
    """Start the servers and time the window's requests on the cluster."""
    result: dict[str, object] = {}
    with LocalServers(config):
        engine = open_backend(config.file)
        result["articles"] = engine.stats().articles
        engine.search(SearchRequest(query="warm up"))
        cpu = time.process_time()
        times = timed_queries(engine, rounds)
        result["client_cpu_ms"] = round((time.process_time() - cpu) * 1000 / len(times), 1)
        result["mean_ms"] = round(statistics.mean(times), 1)
        result["query_p50_ms"] = round(statistics.median(times), 1)
        result["query_p95_ms"] = round(pct(times, 95), 1)
        result["browse_facets_ms"], result["browse_total"] = broad(engine, BROAD, rounds)
        result["broad_query_ms"], result["broad_query_total"] = broad(engine, BROAD_WORD, rounds)
        engine.close()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--unique", type=int, default=20_000)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--queries-only", action="store_true",
                    help="only the queries, on the cluster an earlier run left in --work")
    args = ap.parse_args()
    if args.queries_only and not (args.work and (args.work / "cluster.toml").exists()):
        ap.error("--queries-only needs the --work folder of an earlier run")
    work = args.work or Path(tempfile.mkdtemp(prefix="cluster-million-"))
    print(f"machine: {machine()}\nwork: {work}", flush=True)
    result: dict[str, object] = {"machine": machine(), "shards": args.shards}
    if args.queries_only:
        result.update(queries(load_cluster(work / "cluster.toml"), args.rounds))
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return 0
    try:
        build_archive(work / "archive", args.unique)
        config = loopback_cluster(work / "cluster.toml", args.shards, work / "shards")
        with LocalServers(config):
            started = time.perf_counter()
            report = update_index(config.file, [work / "archive"])
            seconds = time.perf_counter() - started
        result["indexed"] = report.added
        result["index_articles_per_s"] = round(report.added / seconds, 1)
        print(f"indexed {report.added:,} articles at {result['index_articles_per_s']}/s",
              flush=True)
        started = time.perf_counter()
        written = replicate(config, args.articles)
        result["copied"] = written
        result["copy_s"] = round(time.perf_counter() - started, 1)
        result["size_mb"] = round(du(work / "shards") / 1e6, 1)
        result["bytes_per_article"] = round(du(work / "shards") / args.articles)
        print(f"copied {written:,} documents in {result['copy_s']} s; "
              f"{result['size_mb']:,} MB", flush=True)
        result.update(queries(config, args.rounds))
        result["machine_at_end"] = machine()
        print(json.dumps(result, ensure_ascii=False), flush=True)
        if args.json:
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
