"""Search over a sharded Xapian cluster, answering the same requests as the
Whoosh :class:`~searchapp.core.engine.SearchEngine`.

The shards are opened as one database (one ranking with global statistics,
BM25); facets are counted by ``ValueCountMatchSpy`` over every match of every
shard.  Each facet ignores its own selection, as in the Whoosh engine, which
costs one more match per facet that has a selection.  Snippets and the reading
pane are made from the stored text with :mod:`searchapp.core.snippets`.
A shard that does not answer is left out and named in the notice
(:mod:`~searchapp.core.cluster.shards`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import TypeAlias, TypeVar

import xapian

from searchapp.core import schema
from searchapp.core.cluster.config import ClusterConfig, ClusterDownError, Shard
from searchapp.core.cluster.documents import (
    FIELD_PREFIX,
    KEY,
    LANG,
    SLOT_DATE,
    SLOT_LANG,
    SLOT_MONTH,
    SLOT_OLDEST,
    SLOT_SOURCE,
    SOURCE,
    article_key,
    date_key,
    stored_record,
)
from searchapp.core.cluster.shards import ShardSet, missing_notice
from searchapp.core.cluster.vocabulary import XapianVocabulary
from searchapp.core.cluster.xapian_query import XapianReader, to_xapian
from searchapp.core.engine import (
    CLOSEST_NOTICE,
    SIMILAR_TERMS,
    SIMILAR_TEXT_CHARS,
    SUGGEST_BELOW,
    is_question,
    name_grouped,
)
from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.query import (
    CompiledQuery,
    compile_query,
    highlight_terms,
    unknown_source_clauses,
)
from searchapp.core.reasons import Reason, ReasonKind
from searchapp.core.results import (
    ArticleView,
    Facets,
    Hit,
    IndexStats,
    SearchRequest,
    SearchResponse,
    Sort,
)
from searchapp.core.spelling import offer

Q: TypeAlias = xapian.Query
T = TypeVar("T")
EXPAND_TERMS = 200  # candidates for an article's key terms
FACET_SLOTS = {"source": SLOT_SOURCE, "lang": SLOT_LANG, "date": SLOT_MONTH}


def _key_terms(db: xapian.Database, docid: int,
               doc: xapian.Document) -> list[tuple[str, float]]:
    """The :data:`SIMILAR_TERMS` most distinctive body terms of the article
    ``doc`` (``docid`` in ``db``), weighed as the Whoosh engine weighs key terms
    (``whoosh.classify.Bo1Model``: the term's count in the article
    against its frequency in the whole cluster), without those no other article
    has.  Every body term of an article of up to :data:`EXPAND_TERMS` of them
    is weighed; of a longer one, its expand set's.  Xapian 1.4 weighs an expand
    set by the article's own shard: over three shards, a name whose other
    articles sat on another shard outweighed the topic words four to one, and
    an article alone on its shard had no expand set at all."""
    body = FIELD_PREFIX[schema.BODY].encode()
    wdf = {item.term: item.wdf for item in doc.termlist() if item.term.startswith(body)}
    candidates = list(wdf)
    if len(candidates) > EXPAND_TERMS:
        rset = xapian.RSet()
        rset.add_document(docid)
        eset = xapian.Enquire(db).get_eset(EXPAND_TERMS, rset, _BodyTerms())
        candidates = [item.term for item in eset] or candidates
    n = max(db.get_doccount(), 1)
    weighed: list[tuple[float, bytes]] = []
    for term in candidates:
        in_doc, in_all = wdf.get(term, 0), db.get_collection_freq(term)
        if in_doc and in_all > in_doc:  # another article has it too
            f = in_all / n
            weighed.append((in_doc * math.log2((1 + f) / f) + math.log2(1 + f), term))
    weighed.sort(key=lambda pair: -pair[0])
    return [(term[len(body):].decode("utf-8"), weight)
            for weight, term in weighed[:SIMILAR_TERMS]]


class _BodyTerms(xapian.ExpandDecider):
    """Only body terms are key terms of an article (as in the Whoosh engine)."""

    def __call__(self, term: bytes | str) -> bool:
        return (term.decode("utf-8", "replace") if isinstance(term, bytes) else term)[:1] == "B"


class ClusterEngine:
    """Searches the shards of a cluster file.  Thread-safe; cheap to keep open."""

    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self._lock = threading.RLock()
        self._shards = ShardSet(config)
        self.before_match: Callable[[], None] | None = None  # a hook for fault tests
        # The sources' facet names, and the shards' state they were read at.
        self._names: tuple[tuple[int, int, int], dict[str, str]] | None = None

    # -- lifecycle -------------------------------------------------------------

    def exists(self) -> bool:
        """True unless the shards that answer hold nothing.  A cluster none of
        whose shards answers may well hold an archive: it counts as existing,
        so that a search says why it cannot answer instead of the window
        offering to fill an "empty" index."""
        try:
            return self._run(lambda db: db.get_doccount() > 0)[0]
        except ClusterDownError:
            return True

    def close(self) -> None:
        with self._lock:
            self._shards.close()

    def _run(self, work: Callable[[xapian.Database], T]) -> tuple[T, list[Shard]]:
        """``work`` over the shards that answer, and the others.

        A shard lost during ``work`` is left out and ``work`` done again over
        the rest (at most once per shard)."""
        with self._lock:
            for _ in range(len(self.config.shards) + 1):
                db, missing = self._shards.connect()
                try:
                    if self.before_match is not None:
                        self.before_match()
                    result = work(db)
                except xapian.DatabaseModifiedError:
                    continue
                except xapian.NetworkError:
                    self._shards.close()  # reconnect: the lost shard will not answer
                    continue
                return result, missing
            raise ClusterDownError(Reason(ReasonKind.CLUSTER_FAILING, self.config.file))

    def _source_names(self, db: xapian.Database) -> dict[str, str]:
        """:func:`_source_names`, read again only when the shards' documents
        changed (their count, last id or total length): walking every source
        term of every shard took 4.4 ms of a 23 ms search at 3,205 articles."""
        state = (db.get_doccount(), db.get_lastdocid(), db.get_total_length())
        if self._names is None or self._names[0] != state:
            self._names = (state, _source_names(db))
        return self._names[1]

    # -- queries ---------------------------------------------------------------

    def stats(self) -> IndexStats:
        def count(db: xapian.Database) -> tuple[int, int]:
            return db.get_doccount(), len(set(self._source_names(db).values()))

        (articles, sources), missing = self._run(count)
        total = len(self.config.shards)
        return IndexStats(articles, sources, (total - len(missing), total) if missing else None)

    def search(self, req: SearchRequest) -> SearchResponse:
        """Run ``req`` over the shards that answer.  Never raises for a bad query."""
        started = time.perf_counter()
        (total, hits, facets, notices, suggestion), missing = self._run(
            lambda db: self._search(db, req)
        )
        if missing:
            notices.append(missing_notice(missing, len(self.config.shards)))
        return SearchResponse(
            request=req,
            total=total,
            hits=hits,
            facets=facets,
            notices=tuple(notices),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            suggestion=suggestion,
        )

    def _search(
        self, db: xapian.Database, req: SearchRequest
    ) -> tuple[int, tuple[Hit, ...], Facets, list[Notice], str | None]:
        reader = XapianReader(db)
        # A question typed as is is ranked on its words, as in the Whoosh engine.
        question = is_question(req.query)
        compiled = _compile(db, req.query, names=req.names, question=question)
        req_as_written, unknown = _as_written(db, req)
        notices = [*compiled.notices, *unknown, *unknown_source_clauses(
            compiled.query, lambda word: db.get_termfreq(FIELD_PREFIX[schema.SOURCE_TEXT] + word))]
        query = _query(compiled, reader)
        filters = _filters(req_as_written)
        spies_wanted = [f for f in FACET_SLOTS if req.with_facets and not _has_filter(req, f)]
        mset, spies = self._match(db, compiled, req, _filtered(query, filters), spies_wanted)
        found = mset.get_matches_estimated()
        # The matches of the query as typed, without filters (0 for a question).
        strict = 0 if question else _count(db, query) if filters else found
        if not question and found == 0 and compiled.words > 1 and strict == 0:
            loose = _compile(db, req.query, names=req.names, any_word=True)
            loose_query = _query(loose, reader)
            if _count(db, loose_query):
                notices.insert(0, CLOSEST_NOTICE)
                compiled, query = loose, loose_query
                mset, spies = self._match(db, compiled, req, _filtered(query, filters),
                                          spies_wanted)
        counts = {facet: _values(spy) for facet, spy in spies.items()}
        if req.with_facets:
            for facet, slot in FACET_SLOTS.items():
                if facet not in counts:
                    counts[facet] = _facet_count(
                        db, _filtered(query, _filters(req_as_written, facet)), slot)
        facets = _facets(counts, self._source_names(db)) if req.with_facets else Facets()
        terms = highlight_terms(compiled.query, reader) if compiled.query else {}
        sorted_by_date = req.sort is not Sort.RELEVANCE or compiled.browse
        hits = tuple(
            _hit(item.document, 0.0 if sorted_by_date else item.weight, terms) for item in mset
        )
        total = mset.get_matches_estimated()
        few = total < SUGGEST_BELOW or CLOSEST_NOTICE in notices
        suggestion = _suggest(db, req, strict) if few else None
        return total, hits, facets, notices, suggestion

    def _match(
        self, db: xapian.Database, compiled: CompiledQuery, req: SearchRequest, query: Q,
        facets: list[str],
    ) -> tuple[xapian.MSet, dict[str, xapian.ValueCountMatchSpy]]:
        """The requested page and the facets counted over every match.

        Sorted by date, the facets are counted by a match of their own:
        Xapian 1.4 over remote shards miscounts a spy on a value-sorted match
        of everything when the page is shorter than the matches."""
        enquire = self._enquire(db, compiled, req, query)
        by_date = compiled.browse or req.sort is not Sort.RELEVANCE
        counter = xapian.Enquire(db) if by_date else enquire
        if counter is not enquire:
            counter.set_query(query)
        spies = {facet: _spy(counter, FACET_SLOTS[facet]) for facet in facets}
        mset = enquire.get_mset(req.offset, req.limit, db.get_doccount())
        if counter is not enquire and spies:
            counter.get_mset(0, 0, db.get_doccount())
        return mset, spies

    @staticmethod
    def _enquire(
        db: xapian.Database, compiled: CompiledQuery, req: SearchRequest, query: Q
    ) -> xapian.Enquire:
        enquire = xapian.Enquire(db)
        enquire.set_query(query)
        sort = Sort.NEWEST if compiled.browse and req.sort is Sort.RELEVANCE else req.sort
        if sort is Sort.NEWEST:
            enquire.set_sort_by_value_then_relevance(SLOT_DATE, True)
        elif sort is Sort.OLDEST:
            enquire.set_sort_by_value_then_relevance(SLOT_OLDEST, False)
        return enquire

    def similar(self, path: str, limit: int = 8) -> tuple[Hit, ...]:
        """Articles most like the one at ``path``: its most distinctive body terms
        (:func:`_key_terms`), names also in the other script, a name's terms
        counted once (:func:`~searchapp.core.engine.name_grouped`)."""

        def find(db: xapian.Database) -> tuple[Hit, ...]:
            docid = _docid(db, path)
            if docid is None:
                return ()
            doc = db.get_document(docid)
            terms = _key_terms(db, docid, doc)
            if not terms:
                return ()
            body = FIELD_PREFIX[schema.BODY]
            record = stored_record(doc)
            text = f"{record.get(schema.TITLE, '')}\n{record.get(schema.BODY, '')}"
            # A name counts once (as in the Whoosh engine): its terms as one
            # term (OP_SYNONYM), at the weight of the best of them.  Not OP_MAX:
            # Xapian 1.4.22 and 1.4.26 crashed (SIGSEGV) on some ORs of MAXes.
            parts = [
                Q(Q.OP_SCALE_WEIGHT, Q(Q.OP_SYNONYM, [Q(body + t) for t, _ in group])
                  if len(group) > 1 else Q(body + group[0][0]), max(w for _, w in group))
                for group in name_grouped(terms, text[:SIMILAR_TEXT_CHARS])
            ]
            enquire = xapian.Enquire(db)
            enquire.set_query(Q(Q.OP_AND_NOT, Q(Q.OP_OR, parts), Q(KEY + article_key(path))))
            return tuple(_hit(i.document, i.weight, {}) for i in enquire.get_mset(0, limit))

        return self._run(find)[0]

    def matching_paths(self, req: SearchRequest | str) -> list[str]:
        """Paths of every article matching ``req`` and its filters, unranked."""
        if isinstance(req, str):
            req = SearchRequest(query=req)
        request = req

        def paths(db: xapian.Database) -> list[str]:
            compiled = _compile(db, request.query, names=request.names)
            enquire = xapian.Enquire(db)
            filters = _filters(_as_written(db, request)[0])
            enquire.set_query(_filtered(_query(compiled, XapianReader(db)), filters))
            enquire.set_docid_order(xapian.Enquire.DONT_CARE)
            mset = enquire.get_mset(0, db.get_doccount())
            return sorted(str(stored_record(item.document)[schema.PATH]) for item in mset)

        return self._run(paths)[0]

    def article(self, path: str, query: str = "", *, names: bool = True) -> ArticleView | None:
        """The article at ``path`` with every match of ``query``, or None."""

        def fetch(db: xapian.Database) -> tuple[schema.Record, schema.Terms] | None:
            docid = _docid(db, path)
            if docid is None:
                return None
            compiled = _compile(db, query, names=names)
            terms = highlight_terms(compiled.query, XapianReader(db)) if compiled.query else {}
            return stored_record(db.get_document(docid)), terms

        found = self._run(fetch)[0]
        # the spans are found outside the lock, as in the Whoosh engine
        return None if found is None else schema.to_article_view(*found)


def _compile(db: xapian.Database, text: str, **options: bool) -> CompiledQuery:
    """The query with the cluster's word statistics (names vs common words)."""
    title, body = FIELD_PREFIX[schema.TITLE], FIELD_PREFIX[schema.BODY]

    def doc_frequency(term: str) -> int:
        return db.get_termfreq(body + term) + db.get_termfreq(title + term)

    return compile_query(
        text, doc_frequency=doc_frequency, doc_count=db.get_doccount(), **options
    )


def _suggest(db: xapian.Database, req: SearchRequest, found: int) -> str | None:
    """"Did you mean" from the cluster's vocabulary, as the Whoosh engine offers it."""

    def count(text: str) -> int:
        return _count(db, _query(_compile(db, text, names=req.names), XapianReader(db)))

    return offer(XapianVocabulary(db), req.query, found, count)


def _query(compiled: CompiledQuery, reader: XapianReader) -> Q:
    if compiled.browse:
        return Q.MatchAll
    if compiled.empty:
        return Q.MatchNothing
    return to_xapian(compiled.query, reader)


def _has_filter(req: SearchRequest, facet: str) -> bool:
    if facet == "source":
        return bool(req.sources)
    if facet == "lang":
        return bool(req.langs)
    return bool(req.since or req.until)


def _as_written(db: xapian.Database, req: SearchRequest) -> tuple[SearchRequest, list[Notice]]:
    """``req`` with its sources as the shards write them (any case or spacing:
    :func:`~searchapp.core.schema.source_key`, as the Whoosh index compares
    them), and a notice for each source that is none of theirs."""
    if not req.sources:
        return req, []
    known: dict[str, set[str]] = {}
    for item in db.allterms(SOURCE):
        name = item.term.decode("utf-8", "replace")[len(SOURCE):]
        known.setdefault(schema.source_key(name), set()).add(name)
    found: set[str] = set()
    unknown: list[Notice] = []
    for name in sorted(req.sources):
        like = known.get(schema.source_key(name))
        if like:
            found |= like
        else:  # kept as asked: no shard has it, so it matches nothing
            found.add(name)
            unknown.append(Notice(NoticeKind.UNKNOWN_SOURCE, (name,)))
    return dataclasses.replace(req, sources=frozenset(found)), unknown


def _filters(req: SearchRequest, skip: str = "") -> list[Q]:
    """The request's filters as boolean queries, leaving out the facet ``skip``."""
    out: list[Q] = []
    if req.sources and skip != "source":
        out.append(Q(Q.OP_OR, [Q(SOURCE + s) for s in sorted(req.sources)]))
    if req.langs and skip != "lang":
        out.append(Q(Q.OP_OR, [Q(LANG + s) for s in sorted(req.langs)]))
    if (req.since or req.until) and skip != "date":
        lo = req.since.toordinal() if req.since else 1
        hi = req.until.toordinal() if req.until else dt.date.max.toordinal()
        out.append(Q(Q.OP_VALUE_RANGE, SLOT_DATE, date_key(lo), date_key(hi)))
    return out


def _filtered(query: Q, filters: list[Q]) -> Q:
    return Q(Q.OP_FILTER, query, Q(Q.OP_AND, filters)) if filters else query


def _spy(enquire: xapian.Enquire, slot: int) -> xapian.ValueCountMatchSpy:
    spy = xapian.ValueCountMatchSpy(slot)
    enquire.add_matchspy(spy)
    return spy


def _values(spy: xapian.ValueCountMatchSpy) -> Counter[str]:
    return Counter({item.term.decode("utf-8"): item.termfreq for item in spy.values()})


def _count(db: xapian.Database, query: Q) -> int:
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated()


def _facet_count(db: xapian.Database, query: Q, slot: int) -> Counter[str]:
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    spy = _spy(enquire, slot)
    enquire.get_mset(0, 0, db.get_doccount())
    return _values(spy)


def _source_names(db: xapian.Database) -> dict[str, str]:
    """Each source as the shards write it → the name its facet shows
    (:func:`~searchapp.core.schema.source_names`, as the Whoosh index names it)."""
    return schema.source_names({
        item.term.decode("utf-8", "replace")[len(SOURCE):]: item.termfreq
        for item in db.allterms(SOURCE)})


def _facets(counts: dict[str, Counter[str]], sources: dict[str, str]) -> Facets:
    months = counts["date"]
    years: Counter[str] = Counter()
    for month, n in months.items():
        years[month[:4]] += n
    return Facets(
        source=schema.merge_sources(counts["source"], sources),
        year=dict(sorted(years.items())),
        month=dict(sorted(months.items())),
        lang=dict(counts["lang"].most_common()),
    )


def _docid(db: xapian.Database, path: str) -> int | None:
    for item in db.postlist(KEY + article_key(path)):
        return item.docid
    return None


def _hit(doc: xapian.Document, score: float, terms: dict[str, frozenset[str]]) -> Hit:
    return schema.to_hit(stored_record(doc), score, terms)
