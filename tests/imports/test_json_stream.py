"""A JSON list read one element at a time: the same values and the same refusals as a whole read."""

from __future__ import annotations

import io
import json

import pytest

from newsroom.errors import NewsroomError, ValidationError
from newsroom.imports.json_input import parse_json
from newsroom.imports.json_stream import JsonList

ARTICLES = [
    {"headline": f"Story {n} — «{'x' * (n % 7)}»", "tags": ["a", "b"], "n": n, "f": n / 4}
    for n in range(40)
]


def read(data: bytes, chunk_bytes: int = 7, item_max: int = 1 << 20) -> list[object]:
    stream = io.BytesIO(data)
    return list(JsonList(stream, "f.json", chunk_bytes=chunk_bytes, item_max=item_max).items())


def error_of(data: bytes, chunk_bytes: int = 7) -> str:
    with pytest.raises(NewsroomError) as raised:
        read(data, chunk_bytes)
    return str(raised.value)


@pytest.mark.parametrize("chunk_bytes", [1, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_elements_read_in_pieces_are_the_lists_elements(chunk_bytes: int, indent: int) -> None:
    data = json.dumps(ARTICLES, ensure_ascii=False, indent=indent).encode()
    assert read(b"\xef\xbb\xbf \n" + data + b"\n", chunk_bytes) == ARTICLES


def test_an_empty_list_has_no_elements() -> None:
    assert read(b" [ ] ") == []


@pytest.mark.parametrize(
    "text",
    [
        '[{"a": 1},\n {"a" 2}]',
        '[{"a": 1},\n\n  {"a": tru}]',
        '[{"a": 1} {"b": 2}]',
        '[{"a": 1},]',
        '[{"a": 1}] extra',
        '[{"a": "unterminated}]',
        '[{"a": 1}',
        '[{"a": 1},\n' + '{"b": 2},\n' * 30 + '{"c": [1, 2,, 3]}]',
    ],
)
def test_broken_json_is_told_at_the_same_line_and_column_as_a_whole_read(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as whole:
        json.loads(text)
    told = error_of(text.encode())
    assert told.startswith("f.json: not valid JSON (line ")
    assert f"line {whole.value.lineno}, column {whole.value.colno}:" in told


def test_a_file_that_is_not_a_list_is_refused() -> None:
    assert "Expecting '['" in error_of(b'{"headline": "One"}')


def test_repeated_keys_and_numbers_no_field_takes_are_refused_as_a_whole_read_refuses_them() -> (
    None
):
    text = '[{"a": 1}, {"a": 1, "b": {"c": 1e999, "d": NaN, "e": 1' + "0" * 30 + '}, "a": 2}]'
    with pytest.raises(ValidationError) as streamed:
        read(text.encode())
    with pytest.raises(ValidationError) as whole:
        parse_json(text)
    assert [(p.path, p.message) for p in streamed.value.problems] == [
        (p.path, p.message) for p in whole.value.problems
    ]
    assert [problem.path for problem in streamed.value.problems] == [
        "[1].a",
        "[1].b.c",
        "[1].b.d",
        "[1].b.e",
    ]


@pytest.mark.parametrize("chunk_bytes", [1, 2, 5, 64])
def test_text_that_is_not_utf8_is_told_at_its_byte(chunk_bytes: int) -> None:
    data = '[{"a": "ok"}, {"a": "é'.encode() + b'\xff"}]'
    where = data.index(0xFF)
    assert error_of(data, chunk_bytes) == f"f.json: not UTF-8 text (byte 0xff at position {where})"


def test_nesting_too_deep_is_refused_not_a_crash() -> None:
    data = b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]"
    assert error_of(data, chunk_bytes=1 << 16) == "f.json: nested too deeply to read"


def test_an_element_larger_than_any_article_is_refused_before_it_is_read_whole() -> None:
    data = b'[{"a": 1}, {"body": "' + b"x" * 50_000 + b'"}]'
    with pytest.raises(NewsroomError, match=r"article \[1\] is more than"):
        read(data, chunk_bytes=1_000, item_max=10_000)
    assert len(read(data, chunk_bytes=1_000, item_max=100_000)) == 2


@pytest.mark.parametrize("chunk_bytes", [1, 3, 64, 1 << 20])
def test_a_refusal_after_clean_elements_is_found_however_the_file_is_read(
    chunk_bytes: int,
) -> None:
    # Clean elements are not walked for refusals (the decoder counts what it marked):
    # the one marked element, and only it, is refused, wherever the reads cut the file.
    clean = json.dumps(ARTICLES[:5])[1:-1]
    text = f'[{clean}, {{"n": 1{"0" * 30}, "a": [1.5, {{"b": 1, "b": 2}}]}}, {clean}]'
    with pytest.raises(ValidationError) as streamed:
        read(text.encode(), chunk_bytes)
    assert [(p.path, p.message) for p in streamed.value.problems] == [
        ("[5].n", "a number 31 digits long; no field takes one that long"),
        ("[5].a[1].b", "the key appears twice"),
    ]
    assert read(f"[{clean}]".encode(), chunk_bytes) == ARTICLES[:5]
