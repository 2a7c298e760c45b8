"""Recall and precision of morphological search on a real Russian corpus.

For each lemma of :data:`CASES` the ground truth is the set of articles that
contain *any* surface form of it (the forms come from pymorphy3's lexeme of
that lemma, matched as whole words, case and «ё» folded).  The query is *one*
inflected form, run through the real engine (title and body).  A Snowball
stemmer baseline (what Recoll uses) is scored on the same ground truth.

    python bench/morph_eval.py /tmp/corpora/ru_news_articles [--index DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import pymorphy3
import Stemmer

from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.ingest import iter_article_files, read_article

# (lemma, part of speech, the inflected form typed as the query)
CASES: list[tuple[str, str, str]] = [
    ("миграция", "NOUN", "миграции"),
    ("мигрант", "NOUN", "мигрантам"),
    ("человек", "NOUN", "людей"),
    ("время", "NOUN", "времени"),
    ("ребёнок", "NOUN", "детей"),
    ("страна", "NOUN", "стране"),
    ("президент", "NOUN", "президента"),
    ("суд", "NOUN", "суда"),
    ("вода", "NOUN", "воды"),
    ("город", "NOUN", "городе"),
    ("закон", "NOUN", "законом"),
    ("война", "NOUN", "войны"),
    ("деньга", "NOUN", "деньгами"),
    ("рубль", "NOUN", "рублей"),
    ("мать", "NOUN", "матери"),
    ("полиция", "NOUN", "полицией"),
    ("идти", "VERB", "шёл"),
    ("сказать", "VERB", "сказал"),
    ("заявить", "VERB", "заявила"),
    ("встретиться", "VERB", "встретился"),
    ("подписать", "VERB", "подписали"),
    ("говорить", "VERB", "говорят"),
    ("взять", "VERB", "возьмёт"),
    ("хороший", "ADJF", "хорошего"),
    ("новый", "ADJF", "новой"),
    ("российский", "ADJF", "российских"),
    ("международный", "ADJF", "международного"),
    ("большой", "ADJF", "большим"),
    ("москва", "NOUN", "Москве"),
    ("россия", "NOUN", "России"),
    ("украина", "NOUN", "Украины"),
    ("путин", "NOUN", "Путина"),
    ("навальный", "NOUN", "Навального"),
    ("зеленский", "NOUN", "Зеленским"),
    ("пакистан", "NOUN", "Пакистане"),
]

POS_GROUPS = {"NOUN": {"NOUN"}, "VERB": {"VERB", "INFN"}, "ADJF": {"ADJF"}}
WORD = re.compile(r"[^\W_]+")


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def lexeme_forms(morph: pymorphy3.MorphAnalyzer, lemma: str, pos: str) -> set[str]:
    """Every surface form of ``lemma`` (all its parses with that normal form and POS)."""
    forms: set[str] = set()
    for p in morph.parse(lemma):
        if fold(p.normal_form) == fold(lemma) and p.tag.POS in POS_GROUPS[pos]:
            forms.update(fold(f.word) for f in p.lexeme)
    return forms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--index", type=Path, help="index dir (built if missing)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    index_dir = args.index or Path(tempfile.mkdtemp(prefix="morph-eval-"))
    report = update_index(index_dir, [args.corpus])
    print(f"index: {report.summary()} in {report.seconds:.1f} s", file=sys.stderr)

    morph = pymorphy3.MorphAnalyzer()
    stem = Stemmer.Stemmer("russian").stemWord
    docs: dict[str, set[str]] = {}
    for path in iter_article_files([args.corpus]):
        article = read_article(path)
        docs[article.path] = {fold(w) for w in WORD.findall(article.title + "\n" + article.body)}

    engine = SearchEngine(index_dir)
    rows = []
    totals = {"ours": [0, 0, 0], "snowball": [0, 0, 0]}  # true pos, found, relevant
    for lemma, pos, form in CASES:
        forms = lexeme_forms(morph, lemma, pos)
        truth = {p for p, words in docs.items() if words & forms}
        found = set(engine.matching_paths(form))
        s = stem(fold(form))
        stem_found = {p for p, words in docs.items() if any(stem(w) == s for w in words)}
        row = {"lemma": lemma, "query": form, "relevant": len(truth)}
        for name, got in (("ours", found), ("snowball", stem_found)):
            tp = len(got & truth)
            row[name] = {
                "found": len(got),
                "recall": tp / len(truth) if truth else 1.0,
                "precision": tp / len(got) if got else 1.0,
                "missed": sorted(Path(p).name for p in truth - got)[:3],
                "extra": sorted(Path(p).name for p in got - truth)[:3],
            }
            t = totals[name]
            t[0] += tp
            t[1] += len(got)
            t[2] += len(truth)
        rows.append(row)
    engine.close()

    summary = {
        name: {"recall": t[0] / t[2], "precision": t[0] / t[1]} for name, t in totals.items()
    }
    if args.json:
        print(json.dumps({"cases": rows, "micro": summary}, ensure_ascii=False, indent=1))
        return 0
    print(f"{'lemma':<14}{'query':<16}{'relevant':>9}{'recall':>9}{'prec.':>8}"
          f"{'snowball R':>12}{'P':>7}")
    for r in rows:
        o, b = r["ours"], r["snowball"]
        print(f"{r['lemma']:<14}{r['query']:<16}{r['relevant']:>9}{o['recall']:>9.1%}"
              f"{o['precision']:>8.1%}{b['recall']:>12.1%}{b['precision']:>7.1%}")
    for name, v in summary.items():
        print(f"{name}: micro recall {v['recall']:.1%}, precision {v['precision']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
