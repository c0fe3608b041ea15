"""PDF: the finished page printed by QtWebEngine (Chromium), A4, print style sheet.

The one module of ``newsroom/`` that uses Qt. Nothing imports it at start-up:
the export code loads it only when a PDF is asked for, so the CLI and the
core stay headless and quick. It works without a display (Qt's offscreen
platform) and from inside the desktop app (it reuses the running
application; call it from the GUI thread).

Chromium will not run as root unless its sandbox is switched off; rather
than switch it off for everyone, we say so (tests and CI set
``QTWEBENGINE_DISABLE_SANDBOX=1``).

QtWebEngine's printer writes no title, author or language (its PDF says only
"Chromium"), so each PDF is then described with pikepdf: the Info dictionary
and XMP metadata agree, and the catalog's /Lang is the page's ``<html lang>``.
It cannot tag the PDF (no structure tree for screen readers): Chromium's print
code tags only when its embedder asks, and QtWebEngine (6.12) never does; the
``--export-tagged-pdf`` flag changes nothing there. Headless Chromium's
``--print-to-pdf`` does tag, should tagging be needed before Qt offers it.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from lxml import html as lxml_html

from newsroom import __version__
from newsroom.bylines import byline_names
from newsroom.errors import NewsroomError
from newsroom.export.files import write_atomically

LOAD_TIMEOUT_MS = 60_000
# left, top, right, bottom in millimetres (Chromium takes the margins from the layout).
A4_MARGINS_MM = (12.0, 14.0, 12.0, 16.0)
# Chromium's own log (GPU probing, D-Bus) is noise on a command line.
CHROMIUM_FLAGS = "--disable-gpu --disable-logging --log-level=3"


@dataclass(frozen=True)
class PdfInfo:
    """What a PDF says about itself: what viewers show, and search and library tools read."""

    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfJob:
    """Print the HTML file ``page`` (with its CSS and photos beside it) to ``target``."""

    page: Path
    target: Path
    info: PdfInfo = PdfInfo()


def check_can_print() -> None:
    """Raise a clear error when Chromium would refuse to start here."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if is_root and not os.environ.get("QTWEBENGINE_DISABLE_SANDBOX"):
        raise NewsroomError(
            "PDF export runs Chromium, which refuses to run as root with its sandbox on; "
            "run as an ordinary user, or set QTWEBENGINE_DISABLE_SANDBOX=1"
        )


def print_pdfs(jobs: Sequence[PdfJob]) -> list[Path]:
    """Print every job; returns the PDF files written. Blocks until done."""
    if not jobs:
        return []
    check_can_print()
    _prefer_offscreen_without_display()
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", CHROMIUM_FLAGS)
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QMarginsF, QTimer, QUrl
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
    from PySide6.QtWidgets import QApplication

    owned = QApplication.instance() is None
    if owned:
        _quiet_qt()
    application = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "newsroom"])
    page = QWebEnginePage()
    settings = page.settings()
    settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
    settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(*A4_MARGINS_MM),
        QPageLayout.Unit.Millimeter,
    )
    loop = QEventLoop()
    timer = QTimer(singleShot=True, interval=LOAD_TIMEOUT_MS)
    timer.timeout.connect(loop.quit)
    events: dict[str, bool] = {}

    def record(event: str, ok: bool) -> None:
        events[event] = ok
        loop.quit()

    def wait_for(event: str) -> bool:
        """Run the event loop until ``event`` is recorded or the time is up; did it succeed?"""
        timer.start()
        while event not in events and timer.isActive():
            loop.exec()
        timer.stop()
        return events.get(event, False)

    # Connected once for all jobs and never disconnected: in PySide6 6.12 every
    # SignalInstance.disconnect() (and emit()) drops a reference to True, and on
    # Python 3.11, where True is not immortal, a few hundred PDFs in one process
    # then crash the interpreter ("bool_dealloc").
    page.loadFinished.connect(lambda ok: record("loaded", ok))
    page.pdfPrintingFinished.connect(lambda _path, ok: record("printed", ok))
    written: list[Path] = []
    try:
        for job in jobs:
            events.clear()
            page.load(QUrl.fromLocalFile(str(job.page)))
            if not wait_for("loaded"):
                raise NewsroomError(f"{job.page}: the page did not load for printing")
            written.append(_print_one(page, layout, job, wait_for))
    finally:
        # The page must go before its profile, or Chromium complains on exit.
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del application
    return written


def _print_one(page: Any, layout: Any, job: PdfJob, wait_for: Callable[[str], bool]) -> Path:
    """printToPdf into a temporary file, describe it, then write it atomically.

    Never a half-written PDF where the export puts it: Chromium's file is read
    and the described one written under a temporary name and renamed into place.
    The temporary name is one ``Output.remove_leftovers`` knows (pid, .partial).
    """
    printed = job.target.with_name(f".{job.target.name}.printed.{os.getpid()}.partial")
    try:
        page.printToPdf(str(printed), layout)
        if not wait_for("printed") or not printed.is_file():
            raise NewsroomError(f"{job.target}: printing the PDF failed")
        write_atomically(job.target, describe_pdf(printed, job.info, page_language(job.page)))
    finally:
        with contextlib.suppress(FileNotFoundError):
            printed.unlink()
    return job.target


def page_language(page: Path) -> str:
    """The language the printed page declares (``<html lang>``); "" when it declares none."""
    root = lxml_html.parse(str(page)).getroot()
    return (root.get("lang") or "").strip() if root is not None else ""


def describe_pdf(pdf: Path, info: PdfInfo, language: str) -> bytes:
    """``pdf`` with its title, author, subject, keywords, creator and language set.

    The Info dictionary and the XMP packet say the same (pikepdf keeps the Info
    dictionary in step with XMP); the language goes in the catalog's /Lang, which
    screen readers and PDF/UA checkers read, and in XMP's dc:language.
    """
    try:
        return _described(pdf, info, language)
    except pikepdf.PdfError as error:
        raise NewsroomError(f"{pdf}: the printed PDF cannot be read ({error})") from None


def _described(pdf: Path, info: PdfInfo, language: str) -> bytes:
    with pikepdf.open(pdf) as document:
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp.load_from_docinfo(document.docinfo)  # Chromium's dates and producer
            xmp["xmp:CreatorTool"] = f"Newsroom {__version__}"
            if info.title:
                xmp["dc:title"] = info.title
            if info.author:
                # Each name of a shared byline on its own, as XMP's list of creators is read.
                xmp["dc:creator"] = byline_names(info.author) or [info.author]
            if info.subject:
                xmp["dc:description"] = info.subject
            if info.keywords:
                xmp["pdf:Keywords"] = ", ".join(info.keywords)
                xmp["dc:subject"] = set(info.keywords)
            if language:
                xmp["dc:language"] = {language}
        if language:
            document.Root.Lang = pikepdf.String(language)
        # A viewer's title bar shows the headline, not the file's name.
        document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        described = io.BytesIO()
        document.save(described)
    return described.getvalue()


def _quiet_qt() -> None:
    """Keep Qt's start-up chatter (OpenGL, Vulkan probing) off a command line's stderr."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(f"newsroom: Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def _prefer_offscreen_without_display() -> None:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
