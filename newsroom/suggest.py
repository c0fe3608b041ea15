"""Related headlines: suggestions of similar articles, and checks of outside stories.

``suggest_related`` asks the full-text index for the articles that share the
most distinctive words of a story (its headline, subtitle, lead and tags),
ranked by the index's own BM25 weights, and says for each why: the story's
words it uses too and the tags both have (``similar_articles`` gives the
articles alone). ``external_related_problem`` checks a related headline typed
by hand with the very rules of the JSON article format.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsroom.article import Article, ArticleSummary, RelatedHeadline, Status
from newsroom.checks.integrity import LINE_MAX, related_entry_problems, text_problem
from newsroom.errors import FieldProblem, ValidationError
from newsroom.store import Newsroom
from newsroom.text import forbidden_character, http_url_problem, one_line

# Words kept for the query: at most this many, the most distinctive first.
MAX_QUERY_TERMS = 12
MIN_WORD_LENGTH = 4
# Where a word comes from says how much it tells about the story.
FIELD_WEIGHTS = (("headline", 3), ("tags", 3), ("subtitle", 2), ("lead", 1))
# Endings taken off before searching: the index matches words as prefixes,
# so "walruses" searched as "walrus" finds "walrus" and "walruses" alike.
_ENDINGS = ("ings", "ing", "es", "ed", "s")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

STOP_WORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and
    another any are around as at away back be because been before being below between
    both but by came can cannot could did do does doing done down during each either
    even ever every few first for from further get gets got had has have having he her
    here hers herself him himself his how however if in into is it its itself just last
    least less like made make makes many may me might more most much must my myself near
    nearly never new next no nor not now of off often on once one only onto or other
    others our ours ourselves out over own per said same says she should since so some
    still such than that the their theirs them themselves then there these they this
    those though three through thus till to too two under until up upon us very was we
    were what when where whether which while who whom whose why will with within without
    would year years yet you your yours yourself yourselves
    today tomorrow yesterday week weeks month months day days time times people
    monday tuesday wednesday thursday friday saturday sunday
    """.split()  # noqa: SIM905 - a list of words reads best as words
)


@dataclass(frozen=True)
class Suggestion:
    """A suggested related article, and why it is suggested."""

    article: ArticleSummary
    # The story's distinctive words the article uses too, most telling first, each as
    # the story wrote it when that is the word searched ("Arctic"), else its stem ("walrus").
    shared_words: tuple[str, ...]
    # The story's tags the article has too, as the story spells them.
    shared_tags: tuple[str, ...]


def distinctive_words(article: Article, limit: int = MAX_QUERY_TERMS) -> list[str]:
    """The words that best say what ``article`` is about, most telling first.

    Words are scored by where they appear (headline and tags weigh most) and
    how often; stop words, numbers and words shorter than four letters are
    left out. Each is cut to a stem the index matches as a prefix.
    """
    return _ranked_stems(article)[0][:limit]


def _ranked_stems(article: Article) -> tuple[list[str], dict[str, str]]:
    """Every stem, most telling first, and the word each stands for as first written."""
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    written: dict[str, str] = {}
    for name, weight in FIELD_WEIGHTS:
        value = getattr(article, name)
        texts: Iterable[str] = value if isinstance(value, tuple) else (value,)
        for text in texts:
            for word in _WORD.findall(text):
                stem = _stem(_fold(word))
                if stem is None:
                    continue
                scores[stem] += weight
                first_seen.setdefault(stem, len(first_seen))
                written.setdefault(stem, word)
    ranked = sorted(scores, key=lambda stem: (-scores[stem], -len(stem), first_seen[stem]))
    return ranked, written


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'")


def _stem(word: str) -> str | None:
    word = word.split("'", maxsplit=1)[0]  # "council's" → "council"
    if len(word) < MIN_WORD_LENGTH or word in STOP_WORDS or word.isdigit():
        return None
    if not any(char.isalpha() for char in word):
        return None
    for ending in _ENDINGS:
        if word.endswith(ending) and not word.endswith("ss"):
            stem = word[: -len(ending)]
            if len(stem) >= MIN_WORD_LENGTH:
                return stem
    return word


def similar_query(article: Article) -> str:
    """The search query (plain words joined by OR) for articles like ``article``."""
    return " OR ".join(distinctive_words(article))


def suggest_related(newsroom: Newsroom, article: Article, limit: int = 10) -> list[Suggestion]:
    """The articles most like ``article`` (as ``similar_articles``), each with why.

    The reasons are read from the suggested articles' own text (one bulk load,
    then a prefix lookup per searched word), so they name what the index matched.
    """
    stems, written = _ranked_stems(article)
    searched = stems[:MAX_QUERY_TERMS]
    found = _similar(newsroom, article, " OR ".join(searched), limit)
    if not found:
        return []
    texts = newsroom.load_many([summary.id for summary in found])
    return [
        _explained(summary, texts[summary.id][0], article, searched, written)
        if summary.id in texts
        else Suggestion(summary, (), ())
        for summary in found
    ]


def similar_articles(newsroom: Newsroom, article: Article, limit: int = 10) -> list[ArticleSummary]:
    """The articles most like ``article`` by full-text ranking, best first.

    Left out: the article itself, the articles already among its related
    headlines (by current or earlier slug) and killed articles (withdrawn:
    no page to link to). Public articles (published or corrected) come
    before drafts and ready ones, each group in ranking order: a related
    headline is a link readers follow, so editors want stories that are out;
    an unpublished one is still offered, after them, for stories going out
    together.
    """
    return _similar(newsroom, article, similar_query(article), limit)


def _similar(newsroom: Newsroom, article: Article, query: str, limit: int) -> list[ArticleSummary]:
    if not query or limit <= 0:
        return []
    linked = [entry.slug for entry in article.related if entry.is_internal]
    excluded_ids = {summary.id for summary in newsroom.lookup(linked).values()} if linked else set()
    if article.id is not None:
        excluded_ids.add(article.id)
    excluded_slugs = set(linked)
    if article.slug:
        excluded_slugs.add(article.slug)
    wanted = limit + len(excluded_ids) + len(excluded_slugs) + limit
    hits = newsroom.search(query, limit=wanted, order="best")  # by likeness, not age
    found = [
        hit.article
        for hit in hits
        if hit.article.id not in excluded_ids
        and hit.article.slug not in excluded_slugs
        and hit.article.status is not Status.KILLED
    ]
    found.sort(key=lambda summary: not summary.status.is_public)  # stable: rank kept
    return found[:limit]


def _explained(
    summary: ArticleSummary,
    other: Article,
    story: Article,
    searched: Sequence[str],
    written: dict[str, str],
) -> Suggestion:
    """Which of the searched stems ``other`` uses (as the index does: as a word's
    beginning) and which tags it shares; words that only repeat a shared tag are left out."""
    other_tags = {_fold(tag) for tag in other.tags}
    tags = tuple(tag for tag in story.tags if _fold(tag) in other_tags)
    tag_stems = {_stem(_fold(word)) for tag in tags for word in _WORD.findall(tag)}
    tokens = sorted({_fold(word) for text in _searchable(other) for word in _WORD.findall(text)})
    words = tuple(
        _as_written(stem, written[stem])
        for stem in searched
        if stem not in tag_stems and _begins_a_word(tokens, stem)
    )
    return Suggestion(summary, words, tags)


def _searchable(article: Article) -> Iterator[str]:
    """The text the full-text index holds for an article."""
    yield from (article.headline, article.subtitle, article.lead, article.body)
    yield from article.tags
    if article.photo is not None:
        yield article.photo.caption


def _begins_a_word(sorted_words: Sequence[str], stem: str) -> bool:
    at = bisect_left(sorted_words, stem)
    return at < len(sorted_words) and sorted_words[at].startswith(stem)


def _as_written(stem: str, word: str) -> str:
    """``Arctic`` as written when it is the word searched; ``walrus`` for ``Walruses``."""
    return word if _fold(word) == stem else stem


# --- related headlines typed by hand --------------------------------------------

EXTERNAL_FIELDS = ("headline", "subtitle", "url")
_LINE_BREAK = re.compile("[\r\n\u2028\u2029\x85]")


def outside_story_prefill(copied: str) -> tuple[str, str]:
    """What copied text fills in a new outside story: ``(headline, url)``, "" for each left empty.

    One line that is an http(s) link fills the link; one line of plain text
    that the JSON import would take as a headline fills the headline.
    Several lines, another kind of link (``ftp://…``) or nothing fill nothing.
    """
    line = copied.strip()
    if not line or _LINE_BREAK.search(line):
        return "", ""
    if http_url_problem(line) is None:
        return "", line
    if "://" in line or forbidden_character(line) or len(line) > LINE_MAX:
        return "", ""
    return line, ""


def read_external_related(headline: str, subtitle: str, url: str) -> RelatedHeadline:
    """An outside story typed by hand, as the save would take it.

    Raises ValidationError whose problems name the field (``headline``,
    ``subtitle`` or ``url``), from the integrity rules every save runs.
    Values come back as stored: one line, trimmed.
    """
    entry = RelatedHeadline.external(one_line(headline), one_line(url), one_line(subtitle))
    problems = [
        FieldProblem(name, problem)
        for name, text in (("headline", entry.headline), ("subtitle", entry.subtitle),
                           ("url", entry.url))
        if (problem := text_problem(text, LINE_MAX))
    ]  # fmt: skip
    problems = problems or [
        FieldProblem(name, message) for name, message in related_entry_problems(entry)
    ]
    if problems:
        raise ValidationError(problems)
    return entry


def external_related_problem(headline: str, subtitle: str, url: str) -> str | None:
    """What is wrong with an outside story typed by hand, in one line naming the field.

    None when the JSON import would take it.
    """
    try:
        read_external_related(headline, subtitle, url)
    except ValidationError as error:
        return str(error.problems[0])
    return None
