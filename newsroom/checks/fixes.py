"""Quick fixes: a finding's ``fix`` applied to the article's field."""

from __future__ import annotations

import dataclasses
import re

from newsroom.article import Article
from newsroom.checks.model import Finding, field_text

_INDEXED = re.compile(r"^(quotes|related)\[(\d+)\]\.(\w+)$")
_TOP = ("slug", "headline", "subtitle", "section", "byline", "lead", "body", "mark")


def apply_fix(article: Article, finding: Finding) -> Article:
    """``article`` with the finding's span replaced by its fix.

    ValueError when the finding has no fix or no longer matches the text
    (the field changed since it was checked).
    """
    if finding.fix is None:
        raise ValueError(f"{finding.rule}: this finding has no quick fix")
    text = field_text(article, finding.field)
    if text is None or not 0 <= finding.start <= finding.end <= len(text):
        raise ValueError(f"{finding.field}: the text changed since it was checked")
    fixed = text[: finding.start] + finding.fix + text[finding.end :]
    return with_field_text(article, finding.field, fixed)


def with_field_text(article: Article, path: str, text: str) -> Article:
    """``article`` with the text field at ``path`` (as findings name it) set to ``text``."""
    if path in _TOP:
        return article.with_changes(**{path: text})
    if path == "dateline.city":
        return article.with_changes(dateline=dataclasses.replace(article.dateline, city=text))
    if path == "dateline.agency":
        return article.with_changes(dateline=dataclasses.replace(article.dateline, agency=text))
    if path.startswith("photo.") and article.photo is not None:
        name = path.removeprefix("photo.")
        return article.with_changes(photo=dataclasses.replace(article.photo, **{name: text}))
    indexed = _INDEXED.match(path)
    if indexed is None:
        raise ValueError(f"{path}: not a text field")
    group, index, name = indexed.group(1), int(indexed.group(2)), indexed.group(3)
    items = list(getattr(article, group))
    items[index] = dataclasses.replace(items[index], **{name: text})
    return article.with_changes(**{group: tuple(items)})
