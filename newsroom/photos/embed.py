"""Writing caption, credit, creator and copyright into a rendition, pixels untouched.

``embed_metadata`` takes the bytes of a rendition Pillow wrote (JPEG or
WebP, no metadata) and splices the metadata in as new segments or chunks;
the compressed image data is copied byte for byte.

- JPEG: an APP1 XMP packet (dc:description, dc:creator as a Seq — the
  creator split on "; " —, dc:rights, photoshop:Credit) and an APP13
  Photoshop resource block with IPTC IIM in UTF-8 (1:90, 2:00, 2:80 per
  creator, 2:110, 2:116, 2:120) and the IPTC digest (resource 0x0425, the MD5
  of that IIM), which tells MWG-aware readers the XMP is in step with the
  IIM. IIM datasets have maximum lengths (caption 2000 bytes, credit and
  by-line 32, copyright 128); longer text is cut there on a UTF-8 character
  boundary, as exiftool does, while XMP keeps it whole. A caption too long
  for one APP1 segment goes to extended XMP (XMP specification part 3).
- WebP: an ``XMP `` chunk only. IIM has no place in WebP (neither the
  container nor any reader knows one). A simple (VP8/VP8L) file becomes the
  extended layout: a VP8X header with the XMP flag and the canvas size,
  then the image, then XMP.

Empty fields, and fields of only whitespace, are left out; characters XML
cannot hold (C0 controls, unpaired surrogates) become spaces. Nothing else
is written, and nothing else is kept: every APPn segment and comment of the
input (EXIF, XMP, Photoshop resources, a maker's own) and any byte after the
end of the image go, but for the few that say how to show the pixels (see
``_kept``); a WebP keeps only the chunks of its picture. So the result says
exactly this and nothing older, whatever the input carried.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from newsroom.photos import iim, photoshop_irb, xmp
from newsroom.photos.metadata_blocks import (
    EXTENDED_XMP_SIGNATURE,
    XMP_SIGNATURE,
)
from newsroom.text import without_forbidden

CREATOR_SEPARATOR = "; "
_SOS = 0xDA
_TEM = 0x01  # a marker without a length, as are the restarts RST0-RST7
_APP0 = 0xE0
_APP1 = 0xE1
_APP2 = 0xE2
_APP13 = 0xED
_APP14 = 0xEE
_COM = 0xFE
_ICC_SIGNATURE = b"ICC_PROFILE\0"
_MAX_SEGMENT_PAYLOAD = 0xFFFF - 2  # a segment's length counts its own two bytes
_EXTENDED_CHUNK_HEADER = len(EXTENDED_XMP_SIGNATURE) + 32 + 8  # signature, GUID, length, offset
_MAX_EXTENDED_CHUNK = _MAX_SEGMENT_PAYLOAD - _EXTENDED_CHUNK_HEADER
# Room for IIM in one APP13 segment: signature, two resource headers, the digest.
_MAX_IIM = _MAX_SEGMENT_PAYLOAD - len(photoshop_irb.JPEG_SIGNATURE) - 2 * 12 - 16 - 1


@dataclass(frozen=True)
class _Fields:
    caption: str
    credit: str
    creators: tuple[str, ...]
    copyright: str

    @classmethod
    def cleaned(cls, caption: str, credit: str, creator: str, copyright: str) -> _Fields:
        # Names are list items: spaces around one are noise, not part of the name.
        creators = (_cleaned(name).strip() for name in creator.split(CREATOR_SEPARATOR))
        return cls(
            caption=_cleaned(caption),
            credit=_cleaned(credit),
            creators=tuple(name for name in creators if name),
            copyright=_cleaned(copyright),
        )


def _cleaned(text: str) -> str:
    text = without_forbidden(text)
    return text if text.strip() else ""


def embed_metadata(
    data: bytes, fmt: str, *, caption: str, credit: str, creator: str, copyright: str
) -> bytes:
    """``data`` (a JPEG or WebP rendition, ``fmt`` "jpeg" or "webp") with the metadata in it.

    Raises ValueError for another format, for bytes that are not a JPEG or
    WebP file, and for credit, creator and copyright together too long for
    one JPEG XMP segment (tens of kilobytes; a long caption is fine).
    """
    fields = _Fields.cleaned(caption, credit, creator, copyright)
    kind = fmt.lower()
    if kind in ("jpeg", "jpg"):
        return _embed_jpeg(data, fields)
    if kind == "webp":
        return _embed_webp(data, fields)
    raise ValueError(f"cannot embed metadata in {fmt!r}: use jpeg or webp")


def _xmp_properties(fields: _Fields) -> list[xmp.Property]:
    properties = []
    if fields.caption:
        properties.append(xmp.Property("dc:description", "lang-alt", (fields.caption,)))
    if fields.creators:
        properties.append(xmp.Property("dc:creator", "seq", fields.creators))
    if fields.copyright:
        properties.append(xmp.Property("dc:rights", "lang-alt", (fields.copyright,)))
    if fields.credit:
        properties.append(xmp.Property("photoshop:Credit", "text", (fields.credit,)))
    return properties


# --- JPEG ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    marker: int
    raw: bytes  # the whole segment, marker included; a scan with its compressed data

    @property
    def payload(self) -> bytes:
        return self.raw[4:]


def _embed_jpeg(data: bytes, fields: _Fields) -> bytes:
    segments = [kept for segment in _jpeg_segments(data) if (kept := _kept(segment))]
    leading_app0 = next(
        (index for index, segment in enumerate(segments) if segment.marker != _APP0),
        len(segments),
    )
    ours = _jpeg_xmp_segments(_xmp_properties(fields)) + _jpeg_iim_segments(fields)
    whole = segments[:leading_app0] + ours + segments[leading_app0:]
    return b"\xff\xd8" + b"".join(segment.raw for segment in whole) + b"\xff\xd9"


def _jpeg_segments(data: bytes) -> list[_Segment]:
    """Every segment from SOI to EOI, each scan with its entropy-coded data.

    Markers may come between the scans of a progressive JPEG, so the whole
    file is walked, not only the headers. What follows EOI is not returned.
    """
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG file")
    segments: list[_Segment] = []
    position = 2
    while position + 2 <= len(data):
        if data[position] != 0xFF:
            raise ValueError("damaged JPEG file: no marker where one belongs")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == 0xD9:
            return segments
        if marker == _TEM or 0xD0 <= marker <= 0xD7:
            segments.append(_Segment(marker, data[position : position + 2]))
            position += 2
            continue
        if marker == 0xD8 or position + 4 > len(data):
            break
        (length,) = struct.unpack_from(">H", data, position + 2)
        end = position + 2 + length
        if length < 2 or end > len(data):
            break
        if marker == _SOS:
            end = _entropy_end(data, end)
        segments.append(_Segment(marker, data[position:end]))
        position = end
    raise ValueError("damaged JPEG file: it ends before its end-of-image marker")


def _entropy_end(data: bytes, position: int) -> int:
    """Where a scan's compressed data ends: the first marker that is not a restart."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position = found + 1 if following == 0xFF else found + 2
            continue
        return found


def _kept(segment: _Segment) -> _Segment | None:
    """The segment as a rendition may carry it, or None for one it must not.

    Every APPn and COM is somebody's metadata and goes, except three that
    say how to show the pixels: JFIF (without its thumbnail), the ICC profile
    (renditions are sRGB and carry none; a profile in the input is colour,
    dropping it would change the picture) and Adobe's APP14, rebuilt around its
    colour-transform byte, which tells a decoder whether the channels are
    YCbCr, RGB or YCCK. Ours (XMP, IIM) are written afresh.
    """
    marker, payload = segment.marker, segment.payload
    if not (0xE0 <= marker <= 0xEF or marker == _COM):
        return segment
    if marker == _APP0 and payload.startswith(b"JFIF\0") and len(payload) >= 12:
        return _segment(_APP0, payload[:12] + b"\0\0")  # thumbnail size 0 by 0
    if marker == _APP2 and payload.startswith(_ICC_SIGNATURE):
        return segment
    if marker == _APP14 and payload.startswith(b"Adobe") and len(payload) >= 12:
        return _segment(_APP14, b"Adobe\0\x64\0\0\0\0" + payload[11:12])
    return None


def _segment(marker: int, payload: bytes) -> _Segment:
    return _Segment(marker, struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload)


def _jpeg_xmp_segments(properties: list[xmp.Property]) -> list[_Segment]:
    if not properties:
        return []
    standard = xmp.packet(properties)
    if len(XMP_SIGNATURE) + len(standard) <= _MAX_SEGMENT_PAYLOAD:
        return [_segment(_APP1, XMP_SIGNATURE + standard)]
    # Too big for one segment: only a long caption can do that. Extended XMP
    # carries it; the standard packet names the extension by its GUID.
    moved = [prop for prop in properties if prop.name == "dc:description"]
    kept = [prop for prop in properties if prop.name != "dc:description"]
    extended = xmp.packet(moved, wrapped=False)
    guid = hashlib.md5(extended, usedforsecurity=False).hexdigest().upper()
    standard = xmp.packet([*kept, xmp.Property("xmpNote:HasExtendedXMP", "text", (guid,))])
    if len(XMP_SIGNATURE) + len(standard) > _MAX_SEGMENT_PAYLOAD:
        raise ValueError("credit, creator and copyright are too long to embed in a JPEG")
    return [_segment(_APP1, XMP_SIGNATURE + standard), *_extended_segments(extended, guid)]


def _extended_segments(packet: bytes, guid: str) -> list[_Segment]:
    segments = []
    for offset in range(0, len(packet), _MAX_EXTENDED_CHUNK):
        header = EXTENDED_XMP_SIGNATURE + guid.encode("ascii")
        header += struct.pack(">II", len(packet), offset)
        chunk = packet[offset : offset + _MAX_EXTENDED_CHUNK]
        segments.append(_segment(_APP1, header + chunk))
    return segments


def _jpeg_iim_segments(fields: _Fields) -> list[_Segment]:
    if not (fields.caption or fields.credit or fields.creators or fields.copyright):
        return []
    block = _iim_block(fields)
    digest = hashlib.md5(block, usedforsecurity=False).digest()
    resources = photoshop_irb.resource(photoshop_irb.IIM, block)
    resources += photoshop_irb.resource(photoshop_irb.IPTC_DIGEST, digest)
    return [_segment(_APP13, photoshop_irb.JPEG_SIGNATURE + resources)]


def _iim_block(fields: _Fields) -> bytes:
    """The datasets in numerical order; by-lines beyond one segment's room are left out."""
    before = iim.utf8_header()
    after = b""
    if fields.credit:
        after += iim.encode_text(iim.CREDIT, fields.credit)
    if fields.copyright:
        after += iim.encode_text(iim.COPYRIGHT_NOTICE, fields.copyright)
    if fields.caption:
        after += iim.encode_text(iim.CAPTION, fields.caption)
    by_lines = b""
    for name in fields.creators:
        by_line = iim.encode_text(iim.BY_LINE, name)
        if len(before) + len(by_lines) + len(by_line) + len(after) > _MAX_IIM:
            break
        by_lines += by_line
    return before + by_lines + after


# --- WebP ------------------------------------------------------------------------------

_VP8X_ALPHA = 0x10
_VP8X_EXIF = 0x08
_VP8X_XMP = 0x04
# The chunks of the picture itself (WebP container specification); any other
# chunk (EXIF, XMP, a program's own) is somebody's metadata and is dropped.
_PICTURE_CHUNKS = (b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L")


@dataclass(frozen=True)
class _Chunk:
    fourcc: bytes
    body: bytes

    def raw(self) -> bytes:
        padding = b"\0" if len(self.body) & 1 else b""
        return self.fourcc + struct.pack("<I", len(self.body)) + self.body + padding


def _embed_webp(data: bytes, fields: _Fields) -> bytes:
    properties = _xmp_properties(fields)
    chunks = [chunk for chunk in _webp_chunks(data) if chunk.fourcc in _PICTURE_CHUNKS]
    if not properties and chunks[0].fourcc != b"VP8X":
        return _riff(chunks)
    if chunks[0].fourcc != b"VP8X":
        chunks.insert(0, _vp8x_for(chunks[0]))
    flags = chunks[0].body[0] & ~(_VP8X_EXIF | _VP8X_XMP)
    if properties:
        flags |= _VP8X_XMP
        chunks.append(_Chunk(b"XMP ", xmp.packet(properties)))
    chunks[0] = _Chunk(b"VP8X", bytes([flags]) + chunks[0].body[1:])
    return _riff(chunks)


def _webp_chunks(data: bytes) -> list[_Chunk]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    data = data[: 8 + riff_size]  # bytes after the RIFF container are no part of it
    chunks = []
    position = 12
    while position + 8 <= len(data):
        fourcc, length = struct.unpack_from("<4sI", data, position)
        body = data[position + 8 : position + 8 + length]
        if len(body) < length:
            raise ValueError("damaged WebP file: a chunk runs past the end")
        chunks.append(_Chunk(fourcc, body))
        position += 8 + length + (length & 1)
    if not chunks or chunks[0].fourcc not in (b"VP8X", b"VP8 ", b"VP8L"):
        raise ValueError("damaged WebP file: no image chunk")
    if chunks[0].fourcc == b"VP8X" and len(chunks[0].body) < 10:
        raise ValueError("damaged WebP file: short VP8X chunk")
    return chunks


def _riff(chunks: list[_Chunk]) -> bytes:
    body = b"WEBP" + b"".join(chunk.raw() for chunk in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _vp8x_for(image: _Chunk) -> _Chunk:
    """The VP8X header a simple file needs to carry XMP: canvas size and alpha flag."""
    width, height, alpha = _image_size(image)
    flags = _VP8X_ALPHA if alpha else 0
    size = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return _Chunk(b"VP8X", bytes([flags, 0, 0, 0]) + size)


def _image_size(image: _Chunk) -> tuple[int, int, bool]:
    body = image.body
    if image.fourcc == b"VP8L":
        if len(body) < 5 or body[0] != 0x2F:
            raise ValueError("damaged WebP file: bad VP8L header")
        (bits,) = struct.unpack_from("<I", body, 1)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bool(bits >> 28 & 1)
    if len(body) < 10 or body[3:6] != b"\x9d\x01\x2a":
        raise ValueError("damaged WebP file: bad VP8 header")
    width, height = (size & 0x3FFF for size in struct.unpack_from("<HH", body, 6))
    if not (width and height):
        raise ValueError("damaged WebP file: a VP8 picture without size")
    return width, height, False
