"""Bytes → text for Russian and English archives.

Fast path: a byte-order mark, then strict UTF-8 (nearly every modern file).
Only then charset-normalizer (and, for files that mix encodings, a
line-by-line decoding), whose guess between the Cyrillic single-byte
code pages is checked: of cp1251, koi8-r and its own guess, the decoding
with the most common Russian letters wins (short texts fool detectors).
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC_CODEPAGES = ("cp1251", "koi8_r")
# The most frequent Russian letters, lower case: a correct decoding is full of them.
_CONTROL_BYTES = bytes(b for b in range(32) if not 9 <= b <= 13)
_COMMON_RU = frozenset("оеаинтсрвлкмдпу")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


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


def _decode_lines(data: bytes) -> str:
    """Mixed encodings (a UTF-8 file with pasted cp1251 lines): decode line by line."""
    out = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(max((line.decode(c, "replace") for c in _CYRILLIC_CODEPAGES),
                           key=_russian_score))
    return "\n".join(out)


def decode(data: bytes) -> str:
    """Decode file content; raise :class:`DecodeError` with a reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"broken {encoding} text") from exc
    if _looks_binary(data):
        raise DecodeError("not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
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
    return max(candidates, key=_russian_score) if _russian_score(guess) < 0.5 else guess
