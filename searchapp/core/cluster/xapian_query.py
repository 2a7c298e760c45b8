"""The compiled query (a Whoosh query tree from :mod:`searchapp.core.query`)
as a ``xapian.Query``, and a reader over a Xapian database for the code that
expands prefixes and picks highlight terms.

One query language for both engines: the words, phrases, prefixes and names
across scripts are analysed once by :func:`~searchapp.core.query.compile_query`;
here each node becomes its Xapian counterpart over the prefixed terms of
:mod:`~searchapp.core.cluster.documents`.  A title term weighs twice a body
term, as the Whoosh schema's ``field_boost`` does.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from typing import TypeAlias

import xapian
from whoosh import query as wq

from searchapp.core import schema
from searchapp.core.cluster.documents import FIELD_PREFIX

Q: TypeAlias = xapian.Query
MAX_EXPANSION = 1000  # terms a wildcard may stand for


class XapianReader:
    """Just enough of Whoosh's ``IndexReader`` for ``existing_terms``:
    whether a term exists and the terms under a prefix."""

    def __init__(self, db: xapian.Database) -> None:
        self.db = db
        self.schema = schema.shared_schema()

    def __contains__(self, item: tuple[str, bytes | str]) -> bool:
        fieldname, text = item
        prefix = FIELD_PREFIX.get(fieldname)
        if prefix is None:
            return False
        word = text.decode("utf-8") if isinstance(text, bytes) else text
        return self.db.term_exists(prefix + word)

    def expand_prefix(self, fieldname: str, prefix: str | bytes) -> Iterator[bytes]:
        start = FIELD_PREFIX.get(fieldname)
        if start is None:
            return
        text = prefix.decode("utf-8") if isinstance(prefix, bytes) else prefix
        cut = len(start.encode())
        for item in self.db.allterms(start + text):
            yield item.term[cut:]

    def lexicon(self, fieldname: str) -> Iterator[bytes]:
        return self.expand_prefix(fieldname, "")

    def doc_count(self) -> int:
        return self.db.get_doccount()


def _term(fieldname: str, text: str) -> Q:
    q = Q(FIELD_PREFIX.get(fieldname, "?") + text)
    return Q(Q.OP_SCALE_WEIGHT, q, schema.TITLE_BOOST) if fieldname == schema.TITLE else q


def _wildcard(node: wq.Wildcard, reader: XapianReader) -> Q:
    pattern = re.compile(fnmatch.translate(node.text))
    literal = re.split(r"[*?]", node.text, maxsplit=1)[0]
    terms = [
        t.decode("utf-8") for t in reader.expand_prefix(node.fieldname, literal)
        if pattern.match(t.decode("utf-8"))
    ][:MAX_EXPANSION]
    return Q(Q.OP_OR, [_term(node.fieldname, t) for t in terms]) if terms else Q.MatchNothing


def to_xapian(node: wq.Query, reader: XapianReader) -> Q:
    """The Xapian query for a compiled Whoosh query tree."""
    if node is wq.NullQuery:
        return Q.MatchNothing
    if isinstance(node, wq.Every):
        return Q.MatchAll
    if isinstance(node, wq.Term):
        q = _term(node.fieldname, node.text)
        return Q(Q.OP_SCALE_WEIGHT, q, node.boost) if node.boost != 1.0 else q
    if isinstance(node, wq.Phrase):
        terms = [Q(FIELD_PREFIX.get(node.fieldname, "?") + w) for w in node.words]
        return Q(Q.OP_PHRASE, terms, len(terms))
    if isinstance(node, wq.Sequence):  # a phrase whose positions have alternatives
        parts = [_unweighted(s, reader) for s in node.subqueries]
        return Q(Q.OP_PHRASE, parts, len(parts))
    if isinstance(node, wq.Prefix):
        prefix = FIELD_PREFIX.get(node.fieldname, "?")
        q = Q(Q.OP_WILDCARD, prefix + node.text, MAX_EXPANSION, Q.WILDCARD_LIMIT_MOST_FREQUENT)
        return Q(Q.OP_SCALE_WEIGHT, q, schema.TITLE_BOOST) if node.fieldname == schema.TITLE else q
    if isinstance(node, wq.Wildcard):
        return _wildcard(node, reader)
    if isinstance(node, wq.Not):
        return Q(Q.OP_AND_NOT, Q.MatchAll, to_xapian(node.query, reader))
    if isinstance(node, wq.AndNot):
        return Q(Q.OP_AND_NOT, to_xapian(node.a, reader), to_xapian(node.b, reader))
    if isinstance(node, wq.AndMaybe):
        return Q(Q.OP_AND_MAYBE, to_xapian(node.a, reader), to_xapian(node.b, reader))
    if isinstance(node, wq.Require):
        return Q(Q.OP_FILTER, to_xapian(node.a, reader), to_xapian(node.b, reader))
    if isinstance(node, wq.And):
        return _and(node, reader)
    if isinstance(node, wq.Or | wq.DisjunctionMax):
        return Q(Q.OP_OR, [to_xapian(s, reader) for s in node.subqueries])
    if isinstance(node, wq.Otherwise):
        return Q(Q.OP_OR, [to_xapian(node.a, reader), to_xapian(node.b, reader)])
    raise ValueError(f"no Xapian counterpart for {type(node).__name__}")


def _and(node: wq.And, reader: XapianReader) -> Q:
    """AND of the positive parts, minus the negated ones (``a -b``)."""
    positives = [to_xapian(s, reader) for s in node.subqueries if not isinstance(s, wq.Not)]
    negatives = [to_xapian(s.query, reader) for s in node.subqueries if isinstance(s, wq.Not)]
    q = Q(Q.OP_AND, positives) if positives else Q.MatchAll
    if negatives:
        q = Q(Q.OP_AND_NOT, q, Q(Q.OP_OR, negatives))
    return q


def _unweighted(node: wq.Query, reader: XapianReader) -> Q:
    """A position of a phrase: its terms without weight scaling (a phrase
    takes terms or ORs of terms only)."""
    if isinstance(node, wq.Term):
        return Q(FIELD_PREFIX.get(node.fieldname, "?") + node.text)
    if isinstance(node, wq.Or):
        return Q(Q.OP_OR, [_unweighted(s, reader) for s in node.subqueries])
    return to_xapian(node, reader)
