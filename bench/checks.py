"""Checks benchmark: every registered rule on a 10,000-word article, next to one pass of \\w+.

    python bench/checks.py             10,000 words, median of 40 runs
    python bench/checks.py --words 2000 --runs 100

The article is the clean fixture of the checks tests (tests/checks/clean_article.md)
repeated with its paragraphs in a different order each time, up to the word count,
with a few slips planted (.". , those who is, a hour, the the, a double space, a
space before a comma, a hyphen for a dash, an unclosed quotation mark).

Printed, each a median of N runs:

* each rule alone (``rule.check``), with the prose view of the fields already
  built, since the rules share it (``checks.markup``, cached by text);
* the prose view itself, built afresh (Markdown code, links, URLs blanked);
* ``check_article`` with every rule, the view built afresh each run, as in the
  app after each typing pause (the text has changed). Target ≤ 50 ms;
* the baseline, measured alternately with the total in the same run: one
  ``re.finditer(r"\\w+")`` pass over the same fields, the least any rule that
  reads words can cost, and the ratio.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage import machine

from newsroom.article import Article, Quote
from newsroom.checks import RULES, CheckContext, check_article
from newsroom.checks.markup import _view, prose_view
from newsroom.checks.model import prose_fields
from newsroom.editorial import count_words
from tests.checks.conftest import clean_article

SLIPS = (
    'He said "no.". Then he left.',
    "Those who is late will pay, and a hour is a long time.",
    "It was the the last  train , and the port - it was closed.",
    "The mayor said “we will open the gates again tomorrow.",
)


def long_article(words: int) -> Article:
    """The clean article's body repeated (paragraphs rotated each time) to ``words`` words."""
    clean = clean_article()
    paragraphs = clean.body.split("\n\n")
    out: list[str] = []
    count = 0
    copy = 0
    while count < words:
        shift = (copy * 7) % len(paragraphs)
        for paragraph in paragraphs[shift:] + paragraphs[:shift]:
            out.append(paragraph)
            count += count_words(paragraph)
            if len(out) % 40 == 0:
                out.append(SLIPS[(len(out) // 40) % len(SLIPS)])
            if count >= words:
                break
        copy += 1
    body = "\n\n".join(out)
    # Quotes as a story carries them: two the body holds, one it does not (a slip).
    quotes = (
        Quote(text=QUOTED[0], speaker="Anna Petrova"),
        Quote(text=QUOTED[1], speaker="Anna Petrova"),
        Quote(text="Words the body never says", speaker="Anna Petrova"),
    )
    return clean.with_changes(body=body, quotes=quotes)


QUOTED = ("Many families here still remember that night", "That is the least we owe them")


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def paired_ms(
    ours: Callable[[], object], theirs: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of ``ours`` and ``theirs`` run alternately, so a busy moment weighs on both."""
    ours(), theirs()
    a, b = [], []
    for _ in range(runs):
        for action, times in ((ours, a), (theirs, b)):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
    return statistics.median(a) * 1000, statistics.median(b) * 1000


_WORD = re.compile(r"\w+")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    article = long_article(args.words)
    context = CheckContext()
    texts = [text for _, text in prose_fields(article)]
    words = sum(count_words(text) for text in texts)
    print(f"Newsroom checks benchmark ({machine()})")
    print(f"  article: {words:,} words, body {len(article.body):,} characters, "
          f"{len(check_article(article, context))} findings; median of {args.runs} runs")  # fmt: skip

    def fresh_views() -> None:
        _view.cache_clear()
        for path, text in prose_fields(article):
            prose_view(text, markdown=path == "body")

    print(f"  {'prose view (built afresh)':34} {median_ms(fresh_views, args.runs):7.2f} ms")
    fresh_views()
    for rule_id, each in RULES.items():
        found = len(list(each.check(article, context)))
        spent = median_ms(lambda each=each: list(each.check(article, context)), args.runs)  # type: ignore[misc]
        print(f"  {rule_id:34} {spent:7.2f} ms   {found:3} findings")

    def total() -> None:
        _view.cache_clear()
        check_article(article, context)

    def baseline() -> None:
        for text in texts:
            for _ in _WORD.finditer(text):
                pass

    ours, theirs = paired_ms(total, baseline, args.runs)
    print(f"  {'all rules (check_article)':34} {ours:7.2f} ms   (target ≤ 50 ms)")
    label = "baseline: one \\w+ pass"
    print(f"  {label:34} {theirs:7.2f} ms   ratio {ours / theirs:.1f}×")


if __name__ == "__main__":
    main()
