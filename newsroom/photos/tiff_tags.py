"""Reading TIFF-structured directories: TIFF files and EXIF blocks.

A small reader of our own rather than Pillow's: it hands back the raw bytes
of any tag (TIFF writers often store the IPTC tag 33723 as LONGs, which
Pillow turns into numbers in the file's byte order) and it treats every
count and offset as hostile. Only what the metadata reader needs is here:
one directory at a time, never a chain of directories, so a loop of offsets
cannot make it spin.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from newsroom.photos.text_codecs import decode_utf8_or_latin

# Bytes per value of each TIFF field type (1 BYTE … 13 IFD, 16-18 BigTIFF
# integers; 129 is EXIF 3.0's UTF-8 string).
_TYPE_SIZES = {
    1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4,
    16: 8, 17: 8, 18: 8, 129: 1,
}  # fmt: skip
_STRING_TYPES = (2, 129)  # ASCII (in practice often UTF-8) and UTF-8
_OFFSET_TYPES = (4, 13)  # LONG and IFD: how sub-directory pointers are stored

# Tags the metadata reader asks for.
IMAGE_DESCRIPTION = 0x010E
MAKE = 0x010F
MODEL = 0x0110
ARTIST = 0x013B
COPYRIGHT = 0x8298
XMP = 700
IPTC = 33723
PHOTOSHOP = 34377
EXIF_IFD = 0x8769
DATE_TIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011


class TiffError(ValueError):
    """The bytes are not a readable TIFF structure; the message says why."""


@dataclass(frozen=True)
class Entry:
    field_type: int
    raw: bytes  # the value's bytes as stored, in the file's byte order


@dataclass(frozen=True)
class Directory:
    entries: dict[int, Entry]
    byte_order: str  # "<" or ">", for struct
    skipped: int  # entries whose value lies outside the data (left out)

    def raw(self, tag: int) -> bytes | None:
        entry = self.entries.get(tag)
        return entry.raw if entry else None

    def text(self, tag: int) -> str:
        """A string tag's value, up to its first NUL, trimmed; "" when absent or not text."""
        entry = self.entries.get(tag)
        if entry is None or entry.field_type not in _STRING_TYPES:
            return ""
        return decode_utf8_or_latin(entry.raw.split(b"\0", 1)[0]).strip()

    def offset(self, tag: int) -> int | None:
        """A pointer tag's value (the offset of a sub-directory), or None."""
        entry = self.entries.get(tag)
        if entry is None or entry.field_type not in _OFFSET_TYPES or len(entry.raw) < 4:
            return None
        value: int = struct.unpack(self.byte_order + "I", entry.raw[:4])[0]
        return value


def first_directory(data: bytes) -> Directory:
    """IFD0 of a TIFF file or EXIF block (``data`` starts at the TIFF header)."""
    byte_order = _byte_order(data)
    (offset,) = struct.unpack(byte_order + "I", data[4:8])
    return read_directory(data, byte_order, offset)


def sub_directory(data: bytes, parent: Directory, pointer_tag: int) -> Directory | None:
    """The directory ``parent``'s pointer tag leads to (e.g. the EXIF IFD), or None."""
    offset = parent.offset(pointer_tag)
    if offset is None:
        return None
    return read_directory(data, parent.byte_order, offset)


def read_directory(data: bytes, byte_order: str, offset: int) -> Directory:
    if offset < 8 or offset + 2 > len(data):
        raise TiffError(f"directory offset {offset} lies outside the data")
    (count,) = struct.unpack_from(byte_order + "H", data, offset)
    start = offset + 2
    if start + 12 * count > len(data):
        raise TiffError(f"directory of {count} entries runs past the end of the data")
    entries: dict[int, Entry] = {}
    skipped = 0
    for position in range(start, start + 12 * count, 12):
        tag, field_type, value_count = struct.unpack_from(byte_order + "HHI", data, position)
        raw = _value_bytes(data, byte_order, position + 8, field_type, value_count)
        if raw is None:
            skipped += 1
        elif tag not in entries:
            entries[tag] = Entry(field_type, raw)
    return Directory(entries, byte_order, skipped)


def _byte_order(data: bytes) -> str:
    if len(data) < 8:
        raise TiffError("too short for a TIFF header")
    if data[:4] == b"II*\0":
        return "<"
    if data[:4] == b"MM\0*":
        return ">"
    if data[:4] in (b"II+\0", b"MM\0+"):
        raise TiffError("BigTIFF is not supported")
    raise TiffError("no TIFF header")


def _value_bytes(
    data: bytes, byte_order: str, field: int, field_type: int, count: int
) -> bytes | None:
    """The bytes of one entry's value: inline when they fit in 4 bytes, else at an offset."""
    unit = _TYPE_SIZES.get(field_type)
    if unit is None:
        return None
    size = unit * count
    if size <= 4:
        return data[field : field + size]
    (offset,) = struct.unpack_from(byte_order + "I", data, field)
    if offset + size > len(data):
        return None
    return data[offset : offset + size]
