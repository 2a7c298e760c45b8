"""Whoosh segments written from postings gathered per term, not sorted one by one.

Whoosh's :class:`~whoosh.writing.SegmentWriter` turns every posting into a
5-tuple in a sorting pool, sorts them all when the segment is flushed and
hands them one at a time to the posting writer, which checks each one and
appends it to its block; for an article's title and body it also builds a
token object per term of every word.  That was about half the time of
indexing.  :class:`BulkSegmentWriter` keeps each field's postings per term as
they come (documents are added in order, so each list is already sorted),
and writes them a block at a time in Whoosh 3's block layout: the postings,
their blocks and statistics are the ones Whoosh writes
(``tests/core/test_segment_writer.py``), each block pickled at protocol
:data:`BLOCK_PICKLE` rather than Whoosh's 2.
The title and body are analysed once per article by
:func:`~searchapp.core.analysis.term_positions`.

The worker processes of a large run (:mod:`searchapp.core.index_workers`)
write their segments with it, a new one every :data:`WORKER_POSTINGS` postings
(Whoosh's pool spills to temporary files instead).  Segments merged into a
writer's own (``add_reader``) go through Whoosh's pool as before.

Private parts of Whoosh used (whoosh3 3.x): ``SegmentWriter._flush_segment``,
``pool.current``/``pool.runs``, the field writer's ``_postwriter`` and the
posting writer's block buffer (``_ids``, ``_weights``, ``_values``,
``_maxweight``, ``_minlength``, ``_maxlength``, ``_write_block``).
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Callable
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb import filetables
from whoosh.formats import Positions
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.numlists import delta_encode
from whoosh.writing import IndexingError, SegmentWriter

from searchapp.core.analysis import MorphTokenizer, term_positions

WORKER_POSTINGS = 6_000_000
"""Postings a worker holds before it closes its segment: 30–70 bytes each in
memory (an id, a weight and a value, shared between postings of one position)."""

COMPRESS_FROM = 256
"""Blocks this size or larger are compressed (Whoosh: from 80 bytes).  On
1,500 articles of ``bench/bench.py``'s corpus, blocks of 80–255 bytes were 72 %
of the compressed ones; deflate saved 8–24 % of their bytes (0.5 MB, ~3 % of
the index) at ~17 µs each, most of it setting up the compressor.  A block's
header says whether it is compressed; the reader follows it."""

BLOCK_PICKLE = 5
"""Pickle protocol of a block's postings.  Whoosh writes protocol 2, which
stores each posting's value (its encoded positions, a ``bytes``) as a call of
``_codecs.encode`` on a latin-1 string; from protocol 3 on, bytes are bytes.
A block of 60 one- and two-position postings pickles in 5.5 µs instead of
78 and loads in 6.6 µs instead of 69 (the reader's ``pickle.loads`` takes
either).  Half the articles of ``bench/bench.py``'s 5,430 as one segment,
three runs each (``bench/index_phases.py --block-pickle 2,5``): postings file
19.2 → 12.0 MB, writing it 3.1–4.2 → 1.9–2.7 s of CPU.  The blocks' headers
stay at protocol 2, which has no frame header to add to a tuple of six numbers."""

_Postings = tuple["array[int]", list[float], list[bytes]]
_TERM_INFO = W3TermInfo._struct  # flags, weight, df, min/max length bytes, max weight, ids
_FLOAT = struct.Struct("f")
_SINGLE: dict[int, bytes] = {}  # position → value of a one-position posting


def _one_position(pos: int, encode: Any) -> bytes:
    value = _SINGLE.get(pos)
    if value is None:
        value = _SINGLE[pos] = encode([pos])
    return value


class BulkSegmentWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is checked as Any
    """A :class:`~whoosh.writing.SegmentWriter` that gathers postings per term."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._terms: dict[str, dict[Any, _Postings]] = {}
        self._lengths: dict[str, dict[int, int]] = {}  # field → doc → length as Whoosh reads it
        self.held = 0
        """Postings gathered so far."""

    def add_document(self, **fields: Any) -> None:
        """Add one document, as :meth:`SegmentWriter.add_document` does."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        # Refused before anything is written: Whoosh's cancel_doc keeps the columns.
        for fieldname in fieldnames:
            _check_value(schema[fieldname], fieldname, fields[fieldname])
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    length = self._gather(fieldname, field, value, docnum, boost)
                    if not field.scorable:
                        length = 0
                    elif length:
                        self._lengths.setdefault(fieldname, {})[docnum] = byte_to_length(
                            length_to_byte(length)
                        )
                if field.separate_spelling() or field.vector:
                    raise IndexingError(f"{fieldname}: spelling and vectors are not written")
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(
                    fieldname, field, customval if field.stored else None, length
                )
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _gather(self, fieldname: str, field: Any, value: Any, docnum: int, boost: float) -> int:
        """Add the document's postings of one field; returns the field's length."""
        terms = self._terms.setdefault(fieldname, {})
        fmt = field.format
        if type(fmt) is Positions and isinstance(field.analyzer, MorphTokenizer):
            at, length = term_positions(value)
            encode = fmt.encode
            fb = fmt.field_boost
            weight = fb * boost
            for term, places in at.items():
                postings = terms.get(term)
                if postings is None:
                    postings = terms[term] = (array("I"), [], [])
                postings[0].append(docnum)
                if len(places) == 1:
                    postings[1].append(weight)
                    postings[2].append(_one_position(places[0], encode))
                else:
                    postings[1].append(len(places) * weight)
                    postings[2].append(encode(places))
            self.held += len(at)
            return length
        length = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            length += freq
            self._post(terms, tbytes, docnum, weight * boost, vbytes)
        return length

    def _post(
        self, terms: dict[Any, _Postings], key: Any, docnum: int, weight: float, vbytes: bytes
    ) -> None:
        postings = terms.get(key)
        if postings is None:
            postings = terms[key] = (array("I"), [], [])
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(vbytes)
        self.held += 1

    def _flush_segment(self) -> None:
        if self.pool.current or self.pool.runs:
            # Segments merged into this one (add_reader) went through the pool:
            # everything goes the pool's way, sorted together.
            self._gathered_to_pool()
            super()._flush_segment()
            return
        self.perdocwriter.close()
        write_postings(self.fieldwriter, self.schema, self._terms, self._lengths)
        self.fieldwriter.close()

    def _gathered_to_pool(self) -> None:
        add = self.pool.add
        for fieldname, terms in self._terms.items():
            for key, (docs, weights, values) in terms.items():
                tbytes = key.encode("utf-8") if isinstance(key, str) else key
                for docnum, weight, vbytes in zip(docs, weights, values, strict=True):
                    add((fieldname, tbytes, docnum, weight, vbytes))
        self._terms.clear()


def _check_value(field: Any, fieldname: str, value: Any) -> None:
    """Raise ValueError for a value an indexed field cannot take."""
    if value is None or not field.indexed or isinstance(value, str):
        return
    if isinstance(field.analyzer, MorphTokenizer) or not isinstance(value, (list, tuple)):
        raise ValueError(f"{fieldname}: {value!r} is not text")


def write_postings(
    fieldwriter: Any,
    schema: Any,
    fields: dict[str, dict[Any, _Postings]],
    lengths: dict[str, dict[int, int]],
) -> None:
    """Write every term's postings, fields and terms in order.

    Each block is what Whoosh 3's ``W3PostingsWriter._write_block`` writes
    (pickled at :data:`BLOCK_PICKLE`, delta-encoded ids, weights and values, compressed from
    :data:`COMPRESS_FROM` bytes, its statistics in front), each term's
    statistics what ``W3TermInfo`` accumulates, and its entry in the terms
    table what ``OrderedHashWriter.add`` writes: done in one loop per term
    instead of several method calls per posting and block.  Blocks are
    compressed at Whoosh's level with a smaller window and hash (:func:`_deflate`),
    which the reader does not need to know."""
    for fieldname in sorted(fields):
        if fields[fieldname]:
            fieldwriter.start_field(fieldname, schema[fieldname])
            _write_field(fieldwriter, schema[fieldname], fields[fieldname],
                         lengths.get(fieldname, {}))
            fieldwriter.finish_field()


def _write_field(
    fieldwriter: Any, field: Any, terms: dict[Any, _Postings], field_lengths: dict[int, int]
) -> None:
    fixedsize = field.format.fixed_value_size()
    postfile = fieldwriter._postfile
    tindex = fieldwriter._tindex
    table = tindex.dbfile
    hashfn, buckets, offsets = tindex.hashfn, tindex.buckets, tindex.index
    prefix = pack_ushort(fieldwriter._fieldid)
    limit = fieldwriter._postwriter._blocklimit
    level = fieldwriter._postwriter._compression
    by_bytes = sorted((key.encode("utf-8") if isinstance(key, str) else key, key) for key in terms)
    # Offsets are counted from here on, not asked for every term, and each
    # term's bytes go to each file in one write to the file object itself.
    offset, at = postfile.tell(), table.tell()
    post_write, table_write = postfile.file.write, table.file.write
    lengths = filetables._lengths.pack
    entry = b""
    for tbytes, key in by_bytes:
        docs, weights, values = terms[key]
        if len(docs) == 1:  # half the terms: one block of one posting, said shortly
            info, offset = _write_one(post_write, offset, docs[0], weights[0], values[0],
                                      fixedsize, field_lengths.get(docs[0]), level)
        else:
            info, offset = _write_blocks(post_write, offset, docs, weights, values, fixedsize,
                                         field_lengths, limit, level)
        entry = prefix + tbytes
        record = lengths(len(entry), len(info)) + entry + info
        table_write(record)
        offsets.append(at)
        h = hashfn(entry)
        buckets[h & 255].append((h, at))
        at += len(record)
    if entry:
        tindex.lastkey = entry


def _write_blocks(
    write: Callable[[bytes], Any], start: int, docs: array[int], weights: list[float],
    values: list[bytes], fixedsize: int | None, field_lengths: dict[int, int], limit: int,
    level: int,
) -> tuple[bytes, int]:
    """Write a term's postings at ``start``; returns its statistics and where it ends."""
    parts = [WHOOSH3_HEADER_MAGIC]
    end_at = start + len(WHOOSH3_HEADER_MAGIC)
    count = len(docs)
    total = 0.0
    shortest_all: int | None = None
    longest_all = 0
    heaviest_all: float = 0
    for first in range(0, count, limit):
        end = min(first + limit, count)
        ids = docs[first:end]
        block_weights = weights[first:end]
        stored = array("f", block_weights)
        known = [n for n in map(field_lengths.get, ids) if n]
        shortest = min(known) if known else None
        longest = max(known, default=0)
        heaviest = max(0, *block_weights)
        total += sum(stored)
        if shortest_all is None:
            shortest_all = shortest
        elif shortest is not None:
            shortest_all = min(shortest_all, shortest)
        longest_all = max(longest_all, longest)
        heaviest_all = max(heaviest_all, heaviest)
        data = dumps((tuple(delta_encode(ids)), _mini_weights(stored),
                      _mini_values(values[first:end], fixedsize)), BLOCK_PICKLE)
        level_used = level if level and len(data) >= COMPRESS_FROM else 0
        if level_used:
            data = _deflate(data, level_used)
        head = dumps((end - first, ids[-1], heaviest, level_used,
                      length_to_byte(shortest), length_to_byte(longest)), 2)
        size = len(head) + len(data)
        parts += (pack_int(-size if end == count else size), head, data)
        end_at += 4 + size
    write(b"".join(parts))
    info = _TERM_INFO.pack(
        False, total, count, 0 if shortest_all is None else length_to_byte(shortest_all),
        length_to_byte(longest_all), heaviest_all, docs[0], docs[-1],
    ) + pack_long(start) + pack_int(end_at - start)
    return info, end_at


def _write_one(
    write: Callable[[bytes], Any], start: int, doc: int, weight: float, value: bytes,
    fixedsize: int | None, length: int | None, level: int,
) -> tuple[bytes, int]:
    """Write the postings of a term in one document (what :func:`_write_blocks`
    writes for it, with less work); returns its statistics and where it ends."""
    stored = _FLOAT.unpack(_FLOAT.pack(weight))[0]  # as the block's array("f") keeps it
    data = dumps(((doc,), None if stored == 1.0 else stored,
                  _mini_values([value], fixedsize)), BLOCK_PICKLE)
    level_used = level if level and len(data) >= COMPRESS_FROM else 0
    if level_used:
        data = _deflate(data, level_used)
    heaviest = max(0, weight)
    short = length_to_byte(length or None)
    long_ = length_to_byte(length or 0)
    head = dumps((1, doc, heaviest, level_used, short, long_), 2)
    size = len(head) + len(data)
    write(b"".join((WHOOSH3_HEADER_MAGIC, pack_int(-size), head, data)))
    end = start + len(WHOOSH3_HEADER_MAGIC) + 4 + size
    info = _TERM_INFO.pack(
        False, stored, 1, short if length else 0, long_, heaviest, doc, doc,
    ) + pack_long(start) + pack_int(end - start)
    return info, end


def _deflate(data: bytes, level: int) -> bytes:
    """zlib data as ``zlib.compress(data, level)`` gives, made with a 2 KB
    window and a smaller hash: a third of the time for a block of a few
    hundred bytes (most of setting up the default 256 KB of state), no larger."""
    packer = zlib.compressobj(level, zlib.DEFLATED, 11, 6)
    return packer.compress(data) + packer.flush()


def _mini_weights(weights: array[float]) -> Any:
    """A block's weights as Whoosh stores them: None when all are 1, one
    number when all are equal."""
    if all(w == 1.0 for w in weights):
        return None
    if all(w == weights[0] for w in weights):
        return weights[0]
    return tuple(weights)


def _mini_values(values: list[bytes], fixedsize: int | None) -> Any:
    present = [v for v in values if v]
    if fixedsize is None or fixedsize < 0:
        return tuple(present)
    if fixedsize == 0:
        return None
    return b"".join(present)
