"""Turn bytes into text, refusing binary and undecodable input with a reason."""

from __future__ import annotations

import charset_normalizer

from pressgraph.errors import InputError

_SNIFF = 8192
_MAX_CONTROL_SHARE = 0.05
_MAX_CHAOS = 0.3
_ALLOWED_CONTROL = {9, 10, 12, 13}
# Legacy encodings such pages come in; anything else that is not UTF-8 is refused, since a
# detector will "decode" any bytes in some East Asian code page.
_LEGACY = ["cp1251", "koi8_r", "iso8859_5", "mac_cyrillic", "cp1252"]
_MIN_LETTER_SHARE = 0.5


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = sum(1 for b in head if b < 32 and b not in _ALLOWED_CONTROL)
    return bool(head) and control / len(head) > _MAX_CONTROL_SHARE


def decode(data: bytes, source: str) -> str:
    """Decode page bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected charset."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError(
            "binary",
            f"{source}: looks like a binary file, not a text or HTML page; "
            "convert it to text or HTML first",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None or best.chaos > _MAX_CHAOS or not _mostly_letters(str(best)):
        raise InputError(
            "undecodable",
            f"{source}: cannot tell its text encoding (not UTF-8, no reliable guess); "
            "re-save it as UTF-8",
        )
    return str(best)


def _mostly_letters(text: str) -> bool:
    visible = [c for c in text if not c.isspace()]
    return not visible or sum(c.isalpha() for c in visible) / len(visible) >= _MIN_LETTER_SHARE
