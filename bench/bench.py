"""Benchmark searchapp against Recoll on a folder of articles.

    .venv/bin/python bench/bench.py CORPUS_DIR... [--scale N] [--work DIR]
                                    [--json OUT] [--no-recoll] [--no-window]
    .venv/bin/python bench/bench.py --queries-only [--work DIR] [--json OUT]

Builds a work folder of about N articles from the given corpora (hard links;
replicated into rep0/, rep1/… when N exceeds what they hold, and the output
says so), then measures, for searchapp and for Recoll (Debian's
``recollcmd``, Russian and English stemming) on the same folder in the same
run: cold indexing, a no-change re-index, a re-index after 1 % of the files
changed, index size, peak memory, and the latency of a fixed query set
(``bench/queries.py``), end to end as the window asks (parse, search, facet
counts, snippets of the first page), each query asked of both in turn so
that both meet the same moments of the machine.  searchapp's window start (until the
first results show) is timed with ``--probe-startup``.  This is a
measurement, not a test: the machine is shared, so medians and ratios matter.

``--queries-only`` measures only the queries, of both, on the indexes an
earlier run left in ``--work`` (to compare versions of the query path on the
same indexes, each with Recoll in the same run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries import QUERIES

from searchapp.core.results import PAGE_SIZE

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
WORD = re.compile(r"\w+")


# -- preparation ---------------------------------------------------------------


def prepare(corpora: list[Path], scale: int | None, work: Path) -> dict[str, Any]:
    """Hard-link about ``scale`` articles into ``work/corpus``; count words."""
    files = sorted(
        (Path(c.name) / p.relative_to(c), p) for c in corpora for p in c.rglob("*") if p.is_file()
    )
    target = scale or len(files)
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    copies = made = words = 0
    while made < target:
        for rel, src in files:
            if made >= target:
                break
            dst = corpus / f"rep{copies}" / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if copies == 0:
                os.link(src, dst)
            else:  # a replica differs from its original, as real copies of a story do
                dst.write_bytes(src.read_bytes() + f"\n\nreplica {copies}\n".encode())
            words += len(WORD.findall(src.read_text(encoding="utf-8", errors="replace")))
            made += 1
        copies += 1
    return {"articles": made, "words": words, "replicas": copies, "folder": str(corpus)}


def touch_one_percent(corpus: Path, seed: int = 1) -> int:
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    chosen = random.Random(seed).sample(files, max(1, len(files) // 100))
    for p in chosen:
        data = p.read_bytes()
        p.unlink()  # break the hard link: the original corpus stays untouched
        p.write_bytes(data + b"\n\nA sentence added for the re-index benchmark.\n")
    return len(chosen)


# -- measuring processes --------------------------------------------------------


def cpu_fields() -> list[int]:
    """The machine's CPU time so far in clock ticks, per state (user, nice,
    system, idle, iowait, irq, softirq, steal; guest time is counted in user),
    from /proc/stat; [] where it cannot be read."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return []
    return fields[:8]


def cpu_jiffies() -> tuple[int, int]:
    """(steal, total) of the machine's CPU time so far, from /proc/stat."""
    fields = cpu_fields()
    return (fields[7] if len(fields) > 7 else 0), sum(fields)


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Wall time, CPU time and peak RSS (both over the process tree) of a
    command, and the share of the machine's CPU time the host took away
    meanwhile (steal: on a virtual machine, a loaded host slows everything)."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    steal_before, total_before = cpu_jiffies()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    peak = 0
    ps = psutil.Process(proc.pid)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                tree = [ps, *ps.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree))
            except psutil.Error:
                pass
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode:
        raise RuntimeError(f"{cmd[:4]} failed: {out[-2000:]}")
    seconds = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    steal_after, total_after = cpu_jiffies()
    return {"seconds": seconds, "peak_mb": peak / 2**20, "output": out,
            "cpu_s": (cpu.ru_utime - cpu_before.ru_utime) + (cpu.ru_stime - cpu_before.ru_stime),
            "steal_pct": 100 * (steal_after - steal_before) / max(1, total_after - total_before)}


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def latency(times: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(times), "p95": pct(times, 0.95), "max": max(times)}


# -- searchapp -----------------------------------------------------------------------


def ours_index(corpus: Path, index: Path) -> dict[str, Any]:
    return run_measured([PY, "-m", "searchapp", "index", str(corpus), "--index", str(index),
                         "--quiet"])


def ours_searcher(
    index: Path, top_source: str
) -> tuple[Any, Callable[[int], float], dict[str, int]]:
    """The open engine, a function timing query ``i`` of the set (ms) as the
    window asks, and the totals it found (query and filters → matches)."""
    from searchapp.core.engine import SearchEngine
    from searchapp.core.results import SearchRequest

    def request(query: str, filters: dict[str, str]) -> SearchRequest:
        source = filters.get("source")
        return SearchRequest(
            query=query,
            sources=frozenset({top_source if source == "*top*" else source} if source else ()),
            langs=frozenset({filters["lang"]} if "lang" in filters else ()),
            since=dt.date.fromisoformat(filters["since"]) if "since" in filters else None,
            until=dt.date.fromisoformat(filters["until"]) if "until" in filters else None,
            limit=PAGE_SIZE,
            with_facets=True,
        )

    engine = SearchEngine(index)
    requests = [request(query, filters) for query, _, filters in QUERIES]
    totals: dict[str, int] = {}

    def one(i: int) -> float:
        t = time.perf_counter()
        resp = engine.search(requests[i])
        ms = (time.perf_counter() - t) * 1000
        totals[QUERIES[i][0] + json.dumps(QUERIES[i][2])] = resp.total
        return ms

    return engine, one, totals


def top_source(index: Path) -> str:
    from searchapp.core.engine import SearchEngine
    from searchapp.core.results import SearchRequest

    engine = SearchEngine(index)
    try:
        facets = engine.search(SearchRequest(query="", limit=0)).facets.source
    finally:
        engine.close()
    return max(facets, key=facets.__getitem__)


def window_start(index: Path, corpus: Path, work: Path) -> dict[str, Any]:
    settings = work / "probe.ini"
    settings.write_text(f"[General]\nfolders={corpus}\nlanguage=en\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [PY, "-m", "searchapp.ui.app", "--index", str(index), "--settings", str(settings),
           "--query", "миграция", "--probe-startup"]
    res = run_measured(cmd, env)
    m = re.search(r"first results after ([\d.]+) s", res["output"])
    return {"first_results_s": float(m.group(1)) if m else None,
            "process_s": res["seconds"], "peak_mb": res["peak_mb"]}


# -- Recoll -----------------------------------------------------------------------


def recoll_conf(corpus: Path, work: Path) -> Path:
    conf = work / "recoll"
    if conf.exists():
        shutil.rmtree(conf)
    conf.mkdir(parents=True)
    (conf / "recoll.conf").write_text(
        f"topdirs = {corpus}\nindexstemminglanguages = russian english\nloglevel = 1\n"
        "idxflushmb = 50\n"
    )
    (conf / "mimemap").write_text(".md = text/plain\n")  # index Markdown as text
    return conf


def recoll_index(conf: Path) -> dict[str, Any]:
    return run_measured(["recollindex", "-c", str(conf)])


def recollq(conf: Path, query: str) -> float:
    """Milliseconds of one ``recollq`` process asked for a page (``*`` for an empty query)."""
    t = time.perf_counter()
    subprocess.run(["recollq", "-c", str(conf), "-n", str(PAGE_SIZE), "-A", query or "*"],
                   capture_output=True, check=False)
    return (time.perf_counter() - t) * 1000


def recoll_searcher(conf: Path) -> Callable[[int], float]:
    """A function timing Recoll's form of query ``i`` of the set (ms)."""
    return lambda i: recollq(conf, QUERIES[i][1])


def recoll_startup(conf: Path) -> float:
    """Median ms of a ``recollq`` that finds nothing: the process's own cost."""
    return statistics.median(recollq(conf, "xyzzyqqq") for _ in range(5))


# -- both ---------------------------------------------------------------------------


def queries_side_by_side(index: Path, conf: Path | None, passes: int) -> dict[str, Any]:
    """Both engines' query latencies, asked in turn: each query of the set by
    searchapp, then by Recoll, so that both meet the same moments of a shared
    machine (a cold pass, a warm-up pass, then ``passes`` timed passes)."""
    started = time.perf_counter()
    engine, ours, totals = ours_searcher(index, top_source(index))
    engine.stats()
    open_ms = (time.perf_counter() - started) * 1000
    theirs = recoll_searcher(conf) if conf is not None else None
    times: dict[str, dict[str, list[float]]] = {
        name: {"cold": [], "warm": []} for name in ("ours", "recoll")}
    for n in range(passes + 2):
        for i in range(len(QUERIES)):
            for name, timed in (("ours", ours), ("recoll", theirs)):
                if timed is None:
                    continue
                ms = timed(i)
                if n == 0:
                    times[name]["cold"].append(ms)
                elif n >= 2:
                    times[name]["warm"].append(ms)
    engine.close()
    result = {"ours": {"open_ms": open_ms, "cold": latency(times["ours"]["cold"]),
                       "warm": latency(times["ours"]["warm"]), "totals": totals}}
    if conf is not None:
        result["recoll"] = {"cold": latency(times["recoll"]["cold"]),
                            "warm": latency(times["recoll"]["warm"]),
                            "startup_ms": recoll_startup(conf)}
    return result


# -- report ------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total
            / 2**30, 1), "python": platform.python_version(), "date": dt.date.today().isoformat(),
            "load": round(os.getloadavg()[0], 1)}


def table(r: dict[str, Any]) -> str:
    c, o, rc = r["corpus"], r["ours"], r.get("recoll")
    n = c["articles"]
    rows = [("cold index, articles/s", n / o["cold"]["seconds"],
             n / rc["cold"]["seconds"] if rc else None),
            ("cold index, words/s", c["words"] / o["cold"]["seconds"],
             c["words"] / rc["cold"]["seconds"] if rc else None),
            ("cold index, CPU s (user + system)", o["cold"].get("cpu_s"),
             rc["cold"].get("cpu_s") if rc else None),
            ("cold index, CPU taken by the host (steal), %", o["cold"].get("steal_pct"),
             rc["cold"].get("steal_pct") if rc else None),
            ("cold index, peak MB", o["cold"]["peak_mb"], rc["cold"]["peak_mb"] if rc else None),
            ("index size, MB", o["size_mb"], rc["size_mb"] if rc else None),
            ("re-index, nothing changed, s", o["nochange"]["seconds"],
             rc["nochange"]["seconds"] if rc else None),
            ("re-index, 1 % changed, s", o["changed"]["seconds"],
             rc["changed"]["seconds"] if rc else None),
            ("query p50, ms (warm)", o["queries"]["warm"]["p50"],
             rc["queries"]["warm"]["p50"] if rc else None),
            ("query p95, ms (warm)", o["queries"]["warm"]["p95"],
             rc["queries"]["warm"]["p95"] if rc else None),
            ("query max, ms (warm)", o["queries"]["warm"]["max"],
             rc["queries"]["warm"]["max"] if rc else None),
            ("query p50, ms (cold pass)", o["queries"]["cold"]["p50"],
             rc["queries"]["cold"]["p50"] if rc else None)]
    lines = [f"| measure ({n:,} articles, {c['words']:,} words"
             + (f", corpus replicated {c['replicas']}×" if c["replicas"] > 1 else "")
             + ") | searchapp | Recoll | searchapp / Recoll |", "|---|---:|---:|---:|"]
    for name, ours, theirs in rows:
        if ours is None:  # a measure older runs did not take
            continue
        ratio = f"{ours / theirs:.2f}" if theirs and "steal" not in name else "—"
        lines.append(f"| {name} | {ours:,.1f} | "
                     + (f"{theirs:,.1f}" if theirs is not None else "—") + f" | {ratio} |")
    w = r.get("window")
    if w:
        lines.append(f"| window: first results after start, s | {w['first_results_s']} | — | — |")
        lines.append(f"| window: peak memory, MB | {w['peak_mb']:,.0f} | — | — |")
    runs = o.get("cold_runs", [])
    if len(runs) > 1:
        rates = [n / run["seconds"] for run in runs]
        text = ", ".join(f"{x:,.1f}" for x in rates)
        if rc:
            pairs = [n / a["seconds"] / (n / b["seconds"])
                     for a, b in zip(runs, rc["cold_runs"], strict=True)]
            text += (" (Recoll " + ", ".join(f"{n / b['seconds']:,.1f}" for b in rc["cold_runs"])
                     + "; ratio run by run " + ", ".join(f"{x:.2f}" for x in pairs) + ")")
        lines.append(f"\nCold indexes, in turn, articles/s: searchapp {text}; the table shows "
                     "the run of median time of each.")
    if rc:
        lines.append(f"\nRecoll query times are `recollq` processes and include its start-up "
                     f"(~{rc['queries']['startup_ms']:.0f} ms for a query with no match).")
    m = r["machine"]
    lines.append(f"\nMachine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
                 f"Python {m['python']}, {m['date']}; load average {m.get('load', '?')} "
                 "at the start.")
    return "\n".join(lines)


def query_table(r: dict[str, Any]) -> str:
    """The query rows of :func:`table`, for ``--queries-only``."""
    o, rc = r["ours"]["queries"], (r.get("recoll") or {}).get("queries")
    lines = [f"| queries ({r['articles']:,} articles) | searchapp | Recoll | searchapp / Recoll |",
             "|---|---:|---:|---:|"]
    for name, part, key in (("p50, ms (warm)", "warm", "p50"), ("p95, ms (warm)", "warm", "p95"),
                            ("max, ms (warm)", "warm", "max"),
                            ("p50, ms (cold pass)", "cold", "p50")):
        ours, theirs = o[part][key], rc[part][key] if rc else None
        lines.append(f"| query {name} | {ours:,.1f} | "
                     + (f"{theirs:,.1f} | {ours / theirs:.2f} |" if theirs else "— | — |"))
    m = r["machine"]
    lines.append(f"\nMachine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
                 f"Python {m['python']}, {m['date']}; load average {m['load']} before, "
                 f"{m['load_after']} after.")
    return "\n".join(lines)


def queries_only(work: Path, passes: int, use_recoll: bool) -> dict[str, Any]:
    """Both query sets on the indexes left in ``work`` by an earlier run."""
    index, conf = work / "index", work / "recoll"
    from searchapp.core.engine import SearchEngine

    engine = SearchEngine(index)
    articles = engine.stats().articles
    engine.close()
    result: dict[str, Any] = {"articles": articles, "machine": machine()}
    both = queries_side_by_side(
        index, conf if use_recoll and (conf / "xapiandb").exists() else None, passes)
    result["ours"] = {"queries": both["ours"]}
    if "recoll" in both:
        result["recoll"] = {"queries": both["recoll"]}
    result["machine"]["load_after"] = round(os.getloadavg()[0], 1)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--queries-only", action="store_true",
                    help="only the queries, on the indexes an earlier run left in --work")
    ap.add_argument("--scale", type=int, default=None, help="about this many articles")
    ap.add_argument("--work", type=Path, default=Path("/tmp/searchapp-bench"))
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--no-recoll", action="store_true")
    ap.add_argument("--no-window", action="store_true")
    ap.add_argument("--cold-runs", type=int, default=1,
                    help="cold indexes of each, in turn; the median one is reported")
    args = ap.parse_args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    use_recoll = not args.no_recoll
    if use_recoll and shutil.which("recollindex") is None:
        ap.error("Recoll is not installed (Debian: apt-get install recollcmd); "
                 "or measure searchapp alone with --no-recoll")
    if args.queries_only:
        if not (work / "index").is_dir():
            ap.error(f"no index in {work}: run the full benchmark there first")
        only = queries_only(work, args.passes, use_recoll)
        print(query_table(only))
        if args.json:
            args.json.write_text(json.dumps(only, indent=1, ensure_ascii=False))
        return 0
    if not args.corpora:
        ap.error("give the corpus folders (or --queries-only)")

    def say(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    say("preparing the corpus")
    corpus_info = prepare([p.resolve() for p in args.corpora], args.scale, work)
    corpus = Path(corpus_info["folder"])
    index = work / "index"
    shutil.rmtree(index, ignore_errors=True)
    result: dict[str, Any] = {"corpus": corpus_info, "machine": machine()}

    ours: dict[str, Any] = {"cold_runs": []}
    recoll: dict[str, Any] | None = {"cold_runs": []} if use_recoll else None
    for run in range(1, args.cold_runs + 1):  # in turn: both meet the machine's moods
        say(f"searchapp: cold index of {corpus_info['articles']} articles ({run})")
        shutil.rmtree(index, ignore_errors=True)
        ours["cold_runs"].append(ours_index(corpus, index))
        if recoll is not None:
            say(f"recoll: cold index ({run})")
            conf = recoll_conf(corpus, work)
            recoll["cold_runs"].append(recoll_index(conf))
    for part in (ours, *([recoll] if recoll else [])):  # the run of median time stands for them
        runs = sorted(part["cold_runs"], key=lambda r: r["seconds"])
        part["cold"] = runs[(len(runs) - 1) // 2]
    ours["size_mb"] = dir_mb(index)
    if recoll:
        recoll["size_mb"] = dir_mb(conf / "xapiandb")
    say("re-index with nothing changed")
    ours["nochange"] = ours_index(corpus, index)
    if recoll:
        recoll["nochange"] = recoll_index(conf)
    result["changed_files"] = touch_one_percent(corpus)
    say(f"re-index after {result['changed_files']} files changed")
    ours["changed"] = ours_index(corpus, index)
    if recoll:
        recoll["changed"] = recoll_index(conf)
    say("queries")
    both = queries_side_by_side(index, conf if recoll else None, args.passes)
    ours["queries"] = both["ours"]
    if recoll:
        recoll["queries"] = both["recoll"]
    if not args.no_window:
        say("window start")
        result["window"] = window_start(index, corpus, work)
    for part in (ours, recoll or {}):
        for run in (*part.get("cold_runs", ()), *(part.get(k) for k in ("nochange", "changed"))):
            if run:
                run.pop("output", None)
    result["ours"], result["recoll"] = ours, recoll
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
