"""Bytes → text for Russian and English archives.

In order: a byte-order mark; UTF-32 and UTF-16 without one (recognised by
their zero bytes, accepted when they decode to plausible text); strict
UTF-8 (nearly every modern file).  A file that is UTF-8 but for a few stray
bytes stays UTF-8, the stray bytes dropped (a byte that landed inside a
character is taken out and the character kept): only *runs* of invalid
bytes that no such repair explains (the letters of a word in a single-byte
code page) make it look further.  A UTF-8 file with pasted cp1251/koi8-r
lines is decoded line by line: a line mostly of UTF-8 characters stays
UTF-8 with its invalid bytes dropped, however many; another is read in a
code page if that reads as Russian, and is junk (its invalid bytes dropped,
the line left out if nothing is left) if not.  A file that is not UTF-8 at
all goes to charset-normalizer, whose guess between the Cyrillic code pages
is checked: of cp1251, koi8-r and its own guess, the decoding with the most
common Russian letters wins (short texts fool detectors).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator

from charset_normalizer import from_bytes

from searchapp.core.reasons import Reason, ReasonKind

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
_CYRILLIC_CODEPAGES = ("cp1251", "koi8_r")
_CONTROL_BYTES = bytes(b for b in range(32) if not 9 <= b <= 13)
# The most frequent Russian letters, lower case: a correct decoding is full of them.
_COMMON_RU = frozenset("оеаинтсрвлкмдпу")
# A word of a single-byte code page is a run of invalid UTF-8 bytes; a stray byte is alone.
_CODEPAGE_RUN = 3
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                             rb"|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTES = bytes(range(128, 256))
# Past ASCII, what a Russian line in a code page holds: letters, quotes, dashes, №...
_RUSSIAN_CHARS = frozenset(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "«»„“”‘’‚—–…№•°\u00a0"
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _russian_score(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c in _COMMON_RU for c in letters) / len(letters)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.05


def _plausible(text: str) -> bool:
    """Text in a wide encoding, not binary read as one: words of Latin or Cyrillic letters."""
    if not text:
        return False
    kinds = [unicodedata.category(c)[0] for c in text if c not in "\t\n\r\f"]
    n = len(text)
    ours = sum(ord(c) < 0x530 or 0x2000 <= ord(c) < 0x2070 for c in text)  # Latin, Cyrillic
    return (
        kinds.count("C") <= n * 0.01
        and kinds.count("M") <= n * 0.05
        and kinds.count("L") >= n * 0.4
        and sum(c.isspace() for c in text) >= n * 0.03
        and ours >= n * 0.9
    )


def _decode_wide(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, if the bytes are one of them."""
    for encoding in _WIDE:
        if len(data) % (4 if "32" in encoding else 2):
            continue
        try:  # incremental: a character cut at the end of the sample is no error
            sample = codecs.getincrementaldecoder(encoding)().decode(data[:8192])
        except UnicodeDecodeError:
            continue
        if _plausible(sample):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


_INVALID = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, as surrogateescape shows them


def _invalid_runs(data: bytes) -> Iterator[tuple[int, int]]:
    """``(start, end)`` in ``data`` of each run of bytes that are not UTF-8, in order."""
    text = data.decode("utf-8", "surrogateescape")
    at = done = 0  # a byte offset, and the text before it
    for m in _INVALID.finditer(text):
        at += len(text[done:m.start()].encode("utf-8", "surrogateescape"))
        yield at, at + m.end() - m.start()  # one character per invalid byte
        at, done = at + m.end() - m.start(), m.end()


MAX_STRAY = 3  # bytes inserted together into one character that are taken out


def _without_stray(run: bytes) -> bytes | None:
    """``run`` less up to :data:`MAX_STRAY` bytes in a row, when what is left
    is valid UTF-8: bytes inserted into a character (``д`` = D0 B4 read as
    D0 FF B4).  None when no such cut explains the run (a code-page word)."""
    if len(run) > 4 + MAX_STRAY:  # a character is 4 bytes at most: a longer run is no character
        return None
    for size in range(1, MAX_STRAY + 1):
        for i in range(len(run) - size + 1):
            fixed = run[:i] + run[i + size:]
            if not fixed and len(run) >= _CODEPAGE_RUN:
                continue  # three bytes gone entirely are a word, not a character
            try:
                fixed.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return fixed
    return None


def _repaired(data: bytes, *, junk: bool = False) -> str | None:
    """UTF-8 with a few stray bytes, each byte inserted into a character taken
    out and any other invalid byte dropped; None when some run of invalid
    bytes is no such damage but a word in a code page, unless ``junk`` says
    that such runs are damage too (dropped as well)."""
    parts: list[str] = []
    pos = 0
    for start, end in _invalid_runs(data):
        fixed = _without_stray(data[start:end])
        if fixed is None and end - start >= _CODEPAGE_RUN and not junk:
            return None
        parts.append(data[pos:start].decode("utf-8"))
        parts.append((fixed or b"").decode("utf-8"))
        pos = end
    parts.append(data[pos:].decode("utf-8"))
    return "".join(parts)


def _reads_as_russian(text: str) -> bool:
    """Whether a code page's reading of a line is Russian: its characters past
    ASCII are Russian letters and common signs («яюЂЃ», «ЪЧ─│» are junk), but
    for one rare sign (™, €) in twenty."""
    wide = [c for c in text if not c.isascii()]
    others = sum(c not in _RUSSIAN_CHARS for c in wide)
    return bool(wide) and others * 20 <= len(wide)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (repaired := _repaired(line)) is not None:
        return repaired  # stray bytes in UTF-8
    if _mostly_utf8(line):  # «Мередов встретился <ff fe 80> с делегацией»: junk in UTF-8
        return _repaired(line, junk=True) or ""
    reading = max((line.decode(c, "replace") for c in _CYRILLIC_CODEPAGES), key=_russian_score)
    return reading if _reads_as_russian(reading) else _repaired(line, junk=True) or ""


def _decode_lines(data: bytes) -> str:
    """Mixed encodings (a UTF-8 file with pasted cp1251 lines): decode line by line;
    a line of junk bytes alone is left out."""
    lines = ((line, _decode_line(line)) for line in data.split(b"\n"))
    return "\n".join(text for line, text in lines if text.strip() or not line.strip())


def _mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII bytes form valid UTF-8 characters."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    valid = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    return valid * 2 >= high


def decode(data: bytes) -> str:
    """Decode file content; raise :class:`DecodeError` with a reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(Reason(ReasonKind.BROKEN_TEXT, encoding)) from exc
    if b"\x00" in data[:8192] and (wide := _decode_wide(data)) is not None:
        return wide
    if _looks_binary(data):
        raise DecodeError(Reason(ReasonKind.BINARY))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (repaired := _repaired(data)) is not None:
        return repaired  # UTF-8 but for a few stray bytes
    if _mostly_utf8(data):
        return _decode_lines(data)
    return _decode_codepage(data)


def _decode_codepage(data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        return _decode_lines(data)
    guess = str(best)
    candidates = [guess]
    for codepage in _CYRILLIC_CODEPAGES:
        try:
            candidates.append(data.decode(codepage))
        except UnicodeDecodeError:
            continue
    if len(candidates) > 1 and _variant_of(guess, candidates[1]):
        return candidates[1]  # ptcp154/kz1048 guessed for cp1251 text with ™ or €
    return max(candidates, key=_russian_score) if _russian_score(guess) < 0.5 else guess


def _variant_of(guess: str, cp1251: str) -> bool:
    """Whether the guess differs from the cp1251 reading only in a few rare characters."""
    if len(guess) != len(cp1251):
        return False
    return sum(a != b for a, b in zip(guess, cp1251, strict=True)) <= 3 + len(guess) // 200
