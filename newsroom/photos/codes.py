"""Code replacements, as photo desks use them: ``=lav=`` becomes the full name.

A code is letters, digits, ``_``, ``.`` or ``-`` between two ``=`` signs.
Codes are expanded in captions and credits; an unknown code is left as typed
(and reported), so a caption never loses text. The table travels as
tab-separated text, one ``=code=<TAB>text`` per line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from newsroom.errors import NewsroomError
from newsroom.text import forbidden_character, one_line

CODE = re.compile(r"=([A-Za-z0-9_.\-]{1,64})=")
_BARE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


def expand(text: str, table: Mapping[str, str]) -> str:
    """``text`` with every known code replaced by its text."""
    if "=" not in text:
        return text
    return CODE.sub(lambda found: table.get(found.group(1).lower(), found.group(0)), text)


def unknown(text: str, table: Mapping[str, str]) -> list[str]:
    """The codes in ``text`` that the table does not know, as typed (``=xyz=``)."""
    return [found.group(0) for found in CODE.finditer(text) if found.group(1).lower() not in table]


def normal_code(code: str) -> str:
    """A code as stored: without its ``=`` signs, lower case."""
    bare = code.strip()
    if len(bare) > 1 and bare.startswith("=") and bare.endswith("="):
        bare = bare[1:-1]
    if not _BARE.match(bare):
        raise ValueError(f"{code!r} is not a code: use letters, digits, _, . or - (e.g. =lav=)")
    return bare.lower()


def parse_table(text: str, label: str) -> dict[str, str]:
    """A table from tab-separated lines; errors name the file and line."""
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        code, separator, replacement = line.partition("\t")
        where = f"{label}, line {number}"
        if not separator:
            raise NewsroomError(f"{where}: expected code<TAB>text (no tab found)")
        _add(table, code, replacement, where, "file")
    return table


def _add(table: dict[str, str], code: str, replacement: str, where: str, place: str) -> None:
    """Check one code and its text and put them in ``table``; errors start with ``where``."""
    try:
        key = normal_code(code)
    except ValueError as error:
        raise NewsroomError(f"{where}: {error}") from None
    problem = forbidden_character(replacement)
    if problem:
        raise NewsroomError(f"{where}: the text {problem}")
    if key in table:
        raise NewsroomError(f"{where}: ={key}= is already in the {place}")
    if not one_line(replacement):
        raise NewsroomError(f"{where}: ={key}= has no text to stand for")
    table[key] = one_line(replacement)


def format_table(table: Mapping[str, str]) -> str:
    return "".join(f"={code}=\t{text}\n" for code, text in sorted(table.items()))


def parse_rows(rows: Sequence[tuple[str, str]]) -> dict[str, str]:
    """A table from (code, text) rows as an editor shows them; errors name the row (from 1).

    Rows with both cells empty are skipped. The checks are those of ``parse_table``.
    """
    table: dict[str, str] = {}
    for number, (code, replacement) in enumerate(rows, start=1):
        if not code.strip() and not replacement.strip():
            continue
        _add(table, code, replacement, f"row {number}", "table")
    return table
