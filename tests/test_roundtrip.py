"""Round trip of every field, with hypothesis-generated articles in arbitrary unicode."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.article_json import article_to_json, read_article
from newsroom.store import Newsroom
from newsroom.text import one_line
from tests.helpers import jpeg_bytes, png_bytes

# Everything a person could type, except what the format refuses (tested elsewhere).
FORBIDDEN = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters=FORBIDDEN), max_size=80
)
LINE = ANY_TEXT.filter(lambda text: len(one_line(text)) <= 2000)
SLUG = st.from_regex(r"\A[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}\Z").filter(lambda s: not s.isdigit())
PHOTOS = [jpeg_bytes(), png_bytes()]


def headline() -> st.SearchStrategy[str]:
    return LINE.filter(lambda text: one_line(text) != "")


@st.composite
def articles(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = {"headline": draw(headline())}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "subtitle": LINE,
        "section": LINE,
        "byline": LINE,
        "lead": ANY_TEXT,
        "body": st.text(
            alphabet=st.characters(exclude_categories=("Cs",), exclude_characters=FORBIDDEN),
            max_size=400,
        ),
        "mark": LINE.filter(lambda text: len(one_line(text)) <= 40),
        "tags": st.lists(LINE, max_size=5),
        "status": st.sampled_from(["draft", "ready", "published", "corrected", "killed"]),
        "published_at": st.datetimes(
            min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.timezones()
        ).map(lambda moment: moment.isoformat()),
        "dateline": st.fixed_dictionaries(
            {},
            optional={
                "city": LINE,
                "agency": LINE,
                "date": st.dates().map(lambda day: day.isoformat()),
            },
        ),
        "quotes": st.lists(
            st.fixed_dictionaries(
                {"text": ANY_TEXT.filter(lambda t: t != "")},
                optional={
                    "speaker": LINE,
                    "role": LINE,
                    "pull": st.booleans(),
                    "after_paragraph": st.none() | st.integers(0, 1_000_000),
                },
            ),
            max_size=3,
        ),
        "related": st.lists(
            st.one_of(
                st.builds(lambda slug: {"slug": "rel-" + slug}, SLUG),
                st.builds(
                    lambda title, sub, path: {
                        "headline": title,
                        "subtitle": sub,
                        "url": "https://example.org/" + path,
                    },
                    headline(),
                    LINE,
                    st.from_regex(r"\A[a-z0-9/_.~-]{0,20}\Z"),
                ),
            ),
            max_size=4,
            unique_by=lambda entry: entry.get("slug") or entry.get("url"),
        ),
        "photo": st.fixed_dictionaries(
            {"data": st.sampled_from(PHOTOS).map(lambda b: base64.b64encode(b).decode())},
            optional={"caption": ANY_TEXT, "credit": LINE, "alt": LINE},
        ),
        "slug": SLUG,
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            document[key] = draw(strategy)
    return document


_SHARED: dict[tuple[int, str], Newsroom] = {}
_COUNTER = iter(range(1_000_000))


def shared(targets: Callable[[str], Path | str], name: str) -> Newsroom:
    """Newsrooms kept for the module, per engine: two per example would be most of its time."""
    key = (id(targets), name)
    if key not in _SHARED:
        _SHARED[key] = Newsroom.open(targets(name), create=True)
    return _SHARED[key]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=articles())
def test_every_field_survives_import_and_show_json(
    module_targets: Callable[[str], Path | str], document: dict[str, Any]
) -> None:
    if "slug" in document:  # slugs must be new in the shared newsrooms
        document["slug"] = f"{document['slug']}-{next(_COUNTER)}"
    if document.get("section", "").strip():
        # So must sections: one the newsroom knows in another spelling ("å" for "A": the
        # same section) is stored as it knows it, by design (tests/test_sections.py).
        document["section"] = f"{document['section']} {next(_COUNTER)}"
    newsroom = shared(module_targets, "first")
    [result] = newsroom.import_json(document, base_dir=None)
    stored = newsroom.get(result.article.id or 0)
    expected = read_article(document, base_dir=None, tz=UTC).fields
    for key, value in expected.items():
        if key != "published_at" or value is not None:
            assert getattr(stored, key) == value, key
    assert stored.body == document.get("body", "")  # kept exactly as typed
    photo = None
    if stored.photo is not None:
        photo = (
            newsroom.photos.info(stored.photo.sha256),
            newsroom.photos.data(stored.photo.sha256),
        )
    shown = json.loads(json.dumps(article_to_json(stored, tz=UTC, photo=photo)))

    # show --json, imported into another newsroom, is the same article.
    other = shared(module_targets, "second")
    [again] = other.import_json(shown, base_dir=None)
    reshown = article_to_json(other.get(again.article.id or 0), tz=UTC, photo=photo)
    for key in ("id", "revision", "created_at", "updated_at"):
        shown.pop(key), reshown.pop(key)
    assert json.loads(json.dumps(reshown)) == shown
