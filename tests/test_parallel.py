"""Work beside the caller: a stream read a step ahead on a thread (``ReadAhead``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from newsroom.errors import NewsroomError
from newsroom.parallel import ReadAhead, Workers, start_workers


def _threads_named(name: str) -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == name]


def test_items_come_in_order_and_the_thread_is_gone_after_the_block() -> None:
    with ReadAhead(range(500)) as ahead:
        assert list(ahead) == list(range(500))
    assert not _threads_named("read-ahead")


def test_an_error_of_the_reading_comes_where_its_item_would_have() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise NewsroomError("archive.json: not valid JSON (line 3, column 1: Extra data)")

    got: list[int] = []
    with pytest.raises(NewsroomError, match="line 3"), ReadAhead(items()) as ahead:
        got.extend(ahead)
    assert got == [1, 2]


def test_leaving_early_stops_the_reading_a_step_ahead_at_most() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for number in range(1_000):
            read.append(number)
            yield number

    with pytest.raises(ValueError, match="refused"), ReadAhead(items()) as ahead:
        for number in ahead:
            if number == 3:
                raise ValueError("refused")
    assert not _threads_named("read-ahead")
    # Items 0-3 taken, one queued, one read and waiting to be queued: no more, ever (joined).
    assert len(read) <= 6


def test_workers_are_forked_before_a_thread_starts() -> None:
    with Workers(4, jobs=2) as pool:
        start_workers(pool)
        if pool is not None:  # forked: every worker is there already
            assert len(pool._processes) == 2
            assert pool.submit(sum, [1, 2]).result() == 3
