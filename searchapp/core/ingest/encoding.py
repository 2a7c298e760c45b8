"""Bytes → text for Russian and English archives.

Fast path: a byte-order mark, then strict UTF-8 (nearly every modern file).
Only then the slow path: a UTF-8 file with some lines pasted in another
encoding is decoded line by line; anything else goes to charset-normalizer.

charset-normalizer misreads short or all-capital Cyrillic texts (it called
"Ашхабад. Встреча министров." in koi8-r Shift-JIS, and a capitalised cp1251
headline UTF-16).  So its guess competes with the cp1251 and koi8-r decodings:
the one made mostly of the commonest Russian letters, in words with a sane
case pattern, wins.  Decoding Russian with the wrong one of the two code pages
permutes the letters and flips their case ("мИНИСТР"), so it scores far
lower; a Western text decoded as Cyrillic scores lower still, and keeps the
detector's guess.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC_CODEPAGES = ("cp1251", "koi8_r")
# The 15 commonest Russian letters make ~80 % of the letters of Russian text.
_COMMON_RU = frozenset("оеаинтсрвлкмдпу")
_RUSSIAN_ENOUGH = 0.3  # Russian scores ~0.8, Western text read as cp1251 ~0.1
_SCORE_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL_BYTES = bytes(b for b in range(32) if not 9 <= b <= 13)  # all but \t \n \v \f \r
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SNIFF = 8192


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def _russian_score(text: str) -> float:
    """Share of letters that are common Russian letters in words cased like words
    ("министр", "Министр", "МИНИСТР"; not "мИНИСТР")."""
    total = good = 0
    for word in _WORD.findall(text, 0, _SCORE_CHARS):
        total += len(word)
        if word.islower() or word.isupper() or word.istitle():
            good += sum(c in _COMMON_RU for c in word.lower())
    return good / total if total else 0.0


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.05


def _best_cyrillic(data: bytes) -> str:
    """The cp1251 or koi8-r decoding that reads most like Russian."""
    return max((data.decode(c, "replace") for c in _CYRILLIC_CODEPAGES), key=_russian_score)


def _mixed_utf8(data: bytes) -> str | None:
    """A UTF-8 file with some lines in a Cyrillic code page, decoded line by line;
    None unless most lines with non-ASCII bytes are valid UTF-8."""
    lines = data.split(b"\n")
    good = bad = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    if good < bad or not good:
        return None
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(_best_cyrillic(line))
    return "\n".join(out)


def decode(data: bytes) -> str:
    """Decode file content; raise :class:`DecodeError` with a reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not a text file (broken {encoding})") from exc
            if len(_CONTROL_CHARS.findall(text, 0, _SNIFF)) > min(len(text), _SNIFF) * 0.05:
                raise DecodeError("not a text file (binary content)")  # bytes after a "BOM"
            return text
    if _looks_binary(data):
        raise DecodeError("not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return mixed
    best = from_bytes(data).best()
    candidates = [data.decode(codepage, "replace") for codepage in _CYRILLIC_CODEPAGES]
    if best is not None:
        candidates.append(str(best))
    text = max(candidates, key=_russian_score)  # the first of equals: cp1251 before a guess
    if _russian_score(text) >= _RUSSIAN_ENOUGH:
        return text
    if best is None:
        raise DecodeError("not a text file (unknown encoding)")
    return str(best)
