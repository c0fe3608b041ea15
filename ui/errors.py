"""What a failure says to the editor: one line, never a traceback."""

from __future__ import annotations


def one_line_error(error: BaseException) -> str:
    """What a failure says to the editor: one line, never a traceback."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
