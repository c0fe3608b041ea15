"""A small HTML DOM for the HTML our renderer makes: read by exporters and importers alike.

The NITF writer walks it to map body HTML onto NITF elements, and the
importers walk it to turn HTML back into Markdown; reading HTML one way in
both directions keeps round trips exact. Deliberately tiny (the standard
library's HTMLParser, no dependencies): it only ever sees sanitised bodies
or bodies about to be sanitised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_FOOTNOTE_REF = "#fn:"


@dataclass
class Element:
    """An HTML element: tag (lowercase), attributes in document order, children."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)

    def text(self) -> str:
        """All the text inside, as a browser would copy it."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)


Node = Element | str

VOID_TAGS = frozenset({"br", "hr", "img", "wbr", "col", "input", "meta", "link", "area", "source"})
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "pre", "hr",
     "table", "div", "figure", "section", "article", "aside", "header", "footer", "li",
     "dt", "dd", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"}
)  # fmt: skip
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class _TreeBuilder(HTMLParser):
    """Builds Elements from HTML, closing what the markup leaves open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self._open: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(element)
        if tag not in VOID_TAGS:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        children = self._open[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse_html(html: str) -> list[Node]:
    """The nodes of an HTML fragment (comments, doctypes and processing instructions dropped)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root.children


def is_block(node: Node) -> bool:
    return isinstance(node, Element) and node.tag in BLOCK_TAGS


def is_blank(node: Node) -> bool:
    return isinstance(node, str) and not node.strip(" \t\n\r\f")


def trim_blank_ends(nodes: list[Node]) -> list[Node]:
    """A loose run of inline nodes without the newlines around it."""
    nodes = list(nodes)
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip("\n")
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip("\n")
    return nodes


def without_backrefs(nodes: list[Node]) -> list[Node]:
    """A footnote's content without the ↩ links (and the no-break space before them)."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        if node.tag == "a" and node.attrs.get("class") == "footnote-backref":
            if out and isinstance(out[-1], str) and out[-1].endswith("\xa0"):
                out[-1] = out[-1][:-1]
            continue
        out.append(Element(node.tag, node.attrs, without_backrefs(node.children)))
    return out


def footnote_label(element: Element) -> str | None:
    """The label of a footnote reference (``<sup><a class="footnote-ref">``), else None."""
    anchor = element
    if element.tag == "sup":
        inner = [child for child in element.children if not is_blank(child)]
        if len(inner) != 1 or not isinstance(inner[0], Element):
            return None
        anchor = inner[0]
    if anchor.tag != "a" or anchor.attrs.get("class") != "footnote-ref":
        return None
    href = anchor.attrs.get("href", "")
    return href[len(_FOOTNOTE_REF) :] if href.startswith(_FOOTNOTE_REF) else None
