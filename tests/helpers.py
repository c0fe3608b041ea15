"""Shared test helpers: sample articles and generated photos."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy.engine import URL

ROOT = Path(__file__).resolve().parents[1]


def jpeg_bytes(
    width: int = 64, height: int = 48, colour: tuple[int, int, int] = (180, 40, 40)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def png_bytes(width: int = 32, height: int = 32) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 120, 200, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def full_article(**overrides: Any) -> dict[str, Any]:
    """An article in the JSON format with every field filled."""
    article: dict[str, Any] = {
        "slug": "russia-offers-talks",
        "headline": "Russia offers talks on grain corridor",
        "subtitle": "The Kremlin says it is ready to meet “at any level”",
        "section": "Politics",
        "byline": "Ivan Petrov",
        "dateline": {"city": "Moscow", "date": "2021-06-28", "agency": "TASS"},
        "lead": "Russia is offering talks on the grain corridor, the Kremlin said on Monday.",
        "body": 'First paragraph.\n\n## What was said\n\nThe spokesman said: "We are ready."\n',
        "quotes": [
            {
                "text": "We are ready",
                "speaker": "Dmitry Peskov",
                "role": "Kremlin spokesman",
                "pull": True,
            },
            {"text": "Talks are possible", "speaker": "", "role": "", "pull": False},
        ],
        "related": [
            {"slug": "grain-deal-expires"},
            {
                "headline": "UN welcomes the offer",
                "subtitle": "Statement in Geneva",
                "url": "https://example.org/un-offer",
            },
        ],
        "mark": "Updated",
        "status": "published",
        "published_at": "2021-06-28T10:05:00+03:00",
        "tags": ["Russia", "grain", "diplomacy"],
    }
    article.update(overrides)
    return article


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# --- the command line as people run it: a real process -----------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str


def newsroom_cli(db: Path | str, *args: str) -> Run:
    """``python -m newsroom --db DB ARGS`` in a process of its own, with a bare environment."""
    home = db.parent if isinstance(db, Path) else Path(tempfile.gettempdir())
    done = subprocess.run(
        [sys.executable, "-m", "newsroom", "--db", str(db), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "NEWSROOM_AUTHOR": "tester", "HOME": str(home)},
    )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def outside_edit(target: Path | str | URL, *statements: str) -> None:
    """Change the newsroom's database behind Newsroom's back, as another program would.

    Works on an SQLite file or a PostgreSQL URL alike, through plain SQLAlchemy.
    """
    from sqlalchemy import create_engine, text

    from newsroom.storage.engine import resolve_url

    engine = create_engine(target if isinstance(target, URL) else resolve_url(target))
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()
