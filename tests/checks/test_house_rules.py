"""The house rules: limits, dateline, the quotes list, the photo and related headlines.

Each rule is shown finding what it must, and leaving alone what it must not.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline, Status
from newsroom.checks import RULES, CheckContext, Finding, apply_fix, check_article
from newsroom.checks.limits import over_limit
from newsroom.settings import Settings

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
SHA = "a" * 64


def found(article: Article, rule_id: str, context: CheckContext | None = None) -> list[Finding]:
    context = context or CheckContext(now=NOW)
    return list(RULES[rule_id].check(article, context))


# --- limits -------------------------------------------------------------------------


def test_headline_over_the_house_limit_is_an_error_spanning_the_overflow() -> None:
    headline = "x" * 75
    [finding] = found(Article(headline=headline), "limits.headline")
    assert (finding.severity.value, finding.start, finding.end) == ("error", 64, 75)
    assert "75 characters, 11 over the house limit of 64" in finding.message


def test_headline_at_the_limit_and_a_house_setting_are_respected() -> None:
    assert found(Article(headline="x" * 64), "limits.headline") == []
    wider = CheckContext(settings=Settings(headline_limit=80), now=NOW)
    assert found(Article(headline="x" * 75), "limits.headline", wider) == []


def test_subtitle_over_its_limit_warns() -> None:
    [finding] = found(Article(headline="h", subtitle="s" * 161), "limits.subtitle")
    assert (finding.severity.value, finding.start) == ("warning", 160)
    assert found(Article(headline="h", subtitle="s" * 160), "limits.subtitle") == []


def test_lead_over_its_limit_in_words_spans_from_the_first_word_too_many() -> None:
    words = [f"w{index}" for index in range(52)]
    lead = " ".join(words)
    [finding] = found(Article(headline="h", lead=lead), "limits.lead")
    assert "52 words, 12 over the limit of 40" in finding.message
    assert lead[finding.start : finding.end].split()[0] == "w40"
    assert found(Article(headline="h", lead=" ".join(words[:40])), "limits.lead") == []


def test_lead_words_are_counted_as_the_editor_counts_them() -> None:
    # Links' targets, Markdown marks and dashes are not words; "well-known" and "3.5" are one.
    lead = "A well-known [story](https://a.example/x-y-z) — 3.5 per cent"
    context = CheckContext(settings=Settings(lead_word_limit=6), now=NOW)
    assert found(Article(headline="h", lead=lead), "limits.lead", context) == []
    context = CheckContext(settings=Settings(lead_word_limit=5), now=NOW)
    [finding] = found(Article(headline="h", lead=lead), "limits.lead", context)
    assert lead[finding.start : finding.end] == "cent"


def test_a_short_body_is_flagged_only_when_the_house_sets_a_minimum() -> None:
    article = Article(headline="h", body="Too short.")
    assert found(article, "limits.body") == []
    context = CheckContext(settings=Settings(body_min_words=50), now=NOW)
    [finding] = found(article, "limits.body", context)
    assert "2 words, fewer than the house minimum of 50" in finding.message


def test_the_counter_and_the_rule_agree() -> None:
    rule = RULES["limits.headline"]
    context = CheckContext(settings=Settings(headline_limit=10))
    assert over_limit(rule, Article(headline="x" * 10), context) is None
    assert over_limit(rule, Article(headline="x" * 11), context) is not None


# --- dateline -------------------------------------------------------------------------


def test_a_dateline_without_city_warns_and_without_date_notes() -> None:
    article = Article(headline="h")
    assert [f.severity.value for f in found(article, "dateline.city")] == ["warning"]
    assert [f.severity.value for f in found(article, "dateline.date")] == ["info"]
    filed = Article(headline="h", dateline=Dateline(city="Kazan", date=date(2026, 11, 30)))
    assert found(filed, "dateline.city") == found(filed, "dateline.date") == []


def test_a_dateline_after_publication_is_an_error() -> None:
    later = Article(headline="h", dateline=Dateline(city="Kazan", date=date(2026, 12, 1)))
    [finding] = found(later, "dateline.future")
    assert "after its publication on 2026-11-30" in finding.message
    published = later.with_changes(published_at=datetime(2026, 12, 1, 8, tzinfo=UTC))
    assert found(published, "dateline.future") == []


def test_the_publication_day_is_the_newsrooms_own() -> None:
    # 22:30 UTC on the 30th is already 1 December in Moscow.
    moscow = CheckContext(settings=Settings(timezone="Europe/Moscow"), now=NOW)
    article = Article(
        headline="h",
        dateline=Dateline(city="Moscow", date=date(2026, 12, 1)),
        published_at=datetime(2026, 11, 30, 22, 30, tzinfo=UTC),
    )
    assert found(article, "dateline.future", moscow) == []
    assert len(found(article, "dateline.future")) == 1  # in UTC it is the day before


def test_a_stale_dateline_warns_after_the_house_days() -> None:
    def filed(day: int) -> Article:
        return Article(headline="h", dateline=Dateline(city="Kazan", date=date(2026, 11, day)))

    assert found(filed(28), "dateline.stale") == []  # two days: the house allows 2
    [finding] = found(filed(27), "dateline.stale")
    assert "3 days before publication" in finding.message
    off = CheckContext(settings=Settings(dateline_stale_days=0), now=NOW)
    assert found(filed(1), "dateline.stale", off) == []


# --- the quotes list ----------------------------------------------------------------

BODY = "“We are ready to work,” said Anna Petrova, the mayor. ‘Not yet,’ he said."


def test_a_quote_the_body_holds_is_fine_whatever_its_quotation_marks_and_stop() -> None:
    quotes = (
        Quote("We are ready to work", speaker="Anna Petrova"),
        Quote('"We are ready to work,"', speaker="Anna Petrova"),
        Quote("We are ready to work.", speaker="Anna Petrova"),
        Quote("Not  yet", speaker="Ivan"),
    )
    assert found(Article(headline="h", body=BODY, quotes=quotes), "quotes.verbatim") == []


def test_a_quote_not_in_the_body_word_for_word_is_an_error() -> None:
    quotes = (Quote("We are ready to work hard", speaker="Anna Petrova"),)
    [finding] = found(Article(headline="h", body=BODY, quotes=quotes), "quotes.verbatim")
    assert (finding.field, finding.severity.value) == ("quotes[0].text", "error")
    assert (finding.start, finding.end) == (0, len(quotes[0].text))


def test_a_quote_without_a_speaker_warns() -> None:
    quotes = (Quote("Not yet", speaker=""), Quote("We are ready to work", speaker="Anna"))
    [finding] = found(Article(headline="h", body=BODY, quotes=quotes), "quotes.speaker")
    assert finding.field == "quotes[0].speaker"


@pytest.mark.parametrize(
    "body",
    [
        "“The bridge will open in May whatever the weather,” the minister said.",
        "According to the minister, “the bridge will open in May whatever happens”.",
        "“The bridge will open in May whatever the weather.”\n\nThe minister told reporters so.",
        "«Мост откроется в мае при любой погоде», — заявил министр.",
        "The minister called it a “rather fine” day.",  # a short phrase, not a quotation
        "No quotation here at all, only reporting.",
    ],
)
def test_a_quotation_with_its_speaker_nearby_is_attributed(body: str) -> None:
    assert found(Article(headline="h", body=body), "quotes.attribution") == []


def test_a_quotation_nobody_says_is_noted_at_its_place() -> None:
    body = "Opening words.\n\n“The bridge will open in May whatever the weather.”\n\nThen rain."
    [finding] = found(Article(headline="h", body=body), "quotes.attribution")
    assert finding.severity.value == "info"
    assert body[finding.start : finding.end].startswith("“The bridge")


# --- the photo ----------------------------------------------------------------------


def photo(**fields: str) -> Article:
    values = {"caption": "A tram at dusk.", "credit": "© TASS", "alt": "A red tram"} | fields
    return Article(headline="h", photo=PhotoUse(sha256=SHA, **values))


def test_a_photo_needs_a_caption_a_credit_and_alt_text() -> None:
    assert found(photo(caption=""), "photo.caption")[0].severity.value == "warning"
    assert found(photo(credit=" "), "photo.credit")[0].severity.value == "error"
    assert found(photo(alt=""), "photo.alt")[0].severity.value == "warning"
    for rule_id in ("photo.caption", "photo.credit", "photo.alt"):
        assert found(photo(), rule_id) == []
        assert found(Article(headline="no photo"), rule_id) == []


def test_a_caption_without_a_full_stop_is_fixed_by_adding_one() -> None:
    article = photo(caption="A tram at dusk")
    [finding] = found(article, "photo.caption-stop")
    assert apply_fix(article, finding).photo == PhotoUse(
        SHA, "A tram at dusk.", "© TASS", "A red tram"
    )
    for ending in ("A tram?", "“A tram.”", "A tram (right)", "A tram…"):
        assert found(photo(caption=ending), "photo.caption-stop") == []
    off = CheckContext(settings=Settings(caption_full_stop=False), now=NOW)
    assert found(article, "photo.caption-stop", off) == []


@pytest.mark.parametrize(
    "credit",
    [
        "© Anna Petrova",
        "Reuters",
        "Sergei Bobylev/TASS",
        "AP Photo/Ivan Sekretarev",
        "Пресс-служба мэрии",
    ],
)
def test_a_credit_with_a_copyright_or_an_agency_is_clear(credit: str) -> None:
    assert found(photo(credit=credit), "photo.credit-source") == []


def test_a_credit_naming_no_source_is_a_note_and_the_house_agency_counts() -> None:
    assert found(photo(credit="Anna Petrova"), "photo.credit-source")[0].severity.value == "info"
    house = CheckContext(settings=Settings(agency="Northern Wire"), now=NOW)
    assert found(photo(credit="Northern Wire"), "photo.credit-source", house) == []


# --- related headlines --------------------------------------------------------------


def related(*entries: RelatedHeadline) -> Article:
    return Article(headline="h", slug="story", related=entries)


def test_related_to_a_killed_or_missing_article_is_an_error_once_looked_up() -> None:
    article = related(RelatedHeadline.internal("gone"), RelatedHeadline.internal("killed"),
                      RelatedHeadline.internal("live"))  # fmt: skip
    statuses = {"killed": Status.KILLED, "live": Status.PUBLISHED}
    context = CheckContext(now=NOW, related=statuses, related_known=True)
    assert [f.field for f in found(article, "related.gone", context)] == [
        "related[0]",
        "related[1]",
    ]
    assert found(article, "related.gone") == []  # nobody looked them up: not judged


def test_related_to_an_unpublished_article_is_a_note() -> None:
    article = related(RelatedHeadline.internal("draft-story"))
    context = CheckContext(now=NOW, related={"draft-story": Status.DRAFT}, related_known=True)
    [finding] = found(article, "related.unpublished", context)
    assert "draft" in finding.message


def test_an_http_link_warns_and_its_fix_makes_it_https() -> None:
    article = related(RelatedHeadline.external("Outside", "http://example.org/a"))
    [finding] = found(article, "related.https")
    assert apply_fix(article, finding).related[0].url == "https://example.org/a"
    assert (
        found(related(RelatedHeadline.external("O", "https://example.org/a")), "related.https")
        == []
    )


def test_one_page_linked_twice_in_different_spellings_warns() -> None:
    article = related(
        RelatedHeadline.external("One", "https://www.example.org/a/"),
        RelatedHeadline.external("Two", "http://example.org/a"),
        RelatedHeadline.external("Other", "https://example.org/b"),
    )
    assert [f.field for f in found(article, "related.repeated")] == ["related[1]"]


def test_more_related_headlines_than_the_house_allows_warn() -> None:
    entries = [RelatedHeadline.internal(f"s{index}") for index in range(7)]
    [finding] = found(related(*entries), "related.too-many")
    assert finding.field == "related[6]"
    assert found(related(*entries[:6]), "related.too-many") == []


# --- all together -------------------------------------------------------------------


def test_findings_come_errors_first_then_in_the_order_of_the_fields() -> None:
    article = Article(
        headline="x" * 70, lead=" ".join(["w"] * 45), body="“Quoted words nobody says here.”",
        photo=PhotoUse(sha256=SHA, caption="No stop", credit="", alt=""),
    )  # fmt: skip
    findings = check_article(article, CheckContext(now=NOW))
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks)
    errors = [f.rule for f in findings if f.severity.value == "error"]
    assert errors == ["limits.headline", "photo.credit"]


def test_a_known_code_offers_its_text_and_an_unknown_one_is_an_error() -> None:
    context = CheckContext(now=NOW, codes={"lav": "Sergei Lavrov, Russia's foreign minister"})
    article = photo(caption="=lav= speaks =xyz= today.", credit="© TASS")
    [known] = found(article, "photo.code", context)
    assert apply_fix(article, known).photo.caption.startswith("Sergei Lavrov, Russia's")  # type: ignore[union-attr]
    [unknown] = found(article, "photo.code-unknown", context)
    assert (unknown.severity.value, article.photo.caption[unknown.start : unknown.end]) == (  # type: ignore[union-attr]
        "error",
        "=xyz=",
    )
    assert found(photo(caption="A = B, x=1 and 2=2."), "photo.code-unknown") == []


def test_a_quotation_continued_over_paragraphs_is_attributed_where_it_began() -> None:
    body = (
        "“Many families here still remember that night,” she said. “We built this for them.\n\n"
        "“When the gates close, I want people to think of them too. That is the least we owe.”\n\n"
        "“Another quotation that stands all on its own here.”"
    )
    [finding] = found(Article(headline="h", body=body), "quotes.attribution")
    assert body[finding.start :].startswith("“Another quotation")
