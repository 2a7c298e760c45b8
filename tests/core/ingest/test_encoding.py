"""Encodings common in Russian archives decode to the same text."""

from __future__ import annotations

import pytest

from searchapp.core.ingest.encoding import DecodeError, decode

RUSSIAN = (
    "Министр иностранных дел Туркменистана встретился с координатором Международной "
    "организации по миграции. Стороны оценили нынешний уровень сотрудничества и обсудили "
    "план совместных мероприятий на текущий год, в том числе помощь мигрантам."
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"])
def test_russian_text_in_common_encodings(encoding: str) -> None:
    assert decode(RUSSIAN.encode(encoding)) == RUSSIAN


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_short_cyrillic_lines(encoding: str) -> None:
    text = "Ашхабад. Встреча министров."
    assert decode(text.encode(encoding)) == text


def test_binary_is_refused() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


@pytest.mark.parametrize("stray", [b"\xab", b"\xff", b"\xd0", b"\x91"])
def test_stray_byte_in_utf8_is_dropped_not_read_in_a_code_page(stray: bytes) -> None:
    data = RUSSIAN.encode()
    cut = RUSSIAN.index(" организации")
    damaged = RUSSIAN[:cut].encode() + stray + RUSSIAN[cut:].encode()
    assert decode(damaged) == RUSSIAN
    assert decode(stray + data + stray) == RUSSIAN


@pytest.mark.parametrize("letter, stray", [
    *(("д", s) for s in (b"\xff", b"\xfe", b"\xc0", b"\xe8", b"\xd0")),  # two bytes in UTF-8
    # three bytes; E2 E8 80 94 would read as E8 80 94, a character of its own
    *(("—", s) for s in (b"\xff", b"\xfe", b"\xc0")),
    ("р", b"\xff\xfe\x80"), ("р", b"\xfe\xff"),  # bytes in a row (a BOM pasted in)
])
def test_a_stray_byte_inside_a_character_is_taken_out_and_the_character_kept(
        letter: str, stray: bytes) -> None:
    text = RUSSIAN.replace("план", f"план {letter}") + "\n\nВторой абзац о миграции.\n"
    at = text.index(letter)
    inside = text[:at].encode() + letter.encode()[:1] + stray + letter.encode()[1:] + \
        text[at + 1:].encode()
    assert decode(inside) == text
    mixed = inside + "Строка в cp1251: беженцы\n".encode("cp1251")  # decoded line by line
    assert decode(mixed) == text + "Строка в cp1251: беженцы\n"


def test_stray_bytes_in_a_one_line_english_file() -> None:
    assert decode(b"Elections in Bishkek\xab: turnout \xfe was high.") == (
        "Elections in Bishkek: turnout  was high."
    )


def test_stray_bytes_on_many_lines_stay_utf8() -> None:
    lines = [f"Строка {n}: выборы в Бишкеке прошли спокойно." for n in range(20)]
    damaged = b"\n".join(line.encode() + b"\xab" for line in lines)
    assert decode(damaged) == "\n".join(lines)


def test_cp1251_tail_of_a_utf8_file() -> None:
    data = RUSSIAN.encode() + "\n\nОстаток в cp1251: беженцы\n".encode("cp1251")
    assert decode(data) == RUSSIAN + "\n\nОстаток в cp1251: беженцы\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-32"])
@pytest.mark.parametrize("text", [RUSSIAN, "Elections in Bishkek: the turnout was high."])
def test_wide_encodings_with_and_without_bom(encoding: str, text: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_binary_with_zero_bytes_is_not_taken_for_utf16() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(bytes(range(256)) * 40)
    with pytest.raises(DecodeError, match="binary"):
        decode(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(40, 240)) * 30)


def test_utf16_with_a_character_cut_by_the_detection_sample() -> None:
    text = "Сводка " + "Новости 🌍 дня. " * 1000  # an emoji (surrogate pair) across byte 8192
    assert decode(text.encode("utf-16-le")) == text


def test_cp1251_with_rare_signs_is_not_read_in_a_kazakh_variant() -> None:
    text = RUSSIAN + " Новинка TrollDestroyer™ стоит 5 € — «дёшево»."  # ™, € differ in ptcp154
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize("encoding", ["cp866", "mac_cyrillic", "iso8859_5"])
def test_dos_mac_and_iso_cyrillic_code_pages(encoding: str) -> None:
    """Not cp1251 or koi8-r: the detector's guess is taken when it reads as Russian."""
    assert decode(RUSSIAN.encode(encoding)) == RUSSIAN


@pytest.mark.parametrize("title", ["Урожай хлопка", "Итоги года"])
def test_short_cp1251_titles_the_detector_takes_for_dos(title: str) -> None:
    assert decode(title.encode("cp1251")) == title


@pytest.mark.parametrize("where", ["first", "last"])
def test_one_short_cp1251_word_on_its_own_line_of_a_utf8_file(where: str) -> None:
    """Three letters in a code page are a word, not stray bytes, even at either end."""
    word = "Мир".encode("cp1251")
    data = word + b"\n" + RUSSIAN.encode() if where == "first" else RUSSIAN.encode() + b"\n" + word
    text = decode(data)
    assert text == ("Мир\n" + RUSSIAN if where == "first" else RUSSIAN + "\nМир")


@pytest.mark.parametrize("stray", [(b"\xab", b"\xfe", b"\x91"), (b"\xab\xab", b"", b"")])
def test_stray_bytes_apart_on_one_utf8_line_are_not_a_code_page_word(
    stray: tuple[bytes, bytes, bytes],
) -> None:
    words = RUSSIAN.split(" ")
    damaged = b" ".join(
        word.encode() + (stray[i] if i < 3 else b"") for i, word in enumerate(words)
    )
    assert decode(damaged) == RUSSIAN


def test_stray_byte_on_one_line_and_cp1251_on_another() -> None:
    data = (RUSSIAN.encode() + b"\xab\n" + RUSSIAN.encode() + b"\n"
            + "Остаток в cp1251: беженцы".encode("cp1251"))
    assert decode(data) == f"{RUSSIAN}\n{RUSSIAN}\nОстаток в cp1251: беженцы"


def test_binary_with_utf16_strings_and_control_bytes_is_refused() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(("Name\x01\x02Value\x03 " * 200).encode("utf-16-le"))


def test_long_cp1251_article_with_a_trademark_sign() -> None:
    """The detector says ptcp154 here too; the allowance for rare signs grows with length."""
    text = RUSSIAN * 4 + " Марка Trolls™."
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize("junk", [
    b"\xff\xfe\x80", b"\xd0\xd1\xd2\xd3", b"\xff\xfe\x80\x81", b"\xc0\xc1\xf5\xf6\xf7\xf8\xf9\xfa",
])
def test_a_run_of_junk_bytes_in_a_utf8_line_is_dropped(junk: bytes) -> None:
    """Three or more bytes in a row that are no character do not make a UTF-8 line a
    code page's (it read «п°п╣я─п╣п╢п╬п╡» for «Мередов»)."""
    first, second = "Ашхабад, 3 марта 2021 — встреча.", "Мередов встретился с делегацией МОМ."
    cut = second.index(" с ")
    damaged = (first + "\n" + second[:cut] + " ").encode() + junk + second[cut:].encode()
    assert decode(damaged) == first + "\n" + second[:cut] + " " + second[cut:]
    assert decode(damaged + b"\n" + "Строка в cp1251: беженцы".encode("cp1251")) == (
        first + "\n" + second[:cut] + " " + second[cut:] + "\nСтрока в cp1251: беженцы"
    )


@pytest.mark.parametrize("junk", [
    b"\xff\xfe\x80\x81", b"\xff\xfe\x80", b"\x80\x81\x82 \x83\x84\x85",
])
def test_a_line_of_junk_bytes_alone_is_left_out(junk: bytes) -> None:
    """Not kept as «яюЂЃ»: no code page reads such bytes as Russian."""
    first, second = "Ашхабад, 3 марта 2021 — встреча.", "Мередов встретился с делегацией МОМ."
    assert decode(f"{first}\n".encode() + junk + f"\n{second}\n".encode()) == (
        f"{first}\n{second}\n"
    )


@pytest.mark.parametrize("encoding, line", [
    ("cp1251", "Остаток: «беженцы» — №5, всё."), ("koi8_r", "Остаток: беженцы, всё."),
])
def test_a_code_page_line_beside_a_damaged_utf8_line(encoding: str, line: str) -> None:
    data = "Мередов встретился ".encode() + b"\xff\xfe\x80" + " с делегацией.\n".encode() + \
        line.encode(encoding)
    assert decode(data) == "Мередов встретился  с делегацией.\n" + line
