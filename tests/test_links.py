"""Links people type (related stories, the base URL): read as browsers read them.

Python's ``urlsplit`` and a browser's WHATWG parser disagree on some links
(``https://x\\@evil.example/``: Python's host is evil.example, a browser's
is x). A link is accepted only when there is nothing to disagree about, and
its host is read by the WHATWG parser.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from newsroom.render.page import render_page
from newsroom.render.urls import short_url
from newsroom.store import Newsroom
from newsroom.text import http_url_problem, link_domain, web_link
from tests.conftest import Cli
from tests.helpers import write_json


@pytest.fixture(autouse=True)
def newsroom_already_made(db_path: Path) -> None:
    """The CLI's newsroom exists, so stderr holds only what the import says."""
    with Newsroom.open(db_path, create=True):
        pass


HOSTILE = [
    ("https://www.google.com@evil.example/login", "user name or password"),
    ("https://x\\@evil.example/", "backslash"),
    ("https://user:secret@example.com/", "user name or password"),
    ("https://@example.com/", "user name or password"),
    ("https://:@example.com/", "user name or password"),
    ("https://example.com\\@evil.example/", "backslash"),
    ("https:\\\\evil.example/", "backslash"),
    ("https://example.com\\evil.example", "backslash"),
    ("https://exa\tmple.com/", "spaces or control characters"),
    ("https://example.com/\n", "spaces or control characters"),
    ("https://exa mple.com/", "spaces or control characters"),
    ("\u00a0https://example.com/", "spaces or control characters"),
    ("https://example.com/\x7f", "spaces or control characters"),
    ("https:evil.example/", "https://"),
    ("https:///evil.example/", "https://"),
    ("http:/evil.example/", "https://"),
    ("//evil.example/", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("jav\tascript:alert(1)", "spaces or control characters"),
    ("data:text/html,<script>alert(1)</script>", "only http and https"),
    ("ftp://example.com/", "only http and https"),
    ("https://evil%2Eexample/", "percent"),
    ("https://%65vil.example/", "percent"),
    ("https://example.com:0/", "port"),
    ("https://example.com:99999/", "not a valid link"),
    ("https://example.com:80:80/", "not a valid link"),
    ("https://[::1/", "not a valid link"),
    ("https://exa<mple.com/", "not a valid link"),
    ("https://", "host"),
    ("https://?q=1", "host"),
    ("", "give a link"),
]

GOOD = [
    ("https://tass.com/world/1234567", "tass.com"),
    ("HTTPS://WWW.Example.ORG:8080/a?b=c#d", "www.example.org"),
    ("https://пример.com/статья", "xn--e1afmkfd.com"),
    ("https://xn--e1afmkfd.com/", "xn--e1afmkfd.com"),
    ("http://1.2.3.4/a", "1.2.3.4"),
    ("https://[2001:db8::1]/", "[2001:db8::1]"),
    ("https://example.com/a@b/c?d=@e#@f", "example.com"),  # an @ after the host is no user
    ("https://example.com/search?q=a%20b", "example.com"),
]


@pytest.mark.parametrize(("url", "says"), HOSTILE)
def test_hostile_links_are_refused_with_a_reason(url: str, says: str) -> None:
    problem = http_url_problem(url)
    assert problem is not None, url
    assert says in problem
    assert "\n" not in problem


@pytest.mark.parametrize(("url", "host"), GOOD)
def test_good_links_are_taken_and_python_and_browsers_read_one_host(url: str, host: str) -> None:
    assert http_url_problem(url) is None
    link = web_link(url)
    assert link.host == host
    # What the rest of Python (urlsplit) reads agrees with the browser's reading.
    python_host = urlsplit(url).hostname or ""
    python_host = f"[{python_host}]" if ":" in python_host else python_host
    assert web_link(f"https://{python_host}/").host.strip("[]") == host.strip("[]")


def test_the_domain_shown_is_the_one_browsers_go_to() -> None:
    assert link_domain("https://ｅｘａｍｐｌｅ。com/") == "example.com"
    assert link_domain("https://www.google.com@evil.example/login") == "evil.example"
    assert link_domain("https://x\\@evil.example/") == "x"
    assert short_url("https://x\\@evil.example/") == ""
    assert short_url("https://www.google.com@evil.example/login") == ""


@pytest.mark.parametrize(("url", "says"), HOSTILE[:8])
def test_the_import_names_the_related_field(cli: Cli, tmp_path: Path, url: str, says: str) -> None:
    document = {
        "headline": "A story",
        "related": [
            {"headline": "Fine", "url": "https://example.org/a"},
            {"headline": "Trap", "url": url},
        ],
    }
    result = cli("import", str(write_json(tmp_path / "story.json", document)))
    assert result.code == 1
    line = result.err.strip()
    assert "\n" not in line and line.startswith("newsroom: error: ")
    assert "related[1].url: " in line and says in line
    assert cli.ok("list").out == ""


@pytest.mark.parametrize(
    "url", ["https://www.google.com@evil.example/", "https://x\\@evil.example/"]
)
def test_the_base_url_setting_is_checked_the_same_way(cli: Cli, url: str) -> None:
    cli.ok("init")
    result = cli("config", "base_url", url)
    assert result.code == 1
    assert result.err.startswith("newsroom: error: base_url: ")
    assert cli.ok("config", "base_url").out.strip() == ""


def test_a_link_stored_before_the_check_is_shown_as_plain_text(
    newsroom: Newsroom, db_path: Path
) -> None:
    newsroom.import_json(
        {"slug": "a-story", "headline": "A story",
         "related": [{"headline": "Trap", "url": "https://example.org/trap"}]},
        base_dir=None,
    )  # fmt: skip
    with sqlite3.connect(db_path) as connection:
        changed = connection.execute(
            "UPDATE related_headlines SET url = ? WHERE url = ?",
            ("https://x\\@evil.example/", "https://example.org/trap"),
        ).rowcount
    assert changed == 1
    page = lxml_html.document_fromstring(render_page(newsroom.get("a-story"), newsroom))
    assert "Trap" in page.text_content()
    assert [href for href in page.xpath("//a/@href") if "evil" in href] == []
