"""The JSON workflow: ``show --json``, edit the file, ``import --update``, as editors use it.

Run as a real ``newsroom`` process against a real newsroom file: two editors
read the same revision, each changes a different field, and the second
import must not silently undo the first one's edit.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsroom.demo import load_demo
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import jpeg_bytes, write_json


@pytest.fixture(autouse=True)
def newsroom_already_made(made_db_target: Path | str) -> None:
    """The CLI's newsroom exists (a copy of a new one), so stderr holds only what the
    import says."""


CHECKOUT = Path(__file__).resolve().parents[1]


class Editor:
    """One person at the command line: ``newsroom`` as a subprocess, as that author."""

    def __init__(self, db: Path | str, name: str, folder: Path) -> None:
        self.db = db
        self.name = name
        self.folder = folder

    def run(
        self, *args: str, stdin: str | None = None, memory: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        """``newsroom ARGS``; ``memory`` caps its address space (bytes), as a small machine would."""
        env = {**os.environ, "NEWSROOM_AUTHOR": self.name, "PYTHONPATH": str(CHECKOUT)}
        env.pop("NEWSROOM_DB", None)

        def cap() -> None:
            if memory is not None:
                resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        return subprocess.run(
            [sys.executable, "-m", "newsroom", "--db", str(self.db), *args],
            input=stdin, capture_output=True, text=True, timeout=120, env=env, cwd=self.folder,
            preexec_fn=cap,
        )  # fmt: skip

    def ok(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = self.run(*args)
        assert result.returncode == 0, result.stderr
        return result

    def read(self, slug: str) -> tuple[Path, dict[str, Any]]:
        """``show --json`` into the editor's own file, as one would before editing it."""
        file = self.folder / f"{slug}-{self.name}.json"
        file.write_text(self.ok("show", slug, "--json").stdout, encoding="utf-8")
        return file, json.loads(file.read_text(encoding="utf-8"))


@pytest.fixture
def desk(tmp_path: Path, db_target: Path | str) -> tuple[Editor, Editor]:
    """A newsroom in Moscow time holding one story, and two editors (on each engine)."""
    db = db_target
    anna, boris = Editor(db, "anna", tmp_path), Editor(db, "boris", tmp_path)
    anna.ok("init", "--timezone", "Europe/Moscow")
    story = {"slug": "port-strike", "headline": "Port strike enters day two", "lead": "Docks idle."}
    anna.ok("import", str(write_json(tmp_path / "new.json", story)))
    return anna, boris


def history(editor: Editor, slug: str) -> list[dict[str, Any]]:
    return list(json.loads(editor.ok("history", slug, "--json").stdout))


def test_the_second_editors_import_is_refused_instead_of_undoing_the_first(
    desk: tuple[Editor, Editor],
) -> None:
    anna, boris = desk
    anna_file, anna_copy = anna.read("port-strike")
    boris_file, boris_copy = boris.read("port-strike")
    write_json(anna_file, {**anna_copy, "headline": "Port strike ends"})
    assert anna.ok("import", "--update", str(anna_file)).stderr == ""
    write_json(boris_file, {**boris_copy, "lead": "Docks idle for a second day."})

    refused = boris.run("import", "--update", str(boris_file))

    saved_at = datetime.fromisoformat(history(anna, "port-strike")[0]["created_at"])
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        f"newsroom: error: {boris_file}: port-strike: changed by anna at "
        f"{saved_at:%Y-%m-%d %H:%M} (Europe/Moscow) since revision 1 was read; "
        "re-read it or use --force\n"
    )
    now = json.loads(anna.ok("show", "port-strike", "--json").stdout)
    assert (now["headline"], now["lead"], now["revision"]) == ("Port strike ends", "Docks idle.", 2)


def test_force_puts_the_older_copy_on_top_and_keeps_both_in_the_history(
    desk: tuple[Editor, Editor],
) -> None:
    anna, boris = desk
    anna_file, anna_copy = anna.read("port-strike")
    boris_file, boris_copy = boris.read("port-strike")
    write_json(anna_file, {**anna_copy, "headline": "Port strike ends"})
    anna.ok("import", "--update", str(anna_file))
    write_json(boris_file, {**boris_copy, "lead": "Docks idle for a second day."})

    forced = boris.run("import", "--update", "--force", str(boris_file))

    assert (forced.returncode, forced.stdout, forced.stderr) == (0, "1\tport-strike\n", "")
    now = json.loads(boris.ok("show", "port-strike", "--json").stdout)
    assert (now["headline"], now["lead"]) == (
        "Port strike enters day two",
        "Docks idle for a second day.",
    )
    assert [(entry["revision"], entry["author"]) for entry in history(boris, "port-strike")] == [
        (3, "boris"), (2, "anna"), (1, "anna"),
    ]  # fmt: skip
    restored = boris.ok("restore", "port-strike", "2")
    assert "restored revision 2" in restored.stdout
    assert json.loads(boris.ok("show", "port-strike", "--json").stdout)["headline"] == (
        "Port strike ends"
    )


def test_a_file_without_revision_updates_as_before_with_a_warning(
    desk: tuple[Editor, Editor],
) -> None:
    anna, _ = desk
    hand_written = write_json(
        anna.folder / "hand.json", {"slug": "port-strike", "lead": "Docks idle, talks at noon."}
    )

    updated = anna.run("import", "--update", str(hand_written))

    assert (updated.returncode, updated.stdout) == (0, "1\tport-strike\n")
    [warning] = updated.stderr.splitlines()
    assert warning.startswith(f"newsroom: warning: {hand_written}: port-strike: ")
    assert "no revision" in warning and "overwritten" in warning
    assert json.loads(anna.ok("show", "port-strike", "--json").stdout)["lead"] == (
        "Docks idle, talks at noon."
    )
    fresh = write_json(anna.folder / "fresh.json", {"headline": "A new story"})
    assert anna.run("import", "--update", str(fresh)).stderr == ""  # nothing was overwritten


# --- the same rules, in-process --------------------------------------------------------


def test_one_stale_article_refuses_the_whole_batch(cli: Cli, tmp_path: Path) -> None:
    """A file is imported in one transaction: a conflict leaves every article as it was."""
    cli.ok("import", str(write_json(tmp_path / "a.json", [
        {"slug": "one", "headline": "One"}, {"slug": "two", "headline": "Two"},
        {"slug": "three", "headline": "Three"},
    ])))  # fmt: skip
    read = [json.loads(cli.ok("show", slug, "--json").out) for slug in ("one", "two", "three")]
    cli.ok("import", "--update", str(write_json(tmp_path / "b.json", {**read[1], "lead": "New"})))
    cli.ok("import", "--update", str(write_json(tmp_path / "c.json", {**read[2], "lead": "New"})))
    batch = write_json(tmp_path / "batch.json", [{**item, "mark": "Updated"} for item in read])

    refused = cli("import", "--update", str(batch))

    assert refused.code == 1 and refused.out == ""
    [line] = refused.err.splitlines()
    assert line.startswith(f"newsroom: error: {batch}: [1]: two: changed by tester at ")
    assert line.endswith("since revision 1 was read; re-read it or use --force (and 1 more: three)")
    for slug in ("one", "two", "three"):
        assert json.loads(cli.ok("show", slug, "--json").out)["mark"] == ""


def test_a_revision_the_newsroom_never_had_is_refused(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", {"slug": "one", "headline": "One"})))
    elsewhere = {"slug": "one", "headline": "One, from another newsroom", "revision": 7}
    refused = cli("import", "--update", str(write_json(tmp_path / "b.json", elsewhere)))
    assert refused.code == 1
    assert refused.err.endswith(
        "one: the file was read at revision 7 but the newsroom has only 1 (is it from another "
        "newsroom?); re-read it or use --force\n"
    )
    assert cli.ok("import", "--update", "--force", str(tmp_path / "b.json")).out == "1\tone\n"


def test_an_up_to_date_revision_updates_quietly(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", {"slug": "one", "headline": "One"})))
    read = json.loads(cli.ok("show", "one", "--json").out)
    updated = cli("import", "--update", str(write_json(tmp_path / "b.json", {**read, "lead": "L"})))
    assert (updated.code, updated.err) == (0, "")
    assert json.loads(cli.ok("show", "one", "--json").out)["revision"] == 2


@pytest.mark.parametrize(
    ("revision", "expected"),
    [
        ("3", "revision: expected a whole number from 1 up, got '3'"),
        (0, "revision: expected a whole number from 1 up, got 0"),
        (2.5, "revision: expected a whole number from 1 up, got 2.5"),
        (True, "revision: expected a whole number from 1 up, got true/false"),
    ],
)
def test_a_revision_that_is_not_a_revision_number(
    cli: Cli, tmp_path: Path, revision: object, expected: str
) -> None:
    file = write_json(tmp_path / "a.json", {"slug": "one", "headline": "One", "revision": revision})
    refused = cli("import", str(file))
    assert (refused.code, refused.err) == (1, f"newsroom: error: {file}: {expected}\n")


def test_force_goes_with_update(cli: Cli, tmp_path: Path) -> None:
    file = write_json(tmp_path / "a.json", {"headline": "One"})
    refused = cli("import", "--force", str(file))
    assert (refused.code, refused.err) == (1, "newsroom: error: --force goes with --update\n")


# --- numbers and keys JSON allows but an article cannot take ----------------------------

HUGE = "9" * 5000


def assert_import_refused(cli: Cli, file: Path, text: str, expected: str) -> None:
    """``text`` imported from ``file``: one error line naming it, and nothing stored."""
    file.write_text(text, encoding="utf-8")
    refused = cli("import", str(file))
    assert (refused.code, refused.err) == (1, f"newsroom: error: {file}: {expected}\n")
    assert cli.ok("list").out == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"headline": "H", "quotes": [{"text": "q", "after_paragraph": ' + HUGE + "}]}",
            "quotes[0].after_paragraph: a number 5000 digits long; no field takes one that long",
        ),
        (
            '[{"headline": "A"}, {"headline": "B", "id": -' + HUGE + "}]",
            "[1].id: a number 5000 digits long; no field takes one that long",
        ),
        (
            '{"headline": "H", "quotes": [{"text": "q", "after_paragraph": 1e999}]}',
            "quotes[0].after_paragraph: 1e999 is too large to be a number",
        ),
        ('{"headline": "H", "revision": NaN}', "revision: NaN is not a number JSON allows"),
        ('{"headline": "H", "mark": -Infinity}', "mark: -Infinity is not a number JSON allows"),
        (
            '{"headline": "H", "photo": {"width": Infinity, "sha256": "' + "a" * 64 + '"}}',
            "photo.width: Infinity is not a number JSON allows",
        ),
    ],
)
def test_numbers_no_field_can_take_are_refused_with_their_path(
    cli: Cli, tmp_path: Path, text: str, expected: str
) -> None:
    assert_import_refused(cli, tmp_path / "numbers.json", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"headline": "H", "headline": "I"}', "headline: the key appears twice"),
        (
            '[{"headline": "A"}, {"headline": "B", "photo": {"sha256": "'
            + "a" * 64
            + '", "caption": "one", "caption": "two"}}]',
            "[1].photo.caption: the key appears twice",
        ),
        (
            '{"headline": "H", "quotes": [{"text": "a"}, {"text": "b", "pull": true, "pull": 1}]}',
            "quotes[1].pull: the key appears twice",
        ),
        (
            '{"headline": "H", "dateline": {"city": "A", "city": "B", "city": "C"}, "mark": "x",'
            ' "mark": "y"}',
            "dateline.city: the key appears 3 times (and 1 more)",
        ),
    ],
)
def test_a_key_given_twice_is_refused_with_its_path(
    cli: Cli, tmp_path: Path, text: str, expected: str
) -> None:
    assert_import_refused(cli, tmp_path / "twice.json", text, expected)


def test_huge_numbers_in_front_matter_are_refused_with_their_line(cli: Cli, tmp_path: Path) -> None:
    markdown = tmp_path / "story.md"
    markdown.write_text(f"---\ntitle: H\nweight: {HUGE}\n---\nBody\n", encoding="utf-8")
    refused = cli("import", str(markdown))
    assert refused.err == (
        f"newsroom: error: {markdown}: broken YAML front matter (line 3, column 9): "
        "a number 5000 digits long; no field takes one that long\n"
    )


def test_a_key_given_twice_in_front_matter_is_refused_with_its_line(
    cli: Cli, tmp_path: Path
) -> None:
    markdown = tmp_path / "story.md"
    text = "---\ntitle: Ferries resume\nsection: Travel\ntitle: Ferries halted\n---\nBody\n"
    markdown.write_text(text, encoding="utf-8")
    refused = cli("import", str(markdown))
    assert refused.err == (
        f"newsroom: error: {markdown}: broken YAML front matter (line 4, column 1): "
        "the key 'title' appears twice\n"
    )
    assert cli.ok("list").out == ""


@pytest.mark.parametrize(
    ("fmt", "place", "huge"),
    [
        ("ninjs", '"value": "2"', f'"value": "{HUGE}"'),
        ("nitf", 'after-paragraph="2"', f'after-paragraph="{HUGE}"'),
        ("ninjs", '"value": "2"', '"value": "\u00b2"'),  # a superscript two: a digit, not ASCII
    ],
)
def test_agency_files_with_a_paragraph_number_no_article_has(
    cli: Cli, tmp_path: Path, fmt: str, place: str, huge: str
) -> None:
    quote = {"text": "We are ready", "pull": True, "after_paragraph": 2}
    cli.ok("import", str(write_json(tmp_path / "a.json", {"headline": "H", "quotes": [quote]})))
    [exported] = [Path(line) for line in cli.ok("export", "h", "--format", fmt, "--out",
                                                str(tmp_path / "out")).lines]  # fmt: skip
    text = exported.read_text(encoding="utf-8")
    assert text.count(place) == 1
    exported.write_text(text.replace(place, huge).replace("<hl1>H<", "<hl1>I<"), encoding="utf-8")
    refused = cli("import", str(exported))
    assert refused.code == 1
    assert refused.err.startswith(f"newsroom: error: {exported}: quotes[0].after_paragraph: ")


# --- photo files named in a JSON article ------------------------------------------------

OUTSIDE = "points outside the imported file's folder"


@pytest.fixture
def incoming(tmp_path: Path) -> Path:
    """A folder of files to import, with a photo beside them and another one outside."""
    folder = tmp_path / "incoming"
    (folder / "pics").mkdir(parents=True)
    (folder / "pics" / "inside.jpg").write_bytes(jpeg_bytes())
    (tmp_path / "outside.jpg").write_bytes(jpeg_bytes(colour=(0, 90, 0)))
    return folder


def story_with_photo(folder: Path, file: str, name: str = "story.json") -> Path:
    return write_json(folder / name, {"headline": "Story", "photo": {"file": file}})


def test_photos_beside_the_file_and_below_it_are_read(cli: Cli, incoming: Path) -> None:
    (incoming / "same.jpg").symlink_to(incoming / "pics" / "inside.jpg")  # a link inside: fine
    assert cli.ok("import", str(story_with_photo(incoming, "pics/inside.jpg"))).out == "1\tstory\n"
    assert cli.ok("import", str(story_with_photo(incoming, "same.jpg"))).out == "2\tstory-2\n"
    absolute = str(incoming / "pics" / "inside.jpg")
    assert cli.ok("import", str(story_with_photo(incoming, absolute))).out == "3\tstory-3\n"


@pytest.mark.parametrize(
    "reference",
    ["../outside.jpg", "{tmp}/outside.jpg", "escape.jpg", "pics/../../outside.jpg", "/etc/passwd"],
)
def test_a_photo_outside_the_files_folder_is_refused(
    cli: Cli, incoming: Path, reference: str
) -> None:
    (incoming / "escape.jpg").symlink_to(incoming.parent / "outside.jpg")
    reference = reference.format(tmp=incoming.parent)
    story = story_with_photo(incoming, reference)

    refused = cli("import", str(story))

    assert refused.code == 1
    assert refused.err == (
        f"newsroom: error: {story}: photo.file: {reference!r} {OUTSIDE} {incoming}; "
        "photos are read from there and below only (--allow-outside-photos reads others)\n"
    )
    assert cli.ok("list").out == ""
    allowed = cli("import", "--allow-outside-photos", str(story))
    if reference == "/etc/passwd":
        assert "not a picture Newsroom can read" in allowed.err
    else:
        assert (allowed.code, allowed.out) == (0, "1\tstory\n")


def test_a_refused_path_says_the_same_whether_it_exists_or_not(cli: Cli, incoming: Path) -> None:
    said = {}
    for reference in ("/etc/passwd", "/etc/no-such-file", "../outside.jpg", "../no-such.jpg"):
        refused = cli("import", str(story_with_photo(incoming, reference)))
        said[reference] = refused.err.replace(repr(reference), "PATH")
    assert len(set(said.values())) == 1, said


def test_a_device_is_never_read(desk: tuple[Editor, Editor], tmp_path: Path) -> None:
    """/dev/zero ran to a MemoryError after gigabytes; now it is refused before a byte is read."""
    anna, _ = desk
    story = story_with_photo(tmp_path, "/dev/zero")
    refused = anna.run("import", str(story), memory=2 << 30)
    assert (refused.returncode, refused.stderr) == (
        1,
        f"newsroom: error: {story}: photo.file: '/dev/zero' {OUTSIDE} {tmp_path}; "
        "photos are read from there and below only (--allow-outside-photos reads others)\n",
    )
    allowed = anna.run("import", "--allow-outside-photos", str(story), memory=2 << 30)
    assert (allowed.returncode, allowed.stderr) == (
        1,
        f"newsroom: error: {story}: photo.file: /dev/zero: not a photo file (a device, "
        "a pipe or a socket)\n",
    )


def test_a_pipe_beside_the_file_is_refused_without_waiting(
    desk: tuple[Editor, Editor], tmp_path: Path
) -> None:
    """A named pipe no one writes to made the import wait forever."""
    anna, _ = desk
    os.mkfifo(tmp_path / "pipe.jpg")
    story = story_with_photo(tmp_path, "pipe.jpg")
    refused = anna.run("import", str(story))  # the timeout fails the test if it waits
    assert (refused.returncode, refused.stderr) == (
        1,
        f"newsroom: error: {story}: photo.file: {tmp_path / 'pipe.jpg'}: not a photo file "
        "(a device, a pipe or a socket)\n",
    )


def test_a_file_over_the_photo_size_limit_is_refused_before_it_is_read(
    desk: tuple[Editor, Editor], tmp_path: Path
) -> None:
    """A 3 GB file (sparse here) is refused by its size, in a process given 2 GB of memory."""
    anna, _ = desk
    with (tmp_path / "huge.jpg").open("wb") as huge:
        huge.truncate(3 << 30)
    story = story_with_photo(tmp_path, "huge.jpg")
    refused = anna.run("import", str(story), memory=2 << 30)
    assert (refused.returncode, refused.stderr) == (
        1,
        f"newsroom: error: {story}: photo.file: {tmp_path / 'huge.jpg'}: larger than 200 MB, "
        "the most a photo may be\n",
    )


def test_photos_of_json_from_stdin_are_read_from_the_current_folder(
    desk: tuple[Editor, Editor], tmp_path: Path
) -> None:
    anna, _ = desk
    (tmp_path / "here.jpg").write_bytes(jpeg_bytes())
    piped = anna.run(
        "import", "-", stdin=json.dumps({"headline": "P", "photo": {"file": "here.jpg"}})
    )
    assert (piped.returncode, piped.stdout) == (0, "2\tp\n")
    escaping = json.dumps({"headline": "Q", "photo": {"file": "../here.jpg"}})
    refused = anna.run("import", "-", stdin=escaping)
    assert refused.stderr.startswith(
        f"newsroom: error: <stdin>: photo.file: '../here.jpg' {OUTSIDE} {tmp_path}; "
    )


def test_the_demo_still_loads_its_photos(newsroom: Newsroom) -> None:
    loaded = load_demo(newsroom)
    assert loaded and all(result.article.photo is not None for result in loaded)


def test_the_open_newsrooms_own_file_is_never_read_as_a_photo(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    cli.ok("init")
    for name in (db_path.name, f"{db_path.name}-wal"):
        story = story_with_photo(tmp_path, name)
        refused = cli("import", str(story))
        assert refused.err == (
            f"newsroom: error: {story}: photo.file: {tmp_path / name}: this is the open "
            "newsroom's own file, not one to read in; choose another file\n"
        )


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("a\u0000b.jpg", "photo.file: contains a control character (U+0000) at position 1"),
        ("a/" * 1500, "photo.file: at most 2000 characters (this has 3000)"),
    ],
)
def test_a_photo_path_no_file_can_have(
    cli: Cli, tmp_path: Path, reference: str, expected: str
) -> None:
    story = story_with_photo(tmp_path, reference)
    refused = cli("import", str(story))
    assert refused.err.startswith(f"newsroom: error: {story}: {expected}")


def test_the_conflict_counts_the_saves_since_the_file_was_read(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", {"slug": "one", "headline": "One"})))
    read = json.loads(cli.ok("show", "one", "--json").out)
    for lead in ("First", "Second"):
        cli.ok(
            "import",
            "--update",
            str(write_json(tmp_path / "b.json", {**read, "lead": lead, "revision": None})),
        )
    refused = cli("import", "--update", str(write_json(tmp_path / "c.json", read)))
    assert "(Europe/Moscow)" not in refused.err and "(UTC) (the last of 2 saves)" in refused.err
