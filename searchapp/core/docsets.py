"""The set of documents a query matches, fast.

Facet counts and totals need *every* match, not the top page.  Whoosh's
``docs_for_query`` walks the postings one document at a time in Python
(~100 ms for a word in half of 100,000 articles).  For the queries people
type most — words, their alternatives, AND/OR/NOT, prefixes — the sets are
built here from whole posting blocks and combined with Python's set
operations, which run in C.  Phrases and anything else fall back to Whoosh.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import query as wq
from whoosh.searching import Searcher

try:  # the block layout of Whoosh 3's codec; other codecs take the slow path
    from whoosh.codec.whoosh3 import W3LeafMatcher
except ImportError:  # pragma: no cover
    W3LeafMatcher = None


def _term_docs(searcher: Searcher, fieldname: str, text: str) -> set[int]:
    out: set[int] = set()
    reader = searcher.reader()
    leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
    for leaf, offset in leaves:
        if (fieldname, text) not in leaf:
            continue
        m = leaf.postings(fieldname, text)
        if W3LeafMatcher is not None and type(m) is W3LeafMatcher:  # no deletions
            while m.is_active():
                if m._ids is None:
                    m._read_ids()
                out.update([i + offset for i in m._ids] if offset else m._ids)
                m._next_block()
        else:  # wrapped (deleted documents) or another codec
            out.update(i + offset for i in m.all_ids())
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
        terms = q.existing_terms(searcher.reader(), expand=True)
        return _union(_term_docs(searcher, f, t) for f, t in terms) & everything
    if isinstance(q, wq.Every):
        return set(everything)
    if isinstance(q, wq.Or | wq.DisjunctionMax):
        return _union(query_docs(searcher, s, everything) for s in q.subqueries)
    if isinstance(q, wq.And):
        positives = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        negatives = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        if not positives:
            return set()
        out = query_docs(searcher, positives[0], everything)
        for s in positives[1:]:
            if not out:
                break
            out &= query_docs(searcher, s, everything)
        for s in negatives:
            out -= query_docs(searcher, s, everything)
        return out
    if isinstance(q, wq.AndNot):
        return query_docs(searcher, q.a, everything) - query_docs(searcher, q.b, everything)
    if isinstance(q, wq.Not):
        return set(everything) - query_docs(searcher, q.query, everything)
    if q is wq.NullQuery:
        return set()
    return set(searcher.docs_for_query(q))
