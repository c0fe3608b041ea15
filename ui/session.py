"""What every window and pane of the app is handed: the open newsroom and the worker threads."""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.store import Newsroom
from ui.tasks import Tasks


@dataclass
class Session:
    newsroom: Newsroom
    tasks: Tasks

    def close(self) -> None:
        """Let running work finish, then close the newsroom."""
        self.tasks.wait()
        self.newsroom.close()
