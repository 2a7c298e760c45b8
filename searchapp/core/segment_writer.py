"""Whoosh segments written from postings gathered per term, not sorted one by one.

Whoosh's :class:`~whoosh.writing.SegmentWriter` turns every posting into a
5-tuple in a sorting pool, sorts them all when the segment is flushed and
hands them one at a time to the posting writer, which checks each one and
appends it to its block; for an article's title and body it also builds a
token object per term of every word.  That was about half the time of
indexing.  :class:`BulkSegmentWriter` keeps each field's postings per term as
they come (documents are added in order, so each list is already sorted),
and writes them a block at a time through Whoosh 3's own posting writer: the
postings, their blocks and statistics are the ones Whoosh writes
(``tests/core/test_segment_writer.py``).
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

from array import array
from typing import Any

from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import IndexingError, SegmentWriter

from searchapp.core.analysis import MorphTokenizer, term_positions

WORKER_POSTINGS = 6_000_000
"""Postings a worker holds before it closes its segment (about 400 MB)."""

_Postings = tuple["array[int]", list[float], list[bytes]]
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


def write_postings(
    fieldwriter: Any,
    schema: Any,
    fields: dict[str, dict[Any, _Postings]],
    lengths: dict[str, dict[int, int]],
) -> None:
    """Write every term's postings, fields and terms in order, a block at a time.

    Fills Whoosh 3's posting writer's block buffer as
    ``FieldWriter.add_postings`` would one posting at a time, and lets it
    write the block (statistics, compression, the last-block mark)."""
    for fieldname in sorted(fields):
        terms = fields[fieldname]
        if not terms:
            continue
        fieldwriter.start_field(fieldname, schema[fieldname])
        field_lengths = lengths.get(fieldname, {})
        by_bytes = sorted(
            (key.encode("utf-8") if isinstance(key, str) else key, key) for key in terms
        )
        for tbytes, key in by_bytes:
            docs, weights, values = terms[key]
            fieldwriter.start_term(tbytes)
            writer = fieldwriter._postwriter
            limit = writer._blocklimit
            count = len(docs)
            for start in range(0, count, limit):
                end = min(start + limit, count)
                block_weights = weights[start:end]
                writer._ids = docs[start:end]
                writer._weights = array("f", block_weights)
                writer._values = [v for v in values[start:end] if v]
                writer._maxweight = max(0, *block_weights)
                known = [n for n in map(field_lengths.get, writer._ids) if n]
                writer._minlength = min(known) if known else None
                writer._maxlength = max(known, default=0)
                if end < count:
                    writer._write_block()
            fieldwriter.finish_term()
        fieldwriter.finish_field()


