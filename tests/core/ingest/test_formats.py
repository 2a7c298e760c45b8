"""PDF, Word, OpenDocument, e-mail and saved-page files: each found by an inflected word,
with its title, date, source and language, from a folder and from a single path.

The tests build their own small files: PDFs with fpdf2 and the DejaVu font
(Debian's fonts-dejavu-core, installed in CI by tools/install-qt-libs.sh),
.docx with python-docx, .eml and .mhtml with the standard library's email
package, .odt as the zip of XML files it is.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from searchapp.core.engine import SearchEngine
from searchapp.core.errors import ReadError
from searchapp.core.indexer import update_index
from searchapp.core.ingest import read_article
from searchapp.core.results import SearchRequest

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
)


def dejavu() -> Path:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").is_file():
            return folder / "DejaVuSans.ttf"
    pytest.fail("DejaVuSans.ttf not found: install fonts-dejavu-core (tools/install-qt-libs.sh)")


def make_pdf(lines: list[str], *, title: str = "", created: dt.datetime | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", "", str(dejavu()))
    pdf.set_font("dejavu", size=12)
    if title:
        pdf.set_title(title)
    if created:
        pdf.set_creation_date(created)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_docx(paragraphs: list[str], *, heading: str = "", title: str = "",
              created: dt.datetime | None = None) -> bytes:
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.core_properties.title = title
    if created:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(title: str, heading: str, paragraphs: list[str], created: str) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    body = f'<text:h text:outline-level="1">{heading}</text:h>' + "".join(
        f"<text:p>{p}</text:p>" for p in paragraphs
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", f'<office:document-content {ns}><office:body><office:text>'
                                    f"{body}</office:text></office:body></office:document-content>")
        odt.writestr("meta.xml", f"<office:document-meta {ns}><office:meta><dc:title>{title}"
                                 f"</dc:title><meta:creation-date>{created}</meta:creation-date>"
                                 "</office:meta></office:document-meta>")
    return out.getvalue()


def make_eml(subject: str, sender: str, date: str, plain: str = "", html: str = "",
             organization: str = "") -> bytes:
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"], msg["Date"] = subject, sender, "me@example.org", date
    if organization:
        msg["Organization"] = organization
    if plain:
        msg.set_content(plain)
    if html:
        (msg.add_alternative if plain else msg.set_content)(html, subtype="html")
    return bytes(msg)


def make_mhtml(subject: str, date: str, url: str, page: str) -> bytes:
    msg = MIMEMultipart("related", type="text/html")
    msg["From"], msg["Subject"], msg["Date"] = "<Saved by Blink>", subject, date
    msg["Snapshot-Content-Location"] = url
    part = MIMEText(page, "html", "utf-8")
    part.replace_header("Content-Transfer-Encoding", "quoted-printable")
    part.set_payload(__import__("quopri").encodestring(page.encode()).decode())
    part["Content-Location"] = url
    msg.attach(part)
    return msg.as_bytes()


RU_FLOOD = ["Паводок затопил несколько сёл под Ошем.",
            "Спасатели эвакуировали жителей, вода поднялась за одну ночь до крыш домов."]
# A word hyphenated at the end of a line, as in a typeset press release.
RU_FLOOD_HYPHENATED = ["Паводок затопил несколько сёл под Ошем. Спасатели эвакуировали жите-",
                       "лей, вода поднялась за одну ночь до крыш домов."]
EN_TRADE = ["Cotton exports from Uzbekistan rose sharply this spring.",
            "Traders said the harvest was the largest in a decade."]
PAGE = ("<html><head><title>Выборы в Бишкеке</title>"
        '<meta property="og:site_name" content="24.kg"></head><body><nav>Главная Новости</nav>'
        "<article><h1>Выборы в Бишкеке</h1><p>"
        + "Избиратели Бишкека выбирали депутатов городского кенеша. " * 6
        + "</p></article></body></html>")
DIGEST_HTML = ("<html><body><h2>Дайджест</h2><p>Засуха в Ашхабаде: урожай хлопка под угрозой.</p>"
               "<p>Курс маната остался прежним.</p><style>p{color:red}</style></body></html>")

# file name → (bytes builder, inflected query, title, date, lang, source)
CASES: dict[str, tuple[Callable[[], bytes], str, str, dt.date, str, str]] = {
    "flood.pdf": (
        lambda: make_pdf(RU_FLOOD_HYPHENATED, title="Наводнение в Оше",
                         created=dt.datetime(2024, 4, 2, 9, 30, tzinfo=dt.UTC)),
        "паводком", "Наводнение в Оше", dt.date(2024, 4, 2), "ru", "Unknown",
    ),
    "heading.pdf": (
        lambda: make_pdf(["Cotton exports rise", "Tashkent, 15 May 2024", *EN_TRADE]),
        "harvests", "Cotton exports rise", dt.date(2024, 5, 15), "en", "Unknown",
    ),
    "release.docx": (
        lambda: make_docx(RU_FLOOD, heading="Подзаголовок", title="Паводок в Оше",
                          created=dt.datetime(2024, 4, 3, 8, 0)),
        "эвакуированных", "Паводок в Оше", dt.date(2024, 4, 3), "ru", "Unknown",
    ),
    "heading.docx": (
        lambda: make_docx(["15.05.2024", *EN_TRADE], heading="Cotton harvest record"),
        "decades", "Cotton harvest record", dt.date(2024, 5, 15), "en", "Unknown",
    ),
    "note.odt": (
        lambda: make_odt("", "Снегопад в Алматы", ["Снег шёл двое суток, дороги закрыты."],
                         "2024-01-20T10:00:00"),
        "снегопадом", "Снегопад в Алматы", dt.date(2024, 1, 20), "ru", "Unknown",
    ),
    "page.mhtml": (
        lambda: make_mhtml("Выборы — 24.kg", "Tue, 05 Mar 2024 09:00:00 +0600",
                           "https://24.kg/vybory", PAGE),
        "избирателями", "Выборы в Бишкеке", dt.date(2024, 3, 5), "ru", "24.kg",
    ),
    "letter.eml": (
        lambda: make_eml("Экспорт хлопка вырос", "Пресс-служба <press@cotton.example.uz>",
                         "Wed, 15 May 2024 10:00:00 +0500",
                         plain="Экспорт хлопка из Узбекистана вырос.\n\nТрейдеры довольны.",
                         html="<p>HTML-версия: экспорт хлопка вырос.</p>",  # multipart/alternative
                         organization="Узхлопок"),
        "трейдерами", "Экспорт хлопка вырос", dt.date(2024, 5, 15), "ru", "Узхлопок",
    ),
    "digest.eml": (
        lambda: make_eml("Дайджест недели", "Asia News <digest@asia-news.example>",
                         "Mon, 20 May 2024 07:00:00 +0000", html=DIGEST_HTML),
        "засухой", "Дайджест недели", dt.date(2024, 5, 20), "ru", "Asia News",
    ),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    for name, (build, *_) in CASES.items():
        (root / name).write_bytes(build())
    return root


def hit_for(index: Path, query: str, name: str) -> tuple[str, dt.date | None, str, str]:
    engine = SearchEngine(index)
    try:
        hits = engine.search(SearchRequest(query=query, limit=50)).hits
    finally:
        engine.close()
    mine = [h for h in hits if Path(h.path).name == name]
    assert mine, (query, [Path(h.path).name for h in hits])
    return mine[0].title, mine[0].date, mine[0].lang, mine[0].source


def test_each_format_is_found_from_a_folder(folder: Path, tmp_path: Path) -> None:
    report = update_index(tmp_path / "ix", [folder])
    assert report.failed == [] and report.added == len(CASES)
    for name, (_, query, title, date, lang, source) in CASES.items():
        assert hit_for(tmp_path / "ix", query, name) == (title, date, lang, source), name


@pytest.mark.parametrize("name", list(CASES))
def test_each_format_is_found_from_a_single_path(folder: Path, tmp_path: Path, name: str) -> None:
    _, query, title, date, lang, source = CASES[name]
    report = update_index(tmp_path / "ix", [folder / name])
    assert report.failed == [] and report.added == 1
    assert hit_for(tmp_path / "ix", query, name) == (title, date, lang, source)


def test_pdf_text_and_hyphenation(folder: Path) -> None:
    a = read_article(folder / "flood.pdf")
    assert "Спасатели эвакуировали жителей, вода" in a.body and a.title not in a.body


def test_saved_page_keeps_the_url_and_drops_the_menu(folder: Path) -> None:
    a = read_article(folder / "page.mhtml")
    assert a.url == "https://24.kg/vybory" and "Главная" not in a.body


@pytest.mark.parametrize("charset, encoding", [
    (None, "utf-8"),  # Chrome writes "Content-Type: text/html" and no charset
    (None, "cp1251"),
    ("utf-8", "cp1251"),  # declared wrongly
    ("us-ascii", "utf-8"),
])
def test_a_text_part_is_read_whatever_its_charset_says(
        tmp_path: Path, charset: str | None, encoding: str) -> None:
    page = ("<html><body><article><h1>Выборы в Оше</h1><p>Явка на выборах в Оше была "
            "высокой, сообщили в избиркоме.</p></article></body></html>")
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    (tmp_path / "page.mhtml").write_bytes(
        b"From: <Saved by Blink>\r\nSubject: Vybory\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: " + content_type.encode() + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + page.encode(encoding) + b"\r\n--B--\r\n")
    a = read_article(tmp_path / "page.mhtml")
    assert "Явка на выборах в Оше была высокой" in a.body and a.lang == "ru"
    (tmp_path / "letter.eml").write_bytes(
        b"From: press@example.kg\r\nSubject: Vybory\r\nContent-Type: "
        + content_type.replace("html", "plain").encode()
        + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "Явка на выборах в Оше была высокой.".encode(encoding))
    assert read_article(tmp_path / "letter.eml").body == "Явка на выборах в Оше была высокой."


def test_multipart_mail_is_read_from_its_plain_text_part(folder: Path) -> None:
    a = read_article(folder / "letter.eml")
    assert a.body == "Экспорт хлопка из Узбекистана вырос.\n\nТрейдеры довольны."


def test_digest_keeps_its_whole_html_body(folder: Path) -> None:
    a = read_article(folder / "digest.eml")
    assert "Засуха в Ашхабаде" in a.body and "Курс маната" in a.body and "color" not in a.body


def test_eml_source_is_the_outlet_the_text_names(tmp_path: Path) -> None:
    path = tmp_path / "trend.eml"
    path.write_bytes(make_eml("News", "Desk <desk@mail.example>", "Wed, 15 May 2024 10:00:00 +0000",
                              plain="Baku, May 15. Trend reports that cotton prices rose."))
    assert read_article(path).source == "Trend"


def test_scanned_pdf_is_reported_not_indexed_empty(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # an image-only page: no text layer
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(ReadError) as err:
        read_article(path)
    assert err.value.reason == "scanned PDF without a text layer: not indexed"
    report = update_index(tmp_path / "ix", [tmp_path])
    assert report.added == 0 and report.failed == [(str(path), err.value.reason)]


@pytest.mark.parametrize("name", ["bad.pdf", "bad.docx", "bad.odt", "bad.eml", "bad.mhtml"])
def test_damaged_documents_get_a_one_line_reason(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x00\x01garbage\x02" * 50)
    with pytest.raises(ReadError) as err:
        read_article(path)
    assert "\n" not in err.value.reason and err.value.reason


def test_format_libraries_are_imported_lazily() -> None:
    import subprocess
    import sys

    code = ("import sys; import searchapp.core.indexer, searchapp.core.ingest; "
            "print(sorted(m for m in ('pypdfium2', 'docx', 'fpdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_pages_are_read_in_order_as_lines(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", "", str(dejavu()))
    pdf.set_font("dejavu", size=12)
    for page in (["Паводок в Оше", RU_FLOOD[0]], [RU_FLOOD[1]]):
        pdf.add_page()
        for line in page:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    a = read_article(_write(tmp_path, "two-pages.pdf", bytes(pdf.output())))
    assert (a.title, a.body) == ("Паводок в Оше", "\n".join(RU_FLOOD))


WRAPPED = ("Астана, 12 марта 2024 — Президент Казахстана Касым-Жомарт Токаев провёл встречу с "
           "представителями Международной организации по миграции. Стороны обсудили вопросы "
           "трудовой миграции и помощи мигрантам, а также работу центров адаптации.")


def test_a_pdf_whose_first_line_is_a_wrapped_paragraph_has_no_title_cut_from_it(
    tmp_path: Path
) -> None:
    created = dt.datetime(2025, 1, 9, 8, 0, tzinfo=dt.UTC)
    a = read_article(_write(tmp_path, "a.pdf", make_pdf([WRAPPED], created=created)))
    first_line = a.body.split("\n")[0]  # where the page broke the paragraph
    assert len(first_line) < 100
    assert a.title.startswith(first_line + " ")  # the first sentence, not the first line
    assert " ".join(a.body.split()) == WRAPPED  # nothing cut off as a title
    assert a.date == dt.date(2024, 3, 12)  # its dateline, not the creation date
    # A dateline on a short line of its own, taken for the title, still dates it.
    data = make_pdf(["Астана, 12 марта 2024", *RU_FLOOD], created=created)
    assert read_article(_write(tmp_path, "b.pdf", data)).date == dt.date(2024, 3, 12)


def test_a_short_pdf_keeps_its_heading_apart_from_its_short_lines(tmp_path: Path) -> None:
    a = read_article(_write(tmp_path, "a.pdf", make_pdf(["Заголовок про нефть",
                                                         "Текст про нефть."])))
    assert (a.title, a.body) == ("Заголовок про нефть", "Текст про нефть.")


def test_a_real_one_word_title_is_kept(tmp_path: Path) -> None:
    a = read_article(_write(tmp_path, "a.pdf", make_pdf(RU_FLOOD, title="Паводок")))
    assert a.title == "Паводок"


def test_a_pdf_titled_by_the_name_of_its_file_takes_its_heading(tmp_path: Path) -> None:
    for junk in ("Microsoft Word - отчет_финал_v2.docx", "Untitled", "доклад.doc", "scan0001",
                 "otchet_2024", "l_mac_pages.pages", "Microsoft PowerPoint - Презентация1.pptx"):
        data = make_pdf(["Годовой отчёт", *RU_FLOOD], title=junk)
        a = read_article(_write(tmp_path, "a.pdf", data))
        assert (a.title, a.body) == ("Годовой отчёт", "\n".join(RU_FLOOD)), junk


MENTIONED = "Соглашение подписали 2 мая 2009 года, напомнили участники."  # not a dateline


def test_a_date_the_text_mentions_is_not_the_documents_date(tmp_path: Path) -> None:
    """The creation date wins over a date in running text (a dateline would win over it)."""
    created = dt.datetime(2024, 4, 3, 8, 0, tzinfo=dt.UTC)
    files = {
        "a.pdf": make_pdf([MENTIONED, *RU_FLOOD], title="Паводок в Оше", created=created),
        "a.docx": make_docx([MENTIONED, *RU_FLOOD], title="Паводок в Оше", created=created),
        "a.odt": make_odt("Паводок в Оше", "Паводок", [MENTIONED, *RU_FLOOD],
                          "2024-04-03T08:00:00"),
    }
    for name, data in files.items():
        assert read_article(_write(tmp_path, name, data)).date == dt.date(2024, 4, 3), name


def test_pdf_without_a_creation_date_or_dateline_has_no_date(tmp_path: Path) -> None:
    data = make_pdf(RU_FLOOD).replace(b"/CreationDate", b"/CreationDatX")
    a = read_article(_write(tmp_path, "a.pdf", data))
    assert a.date is None and a.body == RU_FLOOD[1]


def test_password_protected_pdf_is_reported_as_such(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(0, 10, "Secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    with pytest.raises(ReadError) as err:
        read_article(_write(tmp_path, "locked.pdf", bytes(pdf.output())))
    assert err.value.reason == "not a readable PDF (password-protected PDF)"


def test_docx_body_keeps_paragraphs_and_tables_without_the_heading(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Курс маната", level=1)
    document.add_paragraph(RU_FLOOD[0])
    table = document.add_table(rows=2, cols=2)
    for row, (currency, rate) in zip(table.rows, [("Доллар", "3,5 маната"),
                                                  ("Евро", "3,8 маната")], strict=True):
        row.cells[0].text, row.cells[1].text = currency, rate
    out = io.BytesIO()
    document.save(out)
    a = read_article(_write(tmp_path, "a.docx", out.getvalue()))
    assert a.title == "Курс маната"
    assert a.body == f"{RU_FLOOD[0]}\nДоллар\n3,5 маната\nЕвро\n3,8 маната"


def test_docx_title_style_is_the_title(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Паводок в Оше", level=0)  # the "Title" style
    for text in RU_FLOOD:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    a = read_article(_write(tmp_path, "a.docx", out.getvalue()))
    assert (a.title, a.body) == ("Паводок в Оше", "\n".join(RU_FLOOD))


def test_docx_without_heading_or_title_keeps_its_first_paragraph(tmp_path: Path) -> None:
    a = read_article(_write(tmp_path, "a.docx", make_docx(RU_FLOOD)))
    assert (a.title, a.body) == ("Паводок затопил несколько сёл под Ошем", "\n".join(RU_FLOOD))


def _odt(content: str, meta: str | None) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr("content.xml", f"<office:document-content {ns}><office:body><office:text>"
                                    f"{content}</office:text></office:body></office:document-content>")
        if meta is not None:
            odt.writestr("meta.xml", f"<office:document-meta {ns}><office:meta>{meta}"
                                     "</office:meta></office:document-meta>")
    return out.getvalue()


def test_odt_title_from_its_properties_and_words_in_styled_spans(tmp_path: Path) -> None:
    content = ('<text:h text:outline-level="1">Снегопад</text:h>'
               "<text:p>Снег шёл <text:span>двое суток</text:span>, дороги закрыты.</text:p>"
               "<text:p>Школы не работают.</text:p>")
    meta = "<dc:title>Снегопад в  Алматы</dc:title>"
    a = read_article(_write(tmp_path, "a.odt", _odt(content, meta)))
    assert a.title == "Снегопад в Алматы"
    assert a.body == "Снегопад\nСнег шёл двое суток, дороги закрыты.\nШколы не работают."


@pytest.mark.parametrize("meta", [None, "<meta:generator>LibreOffice</meta:generator>"])
def test_odt_without_properties_takes_its_heading(tmp_path: Path, meta: str | None) -> None:
    content = ('<text:h text:outline-level="1">Снегопад в Алматы</text:h>'
               "<text:p>Снег шёл двое суток, дороги закрыты.</text:p>")
    a = read_article(_write(tmp_path, "a.odt", _odt(content, meta)))
    assert (a.title, a.body, a.date) == ("Снегопад в Алматы",
                                         "Снег шёл двое суток, дороги закрыты.", None)


def test_odt_without_heading_or_title_keeps_its_first_paragraph(tmp_path: Path) -> None:
    content = "<text:p>Снег шёл двое суток.</text:p><text:p>Дороги закрыты.</text:p>"
    a = read_article(_write(tmp_path, "a.odt", _odt(content, None)))
    assert (a.title, a.body) == ("Снег шёл двое суток", "Снег шёл двое суток.\nДороги закрыты.")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("bad.pdf", "not a readable PDF ("), ("bad.docx", "not a readable Word document ("),
     ("bad.odt", "not a readable OpenDocument text ("),
     ("bad.eml", "not a MIME message (no headers)"),
     ("bad.mhtml", "not a MIME message (no headers)")],
)
def test_damaged_documents_name_their_format(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(ReadError) as err:
        read_article(_write(tmp_path, name, b"\x00\x01garbage\x02" * 50))
    assert err.value.reason.startswith(reason) and err.value.path == str(tmp_path / name)
    assert "password" not in err.value.reason and "(None)" not in err.value.reason


def test_mail_with_crlf_line_ends_and_a_bare_sender_address(tmp_path: Path) -> None:
    """As mail programs save it: CRLF lines; no name or organisation: the domain is the source."""
    data = make_eml("Экспорт хлопка", "PRESS@Cotton.Example.UZ", "Wed, 15 May 2024 10:00:00 +0500",
                    plain="Экспорт хлопка вырос.\n\nТрейдеры довольны.")
    a = read_article(_write(tmp_path, "a.eml", data.replace(b"\n", b"\r\n")))
    assert a.body == "Экспорт хлопка вырос.\n\nТрейдеры довольны."
    assert (a.title, a.source, a.date) == ("Экспорт хлопка", "cotton.example.uz",
                                           dt.date(2024, 5, 15))


def test_mail_with_an_unknown_charset_is_read_as_a_text_file_is(tmp_path: Path) -> None:
    data = ("Subject: Выборы\nFrom: desk@mail.example\nContent-Type: text/plain; charset=x-bogus\n"
            "Content-Transfer-Encoding: 8bit\n\nВыборы в Оше прошли спокойно.").encode()
    a = read_article(_write(tmp_path, "a.eml", data))
    assert a.body == "Выборы в Оше прошли спокойно."
    a = read_article(_write(tmp_path, "b.eml", data.replace("спокойно".encode(), b"\xff")))
    assert a.body == "Выборы в Оше прошли ."  # the stray byte dropped, as in a text file


def test_mail_without_text_is_reported(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["Subject"], msg["From"] = "Фото", "desk@mail.example"
    msg.add_attachment(b"\xff\xd8\xff\xe0", maintype="image", subtype="jpeg", filename="a.jpg")
    with pytest.raises(ReadError) as err:
        read_article(_write(tmp_path, "a.eml", bytes(msg)))
    assert err.value.reason == "no text in the file"


def test_mail_whose_page_is_an_attachment_is_read_from_it(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["Subject"], msg["From"] = "Дайджест недели", "Asia News <digest@asia-news.example>"
    msg.set_content("")
    msg.add_attachment(DIGEST_HTML + "<script>track()</script><noscript>Включите JS</noscript>",
                       subtype="html", filename="digest.html")
    a = read_article(_write(tmp_path, "a.eml", bytes(msg)))
    assert a.body == ("Дайджест\nЗасуха в Ашхабаде: урожай хлопка под угрозой.\n"
                      "Курс маната остался прежним.")


def _forwarded_letter() -> EmailMessage:
    inner = EmailMessage()
    inner["Subject"], inner["From"] = "Трудовая миграция в Казахстане", "Редакция <desk@kz.example>"
    inner["Date"] = "Tue, 14 May 2024 09:00:00 +0500"
    inner.set_content("Число трудовых мигрантов выросло на 12 процентов.")
    return inner


@pytest.mark.parametrize("own_text", ["Посмотри, пригодится.", ""])
def test_a_message_forwarded_as_an_attachment_is_read_after_the_letter(
    tmp_path: Path, own_text: str
) -> None:
    outer = EmailMessage()
    outer["Subject"], outer["From"] = "Fwd: Трудовая миграция", "Коллега <c@mail.example>"
    outer["Date"] = "Wed, 15 May 2024 10:00:00 +0500"
    if own_text:
        outer.set_content(own_text)
    outer.add_attachment(_forwarded_letter())
    a = read_article(_write(tmp_path, "a.eml", bytes(outer)))
    forwarded = ("From: Редакция <desk@kz.example>\nDate: Tue, 14 May 2024 09:00:00 +0500\n"
                 "Subject: Трудовая миграция в Казахстане\n\n"
                 "Число трудовых мигрантов выросло на 12 процентов.")
    assert a.body == (f"{own_text}\n\n{forwarded}" if own_text else forwarded)
    assert (a.title, a.date) == ("Fwd: Трудовая миграция", dt.date(2024, 5, 15))


def test_a_letter_that_is_itself_a_forwarded_message_is_read(tmp_path: Path) -> None:
    outer = EmailMessage()  # its whole body message/rfc822, as some clients forward
    outer["Subject"], outer["From"] = "Fwd: миграция", "Коллега <c@mail.example>"
    outer["Date"] = "Wed, 15 May 2024 10:00:00 +0500"
    outer.set_content(_forwarded_letter())
    assert outer.get_content_type() == "message/rfc822"
    a = read_article(_write(tmp_path, "a.eml", bytes(outer)))
    assert a.body.endswith("Subject: Трудовая миграция в Казахстане\n\n"
                           "Число трудовых мигрантов выросло на 12 процентов.")


def test_a_message_forwarded_inside_a_forwarded_one_is_read_too(tmp_path: Path) -> None:
    middle = EmailMessage()
    middle["Subject"], middle["From"] = "Fwd: миграция", "b@mail.example"
    middle.set_content("Вот что прислали.")
    middle.add_attachment(_forwarded_letter())
    outer = EmailMessage()
    outer["Subject"], outer["From"] = "Fwd: Fwd: миграция", "a@mail.example"
    outer.set_content("Тоже смотри.")
    outer.add_attachment(middle)
    body = read_article(_write(tmp_path, "a.eml", bytes(outer))).body
    assert body.index("Тоже смотри.") < body.index("Вот что прислали.") < body.index(
        "Число трудовых мигрантов")
    assert body.count("Число трудовых мигрантов") == 1


def test_saved_page_url_from_its_part_else_from_the_snapshot(tmp_path: Path) -> None:
    page = PAGE.replace("<title>Выборы в Бишкеке</title>", "")
    page = page.replace("<h1>Выборы в Бишкеке</h1>", "")  # no title: the Subject is
    data = make_mhtml("Выборы — 24.kg", "Tue, 05 Mar 2024 09:00:00 +0600", "https://24.kg/snapshot",
                      page)
    with_part = data.replace(b"\nContent-Location: https://24.kg/snapshot",
                             b"\nContent-Location: https://24.kg/page")
    a = read_article(_write(tmp_path, "a.mhtml", with_part))
    assert (a.url, a.title) == ("https://24.kg/page", "Выборы — 24.kg")
    without_part = data.replace(b"\nContent-Location: https://24.kg/snapshot\n", b"\n")
    assert b"\nContent-Location" not in without_part
    assert b"Snapshot-Content-Location" in without_part
    assert read_article(_write(tmp_path, "b.mhtml", without_part)).url == "https://24.kg/snapshot"


def test_a_short_saved_page_has_no_menu_nor_its_headline_in_its_text(tmp_path: Path) -> None:
    """A new user's trial: the text began «Главная | Новости Паводки в Казахстане: …»."""
    page = ("<html><head><title>Паводки в Казахстане: эвакуированы тысячи жителей | "
            "Tengrinews.kz</title></head><body><nav>Главная | Новости</nav><h1>Паводки в "
            "Казахстане: эвакуированы тысячи жителей</h1><p>В Северо-Казахстанской области "
            "из-за паводков эвакуированы более пяти тысяч человек, сообщили в МЧС.</p>"
            "</body></html>")
    data = make_mhtml("Tengrinews: паводки", "Wed, 10 Apr 2024 12:00:00 +0500",
                      "https://tengrinews.kz/kazakhstan_news/pavodki-2024", page)
    a = read_article(_write(tmp_path, "page.mhtml", data))
    assert (a.title, a.body) == (
        "Паводки в Казахстане: эвакуированы тысячи жителей",
        "В Северо-Казахстанской области из-за паводков эвакуированы более пяти тысяч человек, "
        "сообщили в МЧС.")


def test_saved_file_without_a_page_is_reported(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["Subject"], msg["From"] = "Пусто", "<Saved by Blink>"
    msg.set_content("только текст")
    with pytest.raises(ReadError) as err:
        read_article(_write(tmp_path, "a.mhtml", bytes(msg)))
    assert err.value.reason == "no HTML page in the saved file"


CREATED = dt.datetime(2013, 12, 23, 8, 0, tzinfo=dt.UTC)  # python-docx's template's date


@pytest.mark.parametrize(("name", "opening", "date"), [
    ("ru.pdf", "Астана, 12 марта 2024 — Президент провёл встречу с мигрантами.",
     dt.date(2024, 3, 12)),
    ("en.pdf", "ASTANA, March 14, 2024 - The president met officials on Thursday.",
     dt.date(2024, 3, 14)),
    ("a.docx", "Ашхабад, 3 февраля 2022 года. Стороны обсудили газопровод.", dt.date(2022, 2, 3)),
    ("a.odt", "Берлин, 5 января 2020 г. Число беженцев выросло.", dt.date(2020, 1, 5)),
], ids=["pdf-ru", "pdf-en", "docx", "odt"])
def test_a_dateline_opening_the_first_paragraph_beats_the_creation_date(
        tmp_path: Path, name: str, opening: str, date: dt.date) -> None:
    """As in a .txt file; a date opening a paragraph further down is not the document's."""
    later = "Москва, 1 мая 2009 — так начиналась другая история."
    paragraphs = [opening, *RU_FLOOD, *EN_TRADE, later]
    build = {
        ".pdf": lambda ps: make_pdf(ps, title="Встреча", created=CREATED),
        ".docx": lambda ps: make_docx(ps, title="Встреча", created=CREATED),
        ".odt": lambda ps: make_odt("Встреча", "Встреча", ps, "2013-12-23T08:00:00"),
    }[Path(name).suffix]
    assert read_article(_write(tmp_path, name, build(paragraphs))).date == date
    assert read_article(_write(tmp_path, name, build(paragraphs[1:]))).date == CREATED.date()


def test_odt_spaces_tabs_and_breaks_part_words_and_a_footnote_is_there_once(
        tmp_path: Path) -> None:
    """LibreOffice writes a run of spaces as text:s; the words were glued together, and a
    footnote's text was inlined into its sentence and repeated as a paragraph."""
    content = ('<text:h text:outline-level="1">Отчёт о поездке</text:h>'
               '<text:p>Первое<text:tab/>второе<text:line-break/>третье<text:s text:c="3"/>'
               "четвёртое<text:s/>пятое</text:p>"
               "<text:p>Слово<text:note><text:note-citation>1</text:note-citation><text:note-body>"
               "<text:p>Сноска примечание</text:p></text:note-body></text:note> после сноски."
               "<!-- правка --></text:p>")
    a = read_article(_write(tmp_path, "a.odt", _odt(content, None)))
    assert (a.title, a.body) == ("Отчёт о поездке", "Первое второе третье четвёртое пятое\n"
                                 "Слово после сноски.\nСноска примечание")


def test_a_pdf_of_one_line_is_indexed_with_it_as_title_and_body(tmp_path: Path) -> None:
    """The only line became the title and left the body empty: "no text in the file"."""
    line = "Правительство одобрило программу поддержки фермеров."
    a = read_article(_write(tmp_path, "a.pdf", make_pdf([line])))
    assert (a.title, a.body) == (line, line)


@pytest.mark.parametrize(("title", "text"), [
    ("Oil prices", "Oil prices fell sharply on Monday after OPEC announced higher output."),
    ("Рост", "Ростов-на-Дону принял гостей из многих городов страны в эти выходные."),
])
def test_a_page_s_text_that_begins_like_its_title_keeps_its_words(
        tmp_path: Path, title: str, text: str) -> None:
    """The title was cut off the text's start: «Ростов-на-Дону» became «ов-на-Дону»,
    and «Oil prices fell» was not found."""
    page = (f"<html><head><title>{title}</title></head><body><article><p>{text}</p>"
            "<p>Analysts were surprised by the news of the day.</p></article></body></html>")
    a = read_article(_write(tmp_path, "a.html", page.encode()))
    assert a.title == title and a.body.startswith(text)


@pytest.mark.parametrize(("name", "text", "line"), [
    ("a.txt", "Only a headline about Turkmen carpets and Ашхабад",
     "Only a headline about Turkmen carpets and Ашхабад"),
    ("b.txt", "\n  Ковры Ашхабада  \n\n", "Ковры Ашхабада"),
    ("c.md", "# Ковры Ашхабада\n", "Ковры Ашхабада"),
    ("d.txt", "Астана, 12 марта 2024\n", "Астана, 12 марта 2024"),
], ids=["headline", "headline-among-blank-lines", "markdown-heading", "dateline"])
def test_a_text_file_of_one_line_has_it_as_title_and_text(
        tmp_path: Path, name: str, text: str, line: str) -> None:
    """A headline alone became the title and left the text empty: the article was
    found with no snippet and showed an empty reading pane."""
    a = read_article(_write(tmp_path, name, text.encode()))
    assert (a.title, a.body) == (line, line)


@pytest.mark.parametrize(("sender", "source"), [
    ("=?utf-8?b?0JjQstCw0L0gPGl2YW5AbWFpbC5ydT4=?=", "Иван"),  # «Иван <ivan@mail.ru>» as one
    ("Иван <ivan@mail.ru>", "Иван"),
    ("=?utf-8?b?0JjQstCw0L3QvtCyLCDQmNCy0LDQvQ==?= <ivan@mail.ru>", "Иванов, Иван"),
    ("=?utf-8?b?aXZhbkBtYWlsLnJ1?=", "mail.ru"),  # «ivan@mail.ru»
], ids=["one-encoded-word", "plain", "encoded-name-with-comma", "encoded-address"])
def test_mail_sender_in_one_encoded_word_is_read_as_a_plain_one(
        tmp_path: Path, sender: str, source: str) -> None:
    """Python's compat32 policy writes a From header as one encoded word; its source was
    «mail.ru>», the address read as a quoted name."""
    data = (f"From: {sender}\nSubject: Fwd\nDate: Tue, 5 Mar 2024 10:00:00 +0300\n"
            'Content-Type: text/plain; charset="utf-8"\n\nПересылаю.\n').encode()
    assert read_article(_write(tmp_path, "a.eml", data)).source == source
