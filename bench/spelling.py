"""Spelling benchmark: the word lists' load, spelling.unknown on 10,000 words, known names.

    python bench/spelling.py                  all, with a newsroom of 20,000 articles
    python bench/spelling.py --articles 5000  a smaller newsroom for the known names
    python bench/spelling.py --db X.sqlite    reuse X when it holds enough articles

Figures (budget: all rules on a 10,000-word article ≤ 50 ms, issue 11):

* Loading each word list, once per process (pyspellchecker's gzip JSON,
  pymorphy3's DAWG).
* ``spelling.unknown`` alone on a 10,000-word article: the first check in a
  fresh process (every word looked up and, when misspelt, a suggestion made)
  and the median of later checks (words known once are remembered). Articles:
  news copy in English and Russian (paragraphs repeated: few distinct words,
  names unknown to the newsroom), and text drawn from the 3,000 most common
  words of each list (many distinct words).
* The newsroom's known names on the bench newsroom of ``bench/storage.py``
  (random tags: every one distinct): one word asked, the words one edit from
  a name asked together (what a suggestion asks), and a whole spelling check
  of a stored article with the newsroom's context; each an indexed lookup of
  ``article_names``, whatever the newsroom's size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage import build, median_ms  # bench/storage.py: the synthetic newsroom

from newsroom.article import Article
from newsroom.checks import RULES, CheckContext, check_article, dictionaries, spelling
from newsroom.storage.names import known_among
from newsroom.store import Newsroom

ENGLISH = [
    "The government said on Tuesday it would raise the minimum wage by 5% next year, a move "
    "welcomed by unions but criticised by employers' groups. Prime Minister Keir Starmer told "
    "reporters in London that the increase would help millions of low-paid workers.",
    "“We’re not going to let working people pay the price for a crisis they didn’t cause,” he "
    "said. The chancellor added that the budget would be published on October 30.",
    "Business leaders warned that the measures could cost jobs. Analysts at Goldman Sachs "
    "expect inflation to fall to 2.5% by the end of the year.",
    "In Washington, the U.S. Senate approved a $95 billion aid package after months of "
    "wrangling. Officials in Kyiv welcomed the vote, saying the aid was long overdue.",
]
RUSSIAN = [
    "Президент России Владимир Путин провёл в Кремле совещание с членами правительства. Как "
    "сообщила пресс-служба Кремля, на встрече обсуждались вопросы экономического развития.",
    "«Мы должны обеспечить стабильность цен и рост доходов граждан», — заявил глава "
    "государства. По его словам, правительство уже подготовило пакет мер.",
    "Министр финансов Антон Силуанов отметил, что дефицит бюджета в текущем году окажется "
    "ниже прогнозов. Он также добавил, что ведомство рассчитывает на рост поступлений.",
]
RULE = [RULES["spelling.unknown"]]


def article_of(paragraphs: list[str], words: int = 10_000) -> Article:
    body: list[str] = []
    count = 0
    while count < words:
        for paragraph in paragraphs:
            body.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return Article(headline="Spelling benchmark", body="\n\n".join(body))


def common_words(language: str, rng: random.Random) -> list[str]:
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language=language).word_frequency.dictionary
    top = sorted(frequencies, key=frequencies.__getitem__, reverse=True)[:3_000]
    paragraphs = []
    for _ in range(200):
        words = rng.choices(top, k=50)
        paragraphs.append(" ".join([words[0].capitalize(), *words[1:]]) + ".")
    return paragraphs


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def report_rule() -> None:
    for language in ("en", "ru"):
        took = timed(lambda: dictionaries.lexicon(language))  # noqa: B023 - called at once
        print(f"load {language}:     {took:8.1f} ms")
    rng = random.Random(2026)
    cases = [
        ("English news copy", ENGLISH), ("Russian news copy", RUSSIAN),
        ("3,000 common English words", common_words("en", rng)),
        ("3,000 common Russian words", common_words("ru", rng)),
    ]  # fmt: skip
    for name, paragraphs in cases:
        article = article_of(paragraphs)
        spelling._FINE.clear()  # as in a fresh process, with the word lists loaded
        dictionaries.suggest.cache_clear()

        def check(article: Article = article) -> object:
            return check_article(article, CheckContext(), rules=RULE)

        first = timed(check)
        later = [timed(check) for _ in range(9)]
        found = len(check_article(article, CheckContext(), rules=RULE))
        print(
            f"{name:<28} {len(article.body.split()):,} words, {found:3} findings: "
            f"first check {first:5.1f} ms, then {statistics.median(later):5.1f} ms"
        )


def report_names(path: Path, count: int) -> None:
    build(path, count)
    with Newsroom.open(path, author="bench") as newsroom:
        names = newsroom.known_names()
        with newsroom.db.reading() as connection:
            rows = connection.exec_driver_sql("SELECT count(*) FROM article_names").scalar()
            one = median_ms(lambda: known_among(connection, ["zlotnikova"]), repeat=21)
            near = list(dictionaries.edits("zlotnikova", dictionaries.lexicon("en").letters))
            edited = median_ms(lambda: known_among(connection, near), repeat=21)
        [summary] = newsroom.articles(limit=1)
        article = newsroom.get(summary.id)
        checked = article.with_changes(body=f"{article.body} Zlotnikova met Qwarnyk in Vrelsk.")
        whole = median_ms(
            lambda: check_article(checked, newsroom.check_context(checked), rules=RULE), repeat=7
        )
        known = "yes" if names else "no"
    print(f"known names at {count:,} articles: {rows:,} rows (any: {known})")
    print(f"  {'one word asked:':<42}{one:7.2f} ms")
    print(f"  {f'{len(near):,} words one edit away, asked together:':<42}{edited:7.2f} ms")
    print(f"  {'context + spelling of a stored article:':<42}{whole:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--db", type=Path, help="the bench newsroom (reused when big enough)")
    args = parser.parse_args()
    print("Newsroom spelling benchmark")
    report_rule()
    with tempfile.TemporaryDirectory() as folder:
        report_names(args.db or Path(folder) / "bench.sqlite", args.articles)


if __name__ == "__main__":
    main()
