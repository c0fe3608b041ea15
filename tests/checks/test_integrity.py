"""The rules never broken: the save and the JSON article format judge alike."""

from __future__ import annotations

from datetime import UTC

import pytest

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline
from newsroom.article_json import content_to_json, read_article
from newsroom.checks import save_problems
from newsroom.checks.integrity import BODY_MAX, LINE_MAX, MARK_MAX
from newsroom.errors import ValidationError
from newsroom.storage.writer import validated

SHA = "b" * 64

BROKEN = {
    "empty headline": Article(headline=""),
    "control character": Article(headline="Bad\x07bell"),
    "long mark": Article(headline="h", mark="m" * (MARK_MAX + 1)),
    "long body": Article(headline="h", body="b" * (BODY_MAX + 1)),
    "long tag": Article(headline="h", tags=("ok", "t" * (LINE_MAX + 1))),
    "bad slug": Article(headline="h", slug="Not A Slug"),
    "empty quote": Article(headline="h", quotes=(Quote(""),)),
    "quote nowhere": Article(headline="h", quotes=(Quote("q", after_paragraph=-1),)),
    "javascript link": Article(
        headline="h", related=(RelatedHeadline.external("x", "javascript:alert(1)"),)
    ),
    "outside story without headline": Article(
        headline="h", related=(RelatedHeadline.external("", "https://example.org/"),)
    ),
    "twice": Article(
        headline="h", related=(RelatedHeadline.internal("a"), RelatedHeadline.internal("a"))
    ),
    "control character in a caption": Article(
        headline="h", photo=PhotoUse(SHA, caption="bad\x00", credit="c")
    ),
    "dateline city": Article(headline="h", dateline=Dateline(city="\x1b[31m")),
}


def json_problems(article: Article) -> list[tuple[str, str]]:
    try:
        read_article(content_to_json(article), base_dir=None, tz=UTC)
    except ValidationError as error:
        return sorted((problem.path, problem.message) for problem in error.problems)
    return []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_save_refuses_what_an_import_refuses_with_the_same_words(name: str) -> None:
    article = BROKEN[name]
    if name == "quote nowhere":  # JSON cannot even write a negative place: a reader's type check
        assert [f.field for f in save_problems(article)] == ["quotes[0].after_paragraph"]
        return
    saved = sorted((finding.field, finding.message) for finding in save_problems(article))
    assert saved, name
    assert saved == json_problems(article)
    with pytest.raises(ValidationError):
        validated(article)


def test_an_article_related_to_itself_is_refused_at_save() -> None:
    article = Article(headline="h", slug="same", related=(RelatedHeadline.internal("same"),))
    assert [f.field for f in save_problems(article)] == ["related[0].slug"]


def test_the_save_cleans_up_as_the_import_does() -> None:
    article = Article(
        headline="  Two\nlines  ", section=" Politics ", tags=("Arctic", "arctic", " ", "Ice\n"),
        dateline=Dateline(city=" Kazan\n"), quotes=(Quote("Words\nover lines", speaker=" Anna "),),
        related=(RelatedHeadline.external(" Outside ", " https://example.org/ "),),
    )  # fmt: skip
    cleaned = validated(article)
    imported = read_article(content_to_json(article), base_dir=None, tz=UTC).fields
    assert cleaned.headline == imported["headline"] == "Two lines"
    assert cleaned.tags == imported["tags"] == ("Arctic", "Ice")
    assert cleaned.dateline == imported["dateline"]
    assert cleaned.quotes == imported["quotes"]
    assert cleaned.quotes[0].text == "Words\nover lines"  # the quote keeps its lines
    assert cleaned.related == imported["related"]


def test_a_clean_article_has_no_save_problems() -> None:
    article = Article(
        headline="Fine", slug="fine", tags=("a",), quotes=(Quote("q", after_paragraph=3),),
        related=(RelatedHeadline.internal("other"),),
    )  # fmt: skip
    assert save_problems(article) == []
    assert validated(article) == article
