"""The Incoming view and Start a story, in the real window on real wire samples.

Wire items arrive through the real paths: the window's own watch of the
``ingest_folder`` setting (files dropped into it, a broken one too) and a
``newsroom ingest`` process of its own writing into the same newsroom; the
view follows without a restart. Waiting is ``qtbot.waitUntil`` with a deadline.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.ingest import DONE, FAILED, import_document
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes, newsroom_cli
from tests.ui.test_mainwindow import QuietWindow, make_window
from ui.article_list import DETAILS_ROLE
from ui.incoming import IncomingPane
from ui.ingest_watch import PollReport, arrived_message

SAMPLES = Path(__file__).parents[1] / "imports" / "samples"
AP = "Lunch counters make a comeback as office workers return"
DPA = "Hochwasser am Rhein: Pegel steigt weiter"
BBC = "Lighthouse keeper's cottage to become a museum"
BROKEN = b'<?xml version="1.0"?>\n<nitf><head><title>Cut off'
WAIT_MS = 20_000  # a deadline, not a timing: polls of a second's quiet, another process


def import_sample(newsroom: Newsroom, name: str) -> Article:
    data = (SAMPLES / name).read_bytes()
    [result] = import_document(newsroom, data, name, SAMPLES).results
    return result.article


def headlines(pane: IncomingPane) -> list[str]:
    model = pane.model
    return [model.summary(row).headline for row in range(model.rowCount())]


def select(pane: IncomingPane, headline: str) -> None:
    pane.view.setCurrentIndex(pane.model.index(headlines(pane).index(headline), 0))


@pytest.fixture
def window(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path) -> Iterator[QuietWindow]:
    newsroom.create(Article(headline="Our own story", lead="Written here."))
    import_sample(newsroom, "ap-nitf.xml")
    import_sample(newsroom, "dpa-g2-text.xml")
    window = make_window(qtbot, newsroom, tmp_path)
    window.ingest_watch.timer.setInterval(100)  # look often: the test waits for files
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    qtbot.waitUntil(lambda: len(headlines(window.incoming)) == 2)
    yield window
    window.session.tasks.wait()


def test_the_incoming_view_lists_wire_items_newest_first_apart_from_articles(
    window: QuietWindow, qtbot: QtBot
) -> None:
    assert headlines(window.incoming) == [DPA, AP]  # the newest import on top
    details = [window.incoming.model.index(row, 0).data(DETAILS_ROLE) for row in (0, 1)]
    assert "dpa" in details[0].lower() and "Urgency" in details[0]
    lists = window.article_list.model
    assert [lists.summary(row).headline for row in range(lists.rowCount())] == ["Our own story"]

    window.incoming.search.setText("Rhein")
    qtbot.waitUntil(lambda: headlines(window.incoming) == [DPA])
    window.incoming.search.setText("story")  # our own story is no wire item
    qtbot.waitUntil(lambda: headlines(window.incoming) == [])
    window.article_list.search.setText("Rhein")  # and the desk's search leaves wire items out
    qtbot.waitUntil(lambda: window.article_list.model.rowCount() == 0)


def test_a_wire_item_opens_read_only_with_start_a_story_offered(
    window: QuietWindow, qtbot: QtBot
) -> None:
    window.lists.setCurrentWidget(window.incoming)
    select(window.incoming, AP)
    qtbot.waitUntil(lambda: window.keeper.current().headline == AP)

    assert window.editor.read_only and window.editor.headline.isReadOnly()
    assert not any(action.isEnabled() for action in window.status_actions.values())
    assert not window.save_action.isEnabled() and not window.duplicate_action.isEnabled()
    assert window.start_story_action.isEnabled() and window.delete_action.isEnabled()
    assert window.incoming.start_button.isEnabled()
    banner = window.wire_banner
    assert banner.isVisible() and banner.start_button.isEnabled()
    assert "Wire item, read-only" in banner.label.text()
    assert window.locks is not None and window.locks.article_id is None  # nobody edits it

    window.open_article(window.article_list.model.summary(0).id)  # our own story
    qtbot.waitUntil(lambda: window.keeper.current().headline == "Our own story")
    assert not window.editor.read_only and not window.editor.headline.isReadOnly()
    assert not banner.isVisible() and not window.start_story_action.isEnabled()


def test_start_a_story_opens_a_draft_and_leaves_the_wire_item_as_it_was(
    window: QuietWindow, newsroom: Newsroom, qtbot: QtBot, tmp_path: Path
) -> None:
    window.lists.setCurrentWidget(window.incoming)
    select(window.incoming, DPA)
    qtbot.waitUntil(lambda: window.keeper.current().headline == DPA)
    item = newsroom.get(window.keeper.current().id or 0)

    window.incoming.start_button.click()
    qtbot.waitUntil(lambda: window.keeper.current().status is Status.DRAFT, timeout=WAIT_MS)

    story = window.keeper.current()
    assert story.id != item.id and story.source == item.source
    for field in ("headline", "subtitle", "lead", "body", "dateline", "byline", "photo"):
        assert getattr(story, field) == getattr(item, field), field
    assert window.lists.currentWidget() is window.article_list
    assert not window.editor.read_only and window.editor.headline.text() == DPA
    assert window.wire_banner.label.text().startswith("From ")
    assert newsroom.get(item.id or 0) == item  # untouched: same text, same revision

    window.open_article(item.id or 0)  # the wire item now names its story
    qtbot.waitUntil(lambda: story.slug in window.wire_banner.label.text())


def test_a_kill_is_said_on_the_wire_item_and_on_the_story_started_from_it(
    window: QuietWindow, newsroom: Newsroom, qtbot: QtBot
) -> None:
    """dpa cancels its item (version 5) after a story was started from it."""
    select(window.incoming, DPA)
    qtbot.waitUntil(lambda: window.keeper.current().headline == DPA)
    item_id = window.keeper.current().id or 0
    story = newsroom.start_story(item_id)
    import_sample(newsroom, "dpa-g2-kill.xml")

    window.open_article(story.id or 0)
    qtbot.waitUntil(lambda: "canceled this item" in window.wire_banner.label.text())
    assert "after this story was started" in window.wire_banner.label.text()
    assert not window.wire_banner.start_button.isVisible()

    window.open_article(item_id)
    qtbot.waitUntil(lambda: window.keeper.current().id == item_id)
    assert "do not use it" in window.wire_banner.label.text()
    assert not window.wire_banner.start_button.isEnabled()
    assert "canceled" in window.wire_banner.start_button.toolTip()
    assert not window.start_story_action.isEnabled()


def test_an_open_wire_item_shows_the_agencys_newer_version_as_it_arrives(
    window: QuietWindow, newsroom: Newsroom, qtbot: QtBot
) -> None:
    select(window.incoming, DPA)
    qtbot.waitUntil(lambda: window.keeper.current().headline == DPA)
    before = window.keeper.current()
    import_sample(newsroom, "dpa-g2-kill.xml")  # another connection: the change feed sees it

    def updated() -> bool:
        source = window.keeper.current().source
        return source is not None and source.pubstatus == "canceled"

    qtbot.waitUntil(updated, timeout=WAIT_MS)
    assert window.keeper.current().revision > before.revision
    assert window.editor.read_only and "do not use it" in window.wire_banner.label.text()


def test_the_menu_action_starts_a_story_from_the_open_wire_item(
    window: QuietWindow, qtbot: QtBot
) -> None:
    select(window.incoming, AP)
    qtbot.waitUntil(lambda: window.keeper.current().headline == AP)
    assert window.start_story_action.shortcut().toString() == "Ctrl+Shift+T"
    window.start_story_action.trigger()
    qtbot.waitUntil(lambda: window.keeper.current().status is Status.DRAFT, timeout=WAIT_MS)
    assert window.keeper.current().headline == AP


def test_files_dropped_into_the_ingest_folder_appear_without_a_restart(
    window: QuietWindow, newsroom: Newsroom, qtbot: QtBot, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    newsroom.set_setting("ingest_folder", str(inbox))  # the setting, changed while open
    shutil.copy(SAMPLES / "bbc-ninjs1.json", inbox)
    (inbox / "broken.xml").write_bytes(BROKEN)

    qtbot.waitUntil(lambda: BBC in headlines(window.incoming), timeout=WAIT_MS)
    qtbot.waitUntil((inbox / FAILED / "broken.xml").is_file, timeout=WAIT_MS)
    assert (inbox / DONE / "bbc-ninjs1.json").is_file()
    assert headlines(window.incoming)[0] == BBC
    qtbot.waitUntil(lambda: "failed" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    window.grab().save("/tmp/wt-incoming-window.png")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    newsroom.set_setting("ingest_folder", str(elsewhere))  # a new folder: followed at once
    (elsewhere / "ntb-elbil.jpg").write_bytes(jpeg_bytes())  # the photo it names, beside it
    shutil.copy(SAMPLES / "ntb-ninjs2.json", elsewhere)
    qtbot.waitUntil((elsewhere / DONE / "ntb-ninjs2.json").is_file, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(headlines(window.incoming)) == 4, timeout=WAIT_MS)


def test_another_process_ingesting_shows_in_the_incoming_view(
    window: QuietWindow, newsroom: Newsroom, qtbot: QtBot, tmp_path: Path
) -> None:
    inbox = tmp_path / "drop"
    inbox.mkdir()
    shutil.copy(SAMPLES / "bbc-ninjs1.json", inbox)
    path = newsroom.path
    assert path is not None
    run = newsroom_cli(path, "ingest", str(inbox))
    assert run.code == 0, run.err
    qtbot.waitUntil(lambda: BBC in headlines(window.incoming), timeout=WAIT_MS)


def test_the_status_line_of_a_poll() -> None:
    assert arrived_message(PollReport("/in")) == ""
    assert arrived_message(PollReport("/in", imported=1)) == "1 wire item in"
    assert arrived_message(PollReport("/in", imported=2, failed=1)) == (
        "2 wire items in, 1 failed: see /in/ingest.log"
    )
    assert arrived_message(PollReport("/x", problem="/x: no such folder")).startswith(
        "Ingest folder: /x: no such folder"
    )
