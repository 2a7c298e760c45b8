"""``docsets.query_docs`` against the truth and against Whoosh's own
``docs_for_query``: random word documents over several segments with deleted
documents, random query trees (hypothesis).  ``query_docs`` reads Whoosh's
posting blocks through private parts of ``W3LeafMatcher`` (see
test_postings.py); this is what catches a Whoosh release that changes them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchapp.core.docsets import query_docs

WORDS = ["oil", "gas", "tax", "war", "aid", "ore"]  # "o…" words for prefixes

documents = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), min_size=1, max_size=400
)


def queries(depth: int = 3) -> st.SearchStrategy[wq.Query]:
    leaf = st.one_of(
        st.sampled_from(WORDS).map(lambda w: wq.Term("body", w)),
        st.sampled_from(["o", "g", "wa", "x"]).map(lambda p: wq.Prefix("body", p)),
        st.just(wq.Every()),
    )
    if depth == 0:
        return leaf
    sub = queries(depth - 1)
    return st.one_of(
        leaf,
        st.lists(sub, min_size=1, max_size=3).map(wq.Or),
        st.lists(sub, min_size=1, max_size=3).map(wq.And),
        st.tuples(sub, sub).map(lambda ab: wq.AndNot(*ab)),
        st.tuples(sub, sub).map(lambda ab: wq.And([ab[0], wq.Not(ab[1])])),
    )


def truth(q: wq.Query, docs: dict[int, set[str]]) -> set[int]:
    """The documents ``q`` matches, evaluated on the words themselves."""
    every = set(docs)
    if isinstance(q, wq.Term):
        return {d for d, words in docs.items() if q.text in words}
    if isinstance(q, wq.Prefix):
        return {d for d, words in docs.items() if any(w.startswith(q.text) for w in words)}
    if isinstance(q, wq.Every):
        return every
    if isinstance(q, wq.Or):
        return set().union(*(truth(s, docs) for s in q.subqueries))
    if isinstance(q, wq.And):
        out = every
        for s in q.subqueries:
            out = out - truth(s.query, docs) if isinstance(s, wq.Not) else out & truth(s, docs)
        return out
    if isinstance(q, wq.AndNot):
        return truth(q.a, docs) - truth(q.b, docs)
    raise AssertionError(q)


def has_negation(q: wq.Query) -> bool:
    return isinstance(q, wq.AndNot | wq.Not) or any(has_negation(s) for s in q.children())


@settings(max_examples=60, deadline=None)
@given(docs=documents, cuts=st.lists(st.floats(0, 1), max_size=3),
       deleted=st.sets(st.integers(0, 399), max_size=60), q=queries())
def test_query_docs_matches_the_truth_and_whoosh(
    segmented, docs: list[list[str]], cuts: list[float], deleted: set[int], q: wq.Query
) -> None:
    ix = segmented(docs, cuts, deleted)
    gone = {n for n in deleted if n < len(docs)}
    with ix.searcher() as searcher:
        number = {searcher.stored_fields(d)["id"]: d for d in searcher.reader().all_doc_ids()}
        live = {number[str(n)]: set(docs[n]) for n in range(len(docs)) if n not in gone}
        got = query_docs(searcher, q, frozenset(searcher.reader().all_doc_ids()))
        assert got == truth(q, live)
        if not has_negation(q):  # Whoosh's AndNot/Not are wrong across segments
            assert got == set(searcher.docs_for_query(q))


# -- fixed cases on an index with a rewritten and deleted article -------------

FIRST = {
    "a": "cotton wheat barley",
    "b": "cotton mills cotton prices",
    "c": "wheat harvest rain",
    "d": "trains to the coast",
}
SECOND = {  # a second segment; "b" is rewritten there and "d" deleted
    "b": "rail freight only",
    "e": "cotton harvest early",
    "f": "coastal trains and cotton",
    "g": "cotton bales and freight",  # deleted by a third commit: both segments have gaps
}


@pytest.fixture(scope="module")
def searcher():
    ix = RamStorage().create_index(Schema(key=ID(stored=True, unique=True), body=TEXT))
    with ix.writer() as w:
        for key, body in FIRST.items():
            w.add_document(key=key, body=body)
    w = ix.writer()
    for key, body in SECOND.items():
        w.update_document(key=key, body=body)
    w.delete_by_term("key", "d")
    w.commit(merge=False)
    w = ix.writer()
    w.delete_by_term("key", "g")
    w.commit(merge=False)
    with ix.searcher() as s:
        leaves = s.reader().leaf_readers()
        assert len(leaves) == 2 and all(leaf.has_deletions() for leaf, _offset in leaves)
        yield s


def keys(searcher, docs: set[int]) -> set[str]:
    return {searcher.stored_fields(d)["key"] for d in docs}


def term(word: str) -> wq.Term:
    return wq.Term("body", word)


QUERIES = {
    "word in both segments": (term("cotton"), {"a", "e", "f"}),
    "word only in the second": (term("freight"), {"b"}),
    "word of a rewritten article": (term("mills"), set()),
    "word of a deleted article": (term("coast"), set()),
    "unknown word": (term("nothing"), set()),
    "prefix": (wq.Prefix("body", "coast"), {"f"}),
    "wildcard": (wq.Wildcard("body", "harv*"), {"c", "e"}),
    "or": (wq.Or([term("freight"), term("rain")]), {"b", "c"}),
    "and": (wq.And([term("cotton"), term("harvest")]), {"e"}),
    "and, first part empty": (wq.And([term("nothing"), term("cotton")]), set()),
    "and not": (wq.And([term("cotton"), wq.Not(term("wheat"))]), {"e", "f"}),
    "only negatives": (wq.And([wq.Not(term("cotton"))]), set()),  # (Whoosh: all others)
    "andnot": (wq.AndNot(term("harvest"), term("rain")), {"e"}),
    "not": (wq.Not(term("cotton")), {"b", "c"}),
    "every": (wq.Every(), {"a", "b", "c", "e", "f"}),
    "null": (wq.NullQuery, set()),
    "phrase (Whoosh's path)": (wq.Phrase("body", ["cotton", "harvest"]), {"e"}),
    "phrase beside its words (not walked)": (
        wq.Or([term("cotton"), term("harvest"), wq.Phrase("body", ["cotton", "harvest"])]),
        {"a", "c", "e", "f"}),
    "phrase beside other words (walked)": (
        wq.Or([term("rain"), wq.Phrase("body", ["cotton", "harvest"])]), {"c", "e"}),
}


@pytest.mark.parametrize("name", QUERIES)
def test_query_docs_agree_with_whoosh(searcher, name: str) -> None:
    q, expected = QUERIES[name]
    everything = frozenset(searcher.reader().all_doc_ids())
    got = query_docs(searcher, q, everything)
    assert keys(searcher, got) == expected
    if name not in ("not", "null", "only negatives"):
        assert got == set(searcher.docs_for_query(q)) & everything


def test_a_phrase_beside_its_own_words_is_not_walked(searcher, monkeypatch) -> None:
    """A question's neighbouring words add no match to the words themselves:
    the match set does not walk their phrase through Whoosh's span matchers."""
    walked = []
    monkeypatch.setattr(type(searcher), "docs_for_query",
                        lambda self, q, *a, **k: walked.append(q) or iter(()))
    everything = frozenset(searcher.reader().all_doc_ids())
    phrase = wq.Phrase("body", ["harvest", "early"])  # walked by no other test
    got = query_docs(searcher, wq.Or([term("harvest"), term("early"), phrase]), everything)
    assert keys(searcher, got) == {"c", "e"} and walked == []
    query_docs(searcher, wq.Or([term("rain"), phrase]), everything)
    assert walked == [phrase]
