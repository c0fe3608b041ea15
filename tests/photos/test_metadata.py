"""Reading photo metadata: every container, both IIM encodings, XMP forms, EXIF,
broken blocks, the MWG digest rule — and exiftool's reading as the referee."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.photos import date_formats
from newsroom.photos.metadata import FIELD_SOURCES, PhotoMetadata, read_metadata
from tests.photos.conftest import (
    REFERENCE_DIR,
    REFERENCE_IMAGES,
    UTF8,
    dataset,
    encoded,
    exif,
    exiftool_items,
    exiftool_json,
    gif,
    iim,
    iso_from_exiftool,
    jpeg,
    need_exiftool,
    picture,
    png,
    segment,
    tiff,
    webp,
    xmp,
)

# EXIF tag numbers
DESCRIPTION, MAKE, MODEL, ARTIST, COPYRIGHT = 0x010E, 0x010F, 0x0110, 0x013B, 0x8298
DATE_ORIGINAL, OFFSET_ORIGINAL = 0x9003, 0x9011

FULL_XMP = {
    "dc:description": {"de": "Beschreibung", "x-default": "XMP description"},
    "dc:creator": ["XMP Creator One", "XMP Créatrice Deux"],
    "dc:rights": {"x-default": "© XMP rights"},
    "dc:title": {"x-default": "XMP title"},
    "dc:subject": ["xmp one", "xmp zwei"],
    "photoshop:Credit": "XMP credit",
    "photoshop:Headline": "XMP headline <with> & markup",
    "photoshop:City": "Zürich",
    "photoshop:Country": "Schweiz",
    "photoshop:DateCreated": "2024-03-05T10:20:30+01:00",
}
FULL_XMP_READ = PhotoMetadata(
    description="XMP description",
    credit="XMP credit",
    creator="XMP Creator One; XMP Créatrice Deux",
    copyright="© XMP rights",
    headline="XMP headline <with> & markup",
    title="XMP title",
    city="Zürich",
    country="Schweiz",
    keywords=("xmp one", "xmp zwei"),
    date_created="2024-03-05T10:20:30+01:00",
)


def utf8_iim() -> bytes:
    return iim(
        dataset(1, 90, UTF8),
        dataset(2, 0, b"\x00\x04"),
        dataset(2, 5, "IIM title"),
        dataset(2, 25, "iim eins"),
        dataset(2, 25, "iim zwei"),
        dataset(2, 55, "20230102"),
        dataset(2, 60, "030405+0200"),
        dataset(2, 80, "Anna Müller"),
        dataset(2, 80, "Łukasz 李"),
        dataset(2, 90, "São Paulo"),
        dataset(2, 101, "Brasil"),
        dataset(2, 105, "IIM headline"),
        dataset(2, 110, "IIM credit"),
        dataset(2, 116, "© IIM"),
        dataset(2, 120, "IIM caption – ünïcödé 🎉", extended=True),
    )


UTF8_IIM_READ = PhotoMetadata(
    description="IIM caption – ünïcödé 🎉",
    credit="IIM credit",
    creator="Anna Müller; Łukasz 李",
    copyright="© IIM",
    headline="IIM headline",
    title="IIM title",
    city="São Paulo",
    country="Brasil",
    keywords=("iim eins", "iim zwei"),
    date_created="2023-01-02T03:04:05+02:00",
)


def latin_iim() -> bytes:
    """IIM without 1:90, as older tools write it: Windows-1252 bytes."""
    return iim(
        dataset(2, 0, b"\x00\x04"),
        dataset(2, 90, "Zürich".encode("cp1252")),
        dataset(2, 80, "Müller".encode("cp1252")),
        dataset(2, 120, "café – €5 “quoted”".encode("cp1252")),
        dataset(2, 116, b"\xa9 Agence\x81"),  # 0x81: undefined in cp1252, kept as U+0081
        dataset(2, 25, "crème brûlée".encode("cp1252")),
        dataset(2, 55, "20170700"),  # day unknown
    )


def camera_exif() -> bytes:
    return exif(
        {
            DESCRIPTION: "EXIF description",
            MAKE: "Canon",
            MODEL: "Canon EOS R5",
            ARTIST: "EXIF Artist Ünïcode",
            COPYRIGHT: "EXIF copyright",
        },
        {DATE_ORIGINAL: "2021:10:20 21:01:01", OFFSET_ORIGINAL: "+02:00"},
    )


def read(data: bytes) -> PhotoMetadata:
    metadata, problems = read_metadata(data)
    assert problems == []
    return metadata


# --- what each block gives ---------------------------------------------------------------


def test_xmp_wins_over_iim_and_exif_in_jpeg() -> None:
    data = jpeg(xmp_packet=xmp(FULL_XMP), iim_block=utf8_iim(), exif_block=camera_exif())
    assert read(data) == PhotoMetadata(
        **{**FULL_XMP_READ.__dict__, "camera": "Canon EOS R5"}  # camera only comes from EXIF
    )


def test_utf8_iim_alone() -> None:
    assert read(jpeg(iim_block=utf8_iim())) == UTF8_IIM_READ


def test_latin_iim_reads_as_windows_1252() -> None:
    metadata = read(jpeg(iim_block=latin_iim()))
    assert metadata.city == "Zürich"
    assert metadata.creator == "Müller"
    assert metadata.description == "café – €5 “quoted”"
    assert metadata.copyright == "© Agence\x81"
    assert metadata.keywords == ("crème brûlée",)
    assert metadata.date_created == "2017-07"


def test_utf8_iim_with_invalid_bytes_does_not_fail() -> None:
    block = iim(dataset(1, 90, UTF8), dataset(2, 120, b"caf\xe9 \xff\xfe end\0\0"))
    assert read(jpeg(iim_block=block)).description == "caf\ufffd \ufffd\ufffd end"


def test_xmp_attribute_form() -> None:
    packet = xmp(
        {
            "photoshop:Credit": "Attr credit & co",
            "photoshop:City": "Genève",
            "photoshop:DateCreated": "2020-02-29",
            "dc:creator": ["Solo"],
        },
        attributes=True,
    )
    assert b'photoshop:Credit="Attr credit &amp; co"' in packet
    assert read(jpeg(xmp_packet=packet)) == PhotoMetadata(
        credit="Attr credit & co", city="Genève", date_created="2020-02-29", creator="Solo"
    )


def test_language_alternative_without_x_default_takes_the_first() -> None:
    packet = xmp({"dc:description": {"fr": "Légende", "de": "Bildtext"}})
    assert read(jpeg(xmp_packet=packet)).description == "Légende"


def test_xmp_without_wrapper_and_with_qualified_values() -> None:
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    packet = (
        f'<rdf:RDF xmlns:rdf="{rdf}" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<rdf:Description><dc:creator><rdf:Seq><rdf:li rdf:parseType="Resource">'
        "<rdf:value>Qualified</rdf:value></rdf:li><rdf:li>Plain</rdf:li></rdf:Seq></dc:creator>"
        "<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>  </rdf:li></rdf:Alt></dc:title>"
        "</rdf:Description></rdf:RDF>"
    ).encode()
    metadata = read(jpeg(xmp_packet=packet, iim_block=iim(dataset(2, 5, "IIM title"))))
    assert metadata.creator == "Qualified; Plain"
    assert metadata.title == "IIM title"  # whitespace-only XMP counts as absent


def test_exif_alone() -> None:
    assert read(jpeg(exif_block=camera_exif())) == PhotoMetadata(
        description="EXIF description",
        creator="EXIF Artist Ünïcode",
        copyright="EXIF copyright",
        date_created="2021-10-20T21:01:01+02:00",
        camera="Canon EOS R5",
    )


def test_big_endian_exif_without_offset_and_zero_date() -> None:
    block = exif(
        {MAKE: "FUJIFILM", MODEL: "X-T4"}, {DATE_ORIGINAL: "2019:01:02 03:04:05"}, order=">"
    )
    assert read(jpeg(exif_block=block)) == PhotoMetadata(
        date_created="2019-01-02T03:04:05", camera="FUJIFILM X-T4"
    )
    blank = exif({MAKE: "Apple"}, {DATE_ORIGINAL: "0000:00:00 00:00:00"})
    assert read(jpeg(exif_block=blank)) == PhotoMetadata(camera="Apple")


@pytest.mark.parametrize(
    ("make", "model", "camera"),
    [
        ("Canon", "Canon EOS R5", "Canon EOS R5"),
        ("NIKON CORPORATION", "NIKON D850", "NIKON D850"),
        ("SONY", "ILCE-7M3", "SONY ILCE-7M3"),
        ("Apple", "iPhone 15 Pro", "Apple iPhone 15 Pro"),
        ("  Leica Camera AG ", "LEICA Q2", "LEICA Q2"),
        ("", "X100V", "X100V"),
        ("Hasselblad", "", "Hasselblad"),
    ],
)
def test_camera_is_make_and_model_without_repeating_the_make(
    make: str, model: str, camera: str
) -> None:
    tags = {tag: value for tag, value in ((MAKE, make), (MODEL, model)) if value}
    assert read(jpeg(exif_block=exif(tags))).camera == camera


@pytest.mark.parametrize(("compressed"), [False, True])
def test_png_xmp_and_exif(compressed: bool) -> None:
    data = png(xmp_packet=xmp(FULL_XMP), exif_block=camera_exif(), compressed=compressed)
    assert read(data) == PhotoMetadata(**{**FULL_XMP_READ.__dict__, "camera": "Canon EOS R5"})


def test_webp_xmp_and_exif() -> None:
    data = webp(xmp_packet=xmp(FULL_XMP), exif_block=camera_exif())
    assert read(data) == PhotoMetadata(**{**FULL_XMP_READ.__dict__, "camera": "Canon EOS R5"})


def test_gif_xmp() -> None:
    assert read(gif(xmp_packet=xmp(FULL_XMP))) == FULL_XMP_READ
    assert read(gif()) == PhotoMetadata()


@pytest.mark.parametrize("iptc_as_longs", [False, True])
def test_tiff_iptc_xmp_and_exif_tags(iptc_as_longs: bool) -> None:
    data = tiff(
        xmp_packet=xmp({"photoshop:Credit": "TIFF XMP credit"}, attributes=True),
        iim_block=latin_iim(),
        ifd0={MAKE: "NIKON CORPORATION", MODEL: "NIKON Z 9", ARTIST: "Tiff Artist"},
        sub={DATE_ORIGINAL: "2022:12:31 23:59:58"},
        iptc_as_longs=iptc_as_longs,
    )
    metadata = read(data)
    assert metadata.credit == "TIFF XMP credit"
    assert metadata.city == "Zürich"
    assert metadata.creator == "Müller"  # IIM before EXIF Artist
    assert metadata.camera == "NIKON Z 9"
    assert metadata.date_created == "2017-07"  # IIM 2:55 before EXIF


def test_heic_through_pillow() -> None:
    pillow_heif = pytest.importorskip("pillow_heif", reason="pillow-heif is not installed")
    pillow_heif.register_heif_opener()
    try:
        data = encoded(picture(), "HEIF", exif=b"Exif\0\0" + camera_exif(), xmp=xmp(FULL_XMP))
    except (OSError, KeyError, ValueError) as error:
        pytest.skip(f"this pillow-heif cannot write HEIC here ({error})")
    assert read(data) == PhotoMetadata(**{**FULL_XMP_READ.__dict__, "camera": "Canon EOS R5"})


def test_extended_xmp_in_jpeg_is_joined() -> None:
    extended = xmp({"dc:description": {"x-default": "Long " * 30}})
    guid = hashlib.md5(extended, usedforsecurity=False).hexdigest().upper().encode()
    main = xmp({"photoshop:Credit": "Main", "xmpNote:HasExtendedXMP": guid.decode()})
    main = main.replace(b"<rdf:RDF ", b'<rdf:RDF xmlns:xmpNote="http://ns.adobe.com/xmp/note/" ')
    signature = b"http://ns.adobe.com/xmp/extension/\0" + guid
    parts = [
        segment(0xE1, signature + struct.pack(">II", len(extended), offset) + chunk)
        for offset, chunk in ((60, extended[60:]), (0, extended[:60]))  # out of order
    ]
    metadata = read(jpeg(xmp_packet=main, extra=parts))
    assert metadata.credit == "Main"
    assert metadata.description == ("Long " * 30).strip()


# --- the MWG digest rule -------------------------------------------------------------------


def test_matching_digest_keeps_xmp_first() -> None:
    block = utf8_iim()
    data = jpeg(
        xmp_packet=xmp(FULL_XMP),
        iim_block=block,
        digest=hashlib.md5(block, usedforsecurity=False).digest(),
    )
    assert read(data) == FULL_XMP_READ


def test_stale_digest_puts_iim_first_and_xmp_fills_the_gaps() -> None:
    block = iim(dataset(1, 90, UTF8), dataset(2, 120, "Edited later in IIM"))
    data = jpeg(
        xmp_packet=xmp(FULL_XMP),
        iim_block=block,
        digest=hashlib.md5(b"old", usedforsecurity=False).digest(),
    )
    metadata = read(data)
    assert metadata.description == "Edited later in IIM"
    assert metadata.credit == "XMP credit"  # IIM has none: XMP still answers


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xmp_date", "iso"),
    [
        ("2017", "2017"),
        ("2017-07", "2017-07"),
        ("2017-07-13", "2017-07-13"),
        ("2017-07-13T17:01", "2017-07-13T17:01"),
        ("2017-07-13T17:01Z", "2017-07-13T17:01+00:00"),
        ("2017-07-13T17:01:00.25-05:00", "2017-07-13T17:01:00.25-05:00"),
        ("2017:07:13 17:01:00+0530", "2017-07-13T17:01:00+05:30"),
    ],
)
def test_xmp_dates(xmp_date: str, iso: str) -> None:
    assert date_formats.from_xmp(xmp_date) == iso


@pytest.mark.parametrize(
    ("date", "time", "iso"),
    [
        ("20170713", "170100+0000", "2017-07-13T17:01:00+00:00"),
        ("20170713", "170100", "2017-07-13T17:01:00"),
        ("20170713", "", "2017-07-13"),
        ("20170713", "garbage", "2017-07-13"),
        ("20170000", "170100+0000", "2017"),
    ],
)
def test_iim_dates(date: str, time: str, iso: str) -> None:
    assert date_formats.from_iim(date, time) == iso


def test_a_bad_date_is_skipped_with_a_warning_and_the_next_source_answers() -> None:
    packet = xmp({"photoshop:DateCreated": "last Tuesday"})
    block = iim(dataset(2, 55, "20200230"), dataset(2, 60, "120000"))
    metadata, problems = read_metadata(
        jpeg(xmp_packet=packet, iim_block=block, exif_block=camera_exif())
    )
    assert metadata.date_created == "2020-02-30T12:00:00"  # IIM answers; its day is not checked
    assert len(problems) == 1
    assert "photoshop:DateCreated" in problems[0]
    metadata, problems = read_metadata(
        jpeg(iim_block=iim(dataset(2, 55, "2020-13-01")), exif_block=camera_exif())
    )
    assert metadata.date_created == "2021-10-20T21:01:01+02:00"
    assert len(problems) == 1


# --- broken blocks: a warning each, and the rest still read ------------------------------------


def test_broken_xmp_is_skipped_and_iim_and_exif_still_read() -> None:
    data = jpeg(xmp_packet=b"<x:xmpmeta><unclosed>", iim_block=utf8_iim(), exif_block=camera_exif())
    metadata, problems = read_metadata(data)
    assert metadata == PhotoMetadata(**{**UTF8_IIM_READ.__dict__, "camera": "Canon EOS R5"})
    assert len(problems) == 1
    assert problems[0].startswith("XMP skipped: not well-formed XML")


def test_truncated_iim_keeps_the_datasets_before_the_cut() -> None:
    block = iim(dataset(2, 110, "Kept credit"), dataset(2, 120, "A caption"))[:-3]
    data = jpeg(xmp_packet=xmp({"dc:title": {"x-default": "T"}}), iim_block=block)
    metadata, problems = read_metadata(data)
    assert (metadata.credit, metadata.title, metadata.description) == ("Kept credit", "T", "")
    assert problems == ["IPTC IIM: dataset 2:120 is truncated (the datasets before it were read)"]


@pytest.mark.parametrize(
    "garbage",
    [
        b"not a tiff header at all",
        b"II*\0\xff\xff\xff\x7f",  # IFD0 far past the end
        b"MM\0*\0\0\0\x08\xff\xff",  # 65535 entries in 2 bytes
        b"II*\0\x08\0\0\0\x01\0\x0e\x01\x02\0\xff\xff\xff\x7f\x10\0\0\0\0\0\0\0",  # value past end
    ],
)
def test_garbage_exif_is_skipped_and_the_rest_read(garbage: bytes) -> None:
    metadata, problems = read_metadata(jpeg(exif_block=garbage, iim_block=utf8_iim()))
    assert metadata == UTF8_IIM_READ
    assert len(problems) == 1
    assert problems[0].startswith("EXIF")


def test_every_block_broken_at_once() -> None:
    block = iim(dataset(2, 120, "Caption"), b"\x1c\x02\x50\x80\x09")  # a 9-byte length field
    data = jpeg(xmp_packet=b"\xff\xfe<<<", iim_block=block, exif_block=b"II*\0")
    metadata, problems = read_metadata(data)
    assert metadata == PhotoMetadata(description="Caption")
    assert [problem.split(" ", 1)[0] for problem in problems] == ["XMP", "IPTC", "EXIF"]


@pytest.mark.parametrize(
    "packet",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>&b;</x:xmpmeta>",
        b'<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><x/>',
        b"<a>" * 5000 + b"</a>" * 5000,  # deeper than libxml2 allows
    ],
    ids=["entities", "external-dtd", "deep"],
)
def test_hostile_xmp_is_refused(packet: bytes) -> None:
    metadata, problems = read_metadata(jpeg(xmp_packet=packet, iim_block=utf8_iim()))
    assert metadata == UTF8_IIM_READ
    assert len(problems) == 1
    assert problems[0].startswith("XMP skipped")


def test_truncated_containers_warn_and_keep_what_came_before() -> None:
    data = jpeg(iim_block=utf8_iim())
    cut = data.index(b"\xff\xdb")  # inside the headers, after our APP13
    metadata, problems = read_metadata(data[: cut + 6])
    assert metadata == UTF8_IIM_READ
    assert problems == ["JPEG: a segment runs past the end (later metadata skipped)"]
    assert read_metadata(data[: cut + 1])[1] == [
        "JPEG: the file ends inside its headers (later metadata skipped)"
    ]
    for broken in (png(xmp_packet=xmp(FULL_XMP))[:40], webp(xmp_packet=xmp(FULL_XMP))[:40]):
        assert read_metadata(broken)[1]  # a warning, no exception
    assert read_metadata(gif(xmp_packet=xmp(FULL_XMP))[:-30])[0] == FULL_XMP_READ


def test_bytes_that_are_no_picture() -> None:
    metadata, problems = read_metadata(b"%PDF-1.7 not a photo")
    assert metadata == PhotoMetadata()
    assert problems == ["not a format whose metadata Newsroom can read"]


def test_a_png_bomb_in_an_xmp_chunk_is_not_inflated() -> None:
    keyword = b"XML:com.adobe.xmp\0\x01\x00\0\0"
    bomb = zlib.compress(b" " * (64 * 1024 * 1024), 9)
    chunk = struct.pack(">I", len(keyword + bomb)) + b"iTXt" + keyword + bomb + b"\0\0\0\0"
    data = png()
    metadata, problems = read_metadata(data[:33] + chunk + data[33:])
    assert metadata == PhotoMetadata()
    assert problems == ["PNG: compressed XMP is implausibly large (skipped)"]


# --- hostile bytes never raise --------------------------------------------------------------

_PLAIN_JPEG = jpeg()
_WRAPPERS = {
    "iim": lambda blob: jpeg(iim_block=blob),
    "photoshop": lambda blob: (
        _PLAIN_JPEG[:2] + segment(0xED, b"Photoshop 3.0\0" + blob) + _PLAIN_JPEG[2:]
    ),
    "xmp": lambda blob: jpeg(xmp_packet=blob),
    "exif": lambda blob: jpeg(exif_block=blob),
    "exif-tiff": lambda blob: jpeg(exif_block=b"II*\0\x08\0\0\0" + blob),
    "tiff": lambda blob: b"MM\0*\0\0\0\x08" + blob,
    "png": lambda blob: b"\x89PNG\r\n\x1a\n" + blob,
    "webp": lambda blob: b"RIFF\0\0\0\0WEBP" + blob,
    "gif": lambda blob: b"GIF89a" + blob,
    "jpeg": lambda blob: b"\xff\xd8" + blob,
}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip
@given(kind=st.sampled_from(sorted(_WRAPPERS)), blob=st.binary(max_size=600))
def test_random_bytes_in_any_block_never_raise(kind: str, blob: bytes) -> None:
    metadata, problems = read_metadata(_WRAPPERS[kind](blob))
    assert isinstance(metadata, PhotoMetadata)
    assert all(isinstance(problem, str) and "\n" not in problem for problem in problems)


@settings(max_examples=150, deadline=None)
@given(cut=st.integers(min_value=0, max_value=4000), flip=st.integers(min_value=0, max_value=4000))
def test_damaged_real_files_never_raise(cut: int, flip: int) -> None:
    whole = jpeg(xmp_packet=xmp(FULL_XMP), iim_block=utf8_iim(), exif_block=camera_exif())
    damaged = bytearray(whole[: len(whole) - cut])
    if damaged:
        damaged[flip % len(damaged)] ^= 0x5A
    read_metadata(bytes(damaged))


# --- exiftool as referee ------------------------------------------------------------------------

# Our table's sources, by the names exiftool (-G1) gives the same tags.
EXIFTOOL_TAGS: dict[str, tuple[str, ...]] = {
    "XMP dc:description": ("XMP-dc:Description",),
    "XMP photoshop:Credit": ("XMP-photoshop:Credit",),
    "XMP dc:creator": ("XMP-dc:Creator",),
    "XMP dc:rights": ("XMP-dc:Rights",),
    "XMP photoshop:Headline": ("XMP-photoshop:Headline",),
    "XMP dc:title": ("XMP-dc:Title",),
    "XMP photoshop:City": ("XMP-photoshop:City",),
    "XMP photoshop:Country": ("XMP-photoshop:Country",),
    "XMP dc:subject": ("XMP-dc:Subject",),
    "XMP photoshop:DateCreated": ("XMP-photoshop:DateCreated",),
    "IIM 2:120": ("IPTC:Caption-Abstract",),
    "IIM 2:110": ("IPTC:Credit",),
    "IIM 2:80": ("IPTC:By-line",),
    "IIM 2:116": ("IPTC:CopyrightNotice",),
    "IIM 2:105": ("IPTC:Headline",),
    "IIM 2:05": ("IPTC:ObjectName",),
    "IIM 2:90": ("IPTC:City",),
    "IIM 2:101": ("IPTC:Country-PrimaryLocationName",),
    "IIM 2:25": ("IPTC:Keywords",),
    "IIM 2:55 + 2:60": ("IPTC:DateCreated", "IPTC:TimeCreated"),
    "EXIF ImageDescription": ("IFD0:ImageDescription",),
    "EXIF Artist": ("IFD0:Artist",),
    "EXIF Copyright": ("IFD0:Copyright",),
    "EXIF DateTimeOriginal + OffsetTimeOriginal": (
        "ExifIFD:DateTimeOriginal",
        "ExifIFD:OffsetTimeOriginal",
    ),
    "EXIF Make + Model": ("IFD0:Make", "IFD0:Model"),
}


def test_every_source_in_the_table_has_an_exiftool_name() -> None:
    sources = {source for _, sources in FIELD_SOURCES.values() for source in sources}
    assert sources == set(EXIFTOOL_TAGS)


def expected_from_exiftool(entry: Mapping[str, Any]) -> PhotoMetadata:
    """Our fields picked from exiftool's tags by the same priority table and MWG rule."""
    stored, current = entry.get("Photoshop:IPTCDigest"), entry.get("File:CurrentIPTCDigest")
    iim_first = stored is not None and current is not None and stored != current
    order = ["IIM", "XMP", "EXIF"] if iim_first else ["XMP", "IIM", "EXIF"]
    fields: dict[str, Any] = {}
    for field, (shape, sources) in FIELD_SOURCES.items():
        for source in sorted(sources, key=lambda source: order.index(source.split()[0])):
            values = [exiftool_items(entry, tag) for tag in EXIFTOOL_TAGS[source]]
            value = _shaped(shape, source, values)
            if value:
                fields[field] = value
                break
    return PhotoMetadata(**fields)


def _shaped(shape: str, source: str, values: list[list[str]]) -> str | tuple[str, ...]:
    items = [item.strip() for item in values[0] if item.strip()]
    second = values[1][0].strip() if len(values) > 1 and values[1] else ""
    if shape == "first":
        return items[0] if items else ""
    if shape == "joined":
        return "; ".join(items)
    if shape == "list":
        return tuple(items)
    if shape == "camera":
        make = items[0] if items else ""
        if make and second and second.lower().startswith(make.split()[0].lower()):
            return second
        return " ".join(part for part in (make, second) if part)
    if not items:
        return ""
    if source.startswith("EXIF"):
        return iso_from_exiftool(items[0]) + second
    return iso_from_exiftool(items[0], second)


@pytest.fixture(scope="module")
def references() -> dict[str, bytes]:
    found = {name: REFERENCE_DIR / name for name in REFERENCE_IMAGES}
    missing = [name for name, path in found.items() if not path.is_file()]
    if missing:
        pytest.skip(f"IPTC reference images not found in {REFERENCE_DIR}: {', '.join(missing)}")
    return {name: path.read_bytes() for name, path in found.items()}


@pytest.fixture(scope="module")
def exiftool_readings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """exiftool's reading of the generated files and the reference images, in one run."""
    need_exiftool()
    folder = tmp_path_factory.mktemp("generated")
    for name, data in generated_files().items():
        (folder / name).write_bytes(data)
    references = [REFERENCE_DIR / name for name in REFERENCE_IMAGES]
    paths = [folder / name for name in generated_files()]
    return exiftool_json(paths + [path for path in references if path.is_file()])


def test_reference_images_read_as_exiftool_reads_them(
    references: dict[str, bytes], exiftool_readings: dict[str, dict[str, Any]]
) -> None:
    for name, data in references.items():
        metadata, problems = read_metadata(data)
        assert problems == [], name
        assert metadata == expected_from_exiftool(exiftool_readings[name]), name
        # Not a vacuous match: the reference images fill every field but the camera.
        assert all(getattr(metadata, field) for field in FIELD_SOURCES if field != "camera")


def test_reference_image_2017_in_detail(references: dict[str, bytes]) -> None:
    metadata, _ = read_metadata(references["IPTC-PhotometadataRef-Std2017.1.jpg"])
    assert metadata.creator == "Creator1 (ref2017.1); Creator2 (ref2017.1)"  # XMP Seq, not IIM
    assert metadata.date_created == "2017-07-13T17:01:00+00:00"
    assert metadata.keywords == ("Keyword1ref2017.1", "Keyword2ref2017.1", "Keyword3ref2017.1")


def generated_files() -> dict[str, bytes]:
    """Well-formed files of every kind, for exiftool to read alongside us."""
    stale = iim(dataset(1, 90, UTF8), dataset(2, 120, "IIM edited later"), dataset(2, 80, "Él"))
    attribute_xmp = xmp({"photoshop:Credit": "Crédit", "photoshop:City": "Köln"}, attributes=True)
    return {
        "full.jpg": jpeg(xmp_packet=xmp(FULL_XMP), iim_block=utf8_iim(), exif_block=camera_exif()),
        "utf8-iim.jpg": jpeg(iim_block=utf8_iim(), exif_block=camera_exif()),
        "latin-iim.jpg": jpeg(iim_block=latin_iim()),
        "stale-digest.jpg": jpeg(
            xmp_packet=xmp(FULL_XMP),
            iim_block=stale,
            digest=hashlib.md5(b"x", usedforsecurity=False).digest(),
        ),
        "exif-only.jpg": jpeg(exif_block=camera_exif()),
        "tiff.tif": tiff(
            xmp_packet=attribute_xmp,
            iim_block=latin_iim(),
            ifd0={MAKE: "NIKON CORPORATION", MODEL: "NIKON Z 9", DESCRIPTION: "Tiff description"},
            sub={DATE_ORIGINAL: "2022:12:31 23:59:58"},
            iptc_as_longs=True,
        ),
        "compressed.png": png(xmp_packet=xmp(FULL_XMP), exif_block=camera_exif(), compressed=True),
        "image.webp": webp(xmp_packet=attribute_xmp, exif_block=camera_exif()),
        "image.gif": gif(xmp_packet=xmp(FULL_XMP)),
    }


def test_generated_files_read_as_exiftool_reads_them(
    exiftool_readings: dict[str, dict[str, Any]],
) -> None:
    for name, data in generated_files().items():
        metadata, problems = read_metadata(data)
        assert problems == [], name
        assert metadata == expected_from_exiftool(exiftool_readings[name]), name
    assert exiftool_readings["stale-digest.jpg"]["IPTC:Caption-Abstract"] == "IIM edited later"
    assert read_metadata(generated_files()["stale-digest.jpg"])[0].description == "IIM edited later"
