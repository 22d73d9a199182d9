"""Decoding bytes: UTF-8, UTF-16, legacy Cyrillic code pages; refusing binary and garbage."""

from __future__ import annotations

import pytest

from pressgraph.errors import InputError
from pressgraph.ingest.decode import decode

RUSSIAN = "Встреча министров обороны ОДКБ прошла в Москве."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"])
def test_text_in_common_encodings_decodes(encoding: str) -> None:
    assert decode((RUSSIAN + " " + RUSSIAN).encode(encoding), "x").strip() == (
        RUSSIAN + " " + RUSSIAN
    )


def test_binary_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "a.txt")
    assert caught.value.reason == "binary"


def test_bytes_in_no_known_encoding_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        decode(b"\x81\x8d\x8f\x90\x9d" * 50, "a.txt")
    assert caught.value.reason == "undecodable"
    assert "re-save it as UTF-8" in str(caught.value)
