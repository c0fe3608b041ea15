"""Running an export: which articles, which format, where; progress; every file reported.

The CLI's ``newsroom export`` and the app's export dialog both come here.
Files are written atomically (``export.files``), so an export stopped half
way (Ctrl+C) leaves complete files and no partial ones.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.article import Article, Status
from newsroom.errors import NewsroomError, SettingRequiredError
from newsroom.export.files import Output, make_folder
from newsroom.render.related import left_out_note
from newsroom.render.theme import Theme, load_theme
from newsroom.render.urls import article_path

# Imported where used, not here: a site export (tests/test_cli_start.py) needs none of the
# per-article formats' modules, which would add a tenth to its start.
if TYPE_CHECKING:
    from newsroom.export.context import ExportContext
    from newsroom.export.pdf import PdfInfo
    from newsroom.store import Newsroom

Progress = Callable[[str, int, int], None]
FilesWriter = Callable[["ExportContext"], dict[str, bytes]]

# Formats that carry every related headline: the article's own source, which imports back.
KEEPS_EVERY_RELATED = frozenset({"md", "json"})


def no_base_url() -> SettingRequiredError:
    """What a site export without a base URL says, once (the app words the advice its own way)."""
    return SettingRequiredError(
        "base_url",
        "base_url is not set, so the site has no sitemap.xml, no canonical or og:url links, "
        "no og:image and no links in atom.xml (they must be absolute)",
        example="https://…",
    )


# Per-article formats written by a function ExportContext -> bytes.
WRITERS: dict[str, tuple[str, str, str]] = {
    # format: (module, function, file suffix)
    "nitf": ("newsroom.export.nitf", "write_nitf", ".nitf.xml"),
    # newsml: the newsMessage form (--newsml-message); by default, newsml_files.
    "newsml": ("newsroom.export.newsml", "write_newsml_message", ".newsml.xml"),
    "ninjs": ("newsroom.export.ninjs", "write_ninjs", ".ninjs.json"),
    "md": ("newsroom.export.markdown", "write_markdown", ".md"),
}
FORMATS = ("html", "site", "pdf", "json", *WRITERS)


@dataclass
class ExportRequest:
    format: str
    out: Path
    refs: Sequence[str] = ()
    all_articles: bool = False
    self_contained: bool = False
    theme: Path | None = None
    jobs: int | None = None
    # The moment the export reads as (default: when it runs): what is live, what embargoed.
    now: datetime | None = None
    # site: export into a folder that holds another newsroom's site, replacing it.
    replace: bool = False
    # newsml: one newsMessage file per article (for transmission) instead of the package.
    newsml_message: bool = False


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    # What the export went on without; a SettingRequiredError names the missing setting.
    warnings: list[NewsroomError] = field(default_factory=list)
    # Internal related headlines left out because readers could not follow them.
    related_left_out: int = 0

    @property
    def notes(self) -> list[str]:
        """The warnings in the command line's words."""
        return [str(warning) for warning in self.warnings]


def run_export(
    newsroom: Newsroom, request: ExportRequest, progress: Progress | None = None
) -> ExportResult:
    if request.format not in FORMATS:
        raise NewsroomError(f"format: {request.format!r} is not one of {', '.join(FORMATS)}")
    # The CLI's --theme wins over the newsroom's theme setting.
    theme = load_theme(request.theme or newsroom.settings().theme_folder)
    out = request.out
    _check_folder(out)
    if request.format == "site":
        return _site(newsroom, request, theme, progress)
    articles = _articles(newsroom, request)
    if request.format == "html":
        output = Output(out)
        from newsroom.export.html import export_pages

        left_out = export_pages(
            newsroom, articles, output, self_contained=request.self_contained, theme=theme,
            now=request.now,
        )  # fmt: skip
        return _with_left_out(ExportResult(written=output.written), left_out)
    if request.format == "pdf":
        return _pdf(newsroom, articles, out, theme, request.now)
    if request.format == "json":
        # The JSON article format is the article itself, every related headline included.
        return _each(
            articles, progress, lambda article, output: _write_json(newsroom, article, output), out
        )
    files = _files_writer(request)
    return _each(
        articles,
        progress,
        lambda article, output: _write_format(
            newsroom,
            article,
            output,
            files,
            now=request.now,
            counted=request.format not in KEEPS_EVERY_RELATED,
        ),
        out,
    )


def _files_writer(request: ExportRequest) -> FilesWriter:
    """The files of one article in the request's format, by name."""
    if request.format == "newsml" and not request.newsml_message:
        from newsroom.export.newsml import newsml_files

        return newsml_files  # a package and its items, each in its own file
    module, function, suffix = WRITERS[request.format]
    writer: Callable[[ExportContext], bytes] = getattr(importlib.import_module(module), function)
    return lambda context: {f"{context.article.slug}{suffix}": writer(context)}


def _with_left_out(result: ExportResult, left_out: int) -> ExportResult:
    """The result saying how many related headlines readers did not get (when any)."""
    result.related_left_out = left_out
    if left_out:
        result.warnings.append(NewsroomError(left_out_note(left_out)))
    return result


def _check_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise NewsroomError(f"{out}: is a file; give a folder to export into")
    make_folder(out)


def _articles(newsroom: Newsroom, request: ExportRequest) -> list[Article]:
    if request.all_articles:
        # Incoming wire items are not ours to publish: only the JSON (a copy of the
        # newsroom's articles, not something for readers) includes them.
        statuses = list(Status) if request.format == "json" else None
        ids = [summary.id for summary in newsroom.articles(statuses=statuses, order="published")]
        loaded = newsroom.load_many(ids)
        return [loaded[article_id][0] for article_id in ids]
    if not request.refs:
        raise NewsroomError("export: name the articles (id or slug), or give --all")
    return [newsroom.get(ref) for ref in request.refs]


def _site(
    newsroom: Newsroom, request: ExportRequest, theme: Theme, progress: Progress | None
) -> ExportResult:
    if request.refs:
        raise NewsroomError("site: a site holds every published article; use --all, not names")
    from newsroom.export.site import export_site

    report = export_site(
        newsroom, request.out, theme=theme, progress=progress, jobs=request.jobs, now=request.now,
        replace=request.replace,
    )  # fmt: skip
    warnings: list[NewsroomError] = []
    if not newsroom.settings().base_url:
        warnings.append(no_base_url())
    warnings += [NewsroomError(text) for text in report.warnings]
    warnings += [
        NewsroomError(f"{path}: changed since the site export wrote it, so left in place "
                      "(the site no longer has it; remove it by hand if it should go)")
        for path in report.kept
    ]  # fmt: skip
    result = ExportResult(written=report.written, removed=report.removed, warnings=warnings)
    return _with_left_out(result, report.related_left_out)


def _each(
    articles: Sequence[Article],
    progress: Progress | None,
    write: Callable[[Article, Output], int],
    out: Path,
) -> ExportResult:
    """Write each article; ``write`` returns how many related headlines it left out."""
    output = Output(out)
    left_out = 0
    for number, article in enumerate(articles, start=1):
        left_out += write(article, output)
        if progress:
            progress("articles", number, len(articles))
    return _with_left_out(ExportResult(written=output.written), left_out)


def _write_json(newsroom: Newsroom, article: Article, output: Output) -> int:
    from newsroom.article_json import article_to_json
    from newsroom.export.context import build_context
    from newsroom.photos import ARTICLE_WIDTH, inspect_image

    context, _ = build_context(newsroom, article)
    photo = None
    if article.photo is not None:
        # The photo every export carries (the captioned 1200-px rendition), never
        # the original, whose file may hold a comment, GPS, a serial number…
        rendition = newsroom.photos.captioned_rendition(article.photo, ARTICLE_WIDTH, "jpeg").data
        photo = (inspect_image(rendition), rendition)
        article = article.with_changes(
            photo=dataclasses.replace(article.photo, sha256=photo[0].sha256)
        )
    document = article_to_json(
        article, tz=context.settings.tzinfo, dateline_text=context.dateline, photo=photo
    )
    output.write(f"{article.slug}.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0


def _write_format(
    newsroom: Newsroom,
    article: Article,
    output: Output,
    files: FilesWriter,
    *,
    now: datetime | None,
    counted: bool,
) -> int:
    """Write one article; how many related headlines it left out (``counted``: when it does)."""
    from newsroom.export.context import build_context

    context, media = build_context(newsroom, article, now=now)
    for item in media:
        output.write(item.relative, item.data)
    for name, data in files(context).items():
        output.write(name, data)
    return context.related_left_out if counted else 0


def _pdf(
    newsroom: Newsroom, articles: Sequence[Article], out: Path, theme: Theme, now: datetime | None
) -> ExportResult:
    from newsroom.export.html import export_pages
    from newsroom.export.pdf import PdfJob, check_can_print, print_pdfs

    check_can_print()
    agency = newsroom.settings().agency
    with tempfile.TemporaryDirectory(prefix="newsroom-pdf-") as folder:
        pages = Output(Path(folder))
        left_out = export_pages(
            newsroom, articles, pages, theme=theme, now=now, link_siblings=False
        )
        jobs = [
            PdfJob(
                Path(folder) / article_path(article.slug),
                out / f"{article.slug}.pdf",
                pdf_info(article, agency),
            )
            for article in articles
        ]
        return _with_left_out(ExportResult(written=print_pdfs(jobs)), left_out)


def pdf_info(article: Article, agency: str) -> PdfInfo:
    """The PDF's title, author (the byline, else the agency), subject and keywords."""
    from newsroom.export.pdf import PdfInfo
    from newsroom.render.page import description

    return PdfInfo(
        title=article.headline,
        author=article.byline or agency,
        subject=description(article),
        keywords=tuple(article.tags),
    )
