"""The relevance-ranked page, scoring only what it needs.

Whoosh's ``searcher.search(q, filter=docs, limit=n)`` builds the query's
matchers in every segment.  The engine already knows the exact set of
allowed documents (:mod:`searchapp.core.docsets` and the filters), so here
segments holding none of them are skipped without building their matchers.

The allowed set is always passed on as Whoosh's filter, even when it is
every match: Whoosh's matchers and the match sets can disagree on odd
queries (an ANDNOT over segments with deletions, say), and the page must
never show an article the total does not count.  Scores and order are
Whoosh's own (its top-N collector, block-quality skipping included): the
page is the one ``searcher.search`` returns.
"""

from __future__ import annotations

from collections.abc import Set

from whoosh import query as wq
from whoosh.searching import Searcher


def ranked(
    searcher: Searcher,
    q: wq.Query,
    allowed: Set[int],
    offset: int,
    end: int,
) -> list[tuple[int, float]]:
    """``(docnum, score)`` of the hits ranked ``offset`` to ``end`` of ``q``
    among ``allowed``."""
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
