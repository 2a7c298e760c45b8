"""Export a result list (with its filters) to CSV or JSON, and cite an article."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from searchapp.core.backend import SearchBackend
from searchapp.core.results import ArticleView, Hit, SearchRequest

PAGE = 200
FIELDS = ("title", "source", "date", "lang", "score", "path", "snippet")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet take a cell for a formula (OWASP's list)."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_CREATE_MODE = 0o666 & ~_umask()  # read once, at import: os.umask is process-wide


def all_hits(engine: SearchBackend, req: SearchRequest) -> Iterator[Hit]:
    """Every hit of ``req`` in its order, page by page."""
    offset = 0
    while True:
        resp = engine.search(dataclasses.replace(req, offset=offset, limit=PAGE,
                                                 with_facets=False))
        yield from resp.hits
        offset += len(resp.hits)
        if not resp.hits or offset >= resp.total:
            return


def _cell(text: str) -> str:
    """Text as a spreadsheet shows it: one that would be a formula
    (``=HYPERLINK(…)`` in a scraped title) gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_row(hit: Hit) -> dict[str, object]:
    return {k: _cell(v) if isinstance(v, str) else v for k, v in _row(hit).items()}


def _row(hit: Hit) -> dict[str, object]:
    return {
        "title": hit.title,
        "source": hit.source,
        "date": hit.date.isoformat() if hit.date else "",
        "lang": hit.lang,
        "score": hit.score,
        "path": hit.path,
        "snippet": hit.snippet_text(),
    }


def _write_atomically(path: Path, write: Callable[[TextIO], None], encoding: str) -> None:
    """Write through a temporary file renamed over ``path``, with the
    permissions of the file it replaces, else those a new file gets."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = _CREATE_MODE
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)  # mkstemp makes it private (0600)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_results(engine: SearchBackend, req: SearchRequest, path: Path) -> int:
    """Write every result of ``req`` to ``path`` (.csv or .json); return how many.

    A CSV file is for spreadsheets: UTF-8 with a byte order mark (else Excel
    reads Cyrillic as another code page), a cell that would be a formula
    starts with an apostrophe."""
    json_out = path.suffix.lower() == ".json"
    rows = [(_row if json_out else _csv_row)(h) for h in all_hits(engine, req)]
    if json_out:
        filters = {
            "query": req.query,
            "sources": sorted(req.sources),
            "langs": sorted(req.langs),
            "since": req.since.isoformat() if req.since else None,
            "until": req.until.isoformat() if req.until else None,
            "sort": req.sort.value,
        }
        _write_atomically(path, lambda f: json.dump(
            {"search": filters, "total": len(rows), "articles": rows}, f,
            ensure_ascii=False, indent=1), "utf-8")
    else:
        def write_csv(f: TextIO) -> None:
            writer = csv.DictWriter(f, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(rows)

        _write_atomically(path, write_csv, "utf-8-sig")
    return len(rows)


def citation(article: Hit | ArticleView, *, source: str | None = None,
             no_date: str = "n.d.") -> str:
    """«Title». Source, YYYY-MM-DD. path

    A front end words the source (``source``: the window's «Не указан» for the
    unknown one; default, as stored) and a missing date (``no_date``) in its
    language.  A date word that ends with a full stop ends the sentence: "n.d."
    was followed by another (``Unknown, n.d.. /path``)."""
    date = article.date.isoformat() if article.date else no_date
    stop = "" if date.endswith(".") else "."
    return f"«{article.title}». {source or article.source}, {date}{stop} {article.path}"
