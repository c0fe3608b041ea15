"""Turning metadata bytes into text the way exiftool does, never failing.

IPTC IIM without a coded character set, and EXIF strings that are not
UTF-8, are read as Windows-1252 ("Latin", exiftool's default). The five
bytes Windows-1252 leaves undefined keep their Latin-1 meaning, as in
exiftool's table, so every byte sequence decodes.
"""

from __future__ import annotations


def _latin_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # undefined in cp1252: stays U+0081 etc., as in exiftool
    return table


_CP1252_OVER_LATIN1 = _latin_table()


def decode_latin(data: bytes) -> str:
    """Windows-1252, with its undefined bytes read as Latin-1."""
    return data.decode("latin-1").translate(_CP1252_OVER_LATIN1)


def decode_utf8(data: bytes) -> str:
    """UTF-8; a byte that does not belong becomes U+FFFD rather than an error."""
    return data.decode("utf-8", errors="replace")


def decode_utf8_or_latin(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8 (as MWG asks of EXIF), else Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_latin(data)
