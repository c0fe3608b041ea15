"""Publishing with a time and a way back: the Publish, Unpublish and Kill confirmations.

Publishing used to be one click with no way back. Now each move readers
notice asks first, naming the article:

- ``PublishDialog``: now, or at a date and time in the newsroom's time zone.
  A time ahead holds the story as scheduled (embargoed in the exports until
  then; the rule is ``newsroom.article.is_scheduled``). For a story already
  published it moves the publication time. While check errors stand (the
  core's publish gate, ``Newsroom.set_status``), it lists them and publishes
  only with a reason to override them, which the history keeps.
- ``UnpublishDialog``: back to draft with a reason, which the history keeps;
  the next site export removes the page.
- ``KillDialog``: withdrawn for good.

``PublicationRow`` is the editor's line for the publication: when a draft is
to go out (typed ahead of publishing), or when the story went or goes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article, Status
from newsroom.checks import Finding
from ui.date_fields import MomentField, long_moment
from ui.sizing import characters_wide


def zone_moment(moment: datetime, zone: tzinfo) -> str:
    """``28 June 2021, 10:05 MSK``: a moment as the newsroom reads it."""
    local = moment.astimezone(zone)
    return f"{long_moment(local)} {local:%Z}".strip()


def _headline(article: Article) -> str:
    return article.headline.strip() or "(no headline)"


class PublishDialog(QDialog):
    """Publish ``article`` now or at a chosen time (or move the time of a published one).

    ``errors``: the check errors that stand; publishing them needs a reason
    (``override_reason``), and the button says it publishes anyway.
    """

    def __init__(
        self,
        article: Article,
        zone: tzinfo,
        parent: QWidget | None = None,
        *,
        at: datetime | None = None,
        errors: Sequence[Finding] = (),
        warnings: int = 0,
    ) -> None:
        super().__init__(parent)
        self._zone = zone
        self.errors = tuple(errors)
        moving = article.status.is_public
        self.setWindowTitle(self.tr("Publication time") if moving else self.tr("Publish"))
        question = (
            self.tr("When should “{0}” be published?") if moving else self.tr("Publish “{0}”?")
        )
        self.question = QLabel(question.format(_headline(article)), self)
        self.question.setWordWrap(True)
        bold = self.question.font()
        bold.setBold(True)
        self.question.setFont(bold)
        self.now = QRadioButton(self.tr("&Now"), self)
        self.at = QRadioButton(self.tr("&At"), self)
        self.when = MomentField(zone, self)
        self.when.setAccessibleName(self.tr("Publication date and time"))
        self.when.setPlaceholderText(self.tr("e.g. 28.06.2021 10:05"))
        choice = QButtonGroup(self)
        choice.addButton(self.now)
        choice.addButton(self.at)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("What publishing will do"))
        self.override = CheckOverride(self.errors, self)
        # Warnings do not stop publishing, but the moment of publishing is the last look.
        self.warnings_note = QLabel(
            self.tr("1 check warning stands: see the Checks tab.")
            if warnings == 1
            else self.tr("{0} check warnings stand: see the Checks tab.").format(warnings),
            self,
        )
        self.warnings_note.setAccessibleName(self.tr("Check warnings"))
        self.warnings_note.setVisible(warnings > 0)
        self.error_list, self.reason = self.override.error_list, self.override.reason
        self.buttons = QDialogButtonBox(self)
        publish = self.tr("Publish &anyway") if self.errors else self.tr("&Publish")
        self.publish_button = self.buttons.addButton(
            self.tr("Move the time") if moving else publish,
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button.setDefault(True)
        self._lay_out()
        start = at if at is not None else (article.published_at if moving else None)
        if start is not None:
            self.when.set_moment(start)
            self.at.setChecked(True)
        else:
            self.now.setChecked(True)
        if self.errors:
            self.reason.setFocus()  # what the dialog waits for
        self.now.toggled.connect(self._update)
        self.when.textEdited.connect(self._typed)  # typing a time means "at"
        self.when.momentChanged.connect(self._update)
        self.when.problemChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def override_reason(self) -> str:
        """The reason given to publish despite the check errors ("" when none stand)."""
        return self.override.reason_text()

    def _lay_out(self) -> None:
        when_row = QHBoxLayout()
        when_row.addWidget(self.at)
        when_row.addWidget(self.when, 1)
        zone = QLabel(getattr(self._zone, "key", str(self._zone)), self)
        zone.setAccessibleName(self.tr("Time zone"))
        when_row.addWidget(zone)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.now)
        layout.addLayout(when_row)
        layout.addWidget(self.note)
        layout.addWidget(self.override)
        layout.addWidget(self.warnings_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(characters_wide(self, 64))

    def _typed(self, _moment: object) -> None:
        self.at.setChecked(True)
        self._update()

    def chosen_time(self) -> datetime | None:
        """The publication time chosen (aware), or None for now."""
        return self.when.moment() if self.at.isChecked() else None

    def _update(self, *_: object) -> None:
        problem = self.when.problem() if self.at.isChecked() else ""
        moment = self.chosen_time()
        if problem:
            text = problem
        elif self.at.isChecked() and moment is None:
            text = self.tr("Type the date and time, or choose Now.")
        elif moment is None or moment <= datetime.now(UTC):
            text = self.tr("Readers see it at once.")
            if moment is not None:
                text = self.tr("It shows as published at {0}.").format(
                    zone_moment(moment, self._zone)
                )
        else:
            text = self.tr(
                "Held as scheduled until {0}: it joins the site and the news feed then, "
                "and exports made before then go out embargoed until that time."
            ).format(zone_moment(moment, self._zone))
        self.note.setText(text)
        ready = not problem and not (self.at.isChecked() and moment is None)
        self.publish_button.setEnabled(ready and self.override.ready())


class CheckOverride(QWidget):
    """The check errors that stand, and the reason to go ahead anyway (hidden without errors)."""

    def __init__(self, errors: Sequence[Finding], parent: QWidget | None = None) -> None:
        from ui.checks.model import field_label

        super().__init__(parent)
        self.errors = tuple(errors)
        count = len(self.errors)
        heading = (
            self.tr("1 check error stands:")
            if count == 1
            else self.tr("{0} check errors stand:").format(count)
        )
        lines = [f"• {field_label(e.field)}: {e.message} [{e.rule}]" for e in self.errors]
        self.error_list = QLabel("\n".join([heading, *lines]), self)
        self.error_list.setWordWrap(True)
        self.error_list.setAccessibleName(self.tr("Check errors"))
        self.error_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason to go ahead despite the check errors"))
        self.reason.setPlaceholderText(self.tr("e.g. The agency's headline, kept as sent"))
        form = QFormLayout()
        form.addRow(self.tr("&Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error_list)
        layout.addLayout(form)
        self.setVisible(bool(self.errors))

    def reason_text(self) -> str:
        return self.reason.text().strip() if self.errors else ""

    def ready(self) -> bool:
        """No errors, or a reason given for them (the history keeps it)."""
        return not self.errors or bool(self.reason_text())


class OverrideDialog(QDialog):
    """A status move the checks stop (Corrected): the errors, and a reason to go ahead."""

    def __init__(
        self,
        article: Article,
        errors: Sequence[Finding],
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(action.replace("&", ""))
        question = QLabel(
            self.tr("“{0}”: the checks stop this until the errors are fixed.").format(
                _headline(article)
            ),
            self,
        )
        question.setWordWrap(True)
        self.override = CheckOverride(errors, self)
        self.buttons = QDialogButtonBox(self)
        self.go_button = self.buttons.addButton(
            self.tr("{0} anyway").format(action), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.override)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(characters_wide(self, 64))
        self.override.reason.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def override_reason(self) -> str:
        return self.override.reason_text()

    def _update(self) -> None:
        self.go_button.setEnabled(self.override.ready())


class UnpublishDialog(QDialog):
    """Take a published story back to draft; the reason is required and kept in the history."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unpublish"))
        text = self.tr(
            "Take “{0}” back to draft? Readers no longer see it, and the next site export "
            "removes its page. The history keeps why."
        ).format(_headline(article))
        message = QLabel(text, self)
        message.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason for unpublishing"))
        self.reason.setPlaceholderText(self.tr("e.g. Published too early; facts being checked"))
        self.buttons = QDialogButtonBox(self)
        self.unpublish_button = self.buttons.addButton(
            self.tr("&Unpublish"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.tr("&Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(characters_wide(self, 64))
        self.reason.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def _update(self) -> None:
        self.unpublish_button.setEnabled(bool(self.reason.text().strip()))


class KillDialog(QDialog):
    """Kill a story: withdrawn for good, which cannot be undone."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kill"))
        text = self.tr(
            "Kill “{0}”? A killed story is withdrawn for good: it cannot be published again "
            "(a reworked story goes out as a new article)."
        ).format(_headline(article))
        message = QLabel(text, self)
        message.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        kill = buttons.addButton(self.tr("&Kill"), QDialogButtonBox.ButtonRole.DestructiveRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter never kills a story by accident
        kill.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(buttons)
        self.setMinimumWidth(characters_wide(self, 56))
        self.kill_button = kill


class PublicationRow(QWidget):
    """The editor's publication line: "publish at" for a draft, when it went out for the rest."""

    changeRequested = Signal()  # the editor asks to move a published story's time

    def __init__(self, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self.publish_at = MomentField(zone, self)
        self.publish_at.setAccessibleName(self.tr("Publish at"))
        self.publish_at.setPlaceholderText(self.tr("now, when you publish"))
        self.state = QLabel(self)
        self.state.setAccessibleName(self.tr("Publication"))
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change = QPushButton(self.tr("Change…"), self)
        self.change.setAccessibleName(self.tr("Change the publication time"))
        self.change.clicked.connect(self.changeRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.publish_at, 1)
        layout.addWidget(self.state, 1)
        layout.addWidget(self.change)

    def set_zone(self, zone: tzinfo) -> None:
        self._zone = zone
        self.publish_at.set_zone(zone)

    def show_article(self, article: Article, *, fresh: bool) -> None:
        """What this article's publication is; ``fresh`` (another article opened): a draft's
        "publish at" starts empty (now); after a save it keeps what was typed."""
        public = article.status.is_public and article.published_at is not None
        self.publish_at.setVisible(not public and article.status is not Status.KILLED)
        self.state.setVisible(public or article.status is Status.KILLED)
        self.change.setVisible(public)
        if article.status is Status.KILLED:
            self.state.setText(self.tr("Killed: withdrawn for good"))
        elif public and article.published_at is not None:
            self.state.setText(self._public_text(article.published_at))
        if fresh or public:
            self.publish_at.set_moment(None)

    def _public_text(self, published_at: datetime) -> str:
        when = zone_moment(published_at, self._zone)
        if published_at > datetime.now(UTC):
            return self.tr("Scheduled for {0} (embargoed until then)").format(when)
        return self.tr("Published {0}").format(when)
