"""Photos as they leave the newsroom: renditions carrying each use's caption, read by exiftool."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from newsroom.article import Article, Status
from newsroom.export.runner import ExportRequest, run_export
from newsroom.export.site import MANIFEST
from newsroom.photos import DEFAULT_QUALITY, Rendition
from newsroom.photos.library import media_tag
from newsroom.render.page import media_name
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import outside_edit
from tests.library.images import (
    CREATOR,
    PRIVATE,
    encoded,
    leaky_gif,
    leaky_jpeg,
    leaky_png,
    leaky_webp,
    quadrants,
)

EXIFTOOL = shutil.which("exiftool")


def exiftool(*paths: Path) -> list[dict[str, object]]:
    if EXIFTOOL is None:
        pytest.skip(
            "exiftool is not installed (Debian: libimage-exiftool-perl); make test installs it"
        )
    out = subprocess.run(
        [EXIFTOOL, "-j", "-G1", "-a", *map(str, paths)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def story(newsroom: Newsroom) -> Newsroom:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 0.0), 3: "E", 4: (37.0, 37.0, 0.0)}  # GPS
    exif[0xA431] = "BODY-SERIAL-123"
    exif[0x010F], exif[0x0110] = "Canon", "Canon EOS R5"
    data = encoded(quadrants(1600, 1000), "JPEG", quality=90, exif=exif)
    photo = newsroom.photos.import_photo(data, filename="field.jpg", credit="Field Agency").photo
    newsroom.photos.batch_caption([photo.id], copyright="© 2024 Field Agency")
    for slug, caption in (("first", "Talks in Ankara «today»"), ("second", "Архивное фото")):
        article = newsroom.create(
            Article(
                headline=slug.title(),
                slug=slug,
                status=__import__("newsroom.article").article.Status.PUBLISHED,
            )
        )
        newsroom.photos.attach(
            article.slug, photo.id, caption=caption, credit="Newsroom / Field Agency"
        )
    return newsroom


def test_each_page_shows_its_own_caption_in_the_photo_file(story: Newsroom, tmp_path: Path) -> None:
    run_export(story, ExportRequest("site", tmp_path / "site", all_articles=True))
    media = sorted((tmp_path / "site" / "media").iterdir())
    assert len(media) == 4  # one photo, two captions, JPEG and WebP each
    found = {entry["SourceFile"]: entry for entry in exiftool(*media)}
    captions = {entry.get("XMP-dc:Description") for entry in found.values()}
    assert captions == {"Talks in Ankara «today»", "Архивное фото"}
    for path, entry in found.items():
        assert entry["XMP-photoshop:Credit"] == "Newsroom / Field Agency"
        assert entry["XMP-dc:Rights"] == "© 2024 Field Agency"
        assert not [key for key in entry if "GPS" in key or "Serial" in key], path
        assert "Canon" not in json.dumps(entry)
        if path.endswith(".jpg"):  # IPTC IIM too, in JPEG
            assert entry["IPTC:Caption-Abstract"] == entry["XMP-dc:Description"]
            assert entry["IPTC:Credit"] == "Newsroom / Field Agency"


def test_interchange_photos_carry_the_caption(story: Newsroom, tmp_path: Path) -> None:
    result = run_export(story, ExportRequest("nitf", tmp_path, refs=["second"]))
    [photo] = [path for path in result.written if path.suffix == ".jpg"]
    [entry] = exiftool(photo)
    assert (
        entry["XMP-dc:Description"] == "Архивное фото"
        and entry["IPTC:Caption-Abstract"] == "Архивное фото"
    )


def test_the_library_export_carries_the_photos_own_caption(story: Newsroom, tmp_path: Path) -> None:
    photo = story.photos.find()[0]
    path = tmp_path / "library.jpg"
    path.write_bytes(story.photos.export(photo.id, width=320).data)
    [entry] = exiftool(path)
    assert entry["XMP-photoshop:Credit"] == "Field Agency" and entry["File:ImageWidth"] == 320


def test_changing_the_quality_makes_renditions_again(story: Newsroom) -> None:
    sha = story.photos.find()[0].sha256
    before = story.photos.rendition(sha, 1200, "jpeg")
    story.set_setting("jpeg_quality", "40")
    after = story.photos.rendition(sha, 1200, "jpeg")
    assert len(after.data) < len(before.data)
    assert story.photos.rendition(sha, 1200, "jpeg").data == after.data  # kept


def test_photos_from_before_the_library_are_read_on_repair(story: Newsroom) -> None:
    outside_edit(story.url, "UPDATE photos SET metadata_version = 0, camera = ''")
    report = story.check()
    assert not report.ok and "1 stored before their metadata was read" in report.problems[0]
    repaired = story.check(repair=True)
    assert "photos: metadata read again for 1" in repaired.checked
    assert story.photos.find()[0].camera == "Canon EOS R5"
    assert story.photos.find()[0].credit == "Field Agency"  # the desk's credit stays
    assert story.check().ok


# --- private metadata stays home -----------------------------------------------------------

CAPTION, CREDIT, COPYRIGHT = "Talks in Ankara", "Newsroom / Field Agency", "© 2024 Field Agency"
# What exiftool may find in a rendition besides the file's structure: what we write.
OUR_TAGS = {
    "XMP-x:XMPToolkit", "XMP-dc:Description", "XMP-dc:Creator", "XMP-dc:Rights",
    "XMP-photoshop:Credit", "IPTC:ApplicationRecordVersion", "IPTC:CodedCharacterSet",
    "IPTC:By-line", "IPTC:Credit", "IPTC:CopyrightNotice", "IPTC:Caption-Abstract",
    "Photoshop:IPTCDigest",
}  # fmt: skip
STRUCTURE_GROUPS = {"SourceFile", "ExifTool", "System", "File", "JFIF", "RIFF", "Composite"}
STRUCTURE_KEYS = {  # File: what the picture is, never a comment
    "File:FileType", "File:FileTypeExtension", "File:MIMEType", "File:ImageWidth",
    "File:ImageHeight", "File:EncodingProcess", "File:BitsPerSample", "File:ColorComponents",
    "File:YCbCrSubSampling", "File:CurrentIPTCDigest", "ExifTool:ExifToolVersion",
}  # fmt: skip


def assert_nothing_private(
    files: dict[str, bytes], tmp_path: Path, creator: str | None = CREATOR
) -> list[dict[str, object]]:
    """No private text in any file's bytes; each picture carries our metadata and nothing else."""
    for name, data in files.items():
        found = [label for label, text in PRIVATE.items() if text.encode() in data]
        assert not found, f"{name} carries {found}"
    pictures = {name: data for name, data in files.items() if name.endswith((".jpg", ".webp"))}
    assert pictures, "no photo was exported"
    folder = tmp_path / "read"
    folder.mkdir(exist_ok=True)
    paths = []
    for number, (name, data) in enumerate(sorted(pictures.items())):
        paths.append(folder / f"{number}{Path(name).suffix}")
        paths[-1].write_bytes(data)
    entries = exiftool(*paths)
    for name, entry in zip(sorted(pictures), entries, strict=True):
        foreign = {
            key for key in entry
            if key.split(":")[0] not in STRUCTURE_GROUPS
            or (key.split(":")[0] in ("File", "ExifTool") and key not in STRUCTURE_KEYS)
        } - OUR_TAGS  # fmt: skip
        assert not foreign, f"{name}: {sorted(foreign)}"
        assert entry.get("XMP-dc:Creator") == creator, name  # a GIF has no creator to give
        assert entry["XMP-dc:Rights"] == COPYRIGHT, name
        assert entry["XMP-photoshop:Credit"] in (CREDIT, "Field Agency"), name
    return entries


def published_with(newsroom: Newsroom, data: bytes, name: str) -> Newsroom:
    photo = newsroom.photos.import_photo(data, filename=name, credit="Field Agency").photo
    newsroom.photos.batch_caption([photo.id], caption=CAPTION, copyright=COPYRIGHT)
    article = newsroom.create(Article(headline="Talks", slug="talks", status=Status.PUBLISHED))
    newsroom.photos.attach(article.slug, photo.id, caption=CAPTION, credit=CREDIT)
    return newsroom


def every_export(newsroom: Newsroom, cli: Cli, tmp_path: Path) -> dict[str, bytes]:
    """Every file each way out writes — photo export, html (both kinds), site, nitf, md,
    json — and the photos inside them (a self-contained page's, a JSON article's)."""
    files: dict[str, bytes] = {}
    photo = newsroom.photos.find()[0]
    for fmt in ("jpeg", "webp"):
        out = tmp_path / f"photo-{fmt}"
        [written] = cli.ok("photo", "export", str(photo.id), "--out", str(out),
                           "--format", fmt).lines  # fmt: skip
        files[f"photo-{fmt}/{Path(written).name}"] = Path(written).read_bytes()
    requests = [
        ExportRequest("html", tmp_path / "html", refs=["talks"]),
        ExportRequest("html", tmp_path / "inline", refs=["talks"], self_contained=True),
        ExportRequest("site", tmp_path / "site", all_articles=True),
        ExportRequest("nitf", tmp_path / "nitf", refs=["talks"]),
        ExportRequest("md", tmp_path / "md", refs=["talks"]),
        ExportRequest("json", tmp_path / "json", refs=["talks"]),
    ]
    for request in requests:
        run_export(newsroom, request)
        for path in sorted(request.out.rglob("*")):
            if path.is_file():
                files[f"{request.out.name}/{path.relative_to(request.out)}"] = path.read_bytes()
    return files | embedded_pictures(files)


def embedded_pictures(files: dict[str, bytes]) -> dict[str, bytes]:
    """The photos carried inside files: a self-contained page's data URI, a JSON article's data."""
    found: dict[str, bytes] = {}
    for name, data in files.items():
        for number, match in enumerate(re.finditer(rb"data:image/jpeg;base64,([A-Za-z0-9+/=]+)",
                                                   data)):  # fmt: skip
            found[f"{name}#{number}.jpg"] = base64.b64decode(match.group(1))
        if name.startswith("json/") and name.endswith(".json"):
            photo = json.loads(data)["photo"]
            found[f"{name}#photo.jpg"] = base64.b64decode(photo["data"])
    return found


def test_no_rendition_carries_a_jpegs_private_metadata(
    newsroom: Newsroom, cli: Cli, tmp_path: Path
) -> None:
    """A comment, EXIF (maker note, serial, GPS, thumbnail), foreign XMP, Photoshop
    resources, an APP9 block, the ICC profile and bytes after the end: none leaves."""
    published_with(newsroom, leaky_jpeg(), "leaky.jpg")
    files = every_export(newsroom, cli, tmp_path)
    assert {name.split("/")[0] for name in files} == {
        "photo-jpeg", "photo-webp", "html", "inline", "site", "nitf", "md", "json",
    }  # fmt: skip
    entries = assert_nothing_private(files, tmp_path)
    assert any(entry.get("IPTC:Caption-Abstract") == CAPTION for entry in entries)
    assert all(entry.get("XMP-dc:Description") == CAPTION for entry in entries)


@pytest.mark.parametrize("kind", ["png", "webp", "gif"])
def test_no_rendition_carries_other_formats_private_metadata(
    newsroom: Newsroom, cli: Cli, tmp_path: Path, kind: str
) -> None:
    """PNG text chunks and eXIf, WebP EXIF and XMP chunks, a GIF comment: none leaves."""
    original = {"png": leaky_png, "webp": leaky_webp, "gif": leaky_gif}[kind]()
    published_with(newsroom, original, f"leaky.{kind}")
    creator = None if kind == "gif" else CREATOR
    assert_nothing_private(every_export(newsroom, cli, tmp_path), tmp_path, creator)


def test_a_rendition_cached_by_an_older_version_is_made_again(newsroom: Newsroom) -> None:
    """Renditions cached before renditions were cleaned (recipe v2) may carry a comment."""
    photo = newsroom.photos.import_photo(leaky_jpeg(), filename="leaky.jpg").photo
    leaked = encoded(quadrants(1200, 750), "JPEG", comment=PRIVATE["comment"].encode())
    older = f"v2 jpeg-q{DEFAULT_QUALITY['jpeg']} webp-q{DEFAULT_QUALITY['webp']}"
    newsroom.photos.store_rendition(photo.sha256, 1200, Rendition(leaked, 1200, 750, "jpeg"), older)
    served = newsroom.photos.rendition(photo.sha256, 1200, "jpeg")
    assert PRIVATE["comment"].encode() not in served.data
    assert newsroom.photos.recipe() != older


def test_a_site_exported_by_an_older_version_loses_its_leaky_photos(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    """A site whose media/ holds renditions of recipe v2 (with the JPEG's comment in them),
    with the manifest of that version (no hashes, no owner): the next export writes clean
    ones and removes the old files."""
    published_with(newsroom, leaky_jpeg(), "leaky.jpg")
    site = tmp_path / "site"
    run_export(newsroom, ExportRequest("site", site, all_articles=True))
    # Make the folder what a v2 export left: its media names, its leaky bytes.
    manifest = json.loads((site / MANIFEST).read_text())
    photo = newsroom.photos.find()[0]
    older = f"v2 jpeg-q{DEFAULT_QUALITY['jpeg']} webp-q{DEFAULT_QUALITY['webp']}"
    old_tag = media_tag(older, CAPTION, CREDIT, CREATOR, COPYRIGHT)
    leaked = encoded(quadrants(1200, 750), "JPEG", comment=PRIVATE["comment"].encode())
    old_names = []
    for name in [name for name in manifest["files"] if name.startswith("media/")]:
        (site / name).unlink()
        key = manifest["files"].pop(name)
        old_name = media_name(photo.sha256, 1200, name.rsplit(".", 1)[1], old_tag)
        manifest["files"][old_name] = key
        (site / old_name).write_bytes(leaked)
        old_names.append(old_name)
    legacy = {"generator": "Newsroom 0.9", "files": manifest["files"]}
    (site / MANIFEST).write_text(json.dumps(legacy))
    run_export(newsroom, ExportRequest("site", site, all_articles=True))
    files = {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*")
             if path.is_file()}  # fmt: skip
    assert not set(old_names) & set(files)
    assert_nothing_private(files, tmp_path)
