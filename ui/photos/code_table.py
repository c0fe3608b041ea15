"""The code replacements (=lav= → full text) as an editable table; TSV in and out."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsroom.errors import NewsroomError
from newsroom.outside_files import read_outside
from newsroom.photos import codes as code_table
from ui import file_dialogs
from ui.errors import one_line
from ui.session import Session
from ui.sizing import characters_wide, fit_to_content
from ui.tasks import guarded

CODE_CHARACTERS = 16
TEXT_CHARACTERS = 50
VISIBLE_ROWS = 12


class CodeTableDialog(QDialog):
    """The code replacements (=lav= → full text) as an editable table; TSV in and out."""

    saved = Signal(dict)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Code replacements"))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Text")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Code replacements"))
        self.add_button = QPushButton(self.tr("Add row"), self)
        self.remove_button = QPushButton(self.tr("Remove row"), self)
        self.import_button = QPushButton(self.tr("Import TSV…"), self)
        self.export_button = QPushButton(self.tr("Export TSV…"), self)
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Error"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.import_button,
                       self.export_button):  # fmt: skip
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_rows)
        self.import_button.clicked.connect(self.import_tsv)
        self.export_button.clicked.connect(self.export_tsv)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.loaded = False
        self._size_table()
        fit_to_content(self)
        session.tasks.read(
            session.newsroom.photos.codes,
            done=guarded(self, self._load),
            failed=guarded(self, self._failed),
        )

    def _size_table(self) -> None:
        """Room for a code and its text side by side, and a dozen rows, in this font."""
        self.table.setColumnWidth(0, characters_wide(self.table, CODE_CHARACTERS))
        rows = self.table.verticalHeader().defaultSectionSize() * VISIBLE_ROWS
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setMinimumSize(
            characters_wide(self.table, CODE_CHARACTERS + TEXT_CHARACTERS),
            rows + header + 2 * self.table.frameWidth(),
        )

    # --- overridable in tests --------------------------------------------------

    @classmethod
    def ask_open(cls, parent: QWidget) -> Path | None:
        return file_dialogs.open_file(
            parent, parent.tr("Import code replacements"),
            parent.tr("Tab-separated text (*.tsv *.txt);;All files (*)"),
        )  # fmt: skip

    @classmethod
    def ask_save(cls, parent: QWidget) -> Path | None:
        return file_dialogs.save_file(
            parent, parent.tr("Export code replacements"),
            parent.tr("Tab-separated text (*.tsv *.txt)"), "codes.tsv",
        )  # fmt: skip

    # --- editing ---------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str]]:
        def cell(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(cell(row, 0), cell(row, 1)) for row in range(self.table.rowCount())]

    def set_table(self, table: dict[str, str]) -> None:
        self.table.setRowCount(0)
        for code, text in sorted(table.items()):
            self._append(f"={code}=", text)

    def add_row(self) -> None:
        self._append("", "")
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def remove_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def import_tsv(self) -> None:
        path = type(self).ask_open(self)
        if path is None:
            return
        try:
            text = read_outside(path, path.name).decode("utf-8")
            table = code_table.parse_table(text, path.name)
        except (NewsroomError, OSError) as error:
            self.error.setText(one_line(error))
            return
        except UnicodeDecodeError:
            self.error.setText(
                self.tr("{name}: not UTF-8 text; save it as UTF-8 and import it again").format(
                    name=path.name
                )
            )
            return
        self.set_table(table)
        self.error.clear()

    def export_tsv(self) -> None:
        table = self._checked()
        if table is None:
            return
        path = type(self).ask_save(self)
        if path is None:
            return
        try:
            path.write_text(code_table.format_table(table), encoding="utf-8")
        except OSError as error:
            self.error.setText(one_line(error))

    def save(self) -> None:
        table = self._checked()
        if table is None:
            return
        self.buttons.setEnabled(False)
        self._session.tasks.write(
            partial(self._session.newsroom.photos.set_codes, table),
            done=guarded(self, self._saved), failed=guarded(self, self._failed),
        )  # fmt: skip

    # --- behind the scenes ----------------------------------------------------------

    def _checked(self) -> dict[str, str] | None:
        try:
            table = code_table.parse_rows(self.rows())
        except NewsroomError as error:
            self.error.setText(one_line(error))
            return None
        self.error.clear()
        return table

    def _append(self, code: str, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(code))
        self.table.setItem(row, 1, QTableWidgetItem(text))

    def _load(self, table: dict[str, str]) -> None:
        self.set_table(table)
        self.loaded = True

    def _saved(self, table: dict[str, str]) -> None:
        self.saved.emit(table)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(one_line(error))
