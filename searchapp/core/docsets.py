"""The set of documents a query matches, fast.

Facet counts and totals need *every* match, not the top page.  Whoosh's
``docs_for_query`` walks the postings one document at a time in Python
(~100 ms for a word in half of 100,000 articles).  For the queries people
type most — words, their alternatives, AND/OR/NOT, prefixes — the sets are
built here from the posting arrays of :mod:`searchapp.core.postings` and
combined with Python's set operations, which run in C.  Phrases and
anything else fall back to Whoosh.

In an AND, the smallest part is built first; a part much bigger than what
is left (a common word beside a rare one) is not built at all: its postings
are only skipped to the few candidates, which reads a few blocks instead of
all of them (or looked up in its arrays, when they are already in memory).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from searchapp.core import postings


def _term_docs(searcher: Searcher, fieldname: str, text: str | bytes) -> set[int]:
    return set(postings.of(searcher).term(fieldname, text).docs.tolist())


# A part of an AND is checked candidate by candidate when its estimated size
# is more than this many times the number of candidates left.
CANDIDATE_RATIO = 8


def _term_keep(searcher: Searcher, fieldname: str, text: str, candidates: set[int]) -> set[int]:
    """The members of ``candidates`` (live documents) whose postings hold the term."""
    ordered = sorted(candidates)
    known = postings.of(searcher).kept(fieldname, text)
    if known is not None:  # in memory: look the candidates up
        wanted = np.array(ordered, dtype=np.int64)
        return set(wanted[np.isin(wanted, known.docs, assume_unique=True)].tolist())
    return {d for d, _ in postings.of(searcher).hits(fieldname, text, ordered)}


def _keep(searcher: Searcher, q: wq.Query, candidates: set[int]) -> set[int] | None:
    """The members of ``candidates`` that ``q`` matches, for a word and its
    alternatives (terms, OR, AND of them); ``None`` for anything else."""
    if isinstance(q, wq.Term):
        return _term_keep(searcher, q.fieldname, q.text, candidates)
    if isinstance(q, wq.Or | wq.DisjunctionMax):  # a word in title or body, its alternatives
        out: set[int] = set()
        rest = set(candidates)
        for sub in q.subqueries:
            got = _keep(searcher, sub, rest)
            if got is None:
                return None
            out |= got
            rest -= got
            if not rest:
                break
        return out
    if isinstance(q, wq.And) and not any(isinstance(s, wq.Not) for s in q.subqueries):
        out = set(candidates)
        for sub in q.subqueries:
            got = _keep(searcher, sub, out)
            if got is None:
                return None
            out = got
            if not out:
                break
        return out
    return None


def _intersect(
    searcher: Searcher, parts: list[wq.Query], everything: frozenset[int]
) -> set[int]:
    """Documents matching every one of ``parts``, smallest part first."""
    reader = searcher.reader()
    sized = sorted(((p.estimate_size(reader), i, p) for i, p in enumerate(parts)),
                   key=lambda t: (t[0], t[1]))
    out = query_docs(searcher, sized[0][2], everything)
    for size, _, part in sized[1:]:
        if not out:
            break
        kept = _keep(searcher, part, out) if size > CANDIDATE_RATIO * len(out) else None
        out = kept if kept is not None else out & query_docs(searcher, part, everything)
    return out


def _union(sets: Iterable[set[int]]) -> set[int]:
    out: set[int] = set()
    for s in sets:
        out |= s
    return out


def query_docs(searcher: Searcher, q: wq.Query, everything: frozenset[int]) -> set[int]:
    """Document numbers matching ``q`` (deleted documents excluded)."""
    if isinstance(q, wq.Term):
        return _term_docs(searcher, q.fieldname, q.text) & everything
    if isinstance(q, wq.Prefix | wq.Wildcard):
        terms = postings.of(searcher).expansion(q)
        return _union(_term_docs(searcher, f, t) for f, t in terms) & everything
    if isinstance(q, wq.Every):
        return set(everything)
    if isinstance(q, wq.Or | wq.DisjunctionMax):
        phrases = [s for s in q.subqueries if isinstance(s, wq.Phrase) and s.words]
        out = _union(query_docs(searcher, s, everything)
                     for s in q.subqueries if not any(s is p for p in phrases))
        for p in phrases:
            # A phrase beside its own words (a question's neighbouring words)
            # finds nothing they have not found: no need to walk it.
            if not (_term_docs(searcher, p.fieldname, p.words[0]) & everything) <= out:
                out |= query_docs(searcher, p, everything)
        return out
    if isinstance(q, wq.And):
        positives = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        negatives = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        if not positives:
            return set()
        out = _intersect(searcher, positives, everything)
        for s in negatives:
            out -= query_docs(searcher, s, everything)
        return out
    if isinstance(q, wq.AndNot):
        return query_docs(searcher, q.a, everything) - query_docs(searcher, q.b, everything)
    if isinstance(q, wq.Not):
        return set(everything) - query_docs(searcher, q.query, everything)
    if q is wq.NullQuery:
        return set()
    return set(walked_docs(searcher, q))


def walked_docs(searcher: Searcher, q: wq.Query) -> frozenset[int]:
    """What Whoosh's own matchers find for ``q`` (a phrase), walked once per searcher."""
    return postings.of(searcher).walked(repr(q), lambda: searcher.docs_for_query(q))
