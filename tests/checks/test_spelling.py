"""spelling.unknown: what it must find (with a suggestion) and what it must not flag."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.article import Article, PhotoUse, Quote
from newsroom.checks import (
    FINDINGS_PER_RULE,
    RULES,
    CheckContext,
    Finding,
    apply_fix,
    check_article,
    dictionaries,
    spelling,
)

SPELLING = [RULES["spelling.unknown"]]


def spelling_findings(article: Article, context: CheckContext | None = None) -> list[Finding]:
    return check_article(article, context, rules=SPELLING)


def flagged(body: str, context: CheckContext | None = None) -> list[str]:
    """The words of ``body`` spelling flags, as spans of the text."""
    found = spelling_findings(Article(headline="Test", body=body), context)
    return [body[finding.start : finding.end] for finding in found]


@pytest.mark.parametrize(
    ("text", "word", "fix"),
    [
        ("Talks were held in Moskow on Monday.", "Moskow", "Moscow"),
        ("The goverment said it would act.", "goverment", "government"),
        ("Правительсво приняло решение.", "Правительсво", "Правительство"),
        ("Вчера правительсво приняло решение.", "правительсво", "правительство"),
    ],
)
def test_a_misspelt_word_is_found_with_its_suggestion(text: str, word: str, fix: str) -> None:
    [finding] = spelling_findings(Article(headline="Test", body=text))
    assert (finding.rule, finding.severity.value, finding.field) == (
        "spelling.unknown",
        "warning",
        "body",
    )
    assert text[finding.start : finding.end] == word
    assert finding.fix == fix
    assert finding.message == f'"{word}": not in the dictionary (did you mean "{fix}"?)'


def test_the_fix_replaces_the_word() -> None:
    article = Article(headline="Test", body="Talks in Moskow ended.")
    [finding] = spelling_findings(article)
    assert apply_fix(article, finding).body == "Talks in Moscow ended."


def test_every_prose_field_is_checked_with_its_path() -> None:
    article = Article(
        headline="Goverment falls",
        subtitle="A goverment",
        lead="The goverment fell.",
        quotes=(Quote("The goverment is gone", "Ivan Petrov"),),
        photo=PhotoUse("0" * 64, caption="The goverment.", alt="A goverment building"),
    )
    found = spelling_findings(article)
    assert sorted(finding.field for finding in found) == sorted(
        ["headline", "subtitle", "lead", "quotes[0].text", "photo.caption", "photo.alt"]
    )


def test_a_word_without_a_suggestion_says_how_to_accept_it() -> None:
    [finding] = spelling_findings(Article(headline="Test", body="A qwzxv was seen."))
    assert finding.fix is None
    assert finding.message == (
        '"qwzxv": not in the dictionary; if it is right, add it to the newsroom\'s dictionary'
    )


def test_an_unknown_name_is_a_finding_until_the_newsroom_knows_it() -> None:
    body = "The minister Anton Siluanov said so, and Siluanov’s deputy agreed."
    assert flagged(body) == ["Siluanov", "Siluanov"]  # the possessive's stem, not "’s"
    assert flagged(body, CheckContext(names=frozenset({"siluanov"}))) == []
    assert flagged(body, CheckContext(dictionary=frozenset({"siluanov"}))) == []


def test_cyrillic_names_the_newsroom_knows_are_accepted() -> None:
    body = "Министр финансов Антон Силуанов заявил, что Силуанова поддержали."
    assert flagged(body) == ["Силуанов", "Силуанова"]
    known = CheckContext(names=frozenset({"силуанов", "силуанова"}))
    assert flagged(body, known) == []


def test_a_misspelt_known_name_is_offered_the_name() -> None:
    context = CheckContext(names=frozenset({"zelensky"}))
    [finding] = spelling_findings(Article(headline="Test", body="Zelenksy spoke."), context)
    assert finding.fix == "Zelensky"


@pytest.mark.parametrize(
    "text",
    [
        "NATO and the EU met; МЧС and ФСБ said MPs and NGOs agreed.",  # acronyms
        "In 2024 prices rose 3.5% to $95bn, the 3rd rise; G7, COVID-19 and Ту-154 too.",
        "See https://example.com/goverment-qwzx and www.exampel.org/zzqx now.",
        "Write to editor@exampel-qwzx.com or to @newsroomqwzx on the site.",
        "Run `qwzx --frobnicate` and ``zzqx `y` qq`` first.",
        "Before.\n\n```\nfenced qwzx zzqx\n```\n\nAfter.",
        "Before.\n\n~~~python\nqwzx = zzqx()\n~~~\n\nAfter.",
        "Before.\n\n    indented qwzx zzqx\n    more qwzxq\n\nAfter.",
        'A [link](http://exampel.com/qwzx "Zzqx") and ![photo](media/qwzx.jpg).',
        "A [link][qwzxref].\n\n[qwzxref]: http://exampel.com/zzqx",
        'A <span class="qwzx">word</span> and&nbsp;more &#8212; and <!-- zzqx -->.',
        "It is a well-known, long-term plan in Ростов-на-Дону, по-русски, кое-что.",
        "Putin's and Putin’s aides, the leaders' and leaders’ plans, NATO's role.",
        "I don’t know; it’s what we’re told, and they’ve said they’d go, didn't they?",
        "The U.S. and U.K. sent 5 m and e.g. a b c d.",
        "The organisation criticised the colour of the centre, travelled to defence talks.",
        "Ещё всё ёлка, еще все елка.",
        "Καλημέρα κόσμε, 你好世界, مرحبا",  # alphabets without a dictionary
        "за\u0301мок и gov\u00adernment",  # a stress mark, a soft hyphen
        "_Emphasis_ and __strong__ words, and snake_case_names.",
    ],
)
def test_what_must_not_be_flagged(text: str) -> None:
    assert flagged(text) == []


def test_a_hyphenated_word_is_checked_part_by_part() -> None:
    body = "A well-knwon fact of Ростов-на-Дону."
    assert flagged(body) == ["knwon"]
    [finding] = spelling_findings(Article(headline="Test", body=body))
    assert finding.fix == "known"


def test_a_hyphenated_name_is_accepted_whole_or_by_parts() -> None:
    body = "Talks in Kamensk-Shakhtinsky ended."
    assert flagged(body) == ["Kamensk", "Shakhtinsky"]
    assert flagged(body, CheckContext(dictionary=frozenset({"kamensk-shakhtinsky"}))) == []
    parts = CheckContext(names=frozenset({"kamensk", "shakhtinsky"}))
    assert flagged(body, parts) == []


def test_the_possessive_of_a_misspelt_word_is_fixed_in_its_stem() -> None:
    article = Article(headline="Test", body="Moskow's mayor spoke.")
    [finding] = spelling_findings(article)
    assert (finding.start, finding.end, finding.fix) == (0, 6, "Moscow")
    assert apply_fix(article, finding).body == "Moscow's mayor spoke."


def test_a_word_mixing_latin_and_cyrillic_letters_is_retyped() -> None:
    latin_a = "Москв\u0061"  # the last letter typed on a Latin layout
    article = Article(headline="Test", body=f"Встреча в {latin_a} прошла.")
    [finding] = spelling_findings(article)
    assert finding.fix == "Москва"
    assert "mixes Latin and Cyrillic letters" in finding.message
    assert apply_fix(article, finding).body == "Встреча в Москва прошла."


def test_a_repeated_unknown_word_is_a_finding_at_each_place() -> None:
    body = "Moskow, Moskow and Moskow."
    found = spelling_findings(Article(headline="Test", body=body))
    assert [(finding.start, finding.end) for finding in found] == [(0, 6), (8, 14), (19, 25)]


def test_news_copy_in_both_languages_has_no_finding() -> None:
    english = (
        "The government said on Tuesday it would raise the minimum wage by 5% next year, "
        "a move welcomed by unions but criticised by employers' groups. Prime Minister Keir "
        "Starmer told reporters in London that the increase would help millions of low-paid "
        "workers cope with rising prices.\n\n“We’re not going to let working people pay the "
        "price for a crisis they didn’t cause,” he said. Analysts at Goldman Sachs expect "
        "inflation to fall to 2.5% by the end of the year, and officials in Kyiv welcomed "
        "the U.S. Senate's vote on a $95 billion aid package."
    )
    russian = (
        "Президент России Владимир Путин провёл в Кремле совещание с членами правительства. "
        "Как сообщила пресс-служба Кремля, на встрече обсуждались вопросы экономического "
        "развития регионов и поддержки малого бизнеса.\n\n«Мы должны обеспечить стабильность "
        "цен и рост доходов граждан», — заявил глава государства. Министр финансов Антон "
        "Силуанов отметил, что дефицит бюджета в текущем году окажется ниже прогнозов."
    )
    names = CheckContext(names=frozenset({"keir", "starmer", "kyiv", "силуанов"}))
    assert flagged(english, names) == []
    assert flagged(russian, names) == []


def test_a_text_in_another_language_stops_after_the_limit() -> None:
    words = " ".join(f"qz{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}x" for n in range(600))
    found = spelling_findings(Article(headline="Test", body=words))
    assert len(found) == FINDINGS_PER_RULE + 1
    assert f"more than {FINDINGS_PER_RULE} findings" in found[-1].message
    assert found[0].message.endswith("add it to the newsroom's dictionary")


def test_suggestions_are_bounded_per_check() -> None:
    # Distinct misspellings of common words: the first ones get a suggestion, the rest none.
    common = ["government", "minister", "president", "economy", "security", "election"]
    typos = [word[:cut] + "q" + word[cut:] for word in common for cut in range(1, 7)]
    found = spelling_findings(Article(headline="Test", body=" ".join(typos)))
    assert len(found) == len(typos) > spelling.SUGGESTIONS_PER_CHECK
    suggested = [finding for finding in found if finding.fix is not None]
    assert len(suggested) <= spelling.SUGGESTIONS_PER_CHECK
    assert found[0].fix is not None and found[-1].fix is None


def test_a_word_list_is_loaded_once_by_threads_asking_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loads: list[int] = []
    real = dictionaries._LOADERS["ru"]

    def counted() -> dictionaries.Lexicon:
        loads.append(1)
        return real()

    monkeypatch.setattr(dictionaries, "_loaded", {})
    monkeypatch.setitem(dictionaries._LOADERS, "ru", counted)
    start = threading.Barrier(6)
    got: list[dictionaries.Lexicon] = []

    def ask() -> None:
        start.wait()
        got.append(dictionaries.lexicon("ru"))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1
    assert len({id(each) for each in got}) == 1 and len(got) == 6


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(max_size=40))
def test_arbitrary_text_never_raises_and_spans_stay_inside(body: str, headline: str) -> None:
    article = Article(headline=headline or "x", body=body)
    for finding in spelling_findings(article):
        text = body if finding.field == "body" else article.headline
        assert 0 <= finding.start < finding.end <= len(text)


def test_the_articles_own_names_are_known_before_it_is_saved() -> None:
    body = "Ksenia Zvyagintseva visited Yerbogachen on Monday."
    article = Article(headline="Test", body=body)
    unknown = {body[f.start : f.end] for f in spelling_findings(article)}
    assert {"Zvyagintseva", "Yerbogachen"} <= unknown
    named = article.with_changes(
        tags=("Yerbogachen",), quotes=(Quote("visited", speaker="Ksenia Zvyagintseva"),)
    )
    unknown = {body[f.start : f.end] for f in spelling_findings(named) if f.field == "body"}
    assert not {"Zvyagintseva", "Yerbogachen"} & unknown
