"""An ingest folder when a story's files arrive apart (``newsroom/ingest.py``'s waits).

Agencies send the text and its photo (or a NewsML-G2 package, its text item and its
picture item) as separate files, in any order. An item naming a file not there yet
waits for it (``named_wait``), then comes in without it; a photo or a picture item file
waits for the item naming it (``photo_wait``). Arrival times are set on the files
(``os.utime``), and ``IngestFolder.take_all`` is called again as a later look at the
folder: no test depends on how long anything takes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsroom.article import Status
from newsroom.ingest import DONE, FAILED, LOG_NAME, IngestFolder, IngestResult
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes, newsroom_cli

SAMPLES = Path(__file__).parent / "imports" / "samples"
MESSAGE = "reuters-g2-message.xml"  # names the photo reuters-g2-cranes.jpg
PHOTO = "reuters-g2-cranes.jpg"
NOT_BESIDE = f"photo {PHOTO} is not beside the file: imported without it"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def newsroom(tmp_path: Path) -> Iterator[Newsroom]:
    with Newsroom.open(tmp_path / "news.sqlite", create=True, author="tester") as opened:
        yield opened


def arrive(folder: Path, name: str, minutes_ago: float = 0, data: bytes | None = None) -> Path:
    """A file arriving in the folder, ``minutes_ago`` (its modification time says when)."""
    path = folder / name
    path.write_bytes((SAMPLES / name).read_bytes() if data is None else data)
    when = time.time() - minutes_ago * 60
    os.utime(path, (when, when))
    return path


def age(path: Path, minutes: float) -> None:
    when = time.time() - minutes * 60
    os.utime(path, (when, when))


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} if folder.is_dir() else set()


def log(folder: Path) -> list[list[str]]:
    """The log's lines as fields after the time."""
    lines = (folder / LOG_NAME).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1:] for line in lines]


def by_file(results: list[IngestResult]) -> dict[str, IngestResult]:
    return {result.file.name: result for result in results}


# --- a text item and its photo ------------------------------------------------------------


def test_text_then_photo_waits_for_the_photo_and_takes_it(newsroom: Newsroom, inbox: Path) -> None:
    folder = IngestFolder(newsroom, inbox, named_wait=60)
    arrive(inbox, MESSAGE)
    [waiting] = folder.take_all()
    assert waiting.waiting_for == (PHOTO,) and waiting.ok and not waiting.articles
    assert list(folder.take_all()) == []  # still waiting: said once
    assert names(inbox) == {MESSAGE, LOG_NAME}

    arrive(inbox, PHOTO, data=jpeg_bytes(800, 533))
    [done] = folder.take_all()

    assert done.ok and done.warnings == () and len(done.articles) == 2
    assert names(inbox / DONE) == {MESSAGE, PHOTO}
    assert newsroom.get(str(done.articles[0][0])).photo is not None
    assert log(inbox)[0] == [
        MESSAGE, "waiting", f"for {PHOTO}, which it names (at most 1 minute)"
    ]  # fmt: skip
    assert log(inbox)[1][:2] == [MESSAGE, "done"] and len(log(inbox)) == 2


def test_photo_then_text_takes_the_photo_at_once(newsroom: Newsroom, inbox: Path) -> None:
    folder = IngestFolder(newsroom, inbox)
    arrive(inbox, PHOTO, data=jpeg_bytes(800, 533))
    assert list(folder.take_all()) == []  # a photo alone waits for its item
    arrive(inbox, MESSAGE)
    [done] = folder.take_all()
    assert done.ok and done.photos == (inbox / PHOTO,)
    assert names(inbox) == {DONE, LOG_NAME} and names(inbox / DONE) == {MESSAGE, PHOTO}


def test_a_photo_that_never_arrives_lets_the_text_in_after_the_wait(
    newsroom: Newsroom, inbox: Path
) -> None:
    folder = IngestFolder(newsroom, inbox, named_wait=60)
    message = arrive(inbox, MESSAGE)
    [_] = folder.take_all()  # waiting
    age(message, 2)  # two minutes later, still no photo

    [done] = folder.take_all()

    assert done.ok and done.warnings == (NOT_BESIDE,) and len(done.articles) == 2
    assert newsroom.get(str(done.articles[0][0])).status == Status.INCOMING
    assert newsroom.get(str(done.articles[0][0])).photo is None
    last = log(inbox)[-1]
    assert last[:2] == [MESSAGE, "done"] and last[3] == NOT_BESIDE  # the warning in the log


def test_a_photo_arriving_after_its_text_came_in_fails_naming_the_item(
    newsroom: Newsroom, inbox: Path
) -> None:
    folder = IngestFolder(newsroom, inbox, named_wait=60, photo_wait=600)
    arrive(inbox, MESSAGE, minutes_ago=5)
    [_] = folder.take_all()  # in without its photo
    photo = arrive(inbox, PHOTO, data=jpeg_bytes(800, 533))
    assert list(folder.take_all()) == []  # it still waits: a later version may name it
    age(photo, 11)

    [late] = folder.take_all()

    assert late.reason == (
        f"a photo that arrived after its item {MESSAGE} came in without it: "
        "add it to that article by hand"
    )
    assert names(inbox / FAILED) == {PHOTO}  # kept, never deleted


def test_one_run_of_the_command_says_what_waits(tmp_path: Path, inbox: Path) -> None:
    arrive(inbox, MESSAGE)
    run = newsroom_cli(tmp_path / "n.sqlite", "ingest", str(inbox))
    assert run.code == 0, run.err
    assert run.out == f"{MESSAGE}\twaiting\tfor {PHOTO}, which it names (at most 1 minute)\n"
    assert names(inbox) == {MESSAGE, LOG_NAME}
    age(inbox / MESSAGE, 2)
    run = newsroom_cli(tmp_path / "n.sqlite", "ingest", str(inbox))
    assert run.code == 0 and len(run.out.splitlines()) == 2  # both text items
    assert f"{MESSAGE}: {NOT_BESIDE}" in run.err
    assert names(inbox / DONE) == {MESSAGE}


# --- a NewsML-G2 package, its text item and its picture item ----------------------------


PACKAGE = "dpa-g2-package.xml"
TEXT = "dpa-g2-text.xml"
PICTURE = "dpa-g2-picture.xml"
RHEIN = "dpa-g2-rhein.jpg"


def test_the_picture_item_first_waits_then_goes_with_its_package(
    newsroom: Newsroom, inbox: Path
) -> None:
    folder = IngestFolder(newsroom, inbox)
    arrive(inbox, RHEIN, minutes_ago=3, data=jpeg_bytes(800, 533))
    arrive(inbox, PICTURE, minutes_ago=3)
    assert list(folder.take_all()) == []  # no article, and not failed: it waits
    arrive(inbox, PACKAGE, minutes_ago=2)
    arrive(inbox, TEXT, minutes_ago=1)

    results = by_file(list(folder.take_all()))

    assert set(results) == {PACKAGE, TEXT}
    [(id_, slug)] = results[PACKAGE].articles
    photo = newsroom.get(str(id_)).photo
    assert photo is not None and photo.credit == "dpa/Oliver Berg"
    assert results[TEXT].duplicates == (slug,)
    assert names(inbox) == {DONE, LOG_NAME}
    assert names(inbox / DONE) == {PACKAGE, TEXT, PICTURE, RHEIN}


def test_the_package_first_waits_for_its_picture_item(newsroom: Newsroom, inbox: Path) -> None:
    folder = IngestFolder(newsroom, inbox)
    arrive(inbox, PACKAGE)
    arrive(inbox, TEXT)
    [waiting] = folder.take_all()
    assert waiting.file.name == PACKAGE and waiting.waiting_for == (PICTURE,)
    assert names(inbox) == {PACKAGE, TEXT, LOG_NAME}  # its text item waits with it

    arrive(inbox, PICTURE)
    arrive(inbox, RHEIN, data=jpeg_bytes(800, 533))
    results = by_file(list(folder.take_all()))

    [(id_, slug)] = results[PACKAGE].articles
    assert newsroom.get(str(id_)).photo is not None
    assert results[TEXT].duplicates == (slug,)
    assert names(inbox / DONE) == {PACKAGE, TEXT, PICTURE, RHEIN}


def test_a_picture_item_alone_fails_after_the_wait_saying_why(
    newsroom: Newsroom, inbox: Path
) -> None:
    folder = IngestFolder(newsroom, inbox, photo_wait=600)
    picture = arrive(inbox, PICTURE)
    assert list(folder.take_all()) == []
    age(picture, 11)
    [alone] = folder.take_all()
    assert alone.reason == "a picture item file no wire item named within 10 minutes"
    assert names(inbox / FAILED) == {PICTURE}
    assert log(inbox) == [[PICTURE, "failed", alone.reason]]


def test_a_package_whose_text_never_arrives_fails_naming_it(
    newsroom: Newsroom, inbox: Path
) -> None:
    folder = IngestFolder(newsroom, inbox, named_wait=60)
    package = arrive(inbox, PACKAGE)
    [waiting] = folder.take_all()
    assert waiting.waiting_for == (TEXT, PICTURE)
    age(package, 2)
    [failed] = folder.take_all()
    assert "holds no text item" in failed.reason
    assert failed.reason.endswith(f"not beside it ({TEXT}, {PICTURE})")
    assert names(inbox / FAILED) == {PACKAGE}
