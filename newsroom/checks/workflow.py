"""The workflow's rules: which status may follow which, and why a story goes back.

A status change is judged against the stored article, so it is not a rule
of ``check_article`` (which sees one article): the writer calls these on
every save that changes the status, whoever asked (app, CLI, import).
Publishing passes ``passed_gate``: no error-severity finding, or an override.
"""

from __future__ import annotations

from newsroom.article import STATUS_TRANSITIONS, Article, Status, needs_reason
from newsroom.checks import check_article, errors_of
from newsroom.checks.integrity import LINE_MAX
from newsroom.checks.model import CheckContext
from newsroom.errors import ChecksFailedError, ValidationError
from newsroom.text import forbidden_character, one_line

REASON_MAX = LINE_MAX
# Moves that put a story in front of readers: the editorial checks' errors stop them.
GATED_STATUSES = (Status.PUBLISHED, Status.CORRECTED)


def checked_status_change(current: Article, article: Article, reason: str) -> Article:
    """The move ``STATUS_TRANSITIONS`` allows; unpublishing says why and ends the publication."""
    allowed = STATUS_TRANSITIONS[current.status]
    if current.status is Status.INCOMING and article.status is not Status.INCOMING:
        raise ValidationError.single(
            "status",
            f"{current.slug} is an incoming wire item and is never "
            f"{'published' if article.status.is_public else 'moved to ' + article.status.value} "
            "itself; start a story from it first",
        )
    if article.status not in allowed:
        names = ", ".join(sorted(s.value for s in allowed)) or "none: it stays killed"
        raise ValidationError.single(
            "status",
            f"cannot go from {current.status.value} to {article.status.value} (allowed: {names})",
        )
    if not needs_reason(current.status, article.status):
        return article
    if not reason:
        raise ValidationError.single(
            "reason",
            f"taking a {current.status.value} story back to {article.status.value} needs a "
            "reason; say why (it is kept in the history)",
        )
    # Back in draft, it is no longer published: publishing again stamps a new time.
    return article.with_changes(published_at=None)


def checked_reason(reason: str) -> str:
    """The reason as one trimmed line; refused when it cannot be stored."""
    problem = forbidden_character(reason)
    text = one_line(reason)
    if problem is None and len(text) > REASON_MAX:
        problem = f"at most {REASON_MAX} characters (this has {len(text)})"
    if problem is not None:
        raise ValidationError.single("reason", problem)
    return text


def passed_gate(article: Article, context: CheckContext, reason: str, override: str) -> str:
    """The revision's reason once the checks let ``article`` be published.

    Raises ChecksFailedError while errors stand and no override is given; an
    override is recorded with the rules it passed.
    """
    errors = errors_of(check_article(article, context))
    if not errors:
        return reason
    override = " ".join(override.split())
    if not override:
        listed = "; ".join(f"{e.field}: {e.message} [{e.rule}]" for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        count = f"{len(errors)} check error{'s' if len(errors) != 1 else ''}"
        raise ChecksFailedError(
            article.slug, errors, f"{article.slug}: not published, {count}: {listed}{more}"
        )
    rules = ", ".join(sorted({error.rule for error in errors}))
    recorded = f"checks overridden ({rules}): {override}"
    return f"{reason}; {recorded}" if reason else recorded
