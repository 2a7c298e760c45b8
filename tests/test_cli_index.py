"""`searchapp index`, `folders` and `forget` as a user meets them: the index's
own list of folders, runs stopped by Ctrl+C or SIGTERM, and clear refusals.

Runs are stopped at a known point without a clock: ``$SEARCHAPP_PAUSE_AFTER``
makes the run say "paused after N files" and wait for the signal."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp import cli
from searchapp.core import schema, store
from searchapp.core.paths import PROJECT_ROOT, SEEDS_DIR
from searchapp.core.progress import IndexReport

# The real CLI with smaller thresholds, so that a test-sized run also goes
# through the worker processes and commits in several batches.
CLI = """
import sys
import searchapp.core.indexer as ix
ix.PARALLEL_MIN_DOCS = int(sys.argv[1])
ix.BATCH_DOCS = 40
from searchapp.cli import main
sys.exit(main(sys.argv[2:]))
"""


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "searchapp", *args], capture_output=True, text=True,
        cwd=PROJECT_ROOT, env={**os.environ, **(env or {})}, timeout=300,
    )


def total(index: Path, query: str = "") -> int:
    done = run("search", query, "--index", str(index), "--json", "--limit", "0")
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["total"])


def article(i: int) -> str:
    return (f"---\ntitle: Статья {i}\ndate: 2024-03-{1 + i % 28:02}\nsource: Тест\n---\n"
            + f"Мигранты и миграция, заметка {i}. " * 20)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for i in range(150):
        path = root / f"{i // 50}" / f"a{i:03}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(i), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("how", "sig", "code", "parallel"),
    [
        ("group", signal.SIGINT, 130, True),
        ("main process only", signal.SIGINT, 130, True),
        ("main process only", signal.SIGTERM, 143, True),
        ("group", signal.SIGINT, 130, False),
    ],
)
def test_a_stopped_run_keeps_its_work_exits_and_leaves_no_worker(
    tmp_path: Path, corpus: Path, how: str, sig: signal.Signals, code: int, parallel: bool,
    processes,
) -> None:
    index = tmp_path / "ix"
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "10" if parallel else "100000",
         "index", str(corpus), "--index", str(index)],
        cwd=PROJECT_ROOT, env={**os.environ, "SEARCHAPP_PAUSE_AFTER": "90"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    while line and "paused after" not in line:
        line = proc.stderr.readline()
    assert "paused after 90 files" in line
    workers = processes.workers(proc.pid)
    assert bool(workers) == parallel
    if how == "group":
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert "Traceback" not in err and "Error" not in err
    assert "Stopped: 90 articles kept" in out
    assert "stopping, keeping what was indexed" in err
    assert not [p for p in workers if processes.running(p)]
    assert total(index, "мигрант") == 90
    again = run("index", "--index", str(index), "--quiet")
    assert again.returncode == 0, again.stderr
    assert "60 added" in again.stdout
    assert total(index) == 150


def test_workers_end_when_their_run_is_killed(tmp_path: Path, corpus: Path, processes) -> None:
    """A run killed with SIGKILL (the out-of-memory killer) left its workers
    waiting on their queue for ever."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "10", "index", str(corpus), "--index", str(tmp_path / "ix")],
        cwd=PROJECT_ROOT, env={**os.environ, "SEARCHAPP_PAUSE_AFTER": "90"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        while line and "paused after" not in line:
            line = proc.stderr.readline()
        workers = processes.workers(proc.pid)
        assert workers
    finally:
        proc.kill()
        proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
    assert [w for w in workers if not processes.ends(w)] == []


def test_index_without_paths_updates_every_folder_and_rebuild_keeps_them(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, n in ((a, 3), (b, 4)):
        folder.mkdir()
        for i in range(n):
            (folder / f"{folder.name}{i}.md").write_text(article(i), encoding="utf-8")
    for folder in (a, b):
        assert run("index", str(folder), "--index", str(index), "--quiet").returncode == 0
    listed = run("folders", "--index", str(index))
    assert listed.stdout.splitlines() == [str(a), str(b)]
    (a / "new.md").write_text(article(99), encoding="utf-8")
    update = run("index", "--index", str(index), "--quiet")
    assert "1 added" in update.stdout and total(index) == 8
    rebuild = run("index", "--rebuild", "--index", str(index), "--quiet")
    assert rebuild.returncode == 0, rebuild.stderr
    assert "8 added" in rebuild.stdout and total(index) == 8
    forget = run("forget", str(a), "--index", str(index))
    assert forget.returncode == 0 and "4 articles left the index" in forget.stdout
    assert total(index) == 4
    assert run("folders", "--index", str(index)).stdout.splitlines() == [str(b)]
    again = run("forget", str(a), "--index", str(index))
    assert again.returncode == 2 and "is not a folder of the index" in again.stderr


def test_a_new_index_of_ones_own_gets_no_seeds(tmp_path: Path) -> None:
    index = tmp_path / "mine"
    empty = run("index", "--index", str(index))
    assert empty.returncode == 2
    assert empty.stderr.count("\n") == 1 and "has no folders yet" in empty.stderr
    own = tmp_path / "own"
    own.mkdir()
    (own / "x.md").write_text(article(1), encoding="utf-8")
    assert run("index", str(own), "--index", str(index)).returncode == 0
    assert total(index) == 1
    assert str(SEEDS_DIR) not in run("folders", "--index", str(index)).stdout


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["index", "/nonexistent/folder"], 2, "/nonexistent/folder: no such file or folder"),
        (["forget", "/not/a/folder"], 1, "No index at"),
    ],
)
def test_a_wrong_path_is_a_usage_error_and_creates_nothing(
    tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    index = tmp_path / "ix"
    done = run(*args, "--index", str(index))
    assert done.returncode == code
    assert says in done.stderr and done.stderr.count("\n") == 1
    assert not index.exists()


def test_the_index_folder_is_refused_as_a_folder_of_its_own(tmp_path: Path) -> None:
    """``searchapp index --index ix ix`` added the index folder to its folders (and
    a folder that holds the index folder is read without it)."""
    index = tmp_path / "ix"
    (tmp_path / "a.md").write_text("# A\n\nТекст про газ.\n", encoding="utf-8")
    assert run("index", str(tmp_path), "--index", str(index), "--quiet").returncode == 0
    done = run("index", str(index), "--index", str(index))
    assert (done.returncode, done.stderr) == (2, (
        f"searchapp: error: {index}: the index folder {index} holds the index, not articles\n"))
    assert run("folders", "--index", str(index)).stdout == f"{tmp_path}\n"
    again = run("index", "--index", str(index), "--quiet")
    assert "1 unchanged, 0 skipped" in again.stdout and "not read" not in again.stdout


@pytest.mark.parametrize("where", ["file", "inside a file", "/proc"])
def test_a_bad_index_location_is_one_line_naming_it(tmp_path: Path, where: str) -> None:
    (tmp_path / "some.txt").write_text("x")
    index = {"file": tmp_path / "some.txt", "inside a file": tmp_path / "some.txt" / "ix",
             "/proc": Path("/proc/nope")}[where]
    done = run("index", str(SEEDS_DIR), "--index", str(index))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and str(index) in done.stderr
    assert "unexpected" not in done.stderr and "error.log" not in done.stderr


@pytest.mark.parametrize("name", ["table.csv", "picture.svg", "script.js", "notes"])
def test_a_file_in_no_article_format_named_is_refused_and_creates_nothing(
        tmp_path: Path, name: str) -> None:
    """In a folder such a file is counted as not read; named, it was read as text
    (a .csv became an article titled «a,b») and kept in the index's folders."""
    named = tmp_path / name
    named.write_text("a,b\nнефть,газ\n", encoding="utf-8")
    index = tmp_path / "ix"
    done = run("index", str(named), "--index", str(index))
    assert done.returncode == 2
    kind = f"{Path(name).suffix} files" if Path(name).suffix else "files without an extension"
    assert done.stderr == (
        f"searchapp: error: {named}: {kind} are not read (not an article format)\n")
    assert not index.exists()


def test_a_file_in_an_article_format_named_is_read_even_hidden(tmp_path: Path) -> None:
    named = tmp_path / ".draft.txt"
    named.write_text("Черновик\n\nПро нефть и газ.\n", encoding="utf-8")
    index = tmp_path / "ix"
    assert run("index", str(named), "--index", str(index)).returncode == 0
    assert total(index) == 1


def test_report_words_agree_and_counts_are_singular_when_one(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "ok.md").write_text(article(1), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    index = tmp_path / "ix"
    done = run("index", str(folder), "--index", str(index), "--quiet")
    assert "1 added" in done.stdout and "1 skipped" in done.stdout
    assert "failed" not in done.stdout and "  skipped " in done.stdout
    found = run("search", "статья", "--index", str(index))
    assert found.stdout.startswith("1 article (")


def test_no_display_is_one_line_not_a_crash(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "searchapp", "--index", str(tmp_path / "ix")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "no display" in done.stderr


# A run whose indexing process is killed after 60 articles (the run commits every 40).
KILL_A_WORKER = """
import multiprocessing, os, signal, sys
import searchapp.core.indexer as ix
from searchapp import cli
ix.PARALLEL_MIN_DOCS = 10
ix.PARALLEL_BATCH_DOCS = 40

def kill_one(progress):
    if progress.done == 60:
        os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)

cli._pause_hook = lambda: kill_one
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_killed_indexing_process_ends_the_run_with_one_line_and_keeps_what_was_committed(
    tmp_path: Path, corpus: Path, processes
) -> None:
    index = tmp_path / "ix"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_A_WORKER, "index", str(corpus), "--index", str(index)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    _, err = proc.communicate(timeout=300)  # a guard against a hang, not a measure
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert "an indexing process ended unexpectedly" in err
    assert not [p for p in processes.children(proc.pid) if processes.running(p)]
    assert total(index, "мигрант") == 40
    again = run("index", "--index", str(index), "--quiet")
    assert again.returncode == 0, again.stderr
    assert total(index) == 150


def test_an_index_of_an_older_reader_is_read_again_and_says_why(tmp_path: Path) -> None:
    folder, index = tmp_path / "a", tmp_path / "ix"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.md").write_text(article(i), encoding="utf-8")
    assert run("index", str(folder), "--index", str(index)).returncode == 0
    meta = index / store.META_FILE
    meta.write_text(json.dumps({"schema": schema.SCHEMA_VERSION}))  # before reader versions
    again = run("index", "--index", str(index))
    assert again.returncode == 0, again.stderr
    assert "0 added, 3 updated" in again.stdout
    assert "Every article was read again" in again.stdout
    assert json.loads(meta.read_text())["reader"] == schema.READER_VERSION
    assert "Every article was read again" not in run("index", "--index", str(index)).stdout


def test_a_stopped_rebuild_of_a_cluster_does_not_say_it_is_as_it_was(capsys) -> None:
    """A cluster rebuilds in place (each article replaced by key): what was read again stays."""
    report = IndexReport(updated=40, cancelled=True)
    cli._print_report(Path("team.toml"), report, rebuild=True)
    out = capsys.readouterr().out
    assert out.startswith("Stopped: 40 articles read again into team.toml")
    assert "as it was" not in out.replace("the others as they were", "")
    cli._print_report(Path("index"), report, rebuild=True)
    assert "the index is as it was" in capsys.readouterr().out


# A rebuild whose process ends at once after 100 articles (as a second Ctrl+C,
# SIGKILL or a power cut would end it); it says which workers it had.  Its
# workers close a segment every 500 postings, and it ends once one of them has
# closed one (the index had as many stored-fields files as segments before).
KILL_MID_REBUILD = """
import functools, multiprocessing, os, sys, time
from pathlib import Path
import searchapp.core.indexer as ix
from searchapp import cli
ix.PARALLEL_MIN_DOCS = int(sys.argv[1])
ix.WorkerPool = functools.partial(ix.WorkerPool, segment_postings=500)
index = Path(sys.argv[sys.argv.index("--index") + 1])
committed = len(list(index.glob("*._stored.col")))

def end_at_once(progress):
    if progress.done == 100:
        workers = multiprocessing.active_children()
        while workers and len(list(index.glob("*._stored.col"))) == committed:
            time.sleep(0.01)  # a worker is writing its segment
        print(*[p.pid for p in workers], flush=True)
        os._exit(137)

cli._pause_hook = lambda: end_at_once
sys.exit(cli.main(sys.argv[2:]))
"""


def strays(index: Path) -> list[str]:
    """What the index folder holds that is not part of the index: neither its
    latest table of contents, a file of one of its segments, nor its own files."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    toc = TOC.read(FileStorage(str(index)), store.INDEX_NAME)
    own = {TOC._filename(store.INDEX_NAME, toc.generation), store.META_FILE, "folders.json",
           f"{store.INDEX_NAME}_RUN.lock", f"{store.INDEX_NAME}_WRITELOCK"}
    segments = tuple(f"{s.segment_id()}." for s in toc.segments)
    return sorted(p.name for p in index.iterdir()
                  if p.name not in own and not (p.is_file() and p.name.startswith(segments)))


def shape(index: Path) -> set[str]:
    """The index's file names with segment ids and generations left out."""
    return {re.sub(rf"^{store.INDEX_NAME}_[0-9a-z]+\.", "<segment>.",
                   re.sub(r"_\d+\.toc$", "_<gen>.toc", p.name)) for p in index.iterdir()}


@pytest.mark.parametrize("parallel", [True, False])
def test_a_rebuild_ended_at_once_leaves_the_old_index_and_the_next_run_removes_its_files(
    tmp_path: Path, corpus: Path, parallel: bool, processes
) -> None:
    """A rebuild ended at once left its segments and Whoosh's temporary files
    in the index folder, and a next run that had nothing to commit kept them
    for ever (only a commit removed them)."""
    index, clean = tmp_path / "ix", tmp_path / "clean"
    threshold = "10" if parallel else "100000"
    for folder in (index, clean):
        done = subprocess.run([sys.executable, "-c", CLI, threshold, "index", str(corpus),
                               "--index", str(folder), "--quiet"],
                              cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert strays(index) == [] and strays(clean) == []
    killed = subprocess.run(
        [sys.executable, "-c", KILL_MID_REBUILD, threshold, "index", "--rebuild",
         "--index", str(index), "--quiet"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert killed.returncode == 137, killed.stderr
    workers = [int(pid) for pid in killed.stdout.split()]
    assert bool(workers) == parallel
    assert [w for w in workers if not processes.ends(w)] == []
    left = strays(index)
    assert f"{store.INDEX_NAME}.tmp" in left  # Whoosh's temporary files
    assert any(name.endswith(".trm") for name in left)  # segments no generation lists
    if parallel:  # the segments a worker had closed, with their articles
        assert any(name.endswith("._stored.col") for name in left)
    assert total(index, "мигрант") == 150  # the old index, as it was
    again = run("index", "--index", str(index), "--quiet")
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 updated, 0 removed, 150 unchanged" in again.stdout  # nothing committed
    assert strays(index) == []
    assert shape(index) == shape(clean)
    assert total(index, "мигрант") == 150
    assert total(index, "заметка") == 150


def _rebuild_paused_after_90(script: str, index: Path) -> tuple[subprocess.Popen[str], str]:
    """``--rebuild`` of ``index`` by ``script`` (10 articles a batch), once it has
    paused after 90 files; and its line saying so ("" if it ended before)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "10", "index", "--rebuild", "--index", str(index)],
        cwd=PROJECT_ROOT, env={**os.environ, "SEARCHAPP_PAUSE_AFTER": "90"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    while line and "paused after" not in line:
        line = proc.stderr.readline()
    return proc, line


def test_a_stopped_rebuild_leaves_no_file_of_its_own(tmp_path: Path, corpus: Path) -> None:
    index = tmp_path / "ix"
    assert run("index", str(corpus), "--index", str(index), "--quiet").returncode == 0
    before = sorted(p.name for p in index.iterdir())
    proc, line = _rebuild_paused_after_90(CLI, index)
    assert "paused after 90 files" in line
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "the index is as it was" in out
    # said at the Ctrl+C too (it said "keeping what was indexed", then "abandoned")
    assert "the rebuild is abandoned, the index stays as it was" in err
    assert "keeping what was indexed" not in err
    assert sorted(p.name for p in index.iterdir()) == before
    assert total(index, "мигрант") == 150


# The real CLI in which the second Ctrl+C comes as a stopped rebuild ends its
# first worker (right after it is killed).
SECOND_CTRL_C_AS_WORKERS_END = CLI.replace("from searchapp.cli import main", """
import multiprocessing.process, os, signal
kill = multiprocessing.process.BaseProcess.kill

def kill_then_ctrl_c(process):
    kill(process)
    multiprocessing.process.BaseProcess.kill = kill
    os.kill(os.getpid(), signal.SIGINT)

multiprocessing.process.BaseProcess.kill = kill_then_ctrl_c
from searchapp.cli import main""")


def test_a_second_ctrl_c_as_a_stopped_rebuild_ends_its_workers_stops_at_once(
    tmp_path: Path, corpus: Path, processes
) -> None:
    """It said "unexpected error: an indexing process ended unexpectedly" and
    exited 1: abandoning the writer asked the killed workers for their segments."""
    index = tmp_path / "ix"
    assert run("index", str(corpus), "--index", str(index), "--quiet").returncode == 0
    proc, _ = _rebuild_paused_after_90(SECOND_CTRL_C_AS_WORKERS_END, index)
    workers = processes.workers(proc.pid)
    assert workers
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "stopped at once" in err
    assert "unexpected" not in err and "Traceback" not in err
    assert [w for w in workers if not processes.ends(w)] == []
    assert total(index, "мигрант") == 150
    again = run("index", "--index", str(index), "--quiet")
    assert again.returncode == 0, again.stderr
    assert strays(index) == [] and total(index) == 150



# The run paused after N files stays there after the first Ctrl+C, until the second.
HELD_UNTIL_SECOND_CTRL_C = CLI.replace("from searchapp.cli import main", """
import signal
from searchapp.core.progress import Progress
wait = Progress.wait_cancelled

def held(self, timeout=None):
    wait(self)
    while True:
        signal.pause()  # until a signal: a second Ctrl+C raises KeyboardInterrupt here

Progress.wait_cancelled = held
from searchapp.cli import main""")


def _read_until(master: int, out: bytes, after: bytes, *wanted: bytes) -> bytes:
    """Read the terminal until each of ``wanted`` shows after the last ``after``."""
    while after not in out or not all(w in out.split(after)[-1] for w in wanted):
        out += os.read(master, 4096)
    return out


def test_a_second_ctrl_c_is_said_on_a_line_of_its_own_under_the_bar(
    tmp_path: Path, corpus: Path
) -> None:
    """In a terminal, "stopped at once" ran on from the progress bar's line
    ("…539.85 files/ssearchapp: stopped at once; …")."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-c", HELD_UNTIL_SECOND_CTRL_C, "100000", "index", str(corpus),
         "--index", str(tmp_path / "ix")],
        cwd=PROJECT_ROOT, env={**os.environ, "SEARCHAPP_PAUSE_AFTER": "90"},
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
    )
    os.close(slave)
    out = b""
    try:
        # Each Ctrl+C once the bar is drawn (it is, while the run waits).
        out = _read_until(master, out, b"paused after 90 files", b"90/150")
        proc.send_signal(signal.SIGINT)
        out = _read_until(master, out, b"again to stop at once", b"90/150")
        proc.send_signal(signal.SIGINT)
        out = _read_until(master, out, b"searchapp: stopped at once", b"\n")
        text = out.decode()
        said = text.index("searchapp: stopped at once")
        assert text[:said].split("\n")[-1].split("\r")[-1] == ""  # nothing before it on its line
        assert proc.wait(timeout=120) == 130
    finally:
        os.close(master)
        proc.kill()
