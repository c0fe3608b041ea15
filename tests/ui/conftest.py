"""UI fixtures: a session (the test's newsroom and real worker threads)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsroom.store import Newsroom
from ui.session import Session
from ui.tasks import Tasks


@pytest.fixture
def session(newsroom: Newsroom, qapp: object) -> Iterator[Session]:
    tasks = Tasks()
    yield Session(newsroom, tasks)
    tasks.wait()
