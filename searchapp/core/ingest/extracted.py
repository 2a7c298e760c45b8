"""What a format reader gives back: text and metadata, before an Article is made of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class FormatError(ValueError):
    """The file is not readable in its format; ``reason`` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Extracted:
    """Title, body, date, source and URL as far as the file tells them.

    ``source_fallback`` (an e-mail's sender) is used only when neither the
    metadata nor the text names an outlet.
    """

    title: str
    body: str
    date: dt.date | None = None
    source: str = ""
    url: str = ""
    source_fallback: str = ""
