"""Many bodies at once: a big import's bodies as safe HTML, on every core.

Rendering happens above storage (``newsroom/saving.py`` hands the HTML to the
writer as a value); this is the bulk half of it. A body refused by the render
limits (``render.bounds``) is reported with the place it came from in the
input (``[3].body``), also when a worker process found it.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.errors import FieldProblem, ValidationError
from newsroom.parallel import Workers
from newsroom.render.body import render_body

PARALLEL_BODIES = 200  # below this, starting workers costs more than it saves


def render_bodies(bodies: Sequence[str], paths: Sequence[str] = ()) -> list[str]:
    """Every body as safe HTML, on every core when there are many (a big import).

    A body refused by the renderer's limits is reported with its ``paths`` entry.
    """
    with Workers(len(bodies) // PARALLEL_BODIES) as pool:
        if pool is None:
            results = [_rendered_or_refused(body) for body in bodies]
        else:
            results = list(pool.map(_rendered_or_refused, bodies, chunksize=50))
    html = []
    for index, (made, problems) in enumerate(results):
        if problems:
            error = ValidationError([FieldProblem(path, message) for path, message in problems])
            raise error.within(paths[index] if paths else "")
        html.append(made)
    return html


def _rendered_or_refused(body: str) -> tuple[str, list[tuple[str, str]]]:
    """The body's HTML, or why it is refused (as plain data: it may come from a worker process)."""
    try:
        return render_body(body), []
    except ValidationError as error:
        return "", [(problem.path, problem.message) for problem in error.problems]
