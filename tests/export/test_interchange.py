"""NITF, NewsML-G2, ninjs and Markdown: valid exports, imports, exact round trips.

Exports are checked against IPTC's own schemas (``../shared/refdata`` beside
the checkout) for a spread of articles: with and without photo, quotes and
related stories; Arabic and Hebrew; a 20,000-word body; markup and XML
breakers in every field; tables, lists and footnotes. The round trips
export every article of a newsroom into a folder (photos under ``media/``),
read each file back with ``read_document`` into an empty newsroom and
export again: the bytes must be the same.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from lxml import etree

from newsroom.article import Article
from newsroom.article_json import content_to_json
from newsroom.errors import NewsroomError, ValidationError
from newsroom.export.context import ExportContext, build_context, holder_name
from newsroom.export.markdown import write_markdown
from newsroom.export.newsml import newsml_files, write_newsml, write_newsml_message
from newsroom.export.ninjs import write_ninjs
from newsroom.export.nitf import write_nitf
from newsroom.imports.detect import read_document, read_incoming
from newsroom.imports.html_to_markdown import html_to_markdown
from newsroom.photos import ARTICLE_WIDTH, make_rendition
from newsroom.render.body import render_body
from newsroom.store import Newsroom
from newsroom.text import one_line
from tests.helpers import full_article, jpeg_bytes

REFDATA = Path(__file__).resolve().parents[3] / "shared" / "refdata"
NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
NAR = "{http://iptc.org/std/nar/2006-10-01/}"

Writer = Callable[[ExportContext], bytes]
WRITERS: dict[str, tuple[Writer, str]] = {
    "nitf": (write_nitf, "nitf.xml"),
    "newsml": (write_newsml_message, "newsml.xml"),
    # The default NewsML-G2 export: a package (or a lone text item) with its items beside it.
    "newsml-package": (write_newsml, "newsml.xml"),
    "ninjs": (write_ninjs, "ninjs.json"),
    "markdown": (write_markdown, "md"),
}
FORMATS = list(WRITERS)
SETTINGS = {
    "name": "Northern Wire",
    "agency": "NW",
    "timezone": "Europe/Moscow",
    "base_url": "https://news.example.org/",
}

# The export carries the 1200-pixel web rendition, never the original; a
# rendition made again from a rendition is the same file. So the source
# photo is a web rendition already, and a round trip can give the same
# bytes (and the same media/<hash> name). An original photo is tested too:
# see test_an_original_photo_settles_after_one_round_trip.
WEB_PHOTO = make_rendition(jpeg_bytes(1600, 900), ARTICLE_WIDTH).data
XSS = "<script>alert(1)</script> ]]> &amp; \"double\" 'single' <![CDATA[x]]> &#0;"

STRUCTURES_BODY = """\
A table, lists and footnotes[^1], with a [link](https://example.org/a?b=1&c=2 "Title").

| Port | Ships | Share |
|:-----|------:|:-----:|
| Odesa | 12 | *40%* |
| Pivdennyi | 9 | `30%` |

3. third
4. fourth
5. fifth

- loose item

- with a second paragraph

    more text

- nested:
    - inner one
    - inner two

> A quotation, with **strong** words.
>
> - and a list in it

    code block <b>not bold</b>

* * *

H<sub>2</sub>O and E=mc<sup>2</sup>, <abbr title="North Atlantic Treaty Organization">NATO</abbr>,
<del>old</del> <ins>new</ins>, a ![tiny chart](chart.png "Chart") and a second note[^note].

[^1]: The first note, with *emphasis*.
[^note]: The second note.

    It has two paragraphs.
"""


def long_body(words: int = 20_000) -> str:
    """Around ``words`` words of ordinary copy with subheads (seeded: the same every run)."""
    rng = random.Random(words)
    vocabulary = [
        "the", "talks", "on", "grain", "corridor", "resumed", "in", "Istanbul", "Monday",
        "*officials*", "said", "**ready**", "`code`", "agency", "ships", "“quoted”", "it’s", "—",
    ]  # fmt: skip
    paragraphs: list[str] = []
    count = 0
    while count < words:
        size = rng.randint(40, 120)
        paragraphs.append(" ".join(rng.choice(vocabulary) for _ in range(size)) + ".")
        count += size
        if len(paragraphs) % 12 == 0:
            paragraphs.append(f"## Part {len(paragraphs) // 12}")
    return "\n\n".join(paragraphs) + "\n"


def photo(**overrides: str) -> dict[str, str]:
    return {"file": "photo.jpg", "caption": "Ships in the port", "credit": "NW", "alt": "Ships"} | (
        overrides
    )


ARTICLES: dict[str, dict[str, Any]] = {
    "target": {
        "slug": "grain-deal-expires",
        "headline": "Grain deal expires",
        "subtitle": "The last ship left Odesa",
        "status": "published",
        "published_at": "2023-07-17T09:00:00+03:00",
        "tags": ["grain"],
    },
    "full": full_article(photo=photo()),
    "minimal": {"slug": "only-a-headline", "headline": "Only a headline"},
    "rtl": {
        "slug": "cairo-talks",
        "headline": "محادثات السلام تستأنف في القاهرة",
        "subtitle": "השיחות יימשכו מחר בירושלים",
        "section": "الشرق الأوسط",
        "byline": "أحمد حسن و דוד כהן",
        "dateline": {"city": "القاهرة", "date": "2024-03-01", "agency": "وكالة"},
        "lead": "قال مسؤولون إن المحادثات ستستمر.\nהשיחות יימשכו.",
        "body": "## عنوان فرعي\n\nنص **عريض** و*مائل* مع [رابط](https://example.org/ar).\n\n"
        "- פריט ראשון\n- פריט שני\n\n> ציטוט בעברית\n",
        "quotes": [{"text": "نحن مستعدون", "speaker": "المتحدث", "role": "وزارة", "pull": True}],
        "photo": photo(caption="صورة من القاهرة", credit="وكالة", alt="מבט על העיר"),
        "related": [{"headline": "خبر ذو صلة", "url": "https://example.org/%D8%AE"}],
        "mark": "عاجل",
        "status": "ready",
        "tags": ["سلام", "שלום", "Cairo"],
    },
    "long": {
        "slug": "long-read",
        "headline": "A long read",
        "lead": "Twenty thousand words.",
        "body": long_body(),
        "status": "corrected",
        "published_at": "2023-07-18T12:30:45.123456+03:00",
        "related": [{"slug": "grain-deal-expires"}],
    },
    "markup": {
        "slug": "markup-everywhere",
        "headline": f"Headline {XSS}",
        "subtitle": f"Subtitle {XSS}",
        "section": f"Section {XSS}",
        "byline": f"Byline {XSS}",
        "dateline": {"city": f"City {XSS}", "date": "2024-02-29", "agency": f"Agency {XSS}"},
        "lead": f"Lead {XSS}\n\nsecond paragraph\r\nwith a Windows line break\tand a tab",
        "body": f"Body {XSS} <img src=x onerror=alert(1)> [x](javascript:alert(1))\n\n"
        "<script>alert(2)</script>\n\n<iframe src=x></iframe>\n\nafter the scripts\n",
        "quotes": [
            {"text": f"Quote {XSS}", "speaker": f"Speaker {XSS}", "role": f"Role {XSS}"},
            {"text": "Only a role", "role": "<b>spokesman</b>", "pull": True},
        ],
        "photo": photo(caption=f"Caption {XSS}\nline two", credit=f"Credit {XSS}", alt=XSS),
        "related": [
            {
                "headline": f"Outside {XSS}",
                "subtitle": XSS,
                "url": "https://example.org/?q=%3Cb%3E&x='1'&y=(2)",
            },
            {"slug": "grain-deal-expires"},
        ],
        "mark": '<b>"]]>&amp;</b>',
        "status": "killed",
        "tags": ["<script>alert(1)</script>", "]]>", "&amp;", "tab\there"],
    },
    "scheduled": {
        "slug": "talks-next-week",
        "headline": "Talks to resume next week",
        "lead": "Embargoed until the minister speaks.",
        "body": "First paragraph.\n\nSecond paragraph.\n",
        "quotes": [
            {"text": "We will talk", "speaker": "The minister", "pull": True, "after_paragraph": 1},
            {"text": "Not before", "pull": True, "after_paragraph": 0},
        ],
        "status": "published",
        "published_at": "2099-06-28T10:05:00+03:00",
    },
    "structures": {
        "slug": "tables-lists-footnotes",
        "headline": "Tables, lists and footnotes",
        "body": STRUCTURES_BODY,
        "status": "published",
        "published_at": "2024-01-02T03:04:05+00:00",
    },
}


# --- fixtures -------------------------------------------------------------------


@dataclass
class Schemas:
    nitf: Any
    newsml: Any
    ninjs: Draft202012Validator


@pytest.fixture(scope="module")
def schemas() -> Schemas:
    if not REFDATA.is_dir():
        pytest.skip(
            f"the IPTC reference schemas are not at {REFDATA}: "
            "put the shared refdata folder beside the checkout to run these tests"
        )
    parser = etree.XMLParser(no_network=True)

    def xsd(relative: str) -> Any:
        return etree.XMLSchema(etree.parse(str(REFDATA / relative), parser))

    ninjs = json.loads((REFDATA / "ninjs" / "ninjs-schema_2.2.json").read_text("utf-8"))
    return Schemas(
        nitf=xsd("nitf/nitf-3-6.xsd"),
        newsml=xsd("newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"),
        ninjs=Draft202012Validator(ninjs, format_checker=Draft202012Validator.FORMAT_CHECKER),
    )


def open_newsroom(path: Path | str, *, configured: bool = True) -> Newsroom:
    """A new newsroom; ``configured`` gives it an agency, a time zone and a site address."""
    newsroom = Newsroom.open(path, create=True, author="tester")
    if configured:
        for key, value in SETTINGS.items():
            newsroom.set_setting(key, value)
    return newsroom


@pytest.fixture(scope="module")
def source(
    tmp_path_factory: pytest.TempPathFactory, module_targets: Callable[[str], Path | str]
) -> Iterator[Newsroom]:
    """Every article of ARTICLES, with its photo, in a configured newsroom (on each engine)."""
    folder = tmp_path_factory.mktemp("source")
    (folder / "photo.jpg").write_bytes(WEB_PHOTO)
    with open_newsroom(module_targets("source")) as newsroom:
        newsroom.import_json(list(ARTICLES.values()), base_dir=folder)
        yield newsroom


@pytest.fixture(scope="module")
def plain(
    tmp_path_factory: pytest.TempPathFactory, module_targets: Callable[[str], Path | str]
) -> Iterator[Newsroom]:
    """The same articles in a newsroom with default settings (no site address: URN ids)."""
    folder = tmp_path_factory.mktemp("plain")
    (folder / "photo.jpg").write_bytes(WEB_PHOTO)
    with open_newsroom(module_targets("plain"), configured=False) as newsroom:
        newsroom.import_json(list(ARTICLES.values()), base_dir=folder)
        yield newsroom


def export(newsroom: Newsroom, slug: str, fmt: str) -> tuple[bytes, ExportContext]:
    context, _ = build_context(newsroom, newsroom.get(slug))
    return WRITERS[fmt][0](context), context


def export_folder(newsroom: Newsroom, fmt: str, folder: Path) -> dict[str, Path]:
    """Every article of ``newsroom`` as a file in ``folder``, photos under media/."""
    writer, extension = WRITERS[fmt]
    files = {}
    for summary in newsroom.articles():
        context, media = build_context(newsroom, newsroom.get(summary.slug))
        files[summary.slug] = folder / f"{summary.slug}.{extension}"
        files[summary.slug].write_bytes(writer(context))
        write_siblings(fmt, context, folder)
        for item in media:
            (folder / item.relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / item.relative).write_bytes(item.data)
    return files


def write_siblings(fmt: str, context: ExportContext, folder: Path) -> None:
    """The files a format writes beside the article's own (a package's items)."""
    if fmt == "newsml-package":
        for name, data in newsml_files(context).items():
            (folder / name).write_bytes(data)


def import_folder(newsroom: Newsroom, files: dict[str, Path]) -> None:
    documents = [
        read_document(path.read_bytes(), path.name, path.parent) for path in files.values()
    ]
    newsroom.import_json(documents, base_dir=next(iter(files.values())).parent)


def as_exported(imported: Article, original: Article) -> Article:
    """The imported article with the read-only values the import cannot know.

    An import makes its own ``created_at``, ``updated_at`` and ``revision``
    (NewsML-G2 and ninjs carry them as versionCreated/firstCreated/version,
    Markdown as lastmod); they are set to the original's before comparing.
    """
    return imported.with_changes(
        created_at=original.created_at, updated_at=original.updated_at, revision=original.revision
    )


# --- the exports are valid ---------------------------------------------------------


def validate_xml(schema: Any, document: Any) -> None:
    if not schema.validate(document):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        pytest.fail(f"not valid against the schema:\n{errors}")


def check_nitf(schemas: Schemas, data: bytes, article: Article) -> None:
    root = etree.fromstring(data)
    validate_xml(schemas.nitf, root)
    # Whatever the text holds, it is text: the headline reads back as typed.
    assert root.findtext(f"{NITF}body/{NITF}body.head/{NITF}hedline/{NITF}hl1") == article.headline


def check_newsml(schemas: Schemas, data: bytes, article: Article) -> None:
    root = etree.fromstring(data)
    validate_xml(schemas.newsml, root)
    [nitf] = root.iter(f"{NITF}nitf")
    validate_xml(schemas.nitf, etree.ElementTree(copy.deepcopy(nitf)))
    items = root.findall(f"{NAR}itemSet/{NAR}newsItem")
    assert len(items) == (2 if article.photo else 1)
    assert items[0].findtext(f"{NAR}contentMeta/{NAR}headline") == article.headline


def check_ninjs(schemas: Schemas, data: bytes, article: Article) -> None:
    document = json.loads(data)
    errors = sorted(schemas.ninjs.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert document["headlines"][0] == {
        "role": "main",
        "contenttype": "text/plain",
        "value": article.headline,
    }


def check_markdown(schemas: Schemas, data: bytes, article: Article) -> None:
    text = data.decode("utf-8")
    assert text.startswith("---\n")
    matter, body = text[4:].split("\n---\n", 1)
    front = yaml.safe_load(matter)
    assert front["title"] == article.headline
    assert front["slug"] == article.slug
    assert front["status"] == article.status.value
    assert body == article.body  # exactly as stored


def check_newsml_package(schemas: Schemas, data: bytes, article: Article) -> None:
    root = etree.fromstring(data)
    validate_xml(schemas.newsml, root)
    if article.photo is None:
        assert root.tag == f"{NAR}newsItem"  # the text item alone
        assert root.findtext(f"{NAR}contentMeta/{NAR}headline") == article.headline
        return
    assert root.tag == f"{NAR}packageItem"
    assert root.findtext(f"{NAR}contentMeta/{NAR}headline") == article.headline
    refs = root.findall(f"{NAR}groupSet/{NAR}group/{NAR}itemRef")
    assert [ref.find(f"{NAR}itemClass").get("qcode") for ref in refs] == [
        "ninat:text",
        "ninat:picture",
    ]


CHECKS = {
    "nitf": check_nitf,
    "newsml": check_newsml,
    "newsml-package": check_newsml_package,
    "ninjs": check_ninjs,
    "markdown": check_markdown,
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(ARTICLES))
def test_exports_are_valid_and_deterministic(
    schemas: Schemas, source: Newsroom, plain: Newsroom, fmt: str, name: str
) -> None:
    slug = ARTICLES[name]["slug"]
    for newsroom in (source, plain):
        data, context = export(newsroom, slug, fmt)
        CHECKS[fmt](schemas, data, context.article)
        assert export(newsroom, slug, fmt)[0] == data  # no clock, no randomness


@pytest.mark.parametrize("name", list(ARTICLES))
def test_a_newsml_package_and_its_items_are_valid_and_agree(
    schemas: Schemas, source: Newsroom, name: str
) -> None:
    """Each file validates; the package names each item by the guid and version it has."""
    context, _ = build_context(source, source.get(ARTICLES[name]["slug"]))
    files = {file: etree.fromstring(data) for file, data in newsml_files(context).items()}
    for root in files.values():
        validate_xml(schemas.newsml, root)
    slug = context.article.slug
    main = files[f"{slug}.newsml.xml"]
    if context.photo is None:
        assert list(files) == [f"{slug}.newsml.xml"] and main.tag == f"{NAR}newsItem"
        return
    assert set(files) == {f"{slug}.newsml.xml", f"{slug}.text.newsml.xml",
                          f"{slug}.picture.newsml.xml"}  # fmt: skip
    group = main.find(f"{NAR}groupSet/{NAR}group")
    assert main.find(f"{NAR}groupSet").get("root") == group.get("id")
    for ref in group.findall(f"{NAR}itemRef"):
        item = files[ref.get("href")]
        assert (ref.get("residref"), ref.get("version")) == (item.get("guid"), item.get("version"))
        assert ref.get("contenttype") == "application/vnd.iptc.g2.newsitem+xml"
        item_class = item.find(f"{NAR}itemMeta/{NAR}itemClass").get("qcode")
        assert ref.find(f"{NAR}itemClass").get("qcode") == item_class
    text, picture = files[f"{slug}.text.newsml.xml"], files[f"{slug}.picture.newsml.xml"]
    [link] = [link for link in text.iter(f"{NAR}link") if link.get("residref")]
    assert (link.get("residref"), link.get("version")) == (
        picture.get("guid"),
        picture.get("version"),
    )


def test_a_newsml_package_imports_from_its_folder_and_says_so_without_one(
    source: Newsroom, tmp_path: Path
) -> None:
    article = source.get("russia-offers-talks")
    context, _ = build_context(source, article)
    for file, data in newsml_files(context).items():
        (tmp_path / file).write_bytes(data)
    package = (tmp_path / "russia-offers-talks.newsml.xml").read_bytes()
    document = read_document(package, "p.xml", tmp_path)
    assert document["headline"] == article.headline
    assert document["photo"]["alt"] == article.photo.alt
    with pytest.raises(NewsroomError, match=r"p\.xml: a NewsML-G2 package: .*text\.newsml\.xml"):
        read_document(package, "p.xml")
    (tmp_path / "russia-offers-talks.text.newsml.xml").unlink()
    with pytest.raises(NewsroomError, match=r"not beside it \(russia-offers-talks\.text\."):
        read_document(package, "p.xml", tmp_path)


def test_the_schemas_do_catch_mistakes(schemas: Schemas, source: Newsroom) -> None:
    """The validations above mean something: broken documents fail them."""
    nitf = etree.fromstring(export(source, "only-a-headline", "nitf")[0])
    etree.SubElement(nitf.find(f"{NITF}body"), f"{NITF}p").text = "a paragraph outside body.content"
    assert not schemas.nitf.validate(nitf)
    newsml = etree.fromstring(export(source, "only-a-headline", "newsml")[0])
    item = newsml.find(f"{NAR}itemSet/{NAR}newsItem")
    item.remove(item.find(f"{NAR}itemMeta"))
    assert not schemas.newsml.validate(newsml)
    ninjs = json.loads(export(source, "only-a-headline", "ninjs")[0])
    assert schemas.ninjs.is_valid(ninjs)
    assert not schemas.ninjs.is_valid(ninjs | {"slug": "not-a-ninjs-property"})
    assert not schemas.ninjs.is_valid(ninjs | {"pubstatus": "published"})


def test_links_that_are_not_valid_uris_are_escaped_where_the_standards_want_uris(
    schemas: Schemas, tmp_path: Path
) -> None:
    """The article format takes any http(s) link that parses; NewsML-G2 and ninjs need IRIs."""
    odd = "https://example.org/a/<x>?q=]]>&r=%zz#one#two"
    with open_newsroom(tmp_path / "n.sqlite") as newsroom:
        newsroom.import_json(
            {"slug": "odd-link", "headline": "H", "related": [{"headline": "R", "url": odd}]},
            base_dir=tmp_path,
        )
        newsml = etree.fromstring(export(newsroom, "odd-link", "newsml")[0])
        validate_xml(schemas.newsml, newsml)
        [link] = newsml.iter(f"{NAR}link")
        escaped = "https://example.org/a/%3Cx%3E?q=%5D%5D%3E&r=%25zz#one%23two"
        assert link.get("href") == escaped
        ninjs = json.loads(export(newsroom, "odd-link", "ninjs")[0])
        assert ninjs["associations"][0]["uri"] == escaped
        nitf = etree.fromstring(export(newsroom, "odd-link", "nitf")[0])
        assert [a.get("href") for a in nitf.iter(f"{NITF}a")] == [odd]  # NITF takes any text


def test_the_export_says_what_each_field_is(source: Newsroom) -> None:
    """Spot checks of where the fields go, for receivers reading the standards."""
    nitf = etree.fromstring(export(source, "russia-offers-talks", "nitf")[0])
    head = nitf.find(f"{NITF}body/{NITF}body.head")
    assert head.findtext(f"{NITF}hedline/{NITF}hl2") == ARTICLES["full"]["subtitle"]
    assert head.findtext(f"{NITF}dateline/{NITF}location/{NITF}city") == "Moscow"
    assert head.find(f"{NITF}dateline/{NITF}story.date").get("norm") == "20210628"
    docdata = nitf.find(f"{NITF}head/{NITF}docdata")
    assert docdata.get("management-status") == "usable"
    assert docdata.find(f"{NITF}date.issue").get("norm") == "20210628T100500+0300"
    media = nitf.find(f".//{NITF}media/{NITF}media-reference")
    assert media.get("source").startswith("media/") and media.get("mime-type") == "image/jpeg"
    assert (media.get("width"), media.get("height")) == ("1200", "675")
    pull = nitf.find(f".//{NITF}bq[@class='pull-quote']")
    assert pull.findtext(f"{NITF}credit/{NITF}person") == "Dmitry Peskov"

    newsml = etree.fromstring(export(source, "markup-everywhere", "newsml")[0])
    item = newsml.find(f"{NAR}itemSet/{NAR}newsItem")
    assert item.get("guid") == "https://news.example.org/markup-everywhere.html"
    assert item.find(f"{NAR}itemMeta/{NAR}pubStatus").get("qcode") == "stat:canceled"
    picture = newsml.findall(f"{NAR}itemSet/{NAR}newsItem")[1]
    assert picture.findtext(f"{NAR}contentMeta/{NAR}creditline") == f"Credit {XSS}"

    ninjs = json.loads(export(source, "cairo-talks", "ninjs")[0])
    assert ninjs["pubstatus"] == "withheld"
    assert ninjs["associations"][0]["type"] == "picture"
    assert ninjs["associations"][0]["copyrightholder"] == "وكالة"
    assert [body["contenttype"] for body in ninjs["bodies"]] == ["text/html", "text/markdown"]

    matter = yaml.safe_load(export(source, "cairo-talks", "markdown")[0].decode().split("---\n")[1])
    assert matter["dateline"] == {
        "city": "القاهرة",
        "date": "2024-03-01",
        "agency": "وكالة",
        "text": "القاهرة, March 1. /وكالة/.",
    }
    assert matter["draft"] is True


def test_a_story_scheduled_after_the_export_goes_out_embargoed(
    schemas: Schemas, source: Newsroom
) -> None:
    article = source.get("talks-next-week")
    before = datetime(2099, 6, 28, 7, 4, tzinfo=UTC)
    until = "2099-06-28T10:05:00+03:00"

    def exported(fmt: str, now: datetime) -> bytes:
        context, _ = build_context(source, article, now=now)
        data = WRITERS[fmt][0](context)
        CHECKS[fmt](schemas, data, article)  # valid against the schemas either way
        return data

    docdata = etree.fromstring(exported("nitf", before)).find(f"{NITF}head/{NITF}docdata")
    assert docdata.get("management-status") == "embargoed"
    assert docdata.find(f"{NITF}date.release").get("norm") == "20990628T100500+0300"
    assert docdata.find(f"{NITF}date.issue") is None  # issued on receipt
    newsml = etree.fromstring(exported("newsml", before))
    for item in newsml.iter(f"{NAR}newsItem"):
        assert item.findtext(f"{NAR}itemMeta/{NAR}embargoed") == until
    [nitf] = newsml.iter(f"{NITF}nitf")
    assert nitf.find(f"{NITF}head/{NITF}docdata").get("management-status") == "embargoed"
    assert json.loads(exported("ninjs", before))["embargoed"] == until

    # Exported once its time has come, it is an ordinary published story.
    after = datetime(2099, 6, 28, 7, 5, tzinfo=UTC)
    docdata = etree.fromstring(exported("nitf", after)).find(f"{NITF}head/{NITF}docdata")
    assert docdata.get("management-status") == "usable"
    assert docdata.find(f"{NITF}date.issue").get("norm") == "20990628T100500+0300"
    assert not list(etree.fromstring(exported("newsml", after)).iter(f"{NAR}embargoed"))
    assert "embargoed" not in json.loads(exported("ninjs", after))


def test_a_pull_quotes_place_travels_where_the_format_has_room(source: Newsroom) -> None:
    """NITF has no pull-quote element (no ``pq``): a ``bq`` of class pull-quote, placed by
    an attribute in our namespace; ninjs says it in a description."""
    nitf = etree.fromstring(export(source, "talks-next-week", "nitf")[0])
    places = [bq.get("{urn:newsroom:ns:1}after-paragraph") for bq in nitf.iter(f"{NITF}bq")]
    assert places == ["1", "0"]
    ninjs = json.loads(export(source, "talks-next-week", "ninjs")[0])
    quote = next(a for a in ninjs["associations"] if a["name"] == "quote-1")
    assert {"role": "after-paragraph", "contenttype": "text/plain", "value": "1"} in quote[
        "descriptions"
    ]
    front = yaml.safe_load(
        export(source, "talks-next-week", "markdown")[0].decode().split("---\n")[1]
    )
    assert [quote.get("after_paragraph") for quote in front["quotes"]] == [1, 0]
    # Quotes at the default place say nothing of it.
    full = etree.fromstring(export(source, "russia-offers-talks", "nitf")[0])
    assert all(
        not bq.attrib.get("{urn:newsroom:ns:1}after-paragraph") for bq in full.iter(f"{NITF}bq")
    )


def test_an_embargo_reads_back_as_the_publication_time(tmp_path: Path) -> None:
    """Other systems' files: the embargo is when the story goes out."""
    ninjs = {
        "uri": "urn:x:1", "type": "text", "headlines": [{"role": "main", "value": "H"}],
        "firstcreated": "2099-06-27T09:00:00Z", "embargoed": "2099-06-28T07:05:00Z",
    }  # fmt: skip
    assert read_document(json.dumps(ninjs).encode(), "a.json")["published_at"] == (
        "2099-06-28T07:05:00Z"
    )
    nitf = (
        '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><head><docdata '
        'management-status="embargoed"><date.issue norm="20990627T090000Z"/>'
        '<date.release norm="20990628T070500Z"/></docdata></head><body><body.head><hedline>'
        "<hl1>H</hl1></hedline></body.head></body></nitf>"
    )
    imported = read_document(nitf.encode(), "a.xml")
    assert imported["published_at"].startswith("2099-06-28T07:05:00")
    g2 = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:2" version="1">'
        '<itemMeta><itemClass qcode="ninat:text"/><embargoed>2099-06-28T10:05:00+03:00'
        "</embargoed></itemMeta><contentMeta><headline>H</headline></contentMeta>"
        "<contentSet><inlineData>Text.</inlineData></contentSet></newsItem>"
    )
    imported = read_document(g2.encode(), "b.xml")
    assert imported["published_at"] == "2099-06-28T10:05:00+03:00"


# --- round trips --------------------------------------------------------------------


def content(article: Article, *, rendered_body: bool) -> dict[str, Any]:
    """What an editor wrote; with ``rendered_body`` the body as the HTML it renders to.

    The photo is compared by what the article says of it, not by its bytes.
    Where the sanitiser removed a whole block (a <script> on its own line) it
    leaves blank lines between the tags; they mean nothing in HTML and NITF
    cannot carry them, so line breaks between tags count as one.
    """
    fields = content_to_json(article)
    if fields["photo"] is not None:
        # The photo goes out as a rendition carrying its caption and credit: the
        # file that comes back is another file (another hash) showing the same picture.
        fields["photo"].pop("sha256")
    if rendered_body:
        fields["body"] = re.sub(r">\n+<", ">\n<", render_body(fields["body"]).strip("\n"))
    return fields


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_import_export_gives_the_same_bytes(
    source: Newsroom, tmp_path: Path, fmt: str
) -> None:
    first = export_folder(source, fmt, tmp_path)
    with open_newsroom(tmp_path / "empty.sqlite") as target:
        assert target.count() == 0
        import_folder(target, first)
        assert target.count() == len(ARTICLES)
        for slug, path in first.items():
            original = source.get(slug)
            imported = target.get(slug)
            context, _ = build_context(target, as_exported(imported, original))
            assert WRITERS[fmt][0](context) == path.read_bytes(), slug
            # NITF and NewsML carry the body as HTML: it comes back as Markdown
            # that renders the same; ninjs and Markdown carry the Markdown itself.
            html_only = fmt in ("nitf", "newsml", "newsml-package")
            assert content(imported, rendered_body=html_only) == content(
                original, rendered_body=html_only
            ), slug


def test_an_original_photo_comes_back_as_its_rendition(tmp_path: Path) -> None:
    """A large original goes out (and comes back) as its web rendition; the file names the story.

    So the exported article is the same from the first round trip on, though the
    photo's bytes (re-encoded each time) are not.
    """
    (tmp_path / "original.jpg").write_bytes(jpeg_bytes(2000, 1000, (20, 90, 160)))
    document = full_article(
        related=[], photo={"file": "original.jpg", "caption": "C", "credit": "K", "alt": "A"}
    )
    newsrooms = [open_newsroom(tmp_path / f"{n}.sqlite") for n in range(3)]
    newsrooms[0].import_json(document, base_dir=tmp_path)
    exports = []
    for step, newsroom in enumerate(newsrooms):
        folder = tmp_path / f"export-{step}"
        folder.mkdir()
        exports.append(export_folder(newsroom, "nitf", folder)[document["slug"]].read_bytes())
        if step + 1 < len(newsrooms):
            import_folder(newsrooms[step + 1], {"a": folder / f"{document['slug']}.nitf.xml"})
    photo = newsrooms[1].get(str(document["slug"])).photo
    assert photo is not None and newsrooms[1].photos.info(photo.sha256).width == 1200
    for newsroom in newsrooms:
        newsroom.close()
    assert exports[0] == exports[1] == exports[2]
    reread = read_document(exports[1], "again.xml")
    assert {key: reread["photo"][key] for key in ("caption", "credit", "alt")} == {
        "caption": "C",
        "credit": "K",
        "alt": "A",
    }


ANY_TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs",),
        exclude_characters=[chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
        + ["\ufffe", "\uffff"],
    ),
    max_size=40,
)
LINE = ANY_TEXT.filter(lambda text: one_line(text) != "")
ORDINARY_BODIES = [
    "",
    "One paragraph.\n",
    "## A subhead\n\nText with *emphasis*, **strength** and `code`.\n",
    "- one\n- two\n\n1. first\n2. second\n",
    STRUCTURES_BODY,
]
_SHARED: dict[str, Newsroom] = {}
_COUNTER = iter(range(1_000_000))


def shared(factory: pytest.TempPathFactory, name: str) -> Newsroom:
    """Newsrooms kept for the whole run: creating them per example would be most of its time."""
    if name not in _SHARED:
        _SHARED[name] = open_newsroom(factory.mktemp(name) / "newsroom.sqlite")
    return _SHARED[name]


@st.composite
def any_article(draw: st.DrawFn) -> dict[str, Any]:
    """An article whose every text field is drawn from all of Unicode the format accepts."""
    subtitle, section, byline, city, agency, credit, alt, mark, tag = (
        draw(ANY_TEXT) for _ in range(9)
    )
    lead, caption, quote = (draw(ANY_TEXT.filter(str.strip)) for _ in range(3))
    headline = draw(LINE)
    return {
        "slug": f"any-text-{next(_COUNTER)}",
        "headline": headline,
        "subtitle": subtitle,
        "section": section,
        "byline": byline,
        "dateline": {"city": city, "agency": agency, "date": "2024-05-06"},
        "lead": lead,
        "body": draw(st.sampled_from(ORDINARY_BODIES)),
        "quotes": [
            {"text": quote, "speaker": byline, "role": section, "pull": draw(st.booleans())}
        ],
        "photo": {"file": "photo.jpg", "caption": caption, "credit": credit, "alt": alt},
        "related": [{"headline": headline, "subtitle": subtitle, "url": "https://example.org/x"}],
        "mark": mark[:40],
        "status": draw(st.sampled_from(["draft", "ready", "published", "corrected", "killed"])),
        "tags": [tag] if one_line(tag) else [],
    }


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=any_article())
def test_any_text_survives_every_format(
    tmp_path_factory: pytest.TempPathFactory, document: dict[str, Any]
) -> None:
    folder = tmp_path_factory.mktemp("any")
    (folder / "photo.jpg").write_bytes(WEB_PHOTO)
    source = shared(tmp_path_factory, "any-source")
    [created] = source.import_json(document, base_dir=folder)
    original = created.article
    for fmt in FORMATS:
        path = export_folder_one(source, original, fmt, folder)
        target = shared(tmp_path_factory, f"any-{fmt}")
        document = read_document(path.read_bytes(), path.name, folder)
        [result] = target.import_json(document, base_dir=folder)
        assert content(result.article, rendered_body=True) == content(
            original, rendered_body=True
        ), fmt
        context, _ = build_context(target, as_exported(result.article, original))
        assert WRITERS[fmt][0](context) == path.read_bytes(), fmt


def export_folder_one(newsroom: Newsroom, article: Article, fmt: str, folder: Path) -> Path:
    writer, extension = WRITERS[fmt]
    context, media = build_context(newsroom, article)
    path = folder / f"{article.slug}.{extension}"
    path.write_bytes(writer(context))
    write_siblings(fmt, context, folder)
    for item in media:
        (folder / item.relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / item.relative).write_bytes(item.data)
    return path


# --- detection ------------------------------------------------------------------------


def test_detection_goes_by_content_not_by_name(source: Newsroom, tmp_path: Path) -> None:
    for fmt in FORMATS:
        data, _ = export(source, "only-a-headline", fmt)
        document = read_document(data, "misleading-name.txt")
        assert document["headline"] == "Only a headline", fmt
        assert document["slug"] == "only-a-headline", fmt


def test_the_json_article_format_is_returned_as_it_is(tmp_path: Path) -> None:
    article = full_article()
    assert read_document(json.dumps(article).encode(), "a.json") == article
    listing = [article, {"headline": "Second"}]
    data = b"\xef\xbb\xbf" + json.dumps(listing).encode()
    assert read_document(data, "feed.json") == listing


def test_other_systems_files_read_too(tmp_path: Path) -> None:
    bare_nitf = (
        b"<nitf><head><docdata><key-list><keyword key='Tides'/></key-list></docdata></head>"
        b"<body><body.head><hedline><hl1>  Bare\n   NITF </hl1></hedline>"
        b"<byline>By A. Writer</byline><abstract><p>The lead.</p></abstract></body.head>"
        b"<body.content><block><p>Para <person>one</person>.</p><hl2>Sub</hl2></block>"
        b"</body.content></body></nitf>"
    )
    document = read_document(bare_nitf, "bare.xml")
    assert document["headline"] == "Bare NITF"
    assert document["byline"] == "A. Writer"  # a byline is the name, without "By"
    assert document["lead"] == "The lead."
    assert document["body"] == "Para one.\n\n## Sub\n"
    assert document["tags"] == ["Tides"]

    newsml = (
        b"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/' guid='tag:x,2024:1' version='3'"
        b" standard='NewsML-G2' standardversion='2.35'><itemMeta><itemClass qcode='ninat:text'/>"
        b"<provider literal='x'/><versionCreated>2024-01-01T00:00:00Z</versionCreated>"
        b"<pubStatus qcode='stat:usable'/></itemMeta><contentMeta><slugline>fed-rates</slugline>"
        b"<headline>Fed holds rates</headline><by>J. Doe</by></contentMeta><contentSet>"
        b"<inlineData contenttype='text/plain'>First para.\n\nSecond * para.</inlineData>"
        b"</contentSet></newsItem>"
    )
    document = read_document(newsml, "item.xml")
    assert document["headline"] == "Fed holds rates"
    assert document["slug"] == "fed-rates"
    assert document["status"] == "published"
    # Wire text without a summary: its first paragraph is the lead (issue 14).
    assert document["lead"] == "First para."
    assert document["body"] == "Second \\* para.\n"
    assert "revision" not in document  # version='3' counts the sender's saves, not ours


def test_hand_written_front_matter_reads(tmp_path: Path) -> None:
    """What people write for Hugo and Jekyll: YAML's own dates, author lists, categories."""
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "port.jpg").write_bytes(WEB_PHOTO)
    text = (
        "---\n"
        "title: Ships leave Odesa\n"
        "date: 2023-07-17T09:00:00+03:00\n"
        "author: [Anna, Boris]\n"
        "categories: [Economy, Shipping]\n"
        "tags: [grain]\n"
        "image: img/port.jpg\n"
        "draft: true\n"
        "layout: post\n"
        "---\n"
        "The *first* ships left.\n"
    )
    document = read_document(text.encode(), "post.md")
    assert document["headline"] == "Ships leave Odesa"
    assert document["published_at"] == "2023-07-17T09:00:00+03:00"
    assert document["byline"] == "Anna, Boris"
    assert document["section"] == "Economy"
    assert document["photo"] == {"file": "img/port.jpg"}
    assert document["status"] == "draft"
    assert document["body"] == "The *first* ships left.\n"
    with open_newsroom(tmp_path / "n.sqlite") as newsroom:
        [result] = newsroom.import_json(document, base_dir=tmp_path)
        assert result.article.photo is not None


@pytest.mark.skipif(not REFDATA.is_dir(), reason=f"no reference files at {REFDATA}")
def test_the_standards_own_examples_import(tmp_path: Path) -> None:
    """IPTC's sample files: photos on the web are left out, a missing local one is reported."""
    with open_newsroom(tmp_path / "n.sqlite") as newsroom:
        for relative, headline in [
            ("nitf/nitf-example-3.6.xml", "Astronauts take spacewalk No. 3 after suit snag"),
            ("ninjs/004_simple_text_article.json", "Captain of wrecked cruise ship on trial"),
        ]:
            path = REFDATA / relative
            document = read_document(path.read_bytes(), path.name)
            [result] = newsroom.import_json(document, base_dir=path.parent)
            assert result.article.headline.startswith(headline)
            assert result.article.body
        tides = REFDATA / "nitf" / "nitf-example-3.5.xml"
        document = read_document(tides.read_bytes(), tides.name)
        assert document["headline"] == "Weather and Tide Updates for Norfolk"
        assert document["photo"]["file"] == "high-tide.jpg"  # not shipped with the example
        with pytest.raises(ValidationError, match=r"^photo\.file: .*high-tide\.jpg: no such file"):
            newsroom.import_json(document, base_dir=tides.parent)
    picture = REFDATA / "newsml-g2" / "LISTING_3_Photo_in_NewsML-G2.xml"
    with pytest.raises(NewsroomError, match=r"holds no text item"):
        read_document(picture.read_bytes(), picture.name)


def test_readers_leave_checking_to_the_article_format(tmp_path: Path) -> None:
    """A NITF file without a headline reads; the import then says what is wrong."""
    document = read_document(b"<nitf><body/></nitf>", "empty.xml")
    assert document["headline"] == ""
    with open_newsroom(tmp_path / "n.sqlite") as newsroom, pytest.raises(ValidationError) as caught:
        newsroom.import_json(document, base_dir=tmp_path)
    assert str(caught.value) == "headline: a headline cannot be empty"


# --- malformed files --------------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><nitf><body>&b;</body></nitf>'
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    b"<nitf><body><body.head><hedline><hl1>&secret;</hl1></hedline></body.head></body></nitf>"
)
UNKNOWN = "story.bin: not a Newsroom JSON, ninjs, NITF, NewsML-G2, NewsML 1 or Markdown-with-front-matter file"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"headline": "x",\n  oops}', "story.bin: not valid JSON (line 2, column 3: "),
        (b"[1, 2", "story.bin: not valid JSON (line 1, column 6: "),
        (b"<nitf><body>\n<p>unclosed</body></nitf>", "story.bin: not well-formed XML (line 2, "),
        (b"<rss version='2.0'/>", f"{UNKNOWN} (it is XML with the root element <rss>)"),
        (b"<newsItem/>", f"{UNKNOWN} (it is XML with the root element <newsItem>)"),
        (BILLION_LAUGHS, "story.bin: the XML declares entities of its own"),
        (XXE, "story.bin: the XML declares entities of its own"),
        (b"---\ntitle: [unclosed\nslug: x\n---\nBody", "story.bin: broken YAML front matter (line"),
        (b"---\ntitle: x\nno closing line", "story.bin: no front matter: the file must begin"),
        (b"---\n- a list\n---\n", "story.bin: the front matter must be YAML keys and values"),
        (b"---\ntitle: \xff\n---\n", "story.bin: not UTF-8 text (byte 0xff at position 11)"),
        (b"[" * 100_000 + b"]" * 100_000, "story.bin: nested too deeply to read"),
        (b"Just some text.", UNKNOWN),
        (b"\x89PNG\r\n\x1a\n\x00\x00", UNKNOWN),
        (b"", UNKNOWN),
        (b'{"uri": "urn:x", "type": "picture", "headlines": []}', "story.bin: a ninjs picture"),
    ],
)
def test_malformed_files_give_one_line_errors_naming_the_file(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    with pytest.raises(NewsroomError) as caught:
        read_document(data, "story.bin")
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/etc/passwd.jpg", "photo.file: '/etc/passwd.jpg' points outside the imported file's"),
        ("../../outside.jpg", "photo.file: '../../outside.jpg' points outside the imported file's"),
    ],
)
def test_a_photo_must_sit_beside_the_imported_file(
    newsroom: Newsroom, tmp_path: Path, href: str, expected: str
) -> None:
    """The same rule as for the JSON format: read where photos are read (``read_named``)."""
    nitf = (
        "<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content>"
        f"<media media-type='image'><media-reference source='{href}'/></media>"
        "</body.content></body></nitf>"
    ).encode()
    with pytest.raises(NewsroomError) as refused:
        newsroom.import_json(read_document(nitf, "photo.xml"), base_dir=tmp_path)
    assert str(refused.value).startswith(expected)


def test_a_photo_given_as_a_url_of_another_kind_is_left_out(tmp_path: Path) -> None:
    """``file:`` is no file path: nothing is read, the text imports, and the warning says why."""
    nitf = (
        b"<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content>"
        b"<p>Text.</p><media media-type='image'><media-reference source='file:///etc/hosts'/>"
        b"</media></body.content></body></nitf>"
    )
    read = read_incoming(nitf, "photo.xml", tmp_path)
    assert read.document["photo"] is None
    assert read.warnings == [
        "photo 'file:///etc/hosts': give the photo as a file path, not a URL: imported without it"
    ]


def test_a_photo_on_the_web_is_left_out(tmp_path: Path) -> None:
    """Imports never go to the network."""
    nitf = (
        b"<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content>"
        b"<media media-type='image'><media-reference source='https://example.org/p.jpg'/>"
        b"</media></body.content></body></nitf>"
    )
    assert read_document(nitf, "web.xml")["photo"] is None


# --- HTML back to Markdown --------------------------------------------------------------

MARKDOWN_SAMPLES = [
    STRUCTURES_BODY,
    'First paragraph.\n\n## What was said\n\nThe spokesman said: "We are ready."\n',
    "### Level 3\n\n#### Level *4*\n\n###### six",
    "C\\# and \\#hashtag and 1986\\. A year\n\n\\- not a list\n\n\\+ plus\n\n\\> not quote",
    "x*y*z and 2\\*3\\*4 and snake_case and \\_\\_init\\_\\_",
    "AT&T &copy; &amp;copy; &lt;script&gt; ]]> &amp;amp; --- -- ...",
    '`` a`b `` and `<tag>` and `&amp;` and `"q"`',
    'link [a *b*](http://x.com/a_b?x=1&y=2 "T") and <http://x.com> and <foo@bar.com>',
    "line one\nline two  \nhard break",
    '<abbr title="x y">XY</abbr> <q>q</q> <kbd>K</kbd> <small>s</small> <u>u</u> <span>sp</span>',
    "1. one\n\n    para\n\n2. two\n",
    "> ## Heading in quote\n>\n> > nested\n",
    'العربية "مرحبا" -- עברית\n\n## عنوان\n',
    "<dl><dt>t</dt><dd>d &amp; e</dd></dl>",
    '<table><tr><td colspan="2">x</td></tr></table>',
    "- a\n- b\n\n- c\n",
    "Tab\there &nbsp; x&#160;y done",
    "    code block\n\n    with blank\n",
    "[^a b]\n\n[^a b]: note",
]


@pytest.mark.parametrize("markdown", MARKDOWN_SAMPLES)
def test_html_to_markdown_renders_back_to_the_same_html(markdown: str) -> None:
    html = render_body(markdown)
    assert render_body(html_to_markdown(html)) == html


def ordinary_body(rng: random.Random) -> str:
    """A random but ordinary body: the constructs editors use, with awkward characters."""
    words = [
        "Moscow", "talks", "Кремль", "الرئيس", "שלום", "AT&T", "C#", "100%", "e-mail", "1986.",
        "U.S.", "it's", '"ready"', "(aside)", "[bracket]", "snake_case", "2*3", "x > y", "—",
        "...", "--", "#1", "+1", "©", "😀", "*", "_", "\\", "|", "~",
        "*em*", "**strong**", "`code`", "[link](https://example.org/a_b?x=1&y=2)",
    ]  # fmt: skip

    def line(size: int) -> str:
        return " ".join(rng.choice(words) for _ in range(size))

    def cell(size: int) -> str:
        return " ".join(rng.choice([w for w in words if "|" not in w]) for _ in range(size))

    blocks = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.randint(0, 7)
        if kind <= 2:
            blocks.append(line(rng.randint(3, 12)))
        elif kind == 3:
            blocks.append("#" * rng.randint(2, 4) + " " + line(4))
        elif kind == 4:
            blocks.append("> " + line(8))
        elif kind == 5:
            marker = rng.choice(["-", "1."])
            blocks.append("\n".join(f"{marker} {line(5)}" for _ in range(rng.randint(1, 4))))
        elif kind == 6:
            rows = [f"| {cell(2)} | {cell(2)} |" for _ in range(2)]
            blocks.append("| A | B |\n|:--|--:|\n" + "\n".join(rows))
        else:
            blocks.append("* * *")
    return "\n\n".join(blocks)


def test_html_to_markdown_on_many_ordinary_bodies() -> None:
    rng = random.Random(2024)
    for _ in range(300):
        markdown = ordinary_body(rng)
        html = render_body(markdown)
        assert render_body(html_to_markdown(html)) == html, markdown


@pytest.mark.parametrize(
    ("notice", "name"),
    [
        ("© 2021 Reuters. All rights reserved.", "Reuters"),
        ("Copyright 2010-2024 Getty Images", "Getty Images"),
        ("(c) TASS", "TASS"),
        ("© TASS", "TASS"),
        ("TASS", "TASS"),
        ("Reuters/John Doe", "Reuters/John Doe"),  # a credit with no notice words stays
        ("", ""),
    ],
)
def test_a_copyright_holder_is_a_name_without_notice_words(notice: str, name: str) -> None:
    assert holder_name(notice) == name
