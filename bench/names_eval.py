"""Precision and recall of names across scripts (sound keys, no names list).

Three measurements, all through the real analysis (``morphology``):

1. **Pairs** (``bench/name_pairs.tsv``): does the English spelling, typed as
   a query, find every case form of the Russian name as written in a text
   (recall, form by form), and the Russian name typed as a query find the
   English spelling?  Precision: how often a query finds a *different* name
   of the list (every Latin name against every other Cyrillic name's forms).
2. **Common words** (needs corpora): of the most frequent lower-case words
   of English texts, how many would start finding Russian words (their sound
   key equals a key indexed for a capitalised Russian word), and the reverse.
   Each collision is printed with the words it joins, for a human to judge.
3. **Articles** (``--index``): on a mixed index, the Russian articles found
   by the English spelling against those found by the Russian name itself.

    python bench/names_eval.py [--corpus DIR ...] [--index DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pymorphy3

from searchapp.core import morphology
from searchapp.core.analysis import iter_words
from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.ingest import iter_article_files, read_article
from searchapp.core.results import SearchRequest
from searchapp.core.translit import is_key

PAIRS = Path(__file__).with_name("name_pairs.tsv")


@dataclass(frozen=True)
class Pair:
    latin: str
    cyrillic: str
    kind: str
    list_only: bool


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    rows = [
        line.rstrip("\n").split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [Pair(r[0], r[1], r[2], len(r) > 3 and r[3] == "yes") for r in rows[1:]]


_MORPH = pymorphy3.MorphAnalyzer()


_PROPER = frozenset({"Name", "Surn", "Geox", "Orgn", "Trad"})
_SURNAME_ENDINGS = ("", "а", "у", "ым", "ом", "е", "ой")


def case_forms(word: str) -> list[str]:
    """The singular case forms of a Russian name, capitalised as in a text:
    from pymorphy3's lexeme when it knows the name as a name; declined by
    the rules for -ов/-ев/-ин/-ын/-ян surnames (masculine and feminine)
    otherwise; the word alone for anything else (Санду, Туркменбаши)."""
    w = word.lower()
    own = [p for p in _MORPH.parse(w) if p.normal_form == w and _PROPER & p.tag.grammemes]
    if own:
        forms = {f.word for f in own[0].lexeme if "plur" not in f.tag.grammemes}
    elif w.endswith(("ов", "ев", "ёв", "ин", "ын", "ян")):
        forms = {w + e for e in _SURNAME_ENDINGS if not (w.endswith("ян") and e in ("ым", "ой"))}
    else:
        forms = {w}
    return sorted(f.capitalize() for f in forms | {w})


def _keys(terms: Iterable[str]) -> set[str]:
    return {t for t in terms if is_key(t)}


def matches(query_word: str, text_word: str) -> bool:
    """Does ``query_word`` typed as a query find ``text_word`` in a text?"""
    parts_q = query_word.split("-")
    parts_t = text_word.split("-")
    if len(parts_q) != len(parts_t):
        return False
    for q, t in zip(parts_q, parts_t, strict=True):
        wanted = _keys(morphology.query_terms(morphology.fold(q), scripts=True))
        indexed = _keys(morphology.index_terms(morphology.fold(t), True))
        if not wanted & indexed:
            return False
    return True


def eval_pairs(pairs: list[Pair]) -> dict[str, object]:
    """Form-level recall both ways, and confusions between different names."""
    forms = {p.cyrillic: _forms_of(p.cyrillic) for p in pairs}
    found = total = 0
    misses: list[str] = []
    reverse_found = 0
    for p in pairs:
        ok = [f for f in forms[p.cyrillic] if matches(p.latin, f)]
        found += len(ok)
        total += len(forms[p.cyrillic])
        if len(ok) < len(forms[p.cyrillic]):
            lost = sorted(set(forms[p.cyrillic]) - set(ok))
            misses.append(f"{p.latin} → {p.cyrillic}: not {', '.join(lost[:4])}")
        if matches(p.cyrillic, p.latin):
            reverse_found += 1
        else:
            misses.append(f"{p.cyrillic} → {p.latin}: no")
    confusions = [
        f"{p.latin} → {q.cyrillic}"
        for p in pairs
        for q in pairs
        if q.cyrillic != p.cyrillic and any(matches(p.latin, f) for f in forms[q.cyrillic])
    ]
    true_pairs = sum(
        1 for p in pairs if any(matches(p.latin, f) for f in forms[p.cyrillic])
    )
    return {
        "pairs": len(pairs),
        "forms": total,
        "recall_forms_latin_to_cyrillic": round(found / total, 4) if total else None,
        "recall_cyrillic_to_latin": round(reverse_found / len(pairs), 4) if pairs else None,
        "pairs_found": true_pairs,
        "confusions": confusions,
        "precision_pairs": round(true_pairs / (true_pairs + len(confusions)), 4)
        if true_pairs
        else None,
        "misses": misses,
    }


def _forms_of(name: str) -> list[str]:
    """Forms of a possibly hyphenated name (Касым-Жомарт: each part's forms,
    in parallel)."""
    parts = name.split("-")
    if len(parts) == 1:
        return case_forms(name)
    return ["-".join(p.capitalize() for p in parts)] + [
        "-".join(f) for f in zip(*(case_forms(p) for p in parts), strict=False)
    ]


def _texts(folders: list[Path], per_folder: int) -> Iterable[str]:
    for folder in folders:
        for path in islice(iter_article_files([folder]), per_folder):
            try:
                art = read_article(path)
            except Exception:  # a bad file is not the point here
                continue
            yield art.title + "\n" + art.body


def common_words(folders: list[Path], per_folder: int, top: int) -> dict[str, list[str]]:
    """The ``top`` most frequent words of each script that are mostly written
    in lower case (so not names)."""
    lower: dict[str, Counter[str]] = {"latin": Counter(), "cyrillic": Counter()}
    upper: dict[str, Counter[str]] = {"latin": Counter(), "cyrillic": Counter()}
    for text in _texts(folders, per_folder):
        for _, _, w in iter_words(text):
            if w.isdigit() or len(w) < 3:
                continue
            script = "cyrillic" if morphology.is_cyrillic(w) else "latin"
            if not (morphology.is_cyrillic(w) or morphology.is_latin(w)):
                continue
            (upper if w[:1].isupper() else lower)[script][morphology.fold(w)] += 1
    return {
        script: [w for w, n in counts.most_common() if n >= 2 * upper[script][w]][:top]
        for script, counts in lower.items()
    }


def _paths(engine: SearchEngine, text: str, lang: str, names: bool) -> set[str]:
    return set(engine.matching_paths(SearchRequest(query=text, langs=frozenset({lang}),
                                                   names=names)))


def eval_common_words(engine: SearchEngine, words: dict[str, list[str]]) -> dict[str, object]:
    """Common words that find articles of the other language only because of
    names across scripts."""
    report: dict[str, object] = {}
    for script, other_lang in (("latin", "ru"), ("cyrillic", "en")):
        hits = []
        for w in words[script]:
            extra = _paths(engine, w, other_lang, True) - _paths(engine, w, other_lang, False)
            if extra:
                hits.append(f"{w}: +{len(extra)} {other_lang} articles")
        report[f"{script}_common_words"] = len(words[script])
        report[f"{script}_meeting_{other_lang}"] = len(hits)
        report[f"{script}_collisions"] = hits
    return report


def _has_any(text: str, forms: Iterable[str], *, capitalised: bool) -> bool:
    """Does ``text`` have one of ``forms`` as a whole word (any case; with
    ``capitalised`` only where it starts with a capital)?"""
    alts = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alts})(?:['’]s)?(?!\w)", re.IGNORECASE)
    return any(m.group()[0].isupper() or not capitalised for m in pattern.finditer(text))


def eval_articles(engine: SearchEngine, pairs: list[Pair]) -> dict[str, object]:
    """Article-level recall and precision of each pair, both ways.

    Candidates: the articles of the other language that the typed name finds
    with names on, or that the other spelling finds (quoted, names off).
    Truth, read from each candidate's text: it has a case form of the Russian
    name, capitalised as a name (Алексей, not Алексеев or «лавры»), or the
    English spelling as a whole word, any case.
    """
    out: dict[str, object] = {}
    for a, b, lang in (("latin", "cyrillic", "ru"), ("cyrillic", "latin", "en")):
        tp = fp = fn = used = 0
        worst: list[tuple[int, str]] = []
        for p in pairs:
            typed, other = getattr(p, a), getattr(p, b)
            found = _paths(engine, typed, lang, True)
            candidates = found | _paths(engine, f'"{other}"', lang, False)
            forms = [f.replace("ё", "е") for f in _forms_of(p.cyrillic)]
            forms += [f.replace("е", "ё") for f in forms]
            truth = set()
            for path in candidates:
                view = engine.article(path, names=False)
                text = f"{view.title}\n{view.body}" if view else ""
                if _has_any(text, forms, capitalised=True) or _has_any(
                    text, [p.latin], capitalised=False
                ):
                    truth.add(path)
            if not truth and not found:
                continue
            used += 1
            tp += len(found & truth)
            fp += len(found - truth)
            fn += len(truth - found)
            if found - truth or truth - found:
                worst.append((
                    len(found - truth) + len(truth - found),
                    f"{typed} → {other}: {len(found & truth)} right, "
                    f"{len(found - truth)} wrong, {len(truth - found)} missed",
                ))
        out[f"{a}_to_{lang}"] = {
            "pairs_present": used,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "articles_right": tp, "articles_wrong": fp, "articles_missed": fn,
            "worst": [w for _, w in sorted(worst, reverse=True)[:15]],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, nargs="*", default=[],
                    help="folders to index for parts 2 and 3 (Russian and English)")
    ap.add_argument("--index", type=Path, help="index of --corpus (built when missing)")
    ap.add_argument("--per-folder", type=int, default=3000, help="files read for common words")
    ap.add_argument("--top", type=int, default=500, help="common words per script")
    ap.add_argument("--with-list", action="store_true",
                    help="let resources/names.toml help too (off: transliteration alone)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if not args.with_list:
        os.environ["SEARCHAPP_NAMES"] = os.devnull + ".none"
    pairs = load_pairs()
    out: dict[str, object] = {}
    for label, chosen in (
        ("transliterable", [p for p in pairs if not p.list_only]),
        ("list_only", [p for p in pairs if p.list_only]),
    ):
        res = eval_pairs(chosen)
        out[label] = res
        print(
            f"{label:15} pairs={res['pairs']} forms={res['forms']} "
            f"recall lat→cyr {res['recall_forms_latin_to_cyrillic']} "
            f"cyr→lat {res['recall_cyrillic_to_latin']} "
            f"precision {res['precision_pairs']} confusions={len(res['confusions'])}"
        )
        for line in res["confusions"][:20]:
            print("   confusion:", line)
        for line in res["misses"][:40]:
            print("   miss:", line)
    if args.corpus:
        index_dir = args.index or Path(tempfile.mkdtemp(prefix="names-eval-"))
        report = update_index(index_dir, args.corpus)
        print(f"index {index_dir}: {report}")
        engine = SearchEngine(index_dir)
        arts = eval_articles(engine, [p for p in pairs if not p.list_only])
        out["articles"] = arts
        for direction, r in arts.items():
            print(f"articles {direction}: " + ", ".join(
                f"{k}={v}" for k, v in r.items() if k != "worst"))
            for line in r["worst"]:
                print("   ", line)
        words = common_words(args.corpus, args.per_folder, args.top)
        common = eval_common_words(engine, words)
        out["common_words"] = common
        for script in ("latin", "cyrillic"):
            hits = common[f"{script}_collisions"]
            print(f"{script} common words: {common[f'{script}_common_words']}, "
                  f"finding other-language articles only through names: {len(hits)}")
            for line in hits:
                print("   ", line)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
