"""A body beyond the render limits: refused at save, import and export with a one-line field error.

The editor keeps what was typed (the save is refused, nothing stored changes);
the command line names the file or article and the field. The limits
themselves are tested in tests/pages/test_bounds.py.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.errors import ValidationError
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.test_cli import assert_one_line_error

UNCLOSED_LINKS = "[a](" * 8_000  # 32 KB; took 11 to 30 s of CPU before the limits
DEEP_LIST = "\n".join("    " * level + "- item" for level in range(1_500))  # RecursionError


def test_saving_a_body_beyond_the_limits_is_refused_and_the_saved_text_kept(
    newsroom: Newsroom,
) -> None:
    saved = newsroom.create(newsroom_article("First words."))
    for body in (UNCLOSED_LINKS, DEEP_LIST):
        with pytest.raises(ValidationError) as refused:
            newsroom.save(saved.with_changes(body=body))
        assert [problem.path for problem in refused.value.problems] == ["body"]
        stored = newsroom.get(saved.slug)
        assert stored.body == "First words." and stored.revision == saved.revision


def test_the_preview_of_such_a_body_is_a_field_error(newsroom: Newsroom) -> None:
    saved = newsroom.create(newsroom_article("First words."))
    with pytest.raises(ValidationError, match=r"^story\.body: lists or quotes nested deeper"):
        newsroom.body_html(saved.with_changes(body=DEEP_LIST))


def test_importing_such_a_body_names_the_file_and_field(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "deep.json"
    file.write_text(json.dumps({"headline": "Deep", "body": UNCLOSED_LINKS}))
    assert_one_line_error(
        cli("import", str(file)), contains=f"{file}: body: too many unclosed links"
    )
    assert cli.ok("list").out == ""


def test_a_big_import_names_the_article_whose_body_is_refused(cli: Cli, tmp_path: Path) -> None:
    # 400 articles: bodies are rendered by worker processes, and the refusal comes back.
    articles = [{"headline": f"Story {n}", "body": "Words."} for n in range(399)]
    articles.append({"headline": "Bad", "body": "*a* " * 30_000})
    file = tmp_path / "many.json"
    file.write_text(json.dumps(articles))
    assert_one_line_error(
        cli("import", str(file)),
        contains=f"{file}: [399].body: too many links, emphases or other inline markup",
    )
    assert cli.ok("list").out == ""


def test_exporting_a_body_stored_before_the_limits_is_refused(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    file = tmp_path / "fine.json"
    story = {"slug": "fine", "headline": "Fine", "body": "Fine.", "status": "published"}
    file.write_text(json.dumps(story))
    cli.ok("import", str(file))
    # As a newsroom file from before the limits holds it, made by an older renderer.
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE articles SET body = ?, render_version = 1 WHERE slug = 'fine'",
            (UNCLOSED_LINKS,),
        )
    cli.ok("check-db", "--repair")  # the search index, after that edit behind its back
    for kind in ("html", "json"):
        assert_one_line_error(
            cli("export", "--format", kind, "--out", str(tmp_path / kind), "fine"),
            contains="fine.body: too many unclosed links",
        )
    assert_one_line_error(
        cli("export", "--format", "site", "--all", "--out", str(tmp_path / "site")),
        contains="fine.body: too many unclosed links",
    )


# --- YAML front matter ----------------------------------------------------------------

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{b}: &{b} [{', '.join(['*' + a] * 9)}]"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    + ["title: *i"]
)


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """A 1 KB bomb took 142 s and 2.8 GB before aliases were refused: a real CLI run."""
    file = tmp_path / "bomb.md"
    file.write_text(f"---\n{BOMB}\n---\nBody\n")
    with Newsroom.open(tmp_path / "n.sqlite", create=True):
        pass  # made before, so stderr holds only what the import says
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "--db", str(tmp_path / "n.sqlite"), "import", str(file)],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[1],
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"newsroom: error: {file}: broken YAML front matter (line 3, column 8): "
        "aliases (*name) are not allowed; write the value out"
    ]  # within the run's 60 s timeout: it took 142 s and 2.8 GB before


def test_anchors_without_aliases_still_read(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "story.md"
    file.write_text("---\ntitle: &t Walrus count rises\nslug: walrus\n---\nBody\n")
    cli.ok("import", str(file))
    assert json.loads(cli.ok("show", "walrus", "--json").out)["headline"] == "Walrus count rises"


def test_front_matter_over_the_limit_is_refused(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "big.md"
    matter = "title: Big\n" + "".join(f"k{n}: {n}\n" for n in range(30_000))  # 400 KB
    file.write_text(f"---\n{matter}---\nBody\n")
    assert_one_line_error(
        cli("import", str(file)),
        contains=f"{file}: front matter of {len(matter):,} characters: at most 256,000; "
        "move long text into the body",
    )


def test_front_matter_nested_thousands_deep_is_refused(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "deep.md"
    file.write_text("---\ntitle: " + "[" * 20_000 + "\n---\nBody\n")
    assert_one_line_error(
        cli("import", str(file)), contains=f"{file}: YAML front matter nested too deeply to read"
    )


def newsroom_article(body: str) -> object:
    from newsroom.article import Article

    return Article(slug="story", headline="Story", body=body)
