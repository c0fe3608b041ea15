"""The main window. For now: the newsroom's name and its latest articles."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow

from newsroom.store import Newsroom

LATEST = 200


class MainWindow(QMainWindow):
    def __init__(self, newsroom: Newsroom) -> None:
        super().__init__()
        self.newsroom = newsroom
        settings = newsroom.settings()
        self.setWindowTitle(f"Newsroom — {settings.name}")
        self.articles = QListWidget(self)
        self.articles.setAccessibleName(self.tr("Articles"))
        self.setCentralWidget(self.articles)
        for summary in newsroom.articles(limit=LATEST):
            self.articles.addItem(summary.headline)
        self.resize(1000, 700)
