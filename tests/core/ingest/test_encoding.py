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
