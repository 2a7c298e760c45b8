"""Scoring: one query word counts once.

A query word stands for several index terms (its readings, its name keys,
its spellings; in the title and in the body).  ORed flat, their scores add
up, so a document that holds a word under three terms outscores one that
holds a rarer word once.  :class:`OneWord` scores the best of them,
:class:`TitleOrBody` the better field plus a share of the other.  Whoosh's
own ``DisjunctionMax`` cannot be used: its matcher takes the max over
sub-matchers positioned on *different* documents and ignores ``tiebreak``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from whoosh import matching, scoring
from whoosh import query as wq

# BM25F parameters of the app's searcher: term-frequency saturation and the
# length normalisation of the body and of the title.  Whoosh's defaults: on
# bench/rank_eval.py's tuning sample K1 0.9 or 1.6, body B 0.5 or 0.9, title
# B 0.3 and Lucene's idf each moved MRR@10 by a point at most (body B in
# opposite directions per language; K1 0.9 by +0.004 ru / +0.001 en, a query
# or two): nothing worth a change.
K1 = 1.2
BODY_B = 0.75
TITLE_B = 0.75


def weighting() -> scoring.BM25F:
    """The weighting model the engine searches with."""
    return scoring.BM25F(K1=K1, body_B=BODY_B, title_B=TITLE_B)


class MaxMatcher(matching.UnionMatcher):  # type: ignore[misc]  # Whoosh is untyped
    """Union of two matchers scored by the better one (plus ``tiebreak`` × the other)."""

    def __init__(self, a: Any, b: Any, tiebreak: float = 0.0) -> None:
        super().__init__(a, b)
        self.tiebreak = tiebreak

    def copy(self) -> MaxMatcher:
        return MaxMatcher(self.a.copy(), self.b.copy(), self.tiebreak)

    def replace(self, minquality: float = 0) -> Any:
        # Not UnionMatcher.replace: once the collector's minimum score rises
        # it turns a union into an intersection or an AND-MAYBE, which *add*
        # their scores, so the documents collected late were scored as sums.
        a, b = self.a, self.b
        if not a.is_active():
            return b.replace(minquality)
        if not b.is_active():
            return a.replace(minquality)
        new_a, new_b = a.replace(), b.replace()
        if new_a is not a or new_b is not b:
            return MaxMatcher(new_a, new_b, self.tiebreak)
        return self

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active():
            return float(a.score())
        ida, idb = a.id(), b.id()
        if ida != idb:
            return float(a.score() if ida < idb else b.score())
        sa, sb = float(a.score()), float(b.score())
        return max(sa, sb) + self.tiebreak * min(sa, sb)


class _Max(wq.DisjunctionMax):  # type: ignore[misc]  # Whoosh is untyped
    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        reader = searcher.reader()
        # (Whoosh's weighted tree drops keyword arguments: bind the tiebreak.)
        return self._tree_matcher(
            subs, partial(MaxMatcher, tiebreak=self.tiebreak), searcher, context,
            lambda q: q.estimate_size(reader),
        )


class OneWord(_Max):
    """The alternatives of one word, scored as one word: the best of them."""


class TitleOrBody(_Max):
    """A word in the title or the body: the better field, plus a share of the
    other.  Its own class, so normalising never merges it with a word's
    alternatives."""

