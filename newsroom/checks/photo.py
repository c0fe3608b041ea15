"""The photo: a caption, a credit and a description for readers who cannot see it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsroom.article import Article
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule
from newsroom.photos.codes import CODE

# Agencies and libraries a credit commonly names without a ©.
AGENCIES = re.compile(
    r"\b(?:TASS|ТАСС|Reuters|AP|Associated Press|AFP|EPA|Getty|Shutterstock|Sputnik|"
    r"RIA|РИА|Xinhua|ANSA|dpa|Bloomberg|Kommersant|Коммерсантъ|Interfax|Интерфакс|Pool|"
    r"Handout|Press Service|Пресс-служба|Wikimedia|Unsplash|AP Photo|Alamy|Zuma|Imago)\b",
    re.IGNORECASE,
)
_ENDS_SENTENCE = '.!?…»”")'


@rule("photo.caption", Severity.WARNING, ("photo.caption",), "a photo without a caption")
def has_caption(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    if article.photo is not None and not article.photo.caption.strip():
        yield this.finding("photo.caption", "the photo has no caption: say who and what it shows")


@rule("photo.credit", Severity.ERROR, ("photo.credit",), "a photo without a credit")
def has_credit(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    if article.photo is not None and not article.photo.credit.strip():
        yield this.finding("photo.credit", "the photo has no credit: whose picture is it?")


@rule("photo.alt", Severity.WARNING, ("photo.alt",), "a photo without alt text")
def has_alt(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    if article.photo is not None and not article.photo.alt.strip():
        yield this.finding(
            "photo.alt", "the photo has no alt text: describe it for readers who cannot see it"
        )


@rule(
    "photo.caption-stop",
    Severity.WARNING,
    ("photo.caption",),
    "a caption not ending in a full stop (setting caption_full_stop)",
)
def caption_stop(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    if article.photo is None or not context.settings.caption_full_stop:
        return
    caption = article.photo.caption.rstrip()
    if caption and not caption.endswith(tuple(_ENDS_SENTENCE)):
        end = len(caption)
        yield this.finding(
            "photo.caption", "the caption does not end with a full stop", end, end, fix="."
        )


@rule("photo.credit-source", Severity.INFO, ("photo.credit",), "a credit naming no source")
def credit_names_source(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    if article.photo is None:
        return
    credit = article.photo.credit.strip()
    agency = context.settings.agency.strip()
    named = "©" in credit or AGENCIES.search(credit) or (agency and agency in credit)
    if credit and not named:
        yield this.finding(
            "photo.credit",
            "the credit has no © and names no agency: is the source clear?",
            0,
            len(article.photo.credit),
        )


def _codes(article: Article) -> Iterable[tuple[str, re.Match[str]]]:
    if article.photo is None:
        return
    for path, text in (("photo.caption", article.photo.caption),
                       ("photo.credit", article.photo.credit)):  # fmt: skip
        if "=" in text:
            for found in CODE.finditer(text):
                yield path, found


@rule("photo.code", Severity.INFO, ("photo.caption", "photo.credit"), "a code not yet expanded")
def code_expanded(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    for path, found in _codes(article):
        text = context.codes.get(found.group(1).lower())
        if text is not None:
            yield this.finding(
                path, f"{found.group(0)} is a code for “{text}”: the save expands it",
                found.start(), found.end(), fix=text,
            )  # fmt: skip


@rule("photo.code-unknown", Severity.ERROR, ("photo.caption", "photo.credit"), "an unknown code")
def code_known(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    for path, found in _codes(article):
        if found.group(1).lower() not in context.codes:
            yield this.finding(
                path,
                f"{found.group(0)} is not in the code table: readers would see it as typed "
                "(add it with 'newsroom codes import', or write the text)",
                found.start(),
                found.end(),
            )
