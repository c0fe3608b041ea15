"""Good copy gives no finding: the clean article, Russian news prose, Markdown and the rest."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from newsroom.article import Article
from newsroom.editorial import count_words
from newsroom.settings import Settings
from newsroom.store import Newsroom
from tests.checks.helpers import TEXT_RULES, findings, with_settings


def test_the_clean_article_gives_no_finding_from_any_rule(
    clean: Article, newsroom: Newsroom
) -> None:
    """Every registered rule, in a real newsroom that knows the story's names from its tags."""
    saved = newsroom.create(clean)
    filed = datetime.combine(clean.dateline.date or date.today(), time(12), tzinfo=UTC)
    assert newsroom.findings(saved, now=filed) == []


def test_the_clean_article_is_what_it_claims(clean: Article) -> None:
    """Within the house limits, 2,000 words and more, and with what the rules must pass."""
    settings = Settings()
    assert len(clean.headline) <= settings.headline_limit
    assert len(clean.subtitle) <= settings.subtitle_limit
    assert count_words(clean.lead) <= settings.lead_word_limit
    assert count_words(clean.lead) + count_words(clean.body) >= 2_000
    for needed in ("## ", "“", "”", "’", " — ", "https://", "U.S.", "said", "told", "added"):
        assert needed in clean.body, needed


RUSSIAN = """«Газпром» сообщил во вторник, что поставки газа в Европу через Украину в январе выросли на 12% по сравнению с декабрём. По данным компании, за месяц было прокачано 1,2 млрд куб. м газа.

— Мы выполняем все обязательства перед партнёрами, — заявил официальный представитель компании Сергей Куприянов. — Объёмы определяются заявками покупателей.

Глава Минэнерго Николай Шульгинов отметил, что решение о продлении транзита будет принято до конца года. «Министр сказал: „Мы готовы к переговорам, но не на любых условиях“, — и добавил, что позиция России не изменилась», — передаёт ТАСС.

Аналитики считают, что цены на газ в Европе в ближайшие месяцы останутся высокими. По оценке экспертов Высшей школы экономики (ВШЭ), средняя цена в первом квартале 2024 г. может составить 350–400 долл. за 1 тыс. куб. м, т. е. примерно на 15% выше прошлогоднего уровня.

## Что дальше

Переговоры продолжатся в Санкт-Петербурге и Нижнем Новгороде. «Мы ждём „конкретных предложений“ от партнёров», — сказал В. В. Иванов, заместитель министра."""


@pytest.mark.parametrize("language", ["ru", "en"])
def test_russian_news_prose_gives_no_finding(language: str) -> None:
    found = findings(
        TEXT_RULES, RUSSIAN, settings=with_settings(language=language),
        headline="«Газпром» нарастил транзит через Украину на 12%",
        lead="Поставки газа в Европу в январе выросли, сообщил «Газпром».",
    )  # fmt: skip
    assert found == []


MUST_NOT_FLAG = {
    "ellipses": "He paused… and then... went on. Four dots end it….",
    "decimals": "Growth was 3.5% and 1,000 jobs; 1,000,000 people; 0.5 points.",
    "abbreviations": "The U.S. and Mr. Smith, e.g., agreed, i.e. at 6 a.m. with Dr. Jones, etc.",
    "the West's": "The West’s view and ’90s rock ’n’ roll.",
    "nested quotes": "“He said ‘no’,” she said.",
    "russian nested quotes": "«Он сказал „нет“», — сообщил источник.",
    "continued quotation": "“First paragraph of the quotation.\n\n“And its end,” she said.",
    "acronyms": "NATO, the FBI, an NGO, a UN envoy, an MP and the EU met at the IMF.",
    "URLs": "See https://a.b/c?d=e,f and https://example.org/x..y or www.example.org, then go.",
    "e-mail": "Write to first.last@example.org or desk@news.example.org.",
    "lists": "- item\n- item two\n\n1. one\n2. two\n\n* star\n+ plus",
    "emphasis": "*x* and **y** and _z_ and __w__.",
    "headings": "## A heading\n\n### Another\n\nText.",
    "links": '[a](b) and [text](https://example.org/?q=a,,b "Title") and ![alt](p.jpg).',
    "code spans": "Code `a  b` and `x ,, y` and ``a ` b``.",
    "fenced code": '```\nfenced  code ,, "x" - y\n```\n\n~~~\nmore  code\n~~~',
    "indented code": 'Text.\n\n    indented  code ,, "x"',
    "tables": "| a   | b  |\n|-----|----|\n| 1   | 2  |",
    "rules": "Text.\n\n---\n\n***\n\nText.",
    "cyrillic names": "Sergei Lavrov (Сергей Лавров) met Ksenia Sobchak in Nizhny Novgorod.",
    "hyphenated": "A well-known, Nizhny-Novgorod-based, state-run firm.",
    "dashes": "Moscow — the capital — and Kyiv – the other; 2010–2012.",
    "ranges": "Pages 10-12 and ages 18-25.",
    "html": '<abbr title="North Atlantic">NATO</abbr> and <!-- a  comment ,, -->.',
}


@pytest.mark.parametrize("body", MUST_NOT_FLAG.values(), ids=MUST_NOT_FLAG.keys())
def test_good_text_gives_no_finding_from_the_text_rules(body: str) -> None:
    assert findings(TEXT_RULES, body) == []


def test_the_west_s_straight_apostrophe_is_only_house_style() -> None:
    """The straight ' in the West's is no unmatched quote; only the typographic rule offers ’."""
    found = findings(TEXT_RULES, "The West's view and '90s rock.")
    assert {each.rule for each in found} == {"punctuation.straight-quotes"}
    off = with_settings(typographic_quotes=False)
    assert findings(TEXT_RULES, "The West's view and '90s rock.", settings=off) == []
