"""Finding article files: suffixes, hidden files, symlink loops, overlapping roots."""

from __future__ import annotations

from pathlib import Path

from searchapp.core.ingest import iter_article_files


def names(paths: list[Path], root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in paths]


def test_suffixes_recursion_and_hidden(tmp_path: Path) -> None:
    for name in ["a.txt", "b.MD", "c.html", "sub/d.htm", "e.pdf", ".hidden.txt", ".git/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = names(list(iter_article_files([tmp_path])), tmp_path)
    assert found == ["a.txt", "b.MD", "c.html", "sub/d.htm"]


def test_symlink_loop_and_overlapping_roots(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    found = list(iter_article_files([tmp_path, tmp_path / "sub", tmp_path / "sub" / "a.txt"]))
    assert names(found, tmp_path) == ["sub/a.txt"]


def test_missing_root_yields_nothing(tmp_path: Path) -> None:
    assert list(iter_article_files([tmp_path / "nope"])) == []
