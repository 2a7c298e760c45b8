"""A messy folder: every bad file is indexed correctly or reported with its reason,
and the rest of the folder is indexed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.progress import IndexReport
from searchapp.core.results import SearchRequest

RU = "Министр встретился с координатором Международной организации по миграции. " * 5
ENCODED = {"cp1251": "cp1251", "koi8": "koi8_r", "utf16": "utf-16", "utf16le": "utf-16-le",
           "utf16be": "utf-16-be", "utf32": "utf-32", "utf32le": "utf-32-le"}
# A Russian title per file: found by an inflected form only if the file was decoded right.
TITLES = {"cp1251": "Наводнение в Ташкенте", "koi8": "Переговоры в Душанбе",
          "utf16": "Засуха в Ашхабаде", "utf16le": "Урожай хлопка", "utf16be": "Паромная переправа",
          "utf32": "Землетрясение в Оше", "utf32le": "Снегопад в Алматы"}
QUERIES = {"cp1251": "наводнением", "koi8": "переговорах", "utf16": "засухи", "utf16le": "урожаю",
           "utf16be": "паромной", "utf32": "землетрясения", "utf32le": "снегопадом"}


def hits(index: Path, query: str) -> set[str]:
    engine = SearchEngine(index)
    try:
        return {Path(p).name for p in engine.matching_paths(SearchRequest(query=query))}
    finally:
        engine.close()


def _image_only_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scan: shapes, no text layer
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("messy")
    for name, encoding in ENCODED.items():
        title = TITLES[name]
        (root / f"{name}.txt").write_bytes(f"{title}\n\n{RU}".encode(encoding))
    (root / "mixed.txt").write_bytes(
        "Заголовок mixed\n\n".encode() + RU.encode("utf-8")
        + "\n\nОстаток в cp1251: паводок на реке".encode("cp1251")
    )
    (root / "stray.txt").write_bytes(
        "Выборы в Биш".encode() + b"\xab" + "кеке\n\n".encode() + RU.encode() + b"\xfe"
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with (root / "huge.txt").open("wb") as f:
        for _ in range(50):
            f.write(("строка о миграции " * 32_000 + "\n").encode())  # ~50 MB in all
    (root / "longline.txt").write_text("миграция беженцы " * 300_000, encoding="utf-8")  # 5 MB
    (root / "broken.html").write_text("<html><body><p>Сломанная страница о миграции<div><b>",
                                      encoding="utf-8")
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to(root)
    (root / "self.md").symlink_to(root / "self.md")
    (root / "dangling.md").symlink_to(root / "moved-away.md")
    (root / os.fsdecode(b"bad-\xff-name.txt")).write_text(RU, encoding="utf-8")
    (root / "good.md").write_text(f"---\ntitle: Good\n---\n{RU}", encoding="utf-8")
    (root / "badyaml.md").write_text(
        f"---\ntitle: Итоги: миграция в цифрах\ndate: 2024-02-01\n---\n{RU}", encoding="utf-8"
    )
    for name in ["photo1.jpg", "photo2.jpg", "table.xlsx"]:
        (root / name).write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    (root / "scan.pdf").write_bytes(_image_only_pdf())
    (root / "damaged.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    expected = {  # file → what must happen: "ok" or a word of the reason
        **{f"{name}.txt": "ok" for name in ENCODED}, "mixed.txt": "ok", "stray.txt": "ok",
        "longline.txt": "ok", "broken.html": "ok", "good.md": "ok", "badyaml.md": "ok",
        "empty.txt": "empty", "binary.txt": "binary", "huge.txt": "too large",
        "bad-\ufffd-name.txt": "UTF-8", "scan.pdf": "without a text layer",
        "damaged.docx": "not a readable Word document",
        "self.md": "link leads nowhere", "dangling.md": "link leads nowhere",
    }
    return root, expected


@pytest.fixture(scope="module")
def indexed(messy, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IndexReport]:
    """The messy folder indexed once: ``(index folder, report)``."""
    index = tmp_path_factory.mktemp("messy-ix")
    return index, update_index(index, [messy[0]])


def test_each_bad_file_is_indexed_or_reported(messy, indexed) -> None:
    _, expected = messy
    index, report = indexed
    failed = {Path(p).name: reason for p, reason in report.failed}
    for name, outcome in expected.items():
        if outcome == "ok":
            assert name not in failed, failed.get(name)
        else:
            assert outcome in failed[name], (name, failed.get(name))
    assert report.added == sum(1 for v in expected.values() if v == "ok")
    found = hits(index, "миграция")
    assert {*(f"{name}.txt" for name in ENCODED), "mixed.txt", "stray.txt", "longline.txt",
            "broken.html", "good.md", "badyaml.md"} <= found


def test_broken_front_matter_is_a_warning_and_not_the_title(indexed) -> None:
    index, report = indexed
    assert [(Path(p).name, "front matter" in why) for p, why in report.warnings] == [
        ("badyaml.md", True)
    ]
    assert hits(index, "title:цифрами") == {"badyaml.md"}
    assert hits(index, "date") == set()  # the YAML stayed out of the body


def test_files_not_read_are_one_line_by_type(indexed) -> None:
    _, report = indexed
    assert report.not_read_line() == "not read: 2 .jpg, 1 .xlsx"
    assert not any(p.endswith((".jpg", ".xlsx")) for p, _ in report.failed)


def test_cyrillic_encodings_read_right(indexed) -> None:
    """Each title is found by an inflected Russian word (latin-1 mojibake would not be)."""
    index, _ = indexed
    for name, query in QUERIES.items():
        assert hits(index, f"title:{query}") == {f"{name}.txt"}, name


def test_cp1251_tail_of_a_utf8_file_is_read(indexed) -> None:
    index, _ = indexed
    assert hits(index, "паводка") == {"mixed.txt"}


def test_stray_bytes_leave_a_utf8_title_readable(indexed) -> None:
    index, _ = indexed
    assert hits(index, "title:выборах Бишкек") == {"stray.txt"}


def test_file_deleted_between_listing_and_reading(tmp_path: Path, write_articles) -> None:
    root = write_articles({"a.md": "---\ntitle: A\n---\nодин", "b.md": "---\ntitle: B\n---\nдва"})
    original = update_index.__globals__["read_article"]

    def delete_then_read(path: Path):
        if path.name == "a.md":
            path.unlink()
        return original(path)

    update_index.__globals__["read_article"] = delete_then_read
    try:
        report = update_index(tmp_path / "ix", [root])
    finally:
        update_index.__globals__["read_article"] = original
    assert report.added == 1
    assert [(Path(p).name, r) for p, r in report.failed] == [
        ("a.md", "file vanished before it could be read")
    ]


UNREADABLE = """
import os, sys
from pathlib import Path
from searchapp.core import morphology
from searchapp.core.indexer import update_index
from searchapp.core.progress import IndexReport
morphology.surface_terms("слово"), morphology.surface_terms("word")  # load before dropping root
update_index(Path(sys.argv[3]), [Path(sys.argv[2]) / "ok.md"])  # warm every lazy import
before = Path(sys.argv[1]).with_name("ix-root")  # indexed by root, who reads every folder
update_index(before, [Path(sys.argv[2])])
for where, _, names in os.walk(before):
    for name in [".", *names]:
        os.chown(os.path.join(where, name), 65534, 65534)
os.setgid(65534); os.setuid(65534)
r = update_index(Path(sys.argv[1]), [Path(sys.argv[2])])
print(r.added, [(Path(p).name, why) for p, why in r.failed])
again = update_index(before)  # the folder it could list before is locked now: kept
print(again.removed, [Path(p).name for p, _ in again.failed])
"""


@pytest.mark.skipif(sys.platform != "linux", reason="uses setuid to drop root")
def test_file_without_read_permission(tmp_path: Path, write_articles) -> None:
    if os.geteuid() != 0:
        root = write_articles({"ok.md": "---\ntitle: Ok\n---\nтекст", "secret.md": "тайна",
                               "locked/inside.md": "тайна"})
        (root / "secret.md").chmod(0)
        (root / "locked").chmod(0)
        report = update_index(tmp_path / "ix", [root])
        (root / "locked").chmod(0o755)
        assert report.added == 1 and [why[:22] for _, why in report.failed] == [
            "folder cannot be read ", "permission denied"]
        return  # (the folder that becomes unreadable is checked as root, below)
    # As root every file is readable: index as "nobody" in a folder it may use.
    shared = Path(tempfile.mkdtemp(prefix="searchapp-perm-"))
    try:
        shared.chmod(0o777)
        root = shared / "articles"
        root.mkdir(mode=0o777)
        (root / "ok.md").write_text("---\ntitle: Ok\n---\nтекст", encoding="utf-8")
        (root / "secret.md").write_text("тайна", encoding="utf-8")
        (root / "secret.md").chmod(0)
        (root / "locked").mkdir()
        (root / "locked" / "inside.md").write_text("тайна", encoding="utf-8")
        (root / "locked").chmod(0)  # a folder it may not list: reported, not passed over
        done = subprocess.run(
            [sys.executable, "-c", UNREADABLE, str(shared / "ix"), str(root), str(tmp_path / "w")],
            capture_output=True, text=True, timeout=120,
        )
    finally:
        shutil.rmtree(shared, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == [
        "1 [('locked', 'folder cannot be read (Permission denied): its files were not read, "
        "its articles are kept'), ('secret.md', 'permission denied')]",
        "0 ['locked']",  # it had removed the locked folder's article
    ]
