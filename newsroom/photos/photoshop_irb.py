"""Photoshop image resource blocks (IRB): where JPEG and TIFF keep IPTC IIM.

A block is a run of resources, each ``8BIM id name size data``: the name a
Pascal string padded to an even length, the data padded to an even length.
Resource 0x0404 holds the IIM; 0x0425 the MD5 of that IIM as it was when
an XMP-aware tool last wrote both (the Metadata Working Group digest).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

JPEG_SIGNATURE = b"Photoshop 3.0\0"  # starts a JPEG APP13 segment's payload
IIM = 0x0404
IPTC_DIGEST = 0x0425
_RESOURCE_TYPES = (b"8BIM", b"PHUT", b"DCSR", b"AgHg", b"MeSa")  # as exiftool accepts


@dataclass(frozen=True)
class Parsed:
    resources: dict[int, bytes]  # the first resource of each id
    problem: str  # "" when the whole block was read


def parse(block: bytes) -> Parsed:
    """The resources of a block, up to the first damaged one."""
    resources: dict[int, bytes] = {}
    position = 0
    while position + 8 < len(block):
        if block[position : position + 4] not in _RESOURCE_TYPES:
            return Parsed(resources, "unexpected data between Photoshop resources")
        (resource_id,) = struct.unpack_from(">H", block, position + 4)
        name_length = block[position + 6]
        position += 7 + name_length + (0 if name_length & 1 else 1)  # name padded to even
        if position + 4 > len(block):
            return Parsed(resources, "truncated Photoshop resource header")
        (size,) = struct.unpack_from(">I", block, position)
        position += 4
        if position + size > len(block):
            return Parsed(resources, f"Photoshop resource 0x{resource_id:04x} is truncated")
        resources.setdefault(resource_id, block[position : position + size])
        position += size + (size & 1)
    return Parsed(resources, "")


def resource(resource_id: int, data: bytes) -> bytes:
    """One 8BIM resource with an empty name, padded to an even length."""
    empty_name = b"\0\0"  # a zero-length Pascal string, padded to even
    padding = b"\0" if len(data) & 1 else b""
    header = b"8BIM" + struct.pack(">H", resource_id) + empty_name + struct.pack(">I", len(data))
    return header + data + padding
