"""The relevance-ranked page, scored over whole posting arrays.

The engine already knows the exact set of allowed documents
(:mod:`searchapp.core.docsets` and the filters); what the page needs is
their scores.  Whoosh's collector computes them one posting at a time
through a tree of Python matchers — on a 40,000-article index, most of a
query's time.  Here each node of the query scores every document at once
with numpy, from the posting arrays of :mod:`searchapp.core.postings`:

* a term: BM25F with the searcher's idf and average length and the model's
  B and K1, times the term's boost — Whoosh's formula, operation for
  operation (a common term not in memory beside a few allowed documents is
  looked up at those documents only);
* OR and AND: the sum of their parts (AND only where every part matches),
  AND NOT: the first part where the second does not match;
* a word's alternatives (:class:`~searchapp.core.scoring.OneWord`,
  :class:`~searchapp.core.scoring.TitleOrBody`): the best of them;
* prefixes and wildcards: the sum of the terms they stand for (Whoosh
  gives them a flat 1.0 in segments under 5,000 documents);
* a phrase: the sum of its words' scores where it stands — in a question,
  checked only for the documents whose best possible score can still reach
  the page (:meth:`_ArrayScorer.pruned`), else where Whoosh's span matchers
  find it (walked once, for the match set and the page).

Anything else (NOT, …) is scored by Whoosh's own matchers, for that node
only.  The page is the best ``end`` allowed documents, ties going to
the lower document number, as in Whoosh's collector:
tests/core/test_toppage.py checks the two agree on random query trees.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh import query as wq
from whoosh import scoring as wscoring
from whoosh.searching import Searcher

from searchapp.core import postings, scoring
from searchapp.core.analysis import phrase_runs
from searchapp.core.docsets import walked_docs

Scores = tuple[NDArray[np.float64], NDArray[np.bool_]]  # per document: score, matched

# A term not in memory whose postings outnumber the allowed documents this
# many times (``в`` beside ``Госдуму``) is read at those documents only.
SPARSE_RATIO = 8


def ranked(
    searcher: Searcher,
    q: wq.Query,
    allowed: Set[int],
    offset: int,
    end: int,
) -> list[tuple[int, float]]:
    """``(docnum, score)`` of the hits ranked ``offset`` to ``end`` of ``q``
    among ``allowed``."""
    if not allowed or end <= offset:
        return []
    if not isinstance(searcher.weighting, wscoring.BM25F):
        return whoosh_ranked(searcher, q, allowed, offset, end)
    docs = np.fromiter(allowed, dtype=np.int64, count=len(allowed))
    scorer = _ArrayScorer(searcher, docs)
    phrases = scorer.phrases(q)
    got = scorer.pruned(q, phrases, docs, end) if phrases else scorer.scores(q)[0][docs]
    if end < len(docs):  # keep the best `end` (and whatever ties the last)
        kth = len(docs) - end
        keep = got >= np.partition(got, kth)[kth]
        docs, got = docs[keep], got[keep]
    order = np.lexsort((docs, -got))[offset:end]
    return [(int(docs[i]), float(got[i])) for i in order]


def _best_of(q: Any) -> bool:
    """A word's alternatives, or title-or-body: scored as the best part."""
    return isinstance(q, scoring.OneWord | scoring.TitleOrBody) and not q.tiebreak


def _sum_of(q: Any) -> bool:
    return type(q) is wq.Or and not q.scale


class _ArrayScorer:
    """Scores every document of one searcher for one query tree."""

    def __init__(self, searcher: Searcher, allowed: NDArray[np.int64]) -> None:
        self.searcher = searcher
        self.allowed = np.sort(allowed)  # only their scores are ever read
        self.arrays = postings.of(searcher)
        self.size = self.arrays.doc_count_all
        # While pruning: per phrase, the documents checked and those where it
        # stands; per word, the posting blocks read to check them.
        self._known: dict[int, tuple[NDArray[np.bool_], NDArray[np.bool_]]] | None = None
        self._blocks: dict[tuple[str, str], dict[int, Any]] = {}

    def phrases(self, q: Any, negated: bool = False) -> list[wq.Phrase] | None:
        """The phrases :meth:`scores` scores itself, when none of them is
        negated (then a phrase that fails can only lower a score); else None."""
        if isinstance(q, wq.Phrase) and self._positions(q.fieldname):
            return None if negated else [q]
        if type(q) is wq.AndNot:
            parts = [self.phrases(q.a, negated), self.phrases(q.b, not negated)]
        elif type(q) is wq.Not:
            parts = [self.phrases(q.query, not negated)]
        elif _best_of(q) or _sum_of(q) or type(q) is wq.And:
            parts = [self.phrases(sub, negated) for sub in q.subqueries]
        else:
            return []
        if any(part is None for part in parts):
            return None
        return [p for part in parts if part for p in part]

    def pruned(
        self, q: Any, phrases: list[wq.Phrase], docs: NDArray[np.int64], end: int
    ) -> NDArray[np.float64]:
        """Scores of ``docs`` exact for every document that can reach the first
        ``end``, checking the phrases only where they could matter.

        Every phrase is first assumed to stand wherever its words all do
        (an upper bound of each score); the phrases are checked for the
        documents with the best bounds, and again for more, until the
        ``end``-th exact score beats the best bound left unchecked.
        """
        self._known = {
            id(p): (np.zeros(self.size, dtype=np.bool_), np.zeros(self.size, dtype=np.bool_))
            for p in phrases
        }
        try:
            got = self.scores(q)[0][docs]
            order = np.lexsort((docs, -got))
            checked = max(4 * end, 64)
            while True:
                top = docs[order[:checked]]
                for p in phrases:
                    done, stands = self._known[id(p)]
                    todo = top[~done[top]]
                    if len(todo):
                        stands[todo] = self._stands(p, todo)
                        done[todo] = True
                got = self.scores(q)[0][docs]
                if checked >= len(docs):
                    return got
                exact = got[order[:checked]]
                kth = np.partition(exact, len(exact) - end)[len(exact) - end]
                if kth > got[order[checked:]].max():
                    return got
                checked *= 4
        finally:
            self._known = None

    def _stands(self, q: wq.Phrase, docs: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether the phrase stands in each of ``docs``: its words at positions
        one after another, each at most ``slop`` after the last (Whoosh's
        ``SpanNear2``, ordered, distance 1 to ``slop``)."""
        wanted = docs.tolist()
        read = [
            self.arrays.term(q.fieldname, w).values(
                wanted, self._blocks.setdefault((q.fieldname, w), {}))
            for w in q.words
        ]
        values = [v for v in read if v is not None]
        if len(values) < len(read):  # postings without blocks: walk the phrase
            found = walked_docs(self.searcher, q)
            return np.array([d in found for d in wanted], dtype=np.bool_)
        decode = self.searcher.schema[q.fieldname].format.decoder("positions")
        out = np.zeros(len(wanted), dtype=np.bool_)
        for k, d in enumerate(wanted):
            if all(d in v for v in values):
                out[k] = bool(phrase_runs([set(decode(v[d])) for v in values], q.slop))
        return out

    def _empty(self) -> Scores:
        return np.zeros(self.size), np.zeros(self.size, dtype=np.bool_)

    def scores(self, q: Any) -> Scores:
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, q.boost)
        if isinstance(q, wq.Prefix | wq.Wildcard):
            return self._sum([
                self._term(f, t, q.boost)
                for f, t in self.arrays.expansion(q)
            ], 1.0)
        if _best_of(q):
            return self._best([self.scores(s) for s in q.subqueries], q.boost)
        if _sum_of(q):
            return self._sum([self.scores(s) for s in q.subqueries], q.boost)
        if type(q) is wq.And:
            return self._all([self.scores(s) for s in q.subqueries], q.boost)
        if type(q) is wq.AndNot:
            got, matched = self.scores(q.a)
            _, excluded = self.scores(q.b)
            matched = matched & ~excluded
            return np.where(matched, got, 0.0), matched
        if type(q) is wq.Not:  # Whoosh's matcher scores its boost where the inner query
            _, excluded = self.scores(q.query)  # does not match, but keeps that query's
            matched = ~excluded  # AND NOT quirk (see AndNot) in what it excludes
            return np.where(matched, float(q.boost), 0.0), matched
        if isinstance(q, wq.Phrase) and self._positions(q.fieldname):
            return self._phrase(q)
        if q is wq.NullQuery:
            return self._empty()
        return self._whoosh(q)

    def _positions(self, fieldname: str) -> bool:
        schema = self.searcher.schema
        if fieldname not in schema:
            return False
        field = schema[fieldname]
        return bool(field.scorable and field.format and field.format.supports("positions"))

    def _phrase(self, q: wq.Phrase) -> Scores:
        """Where the words stand as a phrase (found by Whoosh's span matchers,
        once for the match set and this page), the sum of their scores."""
        words = [self._term(q.fieldname, w, 1.0) for w in q.words]
        out, matched = self._sum(words, q.boost)
        known = self._known.get(id(q)) if self._known is not None else None
        if known is None:
            found = walked_docs(self.searcher, q)
            matched[:] = False
            matched[np.fromiter(found, dtype=np.int64, count=len(found))] = True
        else:  # pruning: where it was found, or where it may stand (its words all do)
            done, stands = known
            for _, hit in words:
                matched &= hit
            matched &= ~done | stands
        out[~matched] = 0.0
        return out, matched

    def _term(self, fieldname: str, text: Any, boost: float) -> Scores:
        searcher = self.searcher
        if fieldname not in searcher.schema:
            return self._empty()
        field = searcher.schema[fieldname]
        if not field.scorable:
            return self._whoosh(wq.Term(fieldname, text, boost=boost))
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return self._empty()
        found = self.arrays.kept(fieldname, btext)
        if found is None:
            many = self.arrays.doc_frequency(fieldname, btext) > SPARSE_RATIO * len(self.allowed)
            found = (self.arrays.at(fieldname, btext, self.allowed) if many
                     else self.arrays.term(fieldname, btext))
        out, matched = self._empty()
        if not found.size:
            return out, matched
        # what whoosh.scoring.BM25FScorer takes from the searcher and the model
        model = searcher.weighting
        idf = searcher.idf(fieldname, btext)
        avgfl = searcher.avg_field_length(fieldname) or 1
        b, k1 = model._field_B.get(fieldname, model.B), model.K1
        tf = found.weights
        fl = self.arrays.lengths(fieldname)[found.docs]
        # whoosh.scoring.bm25, in the same order of operations
        got = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        if boost != 1.0:
            got = got * boost
        out[found.docs] = got
        matched[found.docs] = True
        return out, matched

    def _sum(self, parts: list[Scores], boost: float) -> Scores:
        out, matched = self._empty()
        for got, hit in parts:
            out += got
            matched |= hit
        if boost != 1.0:
            out *= boost
        return out, matched

    def _best(self, parts: list[Scores], boost: float) -> Scores:
        out, matched = self._empty()
        for got, hit in parts:
            np.maximum(out, got, out=out)
            matched |= hit
        if boost != 1.0:
            out *= boost
        return out, matched

    def _all(self, parts: list[Scores], boost: float) -> Scores:
        if not parts:
            return self._empty()
        out, matched = self._sum(parts, boost)
        for _, hit in parts:
            matched &= hit
        out[~matched] = 0.0
        return out, matched

    def _whoosh(self, q: Any) -> Scores:
        """Scores of a node the arrays do not cover, from Whoosh's matchers."""
        out, matched = self._empty()
        context = self.searcher.context()
        for sub, base in self.searcher.leaf_searchers():
            m = q.matcher(sub, context)
            while m.is_active():
                d = base + m.id()
                out[d] = m.score()
                matched[d] = True
                m.next()
        return out, matched


def whoosh_ranked(
    searcher: Searcher,
    q: wq.Query,
    allowed: Set[int],
    offset: int,
    end: int,
) -> list[tuple[int, float]]:
    """The same page from Whoosh's top-N collector: for weighting models the
    arrays do not reproduce, and as the reference in tests.

    Segments holding none of ``allowed`` are skipped without building their
    matchers; ``allowed`` is passed on as Whoosh's filter.
    """
    allow = set(allowed)
    collector = searcher.collector(limit=end, filter=allow)
    collector.prepare(searcher, q, searcher.context())
    try:
        for sub, base in searcher.leaf_searchers():
            if allow.isdisjoint(range(base, base + sub.doc_count_all())):
                continue
            collector.set_subsearcher(sub, base)
            collector.collect_matches()
    finally:
        collector.finish()
    return [(hit.docnum, hit.score) for hit in collector.results()[offset:end]]
