"""The ``theme`` setting: a theme folder used by pages and exports unless --theme is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.demo import load_demo
from newsroom.errors import ValidationError
from newsroom.render.page import Links, render_page
from newsroom.settings import Settings, parse_setting
from newsroom.store import Newsroom
from tests.conftest import Cli


def make_theme(folder: Path, rule: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "custom.css").write_text(rule, encoding="utf-8")
    return folder


def test_theme_defaults_to_empty_and_must_be_an_existing_folder(tmp_path: Path) -> None:
    assert Settings().theme == ""
    assert Settings().theme_folder is None
    assert parse_setting("theme", "  ") == ""
    folder = make_theme(tmp_path / "mine", "")
    assert parse_setting("theme", str(folder)) == str(folder.resolve())
    with pytest.raises(ValidationError, match=r"theme.*no such folder"):
        parse_setting("theme", str(tmp_path / "missing"))
    (tmp_path / "file.css").write_text("")
    with pytest.raises(ValidationError, match="theme"):
        parse_setting("theme", str(tmp_path / "file.css"))


class InlineCss(Links):
    def inline_css(self) -> bool:
        return True


def test_pages_use_the_theme_setting(newsroom: Newsroom, tmp_path: Path) -> None:
    load_demo(newsroom)
    article = newsroom.get(1)
    assert ".from-the-setting" not in render_page(article, newsroom, links=InlineCss())
    folder = make_theme(tmp_path / "mine", ".from-the-setting { color: teal; }")
    settings = newsroom.set_setting("theme", str(folder))
    assert settings.theme_folder == folder.resolve()
    assert ".from-the-setting" in render_page(article, newsroom, links=InlineCss())
    newsroom.set_setting("theme", "")
    assert ".from-the-setting" not in render_page(article, newsroom, links=InlineCss())


def test_a_theme_folder_that_went_away_falls_back_to_the_default(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    folder = make_theme(tmp_path / "gone", ".x {}")
    newsroom.set_setting("theme", str(folder))
    (folder / "custom.css").unlink()
    folder.rmdir()
    assert newsroom.settings().theme == ""


def test_exports_use_the_setting_and_the_cli_theme_wins(
    cli: Cli, newsroom: Newsroom, tmp_path: Path
) -> None:
    load_demo(newsroom)
    setting = make_theme(tmp_path / "setting", ".from-the-setting { color: teal; }")
    given = make_theme(tmp_path / "given", ".from-the-option { color: olive; }")
    cli.ok("config", "theme", str(setting))
    cli.ok("export", "1", "--format", "html", "--out", str(tmp_path / "a"))
    css = (tmp_path / "a" / "newsroom.css").read_text(encoding="utf-8")
    assert ".from-the-setting" in css
    cli.ok("export", "1", "--format", "html", "--out", str(tmp_path / "b"), "--theme", str(given))
    css = (tmp_path / "b" / "newsroom.css").read_text(encoding="utf-8")
    assert ".from-the-option" in css
    assert ".from-the-setting" not in css
