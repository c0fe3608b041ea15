"""The command line answers ``--version``, ``--help`` and usage errors before loading the core.

Each case runs ``python -m newsroom`` in a fresh interpreter and reports which
heavy packages were imported by the time it exited: the parser must be built
from light modules only, and a command must import the core when it runs.
Structural, not timed: a heavy import creeping back into the parser fails here
whatever the machine's speed (``bench/cli_start.py`` prints the times).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom import ingest, photos
from newsroom.checks.model import FAMILIES
from newsroom.cli import build_parser
from newsroom.cli_ingest import DONE, FAILED, LOG_NAME
from newsroom.cli_photos import RENDITION_FORMATS
from newsroom.store import Newsroom
from tests.helpers import ROOT

# What the parser must not need: the database layer, the store, images, XML, rendering.
HEAVY = ("sqlalchemy", "newsroom.store", "newsroom.storage", "PIL", "lxml", "markdown", "jinja2")

# What list, show and search must not need: writing, the editorial checks' rules (``show
# --json`` uses the save's limits in ``checks.integrity``, nothing else), the photo library's
# metadata, decoding photos (Pillow), worker processes. Each was once imported by the store
# for every command, at about half of a reading command's start.
NOT_FOR_READING = (
    "newsroom.saving", "newsroom.storage.writer", "newsroom.revisions", "newsroom.parallel",
    "newsroom.checks.workflow", "newsroom.checks.dictionaries",
    *(f"newsroom.checks.{family}" for family in FAMILIES if family != "integrity"),
    "newsroom.photos.library", "newsroom.photos.embed", "newsroom.render", "newsroom.export",
    "PIL", "pillow_heif", "lxml", "markdown", "jinja2", "sqlalchemy.orm",
    "concurrent.futures.process", "alembic",
)  # fmt: skip

# Runs ``python -m newsroom ARGS`` as the command does, then says what it loaded.
RUN_AND_REPORT = """
import json, runpy, sys
heavy = {heavy!r}
sys.argv = ["newsroom", *{args!r}]
code = 0
try:
    runpy.run_module("newsroom", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code if isinstance(exit.code, int) else 1
loaded = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))
print(json.dumps({{"code": code, "loaded": loaded}}), file=sys.__stderr__)
"""


def run_and_report(
    *args: str, home: Path = ROOT, heavy: tuple[str, ...] = HEAVY
) -> tuple[int, str, list[str]]:
    """``newsroom ARGS``: its exit status, its stdout, and which of ``heavy`` it had loaded."""
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT.format(heavy=heavy, args=list(args))],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "NEWSROOM_AUTHOR": "tester", "HOME": str(home)},
    )  # fmt: skip
    report = json.loads(result.stderr.strip().splitlines()[-1])
    return report["code"], result.stdout, report["loaded"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--version"], 0),
        (["--help"], 0),
        (["import", "--help"], 0),
        (["config", "--help"], 0),
        (["photo", "export", "--help"], 0),
        (["ingest", "--help"], 0),
        (["list", "--limit", "0"], 2),  # a usage error
        (["set-status", "some-slug", "printed"], 2),
        ([], 2),
    ],
)
def test_parsing_alone_loads_no_core(args: list[str], code: int) -> None:
    returned, _, loaded = run_and_report(*args)
    assert returned == code
    assert loaded == []


def test_every_commands_help_loads_no_core() -> None:
    # One interpreter asks every command and action for its help: nothing heavy may come in.
    commands = [" ".join(path) for path in command_paths()]
    assert {"show", "photo export", "sections add", "dictionary list", "codes expand"} <= set(
        commands
    )
    code = (
        "import contextlib, io, sys\n"
        "from newsroom.cli import build_parser\n"
        f"for command in {commands!r}:\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "        build_parser().parse_args([*command.split(), '--help'])\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules\n"
        "    if any(m == h or m.startswith(h + '.') for h in heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_command_that_runs_does_load_the_core(tmp_path: Path) -> None:
    # The check above could pass by looking in the wrong place: a real command must show it.
    db = tmp_path / "news.sqlite"
    code, out, loaded = run_and_report("--db", str(db), "init", home=tmp_path)
    assert code == 0 and out.startswith("created a new newsroom")
    assert "sqlalchemy" in loaded and "newsroom.store" in loaded


READING_COMMANDS = [
    ["list", "--limit", "50"],
    ["list", "--json", "--status", "published"],
    ["show", "1"],  # every demo article has a photo: its facts are shown
    ["show", "--json", "walrus-count-arctic-station"],  # with the photo's bytes
    ["search", "the"],
    ["search", "--json", "walrus"],
]


@pytest.fixture(scope="module")
def demo_newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    db = home / "news.sqlite"
    assert run_and_report("--db", str(db), "init", "--demo", home=home)[0] == 0
    return db


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_reading_commands_load_no_writer_checks_orm_or_pillow(
    demo_newsroom: Path, command: list[str]
) -> None:
    # The tables are Core tables: reading needs SQLAlchemy's Core and the store, nothing more.
    heavy = ("sqlalchemy", "newsroom.store", *NOT_FOR_READING)
    code, out, loaded = run_and_report(
        "--db", str(demo_newsroom), *command, home=demo_newsroom.parent, heavy=heavy
    )
    assert code == 0 and out
    assert "sqlalchemy" in loaded and "newsroom.store" in loaded
    assert [name for name in loaded if name.split(".")[0] not in ("sqlalchemy", "newsroom")] == []
    assert sorted({module_of(name) for name in loaded} & set(NOT_FOR_READING)) == []


def test_the_reading_check_sees_what_a_writing_command_loads(tmp_path: Path) -> None:
    # The check above could pass by looking in the wrong place: saving loads them all.
    db = tmp_path / "news.sqlite"
    assert run_and_report("--db", str(db), "init", "--demo", home=tmp_path)[0] == 0
    code, _, loaded = run_and_report(
        "--db", str(db), "photo", "export", "1", "--out", str(tmp_path),
        home=tmp_path, heavy=NOT_FOR_READING,
    )  # fmt: skip
    assert code == 0
    assert {"PIL", "lxml", "newsroom.photos.embed"} <= {module_of(name) for name in loaded}
    code, _, loaded = run_and_report(
        "--db", str(db), "set-status", "6", "ready", home=tmp_path, heavy=NOT_FOR_READING
    )
    assert code == 0
    assert {"newsroom.checks.spelling", "newsroom.saving", "newsroom.storage.writer"} <= {
        module_of(name) for name in loaded
    }


def module_of(name: str) -> str:
    """The entry of NOT_FOR_READING that a loaded module's name falls under (else the name)."""
    return next((h for h in NOT_FOR_READING if name == h or name.startswith(h + ".")), name)


def test_the_version_is_printed_as_before() -> None:
    code, out, _ = run_and_report("--version")
    assert (code, out) == (0, f"newsroom {__import__('newsroom').__version__}\n")


def test_the_parsers_copies_of_core_names_match_the_core() -> None:
    # Named in the light cli modules so the parser needs no Pillow and no store.
    assert tuple(sorted(photos.RENDITION_FORMATS)) == RENDITION_FORMATS
    assert (DONE, FAILED, LOG_NAME) == (ingest.DONE, ingest.FAILED, ingest.LOG_NAME)


def command_paths() -> list[tuple[str, ...]]:
    """Every command and action of the parser: ``("show",)``, ``("photo", "export")``…"""
    paths: list[tuple[str, ...]] = []

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    paths.append((*prefix, name))
                    walk(sub, (*prefix, name))

    walk(build_parser(), ())
    return paths


# What a site re-export of edited stories must not need: the writer and saving, the
# per-article formats' modules, the editorial checks, Markdown (bodies are stored as HTML),
# Pillow (renditions are made already), the ORM, migrations, worker processes.
NOT_FOR_SITE_REEXPORT = (
    "newsroom.saving", "newsroom.storage.writer", "newsroom.revisions", "newsroom.checks",
    "newsroom.article_json", "newsroom.export.context", "newsroom.export.nitf",
    "newsroom.export.html", "newsroom.render.body", "markdown", "PIL", "pillow_heif",
    "sqlalchemy.orm", "alembic", "concurrent.futures.process",
)  # fmt: skip


def test_a_site_reexport_after_an_edit_loads_no_writer_formats_checks_or_markdown(
    tmp_path: Path,
) -> None:
    db, site = tmp_path / "news.sqlite", tmp_path / "site"
    assert run_and_report("--db", str(db), "init", "--demo", home=tmp_path)[0] == 0
    export = ("--db", str(db), "export", "--all", "--format", "site", "--out", str(site))
    code, _, loaded = run_and_report(*export, home=tmp_path, heavy=NOT_FOR_SITE_REEXPORT)
    assert code == 0 and "newsroom.storage.writer" in loaded  # the first one makes renditions
    with Newsroom.open(db, author="tester") as newsroom:
        story = newsroom.get("walrus-count-arctic-station")
        newsroom.save(story.with_changes(headline=story.headline + ", updated"))
    code, out, loaded = run_and_report(*export, home=tmp_path, heavy=NOT_FOR_SITE_REEXPORT)
    assert code == 0 and f"{site / 'walrus-count-arctic-station.html'}\n" in out
    assert loaded == []
