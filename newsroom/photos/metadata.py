"""Photo metadata: what the file says about itself (IPTC IIM, XMP, EXIF), read.

``read_metadata`` finds the blocks in JPEG (APP1 EXIF and XMP, APP13
Photoshop resources holding IIM and the IPTC digest), TIFF (tags 700, 33723,
34377 and the EXIF tags), PNG (iTXt ``XML:com.adobe.xmp``, eXIf), WebP
(``XMP `` and ``EXIF`` chunks), GIF (XMP application extension) and, through
Pillow, whatever else it opens (HEIC with pillow-heif registered).

Each field comes from the first source that has it, in this order
(``FIELD_SOURCES`` below is the same table, and the only one):

===============  ==============================================================
description      XMP dc:description (x-default, else the first) · IIM 2:120 ·
                 EXIF ImageDescription
credit           XMP photoshop:Credit · IIM 2:110
creator          XMP dc:creator (all, joined with "; ") · IIM 2:80 (all, "; ") ·
                 EXIF Artist
copyright        XMP dc:rights · IIM 2:116 · EXIF Copyright
headline         XMP photoshop:Headline · IIM 2:105
title            XMP dc:title · IIM 2:05
city             XMP photoshop:City · IIM 2:90
country          XMP photoshop:Country · IIM 2:101
keywords         XMP dc:subject (all) · IIM 2:25 (all)
date_created     XMP photoshop:DateCreated · IIM 2:55 + 2:60 ·
                 EXIF DateTimeOriginal + OffsetTimeOriginal (as ISO 8601)
camera           EXIF Make + Model (the make left out when the model starts with it)
===============  ==============================================================

XMP comes before IIM except by the Metadata Working Group rule: when the
file carries an IPTC digest (Photoshop resource 0x0425) that is not the MD5
of its IIM, a tool that did not know XMP changed the IIM afterwards, so IIM
comes first (and XMP still fills what IIM lacks). Values are trimmed; a
value of only whitespace counts as absent, so the next source is asked.

Bad metadata never raises: a block that cannot be decoded (XML that is not
well formed, truncated IIM, EXIF that is not TIFF) is skipped with a
one-line warning and the other blocks are still read. Whether the picture
itself is sound is ``inspect_image``'s business.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from newsroom.photos import date_formats, iim, tiff_tags, xmp
from newsroom.photos.metadata_blocks import Blocks, find_blocks


@dataclass(frozen=True)
class PhotoMetadata:
    """The fields a photo desk works with, as read from the file."""

    description: str = ""
    credit: str = ""
    creator: str = ""
    copyright: str = ""
    headline: str = ""
    title: str = ""
    city: str = ""
    country: str = ""
    keywords: tuple[str, ...] = ()
    date_created: str = ""  # ISO 8601, as precise as the file says (date, or date and time)
    camera: str = ""


Block = Literal["XMP", "IIM", "EXIF"]
# How a field is made from its source's values: "first" non-empty item, all
# items "joined" with "; ", all items as a "list", a "date" from one or two
# values, a "camera" from make and model.
Shape = Literal["first", "joined", "list", "date", "camera"]

# Field → (shape, sources in priority order). A source is "BLOCK name" or
# "BLOCK name + name" when two values make one (date and time, make and model).
FIELD_SOURCES: dict[str, tuple[Shape, tuple[str, ...]]] = {
    "description": ("first", ("XMP dc:description", "IIM 2:120", "EXIF ImageDescription")),
    "credit": ("first", ("XMP photoshop:Credit", "IIM 2:110")),
    "creator": ("joined", ("XMP dc:creator", "IIM 2:80", "EXIF Artist")),
    "copyright": ("first", ("XMP dc:rights", "IIM 2:116", "EXIF Copyright")),
    "headline": ("first", ("XMP photoshop:Headline", "IIM 2:105")),
    "title": ("first", ("XMP dc:title", "IIM 2:05")),
    "city": ("first", ("XMP photoshop:City", "IIM 2:90")),
    "country": ("first", ("XMP photoshop:Country", "IIM 2:101")),
    "keywords": ("list", ("XMP dc:subject", "IIM 2:25")),
    "date_created": (
        "date",
        (
            "XMP photoshop:DateCreated",
            "IIM 2:55 + 2:60",
            "EXIF DateTimeOriginal + OffsetTimeOriginal",
        ),
    ),
    "camera": ("camera", ("EXIF Make + Model",)),
}
_XMP_FIRST: tuple[Block, ...] = ("XMP", "IIM", "EXIF")
_IIM_FIRST: tuple[Block, ...] = ("IIM", "XMP", "EXIF")

# What each block holds, by the names the table uses: "dc:creator", "2:80", "Artist".
Values = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Source:
    block: Block
    names: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Source:
        block, _, names = text.partition(" ")
        if block not in _XMP_FIRST:
            raise ValueError(f"unknown block in {text!r}")
        return cls(block, tuple(name.strip() for name in names.split("+")))

    def __str__(self) -> str:
        return f"{self.block} {' + '.join(self.names)}"


_SOURCES = {
    name: (shape, tuple(Source.parse(text) for text in sources))
    for name, (shape, sources) in FIELD_SOURCES.items()
}


def read_metadata(data: bytes) -> tuple[PhotoMetadata, list[str]]:
    """The photo desk's fields from ``data``, and a warning per block that was skipped."""
    blocks = find_blocks(data)
    problems = list(blocks.warnings)
    values: dict[Block, Values] = {
        "XMP": _xmp_values(blocks, problems),
        "IIM": _iim_values(blocks, problems),
        "EXIF": _exif_values(blocks, problems),
    }
    pick = _Picker(values, _IIM_FIRST if iim_edited_after_xmp(blocks) else _XMP_FIRST, problems)
    metadata = PhotoMetadata(
        description=pick.text("description"),
        credit=pick.text("credit"),
        creator=pick.text("creator"),
        copyright=pick.text("copyright"),
        headline=pick.text("headline"),
        title=pick.text("title"),
        city=pick.text("city"),
        country=pick.text("country"),
        keywords=pick.items("keywords"),
        date_created=pick.text("date_created"),
        camera=pick.text("camera"),
    )
    return metadata, problems


def iim_edited_after_xmp(blocks: Blocks) -> bool:
    """The MWG test: a stored IPTC digest that is not the MD5 of the IIM there now."""
    if blocks.iptc_digest is None or blocks.iim is None:
        return False
    current = hashlib.md5(blocks.iim, usedforsecurity=False).digest()
    return current != blocks.iptc_digest


class _Picker:
    """Takes each field from the first source, in block order, that has it."""

    def __init__(
        self, values: dict[Block, Values], order: tuple[Block, ...], problems: list[str]
    ) -> None:
        self._values = values
        self._order = order
        self._problems = problems

    def text(self, field: str) -> str:
        found = self.items(field)
        return found[0] if found else ""

    def items(self, field: str) -> tuple[str, ...]:
        shape, sources = _SOURCES[field]
        for source in sorted(sources, key=lambda source: self._order.index(source.block)):
            found = self._from_source(shape, source)
            if found:
                return found
        return ()

    def _from_source(self, shape: Shape, source: Source) -> tuple[str, ...]:
        block = self._values[source.block]
        raw = [block.get(name, ()) for name in source.names]
        first = [item.strip() for item in raw[0] if item.strip()]
        if shape == "first":
            return tuple(first[:1])
        if shape == "joined":
            return ("; ".join(first),) if first else ()
        if shape == "list":
            return tuple(first)
        later = raw[1] if len(raw) > 1 else ()
        second = next((item.strip() for item in later if item.strip()), "")
        if shape == "camera":
            return _camera(first[0] if first else "", second)
        return self._date(source, first, second)

    def _date(self, source: Source, first: list[str], second: str) -> tuple[str, ...]:
        if not first:
            return ()
        try:
            if source.block == "XMP":
                return (date_formats.from_xmp(first[0]),)
            if source.block == "IIM":
                return (date_formats.from_iim(first[0], second),)
            if date_formats.is_blank_exif_date(first[0]):
                return ()
            return (date_formats.from_exif(first[0], second),)
        except ValueError as error:
            self._problems.append(f"{source}: {error} (ignored)")
            return ()


def _camera(make: str, model: str) -> tuple[str, ...]:
    """ "Canon" + "Canon EOS R5" is "Canon EOS R5"; "NIKON CORPORATION" + "NIKON D850" too."""
    if not make or not model:
        return (make or model,) if make or model else ()
    if model.casefold().startswith(make.split(maxsplit=1)[0].casefold()):
        return (model,)
    return (f"{make} {model}",)


# --- the blocks' values ----------------------------------------------------------------


def _xmp_values(blocks: Blocks, problems: list[str]) -> Values:
    if blocks.xmp is None:
        return {}
    try:
        values = xmp.read_properties(blocks.xmp)
    except xmp.XmpError as error:
        problems.append(f"XMP skipped: {error}")
        return {}
    guid = next(iter(values.get("xmpNote:HasExtendedXMP", ())), "")
    extended = blocks.extended_xmp.get(guid)
    if extended is not None:
        try:
            for name, items in xmp.read_properties(extended).items():
                values.setdefault(name, items)
        except xmp.XmpError as error:
            problems.append(f"extended XMP skipped: {error}")
    return values


def _iim_values(blocks: Blocks, problems: list[str]) -> Values:
    if not blocks.iim:
        return {}
    parsed = iim.parse(blocks.iim)
    if parsed.problem:
        problems.append(f"IPTC IIM: {parsed.problem} (the datasets before it were read)")
    return {
        f"{record}:{number:02d}": tuple(texts)
        for (record, number), texts in iim.texts(parsed.datasets).items()
    }


_EXIF_IFD0_TAGS = {
    "ImageDescription": tiff_tags.IMAGE_DESCRIPTION,
    "Make": tiff_tags.MAKE,
    "Model": tiff_tags.MODEL,
    "Artist": tiff_tags.ARTIST,
    "Copyright": tiff_tags.COPYRIGHT,
}
_EXIF_IFD_TAGS = {
    "DateTimeOriginal": tiff_tags.DATE_TIME_ORIGINAL,
    "OffsetTimeOriginal": tiff_tags.OFFSET_TIME_ORIGINAL,
}


def _exif_values(blocks: Blocks, problems: list[str]) -> Values:
    if blocks.exif is None:
        return {}
    try:
        ifd0 = tiff_tags.first_directory(blocks.exif)
    except tiff_tags.TiffError as error:
        problems.append(f"EXIF skipped: {error}")
        return {}
    values = _texts(ifd0, _EXIF_IFD0_TAGS)
    try:
        exif_ifd = tiff_tags.sub_directory(blocks.exif, ifd0, tiff_tags.EXIF_IFD)
    except tiff_tags.TiffError as error:
        problems.append(f"EXIF sub-directory skipped: {error}")
        exif_ifd = None
    if exif_ifd is not None:
        values.update(_texts(exif_ifd, _EXIF_IFD_TAGS))
    skipped = ifd0.skipped + (exif_ifd.skipped if exif_ifd else 0)
    if skipped:
        problems.append(f"EXIF: {skipped} tag(s) point outside the block (skipped)")
    return values


def _texts(directory: tiff_tags.Directory, tags: dict[str, int]) -> Values:
    return {name: (directory.text(tag),) for name, tag in tags.items() if tag in directory.entries}
