"""Incremental indexing, schema changes, busy index, interrupted runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from searchapp.core import folders, indexer, schema, store
from searchapp.core import progress as progress_module
from searchapp.core.engine import SearchEngine
from searchapp.core.errors import (
    IndexBusyError,
    IndexLocationError,
    IndexMissingError,
    IndexOutdatedError,
    UsageError,
)
from searchapp.core.indexer import (
    first_start_folders,
    forget_folder,
    index_folders,
    indexed_fingerprints,
    update_index,
)
from searchapp.core.paths import SEEDS_DIR
from searchapp.core.progress import IndexReport, Progress, SearchesFirst
from searchapp.core.results import SearchRequest


def article(title: str, body: str, date: str = "2024-05-01", source: str = "Test") -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n{body}\n"


def total(index_dir: Path, query: str = "") -> int:
    engine = SearchEngine(index_dir)
    try:
        return engine.search(SearchRequest(query=query)).total
    finally:
        engine.close()


def test_reindex_processes_only_new_changed_and_deleted(tmp_path: Path, write_articles) -> None:
    root = write_articles(
        {f"a{i}.md": article(f"Статья {i}", "Текст о миграции.") for i in range(5)}
    )
    index_dir = tmp_path / "ix"
    first = update_index(index_dir, [root])
    assert (first.added, first.updated, first.removed) == (5, 0, 0)

    again = update_index(index_dir, [root])
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 5)

    (root / "a0.md").write_text(article("Статья 0", "Теперь о беженцах."), encoding="utf-8")
    os.utime(root / "a0.md", ns=(time.time_ns(), time.time_ns() + 10**9))
    (root / "a1.md").unlink()
    (root / "new.md").write_text(article("Новая", "Про беженцев."), encoding="utf-8")
    third = update_index(index_dir, [root])
    assert (third.added, third.updated, third.removed, third.unchanged) == (1, 1, 1, 3)
    assert total(index_dir) == 5
    assert total(index_dir, "беженец") == 2
    assert total(index_dir, "миграция") == 3


GUARD_S = 60  # a hang guard: the moments themselves come from the run's gate


def _run_in_thread(index_dir: Path, roots: list[Path], progress: Progress) -> tuple[
        threading.Thread, list[IndexReport]]:
    reports: list[IndexReport] = []
    thread = threading.Thread(target=lambda: reports.append(
        update_index(index_dir, roots, progress=progress)))
    thread.start()
    return thread, reports


def test_a_search_under_way_holds_the_run_at_the_next_file(
    tmp_path: Path, write_articles
) -> None:
    root = write_articles({f"a{i}.md": article(f"Статья {i}", "Про миграцию.") for i in range(6)})
    gate = SearchesFirst()

    def search_starts_after_two(progress: Progress) -> None:
        if progress.done == 2:
            gate.hold()

    progress = Progress(on_article=search_starts_after_two, gate=gate)
    thread, reports = _run_in_thread(tmp_path / "ix", [root], progress)
    assert gate.waiting.wait(GUARD_S), "the run did not wait for the search"
    assert progress.done == 2 and thread.is_alive()
    gate.release()
    thread.join(GUARD_S)
    assert reports[0].added == 6 and not gate.waiting.is_set()


def test_the_scan_of_a_run_waits_for_a_search_too(tmp_path: Path, write_articles) -> None:
    root = write_articles({f"a{i}.md": article(f"Статья {i}", "Про миграцию.") for i in range(3)})
    update_index(tmp_path / "ix", [root])
    gate = SearchesFirst()
    gate.hold()
    progress = Progress(gate=gate)
    thread, reports = _run_in_thread(tmp_path / "ix", [root], progress)
    assert gate.waiting.wait(GUARD_S)
    assert progress.phase == "scanning"
    gate.release()
    thread.join(GUARD_S)
    assert reports[0].unchanged == 3


def test_a_run_waiting_for_a_search_can_be_cancelled(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The hold limit out of reach: only the cancel can let the run go on.
    monkeypatch.setattr(progress_module, "HELD_AT_MOST", float("inf"))
    root = write_articles({f"a{i}.md": article(f"Статья {i}", "Про миграцию.") for i in range(4)})
    gate = SearchesFirst()
    gate.hold()  # a search that does not end
    progress = Progress(gate=gate)
    thread, reports = _run_in_thread(tmp_path / "ix", [root], progress)
    assert gate.waiting.wait(GUARD_S)
    progress.cancel()
    thread.join(GUARD_S)
    stalled = thread.is_alive()
    gate.release()  # not to leave a stalled run behind
    thread.join()
    assert not stalled and reports[0].cancelled


def test_a_run_cancelled_during_its_scan_stops_there_and_changes_nothing(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cancel comes from the scan itself (as its second file is found):
    the run stops at that file, before the files to read are even counted, and
    neither adds the new articles nor removes the one whose file is gone."""
    root = write_articles({f"a{i}.md": article(f"Статья {i}", "Про миграцию.") for i in range(3)})
    update_index(tmp_path / "ix", [root])
    (root / "a0.md").unlink()
    for i in range(3):
        (root / f"b{i}.md").write_text(article(f"Новая {i}", "Про беженцев."), encoding="utf-8")
    progress = Progress()
    found: list[Path] = []
    real_iter = indexer.iter_article_files

    def cancel_at_the_second_file(*args, **kwargs):
        for path in real_iter(*args, **kwargs):
            found.append(path)
            if len(found) == 2:
                assert progress.phase == "scanning"
                progress.cancel()
            yield path

    monkeypatch.setattr(indexer, "iter_article_files", cancel_at_the_second_file)
    report = update_index(tmp_path / "ix", [root], progress=progress)
    assert report.cancelled
    assert len(found) == 2  # the scan went no further than the file it was cancelled at
    assert progress.total == 0  # nothing was counted to read
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert total(tmp_path / "ix") == 3 and total(tmp_path / "ix", "беженец") == 0

def test_a_gate_held_too_long_does_not_stall_the_run(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hold whose release was lost (or typing that never pauses) delays a
    run by ``HELD_AT_MOST`` at most; here that is nothing at all."""
    monkeypatch.setattr(progress_module, "HELD_AT_MOST", 0.0)
    root = write_articles({f"a{i}.md": article(f"Статья {i}", "Про миграцию.") for i in range(3)})
    gate = SearchesFirst()
    gate.hold()
    progress = Progress(gate=gate)
    thread, reports = _run_in_thread(tmp_path / "ix", [root], progress)
    thread.join(GUARD_S)
    stalled = thread.is_alive()
    progress.cancel()  # not to leave a stalled run behind
    thread.join()
    assert not stalled and reports[0].added == 3

def test_the_fingerprints_leave_out_deleted_articles(tmp_path: Path, write_articles) -> None:
    """Read a segment at a time: a deleted article of a segment (no merge
    since) is not taken for one the index holds; an empty index has none."""
    root = write_articles({f"a{i}.md": article(f"Статья {i}", "Про миграцию.") for i in range(3)})
    store.create(tmp_path / "empty")
    assert indexed_fingerprints(store.open_index(tmp_path / "empty")) == {}
    update_index(tmp_path / "ix", [root])
    ix = store.open_index(tmp_path / "ix")
    gone = os.path.abspath(root / "a1.md")
    writer = ix.writer()
    writer.delete_by_term(schema.PATH, gone)
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        assert searcher.reader().has_deletions()  # the case under test
    known = indexed_fingerprints(ix)
    assert sorted(known) == sorted(os.path.abspath(root / f"a{i}.md") for i in (0, 2))
    st = (root / "a0.md").stat()
    assert known[os.path.abspath(root / "a0.md")] == (st.st_mtime_ns, st.st_size)

def test_other_folders_are_kept(tmp_path: Path, write_articles) -> None:
    a = write_articles({"x.md": article("A", "один")}, folder="a")
    b = write_articles({"y.md": article("B", "два")}, folder="b")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a])
    update_index(index_dir, [b])
    assert total(index_dir) == 2


def test_unreadable_file_is_reported_and_skipped(tmp_path: Path, write_articles) -> None:
    root = write_articles({"good.md": article("Хорошая", "текст")})
    (root / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    report = update_index(tmp_path / "ix", [root])
    assert report.added == 1
    assert [Path(p).name for p, _ in report.failed] == ["bad.txt"]
    assert report.failed[0][1]


def test_a_path_that_does_not_exist_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nowhere: no such file or folder"):
        update_index(tmp_path / "ix", [tmp_path / "nowhere"])
    assert not (tmp_path / "ix").exists()


@pytest.mark.parametrize("root", ["ix", "ix/sub", "link-to-ix"])
def test_the_index_folder_or_a_folder_in_it_is_refused_and_not_stored(
        tmp_path: Path, write_articles, root: str) -> None:
    """``searchapp index --index ix ix`` added the index folder to its own folders."""
    index = tmp_path / "ix"
    update_index(index, [write_articles({"a.md": "текст"})])
    (index / "sub").mkdir()
    (tmp_path / "link-to-ix").symlink_to(index)
    before = index_folders(index)
    with pytest.raises(UsageError) as refused:
        update_index(index, [tmp_path / root])
    assert str(refused.value) == (
        f"{tmp_path / root}: the index folder {index} holds the index, not articles")
    assert index_folders(index) == before


def test_a_folder_of_the_index_that_went_missing_keeps_its_articles(
    tmp_path: Path, write_articles
) -> None:
    a = write_articles({"a.md": article("A", "текст")}, folder="a")
    b = write_articles({"b.md": article("B", "текст")}, folder="b")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a])
    update_index(index_dir, [b])
    a.rename(tmp_path / "unmounted")
    report = update_index(index_dir)
    assert [(Path(p).name, r) for p, r in report.warnings] == [
        ("a", "folder not found (its articles are kept)")
    ]
    assert not report.failed and total(index_dir) == 2


def test_the_index_keeps_its_folders_and_a_run_without_paths_updates_them_all(
    tmp_path: Path, write_articles
) -> None:
    a = write_articles({"a1.md": article("A1", "текст")}, folder="a")
    b = write_articles({"b1.md": article("B1", "текст")}, folder="b")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a])
    update_index(index_dir, [b])
    assert index_folders(index_dir) == [a, b]
    (a / "a2.md").write_text(article("A2", "текст"), encoding="utf-8")
    (b / "b1.md").unlink()
    report = update_index(index_dir)
    assert (report.added, report.removed) == (1, 1)
    assert total(index_dir) == 2


def test_rebuild_rereads_every_folder_of_the_index(tmp_path: Path, write_articles) -> None:
    a = write_articles({f"a{i}.md": article(f"A{i}", "текст") for i in range(3)}, folder="a")
    b = write_articles({f"b{i}.md": article(f"B{i}", "текст") for i in range(4)}, folder="b")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a])
    update_index(index_dir, [b])
    report = update_index(index_dir, rebuild=True)
    assert report.rebuilt and report.added == 7
    assert total(index_dir) == 7
    assert index_folders(index_dir) == [a, b]
    # naming one folder with --rebuild still rebuilds them all
    assert update_index(index_dir, [a], rebuild=True).added == 7
    assert total(index_dir) == 7


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "worker processes"])
def test_a_rebuild_keeps_the_articles_of_a_missing_folder_as_they_were(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10 if parallel else 10_000)
    a = write_articles({"a.md": article("Мередов в Женеве", "Встреча с Мередовым прошла.",
                                        date="2021-03-02", source="ТАСС")}, folder="a")
    b = write_articles({f"b{i:02}.md": article(f"B{i}", "текст") for i in range(30)}, folder="b")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a, b])
    engine = SearchEngine(index_dir)
    before = engine.search(SearchRequest(query="Мередов"))
    by_source = engine.search(SearchRequest(query="source:ТАСС"))
    engine.close()
    assert by_source.total == 1
    a.rename(tmp_path / "unplugged")
    report = update_index(index_dir, rebuild=True)
    assert report.rebuilt and (report.added, report.unchanged) == (30, 1)
    assert [(Path(p).name, r) for p, r in report.warnings] == [
        ("a", "folder not found (its articles are kept)")]
    engine = SearchEngine(index_dir)
    after = engine.search(SearchRequest(query="Мередов"))
    # The source's searchable text is carried over too, not only the stored value.
    assert engine.search(SearchRequest(query="source:ТАСС")).total == 1
    engine.close()
    assert after.total == 1 and after.hits == before.hits  # title, date, source, snippet
    assert (after.facets.source, after.facets.lang) == (before.facets.source, before.facets.lang)
    assert total(index_dir) == 31
    (tmp_path / "unplugged").rename(a)  # back: nothing to read again
    report = update_index(index_dir)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 31)


def test_a_file_that_can_no_longer_be_read_keeps_its_last_version_and_is_listed(
    tmp_path: Path, write_articles
) -> None:
    root = write_articles({"a.md": article("Паводок", "Вода поднялась ночью.")})
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root])
    (root / "a.md").write_bytes(b"")  # emptied by mistake, or a download cut short
    for _ in range(2):  # listed at every run, not only the first
        report = update_index(index_dir)
        assert [(Path(p).name, why) for p, why in report.failed] == [("a.md", "file is empty")]
        assert total(index_dir, "вода") == 1
    (root / "a.md").unlink()
    assert update_index(index_dir).removed == 1 and total(index_dir) == 0


def test_a_rebuild_keeps_the_last_version_of_a_file_that_can_no_longer_be_read(
    tmp_path: Path, write_articles
) -> None:
    """`--rebuild` read every file anew and dropped the one emptied since."""
    root = write_articles({"a.md": article("Паводок", "Вода поднялась ночью."),
                           "b.md": article("Засуха", "Воды нет.")})
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root])
    (root / "a.md").write_bytes(b"")
    report = update_index(index_dir, rebuild=True)
    assert report.rebuilt and [Path(p).name for p, _ in report.failed] == ["a.md"]
    assert total(index_dir, "ночью") == 1 and total(index_dir) == 2
    (root / "a.md").write_text(article("Паводок", "Вода ушла."), encoding="utf-8")
    assert update_index(index_dir).updated == 1  # read again once it can be
    assert total(index_dir, "ушла") == 1 and total(index_dir) == 2


def test_a_file_named_that_cannot_be_read_is_not_kept_among_the_folders(
    tmp_path: Path, write_articles
) -> None:
    """``searchapp index photo.txt`` (binary) said it was skipped, and listed it
    among the index's folders for good, skipped again at every run."""
    root = write_articles({"a.md": article("Паводок", "Вода поднялась ночью."),
                           "b.md": article("Засуха", "Воды нет.")})
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 4)
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root / "a.md"])
    report = update_index(index_dir, [tmp_path / "photo.txt", root / "b.md"])
    assert [Path(p).name for p, _ in report.failed] == ["photo.txt"]
    assert index_folders(index_dir) == [root / "a.md", root / "b.md"]
    assert not update_index(index_dir).failed
    (root / "a.md").write_bytes(bytes(range(256)))  # one it had: kept, as its article is
    update_index(index_dir, [root / "a.md"])
    assert index_folders(index_dir) == [root / "a.md", root / "b.md"]


def test_forgetting_a_folder_takes_its_articles_out(tmp_path: Path, write_articles) -> None:
    a = write_articles({f"a{i}.md": article(f"A{i}", "мигранты") for i in range(3)}, folder="a")
    b = write_articles({"b.md": article("B", "мигранты")}, folder="b")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a, b])
    assert forget_folder(index_dir, a) == 3
    assert index_folders(index_dir) == [b]
    assert total(index_dir, "мигрант") == 1
    assert (a / "a0.md").exists()  # the files stay
    update_index(index_dir)  # and do not come back
    assert total(index_dir) == 1
    with pytest.raises(UsageError, match="not a folder of the index"):
        forget_folder(index_dir, a)


def test_an_index_made_before_folders_were_kept_learns_them(
    tmp_path: Path, write_articles
) -> None:
    a = write_articles({"x/1.md": article("1", "т"), "y/2.md": article("2", "т")}, folder="a")
    b = write_articles({"3.md": article("3", "т")}, folder="b")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a, b])
    (index_dir / folders.FOLDERS_FILE).unlink()
    assert index_folders(index_dir) == [a / "x", a / "y", b]
    (b / "4.md").write_text(article("4", "т"), encoding="utf-8")
    assert update_index(index_dir).added == 1
    assert folders.stored(index_dir) == [a / "x", a / "y", b]


def test_seeds_go_only_into_the_default_index_on_its_first_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "default"
    monkeypatch.setattr(indexer, "is_default_index", lambda p: p == default)
    assert first_start_folders(default) == [SEEDS_DIR]
    assert first_start_folders(tmp_path / "mine") == []
    update_index(default, first_start_folders(default))
    assert first_start_folders(default) == []
    forget_folder(default, SEEDS_DIR)
    assert first_start_folders(default) == []  # forgotten seeds stay forgotten


@pytest.mark.parametrize("where", ["a file", "impossible"])
def test_an_index_location_that_cannot_be_written_is_one_clear_error(
    tmp_path: Path, write_articles, where: str
) -> None:
    root = write_articles({"a.md": article("A", "т")})
    (tmp_path / "file.txt").write_text("x")
    index_dir = tmp_path / "file.txt" if where == "a file" else tmp_path / "file.txt" / "ix"
    with pytest.raises(IndexLocationError, match=str(index_dir.name)):
        update_index(index_dir, [root])


def test_broken_front_matter_and_unsupported_files_are_reported(
    tmp_path: Path, write_articles
) -> None:
    root = write_articles({
        "ok.md": article("Статья", "Текст о миграции."),
        "broken.md": "---\ntitle: Выборы: итоги\ntags: [a\n---\nТекст о выборах.\n",
        "p1.jpg": "x", "p2.jpg": "x", "t.xlsx": "x",
    })
    report = update_index(tmp_path / "ix", [root])
    assert report.added == 2 and not report.failed
    assert [(Path(p).name, "front matter" in why) for p, why in report.warnings] == [
        ("broken.md", True)
    ]
    assert report.not_read_line() == "not read: 2 .jpg, 1 .xlsx"


def test_schema_change_leads_to_rebuild(tmp_path: Path, write_articles) -> None:
    root = write_articles({"a.md": article("A", "текст")})
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root])
    (index_dir / store.META_FILE).write_text(json.dumps({"schema": schema.SCHEMA_VERSION - 1}))
    assert indexer.index_outdated(index_dir)
    with pytest.raises(IndexOutdatedError, match="'searchapp index' reads its folders"):
        total(index_dir)  # not "damaged": the next run makes it anew
    report = update_index(index_dir, [root])
    assert report.rebuilt and report.added == 1
    assert total(index_dir) == 1
    assert not indexer.index_outdated(index_dir)


def older_reader(index_dir: Path) -> None:
    """Record that the index was made by the reader before this one."""
    (index_dir / store.META_FILE).write_text(json.dumps(
        {"schema": schema.SCHEMA_VERSION, "reader": schema.READER_VERSION - 1}))


def test_an_index_of_an_older_reader_has_its_files_read_again(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fix in reading reaches the articles already indexed: the next full
    run reads every file again, once, without rebuilding the index."""
    root = write_articles({f"a{i}.md": article(f"Статья {i}", "Мигрантам помогают.")
                           for i in range(3)})
    index_dir = tmp_path / "ix"
    read = indexer.read_article
    # The older reader lost the body (as the one before READER_VERSION 2 did
    # with a short line of a sentence and a date).
    monkeypatch.setattr(indexer, "read_article",
                        lambda path: dataclasses.replace(read(path), body=""))
    update_index(index_dir, [root])
    older_reader(index_dir)
    assert total(index_dir, "мигрант") == 0
    monkeypatch.setattr(indexer, "read_article", read)

    again = update_index(index_dir)
    assert (again.added, again.updated, again.unchanged, again.reread) == (0, 3, 0, True)
    assert not again.rebuilt
    assert total(index_dir, "мигрант") == 3
    after = update_index(index_dir)  # this reader's version is recorded: once is enough
    assert (after.updated, after.unchanged, after.reread) == (0, 3, False)


def test_the_reader_version_waits_for_a_whole_run_over_every_folder(
    tmp_path: Path, write_articles,
) -> None:
    one = write_articles({f"a{i}.md": article(f"A {i}", "текст") for i in range(4)}, "one")
    two = write_articles({"b.md": article("B", "текст")}, "two")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [one])
    older_reader(index_dir)
    added = update_index(index_dir, [two])  # a new folder only: the old one is not read again
    assert (added.added, added.updated, added.reread) == (1, 0, False)
    stopped = update_index(index_dir, progress=cancel_after(2))
    assert stopped.cancelled and not stopped.reread
    whole = update_index(index_dir)
    assert (whole.updated, whole.unchanged, whole.reread) == (5, 0, True)


def two_folders(tmp_path: Path, write_articles) -> tuple[Path, Path]:
    """An index of two folders of one article each: ``(index, second folder)``."""
    one = write_articles({"a.md": article("A", "текст")}, "one")
    two = write_articles({"b.md": article("B", "текст")}, "two")
    update_index(tmp_path / "ix", [one, two])
    return tmp_path / "ix", two


def test_the_reader_version_waits_for_a_missing_folder_too(
    tmp_path: Path, write_articles,
) -> None:
    index_dir, two = two_folders(tmp_path, write_articles)
    older_reader(index_dir)
    two.rename(tmp_path / "unplugged")
    partial = update_index(index_dir)  # "two" is not read again: the version is not recorded
    assert (partial.updated, partial.reread) == (1, False)
    (tmp_path / "unplugged").rename(two)
    whole = update_index(index_dir)
    assert (whole.updated, whole.reread) == (2, True)  # every file read by this reader


def test_a_new_index_says_a_missing_folders_articles_are_not_in_it(
    tmp_path: Path, write_articles,
) -> None:
    index_dir, two = two_folders(tmp_path, write_articles)
    two.rename(tmp_path / "unplugged")
    (index_dir / store.META_FILE).write_text(json.dumps({"schema": schema.SCHEMA_VERSION - 1}))
    report = update_index(index_dir)  # made anew: the old articles cannot be carried
    assert report.rebuilt and total(index_dir) == 1
    assert [why for _, why in report.warnings] == [folders.MISSING_FRESH]  # said "are kept"


def test_second_writer_gets_busy(tmp_path: Path, write_articles) -> None:
    root = write_articles({"a.md": article("A", "текст")})
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root])
    lock = store.run_lock(index_dir)
    assert lock.acquire(blocking=False)
    try:
        assert indexer.run_going(index_dir)
        with pytest.raises(IndexBusyError, match="busy"):
            update_index(index_dir, [root])
        assert indexer.run_going(index_dir)  # the look left the other run its lock
    finally:
        lock.release()
    assert not indexer.run_going(index_dir)
    assert not indexer.run_going(tmp_path / "none")
    update_index(index_dir, [root])  # the look left no lock behind


def cancel_after(n: int) -> Progress:
    """A progress whose run is cancelled once ``n`` files were handled."""
    return Progress(on_article=lambda p: p.cancel() if p.done == n else None)


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "worker processes"])
def test_cancel_keeps_every_article_handed_to_the_writer(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10 if parallel else 10_000)
    root = write_articles({f"a{i:03}.md": article(f"T{i}", "мигранты") for i in range(120)})
    index_dir = tmp_path / "ix"
    report = update_index(index_dir, [root], progress=cancel_after(70))
    assert report.cancelled and report.kept == 70
    assert total(index_dir, "мигрант") == 70
    assert not multiprocessing.active_children()  # no worker left behind
    assert update_index(index_dir).added == 50
    assert total(index_dir) == 120


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "worker processes"])
def test_a_first_run_into_an_empty_index_commits_its_first_batch_early(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    """Worker processes commit every 25,000 articles, but the first batch
    into an empty index lands as soon as one process would commit it; after
    that, batches are as large as ever."""
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10 if parallel else 10_000)
    monkeypatch.setattr(indexer, "BATCH_DOCS", 20)
    monkeypatch.setattr(indexer, "BATCH_SECONDS", float("inf"))  # no clock: counts decide
    monkeypatch.setattr(indexer, "PARALLEL_BATCH_SECONDS", float("inf"))
    root = write_articles({f"a{i:03}.md": article(f"T{i}", "мигранты") for i in range(60)})
    index_dir = tmp_path / "ix"
    seen: dict[int, tuple[int, int]] = {}

    def look(p: Progress) -> None:
        if p.done in (25, 45):  # what a search sees while the run goes on
            seen[p.done] = (p.commits, total(index_dir, "мигрант"))

    report = update_index(index_dir, [root], progress=Progress(on_article=look))
    assert report.added == 60
    assert seen[25] == (1, 20)
    assert seen[45] == ((1, 20) if parallel else (2, 40))


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "worker processes"])
def test_a_cancelled_rebuild_leaves_the_index_as_it_was(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 10 if parallel else 10_000)
    root = write_articles({f"a{i:02}.md": article(f"T{i}", "текст") for i in range(80)})
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root])
    report = update_index(index_dir, rebuild=True, progress=cancel_after(60))
    assert report.cancelled and report.kept == 0
    assert total(index_dir) == 80
    assert not multiprocessing.active_children()  # its workers were ended


KILL_SCRIPT = """
import sys, threading
from pathlib import Path
import searchapp.core.indexer as ix
from searchapp.core.progress import IndexReport, Progress, SearchesFirst

def hold(progress):
    if progress.done == 60:  # two batches of 25 committed, ten more in the writer
        print("held", flush=True)
        threading.Event().wait()

ix.BATCH_DOCS = 25
ix.update_index(Path(sys.argv[1]), [Path(sys.argv[2])], progress=Progress(on_article=hold))
"""


def test_killed_run_leaves_a_usable_index_and_the_next_run_completes(
    tmp_path: Path, write_articles
) -> None:
    root = write_articles(
        {f"a{i:03}.md": article(f"Заголовок {i}", "Миграция и мигранты. " * 40) for i in range(300)}
    )
    index_dir = tmp_path / "ix"
    update_index(index_dir, [write_articles({"seed.md": article("S", "старт")}, folder="s")])
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(index_dir), str(root)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    partial = total(index_dir)
    assert partial == 51  # the seed and the two committed batches; the index answers
    report = update_index(index_dir, [root])
    assert total(index_dir) == 301
    assert report.added == 300 - (partial - 1)
    assert total(index_dir, "миграция") == 300


def test_forgetting_an_outer_folder_keeps_the_articles_of_a_folder_inside_it(
    tmp_path: Path, write_articles
) -> None:
    a = write_articles({"a.md": article("A", "мигранты"), "sub/b.md": article("B", "мигранты")},
                       folder="a")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a, a / "sub"])
    assert forget_folder(index_dir, a) == 1
    assert index_folders(index_dir) == [a / "sub"] and total(index_dir, "мигрант") == 1


def test_forgetting_names_what_is_wrong(tmp_path: Path, write_articles) -> None:
    a = write_articles({"a.md": article("A", "текст")}, folder="a")
    b = write_articles({"b.md": article("B", "текст")}, folder="b")
    with pytest.raises(IndexMissingError, match=f"^No index at {tmp_path / 'none'}: "):
        forget_folder(tmp_path / "none", a)
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a, b])
    with pytest.raises(UsageError) as err:
        forget_folder(index_dir, tmp_path / "c")
    assert str(err.value) == (
        f"{tmp_path / 'c'} is not a folder of the index (its folders: {a}, {b})"
    )
    forget_folder(index_dir, a)
    forget_folder(index_dir, b)
    with pytest.raises(UsageError, match=r"\(its folders: none\)$"):
        forget_folder(index_dir, a)
    lock = store.run_lock(index_dir)
    assert lock.acquire(blocking=False)
    try:
        with pytest.raises(IndexBusyError, match=f"^The index at {index_dir} is busy"):
            forget_folder(index_dir, a)
    finally:
        lock.release()


def test_forgetting_from_an_index_not_written_yet_removes_nothing(tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    folders.save(index_dir, [tmp_path / "a"])
    assert forget_folder(index_dir, tmp_path / "a") == 0
    assert index_folders(index_dir) == []


def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_indexed(
    tmp_path: Path, write_articles
) -> None:
    root = write_articles({"ok.md": article("Ok", "текст")})
    bad = os.path.join(os.fsencode(root), b"bad-\xff-name.md")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(article("Bad", "текст"))
    report = update_index(tmp_path / "ix", [root])
    assert report.added == 1
    assert report.failed == [
        (f"{root}/bad-\ufffd-name.md", "file name is not valid UTF-8: rename it")
    ]


def test_an_undated_article_has_no_date(tmp_path: Path, write_articles) -> None:
    root = write_articles({"a.md": "---\ntitle: Без даты\n---\nТекст без даты.\n",
                           "b.md": article("С датой", "Текст с датой.")})
    update_index(tmp_path / "ix", [root])
    engine = SearchEngine(tmp_path / "ix")
    try:
        hits = engine.search(SearchRequest(query="текст")).hits
    finally:
        engine.close()
    assert {Path(h.path).name: h.date for h in hits} == {"a.md": None, "b.md": dt.date(2024, 5, 1)}


def test_an_old_index_of_one_article_learns_its_folder(tmp_path: Path, write_articles) -> None:
    a = write_articles({"1.md": article("1", "т")}, folder="a")
    index_dir = tmp_path / "ix"
    update_index(index_dir, [a])
    (index_dir / folders.FOLDERS_FILE).unlink()
    assert index_folders(index_dir) == [a]


def test_an_old_default_index_gets_no_seeds(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made before folders were kept: it has articles, so it is not a first start."""
    default = tmp_path / "default"
    monkeypatch.setattr(indexer, "is_default_index", lambda p: p == default)
    update_index(default, [write_articles({"1.md": article("1", "т")})])
    (default / folders.FOLDERS_FILE).unlink()
    assert first_start_folders(default) == []
