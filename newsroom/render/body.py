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

import markdown
import nh3

# Bump when the output of render_body changes: stored bodies from an older
# version are rendered again when used.
RENDER_VERSION = 1

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


def _converter() -> markdown.Markdown:
    # A Markdown instance is not thread-safe; one per thread, reused (reset()).
    converter: markdown.Markdown | None = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown.Markdown(
            extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
        )
        _local.converter = converter
    return converter


def markdown_html(text: str) -> str:
    """python-markdown alone, as Newsroom configures it (unsanitised)."""
    converter = _converter()
    try:
        return str(converter.convert(text))
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
        )
    )


def render_body(text: str) -> str:
    """The body's Markdown as safe HTML."""
    if not text.strip():
        return ""
    return sanitize(markdown_html(text))
