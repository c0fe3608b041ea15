"""Many bodies at once: a big import's bodies as safe HTML, on every core.

Rendering happens above storage (``newsroom/saving.py`` hands the HTML to the
writer as a value); this is the bulk half of it. A body refused by the render
limits (``render.bounds``) is reported with the place it came from in the
input (``[3].body``), also when a worker process found it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor

from newsroom.errors import FieldProblem, ValidationError
from newsroom.parallel import Workers
from newsroom.render.body import render_body

PARALLEL_BODIES = 200  # below this, starting workers costs more than it saves


# A body's HTML, or why it is refused: (path, message) pairs, plain data from a worker.
Rendered = tuple[str, list[tuple[str, str]]]
AHEAD_BATCH = 50  # bodies per task handed to a worker


def render_bodies(
    bodies: Sequence[str], paths: Sequence[str] = (), ready: Mapping[str, Rendered] | None = None
) -> list[str]:
    """Every body as safe HTML, on every core when there are many (a big import).

    ``ready`` holds bodies already rendered (``render_ahead``), by their text.
    A body refused by the renderer's limits is reported with its ``paths`` entry.
    """
    ready = ready or {}
    missing = [body for body in bodies if body not in ready]
    with Workers(len(missing) // PARALLEL_BODIES) as pool:
        if pool is None:
            made = [_rendered_or_refused(body) for body in missing]
        else:
            made = list(pool.map(_rendered_or_refused, missing, chunksize=50))
    found = dict(zip(missing, made, strict=True))
    html = []
    for index, body in enumerate(bodies):
        text, problems = ready[body] if body in ready else found[body]
        if problems:
            error = ValidationError([FieldProblem(path, message) for path, message in problems])
            raise error.within(paths[index] if paths else "")
        html.append(text)
    return html


def render_ahead(
    pool: ProcessPoolExecutor | None, bodies: Sequence[str]
) -> Callable[[], dict[str, Rendered]]:
    """Start rendering ``bodies`` on ``pool``'s workers; the call returned waits for them.

    A streamed import renders the next chunk's bodies while it writes this
    one's, so that the cores render while the database writes. Without a
    pool (a threaded process), nothing is rendered ahead.
    """
    if pool is None:
        return dict
    batches = [
        list(bodies[start : start + AHEAD_BATCH]) for start in range(0, len(bodies), AHEAD_BATCH)
    ]
    futures = [pool.submit(_render_batch, batch) for batch in batches]

    def collect() -> dict[str, Rendered]:
        results: dict[str, Rendered] = {}
        for batch, future in zip(batches, futures, strict=True):
            results.update(zip(batch, future.result(), strict=True))
        return results

    return collect


def _render_batch(bodies: list[str]) -> list[Rendered]:
    return [_rendered_or_refused(body) for body in bodies]


def _rendered_or_refused(body: str) -> Rendered:
    """The body's HTML, or why it is refused (as plain data: it may come from a worker process)."""
    try:
        return render_body(body), []
    except ValidationError as error:
        return "", [(problem.path, problem.message) for problem in error.problems]
