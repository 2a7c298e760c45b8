"""The command-line contract other tools rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.core.paths import PROJECT_ROOT


def run(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SEARCHAPP_INDEX": str(index)}
    return subprocess.run(
        [sys.executable, "-m", "searchapp", *args],
        capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120,
    )


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("cli") / "index"
    done = run("index", "seeds", "--quiet", index=index)
    assert done.returncode == 0, done.stderr
    assert "5 added" in done.stdout
    return index


def test_index_then_search_json(cli_index: Path) -> None:
    done = run("search", "миграция", "--json", index=cli_index)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"query", "total", "notice", "suggestion", "hits", "facets"}
    assert data["suggestion"] is None
    assert data["query"] == "миграция" and data["total"] == 1
    hit = data["hits"][0]
    assert hit["path"].endswith("002_13e197d8ebd46593.txt")
    assert set(hit) == {"path", "title", "source", "date", "lang", "score", "snippet"}
    assert "<mark>миграции</mark>" in hit["snippet"]
    assert hit["date"] == "2021-03-03" and hit["lang"] == "ru"
    assert data["facets"]["year"] == {"2021": 1} and data["facets"]["lang"] == {"ru": 1}
    assert data["facets"]["month"] == {"2021-03": 1}


def test_search_filters_and_sort(cli_index: Path) -> None:
    done = run(
        "search", "", "--json", "--since", "2024-01-01", "--until", "2024-12-31",
        "--lang", "en", "--sort", "oldest", "--limit", "2", index=cli_index,
    )
    data = json.loads(done.stdout)
    assert data["total"] == 3 and len(data["hits"]) == 2
    assert [h["date"] for h in data["hits"]] == sorted(h["date"] for h in data["hits"])


def test_no_hits_is_success(cli_index: Path) -> None:
    done = run("search", "несуществующееслово", index=cli_index)
    assert done.returncode == 0 and "0 articles" in done.stdout


def test_did_you_mean_and_names_switch(cli_index: Path) -> None:
    done = run("search", "migartion", index=cli_index)
    assert done.returncode == 0 and "Did you mean: migration?" in done.stdout
    assert json.loads(run("search", "Ашхабат", "--json", index=cli_index).stdout)[
        "suggestion"] == "Ашхабад"
    with_names = json.loads(run("search", "Meredow", "--json", index=cli_index).stdout)
    without = json.loads(run("search", "Meredow", "--json", "--no-names", index=cli_index).stdout)
    assert any(h["path"].endswith("002_13e197d8ebd46593.txt") for h in with_names["hits"])
    assert not any(h["path"].endswith("002_13e197d8ebd46593.txt") for h in without["hits"])


def test_output_cut_short_by_a_pipe_is_not_an_error(cli_index: Path) -> None:
    # Like `searchapp search … | head` where head has already exited: the reading
    # end is closed before the first line is written.
    env = {**os.environ, "SEARCHAPP_INDEX": str(cli_index)}
    with subprocess.Popen([sys.executable, "-m", "searchapp", "search", ""],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          cwd=PROJECT_ROOT) as proc:
        proc.stdout.close()
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and err == b""


@pytest.mark.parametrize(
    "args",
    [["search"], ["search", "x", "--since", "2024-13-01"], ["search", "x", "--limit", "-1"],
     ["search", "x", "--sort", "random"], ["frobnicate"]],
)
def test_usage_errors_exit_2_with_one_line(cli_index: Path, args: list[str]) -> None:
    done = run(*args, index=cli_index)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_malformed_query_is_not_a_traceback(cli_index: Path) -> None:
    done = run("search", '"(unbalanced AND', "--json", index=cli_index)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert json.loads(done.stdout)["notice"]


def test_missing_index_is_one_line(tmp_path: Path) -> None:
    done = run("search", "x", index=tmp_path / "none")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "searchapp index" in done.stderr
