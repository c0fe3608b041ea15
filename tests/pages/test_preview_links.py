"""The live preview's page (core side): the real page, with photos named for the app to serve."""

from __future__ import annotations

from newsroom.article import Article
from newsroom.demo import load_demo
from newsroom.render.preview_links import (
    STYLESHEET,
    PreviewMedia,
    article_slug,
    media_path,
    render_preview,
)
from newsroom.store import Newsroom
from tests.pages.conftest import parse


def demo_article_with_photo(newsroom: Newsroom) -> Article:
    load_demo(newsroom)
    articles = [newsroom.get(summary.id) for summary in newsroom.articles()]
    return next(article for article in articles if article.photo is not None)


def test_the_page_names_the_style_sheet_and_photos_relative_to_the_scheme(
    newsroom: Newsroom,
) -> None:
    article = demo_article_with_photo(newsroom)
    assert article.photo is not None
    media = PreviewMedia(newsroom)
    page = render_preview(article, media)
    document = parse(page.html)
    assert document.xpath("//link[@rel='stylesheet']/@href") == [STYLESHEET]
    [image] = document.xpath("//figure[@class='photo']//img")
    [webp] = document.xpath("//figure[@class='photo']//source/@srcset")
    recipe = newsroom.photos.recipe()
    assert image.get("src") == media_path(article.photo.sha256, 1200, "jpeg", recipe)
    assert webp == media_path(article.photo.sha256, 1200, "webp", recipe)
    assert image.get("width") == "1200"
    # The render made the renditions; the handler finds them in memory.
    jpeg = media.get(image.get("src"))
    assert jpeg is not None and jpeg.data.startswith(b"\xff\xd8")
    assert media.css == page.css and "body" in page.css


def test_renditions_not_in_memory_come_from_the_newsroom(newsroom: Newsroom) -> None:
    article = demo_article_with_photo(newsroom)
    assert article.photo is not None
    media = PreviewMedia(newsroom, limit=1)
    path = media_path(article.photo.sha256, 1200, "jpeg", newsroom.photos.recipe())
    render_preview(article, media)  # keeps only the WebP (the limit is one)
    assert media.get(path) is None
    found = media.fetch(path)
    assert found is not None and found.media_type == "image/jpeg"
    assert media.fetch("media/not-a-photo.jpg") is None
    assert media.fetch("secret.txt") is None


def test_a_changed_quality_setting_gives_new_addresses(newsroom: Newsroom) -> None:
    sha = "a" * 64
    before = media_path(sha, 1200, "jpeg", newsroom.photos.recipe())
    newsroom.set_setting("jpeg_quality", "60")
    assert media_path(sha, 1200, "jpeg", newsroom.photos.recipe()) != before


def test_the_unsaved_body_is_shown(newsroom: Newsroom) -> None:
    saved = newsroom.create(Article(headline="Walrus count rises", body="Old text."))
    page = render_preview(saved.with_changes(body="New *text*."), PreviewMedia(newsroom))
    assert "New <em>text</em>." in page.html
    assert "Old text." not in page.html


def test_links_to_other_articles_name_their_slug() -> None:
    assert article_slug("/walrus-count-rises.html") == "walrus-count-rises"
    assert article_slug("/newsroom.css") is None
    assert article_slug("/media/x.jpg") is None
    assert article_slug("/") is None
