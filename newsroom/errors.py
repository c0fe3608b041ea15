"""The errors Newsroom reports to people.

Every message is one line that names the field or file and says what to do;
the CLI prints it after ``newsroom: error:`` and the app shows it in a dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checks raise this error: a runtime import would go round in a circle
    from newsroom.checks.model import Finding


class NewsroomError(Exception):
    """A problem the user can act on (bad input, missing article, locked file)."""


class NotFoundError(NewsroomError):
    """An article, revision or photo that does not exist."""


class ConflictError(NewsroomError):
    """A change that would clash with what is saved (a taken slug, a disallowed status)."""


class ChecksFailedError(ConflictError):
    """Publishing refused while error-severity check findings stand.

    ``findings`` are the errors (``newsroom.checks.Finding``), ``message`` says
    what is refused without advice; ``str()`` adds the command line's way on
    (``--override "reason"``), the app offers its own (an override dialog).
    """

    def __init__(self, slug: str, findings: Sequence[Finding], message: str) -> None:
        self.slug = slug
        self.findings = tuple(findings)
        self.message = message
        super().__init__(
            f'{message}; fix them, or publish anyway with --override "reason" '
            "(the reason is kept in the history)"
        )


class LockedError(NewsroomError):
    """A write refused: another editor holds the article's lock.

    Not a ConflictError: nothing was saved over anyone's work, and the way on
    is to take the lock over, not to reload. ``message`` is the app's wording
    ("Being edited by Anna Ivanova on desk-3 since 10:42"); ``str()`` the
    command line's, which names the article and adds ``--force``.
    """

    def __init__(self, slug: str, holder: str, machine: str, since: str) -> None:
        self.slug = slug
        self.holder = holder
        self.machine = machine
        self.since = since  # as shown: "10:42", or with the date when not today
        self.message = f"Being edited by {holder} on {machine} since {since}"
        super().__init__(
            f"{slug}: being edited by {holder} on {machine} since {since}; use --force to take over"
        )


class NotAllowedError(NewsroomError):
    """This editor may not do that here (publishing limited to a database role)."""


class StorageError(NewsroomError):
    """The newsroom file cannot be opened, read or written."""


class UnreachableError(StorageError):
    """The database server cannot be reached (stopped, restarting, the network): try again later."""


class SearchQueryError(NewsroomError):
    """A search query that cannot be run even as plain words (empty, far too long)."""


class SettingRequiredError(NewsroomError):
    """A newsroom setting that is not set but is needed for what was asked.

    ``setting`` is its key (``base_url``), ``message`` says what goes wrong
    without it and gives no advice, ``example`` is a value to show. ``str()``
    is the command line's wording, which adds how to set it there::

        base_url is not set: …; set it with 'newsroom config base_url https://…'

    The desktop app words the advice its own way (Settings ▸ Base URL) from
    ``setting`` and ``message``. Raised where the work cannot go on; an export
    that goes on without the setting reports it in ``ExportResult.warnings``.
    """

    def __init__(self, setting: str, message: str, example: str = "…") -> None:
        self.setting = setting
        self.message = message
        self.example = example
        super().__init__(f"{message}; set it with 'newsroom config {setting} {example}'")


class ForeignSiteError(NewsroomError):
    """An export folder that holds another newsroom's site.

    ``str()`` is the command line's wording (``--replace``); the app asks instead,
    naming ``owner_name`` (empty when the manifest does not say).
    """

    def __init__(self, folder: str, owner_name: str) -> None:
        self.folder = folder
        self.owner_name = owner_name
        whose = f"the newsroom {owner_name!r}" if owner_name else "another newsroom"
        super().__init__(
            f"{folder}: holds the site of {whose}; export elsewhere, or use --replace to replace it"
        )


class FieldProblem:
    """One invalid field: ``path`` as in ``related[3].url`` and what is wrong with it."""

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __repr__(self) -> str:
        return f"FieldProblem({self.path!r}, {self.message!r})"

    def within(self, prefix: str) -> FieldProblem:
        """The same problem seen from an enclosing object (``[2]`` + ``.headline``)."""
        if not prefix:
            return self
        if not self.path:
            return FieldProblem(prefix, self.message)
        joiner = "" if self.path.startswith("[") else "."
        return FieldProblem(f"{prefix}{joiner}{self.path}", self.message)


class ValidationError(NewsroomError):
    """Input that breaks the article format or a setting's rules; lists every problem."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        if not problems:
            raise ValueError("a ValidationError needs at least one problem")
        self.problems = list(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        super().__init__(first if more == 0 else f"{first} (and {more} more)")

    def __reduce__(self) -> tuple[type[ValidationError], tuple[list[FieldProblem]]]:
        # Raised in worker processes too (a site export renders bodies on every core):
        # pickle the problems, not the one-line message the base class would keep.
        return (ValidationError, (self.problems,))

    @classmethod
    def single(cls, path: str, message: str) -> ValidationError:
        return cls([FieldProblem(path, message)])

    def within(self, prefix: str) -> ValidationError:
        return ValidationError([problem.within(prefix) for problem in self.problems])
