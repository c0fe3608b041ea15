"""Any text in any field: the checks never raise, spans lie in their field, fixes apply."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline
from newsroom.checks import CheckContext, apply_fix, check_article, field_text
from newsroom.settings import Settings

# Arbitrary Unicode, and text made of what the text rules look at, so that their
# corners (quotes, Markdown, punctuation runs, a/an, spaces) are reached often.
PIECES = [
    *"\"'“”‘’«»„`.,;:!?-—–…*_#>|[]()<>@/ \t\n0189aAnNhHuUeEoO\u00a0\ue000",
    "the ", "those who is ", "an ", "a ", "hour ", "FBI ", "U.S. ", "https://a.b/", "```\n",
    "    ", "](", "<!--", "-->", "Москва ", "\n\n", "\r\n",
]  # fmt: skip
TRICKY = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
TEXT = st.one_of(st.text(max_size=120), TRICKY)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    photo = None
    if draw(st.booleans()):
        photo = PhotoUse("0" * 64, caption=draw(TEXT), credit=draw(TEXT), alt=draw(TEXT))
    return Article(
        headline=draw(TEXT),
        subtitle=draw(TEXT),
        lead=draw(TEXT),
        body=draw(st.one_of(TEXT, st.lists(TEXT, max_size=6).map("\n\n".join))),
        section=draw(TEXT),
        byline=draw(TEXT),
        tags=tuple(draw(st.lists(TEXT, max_size=3))),
        dateline=Dateline(draw(TEXT), draw(st.none() | st.dates(date(1900, 1, 1))), draw(TEXT)),
        quotes=tuple(draw(st.lists(st.builds(Quote, TEXT, TEXT, TEXT), max_size=3))),
        photo=photo,
        related=tuple(
            draw(st.lists(st.builds(RelatedHeadline, st.just(""), TEXT, TEXT, TEXT), max_size=2))
        ),
    )


CONTEXTS = st.builds(
    lambda quotes, language: CheckContext(
        settings=Settings(typographic_quotes=quotes, language=language)
    ),
    st.booleans(),
    st.sampled_from(["en", "ru"]),
)


@settings(max_examples=300, deadline=None)
@given(article=articles(), context=CONTEXTS)
def test_checks_never_raise_and_their_spans_and_fixes_fit_the_text(
    article: Article, context: CheckContext
) -> None:
    for finding in check_article(article, context):
        text = field_text(article, finding.field)
        if text is None:  # a finding about a whole entry (related[1], dateline)
            assert finding.start == finding.end == 0, finding
            continue
        assert 0 <= finding.start <= finding.end <= len(text), finding
        if finding.fix is not None:
            fixed = apply_fix(article, finding)
            check_article(fixed, context)
