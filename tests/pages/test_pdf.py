"""What a reader gets on paper: real PDFs printed by QtWebEngine."""

from __future__ import annotations

import sys
from pathlib import Path

from newsroom.export.pdf import PdfJob
from newsroom.export.pdf import print_pdfs as print_jobs


def test_printing_many_pdfs_in_one_process_keeps_python_sound(tmp_path: Path) -> None:
    # PySide6 6.12 drops a reference to True on every SignalInstance.disconnect(); on
    # Python 3.11 a long export then ended in "Fatal Python error: bool_dealloc".
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><title>Page</title><p>Text</p>", encoding="utf-8")
    print_jobs([PdfJob(page, tmp_path / "first.pdf")])  # Qt and Chromium are loaded now
    before = sys.getrefcount(True)
    printed = print_jobs([PdfJob(page, tmp_path / f"{number}.pdf") for number in range(30)])
    assert len(printed) == 30
    assert sys.getrefcount(True) > before - 10
