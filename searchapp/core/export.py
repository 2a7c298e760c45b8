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


def _write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_results(engine: SearchBackend, req: SearchRequest, path: Path) -> int:
    """Write every result of ``req`` to ``path`` (.csv or .json); return how many."""
    rows = [_row(h) for h in all_hits(engine, req)]
    if path.suffix.lower() == ".json":
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
            ensure_ascii=False, indent=1))
    else:
        def write_csv(f: TextIO) -> None:
            writer = csv.DictWriter(f, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(rows)

        _write_atomically(path, write_csv)
    return len(rows)


def citation(article: Hit | ArticleView) -> str:
    """«Title». Source, YYYY-MM-DD. path"""
    date = article.date.isoformat() if article.date else "n.d."
    return f"«{article.title}». {article.source}, {date}. {article.path}"
