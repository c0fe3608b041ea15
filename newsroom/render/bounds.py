"""Markdown that cannot eat the machine: limits on a body, and python-markdown made linear.

A body comes from an editor or an imported file, so it may be built to hurt.
python-markdown (3.11) is quadratic or worse on several shapes: every
unclosed ``[``, ``](``, ``[^`` or backtick run reads on to the end of its
paragraph; each inline element of a paragraph copies the paragraph and
searches for its own place among the others; each heading or rule inside a
paragraph has the rest of the paragraph read again; deep nesting recurses
until Python's stack runs out, and nh3 checks every open element per tag.
``convert`` renders through three defences:

* ``check_body`` reads the text once, before python-markdown sees it, and
  refuses nesting no story has: lists and quotes deeper than ``NESTING_MAX``,
  HTML elements deeper than ``HTML_NESTING_MAX``, link brackets (``[[…]]``)
  deeper than ``LINK_NESTING_MAX``.
* ``bounded`` replaces pieces of the converter with ones that make the same
  HTML in linear time: a ``[`` finds its ``]`` from one pass over the
  paragraph however many are left open, a backtick run finds its closing run
  run by run, the inline passes walk children by index instead of searching.
* What stays costly is paid from allowances proportional to the text: link
  destinations and code spans read (``LinkScanError``), paragraph copies
  (``InlineCopyError``), both per paragraph; block processors' reading of
  what is left of a paragraph after each split (``BlockReadError``), per
  render. A link's ``(destination "title")`` is read at most
  ``LINK_SPAN_MAX`` characters far and a footnote label ``FOOTNOTE_LABEL_MAX``.

Every refusal is a ``ValidationError`` on ``body`` with one line saying what
to change. docs/formats.md lists the limits; tests/pages/test_bounds.py
checks that ordinary Markdown gives exactly python-markdown's HTML.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections import deque
from typing import Any
from xml.etree import ElementTree

from markdown import Markdown, inlinepatterns, treeprocessors

from newsroom.errors import ValidationError

NESTING_MAX = 100  # lists and quotes inside each other
# HTML elements inside each other. nh3 (html5ever) checks the open elements
# for each tag, so n open elements cost n² (160 KB of <div> took 4 s); below
# 1,000 that stays linear. Tags are counted wherever they are (in code too),
# and stray start tags add up over the body, hence not 100.
HTML_NESTING_MAX = 1_000
LINK_NESTING_MAX = 32  # [ inside [ (closed ones; unclosed ones cost nothing now)
LINK_SPAN_MAX = 4_096  # how far a link's (destination "title") may reach
# python-markdown reads on from each "[" and "](" in search of its close:
# characters read per character of one paragraph, and a little more for a short one.
SCAN_PER_CHARACTER = 20
SCAN_FLOOR = 20_000
# It also copies a paragraph's text for each inline element it finds in it
# (n elements in n characters cost n²). Copying is fast, about 1 ns a
# character, so the allowance is large: a paragraph of 100 KB may hold 2,200
# links or emphases, one of 10 KB as many as it has room for.
COPY_PER_CHARACTER = 2_000
COPY_FLOOR = 20_000_000
# Block processors read what is left of a paragraph each time a heading, rule
# or definition splits it (k such lines in n characters cost k·n). Ordinary
# bodies read each character 6 times, lists nested 100 deep 100 times, quotes
# nested 100 deep 200; 100 KB of headings in one paragraph 43,000 times (6 s).
BLOCK_READ_PER_CHARACTER = 1_000
# A footnote's label: longer than this, [^…] is not a footnote (unbounded,
# each unclosed "[^" read to the end of its paragraph: 100 KB of them, 16 s).
FOOTNOTE_LABEL_MAX = 1_000

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LIST_OR_QUOTE = re.compile(r"[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+)")
_PREFIX_CHARACTERS = " \t>*+-.)0123456789"
_BRACKET = re.compile(r"[\[\]]")
# An HTML start or end tag: <div …>, </div>. Void elements and <…/> do not nest,
# and neither do those a browser closes itself (<p><p> are two paragraphs).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_NOT_NESTING = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "rt", "rp", "optgroup", "option",
    "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "html", "head", "body",
})  # fmt: skip


def refused(message: str) -> ValidationError:
    return ValidationError.single("body", message)


# --- the pre-scan ------------------------------------------------------------------


def check_body(text: str) -> None:
    """Refuse nesting no story has, before python-markdown recurses into it (linear)."""
    _check_nesting(text)
    _check_html_nesting(text)
    for block in _BLANK_LINE.split(text):
        _check_link_nesting(block)


def _check_nesting(text: str) -> None:
    """Lists and quotes: a level per ``>`` or list marker, and per 4 columns of indent.

    Read from the run of markers and white space that starts each line, so
    that a list indented inside a quote (``>`` then spaces) counts as nested.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        prefix = len(line) - len(line.lstrip(_PREFIX_CHARACTERS))
        if prefix <= NESTING_MAX:
            continue  # every level takes a character at least
        markers = 0
        position = 0
        while found := _LIST_OR_QUOTE.match(line, position):
            markers += 1
            position = found.end()
        head = line[:position] + line[position:prefix].replace(">", "")
        spaces = head.count(" ") + 4 * head.count("\t") - markers  # one space is the marker's
        if markers + max(spaces, 0) // 4 > NESTING_MAX:
            raise refused(
                f"lists or quotes nested deeper than {NESTING_MAX} levels (line {number}); "
                "flatten them"
            )


def _check_html_nesting(text: str) -> None:
    depth = 0
    for found in _TAG.finditer(text):
        closing, name, self_closing = found.groups()
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > HTML_NESTING_MAX:
            line = text.count("\n", 0, found.start()) + 1
            raise refused(
                f"HTML elements nested deeper than {HTML_NESTING_MAX} levels (line {line}); "
                "close them or remove the HTML"
            )


def _check_link_nesting(block: str) -> None:
    """The deepest ``[`` inside closed ``[…]`` of one paragraph (unclosed ones do not nest)."""
    if block.count("[") <= LINK_NESTING_MAX:
        return
    closes = _bracket_closes(block, 0, len(block))
    depth = 0
    ends: list[int] = []
    for found in _BRACKET.finditer(block):
        position = found.start()
        while ends and ends[-1] <= position:
            ends.pop()
            depth -= 1
        end = closes.get(position + 1, -1)
        if found.group() == "[" and end >= 0:
            ends.append(end)
            depth += 1
            if depth > LINK_NESTING_MAX:
                raise refused(
                    f"link brackets [ ] nested deeper than {LINK_NESTING_MAX} levels; "
                    "escape them as \\[ and \\]"
                )


def _bracket_closes(data: str, start: int, end: int) -> dict[int, int]:
    """For each ``[`` from ``start``: the position after it -> its ``]`` (or -1 if never closed).

    One pass with a stack, the pairing python-markdown's ``getText`` finds by
    counting from each ``[`` alone.
    """
    closes: dict[int, int] = {}
    open_at: list[int] = []
    for found in _BRACKET.finditer(data, start, end):
        if found.group() == "[":
            open_at.append(found.end())
        elif open_at:
            closes[open_at.pop()] = found.start()
    for after in open_at:
        closes[after] = -1
    return closes


# --- python-markdown, linear ---------------------------------------------------------


class LinkScanError(Exception):
    """The link scanning of one render ran past its allowance."""


class InlineCopyError(Exception):
    """The paragraph copies of one render ran past their allowance."""


class BlockReadError(Exception):
    """The block processors of one render read past their allowance."""


class _Allowance(threading.local):
    scan: int = 0
    copy: int = 0
    block: int = 0

    def spend_scan(self, characters: int) -> None:
        self.scan -= characters
        if self.scan < 0:
            raise LinkScanError

    def spend_copy(self, characters: int) -> None:
        self.copy -= characters
        if self.copy < 0:
            raise InlineCopyError


_allowance = _Allowance()


def _allow_for(text: str) -> None:
    """The allowances of one paragraph's inline text (on this thread).

    Per paragraph, so that a body rendered whole or block by block
    (``render_body_live``) is refused alike.
    """
    _allowance.scan = SCAN_PER_CHARACTER * len(text) + SCAN_FLOOR
    _allowance.copy = COPY_PER_CHARACTER * len(text) + COPY_FLOOR


def convert(converter: Markdown, text: str) -> str:
    """``text`` through a ``bounded`` converter: HTML, or ValidationError on ``body``."""
    check_body(text)
    # Whole-render allowance, no floor: a body whose blocks each pass, passes whole.
    _allowance.block = BLOCK_READ_PER_CHARACTER * len(text.expandtabs(4))
    try:
        return str(converter.convert(text))
    except LinkScanError:
        raise refused(
            "too many unclosed links or code spans ('[', '](' or '`') to render; "
            "close them or escape them as \\[, \\( and \\`"
        ) from None
    except InlineCopyError:
        raise refused(
            "too many links, emphases or other inline markup in one paragraph to render; "
            "split it into paragraphs with blank lines"
        ) from None
    except BlockReadError:
        raise refused(
            "too many headings, rules, footnotes or link definitions inside one paragraph "
            "to render; separate them with blank lines"
        ) from None
    except RecursionError:
        raise refused("nested too deeply to render; flatten its lists, quotes or links") from None


class _LinkScanning:
    """``getText`` and ``getLink`` of python-markdown's link patterns, bounded.

    ``getText`` gives the same answer as python-markdown's, from one pass per
    paragraph text instead of one per ``[``. ``getLink`` is python-markdown's,
    on at most ``LINK_SPAN_MAX`` characters, and paid from the allowance.
    """

    _data: str | None = None
    _closes: dict[int, int]

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 (their name)
        if data is not self._data:
            self._data, self._closes = data, {}
        if index not in self._closes:
            # Up to this [ 's own ], or the end: each bracket is read once per text.
            closes = _first_close_pass(data, index)
            _allowance.spend_scan(max(closes.pop(-2, 0), 1))
            self._closes.update(closes)
        close = self._closes[index]
        if close < 0:
            return "", len(data), False
        return data[index:close], close + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        window = data[index : index + LINK_SPAN_MAX]
        href, title, end, handled = super().getLink(window, 0)  # type: ignore[misc]
        _allowance.spend_scan(end if handled and end > 0 else len(window))
        return href, title, (end + index if end >= 0 else end), handled


def _first_close_pass(data: str, index: int) -> dict[int, int]:
    """The pairing from ``index`` (just after a ``[``) up to its ``]``, or to the end.

    Key -2 holds how many characters were read (for the allowance).
    """
    closes: dict[int, int] = {}
    open_at = [index]
    read_to = len(data)
    for found in _BRACKET.finditer(data, index):
        if found.group() == "[":
            open_at.append(found.end())
        else:
            closes[open_at.pop()] = found.start()
            if not open_at:
                read_to = found.end()
                break
    for after in open_at:
        closes[after] = -1
    closes[-2] = read_to - index
    return closes


class _Link(_LinkScanning, inlinepatterns.LinkInlineProcessor):  # type: ignore[misc]
    pass


class _Image(_LinkScanning, inlinepatterns.ImageInlineProcessor):  # type: ignore[misc]
    pass


class _Reference(_LinkScanning, inlinepatterns.ReferenceInlineProcessor):  # type: ignore[misc]
    pass


class _ImageReference(_LinkScanning, inlinepatterns.ImageReferenceInlineProcessor):  # type: ignore[misc]
    pass


class _ShortReference(_LinkScanning, inlinepatterns.ShortReferenceInlineProcessor):  # type: ignore[misc]
    pass


class _ShortImageReference(
    _LinkScanning,
    inlinepatterns.ShortImageReferenceInlineProcessor,  # type: ignore[misc]
):
    pass


_LINK_PATTERNS: dict[str, type[Any]] = {
    "reference": _Reference,
    "link": _Link,
    "image_link": _Image,
    "image_reference": _ImageReference,
    "short_reference": _ShortReference,
    "short_image_ref": _ShortImageReference,
}


_TICKS = re.compile(r"`+")


class _Backtick(inlinepatterns.BacktickInlineProcessor):  # type: ignore[misc]
    """python-markdown's code spans, finding the closing backticks run by run, not char by char.

    The same answer as ``find_code_spans`` (3.11), which reads character by
    character in Python from each opening run to the end when no run of the
    same length follows; the runs it reads are paid from the allowance.
    """

    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:
        opening = _TICKS.match(text, start)
        max_ticks = opening.end() - start if opening else 0
        start += max_ticks
        longest_span = end = read = 0
        for run in _TICKS.finditer(text, start):
            read += 1
            span_length = run.end() - run.start()
            if span_length == max_ticks:
                _allowance.spend_scan(read)
                return start, run.start()
            if span_length > longest_span:
                longest_span, end = span_length, run.end()
        _allowance.spend_scan(read + 1)
        if 0 < longest_span < max_ticks:
            return start - (max_ticks - longest_span), end - longest_span
        return start + max_ticks, None


# An inline pattern is searched for only in text holding a literal its regex cannot match
# without (``_needed``). Plain prose then skips the ~30 regex scans per paragraph that were
# two thirds of rendering an ordinary body (2.8 ms for 400 words), and a sentence with
# quotes still runs smarty's quote patterns: the same HTML, found sooner.
_NEEDS = "newsroom_needs"
# Python's own regex parser (typeshed has no stubs for it).
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")


def _needed(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which any match of ``regex`` holds at least one; None when unknown."""
    if regex.flags & re.IGNORECASE:
        return None
    return _needed_in(_parser.parse(regex.pattern, regex.flags))


def _needed_in(items: Any) -> tuple[str, ...] | None:
    """What a sequence of parsed regex items needs: a run of literals, or what a group,
    a repeat (at least once), every branch of an alternation or a small set needs."""
    found: list[tuple[str, ...]] = []
    run = ""
    for op, value in items:
        if op is _constants.LITERAL:
            run += chr(value)
            continue
        if run:
            found.append((run,))
            run = ""
        inner: tuple[str, ...] | None = None
        if op is _constants.SUBPATTERN and not value[1] & re.IGNORECASE:
            inner = _needed_in(value[3])
        elif op in _REPEATS and value[0] >= 1:
            inner = _needed_in(value[2])
            if inner is not None and len(inner) == 1 and len(value[2]) == 1:
                inner = (inner[0] * min(value[0], 8),)  # "\.{3}" needs "..."
        elif op is _constants.BRANCH:
            branches = [_needed_in(branch) for branch in value[1]]
            if all(branch is not None for branch in branches):
                inner = tuple(text for branch in branches if branch for text in branch)
        elif op is _constants.IN and all(kind is _constants.LITERAL for kind, _ in value):
            inner = tuple(chr(code) for _, code in value)
        if inner:
            found.append(inner)
    if run:
        found.append((run,))
    # Fewest alternatives first, then the longest: the rarest in prose.
    return min(found, key=lambda texts: (len(texts), -min(map(len, texts))), default=None)


def _holds_any(data: str, texts: tuple[str, ...]) -> bool:
    if texts[0] in data:
        return True
    return len(texts) > 1 and any(text in data for text in texts[1:])


_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)


class _InlinePass(treeprocessors.InlineProcessor):  # type: ignore[misc]
    """python-markdown's inline pass, keeping its place in the parent instead of searching it.

    The same steps as ``InlineProcessor.run`` (3.11), but where it looks up
    each child's position with ``list(parent).index(child)``, which makes a
    paragraph of n emphases or links cost n² (100 KB of ``*a* `` took 12 s),
    this walks the children by index. It also takes the patterns from a list.
    """

    def run(
        self, tree: ElementTree.Element, ancestors: list[str] | None = None
    ) -> ElementTree.Element:
        self._patterns = list(self.inlinePatterns)  # indexing the registry sorts it each time
        self._needs = [getattr(pattern, _NEEDS, None) for pattern in self._patterns]
        self.stashed_nodes: dict[str, ElementTree.Element | str] = {}
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {c: p for p in tree.iter() for c in p}
        stack = deque([(tree, tree_parents)])
        self._InlineProcessor__build_ancestors(tree, tree_parents)
        inline = self._InlineProcessor__handleInline

        def handle(text: str) -> str:
            _allow_for(text)
            return str(inline(text))

        placeholders = self._InlineProcessor__processPlaceholders
        while stack:
            element, parents = stack.popleft()
            self.ancestors = parents
            if element is not tree:
                self.ancestors.append(element.tag.lower())
            insert_queue = []
            position = 0
            while position < len(element):  # grows as tails turn into elements
                child = element[position]
                if child.text and not isinstance(child.text, _atomic()):
                    self.ancestors.append(child.tag.lower())
                    text = child.text
                    child.text = None
                    found = placeholders(handle(text), child)
                    for item in found:
                        self.parent_map[item[0]] = child
                    stack.extend(found)
                    insert_queue.append((child, found))
                    self.ancestors.pop()
                if child.tail:
                    tail = handle(child.tail)
                    dummy = ElementTree.Element("d")
                    child.tail = None
                    tail_result = placeholders(tail, dummy, False)
                    if dummy.tail:
                        child.tail = dummy.tail
                    for offset, new_child in enumerate(tail_result, start=1):
                        self.parent_map[new_child[0]] = element
                        element.insert(position + offset, new_child[0])
                if len(child):
                    self.parent_map[child] = element
                    stack.append((child, self.ancestors[:]))
                position += 1
            for parent, found in insert_queue:
                for index, item in enumerate(found):
                    parent.insert(index, item[0])
        return tree

    def _InlineProcessor__handleInline(self, data: str, index: int = 0) -> str:  # noqa: N802
        """``InlineProcessor.__handleInline`` (3.11), taking the patterns from a list.

        Its ``self.inlinePatterns[index]`` sorts the registry on every call:
        a fifth of the time of a body of many small paragraphs.
        """
        if isinstance(data, _atomic()):
            return data
        apply = self._InlineProcessor__applyPattern
        patterns = self._patterns
        needs = self._needs
        start = 0
        while index < len(patterns):
            wanted = needs[index]
            if wanted is not None and not _holds_any(data, wanted):
                index, start = index + 1, 0  # as after a search that found nothing
                continue
            data, matched, start = apply(patterns[index], data, index, start)
            if not matched:
                index += 1
        return data


def _atomic() -> type[str]:
    from markdown import util

    atomic: type[str] = util.AtomicString
    return atomic


def _charged(handle_match: Any) -> Any:
    """``handleMatch`` that pays for the copy of the paragraph python-markdown makes on a match."""

    def charged(match: re.Match[str], data: str) -> Any:
        found = handle_match(match, data)
        if found[1] is not None:
            _allowance.spend_copy(len(data))
        return found

    return charged


def _priority(registry: Any, name: str) -> float:
    return next(float(item.priority) for item in registry._priority if item.name == name)


# The block processors that read a whole block (searching it for a heading, a
# rule, a quote, a definition; splitting it into table rows), and in which
# method. The others look at its first line only.
_BLOCK_READERS = {
    "table": "test",
    "hashheader": "test",
    "hr": "test",
    "quote": "test",
    "footnote": "run",
    "reference": "run",
}


def _block_charged(processor: Any, method: str) -> None:
    """``processor`` paying the block's length from the allowance each time ``method`` reads it."""
    read = getattr(processor, method)
    allowance = _allowance

    def charged(parent: ElementTree.Element, blocks: Any) -> Any:
        allowance.block -= len(blocks if method == "test" else blocks[0] if blocks else "")
        if allowance.block < 0:
            raise BlockReadError
        return read(parent, blocks)

    setattr(processor, method, charged)


def _bounded_footnotes(converter: Markdown) -> None:
    label = f"[^\\]]{{0,{FOOTNOTE_LABEL_MAX}}}"
    if "footnote" in converter.inlinePatterns:
        pattern = converter.inlinePatterns["footnote"]
        pattern.compiled_re = re.compile(rf"\[\^({label})\]", re.DOTALL | re.UNICODE)
    if "footnote" in converter.parser.blockprocessors:
        processor = converter.parser.blockprocessors["footnote"]
        processor.RE = re.compile(rf"^[ ]{{0,3}}\[\^({label})\]:[ ]*(.*)$", re.MULTILINE)


def bounded(converter: Markdown) -> Markdown:
    """``converter`` with its link patterns, inline passes, block processors and footnotes
    replaced by bounded ones; run it through ``convert``."""
    for name, method in _BLOCK_READERS.items():
        if name in converter.parser.blockprocessors:
            _block_charged(converter.parser.blockprocessors[name], method)
    _bounded_footnotes(converter)
    for name, kind in _LINK_PATTERNS.items():
        if name in converter.inlinePatterns:
            old = converter.inlinePatterns[name]
            priority = _priority(converter.inlinePatterns, name)
            converter.inlinePatterns.register(kind(old.pattern, converter), name, priority)
    if "backtick" in converter.inlinePatterns:
        old = converter.inlinePatterns["backtick"]
        priority = _priority(converter.inlinePatterns, "backtick")
        converter.inlinePatterns.register(_Backtick(old.pattern), "backtick", priority)
    # Both inline passes: python-markdown's own and smarty's (its quotes and dashes).
    for name in ("inline", "smarty"):
        if name in converter.treeprocessors:
            old = converter.treeprocessors[name]
            replacement = _InlinePass(converter)
            replacement.inlinePatterns = old.inlinePatterns
            for pattern in replacement.inlinePatterns:
                setattr(pattern, _NEEDS, _needed(pattern.getCompiledRegExp()))
                if isinstance(pattern, inlinepatterns.InlineProcessor):
                    pattern.handleMatch = _charged(pattern.handleMatch)
            priority = _priority(converter.treeprocessors, name)
            converter.treeprocessors.register(replacement, name, priority)
    return converter
