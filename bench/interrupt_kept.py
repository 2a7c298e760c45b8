"""How much an interrupted `searchapp index` keeps, and how fast it stops.

Generates N articles (Russian and English sentences drawn from a fixed word
list, seeded), runs `searchapp index` on them into a new index, sends a signal
after each given number of seconds (to the process group as Ctrl+C does, or to
the main process only), and reports: the exit code, the seconds from the
signal to the exit, the articles the index holds afterwards, and any worker
process left behind.

    python bench/interrupt_kept.py --articles 8000 --after 3 8 12 [--signal TERM] [--main-only]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RU = tuple(
    [
        "миграция",
        "мигранты",
        "правительство",
        "Казахстан",
        "Ташкент",
        "выборы",
        "экономика",
        "нефть",
        "газ",
        "президент",
        "министр",
        "соглашение",
        "граница",
        "торговля",
        "банк",
        "рынок",
        "закон",
        "суд",
        "школа",
    ]
)
EN = tuple(
    [
        "migration",
        "migrants",
        "government",
        "Kazakhstan",
        "Tashkent",
        "election",
        "economy",
        "oil",
        "gas",
        "president",
        "minister",
        "agreement",
        "border",
        "trade",
        "bank",
        "market",
        "law",
        "court",
        "school",
    ]
)


def write_articles(root: Path, n: int, seed: int = 8000) -> None:
    rng = random.Random(seed)
    for i in range(n):
        words = RU if i % 2 else EN
        body = " ".join(
            " ".join(rng.choice(words) for _ in range(12)).capitalize() + "."
            for _ in range(rng.randint(20, 60))
        )
        folder = root / f"{i // 500:03}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{i:05}.md").write_text(
            f"---\ntitle: Article {i}\ndate: 2024-{1 + i % 12:02}-{1 + i % 28:02}\n"
            f"source: Bench\n---\n\n{body}\n",
            encoding="utf-8",
        )


def children_of(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def kept(index: Path) -> int:
    from searchapp.core.engine import SearchEngine
    from searchapp.core.results import SearchRequest

    engine = SearchEngine(index)
    try:
        return engine.search(SearchRequest(query="", limit=1)).total
    finally:
        engine.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=8000)
    ap.add_argument("--after", type=float, nargs="+", default=[3, 8, 12])
    ap.add_argument("--signal", choices=["INT", "TERM"], default="INT")
    ap.add_argument("--main-only", action="store_true", help="signal the main process only")
    args = ap.parse_args()
    sig = getattr(signal, f"SIG{args.signal}")
    work = Path(tempfile.mkdtemp(prefix="searchapp-interrupt-"))
    try:
        corpus = work / "corpus"
        write_articles(corpus, args.articles)
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        print(
            f"{args.articles} generated articles, SIG{args.signal} to "
            f"{'the main process' if args.main_only else 'the process group'}; "
            f"{cpu}, {os.cpu_count()} cores"
        )
        print("after s | exit | s to stop | articles kept | workers left")
        for after in args.after:
            index = work / f"ix-{after}"
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "searchapp",
                    "index",
                    str(corpus),
                    "--index",
                    str(index),
                    "--quiet",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,
            )
            time.sleep(after)
            workers = {
                p: Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ")[-60:]
                for p in children_of(proc.pid)
            }
            sent = time.perf_counter()
            if args.main_only:
                proc.send_signal(sig)
            else:
                os.killpg(proc.pid, sig)
            proc.communicate()
            took = time.perf_counter() - sent
            time.sleep(1)  # a child that is ending by itself gets a second
            left = [p for p in workers if alive(p)]
            for p in left:
                print("   left:", p, workers[p])
            print(
                f"{after:7.0f} | {proc.returncode:4} | {took:10.2f} | {kept(index):13} "
                f"| {len(left)}"
            )
            for p in left:
                os.kill(p, signal.SIGKILL)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
