"""Templates, themes, icons and demo content: the top-level ``resources/`` folder.

One lookup serves every way Newsroom runs. In a wheel or a frozen bundle the
folder travels inside the package as ``newsroom/_resources`` (pyproject.toml
maps it at build time); in a checkout it is read where it is. Callers never
build paths to it themselves.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGED = "_resources"


@cache
def root() -> Traversable:
    """The resources folder, packaged or from the checkout (looked up once)."""
    packaged = importlib.resources.files("newsroom") / PACKAGED
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "Newsroom's resources are missing (no newsroom/_resources): reinstall Newsroom"
    )


def resource(*parts: str) -> Traversable:
    found = root()
    for part in parts:
        found = found / part
    return found


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


@contextmanager
def as_folder(*parts: str) -> Iterator[Path]:
    """A real folder holding ``resources/<parts>`` for as long as the block runs."""
    with importlib.resources.as_file(resource(*parts)) as path:
        yield Path(path)
