"""Using every core for work that is pure computation: rendering pages and bodies.

Workers are forked, so they start at once and share the parent's loaded data
(a site's ten thousand articles) without copying it through pipes. Forking
is safe here because workers never touch the database (the parent's SQLite
connections are inherited but never used, and children leave with
``os._exit``, closing nothing), and because we fork only from a process with
a single thread: forking a threaded process (the desktop app) can copy a lock
some other thread holds. There, the work simply runs in the calling thread.

``ReadAhead`` reads the next items of a stream on a thread while the caller
works on this one: a big import decodes and checks the next thousand
articles while SQLite indexes this thousand (SQLite lets go of the
interpreter while it works). A fork pool forks all its workers on its first
task (``start_workers``): start them before such a thread.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from types import TracebackType

T = TypeVar("T")


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


def start_workers(pool: ProcessPoolExecutor | None) -> None:
    """Fork ``pool``'s workers now, while this process has no thread of its own yet.

    A fork pool forks every worker on its first task; a thread started after
    (``ReadAhead``) is then never half-copied into a worker.
    """
    if pool is not None:
        pool.submit(os.getpid).result()


class ReadAhead(Generic[T]):
    """``with ReadAhead(items) as ahead:`` the items, the next one read on a thread meanwhile.

    What the reading raises is raised where its item would have come. Leaving
    the block (also on an error) stops the reading and waits for the thread,
    so nothing reads the source once the block is left.
    """

    WAIT = 0.1  # seconds between looks at "stop" while the caller has not taken the last item

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self._queue: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, name="read-ahead", daemon=True)

    def __enter__(self) -> Iterator[T]:
        self._thread.start()
        return self._taken()

    def __exit__(self, *exception: object) -> None:
        self._stop.set()
        self._thread.join()

    def _read(self) -> None:
        try:
            for item in self._items:
                if not self._put((True, item)):
                    return
        except BaseException as error:  # raised in the caller, at its place in the stream
            self._put((False, error))
            return
        self._put((False, None))

    def _put(self, entry: tuple[bool, Any]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=self.WAIT)
                return True
            except queue.Full:
                continue
        return False

    def _taken(self) -> Iterator[T]:
        while True:
            is_item, value = self._queue.get()
            if is_item:
                yield value
            elif value is None:
                return
            else:
                raise value
