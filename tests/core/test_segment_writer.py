"""The bulk segment writer writes what Whoosh's own writer writes, and the
worker pool indexes with it, reports its failures and keeps its processes."""

from __future__ import annotations

import os
import random
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh.writing import IndexingError, SegmentWriter

from searchapp.core import store
from searchapp.core.index_workers import ParallelWriter, WorkerPool
from searchapp.core.ingest import iter_article_files, read_article
from searchapp.core.paths import SEEDS_DIR
from searchapp.core.schema import whoosh_fields
from searchapp.core.segment_writer import BulkSegmentWriter

TEXT = ("Миграция мигрантов мигрантам выросла. Токаев встретился с Мередовым в Ашхабаде. "
        "Oil prices fell; Kazakhstan's exports rose. The IOM said: «Вера в успех крепла». "
        "ГАЗПРОМ СООБЩИЛ О РОСТЕ. Татьяна Голикова, Tatyana Golikova.")


def documents(count: int, seed: int = 5) -> list[dict[str, Any]]:
    """The seeds' articles, then ``count`` made of their words and the ones
    above, some long enough for a common word to fill several blocks."""
    rng = random.Random(seed)
    seeds = [read_article(p) for p in sorted(iter_article_files([SEEDS_DIR], skipped=[]))]
    docs = [whoosh_fields(a, (n, n)) for n, a in enumerate(seeds)]
    vocabulary = [w for a in seeds for w in a.body.split()][:3000] + TEXT.split()
    for n in range(count):
        size = rng.choice((3, 40, 400))
        body = " ".join(rng.choice(vocabulary) for _ in range(size))
        title = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 6)))
        docs.append({**docs[n % len(seeds)], "path": f"/gen/{n}.md", "title": title,
                     "body": body, "source": rng.choice(("A", "Б", "C")), "size": n})
    return docs


def write(index_dir: Path, writer_class: type, docs: list[dict[str, Any]]) -> Any:
    store.create(index_dir)
    ix = store.open_index(index_dir)
    writer = writer_class(ix, compound=False)
    for fields in docs:
        writer.add_document(**fields)
    writer.commit()
    return ix


def blocks(matcher: Any) -> list[tuple[Any, ...]]:
    """Every block of a posting list: its statistics and its postings."""
    out = []
    while matcher.is_active():
        out.append((matcher.block_min_id(), matcher.block_max_id(), matcher.block_min_length(),
                    matcher.block_max_length(), matcher.block_max_weight()))
        end = matcher.block_max_id()
        while matcher.is_active() and matcher.id() <= end:
            out.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
    return out


def contents(ix: Any) -> dict[Any, Any]:
    """What a reader can tell of an index: terms with their statistics and
    blocks, stored fields, lengths and columns."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        seen: dict[Any, Any] = {}
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            seen[fieldname, text] = (
                info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                info.max_weight(), info.min_id(), info.max_id(),
                blocks(reader.postings(fieldname, text)),
            )
        for docnum in reader.all_doc_ids():
            seen["stored", docnum] = reader.stored_fields(docnum)
            seen["lengths", docnum] = [reader.doc_field_length(docnum, f)
                                       for f in ix.schema.names()]
        for name in ("path", "source", "lang", "date", "mtime", "size"):
            column = reader.column_reader(name)
            seen["column", name] = [column[d] for d in reader.all_doc_ids()]
        seen["totals"] = [(reader.field_length(f), reader.max_field_length(f))
                          for f in ("title", "body", "source_text")]
        return seen


def test_bulk_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    docs = documents(300)
    ours = contents(write(tmp_path / "bulk", BulkSegmentWriter, docs))
    theirs = contents(write(tmp_path / "whoosh", SegmentWriter, docs))
    assert ours == theirs
    long_lists = [k for k, v in ours.items() if k[0] == "body" and v[1] > 128]
    assert long_lists, "no posting list of several blocks was checked"


def test_bulk_writer_postings_take_less_room_than_whoosh_s(tmp_path: Path) -> None:
    """The same postings, pickled with bytes as bytes (not protocol 2's
    latin-1 strings): the postings file is much smaller, and still read."""
    docs = documents(300)
    sizes = {}
    for name, writer_class in (("bulk", BulkSegmentWriter), ("whoosh", SegmentWriter)):
        write(tmp_path / name, writer_class, docs)
        sizes[name] = sum(f.stat().st_size for f in (tmp_path / name).glob("*.pst"))
    assert sizes["bulk"] < 0.8 * sizes["whoosh"], sizes


def test_bulk_writer_merging_segments_writes_what_whoosh_writes(tmp_path: Path) -> None:
    """A commit that merges a small segment into the new one (Whoosh's pool
    path for both) still gives the same index."""
    docs = documents(120, seed=9)
    indexes = {}
    for name, writer_class in (("bulk", BulkSegmentWriter), ("whoosh", SegmentWriter)):
        ix = write(tmp_path / name, writer_class, docs[:40])
        writer = writer_class(ix, compound=False)
        for fields in docs[40:]:
            writer.add_document(**fields)
        writer.commit(optimize=True)  # the first segment is merged in
        assert len(ix._segments()) == 1
        indexes[name] = contents(ix)
    assert indexes["bulk"] == indexes["whoosh"]


def test_a_document_a_field_cannot_index_leaves_nothing_behind(tmp_path: Path) -> None:
    """It is refused before any of its fields is written: the next document
    does not get its title's postings, nor the columns its number."""
    docs = documents(20, seed=4)
    bad = {**docs[7], "title": "Уникальныйзаголовок", "source": 404}  # source: not text
    store.create(tmp_path / "ix")
    ix = store.open_index(tmp_path / "ix")
    writer = BulkSegmentWriter(ix, compound=False)
    for fields in docs[:10]:
        writer.add_document(**fields)
    with pytest.raises(ValueError, match="not text"):
        writer.add_document(**bad)
    for fields in docs[10:]:
        writer.add_document(**fields)
    writer.commit()
    assert contents(ix) == contents(write(tmp_path / "clean", SegmentWriter, docs))


def test_workers_index_keep_their_processes_and_roll_segments(tmp_path: Path) -> None:
    docs = documents(200, seed=3)
    store.create(tmp_path / "ix")
    ix = store.open_index(tmp_path / "ix")
    pool = WorkerPool(ix.storage, ix.indexname, 2, segment_postings=2000, compound=False)
    try:
        pids = []
        for batch in (docs[:100], docs[100:]):
            writer = ParallelWriter(ix, pool, compound=False)
            for fields in batch:
                writer.add_document(**fields)
            pids.append([p.pid for p in pool.processes])
            writer.commit(merge=False)
        assert pids[0] == pids[1]
        assert [p.pid for p in pool.processes] == pids[0]  # the same workers for both batches
        assert all(p.is_alive() for p in pool.processes)
    finally:
        pool.close()
    assert not pool.processes
    assert len(ix._segments()) > 4  # more than a segment per worker and commit
    with ix.searcher() as searcher:
        assert searcher.doc_count() == len(docs)
        assert sorted(searcher.reader().column_reader("size")) == sorted(
            d["size"] for d in docs)
    reference = write(tmp_path / "one", BulkSegmentWriter, docs)
    with ix.searcher() as a, reference.searcher() as b:
        for term in ("миграция", "_мередов", "~meredov", "oil", "kazakhstan"):
            assert a.doc_frequency("body", term) == b.doc_frequency("body", term) > 0
        ra, rb = a.reader(), b.reader()  # and every term as one process indexes it
        assert {t: ra.doc_frequency(*t) for t in ra.all_terms()} == {
            t: rb.doc_frequency(*t) for t in rb.all_terms()}


@pytest.fixture
def pooled(tmp_path: Path) -> Iterator[tuple[Any, WorkerPool, ParallelWriter]]:
    """A new index, a pool of two workers and a writer using it; the workers
    are killed at the end."""
    store.create(tmp_path / "ix")
    ix = store.open_index(tmp_path / "ix")
    pool = WorkerPool(ix.storage, ix.indexname, 2, compound=False)
    try:
        yield ix, pool, ParallelWriter(ix, pool, compound=False)
    finally:
        pool.close(kill=True)


def test_a_failing_worker_fails_the_commit(
    pooled: tuple[Any, WorkerPool, ParallelWriter],
) -> None:
    ix, _, writer = pooled
    for fields in documents(10):
        writer.add_document(**fields)
    writer.add_document(**{**documents(0)[0], "body": 12345})  # not text
    with pytest.raises(IndexingError, match="indexing process failed"):
        writer.commit()
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 0  # nothing half-committed


def test_a_killed_worker_fails_the_commit(
    pooled: tuple[Any, WorkerPool, ParallelWriter],
) -> None:
    _, pool, writer = pooled
    for fields in documents(60):
        writer.add_document(**fields)
    os.kill(pool.processes[0].pid, signal.SIGKILL)
    with pytest.raises(IndexingError, match="ended unexpectedly"):
        writer.commit()


def test_a_pool_with_a_dead_worker_is_closed_as_killed(
    pooled: tuple[Any, WorkerPool, ParallelWriter],
) -> None:
    """Once a worker has died, the others are not asked to stop and waited
    for: they are ended at once, and nothing is left running."""
    _, pool, writer = pooled
    for fields in documents(60):
        writer.add_document(**fields)
    survivor = pool.processes[1]
    os.kill(pool.processes[0].pid, signal.SIGKILL)
    pool.processes[0].join()
    pool.close()
    assert not pool.processes
    assert survivor.exitcode == -signal.SIGKILL  # killed, not stopped
    writer.cancel()  # its own files
