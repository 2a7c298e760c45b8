"""Export of result lists and citations."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from searchapp.core.engine import SearchEngine
from searchapp.core.export import citation, export_results
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
