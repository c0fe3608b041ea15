"""What a check finds, what it is given, and how a rule is declared.

A rule is a small function from an article (and the ``CheckContext``) to
``Finding``s, registered with ``@rule``: its id, its severity, the fields it
reads. Findings carry the field path (``headline``, ``quotes[2].text``,
``photo.caption``, ``related[1]``) and a span in that field's text, in
Python string offsets (code points), so the app can underline and select it
and the command line can print it; ``fix`` is the text that would replace
the span, when the rule knows it.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, ValuesView
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from newsroom.article import Article, Status, WireSource
from newsroom.settings import Settings


class Severity(StrEnum):
    """How much a finding matters: errors stop publishing (unless overridden)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One thing a rule found: where (field and span), how bad, what to do."""

    rule: str
    severity: Severity
    field: str
    message: str
    start: int = 0
    end: int = 0
    # The text that replaces ``[start:end]`` of the field to fix it; None: no quick fix.
    fix: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "severity": self.severity.value, "field": self.field,
            "message": self.message, "start": self.start, "end": self.end, "fix": self.fix,
        }  # fmt: skip


@dataclass(frozen=True)
class CheckContext:
    """What the rules need besides the article: settings, the newsroom's words and lists.

    ``related`` maps each internal related slug the newsroom knows (current or
    an alias) to its target's status; a slug not in it is deleted or unknown.
    ``related_known`` is False when nobody looked them up (a check without a
    newsroom): related targets are then not judged. ``sections`` is the managed
    section list, empty when the newsroom keeps none.
    """

    settings: Settings = field(default_factory=Settings)
    now: datetime | None = None
    dictionary: frozenset[str] = frozenset()  # editors' words, casefolded
    # Words of names the newsroom knows, casefolded. A newsroom's asks its database live
    # (``storage/names.KnownNames``): ask it ``word in names`` or ``names & words``, never
    # iterate it (that reads every name).
    names: AbstractSet[str] = frozenset()
    related: Mapping[str, Status] = field(default_factory=dict)
    related_known: bool = False
    sections: tuple[str, ...] = ()
    codes: Mapping[str, str] = field(default_factory=dict)  # the code table: =lav= → its text
    # By (agency, item id): the wire items the articles' stories were started from, as
    # the agency's latest version left them (a kill included); items gone are not in it.
    wire_items: Mapping[tuple[str, str], WireSource] = field(default_factory=dict)


Check = Callable[[Article, CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its id, severity and fields, and the function that checks."""

    id: str
    severity: Severity
    fields: tuple[str, ...]
    summary: str
    check: Check
    # Never broken, even in a draft: the save refuses it (types, limits of storage, URLs).
    at_save: bool = False
    # Where it is declared: the registry lists the families in a fixed order.
    module: str = field(default="", compare=False)

    def finding(
        self, field_path: str, message: str, start: int = 0, end: int = 0, fix: str | None = None
    ) -> Finding:
        return Finding(self.id, self.severity, field_path, message, start, end, fix)


# The modules of rule families, in the order their rules are listed and run.
FAMILIES = (
    "dateline", "grammar", "integrity", "limits", "photo", "punctuation", "quotation_marks",
    "quotes", "related", "sections", "spelling", "wire",
)  # fmt: skip


class RuleRegistry(MutableMapping[str, Rule]):
    """Every rule by id: the families register themselves when the registry is first read.

    Registered on first use, not on import: reading commands import the save's
    limits (``integrity``) through the JSON format, and the spelling and grammar
    families behind the others were a fifth of such a command's start. Once
    loaded, rules are in ``FAMILIES`` order whichever family was imported first.
    """

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._loaded = False
        self._loading = threading.Lock()

    def add(self, made: Rule) -> None:
        """Register ``made`` (``@rule``); does not load the families."""
        if made.id in self._rules:
            raise ValueError(f"rule {made.id!r} is declared twice")
        self._rules[made.id] = made

    def _all(self) -> dict[str, Rule]:
        if not self._loaded:
            with self._loading:  # the app's checks run on a worker as well as the UI thread
                if not self._loaded:
                    self._load()
        return self._rules

    def _load(self) -> None:
        for family in FAMILIES:
            importlib.import_module(f"newsroom.checks.{family}")
        order = {f"newsroom.checks.{family}": place for place, family in enumerate(FAMILIES)}
        ranked = sorted(self._rules.values(), key=lambda r: order.get(r.module, len(order)))
        self._rules = {each.id: each for each in ranked}  # sorted() keeps each family's order
        self._loaded = True

    def __getitem__(self, rule_id: str) -> Rule:
        return self._all()[rule_id]

    def __setitem__(self, rule_id: str, made: Rule) -> None:
        self._all()[rule_id] = made

    def __delitem__(self, rule_id: str) -> None:
        del self._all()[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def values(self) -> ValuesView[Rule]:
        """The rules in order; the dict's own view (the mapping's default asks ``__getitem__``
        for each: most of a save's checks, at a million imported articles)."""
        return self._all().values()


RULES = RuleRegistry()


RuleFunction = Callable[[Rule, Article, CheckContext], Iterable[Finding]]


def rule(
    rule_id: str,
    severity: Severity,
    fields: tuple[str, ...],
    summary: str,
    *,
    at_save: bool = False,
) -> Callable[[RuleFunction], Rule]:
    """Register a rule; the decorated function gets the ``Rule`` (for ``finding``) first."""

    def register(function: RuleFunction) -> Rule:
        holder: list[Rule] = []
        made = Rule(
            rule_id, severity, fields, summary,
            lambda article, context: function(holder[0], article, context), at_save,
            module=function.__module__,
        )  # fmt: skip
        holder.append(made)
        RULES.add(made)
        return made

    return register


# --- the article's text, field by field ------------------------------------------------


# The fields ``prose_fields`` reads, as rules declare them.
PROSE_FIELDS = ("headline", "subtitle", "lead", "body", "quotes", "photo")


def prose_fields(article: Article) -> Iterator[tuple[str, str]]:
    """Every field of running text a reader reads, with its path: where typing slips hide."""
    yield "headline", article.headline
    yield "subtitle", article.subtitle
    yield "lead", article.lead
    yield "body", article.body
    for index, quote in enumerate(article.quotes):
        yield f"quotes[{index}].text", quote.text
    if article.photo is not None:
        yield "photo.caption", article.photo.caption
        yield "photo.alt", article.photo.alt


def field_text(article: Article, path: str) -> str | None:
    """The text of field ``path`` (as findings name it), or None when there is no such text."""
    for candidate, text in _all_text_fields(article):
        if candidate == path:
            return text
    return None


def _all_text_fields(article: Article) -> Iterator[tuple[str, str]]:
    yield from prose_fields(article)
    yield "slug", article.slug
    yield "section", article.section
    yield "byline", article.byline
    yield "mark", article.mark
    yield "dateline.city", article.dateline.city
    yield "dateline.agency", article.dateline.agency
    for index, tag in enumerate(article.tags):
        yield f"tags[{index}]", tag
    for index, quote in enumerate(article.quotes):
        yield f"quotes[{index}].speaker", quote.speaker
        yield f"quotes[{index}].role", quote.role
    if article.photo is not None:
        yield "photo.credit", article.photo.credit
    for index, entry in enumerate(article.related):
        yield f"related[{index}].headline", entry.headline
        yield f"related[{index}].subtitle", entry.subtitle
        yield f"related[{index}].url", entry.url
