"""Date fields that read what editors type: ``28.06.2021``, ``2021-06-28``, ``June 28``.

The reading is ``newsroom.typed_dates``; this module shows it. A field keeps
the last date it could read for the preview, but while its text is not a
date it says so (``problem()``, and a warning look once the editor leaves it)
and the window saves nothing from it: an impossible date is never quietly
replaced by the old one. Focusing the field selects its whole text, so typing
replaces the date rather than editing a part of it; leaving it writes the
date out in full (``28 June 2021``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from newsroom.typed_dates import TypedDateError, parse_date, parse_moment
from ui.text_fields import LineField

INVALID_PROPERTY = "invalid"
Day = date  # inside DateField, "date" is its method


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def long_moment(moment: datetime) -> str:
    return f"{long_date(moment.date())}, {moment:%H:%M}"


class _TypedField(LineField):
    """A line field whose text is read on every edit; ``problem()`` says why it cannot be."""

    problemChanged = Signal(str)  # "" once the text reads again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem = ""
        self.textEdited.connect(self._read)
        self.editingFinished.connect(self._finished)

    def problem(self) -> str:
        return self._problem

    def _read(self, text: str) -> None:
        raise NotImplementedError

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        if not problem:
            show_invalid(self, False)
        self.problemChanged.emit(problem)

    def _finished(self) -> None:
        if self._problem:
            show_invalid(self, True)
        else:
            self._write_out()

    def _write_out(self) -> None:
        raise NotImplementedError

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # After the click that focused it has placed the cursor: select everything.
        QTimer.singleShot(0, self.selectAll)


class DateField(_TypedField):
    """A date as editors type it; ``dateChanged(date)`` when the text names another one."""

    dateChanged = Signal(object)

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], Day] = Day.today
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._date = today()
        self.setPlaceholderText(self.tr("e.g. 28.06.2021 or June 28"))
        self.setToolTip(self.tr("Type a date: 28.06.2021, 2021-06-28, 28 June 2021, June 28"))
        self._write_out()

    def date(self) -> Day:
        """The date last read (the preview shows it; ``problem()`` says if the text differs)."""
        return self._date

    def setDate(self, day: Day) -> None:
        self._date = day
        self._set_problem("")
        self._write_out()

    def _read(self, text: str) -> None:
        try:
            day = parse_date(text, today=self._today())
        except TypedDateError as error:
            self._set_problem(str(error))
            return
        self._set_problem("")
        if day != self._date:
            self._date = day
            self.dateChanged.emit(day)

    def _write_out(self) -> None:
        self.setText(long_date(self._date))


class MomentField(_TypedField):
    """A date and time in the newsroom's time zone, or empty for "now"."""

    momentChanged = Signal(object)  # datetime, or None for now

    def __init__(self, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._moment: datetime | None = None
        self.setPlaceholderText(self.tr("now"))
        self.setToolTip(
            self.tr("Empty for now, or a date and time: 28.06.2021 10:05, June 28 10:05, 18:00")
        )

    def set_zone(self, zone: tzinfo) -> None:
        self._zone = zone

    def moment(self) -> datetime | None:
        """The moment typed (aware, in the newsroom's zone), None for "now"."""
        return self._moment

    def set_moment(self, moment: datetime | None) -> None:
        self._moment = None if moment is None else moment.astimezone(self._zone)
        self._set_problem("")
        self._write_out()

    def _read(self, text: str) -> None:
        if not text.strip() or text.strip().lower() == "now":
            moment = None
        else:
            try:
                moment = parse_moment(text, now=datetime.now(self._zone))
            except TypedDateError as error:
                self._set_problem(str(error))
                return
        self._set_problem("")
        if moment != self._moment:
            self._moment = moment
            self.momentChanged.emit(moment)

    def _write_out(self) -> None:
        self.setText("" if self._moment is None else long_moment(self._moment))


def show_invalid(widget: QWidget, invalid: bool) -> None:
    """A field whose text cannot be read, in the palette's warning colours."""
    if widget.property(INVALID_PROPERTY) == invalid:
        return
    widget.setProperty(INVALID_PROPERTY, invalid)
    if not invalid:
        widget.setPalette(QPalette())  # an empty palette: the widget inherits again
        return
    palette = widget.palette()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    palette.setColor(QPalette.ColorRole.Text, QColor("#ff7b72" if dark else "#b3261e"))
    widget.setPalette(palette)


def with_calendar(field: DateField) -> QWidget:
    """The field with a button that drops down a calendar, for those who would rather click."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field, 1)
    button = QToolButton(holder)
    button.setText("▾")
    button.setAccessibleName(field.tr("Choose the date on a calendar"))
    button.setToolTip(field.tr("Choose the date on a calendar"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types the date instead
    menu = QMenu(button)
    calendar = QCalendarWidget(menu)
    action = QWidgetAction(menu)
    action.setDefaultWidget(calendar)
    menu.addAction(action)
    button.setMenu(menu)

    def chosen(picked: QDate) -> None:
        menu.close()
        day = date(picked.year(), picked.month(), picked.day())
        field.setDate(day)
        field.dateChanged.emit(day)

    def showing() -> None:
        day = field.date()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    menu.aboutToShow.connect(showing)
    calendar.clicked.connect(chosen)
    calendar.activated.connect(chosen)
    layout.addWidget(button)
    return holder
