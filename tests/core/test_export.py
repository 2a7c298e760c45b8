"""Export of result lists and citations."""

from __future__ import annotations

import csv
import datetime as dt
import json
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
    with (tmp_path / "r.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["date"] for r in rows] == ["2024-06-15", "2024-12-11", "2024-12-11"]
    assert {r["lang"] for r in rows} == {"en"}
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["search"]["langs"] == ["en"] and data["total"] == 3
    assert [a["path"] for a in data["articles"]] == [r["path"] for r in rows]
    assert citation(view).startswith("«Туркменистан намерен развивать сотрудничество")
    assert ", 2021-03-03. " in citation(view)


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
    with (tmp_path / "r.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected = [str((root / f"a{i:04}.md").resolve()) for i in range(count)]  # oldest first
    assert [str(Path(r["path"]).resolve()) for r in rows] == expected
    assert [r["date"] for r in rows] == [d.isoformat() for d in dates]
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["total"] == count
    assert [a["path"] for a in data["articles"]] == [r["path"] for r in rows]
