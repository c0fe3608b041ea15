"""The prose view: what is blanked (code, links, tags, URLs, e-mail), what is kept, paragraphs."""

from __future__ import annotations

import pytest

from newsroom.checks.markup import BLANK, prose_view


def blanked(text: str, *, markdown: bool = True) -> str:
    """``text`` with blanked characters shown as #."""
    view = prose_view(text, markdown=markdown)
    assert len(view.text) == len(text) and view.original == text
    return view.text.replace(BLANK, "#")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a `b  c` d", ["`b  c`"]),
        ("a ``b ` c`` d", ["``b ` c``"]),
        ("a ` b", []),  # no closing run: literal
        ("a `` b ` c", []),
        ("x\n\n```\ncode\n```\ny", ["```", "code"]),
        ("x\n\n~~~~\ncode ~~~\n~~~~\ny", ["~~~~", "code ~~~"]),
        ("```\nnever closed\nstill code", ["```", "never closed", "still code"]),
        ("x\n\n    code\n\n    more\ny", ["    code", "    more"]),
        ("x\n    not code: a continued paragraph", []),
        ('[a](http://x.y/?q=1,,2 "t") b', ['(http://x.y/?q=1,,2 "t")']),
        ("[w](https://en.wikipedia.org/wiki/A_(b)) c", ["(https://en.wikipedia.org/wiki/A_(b))"]),
        ("![alt](p.jpg)", ["(p.jpg)"]),
        ('[ref]: https://x.y "Title"\nText', ['[ref]: https://x.y "Title"']),
        ('<a href="x">link</a>', ['<a href="x">', "</a>"]),
        ("<https://x.y/z> and <me@x.org>", ["<https://x.y/z>", "<me@x.org>"]),
        ("a <!-- b,, c --> d", ["<!-- b,, c -->"]),
        ("see https://a.b/c?d=e,f, then", ["https://a.b/c?d=e,f"]),
        ("see HTTP://A.B/C.", ["HTTP://A.B/C"]),
        ("at www.example.org/x.", ["www.example.org/x"]),
        ("the awww.ok and /www.x", []),
        ("mail first.last+tag@mail.example.org.", ["first.last+tag@mail.example.org"]),
        ("a @ b and x@y", []),
        ("Plain prose, with “quotes” and 3.5.", []),
    ],
)
def test_what_is_blanked(text: str, parts: list[str]) -> None:
    expected = text
    for part in parts:
        expected = expected.replace(part, "#" * len(part))
    assert blanked(text) == expected


def test_fields_other_than_the_body_have_no_code_blocks_and_are_one_paragraph() -> None:
    view = prose_view("    four spaces\n\nand `code`", markdown=False)
    assert view.text.replace(BLANK, "#") == "    four spaces\n\nand ######"
    assert view.paragraphs == ((0, 27),)


def test_paragraphs_of_the_body() -> None:
    text = (
        "One\nstill one\n\n## Heading\nafter\n- item\n- item\n> quote\n> more\n>\n> next\n\n"
        "| a |\n| b |\n\n```\ncode\n```\nlast"
    )
    view = prose_view(text, markdown=True)
    assert [text[start:end] for start, end in view.paragraphs] == [
        "One\nstill one", "## Heading", "after", "- item", "- item", "> quote\n> more",
        "> next", "| a |", "| b |", "last",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "hostile",
    [
        "`" * 50_000,
        "` " * 50_000,
        "](" * 50_000,
        "<a" * 50_000,
        "@" * 50_000,
        "a@" * 50_000,
        "://" * 30_000,
        "www." * 30_000,
        "```\n" * 30_000,
        "    x\n" * 30_000,
    ],
)
def test_hostile_text_is_read_in_one_pass(hostile: str) -> None:
    """Each of these took seconds with a naive pattern; here they finish like prose does."""
    view = prose_view(hostile, markdown=True)
    assert len(view.text) == len(hostile)
