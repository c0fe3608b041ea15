"""Article bodies back from HTML to Markdown, for importing NITF and ninjs.

Newsroom stores a body as Markdown and renders it with ``render.body``; the
interchange formats carry the rendered HTML. Importing one of them must give
Markdown that renders to the same HTML again, or a round trip through NITF
would change the story. So this is the inverse of ``render_body`` for the
HTML it makes (and a reasonable reading of the similar HTML other systems
send): text is escaped exactly where python-markdown and its smarty, tables
and footnotes extensions would otherwise see syntax, and anything Markdown
cannot say (a table with merged cells, a definition list, underline) is
written as raw HTML, which the renderer lets through as far as its
allowlist does.

It reads HTML with the small DOM of ``render.dom``, which the NITF writer
walks too, so both directions read HTML the same way.
"""

from __future__ import annotations

import re
from html import escape

from newsroom.imports.json_input import whole_number
from newsroom.render.dom import (
    HEADINGS,
    VOID_TAGS,
    Element,
    Node,
    footnote_label,
    is_blank,
    is_block,
    parse_html,
    trim_blank_ends,
    without_backrefs,
)

# --- escaping -------------------------------------------------------------------

# Always escaped: they start emphasis, code, links and footnotes anywhere in a line,
# and smarty would turn straight quotes into curly ones.
_ALWAYS = re.compile(r"""([\\`*_\[\]"'])""")
# In typeset text only Markdown's own syntax is escaped: smarty may curl its quotes.
_MARKDOWN_ONLY = re.compile(r"""([\\`*_\[\]])""")
_DASH_RUN = re.compile(r"-{2,}")  # smarty: -- and --- become dashes
_DOT_RUN = re.compile(r"\.{3,}")  # smarty: ... becomes an ellipsis
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_HARD_BREAK = re.compile(r" {2,}(?=\n)")
_SPECIAL_SPACE = {"\xa0": "&nbsp;", "\t": "&#9;", "\r": "&#13;"}
_SPECIAL_SPACE_RE = re.compile("[\xa0\t\r]")

# What would start another block at the beginning of a line of a paragraph.
_LINE_START = re.compile(r"^( *)(#|>|[-+](?=\s|$)|\d+\.(?=\s|$)|=+\s*$)")


def escape_text(text: str, also: str = "", *, typeset: bool = False) -> str:
    """Plain text as Markdown that renders to exactly this text.

    ``also`` lists characters special where the text goes: ``|`` in a table
    cell, ``#`` in a heading (which drops trailing hashes). With ``typeset``
    the house typography applies as to text typed in the editor: straight
    quotes, ``--`` and ``...`` are left for smarty to set as curly quotes,
    dashes and an ellipsis (wire copy, whose editors read the Markdown),
    and only what Markdown itself would read as syntax is escaped.
    """
    if typeset:
        text = _MARKDOWN_ONLY.sub(r"\\\1", text)
    else:
        text = _ALWAYS.sub(r"\\\1", text)
        text = _DASH_RUN.sub(lambda run: "\\-" * len(run.group()), text)
        text = _DOT_RUN.sub(lambda run: "\\." * len(run.group()), text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = _TAG_LIKE.sub("&lt;", text)
    text = _HARD_BREAK.sub(lambda run: " " * (len(run.group()) - 1) + "&#32;", text)
    text = _SPECIAL_SPACE_RE.sub(lambda char: _SPECIAL_SPACE[char.group()], text)
    for char in also:
        text = text.replace(char, "\\" + char)
    return text


def _guard_line_starts(markdown: str) -> str:
    """Escape what would begin a heading, quote, list or setext underline at a line start."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        found = _LINE_START.match(line)
        if found:
            indent, marker = found.group(1), found.group(2)
            rest = line[len(indent) + len(marker) :]
            if marker[0] == "=":
                guarded = "&#61;" + marker[1:]
            elif marker[0].isdigit():
                guarded = marker[:-1] + "\\."
            else:
                guarded = "\\" + marker
            lines[index] = indent + guarded + rest
    if lines[0].startswith(" "):
        # Markdown drops a paragraph's leading spaces (four would open a code
        # block); the entity renders as the same space.
        lines[0] = "&#32;" + lines[0][1:]
    return "\n".join(lines)


def raw_open_tag(element: Element) -> str:
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in element.attrs.items())
    return f"<{element.tag}{attributes}>"


def raw_html(node: Node) -> str:
    """A node serialised as HTML, for Markdown to pass through untouched."""
    if isinstance(node, str):
        return escape(node, quote=False).replace("\xa0", "&nbsp;").replace("\n\n", "\n&#10;")
    inner = "".join(raw_html(child) for child in node.children)
    if node.tag in VOID_TAGS:
        return raw_open_tag(node)
    return f"{raw_open_tag(node)}{inner}</{node.tag}>"


# --- the writer -----------------------------------------------------------------

_SIMPLE_URL = re.compile(r"^[^\s<>()\"\\`]*$")
_ALIGNMENTS = {"text-align:left": ":--", "text-align:right": "--:", "text-align:center": ":-:"}


class _MarkdownWriter:
    """Turns nodes into Markdown; footnote definitions are collected for the end."""

    def __init__(self, *, typeset: bool = False) -> None:
        self.footnotes: list[str] = []
        self.typeset = typeset

    # blocks

    def blocks(self, nodes: list[Node]) -> list[str]:
        """Markdown blocks (to be joined by blank lines) for a sequence of nodes."""
        out: list[str] = []
        run: list[Node] = []
        for node in nodes:
            if isinstance(node, Element) and is_block(node):
                self._flush_inline_run(run, out)
                rendered = self.block(node)
                if rendered:
                    out.append(rendered)
            else:
                run.append(node)
        self._flush_inline_run(run, out)
        return out

    def _flush_inline_run(self, run: list[Node], out: list[str]) -> None:
        if run and not all(is_blank(node) for node in run):
            out.append(self.paragraph(trim_blank_ends(run)))
        run.clear()

    def block(self, element: Element) -> str:
        tag = element.tag
        if tag == "p":
            return self.paragraph(element.children)
        if tag in HEADINGS:
            return self.heading(element)
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(element.children))
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if tag in ("ul", "ol"):
            return self.listing(element)
        if tag == "pre":
            return self.code_block(element)
        if tag == "hr":
            return "* * *"
        if tag == "table":
            return self.table(element) or raw_html(element)
        if tag == "div" and element.attrs.get("class") == "footnote":
            self.footnote_definitions(element)
            return ""
        return raw_html(element)

    def paragraph(self, nodes: list[Node]) -> str:
        return _guard_line_starts(self.inline(nodes))

    def heading(self, element: Element) -> str:
        if not element.children:
            return "#" * HEADINGS[element.tag]
        text = self.inline(element.children, also="#")
        if "\n" in text or not text.strip():
            return raw_html(element)
        # Markdown trims a heading; entities keep spaces at its ends.
        if text.startswith(" "):
            text = "&#32;" + text[1:]
        if text.endswith(" "):
            text = text[:-1] + "&#32;"
        return f"{'#' * HEADINGS[element.tag]} {text}"

    def code_block(self, element: Element) -> str:
        content = [child for child in element.children if not is_blank(child)]
        if len(content) != 1 or not isinstance(content[0], Element) or content[0].tag != "code":
            return raw_html(element)
        code = content[0].text()
        if not code.strip("\n") or code.startswith("\n") or code != code.rstrip("\n") + "\n":
            return raw_html(element)
        return "\n".join(f"    {line}" if line else "" for line in code[:-1].split("\n"))

    def listing(self, element: Element) -> str:
        items = [child for child in element.children if isinstance(child, Element)]
        if any(item.tag != "li" for item in items) or not items:
            return raw_html(element)
        number = _start_number(element)
        rendered: list[str] = []
        for index, item in enumerate(items):
            marker = f"{number + index}. " if element.tag == "ol" else "- "
            separator = ""
            if index:
                separator = "\n\n" if _blank_line_between(items[index - 1], item) else "\n"
            rendered.append(separator + marker + self.list_item(item))
        return "".join(rendered)

    def list_item(self, item: Element) -> str:
        """An item's Markdown after its marker.

        python-markdown keeps the lines of an item's first block as they are
        and strips four spaces from the blocks after it, so only those are
        indented.
        """
        children = item.children
        lead: list[Node] = []
        while children and not is_block(children[0]):
            lead.append(children[0])
            children = children[1:]
        blocks = self.blocks(children)
        if lead and not all(is_blank(node) for node in lead):
            first = self.paragraph(trim_blank_ends(lead))
            # A tight item: its nested list follows the text without a blank line.
            joiner = "\n"
        elif blocks:
            first, blocks = blocks[0], blocks[1:]
            joiner = "\n\n"
            if _first_block_tag(children) in ("ul", "ol", "pre"):
                # A nested list or code needs its own lines indented after all.
                first = _indent(first).removeprefix("    ")
        else:
            return ""
        if not blocks:
            return first
        return first + joiner + "\n\n".join(_indent(block) for block in blocks)

    def table(self, element: Element) -> str | None:
        """A Markdown table, or None when this one needs HTML (spans, captions, blocks)."""
        sections = [child for child in element.children if isinstance(child, Element)]
        if [section.tag for section in sections] != ["thead", "tbody"]:
            return None
        head_rows = _rows(sections[0])
        body_rows = _rows(sections[1])
        if head_rows is None or body_rows is None or len(head_rows) != 1:
            return None
        width = len(head_rows[0])
        if any(len(row) != width for row in body_rows):
            return None
        aligns = [_cell_alignment(cell) for cell in head_rows[0]]
        for row in body_rows:
            if [_cell_alignment(cell) for cell in row] != aligns:
                return None
        if None in aligns:
            return None
        lines = [self.table_row(head_rows[0], "th")]
        lines.append("| " + " | ".join(str(align) for align in aligns) + " |")
        lines.extend(self.table_row(row, "td") for row in body_rows)
        return None if None in lines else "\n".join(str(line) for line in lines)

    def table_row(self, cells: list[Element], tag: str) -> str | None:
        texts = []
        for cell in cells:
            if cell.tag != tag or any(is_block(child) for child in cell.children):
                return None
            text = self.inline(cell.children, also="|")
            if "\n" in text or text != text.strip(" "):
                return None
            texts.append(text)
        return "| " + " | ".join(texts) + " |"

    def footnote_definitions(self, element: Element) -> None:
        lists = [child for child in element.children if isinstance(child, Element)]
        for listing in lists:
            if listing.tag != "ol":
                continue
            for item in listing.children:
                if isinstance(item, Element) and item.tag == "li":
                    self.footnote_definition(item)

    def footnote_definition(self, item: Element) -> None:
        label = item.attrs.get("id", "").removeprefix("fn:")
        blocks = self.blocks(without_backrefs(item.children)) or [""]
        first, *rest = blocks
        self.footnotes.append(f"[^{label}]: " + "\n\n".join([first, *map(_indent, rest)]))

    # inline

    def inline(self, nodes: list[Node], also: str = "") -> str:
        out: list[str] = []
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if isinstance(node, str):
                out.append(escape_text(node, also, typeset=self.typeset))
            elif node.tag == "br":
                following = nodes[index + 1] if index + 1 < len(nodes) else None
                if isinstance(following, str) and following.startswith("\n") and following[1:]:
                    out.append("  \n")
                    nodes = [*nodes[: index + 1], following[1:], *nodes[index + 2 :]]
                else:
                    out.append("<br>")
            else:
                out.append(self.inline_element(node, also, before="".join(out)))
            index += 1
        return "".join(out)

    def inline_element(self, element: Element, also: str, *, before: str) -> str:
        tag = element.tag
        footnote = footnote_label(element)
        if footnote is not None:
            return f"[^{footnote}]"
        if tag == "a" and element.attrs.get("class") == "footnote-backref":
            return ""
        inner = self.inline(element.children, also)
        if tag in ("em", "strong") and not element.attrs:
            marker = "*" if tag == "em" else "**"
            if _can_wrap(inner) and not before.endswith("*"):
                return f"{marker}{inner}{marker}"
        if tag == "code" and not element.attrs:
            span = _code_span(element)
            if span is not None:
                return span
        if tag == "a":
            link = _link(element, inner)
            if link is not None:
                return link
        if tag == "img":
            return _image(element)
        if tag in VOID_TAGS:
            return raw_open_tag(element)
        return f"{raw_open_tag(element)}{inner}</{tag}>"


def _start_number(element: Element) -> int:
    return whole_number(element.attrs.get("start", "1")) or 1


def _item_kind(item: Element) -> str:
    """``loose`` (paragraphs), ``tight`` (bare text) or ``neutral`` (starts with a block)."""
    for child in item.children:
        if is_blank(child):
            continue
        if isinstance(child, Element) and child.tag == "p":
            return "loose"
        return "neutral" if is_block(child) else "tight"
    return "tight"


def _blank_line_between(previous: Element, item: Element) -> bool:
    """python-markdown makes the items a blank line touches loose (wrapped in <p>)."""
    kinds = {_item_kind(previous), _item_kind(item)}
    return "loose" in kinds and "tight" not in kinds


def _first_block_tag(nodes: list[Node]) -> str:
    for node in nodes:
        if isinstance(node, Element):
            return node.tag
    return ""


def _indent(block: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in block.split("\n"))


def _rows(section: Element) -> list[list[Element]] | None:
    rows = []
    for row in section.children:
        if is_blank(row):
            continue
        if not isinstance(row, Element) or row.tag != "tr" or row.attrs:
            return None
        cells = [cell for cell in row.children if not is_blank(cell)]
        if not all(isinstance(cell, Element) for cell in cells):
            return None
        rows.append([cell for cell in cells if isinstance(cell, Element)])
    return rows


def _cell_alignment(cell: Element) -> str | None:
    style = cell.attrs.get("style")
    extra = set(cell.attrs) - {"style"}
    if extra:
        return None
    if style is None:
        return "---"
    return _ALIGNMENTS.get(style.replace(" ", "").rstrip(";"))


def _can_wrap(inner: str) -> bool:
    """Whether ``*inner*`` parses back as this emphasis."""
    return (
        bool(inner)
        and inner == inner.strip()
        and not inner.startswith("*")
        and not (inner.endswith("*"))
    )


def _code_span(element: Element) -> str | None:
    if not all(isinstance(child, str) for child in element.children):
        return None
    code = element.text()
    if not code or code != code.strip() or "\n" in code:
        return None
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _link(element: Element, inner: str) -> str | None:
    href = element.attrs.get("href")
    title = element.attrs.get("title")
    unknown = set(element.attrs) - {"href", "title", "rel"}
    if href is None or unknown or not _SIMPLE_URL.match(href):
        return None
    if title is not None and ('"' in title or "\n" in title or title != title.strip()):
        return None
    suffix = f' "{title}"' if title else ""
    return f"[{inner}]({href}{suffix})"


def _image(element: Element) -> str:
    src = element.attrs.get("src", "")
    title = element.attrs.get("title")
    alt = element.attrs.get("alt", "")
    simple = set(element.attrs) <= {"src", "alt", "title"} and "alt" in element.attrs
    if not simple or not src or not _SIMPLE_URL.match(src):
        return raw_open_tag(element)
    if title is not None and ('"' in title or "\n" in title or title != title.strip()):
        return raw_open_tag(element)
    if "\n" in alt or alt != alt.strip():
        return raw_open_tag(element)
    suffix = f' "{title}"' if title else ""
    return f"![{escape_text(alt)}]({src}{suffix})"


def nodes_to_markdown(nodes: list[Node], *, typeset: bool = False) -> str:
    """Markdown for parsed HTML nodes; ends with a newline unless empty.

    Exact by default (our own exports read back render to the same HTML);
    ``typeset`` for wire copy (see ``escape_text``).
    """
    writer = _MarkdownWriter(typeset=typeset)
    blocks = writer.blocks(nodes) + writer.footnotes
    return "\n\n".join(blocks) + "\n" if blocks else ""


def html_to_markdown(html: str, *, typeset: bool = False) -> str:
    """Markdown that ``render_body`` turns back into ``html`` (for the HTML it makes);
    with ``typeset``, into the house typography of it (wire copy)."""
    return nodes_to_markdown(parse_html(html), typeset=typeset)
