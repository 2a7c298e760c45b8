"""Encodings common in Russian archives decode to the same text."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core.errors import ReadError
from searchapp.core.ingest import read_article
from searchapp.core.ingest.encoding import DecodeError, decode

RUSSIAN = (
    "Министр иностранных дел Туркменистана встретился с координатором Международной "
    "организации по миграции. Стороны оценили нынешний уровень сотрудничества и обсудили "
    "план совместных мероприятий на текущий год, в том числе помощь мигрантам - \"всем, "
    "кто в ней нуждается\". Ещё одна тема встречи: обмен опытом."
)  # koi8-r has no «» or —
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1251", "koi8_r"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_russian_paragraph_in_common_encodings(encoding: str) -> None:
    data = RUSSIAN.encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode(encoding) + data
    assert decode(data) == RUSSIAN


def test_files_in_every_encoding_read_the_same(tmp_path: Path) -> None:
    text = f"Встреча министров\n\n{RUSSIAN}\n"
    articles = []
    for encoding in ENCODINGS[:3] + ENCODINGS[4:]:
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        articles.append(read_article(path))
    assert {(a.title, a.body, a.lang) for a in articles} == {("Встреча министров", RUSSIAN, "ru")}


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
@pytest.mark.parametrize(
    "text", ["Ашхабад. Встреча министров.", "ВСТРЕЧА МИНИСТРОВ В АШХАБАДЕ", "Привет", "ЦСКА - чемпион"]
)
def test_short_and_capitalised_cyrillic(encoding: str, text: str) -> None:
    # charset-normalizer alone reads some of these as Shift-JIS, Big5 or UTF-16.
    assert decode(text.encode(encoding)) == text


def test_cp1251_typography() -> None:
    text = "«Мы готовы к диалогу», — заявил министр. Встреча прошла в Ашхабаде №1."
    assert decode(text.encode("cp1251")) == text


def test_western_single_byte_text_is_not_read_as_cyrillic() -> None:
    text = "Schöne Grüße aus München. Die Straße über die Brücke ist gesperrt, sagte er."
    assert decode(text.encode("cp1252")) == text


def test_utf8_file_with_a_pasted_cp1251_line() -> None:
    data = f"{RUSSIAN}\n".encode() + "Остаток в cp1251: беженцы".encode("cp1251")
    assert decode(data) == f"{RUSSIAN}\nОстаток в cp1251: беженцы"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        bytes(range(1, 32)) * 50,
        b"\xff\xfe" + b"\x01\x00\x02\x00\x03\x00" * 100,  # a "BOM", then control characters
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


def test_broken_utf16_is_refused() -> None:
    with pytest.raises(DecodeError, match="utf-16"):
        decode(b"\xff\xfeA\x00B")


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    with pytest.raises(ReadError, match=r"not a text file \(binary content\)"):
        read_article(path)
