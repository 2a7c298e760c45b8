"""A query word's alternatives score as one word."""

from __future__ import annotations

from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchapp.core.scoring import OneWord, TitleOrBody


def _scores(q: wq.Query) -> dict[str, float]:
    ix = RamStorage().create_index(Schema(name=ID(stored=True), body=TEXT))
    with ix.writer() as w:
        docs = {"a": "alpha x", "b": "beta x y", "ab": "alpha beta", "z": "zeta"}
        for name, text in docs.items():
            w.add_document(name=name, body=text)
    with ix.searcher() as s:
        return {hit["name"]: hit.score for hit in s.search(q, limit=None)}


def test_alternatives_score_as_the_best_of_them() -> None:
    alpha = _scores(wq.Term("body", "alpha"))
    beta = _scores(wq.Term("body", "beta"))
    both = _scores(OneWord([wq.Term("body", "alpha"), wq.Term("body", "beta")]))
    assert set(both) == {"a", "b", "ab"}
    for name, score in both.items():  # never a score of another document
        assert abs(score - max(alpha.get(name, 0), beta.get(name, 0))) < 1e-6


def test_the_other_field_adds_its_share() -> None:
    alpha = _scores(wq.Term("body", "alpha"))
    beta = _scores(wq.Term("body", "beta"))
    q = TitleOrBody([wq.Term("body", "alpha"), wq.Term("body", "beta")], tiebreak=0.5)
    got = _scores(q)
    hi, lo = sorted([alpha["ab"], beta["ab"]], reverse=True)
    assert abs(got["ab"] - (hi + 0.5 * lo)) < 1e-6
    assert abs(got["b"] - beta["b"]) < 1e-6
