"""One line for every failure the editor sees."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from newsroom.dateline import PatternError
from newsroom.errors import FieldProblem, StorageError, ValidationError
from newsroom.photos import ImageError
from newsroom.photos.library import TemplateError
from ui.errors import one_line


def _raised(path: Path) -> OSError:
    try:
        path.read_bytes()
    except OSError as error:
        return error
    raise AssertionError("the file was read")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (StorageError("the newsroom is locked\nby another program"), "the newsroom is locked"),
        (
            ValidationError([FieldProblem("related[3].url", "only http and https links")]),
            "related[3].url: only http and https links",
        ),
        (ImageError("not a photo we can read"), "not a photo we can read"),
        (TemplateError("unknown placeholder {town}"), "unknown placeholder {town}"),
        (PatternError("unknown field {town}"), "unknown field {town}"),
        (KeyError("slug"), "KeyError: 'slug'"),
        (ValueError("  \n bad value \n more"), "ValueError: bad value"),
        (RuntimeError(), "RuntimeError"),
        (StorageError(""), "StorageError"),
        (OSError("disk gone"), "OSError: disk gone"),
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (
            PermissionError(errno.EACCES, "Permission denied", "/srv/out", None, "/srv/in"),
            "/srv/out → /srv/in: Permission denied",
        ),
    ],
)
def test_every_error_is_one_line_that_says_what_happened(
    error: BaseException, expected: str
) -> None:
    assert one_line(error) == expected


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "notes.jpg"
    assert one_line(_raised(missing)) == f"{missing}: No such file or directory"
