"""Markdown rendering is bounded: a hostile body renders or is refused on ``body``, quickly.

The shapes are those of the issue-10 probe (each took from 5 s to hours, or
crashed with RecursionError, before ``render.bounds``). Each test holds a
generous CPU-time cap (``time.process_time``); a CPU-time alarm at five times
the cap stops a runaway render so that the test fails instead of hanging.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.errors import ValidationError
from newsroom.render.body import (
    EXTENSION_CONFIGS,
    EXTENSIONS,
    markdown_html,
    render_body,
    render_body_live,
    sanitize,
)
from newsroom.render.bounds import _needed

CAP_PER_100_KB = 8.0  # CPU seconds. Ordinary 100 KB bodies take 0.06 s; the densest
# markup python-markdown renders (a block or element every few characters) 1.7 s on one
# machine and 4.1 s on a slower one (2026-12-02, where 4.0 failed): still linear, and far
# below what a runaway (quadratic) render takes, which the 5x alarm ends.


class RunawayRenderError(Exception):
    pass


@contextmanager
def cpu_alarm(seconds: float) -> Iterator[None]:
    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise RunawayRenderError(f"still rendering after {seconds:.0f} s of CPU")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def outcome(render: Callable[[str], str], text: str) -> tuple[str | None, str | None, float]:
    """(html, refusal, CPU seconds) of rendering ``text``, under a CPU cap for its size."""
    cap = CAP_PER_100_KB * max(1.0, len(text) / 100_000)
    started = time.process_time()
    html = refusal = None
    try:
        with cpu_alarm(5 * cap):
            html = render(text)
    except ValidationError as error:
        assert [problem.path for problem in error.problems] == ["body"], error
        refusal = str(error)
    except RunawayRenderError as error:
        pytest.fail(f"{error} ({len(text):,} characters)", pytrace=False)
    spent = time.process_time() - started
    assert spent < cap, f"{spent:.2f} s of CPU for {len(text):,} characters (cap {cap:.1f} s)"
    return html, refusal, spent


def nested_list(levels: int) -> str:
    return "\n".join("    " * level + "- item" for level in range(levels))


# --- the probe's shapes ---------------------------------------------------------------


def test_sixteen_kilobytes_of_open_brackets_render_as_brackets() -> None:
    html, refusal, _ = outcome(render_body, "[" * 16_000)
    assert refusal is None and html == "<p>" + "[" * 16_000 + "</p>"


def test_brackets_nested_200_000_deep_are_refused() -> None:
    _, refusal, _ = outcome(render_body, "[" * 200_000 + "]" * 200_000)
    assert refusal == (
        "body: link brackets [ ] nested deeper than 32 levels; escape them as \\[ and \\]"
    )


def test_unclosed_link_destinations_are_refused() -> None:
    _, refusal, _ = outcome(render_body, "[a](" * 8_000)
    assert refusal is not None and refusal.startswith("body: too many unclosed links")


def test_html_nested_32_000_deep_is_refused() -> None:
    _, refusal, _ = outcome(render_body, "<div>" * 32_000)
    assert refusal == (
        "body: HTML elements nested deeper than 1000 levels (line 1); close them or remove the HTML"
    )


def test_a_list_nested_1500_deep_is_refused_not_a_recursion_error() -> None:
    _, refusal, _ = outcome(render_body, nested_list(1_500))
    assert refusal == "body: lists or quotes nested deeper than 100 levels (line 101); flatten them"


@pytest.mark.parametrize(
    "body",
    [">" * 1_500 + " deep", ">" * 101 + " deep", "> " + "    " * 1_500 + "- a list in a quote"],
)
def test_quotes_nested_deeper_than_100_are_refused(body: str) -> None:
    _, refusal, _ = outcome(render_body, body)
    assert refusal == "body: lists or quotes nested deeper than 100 levels (line 1); flatten them"


@pytest.mark.parametrize("unit", ["*_", "*a* ", "<span>x</span>", "[a](b) "])
def test_a_paragraph_of_100_kb_of_inline_markup_is_refused(unit: str) -> None:
    _, refusal, _ = outcome(render_body, unit * (100_000 // len(unit)))
    assert refusal == (
        "body: too many links, emphases or other inline markup in one paragraph to render; "
        "split it into paragraphs with blank lines"
    )


@pytest.mark.parametrize("unit", ["#*a* #\n", "x\n***\n", "x\n[^1]: y\n", "x\n[r]: http://a\n"])
def test_100_kb_of_headings_rules_or_definitions_in_one_paragraph_is_refused(unit: str) -> None:
    _, refusal, _ = outcome(render_body, unit * (100_000 // len(unit)))
    assert refusal == (
        "body: too many headings, rules, footnotes or link definitions inside one paragraph "
        "to render; "
        "separate them with blank lines"
    )


def test_100_kb_of_unclosed_footnote_marks_renders() -> None:
    html, refusal, _ = outcome(render_body, "[^" * 50_000)
    assert refusal is None and html == "<p>" + "[^" * 50_000 + "</p>"


def test_the_live_renderer_refuses_alike() -> None:
    for body in ("[a](" * 8_000, nested_list(1_500), "intro\n\n" + "*a* " * 25_000):
        _, whole, _ = outcome(render_body, body)
        _, live, _ = outcome(render_body_live, body)
        assert whole is not None and live == whole


# --- large but ordinary: rendered, and fast ---------------------------------------------------

SENTENCE = "The night train left the station at ten and crossed the plain, said the guard. "


def test_nesting_at_the_limits_renders() -> None:
    html, refusal, _ = outcome(render_body, nested_list(100))
    assert refusal is None and html is not None and html.count("<ul>") == 100
    html, refusal, _ = outcome(render_body, ">" * 100 + " deep")
    assert refusal is None and html is not None and html.count("<blockquote>") == 100
    html, refusal, _ = outcome(render_body, "[" * 32 + "deep" + "]" * 32)
    assert refusal is None and html is not None and "[" * 32 in html


def test_stray_brackets_through_a_long_body_render() -> None:
    paragraph = " ".join(f"[sic {n} and (see " + SENTENCE for n in range(40))
    body = "\n\n".join([paragraph] * 40)  # 160 KB, 1,600 unclosed [ and 1,600 (
    html, refusal, _ = outcome(render_body, body)
    assert refusal is None and html is not None
    assert html.count("[sic") == 1_600 and "<a" not in html


def test_many_links_and_emphases_in_short_paragraphs_render() -> None:
    paragraph = "*Walrus* [count](https://example.org/a) rises, **says** `team`. " * 10
    body = "\n\n".join([paragraph] * 300)  # 190 KB, 3,000 links
    html, refusal, _ = outcome(render_body, body)
    assert refusal is None and html is not None and html.count("<a ") == 3_000


def test_a_long_paragraph_with_some_links_renders() -> None:
    body = (SENTENCE * 20 + "[a link](https://example.org) ") * 100  # one 170 KB paragraph
    html, refusal, _ = outcome(render_body, body)
    assert refusal is None and html is not None and html.count("<a ") == 100


# --- the same HTML as python-markdown itself -------------------------------------------------------


def plain_markdown(text: str) -> str:
    """python-markdown unpatched, configured as Newsroom configures it."""
    converter = markdown.Markdown(
        extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
    )
    return str(converter.convert(text))


TRICKY = [
    "[a [b] c](http://x/(y)) and [d](<e f> 'g') and ![i [j]](k.png \"l\")",
    "[ref] and [ref][] and [text][ref] and ![ref]\n\n[ref]: https://example.org/r 'T'",
    '[a](b "c) d") [e](f \'g"h\') [i](j (k)) [l]( m ) [n](o"p) [q](r\'',
    "[x] [y](z [w](v) [[u]](t) [[[s]]] ]] [[ ] [",
    "He said \"[quoted](http://q)\" -- and '[it's](x)' ... [^1]\n\n[^1]: A *note* [n](m).",
    "*a [b* c](d) _e [f_ g](h) **[i](j)** `[k](l)` \\[m](n) [o\\](p)",
    '<span>[a](b)</span> <a href="x">[c]</a> <http://d/[e]> &amp; [f&g](h&i)',
    "- [a](b)\n    - [c [d](e)\n\n> [f](g\n> h)\n\n| [i](j) | [k |\n|---|---|\n| l] | m |",
    "[a](" + "(" * 40 + ")" * 40 + ') [b](c\n"d") [e](\nf)',
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_links_give_python_markdowns_html(text: str) -> None:
    assert markdown_html(text) == plain_markdown(text)


MARKUP = st.text(alphabet="[]()!*_`<>\"'\\ \nab^:-#>|&=/", max_size=120)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP)
def test_any_short_markup_gives_python_markdowns_html(text: str) -> None:
    assert markdown_html(text) == plain_markdown(text)


def test_the_probe_shapes_small_give_python_markdowns_html() -> None:
    for text in ("[" * 300, "[a](" * 60, "<div>" * 200, nested_list(60), "*_" * 300, "*a* " * 300):
        assert sanitize(markdown_html(text)) == sanitize(plain_markdown(text)), text[:20]


# --- the fuzz test: ~100 KB of hostile markup -------------------------------------------------------

UNITS = [
    "[", "]", "[a](", "](", "(", ")", "![", "[^", "*", "_", "*_", "**", "*a* ", "`", "``", "\\",
    "<div>", "</div>", "<span>", "<b>", "&amp;", '"', "'", "--", "x", " ", "word ", "\n", "\n\n",
    "> ", "- ", "    ", "1. ", "|", "#", "<!--", "-->", "http://a.b/", "# ", "***\n", "---\n",
    "[^1]: ",
]  # fmt: skip


@st.composite
def hostile_recipes(draw: st.DrawFn) -> tuple[str, tuple[str, ...], int]:
    """How to build a hostile body: a kind, a few units, a number (drawn small, built big)."""
    units = tuple(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4)))
    kind = draw(st.sampled_from(["repeat", "mix", "lines", "nest"]))
    number = draw(st.integers(1, 5_000))
    return kind, units, number


def hostile_body(kind: str, units: tuple[str, ...], number: int, size: int = 100_000) -> str:
    """About ``size`` characters: the units repeated, mixed, spread over lines or nested."""
    if kind == "repeat":
        unit = "".join(units)
        return unit * (size // len(unit))
    if kind == "mix":
        picks = [units[(number * 7919 + n * n) % len(units)] for n in range(size // 2)]
        return "".join(picks)[:size]
    if kind == "lines":
        line = "".join(units) * (number % 40 + 1)
        return "\n".join([line] * (size // (len(line) + 1)))
    opening = "".join(units)
    block = opening * number + "x" + opening[::-1] * number
    return (block + "\n\n") * max(1, size // (len(block) + 2))


@settings(max_examples=14, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_recipes())
def test_a_hostile_body_renders_or_is_refused_quickly(
    recipe: tuple[str, tuple[str, ...], int],
) -> None:
    html, refusal, _ = outcome(render_body, hostile_body(*recipe))
    assert (html is None) != (refusal is None)
    if refusal is not None:
        assert re.fullmatch(r"body: [^\n]+", refusal)


# --- searching a paragraph only for the inline patterns that can match it ---------------------


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\.{3}(?!\.)", ("...",)),
        (r"(?<!-)---(?!-)", ("---",)),
        (r"(\s|&nbsp;|--)'(?=\w)", ("'",)),
        (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("\\\\", "`")),
        (r"\*|_", ("*", "_")),
        (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", ("://",)),
        (r"[*_]{2}", ("*", "_")),
        (r"[*_]{2}x", ("x",)),
    ],
)
def test_an_inline_pattern_is_searched_only_where_its_literal_is(
    pattern: str, needed: tuple[str, ...]
) -> None:
    assert _needed(re.compile(pattern)) == needed


@pytest.mark.parametrize(
    "pattern", [r"\w+", r"a|\s", r"(?i)quote", r"x?", r"x*y?", r"[^a]", r"[a-z]", r"(?=a)"]
)
def test_a_pattern_that_needs_no_one_literal_is_always_searched(pattern: str) -> None:
    assert _needed(re.compile(pattern)) is None


PROSE_PIECES = [
    "word", " ", "said", ".", "...", "-", "--", "---", "'", '"', "’", "&nbsp;", "&amp;", "\n",
    "\n\n", "  \n", "*", "_", "`", "\\", "[", "]", "(", ")", "!", "<", ">", "://", "http", "a@b",
    "^", "1.", "# ", "> ", "- ",
]  # fmt: skip
PROSE = st.lists(st.sampled_from(PROSE_PIECES), max_size=60).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROSE)
def test_prose_with_any_inline_literals_gives_python_markdowns_html(text: str) -> None:
    assert markdown_html(text) == plain_markdown(text)
