"""How fast the window answers each keystroke of a query.

Opens the real window (offscreen) on an index, and for every prefix of each
query — what the window searches when the user pauses after that keystroke —
asks for the search the window asks for (facets and the first page with
snippets) and times it until the page is on screen (the window's
``show_results`` has run).  The debounce is bypassed, so each time is the
answer to that keystroke alone; the goal is to answer within one debounce
period (``DEBOUNCE_MS``).

    QT_QPA_PLATFORM=offscreen python bench/typing_latency.py INDEX [--rounds 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from searchapp.core.results import SearchResponse
from searchapp.ui.controller import DEBOUNCE_MS
from searchapp.ui.mainwindow import MainWindow

QUERIES = ("нефть газ Казахстан", "президент Узбекистана Мирзиёев", "oil prices Kazakhstan",
           "central bank rates")


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def answer_ms(window: MainWindow, text: str) -> float:
    """Milliseconds from asking for ``text`` to its page on screen."""
    loop = QEventLoop()
    shown: list[float] = []

    def on_results(resp: SearchResponse) -> None:  # runs after the window's own slot
        if resp.request.query == text and not shown:
            shown.append(time.perf_counter())
            loop.quit()

    window.controller.results.connect(on_results)
    window.search.blockSignals(True)
    window.search.setText(text)
    window.search.blockSignals(False)
    started = time.perf_counter()
    window.controller.search_now(window.request())
    QTimer.singleShot(60_000, loop.quit)
    if not shown:
        loop.exec()
    window.controller.results.disconnect(on_results)
    if not shown:
        raise SystemExit(f"no answer for {text!r} within a minute")
    return (shown[0] - started) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(args.index, settings)
        window.resize(1280, 800)
        window.show()
        window.start()
        answer_ms(window, "")  # the window's first page, so start-up is not counted
        per_query: dict[str, list[float]] = {}
        per_prefix: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for query in QUERIES:
                for end in range(1, len(query) + 1):
                    if query[end - 1] != " ":
                        ms = answer_ms(window, query[:end])
                        per_query.setdefault(query, []).append(ms)
                        per_prefix.setdefault(query[:end], []).append(ms)
        window.close()
        window.deleteLater()
        app.processEvents()
    every = [t for times in per_query.values() for t in times]
    load = os.getloadavg()[0]
    print(f"{cpu_name()}, {os.cpu_count()} cores, load average {load:.1f}; "
          f"debounce {DEBOUNCE_MS} ms; {args.rounds} rounds")
    print("| query | keystrokes | p50 ms | p95 ms | max ms | within debounce |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = {}
    for query, times in [*per_query.items(), ("all", every)]:
        q = statistics.quantiles(times, n=20)
        within = sum(t <= DEBOUNCE_MS for t in times) / len(times)
        rows[query] = {"p50": statistics.median(times), "p95": q[18], "max": max(times),
                       "within": within, "n": len(times)}
        print(f"| {query} | {len(times)} | {statistics.median(times):.0f} | {q[18]:.0f} | "
              f"{max(times):.0f} | {within:.0%} |")
    slowest = sorted(per_prefix, key=lambda k: -statistics.median(per_prefix[k]))[:8]
    print("slowest keystrokes (median ms): " + ", ".join(
        f"{k!r} {statistics.median(per_prefix[k]):.0f}" for k in slowest))
    if args.json:
        medians = {k: statistics.median(v) for k, v in per_prefix.items()}
        args.json.write_text(json.dumps({"cpu": cpu_name(), "load": load, "debounce_ms":
                                         DEBOUNCE_MS, "rows": rows, "prefixes": medians},
                                        indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # PySide6 can crash while Python finalises after a window with worker
    # threads was torn down ("none_dealloc"); the figures are out: leave now.
    os._exit(code)
