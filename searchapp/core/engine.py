"""The search engine: one object a front end keeps for the life of the app.

It answers :class:`~searchapp.core.results.SearchRequest` with hits, facet
counts and snippets, and gives the reading pane an article with every match.
A fresh searcher is opened when an indexing run commits, so results follow
the index while the window stays open.  Calls are serialised by a lock:
the GUI runs them on a worker thread and drops stale answers.

Speed notes: filters and facets never go through
Whoosh's ``DateRange``/``groupedby`` paths.  The source, language and date of
every document are read once per searcher from the index columns into a
:class:`~searchapp.core.doctable.DocTable`, where filtering and facet
counting are array operations over the matching document numbers; the page
is scored over posting arrays (:mod:`searchapp.core.toppage`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from whoosh import query as wq
from whoosh.index import Index
from whoosh.searching import Searcher

from searchapp.core import postings, scoring, store, toppage
from searchapp.core.analysis import name_groups
from searchapp.core.docsets import query_docs
from searchapp.core.doctable import DocTable
from searchapp.core.errors import IndexDamagedError
from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.postings import word_positions
from searchapp.core.query import (
    CompiledQuery,
    compile_query,
    highlight_terms,
    phrases_of,
    unknown_source_clauses,
)
from searchapp.core.results import (
    ArticleView,
    Hit,
    IndexStats,
    SearchRequest,
    SearchResponse,
    Sort,
)
from searchapp.core.schema import (
    BODY,
    DATE,
    PATH,
    SOURCE_TEXT,
    TITLE,
    Record,
    to_article_view,
    to_hit,
)
from searchapp.core.snippets import Positions, where_phrases_stand
from searchapp.core.spelling import offer
from searchapp.core.translit import counterparts, is_key

MATCH_CACHE = 16  # queries whose matching documents a searcher remembers
QUESTION_WORDS = 3  # a question of fewer words is searched like keywords
SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer articles
SIMILAR_TERMS = 25
# The start of an article its key terms are taken from: a news article whole,
# a book-sized file its first pages (5 MB of one word took 1.5 s to analyse).
SIMILAR_TEXT_CHARS = 50_000

CLOSEST_NOTICE = Notice(NoticeKind.CLOSEST_MATCHES)


def is_question(text: str) -> bool:
    """A query typed as a question: several words and a «?» at the end."""
    text = text.strip()
    return text.endswith("?") and len(text.split()) >= QUESTION_WORDS


def name_grouped(terms: list[tuple[str, float]], text: str) -> list[list[tuple[str, float]]]:
    """An article's key ``terms`` (term, weight) in groups that count as one:
    the terms of one name in ``text`` (its lemma, surname key and sound keys,
    :func:`~searchapp.core.analysis.name_groups`) together, each term with its
    counterparts in the other script; any other term alone with its counterparts.
    A caller scores a group as the best of it, so «Казахстан» counts once, not
    three times, in an article that is like a short post about it."""
    # Names are read from the text only when a key is among the terms.
    groups = name_groups(text) if any(is_key(t) for t, _ in terms) else {}
    grouped: dict[str, list[tuple[str, float]]] = {}
    for term, weight in terms:
        alts = grouped.setdefault(groups.get(term, term), [])
        alts.extend((t, weight) for t in counterparts(term))
    return list(grouped.values())


def similar_query(groups: list[list[tuple[str, float]]]) -> wq.Query:
    """Any of an article's key terms, each group of :func:`name_grouped` as the
    best of its terms."""
    alts = [[wq.Term(BODY, t, boost=w) for t, w in group] for group in groups]
    return wq.Or([a[0] if len(a) == 1 else wq.DisjunctionMax(a) for a in alts])


@dataclass
class _Snapshot:
    """The index as one searcher sees it, and what was computed from it;
    replaced when an indexing run commits."""

    searcher: Searcher
    table: DocTable
    matches: dict[str, frozenset[int]] = field(default_factory=dict)  # query → docs


class SearchEngine:
    """Searches one index directory.  Thread-safe; cheap to keep open."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self._ix: Index | None = None
        self._snapshot: _Snapshot | None = None

    # -- lifecycle ---------------------------------------------------------

    def exists(self) -> bool:
        return store.index_exists(self.index_dir)

    def close(self) -> None:
        with self._lock:
            if self._snapshot:
                self._snapshot.searcher.close()
            if self._ix:
                self._ix.close()
            self._snapshot = self._ix = None

    def _current(self) -> _Snapshot:
        """The snapshot of the newest committed index, taken again when it changed."""
        with self._lock:
            if self._snapshot is not None:
                try:
                    if self._snapshot.searcher.up_to_date():
                        return self._snapshot
                except Exception:
                    pass
                self.close()
            self._ix = store.open_index(self.index_dir)
            searcher: Searcher | None = None
            try:
                searcher = self._ix.searcher(weighting=scoring.weighting())
                store.check_searcher(searcher, self.index_dir)  # as an indexing run does
                self._snapshot = _Snapshot(searcher, DocTable(searcher))
            except Exception as exc:
                if searcher is not None:
                    searcher.close()
                self.close()
                if isinstance(exc, IndexDamagedError):
                    raise
                raise store.damaged_error(self.index_dir, str(exc)) from exc
            return self._snapshot

    # -- queries -------------------------------------------------------------

    def stats(self) -> IndexStats:
        with self._lock:
            table = self._current().table
            return IndexStats(len(table.live),
                              len({table.source_names[table.source[d]] for d in table.live}))

    def search(self, req: SearchRequest) -> SearchResponse:
        """Run ``req``.  Never raises for a bad query: see ``notices``.

        Raises :class:`IndexDamagedError` when index files turn out unreadable.
        """
        try:
            return self._search(req)
        except store.DAMAGE as exc:
            self.close()
            raise store.damaged_error(self.index_dir, f"{type(exc).__name__}: {exc}") from exc

    def _search(self, req: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        with self._lock:
            snap = self._current()
            # A question typed as is («Who wrote …?») is ranked on its words,
            # any of which its answer may lack; keywords need all their words.
            question = is_question(req.query)
            compiled = self._compile(snap, req.query, question=question, names=req.names)
            notices = [
                *compiled.notices, *self._unknown_sources(snap, req),
                *unknown_source_clauses(
                    compiled.query, lambda word: snap.searcher.doc_frequency(SOURCE_TEXT, word)),
            ]
            matched = self._matches(snap, compiled)
            strict = 0 if question else len(matched)
            if not matched and compiled.words > 1 and not question:
                loose = self._compile(snap, req.query, any_word=True, names=req.names)
                loose_matched = self._matches(snap, loose)
                if loose_matched:
                    compiled, matched = loose, loose_matched
                    notices.insert(0, CLOSEST_NOTICE)
            selected, facets = snap.table.filtered(matched, req)
            hits = self._page(snap, compiled, selected, req)
            few = len(selected) < SUGGEST_BELOW or CLOSEST_NOTICE in notices
            suggestion = self._suggest(snap, req, strict) if few else None
        return SearchResponse(
            request=req,
            total=len(selected),
            hits=hits,
            facets=facets,
            notices=tuple(notices),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            suggestion=suggestion,
        )

    def _suggest(self, snap: _Snapshot, req: SearchRequest, found: int) -> str | None:
        """"Did you mean", when it finds more than the query as typed."""

        def count(text: str) -> int:
            return len(self._matches(snap, self._compile(snap, text, names=req.names)))

        return offer(snap.searcher, req.query, found, count)

    @staticmethod
    def _unknown_sources(snap: _Snapshot, req: SearchRequest) -> list[Notice]:
        return [
            Notice(NoticeKind.UNKNOWN_SOURCE, (name,))
            for name in sorted(req.sources) if not snap.table.sources_like([name])
        ]

    def similar(self, path: str, limit: int = 8) -> tuple[Hit, ...]:
        """Articles most like the one at ``path`` (its key terms, weighted by
        how distinctive they are in the index), best first.  A name among the
        key terms also counts in the other script, so the same story in the
        other language can come up."""
        with self._lock:
            snap = self._current()
            s = snap.searcher
            docnum = s.document_number(path=path)
            if docnum is None:
                return ()
            f = s.stored_fields(docnum)
            text = (f.get(TITLE, "") + "\n" + f.get(BODY, ""))[:SIMILAR_TEXT_CHARS]
            terms = s.key_terms_from_text(BODY, text, numterms=SIMILAR_TERMS)
            query = similar_query(name_grouped(terms, text))  # a name counts once
            results = s.search(query, limit=limit, mask={docnum})
            return tuple(self._hit(snap, r.docnum, r.score, {}) for r in results)

    def matching_paths(self, req: SearchRequest | str) -> list[str]:
        """Paths of every article matching ``req`` and its filters, unranked.

        No closest-match retry, no snippets: for exports and evaluations.
        """
        if isinstance(req, str):
            req = SearchRequest(query=req)
        with self._lock:
            snap = self._current()
            matched = self._matches(snap, self._compile(snap, req.query, names=req.names))
            if not matched:  # an empty index has no columns to read
                return []
            paths = snap.searcher.reader().column_reader(PATH)
            selected, _ = snap.table.filtered(matched, replace(req, with_facets=False))
            return sorted(paths[d] for d in selected)

    @staticmethod
    def _compile(snap: _Snapshot, text: str, **options: bool) -> CompiledQuery:
        """The query with the index's word statistics (names vs common words)."""
        arrays = postings.of(snap.searcher)

        def doc_frequency(term: str) -> int:
            return arrays.doc_frequency(BODY, term) + arrays.doc_frequency(TITLE, term)

        return compile_query(
            text, doc_frequency=doc_frequency, doc_count=snap.searcher.doc_count(), **options
        )

    def _matches(self, snap: _Snapshot, compiled: CompiledQuery) -> frozenset[int]:
        """Every document the query matches; cached per searcher, because the
        window asks again for each filter click and each page."""
        if compiled.browse:
            return snap.table.live
        if compiled.empty:
            return frozenset()
        key = repr(compiled.query)
        cached = snap.matches.get(key)
        if cached is None:
            cached = frozenset(query_docs(snap.searcher, compiled.query, snap.table.live))
            if len(snap.matches) >= MATCH_CACHE:
                snap.matches.pop(next(iter(snap.matches)))
            snap.matches[key] = cached
        return cached

    def _page(
        self, snap: _Snapshot, compiled: CompiledQuery, selected: frozenset[int], req: SearchRequest
    ) -> tuple[Hit, ...]:
        if not selected or req.limit <= 0:
            return ()
        s = snap.searcher
        end = req.offset + req.limit
        sort = req.sort
        if compiled.browse and sort is Sort.RELEVANCE:
            sort = Sort.NEWEST
        if sort is Sort.RELEVANCE:
            ranked = toppage.ranked(s, compiled.query, selected, req.offset, end)
        else:
            page = snap.table.by_date(selected, newest=sort is Sort.NEWEST, end=end)
            ranked = [(d, 0.0) for d in page[req.offset : end]]
        terms = highlight_terms(compiled.query, s.reader(), postings.of(s).expansion)
        at = self._positions(snap, compiled, terms, [docnum for docnum, _ in ranked])
        return tuple(
            to_hit(self._record(snap, docnum), score, terms, at.get(docnum))
            for docnum, score in ranked
        )

    @staticmethod
    def _positions(
        snap: _Snapshot,
        compiled: CompiledQuery,
        terms: dict[str, frozenset[str]],
        docnums: list[int],
    ) -> dict[int, dict[str, Positions]]:
        """``docnum → field → word position → terms``: where the matched words
        stand in the title and body of the page's articles, from the index; a
        word of a phrase only where the phrase stands."""
        wanted = frozenset().union(*terms.values()) if terms else frozenset()
        out: dict[int, dict[str, Positions]] = {d: {} for d in docnums}
        if not wanted:
            return out
        phrases = phrases_of(compiled.query)
        s = snap.searcher
        loose = frozenset().union(
            *highlight_terms(compiled.query, s.reader(), postings.of(s).expansion,
                             phrases=False).values()
        ) if phrases else wanted
        for name in (TITLE, BODY):
            for docnum, at in word_positions(s, name, wanted, docnums).items():
                out[docnum][name] = where_phrases_stand(at, phrases, loose)
        return out

    @staticmethod
    def _record(snap: _Snapshot, docnum: int) -> Record:
        """The article's record: its stored fields and the date from its column."""
        return {**snap.searcher.stored_fields(docnum), DATE: snap.table.date[docnum]}

    def _hit(
        self, snap: _Snapshot, docnum: int, score: float, terms: dict[str, frozenset[str]]
    ) -> Hit:
        return to_hit(self._record(snap, docnum), score, terms)

    def article(self, path: str, query: str = "", *, names: bool = True) -> ArticleView | None:
        """The article at ``path`` with every match of ``query``, or None."""
        with self._lock:
            snap = self._current()
            s = snap.searcher
            docnum = s.document_number(path=path)
            if docnum is None:
                return None
            record = self._record(snap, docnum)
            compiled = self._compile(snap, query, names=names)
            terms = (
                highlight_terms(compiled.query, s.reader(), postings.of(s).expansion)
                if compiled.query else {}
            )
            at = self._positions(snap, compiled, terms, [docnum])[docnum]
        return to_article_view(record, terms, at)
