"""Using every core for work that is pure computation: rendering pages and bodies.

Workers are forked, so they start at once and share the parent's loaded data
(a site's ten thousand articles) without copying it through pipes. Forking
is safe here because workers never touch the database (the parent's SQLite
connections are inherited but never used, and children leave with
``os._exit``, closing nothing), and because we fork only from a process with
a single thread: forking a threaded process (the desktop app) can copy a lock
some other thread holds. There, the work simply runs in the calling thread.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from types import TracebackType


class Workers:
    """A fork-based process pool when it helps (``pool`` is None when it would not)."""

    def __init__(self, chunks: int, jobs: int | None = None) -> None:
        workers = min(jobs or os.cpu_count() or 1, max(1, chunks))
        can_fork = hasattr(os, "fork") and threading.active_count() == 1
        self.pool = _fork_pool(workers) if workers > 1 and can_fork else None

    def __enter__(self) -> ProcessPoolExecutor | None:
        return self.pool

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _fork_pool(workers: int) -> ProcessPoolExecutor:
    # Imported here: a quick site re-export renders a few pages and starts no pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
