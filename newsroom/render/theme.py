"""Themes: Jinja2 templates and CSS, the default one from resources/, overridable.

A user theme is a folder. Its ``templates/`` may replace any template of the
default theme by name (``article.html``, ``blocks.html``, ``base.html``…);
its ``newsroom.css`` replaces the default style sheet and its ``custom.css``
is added after it; its ``favicon.svg`` replaces the site's icon. Templates
autoescape everything: only values the renderer has made safe itself
(sanitised body HTML, the escaped JSON-LD) are marked so.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from newsroom import resources
from newsroom.errors import NewsroomError
from newsroom.render.urls import short_url

DEFAULT = ("themes", "default")


class _ResourceLoader(jinja2.BaseLoader):
    """Templates of the default theme, wherever resources/ lives (checkout, wheel, bundle)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        found = resources.resource(*DEFAULT, "templates", *template.split("/"))
        if not found.is_file():
            raise jinja2.TemplateNotFound(template)
        return found.read_text(encoding="utf-8"), None, lambda: True


class Theme:
    """Templates and CSS for pages; cheap to use once made (see ``load_theme``)."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is not None and not folder.is_dir():
            raise NewsroomError(f"{folder}: no such theme folder")
        self.folder = folder
        loaders: list[jinja2.BaseLoader] = []
        if folder is not None and (folder / "templates").is_dir():
            loaders.append(jinja2.FileSystemLoader(folder / "templates"))
        loaders.append(_ResourceLoader())
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
        )
        self.environment.filters["short_url"] = short_url
        self.css = self._css()
        self.favicon = self._favicon()

    def _css(self) -> str:
        own = self.folder / "newsroom.css" if self.folder else None
        if own is not None and own.is_file():
            css = own.read_text(encoding="utf-8")
        else:
            css = resources.read_text(*DEFAULT, "newsroom.css")
        custom = self.folder / "custom.css" if self.folder else None
        if custom is not None and custom.is_file():
            css += "\n/* custom.css */\n" + custom.read_text(encoding="utf-8")
        return css

    def _favicon(self) -> str:
        """The site's icon, an SVG (every current browser shows one; no 404 for /favicon.ico)."""
        own = self.folder / "favicon.svg" if self.folder else None
        if own is not None and own.is_file():
            return own.read_text(encoding="utf-8")
        return resources.read_text(*DEFAULT, "favicon.svg")

    def feed_entry(self, item: Any) -> str:
        """One news-feed line through the theme's ``feed_entry`` macro (for caching)."""
        module = self.environment.get_template("blocks.html").module
        macro = getattr(module, "feed_entry", None)
        return "" if macro is None else str(macro(item))

    def render(self, template: str, **context: Any) -> str:
        try:
            return self.environment.get_template(template).render(**context)
        except jinja2.TemplateError as error:
            where = self.folder or "the default theme"
            raise NewsroomError(f"{where}: template {template}: {error}") from error


@lru_cache(maxsize=8)
def load_theme(folder: Path | None = None) -> Theme:
    """The theme in ``folder`` (None: the default), made once per process."""
    return Theme(folder)
