"""Live preview latency: a typing pause → the preview shows the new text.

    python bench/preview_latency.py              800 and 5,000 words
    python bench/preview_latency.py 800 2000

Measures, in the real ``PreviewPane`` (offscreen when there is no display),
the time from ``show_article`` with one word changed to ``rendered`` (the
newest page loaded in the browser view, photo and style sheet served, scroll
restored). Target: ≤ 100 ms at 800 words. ``bench/app.py`` may call
``measure_preview_latency(words)`` (it makes a QApplication when none exists,
registering the preview's scheme first).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPEATS = 9
WORDS = (
    "the night train left old station on time and crossed plain towards border where "
    "passengers waited with tickets bought years ago for journey that never happened"
).split()


def body_of(words: int) -> str:
    """Markdown of about ``words`` words, in paragraphs of 60."""
    paragraphs, taken = [], 0
    while taken < words:
        size = min(60, words - taken)
        paragraphs.append(" ".join(WORDS[(taken + i) % len(WORDS)] for i in range(size)) + ".")
        taken += size
    return "\n\n".join(paragraphs)


def measure_preview_latency(words: int, repeats: int = REPEATS) -> float:
    """Median ms from a typing pause (``show_article``) to the preview updated (``rendered``)."""
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.preview import PreviewPane
    from ui.scheme import before_application

    if QApplication.instance() is None:
        before_application()
    app = QApplication.instance() or QApplication(["preview-latency"])

    from newsroom.demo import load_demo
    from newsroom.store import Newsroom
    from ui.session import Session
    from ui.tasks import Tasks

    with tempfile.TemporaryDirectory() as folder:
        newsroom = Newsroom.open(Path(folder) / "bench.sqlite", create=True, author="bench")
        tasks = Tasks()
        pane = PreviewPane(Session(newsroom, tasks))
        try:
            load_demo(newsroom)
            articles = [newsroom.get(summary.id) for summary in newsroom.articles()]
            article = next(item for item in articles if item.photo is not None)
            article = newsroom.save(article.with_changes(body=body_of(words)))
            pane.resize(1000, 800)
            pane.show()

            def update(text: str) -> float:
                loop = QEventLoop()
                pane.rendered.connect(loop.quit)
                timeout = QTimer(singleShot=True, interval=30_000)
                timeout.timeout.connect(loop.quit)
                timeout.start()
                started = time.perf_counter()
                pane.show_article(article.with_changes(body=text))
                loop.exec()
                elapsed = (time.perf_counter() - started) * 1000
                pane.rendered.disconnect(loop.quit)
                if not timeout.isActive():
                    raise RuntimeError("the preview did not update within 30 s")
                return elapsed

            update(article.body)  # warm up: renditions made, browser started
            times = [update(f"{article.body} edit{n}") for n in range(repeats)]
        finally:
            pane.deleteLater()
            tasks.wait()
            app.processEvents()
            newsroom.close()
    return statistics.median(times)


def main(argv: list[str]) -> int:
    sizes = [int(arg) for arg in argv] or [800, 5000]
    for words in sizes:
        print(f"preview update, {words:>6,} words: {measure_preview_latency(words):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
