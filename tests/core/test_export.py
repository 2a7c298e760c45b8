"""Export of result lists and citations."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import json
import os
import stat
from pathlib import Path

from searchapp.core import export
from searchapp.core.engine import SearchEngine
from searchapp.core.export import citation, export_results
from searchapp.core.indexer import update_index
from searchapp.core.results import SearchRequest, Sort


def test_csv_and_json_keep_order_and_filters(seed_index: Path, tmp_path: Path) -> None:
    engine = SearchEngine(seed_index)
    try:
        req = SearchRequest(query="", langs=frozenset({"en"}), sort=Sort.OLDEST)
        assert export_results(engine, req, tmp_path / "r.csv") == 3
        assert export_results(engine, req, tmp_path / "r.json") == 3
        view = engine.article(engine.matching_paths("миграция")[0])
    finally:
        engine.close()
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["date"] for r in rows] == ["2024-06-15", "2024-12-11", "2024-12-11"]
    assert {r["lang"] for r in rows} == {"en"}
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["search"]["langs"] == ["en"] and data["total"] == 3
    assert [a["path"] for a in data["articles"]] == [r["path"] for r in rows]
    assert citation(view).startswith("«Туркменистан намерен развивать сотрудничество")
    assert ", 2021-03-03. " in citation(view)


def test_a_csv_is_safe_to_open_in_a_spreadsheet_and_readable_by_others(tmp_path: Path) -> None:
    """UTF-8 with a byte order mark (Excel took Cyrillic for a code page), a
    scraped title that is a formula is text, and the file gets the usual
    permissions (it was private, 0600) or keeps those of the file it replaces."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text(
        '---\ntitle: "=HYPERLINK(\\"http://evil.example\\",\\"жми\\")"\nsource: "@home"\n---\n'
        "Про миграцию.\n", encoding="utf-8")
    update_index(tmp_path / "index", [folder])
    umask = os.umask(0o022)
    os.umask(umask)
    kept = tmp_path / "kept.csv"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    engine = SearchEngine(tmp_path / "index")
    try:
        for name in ("r.csv", "r.json", "kept.csv"):
            assert export_results(engine, SearchRequest(query="миграция"), tmp_path / name) == 1
    finally:
        engine.close()
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["title"] == "'=HYPERLINK(\"http://evil.example\",\"жми\")"
    assert row["source"] == "'@home"
    article = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["articles"][0]
    assert article["title"].startswith("=HYPERLINK")  # JSON is data, not a sheet
    assert stat.S_IMODE((tmp_path / "r.csv").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_an_export_of_several_pages_writes_every_result_once_in_order(
    tmp_path: Path, write_articles
) -> None:
    count = 2 * export.PAGE + 17  # two whole pages and a part of a third
    first = dt.date(2000, 1, 1)
    dates = [first + dt.timedelta(days=i) for i in range(count)]
    root = write_articles({f"a{i:04}.md": f"---\ntitle: Статья {i}\ndate: {d.isoformat()}\n"
                           f"source: Test\n---\nПро миграцию {i}.\n"
                           for i, d in enumerate(dates)})
    update_index(tmp_path / "ix", [root])
    engine = SearchEngine(tmp_path / "ix")
    try:
        req = SearchRequest(query="миграция", sort=Sort.OLDEST)
        assert export_results(engine, req, tmp_path / "r.csv") == count
        assert export_results(engine, req, tmp_path / "r.json") == count
    finally:
        engine.close()
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    expected = [str((root / f"a{i:04}.md").resolve()) for i in range(count)]  # oldest first
    assert [str(Path(r["path"]).resolve()) for r in rows] == expected
    assert [r["date"] for r in rows] == [d.isoformat() for d in dates]
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["total"] == count
    assert [a["path"] for a in data["articles"]] == [r["path"] for r in rows]


def test_a_citation_without_a_date_has_one_full_stop_and_the_front_ends_words(
        seed_index: Path) -> None:
    """It was «…». Unknown, n.d.. /path; the window words the source and the date."""
    engine = SearchEngine(seed_index)
    try:
        view = engine.article(engine.matching_paths("миграция")[0])
    finally:
        engine.close()
    undated = dataclasses.replace(view, date=None)
    assert citation(undated) == f"«{view.title}». {view.source}, n.d. {view.path}"
    assert citation(undated, source="Не указан", no_date="б. д.") == (
        f"«{view.title}». Не указан, б. д. {view.path}")
    assert citation(view, no_date="б. д.").endswith(f", 2021-03-03. {view.path}")
