"""Photos the library tests make for themselves: every format, orientation and colour case."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

# Quadrant colours of the upright test picture: where each ends up tells the orientation.
TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT = (
    (220, 30, 30),
    (30, 200, 30),
    (30, 30, 220),
    (230, 220, 40),
)

# exif_transpose turns orientation N upright with these; the stored pixels are the inverse.
_TO_STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def quadrants(width: int = 400, height: int = 240, mode: str = "RGB") -> Image.Image:
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    half_w, half_h = width // 2, height // 2
    draw.rectangle([0, 0, half_w, half_h], fill=TOP_LEFT)
    draw.rectangle([half_w, 0, width, half_h], fill=TOP_RIGHT)
    draw.rectangle([0, half_h, half_w, height], fill=BOTTOM_LEFT)
    draw.rectangle([half_w, half_h, width, height], fill=BOTTOM_RIGHT)
    return image.convert(mode) if mode != "RGB" else image


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def oriented_jpeg(orientation: int) -> bytes:
    """A JPEG that shows the upright quadrants once its EXIF orientation is applied."""
    upright = quadrants()
    transform = _TO_STORED[orientation]
    stored = upright if transform is None else upright.transpose(transform)
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encoded(stored, "JPEG", quality=95, exif=exif)


def png_16_bit_rgb(width: int = 64, height: int = 32) -> bytes:
    """A 16-bit-per-channel RGB PNG (Pillow cannot write one; we can)."""
    row = b"".join(struct.pack(">HHH", 65535, 32768, 4096) for _ in range(width))
    raw = b"".join(b"\x00" + row for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return _png([(b"IHDR", header), (b"IDAT", zlib.compress(raw)), (b"IEND", b"")])


def png_bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A small file claiming a huge picture: a decompression bomb's header."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return _png([(b"IHDR", header), (b"IDAT", zlib.compress(b"\x00" * 1024)), (b"IEND", b"")])


def _png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    out = b"\x89PNG\r\n\x1a\n"
    for kind, data in chunks:
        out += struct.pack(">I", len(data)) + kind + data
        out += struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return out


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (80, 60), colour) for colour in (TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT)]
    return encoded(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def wide_gamut_profile() -> bytes:
    """An ICC v2 matrix profile with Adobe RGB (1998) primaries, gamma 2.2, written by hand."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + b"\x00" * 4 + s15(x) + s15(y) + s15(z)

    def curve(gamma: float) -> bytes:
        return b"curv" + b"\x00" * 4 + struct.pack(">IH", 1, round(gamma * 256)) + b"\x00\x00"

    text = b"Newsroom test wide gamut"
    tags = [
        (b"desc", b"desc" + b"\x00" * 4 + struct.pack(">I", len(text) + 1) + text + b"\x00"
         + b"\x00" * 4 + b"\x00" * 4 + b"\x00" * 3 + b"\x00" * 67),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.6097, 0.3111, 0.0195)),
        (b"gXYZ", xyz(0.2053, 0.6257, 0.0609)),
        (b"bXYZ", xyz(0.1492, 0.0632, 0.7446)),
        (b"rTRC", curve(2.2)), (b"gTRC", curve(2.2)), (b"bTRC", curve(2.2)),
        (b"cprt", b"text" + b"\x00" * 4 + b"public domain\x00"),
    ]  # fmt: skip
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        padded = data + b"\x00" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += padded
    size = offset + len(body)
    header = (
        struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntr" + b"RGB "
        + b"XYZ " + b"\x00" * 12 + b"acsp" + b"\x00" * 24 + struct.pack(">I", 0)
        + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\x00" * 4 + b"\x00" * 16 + b"\x00" * 28
    )  # fmt: skip
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


# --- photos full of what must never leave the newsroom ----------------------------------

# Each private item's text, found in no rendition, export page or feed file.
PRIVATE = {
    "comment": "CONFIDENTIAL source: Ivanov",
    "maker note": "MAKERNOTE-Ivanov-lens-4711",
    "make": "SpyCamMaker",
    "model": "SpyCam X1",
    "serial": "SERIAL-4711-IVANOV",
    "thumbnail": "THUMBNAIL-Ivanov-secret",
    "xmp history": "HISTORY-agent-Ivanov",
    "xmp document": "xmp.did:SECRET-DOCUMENT-ID",
    "xmp private": "PRIVATE-XMP-field-Ivanov",
    "irb url": "https://IRB-secret.example/Ivanov",
    "iim instructions": "IIM-instructions-Ivanov",
    "app9": "APP9-Ivanov-vendor-blob",
    "icc description": "Newsroom test wide gamut",
    "trailer": "TRAILER-after-EOI-Ivanov",
}
CREATOR = "Anna Fotografova"


def leaky_xmp() -> bytes:
    """An XMP packet as an editing program leaves it: history, document ids, a private field."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
        ' xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"'
        ' xmlns:priv="http://example.org/private/1.0/">'
        f"<dc:creator><rdf:Seq><rdf:li>{CREATOR}</rdf:li></rdf:Seq></dc:creator>"
        f"<xmpMM:DocumentID>{PRIVATE['xmp document']}</xmpMM:DocumentID>"
        '<xmpMM:History><rdf:Seq><rdf:li rdf:parseType="Resource">'
        "<stEvt:action>saved</stEvt:action>"
        f"<stEvt:softwareAgent>{PRIVATE['xmp history']}</stEvt:softwareAgent>"
        "</rdf:li></rdf:Seq></xmpMM:History>"
        f"<priv:Source>{PRIVATE['xmp private']}</priv:Source>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def leaky_exif() -> bytes:
    """A camera's EXIF, big-endian, by hand: make, model, a maker note, the body serial,
    GPS, and a thumbnail (IFD1) that is itself a JPEG with a comment."""
    thumbnail = encoded(
        quadrants(32, 20), "JPEG", quality=70, comment=PRIVATE["thumbnail"].encode()
    )
    note = PRIVATE["maker note"].encode()

    def text(value: str) -> tuple[int, int, bytes]:
        data = value.encode() + b"\0"
        return 2, len(data), data

    def rationals(*values: int) -> tuple[int, int, bytes]:
        return 5, len(values), b"".join(struct.pack(">II", value, 1) for value in values)

    def long(value: int) -> tuple[int, int, bytes]:
        return 4, 1, struct.pack(">I", value)

    def layout(offsets: list[int]) -> list[bytes]:
        exif_at, gps_at, ifd1_at, thumb_at = offsets
        ifd0 = {0x010F: text(PRIVATE["make"]), 0x0110: text(PRIVATE["model"]),
                0x8769: long(exif_at), 0x8825: long(gps_at)}  # fmt: skip
        sub = {0x927C: (7, len(note), note), 0xA431: text(PRIVATE["serial"])}
        gps = {1: text("N"), 2: rationals(55, 45, 0), 3: text("E"), 4: rationals(37, 37, 0)}
        ifd1 = {0x0103: (3, 1, struct.pack(">H", 6)), 0x0201: long(thumb_at),
                0x0202: long(len(thumbnail))}  # fmt: skip
        return [
            _ifd(ifd0, 8, next_ifd=ifd1_at), _ifd(sub, exif_at), _ifd(gps, gps_at),
            _ifd(ifd1, ifd1_at), thumbnail,
        ]  # fmt: skip

    sizes = [len(part) for part in layout([0, 0, 0, 0])]
    offsets = [8 + sum(sizes[:index]) for index in range(1, 5)]
    return b"MM\0*" + struct.pack(">I", 8) + b"".join(layout(offsets))


def _ifd(entries: dict[int, tuple[int, int, bytes]], start: int, next_ifd: int = 0) -> bytes:
    """One TIFF directory at ``start``; values longer than four bytes follow it."""
    table = struct.pack(">H", len(entries))
    values = b""
    values_at = start + 2 + 12 * len(entries) + 4
    for tag in sorted(entries):
        kind, count, data = entries[tag]
        if len(data) <= 4:
            table += struct.pack(">HHI", tag, kind, count) + data.ljust(4, b"\0")
        else:
            table += struct.pack(">HHII", tag, kind, count, values_at + len(values))
            values += data + b"\0" * (len(data) % 2)
    return table + struct.pack(">I", next_ifd) + values


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _photoshop_resource(number: int, data: bytes) -> bytes:
    padded = data + b"\0" * (len(data) % 2)
    return b"8BIM" + struct.pack(">H", number) + b"\0\0" + struct.pack(">I", len(data)) + padded


def leaky_jpeg(width: int = 1600, height: int = 1000) -> bytes:
    """A JPEG carrying everything a rendition must leave behind (``PRIVATE``).

    Pillow writes the picture, a COM comment, the EXIF, the XMP and a wide-gamut
    ICC profile; an APP9 vendor block and Photoshop resources (a URL, and IIM
    with special instructions) go in by hand, and bytes follow the end of image.
    """
    written = encoded(
        quadrants(width, height), "JPEG", quality=90, comment=PRIVATE["comment"].encode(),
        exif=b"Exif\0\0" + leaky_exif(), xmp=leaky_xmp(), icc_profile=wide_gamut_profile(),
    )  # fmt: skip
    instructions = PRIVATE["iim instructions"].encode()
    iim = b"\x1c\x02\x28" + struct.pack(">H", len(instructions)) + instructions
    resources = _photoshop_resource(0x040B, PRIVATE["irb url"].encode())
    resources += _photoshop_resource(0x0404, iim)
    extra = _jpeg_segment(0xE9, PRIVATE["app9"].encode())
    extra += _jpeg_segment(0xED, b"Photoshop 3.0\0" + resources)
    return written[:2] + extra + written[2:] + PRIVATE["trailer"].encode()


def leaky_png() -> bytes:
    """A PNG with text chunks (tEXt, zTXt, iTXt XMP) and an eXIf chunk."""
    info = PngInfo()
    info.add_text("comment", PRIVATE["comment"])
    info.add_text("Source", PRIVATE["serial"], zip=True)
    info.add_itxt("XML:com.adobe.xmp", leaky_xmp().decode("utf-8"))
    return encoded(
        quadrants(), "PNG", pnginfo=info, exif=b"Exif\0\0" + leaky_exif(),
        icc_profile=wide_gamut_profile(),
    )  # fmt: skip


def leaky_webp() -> bytes:
    """A WebP with EXIF and XMP chunks."""
    return encoded(
        quadrants(), "WEBP", quality=90, exif=b"Exif\0\0" + leaky_exif(), xmp=leaky_xmp(),
        icc_profile=wide_gamut_profile(),
    )  # fmt: skip


def leaky_gif() -> bytes:
    """A GIF with a comment extension."""
    return encoded(quadrants().convert("P"), "GIF", comment=PRIVATE["comment"].encode())
