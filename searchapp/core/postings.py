"""Whole posting lists and field lengths as arrays, kept per searcher.

The match sets (:mod:`searchapp.core.docsets`) and the ranked page
(:mod:`searchapp.core.toppage`) both read every posting of a query's terms.
Whoosh hands them out one at a time through Python matchers; here a term's
postings are read block by block from Whoosh 3's files and decoded with
numpy, once, and kept while the searcher lives: typing «нефть», «нефть г»,
«нефть га» reads «нефть» once.  The cache is bounded by a number of
postings, the least recently used term going first.

Document numbers are the searcher's global numbers; deleted documents are
*not* removed (callers intersect with the live set they already hold).
"""

from __future__ import annotations

import bisect
import itertools
import threading
import weakref
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pickle import loads
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from searchapp.core.snippets import MAX_SPANS

try:  # the block layout of Whoosh 3's codec; other codecs take the slow path
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
except ImportError:  # pragma: no cover
    W3LeafMatcher = None

# Postings kept per searcher (about 16 bytes each): a few hundred typical
# queries' worth on a 100,000-article index.
BUDGET = 4_000_000

WALKED = 32  # query parts whose documents Whoosh's matchers found, kept
EXPANDED = 256  # prefixes and wildcards whose terms are kept
FREQUENCIES = 100_000  # document frequencies kept (then forgotten at once)

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_LENGTH_OF_BYTE[0] = 0.0


@dataclass(frozen=True)
class Block:
    """Where one block of a term's postings sits in a segment's file, to read
    its values (the word positions) again for a few documents."""

    first: int  # index of the block's first posting in the term's arrays
    postfile: Any
    offset: int
    length: int
    compressed: bool


@dataclass(frozen=True)
class TermPostings:
    """One term's postings over the whole index, in document order."""

    docs: NDArray[np.int64]  # global document numbers, ascending
    weights: NDArray[np.float64]  # the term's frequency in each
    blocks: tuple[Block, ...] = ()  # empty when read one posting at a time

    @property
    def size(self) -> int:
        return len(self.docs)

    def values(
        self, docnums: Iterable[int], read: dict[int, Any] | None = None
    ) -> dict[int, bytes] | None:
        """The raw posting values (encoded positions) of those of ``docnums``
        that hold the term; None when the blocks are not known.  ``read``
        keeps the blocks read, for a caller asking again."""
        if not self.blocks:
            return None if self.size else {}
        wanted = np.array(sorted(set(docnums)), dtype=np.int64)
        at = np.searchsorted(self.docs, wanted)
        inside = at < self.size
        hit = inside.copy()
        hit[inside] = self.docs[at[inside]] == wanted[inside]
        firsts = [b.first for b in self.blocks]
        out: dict[int, bytes] = {}
        read = {} if read is None else read
        for d, i in zip(wanted[hit].tolist(), at[hit].tolist(), strict=True):
            b = bisect.bisect_right(firsts, i) - 1
            if b not in read:
                block = self.blocks[b]
                data = block.postfile.get(block.offset, block.length)
                read[b] = loads(zlib.decompress(data) if block.compressed else data)[2]
            out[d] = read[b][i - self.blocks[b].first]
        return out


EMPTY = TermPostings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def _unwrap(m: Any) -> Any:
    """The codec's own matcher under the deleted-documents filter, at its start
    (the filter has already moved it past the first deleted documents)."""
    wrapped = False
    while W3LeafMatcher is not None and type(m) is not W3LeafMatcher and hasattr(m, "child"):
        m, wrapped = m.child, True
    if wrapped:
        m.reset()
    return m


def _read_leaf(m: Any) -> tuple[NDArray[np.int64], NDArray[np.float64], list[Block]]:
    """Every posting of a leaf matcher, deleted documents included, and where
    its blocks are (numbered from 0 for this leaf)."""
    m = _unwrap(m)
    blocks: list[Block] = []
    if W3LeafMatcher is not None and type(m) is W3LeafMatcher and not m._byteids:
        ids: list[NDArray[np.int64]] = []
        weights: list[NDArray[np.float64]] = []
        count = 0
        while m.is_active():
            if m._data is None:
                m._read_data()
            blocks.append(Block(count, m._postfile, m._dataoffset,
                                m._nextoffset - m._dataoffset, bool(m._compression)))
            deltas, w = m._data[0], m._data[1]
            n = len(deltas)
            count += n
            ids.append(np.cumsum(np.fromiter(deltas, dtype=np.int64, count=n)))
            if w is None:
                weights.append(np.ones(n))
            elif isinstance(w, float):
                weights.append(np.full(n, w))
            else:
                weights.append(np.fromiter(w, dtype=np.float64, count=n))
            m._next_block()
        if not ids:
            return EMPTY.docs, EMPTY.weights, []
        return np.concatenate(ids), np.concatenate(weights), blocks
    # An inlined posting list, or another codec: one posting at a time.
    got_ids, got_weights = [], []
    while m.is_active():
        got_ids.append(m.id())
        got_weights.append(m.weight())
        m.next()
    return (np.array(got_ids, dtype=np.int64), np.array(got_weights, dtype=np.float64),
            blocks)


class PostingArrays:
    """The posting lists and field lengths of one searcher, as arrays."""

    def __init__(self, searcher: Searcher, budget: int = BUDGET) -> None:
        self._reader = searcher.reader()
        self._leaves: list[tuple[Any, int]] = (
            self._reader.leaf_readers() if hasattr(self._reader, "leaf_readers")
            else [(self._reader, 0)]
        )
        self.doc_count_all: int = self._reader.doc_count_all()
        self._budget = budget
        self._kept: OrderedDict[tuple[str, bytes], TermPostings] = OrderedDict()
        self._size = 0
        self._lengths: dict[str, NDArray[np.float64]] = {}
        self._walked: OrderedDict[str, frozenset[int]] = OrderedDict()
        self._expanded: dict[str, tuple[tuple[str, bytes], ...]] = {}
        self._frequency: dict[tuple[str, str | bytes], int] = {}
        self._lock = threading.Lock()

    def expansion(self, q: Any) -> tuple[tuple[str, bytes], ...]:
        """The index terms a prefix or wildcard stands for, looked up once
        for the match set, the page and the marks."""
        key = repr(q)
        with self._lock:
            got = self._expanded.get(key)
        if got is None:
            got = tuple(sorted(q.existing_terms(self._reader, expand=True)))
            with self._lock:
                if len(self._expanded) >= EXPANDED:
                    self._expanded.pop(next(iter(self._expanded)))
                self._expanded[key] = got
        return got

    def doc_frequency(self, fieldname: str, text: str | bytes) -> int:
        """Whoosh's document frequency of a term (deleted documents included),
        remembered: the query compiler asks it for every alternative of every
        word, at each keystroke, and each ask visits every segment."""
        key = (fieldname, text)
        got = self._frequency.get(key)
        if got is None:
            if len(self._frequency) >= FREQUENCIES:
                self._frequency.clear()
            got = self._frequency[key] = int(self._reader.doc_frequency(fieldname, text))
        return got

    def walked(self, key: str, walk: Callable[[], Iterable[int]]) -> frozenset[int]:
        """The documents of a query part only Whoosh's matchers can find (a
        phrase), walked once for the match set and the ranked page both."""
        with self._lock:
            got = self._walked.get(key)
            if got is not None:
                self._walked.move_to_end(key)
                return got
        got = frozenset(walk())
        with self._lock:
            self._walked[key] = got
            while len(self._walked) > WALKED:
                self._walked.popitem(last=False)
        return got

    def _key(self, fieldname: str, text: str | bytes) -> tuple[str, bytes] | None:
        if isinstance(text, bytes):
            return fieldname, text
        schema = self._reader.schema
        if fieldname not in schema:
            return None
        try:
            return fieldname, schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    def kept(self, fieldname: str, text: str | bytes) -> TermPostings | None:
        """The postings of a term if they are already in memory."""
        key = self._key(fieldname, text)
        with self._lock:
            return self._kept.get(key) if key else EMPTY

    def term(self, fieldname: str, text: str | bytes) -> TermPostings:
        """The postings of ``text`` (the term, or its bytes) in ``fieldname``."""
        key = self._key(fieldname, text)
        if key is None:
            return EMPTY
        with self._lock:
            got = self._kept.get(key)
            if got is not None:
                self._kept.move_to_end(key)
                return got
        got = self._read(*key)
        with self._lock:
            if key not in self._kept:
                self._kept[key] = got
                self._size += got.size
                while self._size > self._budget and len(self._kept) > 1:
                    _, old = self._kept.popitem(last=False)
                    self._size -= old.size
        return got

    def hits(
        self, fieldname: str, text: str | bytes, docnums: list[int]
    ) -> Iterator[tuple[int, Any]]:
        """``(docnum, matcher on it)`` for each of ``docnums`` (ascending) that
        holds the term, found by skipping through its blocks, not reading them all."""
        for leaf, offset in self._leaves:
            lo = bisect.bisect_left(docnums, offset)
            hi = bisect.bisect_left(docnums, offset + leaf.doc_count_all())
            if lo == hi or (fieldname, text) not in leaf:
                continue
            m = leaf.postings(fieldname, text)
            for d in docnums[lo:hi]:
                if not m.is_active():
                    break
                if m.id() < d - offset:
                    m.skip_to(d - offset)
                    if not m.is_active():
                        break
                if m.id() == d - offset:
                    yield d, m

    def at(self, fieldname: str, text: bytes, docnums: NDArray[np.int64]) -> TermPostings:
        """The postings of a term at ``docnums`` (ascending) only; not kept."""
        ids: list[int] = []
        weights: list[float] = []
        for d, m in self.hits(fieldname, text, docnums.tolist()):
            ids.append(d)
            weights.append(m.weight())
        return TermPostings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64))

    def _read(self, fieldname: str, text: bytes) -> TermPostings:
        ids, weights, blocks = [], [], []
        count, every_block = 0, True
        for leaf, offset in self._leaves:
            if (fieldname, text) not in leaf:
                continue
            leaf_ids, leaf_weights, leaf_blocks = _read_leaf(leaf.postings(fieldname, text))
            ids.append(leaf_ids + offset if offset else leaf_ids)
            weights.append(leaf_weights)
            if len(leaf_ids) and not leaf_blocks:  # inlined: no block to read again
                every_block = False
            blocks += [replace(b, first=b.first + count) for b in leaf_blocks]
            count += len(leaf_ids)
        if not ids:
            return EMPTY
        return TermPostings(np.concatenate(ids), np.concatenate(weights),
                            tuple(blocks) if every_block else ())

    def lengths(self, fieldname: str) -> NDArray[np.float64]:
        """Each document's length in ``fieldname``, as Whoosh's scorers see it
        (the one-byte approximation; 0 where the field is empty)."""
        with self._lock:
            got = self._lengths.get(fieldname)
        if got is None:
            got = np.zeros(self.doc_count_all, dtype=np.float64)
            for leaf, offset in self._leaves:
                n = leaf.doc_count_all()
                got[offset : offset + n] = _leaf_lengths(leaf, fieldname, n)
            with self._lock:
                self._lengths[fieldname] = got
        return got


def _leaf_lengths(leaf: Any, fieldname: str, n: int) -> NDArray[np.float64]:
    codes = np.zeros(n, dtype=np.uint8)  # 0: empty, and past the column's end
    column = None
    if W3LeafMatcher is not None:
        try:
            column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        except AttributeError:  # another codec or reader
            column = None
    if column is None:
        return np.array(
            [leaf.doc_field_length(d, fieldname, 0) or 0 for d in range(n)], dtype=np.float64
        )
    try:  # one byte per document, read at once
        count = min(n, column._count)
        stored = column._dbfile.get(column._basepos, count) if count else b""
        codes[:count] = np.frombuffer(stored, dtype=np.uint8)
    except AttributeError:  # pragma: no cover  # another column layout
        codes[:] = np.fromiter(column, dtype=np.uint8, count=n)
    return _LENGTH_OF_BYTE[codes]


_ARRAYS: weakref.WeakKeyDictionary[Searcher, PostingArrays] = weakref.WeakKeyDictionary()
_ARRAYS_LOCK = threading.Lock()


def of(searcher: Searcher) -> PostingArrays:
    """The arrays of ``searcher``, kept as long as it is."""
    with _ARRAYS_LOCK:
        got = _ARRAYS.get(searcher)
        if got is None:
            got = _ARRAYS[searcher] = PostingArrays(searcher)
        return got


# Positions kept per term and article: one more than the reading pane marks
# (snippets look at fewer).  A text of one word said 850,000 times took 2.4 s
# to map them all at every search that listed it, and froze the pane.
MAX_POSITIONS = MAX_SPANS + 1


def word_positions(
    searcher: Searcher, fieldname: str, terms: Iterable[str], docnums: Iterable[int]
) -> dict[int, dict[int, frozenset[str]]]:
    """``docnum → word position → the terms indexed there``, for ``terms`` in
    ``fieldname`` of a few documents (a page of hits): where the words that
    made an article match stand, read from the index instead of analysing
    its text again; a term's first :data:`MAX_POSITIONS` in an article.
    Empty when the field keeps no positions."""
    schema = searcher.schema
    wanted = sorted(set(docnums))
    if fieldname not in schema or not wanted:
        return {}
    field = schema[fieldname]
    if not (field.format and field.format.supports("positions")):
        return {}
    decode = field.format.decoder("positions")
    arrays = of(searcher)
    found: dict[int, dict[int, set[str]]] = {d: {} for d in wanted}
    for term in set(terms):
        values = arrays.term(fieldname, term).values(wanted)
        if values is None:  # postings read one at a time: ask Whoosh's matchers
            values = _values_by_matchers(searcher, fieldname, term, wanted)
        for d, value in values.items():
            at = found[d]
            for pos in itertools.islice(decode(value), MAX_POSITIONS):
                at.setdefault(pos, set()).add(term)
    return {d: {p: frozenset(ts) for p, ts in at.items()} for d, at in found.items()}


def _values_by_matchers(
    searcher: Searcher, fieldname: str, term: str, wanted: list[int]
) -> dict[int, bytes]:
    return {d: m.value() for d, m in of(searcher).hits(fieldname, term, wanted)}
