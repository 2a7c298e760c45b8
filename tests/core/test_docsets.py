"""The fast set of matching documents agrees with Whoosh's own, over several
segments and with deleted documents (the facet counts and totals depend on it)."""

from __future__ import annotations

import pytest
from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchapp.core.docsets import query_docs

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
}


@pytest.mark.parametrize("name", QUERIES)
def test_query_docs_agree_with_whoosh(searcher, name: str) -> None:
    q, expected = QUERIES[name]
    everything = frozenset(searcher.reader().all_doc_ids())
    got = query_docs(searcher, q, everything)
    assert keys(searcher, got) == expected
    if name not in ("not", "null", "only negatives"):
        assert got == set(searcher.docs_for_query(q)) & everything
