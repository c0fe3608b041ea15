"""NITF in: an article in the JSON article format from a NITF 3.x document.

The inverse of ``export.nitf``: every element the writer uses is read back,
including Newsroom's extension namespace, so an exported article imports as
the same article. NITF from other systems reads too: the standard elements
give headline, subtitle, byline, dateline, lead, body, photo, tags, section
and publication time; what they lack stays empty. Whitespace that only
pretty-printed someone else's file is tidied; in Newsroom's own files text
is taken exactly as written.

The result is a plain dict for ``article_json.read_articles``, which checks
the fields and reports problems by path. Only a file that is not NITF at
all (or not XML) is refused here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsroom.article import Status
from newsroom.errors import NewsroomError
from newsroom.export.nitf import (
    ELEMENT_ONLY,
    EM_CLASSES,
    NEWSROOM_NS,
    SHARED_SOURCE_TEXTS,
    XHTML_NS,
    XML_LANG,
)
from newsroom.imports.html_to_markdown import nodes_to_markdown
from newsroom.imports.json_input import whole_number
from newsroom.imports.wire_item import WireItem, WireSource, local_photo
from newsroom.imports.wire_text import byline_parts, name_case, split_dateline
from newsroom.imports.xml_input import (
    child,
    children,
    descendant,
    entity_text,
    local_name,
    namespace,
    parse_xml,
    text_of,
)
from newsroom.language import language_problem
from newsroom.language import normalize as normalize_language
from newsroom.render.dom import HEADINGS, Element, Node
from newsroom.slug import slug_problem

# NITF's management-status (and NewsML-G2's pubStatus) when a file has no exact status.
STATUS_FROM_MANAGEMENT = {
    "usable": Status.PUBLISHED.value,
    "withheld": Status.DRAFT.value,
    "embargoed": Status.READY.value,
    "canceled": Status.KILLED.value,
}
# Elements of the body kept as the same HTML element.
SAME_IN_HTML = frozenset(
    {"p", "ul", "ol", "li", "dl", "dt", "dd", "hr", "table", "caption", "thead", "tbody",
     "tfoot", "tr", "th", "td", "a", "q", "br", "sub", "sup"}
)  # fmt: skip
# HTML elements accepted from a foreign namespace (XHTML inside NITF 3.6).
FOREIGN_HTML = frozenset({"img", "b", "i", "strong", "em", "u", "s", "code", "sub", "sup"})
# Metadata a NITF block may open with: not part of the text.
BLOCK_METADATA = frozenset(
    {
        "tobject",
        "key-list",
        "classifier",
        "byline",
        "dateline",
        "copyrite",
        "abstract",
        "datasource",
    }
)
_SPACE_RUN = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")


def read_nitf(data: bytes) -> dict[str, Any]:
    """The article a NITF document holds, in the JSON article format."""
    root = parse_xml(data)
    if local_name(root) != "nitf":
        raise NewsroomError(f"not a NITF document (its root element is <{local_name(root)}>)")
    return nitf_article(root)


def nitf_article(root: Any) -> dict[str, Any]:
    """The article in a parsed ``nitf`` element (also used inside NewsML-G2)."""
    return _NitfReader(root).read().article


def read_nitf_item(root: Any, base_dir: Path | None) -> WireItem:
    """The article in a parsed ``nitf`` element, with its source and what was left out.

    ``base_dir`` is the file's folder: a photo the file names that is not
    there (NTB's ``<media-reference source="iJIJyyF0tiE"/>``), like one on
    the web, becomes a warning and the text imports without it.
    """
    return _NitfReader(root, base_dir).read()


class _NitfReader:
    def __init__(self, root: Any, base_dir: Path | None = None) -> None:
        self.root = root
        self.head = child(root, "head")
        self.docdata = child(self.head, "docdata")
        self.body = child(root, "body")
        self.body_head = child(self.body, "body.head")
        self.base_dir = base_dir
        self.warnings: list[str] = []
        self.missing: list[str] = []
        # Newsroom's own files carry its namespace: their text is exact.
        self.exact = _extension(self.docdata, "status") is not None

    def read(self) -> WireItem:
        article = self.article()
        source = self.source()
        if not self.exact:
            article["byline"], byline_title = self.wire_byline()
            source = replace(source, byline_title=byline_title)
            language = self.language()
            if language:
                article["language"] = language
        if self.exact:
            # Our own file names itself by its canonical URL when the newsroom has a base
            # URL: it says it is ours by its exact status, and is never a wire item.
            source = WireSource(format="NITF")
        return WireItem(article, source, list(self.warnings), list(self.missing))

    def article(self) -> dict[str, Any]:
        article: dict[str, Any] = {}
        slug = self.slug()
        if slug:
            article["slug"] = slug
        hedline = child(self.body_head, "hedline")
        article["headline"] = self.line(child(hedline, "hl1")) or self.line(
            child(self.head, "title")
        )
        article["subtitle"] = self.subtitle(article["headline"], child(hedline, "hl2"))
        article["section"] = _attribute(child(self.head, "pubdata"), "position.section")
        article["byline"] = ", ".join(
            filter(None, (self.line(byline) for byline in children(self.body_head, "byline")))
        )
        article["dateline"] = self.dateline()
        article["lead"] = self.abstract()
        contents = list(children(self.body, "body.content"))
        body = _BodyReader(self.exact)
        if self.exact:
            article["body"] = nodes_to_markdown(body.body(contents))
        else:
            self.wire_text(article, body, contents)
        article["quotes"] = [self.quote(bq) for bq in _marked_blocks(contents, "quotes", "bq")]
        article["photo"] = self.photo(contents)
        article["related"] = [self.related(li) for li in _marked_blocks(contents, "related", "li")]
        article["mark"] = text_of(_extension(self.docdata, "mark"))
        status = self.status()
        if status:
            article["status"] = status
        published = self.published_at()
        if published:
            article["published_at"] = published
        article["tags"] = self.keywords()
        if self.exact:
            provenance = self.provenance()
            if provenance is not None:
                article["source"] = provenance
        return article

    # text

    def line(self, element: Any) -> str:
        return " ".join(text_of(element).split()) if not self.exact else text_of(element)

    def paragraphs(self, element: Any) -> str:
        """Text written by ``text_paragraphs``: ``p`` per paragraph, ``br`` per line break."""
        texts = [self.paragraph(p) for p in children(element, "p")]
        return "\n\n".join(texts)

    def paragraph(self, p: Any) -> str:
        parts = [p.text or ""]
        for inner in p:
            if not isinstance(inner.tag, str):
                parts.append(entity_text(inner))
            else:
                parts.append("\n" if local_name(inner) == "br" else text_of(inner))
            parts.append(inner.tail or "")
        text = "".join(parts)
        if self.exact:
            return text
        return " ".join(line.strip() for line in _SPACE_RUN.split(text.strip()))

    def subtitle(self, headline: str, hl2: Any) -> str:
        """``hl2``; in someone else's file, not when it repeats the headline or a keyword.

        AP repeats the headline there (``hl2 id="originalHeadline"``) and EFE
        its keyword line: neither is a subtitle.
        """
        subtitle = self.line(hl2)
        if self.exact:
            return subtitle
        keywords = {key.casefold() for key in self.keywords()}
        repeated = subtitle.casefold() == headline.casefold() or subtitle.casefold() in keywords
        return "" if repeated else subtitle

    def abstract(self) -> str:
        """The abstract's paragraphs; AAP writes its text straight into the element."""
        abstract = child(self.body_head, "abstract")
        lead = self.paragraphs(abstract)
        if lead or self.exact or abstract is None or child(abstract, "p") is not None:
            return lead
        return " ".join(text_of(abstract).split())

    # wire copy (someone else's NITF)

    def wire_byline(self) -> tuple[str, str]:
        """The names of the bylines in the newsroom's case, and the writers' titles apart.

        ``<byline>By BERNARD CONDON<byttl>AP Business Writer</byttl></byline>``
        gives "Bernard Condon" and "AP Business Writer".
        """
        names: list[str] = []
        titles: list[str] = []
        for byline in children(self.body_head, "byline"):
            title_elements = list(children(byline, "byttl"))
            written = " ".join(_text_without(byline, "byttl").split())
            name, title = byline_parts(written)
            titles += [self.line(element) for element in title_elements] or [title]
            if name:
                names.append(name)
        return ", ".join(names), "; ".join(filter(None, titles))

    def wire_text(self, article: dict[str, Any], body: _BodyReader, contents: list[Any]) -> None:
        """Body, lead and dateline of wire copy.

        The agency's own dateline opening the first paragraph ("NEW YORK (AP) —")
        fills the structured dateline and leaves the text, so the house style
        prints it once; without an abstract the first paragraph (or the one
        marked as the lead, as NTB does) becomes the lead.
        """
        marked = None if article["lead"] else _marked_lead(contents)
        lead_node = None
        if marked is not None:
            lead_node = Element("p", {}, body.nodes(marked))
            _remove_keeping_tail(marked)
        nodes = body.body(contents)
        first = lead_node or first_paragraph(nodes)
        if first is not None:
            self.take_dateline(article["dateline"], first)
        if not article["lead"] and first is not None:
            article["lead"] = " ".join(first.text().split())
            if first is not lead_node:
                nodes.remove(first)
        elif first is not None and " ".join(first.text().split()) == article["lead"]:
            nodes.remove(first)  # PA repeats its abstract as the first paragraph
        article["body"] = nodes_to_markdown(nodes, typeset=True)

    def take_dateline(self, dateline: dict[str, Any], paragraph: Element) -> None:
        """The dateline opening ``paragraph`` into ``dateline`` (where the file left it empty)."""
        opening = _leading_text(paragraph)
        found = split_dateline(opening)
        if found is None:
            return
        wire, rest = found
        paragraph.children[: _leading_count(paragraph)] = [rest]
        dateline["city"] = dateline["city"] or wire.city
        dateline["agency"] = wire.agency or dateline["agency"]
        dateline["date"] = dateline["date"] or _iso(wire.date_near(self.item_date()))

    def item_date(self) -> date | None:
        """The day the item was issued, for the year of a dateline that gives none."""
        for name in ("date.issue", "date.release"):
            found = _date(_attribute(child(self.docdata, name), "norm"))
            if found:
                return date.fromisoformat(found)
        return None

    def language(self) -> str:
        """``xml:lang`` (NITF 3.5 on), else ``baselang`` (NITF 3.x), on ``nitf`` or ``body``."""
        for element in (self.root, self.body):
            for name in (XML_LANG, "baselang"):
                tag = _attribute(element, name).strip()
                if not tag:
                    continue
                if language_problem(tag):
                    self.warnings.append(
                        f"language {tag!r} is not a language tag; the article takes the "
                        "newsroom's language"
                    )
                    return ""
                return normalize_language(tag)
        return ""

    def source(self) -> WireSource:
        """The agency (copyright holder, else distributor), the item's id and version."""
        doc_id = child(self.docdata, "doc-id")
        agency = (
            _attribute(child(self.docdata, "doc.copyright"), "holder")
            or " ".join(text_of(child(self.body_head, "distributor")).split())
            or _attribute(doc_id, "regsrc")
        )
        version = whole_number(_attribute(child(self.docdata, "du-key"), "version"))
        return WireSource(
            agency=agency.strip(),
            item_id=_attribute(doc_id, "id-string").strip(),
            version="" if version is None else str(version),
            format="NITF",
            pubstatus=_attribute(self.docdata, "management-status").strip().lower(),
        )

    def provenance(self) -> dict[str, Any] | None:
        """Our own file's ``nr:source``: the wire item the story was started from.

        It is the story's source, not the document's: the document is ours
        (its doc-id says so), so it imports as an article, never as a wire item.
        """
        element = _extension(self.docdata, "source")
        if element is None:
            return None
        texts = {key: element.get(key.replace("_", "-"), "") for key in SHARED_SOURCE_TEXTS}
        return {**texts, "urgency": whole_number(element.get("urgency", ""))}

    def keywords(self) -> list[str]:
        return [
            keyword.get("key", "")
            for keyword in children(child(self.docdata, "key-list"), "keyword")
            if keyword.get("key")
        ]

    # metadata

    def slug(self) -> str:
        key = _attribute(child(self.docdata, "du-key"), "key")
        return key if key and slug_problem(key) is None else ""

    def dateline(self) -> dict[str, Any]:
        dateline = child(self.body_head, "dateline")
        location = child(dateline, "location")
        city = child(location, "city")
        story_date = child(dateline, "story.date")
        place = self.line(city if city is not None else location)
        if not self.exact and dateline is not None and location is None and story_date is None:
            place = self.line(dateline)  # NTB: <dateline>Oslo</dateline>
        return {
            "city": place if self.exact else name_case(place),
            "date": _date(_attribute(story_date, "norm")),
            "agency": self.line(child(self.body_head, "distributor")),
        }

    def status(self) -> str:
        exact = text_of(_extension(self.docdata, "status")).strip()
        if exact in {status.value for status in Status}:
            return exact
        management = _attribute(self.docdata, "management-status").strip().lower()
        return STATUS_FROM_MANAGEMENT.get(management, "")

    def published_at(self) -> str:
        # The release time first: an embargoed story is issued before it may go out.
        for name in ("date.release", "date.issue"):
            moment = _datetime(_attribute(child(self.docdata, name), "norm"))
            if moment:
                return moment
        return ""

    # parts

    def quote(self, bq: Any) -> dict[str, Any]:
        credit = child(bq, "credit")
        blocks = list(children(bq, "block"))
        return {
            "text": "\n\n".join(self.paragraphs(block) for block in blocks),
            "speaker": self.line(descendant(credit, "person")),
            "role": self.line(descendant(credit, "function")),
            "pull": "pull-quote" in _classes(bq),
            "after_paragraph": _whole_number(bq.get(f"{{{NEWSROOM_NS}}}after-paragraph")),
        }

    def related(self, item: Any) -> dict[str, Any]:
        slug = item.get(f"{{{NEWSROOM_NS}}}slug")
        if slug:
            return {"slug": slug}
        link = descendant(item, "a")
        subtitle = next((p for p in children(item, "p") if "subtitle" in _classes(p)), None)
        return {
            "headline": self.line(link),
            "subtitle": self.line(subtitle),
            "url": _attribute(link, "href"),
        }

    def photo(self, contents: list[Any]) -> dict[str, Any] | None:
        media = next((found for content in contents for found in _images(content)), None)
        if media is None:
            return None
        reference = child(media, "media-reference")
        href = _attribute(reference, "source")
        file = local_photo(href, self.base_dir, self.warnings, self.missing)
        if file is None:
            return None
        return {
            "file": file,
            "caption": self.paragraphs(child(media, "media-caption"))
            or self.line(child(media, "media-caption")),
            "credit": ", ".join(
                filter(None, (self.line(p) for p in children(media, "media-producer")))
            ),
            "alt": _attribute(reference, "alternate-text"),
        }


def _whole_number(text: str | None) -> Any:
    """A number written as digits becomes one; anything else goes on for the format to report."""
    number = None if text is None else whole_number(text)
    return text if number is None else number


def photo_path(href: str) -> str | None:
    """A photo reference as a file path (relative to the imported file); None for a web address.

    An import never goes to the network, so a photo on the web is left out.
    Which files may be read (those beside the document or below it) is
    decided where they are read, for every format alike
    (``outside_files.read_named``).
    """
    try:
        parts = urlsplit(href)
    except ValueError:
        raise NewsroomError(f"photo {href!r}: not a usable file reference") from None
    if parts.scheme.lower() in ("http", "https", "ftp") or href.startswith("//"):
        return None
    if not href or (parts.scheme and not Path(href).is_absolute()):
        raise NewsroomError(f"photo {href!r}: give the photo as a file path, not a URL")
    return parts.path


# --- the body -------------------------------------------------------------------


class _BodyReader:
    """NITF body elements back to the renderer's HTML, for html_to_markdown."""

    def __init__(self, exact: bool) -> None:
        self.exact = exact
        self.footnote_labels: dict[str, str] = {}
        self.footnotes: list[Element] = []

    def body(self, contents: list[Any]) -> list[Node]:
        for content in contents:
            for note in content.iter():
                if local_name(note) == "fn":
                    key = note.get("id") or f"fn-{len(self.footnote_labels) + 1}"
                    label = note.get(f"{{{NEWSROOM_NS}}}label") or key
                    self.footnote_labels[key] = label
        nodes: list[Node] = []
        for content in contents:
            nodes += self.nodes(content)
        if self.footnotes:
            listing = Element("ol", {}, list(self.footnotes))
            nodes.append(Element("div", {"class": "footnote"}, [Element("hr"), listing]))
        return nodes

    def nodes(self, parent: Any) -> list[Node]:
        """The HTML for an element's content: its text, children and their tails.

        In element-only content (a list, a table) whitespace is layout, not text.
        """
        layout = local_name(parent) in ELEMENT_ONLY
        out: list[Node] = []
        for text in _texts(parent):
            if isinstance(text, str):
                if text and not (layout and not text.strip()):
                    out.append(self.text(text))
            elif not self.wrapped_line(text, out):
                out += self.element(text)
        return out

    def wrapped_line(self, element: Any, before: list[Node]) -> bool:
        """A ``br`` after a space in wire copy: the agency's line wrap (AAP), not a break."""
        if self.exact or local_name(element) != "br" or not before:
            return False
        last = before[-1]
        return isinstance(last, str) and last[-1:].isspace()

    def text(self, text: str) -> str:
        # Line breaks inside someone else's paragraph are their file's layout.
        return text if self.exact else _SPACE_RUN.sub(" ", text)

    def element(self, element: Any) -> list[Node]:
        name = local_name(element)
        if namespace(element) == XHTML_NS or (namespace(element) not in ("", *_NITF) and name):
            return self.foreign(element, name)
        if name in ("media", "note") or name in BLOCK_METADATA:
            return []
        if name == "block":
            return [] if _classes(element) & {"quotes", "related"} else self.nodes(element)
        if name == "fn":
            self.footnote(element)
            return []
        handler = _HANDLERS.get(name)
        if handler is not None:
            return [handler(self, element)]
        if name in SAME_IN_HTML:
            return [self.same(element, name)]
        return self.nodes(element)  # person, org, location, chron…: their text

    def same(self, element: Any, tag: str) -> Element:
        attrs: dict[str, str] = {}
        for name in ("href", "title", "colspan", "rowspan"):
            if element.get(name):
                attrs[name] = element.get(name)
        if element.get("align") and tag in ("th", "td"):
            attrs["style"] = f"text-align:{element.get('align')}"
        if tag == "ol" and (element.get("seqnum") or "").isdigit():
            attrs["start"] = element.get("seqnum")
        return self.trimmed(Element(tag, attrs, self.nodes(element)))

    def trimmed(self, element: Element) -> Element:
        """Someone else's pretty-printing taken off the ends of a paragraph or cell."""
        if self.exact or element.tag not in ("p", "li", "dt", "th", "td", "h2", "h3"):
            return element
        content = element.children
        if content and isinstance(content[0], str):
            content[0] = content[0].lstrip()
        if content and isinstance(content[-1], str):
            content[-1] = content[-1].rstrip()
        return element

    def heading(self, element: Any) -> Element:
        level = next((css for css in _classes(element) if css in HEADINGS), "h2")
        return self.trimmed(Element(level, {}, self.nodes(element)))

    def quotation(self, element: Any) -> Element:
        content: list[Node] = []
        for block in children(element):
            if local_name(block) == "credit":
                content.append(Element("p", {}, ["— ", *self.nodes(block)]))
            else:
                content += self.nodes(block)
        return Element("blockquote", {}, content)

    def emphasis(self, element: Any) -> Element:
        tag = next((css for css in _classes(element) if css in EM_CLASSES), "em")
        attrs = {}
        title = element.get(f"{{{NEWSROOM_NS}}}title")
        if title:
            attrs["title"] = title
        return Element(tag, attrs, self.nodes(element))

    def preformatted(self, element: Any) -> Element:
        text = text_of(element)
        if "code" in _classes(element) or not self.exact:
            return Element("pre", {}, [Element("code", {}, [text])])
        return Element("pre", {}, [text])

    def link(self, element: Any) -> Element:
        href = element.get("href") or ""
        if "footnote-ref" in _classes(element) and href.startswith("#"):
            label = self.footnote_labels.get(href[1:], href[1:])
            ref = Element(
                "a", {"class": "footnote-ref", "href": f"#fn:{label}"}, [text_of(element)]
            )
            return Element("sup", {}, [ref])
        return self.same(element, "a")

    def table(self, element: Any) -> Element:
        return self.same(element, "table")

    def footnote(self, element: Any) -> None:
        key = element.get("id") or ""
        label = self.footnote_labels.get(key, key)
        content: list[Node] = []
        for part in children(element, "body.content"):
            content += self.nodes(part)
        self.footnotes.append(Element("li", {"id": f"fn:{label}"}, content))

    def foreign(self, element: Any, name: str) -> list[Node]:
        if name == "img":
            attrs = {key: element.get(key) for key in ("alt", "src", "title", "width", "height")}
            return [
                Element("img", {key: value for key, value in attrs.items() if value is not None})
            ]
        if name in FOREIGN_HTML:
            return [Element(name, {}, self.nodes(element))]
        return self.nodes(element)


_NITF = ("http://iptc.org/std/NITF/2006-10-18/",)
_HANDLERS = {
    "hl2": _BodyReader.heading,
    "bq": _BodyReader.quotation,
    "em": _BodyReader.emphasis,
    "pre": _BodyReader.preformatted,
    "a": _BodyReader.link,
}


# --- helpers --------------------------------------------------------------------


def _texts(parent: Any) -> Iterator[Any]:
    """An element's text, then each child element (or entity's text) followed by its tail."""
    yield parent.text or ""
    for element in parent:
        yield element if isinstance(element.tag, str) else entity_text(element)
        yield element.tail or ""


def _marked_lead(contents: list[Any]) -> Any:
    """NTB's ``<p class="lead" lead="true">``: the paragraph the file calls its lead."""
    for content in contents:
        for p in content.iter():
            if local_name(p) == "p" and ("lead" in _classes(p) or p.get("lead") == "true"):
                return p
    return None


def _remove_keeping_tail(element: Any) -> None:
    parent = element.getparent()
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def first_paragraph(nodes: list[Node]) -> Element | None:
    """The first paragraph of the body with text (AAP sends empty ones)."""
    for node in nodes:
        if isinstance(node, Element) and node.tag == "p" and node.text().strip():
            return node
        if isinstance(node, Element) or node.strip():
            return None  # the body opens with something else: a heading, a list
    return None


def _leading_count(paragraph: Element) -> int:
    """How many of the paragraph's first children are text (before any inline element)."""
    count = 0
    while count < len(paragraph.children) and isinstance(paragraph.children[count], str):
        count += 1
    return count


def _leading_text(paragraph: Element) -> str:
    return "".join(str(part) for part in paragraph.children[: _leading_count(paragraph)])


def _text_without(element: Any, name: str) -> str:
    """The element's text leaving out its ``name`` children (but keeping their tails)."""
    parts = [element.text or ""]
    for node in element:
        if isinstance(node.tag, str) and local_name(node) != name:
            parts.append(text_of(node))
        elif not isinstance(node.tag, str):
            parts.append(entity_text(node))
        parts.append(node.tail or "")
    return "".join(parts)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _extension(element: Any, name: str) -> Any:
    if element is None:
        return None
    return element.find(f"{{{NEWSROOM_NS}}}{name}")


def _attribute(element: Any, name: str) -> str:
    return "" if element is None else str(element.get(name) or "")


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _marked_blocks(contents: list[Any], css: str, name: str) -> list[Any]:
    """The ``bq``/``li`` elements of Newsroom's ``block class="quotes|related"``."""
    found = []
    for content in contents:
        for block in children(content, "block"):
            if css in _classes(block):
                found += [element for element in block.iter() if local_name(element) == name]
    return found


def _images(content: Any) -> list[Any]:
    return [
        media
        for media in content.iter()
        if local_name(media) == "media"
        and (media.get("media-type") or "").lower() in ("image", "photo", "graphic")
        and child(media, "media-reference") is not None
    ]


def _date(norm: str) -> str | None:
    """A NITF date (20210628 or 2021-06-28, maybe with a time) as YYYY-MM-DD, else None."""
    digits = norm.strip().replace("-", "")[:8]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        return None


def _datetime(norm: str) -> str:
    """A NITF date-time (ISO 8601, basic or extended) as extended ISO 8601, else ''."""
    text = norm.strip()
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return ""
