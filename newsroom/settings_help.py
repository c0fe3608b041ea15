"""What each newsroom setting means, as ``newsroom config`` and its help say it.

Apart from ``newsroom.settings`` so that the command line's parser (the
``config`` command's choices and epilog) needs nothing heavier than this.
"""

from __future__ import annotations

SETTINGS_HELP: dict[str, str] = {
    "name": "the newsroom's name, shown on every page",
    "agency": "the agency in datelines when an article names none (e.g. TASS)",
    "dateline_style": "tass, ap, reuters, plain, or a pattern such as '{CITY}, {month} {day} —'",
    "timezone": "IANA time zone for dates and times on pages (e.g. Europe/Moscow)",
    "base_url": "the site's address (https://…): canonical links, sitemap, feed and share links",
    "headline_limit": "the house limit of a headline, in characters (a check error beyond it)",
    "subtitle_limit": "the longest subtitle, in characters, before the checks warn",
    "lead_word_limit": "the longest lead, in words, before the checks warn",
    "body_min_words": "the shortest body, in words, before the checks warn (0: no minimum)",
    "dateline_stale_days": "days a dateline may be older than the publication (0: no check)",
    "caption_full_stop": "yes: a photo caption should end with a full stop; no: never checked",
    "related_limit": "the most related headlines before the checks warn",
    "typographic_quotes": "yes: straight quotes (\" ') in the text are flagged; no: house style",
    "language": (
        "the newsroom's language, a BCP 47 tag (en, ru, ar, en-GB…): pages, feeds and "
        "exports, datelines and dates; an article may have its own"
    ),
    "agency_names": "the agency's name in other languages for datelines: ru=ТАСС; ar=تاس",
    "jpeg_quality": "JPEG quality of photo renditions, 30 to 100 (renditions are remade)",
    "webp_quality": "WebP quality of photo renditions, 30 to 100 (renditions are remade)",
    "theme": "a theme folder (templates/, newsroom.css, custom.css); empty for the default",
    "publish_role": (
        "PostgreSQL only: the database role whose members may publish; others may move a "
        "story to ready at most (empty: everyone may publish)"
    ),
    "ingest_folder": (
        "a folder of wire files the app imports while open, as 'newsroom ingest --watch' "
        "does (empty: none)"
    ),
}
