"""IPTC IIM (Information Interchange Model): the dataset stream, read and written.

An IIM block is a run of datasets, each ``0x1C record number length value``.
A length with its top bit set is "extended": its low 15 bits give how many
of the following bytes hold the real length. Text is Windows-1252 unless
dataset 1:90 (coded character set) says ``ESC % G``, UTF-8 — the way
exiftool reads it.

Reading stops at the first damaged dataset with a warning and keeps the
datasets before it; a length pointing past the end can never be followed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from newsroom.photos.text_codecs import decode_latin, decode_utf8

_TAG_MARKER = 0x1C
UTF8_ESCAPE = b"\x1b%G"  # 1:90 value designating UTF-8
CODED_CHARACTER_SET = (1, 90)
RECORD_VERSION = (2, 0)
OBJECT_NAME = (2, 5)
KEYWORDS = (2, 25)
DATE_CREATED = (2, 55)
TIME_CREATED = (2, 60)
BY_LINE = (2, 80)
CITY = (2, 90)
COUNTRY_NAME = (2, 101)
HEADLINE = (2, 105)
CREDIT = (2, 110)
COPYRIGHT_NOTICE = (2, 116)
CAPTION = (2, 120)

# Maximum octets per dataset, from the IIM specification 4.2 (section 6).
MAX_OCTETS = {
    OBJECT_NAME: 64,
    KEYWORDS: 64,
    BY_LINE: 32,
    CITY: 32,
    COUNTRY_NAME: 64,
    HEADLINE: 256,
    CREDIT: 32,
    COPYRIGHT_NOTICE: 128,
    CAPTION: 2000,
}
# The 2:00 record version IPTC defines for the application record (binary).
APPLICATION_RECORD_VERSION = 4
# Widest extended-length field we accept: 8 bytes already exceed any file.
_MAX_LENGTH_BYTES = 8


@dataclass(frozen=True)
class DataSet:
    record: int
    number: int
    value: bytes

    @property
    def key(self) -> tuple[int, int]:
        return (self.record, self.number)


@dataclass(frozen=True)
class Parsed:
    datasets: tuple[DataSet, ...]
    problem: str  # "" when the whole block was read


def parse(block: bytes) -> Parsed:
    """The datasets of an IIM block, up to the first damaged one."""
    datasets: list[DataSet] = []
    position = 0
    while position < len(block):
        if block[position] != _TAG_MARKER:
            if not any(block[position:]):
                break  # zero padding after the last dataset (iMatch and others)
            return Parsed(tuple(datasets), f"unexpected byte 0x{block[position]:02x}")
        if position + 5 > len(block):
            return Parsed(tuple(datasets), "truncated dataset header")
        record, number, length = struct.unpack_from(">BBH", block, position + 1)
        position += 5
        if length & 0x8000:
            width = length & 0x7FFF
            if not 0 < width <= _MAX_LENGTH_BYTES or position + width > len(block):
                return Parsed(tuple(datasets), f"bad extended length in dataset {record}:{number}")
            length = int.from_bytes(block[position : position + width], "big")
            position += width
        if position + length > len(block):
            return Parsed(tuple(datasets), f"dataset {record}:{number} is truncated")
        datasets.append(DataSet(record, number, block[position : position + length]))
        position += length
    return Parsed(tuple(datasets), "")


def texts(datasets: tuple[DataSet, ...]) -> dict[tuple[int, int], list[str]]:
    """The text of each dataset, decoded per 1:90; repeated datasets keep their order."""
    decode = decode_utf8 if _declares_utf8(datasets) else decode_latin
    found: dict[tuple[int, int], list[str]] = {}
    for dataset in datasets:
        # Some writers end strings with NULs; exiftool drops them too.
        found.setdefault(dataset.key, []).append(decode(dataset.value.rstrip(b"\0")))
    return found


def _declares_utf8(datasets: tuple[DataSet, ...]) -> bool:
    return any(
        dataset.key == CODED_CHARACTER_SET and dataset.value.rstrip(b"\0") == UTF8_ESCAPE
        for dataset in datasets
    )


# --- writing ---------------------------------------------------------------------------


def encode(key: tuple[int, int], value: bytes) -> bytes:
    """One dataset; values of 32 KiB or more take an extended (4-byte) length."""
    record, number = key
    if len(value) < 0x8000:
        return struct.pack(">BBBH", _TAG_MARKER, record, number, len(value)) + value
    return struct.pack(">BBBHI", _TAG_MARKER, record, number, 0x8004, len(value)) + value


def encode_text(key: tuple[int, int], text: str) -> bytes:
    """A text dataset in UTF-8, cut to the dataset's maximum as real tools do."""
    return encode(key, utf8_within(text, MAX_OCTETS.get(key)))


def utf8_within(text: str, limit: int | None) -> bytes:
    """``text`` in UTF-8, cut to at most ``limit`` bytes on a character boundary."""
    data = text.encode("utf-8")
    if limit is None or len(data) <= limit:
        return data
    # Dropping the partial character the cut leaves keeps the bytes valid UTF-8.
    return data[:limit].decode("utf-8", errors="ignore").encode("utf-8")


def utf8_header() -> bytes:
    """The datasets every block we write starts with: 1:90 UTF-8 and 2:00 version 4."""
    version = struct.pack(">H", APPLICATION_RECORD_VERSION)
    return encode(CODED_CHARACTER_SET, UTF8_ESCAPE) + encode(RECORD_VERSION, version)
