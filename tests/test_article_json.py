"""The JSON article format: every check names its field, text is kept as typed."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from newsroom.article import Article, Dateline, Quote, RelatedHeadline, Status
from newsroom.article_json import content_to_json, read_article, read_articles
from newsroom.errors import ValidationError
from tests.helpers import full_article, jpeg_bytes, png_bytes

MOSCOW = ZoneInfo("Europe/Moscow")


def parse(document: Any, base_dir: Path | None = None) -> dict[str, Any]:
    return read_article(document, base_dir=base_dir, tz=MOSCOW).fields


def problem(document: Any, base_dir: Path | None = None) -> str:
    with pytest.raises(ValidationError) as caught:
        read_article(document, base_dir=base_dir, tz=MOSCOW)
    return str(caught.value)


def test_a_full_article_parses_into_values() -> None:
    fields = parse(full_article())
    assert fields["headline"] == "Russia offers talks on grain corridor"
    assert fields["dateline"] == Dateline("Moscow", date(2021, 6, 28), "TASS")
    assert fields["quotes"][0] == Quote("We are ready", "Dmitry Peskov", "Kremlin spokesman", True)
    assert fields["related"] == (
        RelatedHeadline.internal("grain-deal-expires"),
        RelatedHeadline.external(
            "UN welcomes the offer", "https://example.org/un-offer", "Statement in Geneva"
        ),
    )
    assert fields["status"] is Status.PUBLISHED
    assert fields["published_at"] == datetime(2021, 6, 28, 7, 5, tzinfo=UTC)
    assert fields["tags"] == ("Russia", "grain", "diplomacy")


def test_a_pull_quote_names_its_place_in_the_body() -> None:
    quotes = [
        {"text": "a", "pull": True, "after_paragraph": 3},
        {"text": "b", "pull": True, "after_paragraph": 0},
        {"text": "c", "pull": True, "after_paragraph": None},
        {"text": "d", "pull": True},
    ]
    fields = parse({"headline": "H", "quotes": quotes})
    assert [quote.after_paragraph for quote in fields["quotes"]] == [3, 0, None, None]
    written = content_to_json(Article(headline="H", quotes=fields["quotes"]))["quotes"]
    assert written[0] == {
        "text": "a",
        "speaker": "",
        "role": "",
        "pull": True,
        "after_paragraph": 3,
    }
    assert written[1]["after_paragraph"] == 0
    assert "after_paragraph" not in written[2]  # the default place: left out, as before


def test_only_headline_is_required_and_absent_fields_stay_absent() -> None:
    assert parse({"headline": "Just a headline"}) == {"headline": "Just a headline"}


def test_markup_is_text_kept_exactly_as_typed() -> None:
    body = "He wrote <script>alert('x')</script> & left.\r\n\n  Indented  "
    fields = parse({"headline": "<b>Bold</b> claim", "body": body, "lead": " <i>x</i> "})
    assert fields["headline"] == "<b>Bold</b> claim"
    assert fields["body"] == body
    assert fields["lead"] == " <i>x</i> "


def test_single_line_fields_are_trimmed_and_joined() -> None:
    fields = parse(
        {"headline": "  Two\nlines \r\n here ", "section": " Politics ", "tags": [" a ", "A", "b"]}
    )
    assert fields["headline"] == "Two lines here"
    assert fields["section"] == "Politics"
    assert fields["tags"] == ("a", "b")


def test_null_means_empty_for_optional_fields() -> None:
    fields = parse(
        {
            "headline": "H",
            "subtitle": None,
            "dateline": None,
            "photo": None,
            "quotes": None,
            "related": None,
            "published_at": None,
        }
    )
    assert fields["subtitle"] == ""
    assert fields["dateline"] == Dateline()
    assert fields["photo"] is None
    assert fields["quotes"] == () and fields["related"] == ()
    assert fields["published_at"] is None


def test_read_only_fields_from_show_json_are_ignored() -> None:
    fields = parse(
        {
            "id": 7,
            "revision": 3,
            "created_at": "x",
            "updated_at": "y",
            "headline": "H",
            "dateline": {"city": "Riga", "text": "RIGA. /TASS/."},
        }
    )
    assert set(fields) == {"headline", "dateline"}
    assert fields["dateline"] == Dateline(city="Riga")


def test_a_time_without_offset_is_in_the_newsroom_time_zone() -> None:
    fields = parse({"headline": "H", "published_at": "2021-06-28T10:05:00"})
    assert fields["published_at"] == datetime(2021, 6, 28, 10, 5, tzinfo=MOSCOW)
    utc = parse({"headline": "H", "published_at": "2021-06-28T10:05:00Z"})["published_at"]
    assert utc.utcoffset() == timedelta(0)
    offset = parse({"headline": "H", "published_at": "2021-06-28T10:05:00-05:30"})["published_at"]
    assert offset.tzinfo == timezone(-timedelta(hours=5, minutes=30))


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("just text", "expected an object {…}, got text"),
        ([], "expected an object"),
        ({"headlien": "typo"}, "headlien: unknown field; expected one of slug, headline"),
        ({"headline": ""}, "headline: a headline cannot be empty"),
        ({"headline": "   "}, "headline: a headline cannot be empty"),
        ({"headline": 42}, "headline: expected text, got a number"),
        ({"headline": True}, "headline: expected text, got true/false"),
        ({"headline": ["a"]}, "headline: expected text, got a list"),
        (
            {"headline": "nul\x00here"},
            "headline: contains a control character (U+0000) at position 3",
        ),
        ({"headline": "ok", "body": "bell\x07"}, "body: contains a control character (U+0007)"),
        (
            {"headline": "lone \ud800 surrogate"},
            "headline: contains an unpaired surrogate (U+D800)",
        ),
        ({"headline": "x" * 2001}, "headline: at most 2000 characters (this has 2001)"),
        ({"headline": "H", "mark": "m" * 41}, "mark: at most 40 characters"),
        ({"headline": "H", "slug": "Bad Slug"}, "slug: 'Bad Slug' is not a slug"),
        ({"headline": "H", "slug": "2021"}, "slug: a slug needs a letter"),
        ({"headline": "H", "slug": 5}, "slug: expected text, got a number"),
        ({"headline": "H", "tags": "a, b"}, "tags: expected a list […], got text"),
        ({"headline": "H", "tags": ["a", 1]}, "tags[1]: expected text, got a number"),
        ({"headline": "H", "tags": ["a", None]}, "tags[1]: expected text, got null"),
        ({"headline": "H", "dateline": "MOSCOW"}, "dateline: expected an object"),
        ({"headline": "H", "dateline": {"town": "x"}}, "dateline.town: unknown field"),
        (
            {"headline": "H", "dateline": {"date": "2021-02-30"}},
            "dateline.date: 2021-02-30 is not a real calendar date",
        ),
        (
            {"headline": "H", "dateline": {"date": "28.06.2021"}},
            "dateline.date: expected a date as YYYY-MM-DD, got '28.06.2021'",
        ),
        ({"headline": "H", "dateline": {"date": 20210628}}, "dateline.date: expected a date"),
        ({"headline": "H", "dateline": {"city": 1}}, "dateline.city: expected text"),
        ({"headline": "H", "quotes": {"text": "x"}}, "quotes: expected a list"),
        ({"headline": "H", "quotes": ["x"]}, "quotes[0]: expected an object"),
        ({"headline": "H", "quotes": [{"speaker": "A"}]}, "quotes[0].text: a quote needs its text"),
        (
            {"headline": "H", "quotes": [{"text": "t", "pull": "yes"}]},
            "quotes[0].pull: expected true or false, got text",
        ),
        ({"headline": "H", "quotes": [{"text": "t", "who": "A"}]}, "quotes[0].who: unknown field"),
        (
            {"headline": "H", "quotes": [{"text": "t", "after_paragraph": -1}]},
            "quotes[0].after_paragraph: expected a whole number from 0 to 1000000, got -1",
        ),
        (
            {"headline": "H", "quotes": [{"text": "t"}, {"text": "u", "after_paragraph": "2"}]},
            "quotes[1].after_paragraph: expected a whole number from 0 to 1000000, got text",
        ),
        (
            {"headline": "H", "quotes": [{"text": "t", "after_paragraph": 1.5}]},
            "quotes[0].after_paragraph: expected a whole number from 0 to 1000000, got 1.5",
        ),
        (
            {"headline": "H", "quotes": [{"text": "t", "after_paragraph": True}]},
            "quotes[0].after_paragraph: expected a whole number from 0 to 1000000, got true/false",
        ),
        (
            {"headline": "H", "quotes": [{"text": "t", "after_paragraph": 10**30}]},
            "quotes[0].after_paragraph: expected a whole number from 0 to 1000000, got 1000000",
        ),
        ({"headline": "H", "related": {"slug": "x"}}, "related: expected a list"),
        ({"headline": "H", "related": [{}]}, "related[0]: give slug"),
        (
            {"headline": "H", "related": [{"slug": "a", "url": "https://x.org"}]},
            "related[0]: give either slug (an article of this newsroom) or headline and url",
        ),
        (
            {"headline": "H", "related": [{"slug": "Not A Slug"}]},
            "related[0].slug: 'Not A Slug' is not a slug",
        ),
        ({"headline": "H", "related": [{"slug": ""}]}, "related[0].slug: give the slug"),
        (
            {"headline": "H", "related": [{"headline": "x", "url": "javascript:alert(1)"}]},
            "related[0].url: only http and https links are allowed",
        ),
        (
            {"headline": "H", "related": [{"headline": "x", "url": "ftp://example.org/f"}]},
            "related[0].url: only http and https links are allowed",
        ),
        (
            {"headline": "H", "related": [{"headline": "x", "url": "data:text/html,<p>"}]},
            "related[0].url: ",
        ),
        (
            {"headline": "H", "related": [{"headline": "x", "url": "https://"}]},
            "related[0].url: 'https://' has no host name",
        ),
        (
            {"headline": "H", "related": [{"headline": "x", "url": "https://ex ample.org"}]},
            "related[0].url: a link cannot contain spaces",
        ),
        (
            {"headline": "H", "related": [{"headline": "x", "url": "https://[::1"}]},
            "related[0].url: 'https://[::1' is not a valid link",
        ),
        (
            {"headline": "H", "related": [{"headline": "x", "url": ""}]},
            "related[0].url: give a link",
        ),
        (
            {"headline": "H", "related": [{"url": "https://example.org"}]},
            "related[0].headline: an outside story needs its headline",
        ),
        (
            {"headline": "H", "related": [{"slug": "a"}, {"slug": "a"}]},
            "related[1]: the same story as related[0]; list it once",
        ),
        (
            {"headline": "H", "status": "live"},
            "status: 'live' is not a status; use one of incoming, draft, ready, published, corrected, killed",
        ),
        ({"headline": "H", "status": None}, "status: null is not a status"),
        ({"headline": "H", "published_at": "yesterday"}, "published_at: expected a date and time"),
        ({"headline": "H", "published_at": "2021-02-30T10:00:00"}, "published_at: expected a date"),
        ({"headline": "H", "published_at": "2021-06-28"}, "published_at: expected a date and time"),
        ({"headline": "H", "published_at": 1624864000}, "published_at: expected a date and time"),
        ({"headline": "H", "photo": "p.jpg"}, "photo: expected an object"),
        (
            {"headline": "H", "photo": {"caption": "c"}},
            "photo: give the photo's file (a path), data",
        ),
        (
            {"headline": "H", "photo": {"file": "a.jpg", "data": "AAAA"}},
            "photo: give the photo as file or as data, not both",
        ),
        ({"headline": "H", "photo": {"data": "not base64!"}}, "photo.data: not valid base64"),
        (
            {"headline": "H", "photo": {"data": base64.b64encode(b"hello").decode()}},
            "photo.data: data: not a picture Newsroom can read",
        ),
        ({"headline": "H", "photo": {"data": ""}}, "photo.data: expected base64 text"),
        (
            {"headline": "H", "photo": {"sha256": "XYZ"}},
            "photo.sha256: expected 64 lowercase hexadecimal digits",
        ),
        (
            {"headline": "H", "photo": {"sha256": "0" * 64, "colour": "red"}},
            "photo.colour: unknown field",
        ),
    ],
)
def test_every_problem_names_its_field(document: Any, expected: str) -> None:
    assert expected in problem(document)


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        read_article({"headline": "", "status": "x", "tags": 3}, base_dir=None, tz=UTC)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["headline", "status", "tags"]
    assert str(caught.value).endswith("(and 2 more)")


def test_a_list_prefixes_each_problem_with_the_article_index() -> None:
    with pytest.raises(ValidationError) as caught:
        read_articles(
            [
                {"headline": "fine"},
                {"headline": "x", "related": [{"headline": "y", "url": "ftp://x"}]},
            ],
            base_dir=None,
            tz=UTC,
        )
    assert str(caught.value) == "[1].related[0].url: only http and https links are allowed"
    with pytest.raises(ValidationError, match="empty list"):
        read_articles([], base_dir=None, tz=UTC)


def test_photo_files_are_read_relative_to_the_json_file(tmp_path: Path) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "kremlin.jpg").write_bytes(jpeg_bytes())
    parsed = read_article(
        {
            "headline": "H",
            "photo": {"file": "pics/kremlin.jpg", "caption": "The Kremlin", "credit": "TASS"},
        },
        base_dir=tmp_path,
        tz=UTC,
    )
    assert parsed.photo_file is not None
    assert parsed.photo_file.info.media_type == "image/jpeg"
    assert parsed.fields["photo"].sha256 == parsed.photo_file.info.sha256
    assert parsed.fields["photo"].caption == "The Kremlin"


def test_inline_photo_data_and_matching_sha256() -> None:
    data = png_bytes()
    parsed = read_article(
        {"headline": "H", "photo": {"data": base64.b64encode(data).decode()}}, base_dir=None, tz=UTC
    )
    assert parsed.photo_file is not None and parsed.photo_file.data == data
    sha = parsed.photo_file.info.sha256
    assert "does not match" in problem(
        {"headline": "H", "photo": {"data": base64.b64encode(data).decode(), "sha256": "f" * 64}}
    )
    same = read_article(
        {"headline": "H", "photo": {"data": base64.b64encode(data).decode(), "sha256": sha}},
        base_dir=None,
        tz=UTC,
    )
    assert same.fields["photo"].sha256 == sha


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"just some text, not a JPEG", "not a picture Newsroom can read"),
        (jpeg_bytes(400, 300)[:600], "damaged or incomplete"),
    ],
)
def test_bad_photo_files_are_named(tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / "photo.jpg").write_bytes(content)
    message = problem({"headline": "H", "photo": {"file": "photo.jpg"}}, base_dir=tmp_path)
    assert message.startswith(f"photo.file: {tmp_path / 'photo.jpg'}: ")
    assert expected in message


def test_missing_photo_file_and_folder(tmp_path: Path) -> None:
    assert "no such file (paths are relative to the JSON file)" in problem(
        {"headline": "H", "photo": {"file": "nope.jpg"}}, base_dir=tmp_path
    )
    assert "is a folder" in problem({"headline": "H", "photo": {"file": "."}}, base_dir=tmp_path)
