"""Name groups across scripts (resources/names.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core import names
from searchapp.core.engine import SearchEngine
from searchapp.core.results import SearchRequest


@pytest.fixture(scope="module")
def engine(seed_index: Path):
    eng = SearchEngine(seed_index)
    yield eng
    eng.close()


def found(engine: SearchEngine, query: str) -> set[str]:
    return {Path(p).name[:3] for p in engine.matching_paths(query)}


def test_latin_name_finds_cyrillic_forms(engine: SearchEngine) -> None:
    assert found(engine, "Ashgabat") == {"000", "001", "004"}  # 004 has «Ашхабаде»
    assert found(engine, "Meredov") == {"001", "002"}  # 002 has «Мередов»


def test_cyrillic_name_finds_latin_forms(engine: SearchEngine) -> None:
    assert found(engine, "Ашхабаде") == {"000", "001", "004"}
    assert found(engine, "МОМ") == {"000", "002"}  # 000 says IOM


def test_quotes_switch_variants_off(engine: SearchEngine) -> None:
    assert found(engine, '"Ashgabat"') == {"000", "001"}


def test_snippet_shows_which_form_matched(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query="Ashgabat", limit=10))
    snippets = {Path(h.path).name[:3]: h.snippet_html() for h in resp.hits}
    assert "<mark>Ашхабаде</mark>" in snippets["004"]
    assert "<mark>Ashgabat</mark>" in snippets["001"]


def test_common_words_are_not_expanded() -> None:
    assert names.variants("migration") == ()
    assert names.variants("год") == ()


def test_a_user_adds_a_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "names.toml"
    path.write_text('[[group]]\nforms = ["Bishkek", "Бишкек", "Frunze"]\n', encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_NAMES", str(path))
    try:
        assert len(names.variants("Бишкеке")) == 2
    finally:
        names.clear_cache()


def test_a_broken_file_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "names.toml"
    path.write_text("[[group]]\nforms = 3\n", encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_NAMES", str(path))
    try:
        with pytest.raises(names.NamesFileError, match=str(path)):
            names.variants("x")
    finally:
        names.clear_cache()
