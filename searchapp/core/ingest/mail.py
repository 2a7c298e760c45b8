"""E-mail (.eml) and saved web pages in one file (.mhtml/.mht), by the standard library.

An .mhtml file is a MIME message whose text/html part is the page: it goes
through the HTML path, with the message's Subject, Date and
Content-Location as fallbacks.  An .eml keeps its whole text/plain (or
text/html) body, so that a newsletter digest is indexed in full; Subject is
the title, the Date header the date, and the sender's organisation, name or
domain the source unless the text names an outlet.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from searchapp.core.ingest.encoding import DecodeError, decode
from searchapp.core.ingest.extracted import Extracted, FormatError
from searchapp.core.ingest.html import extract_html, page_text
from searchapp.core.reasons import Reason, ReasonKind

_ADDRESS = re.compile(r"[^\s<>\"@]+@[^\s<>\"@]+")

if TYPE_CHECKING:  # the email package is imported only when such a file shows up
    from email.message import EmailMessage, Message


def _parse(data: bytes) -> EmailMessage:
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    msg = message_from_bytes(data, policy=policy.default)
    if not isinstance(msg, EmailMessage) or not msg.keys():
        raise FormatError(Reason(ReasonKind.NOT_MIME))
    return msg


def _text(part: Message) -> str:
    """A text part's content in its declared charset; without one (Chrome's
    saved pages), or when the bytes are not in it, told from the bytes as a
    text file's are (UTF-8, cp1251, koi8-r, stray bytes)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeError):
            pass
    try:
        return decode(payload)
    except DecodeError:
        return payload.decode("utf-8", "replace")


def _header(msg: Message, name: str) -> str:
    try:
        return " ".join(str(msg.get(name, "") or "").split())
    except (ValueError, TypeError, IndexError):  # a malformed header
        return ""


def _date(msg: Message) -> dt.date | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(_header(msg, "Date")).date()
    except (TypeError, ValueError, IndexError):
        return None


def _first_part(msg: EmailMessage, subtype: str) -> Message | None:
    return next((p for p in msg.walk() if p.get_content_type() == f"text/{subtype}"), None)


def read_mhtml(data: bytes) -> Extracted:
    """The page inside a saved .mhtml/.mht file, through the HTML path."""
    msg = _parse(data)
    part = _first_part(msg, "html")
    if part is None:
        raise FormatError(Reason(ReasonKind.NO_SAVED_PAGE))
    page = extract_html(_text(part))
    url = (page.url or _header(part, "Content-Location")
           or _header(msg, "Snapshot-Content-Location"))
    return Extracted(
        title=page.title or _header(msg, "Subject"),
        body=page.body,
        date=page.date or _date(msg),
        source=page.source,
        url=url,
    )


def read_eml(data: bytes) -> Extracted:
    """An e-mail: its text/plain body, else the text of its text/html body,
    then every message forwarded as an attachment (its headers, then its text)."""
    msg = _parse(data)
    body = _own_text(msg)
    forwarded = [_forwarded_text(m) for m in _forwarded(msg)]
    if not body.strip() and not forwarded:  # a page sent as an attachment
        html = _first_part(msg, "html")
        body = page_text(_text(html)) if html is not None else ""
    body = "\n\n".join(t for t in (body.strip(), *forwarded) if t)
    lines = (" ".join(line.split()) for line in body.replace("\r\n", "\n").split("\n"))
    return Extracted(
        title=_header(msg, "Subject"),
        body="\n".join(lines).strip(),
        date=_date(msg),
        source_fallback=_sender(msg),
    )


def _own_text(msg: EmailMessage) -> str:
    """The message's own body (not its attachments): text/plain, else text/html's text."""
    plain = msg.get_body(preferencelist=("plain",))
    if plain is not None and _text(plain).strip():
        return _text(plain)
    html = msg.get_body(preferencelist=("html",))
    return page_text(_text(html)) if html is not None else ""


def _forwarded(msg: EmailMessage) -> list[EmailMessage]:
    """The messages attached to ``msg`` (``message/rfc822``: "Forward as
    attachment"), nested ones after their parent, in order."""
    from email.message import EmailMessage

    out: list[EmailMessage] = []
    # A letter that is itself a forwarded one (its whole body message/rfc822) or
    # has some attached.
    parts = [msg] if msg.get_content_type() == "message/rfc822" else msg.iter_attachments()
    for part in parts:
        if part.get_content_type() == "message/rfc822":
            try:
                inner = part.get_content()
            except (KeyError, LookupError, ValueError):
                continue
            if isinstance(inner, EmailMessage):
                out += [inner, *_forwarded(inner)]
    return out


def _forwarded_text(msg: EmailMessage) -> str:
    """A forwarded message as its reader sees it: who, when, what, then its text."""
    heads = [f"{name}: {value}" for name in ("From", "Date", "Subject")
             if (value := _header(msg, name))]
    text = _own_text(msg).strip()
    return "\n".join(heads) + ("\n\n" + text if text else "") if heads or text else ""


def _sender(msg: Message) -> str:
    """The sender's organisation, else display name, else mail domain."""
    from email.utils import parseaddr

    organisation = _header(msg, "Organization")
    if organisation:
        return organisation
    name, address = parseaddr(_header(msg, "From"))
    if not _ADDRESS.fullmatch(address):  # one encoded word holding «Иван <ivan@mail.ru>»
        name, address = parseaddr(_decoded_raw(msg, "From"))
    return name.strip() or address.rpartition("@")[2].lower()


def _decoded_raw(msg: Message, name: str) -> str:
    """A header as written, its encoded words decoded before it is parsed: Python's
    compat32 policy writes «Иван <ivan@mail.ru>» as one encoded word, which the default
    policy reads as a quoted name without an address.  (Not the first choice: decoded
    first, «Иванов, Иван» in an encoded word would read as two addresses.)"""
    from email.errors import HeaderParseError
    from email.header import decode_header, make_header

    raw = next((value for key, value in msg.raw_items() if key.lower() == name.lower()), "")
    try:
        return " ".join(str(make_header(decode_header(str(raw)))).split())
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        return ""
