"""A realistic article for the printed page, and poppler's readings of a PDF.

The article is what a desk files on an ordinary day: about 900 words in
paragraphs of news length, two subheads, a quotation, a pull quote, a photo
with caption and credit, and ten related headlines (eight of them published
stories of the newsroom, two outside links).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

PARAGRAPHS = [
    "The talks, the first between the two sides since the spring, are to open in Istanbul "
    "next week, officials in both capitals said. Neither side would say who will lead its "
    "delegation, but diplomats expect deputy ministers rather than ministers to sit at the table.",
    "Shipping companies welcomed the news with caution. Insurance for ships calling at the "
    "ports has tripled since the corridor closed, and several owners have kept their vessels "
    "at anchor rather than risk a voyage that no one will cover.",
    "Grain prices on the Chicago exchange fell by almost four per cent in the hour after the "
    "announcement, the steepest drop in a month. Traders said the market had priced in a long "
    "stand-off and was now betting on a deal before the harvest.",
    "## A corridor for the harvest",
    "The corridor carried more than thirty million tonnes of grain, oil seed and vegetable oil "
    "in the year it was open, most of it to Asia and the Middle East. Aid agencies say a quarter "
    "went to countries where food prices had already doubled.",
    "The United Nations, which brokered the first agreement with Turkey, has kept its staff in "
    "the joint coordination centre in Istanbul, where inspectors from all sides checked every "
    "ship for weapons before it sailed.",
    "Officials in Ankara said they were ready to host the talks at short notice. The Turkish "
    "foreign ministry has spoken to both sides every day since the corridor closed, a diplomat "
    "familiar with the contacts said, asking not to be named.",
    "> We have always said that the door is open. What we need is a guarantee that the "
    "agreement will be honoured by everyone who signed it, not only by us.",
    "Western governments were more guarded. A spokesman for the European Commission said the "
    "offer was welcome but that the Union would judge it by what happened at sea, not by what "
    "was said in Moscow.",
    "## What the sides want",
    "Moscow wants its own exports of grain and fertiliser freed from the restrictions that "
    "banks and insurers apply to Russian cargo, even where no sanction forbids the trade. It "
    "also wants a state agricultural bank reconnected to the international payments system.",
    "Kyiv wants the corridor restored as it was, with the same inspections and the same ports, "
    "and no new conditions. Its officials say that any link to sanctions would reward the side "
    "that walked away from the deal.",
    "Analysts say a compromise is possible. One idea discussed in the spring would let a "
    "subsidiary of the bank handle payments for food and fertiliser alone, under the eye of "
    "the United Nations, without lifting any sanction on the bank itself.",
    "Farmers, meanwhile, are running out of room. Silos in the south are still half full of "
    "last year's crop, and the new harvest begins in three weeks. Some have started storing "
    "grain in plastic sleeves in the fields, which keeps it dry for a few months at most.",
    "Rail links to ports on the Danube have taken up some of the slack, but at a cost. A tonne "
    "of wheat sent by rail and river costs about forty dollars more than a tonne shipped from "
    "Odesa, a margin that wipes out most farmers' profit at today's prices.",
    "The World Food Programme said it would need to buy more grain elsewhere if the corridor "
    "stayed closed through the summer. The agency bought about half of its wheat from the "
    "region before the war.",
    "Diplomats say the first round is unlikely to produce a deal. The aim, one said, is to "
    "agree on what the talks are about, and to meet again before the end of the month.",
    "The Kremlin did not say whether the president would take part in any later stage of the "
    "talks. His spokesman said that would depend on how the first round went.",
]
RELATED = [
    ("grain-deal-expires", "Grain deal expires as the last ship leaves Odesa"),
    ("ports-under-fire", "Ports on the Danube come under fire for the first time"),
    ("insurers-raise-premiums", "Insurers raise premiums for the Black Sea again"),
    ("wheat-prices-climb", "Wheat prices climb to a four-month high"),
    ("un-staff-stay", "UN staff stay on at the Istanbul coordination centre"),
    ("farmers-store-grain", "Farmers store grain in the fields as silos fill up"),
    ("rail-to-danube", "Rail to the Danube: the long way round for Ukrainian wheat"),
    ("turkey-offers-talks", "Turkey offers to host talks at short notice"),
]
OUTSIDE = [
    ("World Food Programme on the corridor", "https://example.org/wfp/black-sea-corridor"),
    ("UN welcomes the offer", "https://example.org/un-offer"),
]
CAPTION = "Bulk carriers at anchor off Istanbul wait for inspection before sailing north"


def realistic_articles(photo: str) -> list[dict[str, Any]]:
    """The story and its eight published related stories, in the JSON import format."""
    related: list[dict[str, Any]] = [{"slug": slug} for slug, _ in RELATED]
    related += [{"headline": headline, "url": url} for headline, url in OUTSIDE]
    story = {
        "slug": "russia-offers-talks",
        "headline": "Russia offers talks on reopening the grain corridor",
        "subtitle": "The Kremlin says it is ready to meet “at any level” as the harvest nears",
        "section": "Politics",
        "byline": "Ivan Petrov",
        "dateline": {"city": "Moscow", "date": "2021-06-28", "agency": "TASS"},
        "lead": "Russia is ready to talk about reopening the Black Sea grain corridor, "
        "the Kremlin said on Monday, a week after the agreement that let Ukrainian grain "
        "through the war zone expired.",
        "body": "\n\n".join(PARAGRAPHS),
        "quotes": [
            {
                "text": "The door is open, but we need a guarantee that everyone honours it",
                "speaker": "Dmitry Peskov",
                "role": "Kremlin spokesman",
                "pull": True,
            }
        ],
        "photo": {"file": photo, "caption": CAPTION, "credit": "Ivan Sidorov/TASS"},
        "related": related,
        "status": "published",
        "published_at": "2021-06-28T10:05:00+03:00",
        "tags": ["Russia", "Ukraine", "grain"],
    }
    others = [
        {
            "slug": slug,
            "headline": headline,
            "status": "published",
            "published_at": f"2021-06-{20 + index:02d}T09:00:00+03:00",
        }
        for index, (slug, headline) in enumerate(RELATED)
    ]
    return [*others, story]


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


@dataclass(frozen=True)
class Line:
    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def height(self) -> float:
        return max(word.height for word in self.words)


def lines(pdf: Path) -> list[Line]:
    """Every line of text as poppler's pdftotext lays it out (-bbox-layout), with word boxes."""
    tree = etree.fromstring(run("pdftotext", "-bbox-layout", str(pdf), "-").encode())
    found = []
    for number, page in enumerate(tree.iter("{*}page"), start=1):
        for line in page.iter("{*}line"):
            words = tuple(
                Word(
                    number,
                    *(float(word.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")),
                    word.text or "",
                )
                for word in line.iter("{*}word")
            )
            if words:
                found.append(Line(number, words))
    return found


def page_height(pdf: Path) -> float:
    """The height of the first page in points (pdfinfo's "Page size")."""
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(pdf)), re.M)
    assert size, "pdfinfo printed no page size"
    return float(size[2])
