"""Where the index goes: ``$SEARCHAPP_INDEX``, the checkout's ``index/``, or the user's
data directory when installed; and which index is the app's own (it gets the seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core import paths


def test_the_checkout_keeps_its_index_at_the_top(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SEARCHAPP_INDEX", raising=False)
    assert paths.SOURCE_CHECKOUT
    assert paths.default_index_dir() == paths.PROJECT_ROOT / "index"
    assert (paths.SEEDS_DIR / "002_13e197d8ebd46593.txt").is_file()
    assert (paths.RESOURCES_DIR / "sources.toml").is_file()


def test_installed_the_index_goes_to_the_user_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SEARCHAPP_INDEX", raising=False)
    monkeypatch.setattr(paths, "SOURCE_CHECKOUT", False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.default_index_dir() == tmp_path / "searchapp" / "index"
    assert paths.is_default_index(tmp_path / "searchapp" / "index")
    assert not paths.is_default_index(paths.PROJECT_ROOT / "index")


def test_searchapp_index_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEARCHAPP_INDEX", str(tmp_path / "mine"))
    assert paths.default_index_dir() == tmp_path / "mine"


def test_only_the_apps_own_index_is_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SEARCHAPP_INDEX", str(tmp_path / "chosen"))
    assert not paths.is_default_index(paths.default_index_dir())  # chosen, not the app's
    monkeypatch.chdir(paths.PROJECT_ROOT / "seeds")
    assert paths.is_default_index(Path("..") / "index")  # the same folder, spelt otherwise
    assert paths.is_default_index(paths.PROJECT_ROOT / "index")
    assert not paths.is_default_index(tmp_path / "index")
