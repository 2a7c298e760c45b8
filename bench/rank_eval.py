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
                              [--variant NAME:module.ATTR=VALUE,...] [-v]
                              [--cache DIR | --no-cache] [--json OUT]

Iterating is cheap: the sample, its queries and the baseline's ranks are
cached per (seed, sample size, queries) under ``--cache``, and the built
index per sample *and* the source of the code that shapes it (analysis,
morphology, indexer, ingest, schema): a query-side change reuses it, an
analysis change builds a new one.  ``--variant`` asks the same index again
with module constants of ``searchapp.core`` set otherwise (``--variant
'tw1:query.TITLE_WEIGHT=1.0'``), one row per variant, in the same run.
Tuning is done on one seed (14); other seeds (7, 21) are held out for the
figures reported in the README.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import Stemmer
from whoosh import query as wq
from whoosh import scoring
from whoosh.analysis import STOP_WORDS, Filter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchapp.core import query as _query
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
BASELINES = ("plain BM25", "plain BM25, Lucene idf")
CACHE = Path(tempfile.gettempdir()) / "searchapp-rank-eval"
# The sources that decide what the index holds: a change to any of them
# builds a new index, a change elsewhere (query building, scoring) does not.
INDEX_CODE = ("analysis.py", "morphology.py", "translit.py", "store.py", "indexer.py", "ingest")


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


# -- the run ----------------------------------------------------------------


def machine() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        name = next((ln.split(":", 1)[1].strip() for ln in out.splitlines()
                     if ln.startswith("Model name")), "unknown CPU")
    except OSError:
        name = "unknown CPU"
    return f"{name}, {os.cpu_count()} cores"


def _digest(paths: list[Path], root: Path) -> str:
    h = hashlib.sha1()
    for f in paths:
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def script_key(upto: str) -> str:
    """A digest of this script's source up to the section ``upto``: the
    sample is made again only when the code that makes it changed."""
    source = Path(__file__).read_text(encoding="utf-8")
    return hashlib.sha1(source[: source.index(f"# -- {upto} ")].encode()).hexdigest()[:12]


def index_key() -> str:
    """A digest of the code that decides what the index holds."""
    core = Path(importlib.import_module("searchapp.core").__file__).parent  # type: ignore[arg-type]
    files: list[Path] = []
    for name in INDEX_CODE:
        path = core / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return _digest(files, core)


def load_sample(args: argparse.Namespace, work: Path) -> tuple[list[Doc], list[Query]]:
    """The seeded sample and its queries, from the cache when it has them."""
    cached = work / f"sample-q{args.queries}.json"
    if cached.exists():
        data = json.loads(cached.read_text())
        return [Doc(**d) for d in data["docs"]], [Query(**q) for q in data["queries"]]
    rng = random.Random(args.seed)
    docs = sample_docs(args.per_lang, rng, work / "articles")
    queries = make_queries(docs, args.queries, rng)
    data = {"docs": [asdict(d) for d in docs], "queries": [asdict(q) for q in queries]}
    cached.write_text(json.dumps(data, ensure_ascii=False))
    return docs, queries


def baseline_ranks(
    docs: list[Doc], queries: list[Query], work: Path, sample: str
) -> list[dict[str, int | None]]:
    """Each query's rank in the plain baselines, cached with the code's digest."""
    cached = work / f"baseline-{script_key('the run')}-{sample}.json"
    if cached.exists():
        return json.loads(cached.read_text())  # type: ignore[no-any-return]
    ix, analyzer = baseline(docs)
    with ix.searcher() as plain, ix.searcher(weighting=LuceneBM25F()) as lucene:
        out = [{"plain BM25": baseline_rank(plain, analyzer, q),
                "plain BM25, Lucene idf": baseline_rank(lucene, analyzer, q)} for q in queries]
    cached.write_text(json.dumps(out))
    return out


def build_index(work: Path) -> Path:
    """The sample's index for the current analysis code (built once per digest)."""
    index = work / f"index-{index_key()}"
    update_index(index, [work / "articles"])
    return index


def parse_variant(text: str) -> tuple[str, dict[str, object]]:
    """``'name:query.TITLE_WEIGHT=0.5,scoring.K1=1.0'`` → name and settings."""
    name, _, body = text.partition(":")
    settings: dict[str, object] = {}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition("=")
        try:
            settings[key.strip()] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            raise SystemExit(f"--variant {text!r}: {value!r} is not a Python literal") from None
    return name.strip(), settings


@contextmanager
def patched(settings: dict[str, object]) -> Iterator[None]:
    """Set module constants of ``searchapp.core`` for the time of a variant."""
    saved: list[tuple[object, str, object]] = []
    try:
        for dotted, value in settings.items():
            mod, _, attr = dotted.rpartition(".")
            module = importlib.import_module(f"searchapp.core.{mod}")
            if not hasattr(module, attr):
                raise SystemExit(f"--variant: searchapp.core.{dotted} does not exist")
            saved.append((module, attr, getattr(module, attr)))
            setattr(module, attr, value)
        _query._parser.cache_clear()  # it is built from module constants
        yield
    finally:
        for module, attr, old in reversed(saved):
            setattr(module, attr, old)
        _query._parser.cache_clear()


def app_ranks(
    index: Path, queries: list[Query], settings: dict[str, object]
) -> tuple[list[int | None], float]:
    """Each query's rank in searchapp with ``settings``, and the median
    time of a search (ms, the engine's own figure)."""
    with patched(settings):
        engine = SearchEngine(index)
        try:
            out, times = [], []
            for q in queries:
                resp = engine.search(SearchRequest(query=q.text, limit=TOP, with_facets=False))
                paths = [h.path for h in resp.hits]
                out.append(paths.index(q.target) + 1 if q.target in paths else None)
                times.append(resp.elapsed_ms)
            return out, statistics.median(times)
        finally:
            engine.close()


def run(args: argparse.Namespace) -> dict[str, object]:
    if args.no_cache:
        work = Path(tempfile.mkdtemp(prefix="rank-eval-"))
    else:
        sample = f"seed{args.seed}-n{args.per_lang}-{script_key('the plain baseline')}"
        work = Path(args.cache) / sample
        work.mkdir(parents=True, exist_ok=True)
    try:
        docs, queries = load_sample(args, work)
        print(f"{len(docs)} articles, {len(queries)} queries", file=sys.stderr)
        index = build_index(work)
        base = baseline_ranks(docs, queries, work, f"q{args.queries}")
        variants = [("", {})] + [parse_variant(v) for v in args.variant]
        systems = [f"searchapp {name}".strip() for name, _ in variants] + list(BASELINES)
        scores: dict[tuple[str, str, str], Score] = {}
        ranks = {system: [b[system] for b in base] for system in BASELINES}
        ms: dict[str, float] = {}
        for (_, settings), system in zip(variants, systems, strict=False):
            ranks[system], ms[system] = app_ranks(index, queries, settings)
        titles = {d.path: d.title for d in docs}
        for i, q in enumerate(queries):
            for system in systems:
                for kind in ("all", q.kind):
                    scores.setdefault((system, q.lang, kind), Score()).add(ranks[system][i])
            if args.verbose:
                _print_loss(q, {s: ranks[s][i] for s in systems[: len(variants)]},
                            ranks["plain BM25"][i], titles[q.target])
    finally:
        if args.no_cache:
            shutil.rmtree(work, ignore_errors=True)
    return {
        "machine": machine(),
        "articles": len(docs),
        "seed": args.seed,
        "variants": {f"searchapp {n}".strip(): s for n, s in variants},
        "median_ms": {s: round(t, 1) for s, t in ms.items()},
        "results": [
            {"system": s, "lang": lang, "kind": kind, **score.summary()}
            for (s, lang, kind), score in scores.items()
        ],
        "systems": systems,
    }


def _print_loss(q: Query, app: dict[str, int | None], base: int | None, title: str) -> None:
    """One line for a query where a searchapp variant ranks the article below the baseline."""
    worse = {s: r for s, r in app.items() if (r or 99) > (base or 99)}
    if worse:
        shown = " ".join(f"{s.removeprefix('searchapp').strip() or 'app'}={r or '-'}"
                         for s, r in app.items())
        print(f"{q.lang} {q.kind:8} {shown} base={base or '-'} {q.text!r} <- {title[:60]!r}",
              file=sys.stderr)


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
    ms = data.get("median_ms", {})  # type: ignore[attr-defined]
    for name, settings in data.get("variants", {}).items():  # type: ignore[attr-defined]
        lines.append(f"{name}: {settings or 'as committed'}, median search {ms.get(name)} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--per-lang", type=int, default=2500, help="articles per language")
    p.add_argument("--queries", type=int, default=150,
                   help="target articles per language (one keyword and one question query each)")
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--variant", action="append", default=[], metavar="NAME:SETTINGS",
                   help="also ask with searchapp.core constants set otherwise, "
                        "e.g. 'tw1:query.TITLE_WEIGHT=1.0,scoring.K1=1.5' (repeatable)")
    p.add_argument("--cache", default=str(CACHE),
                   help="keep the sample, its queries, the baseline's ranks and the index here")
    p.add_argument("--no-cache", action="store_true", help="start from nothing, keep nothing")
    p.add_argument("--json", metavar="OUT", help="also write the figures as JSON ('-': stdout)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print the queries where searchapp ranks below the baseline, "
                        "with the right article's rank in each system")
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
