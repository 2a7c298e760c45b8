"""Fixtures of tests/core: small Whoosh indexes in several segments with
deleted documents, what the fast paths (match sets, posting arrays, the
ranked page) are checked on."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index


def segmented_index(docs: list[list[str]], cuts: list[float], deleted: set[int]) -> Index:
    """Document ``n`` is ``docs[n]`` (its first two words also its title),
    stored as id ``n``; one segment per slice between the ``cuts`` (fractions
    of the list), then the ``deleted`` ones deleted in a commit of their own."""
    schema = Schema(id=ID(stored=True, unique=True),
                    title=TEXT(analyzer=SpaceSeparatedTokenizer()),
                    body=TEXT(analyzer=SpaceSeparatedTokenizer()))
    ix = RamStorage().create_index(schema)
    bounds = sorted({0, len(docs), *(int(c * len(docs)) for c in cuts)})
    for start, end in itertools.pairwise(bounds):
        writer = ix.writer()
        for n in range(start, end):
            writer.add_document(id=str(n), title=" ".join(docs[n][:2]), body=" ".join(docs[n]))
        writer.commit(merge=False)
    gone = {n for n in deleted if n < len(docs)}
    if gone:
        writer = ix.writer()
        for n in gone:
            writer.delete_by_term("id", str(n))
        writer.commit(merge=False)
    return ix


@pytest.fixture(scope="session")
def segmented() -> Callable[[list[list[str]], list[float], set[int]], Index]:
    """:func:`segmented_index`, for the tests that build their own."""
    return segmented_index
