"""Batch captioning from a template."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from newsroom.demo import load_demo
from newsroom.photos.library import fill_template
from tests.ui.photos.support import open_library, select_rows
from ui.session import Session


def test_batch_caption_fills_each_photo_from_the_template(qtbot: QtBot, session: Session) -> None:
    newsroom = session.newsroom
    load_demo(newsroom)
    newsroom.photos.set_codes({"nd": "Newsroom Desk"})
    ids = [p.id for p in newsroom.photos.find()]
    newsroom.photos.batch_caption(ids[:1], credit="First Credit")
    newsroom.photos.batch_caption(ids[1:], credit="Other Credit")
    window = open_library(qtbot, session)
    select_rows(window, [0, 1, 2])
    chosen = window.browser.selected_photos()
    dialog = window.batch_caption()
    assert dialog is not None
    qtbot.keyClicks(dialog.template, "{credit} for =nd=")
    qtbot.waitUntil(lambda: dialog.preview.text() == f"{chosen[0].credit} for Newsroom Desk")
    qtbot.keyClicks(dialog.copyright, "© Newsroom")
    with qtbot.waitSignal(dialog.captioned, timeout=20_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    for photo in chosen:
        record = newsroom.photos.record(photo.id)
        assert record.description == f"{photo.credit} for Newsroom Desk"
        assert record.copyright == "© Newsroom"
    untouched = [newsroom.photos.record(i) for i in ids if i not in {p.id for p in chosen}]
    assert all(p.description == "" for p in untouched)
    # The grid shows the new captions, each on its own photo (selection order is not row order).
    shown = {photo.id: photo.description for photo in window.browser.model.photos()}
    assert all(shown[photo.id] == f"{photo.credit} for Newsroom Desk" for photo in chosen)


def test_a_bad_caption_template_shows_an_error_and_changes_nothing(
    qtbot: QtBot, session: Session
) -> None:
    newsroom = session.newsroom
    load_demo(newsroom)
    window = open_library(qtbot, session)
    select_rows(window, [0, 1])
    dialog = window.batch_caption()
    assert dialog is not None
    qtbot.keyClicks(dialog.template, "{town}: a photo")
    assert "unknown placeholder {town}" in dialog.error.text()
    assert "\n" not in dialog.error.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    session.tasks.wait()
    assert dialog.isVisible()
    assert all(p.description == "" for p in newsroom.photos.find())
    assert fill_template("{city}", newsroom.photos.find()[0].metadata) == ""


def test_the_dialog_opens_wide_enough_for_its_template_and_hints(
    qtbot: QtBot, session: Session
) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    select_rows(window, [0])
    dialog = window.batch_caption()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    template = dialog.template
    room = template.contentsRect().width() - 8
    assert template.fontMetrics().horizontalAdvance(template.placeholderText()) <= room
    caption = "{city}, {date}. Photo: {creator} for =tass=, {country}, {headline}"
    assert template.fontMetrics().horizontalAdvance(caption) <= room
    assert dialog.width() >= dialog.sizeHint().width()
    assert dialog.height() >= dialog.sizeHint().height()
