"""The export dialog: what (article, selection, whole site), format, folder, progress, cancel.

Exports run on the writer thread through ``newsroom.export.runner.run_export``;
its progress callback feeds the progress bar and is where Cancel takes effect:
it raises, between files (files are written atomically, so none is left half
written). PDF is the exception: QtWebEngine must be driven from the GUI
thread of its process, so a PDF export runs ``newsroom export --format pdf``
in a QProcess, which Cancel kills (its temporary ``.partial`` file is removed).
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.errors import ForeignSiteError
from newsroom.export.runner import FORMATS, ExportRequest, run_export
from newsroom.store import Newsroom
from ui import file_dialogs
from ui.errors import one_line
from ui.handoff import to_ui_thread
from ui.session import Session
from ui.tasks import guarded

FOLDER_KEY = "export/folder"
FORMAT_KEY = "export/format"


class _CancelledError(Exception):
    """Raised from the progress callback to stop an export between two files."""


@dataclass(frozen=True)
class ExportOutcome:
    written: int
    cancelled: bool
    notes: tuple[str, ...] = ()


def _snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    """Every file under ``folder`` with its modification time and size."""
    if not folder.is_dir():
        return {}
    found: dict[Path, tuple[int, int]] = {}
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                stat = path.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue
    return found


def _changed(before: dict[Path, tuple[int, int]], folder: Path) -> int:
    """How many files are new or rewritten since ``before``."""
    after = _snapshot(folder)
    return sum(1 for path, seen in after.items() if before.get(path) != seen)


def _run(
    newsroom: Newsroom,
    request: ExportRequest,
    stop: threading.Event,
    progressed: Callable[[str, int, int], None],
) -> ExportOutcome:
    """The export on the writer thread; stops between files once ``stop`` is set."""
    before = _snapshot(request.out)

    def progress(stage: str, done: int, total: int) -> None:
        to_ui_thread(progressed, stage, done, total)
        if stop.is_set():
            raise _CancelledError

    try:
        if stop.is_set():
            raise _CancelledError
        if request.format == "html":
            # The page writer reports no progress: one article at a time does, and can stop.
            refs = list(request.refs)
            if request.all_articles:
                refs = [str(s.id) for s in newsroom.articles(order="published")]
            written: set[Path] = set()
            for number, ref in enumerate(refs, start=1):
                one = ExportRequest(
                    format="html", out=request.out, refs=[ref],
                    self_contained=request.self_contained, theme=request.theme,
                )  # fmt: skip
                written.update(run_export(newsroom, one).written)
                progress("articles", number, len(refs))
            return ExportOutcome(len(written), cancelled=False)
        result = run_export(newsroom, request, progress)
    except _CancelledError:
        return ExportOutcome(_changed(before, request.out), cancelled=True)
    notes = tuple(one_line(warning) for warning in result.warnings)  # the app's own words
    return ExportOutcome(len(result.written), cancelled=False, notes=notes)


class ExportDialog(QDialog):
    """Export the current article, the selection or the whole site, in any format."""

    finished_export = Signal(object)  # ExportOutcome
    progressed = Signal(str, int, int)  # stage, done, total: as shown, on the UI thread

    def __init__(
        self,
        session: Session,
        current: int | None,
        selection: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``current``: the article open in the editor (None: a new one, not saved yet);
        ``selection``: the articles selected in the list."""
        super().__init__(parent)
        self._session = session
        self._current = current
        self._ids = [int(article_id) for article_id in selection]
        self._stop = threading.Event()
        self._process: QProcess | None = None
        self._process_output = ""
        self._running = False
        self._pdf_before: dict[Path, tuple[int, int]] = {}
        self.outcome: ExportOutcome | None = None
        self.setWindowTitle(self.tr("Export"))
        self._build()
        self._restore()
        self._update_enabled()

    # --- overridable in tests ---------------------------------------------------------

    @classmethod
    def ask(cls, parent: QWidget, start: Path) -> Path | None:
        """The folder to export into, or None."""
        return file_dialogs.existing_folder(parent, parent.tr("Export into folder"), start)

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.current = QRadioButton(self.tr("The current article"), self)
        self.selection = QRadioButton(
            self.tr("The selection (1 article)")
            if len(self._ids) == 1
            else self.tr("The selection (%n articles)", "", len(self._ids)),
            self,
        )
        self.everything = QRadioButton(self.tr("Every article (the whole site)"), self)
        self.what = QButtonGroup(self)
        for button, name in ((self.current, "current article"), (self.selection, "selection"),
                             (self.everything, "whole site")):  # fmt: skip
            button.setAccessibleName(self.tr("Export %1").replace("%1", name))
            self.what.addButton(button)
        if self._current is None:
            self.current.setToolTip(self.tr("The article in the editor is not saved yet"))
        (self.current if self._current is not None else self.everything).setChecked(True)

        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Format"))
        labels = {
            "html": self.tr("HTML pages"),
            "site": self.tr("Static site (every published article)"),
            "pdf": self.tr("PDF (A4)"),
            "json": self.tr("JSON articles"),
            "nitf": self.tr("NITF"),
            "newsml": self.tr("NewsML-G2"),
            "ninjs": self.tr("ninjs"),
            "md": self.tr("Markdown"),
        }
        for name in FORMATS:
            self.format.addItem(labels.get(name, name), name)

        self.folder = QLineEdit(self)
        self.folder.setAccessibleName(self.tr("Target folder"))
        self.choose = QPushButton(self.tr("Choose…"), self)
        self.choose.setAccessibleName(self.tr("Choose the target folder"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)

        self.self_contained = QCheckBox(
            self.tr("Self-contained pages (CSS and photo inline)"), self
        )
        self.self_contained.setAccessibleName(self.tr("Self-contained pages"))
        self.newsml_message = QCheckBox(
            self.tr("One news message per article (for transmission)"), self
        )
        self.newsml_message.setAccessibleName(self.tr("NewsML-G2 news message"))
        self.newsml_message.setToolTip(
            self.tr("By default each article is a package with its text and picture items, "
                    "each in its own file, as partners' tools read them")
        )  # fmt: skip

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Export status"))
        # A long note (what a site leaves out without a base URL) wraps: unwrapped, it
        # widened the dialog past the screen's edge and its buttons with it.
        self.status.setWordWrap(True)

        self._lay_out(folder_row)

        self.format.currentIndexChanged.connect(self._update_enabled)
        self.folder.textChanged.connect(self._update_enabled)
        self.choose.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.open_folder)
        self.resize(520, 0)

    def _lay_out(self, folder_row: QHBoxLayout) -> None:
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.open_button = QPushButton(self.tr("Open folder"), self)
        self.open_button.hide()
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        what = QVBoxLayout()
        for button in (self.current, self.selection, self.everything):
            what.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("Export"), what)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow("", self.self_contained)
        form.addRow("", self.newsml_message)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _restore(self) -> None:
        settings = QSettings()
        folder = settings.value(FOLDER_KEY, "")
        self.folder.setText(str(folder) if folder else "")
        fmt = settings.value(FORMAT_KEY, "html")
        index = self.format.findData(fmt)
        self.format.setCurrentIndex(max(index, 0))

    # --- what the editor does ------------------------------------------------------------

    def selected_format(self) -> str:
        return str(self.format.currentData())

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(self.format.findData(name))

    def choose_folder(self) -> None:
        text = self.folder.text().strip()
        start = Path(text).expanduser() if text else Path.home()
        chosen = type(self).ask(self, start)
        if chosen is not None:
            self.folder.setText(str(chosen))

    def request(self) -> ExportRequest:
        fmt = self.selected_format()
        everything = fmt == "site" or self.everything.isChecked()
        if everything:
            refs: list[str] = []
        elif self.current.isChecked():
            refs = [str(self._current)]
        else:
            refs = [str(article_id) for article_id in self._ids]
        return ExportRequest(
            format=fmt,
            out=Path(self.folder.text().strip()).expanduser(),
            refs=refs,
            all_articles=everything and fmt != "site",
            self_contained=fmt == "html" and self.self_contained.isChecked(),
            newsml_message=fmt == "newsml" and self.newsml_message.isChecked(),
        )

    def start(self, *, replace: bool = False) -> None:
        """Export; ``replace``: into a folder holding another newsroom's site, replacing it."""
        if self._running:
            return
        if not self.folder.text().strip():
            self.status.setText(self.tr("Choose a folder to export into"))
            return
        request = dataclasses.replace(self.request(), replace=replace)
        settings = QSettings()
        settings.setValue(FOLDER_KEY, str(request.out))
        settings.setValue(FORMAT_KEY, request.format)
        self._stop.clear()
        self._set_running(True)
        self.outcome = None
        self.open_button.hide()
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.status.setText(self.tr("Exporting…"))
        if request.format == "pdf":
            self._start_pdf(request)
            return
        self._session.tasks.write(
            partial(
                _run, self._session.newsroom, request, self._stop, guarded(self, self._progressed)
            ),
            done=guarded(self, self._done),
            failed=guarded(self, self._failed),
        )

    def cancel(self) -> None:
        if not self._running:
            self.reject()
            return
        self.status.setText(self.tr("Cancelling…"))
        self.request_cancel()
        if self._process is not None:
            self._process.kill()

    def request_cancel(self) -> None:
        """Stop the running export at its next file; safe from any thread."""
        self._stop.set()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.request().out)))

    @property
    def running(self) -> bool:
        return self._running

    # --- PDF through the command line ---------------------------------------------------

    def pdf_command(self, request: ExportRequest) -> list[str]:
        """The ``newsroom export`` arguments for a PDF export of this request."""
        path = self._session.newsroom.path
        # Outside a bundle, "python -m newsroom"; a frozen bundle is its own command line.
        cli = ["--newsroom-cli"] if getattr(sys, "frozen", False) else ["-m", "newsroom"]
        arguments = [*cli, "--db", str(path), "export"]
        arguments += ["--all"] if request.all_articles else list(request.refs)
        arguments += ["--format", "pdf", "--out", str(request.out)]
        return arguments

    def _start_pdf(self, request: ExportRequest) -> None:
        if self._session.newsroom.path is None:
            self._failed(RuntimeError(self.tr("PDF export needs a newsroom file")))
            return
        self._pdf_before = _snapshot(request.out)
        self._process_output = ""
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("NEWSROOM_AUTHOR", self._session.newsroom.author)
        # The printer needs no window: it runs offscreen wherever the app runs.
        environment.insert("QT_QPA_PLATFORM", "offscreen")
        process.setProcessEnvironment(environment)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._pdf_output)
        process.finished.connect(self._pdf_finished)
        process.errorOccurred.connect(self._pdf_error)
        self._process = process
        self._pdf_request = request
        process.start(sys.executable, self.pdf_command(request))

    def _pdf_output(self) -> None:
        if self._process is None:
            return
        self._process_output += bytes(self._process.readAllStandardOutput().data()).decode(
            "utf-8", "replace"
        )
        lines = [line for line in self._process_output.splitlines() if line.strip()]
        self.progress.setRange(0, max(1, len(lines)))
        self.progress.setValue(len(lines))

    def _pdf_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        self._pdf_output()
        error = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        self._process = None
        process.deleteLater()
        request = self._pdf_request
        if self._stop.is_set() or status == QProcess.ExitStatus.CrashExit:
            self._remove_partial(request.out, process.processId())
            written = _changed(self._pdf_before, request.out)
            if self._stop.is_set():
                self._done(ExportOutcome(written, cancelled=True))
                return
        if code != 0 or status == QProcess.ExitStatus.CrashExit:
            lines = [line for line in error.splitlines() if line.startswith("newsroom: error:")]
            message = lines[-1].removeprefix("newsroom: error:").strip() if lines else ""
            self._failed(RuntimeError(message or self.tr("the PDF export stopped")))
            return
        files = [line for line in self._process_output.splitlines() if line.strip()]
        self._done(ExportOutcome(len(files), cancelled=False))

    def _pdf_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            self._process = None
            self._failed(RuntimeError(self.tr("could not start the PDF export")))

    @staticmethod
    def _remove_partial(folder: Path, pid: int) -> None:
        for leftover in folder.glob(f".*.{pid}.partial"):
            try:
                leftover.unlink()
            except OSError:
                continue

    # --- results ------------------------------------------------------------------------

    def _progressed(self, stage: str, done: int, total: int) -> None:
        if not self._running:
            return
        self.progressed.emit(stage, done, total)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        names = {
            "articles": self.tr("Articles"),
            "photos": self.tr("Photos"),
            "renditions": self.tr("Photo renditions"),
            "pages": self.tr("Pages"),
        }
        if not self._stop.is_set():
            self.status.setText(f"{names.get(stage, stage)}: {done}/{total}")

    def _done(self, outcome: ExportOutcome) -> None:
        self._set_running(False)
        self.outcome = outcome
        self.progress.setRange(0, 1)
        if outcome.cancelled:
            self.progress.setValue(0)
            self.status.setText(
                self.tr("Export cancelled: 1 file written")
                if outcome.written == 1
                else self.tr("Export cancelled: %n files written", "", outcome.written)
            )
        else:
            self.progress.setValue(1)
            text = (
                self.tr("Exported: 1 file written")
                if outcome.written == 1
                else self.tr("Exported: %n files written", "", outcome.written)
            )
            if outcome.notes:  # each said once: a missing base URL, related headlines left out
                text += " (" + "; ".join(outcome.notes) + ")"
            self.status.setText(text)
            self.open_button.show()
        self.finished_export.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, ForeignSiteError):
            if self.confirm_replace(error):
                self.start(replace=True)
                return
            self.status.setText(self.tr("Not exported: the folder holds another newsroom's site"))
        else:
            self.status.setText(one_line(error))
        self.finished_export.emit(None)

    def confirm_replace(self, error: ForeignSiteError) -> bool:
        """Ask before replacing another newsroom's site (tests override this)."""
        whose = (
            self.tr("the newsroom “{0}”").format(error.owner_name)
            if error.owner_name else self.tr("another newsroom")
        )  # fmt: skip
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Replace the site?"),
                          self.tr("{0} holds the site of {1}.").format(error.folder, whose),
                          QMessageBox.StandardButton.Cancel, self)  # fmt: skip
        box.setInformativeText(self.tr(
            "Replacing it removes that site's pages (those not changed since) "
            "and writes this newsroom's site there."
        ))  # fmt: skip
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is replace

    # --- state ----------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        self._running = running
        inputs = (self.current, self.selection, self.everything, self.format, self.folder)
        for widget in (*inputs, self.choose, self.self_contained, self.newsml_message,
                       self.export_button, self.close_button):  # fmt: skip
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if not running:
            self._update_enabled()

    def _update_enabled(self) -> None:
        if self._running:
            return
        fmt = self.selected_format()
        site = fmt == "site"
        self.current.setEnabled(self._current is not None and not site)
        self.selection.setEnabled(bool(self._ids) and not site)
        if site:
            self.everything.setChecked(True)
        self.self_contained.setEnabled(fmt == "html")
        self.newsml_message.setEnabled(fmt == "newsml")
        self.export_button.setEnabled(bool(self.folder.text().strip()))
        self.cancel_button.setEnabled(False)

    def done(self, result: int) -> None:
        """Closing while an export runs cancels it first."""
        if self._running:
            self.cancel()
            return
        super().done(result)
