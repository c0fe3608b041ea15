"""The site's Atom feed as feed readers take it: feedparser, and RFC 4287's rules.

feedparser is what many feed readers are built on; the conformance check is
written from RFC 4287 (the feed and each entry have an id, a title and an
updated time; each entry an author, or the feed one; ids are absolute IRIs;
an entry without content has an alternate link) and RFC 4151 for tag: ids.
Before issue 13 the ids changed when a base URL was set (``urn:…`` became
``https://…``), every entry's author was the site's name, and without a base
URL the self link was relative: each test here failed then.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from newsroom.export.site import export_site
from newsroom.store import Newsroom
from tests.helpers import full_article, jpeg_bytes

feedparser = pytest.importorskip(
    "feedparser", reason="feedparser is not installed (pip install feedparser): no feed reader"
)
rfc3986_validator = pytest.importorskip(
    "rfc3986_validator", reason="rfc3986-validator is not installed: ids cannot be checked"
)

ATOM = "{http://www.w3.org/2005/Atom}"
BASE_URL = "https://news.example.org/"
# RFC 4151: tag:<DNS name or e-mail>,<YYYY[-MM[-DD]]>:<specific>
TAG_URI = re.compile(
    r"^tag:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|[^@\s]+@[^@\s]+),\d{4}(?:-\d{2}(?:-\d{2})?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$"
)


@pytest.fixture
def newsroom(tmp_path: Path, db_target: Path | str) -> Iterator[Newsroom]:
    """Published stories: a shared byline, a list of three, one without a byline."""
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(800, 500))
    with Newsroom.open(db_target, create=True, author="tester") as opened:
        opened.set_setting("name", "Northern Wire")
        opened.set_setting("agency", "TASS")
        opened.import_json(
            [
                full_article(
                    byline="Anna Ivanova and Oleg Petrov",
                    related=[{"slug": "three-authors"}],
                    photo={"file": "photo.jpg", "caption": "C.", "credit": "TASS", "alt": "A"},
                ),
                {"slug": "three-authors", "headline": "Three authors", "byline": "A, B and C",
                 "status": "published", "published_at": "2021-06-27T10:00:00+03:00"},
                {"slug": "agency-story", "headline": "From the wire", "status": "published",
                 "published_at": "2021-06-26T10:00:00+03:00"},
                {"slug": "a-draft", "headline": "A draft", "byline": "Nobody"},
            ],
            base_dir=tmp_path,
        )  # fmt: skip
        yield opened


def atom_of(newsroom: Newsroom, site: Path) -> tuple[Any, etree._Element]:
    export_site(newsroom, site)
    data = (site / "atom.xml").read_bytes()
    return feedparser.parse(data), etree.fromstring(data)


def atom_problems(feed: etree._Element) -> list[str]:
    """What breaks RFC 4287 (and RFC 4151 for tag: ids) in a parsed Atom document."""
    problems: list[str] = []
    if feed.tag != f"{ATOM}feed":
        return [f"the root is {feed.tag}, not atom:feed"]
    problems += _one_each(feed, "feed", ("id", "title", "updated"))
    feed_has_author = feed.find(f"{ATOM}author") is not None
    for number, entry in enumerate(feed.iter(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        problems += _one_each(entry, where, ("id", "title", "updated"))
        if not feed_has_author and entry.find(f"{ATOM}author") is None:
            problems.append(f"{where}: no atom:author, and the feed has none")
        for author in entry.iter(f"{ATOM}author"):
            if not (author.findtext(f"{ATOM}name") or "").strip():
                problems.append(f"{where}: an atom:author without a name")
        alternate = [link for link in entry.iter(f"{ATOM}link") if link.get("rel", "alternate")
                     == "alternate"]  # fmt: skip
        if entry.find(f"{ATOM}content") is None and not alternate:
            problems.append(f"{where}: neither atom:content nor an alternate link")
    for element in feed.iter(f"{ATOM}id"):
        problems += _iri_problems(element.text or "", "id")
    for link in feed.iter(f"{ATOM}link"):
        problems += _iri_problems(link.get("href") or "", f"link rel={link.get('rel')}")
    for time in (*feed.iter(f"{ATOM}updated"), *feed.iter(f"{ATOM}published")):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
                            time.text or ""):  # fmt: skip
            problems.append(f"{time.tag}: {time.text!r} is not an RFC 3339 date-time")
    return problems


def _one_each(element: etree._Element, where: str, names: tuple[str, ...]) -> list[str]:
    found = []
    for name in names:
        count = len(element.findall(f"{ATOM}{name}"))
        if count != 1:
            found.append(f"{where}: {count} atom:{name} (RFC 4287 wants exactly one)")
    return found


def _iri_problems(value: str, what: str) -> list[str]:
    """An id or link must be an absolute IRI; a tag: one must follow RFC 4151 too."""
    if not rfc3986_validator.validate_rfc3986(value, rule="URI"):
        return [f"{what}: {value!r} is not an absolute IRI"]
    if value.startswith("tag:") and not TAG_URI.match(value):
        return [f"{what}: {value!r} is not a tag: URI as RFC 4151 has it"]
    return []


def test_the_conformance_check_finds_what_it_must() -> None:
    """The check itself, on feeds with the faults the export once had (it must not pass them)."""
    bad = etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x:y</id>'
        b'<updated>2021-06-28T10:00:00+03:00</updated><link rel="self" href="atom.xml"/>'
        b"<entry><title>E</title><id>newsroom-story</id><updated>yesterday</updated></entry>"
        b"<entry><title>F</title><id>tag:news room,2021:1</id>"
        b"<updated>2021-06-28T10:00:00Z</updated><author><name>A</name></author>"
        b'<link rel="alternate" href="f.html"/></entry></feed>'
    )
    problems = " | ".join(atom_problems(bad))
    for expected in (
        "link rel=self: 'atom.xml' is not an absolute IRI",
        "entry 1: no atom:author",
        "entry 1: neither atom:content nor an alternate link",
        "id: 'newsroom-story' is not an absolute IRI",
        "'yesterday' is not an RFC 3339 date-time",
        "'f.html' is not an absolute IRI",
        "'tag:news room,2021:1' is not an absolute IRI",
    ):
        assert expected in problems
    good = etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        b"<id>tag:newsroom.invalid,2021-06-28:x</id><updated>2021-06-28T10:00:00Z</updated>"
        b"<author><name>W</name></author><entry><title>E</title>"
        b"<id>tag:newsroom.invalid,2021-06-28:x:article-1</id>"
        b'<updated>2021-06-28T10:00:00Z</updated><content type="text">E</content></entry></feed>'
    )
    assert atom_problems(good) == []


def test_entry_ids_stay_the_same_when_a_base_url_is_set(newsroom: Newsroom, tmp_path: Path) -> None:
    before, _ = atom_of(newsroom, tmp_path / "site")
    newsroom.set_setting("base_url", BASE_URL)
    after, _ = atom_of(newsroom, tmp_path / "site")
    ids_before = [entry.id for entry in before.entries]
    assert len(ids_before) == 3
    assert [entry.id for entry in after.entries] == ids_before
    assert after.feed.id == before.feed.id
    # Renaming a story keeps its id too: feed readers do not show it again.
    newsroom.rename("agency-story", "wire-story")
    renamed, _ = atom_of(newsroom, tmp_path / "site")
    assert [entry.id for entry in renamed.entries] == ids_before
    assert all(entry_id.startswith(f"{after.feed.id}:article-") for entry_id in ids_before)


def test_authors_come_from_the_byline_else_the_agency(newsroom: Newsroom, tmp_path: Path) -> None:
    parsed, _ = atom_of(newsroom, tmp_path / "site")
    authors = {
        entry.title: [author.get("name") for author in entry.authors] for entry in parsed.entries
    }
    assert authors == {
        "Russia offers talks on grain corridor": ["Anna Ivanova", "Oleg Petrov"],
        "Three authors": ["A", "B", "C"],
        "From the wire": ["TASS"],
    }
    assert "Northern Wire" not in str(authors)  # not the site's name


def test_with_a_base_url_every_link_is_absolute(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.set_setting("base_url", BASE_URL)
    parsed, tree = atom_of(newsroom, tmp_path / "site")
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert atom_problems(tree) == []
    links = [link.href for link in parsed.feed.links] + [
        link.href for entry in parsed.entries for link in entry.links
    ]
    assert f"{BASE_URL}atom.xml" in [link.href for link in parsed.feed.links if link.rel == "self"]
    assert f"{BASE_URL}russia-offers-talks.html" in links
    assert len(links) == 2 + 3
    assert all(link.startswith(BASE_URL) for link in links)


def test_without_a_base_url_no_link_is_relative(newsroom: Newsroom, tmp_path: Path) -> None:
    parsed, tree = atom_of(newsroom, tmp_path / "site")
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert atom_problems(tree) == []  # entries carry content instead of links
    hrefs = [link.get("href") for link in tree.iter(f"{ATOM}link")]
    assert hrefs == []
    assert all(entry.content[0].value for entry in parsed.entries)
    assert (
        parsed.entries[0].content[0].value == "The Kremlin says it is ready to meet “at any level”"
    )
    assert "xml:base" not in (tmp_path / "site" / "atom.xml").read_text()


def test_the_feed_tag_is_kept_and_copied(
    newsroom: Newsroom, tmp_path: Path, db_target: Path | str
) -> None:
    """The tag is stored once: a copy of the newsroom (``newsroom copy``) gives the same ids."""
    from newsroom.storage.copying import copy_newsroom

    tag = newsroom.feed_tag()
    assert TAG_URI.match(tag) and tag == newsroom.feed_tag()
    assert tag.startswith("tag:newsroom.invalid,")
    original, _ = atom_of(newsroom, tmp_path / "site")
    copy_newsroom(db_target, tmp_path / "copy.sqlite")
    with Newsroom.open(tmp_path / "copy.sqlite") as copied:
        assert copied.feed_tag() == tag
        again, _ = atom_of(copied, tmp_path / "copied-site")
    assert [entry.id for entry in again.entries] == [entry.id for entry in original.entries]
