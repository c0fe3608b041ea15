"""Parsing untrusted JSON text, refusing what JSON parsers let through but an article cannot take.

Python's ``json`` accepts a key given twice (the last one silently wins),
``NaN`` and ``Infinity`` (not JSON at all), ``1e999`` (read as infinity),
and numbers of any length (and fails on those beyond 4,300 digits with a
ValueError instead of an error naming the field). Here every one of them
is a ``FieldProblem`` with its path (``[1].photo.caption``), all found at
once, as ``article_json`` reports the article's own rules.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from newsroom.errors import FieldProblem, ValidationError

# No field takes a number longer than this (revisions, paragraph counts and
# ids are far shorter); longer ones are refused before Python converts them.
DIGITS_MAX = 20


class _Refused:
    """A value the parser met and the document may not hold; reported with its path."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Repeated(dict[str, Any]):
    """An object in which some keys appear more than once (the last value is kept)."""

    def __init__(self, pairs: list[tuple[str, Any]], counts: dict[str, int]) -> None:
        super().__init__(pairs)
        self.counts = counts


def parse_json(text: str) -> Any:
    """The JSON value in ``text``.

    Raises ``json.JSONDecodeError`` for broken syntax and ValidationError
    for repeated keys and numbers no field can take.
    """
    decoder = json_decoder()
    document = decoder.decode(text)
    problems = value_problems(document) if decoder.refused else []
    if problems:
        raise ValidationError(problems)
    return document


class CheckedDecoder(json.JSONDecoder):
    """A decoder that marks what JSON parsers let through but an article cannot take.

    ``refused`` counts the marks made so far: a value read while it stayed
    the same holds none, and needs no walk by ``value_problems`` (a big
    import reads a million clean articles).
    """

    def __init__(self) -> None:
        self.refused = 0
        super().__init__(
            object_pairs_hook=self._object,
            parse_int=self._integer,
            parse_float=self._fraction,
            parse_constant=self._constant,
        )

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        value = dict(pairs)
        if len(value) == len(pairs):
            return value
        counts: dict[str, int] = {}
        for key, _ in pairs:
            counts[key] = counts.get(key, 0) + 1
        self.refused += 1
        return _Repeated(pairs, {key: count for key, count in counts.items() if count > 1})

    def _integer(self, text: str) -> int | _Refused:
        digits = len(text.lstrip("-"))
        if digits > DIGITS_MAX:
            return self._refuse(f"a number {digits} digits long; no field takes one that long")
        return int(text)

    def _fraction(self, text: str) -> float | _Refused:
        if len(text) > DIGITS_MAX * 2:
            return self._refuse(
                f"a number {len(text)} characters long; no field takes one that long"
            )
        value = float(text)
        return (
            value if math.isfinite(value) else self._refuse(f"{text} is too large to be a number")
        )

    def _constant(self, text: str) -> _Refused:
        return self._refuse(f"{text} is not a number JSON allows")

    def _refuse(self, message: str) -> _Refused:
        self.refused += 1
        return _Refused(message)


def json_decoder() -> CheckedDecoder:
    """The decoder ``parse_json`` reads with; ``value_problems`` then finds what it let through
    (when its ``refused`` count grew)."""
    return CheckedDecoder()


def value_problems(value: Any, path: str = "") -> list[FieldProblem]:
    """Every refused number and repeated key in a value ``json_decoder`` read, at ``path``."""
    return list(_problems(value, path))


def _problems(document: Any, path: str = "") -> Iterator[FieldProblem]:
    """Every refused value and repeated key, in the order of the text, with its path."""
    stack: list[FieldProblem | tuple[str, Any]] = [(path, document)]
    while stack:
        entry = stack.pop()
        if isinstance(entry, FieldProblem):
            yield entry
            continue
        path, value = entry
        if isinstance(value, _Refused):
            yield FieldProblem(path, value.message)
        elif isinstance(value, dict):
            stack.extend(reversed(list(_members(path, value))))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{index}]", item) for index, item in enumerate(value)]))


def _members(path: str, value: dict[str, Any]) -> Iterator[FieldProblem | tuple[str, Any]]:
    counts: dict[str, int] = getattr(value, "counts", {})
    for key, item in value.items():
        if key in counts:
            times = "twice" if counts[key] == 2 else f"{counts[key]} times"
            yield FieldProblem(_join(path, key), f"the key appears {times}")
        yield _join(path, key), item


def whole_number(text: str) -> int | None:
    """Text of ASCII digits as a number (at most DIGITS_MAX of them); None for anything else.

    ``str.isdigit`` also takes ``²`` and other digits ``int`` refuses, and
    ``int`` refuses more than 4,300 digits: this never raises.
    """
    if text.isascii() and text.isdigit() and len(text) <= DIGITS_MAX:
        return int(text)
    return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
