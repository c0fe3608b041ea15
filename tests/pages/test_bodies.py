"""Bodies rendered in bulk, on worker processes ahead of their write: the same HTML, the same refusals."""

from __future__ import annotations

import pytest

from newsroom.errors import ValidationError
from newsroom.parallel import Workers
from newsroom.render.bodies import render_ahead, render_bodies
from newsroom.render.body import render_body

BODIES = [
    f'Paragraph {n} said "yes" -- *twice*...\n\n## Part {n}\n\n- one\n- two' for n in range(120)
]
REFUSED = "> " * 150 + "too deep"  # quotes nested past the limit


def test_bodies_rendered_ahead_on_workers_are_render_bodys_html() -> None:
    with Workers(2) as pool:
        ready = render_ahead(pool, BODIES)()
    assert ready == {body: (render_body(body), []) for body in BODIES}
    assert render_bodies(BODIES, ready=ready) == [render_body(body) for body in BODIES]


def test_a_body_refused_on_a_worker_is_told_at_its_place() -> None:
    bodies = [*BODIES[:3], REFUSED]
    with Workers(2) as pool:
        ready = render_ahead(pool, bodies)()
    with pytest.raises(ValidationError) as refused:
        render_bodies(bodies, ["[0]", "[1]", "[2]", "[3]"], ready)
    assert [problem.path for problem in refused.value.problems] == ["[3].body"]


def test_without_workers_nothing_is_rendered_ahead_and_all_is_rendered_in_place() -> None:
    assert render_ahead(None, BODIES)() == {}
    partly = {BODIES[0]: (render_body(BODIES[0]), [])}
    assert render_bodies(BODIES[:5], ready=partly) == [render_body(body) for body in BODIES[:5]]
