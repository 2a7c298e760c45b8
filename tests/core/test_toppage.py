"""The ranked page scored over posting arrays against Whoosh's own top-N
collector (block-quality skipping included): random documents over several
segments with deleted documents, random query trees of the kinds the query
compiler builds (terms with boosts in two fields, a word's alternatives,
title-or-body, AND, OR, AND NOT, prefixes, phrases, NOT).  The scores must
be Whoosh's to the last bits of a float, the order Whoosh's order."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from searchapp.core import postings, scoring, toppage
from searchapp.core.docsets import query_docs

WORDS = ["oil", "gas", "tax", "war", "aid", "ore"]
FIELDS = ["title", "body"]


def terms() -> st.SearchStrategy[wq.Query]:
    return st.builds(
        wq.Term, st.sampled_from(FIELDS), st.sampled_from(WORDS),
        boost=st.sampled_from([1.0, 0.25, 2.0]),
    )


def queries(depth: int = 3) -> st.SearchStrategy[wq.Query]:
    leaf = st.one_of(
        terms(),
        st.sampled_from(["o", "g", "wa"]).map(lambda p: wq.Prefix("body", p)),
        st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(
            lambda ws: wq.Phrase("body", ws)),
    )
    if depth == 0:
        return leaf
    sub = queries(depth - 1)
    return st.one_of(
        leaf,
        st.lists(terms(), min_size=2, max_size=4).map(scoring.OneWord),
        st.tuples(sub, sub).map(lambda ab: scoring.TitleOrBody(list(ab))),
        st.lists(sub, min_size=2, max_size=3).map(wq.Or),
        st.lists(sub, min_size=2, max_size=3).map(wq.And),
        st.tuples(sub, sub).map(lambda ab: wq.AndNot(*ab)),
        st.tuples(sub, sub).map(lambda ab: wq.And([ab[0], wq.Not(ab[1])])),
    )


@pytest.fixture(autouse=True)
def _summing_or(monkeypatch) -> None:
    # On a segment of under 5,000 documents Whoosh may score an OR of three or
    # more parts with its pre-loading matcher, which gives a prefix's terms a
    # flat 1.0; on bigger segments (and in the app) an OR sums its parts.
    monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@settings(max_examples=150, deadline=None)
@given(docs=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
                     min_size=1, max_size=300),
       cuts=st.lists(st.floats(0, 1), max_size=3),
       deleted=st.sets(st.integers(0, 299), max_size=40),
       q=queries(), end=st.integers(1, 12))
@example(  # a NOT of an AND NOT: Whoosh's matcher for it excluded what it kept
    docs=[["oil"], ["oil", "oil"]], cuts=[], deleted=set(), end=1,
    q=wq.And([wq.Prefix("body", "o"), wq.Not(wq.AndNot(wq.Phrase("body", ["oil", "oil"]),
                                                      wq.Prefix("body", "o")))]))
@example(  # an AND NOT inside a word's alternatives, the other one matching
    docs=[["oil"], ["oil", "war"]], cuts=[], deleted=set(), end=2,
    q=scoring.TitleOrBody([wq.Term("title", "oil"),
                           wq.AndNot(wq.Prefix("body", "wa"), wq.Term("title", "oil"))]))
def test_the_page_is_whooshs_page(
    segmented, docs: list[list[str]], cuts: list[float], deleted: set[int], q: wq.Query, end: int
) -> None:
    ix = segmented(docs, cuts, deleted)
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        everything = frozenset(searcher.reader().all_doc_ids())
        allowed = frozenset(query_docs(searcher, q, everything))
        got = toppage.ranked(searcher, q, allowed, 0, end)
        assert len(got) == min(end, len(allowed))
        scores = dict(got)
        assert [d for d, _ in got] == sorted(scores, key=lambda d: (-scores[d], d))
        if has_not(q):
            # Whoosh's AND NOT can keep what its NOT part matches (body:wa*
            # ANDNOT title:oil keeps a title "oil war"): each score against
            # the same scoring done document by document instead.
            mine = dict(toppage.ranked(searcher, q, allowed, 0, len(allowed)))
            for d in allowed:
                assert close(mine[d], by_document(searcher, q, d, everything)[0])
            return
        expected = toppage.whoosh_ranked(searcher, q, allowed, 0, end)
        assert len(got) == len(expected)
        for (d, score), (wd, wscore) in zip(got, expected, strict=True):
            assert close(score, wscore)
            if d != wd:  # only a tie may be ordered differently by a rounding
                assert close(score, dict(expected).get(d, wscore))


def by_document(searcher, q: wq.Query, d: int, everything: frozenset[int]) -> tuple[float, bool]:
    """``(score, matched)`` of document ``d``, one node at a time: a term's
    score from Whoosh's own matcher on it, what matches from the match sets
    (checked against the truth in test_docsets.py)."""
    if isinstance(q, wq.Term):
        for sub, base in searcher.leaf_searchers():
            m = q.matcher(sub, searcher.context())
            if base <= d < base + sub.doc_count_all() and m.is_active():
                m.skip_to(d - base)
                if m.is_active() and m.id() == d - base:
                    return float(m.score()), True
        return 0.0, False
    if isinstance(q, wq.Prefix):
        parts = [by_document(searcher, wq.Term(f, t.decode()), d, everything)
                 for f, t in q.expanded_terms(searcher.reader())]
        return sum(s for s, _ in parts), any(hit for _, hit in parts)
    if isinstance(q, wq.Phrase):
        words = [by_document(searcher, wq.Term(q.fieldname, w), d, everything) for w in q.words]
        stands = d in query_docs(searcher, q, everything)
        return (sum(s for s, _ in words) * q.boost if stands else 0.0), stands
    if isinstance(q, wq.Not):  # Whoosh's inverse matcher: 1.0 wherever it matches
        hit = d not in query_docs(searcher, q.query, everything)
        return (1.0 if hit else 0.0), hit
    if isinstance(q, wq.AndNot):
        score, hit = by_document(searcher, q.a, d, everything)
        hit = hit and d not in query_docs(searcher, q.b, everything)
        return (score if hit else 0.0), hit
    parts = [by_document(searcher, sub, d, everything) for sub in q.subqueries]
    if isinstance(q, scoring.OneWord | scoring.TitleOrBody):
        return max(s for s, _ in parts) * q.boost, any(hit for _, hit in parts)
    if isinstance(q, wq.And):
        hit = all(h for _, h in parts)
        return (sum(s for s, _ in parts) * q.boost if hit else 0.0), hit
    return sum(s for s, _ in parts) * q.boost, any(hit for _, hit in parts)  # Or


def has_not(q: wq.Query) -> bool:
    return isinstance(q, wq.Not | wq.AndNot) or any(has_not(s) for s in q.children())


def test_a_words_alternatives_score_as_the_best_of_them_on_every_page(segmented) -> None:
    """A word in the title and the body scores as the better of the two for
    every document, however far the collector has got (Whoosh turned the
    union into a sum once its minimum score rose)."""
    # Ten long articles first, then many whose title and body are just "oil":
    # the later ones are collected after the minimum score has risen.
    ix = segmented([["oil", "gas", "oil", "tax"]] * 10 + [["oil"]] * 200, [], set())
    title_oil = wq.Term("title", "oil", boost=0.25)  # as the query compiler weighs titles
    q = scoring.TitleOrBody([title_oil, wq.Term("body", "oil")])
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        everything = frozenset(searcher.reader().all_doc_ids())
        title = dict(toppage.ranked(searcher, title_oil, everything, 0, 210))
        body = dict(toppage.ranked(searcher, wq.Term("body", "oil"), everything, 0, 210))
        best = {d: max(title.get(d, 0.0), body[d]) for d in body}
        for ranked in (toppage.ranked, toppage.whoosh_ranked):
            for d, score in ranked(searcher, q, everything, 0, 5):
                assert close(score, best[d])


def test_a_questions_phrases_are_checked_only_where_they_could_matter(
    segmented, monkeypatch
) -> None:
    """A question's side-by-side pairs (phrases ORed with the words) are
    checked for the documents whose best possible score can reach the page,
    not for every match; the page is the one Whoosh's collector gives."""
    rng = random.Random(3)
    docs = [rng.choices(WORDS, k=rng.randint(3, 12)) for _ in range(3000)]
    ix = segmented(docs, [0.5], {7, 1500})
    words = [scoring.TitleOrBody([wq.Term("title", w, boost=0.25), wq.Term("body", w)])
             for w in ("oil", "gas", "tax")]
    q = wq.Or([*words, wq.Phrase("body", ["oil", "gas"]), wq.Phrase("body", ["gas", "tax"])])
    checked = []
    stands = toppage._ArrayScorer._stands
    monkeypatch.setattr(toppage._ArrayScorer, "_stands",
                        lambda self, p, d: checked.append(len(d)) or stands(self, p, d))
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        everything = frozenset(searcher.reader().all_doc_ids())
        allowed = frozenset(query_docs(searcher, q, everything))
        got = toppage.ranked(searcher, q, allowed, 0, 10)
        expected = toppage.whoosh_ranked(searcher, q, allowed, 0, 10)
    assert [d for d, _ in got] == [d for d, _ in expected]
    assert all(close(a, b) for (_, a), (_, b) in zip(got, expected, strict=True))
    assert 0 < sum(checked) < len(allowed)


def test_phrases_unchecked_past_the_first_round_are_still_checked(segmented) -> None:
    """Two hundred articles whose words are far apart have the best bounds
    (the pair assumed to stand) but lose the pair; a hundred with the words
    side by side come after them by bound and first by score."""
    apart = [["oil", "tax", "gas", "tax", "oil", "tax", "gas"]] * 200
    side_by_side = [["oil", "gas", "tax", "tax", "tax"]] * 100
    ix = segmented(apart + side_by_side, [], set())
    q = wq.Or([wq.Term("body", "oil"), wq.Term("body", "gas"), wq.Phrase("body", ["oil", "gas"])])
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        everything = frozenset(searcher.reader().all_doc_ids())
        got = toppage.ranked(searcher, q, everything, 0, 10)
        assert got == toppage.whoosh_ranked(searcher, q, everything, 0, 10)
        first = {searcher.stored_fields(d)["id"] for d, _ in got}
        assert first <= {str(n) for n in range(200, 300)}


@pytest.mark.parametrize(("words", "slop"), [(["oil", "oil"], 1), (["oil", "gas", "oil"], 1),
                                             (["oil", "gas"], 2), (["gas", "oil"], 1)])
def test_a_phrase_stands_where_whooshs_span_matchers_find_it(
    segmented, words: list[str], slop: int
) -> None:
    docs = [["oil"], ["oil", "oil"], ["oil", "gas", "oil"], ["oil", "tax", "gas"],
            ["gas", "oil", "gas", "oil"], ["oil", "tax", "tax", "gas"], ["gas", "tax", "oil"]]
    ix = segmented(docs * 3, [0.5], {1})
    phrase = wq.Phrase("body", words, slop=slop)
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        everything = np.array(sorted(searcher.reader().all_doc_ids()), dtype=np.int64)
        stands = toppage._ArrayScorer(searcher, everything)._stands(phrase, everything)
        found = set(searcher.docs_for_query(phrase))
        assert found and set(everything[stands].tolist()) == found


def test_a_common_word_beside_a_rare_one_is_read_at_the_matches_only(
    segmented, monkeypatch
) -> None:
    """``в Госдуму``: the common word's postings are not read whole for a
    page of a few matches, only looked up at them; the page is Whoosh's."""
    rng = random.Random(5)
    docs = [[*rng.choices(WORDS, k=rng.randint(3, 9)), "tax"] for _ in range(2000)]
    for n in range(0, 2000, 150):
        docs[n].append("rare")
    ix = segmented(docs, [0.4, 0.8], {150})
    read_at = []
    at = postings.PostingArrays.at
    monkeypatch.setattr(postings.PostingArrays, "at",
                        lambda self, f, t, d: read_at.append(t) or at(self, f, t, d))
    q = wq.And([scoring.TitleOrBody([wq.Term("title", "tax", boost=0.25),
                                     wq.Term("body", "tax")]), wq.Term("body", "rare")])
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        everything = frozenset(searcher.reader().all_doc_ids())
        allowed = frozenset(query_docs(searcher, q, everything))
        assert len(allowed) == 13
        got = toppage.ranked(searcher, q, allowed, 0, 10)
        expected = toppage.whoosh_ranked(searcher, q, allowed, 0, 10)
    assert b"tax" in read_at and postings.of(searcher).kept("body", "tax") is None
    assert [d for d, _ in got] == [d for d, _ in expected]
    assert all(close(a, b) for (_, a), (_, b) in zip(got, expected, strict=True))
