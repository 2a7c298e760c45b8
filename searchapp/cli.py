"""Command line: ``searchapp index|folders|forget|search``, and the window.

Exit codes: 0 success (also with no hits), 1 the index is missing, busy,
damaged or cannot be written, 2 a usage error (a path that does not exist),
130 / 143 an indexing run stopped by SIGINT / SIGTERM (what it did is kept).
Errors are one line on stderr: ``searchapp: error: …`` for a usage error
(argparse's too, whatever the command), ``searchapp: …`` for the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from searchapp import __version__
from searchapp.core.backend import cluster_available, is_cluster_file
from searchapp.core.errors import SearchappError, UsageError
from searchapp.core.paths import default_index_dir
from searchapp.core.progress import IndexReport, Progress
from searchapp.core.results import SearchRequest, SearchResponse, Sort
from searchapp.interrupts import STOPPED_AT_ONCE, STOPPING, STOPPING_REBUILD, Interrupts

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
USAGE_ERROR = "searchapp: error: "  # what a usage error (exit 2) begins with, whatever the command
_BOLD, _RESET = "\033[1;33m", "\033[0m"


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)$")


def _close(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` was most likely meant to be (a slip of a letter or two)."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        invalid = _INVALID_CHOICE.search(message)
        if invalid:  # «searchapp serch x», «--sort newst»: argparse lists the choices only
            choices = [c.strip().strip("'") for c in invalid.group(2).split(",")]
            meant = _close(invalid.group(1), choices)
            if meant is not None:
                message += f"; did you mean '{meant}'?"
        elif ((self.prog.endswith(" search") and ("QUERY" in message or "arguments:" in message))
              or "arguments: -" in message):
            # «searchapp search -миграция»: argparse took a word of the query for an option
            message += (" (a query is one argument, quoted if it has several words; one that "
                        "starts with '-' goes after '--', every option before it: "
                        "searchapp search --limit 5 -- '-word')")
        # One prefix for every usage error, argparse's and the app's own (see main):
        # not argparse's "searchapp search: error:".
        self.exit(EXIT_USAGE, f"{USAGE_ERROR}{message}\n")


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


_INDEX_HELP = ("index folder, or a cluster file (*.toml) (default: $SEARCHAPP_INDEX, else the "
               "app's own index: index/ in a source checkout, the user data folder when "
               "installed)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="searchapp",
        description="Full-text search for Russian and English news archives. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"searchapp {__version__}")
    parser.add_argument("--index", type=Path, metavar="DIR", help=_INDEX_HELP)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
        p.add_argument("--index", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                       help=_INDEX_HELP)
        return p

    p_index = command("index", "add folders to the index, or bring all its folders up to date")
    p_index.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="a folder, or a file in an article format, to add to the index and read "
        "(default: none; every folder of the index is brought up to date)",
    )
    p_index.add_argument(
        "--rebuild", action="store_true",
        help="re-read every folder of the index into a new index that replaces the old one "
        "when it is complete (default: read only new and changed files, drop deleted ones)",
    )
    p_index.add_argument(
        "--quiet", action="store_true",
        help="show no progress bar (default: a bar on stderr when it is a terminal)",
    )

    command("folders", "list the folders of the index")

    p_forget = command("forget", "take a folder off the index (its articles leave the index)")
    p_forget.add_argument("folder", type=Path, metavar="FOLDER",
                          help="a folder listed by 'searchapp folders' (its files stay)")

    p_search = command("search", "search the index")
    p_search.add_argument(
        "query", metavar="QUERY",
        help='words to find, e.g. миграция, "Красный Полумесяц", migra*; quoted if it has '
        "several words, after '--' if it starts with '-'",
    )
    p_search.add_argument(
        "--source", action="append", default=[], metavar="NAME",
        help="only articles of this source; repeat it for several (default: every source)",
    )
    p_search.add_argument("--since", type=_date_arg, metavar="YYYY-MM-DD",
                          help="only articles dated this day or later (default: any date)")
    p_search.add_argument("--until", type=_date_arg, metavar="YYYY-MM-DD",
                          help="only articles dated this day or earlier (default: any date)")
    p_search.add_argument(
        "--lang", choices=["ru", "en"], action="append", default=[],
        help="only articles in this language; repeat it for both (default: every language)",
    )
    p_search.add_argument(
        "--sort", choices=[s.value for s in Sort], default=Sort.RELEVANCE.value,
        help="order of the hits: best match first (newest first for a query of no words), "
        "newest or oldest first (default: %(default)s)",
    )
    p_search.add_argument("--limit", type=_positive, default=10, metavar="N",
                          help="show at most N hits (default: %(default)s)")
    p_search.add_argument("--offset", type=_positive, default=0, metavar="N",
                          help="skip the first N hits, to page through them (default: %(default)s)")
    p_search.add_argument("--json", action="store_true",
                          help="print one JSON object (default: text for a reader)")
    p_search.add_argument(
        "--no-names", dest="names", action="store_false",
        help="do not match names across scripts, Tokayev with Токаев (default: matched)",
    )
    return parser


def _instead_of_cluster(cluster_file: Path, command: str | None) -> Path:
    """The Whoosh index to read when the Xapian bindings are missing (said on
    stderr).  The cluster file is checked all the same; ``index`` and
    ``forget`` are refused: they would change another index than the one named."""
    from searchapp.core.cluster.config import XAPIAN_MISSING, load_cluster

    load_cluster(cluster_file)
    if command in ("index", "forget"):
        raise UsageError(f"{cluster_file} is a cluster, and {XAPIAN_MISSING}; nothing was written")
    index_dir = default_index_dir()
    print(f"searchapp: no Xapian bindings (pip install 'searchapp[cluster]'): "
          f"using the Whoosh index at {index_dir}", file=sys.stderr)
    return index_dir


def _unknown_option(parser: argparse.ArgumentParser, command: str | None,
                    extras: list[str], dashes: bool) -> NoReturn:
    """Say what of the arguments no parser took: an option misspelt
    («--limt 3»: the close one), else argparse's words (a query's «-word»;
    after ``dashes``, '--', every argument is a word of the query)."""
    own = parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            own = action.choices[command]
    options = [s for a in own._actions for s in a.option_strings]
    typed = next((a.split("=", 1)[0] for a in extras if a.startswith("-") and a != "-"), None)
    if typed is not None and typed not in options and not dashes:
        meant = _close(typed, options)
        prog = own.prog
        if meant is not None:
            own.error(f"unknown option '{typed}' (did you mean '{meant}'? see '{prog} --help')")
        if typed.startswith("--"):
            own.error(f"unknown option '{typed}' (see '{prog} --help')")
    own.error(f"unrecognized arguments: {' '.join(extras)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        _unknown_option(parser, args.command, extras,
                        "--" in (sys.argv[1:] if argv is None else argv))
    index_dir: Path = args.index or default_index_dir()
    try:
        if is_cluster_file(index_dir) and not cluster_available():
            index_dir = _instead_of_cluster(index_dir, args.command)
        if args.command == "index":
            return _index(index_dir, args.paths, args.rebuild, args.quiet)
        if args.command == "folders":
            return _folders(index_dir)
        if args.command == "forget":
            return _forget(index_dir, args.folder)
        if args.command == "search":
            return _search(index_dir, args)
        return _window(index_dir)
    except UsageError as exc:
        print(f"{USAGE_ERROR}{exc}", file=sys.stderr)
        return EXIT_USAGE
    except SearchappError as exc:
        print(f"searchapp: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("searchapp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `searchapp search … | head`: the reader has had enough
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
        return EXIT_OK
    except Exception as exc:
        log = _log_crash()
        print(f"searchapp: unexpected error: {exc} (details in {log})", file=sys.stderr)
        return EXIT_FAILED


def _log_crash() -> Path:
    """Write the current traceback to a file and return its path."""
    import tempfile
    import traceback

    path = Path(tempfile.gettempdir()) / "searchapp-error.log"
    with path.open("a", encoding="utf-8") as f:
        f.write(f"--- {dt.datetime.now().isoformat()} searchapp {__version__}\n")
        traceback.print_exc(file=f)
    return path


def _index(index_dir: Path, paths: list[Path], rebuild: bool, quiet: bool) -> int:
    from searchapp.core.indexer import first_start_folders, index_folders, update_index

    roots = paths or first_start_folders(index_dir) or None
    if roots is None and not index_folders(index_dir):
        raise UsageError(
            f"the index at {index_dir} has no folders yet: add one with 'searchapp index PATH'"
        )
    progress = Progress(on_article=_pause_hook())
    # A cluster run may wait on a shard that hangs: a second signal ends it
    # from a thread of its own (see searchapp.interrupts).
    cluster = is_cluster_file(index_dir)
    # A stopped rebuild of an index folder keeps nothing of it (a cluster's keeps what it read).
    stopping = STOPPING_REBUILD if rebuild and not cluster else STOPPING
    with Interrupts(progress, exit_at_once=cluster, stopping=stopping) as interrupts, \
            _ProgressBar(progress, quiet) as bar:
        try:
            report = update_index(index_dir, roots, rebuild=rebuild, progress=progress)
        except KeyboardInterrupt:  # a second signal: stop at once
            bar.close()  # the bar's line is cleared: the message does not run on from it
            print(STOPPED_AT_ONCE, file=sys.stderr)
            return interrupts.exit_code
    _print_report(index_dir, report, rebuild)
    if report.cancelled:
        return interrupts.exit_code
    return EXIT_OK


def _print_report(index_dir: Path, report: IndexReport, rebuild: bool) -> None:
    if report.cancelled and rebuild and is_cluster_file(index_dir):
        # A cluster rebuilds in place: what was read again is kept.
        print(f"Stopped: {_articles(report.kept)} read again into {index_dir} "
              f"({report.summary()}), the others as they were; 'searchapp index --rebuild' "
              "reads them all again.")
    elif report.cancelled and rebuild:
        print(f"Stopped: the rebuild of {index_dir} was abandoned, the index is as it was.")
    elif report.cancelled:
        print(f"Stopped: {_articles(report.kept)} kept in {index_dir} ({report.summary()}); "
              "'searchapp index' does the rest.")
    else:
        print(f"Indexed into {index_dir}: {report.summary()} in {report.seconds:.1f} s")
        if report.rebuilt:
            print("The index was built from scratch.")
        elif report.reread:
            print("Every article was read again: this version of searchapp reads files "
                  "differently from the one that made the index.")
    for path, reason in report.warnings:
        print(f"  warning: {path}: {reason}")
    for path, reason in report.failed:
        print(f"  skipped {path}: {reason}")
    if report.not_read:
        print(f"  {report.not_read_line()}")


def _articles(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


RATE_AFTER = 1.0
"""Seconds of a run's reading before the bar shows its rate: over less, a rate says
nothing (103 files read ahead in a millisecond showed 116,477 files/s)."""


class _ProgressBar:
    """A tqdm bar on ``file`` (stderr), refreshed from the run's
    :class:`Progress` by a thread of its own (the run itself is on the main
    thread, where signals are handled).  It appears with the run's first
    phase (not as ": 0/0 ? files/s"), shows its rate from
    :data:`RATE_AFTER` seconds on, and leaves the line blank when it ends."""

    def __init__(self, progress: Progress, quiet: bool, file: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.progress = progress
        self.file = file if file is not None else sys.stderr
        self.clock = clock
        isatty = getattr(self.file, "isatty", None)
        self.enabled = not quiet and isatty is not None and bool(isatty())
        self.bar: Any = None  # a tqdm, from the first frame on
        self._run: tuple[int, float, int] | None = None  # files to read, since, done then
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="progress", daemon=True)

    def __enter__(self) -> _ProgressBar:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop drawing and clear the bar's line (what is said next starts a line)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _poll(self) -> None:
        while not self._stop.wait(0.1):
            self.draw()

    def rate(self) -> str:
        """Files per second since the run knew how many it reads (its commits
        count: they are part of the work), "" until it means something."""
        p, now = self.progress, self.clock()
        if self._run is None or self._run[0] != p.total:
            self._run = (p.total, now, p.done)
        _, since, done_then = self._run
        if now - since < RATE_AFTER or p.done <= done_then:
            return ""
        per_second = (p.done - done_then) / (now - since)
        return f"{per_second:.0f} files/s" if per_second >= 10 else f"{per_second:.1f} files/s"

    def draw(self) -> None:
        """One frame (none before the run has said what it is doing)."""
        p = self.progress
        if not p.phase:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=p.total, desc=p.phase, unit=" files", file=self.file,
                            dynamic_ncols=True,
                            leave=False, bar_format="{desc}: {n_fmt}/{total_fmt} {bar}")
        elif p.total and self.bar.total != p.total:
            self.bar.reset(total=p.total)
        rate = self.rate()
        self.bar.bar_format = "{desc}: {n_fmt}/{total_fmt} {bar}" + (f" {rate}" if rate else "")
        self.bar.n = p.done
        self.bar.set_description_str(p.phase, refresh=False)
        self.bar.refresh()


def _pause_hook() -> Callable[[Progress], None] | None:
    """``$SEARCHAPP_PAUSE_AFTER=N``: after N files the run says so on stderr and
    waits for a signal — a hook for tests that stop a run at a known point
    without a clock."""
    try:
        after = int(os.environ.get("SEARCHAPP_PAUSE_AFTER", ""))
    except ValueError:
        return None

    def pause(progress: Progress) -> None:
        if progress.done == after:
            print(f"searchapp: paused after {after} files", file=sys.stderr, flush=True)
            progress.wait_cancelled()

    return pause


def _folders(index_dir: Path) -> int:
    from searchapp.core import store
    from searchapp.core.backend import is_cluster_file
    from searchapp.core.indexer import index_folders

    if not is_cluster_file(index_dir):
        store.require_index(index_dir)
    found = index_folders(index_dir)
    if not found:
        print(f"The index at {index_dir} has no folders; add one with 'searchapp index PATH'.")
    for folder in found:
        print(folder if folder.exists() else f"{folder}  (not found: its articles are kept)")
    return EXIT_OK


def _forget(index_dir: Path, folder: Path) -> int:
    from searchapp.core.indexer import forget_folder

    removed = forget_folder(index_dir, folder)
    print(f"Forgot {folder}: {_articles(removed)} left the index.")
    return EXIT_OK


def _search(index_dir: Path, args: argparse.Namespace) -> int:
    from searchapp.core.backend import open_backend

    if args.since and args.until and args.since > args.until:
        raise UsageError("--since is after --until")
    req = SearchRequest(
        query=args.query,
        sources=frozenset(args.source),
        langs=frozenset(args.lang),
        since=args.since,
        until=args.until,
        sort=Sort(args.sort),
        offset=args.offset,
        limit=args.limit,
        names=args.names,
    )
    engine = open_backend(index_dir)
    try:
        resp = engine.search(req)
    finally:
        engine.close()
    if args.json:
        json.dump(response_json(resp), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_text(resp, color=sys.stdout.isatty())
    return EXIT_OK


def response_json(resp: SearchResponse) -> dict[str, object]:
    """The ``--json`` contract."""
    return {
        "query": resp.request.query,
        "total": resp.total,
        "notice": resp.notice,
        "notices": [n.as_json() for n in resp.notices],
        "suggestion": resp.suggestion,
        "hits": [
            {
                "path": h.path,
                "title": h.title,
                "source": h.source,
                "date": h.date.isoformat() if h.date else None,
                "lang": h.lang,
                "score": h.score,
                "snippet": h.snippet_html(),
            }
            for h in resp.hits
        ],
        "facets": {
            "source": resp.facets.source,
            "year": resp.facets.year,
            "month": resp.facets.month,
            "lang": resp.facets.lang,
        },
    }


def _print_text(resp: SearchResponse, color: bool) -> None:
    if resp.notice:
        print(resp.notice)
    first = resp.request.offset + 1
    print(f"{_articles(resp.total)} ({resp.elapsed_ms:.0f} ms)")
    if resp.suggestion:
        print(f"Did you mean: {resp.suggestion}?")
    for n, hit in enumerate(resp.hits, first):
        date = hit.date.isoformat() if hit.date else "no date"
        print(f"\n{n}. {hit.title}\n   {hit.source} · {date} · {hit.lang} · {hit.path}")
        for frag in hit.fragments:
            text, out, pos = frag.text, [], 0
            for s, e in frag.spans:
                out += [text[pos:s], f"{_BOLD}{text[s:e]}{_RESET}" if color else text[s:e]]
                pos = e
            out.append(text[pos:])
            print("   " + ("… " if frag.leading else "") + "".join(out)
                  + (" …" if frag.trailing else ""))


def _no_display() -> str | None:
    """Why the window cannot open here (Qt would abort with a core dump), or None."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return ("no display to open the window on: start it in a desktop session "
                "('searchapp search' works without one)")
    import ctypes.util

    if not os.environ.get("WAYLAND_DISPLAY") and not ctypes.util.find_library("xcb-cursor"):
        return ("Qt needs system libraries that are missing (libxcb-cursor0 and others): "
                "install them with 'sudo bash tools/install-qt-libs.sh'")
    return None


def _window(index_dir: Path) -> int:
    if is_cluster_file(index_dir):
        from searchapp.core.cluster.config import load_cluster

        load_cluster(index_dir)  # a bad cluster file: one line here, not in the window
    else:  # a file: one line here, not an empty window that fails when fed
        from searchapp.core import store

        store.refuse_file(index_dir)
    problem = _no_display()
    if problem:
        print(f"searchapp: {problem}", file=sys.stderr)
        return EXIT_FAILED
    try:
        from searchapp.ui.app import main as gui_main
    except ImportError as exc:
        print(f"searchapp: the window is not available ({exc})", file=sys.stderr)
        return EXIT_FAILED
    return gui_main(["--index", str(index_dir)])
