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
from searchapp.core.results import SearchRequest

RU = "Министр встретился с координатором Международной организации по миграции. " * 5


def hits(index: Path, query: str) -> set[str]:
    engine = SearchEngine(index)
    try:
        return {Path(p).name for p in engine.matching_paths(SearchRequest(query=query))}
    finally:
        engine.close()


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("messy")
    (root / "cp1251.txt").write_bytes(("Заголовок cp1251\n\n" + RU).encode("cp1251"))
    (root / "koi8.txt").write_bytes(("Заголовок koi8\n\n" + RU).encode("koi8_r"))
    (root / "utf16.txt").write_bytes(("Заголовок utf16\n\n" + RU).encode("utf-16"))
    (root / "mixed.txt").write_bytes(
        "Заголовок mixed\n\n".encode() + RU.encode("utf-8")
        + "\n\nОстаток в cp1251 беженцы".encode("cp1251")
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
    (root / os.fsdecode(b"bad-\xff-name.txt")).write_text(RU, encoding="utf-8")
    (root / "good.md").write_text(f"---\ntitle: Good\n---\n{RU}", encoding="utf-8")
    expected = {  # file → what must happen: "ok" or a word of the reason
        "cp1251.txt": "ok", "koi8.txt": "ok", "utf16.txt": "ok", "mixed.txt": "ok",
        "longline.txt": "ok", "broken.html": "ok", "good.md": "ok",
        "empty.txt": "empty", "binary.txt": "binary", "huge.txt": "too large",
        "bad-\ufffd-name.txt": "UTF-8",
    }
    return root, expected


def test_each_bad_file_is_indexed_or_reported(messy, tmp_path: Path) -> None:
    root, expected = messy
    index = tmp_path / "ix"
    report = update_index(index, [root])
    failed = {Path(p).name: reason for p, reason in report.failed}
    for name, outcome in expected.items():
        if outcome == "ok":
            assert name not in failed, failed.get(name)
        else:
            assert outcome in failed[name], (name, failed.get(name))
    assert report.added == sum(1 for v in expected.values() if v == "ok")
    found = hits(index, "миграция")
    assert {"cp1251.txt", "koi8.txt", "utf16.txt", "mixed.txt", "longline.txt",
            "broken.html", "good.md"} <= found


def test_cyrillic_encodings_read_right(messy, tmp_path: Path) -> None:
    root, _ = messy
    index = tmp_path / "ix"
    update_index(index, [root])
    for name in ["cp1251", "koi8", "utf16"]:
        assert hits(index, f"title:{name}") == {f"{name}.txt"}


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
morphology.surface_terms("слово"), morphology.surface_terms("word")  # load before dropping root
update_index(Path(sys.argv[3]), [Path(sys.argv[2]) / "ok.md"])  # warm every lazy import
os.setgid(65534); os.setuid(65534)
r = update_index(Path(sys.argv[1]), [Path(sys.argv[2])])
print(r.added, [(Path(p).name, why) for p, why in r.failed])
"""


@pytest.mark.skipif(sys.platform != "linux", reason="uses setuid to drop root")
def test_file_without_read_permission(tmp_path: Path, write_articles) -> None:
    if os.geteuid() != 0:
        root = write_articles({"ok.md": "---\ntitle: Ok\n---\nтекст", "secret.md": "тайна"})
        (root / "secret.md").chmod(0)
        report = update_index(tmp_path / "ix", [root])
        assert report.added == 1 and "permission" in report.failed[0][1]
        return
    # As root every file is readable: index as "nobody" in a folder it may use.
    shared = Path(tempfile.mkdtemp(prefix="searchapp-perm-"))
    try:
        shared.chmod(0o777)
        root = shared / "articles"
        root.mkdir(mode=0o777)
        (root / "ok.md").write_text("---\ntitle: Ok\n---\nтекст", encoding="utf-8")
        (root / "secret.md").write_text("тайна", encoding="utf-8")
        (root / "secret.md").chmod(0)
        done = subprocess.run(
            [sys.executable, "-c", UNREADABLE, str(shared / "ix"), str(root), str(tmp_path / "w")],
            capture_output=True, text=True, timeout=120,
        )
    finally:
        shutil.rmtree(shared, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1 [('secret.md', 'permission denied')]"
