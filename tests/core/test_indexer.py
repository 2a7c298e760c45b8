"""Incremental indexing, schema changes, busy index, interrupted runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from searchapp.core import store
from searchapp.core.engine import SearchEngine
from searchapp.core.errors import IndexBusyError
from searchapp.core.indexer import update_index
from searchapp.core.progress import Progress
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


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    report = update_index(tmp_path / "ix", [tmp_path / "nowhere"])
    assert report.failed and "not found" in report.failed[0][1]


def test_schema_change_leads_to_rebuild(tmp_path: Path, write_articles) -> None:
    root = write_articles({"a.md": article("A", "текст")})
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root])
    (index_dir / store.META_FILE).write_text(json.dumps({"schema": store.SCHEMA_VERSION - 1}))
    report = update_index(index_dir, [root])
    assert report.rebuilt and report.added == 1
    assert total(index_dir) == 1


def test_second_writer_gets_busy(tmp_path: Path, write_articles) -> None:
    root = write_articles({"a.md": article("A", "текст")})
    index_dir = tmp_path / "ix"
    update_index(index_dir, [root])
    lock = store.run_lock(index_dir)
    assert lock.acquire(blocking=False)
    try:
        with pytest.raises(IndexBusyError, match="busy"):
            update_index(index_dir, [root])
    finally:
        lock.release()


def test_cancel_keeps_what_was_indexed(tmp_path: Path, write_articles) -> None:
    root = write_articles({f"a{i:03}.md": article(f"T{i}", "текст") for i in range(50)})
    index_dir = tmp_path / "ix"
    progress = Progress()
    original = update_index.__globals__["read_article"]
    calls = 0

    def read_then_cancel(path: Path):
        nonlocal calls
        calls += 1
        if calls == 20:
            progress.cancel()
        return original(path)

    update_index.__globals__["read_article"] = read_then_cancel
    try:
        report = update_index(index_dir, [root], progress=progress)
    finally:
        update_index.__globals__["read_article"] = original
    assert report.cancelled and report.added == 20
    assert total(index_dir) == 20
    assert update_index(index_dir, [root]).added == 30
    assert total(index_dir) == 50


KILL_SCRIPT = """
import sys
from pathlib import Path
import searchapp.core.indexer as ix
ix.BATCH_DOCS = 25
ix.update_index(Path(sys.argv[1]), [Path(sys.argv[2])])
"""


def test_killed_run_leaves_a_usable_index_and_the_next_run_completes(
    tmp_path: Path, write_articles
) -> None:
    root = write_articles(
        {f"a{i:03}.md": article(f"Заголовок {i}", "Миграция и мигранты. " * 40) for i in range(300)}
    )
    index_dir = tmp_path / "ix"
    update_index(index_dir, [write_articles({"seed.md": article("S", "старт")}, folder="s")])
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(index_dir), str(root)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and total(index_dir) < 30 and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = total(index_dir)
    assert partial >= 1  # the index opens and answers
    report = update_index(index_dir, [root])
    assert total(index_dir) == 301
    assert report.added == 300 - (partial - 1)
    assert total(index_dir, "миграция") == 300
