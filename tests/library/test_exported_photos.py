"""Photos as they leave the newsroom: renditions carrying each use's caption, read by exiftool."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from newsroom.article import Article
from newsroom.export.runner import ExportRequest, run_export
from newsroom.store import Newsroom
from tests.library.images import encoded, quadrants

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
    photo = newsroom.import_photo(data, filename="field.jpg", credit="Field Agency").photo
    newsroom.batch_caption([photo.id], copyright="© 2024 Field Agency")
    for slug, caption in (("first", "Talks in Ankara «today»"), ("second", "Архивное фото")):
        article = newsroom.create(
            Article(
                headline=slug.title(),
                slug=slug,
                status=__import__("newsroom.article").article.Status.PUBLISHED,
            )
        )
        newsroom.attach_photo(
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
    photo = story.photo_list()[0]
    path = tmp_path / "library.jpg"
    path.write_bytes(story.photo_export(photo.id, width=320).data)
    [entry] = exiftool(path)
    assert entry["XMP-photoshop:Credit"] == "Field Agency" and entry["File:ImageWidth"] == 320


def test_changing_the_quality_makes_renditions_again(story: Newsroom) -> None:
    sha = story.photo_list()[0].sha256
    before = story.rendition(sha, 1200, "jpeg")
    story.set_setting("jpeg_quality", "40")
    after = story.rendition(sha, 1200, "jpeg")
    assert len(after.data) < len(before.data)
    assert story.rendition(sha, 1200, "jpeg").data == after.data  # kept


def test_photos_from_before_the_library_are_read_on_repair(story: Newsroom) -> None:
    assert story.path is not None
    with sqlite3.connect(story.path) as raw:
        raw.execute("UPDATE photos SET metadata_version = 0, camera = ''")
    report = story.check()
    assert not report.ok and "1 stored before their metadata was read" in report.problems[0]
    repaired = story.check(repair=True)
    assert "photos: metadata read again for 1" in repaired.checked
    assert story.photo_list()[0].camera == "Canon EOS R5"
    assert story.photo_list()[0].credit == "Field Agency"  # the desk's credit stays
    assert story.check().ok
