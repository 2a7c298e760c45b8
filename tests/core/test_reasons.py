"""A reason a file was skipped is English text that keeps its kind and arguments."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from searchapp.core.indexer import update_index
from searchapp.core.reasons import Reason, ReasonKind


def test_a_reason_is_its_english_words() -> None:
    reason = Reason(ReasonKind.TOO_LARGE, 18_350_080, 16 * 2**20, "SEARCHAPP_MAX_FILE_MB")
    assert reason == ("too large for an article (17.5 MB; the limit is 16 MB, "
                      "raise it with SEARCHAPP_MAX_FILE_MB)")
    assert (reason.kind, reason.args) == (ReasonKind.TOO_LARGE,
                                          ("18350080", "16777216", "SEARCHAPP_MAX_FILE_MB"))


@pytest.mark.parametrize(("counts", "texts"), [
    ((300, 104), ["300 bytes", "104 bytes"]),  # SEARCHAPP_MAX_FILE_MB=0.0001 said "9.92e-05 MB"
    ((1, 0), ["1 byte", "0 bytes"]),
    ((1023, 1024), ["1023 bytes", "1 KB"]),
    ((20_000, 10_485), ["19.5 KB", "10.2 KB"]),
    ((2**20 - 1, 1000), ["1 MB", "1000 bytes"]),  # not "1024 KB"
    ((round(4.58 * 2**20), 2**20), ["4.58 MB", "1 MB"]),
    ((16 * 2**20 + 5000, 16 * 2**20), ["16.005 MB", "16 MB"]),  # not "16 MB" twice
    ((3 * 2**30, 2**40 * 2000), ["3 GB", "2000 TB"]),
])
def test_sizes_read_as_people_write_them(counts: tuple[int, int], texts: list[str]) -> None:
    reason = Reason(ReasonKind.TOO_LARGE, *counts, "SEARCHAPP_MAX_FILE_MB")
    assert reason == (f"too large for an article ({texts[0]}; the limit is {texts[1]}, "
                      "raise it with SEARCHAPP_MAX_FILE_MB)")


def test_a_reason_crosses_to_another_process_whole() -> None:
    reason = Reason(ReasonKind.READER_FAILED, "ValueError", "bad table")
    back = pickle.loads(pickle.dumps(reason))
    assert type(back) is Reason
    assert (back, back.kind, back.args) == (reason, reason.kind, reason.args)


def test_an_indexing_run_reports_reasons_with_their_kinds(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    (root / "ok.md").write_text("---\ntitle: Ok\n---\nтекст", encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    (root / "bad.md").write_text("---\ntitle: a\ntags: [a\n---\nТекст.", encoding="utf-8")
    report = update_index(tmp_path / "ix", [root])
    kinds = {Path(path).name: reason.kind for path, reason in report.failed
             if isinstance(reason, Reason)}
    assert kinds == {"empty.txt": ReasonKind.EMPTY_FILE, "scan.pdf": ReasonKind.PDF_UNREADABLE}
    assert [(Path(p).name, getattr(w, "kind", None)) for p, w in report.warnings] == [
        ("bad.md", ReasonKind.FRONT_MATTER_NOT_YAML)]
