"""NewsML-G2 in: the text items of a news message (or a lone news item) as articles.

Agencies wrap their text in NITF inside the item's ``inlineXML``; that is
read by ``imports.nitf``, which knows everything Newsroom's own export puts
there. The item's G2 metadata fills what the NITF leaves out (headline,
slugline, byline, lead, keywords, status), and a picture item the text item
links to gives the photo when the NITF has none. A text item without NITF
(XHTML inline, or plain text as ``inlineData``) still imports from its
metadata and text.

A ``packageItem`` (what Newsroom's export writes for an article with a
photo) is read through the items it refers to: the files its ``itemRef``s
name, beside it (a plain file name only, never a path elsewhere).

One text item gives one article dict; several give a list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsroom.errors import NewsroomError
from newsroom.export.newsml import ALT_TEXT_ROLE, NAR_NS
from newsroom.imports.html_to_markdown import escape_text, nodes_to_markdown
from newsroom.imports.nitf import STATUS_FROM_MANAGEMENT, nitf_article, photo_path
from newsroom.imports.xml_input import (
    child,
    children,
    descendant,
    local_name,
    namespace,
    parse_xml,
    text_of,
)
from newsroom.render.dom import Element, Node
from newsroom.slug import slug_problem

ROOTS = ("newsItem", "newsMessage", "packageItem")


def is_newsml(root: Any) -> bool:
    return local_name(root) in ROOTS and namespace(root) == NAR_NS


def read_newsml(data: bytes, base_dir: Path | None = None) -> dict[str, Any] | list[dict[str, Any]]:
    """The articles of a NewsML-G2 document, in the JSON article format."""
    root = parse_xml(data)
    if not is_newsml(root):
        raise NewsroomError(
            f"not a NewsML-G2 document (its root element is <{local_name(root)}>, "
            "not a newsItem, packageItem or newsMessage in the IPTC namespace)"
        )
    return newsml_articles(root, base_dir)


def newsml_articles(
    root: Any, base_dir: Path | None = None
) -> dict[str, Any] | list[dict[str, Any]]:
    """The articles of a G2 document; a package's items are read from ``base_dir``."""
    if local_name(root) == "packageItem":
        items = _package_items(root, base_dir)
    elif local_name(root) == "newsItem":
        items = [root]
    else:
        items = list(children(child(root, "itemSet")))
    by_guid = {item.get("guid"): item for item in items if local_name(item) == "newsItem"}
    texts = [item for item in by_guid.values() if _item_class(item) == "ninat:text"]
    if not texts:
        raise NewsroomError("the NewsML-G2 file holds no text item (itemClass ninat:text)")
    articles = [_TextItem(item, by_guid).article() for item in texts]
    return articles[0] if len(articles) == 1 else articles


class _TextItem:
    def __init__(self, item: Any, by_guid: dict[str, Any]) -> None:
        self.item = item
        self.meta = child(item, "itemMeta")
        self.content_meta = child(item, "contentMeta")
        self.by_guid = by_guid

    def article(self) -> dict[str, Any]:
        nitf = self.nitf()
        article = nitf_article(nitf) if nitf is not None else self.from_metadata()
        self.fill_gaps(article)
        # The item's version is not taken as the revision it was read at: it counts
        # the sender's saves, not this newsroom's, so it cannot tell what changed here.
        return article

    def nitf(self) -> Any:
        for inline in children(child(self.item, "contentSet"), "inlineXML"):
            found = next((element for element in inline if local_name(element) == "nitf"), None)
            if found is not None:
                return found
        return None

    def from_metadata(self) -> dict[str, Any]:
        """An item without NITF: its metadata and its XHTML or plain text."""
        return {"body": self.body()}

    def body(self) -> str:
        content = child(self.item, "contentSet")
        for inline in children(content, "inlineXML"):
            html = descendant(inline, "body")
            if html is not None:
                return nodes_to_markdown(_html_nodes(html))
        for data in children(content, "inlineData"):
            paragraphs = [" ".join(p.split()) for p in text_of(data).split("\n\n")]
            return "\n\n".join(escape_text(p) for p in paragraphs if p) + "\n"
        return ""

    def fill_gaps(self, article: dict[str, Any]) -> None:
        """What the NITF did not say, from the item's G2 metadata."""
        meta = self.content_meta
        defaults = {
            "headline": _line(child(meta, "headline")),
            "byline": _line(child(meta, "by")),
            "lead": _description(meta, "drol:summary"),
            "tags": [_line(keyword) for keyword in children(meta, "keyword") if _line(keyword)],
        }
        for key, value in defaults.items():
            if not article.get(key) and value:
                article[key] = value
        if "slug" not in article:
            slug = _line(child(meta, "slugline")) or guid_slug(self.item.get("guid") or "")
            if slug and slug_problem(slug) is None:
                article["slug"] = slug
        embargoed = _line(child(self.meta, "embargoed"))
        if embargoed and not article.get("published_at"):
            article["published_at"] = embargoed  # it goes out when the embargo ends
        if "status" not in article:
            pub_status = _attribute(child(self.meta, "pubStatus"), "qcode").removeprefix("stat:")
            if pub_status in STATUS_FROM_MANAGEMENT:
                article["status"] = STATUS_FROM_MANAGEMENT[pub_status]
        if not article.get("photo"):
            article["photo"] = self.linked_picture()

    def linked_picture(self) -> dict[str, Any] | None:
        """The photo of a picture item this text item links to, if there is one."""
        for link in children(self.meta, "link"):
            picture = self.by_guid.get(link.get("residref"))
            if picture is None or _item_class(picture) != "ninat:picture":
                continue
            remote = child(child(picture, "contentSet"), "remoteContent")
            if remote is None:
                continue
            file = photo_path(remote.get("href") or "")
            if file is None:
                continue
            meta = child(picture, "contentMeta")
            return {
                "file": file,
                "caption": _description(meta, "drol:caption"),
                "credit": _line(child(meta, "creditline")),
                "alt": _description(meta, ALT_TEXT_ROLE),
            }
        return None


def _package_items(package: Any, base_dir: Path | None) -> list[Any]:
    """The items a package refers to, read from the files its itemRefs name beside it."""
    refs = [ref for ref in package.iter(f"{{{NAR_NS}}}itemRef") if ref.get("href")]
    if base_dir is None:
        names = ", ".join(str(ref.get("href")) for ref in refs) or "none named"
        raise NewsroomError(
            f"a NewsML-G2 package: import it from its file, beside its items ({names})"
        )
    items = []
    for ref in refs:
        name = str(ref.get("href"))
        if Path(name).name != name or name.startswith("."):
            continue  # only a file beside the package: a URL or a path elsewhere is not read
        path = base_dir / name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise NewsroomError(
                f"{name}: the package's item cannot be read ({error.strerror}); "
                "keep the package's files together"
            ) from None
        item = parse_xml(data)
        if local_name(item) == "newsItem" and namespace(item) == NAR_NS:
            items.append(item)
    return items


def _item_class(item: Any) -> str:
    return _attribute(child(child(item, "itemMeta"), "itemClass"), "qcode")


def _attribute(element: Any, name: str) -> str:
    return "" if element is None else str(element.get(name) or "")


def _line(element: Any) -> str:
    return " ".join(text_of(element).split())


def _description(meta: Any, role: str) -> str:
    for description in children(meta, "description"):
        if role in (description.get("role") or "").split():
            return text_of(description).strip()
    return ""


def guid_slug(guid: str) -> str:
    """The slug in a guid Newsroom made: ``urn:newsroom:<name>:<slug>`` or ``…/<slug>.html``."""
    if guid.startswith("urn:newsroom:"):
        return guid.rsplit(":", 1)[-1]
    if guid.endswith(".html"):
        return guid.rsplit("/", 1)[-1].removesuffix(".html")
    return ""


def _html_nodes(parent: Any) -> list[Node]:
    """XHTML elements as the HTML nodes html_to_markdown reads (namespaces dropped)."""
    out: list[Node] = [parent.text or ""]
    for element in parent:
        if isinstance(element.tag, str):
            attrs = {str(key): str(value) for key, value in element.attrib.items()}
            out.append(Element(local_name(element), attrs, _html_nodes(element)))
        out.append(element.tail or "")
    return [node for node in out if node != ""]
