"""The engine's fast paths give exactly what Whoosh's plain path gives.

The page, the totals and the facets are compared with a reference computed
the straightforward way (``searcher.search`` with a filter set, every stored
document walked for the facets) on the seeds and on a generated corpus of a
few hundred articles in several segments with deleted and replaced
documents.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path

import pytest
from whoosh.collectors import TopCollector
from whoosh.searching import Searcher

from searchapp.core import store
from searchapp.core.engine import CLOSEST_NOTICE, SearchEngine, is_question
from searchapp.core.ingest import read_article
from searchapp.core.results import Facets, Hit, SearchRequest, SearchResponse, Sort
from searchapp.core.schema import whoosh_fields


def _all_matches(s: Searcher, q: object) -> set[int]:
    """Every document Whoosh's top-N scored search finds for ``q``, N above
    the number of documents.  (Not ``docs_for_query`` nor an unlimited search:
    for an ANDNOT over segments with deletions both keep documents the NOT
    part excludes.)"""
    collector = TopCollector(limit=s.doc_count_all() + 1)
    s.search_with_collector(q, collector)
    return {r.docnum for r in collector.results()}

RU = ["суд", "президент", "выборы", "нефть", "газ", "Москва", "санкции", "закон", "решение",
    "министр", "банк", "рынок", "город", "люди", "страна", "война", "мир", "доклад", "цена",
    "рост"]
EN = ["court", "president", "election", "oil", "gas", "London", "sanctions", "law",
    "decision", "minister", "bank", "market", "city", "people", "country", "war", "peace",
    "report", "price", "growth"]
SOURCES = ("Alpha", "Beta", "Gamma")
SEGMENTS = 4
PER_SEGMENT = 90


def _article(rng: random.Random, n: int) -> str:
    words = RU if n % 2 else EN
    title = " ".join(rng.choices(words, k=4)).capitalize()
    sentences = [
        " ".join(rng.choices(words, k=rng.randint(5, 14))).capitalize() + "."
        for _ in range(rng.randint(2, 12))
    ]
    if n % 13 == 0:  # a rare word beside the common ones: an AND checks candidates
        sentences.append("Rarity редкость.")
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
    return (f'---\ntitle: "{title}"\ndate: {day.isoformat()}\nsource: "{SOURCES[n % 3]}"\n---\n'
            + " ".join(sentences) + "\n")


@pytest.fixture(scope="module")
def generated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles written into several segments (no merging), then some deleted
    and some replaced, so the index has deletions across segments."""
    root = tmp_path_factory.mktemp("generated")
    folder, index_dir = root / "articles", root / "index"
    folder.mkdir()
    store.prepare_dir(index_dir)
    store.create(index_dir)
    rng = random.Random(14)
    ix = store.open_index(index_dir)
    try:
        n = 0
        for _ in range(SEGMENTS):
            writer = ix.writer()
            for _ in range(PER_SEGMENT):
                path = folder / f"{n:04d}.md"
                path.write_text(_article(rng, n), encoding="utf-8")
                st = path.stat()
                writer.add_document(**whoosh_fields(read_article(path),
                                                      (st.st_mtime_ns, st.st_size)))
                n += 1
            writer.commit(merge=False)
        writer = ix.writer()
        for k in range(0, n, 7):
            writer.delete_by_term("path", str(folder / f"{k:04d}.md"))
        for k in range(3, n, 11):
            path = folder / f"{k:04d}.md"
            path.write_text(_article(rng, k), encoding="utf-8")
            st = path.stat()
            writer.update_document(**whoosh_fields(read_article(path),
                                                     (st.st_mtime_ns, st.st_size)))
        writer.commit(merge=False)
    finally:
        ix.close()
    return index_dir


QUERIES = ["суд", "выборы президент", "нефть OR газ", "закон -банк", '"министр банк"',
           "прези*", "oil", "court decision", "price OR growth", "war -peace",
           '"central bank"', "elect*", "market people city", "суды", "title:report",
           "нефть газ рынок цена", "rarity court", "редкость закон суд", "rarity (war OR peace)",
           "court rarity -bank", "What court decision on the market people?",
           "Почему суд решение закон?", ""]
FILTERS = [
    {},
    {"langs": frozenset({"en"})},
    {"sources": frozenset({"Beta"})},
    {"since": dt.date(2017, 1, 1), "until": dt.date(2019, 6, 30)},
    {"sources": frozenset({"Alpha", "Gamma"}), "langs": frozenset({"ru"})},
]


def _reference_page(engine: SearchEngine, req: SearchRequest, resp: SearchResponse
                    ) -> list[tuple[str, float]]:
    """The page the plain Whoosh path gives for the query the engine ran."""
    view = engine._current()
    s: Searcher = view.searcher
    compiled = engine._compile(view, req.query, question=is_question(req.query),
                               names=req.names)
    if CLOSEST_NOTICE in resp.notices:
        compiled = engine._compile(view, req.query, any_word=True, names=req.names)
    allowed = {d for d in _all_matches(s, compiled.query) if _passes(engine, req, d)}
    if not allowed:
        return []
    end = req.offset + req.limit
    results = s.search(compiled.query, filter=allowed, limit=end)
    return [(s.stored_fields(r.docnum)["path"], round(float(r.score), 4))
            for r in results[req.offset:end]]


def _passes(engine: SearchEngine, req: SearchRequest, d: int) -> bool:
    """The request's filters, checked on the stored fields of document ``d``."""
    view = engine._current()
    f, ordinal = view.searcher.stored_fields(d), view.table.date[d]
    day = dt.date.fromordinal(ordinal) if ordinal else None
    if req.sources and f["source"] not in req.sources:
        return False
    if req.langs and f["lang"] not in req.langs:
        return False
    if req.since or req.until:
        return day is not None and (not req.since or day >= req.since) and (
            not req.until or day <= req.until)
    return True


def _reference_facets(engine: SearchEngine, req: SearchRequest, query: str) -> Facets:
    """Facet counts from the stored fields of every matching live document."""
    view = engine._current()
    s: Searcher = view.searcher
    compiled = engine._compile(view, query, question=is_question(query), names=req.names)
    docs = (set(s.reader().all_doc_ids()) if compiled.query is None
            else _all_matches(s, compiled.query))
    counts: dict[str, Counter[str]] = {"source": Counter(), "lang": Counter(),
                                       "month": Counter()}
    for d in docs:
        f, ordinal = s.stored_fields(d), view.table.date[d]
        day = dt.date.fromordinal(ordinal) if ordinal else None
        src_ok = not req.sources or f["source"] in req.sources
        lang_ok = not req.langs or f["lang"] in req.langs
        date_ok = (day is not None and (not req.since or day >= req.since) and (
            not req.until or day <= req.until)) or not (req.since or req.until)
        if lang_ok and date_ok:
            counts["source"][f["source"]] += 1
        if src_ok and date_ok:
            counts["lang"][f["lang"]] += 1
        if src_ok and lang_ok and day is not None:
            counts["month"][f"{day.year:04d}-{day.month:02d}"] += 1
    years: Counter[str] = Counter()
    for month, n in counts["month"].items():
        years[month[:4]] += n
    return Facets(source=dict(counts["source"]), year=dict(years),
                  month=dict(counts["month"]), lang=dict(counts["lang"]))


def _check(engine: SearchEngine, query: str, filters: dict[str, object], limit: int = 20,
           offset: int = 0) -> None:
    req = SearchRequest(query=query, limit=limit, offset=offset, **filters)  # type: ignore[arg-type]
    resp = engine.search(req)
    view = engine._current()
    compiled = engine._compile(view, query, question=is_question(query), names=req.names)
    if compiled.query is not None:  # a browse is in date order: no scoring
        assert [(h.path, h.score) for h in resp.hits] == _reference_page(engine, req, resp)
    if compiled.query is not None and CLOSEST_NOTICE not in resp.notices:
        expected = {d for d in _all_matches(view.searcher, compiled.query)
                    if _passes(engine, req, d)}
        assert resp.total == len(expected)
    if CLOSEST_NOTICE not in resp.notices:
        ref = _reference_facets(engine, req, query)
        assert resp.facets.source == ref.source and resp.facets.lang == ref.lang
        assert resp.facets.month == ref.month and resp.facets.year == ref.year


def test_generated_index_has_segments_and_deletions(generated_index: Path) -> None:
    engine = SearchEngine(generated_index)
    try:
        reader = engine._current().searcher.reader()
        assert len(reader.leaf_readers()) >= SEGMENTS and reader.has_deletions()
    finally:
        engine.close()


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "+".join(f) or "none")
def test_generated_index_same_page_totals_and_facets(generated_index: Path,
                                                     filters: dict[str, object]) -> None:
    engine = SearchEngine(generated_index)
    try:
        for query in QUERIES:
            _check(engine, query, filters)
            _check(engine, query, filters, limit=7, offset=5)  # a later page
    finally:
        engine.close()


@pytest.mark.parametrize("query", ["миграция", "Мередов", "IOM", "суд OR migration", "Путин",
                                   "мигра*", '"международной организации"', ""])
def test_seeds_same_page_totals_and_facets(seed_index: Path, query: str) -> None:
    engine = SearchEngine(seed_index)
    try:
        _check(engine, query, {})
        _check(engine, query, {"langs": frozenset({"ru"})})
        _check(engine, query, {}, limit=2, offset=1)
    finally:
        engine.close()


def test_sorted_pages_unchanged(generated_index: Path) -> None:
    """Date order does not go through the scoring path, and stays complete."""
    engine = SearchEngine(generated_index)
    try:
        for sort in (Sort.NEWEST, Sort.OLDEST):
            resp = engine.search(SearchRequest(query="суд", sort=sort, limit=500))
            assert len(resp.hits) == resp.total
    finally:
        engine.close()


@pytest.mark.parametrize("query", ["", "суд", "rarity court"])
def test_date_order_pages(generated_index: Path, query: str) -> None:
    """Newest or oldest first (undated last, then in index order), whole and
    page by page: a broad query is read off the index's date order, a narrow
    one sorted on its own."""
    engine = SearchEngine(generated_index)
    try:
        snap = engine._current()
        for sort in (Sort.NEWEST, Sort.OLDEST):
            whole = engine.search(SearchRequest(query=query, sort=sort, limit=1000))
            if query.startswith("rarity"):
                assert 0 < whole.total * 16 < len(snap.table.live)  # the narrow path
            number = {h.path: snap.searcher.document_number(path=h.path) for h in whole.hits}

            def key(h: Hit, newest: bool = sort is Sort.NEWEST,
                    number: dict[str, int] = number) -> tuple[bool, int, int]:
                day = h.date.toordinal() if h.date else 0
                return (h.date is None, -day if newest else day, number[h.path])

            assert len(whole.hits) == whole.total
            assert [h.path for h in whole.hits] == [h.path for h in sorted(whole.hits, key=key)]
            page = engine.search(SearchRequest(query=query, sort=sort, limit=5, offset=2))
            assert [h.path for h in page.hits] == [h.path for h in whole.hits[2:7]]
    finally:
        engine.close()
