"""Finding article files: suffixes, hidden files, symlink loops, overlapping roots."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from searchapp.core.indexer import update_index
from searchapp.core.ingest import iter_article_files
from searchapp.core.progress import SAVED_PAGE_FOLDERS, IndexReport


def names(paths: list[Path], root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in paths]


def test_suffixes_recursion_and_hidden(tmp_path: Path) -> None:
    for name in ["a.txt", "b.MD", "c.html", "sub/d.htm", "e.pdf", ".hidden.txt", ".git/x.txt",
                 "f.jpg", "g.xlsx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = names(list(iter_article_files([tmp_path])), tmp_path)
    assert found == ["a.txt", "b.MD", "c.html", "e.pdf", "sub/d.htm"]


def test_unsupported_files_are_counted_by_type(tmp_path: Path) -> None:
    for name in ["a.md", "p1.jpg", "p2.JPG", "sub/p3.jpg", "t.xlsx", "README", ".hidden.jpg",
                 ".git/x.jpg"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    skipped: Counter[str] = Counter()
    found = names(list(iter_article_files([tmp_path], skipped=skipped)), tmp_path)
    assert found == ["a.md"]
    assert skipped == {".jpg": 3, ".xlsx": 1, "": 1}
    report = IndexReport(not_read=skipped)
    assert report.not_read_line() == "not read: 3 .jpg, 1 .xlsx, 1 without extension"
    assert IndexReport().not_read_line() == ""


def test_symlink_loop_and_overlapping_roots(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    found = list(iter_article_files([tmp_path, tmp_path / "sub", tmp_path / "sub" / "a.txt"]))
    assert names(found, tmp_path) == ["sub/a.txt"]


def test_links_that_lead_nowhere_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    problems: list[tuple[str, str]] = []
    found = list(iter_article_files([tmp_path], problems=problems))
    assert names(found, tmp_path) == ["a.md"]
    assert [(Path(p).name, why) for p, why in problems] == [
        ("dangling.md", "link leads nowhere (No such file or directory)"),
        ("self", "link leads nowhere (Too many levels of symbolic links)"),
    ]


def test_missing_root_yields_nothing(tmp_path: Path) -> None:
    assert list(iter_article_files([tmp_path / "nope"])) == []


def test_the_folder_a_browser_saves_beside_a_page_is_counted_not_read(tmp_path: Path) -> None:
    """"Save page as" writes X.html and X_files (Firefox in German: X-Dateien) with the
    page's frames and ads as .html files: they were indexed as articles."""
    for name in ["page.html", "page_files/ad.html", "page_files/logo.png", "Seite.htm",
                 "Seite-Dateien/frame.html", "notes_files/a.txt", "sub/x.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    skipped: Counter[str] = Counter()
    saved: list[str] = []
    found = names(list(iter_article_files([tmp_path], skipped=skipped, saved_pages=saved)),
                  tmp_path)
    assert found == ["Seite.htm", "notes_files/a.txt", "page.html", "sub/x.html"]
    assert skipped == {SAVED_PAGE_FOLDERS: 2}
    # The line named them "(name_files)", a placeholder, not the folders' names.
    assert saved == ["Seite-Dateien", "page_files"]
    assert IndexReport(not_read=skipped, saved_pages=saved).not_read_line() == (
        "not read: 2 saved-page folders (Seite-Dateien, …)")
    assert IndexReport(not_read=Counter({SAVED_PAGE_FOLDERS: 1}),
                       saved_pages=["page_files"]).not_read_line() == (
        "not read: 1 saved-page folder (page_files)")


def test_an_index_kept_inside_its_folder_is_not_read(tmp_path: Path) -> None:
    """``searchapp index m3 --index m3/idx`` listed the index's own files
    (`.toc`, `.pst`, `.trm`, `.lock`, `.json`…) as not read at every run."""
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nПро газ.\n", encoding="utf-8")
    report = update_index(tmp_path / "idx", [tmp_path])
    assert report.added == 1 and not report.not_read
    again = update_index(tmp_path / "idx")
    assert again.unchanged == 1 and not again.not_read and not again.failed


def test_a_file_root_in_no_article_format_is_counted_not_read(tmp_path: Path) -> None:
    """An index's folder list from an older version may name such a file."""
    (tmp_path / "t.csv").write_text("a,b\n")
    (tmp_path / ".draft.txt").write_text("Черновик")
    skipped: Counter[str] = Counter()
    found = list(iter_article_files([tmp_path / "t.csv", tmp_path / ".draft.txt",
                                     tmp_path / "t.csv"], skipped=skipped))
    assert found == [tmp_path / ".draft.txt"]
    assert skipped == {".csv": 1}


def test_a_folder_also_reached_through_a_link_is_read_under_its_own_path(tmp_path: Path) -> None:
    """«a_link → nested» sorts first: its files were stored under the link, and
    removing the link removed and added them all again."""
    root = tmp_path / "root"
    (root / "nested").mkdir(parents=True)
    (root / "nested" / "x.md").write_text("x")
    (root / "a_link").symlink_to(root / "nested")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "y.md").write_text("y")
    (root / "b_link").symlink_to(outside)  # reached only through its link: read there
    assert [p.relative_to(root).as_posix() for p in iter_article_files([root])] == [
        "nested/x.md", "b_link/y.md"]
