"""The CLI contract: commands, output, exit codes and one-line errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.helpers import full_article, jpeg_bytes, outside_edit, write_json

READ_ONLY = ("id", "revision", "created_at", "updated_at")


def assert_one_line_error(result: object, code: int = 1, contains: str = "") -> None:
    assert result.code == code, result.out + result.err  # type: ignore[attr-defined]
    err = result.err  # type: ignore[attr-defined]
    last = err.strip().splitlines()[-1]
    assert last.startswith("newsroom: error: "), err
    assert "Traceback" not in err
    assert contains in last, last


def test_init_is_idempotent_and_takes_settings(cli: Cli) -> None:
    first = cli.ok(
        "init", "--name", "Northern Wire", "--agency", "NW", "--timezone", "Europe/Moscow"
    )
    assert first.out.startswith("created a new newsroom at ")
    assert cli.ok("init").out.startswith("the newsroom is up to date at ")
    assert cli.ok("config", "name").out == "Northern Wire\n"
    assert cli.ok("config", "timezone").out == "Europe/Moscow\n"
    assert_one_line_error(
        cli("init", "--timezone", "Mars/Olympus"),
        contains="timezone: 'Mars/Olympus' is not a known time zone",
    )


def test_import_prints_id_and_slug_per_article(cli: Cli, tmp_path: Path) -> None:
    file = write_json(
        tmp_path / "a.json", [{"headline": "First story"}, {"headline": "Second", "slug": "second"}]
    )
    result = cli.ok("import", str(file))
    assert result.lines == ["1\tfirst-story", "2\tsecond"]
    again = cli("import", str(file))
    assert_one_line_error(
        again, contains=f"{file}: [1].slug: an article with slug 'second' already exists (id 2)"
    )
    assert cli.ok("list").out.count("\n") == 2


def test_generated_slugs_never_clash_on_reimport(cli: Cli, tmp_path: Path) -> None:
    file = write_json(tmp_path / "a.json", {"headline": "Same headline"})
    assert cli.ok("import", str(file)).lines == ["1\tsame-headline"]
    assert cli.ok("import", str(file)).lines == ["2\tsame-headline-2"]


def test_existing_slug_is_an_error_unless_update(cli: Cli, tmp_path: Path) -> None:
    file = write_json(tmp_path / "a.json", {"slug": "story", "headline": "Story"})
    cli.ok("import", str(file))
    assert_one_line_error(
        cli("import", str(file)),
        contains=f"{file}: slug: an article with slug 'story' already exists (id 1); use --update",
    )
    write_json(file, {"slug": "story", "headline": "Story, corrected"})
    assert cli.ok("import", "--update", str(file)).lines == ["1\tstory"]
    history = json.loads(cli.ok("history", "story", "--json").out)
    assert [entry["revision"] for entry in history] == [2, 1]
    assert history[0]["summary"] == "Edited headline"
    assert history[0]["author"] == "tester"


def test_import_from_stdin_and_photo_paths_relative_to_the_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "kremlin.jpg").write_bytes(jpeg_bytes())
    write_json(
        folder / "story.json",
        {"headline": "With photo", "photo": {"file": "kremlin.jpg", "caption": "C"}},
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert cli.ok("import", str(folder / "story.json")).lines == ["1\twith-photo"]
    monkeypatch.chdir(folder)
    piped = cli.ok(
        "import", "-", stdin=json.dumps({"headline": "Piped", "photo": {"file": "kremlin.jpg"}})
    )
    assert piped.lines == ["2\tpiped"]


def test_show_json_round_trips_into_an_empty_newsroom(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg_bytes())
    document = full_article(
        photo={"file": "p.jpg", "caption": "Kremlin", "credit": "© TASS", "alt": "Towers"}
    )
    cli.ok("import", str(write_json(tmp_path / "a.json", document)))
    shown = cli.ok("show", "russia-offers-talks", "--json").out
    exported = json.loads(shown)
    assert exported["dateline"]["text"] == "MOSCOW, June 28. /TASS/."
    assert exported["photo"]["media_type"] == "image/jpeg"
    other = Cli(tmp_path / "other.sqlite", cli._capsys, cli._monkeypatch)
    assert other.ok("import", "-", stdin=shown).lines == ["1\trussia-offers-talks"]
    again = json.loads(other.ok("show", "1", "--json").out)
    for key in READ_ONLY:
        exported.pop(key), again.pop(key)
    assert again == exported


def test_show_text_reads_like_the_story(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init", "--timezone", "Europe/Moscow")
    cli.ok("import", str(write_json(tmp_path / "a.json", full_article())))
    text = cli.ok("show", "russia-offers-talks").out
    lines = text.splitlines()
    assert lines[0] == "Russia offers talks on grain corridor"
    assert "MOSCOW, June 28. /TASS/. Russia is offering talks" in text
    assert "published 2021-06-28 10:05" in text
    assert "  1. [no article 'grain-deal-expires' in this newsroom]" in text
    assert "  2. UN welcomes the offer <https://example.org/un-offer>" in text
    assert "“We are ready” — Dmitry Peskov, Kremlin spokesman [pull quote]" in text


def test_list_filters_and_json(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "import",
        str(
            write_json(
                tmp_path / "a.json",
                [
                    {"headline": "A", "section": "Politics", "status": "published"},
                    {"headline": "B", "section": "Sport"},
                    {"headline": "C", "section": "Politics"},
                ],
            )
        ),
    )
    lines = cli.ok("list").lines
    assert [line.split("\t")[3] for line in lines] == ["c", "b", "a"]
    assert lines[0].split("\t")[:2] == ["3", "draft"]
    assert [line.split("\t")[3] for line in cli.ok("list", "--section", "Politics").lines] == [
        "c",
        "a",
    ]
    assert [line.split("\t")[3] for line in cli.ok("list", "--status", "published").lines] == ["a"]
    assert len(cli.ok("list", "--limit", "1").lines) == 1
    records = json.loads(cli.ok("list", "--json").out)
    assert records[0]["slug"] == "c" and set(records[0]) >= {
        "id",
        "headline",
        "status",
        "updated_at",
    }
    assert_one_line_error(
        cli("list", "--limit", "0"), code=2, contains="give a number of 1 or more"
    )
    assert_one_line_error(
        cli("list", "--status", "live"), code=2, contains="invalid choice: 'live'"
    )


def test_search_plain_and_json(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "import",
        str(
            write_json(
                tmp_path / "a.json",
                [
                    {"headline": "Walrus count rises", "body": "Scientists in Murmansk"},
                    {"headline": "Seal numbers", "body": "Unrelated"},
                ],
            )
        ),
    )
    assert cli.ok("search", "murmansk").lines == ["1\twalrus-count-rises\tWalrus count rises"]
    hits = json.loads(cli.ok("search", "walrus", "--json", "--order", "best").out)
    assert hits[0]["slug"] == "walrus-count-rises" and hits[0]["rank"] > 0
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end] == "Walrus"
    assert cli.ok("search", '"unbalanced').out == ""
    assert_one_line_error(cli("search", "***"), contains="search: give at least one word")


def test_search_newest_first_unless_asked_for_the_best_match(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "import",
        str(
            write_json(
                tmp_path / "a.json",
                [
                    {"headline": "Walrus count rises", "body": "Walruses in Murmansk"},
                    {"headline": "Seal numbers", "body": "A walrus was seen too"},
                ],
            )
        ),
    )
    newest = cli.ok("search", "walrus").lines
    assert [line.split("\t")[1] for line in newest] == ["seal-numbers", "walrus-count-rises"]
    best = cli.ok("search", "walrus", "--order", "best").lines
    assert [line.split("\t")[1] for line in best] == ["walrus-count-rises", "seal-numbers"]
    assert [hit["rank"] for hit in json.loads(cli.ok("search", "walrus", "--json").out)] == [
        None,
        None,
    ]
    wrong = cli("search", "walrus", "--order", "rank")
    assert wrong.code == 2 and "invalid choice: 'rank'" in wrong.err


def test_history_restore_and_status(cli: Cli, tmp_path: Path) -> None:
    file = write_json(tmp_path / "a.json", {"slug": "s", "headline": "One"})
    cli.ok("import", str(file))
    write_json(file, {"slug": "s", "headline": "Two"})
    cli.ok("import", "--update", str(file))
    lines = cli.ok("history", "s").lines
    assert [line.split("\t")[0] for line in lines] == ["2", "1"]
    assert lines[1].split("\t")[2:] == ["tester", "Imported"]
    assert cli.ok("restore", "s", "1").out == "s: restored revision 1 as revision 3\n"
    assert json.loads(cli.ok("show", "s", "--json").out)["headline"] == "One"
    assert "nothing to restore" in cli.ok("restore", "s", "3").out
    assert_one_line_error(
        cli("restore", "s", "7"), contains="s: no revision 7 (it has revisions 1 to 3)"
    )
    assert_one_line_error(cli("restore", "s", "x"), code=2)
    assert cli.ok("set-status", "s", "published").out == "s: draft → published\n"
    assert_one_line_error(
        cli("set-status", "s", "draft"),
        contains="reason: taking a published story back to draft needs a reason",
    )
    assert_one_line_error(cli("set-status", "s", "gone"), code=2)


def test_publishing_at_a_time_read_in_the_newsrooms_time_zone(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init", "--timezone", "Europe/Moscow")
    cli.ok("import", str(write_json(tmp_path / "a.json", {"slug": "s", "headline": "H"})))
    assert cli.ok("set-status", "s", "published", "--at", "2021-06-28 10:05").out == (
        "s: draft → published (published at 2021-06-28 10:05 Europe/Moscow)\n"
    )
    shown = json.loads(cli.ok("show", "s", "--json").out)
    assert shown["published_at"] == "2021-06-28T10:05:00+03:00"
    assert cli.ok("list").lines[0].split("\t")[1] == "published"
    # ISO 8601 with an offset; a time ahead schedules the story.
    assert cli.ok("set-status", "s", "published", "--at", "2099-06-28T07:05:00Z").out == (
        "s: already published (scheduled for 2099-06-28 10:05 Europe/Moscow)\n"
    )
    assert cli.ok("list").lines[0].split("\t")[1] == "scheduled"
    [record] = json.loads(cli.ok("list", "--json").out)
    assert (record["status"], record["scheduled"]) == ("published", True)
    assert record["published_at"] == "2099-06-28T10:05:00+03:00"
    assert "s · id 1 · scheduled · revision 3" in cli.ok("show", "s").out
    assert "scheduled for 2099-06-28 10:05" in cli.ok("show", "s").out
    for bad in ("tomorrow", "2021-06-28", "2021-13-01 10:00", "2021-06-28 25:00"):
        assert_one_line_error(
            cli("set-status", "s", "published", "--at", bad),
            contains=f"--at: expected a date and time such as '2021-06-28 10:05' (newsroom time) "
            f"or 2021-06-28T10:05:00+03:00, got {bad!r}",
        )
    assert_one_line_error(
        cli("set-status", "s", "corrected", "--at", "2021-06-28 10:05"),
        contains="--at goes with published",
    )
    assert json.loads(cli.ok("show", "s", "--json").out)["revision"] == 3  # nothing saved


def test_unpublish_says_why(cli: Cli, tmp_path: Path) -> None:
    documents = [
        {"slug": "s", "headline": "H", "status": "published"},
        {"slug": "k", "headline": "K", "status": "killed"},
        {"slug": "d", "headline": "D"},
    ]
    cli.ok("import", str(write_json(tmp_path / "a.json", documents)))
    assert_one_line_error(cli("unpublish", "s"), code=2, contains="--reason")
    assert_one_line_error(
        cli("unpublish", "s", "--reason", " "),
        code=2,
        contains="argument --reason: give a reason",
    )
    assert cli.ok("unpublish", "s", "--reason", "Sent before the embargo").out == (
        "s: published → draft (the next site export removes its page)\n"
    )
    latest = cli.ok("history", "s").lines[0].split("\t")
    assert latest[0] == "2" and latest[3].endswith("Reason: Sent before the embargo")
    assert json.loads(cli.ok("show", "s", "--json").out)["published_at"] is None
    assert_one_line_error(
        cli("unpublish", "s", "--reason", "again"),
        contains="s: is draft, not published; nothing to unpublish",
    )
    assert_one_line_error(
        cli("unpublish", "d", "--reason", "x"), contains="d: is draft, not published"
    )
    assert_one_line_error(
        cli("unpublish", "k", "--reason", "x"),
        contains="status: cannot go from killed to draft (allowed: none: it stays killed)",
    )


def test_delete_undelete_purge(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", {"slug": "s", "headline": "H"})))
    assert "bring it back with: newsroom undelete s" in cli.ok("delete", "s").out
    assert cli.ok("list").out == ""
    assert cli.ok("list", "--deleted").lines[0].split("\t")[3] == "s"
    assert_one_line_error(cli("show", "s"), contains="s: that article was deleted")
    cli.ok("undelete", "s")
    assert cli.ok("show", "s").out.startswith("H\n")
    assert_one_line_error(cli("delete", "s", "--purge"), contains="delete it before purging it")
    cli.ok("delete", "s")
    assert "purged s" in cli.ok("delete", "s", "--purge").out
    assert_one_line_error(cli("show", "s"), contains="s: no such article")


def test_rename_keeps_the_old_slug_working(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "import",
        str(
            write_json(tmp_path / "a.json", {"slug": "old", "headline": "H", "status": "published"})
        ),
    )
    cli.ok("rename", "old", "new")
    assert cli.ok("show", "old", "--json").out == cli.ok("show", "new", "--json").out


def test_backup(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", {"headline": "Kept"})))
    target = tmp_path / "copy.sqlite"
    assert cli.ok("backup", str(target)).out == f"{target}\n"
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT headline FROM articles").fetchall() == [("Kept",)]
    assert_one_line_error(cli("backup", str(target)), contains="already exists; use --force")
    cli.ok("backup", "--force", str(target))
    folder = tmp_path / "backups"
    folder.mkdir()
    written = Path(cli.ok("backup", str(folder)).out.strip())
    assert written.parent == folder and written.suffix == ".sqlite"
    with sqlite3.connect(written) as copy:
        assert copy.execute("SELECT headline FROM articles").fetchall() == [("Kept",)]
    assert_one_line_error(
        cli("backup", str(tmp_path / "no" / "such" / "dir" / "x.sqlite")),
        contains="cannot write the backup",
    )


def test_check_db_finds_and_repairs_a_stale_search_index(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", {"headline": "Walrus"})))
    report = cli.ok("check-db").out
    assert "ok: schema: current" in report and "problem" not in report
    outside_edit(cli.db, "UPDATE articles SET headline = 'Elephant'")  # the index never knew
    broken = cli("check-db")
    assert_one_line_error(broken, contains="check-db found 1 problem")
    assert "problem: the search index" in broken.out and "check-db --repair" in broken.out
    assert "ok: search index: rebuilt" in cli.ok("check-db", "--repair").out
    cli.ok("check-db")
    assert cli.ok("search", "elephant").lines[0].endswith("Elephant")


def test_config(cli: Cli) -> None:
    cli.ok("init")
    listing = dict(line.split("\t", 1) for line in cli.ok("config").lines)
    assert listing["dateline_style"] == "tass" and listing["headline_limit"] == "64"
    assert cli.ok("config", "dateline_style", "ap").out == "ap\n"
    assert cli.ok("config", "dateline_style", "{CITY} ({agency}) —").out == "{CITY} ({agency}) —\n"
    assert_one_line_error(
        cli("config", "dateline_style", "{town}"),
        contains="dateline_style: unknown placeholder {town}",
    )
    assert_one_line_error(
        cli("config", "lead_word_limit", "-4"), contains="lead_word_limit: give a number"
    )
    assert_one_line_error(
        cli("config", "base_url", "javascript:x"), contains="base_url: only http and https"
    )
    assert_one_line_error(
        cli("config", "colour", "red"), code=2, contains="invalid choice: 'colour'"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"headline": "x",}', "not valid JSON (line 1, column 18"),
        (b'{"headline": "caf\xe9"}', "not UTF-8 text (byte 0xe9 at position 17)"),
        (
            b"\xff\xfe{}",
            "not a Newsroom JSON, ninjs, NITF, NewsML-G2, NewsML 1 or Markdown-with-front-matter file",
        ),
        (b"<html><body>x</body></html>", "not a Newsroom JSON, ninjs, NITF"),
        (b"<nitf><head>", "not well-formed XML"),
        (b"---\ntitle: [unclosed\n---\nbody", "broken YAML front matter (line 3, column 1)"),
        (b"[]", "the file holds an empty list"),
        (b'{"headline": 1}', "headline: expected text, got a number"),
        (
            b'[{"headline": "ok"}, {"headline": "x", "related": [{"headline": "y", "url": "javascript:alert(1)"}]}]',
            "[1].related[0].url: only http and https links are allowed",
        ),
    ],
)
def test_bad_files_get_one_line_naming_file_and_field(
    cli: Cli, tmp_path: Path, content: bytes, message: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_bytes(content)
    assert_one_line_error(cli("import", str(file)), contains=f"{file}: {message}")
    assert cli.ok("list").out == ""  # nothing was stored


def test_missing_things(cli: Cli, tmp_path: Path) -> None:
    assert_one_line_error(
        cli("import", str(tmp_path / "nope.json")), contains="nope.json: no such file"
    )
    assert_one_line_error(
        cli("import", str(tmp_path)), contains="is a folder; give a file to import"
    )
    assert_one_line_error(cli("show", "ghost"), contains="ghost: no such article")
    missing = Cli(tmp_path / "never.sqlite", cli._capsys, cli._monkeypatch)
    assert_one_line_error(
        missing("list"), contains="no newsroom here; create one with 'newsroom init'"
    )
    assert not (tmp_path / "never.sqlite").exists()


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert_one_line_error(cli(), code=2, contains="the following arguments are required: COMMAND")
    assert_one_line_error(cli("publish"), code=2, contains="invalid choice: 'publish'")
    assert_one_line_error(cli("show"), code=2, contains="the following arguments are required: REF")


def test_debug_shows_the_traceback(cli: Cli) -> None:
    cli.ok("init")
    plain = cli("show", "ghost")
    assert "Traceback" not in plain.err
    debug = cli("--debug", "show", "ghost")
    assert debug.code == 1 and "Traceback (most recent call last)" in debug.err


def test_the_installed_command(tmp_path: Path) -> None:
    """The real console script: exit codes and stderr as a shell sees them."""
    command = Path(sys.executable).with_name("newsroom")
    db = tmp_path / "n.sqlite"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(command), "--db", str(db), *args], capture_output=True, text=True, timeout=60
        )

    assert run("init").returncode == 0
    failed = run("show", "ghost")
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr == "newsroom: error: ghost: no such article (give an id or a slug)\n"
    usage = run("frobnicate")
    assert usage.returncode == 2 and usage.stderr.splitlines()[-1].startswith("newsroom: error: ")
    imported = subprocess.run(
        [str(command), "--db", str(db), "import", "-"],
        input='{"headline": "Piped"}',
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.stdout == "1\tpiped\n"


def test_a_thousand_articles_in_one_file(cli: Cli, tmp_path: Path) -> None:
    articles = [
        {
            "headline": f"Story number {n}",
            "section": ["Politics", "Economy", "Sport"][n % 3],
            "lead": f"Lead {n}.",
            "body": f"Body of story {n}. " * 30,
            "tags": [f"tag{n % 7}"],
            "status": "published" if n % 2 else "draft",
        }
        for n in range(1000)
    ]
    result = cli.ok("import", str(write_json(tmp_path / "many.json", articles)))
    assert len(result.lines) == 1000
    assert result.lines[-1] == "1000\tstory-number-999"
    assert len(cli.ok("list").lines) == 1000
    assert len(cli.ok("list", "--status", "published").lines) == 500
    assert cli.ok("search", "story number 777").lines[0].startswith("778\t")
    cli.ok("check-db")
