"""Settings ▸ Sections: the list built, added to, renamed, moved and removed through its buttons.

The names are typed into the real input dialogs, answered from a timer
(``when_modal``); every change is checked in the newsroom file.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from newsroom.sections import Section
from tests.ui.modal import when_modal
from ui.session import Session
from ui.settings_dialog import SettingsDialog

SIGNAL_MS = 20_000


def rows(dialog: SettingsDialog) -> list[str]:
    widget = dialog.sections.list
    return [widget.item(row).text() for row in range(widget.count())]


def type_into_dialog(text: str) -> None:
    """The next input dialog gets ``text`` and OK."""

    def answer(dialog: QInputDialog) -> None:
        dialog.setTextValue(text)
        dialog.accept()

    when_modal(answer, kind=QInputDialog)  # type: ignore[arg-type]


def open_dialog(qtbot: QtBot, session: Session) -> SettingsDialog:
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_list_is_built_added_to_renamed_moved_and_removed(
    qtbot: QtBot, session: Session
) -> None:
    newsroom = session.newsroom
    newsroom.import_json(
        [{"slug": "match", "headline": "Match", "section": "Sport"},
         {"slug": "vote", "headline": "Vote", "section": "Politics"}],
        base_dir=None,
    )  # fmt: skip
    dialog = open_dialog(qtbot, session)
    editor = dialog.sections
    qtbot.waitUntil(lambda: "free text" in editor.note.text(), timeout=SIGNAL_MS)
    assert rows(dialog) == [] and not editor.rename_button.isEnabled()

    with qtbot.waitSignal(dialog.sectionsChanged, timeout=SIGNAL_MS) as built:
        editor.from_articles_button.click()
    assert [section.name for section in built.args[0]] == ["Sport", "Politics"]
    assert rows(dialog) == ["Sport", "Politics"]

    type_into_dialog("Arts")
    with qtbot.waitSignal(dialog.sectionsChanged, timeout=SIGNAL_MS):
        editor.add_button.click()
    assert rows(dialog) == ["Sport", "Politics", "Arts"]
    assert editor.current_name() == "Arts" and editor.note.text() == "Added “Arts”."

    editor.select("Sport")
    type_into_dialog("Sports")
    with qtbot.waitSignal(dialog.sectionsChanged, timeout=SIGNAL_MS):
        editor.rename_button.click()
    assert rows(dialog) == ["Sports", "Politics", "Arts"]
    assert newsroom.get("match").section == "Sports"
    assert editor.note.text() == "Renamed “Sport” to “Sports”: 1 article changed."

    editor.select("Arts")
    assert not editor.down_button.isEnabled()
    with qtbot.waitSignal(dialog.sectionsChanged, timeout=SIGNAL_MS):
        editor.up_button.click()
    assert rows(dialog) == ["Sports", "Arts", "Politics"]
    assert editor.current_name() == "Arts"
    assert [s.name for s in newsroom.section_list()] == ["Sports", "Arts", "Politics"]

    with qtbot.waitSignal(dialog.sectionsChanged, timeout=SIGNAL_MS):
        editor.remove_button.click()  # Arts: no article uses it
    assert rows(dialog) == ["Sports", "Politics"]


def test_removing_a_section_in_use_asks_where_its_articles_go(
    qtbot: QtBot, session: Session
) -> None:
    newsroom = session.newsroom
    newsroom.import_json(
        [{"slug": "match", "headline": "Match", "section": "Sport"},
         {"slug": "vote", "headline": "Vote", "section": "Politics"}],
        base_dir=None,
    )  # fmt: skip
    newsroom.add_sections_from_articles()
    newsroom.add_section("World")
    dialog = open_dialog(qtbot, session)
    editor = dialog.sections
    qtbot.waitUntil(lambda: rows(dialog) == ["Sport", "Politics", "World"], timeout=SIGNAL_MS)
    editor.select("Sport")
    type_into_dialog("World")
    with qtbot.waitSignal(dialog.sectionsChanged, timeout=SIGNAL_MS):
        editor.remove_button.click()
    assert rows(dialog) == ["Politics", "World"]
    assert newsroom.get("match").section == "World"
    assert newsroom.section_list()[1] == Section("World", "world", 2, aliases=("sport",))
    assert editor.note.text() == "Removed “Sport”; its articles and page moved to “World”."


def test_a_refused_name_is_said_in_one_line_and_changes_nothing(
    qtbot: QtBot, session: Session
) -> None:
    session.newsroom.add_section("Politics")
    dialog = open_dialog(qtbot, session)
    editor = dialog.sections
    qtbot.waitUntil(lambda: rows(dialog) == ["Politics"], timeout=SIGNAL_MS)
    type_into_dialog("POLITICS")
    editor.add_button.click()
    qtbot.waitUntil(lambda: "only in case" in editor.note.text(), timeout=SIGNAL_MS)
    assert editor.note.text() == (
        "name: 'POLITICS' differs from the section 'Politics' only in case, accents or "
        "spacing; use 'Politics'"
    )
    assert editor.add_button.isEnabled()
    assert [s.name for s in session.newsroom.section_list()] == ["Politics"]
