"""Command line: ``searchapp index``, ``searchapp search``, and the window.

Exit codes: 0 success (also with no hits), 1 the index is missing, busy or
damaged, 2 a usage or query error.  Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from searchapp import __version__
from searchapp.core.errors import SearchappError
from searchapp.core.paths import SEEDS_DIR, default_index_dir
from searchapp.core.progress import IndexReport, Progress
from searchapp.core.results import SearchRequest, SearchResponse, Sort

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_BOLD, _RESET = "\033[1;33m", "\033[0m"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="searchapp",
        description="Full-text search for Russian and English news archives. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"searchapp {__version__}")
    parser.add_argument(
        "--index", type=Path, help="index folder (default: index/ or $SEARCHAPP_INDEX)"
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p_index = sub.add_parser("index", help="index folders of articles (new and changed files only)")
    p_index.add_argument("paths", nargs="*", type=Path, help="folders or files (default: seeds/)")
    p_index.add_argument("--index", type=Path, default=argparse.SUPPRESS, help="index folder")
    p_index.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    p_index.add_argument("--quiet", action="store_true", help="no progress bar")

    p_search = sub.add_parser("search", help="search the index")
    p_search.add_argument("query", help='query, e.g. миграция, "Красный Полумесяц", migra*')
    p_search.add_argument("--index", type=Path, default=argparse.SUPPRESS, help="index folder")
    p_search.add_argument(
        "--source", action="append", default=[], help="only this source (repeatable)"
    )
    p_search.add_argument("--since", type=_date_arg, help="from this date, YYYY-MM-DD")
    p_search.add_argument("--until", type=_date_arg, help="up to this date, YYYY-MM-DD")
    p_search.add_argument("--lang", choices=["ru", "en"], action="append", default=[])
    p_search.add_argument("--sort", choices=[s.value for s in Sort], default=Sort.RELEVANCE.value)
    p_search.add_argument("--limit", type=_positive, default=10)
    p_search.add_argument("--offset", type=_positive, default=0)
    p_search.add_argument("--json", action="store_true", help="print one JSON object")
    p_search.add_argument("--no-names", dest="names", action="store_false",
                          help="do not match names across scripts (Tokayev ↔ Токаев)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    index_dir: Path = args.index or default_index_dir()
    try:
        if args.command == "index":
            return _index(index_dir, args.paths or [SEEDS_DIR], args.rebuild, args.quiet)
        if args.command == "search":
            return _search(index_dir, args)
        return _window(index_dir)
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
    from tqdm import tqdm

    from searchapp.core.indexer import update_index

    progress = Progress()
    outcome: dict[str, IndexReport | BaseException] = {}

    def work() -> None:
        try:
            outcome["report"] = update_index(index_dir, paths, rebuild=rebuild, progress=progress)
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="indexer")
    worker.start()
    bar = tqdm(total=0, unit="file", disable=quiet or None, dynamic_ncols=True, leave=False)
    try:
        while worker.is_alive():
            worker.join(0.1)
            if progress.total and bar.total != progress.total:
                bar.reset(total=progress.total)
            bar.n = progress.done
            bar.set_description(progress.phase)
            bar.refresh()
    except KeyboardInterrupt:
        print("\nsearchapp: stopping, keeping what was indexed…", file=sys.stderr)
        progress.cancel()
        worker.join()
    finally:
        bar.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    report = outcome["report"]
    assert isinstance(report, IndexReport)
    print(f"Indexed into {index_dir}: {report.summary()} in {report.seconds:.1f} s")
    if report.rebuilt:
        print("The index was built from scratch.")
    for path, reason in report.failed:
        print(f"  skipped {path}: {reason}")
    for path, reason in report.warnings:
        print(f"warning: {path}: {reason}")
    if report.not_read:
        print(report.not_read_line())
    return EXIT_OK


def _search(index_dir: Path, args: argparse.Namespace) -> int:
    from searchapp.core.engine import SearchEngine

    if args.since and args.until and args.since > args.until:
        print("searchapp: error: --since is after --until", file=sys.stderr)
        return EXIT_USAGE
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
    engine = SearchEngine(index_dir)
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
    print(f"{resp.total} articles ({resp.elapsed_ms:.0f} ms)")
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


def _window(index_dir: Path) -> int:
    try:
        from searchapp.ui.app import main as gui_main
    except ImportError as exc:
        print(f"searchapp: the window is not available ({exc})", file=sys.stderr)
        return EXIT_FAILED
    return gui_main(["--index", str(index_dir)])
