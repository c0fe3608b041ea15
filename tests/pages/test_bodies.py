"""Bodies rendered in bulk, on worker processes ahead of their write: the same HTML, the same refusals."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest

from newsroom.errors import ValidationError
from newsroom.render.bodies import render_ahead, render_bodies
from newsroom.render.body import render_body

BODIES = [
    f'Paragraph {n} said "yes" -- *twice*...\n\n## Part {n}\n\n- one\n- two' for n in range(120)
]
REFUSED = "> " * 150 + "too deep"  # quotes nested past the limit


@pytest.fixture
def pool() -> Iterator[ProcessPoolExecutor]:
    """Real worker processes whatever threads this test process has (``Workers`` forks
    only from a process with one thread: under pytest-xdist that depends on the tests
    before), started fresh rather than forked."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as workers:
        yield workers


def test_bodies_rendered_ahead_on_workers_are_render_bodys_html(
    pool: ProcessPoolExecutor,
) -> None:
    ready = render_ahead(pool, BODIES)()
    assert ready == {body: (render_body(body), []) for body in BODIES}
    assert render_bodies(BODIES, ready=ready) == [render_body(body) for body in BODIES]


def test_a_body_refused_on_a_worker_is_told_at_its_place(pool: ProcessPoolExecutor) -> None:
    bodies = [*BODIES[:3], REFUSED]
    ready = render_ahead(pool, bodies)()
    with pytest.raises(ValidationError) as refused:
        render_bodies(bodies, ["[0]", "[1]", "[2]", "[3]"], ready)
    assert [problem.path for problem in refused.value.problems] == ["[3].body"]


def test_without_workers_nothing_is_rendered_ahead_and_all_is_rendered_in_place() -> None:
    assert render_ahead(None, BODIES)() == {}
    partly = {BODIES[0]: (render_body(BODIES[0]), [])}
    assert render_bodies(BODIES[:5], ready=partly) == [render_body(body) for body in BODIES[:5]]
