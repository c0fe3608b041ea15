"""Markdown with YAML front matter: the article for static site generators.

Hugo and Jekyll read the front matter (``title``, ``date``, ``lastmod``,
``categories``, ``tags``, ``author``, ``description``, ``draft``) and render
the body themselves; Newsroom's own fields ride along under their own
names (``subtitle``, ``slug``, ``section``, ``dateline``, ``photo``,
``quotes``, ``related``, ``mark``, ``source``, ``status``) so the file imports back as
the same article. The body follows the front matter exactly as stored.

PyYAML writes the front matter (its safe dumper, Unicode kept as it is,
keys in our order), so any text — colons, quotes, ``---``, right-to-left
scripts — comes out as valid YAML that reads back to the same string. Keys
with nothing in them are left out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import yaml

from newsroom.article import Quote
from newsroom.article_json import SOURCE_KEYS
from newsroom.export.context import ExportContext, ExportRelated

FENCE = "---\n"


class _FrontMatterDumper(yaml.SafeDumper):
    """``safe_dump``'s dumper, double-quoting text with NEL or U+2028/U+2029.

    PyYAML writes those characters raw inside single quotes, where YAML reads
    them as line breaks, so the text would not come back the same.
    """


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(char in value for char in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_FrontMatterDumper.add_representer(str, _represent_text)


def write_markdown(context: ExportContext) -> bytes:
    """Front matter between ``---`` lines, then the body Markdown as stored."""
    matter = yaml.dump(
        front_matter(context),
        Dumper=_FrontMatterDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
    )
    return (FENCE + matter + FENCE + context.article.body).encode("utf-8")


def front_matter(context: ExportContext) -> dict[str, Any]:
    article = context.article
    matter: dict[str, Any] = {"title": article.headline}
    _put(matter, "subtitle", article.subtitle)
    matter["slug"] = article.slug
    _put(matter, "date", _iso(article.published_at, context))
    _put(matter, "lastmod", _iso(article.updated_at, context))
    _put(matter, "section", article.section)
    _put(matter, "categories", [article.section] if article.section else [])
    _put(matter, "tags", list(article.tags))
    _put(matter, "author", article.byline)
    _put(matter, "dateline", _dateline(context))
    _put(matter, "description", article.lead)
    _put(matter, "photo", _photo(context))
    _put(matter, "quotes", [_quote(quote) for quote in article.quotes])
    _put(matter, "related", [_related(entry) for entry in context.all_related])
    _put(matter, "mark", article.mark)
    _put(matter, "source", _source(context))
    matter["status"] = article.status.value
    matter["draft"] = not article.status.is_public
    return matter


def _dateline(context: ExportContext) -> dict[str, str]:
    dateline = context.article.dateline
    values = {
        "city": dateline.city,
        "date": dateline.date.isoformat() if dateline.date else "",
        "agency": dateline.agency,
        "text": context.dateline,
    }
    return {key: value for key, value in values.items() if value}


def _source(context: ExportContext) -> dict[str, Any]:
    """The wire item the story came from, whole: like the JSON article, this file is the
    article's own source (it imports back), so the ingest file's name rides along too."""
    source = context.article.source
    if source is None:
        return {}
    values = {key: getattr(source, key) for key in SOURCE_KEYS}
    return {key: value for key, value in values.items() if value not in ("", None)}


def _photo(context: ExportContext) -> dict[str, Any]:
    photo = context.photo
    if photo is None:
        return {}
    values: dict[str, Any] = {
        "file": photo.href,
        "caption": photo.caption,
        "credit": photo.credit,
        "alt": photo.alt,
        "width": photo.width,
        "height": photo.height,
    }
    return {key: value for key, value in values.items() if value}


def _quote(quote: Quote) -> dict[str, Any]:
    values = {"text": quote.text, "speaker": quote.speaker, "role": quote.role}
    out: dict[str, Any] = {key: value for key, value in values.items() if value}
    out["pull"] = quote.pull
    if quote.after_paragraph is not None:
        out["after_paragraph"] = quote.after_paragraph
    return out


def _related(entry: ExportRelated) -> dict[str, str]:
    values = {
        "slug": entry.slug,
        "headline": entry.headline,
        "subtitle": entry.subtitle,
        "url": entry.url,
    }
    return {key: value for key, value in values.items() if value}


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value:
        target[key] = value


def _iso(moment: datetime | None, context: ExportContext) -> str:
    return "" if moment is None else moment.astimezone(context.settings.tzinfo).isoformat()
