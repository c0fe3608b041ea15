"""``newsroom ingest FOLDER [--watch]``: wire files in, each to done/ or failed/, one log line each.

Real files in tmp_path, the real command in a process of its own (``--watch``
runs while the test drops files into its folder), and the Newsroom API to
see what arrived. Waiting is polling with a deadline, never a timing asserted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsroom.article import Status
from newsroom.errors import ValidationError
from newsroom.ingest import (
    DONE,
    FAILED,
    INGEST_STATUS,
    LOG_NAME,
    MAX_FILE_BYTES,
    IngestFolder,
    ingest_file,
)
from newsroom.settings import parse_setting
from newsroom.store import Newsroom
from tests.helpers import ROOT, full_article, jpeg_bytes, newsroom_cli, write_json

SAMPLES = Path(__file__).parent / "imports" / "samples"
# One sample of each wire format, and the headline each becomes.
WIRE = {
    "ap-nitf.xml": "Lunch counters make a comeback as office workers return",
    "dpa-g2-text.xml": "Hochwasser am Rhein: Pegel steigt weiter",
    "bbc-ninjs1.json": "Lighthouse keeper's cottage to become a museum",
    "ntb-ninjs2.json": "Ny rekord for elbilsalget i februar",
    "afp-newsml1.xml": "Grève à la SNCF: un TGV sur deux circulera samedi",
}
BROKEN = b'<?xml version="1.0"?>\n<nitf><head><title>Cut off'
UNKNOWN = b"PK\x03\x04 a zip file, not a wire item"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def drop_samples(folder: Path) -> None:
    for name in WIRE:
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "afp-gare.jpg").write_bytes(jpeg_bytes())  # the photos the items name
    (folder / "ntb-elbil.jpg").write_bytes(jpeg_bytes())


def headlines(db: Path) -> dict[str, Status]:
    with Newsroom.open(db, create=True, author="tester") as newsroom:
        every = newsroom.articles(statuses=tuple(Status))  # incoming ones are listed when asked
        return {summary.headline: summary.status for summary in every}


def log_lines(folder: Path) -> dict[str, list[str]]:
    """The log's fields after the time, by file name."""
    lines = (folder / LOG_NAME).read_text(encoding="utf-8").splitlines()
    return {fields[1]: fields[2:] for fields in (line.split("\t") for line in lines)}


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} if folder.is_dir() else set()


def test_every_file_ends_in_done_or_failed_with_a_log_line(tmp_path: Path, inbox: Path) -> None:
    drop_samples(inbox)
    (inbox / "broken.xml").write_bytes(BROKEN)
    (inbox / "archive.zip").write_bytes(UNKNOWN)
    db = tmp_path / "news.sqlite"

    run = newsroom_cli(db, "ingest", str(inbox))

    assert run.code == 0, run.err
    assert names(inbox / DONE) == {*WIRE, "afp-gare.jpg", "ntb-elbil.jpg"}  # photos went too
    assert names(inbox / FAILED) == {"broken.xml", "archive.zip"}
    assert names(inbox) == {DONE, FAILED, LOG_NAME}
    log = log_lines(inbox)
    assert set(log) == {*WIRE, "broken.xml", "archive.zip"}
    assert log["broken.xml"][0] == "failed" and "not well-formed XML" in log["broken.xml"][1]
    assert (
        log["archive.zip"][0] == "failed" and "not a Newsroom JSON, ninjs" in log["archive.zip"][1]
    )
    stored = headlines(db)
    assert set(stored) == set(WIRE.values())
    assert set(stored.values()) == {Status.INCOMING}  # wire copy, with its source
    for name in WIRE:
        assert log[name][0] == "done"
        [(id_, slug)] = [tuple(part.split(" ")) for part in log[name][1].split(", ")]
        assert f"{name}\t{id_}\t{slug}" in run.out.splitlines()
    assert "broken.xml\tfailed\t" in run.out


def test_the_photo_an_item_names_is_stored_with_it(tmp_path: Path, inbox: Path) -> None:
    drop_samples(inbox)
    db = tmp_path / "news.sqlite"
    with Newsroom.open(db, create=True, author="tester") as newsroom:
        results = {result.file.name: result for result in IngestFolder(newsroom, inbox).take_all()}
        [(id_, _)] = results["afp-newsml1.xml"].articles
        assert id_ is not None and newsroom.get(str(id_)).photo is not None
    assert results["afp-newsml1.xml"].photos == (inbox / "afp-gare.jpg",)
    assert (inbox / DONE / "afp-gare.jpg").is_file()


def test_a_file_that_is_not_wire_copy_comes_in_as_a_draft_whatever_it_says(
    tmp_path: Path, inbox: Path
) -> None:
    write_json(inbox / "ours.json", full_article(related=[]))  # says "published"
    db = tmp_path / "news.sqlite"
    with Newsroom.open(db, create=True, author="tester") as newsroom:
        [result] = IngestFolder(newsroom, inbox).take_all()
        assert result.ok, result.reason
        assert newsroom.get("russia-offers-talks").status == INGEST_STATUS


def test_a_photo_alone_waits_for_its_item_then_fails(tmp_path: Path, inbox: Path) -> None:
    (inbox / "fresh.jpg").write_bytes(jpeg_bytes())
    (inbox / "stale.jpg").write_bytes(jpeg_bytes())
    hour_ago = time.time() - 3600
    os.utime(inbox / "stale.jpg", (hour_ago, hour_ago))
    with Newsroom.open(tmp_path / "news.sqlite", create=True, author="tester") as newsroom:
        [result] = IngestFolder(newsroom, inbox, photo_wait=600).take_all()
    assert result.file.name == "stale.jpg" and "no wire item named" in result.reason
    assert names(inbox) == {"fresh.jpg", FAILED, LOG_NAME}
    assert names(inbox / FAILED) == {"stale.jpg"}


def test_hidden_files_subfolders_and_its_own_files_are_left_alone(
    tmp_path: Path, inbox: Path
) -> None:
    (inbox / ".ap-nitf.xml.part").write_bytes((SAMPLES / "ap-nitf.xml").read_bytes())
    (inbox / "later").mkdir()
    (inbox / "later" / "ap-nitf.xml").write_bytes((SAMPLES / "ap-nitf.xml").read_bytes())
    with Newsroom.open(tmp_path / "news.sqlite", create=True, author="tester") as newsroom:
        assert list(IngestFolder(newsroom, inbox).take_all()) == []
        assert newsroom.articles() == []
    assert names(inbox) == {".ap-nitf.xml.part", "later"}


def test_a_name_taken_in_done_gets_a_new_one(tmp_path: Path, inbox: Path) -> None:
    (inbox / DONE).mkdir()
    (inbox / DONE / "ap-nitf.xml").write_bytes(b"yesterday's")
    (inbox / "ap-nitf.xml").write_bytes((SAMPLES / "ap-nitf.xml").read_bytes())
    with Newsroom.open(tmp_path / "news.sqlite", create=True, author="tester") as newsroom:
        [result] = IngestFolder(newsroom, inbox).take_all()
    assert result.moved_to == inbox / DONE / "ap-nitf-2.xml"
    assert (inbox / DONE / "ap-nitf.xml").read_bytes() == b"yesterday's"


def test_a_file_over_the_limit_fails_unread_and_a_vanished_one_is_told(
    tmp_path: Path, inbox: Path
) -> None:
    huge = inbox / "huge.xml"
    with huge.open("wb") as stream:  # sparse: no disk used, its size says enough
        stream.truncate(MAX_FILE_BYTES + 1)
    with Newsroom.open(tmp_path / "news.sqlite", create=True, author="tester") as newsroom:
        [result] = IngestFolder(newsroom, inbox).take_all()
        gone = ingest_file(newsroom, inbox / "gone.xml")
    assert "larger than" in result.reason and "the most a file to import may be" in result.reason
    assert result.moved_to == inbox / FAILED / "huge.xml"
    assert gone.reason == "the file vanished before it could be read"


def test_the_ingest_folder_setting_names_a_folder_or_none(tmp_path: Path) -> None:
    assert parse_setting("ingest_folder", f" {tmp_path} ") == str(tmp_path.resolve())
    assert parse_setting("ingest_folder", "") == ""
    with pytest.raises(ValidationError, match=r"ingest_folder.*no such folder"):
        parse_setting("ingest_folder", str(tmp_path / "nowhere"))


# --- --watch: a real process, files dropped while it runs ----------------------------------


@pytest.fixture
def watching(tmp_path: Path, inbox: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom", "--db", str(tmp_path / "news.sqlite"),
         "ingest", str(inbox), "--watch", "--interval", "0.2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PATH": "/usr/bin:/bin", "NEWSROOM_AUTHOR": "tester", "HOME": str(tmp_path)},
    )  # fmt: skip
    yield process
    if process.poll() is None:
        process.kill()
        process.communicate()


def wait_for(condition: Callable[[], bool], what: str, deadline: float = 60) -> None:
    end = time.monotonic() + deadline
    while not condition():
        assert time.monotonic() < end, f"still waiting for {what}"
        time.sleep(0.05)


def test_watch_takes_files_as_they_arrive_and_stops_on_ctrl_c(
    tmp_path: Path, inbox: Path, watching: subprocess.Popen[str]
) -> None:
    for name in ("ap-nitf.xml", "bbc-ninjs1.json"):
        (inbox / name).write_bytes((SAMPLES / name).read_bytes())
        wait_for(lambda name=name: name in names(inbox / DONE), f"{name} in done/")
    (inbox / "broken.xml").write_bytes(BROKEN)
    wait_for(lambda: "broken.xml" in names(inbox / FAILED), "broken.xml in failed/")

    # Written in two halves with a pause far shorter than the quiet time: taken whole.
    data = (SAMPLES / "dpa-g2-text.xml").read_bytes()
    with (inbox / "dpa-g2-text.xml").open("wb") as stream:
        stream.write(data[: len(data) // 2])
        stream.flush()
        time.sleep(0.2)
        stream.write(data[len(data) // 2 :])
    wait_for(
        lambda: "dpa-g2-text.xml" in names(inbox / DONE) | names(inbox / FAILED),
        "dpa-g2-text.xml taken",
    )
    assert "dpa-g2-text.xml" in names(inbox / DONE), log_lines(inbox)

    watching.send_signal(signal.SIGINT)
    out, err = watching.communicate(timeout=60)
    assert watching.returncode == 130
    assert err.strip().endswith("newsroom: interrupted")
    assert "Traceback" not in err
    assert set(headlines(tmp_path / "news.sqlite")) == {
        WIRE["ap-nitf.xml"], WIRE["bbc-ninjs1.json"], WIRE["dpa-g2-text.xml"]
    }  # fmt: skip
    assert names(inbox) == {DONE, FAILED, LOG_NAME}
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "ap-nitf.xml", "bbc-ninjs1.json", "broken.xml", "dpa-g2-text.xml"
    ]  # fmt: skip


def test_watch_stops_on_sigterm_too(inbox: Path, watching: subprocess.Popen[str]) -> None:
    (inbox / "ap-nitf.xml").write_bytes((SAMPLES / "ap-nitf.xml").read_bytes())
    wait_for(lambda: "ap-nitf.xml" in names(inbox / DONE), "ap-nitf.xml in done/")
    watching.send_signal(signal.SIGTERM)
    _, err = watching.communicate(timeout=60)
    assert watching.returncode == 130
    assert err.strip().endswith("newsroom: interrupted")
