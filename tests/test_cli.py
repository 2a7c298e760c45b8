"""The command-line contract other tools rely on."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.core import store
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


def test_a_new_index_says_it_was_built_from_scratch(tmp_path: Path) -> None:
    first = run("index", "seeds", "--quiet", index=tmp_path / "index")
    assert first.returncode == 0, first.stderr
    assert "The index was built from scratch." in first.stdout.splitlines()
    again = run("index", "seeds", "--quiet", index=tmp_path / "index")  # an update
    assert again.returncode == 0 and "5 unchanged" in again.stdout
    assert "from scratch" not in again.stdout


def test_index_then_search_json(cli_index: Path) -> None:
    done = run("search", "миграция", "--json", index=cli_index)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"query", "total", "notice", "notices", "suggestion", "hits", "facets"}
    assert data["notice"] is None and data["notices"] == []
    assert data["suggestion"] is None
    assert data["query"] == "миграция" and data["total"] == 1
    hit = data["hits"][0]
    assert hit["path"].endswith("002_13e197d8ebd46593.txt")
    assert set(hit) == {"path", "title", "source", "date", "lang", "score", "snippet"}
    assert "<mark>миграции</mark>" in hit["snippet"]
    assert hit["date"] == "2021-03-03" and hit["lang"] == "ru"
    assert data["facets"]["year"] == {"2021": 1} and data["facets"]["lang"] == {"ru": 1}
    assert data["facets"]["month"] == {"2021-03": 1}


# Own articles with distinct dates and a clear order of relevance for "cotton":
# b says it most, then a (short, twice), then c (long, once); d never.
DATED = {
    "a.md": "---\ntitle: Harvest notes\ndate: 2023-01-10\nlang: en\n---\n"
            "Cotton and wheat were picked early; the cotton was dry.\n",
    "b.md": "---\ntitle: Cotton prices\ndate: 2023-06-15\nlang: en\n---\n"
            "Cotton, cotton everywhere: cotton exports and cotton mills.\n",
    "c.md": "---\ntitle: Farm report\ndate: 2024-02-01\nlang: en\n---\n"
            + "Rain fell on the fields of the valley for a week. " * 12
            + "Some cotton was sown.\n",
    "d.md": "---\ntitle: Rail timetable\ndate: 2022-05-05\nlang: en\n---\n"
            "New trains run to the coast.\n",
}


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dated")
    for name, text in DATED.items():
        (root / "articles" / name).parent.mkdir(exist_ok=True)
        (root / "articles" / name).write_text(text, encoding="utf-8")
    done = run("index", str(root / "articles"), "--quiet", index=root / "index")
    assert done.returncode == 0 and "4 added" in done.stdout, done.stderr
    return root / "index"


def names(index: Path, *args: str) -> list[str]:
    """The file names a JSON search lists, in order (exit code 0 checked)."""
    done = run("search", "--json", *args, index=index)
    assert done.returncode == 0, done.stderr
    return [Path(h["path"]).stem for h in json.loads(done.stdout)["hits"]]


def test_search_filters_and_sort(cli_index: Path) -> None:
    # Seeds: 002 2021-03-03 (ru), 003 2024-06-15, 000 and 001 2024-12-11, 004 2025-09-05 (ru).
    done = run(
        "search", "", "--json", "--since", "2021-03-04", "--until", "2025-09-04",
        "--sort", "oldest", "--limit", "2", index=cli_index,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == 3 and len(data["hits"]) == 2
    assert [h["date"] for h in data["hits"]] == ["2024-06-15", "2024-12-11"]
    done = run("search", "", "--json", "--lang", "ru", "--until", "2025-09-04", index=cli_index)
    assert done.returncode == 0, done.stderr
    assert [Path(h["path"]).name[:3] for h in json.loads(done.stdout)["hits"]] == ["002"]


def test_source_keeps_only_the_sources_named(cli_index: Path) -> None:
    # Seeds' sources: 003 Trend, 001 nCa, 004 Turkmenportal, 000 and 002 none (Unknown).
    done = run("search", "", "--json", "--source", "Trend", index=cli_index)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == 1 and [h["source"] for h in data["hits"]] == ["Trend"]
    assert sorted(names(cli_index, "", "--source", "Trend", "--source", "nCa")) == [
        "001_091d53cfd8a73ce3", "003_fa466dea4ea43802"]


def test_since_after_until_is_a_usage_error(dated_index: Path) -> None:
    done = run("search", "cotton", "--since", "2024-01-01", "--until", "2023-01-01",
               index=dated_index)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == ["searchapp: error: --since is after --until"]
    # The same day at both ends is a range of one day, not an error.
    assert names(dated_index, "", "--since", "2023-06-15", "--until", "2023-06-15") == ["b"]


def test_since_and_until_each_cut(dated_index: Path) -> None:
    assert names(dated_index, "", "--since", "2023-03-01", "--sort", "oldest") == ["b", "c"]
    assert names(dated_index, "", "--until", "2023-03-01", "--sort", "oldest") == ["d", "a"]


def test_sort_relevance_newest_oldest(dated_index: Path) -> None:
    assert names(dated_index, "cotton") == ["b", "a", "c"]  # relevance is the default
    assert names(dated_index, "cotton", "--sort", "relevance") == ["b", "a", "c"]
    assert names(dated_index, "cotton", "--sort", "newest") == ["c", "b", "a"]
    assert names(dated_index, "cotton", "--sort", "oldest") == ["a", "b", "c"]


def test_offset_pages_through_the_results(dated_index: Path) -> None:
    assert names(dated_index, "cotton", "--sort", "oldest", "--offset", "1") == ["b", "c"]
    assert names(dated_index, "cotton", "--sort", "oldest", "--offset", "1",
                 "--limit", "1") == ["b"]
    done = run("search", "cotton", "--sort", "oldest", "--offset", "1", "--limit", "1",
               index=dated_index)
    assert done.returncode == 0 and "Harvest" not in done.stdout and "Cotton prices" in done.stdout


def test_score_in_json_follows_relevance(dated_index: Path) -> None:
    done = run("search", "cotton", "--json", index=dated_index)
    scores = [h["score"] for h in json.loads(done.stdout)["hits"]]
    assert len(scores) == 3 and all(isinstance(s, float) and s > 0 for s in scores)
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]


def test_a_query_starting_with_minus_goes_after_double_dash(dated_index: Path) -> None:
    assert names(dated_index, "--", "-wheat cotton") == ["b", "c"]
    done = run("search", "-wheat", index=dated_index)  # without --: a usage error
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


def test_busy_index_exits_1_with_one_line(dated_index: Path, tmp_path: Path) -> None:
    lock = store.run_lock(dated_index)
    assert lock.acquire(blocking=False)
    try:
        (tmp_path / "e.md").write_text("---\ntitle: E\n---\nNew text.\n", encoding="utf-8")
        done = run("index", str(tmp_path), "--quiet", index=dated_index)
    finally:
        lock.release()
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "busy" in done.stderr
    assert "Traceback" not in done.stderr


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
     ["search", "x", "--sort", "random"], ["frobnicate"],
     ["search", "x", "--since", "2024-02-01", "--until", "2024-01-01"],
     ["index", "/no/such/folder"], ["forget", "/no/such/folder"]],
)
def test_usage_errors_exit_2_with_one_line(cli_index: Path, args: list[str]) -> None:
    """Each begins as the others do: argparse's said "searchapp search: error:",
    the app's own "searchapp: error:"."""
    done = run(*args, index=cli_index)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("searchapp: error: ")


def _commands() -> dict[str, argparse.ArgumentParser]:
    from searchapp.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_option_says_what_it_does_and_its_default(command: str) -> None:
    """``search --help`` listed --lang, --sort, --limit and --offset bare."""
    for action in _commands()[command]._actions:
        if isinstance(action, argparse._HelpAction) or action.required:
            continue
        assert action.help and "(default: " in action.help, (command, action.dest)


def test_the_readme_lists_every_option_of_every_command() -> None:
    """Its CLI section had no ``index --quiet``."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Command line\n\n```sh\n", 1)[1].split("```", 1)[0]
    usage: dict[str, str] = {}
    for line in block.splitlines():
        if line.startswith("searchapp "):
            name = line.split()[1]
            usage[name] = line.split("#")[0]
        else:  # a continued line
            usage[name] += line.split("#")[0]
    commands = _commands()
    for command, parser in commands.items():
        given = {s for a in parser._actions for s in a.option_strings if s.startswith("--")}
        given |= {a.metavar for a in parser._actions if not a.option_strings}
        given -= {"--help"}
        in_readme = set(re.findall(r"--[a-z-]+|\b[A-Z]+\b", usage[command]))
        assert in_readme - {"DIR", "NAME", "N", "YYYY", "MM", "DD"} == given, command


@pytest.mark.parametrize("args", [["search", "-миграция"], ["search", "миграция", "-беженцы"],
                                  ["search", "--", "-миграция", "--limit", "5"],
                                  ["search", "миграция", "газ"], ["search", "--", "-a", "--limt"]])
def test_a_query_taken_for_an_option_says_how_to_give_it(cli_index: Path, args: list[str]) -> None:
    """The third: an option after '--' is a word of the query; the advice said
    only to put the query after '--', where it already was."""
    done = run(*args, index=cli_index)
    assert done.returncode == 2
    assert ("goes after '--', every option before it: searchapp search --limit 5 -- '-word'"
            in done.stderr)
    assert run("search", "--", "-миграция", index=cli_index).returncode == 0


@pytest.mark.parametrize(("args", "said"), [
    (["search", "миграция", "--limt", "3"],
     "unknown option '--limt' (did you mean '--limit'? see 'searchapp search --help')"),
    (["search", "миграция", "--limt=3"], "unknown option '--limt' (did you mean '--limit'?"),
    (["index", "--quite"], "unknown option '--quite' (did you mean '--quiet'?"),
    (["search", "x", "--foo"], "unknown option '--foo' (see 'searchapp search --help')"),
    (["serch", "x"], "invalid choice: 'serch' (choose from 'index', 'folders', 'forget', "
                     "'search'); did you mean 'search'?"),
    (["search", "x", "--sort", "newst"], "; did you mean 'newest'?"),
])
def test_a_misspelt_option_or_command_gets_the_close_one(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--limt 3`` was "unrecognized arguments" with advice on quoting a query."""
    from searchapp import cli

    with pytest.raises(SystemExit) as exited:
        cli.main(args)
    err = capsys.readouterr().err
    assert exited.value.code == cli.EXIT_USAGE and len(err.splitlines()) == 1
    assert err.startswith("searchapp: error: ") and said in err
    assert "a query is one argument" not in err


def test_malformed_query_is_not_a_traceback(cli_index: Path) -> None:
    done = run("search", '"(unbalanced AND', "--json", index=cli_index)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    assert data["notice"] == (
        "A quote was not closed: it was ignored. "
        "An operator (AND, OR, NOT) with no word on one side was left out. "
        "Unbalanced brackets were ignored."
    )
    assert data["notices"] == [{"kind": k, "args": []} for k in
                               ("quote_not_closed", "dangling_operator", "unbalanced_brackets")]


@pytest.mark.parametrize("command", [["search", "x"], ["folders"]])
def test_missing_index_is_one_line(tmp_path: Path, command: list[str]) -> None:
    """``folders`` said "has no folders" and exited 0 for an index that is not there."""
    done = run(*command, index=tmp_path / "none")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    missing = tmp_path / "none"
    assert done.stderr == f"searchapp: No index at {missing}: run 'searchapp index PATH' first\n"
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("command", [["search", "x"], ["folders"], []])
def test_an_index_that_is_a_file_is_named_so(tmp_path: Path, command: list[str]) -> None:
    """``search`` said to run ``searchapp index``, which then said the path is a
    file; the window (no command) opened as on an empty index."""
    (tmp_path / "afile").write_text("x")
    done = run(*command, index=tmp_path / "afile")
    assert done.returncode == 1
    assert done.stderr == f"searchapp: {tmp_path / 'afile'} is a file, not an index folder\n"


@pytest.mark.parametrize(("read_only", "why"), [
    (True, "its file system is read-only"), (False, "permission denied")])
@pytest.mark.parametrize("command", ["forget", "index"])
def test_an_index_that_cannot_be_written_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: str, read_only: bool, why: str) -> None:
    """``forget`` on an index on a read-only mount said "unexpected error: [Errno 30]"
    and wrote a log; ``index`` called a read-only file system "permission denied"."""
    from searchapp import cli
    from searchapp.core import update_index

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Заголовок\n\nТекст про миграцию.\n", encoding="utf-8")
    index = tmp_path / "index"
    update_index(index, [folder])
    before = sorted((p.name, p.stat().st_mtime_ns) for p in index.iterdir())
    access, statvfs = os.access, os.statvfs

    class Stat:
        f_flag = os.ST_RDONLY if read_only else 0

    def fake_access(path: os.PathLike[str] | str, mode: int, **kw: object) -> bool:
        return False if Path(path) == index and mode & os.W_OK else access(path, mode, **kw)

    monkeypatch.setattr(store.os, "access", fake_access)
    monkeypatch.setattr(store.os, "statvfs",
                        lambda path: Stat() if Path(path) == index else statvfs(path))
    assert cli.main([command, str(folder), "--index", str(index)]) == 1
    assert capsys.readouterr().err == (
        f"searchapp: cannot write in the index folder {index}: {why}\n")
    assert sorted((p.name, p.stat().st_mtime_ns) for p in index.iterdir()) == before


CLUSTER = '[[shard]]\nhost = "127.0.0.1"\nport = {port}\npath = "/tmp/shard{i}"\n'


@pytest.mark.parametrize("command", [["index", "PATH"], ["forget", "PATH"]])
def test_without_xapian_a_cluster_is_not_written_and_no_other_index_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, command: list[str]
) -> None:
    """`searchapp index FOLDER --index c.toml` without the bindings added FOLDER
    to the default index (saying it used it) and exited 0."""
    from searchapp import cli

    monkeypatch.setattr(cli, "cluster_available", lambda: False)
    default = tmp_path / "default"
    monkeypatch.setenv("SEARCHAPP_INDEX", str(default))
    cluster = tmp_path / "c.toml"
    cluster.write_text(CLUSTER.format(port=9001, i=1) + CLUSTER.format(port=9002, i=2))
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Заголовок\n\nТекст.", encoding="utf-8")
    argv = [str(folder) if a == "PATH" else a for a in command]
    assert cli.main([*argv, "--index", str(cluster)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is a cluster" in err and "searchapp[cluster]" in err and "nothing was written" in err
    assert not default.exists()


def test_without_xapian_a_wrong_cluster_file_is_still_said_to_be_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from searchapp import cli

    monkeypatch.setattr(cli, "cluster_available", lambda: False)
    cluster = tmp_path / "c.toml"
    cluster.write_text(CLUSTER.format(port=9001, i=1) + CLUSTER.format(port=9001, i=2))
    assert cli.main(["search", "x", "--index", str(cluster)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "9001" in err



class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _screen_lines(text: str) -> list[str]:
    """The lines of a terminal's output as seen: a line shows what follows its last \\r."""
    return [line.split("\r")[-1] for line in text.split("\n")]


def test_the_progress_bar_shows_a_rate_only_when_it_means_something() -> None:
    """Its first frame was ": 0/0 ? files/s", an early one "948056.61 files/s"
    (files read ahead counted over a few milliseconds)."""
    from searchapp.cli import RATE_AFTER, _ProgressBar
    from searchapp.core.progress import Progress

    progress, now, term = Progress(), [0.0], _Terminal()
    bar = _ProgressBar(progress, quiet=False, file=term, clock=lambda: now[0])
    bar.draw()
    assert _screen_lines(term.getvalue())[-1].split() == ["scanning:", "0/0"]
    progress.phase, progress.total, now[0] = "indexing", 2500, 0.5
    bar.draw()
    progress.done = 103
    now[0] += 0.001
    bar.draw()
    assert _screen_lines(term.getvalue())[-1].split()[:2] == ["indexing:", "103/2500"]
    assert "files/s" not in term.getvalue() and "?" not in term.getvalue()
    progress.done = 1103
    now[0] = 0.5 + 2 * RATE_AFTER
    bar.draw()
    rate = f"{1103 / (2 * RATE_AFTER):.0f} files/s"
    assert _screen_lines(term.getvalue())[-1].rstrip().endswith(f" {rate}")
    bar.close()  # the line is left blank for what is said next
    assert _screen_lines(term.getvalue())[-1] == ""
    assert term.getvalue().split("\n")[-1].split("\r")[-2].strip() == ""
