"""Ranking quality: known-item search on the corpora, against a plain BM25 baseline.

For a seeded sample of articles of each language the script writes queries
whose right answer is known: the article they were made from.

* **keywords**: three of the article's most distinctive words (tf-idf
  over the sample), as a person would type a few keywords;
* **question**: a question as typed, made of a window of one of its
  sentences with a word or two left out, a question word in front and a
  ``?`` stuck to the last word («Почему …?», "How did …?").

The sampled articles (copied to a temporary folder, never to the
repository) are indexed with the real indexer, and the same articles go into
a **plain Whoosh index** in memory: body only, RegexTokenizer + lowercase +
Snowball stem (PyStemmer, English or Russian by script), every query word
ORed, Whoosh's default BM25F; and the same with a Lucene-style BM25 idf.
searchapp is asked through :class:`SearchEngine` as the window asks (title
and body, all words first, the closest-match retry).  Each query has one
relevant article: MRR@10 and nDCG@10 per language and system.

    python bench/rank_eval.py [--per-lang 2500] [--queries 150] [--seed 14]
                              [--workdir DIR] [--json OUT]

``--workdir`` keeps the articles and the index between runs (the indexer
only updates what changed), handy when trying query-side changes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import Stemmer
from whoosh import query as wq
from whoosh import scoring
from whoosh.analysis import STOP_WORDS, Filter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchapp.core.analysis import iter_words
from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.ingest import iter_article_files, read_article
from searchapp.core.results import SearchRequest

CORPORA = Path("/tmp/corpora")
# Per language: (collection folder, share of the sample).
COLLECTIONS = {
    "en": (("en_bbc", 0.5), ("en_reuters21578", 0.5)),
    "ru": (("ru_news_articles", 0.6), ("ru_news_tg", 0.4)),
}
QUESTION_WORDS = {
    "en": ("What", "Why", "How", "When", "Who", "Where", "Did", "Is it true that"),
    "ru": ("Почему", "Как", "Что", "Когда", "Кто", "Где", "Правда ли, что", "Зачем"),
}
_RU_STOP = (
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее"
    " мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть"
    " был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть"
    " надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда"
    " кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас"
    " были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот"
    " через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед"
    " иногда лучше чуть том нельзя такой им более всегда конечно всю между это также"
)
RU_STOP = frozenset(_RU_STOP.split())
TOP = 10
SYSTEMS = ("searchapp", "plain BM25", "plain BM25, Lucene idf")


@dataclass
class Doc:
    path: str
    lang: str
    title: str
    body: str


@dataclass
class Query:
    lang: str
    kind: str
    text: str
    target: str


@dataclass
class Score:
    rr: list[float] = field(default_factory=list)
    gain: list[float] = field(default_factory=list)

    def add(self, rank: int | None) -> None:
        ok = rank is not None and rank <= TOP
        self.rr.append(1.0 / rank if ok else 0.0)  # type: ignore[operator]
        self.gain.append(1.0 / math.log2(rank + 1) if ok else 0.0)  # type: ignore[operator]

    def summary(self) -> dict[str, float]:
        n = len(self.rr) or 1
        return {"mrr10": round(sum(self.rr) / n, 4), "ndcg10": round(sum(self.gain) / n, 4),
                "queries": len(self.rr)}


# -- the sample -------------------------------------------------------------


def sample_docs(per_lang: int, rng: random.Random, dest: Path) -> list[Doc]:
    """Copy a seeded sample of each language's collections to ``dest``;
    articles whose body starts like another's are left out (duplicates
    would make the known item ambiguous)."""
    docs: list[Doc] = []
    for lang, parts in COLLECTIONS.items():
        for name, share in parts:
            files = sorted(iter_article_files([CORPORA / name]))
            rng.shuffle(files)
            want, seen = int(per_lang * share), set()
            for f in files:
                if want == 0:
                    break
                try:
                    art = read_article(Path(f))
                except Exception:
                    continue
                key = " ".join(art.body.lower().split()[:40])
                if art.lang != lang or len(art.body) < 400 or key in seen:
                    continue
                seen.add(key)
                copy = dest / lang / name / Path(f).name
                copy.parent.mkdir(parents=True, exist_ok=True)
                if not copy.exists():
                    shutil.copyfile(f, copy)
                docs.append(Doc(str(copy), lang, art.title, art.body))
                want -= 1
    return docs


def _content(word: str, lang: str) -> bool:
    low = word.lower()
    stop = STOP_WORDS if lang == "en" else RU_STOP
    return len(low) >= 4 and low not in stop and not any(c.isdigit() for c in low)


def make_queries(docs: list[Doc], per_lang: int, rng: random.Random) -> list[Query]:
    """Keyword and question queries for ``per_lang`` articles of each language."""
    out: list[Query] = []
    for lang in COLLECTIONS:
        mine = [d for d in docs if d.lang == lang]
        df: Counter[str] = Counter()
        for d in mine:
            df.update({w.lower() for _, _, w in iter_words(d.body)})
        targets = rng.sample(mine, min(per_lang, len(mine)))
        for d in targets:
            kw = _keywords(d, df, len(mine), rng)
            if kw:
                out.append(Query(lang, "keywords", kw, d.path))
            q = _question(d, lang, rng)
            if q:
                out.append(Query(lang, "question", q, d.path))
    return out


def _keywords(d: Doc, df: Counter[str], n: int, rng: random.Random) -> str | None:
    tf = Counter(w.lower() for _, _, w in iter_words(d.body) if _content(w, d.lang))
    ranked = sorted(
        (w for w in tf if df[w] >= 2), key=lambda w: -tf[w] * math.log(n / df[w])
    )[:12]
    if len(ranked) < 3:
        return None
    return " ".join(rng.sample(ranked, 3))


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def _question(d: Doc, lang: str, rng: random.Random) -> str | None:
    sentences = [s for s in _SENTENCE.findall(d.body) if 8 <= len(s.split()) <= 40]
    if not sentences:
        return None
    words = [w for _, _, w in iter_words(rng.choice(sentences))]
    size = rng.randint(5, 8)
    start = rng.randint(0, max(0, len(words) - size))
    window = words[start : start + size]
    for _ in range(rng.randint(1, 2)):  # a paraphrase drops a word or two
        if len(window) > 4:
            window.pop(rng.randrange(len(window)))
    if sum(_content(w, lang) for w in window) < 2:
        return None
    if window[0][:1].isupper() and window[0][1:].islower() and not _content(window[0], lang):
        window[0] = window[0].lower()
    return f"{rng.choice(QUESTION_WORDS[lang])} {' '.join(window)}?"


# -- the plain baseline -----------------------------------------------------


_STEMMERS = {"en": Stemmer.Stemmer("english"), "ru": Stemmer.Stemmer("russian")}


class ScriptStemFilter(Filter):
    """Snowball stem by script: Russian for Cyrillic words, English otherwise."""

    def __call__(self, tokens: Iterator) -> Iterator:
        for t in tokens:
            text = t.text.replace("ё", "е")
            stem = _STEMMERS["ru" if re.search("[а-я]", text) else "en"]
            t.text = stem.stemWord(text)
            yield t


class LuceneBM25F(scoring.BM25F):
    """BM25F with Lucene's idf: near zero for a word in every document."""

    def idf(self, searcher, fieldname: str, text: str) -> float:  # type: ignore[no-untyped-def]
        parent = searcher.get_parent()
        n = parent.doc_frequency(fieldname, text)
        dc = parent.doc_count_all()
        return math.log(1 + (dc - n + 0.5) / (n + 0.5))


def baseline(docs: list[Doc]):  # type: ignore[no-untyped-def]
    analyzer = RegexTokenizer() | LowercaseFilter() | ScriptStemFilter()
    ix = RamStorage().create_index(Schema(path=ID(stored=True), body=TEXT(analyzer=analyzer)))
    with ix.writer() as w:
        for d in docs:
            w.add_document(path=d.path, body=d.body)
    return ix, analyzer


def baseline_rank(searcher, analyzer, q: Query) -> int | None:  # type: ignore[no-untyped-def]
    terms = list(dict.fromkeys(t.text for t in analyzer(q.text)))
    if not terms:
        return None
    hits = searcher.search(wq.Or([wq.Term("body", t) for t in terms]), limit=TOP)
    paths = [h["path"] for h in hits]
    return paths.index(q.target) + 1 if q.target in paths else None


def app_rank(engine: SearchEngine, q: Query) -> int | None:
    resp = engine.search(SearchRequest(query=q.text, limit=TOP, with_facets=False))
    paths = [h.path for h in resp.hits]
    return paths.index(q.target) + 1 if q.target in paths else None


# -- the run ----------------------------------------------------------------


def machine() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        name = next((ln.split(":", 1)[1].strip() for ln in out.splitlines()
                     if ln.startswith("Model name")), "unknown CPU")
    except OSError:
        name = "unknown CPU"
    return f"{name}, {os.cpu_count()} cores"


def run(args: argparse.Namespace) -> dict[str, object]:
    rng = random.Random(args.seed)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="rank-eval-"))
    try:
        docs = sample_docs(args.per_lang, rng, work / "articles")
        queries = make_queries(docs, args.queries, rng)
        print(f"{len(docs)} articles, {len(queries)} queries", file=sys.stderr)
        update_index(work / "index", [work / "articles"])
        scores: dict[tuple[str, str, str], Score] = {}
        engine = SearchEngine(work / "index")
        ix, analyzer = baseline(docs)
        with ix.searcher() as plain, ix.searcher(weighting=LuceneBM25F()) as lucene:
            for q in queries:
                ranks = {
                    "searchapp": app_rank(engine, q),
                    "plain BM25": baseline_rank(plain, analyzer, q),
                    "plain BM25, Lucene idf": baseline_rank(lucene, analyzer, q),
                }
                for system, rank in ranks.items():
                    for kind in ("all", q.kind):
                        scores.setdefault((system, q.lang, kind), Score()).add(rank)
                if args.verbose and (ranks["searchapp"] or 99) > (ranks["plain BM25"] or 99):
                    print(f"{q.lang} {ranks} {q.text!r} {q.target}", file=sys.stderr)
        engine.close()
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return {
        "machine": machine(),
        "articles": len(docs),
        "seed": args.seed,
        "results": [
            {"system": s, "lang": lang, "kind": kind, **score.summary()}
            for (s, lang, kind), score in scores.items()
        ],
        "systems": list(SYSTEMS),
    }


def table(data: dict[str, object]) -> str:
    rows = data["results"]  # type: ignore[index]
    get = {(r["system"], r["lang"], r["kind"]): r for r in rows}  # type: ignore[union-attr]
    lines = [
        f"Known-item ranking, {data['articles']} articles, seed {data['seed']}, "
        f"on {data['machine']}",
        "| system | lang | MRR@10 | nDCG@10 | MRR@10 keywords | MRR@10 questions | queries |",
        "|---|---|---|---|---|---|---|",
    ]
    for lang in ("ru", "en"):
        for system in data["systems"]:  # type: ignore[attr-defined]
            a, k, q = (get[(system, lang, kind)] for kind in ("all", "keywords", "question"))
            lines.append(
                f"| {system} | {lang} | {a['mrr10']:.3f} | {a['ndcg10']:.3f} | "
                f"{k['mrr10']:.3f} | {q['mrr10']:.3f} | {a['queries']} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--per-lang", type=int, default=2500, help="articles per language")
    p.add_argument("--queries", type=int, default=150,
                   help="target articles per language (one keyword and one question query each)")
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--workdir", help="keep articles and index here between runs")
    p.add_argument("--json", metavar="OUT", help="also write the figures as JSON ('-': stdout)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print the queries where searchapp ranks below the baseline")
    args = p.parse_args(argv)
    if not CORPORA.is_dir():
        print(f"corpora not found at {CORPORA}", file=sys.stderr)
        return 2
    data = run(args)
    if args.json == "-":
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(table(data))
    if args.json:
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
