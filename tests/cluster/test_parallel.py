"""A big cluster run analyses in one process per core: the same documents as
a run in one process, a cancelled run keeps what it sent and leaves no
process behind, and a file that cannot be read is reported from a worker."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from searchapp.core.backend import open_backend
from searchapp.core.cluster import analysers, xapian_index
from searchapp.core.errors import SearchappError
from searchapp.core.indexer import update_index
from searchapp.core.progress import Progress
from searchapp.core.results import SearchRequest

pytestmark = pytest.mark.cluster

QUERIES = ("миграция", "migration", "Tokayev", '"Красного Полумесяца"', "нефть OR oil", "")


@pytest.fixture
def parallel(monkeypatch) -> list[int]:
    """Every run of more than 20 files goes to two analysing processes;
    returns the process counts the runs used."""
    used: list[int] = []
    monkeypatch.setattr(analysers, "PARALLEL_MIN_DOCS", 20)
    monkeypatch.setattr(analysers, "JOB_DOCS", 4)
    monkeypatch.setattr(analysers, "analysers", lambda: used.append(2) or 2)
    return used


def test_parallel_run_indexes_what_a_serial_run_does(
    parallel, cluster, corpus: Path, corpus_cluster
) -> None:
    bad = corpus.parent / "with-bad"
    bad.mkdir(exist_ok=True)
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = update_index(cluster.file, [corpus, bad])
    assert parallel == [2]
    assert report.added == 95 and [Path(p).name for p, _ in report.failed] == ["binary.txt"]
    ours, serial = open_backend(cluster.file), open_backend(corpus_cluster.file)
    try:
        assert ours.stats() == serial.stats()
        for query in QUERIES:
            req = SearchRequest(query=query)
            a, b = ours.search(req), serial.search(req)
            assert (a.total, a.facets) == (b.total, b.facets), query
            assert ours.matching_paths(query) == serial.matching_paths(query)
        path = ours.matching_paths("migration")[0]
        assert ours.article(path, "migration") == serial.article(path, "migration")
    finally:
        ours.close()
        serial.close()


def test_cancelled_parallel_run_keeps_what_it_sent_and_no_process(
    parallel, cluster, corpus: Path, monkeypatch
) -> None:
    monkeypatch.setattr(xapian_index, "BATCH_DOCS", 10)

    def cancel_at_30(progress: Progress) -> None:
        if progress.done == 30:
            progress.cancel()

    report = update_index(cluster.file, [corpus], progress=Progress(on_article=cancel_at_30))
    assert parallel == [2] and report.cancelled
    assert not multiprocessing.active_children()  # the analysers are gone
    engine = open_backend(cluster.file)
    try:
        assert engine.stats().articles == report.added == 30
        again = update_index(cluster.file)  # the next run does the rest
        assert again.added == 65 and engine.stats().articles == 95
    finally:
        engine.close()


def test_an_analysing_process_that_dies_ends_the_run_with_one_line(
    parallel, cluster, corpus: Path
) -> None:
    def kill_a_worker(progress: Progress) -> None:
        if progress.done == 10:
            multiprocessing.active_children()[0].kill()

    with pytest.raises(SearchappError, match="analysing process ended unexpectedly"):
        update_index(cluster.file, [corpus], progress=Progress(on_article=kill_a_worker))
    assert not multiprocessing.active_children()
    again = update_index(cluster.file, [corpus])  # the next run does the rest
    assert again.added + again.unchanged == 95 and again.unchanged > 0
    engine = open_backend(cluster.file)
    assert engine.stats().articles == 95
    engine.close()
