"""``newsroom check``: the editorial checks on the command line.

    check REF... | --all | --status S   [--json]

One line per finding, ``slug:field:start-end: severity: message [rule]``
(as compilers print theirs, so editors and scripts jump to the place);
``--json`` prints a list of objects with ``slug, rule, severity, field,
message, start, end, fix``. Exit status 1 when any error-severity finding
stands (the ones that stop publishing), 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from newsroom.cli_support import EXIT_ERROR, EXIT_USAGE, Command, open_newsroom, print_json
from newsroom.status import Status

if TYPE_CHECKING:
    from newsroom.article import Article
    from newsroom.checks import Finding
    from newsroom.store import Newsroom

# Articles loaded and checked together: one context, bounded memory.
BATCH = 500


def add_check_command(command: Command) -> None:
    check = command(
        "check",
        cmd_check,
        "the editorial checks: limits, dateline, punctuation, quotes, spelling, photo, related",
    )
    check.add_argument("refs", nargs="*", metavar="REF", help="articles (id or slug)")
    check.add_argument("--all", action="store_true", help="every article not deleted")
    check.add_argument(
        "--status", choices=[s.value for s in Status], help="every article with this status"
    )
    check.add_argument("--json", action="store_true", help="print the findings as JSON")


def cmd_check(args: argparse.Namespace) -> int:
    from newsroom.checks import Severity, check_article

    if not args.refs and not args.all and args.status is None:
        print("newsroom: error: give articles to check (REF...), --all or --status S",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    found: list[tuple[str, Finding]] = []
    checked = 0
    with open_newsroom(args) as newsroom:
        for batch in _batches(newsroom, args):
            context = newsroom.check_context(*batch)
            for article in batch:
                found.extend((article.slug, each) for each in check_article(article, context))
            checked += len(batch)
    if args.json:
        print_json([_as_json(slug, finding) for slug, finding in found])
    else:
        for slug, finding in found:
            print(finding_line(slug, finding))
    print(_tally(checked, [finding for _, finding in found]), file=sys.stderr)
    has_errors = any(finding.severity is Severity.ERROR for _, finding in found)
    return EXIT_ERROR if has_errors else 0


def finding_line(slug: str, finding: Finding) -> str:
    """``slug:field:start-end: severity: message [rule]``, on one line."""
    message = " ".join(finding.message.split())
    where = f"{slug}:{finding.field}:{finding.start}-{finding.end}"
    return f"{where}: {finding.severity.value}: {message} [{finding.rule}]"


def _batches(newsroom: Newsroom, args: argparse.Namespace) -> Iterator[list[Article]]:
    if args.refs:
        named = list(dict.fromkeys(newsroom.get(ref) for ref in args.refs))
        for start in range(0, len(named), BATCH):
            yield named[start : start + BATCH]
    if args.all or args.status is not None:
        status = None if args.all else Status(args.status)
        ids = [summary.id for summary in newsroom.articles(status=status)]
        for start in range(0, len(ids), BATCH):
            loaded = newsroom.load_many(ids[start : start + BATCH])
            yield [loaded[each][0] for each in ids[start : start + BATCH] if each in loaded]


def _as_json(slug: str, finding: Finding) -> dict[str, Any]:
    return {"slug": slug, **finding.as_json()}


def _tally(checked: int, findings: Sequence[Finding]) -> str:
    from newsroom.checks import Severity

    counts = Counter(finding.severity for finding in findings)
    parts = [
        count_of(counts[Severity.ERROR], "error"),
        count_of(counts[Severity.WARNING], "warning"),
        count_of(counts[Severity.INFO], "note"),
    ]
    return f"checked {count_of(checked, 'article')}: {', '.join(parts)}"


def count_of(number: int, noun: str) -> str:
    """``1 error``, ``2 errors``: a number with its noun."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
