"""Exported HTML is safe whatever any field holds: every XSS vector of refdata, in every field.

The vectors (``../shared/refdata/xss``: RSnake's list and payloadbox's 6,613)
go into every text field of real articles — and the newsroom's name and
agency — which are exported as a whole static site and as self-contained
pages. Every page must then hold no script but the JSON-LD block (with no
``<``, ``>`` or ``&`` inside), no event-handler attribute, no
``javascript:``/``vbscript:``/``data:text`` URL, no iframe, object, embed,
form or base element; and what was typed into a plain-text field reads back
as that text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from newsroom.export.files import Output
from newsroom.export.html import export_pages
from newsroom.export.site import export_site
from newsroom.render.page import render_page
from newsroom.store import Newsroom
from newsroom.text import forbidden_character, one_line
from tests.conftest import REFDATA
from tests.helpers import jpeg_bytes

XSS = REFDATA / "xss"
LINE_LIMIT = 2000
MARK_LIMIT = 40
FORBIDDEN_TAGS = {
    "iframe", "object", "embed", "form", "base", "frame", "frameset", "applet", "input",
    "button", "textarea", "select", "svg", "math", "style",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "data", "poster", "background",
    "cite", "xlink:href", "dynsrc", "lowsrc", "ping", "manifest",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "livescript:", "mocha:")


def vectors() -> list[str]:
    if not XSS.is_dir():
        pytest.skip(f"XSS vectors not found at {XSS} (../shared/refdata beside the checkout)")
    found: dict[str, None] = {}
    for name in ("XSS-RSNAKE.txt", "xss-payload-list.txt"):
        for line in (XSS / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found[line] = None
    return list(found)


def storable(vector: str) -> bool:
    return forbidden_character(vector) is None


def packed(items: list[str], limit: int, sep: str) -> list[str]:
    """Vectors joined into strings of at most ``limit`` characters (longer ones alone, cut)."""
    chunks: list[str] = []
    current = ""
    for item in items:
        piece = item[:limit]
        candidate = f"{current}{sep}{piece}" if current else piece
        if len(one_line(candidate) if sep == " " else candidate) > limit:
            chunks.append(current)
            current = piece
        else:
            current = candidate
    if current:
        chunks.append(current)
    return [chunk for chunk in chunks if chunk]


def rotated(chunks: list[str], index: int, shift: int) -> str:
    """Like ``cycle``, but each field starts elsewhere in the list (every chunk still used once)."""
    if index >= len(chunks):
        return f"Plain text {index}"
    return chunks[(index + shift) % len(chunks)]


def cycle(chunks: list[str], index: int) -> str:
    """Chunk ``index`` while there are chunks; after that, plain filler (each vector once is enough)."""
    return chunks[index] if index < len(chunks) else f"Plain text {index}"


# The markup our own templates put there (the site's latest-news frame and, in the page
# it frames, a base that only sends links to the whole window): taken out before checking.
OURS = (
    '<iframe class="feed-frame" src="latest.html" title="All news" loading="lazy"></iframe>',
    '<base target="_top">',
)


def assert_safe(page: str, where: str) -> lxml_html.HtmlElement:
    """The safety guarantees, checked on the parsed page and on its raw text."""
    for markup in OURS:
        assert page.count(markup) <= 1, f"{where}: {markup} more than once"
        page = page.replace(markup, "")
    lowered = page.lower()
    # Articles and listings (the feed, sections) carry one JSON-LD block; redirects none.
    with_json_ld = 'class="article-page"' in page or 'class="listing-page"' in page
    assert lowered.count("<script") == (1 if with_json_ld else 0), (
        f"{where}: a script besides JSON-LD"
    )
    for tag in FORBIDDEN_TAGS - {"style"}:
        assert f"<{tag}" not in lowered or (tag == "form" and "<form" not in lowered), (
            f"{where}: <{tag}>"
        )
    document = lxml_html.document_fromstring(page)
    for script in document.xpath("//script"):
        assert script.get("type") == "application/ld+json", where
        ld_text = script.text or ""
        assert not set("<>&") & set(ld_text), f"{where}: unescaped <, > or & in JSON-LD"
        json.loads(ld_text)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag.lower() not in FORBIDDEN_TAGS or (
            element.tag.lower() == "style" and element.getparent().tag == "head"
        ), f"{where}: <{element.tag}> element"
        if element.tag.lower() == "meta":
            assert element.get("http-equiv") is None, f"{where}: meta http-equiv"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: event handler {name}={value!r}"
            if name.lower() in URL_ATTRIBUTES or (name.lower() == "content" and ":" in value[:12]):
                squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
                assert not squeezed.startswith(BAD_SCHEMES), f"{where}: {name}={value!r}"
            if name.lower() == "style":
                assert "javascript:" not in value.lower() and "expression(" not in value.lower(), (
                    where
                )
    return document


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, module_targets: Callable[[str], Path | str]
) -> Iterator[tuple[Newsroom, list[dict[str, object]]]]:
    """A newsroom whose every text field, across its articles, holds every vector."""
    everything = [vector for vector in vectors() if storable(vector)]
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "p.jpg").write_bytes(jpeg_bytes())
    lines = packed(everything, LINE_LIMIT, " ")
    paragraphs = packed(everything, 20_000, "\n\n")
    short = [
        vector for vector in everything if len(one_line(vector)) <= MARK_LIMIT and one_line(vector)
    ]
    # Links refuse spaces, controls and backslashes (text.web_link); the rest goes in a query.
    urls = [v for v in everything if not any(c.isspace() or c == "\\" for c in v)]
    count = max(len(lines), len(short), len(paragraphs))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    documents: list[dict[str, object]] = []
    for index in range(count):
        line = cycle(lines, index)
        documents.append({
            "slug": f"xss-{index}",
            "headline": line,
            "subtitle": rotated(lines, index, 1),
            "section": rotated(lines, index, 2) if index < len(lines) else "Plain",
            "byline": rotated(lines, index, 3),
            "tags": [rotated(lines, index, 4), rotated(lines, index, 5)],
            "dateline": {"city": rotated(lines, index, 6), "agency": rotated(lines, index, 7)},
            "lead": rotated(paragraphs, index, 0)[:20_000],
            "body": rotated(paragraphs, index, 1),
            "quotes": [{"text": line, "speaker": rotated(lines, index, 8), "role": rotated(lines, index, 9), "pull": True}],
            "photo": {"file": "p.jpg", "caption": rotated(lines, index, 10), "credit": rotated(lines, index, 11), "alt": rotated(lines, index, 12)},
            "related": [
                {"headline": rotated(lines, index, 13), "subtitle": rotated(lines, index, 14),
                 "url": "https://example.org/?q=" + (urls[index] if index < len(urls) else "plain")[:1900]},
                {"slug": f"xss-{(index + 1) % count}"},
            ],
            "mark": cycle(short, index),
            "status": "published",
            "published_at": (start + timedelta(minutes=index)).isoformat(),
        })  # fmt: skip
    with Newsroom.open(module_targets("hostile"), create=True) as newsroom:
        newsroom.set_setting("name", "<script>alert('name')</script>")
        newsroom.set_setting("agency", "<img src=x onerror=alert(1)>")
        newsroom.set_setting("base_url", "https://news.example.org")
        newsroom.import_json(documents, base_dir=folder)  # one file: one transaction
        yield newsroom, documents


def test_every_vector_is_placed_in_every_field(
    hostile: tuple[Newsroom, list[dict[str, object]]],
) -> None:
    _, documents = hostile
    everything = {v for v in vectors() if storable(v)}
    headlines = " ".join(str(d["headline"]) for d in documents)
    marks = {one_line(str(d["mark"])) for d in documents}
    bodies = "\n\n".join(str(d["body"]) for d in documents)
    assert all(one_line(v)[:LINE_LIMIT] in headlines for v in everything)
    assert all(v in bodies for v in everything)
    assert {one_line(v) for v in everything if 0 < len(one_line(v)) <= MARK_LIMIT} <= marks


def test_the_whole_site_is_safe(
    hostile: tuple[Newsroom, list[dict[str, object]]], tmp_path: Path
) -> None:
    newsroom, documents = hostile
    report = export_site(newsroom, tmp_path / "site")
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) >= len(documents) + 1
    by_slug = {d["slug"]: d for d in documents}
    for page in pages:
        document = assert_safe(page.read_text(encoding="utf-8"), str(page))
        story = by_slug.get(page.stem)
        if story is not None:  # plain text reads back as typed
            assert document.xpath("//h1")[0].text_content() == one_line(str(story["headline"]))
            assert document.xpath("//p[@class='subtitle']")[0].text_content() == one_line(
                str(story["subtitle"])
            )
            caption = document.xpath("//span[@class='caption']")[0].text_content()
            assert caption == story["photo"]["caption"]  # type: ignore[index]  # kept as typed
    for name in ("atom.xml", "sitemap.xml"):
        etree.parse(str(tmp_path / "site" / name))  # well-formed whatever the titles hold
    assert report.rendered == len(documents)


def test_self_contained_pages_are_safe(
    hostile: tuple[Newsroom, list[dict[str, object]]], tmp_path: Path
) -> None:
    newsroom, documents = hostile
    articles = [newsroom.get(str(d["slug"])) for d in documents[:25]]
    export_pages(newsroom, articles, Output(tmp_path), self_contained=True)
    for article in articles:
        assert_safe((tmp_path / f"{article.slug}.html").read_text(encoding="utf-8"), article.slug)


@pytest.mark.parametrize("field", ["name", "agency"])
def test_settings_shown_on_pages_are_safe(
    hostile: tuple[Newsroom, list[dict[str, object]]], field: str
) -> None:
    newsroom, documents = hostile
    article = newsroom.get(str(documents[0]["slug"]))
    original = newsroom.settings().as_dict()[field]
    try:
        for chunk in packed([v for v in vectors() if storable(v)], LINE_LIMIT, " "):
            newsroom.set_setting(field, chunk)
            assert_safe(render_page(article, newsroom), f"{field}={chunk[:40]!r}")
    finally:
        newsroom.set_setting(field, str(original))


def test_vectors_with_unstorable_characters_are_refused(tmp_path: Path) -> None:
    refused = [vector for vector in vectors() if not storable(vector)]
    with Newsroom.open(tmp_path / "n.sqlite", create=True) as newsroom:
        for vector in refused:
            with pytest.raises(Exception, match=r"contains a control character|unpaired surrogate"):
                newsroom.import_json({"headline": "x", "body": vector}, base_dir=None)
        assert newsroom.count() == 0
