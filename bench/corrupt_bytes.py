"""Stray bytes in UTF-8 articles, and Cyrillic code pages: are the articles still found?

Takes 1,000 real UTF-8 articles from CORPORA (250 from each of en_bbc,
en_reuters21578, ru_news_articles, ru_news_tg; seeded), inserts 1–3 random
bytes 0x80–0xFF into each (at character boundaries, so each is invalid
UTF-8 on its own), indexes them into a temporary index, and counts the
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


def corrupt(text: str, rng: random.Random) -> bytes:
    """``text`` in UTF-8 with 1–3 random bytes 0x80–0xFF inserted between characters."""
    chars = list(text)
    for pos in sorted(rng.sample(range(1, len(chars)), rng.randint(1, 3)), reverse=True):
        chars.insert(pos, None)  # type: ignore[arg-type]
    return b"".join(
        bytes([rng.randint(0x80, 0xFF)]) if c is None else c.encode() for c in chars
    )


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
        clean_dir, bad_dir = work / "clean", work / "bad"
        clean_dir.mkdir()
        bad_dir.mkdir()
        clean: dict[str, tuple[str, str]] = {}
        bad: dict[str, tuple[str, str]] = {}
        russian: list[str] = []
        for n, (src, text, words) in enumerate(pick_files(args.corpora, rng)):
            name = f"{n:04d}-{src.name}"
            (clean_dir / name).write_text(text, encoding="utf-8")
            (bad_dir / name).write_bytes(corrupt(text, rng))
            clean[str((clean_dir / name).resolve())] = words
            bad[str((bad_dir / name).resolve())] = words
            if src.parent.name.startswith("ru_"):
                russian.append(text)
        r_clean = update_index(work / "ix-clean", [clean_dir])
        r_bad = update_index(work / "ix-bad", [bad_dir])
        c1, c2 = found(work / "ix-clean", clean)
        b1, b2 = found(work / "ix-bad", bad)
        cp_dir = work / "cp"
        cp_dir.mkdir()
        right = codepages(russian, cp_dir)
    n = len(bad)
    print(f"machine: {cpu}; seed {args.seed}; {n} articles, {len(russian)} Russian")
    print(f"clean (peer):    indexed {r_clean.added}, failed {len(r_clean.failed)}; "
          f"found by first-paragraph word {c1}/{n}, by last-paragraph word {c2}/{n}")
    print(f"1-3 stray bytes: indexed {r_bad.added}, failed {len(r_bad.failed)}; "
          f"found by first-paragraph word {b1}/{n} ({b1 / max(c1, 1):.1%} of peer), "
          f"by last-paragraph word {b2}/{n} ({b2 / max(c2, 1):.1%} of peer)")
    for cp, k in right.items():
        print(f"{cp}: {k}/{len(russian)} Russian articles read exactly as in UTF-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
