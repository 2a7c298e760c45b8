"""``postings``: a term's posting arrays and the field lengths against what
Whoosh's own matchers and readers say, over several segments with deleted
documents and one-posting (inlined) terms; the block path really taken; the
memory budget really kept."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchapp.core import postings
from searchapp.core.postings import PostingArrays, word_positions

WORDS = ["oil", "gas", "tax", "war", "aid", "ore"]


def whoosh_postings(searcher, fieldname: str, word: str) -> tuple[list[int], list[float]]:
    """Every posting, deleted documents included, one matcher step at a time."""
    ids, weights = [], []
    for leaf, offset in searcher.reader().leaf_readers():
        if (fieldname, word) not in leaf:
            continue
        m = leaf.postings(fieldname, word)
        while hasattr(m, "child"):  # the deleted-documents filter
            m = m.child
            m.reset()
        while m.is_active():
            ids.append(m.id() + offset)
            weights.append(m.weight())
            m.next()
    return ids, weights


@settings(max_examples=40, deadline=None)
@given(docs=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
                     min_size=1, max_size=500),
       cuts=st.lists(st.floats(0, 1), max_size=3),
       deleted=st.sets(st.integers(0, 499), max_size=60))
def test_arrays_hold_what_whoosh_reads(
    segmented, docs: list[list[str]], cuts: list[float], deleted: set[int]
) -> None:
    ix = segmented(docs, cuts, deleted)
    with ix.searcher() as searcher:
        arrays = PostingArrays(searcher)
        for word in [*WORDS, "nothing"]:
            got = arrays.term("body", word)
            ids, weights = whoosh_postings(searcher, "body", word)
            assert got.docs.tolist() == ids
            assert got.weights.tolist() == weights
            assert arrays.term("body", word.encode()) is got  # kept, by str or bytes
        for field in ("body", "title"):
            expected = [searcher.reader().doc_field_length(d, field, 0) or 0
                        for d in range(searcher.reader().doc_count_all())]
            assert arrays.lengths(field).tolist() == expected


def test_a_long_list_is_read_block_by_block(monkeypatch) -> None:
    """Whoosh 3 blocks (up to 128 postings) are decoded whole, not posting by posting."""
    blocks = 0
    read_data = W3LeafMatcher._read_data

    def counting(self) -> None:
        nonlocal blocks
        blocks += 1
        read_data(self)

    monkeypatch.setattr(W3LeafMatcher, "_read_data", counting)
    monkeypatch.setattr(W3LeafMatcher, "id", lambda self: pytest.fail("one posting read"))
    ix = RamStorage().create_index(Schema(body=TEXT(analyzer=SpaceSeparatedTokenizer())))
    with ix.writer() as writer:
        for n in range(1000):
            writer.add_document(body="oil oil" if n % 3 else "gas")
    with ix.searcher() as searcher:
        got = PostingArrays(searcher).term("body", "oil")
    assert len(got.docs) == 666 and set(got.weights.tolist()) == {2.0}
    assert blocks == -(-666 // 128)


def test_the_budget_drops_the_least_recently_used_term() -> None:
    ix = RamStorage().create_index(Schema(body=TEXT(analyzer=SpaceSeparatedTokenizer())))
    with ix.writer() as writer:
        for n in range(300):
            writer.add_document(body=["oil", "gas gas", "tax"][n % 3])
    with ix.searcher() as searcher:
        arrays = PostingArrays(searcher, budget=250)  # room for two terms of 100
        oil = arrays.term("body", "oil")
        arrays.term("body", "gas")
        assert arrays.term("body", "oil") is oil  # used again: now the newest
        arrays.term("body", "tax")  # over the budget: "gas" goes
        assert arrays.kept("body", "gas") is None
        assert arrays.kept("body", "oil") is oil
        assert np.array_equal(arrays.term("body", "gas").docs, np.arange(1, 300, 3))


def test_deleted_blocks_at_the_start_are_read_too() -> None:
    """Whoosh's deleted-documents filter moves the matcher past whole blocks
    of deleted documents; the arrays still start at the first posting."""
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=SpaceSeparatedTokenizer()))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for n in range(1000):
            writer.add_document(id=str(n), body="oil")
    writer = ix.writer()
    for n in range(300):  # more than two blocks of 128
        writer.delete_by_term("id", str(n))
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        assert searcher.reader().leaf_readers()[0][0].has_deletions()
        got = PostingArrays(searcher).term("body", "oil")
    assert got.docs.tolist() == list(range(1000))


@settings(max_examples=30, deadline=None)
@given(docs=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
                     min_size=1, max_size=400),
       cuts=st.lists(st.floats(0, 1), max_size=3),
       deleted=st.sets(st.integers(0, 399), max_size=40),
       page=st.sets(st.integers(0, 399), min_size=1, max_size=20))
def test_word_positions_are_whooshs(
    segmented, docs: list[list[str]], cuts: list[float], deleted: set[int], page: set[int]
) -> None:
    """Where each word stands in a page of documents, read again from the
    posting blocks (or through Whoosh's matchers for a one-posting term),
    is where Whoosh's own matchers say it stands."""
    ix = segmented(docs, cuts, deleted)
    with ix.searcher() as searcher:
        live = sorted(searcher.reader().all_doc_ids())
        chosen = [live[i % len(live)] for i in page] if live else []
        got = word_positions(searcher, "body", WORDS, chosen)
        expected: dict[int, dict[int, set[str]]] = {d: {} for d in chosen}
        for word in WORDS:
            for leaf, offset in searcher.reader().leaf_readers():
                if ("body", word) not in leaf:
                    continue
                m = leaf.postings("body", word)
                while m.is_active():
                    if m.id() + offset in expected:
                        for pos in m.value_as("positions"):
                            expected[m.id() + offset].setdefault(pos, set()).add(word)
                    m.next()
        assert got == expected
        # and each position is that word of the text
        for d, at in got.items():
            words = docs[int(searcher.stored_fields(d)["id"])]
            assert all(words[pos] in terms for pos, terms in at.items())


def test_word_positions_without_blocks_ask_whooshs_matchers(segmented, monkeypatch) -> None:
    """Postings read one at a time (another codec) keep no blocks: their
    positions come from Whoosh's matchers, the same as from the blocks."""
    docs = [["oil", "gas", "oil"], ["gas", "tax"], ["war", "oil"]] * 50
    ix = segmented(docs, [0.3, 0.6], {4, 90})
    with ix.searcher() as searcher:
        pages = [0, 2, 5, 77, 149]
        from_blocks = word_positions(searcher, "body", ["oil", "gas"], pages)
    read_leaf = postings._read_leaf
    monkeypatch.setattr(postings, "_read_leaf", lambda m: (*read_leaf(m)[:2], []))
    with ix.searcher() as searcher:
        assert not postings.of(searcher).term("body", "oil").blocks
        assert word_positions(searcher, "body", ["oil", "gas"], pages) == from_blocks
    assert from_blocks[0] == {0: {"oil"}, 1: {"gas"}, 2: {"oil"}}


def test_word_positions_keep_a_terms_first_ones_only(segmented) -> None:
    """One word said 850,000 times took 2.4 s to map at every search that
    listed its article: a term's first MAX_POSITIONS are what anyone shows."""
    n = postings.MAX_POSITIONS + 500
    ix = segmented([["oil"] * n + ["gas"]], [], set())
    with ix.searcher() as searcher:
        at = word_positions(searcher, "body", ["oil", "gas"], [0])[0]
    assert sorted(p for p, terms in at.items() if "oil" in terms) == list(
        range(postings.MAX_POSITIONS))
    assert at[n] == {"gas"}  # another term's positions are its own
