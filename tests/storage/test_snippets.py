"""Snippets cut in Python from a page of hits (PostgreSQL's newest order): storage/snippets.py."""

from __future__ import annotations

from newsroom.storage.search import SNIPPET_TOKENS, highlights
from newsroom.storage.snippets import lexemes_of, snippet

# headline, subtitle, lead, body, photo caption, tags
EMPTY = ("", "", "", "", "", "")


def marked(fields: tuple[str, ...], tsquery: str) -> tuple[str, list[str]]:
    text, spans = highlights(snippet(fields, lexemes_of(tsquery)))
    return text, [text[a:b] for a, b in spans]


def test_lexemes_are_read_from_the_tsquery_text_without_those_left_out() -> None:
    assert lexemes_of("'minist':* | 'minister':*") == ("minist", "minister")
    assert lexemes_of("( 'grain':* ) & !( 'weather':* | 'weath':* )") == ("grain",)
    assert lexemes_of("'prime' <-> 'minist' & !'rain':*") == ("prime", "minist")
    assert lexemes_of("'o''brien':*") == ("o'brien",)
    assert lexemes_of("") == ()


def test_words_starting_with_a_lexeme_are_marked_whatever_their_case() -> None:
    body = "Negotiators met. The NEGOTIATION failed; renegotiate later."
    text, found = marked(("", "", "", body, "", ""), "'negoti':* | 'negotiat':*")
    assert found == ["Negotiators", "NEGOTIATION"]  # not inside "renegotiate"
    assert text.startswith("Negotiators met.")


def test_accents_and_cyrillic_match_as_the_index_reads_them() -> None:
    assert marked(("Café society", *EMPTY[1:]), "'cafe':*")[1] == ["Café"]
    body = "Стороны провели переговоры. Переговорах участвовали все."
    assert marked(("", "", "", body, "", ""), "'переговор':*")[1] == ["переговоры", "Переговорах"]
    assert marked(("", "", "", "Ёлка горит", "", ""), "'елк':*")[1] == ["Ёлка"]


def test_the_field_with_most_of_the_query_is_shown_the_first_on_a_tie() -> None:
    fields = ("Talks resume", "", "", "The government opened talks today.", "", "")
    _text, found = marked(fields, "( 'govern':* ) & ( 'talk':* )")
    assert found == ["government", "talks"]
    assert marked(("Talks resume", "", "", "Talks went on.", "", ""), "'talk':*")[0] == (
        "Talks resume"
    )


def test_a_long_text_is_cut_around_the_match_with_an_ellipsis() -> None:
    words = [f"word{n}" for n in range(200)]
    words[100] = "walrus"
    text, found = marked(("", "", "", " ".join(words), "", ""), "'walrus':*")
    assert found == ["walrus"]
    assert text.startswith("…word97 word98 word99 walrus") and text.endswith("…")
    assert len(text.strip("…").split()) == SNIPPET_TOKENS


def test_near_the_end_the_snippet_takes_its_words_from_before() -> None:
    body = " ".join(f"word{n}" for n in range(40)) + " walrus."
    text, _found = marked(("", "", "", body, "", ""), "'walrus':*")
    assert text.endswith("walrus.") and text.startswith("…")
    assert len(text.strip("…").split()) == SNIPPET_TOKENS


def test_the_window_goes_where_the_most_different_words_meet() -> None:
    filler = " ".join(f"filler{n}" for n in range(60))
    body = f"Government said. {filler} Government talks began."
    _text, found = marked(("", "", "", body, "", ""), "( 'govern':* ) & ( 'talk':* )")
    assert found == ["Government", "talks"]


def test_marker_characters_in_a_text_cannot_fake_a_highlight() -> None:
    body = "\x02Fake\x03 highlight and a real word: walrus."
    text, found = marked(("", "", "", body, "", ""), "'walrus':*")
    assert found == ["walrus"] and "Fake highlight" in text


def test_with_no_word_found_the_lead_shows() -> None:
    # A stem that is not the start of its word ("dying" is stemmed "die"): no highlight.
    fields = ("Headline", "", "A short lead.", "He was dying.", "", "")
    assert marked(fields, "'die':*") == ("A short lead.", [])
    assert marked(EMPTY, "'die':*") == ("", [])
