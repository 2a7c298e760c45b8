"""The relevance-ranked page, scoring only what it needs.

Whoosh's ``searcher.search(q, filter=docs, limit=n)`` builds the query's
matchers in every segment and, through a filter wrapper, asks about every
match whether it is allowed.  The engine already knows the exact set of
matching documents (:mod:`searchapp.core.docsets`), so here:

- without a filter (the page draws from every match) no filter wrapper is
  used: a match is always allowed;
- with one, segments holding none of the allowed documents are skipped
  without building their matchers.

Scores and order are Whoosh's own (its top-N collector, block-quality
skipping included): the page is the one ``searcher.search`` returns.
"""

from __future__ import annotations

from collections.abc import Set

from whoosh import query as wq
from whoosh.searching import Searcher


def ranked(
    searcher: Searcher,
    q: wq.Query,
    allowed: Set[int],
    everything: bool,
    offset: int,
    end: int,
) -> list[tuple[int, float]]:
    """``(docnum, score)`` of the hits ranked ``offset`` to ``end`` of ``q``
    among ``allowed`` (``everything``: ``allowed`` is every match of ``q``)."""
    allow = None if everything else set(allowed)
    collector = searcher.collector(limit=end, filter=allow)
    collector.prepare(searcher, q, searcher.context())
    try:
        for sub, base in searcher.leaf_searchers():
            if allow is not None and allow.isdisjoint(range(base, base + sub.doc_count_all())):
                continue
            collector.set_subsearcher(sub, base)
            collector.collect_matches()
    finally:
        collector.finish()
    return [(hit.docnum, hit.score) for hit in collector.results()[offset:end]]
