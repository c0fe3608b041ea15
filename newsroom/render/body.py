"""The article body: Markdown to HTML that is safe to put on any page.

python-markdown (typographic quotes and dashes via smarty, tables,
footnotes) turns the body into HTML; nh3 then keeps only an allowlist of
tags, attributes and link schemes. Raw HTML typed into the body survives
only as far as the allowlist lets it: no script, style, event handler,
iframe, form or ``javascript:`` link ever comes out.

The result is stored with the article at save time (``RENDER_VERSION``
says which pipeline made it), so exports never run Markdown again.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import markdown
import nh3

from newsroom.errors import ValidationError
from newsroom.render import RENDER_VERSION as RENDER_VERSION  # noqa: PLC0414
from newsroom.render.bounds import bounded, convert

EXTENSIONS = ["smarty", "tables", "footnotes", "sane_lists"]
EXTENSION_CONFIGS = {"footnotes": {"BACKLINK_TITLE": "Back to the text"}}

TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr",
    "cite", "q", "code", "pre", "kbd", "hr", "a", "img", "table", "thead", "tbody", "tfoot",
    "tr", "th", "td", "caption", "div", "span",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
    # Footnotes link to each other by id.
    "sup": {"id"},
    "li": {"id"},
}
ALLOWED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}
URL_SCHEMES = {"http", "https", "mailto"}

_local = threading.local()
_H1 = re.compile(r"<(/?)h1\b")
# Browsers drop tabs and line breaks anywhere in a URL, and controls and spaces
# at its ends: "jav&#x09;ascript:" is "javascript:" to them. We go further and
# read the scheme with every space and control removed, as old browsers did:
# no real link looks like "jav ascript:".
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_ATTRIBUTES = frozenset({"href", "src"})


def _safe_url_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop a link whose scheme, read the way a browser reads it, is not allowed."""
    if attribute not in _URL_ATTRIBUTES:
        return value
    scheme = _SCHEME.match(_URL_NOISE.sub("", value))
    if scheme is not None and scheme.group(1).lower() not in URL_SCHEMES:
        return None
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return None
    return value


def _converter() -> markdown.Markdown:
    # A Markdown instance is not thread-safe; one per thread, reused (reset()).
    converter: markdown.Markdown | None = getattr(_local, "converter", None)
    if converter is None:
        converter = bounded(
            markdown.Markdown(
                extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
            )
        )
        _local.converter = converter
    return converter


def markdown_html(text: str) -> str:
    """python-markdown alone, as Newsroom configures it (unsanitised).

    Raises ValidationError on ``body`` for a body beyond the limits of
    ``render.bounds`` (checked here too: a body saved before the limits, or
    one never validated, must not hang an export or the preview).
    """
    converter = _converter()
    try:
        return convert(converter, text)
    finally:
        converter.reset()


def sanitize(html: str) -> str:
    """Keep only the allowlist; a body's own h1 becomes h2 (the headline is the page's h1)."""
    return str(
        nh3.clean(
            _H1.sub(r"<\1h2", html),
            tags=TAGS,
            attributes=ATTRIBUTES,
            allowed_classes=ALLOWED_CLASSES,
            url_schemes=URL_SCHEMES,
            filter_style_properties={"text-align"},
            link_rel="noopener noreferrer",
            strip_comments=True,
            attribute_filter=_safe_url_attribute,
        )
    )


def render_body(text: str) -> str:
    """The body's Markdown as safe HTML."""
    if not text.strip():
        return ""
    return sanitize(markdown_html(text))


# --- the body while it is being edited ------------------------------------------------

# Markdown that may tie one block to another (fenced code holding blank lines, footnotes,
# reference links, raw HTML, indented code or list continuations): such a body is
# rendered whole. Everything else splits at blank lines into blocks that render alone.
_WHOLE_ONLY = re.compile(r"```|~~~|\[\^|<|^ {0,3}\[[^\]]+\]:|^(?: {4}|\t)", re.MULTILINE)
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
# A block that can start on its own: not a list item (which would join the list above)
# and not a quote line (which would join the quote above).
_STARTS_ALONE = re.compile(r"^(?![-*+] |\d+[.)] |>)[\w#\"“‘'(]")


def render_body_live(text: str) -> str:
    """The same HTML as ``render_body``, made block by block with a cache.

    While an editor types, one block changes and the rest are as before: the
    preview of a 5,000-word story renders in a millisecond or two instead of
    forty, and the worker thread does not hold the interpreter long enough to
    stall the window. Tests compare the result with ``render_body`` on many
    bodies; a body whose blocks could depend on each other is rendered whole.
    """
    if not text.strip():
        return ""
    if _WHOLE_ONLY.search(text):
        return render_body(text)
    try:
        return "\n".join(_block_html(block) for block in _blocks(text))
    except ValidationError:
        return render_body(text)  # a block beyond the limits: the whole body decides, as saved


def _blocks(text: str) -> list[str]:
    blocks: list[str] = []
    for piece in _BLOCK_BREAK.split(text.strip("\n")):
        if blocks and not _STARTS_ALONE.match(piece):
            blocks[-1] += "\n\n" + piece
        else:
            blocks.append(piece)
    return blocks


@lru_cache(maxsize=4096)
def _block_html(block: str) -> str:
    return render_body(block)
