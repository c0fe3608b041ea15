"""No lost update across processes, on both engines: two editors save one article 500 times each.

Each reloads when the other saved meanwhile (the conflict check), so every
save it reports as committed must be in the history, under the revision it
was told, with its own text: nothing one wrote is silently replaced by the other.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsroom.article import Article
from newsroom.store import Newsroom
from tests.rival_saver import SLUG, body

SAVER = Path(__file__).parents[1] / "rival_saver.py"
SAVES_EACH = 500
ROOT = Path(__file__).parents[2]


def test_two_processes_saving_one_article_lose_nothing(newsroom: Newsroom) -> None:
    newsroom.create(Article(headline="Contested story", slug=SLUG))
    target = newsroom.url.render_as_string(hide_password=False)
    rivals = [
        subprocess.Popen(
            [sys.executable, str(SAVER), target, name, str(SAVES_EACH)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("anna", "boris")
    ]
    committed: dict[int, str] = {}
    for name, rival in zip(("anna", "boris"), rivals, strict=True):
        out, err = rival.communicate(timeout=600)
        assert rival.returncode == 0, err
        lines = out.split("\n")[:-1]
        assert len(lines) == SAVES_EACH
        for line in lines:
            revision, number = map(int, line.split())
            assert revision not in committed, f"revision {revision} reported twice"
            committed[revision] = body(name, number)

    history = newsroom.history(SLUG)
    assert len(history) == 1 + 2 * SAVES_EACH
    assert sorted(committed) == list(range(2, 2 + 2 * SAVES_EACH))
    for revision, text in committed.items():
        assert newsroom.revision(SLUG, revision).body == text
