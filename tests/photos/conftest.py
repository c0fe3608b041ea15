"""Photo test material, made here: pictures by Pillow, metadata blocks by hand.

The builders are deliberately independent of the code under test (their own
IIM, Photoshop, EXIF and XMP writers), so a reading test cannot pass because
a writer and a reader share a mistake. exiftool, when installed, is the
referee: ``exiftool_json`` runs it once over many files.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pytest
from PIL import Image, TiffImagePlugin
from PIL.PngImagePlugin import PngInfo

REFERENCE_DIR = Path(__file__).resolve().parents[3] / "shared" / "refdata" / "iptc-photo"
REFERENCE_IMAGES = ("IPTC-PhotometadataRef-Std2017.1.jpg", "IPTC-PhotometadataRef-Std2021.1.jpg")
EXIFTOOL = shutil.which("exiftool")

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
}


def need_exiftool() -> str:
    if EXIFTOOL is None:
        pytest.skip("exiftool is not installed (Debian: libimage-exiftool-perl; `make test-tools`)")
    return EXIFTOOL


def exiftool_json(paths: Sequence[Path], *options: str) -> dict[str, dict[str, Any]]:
    """exiftool's reading of each file (-j -G1 -struct), by file name."""
    command = [need_exiftool(), "-j", "-G1", "-struct", *options]
    result = subprocess.run([*command, *map(str, paths)], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return {Path(entry["SourceFile"]).name: entry for entry in json.loads(result.stdout)}


# --- pictures ----------------------------------------------------------------------------


def picture(width: int = 48, height: int = 32, mode: str = "RGB") -> Image.Image:
    """A small gradient, so that pixels differ and a re-encode would show."""
    image = Image.new(mode, (width, height))
    image.putdata(
        [
            (x * 5 % 256, y * 7 % 256, (x * y) % 256, 255 if (x + y) % 3 else 128)[: len(mode)]
            for y in range(height)
            for x in range(width)
        ]
    )
    return image


def encoded(image: Image.Image, fmt: str, **options: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


# --- IIM and Photoshop resources -----------------------------------------------------------

UTF8 = b"\x1b%G"


def dataset(record: int, number: int, value: bytes | str, *, extended: bool = False) -> bytes:
    data = value.encode("utf-8") if isinstance(value, str) else value
    if extended:  # the long form: 0x8000 | number of length bytes, then the length
        return bytes([0x1C, record, number]) + struct.pack(">HI", 0x8004, len(data)) + data
    return bytes([0x1C, record, number]) + struct.pack(">H", len(data)) + data


def iim(*datasets: bytes) -> bytes:
    return b"".join(datasets)


def photoshop(resources: Mapping[int, bytes]) -> bytes:
    """A Photoshop resource block: 8BIM, id, empty name (padded), size, data (padded)."""
    out = b""
    for resource_id, data in resources.items():
        out += b"8BIM" + struct.pack(">H", resource_id) + b"\0\0" + struct.pack(">I", len(data))
        out += data + (b"\0" if len(data) % 2 else b"")
    return out


# --- EXIF ----------------------------------------------------------------------------------

ASCII = 2


def exif(
    ifd0: Mapping[int, str | bytes],
    sub: Mapping[int, str | bytes] | None = None,
    *,
    order: str = "<",
) -> bytes:
    """A TIFF-structured EXIF block: ASCII tags in IFD0 and, if given, an EXIF sub-IFD."""
    header = (b"II*\0" if order == "<" else b"MM\0*") + struct.pack(order + "I", 8)
    entries = {tag: _ascii(value) for tag, value in ifd0.items()}
    if sub is None:
        return header + _directory(entries, 8, order)
    entries[0x8769] = b"\0\0\0\0"  # placeholder: the sub-IFD's offset, known after IFD0
    first = _directory(entries, 8, order)
    entries[0x8769] = struct.pack(order + "I", 8 + len(first))
    first = _directory(entries, 8, order, pointer=0x8769)
    second = _directory({tag: _ascii(value) for tag, value in sub.items()}, 8 + len(first), order)
    return header + first + second


def _ascii(value: str | bytes) -> bytes:
    return (value.encode("utf-8") if isinstance(value, str) else value) + b"\0"


def _directory(
    entries: Mapping[int, bytes], start: int, order: str, pointer: int | None = None
) -> bytes:
    """Entries sorted by tag; values over 4 bytes go after the directory."""
    table = struct.pack(order + "H", len(entries))
    data = b""
    data_start = start + 2 + 12 * len(entries) + 4
    for tag in sorted(entries):
        value = entries[tag]
        kind, count = (4, 1) if tag == pointer else (ASCII, len(value))
        if len(value) <= 4:
            field = value.ljust(4, b"\0")
        else:
            field = struct.pack(order + "I", data_start + len(data))
            data += value + (b"\0" if len(value) % 2 else b"")
        table += struct.pack(order + "HHI", tag, kind, count) + field
    return table + b"\0\0\0\0" + data


# --- XMP -------------------------------------------------------------------------------------

XmpValue = str | list[str] | dict[str, str]


def xmp(properties: Mapping[str, XmpValue], *, attributes: bool = False) -> bytes:
    """A packet. A str is a simple value (an attribute when ``attributes``), a list a
    Bag (a Seq for dc:creator), a dict a language alternative {lang: text}."""
    attrs = ""
    elements = ""
    for name, value in properties.items():
        if isinstance(value, str) and attributes:
            attrs += f" {name}={quoteattr(value)}"
        else:
            elements += f"<{name}>{_xmp_value(name, value)}</{name}>\n"
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items() if prefix != "x")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        f'<x:xmpmeta xmlns:x="{NS["x"]}"><rdf:RDF {namespaces}>\n'
        f'<rdf:Description rdf:about=""{attrs}>\n{elements}</rdf:Description>\n'
        '</rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    ).encode()


def _xmp_value(name: str, value: XmpValue) -> str:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        items = "".join(
            f'<rdf:li xml:lang="{lang}">{escape(text)}</rdf:li>' for lang, text in value.items()
        )
        return f"<rdf:Alt>{items}</rdf:Alt>"
    kind = "Seq" if name == "dc:creator" else "Bag"
    items = "".join(f"<rdf:li>{escape(text)}</rdf:li>" for text in value)
    return f"<rdf:{kind}>{items}</rdf:{kind}>"


# --- containers ------------------------------------------------------------------------------


def segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg(
    *,
    xmp_packet: bytes | None = None,
    iim_block: bytes | None = None,
    digest: bytes | None = None,
    exif_block: bytes | None = None,
    extra: Iterable[bytes] = (),
) -> bytes:
    """A Pillow JPEG with our segments after SOI: EXIF, XMP, Photoshop, then ``extra``."""
    plain = encoded(picture(), "JPEG", quality=80)
    segments = b""
    if exif_block is not None:
        segments += segment(0xE1, b"Exif\0\0" + exif_block)
    if xmp_packet is not None:
        segments += segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + xmp_packet)
    resources: dict[int, bytes] = {}
    if iim_block is not None:
        resources[0x0404] = iim_block
    if digest is not None:
        resources[0x0425] = digest
    if resources:
        segments += segment(0xED, b"Photoshop 3.0\0" + photoshop(resources))
    segments += b"".join(extra)
    return plain[:2] + segments + plain[2:]


def png(
    *, xmp_packet: bytes | None = None, exif_block: bytes | None = None, compressed: bool = False
) -> bytes:
    info = PngInfo()
    if xmp_packet is not None:
        info.add_itxt("XML:com.adobe.xmp", xmp_packet.decode("utf-8"), zip=compressed)
    options: dict[str, Any] = {"pnginfo": info}
    if exif_block is not None:
        options["exif"] = b"Exif\0\0" + exif_block
    return encoded(picture(), "PNG", **options)


def webp(*, xmp_packet: bytes | None = None, exif_block: bytes | None = None) -> bytes:
    options: dict[str, Any] = {}
    if xmp_packet is not None:
        options["xmp"] = xmp_packet
    if exif_block is not None:
        options["exif"] = b"Exif\0\0" + exif_block
    return encoded(picture(), "WEBP", **options)


def tiff(
    *,
    xmp_packet: bytes | None = None,
    iim_block: bytes | None = None,
    ifd0: Mapping[int, str | bytes] | None = None,
    sub: Mapping[int, str] | None = None,
    iptc_as_longs: bool = False,
) -> bytes:
    """A Pillow TIFF with XMP (700), IPTC (33723) and EXIF tags in IFD0 and the EXIF IFD."""
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    for tag, value in (ifd0 or {}).items():
        tags[tag] = value.encode("utf-8") if isinstance(value, str) else value
    if xmp_packet is not None:
        tags[700] = xmp_packet
    if iim_block is not None:
        tags[33723] = iim_block.ljust(-(-len(iim_block) // 4) * 4, b"\0")
    if sub:
        tags[0x8769] = dict(sub)
    data = encoded(picture(), "TIFF", tiffinfo=tags)
    return _iptc_as_longs(data) if iptc_as_longs else data


def _iptc_as_longs(data: bytes) -> bytes:
    """Retype tag 33723 as LONG, as Photoshop writes it (Pillow writes UNDEFINED)."""
    out = bytearray(data)
    (offset,) = struct.unpack_from("<I", data, 4)
    (count,) = struct.unpack_from("<H", data, offset)
    for entry in range(offset + 2, offset + 2 + 12 * count, 12):
        tag, _, length = struct.unpack_from("<HHI", data, entry)
        if tag == 33723:
            struct.pack_into("<HI", out, entry + 2, 4, length // 4)
    return bytes(out)


def gif(*, xmp_packet: bytes | None = None) -> bytes:
    """A GIF with the XMP application extension before the image, trailer and all."""
    data = encoded(picture().convert("P"), "GIF")
    if xmp_packet is None:
        return data
    flags = data[10]
    start = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    magic_trailer = b"\x01" + bytes(range(0xFF, -1, -1)) + b"\0"
    extension = b"\x21\xff\x0bXMP DataXMP" + xmp_packet + magic_trailer
    return data[:start] + extension + data[start:]


# --- reading exiftool's answers ------------------------------------------------------------------


def exiftool_items(entry: Mapping[str, Any], tag: str) -> list[str]:
    """A tag's values as text items (exiftool gives a list, a string or a number)."""
    value = entry.get(tag)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [str(item) for item in values]


def iso_from_exiftool(date: str, time: str = "") -> str:
    """exiftool's "2017:07:13 17:01:00+00:00" (or date, time apart) as our ISO text."""
    text = re.sub(r"^(\d{4}):(\d\d):(\d\d)", r"\1-\2-\3", date.strip())
    text = re.sub(r"(-00)+$", "", text)  # IIM's "unknown month/day": we leave it out
    if time.strip():
        text += " " + time.strip()
    return text.replace(" ", "T").replace("Z", "+00:00")
