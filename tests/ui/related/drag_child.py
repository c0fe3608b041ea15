"""Run by test_drag.py under Xvfb: the related pane, dragged with real X mouse events.

xdotool moves the pointer and holds the button, as a hand would; Qt sees ordinary
X input, so QDrag runs its own loop and the view's drop ends in the model.
Prints the order before, after the drag, and after one undo.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ui.scheme import before_application


def main(db: Path) -> None:
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from newsroom.article import Article, RelatedHeadline
    from newsroom.demo import load_demo
    from newsroom.store import Newsroom
    from ui.related.pane import RelatedPane
    from ui.session import Session
    from ui.tasks import Tasks

    app = QApplication([])
    newsroom = Newsroom.open(db, create=True)
    load_demo(newsroom)
    related = (
        "first-snow-northern-regions",
        "kazan-approves-river-tram-line",
        "night-train-returns",
    )
    story = newsroom.create(
        Article(
            headline="Walruses crowd the coast",
            related=tuple(RelatedHeadline.internal(slug) for slug in related),
        )
    )
    stack = QUndoStack()
    pane = RelatedPane(Session(newsroom, Tasks()), stack)
    pane.resize(500, 600)
    pane.move(0, 0)
    pane.show()
    pane.load(story)

    def order() -> list[str]:
        return [entry.slug for entry in pane.related()]

    print("before", order(), flush=True)

    xdotool: list[subprocess.Popen[bytes]] = []
    waited = {"ms": 0}

    def drag() -> None:
        view = pane.view
        if not view.isVisible() or not view.visualRect(pane.model.index(2)).isValid():
            QTimer.singleShot(200, drag)  # a busy machine: not laid out yet
            return
        start = view.viewport().mapToGlobal(view.visualRect(pane.model.index(2)).center())
        top = view.visualRect(pane.model.index(0)).topLeft() + QPoint(20, 2)
        end = view.viewport().mapToGlobal(top)
        steps = (
            f"mousemove {start.x()} {start.y()} sleep 0.3 mousedown 1 sleep 0.3 "
            f"mousemove {start.x()} {start.y() - 10} sleep 0.2 "
            f"mousemove {end.x()} {end.y() + 4} sleep 0.2 "
            f"mousemove {end.x()} {end.y()} sleep 0.4 mouseup 1"
        )
        xdotool.append(subprocess.Popen(["xdotool", *steps.split()]))
        QTimer.singleShot(200, settle)

    def settle() -> None:
        # After the pointer is let go, give the drop up to 20 s to land.
        waited["ms"] += 200
        moved = order() != list(related)
        if (xdotool[0].poll() is None or not moved) and waited["ms"] < 20_000:
            QTimer.singleShot(200, settle)
            return
        finish()

    def finish() -> None:
        print("after", order(), flush=True)
        print("undo", stack.count(), flush=True)
        stack.undo()
        print("undone", order(), flush=True)
        app.quit()

    QTimer.singleShot(500, drag)
    app.exec()


if __name__ == "__main__":
    before_application()  # before the QApplication exists
    main(Path(sys.argv[1]))
