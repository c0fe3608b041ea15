"""Embedding caption, credit, creator and copyright into renditions.

exiftool reads every output back (one run for the whole module); the pixels
and the compressed image data must come out exactly as they went in.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from newsroom.photos import iim, photoshop_irb
from newsroom.photos.embed import embed_metadata
from newsroom.photos.metadata import read_metadata
from newsroom.photos.metadata_blocks import find_blocks
from tests.photos.conftest import encoded, exiftool_items, exiftool_json, picture, xmp

# Renditions as Pillow writes them (make_rendition's settings, and the other WebP layouts).
RENDITIONS: dict[str, tuple[str, bytes]] = {
    "progressive.jpg": (
        "jpeg",
        encoded(picture(), "JPEG", quality=84, optimize=True, progressive=True),
    ),
    "baseline.jpg": ("jpeg", encoded(picture(), "JPEG", quality=84)),
    "lossy.webp": ("webp", encoded(picture(), "WEBP", quality=80, method=4)),  # VP8
    "lossless.webp": ("webp", encoded(picture(), "WEBP", lossless=True)),  # VP8L
    "alpha.webp": ("webp", encoded(picture(mode="RGBA"), "WEBP", quality=80)),  # VP8X + ALPH
    "alpha-lossless.webp": ("webp", encoded(picture(mode="RGBA"), "WEBP", lossless=True)),
}

LONG_CAPTION = "x" * 1999 + "é" * 400  # the 2000-byte IIM cut falls inside an "é"


@dataclass(frozen=True)
class Fields:
    caption: str
    credit: str
    creator: str
    copyright: str


CASES = {
    "plain": Fields("A plain caption.", "Reuters", "Jane Doe", "© 2024 Reuters"),
    "unicode": Fields(
        caption=(
            'Zürich <script>alert("x")</script> & ]]> \'apos\' "quot"\r\n'
            "שלום עולם · مرحبا بالعالم · 北京 · 👨‍👩‍👧 🎉\tend"
        ),
        credit="Agence <AFP> & Co",
        creator="Anna Müller; محمد الأحمد; 李雷",
        copyright='© 2024 <Ünïcode> & "Co" ]]>',
    ),
    "long": Fields(
        caption=LONG_CAPTION,
        credit="Crédit très très long pour l’IIM",  # byte 32 falls inside the "’"
        creator="Photographer With A Very Long Näme 🎉; Second",
        copyright="© " + "Rights holder with a long notice, " * 6,
    ),
    "huge": Fields("🎉" * 30_000 + " end", "Credit", "Creator", "Copyright"),  # extended XMP
    "sparse": Fields("Only a caption", "   ", "", "\t\n"),
    "controls": Fields("bell\x07 and\x0bvertical tab", "Credit\x00", "A;  B ; ", "ok"),
    "empty": Fields("", " ", "\u3000", ""),
}
CASE_FORMATS = {
    "plain": list(RENDITIONS),
    "unicode": list(RENDITIONS),
    "long": ["progressive.jpg", "lossy.webp"],
    "huge": ["progressive.jpg", "lossless.webp"],
    "sparse": ["baseline.jpg", "lossy.webp"],
    "controls": ["baseline.jpg", "alpha.webp"],
    "empty": ["baseline.jpg", "lossy.webp"],
}
# IIM maximum lengths in bytes (IIM 4.2): what exiftool cuts to, and so do we.
IIM_LIMITS = {"caption": 2000, "credit": 32, "creator": 32, "copyright": 128}


def cleaned(text: str) -> str:
    """What may be stored of a text: XML's forbidden characters as spaces; blank is empty."""
    text = "".join(" " if _forbidden(char) else char for char in text)
    return text if text.strip() else ""


def _forbidden(char: str) -> bool:
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n\r")
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
    )


def creators(fields: Fields) -> list[str]:
    names = (cleaned(name).strip() for name in fields.creator.split("; "))
    return [name for name in names if name]


def cut(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 fits in ``limit`` bytes."""
    size = 0
    for index, char in enumerate(text):
        size += len(char.encode("utf-8"))
        if size > limit:
            return text[:index]
    return text


def output_name(case: str, rendition: str) -> str:
    return f"{case}-{rendition}"


def all_outputs() -> Iterator[tuple[str, str, str]]:
    for case, renditions in CASE_FORMATS.items():
        for rendition in renditions:
            yield case, rendition, output_name(case, rendition)


def embedded(case: str, rendition: str) -> bytes:
    fmt, data = RENDITIONS[rendition]
    fields = CASES[case]
    return embed_metadata(
        data,
        fmt,
        caption=fields.caption,
        credit=fields.credit,
        creator=fields.creator,
        copyright=fields.copyright,
    )


def with_private_exif(fmt: str) -> bytes:
    """A rendition that (against the rules) already carries GPS, a serial and old XMP."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-0042"  # BodySerialNumber
    exif.get_ifd(0x8825)[2] = (59.0, 56.0, 0.0)  # GPSLatitude
    exif.get_ifd(0x8825)[1] = "N"
    old = xmp({"photoshop:Credit": "Old credit", "photoshop:City": "Old city"})
    return encoded(picture(), fmt.upper(), exif=exif.tobytes(), xmp=old)


STRIPPED = {"private.jpg": "jpeg", "private.webp": "webp"}


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    """Every embedded file, and the private inputs as they were (to show exiftool sees GPS)."""
    files = {name: embedded(case, rendition) for case, rendition, name in all_outputs()}
    for name, fmt in STRIPPED.items():
        private = with_private_exif(fmt)
        files[f"input-{name}"] = private
        files[name] = embed_metadata(
            private, fmt, caption="New", credit="", creator="", copyright=""
        )
    return files


@pytest.fixture(scope="module")
def readings(
    outputs: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("embedded")
    paths: list[Path] = []
    for name, data in outputs.items():
        paths.append(folder / name)
        paths[-1].write_bytes(data)
    return exiftool_json(paths, "-all:all", "-validate", "-warning", "-error")


# --- exiftool reads back exactly what was embedded ---------------------------------------


@pytest.mark.parametrize(("case", "rendition", "name"), list(all_outputs()))
def test_exiftool_reads_every_field_back(
    readings: dict[str, dict[str, Any]], case: str, rendition: str, name: str
) -> None:
    entry = readings[name]
    fields = CASES[case]
    problems = {key: value for key, value in entry.items() if "Warning" in key or "Error" in key}
    assert problems == {}
    assert entry["ExifTool:Validate"] == "OK"
    assert exiftool_items(entry, "XMP-dc:Description") == _present(cleaned(fields.caption))
    assert exiftool_items(entry, "XMP-photoshop:Credit") == _present(cleaned(fields.credit))
    assert exiftool_items(entry, "XMP-dc:Creator") == creators(fields)
    assert exiftool_items(entry, "XMP-dc:Rights") == _present(cleaned(fields.copyright))
    if RENDITIONS[rendition][0] == "jpeg":
        _check_iptc(entry, fields)
    else:
        assert not [key for key in entry if key.startswith(("IPTC", "Photoshop"))]
        has_xmp = any(key.startswith("XMP-") for key in entry)
        assert ("XMP" in entry.get("RIFF:WebP_Flags", "")) == has_xmp == (case != "empty")


def _present(text: str) -> list[str]:
    return [text] if text else []


def _check_iptc(entry: dict[str, Any], fields: Fields) -> None:
    expected = {
        "IPTC:Caption-Abstract": _present(cut(cleaned(fields.caption), IIM_LIMITS["caption"])),
        "IPTC:Credit": _present(cut(cleaned(fields.credit), IIM_LIMITS["credit"])),
        "IPTC:By-line": [cut(name, IIM_LIMITS["creator"]) for name in creators(fields)],
        "IPTC:CopyrightNotice": _present(cut(cleaned(fields.copyright), IIM_LIMITS["copyright"])),
    }
    assert {tag: exiftool_items(entry, tag) for tag in expected} == expected
    if not any(expected.values()):
        assert "IPTC:CodedCharacterSet" not in entry
        return
    assert entry["IPTC:CodedCharacterSet"] == "UTF8"
    assert entry["IPTC:ApplicationRecordVersion"] == 4
    # The digest says the XMP is in step with this IIM (so MWG readers take the XMP).
    assert entry["Photoshop:IPTCDigest"] == entry["File:CurrentIPTCDigest"]


def test_long_text_is_cut_in_iim_but_whole_in_xmp(readings: dict[str, dict[str, Any]]) -> None:
    entry = readings[output_name("long", "progressive.jpg")]
    assert entry["XMP-dc:Description"] == LONG_CAPTION
    assert entry["IPTC:Caption-Abstract"] == "x" * 1999  # the "é" that did not fit is gone
    assert entry["IPTC:Credit"] == "Crédit très très long pour l"
    huge = readings[output_name("huge", "progressive.jpg")]
    assert huge["XMP-dc:Description"] == CASES["huge"].caption  # 120 kB, via extended XMP


@pytest.mark.parametrize("name", [name for *_, name in all_outputs()] + list(STRIPPED))
def test_no_position_serial_numbers_or_exif(readings: dict[str, dict[str, Any]], name: str) -> None:
    tags = [key.split(":", 1)[-1] for key in readings[name]]
    groups = {key.split(":", 1)[0] for key in readings[name]}
    assert not [tag for tag in tags if tag.startswith("GPS") or "SerialNumber" in tag]
    assert not groups & {"IFD0", "ExifIFD", "GPS", "IFD1", "InteropIFD"}


def test_older_metadata_in_the_input_is_replaced(readings: dict[str, dict[str, Any]]) -> None:
    for name in STRIPPED:
        before = readings[f"input-{name}"]
        assert before["XMP-photoshop:City"] == "Old city"
        assert before["GPS:GPSLatitudeRef"] == "North"
        assert before["ExifIFD:SerialNumber"] == "SERIAL-0042"
        entry = readings[name]
        assert entry["XMP-dc:Description"] == "New"
        assert "XMP-photoshop:City" not in entry
        assert "XMP-photoshop:Credit" not in entry


# --- the picture is untouched -----------------------------------------------------------------


def decoded(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.mode, image.size, image.tobytes()


@pytest.mark.parametrize(("case", "rendition", "name"), list(all_outputs()))
def test_pixels_and_image_data_are_unchanged(
    outputs: dict[str, bytes], case: str, rendition: str, name: str
) -> None:
    fmt, before = RENDITIONS[rendition]
    after = outputs[name]
    assert decoded(after) == decoded(before)
    assert image_data(after, fmt) == image_data(before, fmt)


def image_data(data: bytes, fmt: str) -> list[bytes]:
    """The compressed picture: a JPEG from its first SOS on; a WebP's image chunks."""
    if fmt == "jpeg":
        return [data[data.index(b"\xff\xda") :]]
    chunks = []
    position = 12
    while position + 8 <= len(data):
        fourcc, length = struct.unpack_from("<4sI", data, position)
        if fourcc in (b"VP8 ", b"VP8L", b"ALPH", b"ICCP"):
            chunks.append(fourcc + data[position + 8 : position + 8 + length])
        position += 8 + length + (length & 1)
    return chunks


@pytest.mark.parametrize("rendition", [name for name in RENDITIONS if name.endswith(".webp")])
def test_webp_becomes_extended_with_the_right_canvas(
    outputs: dict[str, bytes], rendition: str
) -> None:
    data = outputs[output_name("plain", rendition)]
    assert data[12:16] == b"VP8X"
    flags = data[20]
    width = int.from_bytes(data[24:27], "little") + 1
    height = int.from_bytes(data[27:30], "little") + 1
    assert (width, height) == picture().size
    assert flags & 0x04  # XMP
    assert not flags & 0x08  # no EXIF
    assert bool(flags & 0x10) == ("alpha" in rendition)
    assert struct.unpack_from("<I", data, 4)[0] == len(data) - 8
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == ("RGBA" if "alpha" in rendition else "RGB")


def test_nothing_to_embed_leaves_a_simple_webp_as_it_was() -> None:
    _, data = RENDITIONS["lossy.webp"]
    assert embed_metadata(data, "webp", caption=" ", credit="", creator="", copyright="") == data


# --- our own reader agrees -------------------------------------------------------------------


@pytest.mark.parametrize(("case", "rendition", "name"), list(all_outputs()))
def test_read_metadata_reads_it_back(
    outputs: dict[str, bytes], case: str, rendition: str, name: str
) -> None:
    metadata, problems = read_metadata(outputs[name])
    fields = CASES[case]
    assert problems == []
    assert metadata.description == cleaned(fields.caption).strip()
    assert metadata.credit == cleaned(fields.credit).strip()
    assert metadata.creator == "; ".join(creators(fields))
    assert metadata.copyright == cleaned(fields.copyright).strip()


@settings(max_examples=60, deadline=None)
@given(
    caption=st.text(max_size=2500),
    credit=st.text(max_size=60),
    creator=st.text(max_size=80),
    copyright=st.text(max_size=200),
    fmt=st.sampled_from(["jpeg", "webp"]),
)
def test_any_text_embeds_and_reads_back(
    caption: str, credit: str, creator: str, copyright: str, fmt: str
) -> None:
    plain = RENDITIONS["baseline.jpg" if fmt == "jpeg" else "lossy.webp"][1]
    data = embed_metadata(
        plain, fmt, caption=caption, credit=credit, creator=creator, copyright=copyright
    )
    metadata, problems = read_metadata(data)
    assert problems == []
    fields = Fields(caption, credit, creator, copyright)
    assert metadata.description == cleaned(caption).strip()
    assert metadata.credit == cleaned(credit).strip()
    assert metadata.creator == "; ".join(creators(fields))
    assert metadata.copyright == cleaned(copyright).strip()
    block = find_blocks(data).iim
    if fmt == "jpeg" and block is not None:
        for dataset in iim.parse(block).datasets:
            dataset.value.decode("utf-8")  # never invalid UTF-8
            assert len(dataset.value) <= iim.MAX_OCTETS.get(dataset.key, 3)


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (RENDITIONS["baseline.jpg"][1], "png", "cannot embed metadata in 'png'"),
        (b"GIF89a not a jpeg", "jpeg", "not a JPEG file"),
        (RENDITIONS["baseline.jpg"][1][:300], "jpeg", "damaged JPEG file"),
        (RENDITIONS["baseline.jpg"][1], "webp", "not a WebP file"),
        (RENDITIONS["lossy.webp"][1][:30], "webp", "damaged WebP file"),
    ],
)
def test_refusals(data: bytes, fmt: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        embed_metadata(data, fmt, caption="c", credit="", creator="", copyright="")


def test_photoshop_block_layout() -> None:
    """The APP13 payload: signature, then the IIM and digest resources, even-padded."""
    data = embedded("plain", "baseline.jpg")
    start = data.index(b"\xff\xed")
    (length,) = struct.unpack_from(">H", data, start + 2)
    payload = data[start + 4 : start + 2 + length]
    assert payload.startswith(photoshop_irb.JPEG_SIGNATURE)
    block = payload[len(photoshop_irb.JPEG_SIGNATURE) :]
    parsed = photoshop_irb.parse(block)
    assert parsed.problem == ""
    assert sorted(parsed.resources) == [photoshop_irb.IIM, photoshop_irb.IPTC_DIGEST]
    assert len(block) % 2 == 0
    assert data.index(b"\xff\xe0") < data.index(b"\xff\xe1") < start  # JFIF, XMP, IPTC


# --- nothing of anybody else's survives ---------------------------------------------------

SECRET = b"SECRET-Ivanov"


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def markers(data: bytes) -> list[tuple[int, bytes]]:
    """Each marker of a JPEG with its payload, scans' compressed data skipped (by hand)."""
    found = []
    position = 2
    while data[position + 1] != 0xD9:
        marker = data[position + 1]
        (length,) = struct.unpack_from(">H", data, position + 2)
        found.append((marker, data[position + 4 : position + 2 + length]))
        position += 2 + length
        if marker == 0xDA:  # to the next marker that is not stuffing or a restart
            while not (
                data[position] == 0xFF and data[position + 1] not in (0, *range(0xD0, 0xD8))
            ):
                position += 1
    return found


def crowded_jpeg() -> bytes:
    """A progressive rendition with every kind of foreign segment, also between its scans."""
    plain = RENDITIONS["progressive.jpg"][1]
    jfif_with_thumbnail = b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x04\x01" + SECRET[:12]
    head = b"".join(
        jpeg_segment(marker, payload)
        for marker, payload in [
            (0xE0, jfif_with_thumbnail),
            (0xE0, b"JFXX\0\x10" + SECRET),  # a JFIF extension thumbnail
            (0xE1, b"Exif\0\0" + SECRET),
            (0xE3, b"META\0" + SECRET),
            (0xEC, b"Ducky" + SECRET),
            (0xEE, b"Adobe\0\x64\0\0\0\0\x01" + SECRET),  # YCbCr, and a tail it has no use for
            (0xFE, SECRET),
        ]
    )
    first_scan = plain.index(b"\xff\xda")
    second_scan = plain.index(b"\xff\xda", first_scan + 2)
    between = jpeg_segment(0xFE, SECRET + b"-between") + jpeg_segment(0xE5, SECRET)
    body = plain[plain.index(b"\xff\xdb") : second_scan] + between + plain[second_scan:]
    return b"\xff\xd8" + head + body + SECRET + b"-after-EOI"


def test_a_jpeg_keeps_its_picture_and_our_metadata_only() -> None:
    before = crowded_jpeg()
    after = embed_metadata(before, "jpeg", caption="New", credit="", creator="", copyright="")
    assert SECRET not in after
    assert after.endswith(b"\xff\xd9")
    kinds = [marker for marker, _ in markers(after) if 0xE0 <= marker <= 0xEF or marker == 0xFE]
    assert kinds == [0xE0, 0xE1, 0xED, 0xEE]  # JFIF, our XMP, our IIM; Adobe's transform
    payloads = dict(markers(after))
    assert payloads[0xE0] == b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00"  # no thumbnail
    assert payloads[0xEE] == b"Adobe\0\x64\0\0\0\0\x01"  # the colour transform kept
    assert decoded(after) == decoded(RENDITIONS["progressive.jpg"][1])


def test_a_jpeg_without_its_end_is_refused() -> None:
    data = RENDITIONS["baseline.jpg"][1]
    with pytest.raises(ValueError, match="damaged JPEG file"):
        embed_metadata(data[:-2], "jpeg", caption="c", credit="", creator="", copyright="")


def riff_chunk(fourcc: bytes, body: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(body)) + body + b"\0" * (len(body) & 1)


@pytest.mark.parametrize("rendition", ["lossy.webp", "alpha.webp"])
def test_a_webp_keeps_its_picture_and_our_xmp_only(rendition: str) -> None:
    plain = RENDITIONS[rendition][1]
    extra = riff_chunk(b"EXIF", b"Exif\0\0" + SECRET) + riff_chunk(b"SECR", SECRET)
    body = plain[8:] + extra
    before = b"RIFF" + struct.pack("<I", len(body)) + body + SECRET + b"-after-RIFF"
    after = embed_metadata(before, "webp", caption="New", credit="", creator="", copyright="")
    assert SECRET not in after
    assert struct.unpack_from("<I", after, 4)[0] == len(after) - 8
    fourccs = []
    position = 12
    while position < len(after):
        fourcc, length = struct.unpack_from("<4sI", after, position)
        fourccs.append(fourcc)
        position += 8 + length + (length & 1)
    assert fourccs[-1] == b"XMP " and not {b"EXIF", b"SECR"} & set(fourccs)
    assert decoded(after) == decoded(plain)
