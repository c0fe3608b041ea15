"""Photos the library tests make for themselves: every format, orientation and colour case."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw

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
