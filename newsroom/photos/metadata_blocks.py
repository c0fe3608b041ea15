"""Finding the metadata blocks in a photo file, without decoding any pixel.

Each container is walked by a few lines of our own, with every length
checked against the bytes that are really there: JPEG segments, TIFF tags,
PNG chunks, RIFF (WebP) chunks and GIF blocks. Other formats (HEIC when
pillow-heif is registered, AVIF, …) are asked of Pillow, which gives their
XMP and EXIF when it can open them. A damaged container yields the blocks
found before the damage and a warning.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from newsroom.photos import load_pillow, photoshop_irb, tiff_tags

XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\0"  # starts a JPEG APP1 XMP payload
EXTENDED_XMP_SIGNATURE = b"http://ns.adobe.com/xmp/extension/\0"
EXIF_SIGNATURE = b"Exif\0\0"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_XMP_KEYWORD = b"XML:com.adobe.xmp"
GIF_XMP_APPLICATION = b"XMP DataXMP"
_MAX_INFLATED = 16 * 1024 * 1024  # a compressed PNG text chunk may not expand beyond this


@dataclass
class Blocks:
    """The raw metadata of one file; any may be missing."""

    xmp: bytes | None = None
    # Extended XMP (JPEG only): the reassembled packets by GUID; the main
    # packet's xmpNote:HasExtendedXMP says which one belongs to it.
    extended_xmp: dict[str, bytes] = field(default_factory=dict)
    iim: bytes | None = None
    iptc_digest: bytes | None = None  # Photoshop resource 0x0425, as stored
    exif: bytes | None = None  # TIFF-structured (starts with II*\0 or MM\0*)
    warnings: list[str] = field(default_factory=list)

    def add_photoshop(self, block: bytes) -> None:
        parsed = photoshop_irb.parse(block)
        if parsed.problem:
            self.warnings.append(f"Photoshop resources: {parsed.problem} (the rest was skipped)")
        if self.iim is None:
            self.iim = parsed.resources.get(photoshop_irb.IIM)
        self.iptc_digest = parsed.resources.get(photoshop_irb.IPTC_DIGEST)

    def add_exif(self, block: bytes) -> None:
        if self.exif is None:
            self.exif = block.removeprefix(EXIF_SIGNATURE)


def find_blocks(data: bytes) -> Blocks:
    blocks = Blocks()
    _reader_for(data)(data, blocks)
    return blocks


def _reader_for(data: bytes) -> Callable[[bytes, Blocks], None]:
    if data.startswith(b"\xff\xd8"):
        return _read_jpeg
    if data[:4] in (b"II*\0", b"MM\0*"):
        return _read_tiff
    if data.startswith(PNG_SIGNATURE):
        return _read_png
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _read_webp
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _read_gif
    return _read_with_pillow


# --- JPEG ------------------------------------------------------------------------------


@dataclass
class _ExtendedChunks:
    total: int
    parts: dict[int, bytes] = field(default_factory=dict)  # by offset

    def joined(self) -> bytes | None:
        """The whole packet when the parts cover it exactly, else None."""
        packet = b"".join(self.parts[offset] for offset in sorted(self.parts))
        expected = 0
        for offset in sorted(self.parts):
            if offset != expected:
                return None
            expected += len(self.parts[offset])
        return packet if expected == self.total else None


def _read_jpeg(data: bytes, blocks: Blocks) -> None:
    photoshop: list[bytes] = []
    extended: dict[str, _ExtendedChunks] = {}
    for marker, payload in _jpeg_segments(data, blocks):
        if marker == 0xE1:
            _read_app1(payload, blocks, extended)
        elif marker == 0xED and payload.startswith(photoshop_irb.JPEG_SIGNATURE):
            # Photoshop splits a long resource block over several APP13 segments.
            photoshop.append(payload[len(photoshop_irb.JPEG_SIGNATURE) :])
    if photoshop:
        blocks.add_photoshop(b"".join(photoshop))
    for guid, chunks in extended.items():
        packet = chunks.joined()
        if packet is None:
            blocks.warnings.append(f"extended XMP {guid} is incomplete (skipped)")
        else:
            blocks.extended_xmp[guid] = packet


def _jpeg_segments(data: bytes, blocks: Blocks) -> list[tuple[int, bytes]]:
    """(marker, payload) of each segment before the image data."""
    segments: list[tuple[int, bytes]] = []
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            blocks.warnings.append("JPEG: damaged segment structure (later metadata skipped)")
            return segments
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
            continue
        if marker in (0xDA, 0xD9):  # start of scan, end of image: no metadata after
            return segments
        (length,) = struct.unpack_from(">H", data, position + 2)
        if length < 2 or position + 2 + length > len(data):
            blocks.warnings.append("JPEG: a segment runs past the end (later metadata skipped)")
            return segments
        segments.append((marker, data[position + 4 : position + 2 + length]))
        position += 2 + length
    blocks.warnings.append("JPEG: the file ends inside its headers (later metadata skipped)")
    return segments


def _read_app1(payload: bytes, blocks: Blocks, extended: dict[str, _ExtendedChunks]) -> None:
    if payload.startswith(EXIF_SIGNATURE):
        blocks.add_exif(payload)
    elif payload.startswith(XMP_SIGNATURE):
        if blocks.xmp is None:
            blocks.xmp = payload[len(XMP_SIGNATURE) :]
    elif payload.startswith(EXTENDED_XMP_SIGNATURE):
        _add_extended_chunk(payload[len(EXTENDED_XMP_SIGNATURE) :], extended)


def _add_extended_chunk(chunk: bytes, extended: dict[str, _ExtendedChunks]) -> None:
    """A part of an extended XMP packet: 32-char GUID, full length, offset, data."""
    if len(chunk) < 40:
        return
    guid = chunk[:32].decode("latin-1")
    total, offset = struct.unpack_from(">II", chunk, 32)
    chunks = extended.setdefault(guid, _ExtendedChunks(total))
    if chunks.total == total:
        chunks.parts.setdefault(offset, chunk[40:])


# --- TIFF ------------------------------------------------------------------------------


def _read_tiff(data: bytes, blocks: Blocks) -> None:
    try:
        directory = tiff_tags.first_directory(data)
    except tiff_tags.TiffError as error:
        blocks.warnings.append(f"TIFF: {error} (no metadata read)")
        return
    blocks.xmp = directory.raw(tiff_tags.XMP)
    blocks.iim = directory.raw(tiff_tags.IPTC)
    photoshop = directory.raw(tiff_tags.PHOTOSHOP)
    if photoshop:
        blocks.add_photoshop(photoshop)
    blocks.exif = data  # a TIFF file's first directory holds its EXIF tags


# --- PNG -------------------------------------------------------------------------------


def _read_png(data: bytes, blocks: Blocks) -> None:
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        body = data[position + 8 : position + 8 + length]
        if len(body) < length:
            blocks.warnings.append("PNG: a chunk runs past the end (later metadata skipped)")
            return
        if kind == b"iTXt" and body.startswith(PNG_XMP_KEYWORD + b"\0") and blocks.xmp is None:
            blocks.xmp = _international_text(body, blocks)
        elif kind == b"eXIf":
            blocks.add_exif(body)
        elif kind == b"IEND":
            return
        position += 12 + length  # length, type, data, CRC
    blocks.warnings.append("PNG: the file ends before its last chunk (later metadata skipped)")


def _international_text(body: bytes, blocks: Blocks) -> bytes | None:
    """The text of an iTXt chunk: keyword, flags, language, translated keyword, text."""
    fields = body.split(b"\0", 1)[1]
    if len(fields) < 2:
        blocks.warnings.append("PNG: damaged XMP text chunk (skipped)")
        return None
    compressed, rest = fields[0], fields[2:]
    parts = rest.split(b"\0", 2)
    if len(parts) < 3:
        blocks.warnings.append("PNG: damaged XMP text chunk (skipped)")
        return None
    text = parts[2]
    if not compressed:
        return text
    return _inflated(text, blocks)


def _inflated(text: bytes, blocks: Blocks) -> bytes | None:
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(text, _MAX_INFLATED)
    except zlib.error:
        blocks.warnings.append("PNG: compressed XMP cannot be decompressed (skipped)")
        return None
    if inflater.unconsumed_tail:
        blocks.warnings.append("PNG: compressed XMP is implausibly large (skipped)")
        return None
    return inflated


# --- WebP ------------------------------------------------------------------------------


def _read_webp(data: bytes, blocks: Blocks) -> None:
    position = 12
    while position + 8 <= len(data):
        kind, length = struct.unpack_from("<4sI", data, position)
        body = data[position + 8 : position + 8 + length]
        if len(body) < length:
            blocks.warnings.append("WebP: a chunk runs past the end (later metadata skipped)")
            return
        if kind == b"XMP " and blocks.xmp is None:
            blocks.xmp = body
        elif kind == b"EXIF":
            blocks.add_exif(body)
        position += 8 + length + (length & 1)
    if position < len(data) - 1:  # a chunk header cut short (one stray byte is padding)
        blocks.warnings.append("WebP: the file ends inside a chunk (later metadata skipped)")


# --- GIF -------------------------------------------------------------------------------


def _read_gif(data: bytes, blocks: Blocks) -> None:
    """XMP sits in an application extension whose bytes are the packet itself.

    The packet's bytes double as sub-block lengths, and a 258-byte "magic
    trailer" (0x01, 0xFF … 0x00) closes the chain; the packet is what comes
    before the trailer.
    """
    position = _gif_first_block(data)
    while 0 < position < len(data):
        introducer = data[position]
        if introducer == 0x3B:  # trailer: the whole file was walked
            return
        if introducer == 0x21:
            position = _gif_extension(data, position, blocks)
        elif introducer == 0x2C:
            position = _gif_image(data, position)
        else:
            break
    blocks.warnings.append("GIF: damaged or truncated block structure (later metadata skipped)")


def _gif_first_block(data: bytes) -> int:
    if len(data) < 13:
        return -1
    flags = data[10]
    colour_table = 3 * (2 << (flags & 7)) if flags & 0x80 else 0
    return 13 + colour_table


def _gif_extension(data: bytes, position: int, blocks: Blocks) -> int:
    if position + 2 > len(data):
        return -1
    label = data[position + 1]
    start = position + 2
    if label == 0xFF and data[start : start + 12] == b"\x0b" + GIF_XMP_APPLICATION:
        end = _gif_skip_sub_blocks(data, start + 12)
        if end > 0 and blocks.xmp is None:
            raw = data[start + 12 : end - 1]
            trailer = raw.find(b"\x01\xff\xfe")
            blocks.xmp = raw[:trailer] if trailer >= 0 else raw
        return end
    return _gif_skip_sub_blocks(data, start)


def _gif_image(data: bytes, position: int) -> int:
    descriptor_end = position + 10
    if descriptor_end > len(data):
        return -1
    flags = data[position + 9]
    colour_table = 3 * (2 << (flags & 7)) if flags & 0x80 else 0
    lzw_minimum = 1
    return _gif_skip_sub_blocks(data, descriptor_end + colour_table + lzw_minimum)


def _gif_skip_sub_blocks(data: bytes, position: int) -> int:
    """The position after a chain of sub-blocks, or -1 if the data ends first."""
    while position < len(data):
        size = data[position]
        position += 1 + size
        if size == 0:
            return position
    return -1


# --- Others, through Pillow ------------------------------------------------------------


def _read_with_pillow(data: bytes, blocks: Blocks) -> None:
    """XMP and EXIF of formats Pillow opens (HEIC only with pillow-heif registered)."""
    from PIL import Image  # only here: the formats read by hand above need no Pillow

    load_pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # no pixel is decoded: size warnings do not apply
            with Image.open(io.BytesIO(data)) as image:
                info = dict(image.info)
    except Exception:  # any failure of any plugin means "no metadata we can reach"
        blocks.warnings.append("not a format whose metadata Newsroom can read")
        return
    xmp = info.get("xmp")
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8")
    if isinstance(xmp, bytes):
        blocks.xmp = xmp
    exif = info.get("exif")
    if isinstance(exif, bytes):
        blocks.add_exif(exif)
