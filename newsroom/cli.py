"""``newsroom``: the command line.

Output is for people and scripts alike: one record per line, fields
separated by tabs, or JSON with ``--json``. Errors are one line on stderr,
``newsroom: error: …``, exit status 1 (usage errors: 2), and never a
traceback unless ``--debug``.

The parser is built from light modules (the standard library, ``cli_*``,
``errors``, ``status``, ``settings_help``): ``--version``, ``--help`` and usage
errors answer before any of the core is imported. A command imports what it needs
(the store, SQLAlchemy, Pillow…) when it runs; ``tests/test_cli_start.py``
keeps it so.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom import __version__
from newsroom.cli_checks import add_check_command
from newsroom.cli_checks import count_of as _count
from newsroom.cli_copy import add_copy_command
from newsroom.cli_dictionary import add_dictionary_commands
from newsroom.cli_ingest import add_ingest_command, add_start_story_command
from newsroom.cli_locks import (
    add_force_option,
    add_locks_command,
    held_by_others,
    take_over_if_forced,
    told_taken_over,
)
from newsroom.cli_photos import add_photo_commands
from newsroom.cli_sections import add_section_commands
from newsroom.cli_support import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    Command,
    Handler,
    Parser,
    input_label,
    positive,
    read_input,
    reason_text,
)
from newsroom.cli_support import line as _line
from newsroom.cli_support import open_newsroom as _open
from newsroom.cli_support import print_json as _print_json
from newsroom.cli_support import warn as _warn
from newsroom.cli_support import when as _when
from newsroom.errors import NewsroomError, StorageError, ValidationError
from newsroom.language import language_problem
from newsroom.language import normalize as normalize_language
from newsroom.settings_help import SETTINGS_HELP
from newsroom.status import Status

if TYPE_CHECKING:
    from newsroom.article import Article, ArticleSummary, WireSource
    from newsroom.article_json import ArticleInput
    from newsroom.settings import Settings
    from newsroom.store import ImportResult, Newsroom

# How lists show a published story held until a time still ahead.
SCHEDULED = "scheduled"


def _summary_json(summary: ArticleSummary, tz: tzinfo, now: datetime) -> dict[str, Any]:
    from newsroom.article_json import iso

    return {
        "id": summary.id,
        "slug": summary.slug,
        "headline": summary.headline,
        "subtitle": summary.subtitle,
        "section": summary.section,
        "status": summary.status.value,
        # Published, but held until published_at (still ahead).
        "scheduled": summary.is_scheduled(now),
        "mark": summary.mark,
        "published_at": iso(summary.published_at, tz),
        "updated_at": iso(summary.updated_at, tz),
        "revision": summary.revision,
    }


def _shown_status(summary: ArticleSummary | Article, now: datetime) -> str:
    """The status as lists show it: a published story still held says ``scheduled``."""
    return SCHEDULED if summary.is_scheduled(now) else summary.status.value


def _dateline(article: Article, settings: Settings) -> str:
    from newsroom.dateline import dateline_text

    fallback = article.published_at or article.updated_at or datetime.now(settings.tzinfo)
    lang = article.language_or(settings.language)
    return dateline_text(
        article.dateline,
        settings.dateline_style,
        default_agency=settings.agency_in(lang),
        fallback_date=fallback.astimezone(settings.tzinfo).date(),
        lang=lang,
    )


# --- commands ------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    with _open(args, create=True, announce=False) as newsroom:
        for key in ("name", "agency", "timezone", "dateline_style"):
            value = getattr(args, key)
            if value is not None:
                newsroom.set_setting(key, value)
        messages = {
            "created": "created a new newsroom at",
            "upgraded": "upgraded the newsroom at",
            "current": "the newsroom is up to date at",
        }
        print(f"{messages[newsroom.opened]} {newsroom.location}")
        if args.demo:
            from newsroom.demo import load_demo

            for result in load_demo(newsroom):
                print(_line(result.article.id, result.article.slug))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from newsroom.ingest import import_document

    if args.force and not args.update:
        raise NewsroomError("--force goes with --update")
    with _open(args, create=True) as newsroom:
        locked = held_by_others(newsroom) if args.force else {}
        for name in args.files:
            if name != "-" and _import_streamed(newsroom, name, args, locked):
                continue
            raw = read_input(name, folder_hint="a file to import")
            base_dir = Path.cwd() if name == "-" else Path(name).resolve().parent
            imported = import_document(
                newsroom, raw, input_label(name), base_dir,
                allow_outside_photos=args.allow_outside_photos, update=args.update,
                force=args.force, summary=args.summary, take_over=args.force,
            )  # fmt: skip
            inputs, results = imported.inputs, imported.results
            for result in results:
                if result.article.id in locked:
                    told_taken_over(locked.pop(result.article.id))
            _report_import(newsroom, name, results)
            for warning in imported.warnings:
                _warn(f"{input_label(name)}: {warning}")
            _warn_unchecked_updates(name, inputs, results)
    return 0


def _import_streamed(
    newsroom: Newsroom, name: str, args: argparse.Namespace, locked: dict[int, Any]
) -> bool:
    """A JSON list of articles, imported a chunk at a time (``cli_import``); False otherwise."""
    from newsroom.cli_import import StreamOptions, import_json_list

    path = Path(name)
    if not path.is_file():
        return False  # read_input says what is wrong with it
    options = StreamOptions(
        update=args.update, force=args.force, summary=args.summary,
        allow_outside_photos=args.allow_outside_photos, locked=locked,
    )  # fmt: skip
    return import_json_list(newsroom, path, options, told_taken_over, _unchecked_updates)


def _warn_unchecked_updates(
    name: str, inputs: Sequence[ArticleInput], results: Sequence[ImportResult]
) -> None:
    """Updates made from a file without ``revision`` could not be checked for newer edits.

    A wire item's newer version is checked by its version instead (and an
    incoming item is never edited here): no warning.
    """
    unchecked = [
        result.article.slug
        for item, result in zip(inputs, results, strict=True)
        if item.revision is None and result.changed and not result.created and not item.from_wire
    ]
    if unchecked:
        _unchecked_updates(input_label(name), unchecked)


def _unchecked_updates(label: str, unchecked: list[str]) -> None:
    _warn(
        f"{label}: {', '.join(unchecked)}: updated without a check, the file "
        "carries no revision (as 'show --json' writes it), so an edit saved since the file "
        "was made may have been overwritten"
    )


def _report_import(newsroom: Newsroom, name: str, results: list[ImportResult]) -> None:
    for result in results:
        article = result.article
        print(_line(article.id, article.slug))
        for note in result.notes:
            _warn(f"{input_label(name)}: {article.slug}: {note}")
        for slug in newsroom.missing_related(article):
            _warn(
                f"{input_label(name)}: {article.slug}: related article {slug!r} is not in this "
                "newsroom yet; the link shows once it is"
            )
    sys.stdout.flush()


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as newsroom:
        article = newsroom.get(args.ref)
        settings = newsroom.settings()
        if args.json:
            _print_json(shown_json(newsroom, article, settings))
        else:
            sys.stdout.write(_article_text(newsroom, article, settings))
    return 0


def shown_json(newsroom: Newsroom, article: Article, settings: Settings) -> dict[str, Any]:
    """What ``show --json`` prints: the article in the JSON format, its photo's bytes in it."""
    from newsroom.article_json import article_to_json

    photo = None
    if article.photo is not None:
        data = newsroom.photos.data(article.photo.sha256)
        photo = (newsroom.photos.info(article.photo.sha256), data)
    return article_to_json(
        article, tz=settings.tzinfo, dateline_text=_dateline(article, settings), photo=photo
    )


def _article_text(newsroom: Newsroom, article: Article, settings: Settings) -> str:
    tz = settings.tzinfo
    now = datetime.now(UTC)
    facts = [f"id {article.id}", _shown_status(article, now), f"revision {article.revision}"]
    if article.section:
        facts.append(article.section)
    if article.mark:
        facts.append(f"mark: {article.mark}")
    if article.language:
        facts.append(f"language: {article.language}")
    lines = [article.headline]
    if article.subtitle:
        lines.append(article.subtitle)
    lines += ["", f"{article.slug} · " + " · ".join(facts)]
    if article.byline:
        title = article.source.byline_title if article.source else ""
        lines.append(f"By {article.byline}" + (f", {title}" if title else ""))
    times = [f"updated {_when(article.updated_at, tz)}"]
    if article.published_at:
        label = "scheduled for" if article.is_scheduled(now) else "published"
        times.insert(0, f"{label} {_when(article.published_at, tz)}")
    lines.append(", ".join(times) + f" ({settings.timezone})")
    if article.tags:
        lines.append("Tags: " + ", ".join(article.tags))
    if article.source is not None:
        lines.append("Source: " + source_text(article.source))
    dateline = _dateline(article, settings)
    lead = " ".join(part for part in (dateline, article.lead) if part)
    lines += ["", lead] if lead else []
    lines += ["", article.body] if article.body else []
    lines += (
        _quotes_text(article) + _photo_text(newsroom, article) + _related_text(newsroom, article)
    )
    return "\n".join(lines).rstrip("\n") + "\n"


def source_text(source: WireSource) -> str:
    """Where a wire item came from, on one line.

    ``AP item 8e1f…, version 3, urgency 2 (NITF, ap.xml)``; a kill says
    ``…, version 4, CANCELED (…)``.
    """
    parts = [f"{source.agency or 'unnamed agency'} item {source.item_id or '(no id)'}"]
    if source.version:
        parts.append(f"version {source.version}")
    if source.urgency is not None:
        parts.append(f"urgency {source.urgency}")
    if source.pubstatus and source.pubstatus != "usable":
        parts.append(source.pubstatus.upper() if source.is_withdrawn else source.pubstatus)
    where = ", ".join(part for part in (source.format, source.file_name) if part)
    return ", ".join(parts) + (f" ({where})" if where else "")


def _quotes_text(article: Article) -> list[str]:
    lines = ["", "Quotes:"] if article.quotes else []
    for quote in article.quotes:
        who = ", ".join(part for part in (quote.speaker, quote.role) if part)
        pull = " [pull quote]" if quote.pull else ""
        lines.append(f"  “{quote.text}”" + (f" — {who}" if who else "") + pull)
    return lines


def _photo_text(newsroom: Newsroom, article: Article) -> list[str]:
    if article.photo is None:
        return []
    info = newsroom.photos.info(article.photo.sha256)
    lines = ["", f"Photo: {info.width}×{info.height} {info.media_type}, {info.sha256[:12]}"]
    for label, value in (
        ("Caption", article.photo.caption),
        ("Credit", article.photo.credit),
        ("Alt text", article.photo.alt),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    return lines


def _related_text(newsroom: Newsroom, article: Article) -> list[str]:
    lines = ["", "Related headlines:"] if article.related else []
    for number, entry in enumerate(article.related, start=1):
        if entry.is_internal:
            try:
                target = newsroom.get(entry.slug)
                lines.append(f"  {number}. {target.headline} ({entry.slug})")
            except NewsroomError:
                lines.append(f"  {number}. [no article {entry.slug!r} in this newsroom]")
        else:
            lines.append(f"  {number}. {entry.headline} <{entry.url}>")
    return lines


def cmd_list(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    with _open(args) as newsroom:
        tz = newsroom.settings().tzinfo
        summaries = newsroom.articles(
            status=Status(args.status) if args.status else None,
            section=args.section,
            limit=args.limit,
            order=args.sort,
            deleted=args.deleted,
        )
    if args.json:
        _print_json([_summary_json(summary, tz, now) for summary in summaries])
        return 0
    for summary in summaries:
        print(
            _line(
                summary.id,
                _shown_status(summary, now),
                _when(summary.updated_at, tz),
                summary.slug,
                summary.headline,
            )
        )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as newsroom:
        tz = newsroom.settings().tzinfo
        # Snippets only where they are printed (--json).
        hits = newsroom.search(args.query, limit=args.limit, order=args.order, snippets=args.json)
    if args.json:
        _print_json(
            [
                {
                    **_summary_json(hit.article, tz, datetime.now(UTC)),
                    "rank": None if hit.rank is None else round(hit.rank, 6),
                    "snippet": hit.snippet,
                    "highlights": [list(span) for span in hit.highlights],
                }
                for hit in hits
            ]
        )
        return 0
    for hit in hits:
        print(_line(hit.article.id, hit.article.slug, hit.article.headline))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from newsroom.article_json import iso

    with _open(args) as newsroom:
        tz = newsroom.settings().tzinfo
        revisions = newsroom.history(args.ref)
    if args.json:
        _print_json(
            [
                {
                    "revision": r.number,
                    "created_at": iso(r.created_at, tz),
                    "author": r.author,
                    "summary": r.summary,
                }
                for r in revisions
            ]
        )
        return 0
    for revision in revisions:
        print(
            _line(revision.number, iso(revision.created_at, tz), revision.author, revision.summary)
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from newsroom.export.runner import ExportRequest, run_export

    if args.all and args.refs:
        raise NewsroomError("export: give article names or --all, not both")
    request = ExportRequest(
        format=args.format,
        out=Path(args.out).expanduser(),
        refs=args.refs,
        all_articles=args.all,
        self_contained=args.self_contained,
        theme=Path(args.theme).expanduser() if args.theme else None,
        jobs=args.jobs,
        replace=args.replace,
        newsml_message=args.newsml_message,
    )
    if args.self_contained and args.format != "html":
        raise NewsroomError("--self-contained goes with --format html")
    if args.replace and args.format != "site":
        raise NewsroomError("--replace goes with --format site")
    if args.newsml_message and args.format != "newsml":
        raise NewsroomError("--newsml-message goes with --format newsml")
    with _open(args) as newsroom:
        result = run_export(newsroom, request, _progress_printer())
    for path in result.written:
        print(path)
    for path in result.removed:
        _warn(f"removed {path} (no longer published)")
    for note in result.notes:
        _warn(note)
    return 0


def _progress_printer() -> Callable[[str, int, int], None] | None:
    """Progress on a terminal only: scripts reading stderr get no carriage returns."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{stage}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def cmd_restore(args: argparse.Namespace) -> int:
    with _open(args) as newsroom:
        before = newsroom.get(args.ref)
        after = newsroom.restore(
            args.ref, args.revision, take_over=take_over_if_forced(newsroom, args, args.ref)
        )
    if after.revision == before.revision:
        print(f"{after.slug}: revision {args.revision} matches the article now; nothing to restore")
    else:
        print(f"{after.slug}: restored revision {args.revision} as revision {after.revision}")
    return 0


def cmd_set_status(args: argparse.Namespace) -> int:
    from newsroom.checks import Severity
    from newsroom.checks.workflow import GATED_STATUSES

    status = Status(args.status)
    if args.at is not None and status is not Status.PUBLISHED:
        raise NewsroomError("--at goes with published: it is the time the story goes live")
    with _open(args) as newsroom:
        settings = newsroom.settings()
        published_at = None if args.at is None else _publication_time(args.at, settings.tzinfo)
        before = newsroom.get(args.ref)
        after = newsroom.set_status(
            args.ref, status, published_at=published_at, reason=args.reason,
            override=args.override or "", take_over=take_over_if_forced(newsroom, args, args.ref),
        )  # fmt: skip
        published = after.status != before.status and after.status in GATED_STATUSES
        standing = newsroom.findings(after) if published else []  # only a move that gates
    _report_status(before, after, settings, timed=published_at is not None)
    warnings = [each for each in standing if each.severity is Severity.WARNING]
    if warnings:
        _warn(
            f"{after.slug}: {after.status.value} with {_count(len(warnings), 'check warning')} "
            f"('newsroom check {after.slug}' lists them)"
        )
    return 0


def cmd_unpublish(args: argparse.Namespace) -> int:
    with _open(args) as newsroom:
        before = newsroom.get(args.ref)
        if before.status in (Status.DRAFT, Status.READY):
            raise NewsroomError(
                f"{before.slug}: is {before.status.value}, not published; nothing to unpublish"
            )
        after = newsroom.set_status(
            args.ref, Status.DRAFT, reason=args.reason,
            take_over=take_over_if_forced(newsroom, args, args.ref),
        )  # fmt: skip
    print(
        f"{after.slug}: {before.status.value} → {after.status.value} "
        "(the next site export removes its page)"
    )
    return 0


def _publication_time(text: str, tz: tzinfo) -> datetime:
    """``--at``: ISO 8601, or ``2021-06-28 10:05`` in the newsroom's time zone."""
    from newsroom.article_json import parse_datetime

    moment = parse_datetime(text.strip().replace(" ", "T", 1), tz)
    if moment is None:
        raise NewsroomError(
            f"--at: expected a date and time such as '2021-06-28 10:05' (newsroom time) "
            f"or 2021-06-28T10:05:00+03:00, got {text!r}"
        )
    return moment


def _report_status(before: Article, after: Article, settings: Settings, *, timed: bool) -> None:
    """``s: draft → published``; with the time when one was given (``--at``)."""
    change = (
        f"already {after.status.value}"
        if before.status == after.status
        else f"{before.status.value} → {after.status.value}"
    )
    if timed and after.published_at is not None:
        held = after.is_scheduled(datetime.now(UTC))
        when = _when(after.published_at, settings.tzinfo)
        change += f" ({'scheduled for' if held else 'published at'} {when} {settings.timezone})"
    print(f"{after.slug}: {change}")


def cmd_rename(args: argparse.Namespace) -> int:
    with _open(args) as newsroom:
        before = newsroom.get(args.ref)
        after = newsroom.rename(
            args.ref, args.slug, take_over=take_over_if_forced(newsroom, args, args.ref)
        )
    print(f"{before.slug} → {after.slug} (the old slug still finds the article)")
    return 0


def cmd_set_language(args: argparse.Namespace) -> int:
    tag = args.language.strip()
    if tag:
        problem = language_problem(tag)
        if problem:
            raise ValidationError.single("language", problem)
        tag = normalize_language(tag)
    with _open(args) as newsroom:
        article = newsroom.get(args.ref)
        take_over = take_over_if_forced(newsroom, args, args.ref)
        saved = newsroom.save(
            article.with_changes(language=tag),
            summary=f"Language: {tag or 'the newsroom’s'}",
            take_over=take_over,
        )
        shown = saved.language or f"{newsroom.settings().language} (the newsroom's)"
    print(f"{saved.slug}: language {shown}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with _open(args) as newsroom:
        if args.purge:
            article = newsroom.get(args.ref, include_deleted=True)
            newsroom.purge(args.ref, take_over=take_over_if_forced(newsroom, args, args.ref))
            print(f"purged {article.slug} (id {article.id}) and its history for good")
            return 0
        article = newsroom.delete(args.ref, take_over=take_over_if_forced(newsroom, args, args.ref))
    print(
        f"deleted {article.slug} (id {article.id}); bring it back with: "
        f"newsroom undelete {article.slug}"
    )
    return 0


def cmd_undelete(args: argparse.Namespace) -> int:
    with _open(args) as newsroom:
        article = newsroom.undelete(
            args.ref, take_over=take_over_if_forced(newsroom, args, args.ref)
        )
    print(f"undeleted {article.slug} (id {article.id})")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    destination = Path(args.path).expanduser()
    if destination.exists() and not destination.is_dir() and not args.force:
        raise NewsroomError(f"{destination}: already exists; use --force to replace it")
    with _open(args) as newsroom:
        written = newsroom.backup(destination)
    print(written)
    return 0


def cmd_check_db(args: argparse.Namespace) -> int:
    """Checks the newsroom; one that will not open (or is damaged) is diagnosed row by row."""
    from newsroom.storage.salvage import diagnose

    try:
        with _open(args) as newsroom:
            report = newsroom.check(repair=args.repair)
            path = newsroom.path
    except StorageError as error:
        path = _existing_file(args)
        if path is None:
            raise
        found = diagnose(path)
        checked, problems = found.checked, [f"checking: {error}", *found.problems]
        return _check_report(checked, problems, _repaired(args, path))
    checked, problems = report.checked, report.problems
    if path is not None and any(line.startswith("file integrity:") for line in problems):
        found = diagnose(path)
        checked = checked + [line for line in found.checked if line.startswith("readable:")]
        problems = problems + [line for line in found.problems if not line.startswith("file ")]
        return _check_report(checked, problems, _repaired(args, path))
    return _check_report(checked, problems, None)


def _check_report(checked: list[str], problems: list[str], repaired: str | None) -> int:
    for line in checked:
        print(f"ok: {line}")
    for line in problems:
        print(f"problem: {line}")
    if repaired:
        print(repaired)
    if problems:
        count = len(problems)
        raise NewsroomError(f"check-db found {count} problem{'s' if count > 1 else ''}")
    return 0


def _existing_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file named by ``--db``, when there is one with something in it."""
    from newsroom.storage.engine import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(args.db))
    return path if path is not None and path.is_file() and path.stat().st_size else None


def _repaired(args: argparse.Namespace, path: Path) -> str | None:
    """``--repair`` on a damaged file: recover it into a new file beside it."""
    if not args.repair:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = path.with_name(f"{path.stem}.recovered-{stamp}{path.suffix or '.sqlite'}")
    _recover_into(path, out)
    return f"repair: recovered into {out} (the damaged file is left as it was)"


def cmd_recover(args: argparse.Namespace) -> int:
    path = _existing_file(args)
    if path is None:
        raise NewsroomError("recover: give the damaged newsroom file with --db")
    _recover_into(path, Path(args.out).expanduser())
    return 0


def _recover_into(source: Path, out: Path) -> None:
    from newsroom.storage.salvage import recover

    result = recover(source, out)
    for reading in result.readings:
        print(f"copied: {reading.line()}")
    for line in result.lost:
        print(f"lost: {line}")
    print(out)


def cmd_config(args: argparse.Namespace) -> int:
    from newsroom.settings import format_setting

    with _open(args) as newsroom:
        if args.key is not None and args.value is not None:
            settings = newsroom.set_setting(args.key, args.value)
        else:
            settings = newsroom.settings()
    values = settings.as_dict()
    if args.key is None:
        for key, value in values.items():
            print(_line(key, format_setting(value)))
    elif args.key not in values:
        raise ValidationError.single(
            args.key, f"unknown setting; the settings are {', '.join(SETTINGS_HELP)}"
        )
    else:
        print(format_setting(values[args.key]))
    return 0


# --- the parser ----------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="newsroom",
        description="Newsroom: write, keep and search news articles in one newsroom file.",
        epilog="The newsroom is $NEWSROOM_DB, or newsroom.sqlite in your user data folder.",
    )
    parser.add_argument("--db", metavar="PATH_OR_URL", help="the newsroom file (or SQLAlchemy URL)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument(
        "--author",
        metavar="NAME",
        help="who makes the changes (default: $NEWSROOM_AUTHOR or your login)",
    )
    parser.add_argument("--version", action="version", version=f"newsroom {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=Parser
    )

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    _add_setup_commands(command)
    _add_reading_commands(command)
    _add_writing_commands(command)
    _add_maintenance_commands(command)
    add_check_command(command)
    add_locks_command(command)
    add_copy_command(command)
    add_ingest_command(command)
    add_start_story_command(command)
    add_photo_commands(commands)
    add_section_commands(commands)
    add_dictionary_commands(commands)
    return parser


def _add_setup_commands(command: Command) -> None:
    init = command("init", cmd_init, "create or upgrade the newsroom (safe to repeat)")
    init.add_argument("--name", help="the newsroom's name")
    init.add_argument("--agency", help="the agency named in datelines")
    init.add_argument("--timezone", help="IANA time zone, e.g. Europe/Moscow")
    init.add_argument("--dateline-style", help="tass, ap, reuters, plain or a pattern")
    init.add_argument(
        "--demo", action="store_true", help="add the sample articles and photos (once)"
    )

    imp = command(
        "import",
        cmd_import,
        "import articles: Newsroom JSON, ninjs, NITF, NewsML-G2 or Markdown ('-' reads stdin)",
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument(
        "--update",
        action="store_true",
        help="change articles whose slug exists (a new revision) instead of failing; an "
        "article saved since the file's revision was read is a conflict, and nothing is imported",
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="with --update: update even articles saved since the file's revision, "
        "or being edited by another editor (taking over their lock); what it replaces "
        "stays in the history",
    )
    imp.add_argument("--summary", default="", help="the revision summary to record")
    imp.add_argument(
        "--allow-outside-photos",
        action="store_true",
        help="read photo files from anywhere, not only the imported file's folder and below "
        "(for stdin: the current folder); still never devices, pipes or files over 200 MB",
    )


def _add_reading_commands(command: Command) -> None:
    show = command("show", cmd_show, "show one article (REF: id or slug)")
    show.add_argument("ref", metavar="REF")
    show.add_argument("--json", action="store_true", help="print the JSON article format")

    listing = command("list", cmd_list, "list articles, most recently updated first")
    listing.add_argument("--status", choices=[status.value for status in Status])
    listing.add_argument("--section")
    listing.add_argument("--limit", type=positive)
    listing.add_argument("--sort", choices=("updated", "published"), default="updated")
    listing.add_argument("--deleted", action="store_true", help="list deleted articles instead")
    listing.add_argument("--json", action="store_true")

    find = command("search", cmd_search, 'full-text search: plain words, "phrases", OR, -word')
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--limit", type=positive, default=50)
    find.add_argument(
        "--order",
        choices=("newest", "best"),  # storage/search.py ORDERS (not imported: a light parser)
        default="newest",
        help="newest articles first (default: quick at any size), or best match first "
        "(ranks every match: slower for a common word in a large newsroom)",
    )
    find.add_argument("--json", action="store_true")

    history = command("history", cmd_history, "an article's revisions, newest first")
    history.add_argument("ref", metavar="REF")
    history.add_argument("--json", action="store_true")


def _add_writing_commands(command: Command) -> None:
    restore = command("restore", cmd_restore, "bring back a revision's text as a new revision")
    restore.add_argument("ref", metavar="REF")
    restore.add_argument("revision", metavar="REVISION", type=positive)
    add_force_option(restore)

    status = command("set-status", cmd_set_status, "move an article through its workflow")
    status.add_argument("ref", metavar="REF")
    status.add_argument("status", metavar="STATUS", choices=[s.value for s in Status])
    status.add_argument(
        "--at",
        metavar="TIME",
        help="published: when it goes live, '2021-06-28 10:05' in the newsroom's time zone "
        "or ISO 8601 with an offset; a time ahead schedules it",
    )
    status.add_argument(
        "--reason", default="", help="why (kept in the history; needed to go back to draft)"
    )
    status.add_argument(
        "--override",
        metavar="REASON",
        type=reason_text,
        help="publish although check errors stand ('newsroom check REF' lists them); "
        "the reason and the errors passed are kept in the history",
    )
    add_force_option(status)

    unpublish = command(
        "unpublish", cmd_unpublish, "take a published story back to draft (says why)"
    )
    unpublish.add_argument("ref", metavar="REF")
    unpublish.add_argument(
        "--reason", required=True, type=reason_text, help="why, kept in the history"
    )
    add_force_option(unpublish)

    rename = command("rename", cmd_rename, "give an article a new slug (the old one keeps working)")
    rename.add_argument("ref", metavar="REF")
    rename.add_argument("slug", metavar="NEW_SLUG")
    add_force_option(rename)

    language = command(
        "set-language", cmd_set_language, "set an article's language (pages, dates, exports)"
    )
    language.add_argument("ref", metavar="REF")
    language.add_argument(
        "language",
        metavar="TAG",
        help="a BCP 47 tag such as ru, ar, he, en-GB; '' for the newsroom's language",
    )
    add_force_option(language)

    delete = command("delete", cmd_delete, "move an article to the trash (undelete brings it back)")
    delete.add_argument("ref", metavar="REF")
    delete.add_argument(
        "--purge",
        action="store_true",
        help="remove an already deleted article and its history for good",
    )
    add_force_option(delete)

    undelete = command("undelete", cmd_undelete, "bring a deleted article back")
    undelete.add_argument("ref", metavar="REF")
    add_force_option(undelete)

    export = command(
        "export", cmd_export, "write pages, a site, PDF or agency formats (prints each file)"
    )
    export.add_argument("refs", nargs="*", metavar="REF")
    export.add_argument("--all", action="store_true", help="every article (site: every published)")
    export.add_argument(
        "--format",
        required=True,
        choices=("html", "site", "pdf", "json", "nitf", "newsml", "ninjs", "md"),
    )
    export.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    export.add_argument(
        "--self-contained", action="store_true", help="html: CSS and photo inside the page"
    )
    export.add_argument("--theme", metavar="DIR", help="a theme folder (templates/, CSS)")
    export.add_argument(
        "--newsml-message",
        action="store_true",
        help="newsml: one newsMessage file per article, for transmission (default: a "
        "packageItem and its text and picture items, each in its own file)",
    )
    export.add_argument("--jobs", type=positive, help="processes for a site (default: all cores)")
    export.add_argument(
        "--replace",
        action="store_true",
        help="site: take over a folder holding another newsroom's site (its pages are removed)",
    )


def _add_maintenance_commands(command: Command) -> None:
    backup = command("backup", cmd_backup, "a consistent copy of the newsroom, safe while in use")
    backup.add_argument("path", metavar="PATH", help="a file, or a folder for a dated copy")
    backup.add_argument("--force", action="store_true", help="replace an existing file")

    check = command(
        "check-db",
        cmd_check_db,
        "check the file's integrity and schema; a damaged file: what is readable",
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="rebuild indexes and missing tables; a damaged file is recovered into a new "
        "file beside it",
    )

    recover = command(
        "recover",
        cmd_recover,
        "copy every readable article, revision and photo of a damaged newsroom (--db) "
        "into a new newsroom file",
    )
    recover.add_argument("out", metavar="NEW_FILE", help="the new newsroom file (must not exist)")

    config = command("config", cmd_config, "show or change newsroom settings")
    config.add_argument("key", metavar="KEY", nargs="?", choices=list(SETTINGS_HELP))
    config.add_argument("value", metavar="VALUE", nargs="?")
    config.epilog = "settings: " + "; ".join(f"{k}: {v}" for k, v in SETTINGS_HELP.items())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except NewsroomError as error:
        return _fail(args, str(error))
    except KeyboardInterrupt:
        print("newsroom: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `newsroom list | head`): that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:
        if args.debug:
            raise
        return _fail(
            args,
            f"unexpected {type(error).__name__}: {error} "
            "(a bug: run again with --debug and report it)",
        )


def _fail(args: argparse.Namespace, message: str) -> int:
    if args.debug:
        import traceback

        traceback.print_exc()
    one_line = " ".join(message.split("\n"))
    print(f"newsroom: error: {one_line}", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
