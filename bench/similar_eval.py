"""How often "similar articles" are on the same subject, by the corpora's own labels.

Three labelled collections give the truth: Reuters-21578 (``topics:`` in the
front matter; two articles are on the same subject if they share a topic),
BSNLP Russian news (``topic:``, one news story each) and BBC (the category in
the file name: business, politics, sport, tech, entertainment).  For a sample
of labelled articles the script asks the engine for the similar articles and
counts, of the first ``--top``, those with a shared label (precision at k).
An unlabelled result (a Telegram post, a seed) or one from another collection
counts as wrong, so the figure is a lower bound; ``from_same_collection`` says
how much of the list the truth could judge at all.

    python bench/similar_eval.py --index DIR [--sample 200] [--top 5] [--json OUT]

The index must hold the labelled corpora (``bench/bench.py`` leaves one in
``/tmp/searchapp-bench/index``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

from searchapp.core.engine import SearchEngine

_FRONT = re.compile(r"\A---\n(.*?)\n---", re.S)
_FIELD = re.compile(r'^(topics?):\s*"?([^"\n]*)"?\s*$', re.M)
_BBC = re.compile(r"bbc-([a-z]+)-\d+\.md$")


def labels_of(path: str) -> tuple[str, frozenset[str]] | None:
    """``(collection, labels)`` of a labelled article, else None."""
    m = _BBC.search(path)
    if m:
        return "bbc", frozenset({m.group(1)})
    try:
        head = Path(path).read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return None
    front = _FRONT.match(head)
    if not front:
        return None
    for name, value in _FIELD.findall(front.group(1)):
        found = frozenset(v.strip() for v in value.split(",") if v.strip())
        if found:
            return ("reuters" if name == "topics" else "bsnlp"), found
    return None


def evaluate(engine: SearchEngine, sample: int, top: int, seed: int) -> dict[str, object]:
    paths = engine.matching_paths("")
    labelled = {p: lab for p in paths if (lab := labels_of(p)) is not None}
    by_collection: dict[str, list[str]] = {}
    for path, (collection, _) in labelled.items():
        by_collection.setdefault(collection, []).append(path)
    rng = random.Random(seed)
    report: dict[str, object] = {}
    for collection, members in sorted(by_collection.items()):
        chosen = rng.sample(sorted(members), min(sample, len(members)))
        right = shown = same = 0
        millis: list[float] = []
        for path in chosen:
            mine = labelled[path][1]
            started = time.perf_counter()
            hits = engine.similar(path, limit=top)
            millis.append((time.perf_counter() - started) * 1000)
            shown += len(hits)
            same += sum(1 for h in hits if (lab := labelled.get(h.path)) and lab[0] == collection)
            right += sum(
                1 for h in hits if (lab := labelled.get(h.path)) is not None and lab[1] & mine
            )
        report[collection] = {
            "articles": len(chosen),
            "labelled_in_index": len(members),
            "results": shown,
            f"precision_at_{top}": round(right / shown, 3) if shown else None,
            "from_same_collection": round(same / shown, 3) if shown else None,
            "median_ms": round(statistics.median(millis), 1) if millis else None,
        }
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=200, help="articles per collection")
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    engine = SearchEngine(args.index)
    try:
        report = evaluate(engine, args.sample, args.top, args.seed)
    finally:
        engine.close()
    for collection, row in report.items():
        print(collection, row)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
