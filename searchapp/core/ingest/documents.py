"""PDF, Word (.docx), OpenDocument (.odt) and mail files → text and metadata.

Each format's library is imported inside its reader, so that indexing a
folder without such files (and starting the app) does not pay for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from searchapp.core.ingest import dates, mail
from searchapp.core.ingest.extracted import Extracted, FormatError
from searchapp.core.reasons import Reason, ReasonKind

TITLE_MAX = 200  # a longer first line is a paragraph, not a heading
# A first line this long beside the next ones, and long enough to reach a page's
# edge, is a paragraph's (a heading is shorter; so are all the lines of a short note).
WRAP_LINES, WRAP_SHARE, WRAP_MIN_CHARS = 3, 0.85, 60
# A PDF's metadata title that is only the name of the file it was made from:
# «Microsoft Word - отчет_финал_v2.docx», «Untitled», «Document1», «scan0001»,
# «otchet_2024», «отчет.pages» (one word with an extension, a "_" or a number
# at its end).
_FILE_NAME_TITLE = re.compile(
    r"^(?:Microsoft (?:Word|PowerPoint|Excel) - |untitled$|document\d*$)"
    r"|\.(?:docx?|odt|rtf|txt|pdf|pptx?|xlsx?)$"
    r"|^\S*(?:_|\.\w{2,7}$)\S*$|^[^\W\d]+\d+$", re.IGNORECASE)
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})")
_ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def read_pdf(data: bytes) -> Extracted:
    """The text layer of a PDF; title from the metadata, else the first line if short;
    date from a dateline, else the creation date."""
    import pypdfium2 as pdfium  # only when a PDF shows up

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise FormatError(Reason(ReasonKind.PDF_PASSWORD)) from None
        raise FormatError(Reason(ReasonKind.PDF_UNREADABLE, exc)) from None
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
        pages = [_page_text(pdf, i) for i in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        raise FormatError(Reason(ReasonKind.PDF_DAMAGED, exc)) from None
    finally:
        pdf.close()
    # pdfium marks a word hyphenated at a line end with U+FFFE and joins it.
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "")
    if not text.strip():
        raise FormatError(Reason(ReasonKind.PDF_SCANNED))
    lines = [line for line in (" ".join(line.split()) for line in text.split("\n")) if line]
    title, body = _title_and_body(meta.get("Title", ""), lines)
    return Extracted(  # the dateline may be on the line taken for the title
        title=title,
        body=body,
        date=_dateline("\n".join(lines)) or _pdf_date(meta.get("CreationDate", "")),
    )


def _page_text(pdf: object, number: int) -> str:
    page = pdf[number]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_range())
    finally:
        textpage.close()
        page.close()


def _pdf_date(value: str) -> dt.date | None:
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    try:
        date = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return date if dates.MIN_YEAR <= date.year <= dates.MAX_YEAR else None


def _title_and_body(meta_title: str, lines: list[str]) -> tuple[str, str]:
    """The metadata title, else the first line if it is a heading (short, not
    the first line of a paragraph); without either the title is left to the
    first sentence.  The only line of a PDF is its body too (as a .docx's only
    paragraph is)."""
    title = " ".join(meta_title.split())
    if _FILE_NAME_TITLE.search(title):  # what the converter knew, not the article's title
        title = ""
    if lines and (lines[0] == title or (not title and len(lines[0]) <= TITLE_MAX
                                        and not _wrapped(lines))):
        title, lines = lines[0], lines[1:] or lines
    return title, "\n".join(lines)


def _wrapped(lines: list[str]) -> bool:
    """Is the first line a paragraph's, broken at the page's edge?  It is then
    about as long as the longest of the lines after it; a heading is shorter."""
    after = lines[1:1 + WRAP_LINES]
    first = len(lines[0])
    return bool(after) and first >= WRAP_MIN_CHARS and first >= WRAP_SHARE * max(map(len, after))


def read_docx(data: bytes) -> Extracted:
    """Paragraphs and tables of a Word document; title from the properties, else the first
    heading; date from a dateline, else the creation date."""
    import docx  # python-docx, only when a .docx shows up
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FormatError(Reason(ReasonKind.WORD_UNREADABLE, exc)) from None
    props = document.core_properties
    paragraphs = [(p.style.name if p.style else "", " ".join(p.text.split()))
                  for p in document.paragraphs]
    paragraphs = [(style, text) for style, text in paragraphs if text]
    cells = [" ".join(cell.text.split()) for table in document.tables
             for row in table.rows for cell in row.cells]
    heading = next((text for style, text in paragraphs
                    if style == "Title" or style.startswith("Heading")), "")
    title = " ".join((props.title or "").split()) or heading
    lines = [text for _, text in paragraphs] + [c for c in dict.fromkeys(cells) if c]
    if lines and lines[0] == title:
        lines = lines[1:]
    body = "\n".join(lines)
    return Extracted(
        title=title,
        body=body,
        date=_dateline(body) or dates.parse_value(props.created),
    )


def read_odt(data: bytes) -> Extracted:
    """Headings and paragraphs of an OpenDocument text; title from meta.xml, else the first
    heading; date from a dateline, else the creation date."""
    from lxml import etree  # only when an .odt shows up

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as odf:
            content = etree.fromstring(odf.read("content.xml"))
            meta = etree.fromstring(odf.read("meta.xml")) if "meta.xml" in odf.namelist() else None
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise FormatError(Reason(ReasonKind.ODT_UNREADABLE, exc)) from None
    blocks = content.iterfind(".//office:body//*", _ODF)
    wanted = {f"{{{_ODF['text']}}}p", f"{{{_ODF['text']}}}h"}
    items = [(el.tag.endswith("}h"), " ".join(_odf_text(el, wanted).split()))
             for el in blocks if el.tag in wanted]
    items = [(is_heading, text) for is_heading, text in items if text]
    meta_title = meta.findtext(".//dc:title", "", _ODF) if meta is not None else ""
    created = meta.findtext(".//meta:creation-date", "", _ODF) if meta is not None else ""
    heading = next((text for is_heading, text in items if is_heading), "")
    title = " ".join(meta_title.split()) or heading
    lines = [text for _, text in items]
    if lines and lines[0] == title:
        lines = lines[1:]
    body = "\n".join(lines)
    return Extracted(
        title=title,
        body=body,
        date=_dateline(body) or dates.parse_value(created),
    )


def _dateline(body: str) -> dt.date | None:
    """The dateline a document opens with (as a .txt file's), else one on a line of its own
    near the top; not a date mentioned further on, which would beat the creation date."""
    return dates.opening_dateline(body) or dates.find_dateline(body, fallback=False)


_ODF_SPACE = f"{{{_ODF['text']}}}s"
_ODF_BREAKS = {f"{{{_ODF['text']}}}tab", f"{{{_ODF['text']}}}line-break"}
_ODF_NOTE = f"{{{_ODF['text']}}}note"


def _odf_text(paragraph: Any, blocks: set[str]) -> str:
    """A paragraph's text: ``text:s`` (a run of spaces, ``text:c`` of them), tabs and line
    breaks as spaces; a footnote's text, and a paragraph inside it or in a frame, left to
    the walk of the blocks, which reaches it right after this one (so it is there once,
    after the paragraph, not inlined into a sentence and then repeated)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == _ODF_SPACE:
                count = child.get(f"{{{_ODF['text']}}}c", "1")
                parts.append(" " * (int(count) if count.isdigit() else 1))
            elif child.tag in _ODF_BREAKS:
                parts.append(" ")
            elif isinstance(child.tag, str) and child.tag != _ODF_NOTE \
                    and child.tag not in blocks:  # not an XML comment either
                walk(child)
            parts.append(child.tail or "")

    walk(paragraph)
    return "".join(parts)


READERS: dict[str, Callable[[bytes], Extracted]] = {
    ".pdf": read_pdf, ".docx": read_docx, ".odt": read_odt,
    ".eml": mail.read_eml, ".mhtml": mail.read_mhtml, ".mht": mail.read_mhtml,
}
DOCUMENT_SUFFIXES = frozenset(READERS)
