"""The export dialog: what, format, folder through ask(), progress, cancel, PDF in a QProcess."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.demo import load_demo
from newsroom.errors import ForeignSiteError
from newsroom.export.runner import FORMATS, ExportRequest, run_export
from newsroom.store import Newsroom
from ui import export_dialog
from ui.export_dialog import ExportDialog
from ui.handoff import to_ui_thread
from ui.session import Session


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> None:
    """QSettings in the test's folder, not the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))


def dialog_into(folder: Path) -> type[ExportDialog]:
    class Into(ExportDialog):
        asked: ClassVar[list[Path]] = []

        @classmethod
        def ask(cls, parent: object, start: Path) -> Path | None:
            cls.asked.append(start)
            return folder

    return Into


def open_dialog(qtbot: QtBot, kind: type[ExportDialog], session: Session, ids: list[int],
                current: int | None = 0):  # fmt: skip
    """The dialog with ``ids`` selected in the list and ``ids[current]`` in the editor."""
    dialog = kind(session, None if current is None else ids[current], ids)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_every_format_is_offered_and_site_means_the_whole_site(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ExportDialog, session, [1, 2])
    offered = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert offered == list(FORMATS)
    assert dialog.current.isChecked()
    dialog.set_format("site")
    assert dialog.everything.isChecked()
    assert not dialog.current.isEnabled() and not dialog.selection.isEnabled()
    assert not dialog.self_contained.isEnabled()
    dialog.set_format("html")
    assert dialog.self_contained.isEnabled()


def test_newsml_offers_the_news_message_form_and_exports_it(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    load_demo(session.newsroom)
    article = session.newsroom.get("night-train-returns")
    dialog = open_dialog(qtbot, dialog_into(tmp_path / "out"), session, [article.id])
    dialog.set_format("html")
    assert not dialog.newsml_message.isEnabled()
    dialog.set_format("newsml")
    assert dialog.newsml_message.isEnabled()
    assert dialog.request().newsml_message is False  # the package is the default
    dialog.newsml_message.setChecked(True)
    dialog.folder.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = [name for name in files_in(tmp_path / "out") if name.endswith(".newsml.xml")]
    assert written == ["night-train-returns.newsml.xml"]
    assert b"<newsMessage" in (tmp_path / "out" / written[0]).read_bytes()


def test_one_selected_article_is_a_selection_too(qtbot: QtBot, session: Session) -> None:
    dialog = open_dialog(qtbot, ExportDialog, session, [2])
    assert dialog.selection.text() == "The selection (1 article)"
    assert dialog.selection.isEnabled() and dialog.current.isEnabled()


def test_a_new_article_not_saved_yet_cannot_be_the_current_one(
    qtbot: QtBot, session: Session
) -> None:
    dialog = open_dialog(qtbot, ExportDialog, session, [3], current=None)
    assert not dialog.current.isEnabled() and dialog.everything.isChecked()
    assert dialog.request().refs == []


def test_exports_the_current_article_as_html_into_the_chosen_folder(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    load_demo(session.newsroom)
    article = session.newsroom.get("night-train-returns")
    target = tmp_path / "out"
    kind = dialog_into(target)
    dialog = open_dialog(qtbot, kind, session, [article.id, 1])
    dialog.set_format("html")
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    assert dialog.folder.text() == str(target)
    assert kind.asked == [Path.home()]
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert outcome is not None and not outcome.cancelled
    files = files_in(target)
    assert "night-train-returns.html" in files
    assert "walrus-count-arctic-station.html" not in files
    assert "newsroom.css" in files
    assert any(name.startswith("media/") for name in files)
    assert dialog.status.text() == f"Exported: {outcome.written} files written"
    assert dialog.open_button.isVisible()
    # The folder is remembered for the next export.
    again = open_dialog(qtbot, ExportDialog, session, [article.id])
    assert again.folder.text() == str(target)


def test_a_site_export_shows_progress_and_the_count(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    load_demo(session.newsroom)
    target = tmp_path / "site"
    dialog = open_dialog(qtbot, dialog_into(target), session, [1])
    dialog.set_format("site")
    dialog.choose_folder()
    stages: list[tuple[str, int, int]] = []
    dialog.progressed.connect(lambda *args: stages.append(args))
    width = dialog.width()
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert outcome is not None and not outcome.cancelled
    qtbot.wait(50)  # the layout takes in the note
    assert dialog.width() == width  # the long note wraps; the dialog keeps its width
    assert {"pages"} <= {stage for stage, _, _ in stages}
    assert dialog.progress.value() == dialog.progress.maximum()
    assert outcome.written == len(files_in(target)) - 2  # all but the manifest and the state
    assert dialog.status.text().startswith(f"Exported: {outcome.written} files written")
    assert (target / "index.html").is_file()
    # The demo newsroom has no base URL: the app says where to set it, in its own way.
    assert "set it in Settings ▸ Base URL" in dialog.status.text()
    assert "newsroom config" not in dialog.status.text()


def test_every_setting_an_error_points_to_is_a_row_of_the_settings_dialog(
    qtbot: QtBot, session: Session
) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    from newsroom.settings import Settings
    from ui.errors import SETTING_LABELS
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    rows = {  # every form of the dialog: the main one and its groups (Checks)
        label.text()
        for form in dialog.findChildren(QFormLayout)
        for row in range(form.rowCount())
        if isinstance(item := form.itemAt(row, QFormLayout.ItemRole.LabelRole), object)
        and item is not None
        and isinstance(label := item.widget(), QLabel)
    }
    assert set(SETTING_LABELS) == set(Settings().as_dict())
    assert set(SETTING_LABELS.values()) <= rows


def test_cancel_stops_the_export_between_files(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(session.newsroom)
    target = tmp_path / "cancelled"
    ids = [summary.id for summary in session.newsroom.articles()]
    dialog = open_dialog(qtbot, dialog_into(target), session, ids)
    dialog.set_format("ninjs")
    dialog.choose_folder()
    dialog.selection.setChecked(True)

    # The editor presses Cancel as the first article is written (as the worker hands its
    # first progress report over); the worker sees it at once.
    def cancel_then_hand_over(*args: Any) -> None:
        dialog.request_cancel()
        to_ui_thread(*args)

    monkeypatch.setattr(export_dialog, "to_ui_thread", cancel_then_hand_over)
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert outcome.cancelled
    written = files_in(target)
    articles = [name for name in written if name.endswith(".ninjs.json")]
    assert len(articles) == 1  # stopped part-way: one of six
    assert outcome.written == len(written)
    assert not [name for name in written if name.endswith(".partial") or "/." in name]
    assert dialog.status.text() == f"Export cancelled: {outcome.written} files written"
    assert dialog.export_button.isEnabled()


def test_an_export_error_is_one_line(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    load_demo(session.newsroom)
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    dialog = open_dialog(qtbot, dialog_into(blocker), session, [1])
    dialog.set_format("md")
    dialog.choose_folder()
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "is a file" in dialog.status.text()
    assert "\n" not in dialog.status.text()


def webengine_available() -> bool:
    return importlib.util.find_spec("PySide6.QtWebEngineCore") is not None


@pytest.mark.skipif(not webengine_available(), reason="QtWebEngine is not installed")
def test_pdf_export_runs_in_a_separate_process(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    load_demo(session.newsroom)
    target = tmp_path / "pdf"
    dialog = open_dialog(qtbot, dialog_into(target), session, [1])
    dialog.set_format("pdf")
    dialog.choose_folder()
    assert dialog.pdf_command(dialog.request())[:2] == ["-m", "newsroom"]
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    if finished.args[0] is None and "Chromium" in dialog.status.text():
        pytest.skip(f"QtWebEngine cannot run here: {dialog.status.text()}")
    assert finished.args[0] is not None, dialog.status.text()
    pdf = target / "walrus-count-arctic-station.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dialog.status.text() == "Exported: 1 file written"


def export_site_from_dialog(qtbot: QtBot, kind: type[ExportDialog], session: Session) -> object:
    dialog = open_dialog(qtbot, kind, session, [1])
    dialog.set_format("site")
    dialog.choose_folder()
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return dialog, finished.args[0]


@pytest.mark.parametrize("answer", [True, False])
def test_another_newsrooms_site_folder_is_replaced_only_when_the_editor_says_so(
    qtbot: QtBot, session: Session, tmp_path: Path, answer: bool
) -> None:
    target = tmp_path / "site"
    with Newsroom.open(tmp_path / "other.sqlite", create=True) as other:
        other.set_setting("name", "Southern Post")
        story = other.create(
            Article(headline="Harbour closes for the winter", slug="harbour-closes")
        )
        other.set_status(story.slug, Status.PUBLISHED)
        run_export(other, ExportRequest(format="site", out=target))
    theirs = target / "harbour-closes.html"
    assert theirs.is_file()
    load_demo(session.newsroom)
    asked: list[str] = []

    class Asking(dialog_into(target)):  # type: ignore[misc]
        def confirm_replace(self, error: ForeignSiteError) -> bool:
            asked.append(error.owner_name)
            return answer

    dialog, outcome = export_site_from_dialog(qtbot, Asking, session)
    assert asked == ["Southern Post"]
    if answer:
        assert outcome is not None and (target / "index.html").is_file()
        assert not theirs.exists()
    else:
        assert outcome is None and theirs.is_file()
        assert dialog.status.text() == "Not exported: the folder holds another newsroom's site"
