"""The ninjs export against IPTC's ninjs 2.2 schema, with format checking ON.

Without a format checker jsonschema takes any string as a ``uri``; with it,
``href: 'media/…'`` (the photo's file beside the document, as exported before
issue 13) is "not a 'uri'". The first test proves the checker really refuses
a relative reference, so the others can fail.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsroom.article import WireSource
from newsroom.export.runner import ExportRequest, run_export
from newsroom.imports.detect import read_document
from newsroom.store import Newsroom
from tests.conftest import REFDATA
from tests.helpers import full_article, jpeg_bytes

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
pytest.importorskip(
    "rfc3986_validator",
    reason="rfc3986-validator is not installed: jsonschema would not check the 'uri' format",
)

SCHEMA = REFDATA / "ninjs" / "ninjs-schema_2.2.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.is_file():
        pytest.skip(f"{SCHEMA} is missing: the ninjs 2.2 schema is not beside the checkout")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def newsroom(tmp_path: Path, db_target: Path | str) -> Iterator[Newsroom]:
    """A story with a photo and related headlines: published, a draft, an outside link."""
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(800, 500))
    with Newsroom.open(db_target, create=True, author="tester") as opened:
        opened.set_setting("name", "Northern Wire")
        opened.import_json(
            [
                {"slug": "grain-deal-expires", "headline": "Grain deal expires",
                 "status": "published", "published_at": "2021-06-27T18:30:00+03:00"},
                {"slug": "still-a-draft", "headline": "Still a draft"},
                full_article(
                    related=[
                        {"slug": "grain-deal-expires"},
                        {"slug": "still-a-draft"},
                        {"headline": "UN welcomes the offer", "url": "https://example.org/un"},
                    ],
                    photo={"file": "photo.jpg", "caption": "C.", "credit": "TASS", "alt": "A"},
                ),
            ],
            base_dir=tmp_path,
        )  # fmt: skip
        yield opened


def exported(newsroom: Newsroom, folder: Path) -> dict[str, Any]:
    run_export(newsroom, ExportRequest("ninjs", folder, refs=["russia-offers-talks"]))
    document: dict[str, Any] = json.loads(
        (folder / "russia-offers-talks.ninjs.json").read_text(encoding="utf-8")
    )
    return document


def errors(validator: Any, document: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_the_format_checker_refuses_a_relative_uri(validator: Any) -> None:
    document = {
        "uri": "urn:newsroom:x:y",
        "associations": [
            {
                "name": "photo",
                "uri": "urn:x:photo",
                "renditions": [{"name": "web", "href": "media/x.jpg"}],
            }
        ],
    }
    assert errors(validator, document) == [
        "associations/0/renditions/0/href: 'media/x.jpg' is not a 'uri'"
    ]
    document["associations"][0]["renditions"][0]["href"] = "https://example.org/media/x.jpg"
    assert errors(validator, document) == []
    assert errors(validator, {"uri": "russia-offers-talks"}) == [
        "uri: 'russia-offers-talks' is not a 'uri'"
    ]


@pytest.mark.parametrize("base_url", ["", "https://news.example.org/"])
def test_the_export_is_valid_with_format_checking(
    newsroom: Newsroom, validator: Any, tmp_path: Path, base_url: str
) -> None:
    newsroom.set_setting("base_url", base_url)
    document = exported(newsroom, tmp_path / "out")
    assert errors(validator, document) == []
    related = [item for item in document["associations"] if item["name"].startswith("related")]
    assert [item["headlines"][0]["value"] for item in related] == [
        "Grain deal expires", "UN welcomes the offer",
    ]  # the draft is left out  # fmt: skip
    hrefs = [rendition["href"] for item in related for rendition in item.get("renditions", [])]
    if base_url:
        assert hrefs == [
            "https://news.example.org/grain-deal-expires.html",
            "https://example.org/un",
        ]
        assert document["uri"] == "https://news.example.org/russia-offers-talks.html"
    else:
        assert hrefs == ["https://example.org/un"]  # no address for the story without a site
        assert related[0]["uri"] == "urn:newsroom:northern-wire:grain-deal-expires"
    [photo] = [item for item in document["associations"] if item["type"] == "picture"]
    assert "href" not in photo["renditions"][0]  # the file is beside it, not at an address
    assert (tmp_path / "out" / "media" / "russia-offers-talks.jpg").is_file()


def test_the_export_still_imports_with_its_photo(newsroom: Newsroom, tmp_path: Path) -> None:
    exported(newsroom, tmp_path / "out")
    path = tmp_path / "out" / "russia-offers-talks.ninjs.json"
    with Newsroom.open(tmp_path / "other.sqlite", create=True) as other:
        other.import_json([read_document(path.read_bytes(), path.name)], base_dir=path.parent)
        article = other.get("russia-offers-talks")
    assert article.photo is not None and article.photo.caption == "C."


@pytest.mark.parametrize(
    ("item_id", "base_url"),
    [
        ("0f3c9a2e7b1d", ""),  # AP's ids are not URIs: the association is a part of ours
        ("0f3c9a2e7b1d", "https://news.example.org/"),
        ('urn:ap:item:"storm"<1>', ""),  # a URI with characters a URI may not hold as they are
    ],
)
def test_a_story_from_a_wire_item_is_valid_with_format_checking(
    newsroom: Newsroom, validator: Any, tmp_path: Path, item_id: str, base_url: str
) -> None:
    newsroom.set_setting("base_url", base_url)
    source = WireSource(agency="AP", item_id=item_id, version="3", urgency=2)
    newsroom.save(newsroom.get("russia-offers-talks").with_changes(source=source))
    document = exported(newsroom, tmp_path / "out")
    assert errors(validator, document) == []
    [item] = [a for a in document["associations"] if a["name"] == "derived-from"]
    assert item["altids"] == [{"role": "wire-item-id", "value": item_id}]
    assert document["urgency"] == 2
    # And back: the exact id, not the URI made of it.
    assert read_document(json.dumps(document).encode(), "x.json")["source"]["item_id"] == item_id
