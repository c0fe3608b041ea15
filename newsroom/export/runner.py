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

from newsroom.article import Article
from newsroom.article_json import article_to_json
from newsroom.errors import NewsroomError, SettingRequiredError
from newsroom.export.context import ExportContext, build_context
from newsroom.export.files import Output, make_folder
from newsroom.photos import ARTICLE_WIDTH, inspect_image
from newsroom.render.page import description
from newsroom.render.theme import Theme, load_theme
from newsroom.render.urls import article_path
from newsroom.store import Newsroom

if TYPE_CHECKING:
    from newsroom.export.pdf import PdfInfo

Progress = Callable[[str, int, int], None]

# Per-article formats written by a function ExportContext -> bytes.
WRITERS: dict[str, tuple[str, str, str]] = {
    # format: (module, function, file suffix)
    "nitf": ("newsroom.export.nitf", "write_nitf", ".nitf.xml"),
    "newsml": ("newsroom.export.newsml", "write_newsml", ".newsml.xml"),
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


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    # What the export went on without; a SettingRequiredError names the missing setting.
    warnings: list[NewsroomError] = field(default_factory=list)

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

        export_pages(
            newsroom, articles, output, self_contained=request.self_contained, theme=theme,
            now=request.now,
        )  # fmt: skip
        return ExportResult(written=output.written)
    if request.format == "pdf":
        return _pdf(newsroom, articles, out, theme, request.now)
    if request.format == "json":
        return _each(
            articles, progress, lambda article, output: _write_json(newsroom, article, output), out
        )
    module, function, suffix = WRITERS[request.format]
    writer: Callable[[ExportContext], bytes] = getattr(importlib.import_module(module), function)
    return _each(
        articles,
        progress,
        lambda article, output: _write_format(
            newsroom, article, output, writer, suffix, now=request.now
        ),
        out,
    )


def _check_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise NewsroomError(f"{out}: is a file; give a folder to export into")
    make_folder(out)


def _articles(newsroom: Newsroom, request: ExportRequest) -> list[Article]:
    if request.all_articles:
        ids = [summary.id for summary in newsroom.articles(order="published")]
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
    warnings = [NewsroomError(text) for text in report.warnings]
    warnings += [
        NewsroomError(f"{path}: changed since the site export wrote it, so left in place "
                      "(the site no longer has it; remove it by hand if it should go)")
        for path in report.kept
    ]  # fmt: skip
    if not newsroom.settings().base_url:
        warnings.append(
            SettingRequiredError(
                "base_url",
                "base_url is not set: atom.xml and sitemap.xml use relative links",
                example="https://…",
            )
        )
    return ExportResult(written=report.written, removed=report.removed, warnings=warnings)


def _each(
    articles: Sequence[Article],
    progress: Progress | None,
    write: Callable[[Article, Output], None],
    out: Path,
) -> ExportResult:
    output = Output(out)
    for number, article in enumerate(articles, start=1):
        write(article, output)
        if progress:
            progress("articles", number, len(articles))
    return ExportResult(written=output.written)


def _write_json(newsroom: Newsroom, article: Article, output: Output) -> None:
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


def _write_format(
    newsroom: Newsroom,
    article: Article,
    output: Output,
    writer: Callable[[ExportContext], bytes],
    suffix: str,
    *,
    now: datetime | None,
) -> None:
    context, media = build_context(newsroom, article, now=now)
    for item in media:
        output.write(item.relative, item.data)
    output.write(f"{article.slug}{suffix}", writer(context))


def _pdf(
    newsroom: Newsroom, articles: Sequence[Article], out: Path, theme: Theme, now: datetime | None
) -> ExportResult:
    from newsroom.export.html import export_pages
    from newsroom.export.pdf import PdfJob, check_can_print, print_pdfs

    check_can_print()
    agency = newsroom.settings().agency
    with tempfile.TemporaryDirectory(prefix="newsroom-pdf-") as folder:
        pages = Output(Path(folder))
        export_pages(newsroom, articles, pages, theme=theme, now=now, link_siblings=False)
        jobs = [
            PdfJob(
                Path(folder) / article_path(article.slug),
                out / f"{article.slug}.pdf",
                pdf_info(article, agency),
            )
            for article in articles
        ]
        return ExportResult(written=print_pdfs(jobs))


def pdf_info(article: Article, agency: str) -> PdfInfo:
    """The PDF's title, author (the byline, else the agency), subject and keywords."""
    from newsroom.export.pdf import PdfInfo

    return PdfInfo(
        title=article.headline,
        author=article.byline or agency,
        subject=description(article),
        keywords=tuple(article.tags),
    )
