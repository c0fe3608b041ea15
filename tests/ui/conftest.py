"""UI fixtures: a session (the test's newsroom and real worker threads)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsroom.store import Newsroom
from ui.preview import register_schemes
from ui.session import Session
from ui.tasks import Tasks

# The preview's URL scheme must be known before the QApplication exists.
register_schemes()


@pytest.fixture
def session(newsroom: Newsroom, qapp: object) -> Iterator[Session]:
    tasks = Tasks()
    yield Session(newsroom, tasks)
    tasks.wait()
