"""What agencies write into their text: a dateline opening the story, a byline in capitals.

Pure functions on strings, shared by the wire readers (NITF now; NewsML 1.2
and ninjs can take them too). Agencies open the first paragraph with their
own dateline (``NEW YORK (AP) — ``, ``MADRID, 28 jun (EFE).- ``); Newsroom
stores the dateline structured and prints it in the house style, so it is
split off here (``split_dateline``). AP writes bylines in capitals with the
writer's title after the name (``By BERNARD CONDON AP Business Writer``);
the newsroom writes names in mixed case without "By" (``byline_parts``).

Only a known agency makes a dateline: "Apple (AAPL) — shares fell" and a
sentence that merely starts with a capitalised word stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Agencies whose name may close a dateline, as they write it (matched ignoring case).
AGENCIES = (
    "AP", "Reuters", "AFP", "EFE", "PA", "PA Media", "AAP", "NTB", "dpa", "ANSA", "TASS",
    "STT", "ANA", "ANA-MPA", "Xinhua", "UPI", "CP", "Kyodo", "Yonhap", "APA", "TT", "Ritzau",
    "Belga", "ANP", "Lusa", "Europa Press", "Bloomberg", "RIA Novosti", "Interfax",
)  # fmt: skip
# Month names and abbreviations agencies use in datelines: English, Spanish, Norwegian,
# German, Italian, French (lower case, without the abbreviation's dot).
_MONTH_WORDS = {
    1: "january jan enero ene januar gennaio gen janvier janv",
    2: "february feb febrero februar febbraio février fevrier févr",
    3: "march mar marzo mars märz marz",
    4: "april apr abril abr aprile avril avr",
    5: "may mayo mai maggio mag",
    6: "june jun junio juni giugno giu juin",
    7: "july jul julio juli luglio lug juillet juil",
    8: "august aug agosto ago august août aout",
    9: "september sep sept septiembre setiembre set settembre septembre",
    10: "october oct octubre oktober okt ottobre ott octobre",
    11: "november nov noviembre novembre",
    12: "december dec diciembre dic desember des dezember dez dicembre décembre",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = {word: number for number, words in _MONTH_WORDS.items() for word in words.split()}
# Short words that may stand inside a place name in lower case (Rio de Janeiro).
_PLACE_PARTICLES = _words("de del la los las da do dos das di du am an der upon on sur")
# Words that open sentences, never place names ("In London (Reuters) - " is no dateline).
# ("The" may: The Hague.)
_NOT_A_PLACE = _words("in on at from for by with after before as when while if a an")

_WORD = r"[^\W\d_](?:[^\W\d_]|['’.])*"
_AGENCY = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in AGENCIES)
_SEPARATOR = r"\s*(?:\.?\s*(?:—|–|--?|_)|:)\s*"
_DATELINE_FORMS = (
    # NEW YORK (AP) — / LONDON (PA) - / OSLO (NTB): / MADRID, 28 jun (EFE).- /
    # MOSCOW, June 28 (Reuters) - / SAN JUAN, Puerto Rico (AP) —
    re.compile(
        rf"(?P<city>{_WORD}(?:[ -]{_WORD}){{0,4}})"
        rf"(?:,\s+(?P<region>{_WORD}(?:\s{_WORD}){{0,2}}))??"
        r"(?:,\s+(?P<date>[^\W\d_]+\.?\s+\d{1,2}|\d{1,2}\s+(?:de\s+)?[^\W\d_]+\.?))?"
        rf"\s+\((?P<agency>{_AGENCY})\)"
        rf"(?P<separator>{_SEPARATOR})",
        re.IGNORECASE,
    ),
    # SYDNEY, June 28 AAP - (AAP writes its name without brackets, then a dash)
    re.compile(
        rf"(?P<city>{_WORD}(?:[ -]{_WORD}){{0,4}})"
        r"(?:,\s+(?P<date>[^\W\d_]+\.?\s+\d{1,2}|\d{1,2}\s+(?:de\s+)?[^\W\d_]+\.?))?"
        rf"\s+(?P<agency>{_AGENCY})"
        r"(?P<separator>\s+(?:—|–|--?)\s+)",
        re.IGNORECASE,
    ),
)


@dataclass(frozen=True)
class WireDateline:
    """A dateline as an agency wrote it: the date has no year (the file's date gives it)."""

    city: str
    agency: str
    month: int | None = None
    day: int | None = None

    def date_near(self, reference: date | None) -> date | None:
        """The dateline's day in the year that puts it nearest ``reference`` (the item's date)."""
        if self.month is None or self.day is None or reference is None:
            return None
        candidates = []
        for year in (reference.year - 1, reference.year, reference.year + 1):
            try:
                candidates.append(date(year, self.month, self.day))
            except ValueError:  # 30 February, 29 February outside leap years
                continue
        return min(candidates, key=lambda day: abs(day - reference), default=None)


def split_dateline(paragraph: str) -> tuple[WireDateline, str] | None:
    """The agency's dateline opening ``paragraph``, and the text after it; None if none."""
    text = paragraph.lstrip()
    for form in _DATELINE_FORMS:
        found = form.match(text)
        if found is None:
            continue
        parts = found.groupdict()
        rest = text[found.end() :]
        city = _place(parts["city"])
        when = _month_day(parts["date"]) if parts["date"] else (None, None)
        if city is None or when is None or not rest.strip():
            continue
        if parts.get("region"):
            if _place(parts["region"]) is None:
                continue
            city = f"{city}, {parts['region']}"
        agency = _agency(parts["agency"])
        return WireDateline(city, agency, *when), rest
    return None


def _place(words: str) -> str | None:
    """A place name in the newsroom's case (NEW YORK → New York); None when it cannot be one."""
    parts = words.split()
    if parts[0].lower() in _NOT_A_PLACE:
        return None
    for index, word in enumerate(parts):
        if not word[0].isupper() and not (index and word.lower() in _PLACE_PARTICLES):
            return None
    return name_case(" ".join(parts), particles=_PLACE_PARTICLES)


def _month_day(text: str) -> tuple[int, int] | None:
    words = [word.rstrip(".").lower() for word in text.split() if word.lower() != "de"]
    day_word, month_word = (words[1], words[0]) if words[1].isdigit() else (words[0], words[1])
    month = MONTHS.get(month_word)
    day = int(day_word)
    if month is None or not 1 <= day <= 31:
        return None
    return month, day


def _agency(written: str) -> str:
    """The agency as it names itself (Reuters, not REUTERS), spaces as in the list."""
    key = " ".join(written.split()).lower()
    return next((name for name in AGENCIES if name.lower() == key), written)


# --- names ----------------------------------------------------------------------

# Lower-case parts of people's names when not first (Ludwig van Beethoven).
_NAME_PARTICLES = _words("de del della der den di da dos das do du van von ten ter y")
# Articles that follow a particle in lower case (Juan de la Cruz), not alone (Marine Le Pen).
_ARTICLES = _words("la las los le les")
_ROMAN = re.compile(r"(?i:[ivx]{2,4})")
# "Mac" is a prefix before these letters (MacDonald, MacLeod); not in Macron, Machado, Macias.
_MAC = re.compile(r"(?i)(mac)([dglmnp][^\W\d_]{2,})")
_MC = re.compile(r"(?i)(mc)([^\W\d_]{2,})")
_AGENCY_WORDS = frozenset(name.lower() for name in AGENCIES if " " not in name)
_BY = re.compile(r"(?i)^(?:by|por|av)\s+")
# Where a list of names divides (kept as written, AND in lower case).
_NAME_SEPARATORS = re.compile(r"(\s*,\s*|\s+(?:and|&|og|und|et)\s+|\s*/\s*)", re.IGNORECASE)


def name_case(text: str, particles: frozenset[str] = _NAME_PARTICLES) -> str:
    """A name written in capitals in mixed case (BERNARD CONDON → Bernard Condon).

    Text that already has lower-case letters is kept exactly: the agency or
    the writer chose that spelling (DeShawn, van der Berg, McCartney).
    """
    if any(char.islower() for char in text) or not any(char.isupper() for char in text):
        return text
    cased: list[str] = []
    for word in text.split(" "):
        after_particle = bool(cased) and cased[-1] in particles
        cased.append(
            _word_case(word, first=not cased, after_particle=after_particle, particles=particles)
        )
    return " ".join(cased)


def _word_case(word: str, *, first: bool, after_particle: bool, particles: frozenset[str]) -> str:
    lower = word.lower()
    if not first and (lower in particles or (after_particle and lower in _ARTICLES)):
        return lower
    if _ROMAN.fullmatch(word.rstrip(".,")):
        return word  # III, IV
    return "-".join(_part_case(part) for part in word.split("-"))


def _part_case(part: str) -> str:
    lower = part.lower()
    if "." in lower[:-1]:  # J.R., ST.LOUIS
        return ".".join(segment.capitalize() for segment in lower.split("."))
    if len(lower) > 2 and lower[1] in "'’":  # O'NEILL, D'ANGELO
        return f"{lower[0].upper()}{lower[1]}{lower[2:].capitalize()}"
    for prefix in (_MC, _MAC):
        found = prefix.fullmatch(lower)
        if found:
            return found.group(1).capitalize() + found.group(2).capitalize()
    return lower.capitalize()


def byline_parts(byline: str) -> tuple[str, str]:
    """The names of a byline in the newsroom's case, without "By", and the writer's title apart.

    ``By KRISTIE RIEKEN AP Sports Writer`` gives ("Kristie Rieken", "AP Sports
    Writer"): in a byline of capitals, the title is where mixed case starts,
    with the agency's name before it. A byline in mixed case keeps its words.
    """
    text = _BY.sub("", " ".join(byline.split()))
    names, title = _title_apart(text)
    pieces = _NAME_SEPARATORS.split(names)
    cased = [piece.lower() if index % 2 else name_case(piece) for index, piece in enumerate(pieces)]
    return "".join(cased).strip(" ,"), title


def _title_apart(text: str) -> tuple[str, str]:
    names, comma, after = text.rpartition(", ")
    if comma and after.split(" ")[0].lower() in _AGENCY_WORDS:
        return names, after  # Sam Whitfield, PA Property Correspondent
    words = text.split(" ")
    capitals = 0
    while capitals < len(words) and not any(char.islower() for char in words[capitals]):
        capitals += 1
    initials_only = all(len(word.rstrip(".")) < 2 for word in words[:capitals])
    if capitals == 0 or capitals == len(words) or initials_only:
        return text, ""  # "A. Writer" is a name, not A. with the title Writer
    if words[capitals - 1].lower() in _AGENCY_WORDS and capitals > 1:
        capitals -= 1  # AP Business Writer: the agency opens the title
    elif _NAME_SEPARATORS.fullmatch(f" {words[capitals]} "):
        return text, ""  # JOHN DOE and JANE ROE: names only
    return " ".join(words[:capitals]), " ".join(words[capitals:])
