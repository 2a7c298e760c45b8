"""The article record shared by ingest, indexing and search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UNKNOWN_SOURCE = "Unknown"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file, cleaned and with metadata.

    ``date`` is None when no date was found; ``lang`` is "ru" or "en";
    ``warnings`` say what was wrong with a file that was still read.
    """

    path: str
    title: str
    body: str
    date: dt.date | None = None
    source: str = UNKNOWN_SOURCE
    lang: str = "en"
    url: str = ""
    warnings: tuple[str, ...] = ()
