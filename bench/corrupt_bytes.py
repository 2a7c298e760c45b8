"""Stray bytes in UTF-8 articles, and Cyrillic code pages: are the articles still found?

Takes 1,000 real UTF-8 articles from CORPORA (250 from each of en_bbc,
en_reuters21578, ru_news_articles, ru_news_tg; seeded), makes two damaged
copies of each, with 1–3 random bytes 0x80–0xFF inserted at character
boundaries (each invalid UTF-8 on its own) and inside characters (between
the bytes of a Cyrillic letter or a dash, where the letter's own bytes turn
invalid too), indexes them into temporary indexes, and counts the
articles found by a word of their first and by a word of their last
paragraph.  The clean originals, indexed in the same run, are the peer
(100 % unless the word choice misses).  Then re-encodes the Russian
articles in cp1251 and koi8-r and counts those read exactly like their
UTF-8 original.

    python bench/corrupt_bytes.py [--corpora /tmp/corpora] [--seed 12]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.ingest import read_article
from searchapp.core.ingest.frontmatter import split
from searchapp.core.results import SearchRequest

CORPORA = ("en_bbc", "en_reuters21578", "ru_news_articles", "ru_news_tg")
PER_CORPUS = 250
_WORD = re.compile(r"[^\W\d_]{5,}")


def pick_files(root: Path, rng: random.Random) -> list[tuple[Path, str, tuple[str, str]]]:
    """``PER_CORPUS`` random articles of each corpus that have words to search for."""
    picked: list[tuple[Path, str, tuple[str, str]]] = []
    for name in CORPORA:
        names = sorted(p.name for p in (root / name).iterdir() if p.suffix == ".md")
        rng.shuffle(names)
        taken = 0
        for n in names:
            text = (root / name / n).read_text(encoding="utf-8")
            words = paragraph_words(text)
            if words is not None:
                picked.append((root / name / n, text, words))
                taken += 1
                if taken == PER_CORPUS:
                    break
    return picked


def paragraph_words(text: str) -> tuple[str, str] | None:
    """The longest word of the first and of the last paragraph of the body."""
    _, body = split(text)
    paras = [p for p in re.split(r"\n\s*\n", body) if _WORD.search(p)]
    if not paras:
        return None
    first = max(_WORD.findall(paras[0]), key=len)
    last = max(_WORD.findall(paras[-1]), key=len)
    return first, last


def corrupt(text: str, rng: random.Random, *, inside: bool = False) -> bytes:
    """``text`` in UTF-8 with 1–3 random bytes 0x80–0xFF inserted between
    characters or, with ``inside``, between the bytes of non-ASCII characters
    (between characters in a text that has none)."""
    chars = [c.encode() for c in text]
    wide = [i for i, c in enumerate(chars) if len(c) > 1] if inside else []
    places = wide or range(1, len(chars))
    for pos in sorted(rng.sample(places, min(rng.randint(1, 3), len(places))), reverse=True):
        stray = bytes([rng.randint(0x80, 0xFF)])
        if wide:
            cut = rng.randint(1, len(chars[pos]) - 1)
            chars[pos] = chars[pos][:cut] + stray + chars[pos][cut:]
        else:
            chars.insert(pos, stray)
    return b"".join(chars)


def found(index: Path, cases: dict[str, tuple[str, str]]) -> tuple[int, int]:
    """How many articles are found by their first-paragraph word, and by their last."""
    engine = SearchEngine(index)
    first = last = 0
    try:
        for path, (w1, w2) in cases.items():
            first += path in engine.matching_paths(SearchRequest(query=w1))
            last += path in engine.matching_paths(SearchRequest(query=w2))
    finally:
        engine.close()
    return first, last


def codepages(texts: list[str], work: Path) -> dict[str, int]:
    """How many Russian articles in cp1251 / koi8-r are read exactly like in UTF-8."""
    right = {"cp1251": 0, "koi8_r": 0}
    for i, text in enumerate(texts):
        for cp in right:
            expected = text.encode(cp, "replace").decode(cp)
            ref, copy = work / f"ref-{i}-{cp}.md", work / f"copy-{i}-{cp}.md"
            ref.write_text(expected, encoding="utf-8")
            copy.write_bytes(expected.encode(cp))
            a, b = read_article(ref), read_article(copy)
            right[cp] += (a.title, a.body, a.date, a.source) == (b.title, b.body, b.date, b.source)
    return right


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    cpu = subprocess.run("lscpu | grep 'Model name'", shell=True, capture_output=True,
                         text=True).stdout.split(":")[-1].strip()
    with tempfile.TemporaryDirectory(prefix="corrupt-bytes-") as tmp:
        work = Path(tmp)
        kinds = ("clean", "between", "inside")
        folders = {kind: work / kind for kind in kinds}
        cases: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in kinds}
        for folder in folders.values():
            folder.mkdir()
        russian: list[str] = []
        for n, (src, text, words) in enumerate(pick_files(args.corpora, rng)):
            name = f"{n:04d}-{src.name}"
            (folders["clean"] / name).write_text(text, encoding="utf-8")
            (folders["between"] / name).write_bytes(corrupt(text, rng))
            (folders["inside"] / name).write_bytes(corrupt(text, rng, inside=True))
            for kind in kinds:
                cases[kind][str((folders[kind] / name).resolve())] = words
            if src.parent.name.startswith("ru_"):
                russian.append(text)
        reports = {kind: update_index(work / f"ix-{kind}", [folders[kind]]) for kind in kinds}
        hits = {kind: found(work / f"ix-{kind}", cases[kind]) for kind in kinds}
        cp_dir = work / "cp"
        cp_dir.mkdir()
        right = codepages(russian, cp_dir)
    n = len(cases["clean"])
    c1, c2 = hits["clean"]
    print(f"machine: {cpu}; seed {args.seed}; {n} articles, {len(russian)} Russian")
    for kind, label in (("clean", "clean (peer)"), ("between", "1-3 bytes between characters"),
                        ("inside", "1-3 bytes inside characters")):
        (h1, h2), report = hits[kind], reports[kind]
        print(f"{label}: indexed {report.added}, failed {len(report.failed)}; "
              f"found by first-paragraph word {h1}/{n} ({h1 / max(c1, 1):.1%} of peer), "
              f"by last-paragraph word {h2}/{n} ({h2 / max(c2, 1):.1%} of peer)")
    for cp, k in right.items():
        print(f"{cp}: {k}/{len(russian)} Russian articles read exactly as in UTF-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
