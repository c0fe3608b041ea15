"""What a wire reader finds beside the article: where the item came from, and what it left out.

The article goes on to ``article_json`` like any other import. The source
(agency, the item's id and version, urgency, the file's name) is the core's
``article.WireSource``: ``detect.read_incoming`` returns it in step with the
articles, and the import stores it with each article. Warnings name what an
import left out and why (a photo on the web, a photo not beside the file)
while the text still imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsroom.article import WireSource as WireSource  # noqa: PLC0414 (the readers use it from here)
from newsroom.errors import NewsroomError
from newsroom.render.body import render_body
from newsroom.render.dom import parse_html


@dataclass
class WireItem:
    """One article read from a wire file, with its source and the reader's warnings."""

    article: dict[str, Any]
    source: WireSource = field(default_factory=WireSource)
    warnings: list[str] = field(default_factory=list)
    # Files the item names that are not beside it yet (a photo): an ingest folder waits for them.
    missing: list[str] = field(default_factory=list)

    def named(self, file_name: str) -> WireItem:
        """The same item, its source naming the file it was read from."""
        return replace(self, source=replace(self.source, file_name=file_name))


def local_photo(
    href: str, base_dir: Path | None, warnings: list[str], missing: list[str] | None = None
) -> str | None:
    """The photo's file path when it can be read beside the document; else a warning and None.

    An import never fetches from the web, and a photo the agency sent
    separately (not beside the file) must not stop the text from importing:
    its name goes to ``missing`` too, for an ingest folder to wait for it. A
    name pointing outside the folder is left to ``outside_files.read_named``,
    which refuses it the same whether it exists or not.
    """
    from newsroom.imports.nitf import photo_path  # nitf.py reads its items through this module

    try:
        file = photo_path(href)
    except NewsroomError as error:
        warnings.append(f"{error}: imported without it")
        return None
    if file is None:
        warnings.append(f"photo {href} is on the web (imports never fetch): imported without it")
        return None
    if base_dir is not None and missing_beside(file, base_dir):
        warnings.append(f"photo {href} is not beside the file: imported without it")
        if missing is not None:
            missing.append(file)
        return None
    return file


def missing_beside(file: str, base_dir: Path) -> bool:
    """A file named inside the document's folder (or below it) that is not there."""
    path = (base_dir / Path(file)).resolve()
    return path.is_relative_to(base_dir.resolve()) and not path.exists()


def urgency_of(value: Any) -> int | None:
    """An urgency from 1 (most urgent) to 9, given as a number or digits; else None."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9:
        return value
    return None


def html_text(html: str) -> str:
    """The text of an HTML fragment on one line, as a reader sees it (for a lead)."""
    nodes = parse_html(html)
    return " ".join("".join(n if isinstance(n, str) else n.text() for n in nodes).split())


def markdown_text(markdown: str) -> str:
    """The text a Markdown paragraph shows, on one line (a paragraph moved into the lead)."""
    return html_text(render_body(markdown))
