"""The quotes list against the body: verbatim, with a speaker, attributed in the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsroom.article import Article
from newsroom.checks.markup import prose_view
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule
from newsroom.editorial import quotes_in_body


@rule("quotes.verbatim", Severity.ERROR, ("quotes",), "a quote the body does not contain")
def in_body(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    if not article.quotes:
        return
    found = quotes_in_body([quote.text for quote in article.quotes], article.body)
    for index, (quote, held) in enumerate(zip(article.quotes, found, strict=True)):
        if quote.text.strip() and not held:
            yield this.finding(
                f"quotes[{index}].text",
                "not in the body word for word: quote what the body says, or correct the body",
                0,
                len(quote.text),
            )


@rule("quotes.speaker", Severity.WARNING, ("quotes",), "a quote with no speaker")
def has_speaker(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for index, quote in enumerate(article.quotes):
        if quote.text and not quote.speaker.strip():
            yield this.finding(f"quotes[{index}].speaker", "who said it? the quote has no speaker")


# Words that say who is speaking (English and Russian), matched at word starts.
ATTRIBUTION = re.compile(
    r"\b(?:said|says|saying|say|noted|notes|added|adds|stressed|stresses|told|tells|wrote|"
    r"writes|according to|asked|asks|explained|explains|stated|states|announced|declared|"
    r"insisted|warned|warns|emphasi[sz]ed|continued|replied|recalled|commented|argued|argues|"
    r"claimed|claims|confirmed|believes|quoted|cited|admitted|acknowledged|urged|pointed out|"
    r"underlined|concluded|promised|suggested|agreed|denied|countered|"
    r"сказал|заявил|отметил|добавил|подчеркнул|сообщил|по словам|пояснил|написал|считает|"
    r"уточнил|заверил|напомнил|признал|констатировал|цитирует|говорит|говорится)",
    re.IGNORECASE,
)
# A quotation worth attributing: at least four words between marks.
_QUOTATION = re.compile(r"[\"“«„]\s*[^\s\"”»“]+(?:\s+[^\s\"”»“]+){3,}")
_OPENING = '"“«„'
# A paragraph that ends without closing its quotation: the speaker goes on in the next one.
_CLOSED_AT_END = re.compile(r"[\"”»“]\W*$")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"”»’)]*)(?:\s|$)")


def _left_open(text: str) -> bool:
    return _QUOTATION.search(text) is not None and _CLOSED_AT_END.search(text.rstrip()) is None


def _first_sentence(text: str) -> str:
    end = _SENTENCE_END.search(text)
    return text if end is None else text[: end.end()]


@rule(
    "quotes.attribution",
    Severity.INFO,
    ("body",),
    "a quotation in the body with no one saying it",
)
def attributed(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    view = prose_view(article.body, markdown=True)  # code blanked; the other rules' paragraphs
    paragraphs = [(start, view.text[start:end]) for start, end in view.paragraphs]
    speaking = False  # the paragraph before left an attributed quotation open
    for number, (start, text) in enumerate(paragraphs):
        quotation = _QUOTATION.search(text)
        if quotation is None:  # most paragraphs: no attribution to look for
            speaking = False
            continue
        attributed_here = ATTRIBUTION.search(text) is not None
        continued = speaking and text.lstrip()[:1] in _OPENING
        speaking = (attributed_here or continued) and _left_open(text)
        if attributed_here or continued:
            continue
        following = paragraphs[number + 1][1] if number + 1 < len(paragraphs) else ""
        if ATTRIBUTION.search(_first_sentence(following)):
            continue
        yield this.finding(
            "body",
            "a quotation with no attribution (said, told, according to…) in its paragraph "
            "or the next sentence: who says it?",
            start + quotation.start(),
            start + len(text.rstrip()),
        )
