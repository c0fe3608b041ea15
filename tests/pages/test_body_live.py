"""The live (block-by-block, cached) body renderer gives exactly the saved renderer's HTML."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.render.body import render_body, render_body_live

WORDS = st.sampled_from(
    ["walrus", "ice", "“quoted”", '"straight"', "it's", "--", "*em*", "**strong**", "`code`",
     "[link](https://example.org)", "3.5", "A|B", "_under_", "#tag", "(aside)", "—", "Ω", "x"]
)  # fmt: skip
LINE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
BLOCK = st.one_of(
    LINE,
    st.lists(LINE, min_size=2, max_size=3).map("\n".join),  # a paragraph of several lines
    LINE.map(lambda line: "## " + line),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join("- " + x for x in ls)),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join("1. " + x for x in ls)),
    LINE.map(lambda line: "> " + line),
    st.just("| a | b |\n|---|---|\n| 1 | 2 |"),
    st.just("---"),
    st.just("Title\n====="),
    LINE.map(lambda line: "    " + line),  # indented code
    st.just("```\ncode\n\nmore code\n```"),
    LINE.map(lambda line: line + "[^1]\n\n[^1]: A note."),
    LINE.map(lambda line: "<div>" + line + "</div>"),
    st.just("[ref]: https://example.org\n\nSee [the ref][ref]."),
)
SEPARATOR = st.sampled_from(["\n\n", "\n\n\n", "\n  \n", "\n", "\n\t\n\n"])


@st.composite
def bodies(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(BLOCK, min_size=1, max_size=8))
    text = blocks[0]
    for block in blocks[1:]:
        text += draw(SEPARATOR) + block
    return draw(st.sampled_from(["", "\n"])) + text + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=400, deadline=None)
@given(bodies())
def test_block_by_block_is_the_same_html(body: str) -> None:
    assert render_body_live(body) == render_body(body)


def test_an_edit_rerenders_only_its_block() -> None:
    from newsroom.render.body import _block_html

    paragraphs = [f"Paragraph {n} about the walrus census on the ice." for n in range(200)]
    render_body_live("\n\n".join(paragraphs))
    before = _block_html.cache_info()
    paragraphs[100] += " One more word."
    edited = "\n\n".join(paragraphs)
    assert render_body_live(edited) == render_body(edited)
    after = _block_html.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits == 199


def test_an_empty_body_is_empty() -> None:
    assert render_body_live("") == "" and render_body_live(" \n\n ") == ""
