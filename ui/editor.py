"""The article editor: every field of an article an editor writes, in one form.

``ArticleEditor(session, undo_stack)``: ``load(article)`` shows an article
(no ``edited``; text undo starts afresh), ``article()`` gives it back with
the editor's fields applied (``related`` untouched), ``edited`` is emitted
on every user change, ``apply_settings(settings)`` follows a changed house
style and limits. Counts, reading time, typographic quotes and the live
dateline are rules of ``newsroom.editorial``; this module only shows them.

The article's language (``ui.language_field``) sets the direction of the
fields its text is written in (``TEXT_DIRECTION_FIELDS``: right to left for
Arabic, Hebrew, Persian…) and the dateline's words; a choice of language is
one step on the undo stack, as a quote or a photo is.
"""

from __future__ import annotations

import itertools
from datetime import datetime

import shiboken6
from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article, Dateline
from newsroom.checks import RULES, CheckContext, Finding, Severity
from newsroom.checks.limits import over_limit
from newsroom.editorial import (
    count_words,
    live_dateline,
    reading_minutes,
    tags_as_text,
    tags_from_text,
    typographic_replacement,
)
from newsroom.language import is_rtl
from newsroom.settings import Settings
from ui.checks.look import severity_colour
from ui.date_fields import DateField, with_calendar
from ui.errors import one_line
from ui.language_field import LanguageField
from ui.look import enlarge, quiet
from ui.markdown_highlighter import MarkdownHighlighter
from ui.photos.panel import PhotoPanel
from ui.publishing import PublicationRow
from ui.quotes import QuotesPanel
from ui.section_field import SectionField
from ui.session import Session
from ui.text_fields import LineField, ParagraphField, ProseField, set_text_direction

# Characters that may start a typographic replacement.
_TRIGGERS = frozenset("\"'-")
WARNING_PROPERTY = "warning"


BODY_PAUSE_MS = 150  # typing pause before the body's word count and quote checks
COLUMN_CHARACTERS = 110  # the editor's column at most this many average characters wide
BODY_SCALE = 1.12  # the body and lead a little larger than the interface's text


def set_warning(label: QLabel, severity: Severity | None) -> None:
    """Show a count in its limit rule's colour (as the Checks tab shows the finding: an
    error red, a warning amber), or as plain text when the rule finds nothing."""
    shown = severity.value if severity is not None else ""
    if (label.property(WARNING_PROPERTY) or "") == shown:
        return
    label.setProperty(WARNING_PROPERTY, shown)
    label.setAutoFillBackground(severity is not None)
    if severity is None:
        label.setPalette(QPalette())  # the window's own again (light or dark)
        return
    palette = QPalette(label.palette())
    colour = severity_colour(severity, palette)
    palette.setColor(QPalette.ColorRole.Window, colour)
    text = Qt.GlobalColor.black if colour.lightness() > 150 else Qt.GlobalColor.white
    palette.setColor(QPalette.ColorRole.WindowText, text)
    label.setPalette(palette)


class BodyEdit(ProseField):
    """The Markdown body: typographic quotes as you type, each its own undo step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.typographic = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if not self.typographic or self.isReadOnly() or event.text() not in _TRIGGERS:
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            return
        block = cursor.block()
        found = typographic_replacement(block.text(), cursor.positionInBlock())
        if found is None:
            return
        # A separate edit block: one Ctrl+Z brings the straight character back.
        # (Undo puts the cursor back where the block began: just after the typed character.)
        edit = QTextCursor(cursor)
        edit.beginEditBlock()
        edit.setPosition(block.position() + found.start)
        edit.setPosition(block.position() + found.end, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(found.text)
        edit.endEditBlock()
        self.setTextCursor(edit)
        self.end_typing_run()  # what is typed next does not undo with the replacement


class ArticleEditor(QWidget):
    """The centre of the main window: headline to photo."""

    edited = Signal()
    citiesLoaded = Signal()

    def __init__(
        self, session: Session, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        self.settings = session.newsroom.settings()
        self._limits = CheckContext(settings=self.settings)  # what the counters judge by
        self._article = Article(headline="")
        self._loading = False
        self._last_focus: QWidget | None = None
        self.read_only = False
        self._enabled_before: dict[int, bool] = {}
        self._banners: list[QWidget] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._cities_asked = False  # the dateline cities are read when the city field is used
        self._build_fields()
        self._build_layout()
        self._connect()
        self.apply_settings(self.settings)
        self._load_lists()

    # --- building -------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.headline = ParagraphField(self)
        self.headline.setAccessibleName(self.tr("Headline"))
        self.headline.setPlaceholderText(self.tr("Headline"))
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline_count = QLabel(self)
        self.headline_count.setAccessibleName(self.tr("Headline length"))
        self.subtitle = ParagraphField(self)
        self.subtitle.setAccessibleName(self.tr("Subtitle"))
        self.section = SectionField(self.session, self)
        self.byline = LineField(self)
        self.byline.setAccessibleName(self.tr("Byline"))
        self.tags = LineField(self)
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. politics, Europe"))
        self.language = LanguageField(self)
        self.language_problem = QLabel(self)
        self.language_problem.setAccessibleName(self.tr("Language problem"))
        self.language_problem.setWordWrap(True)
        self.language_problem.hide()
        self._language_generation = 0  # bumped by every load: older undo steps do nothing

        self._build_dateline_fields()
        self._build_text_fields()
        self.quotes = QuotesPanel(self.undo_stack, self)
        self.quotes.set_selection_source(lambda: self.body.textCursor().selectedText())
        self.photo = PhotoPanel(self.session, self.undo_stack, self)
        self.publication = PublicationRow(self.settings.tzinfo, self)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Editor status"))
        self.status.setWordWrap(True)

    def _build_dateline_fields(self) -> None:
        self.city = LineField(self)
        self.city.setAccessibleName(self.tr("Dateline city"))
        self.city.setPlaceholderText(self.tr("City"))
        self.cities = QStringListModel(self)
        self.city_completer = QCompleter(self.cities, self)
        self.city_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.city_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.city.setCompleter(self.city_completer)
        self.no_date = QCheckBox(self.tr("No date"), self)
        self.no_date.setAccessibleName(self.tr("Dateline without a date"))
        self.no_date.setToolTip(self.tr("Pages show the publication date instead"))
        self.date = DateField(self)
        self.date.setAccessibleName(self.tr("Dateline date"))
        self.date_with_calendar = with_calendar(self.date)
        # Room for the longest date written out ("28 September 2026"), never its tail only.
        self.date.setMinimumWidth(self.date.fontMetrics().horizontalAdvance("28 September 2026 "))
        self.agency = LineField(self)
        self.agency.setAccessibleName(self.tr("Dateline agency"))
        self.dateline_text = QLabel(self)
        self.dateline_text.setAccessibleName(self.tr("Dateline as printed"))
        self.dateline_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.dateline_text.font()
        bold.setBold(True)
        self.dateline_text.setFont(bold)

    def _build_text_fields(self) -> None:
        self.lead = ProseField(self)
        enlarge(self.lead, BODY_SCALE)
        self.lead.setAccessibleName(self.tr("Lead"))
        self.lead.setPlaceholderText(self.tr("The first paragraph: who, what, where, when"))
        self.lead.setTabChangesFocus(True)
        spaced_line = self.lead.fontMetrics().lineSpacing() * ProseField.LINE_HEIGHT / 100
        self.lead.setFixedHeight(round(spaced_line * 4) + 14)
        self.lead_count = QLabel(self)
        self.lead_count.setAccessibleName(self.tr("Lead length"))

        self.body = BodyEdit(self)
        enlarge(self.body, BODY_SCALE)
        self.body.setAccessibleName(self.tr("Body"))
        self.body.setPlaceholderText(self.tr("The story, in Markdown: ## headings, *emphasis*…"))
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(320)
        self.highlighter = MarkdownHighlighter(self.body.document(), self.body.palette())
        self.typographic = QCheckBox(self.tr("Typographic quotes"), self)
        self.typographic.setAccessibleName(self.tr("Typographic quotes as you type"))
        self.typographic.setToolTip(
            self.tr('Turn "straight" quotes into “curly” ones and -- into —')
        )
        self.typographic.setChecked(True)
        self.body_stats = QLabel(self)
        self.body_stats.setAccessibleName(self.tr("Body word count and reading time"))

    def _build_layout(self) -> None:
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("&Headline"), _row(self.headline, self.headline_count))
        form.addRow(self.tr("&Subtitle"), self.subtitle)
        section_row = _row(
            self.section, _buddy(self.tr("B&yline"), self.byline), self.byline, stretch=(1, 0, 1)
        )
        form.addRow(self.tr("S&ection"), section_row)
        tags_row = _row(
            self.tags, _buddy(self.tr("La&nguage"), self.language), self.language,
            stretch=(1, 0, 0),
        )  # fmt: skip
        form.addRow(self.tr("&Tags"), tags_row)
        form.addRow("", self.language_problem)
        dateline = _row(self.city, self.date_with_calendar, self.no_date, stretch=(1, 0, 0))
        form.addRow(self.tr("&Dateline"), dateline)
        form.addRow(self.tr("A&gency"), self.agency)
        form.addRow("", self.dateline_text)
        form.addRow(self.tr("P&ublication"), self.publication)
        form.addRow(self.tr("&Lead"), self.lead)
        form.addRow("", self.lead_count)
        form.addRow(self.tr("B&ody"), self.body)
        form.addRow("", _row(self.body_stats, None, self.typographic))

        quotes_box = QGroupBox(self.tr("Quotes"), self)
        QVBoxLayout(quotes_box).addWidget(self.quotes)
        photo_box = QGroupBox(self.tr("Photo"), self)
        QVBoxLayout(photo_box).addWidget(self.photo)

        self.content = content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 10, 12, 10)
        column.addLayout(form)
        column.addWidget(quotes_box)
        column.addWidget(photo_box)
        column.addWidget(self.status)
        column.addStretch(1)
        # A column of comfortable width, centred when the window is wider (focus mode,
        # a large screen): lines of 70–80 characters read best.
        content.setMaximumWidth(self.fontMetrics().averageCharWidth() * COLUMN_CHARACTERS)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self._quiet_labels()
        self._set_tab_order()

    def _quiet_labels(self) -> None:
        """Field labels a step back from the text: smaller, in the palette's quieter colour."""
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                quiet(label)

    def page_order(self) -> list[QWidget]:
        """The inputs in the order the page shows them: the keyboard's Tab order."""
        photo = self.photo
        quotes = self.quotes
        return [
            self.headline, self.subtitle, self.section, self.byline, self.tags, self.language,
            self.city,
            self.date, self.no_date, self.agency, self.publication.publish_at,
            self.publication.change, self.lead, self.body, self.typographic, quotes.view,
            quotes.add_button, quotes.edit_button, quotes.remove_button, quotes.pull_button,
            quotes.place, photo.caption, photo.credit, photo.alt, photo.library_button,
            photo.import_button, photo.remove_button,
        ]  # fmt: skip

    def _set_tab_order(self) -> None:
        order = self.page_order()
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)

    def _connect(self) -> None:
        for line in (self.headline, self.subtitle, self.byline, self.tags, self.agency):
            line.textChanged.connect(self._changed)
        self.headline.textChanged.connect(self._update_headline_count)
        self.city.textChanged.connect(self._changed)
        self.city.textChanged.connect(self._update_dateline)
        self.agency.textChanged.connect(self._update_dateline)
        self.date.dateChanged.connect(self._changed)
        self.date.dateChanged.connect(self._update_dateline)
        self.date.problemChanged.connect(self._date_problem)
        self.no_date.toggled.connect(self._no_date_toggled)
        self.section.editTextChanged.connect(self._changed)
        self.section.problem.connect(self.status.setText)
        self.lead.textChanged.connect(self._changed)
        self.lead.textChanged.connect(self._update_lead_count)
        self.body.textChanged.connect(self._changed)
        # Counting words and checking quotes over a long body costs milliseconds a
        # keystroke; they wait for a short pause in typing instead.
        self._body_pause = QTimer(self, singleShot=True, interval=BODY_PAUSE_MS)
        self._body_pause.timeout.connect(self._body_changed)
        self.body.textChanged.connect(self._body_pause.start)
        self.typographic.toggled.connect(self._typographic_toggled)
        self.quotes.changed.connect(self._changed)
        self.photo.changed.connect(self._changed)
        self.lead.textChanged.connect(self._body_pause.start)  # where unplaced pull quotes go
        self.language.editTextChanged.connect(self._language_typed)
        self.language.chosen.connect(self._language_chosen)

    def reload_lists(self) -> None:
        """Sections and dateline cities again (after many articles arrived at once)."""
        self._load_lists()

    def _load_lists(self) -> None:
        """Sections, and earlier dateline cities once the city field was used, read off the
        UI thread. The cities are counted over every article (a second at a million): read
        when the city field first takes the focus, not while the article and preview open."""
        self.section.reload()
        if self._cities_asked:
            self._read_cities()

    def _read_cities(self) -> None:
        self._cities_asked = True
        self.session.tasks.read(
            self.session.newsroom.dateline_cities, done=self._cities_read, failed=self._failed
        )

    # --- the contract -------------------------------------------------------------------

    def load(self, article: Article) -> None:
        """Show ``article``; emits no ``edited`` and starts text undo afresh."""
        self._loading = True
        self._last_focus = None  # another article: start from its headline or body
        try:
            self._article = article
            self.headline.setText(article.headline)
            self.subtitle.setText(article.subtitle)
            self.section.setEditText(article.section)
            self.byline.setText(article.byline)
            self.tags.setText(tags_as_text(article.tags))
            self._language_generation += 1
            self.language.show_tag(article.language)
            dateline = article.dateline
            self.city.setText(dateline.city)
            self.agency.setText(dateline.agency)
            self.no_date.setChecked(dateline.date is None)
            self.date.setDate(dateline.date or datetime.now(self.settings.tzinfo).date())
            self.date.setEnabled(dateline.date is not None)
            self.lead.setPlainText(article.lead)
            self.body.setPlainText(article.body)
            self._body_pause.stop()
            self.quotes.model.load(article.quotes, article.body, article.lead)
            self.photo.load(article.photo)
            self.publication.show_article(article, fresh=True)
            self.status.clear()
            self._show_language_problem("")
            for line in (self.headline, self.subtitle, self.byline, self.tags, self.city):
                line.setCursorPosition(0)
        finally:
            self._loading = False
        self._update_all()
        self._follow_direction()

    def article(self) -> Article:
        """The loaded article with every field of the editor applied (not ``related``)."""
        quotes = tuple(q for q in self.quotes.model.quotes() if q.text.strip())
        return self._article.with_changes(
            headline=self.headline.text(),
            subtitle=self.subtitle.text(),
            section=self.section.currentText(),
            byline=self.byline.text(),
            tags=tags_from_text(self.tags.text()),
            language=self.language.tag(),
            dateline=self.current_dateline(),
            lead=self.lead.toPlainText(),
            body=self.body.toPlainText(),
            quotes=quotes,
            photo=self.photo.photo_use(),
        )

    def apply_settings(self, settings: Settings) -> None:
        """Follow changed settings: limits, dateline style, agency, time zone."""
        self.settings = settings
        self._limits = CheckContext(settings=settings)
        self.publication.set_zone(settings.tzinfo)
        self.agency.setPlaceholderText(
            settings.agency or self.tr("Agency (the newsroom's when empty)")
        )
        self.language.set_newsroom_language(settings.language)
        self._update_all()
        self._follow_direction()

    # --- what the editor shows --------------------------------------------------------

    def current_dateline(self) -> Dateline:
        when = None if self.no_date.isChecked() else self.date.date()
        return Dateline(city=self.city.text(), date=when, agency=self.agency.text())

    def show_publication(self, article: Article) -> None:
        """The saved article's publication (after a save or a status change)."""
        self._article = self._article.with_changes(
            status=article.status, published_at=article.published_at
        )
        self.publication.show_article(article, fresh=False)
        self._update_dateline()

    def set_read_only(self, read_only: bool) -> None:
        """Text can be read and selected but not changed; the other fields are disabled.

        Made writable again (another editor let go of the article), each control
        is as enabled as it was before: a button with nothing to act on stays off.
        """
        if read_only == self.read_only:
            return
        self.read_only = read_only
        for line in self.findChildren(QLineEdit):
            line.setReadOnly(read_only)
        for text in self.findChildren(QTextEdit):
            text.setReadOnly(read_only)
        for plain in self.findChildren(QPlainTextEdit):  # the headline and subtitle
            plain.setReadOnly(read_only)
        controls = [
            control
            for control in self.findChildren(QAbstractButton) + self.findChildren(QComboBox)
            if not (isinstance(control, QComboBox) and control.isEditable())
            and not self._in_banner(control)
        ]
        # Its list could be opened and picked from with a read-only line: off instead.
        controls.append(self.language)
        if read_only:
            self._enabled_before = {id(control): control.isEnabled() for control in controls}
        for control in controls:
            control.setEnabled(not read_only and self._enabled_before.get(id(control), True))

    def set_banner(self, banner: QWidget) -> None:
        """A strip above the fields (who holds the article, where a wire item came from):
        stays in view as the page scrolls; its buttons stay on when the fields are read-only."""
        self._banners.append(banner)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, banner)

    def _in_banner(self, control: QWidget) -> bool:
        return any(control is banner or banner.isAncestorOf(control) for banner in self._banners)

    def focus_text(self) -> None:
        """The keyboard back where the editor last typed here; else the headline while it
        is empty, and the body after."""
        last = self._last_focus
        if last is not None and shiboken6.isValid(last) and last.isVisibleTo(self):
            last.setFocus()
            return
        (self.headline if not self.headline.text().strip() else self.body).setFocus()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new is not self and self.isAncestorOf(new):
            self._last_focus = new
        if new is self.city and not self._cities_asked:
            self._read_cities()

    def input_problem(self) -> str:
        """Why what the editor holds cannot be saved as typed ("" when it can)."""
        if not self.no_date.isChecked() and self.date.problem():
            return self.tr("Dateline date: {0}").format(self.date.problem())
        if problem := self.language.problem():
            return self.tr("Language: {0}").format(problem)
        return ""

    def text_language(self) -> str:
        """The language the article is written in: its own, else the newsroom's."""
        return self.language.tag() or self.settings.language

    def show_error(self, error: BaseException) -> None:
        """A one-line message in the editor; nothing typed is touched."""
        self.status.setText(one_line(error))

    def _update_all(self) -> None:
        self._update_headline_count()
        self._update_dateline()
        self._update_lead_count()
        self._update_body_stats()

    # The counters are too long exactly when the Checks pane says so: the same limit rules.

    def _update_headline_count(self) -> None:
        headline = self.headline.text()
        over = over_limit(RULES["limits.headline"], Article(headline=headline), self._limits)
        line = self.tr("{length} / {limit}").format(
            length=len(headline), limit=self.settings.headline_limit
        )
        self._show_count(self.headline_count, line, over)

    def _update_lead_count(self) -> None:
        lead = self.lead.toPlainText()
        over = over_limit(RULES["limits.lead"], Article(headline="", lead=lead), self._limits)
        line = self.tr("{words} / {limit} words").format(
            words=count_words(lead), limit=self.settings.lead_word_limit
        )
        self._show_count(self.lead_count, line, over)

    def _show_count(self, label: QLabel, line: str, over: Finding | None) -> None:
        """A count, in its finding's colour and saying why when its limit rule finds it over."""
        label.setText(self.tr("{count} — too long").format(count=line) if over else line)
        label.setToolTip(over.message if over else "")
        set_warning(label, over.severity if over else None)

    def _update_body_stats(self) -> None:
        words = count_words(self.body.toPlainText())
        minutes = reading_minutes(words)
        self.body_stats.setText(
            self.tr("{words} words · {minutes} min read").format(words=words, minutes=minutes)
        )

    def _update_dateline(self) -> None:
        article = self._article
        text = live_dateline(
            self.current_dateline(),
            self.settings,
            published_at=article.published_at,
            updated_at=article.updated_at,
            language=self.text_language(),
        )
        self.dateline_text.setText(text or self.tr("(no dateline: give a city)"))
        self.dateline_text.setProperty("dateline", text)

    def adopt_section_spelling(self, typed: str, stored: str) -> bool:
        """Show the section as the newsroom spells it, unless it was retyped since the save.

        Not an edit: the stored article already has this spelling.
        """
        if self.section.currentText() != typed:
            return False
        self._loading = True
        try:
            self.section.setEditText(stored)
        finally:
            self._loading = False
        return True

    # --- reacting -------------------------------------------------------------------------

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _body_changed(self) -> None:
        self._update_body_stats()
        self.quotes.model.set_body(self.body.toPlainText(), self.lead.toPlainText())

    def _language_typed(self) -> None:
        """Say at once what is wrong with a typed tag; follow a good one's direction."""
        if self._loading:
            return
        problem = self.language.problem()
        self._show_language_problem(problem)
        self._follow_direction()
        self._update_dateline()
        self._changed()  # the window tries to save, and says why it cannot while wrong

    def _show_language_problem(self, problem: str) -> None:
        self.language_problem.setText(self.tr("Language: {0}").format(problem) if problem else "")
        self.language_problem.setVisible(bool(problem))
        set_warning(self.language_problem, Severity.ERROR if problem else None)

    def _language_chosen(self, before: str, after: str) -> None:
        self._agency_follows(before, after)
        self.undo_stack.push(_LanguageCommand(self, before, after))

    def _agency_follows(self, before: str, after: str) -> None:
        """An agency that is the newsroom's name in the language ``before`` becomes its name
        in ``after`` (TASS → ТАСС); one the editor typed is left as typed ("": the
        newsroom's language)."""
        was = self.settings.agency_in(before or self.settings.language)
        if self.agency.text() == was:
            self.agency.setText(self.settings.agency_in(after or self.settings.language))

    def show_language(self, tag: str) -> None:
        """``tag`` as the article's language (an undo or redo): fields, dateline, a save."""
        self._agency_follows(self.language.tag(), tag)
        self.language.show_tag(tag)
        self._show_language_problem("")
        self._follow_direction()
        self._update_dateline()
        self._changed()

    def _follow_direction(self) -> None:
        """The text fields, the quotes and the dateline in the direction of the language."""
        rtl = is_rtl(self.text_language())
        for field in self.text_direction_fields():
            set_text_direction(field, rtl=rtl)
        self.quotes.set_text_direction(rtl=rtl)

    def _date_problem(self, problem: str) -> None:
        self.status.setText(self.tr("Dateline date: {0}").format(problem) if problem else "")
        self._changed()  # the window tries to save, and says why it cannot

    def _no_date_toggled(self, no_date: bool) -> None:
        self.date.setEnabled(not no_date)
        self._update_dateline()
        self._changed()

    def text_direction_fields(self) -> list[QWidget]:
        """The fields that hold the article's own words (they follow its text direction)."""
        photo = self.photo
        return [
            self.headline, self.subtitle, self.byline, self.tags, self.city, self.dateline_text,
            self.lead, self.body, photo.caption, photo.credit, photo.alt,
        ]  # fmt: skip

    def _typographic_toggled(self, on: bool) -> None:
        self.body.typographic = on

    def _cities_read(self, cities: list[str]) -> None:
        self.cities.setStringList(cities)
        self.citiesLoaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.show_error(error)


class _LanguageCommand(QUndoCommand):
    """The article's language changed: undo shows the one before (the fields follow)."""

    def __init__(self, editor: ArticleEditor, before: str, after: str) -> None:
        super().__init__(editor.tr("Change language"))
        self._editor = editor
        self._before = before
        self._after = after
        self._generation = editor._language_generation
        self._done = True  # pushed once the field already shows it

    def _stale(self) -> bool:
        if self._editor._language_generation != self._generation:
            self.setObsolete(True)  # another article was loaded since
            return True
        return False

    def redo(self) -> None:
        if self._done:
            self._done = False  # pushed: the field, the fields and the dateline show it already
        elif not self._stale():
            self._editor.show_language(self._after)

    def undo(self) -> None:
        if not self._stale():
            self._editor.show_language(self._before)


def _row(*widgets: QWidget | None, stretch: tuple[int, ...] = ()) -> QWidget:
    """Widgets side by side (``stretch`` factors in order); ``None`` is a stretch."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for number, widget in enumerate(widgets):
        if widget is None:
            layout.addStretch(1)
        else:
            layout.addWidget(widget, stretch[number] if number < len(stretch) else 0)
    holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return holder


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    return label
