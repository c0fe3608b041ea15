"""Article locks: taken, seen, refused, taken over, released, expired, kept alive by heartbeats."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.article import Article, Status
from newsroom.errors import ConflictError, LockedError
from newsroom.storage.locks import LOCK_EXPIRY_SECONDS
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import ROOT, newsroom_cli

HOST = socket.gethostname()
# 07:42 UTC is 10:42 in Moscow, the newsroom's time zone here.
MORNING = datetime(2026, 3, 1, 7, 42, tzinfo=UTC)


@pytest.fixture
def desk(made_db_target: Path | str) -> Iterator[tuple[Newsroom, Newsroom, int]]:
    """Two editors' newsrooms on one file, and an article both can see."""
    anna = Newsroom.open(made_db_target, create=True, author="Anna Ivanova")
    anna.set_setting("timezone", "Europe/Moscow")
    boris = Newsroom.open(made_db_target, author="Boris Petrov")
    article = anna.create(Article(headline="Walruses came ashore", lead="Dozens of them."))
    assert article.id is not None
    yield anna, boris, article.id
    boris.close()
    anna.close()


def test_a_lock_is_taken_and_seen_by_another_newsroom_on_the_same_file(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    assert boris.lock_of(article_id) is None
    taken = anna.lock(article_id)
    seen = boris.lock_of("walruses-came-ashore")
    assert seen == taken
    assert (seen.holder, seen.machine, seen.slug) == ("Anna Ivanova", HOST, "walruses-came-ashore")
    assert anna.holds(seen) and not boris.holds(seen)
    assert boris.locks() == {article_id: taken}


def test_taking_it_again_refreshes_the_heartbeat_and_keeps_since(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, _, article_id = desk
    first = anna.lock(article_id, now=MORNING)
    again = anna.lock(article_id, now=MORNING + timedelta(seconds=30))
    assert again.since == first.since == MORNING
    assert again.heartbeat == MORNING + timedelta(seconds=30)


def test_another_editor_is_refused_with_who_where_and_since(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id, now=MORNING)
    with pytest.raises(LockedError) as refused:
        boris.lock(article_id, now=MORNING + timedelta(seconds=5))
    assert refused.value.message == f"Being edited by Anna Ivanova on {HOST} since 10:42"
    assert str(refused.value) == (
        f"walruses-came-ashore: being edited by Anna Ivanova on {HOST} since 10:42; "
        "use --force to take over"
    )


def test_two_newsrooms_of_one_editor_in_one_process_hold_apart(made_db_target: Path | str) -> None:
    # Two app windows: the same editor, the same process, two sessions.
    with (
        Newsroom.open(made_db_target, create=True, author="Anna") as first,
        Newsroom.open(made_db_target, author="Anna") as second,
    ):
        article = first.create(Article(headline="Walruses"))
        first.lock(article.slug)
        with pytest.raises(LockedError, match="being edited by Anna"):
            second.lock(article.slug)
        with pytest.raises(LockedError):
            second.save(second.get(article.slug).with_changes(lead="Mine."))


def test_writes_to_an_article_another_editor_holds_are_refused_and_change_nothing(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id)
    before = boris.get(article_id)
    writes = [
        lambda: boris.save(before.with_changes(lead="Boris was here.")),
        lambda: boris.set_status(article_id, Status.READY),
        lambda: boris.rename(article_id, "walrus-beach"),
        lambda: boris.restore(article_id, 1),
        lambda: boris.delete(article_id),
    ]
    for write in writes:
        with pytest.raises(LockedError, match="being edited by Anna Ivanova"):
            write()
    assert boris.get(article_id) == before
    assert len(boris.history(article_id)) == 1


def test_the_holder_writes_and_unlocked_articles_are_written_as_before(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id)
    saved = anna.save(anna.get(article_id).with_changes(lead="Anna's lead."))
    assert anna.set_status(article_id, Status.READY).status is Status.READY
    assert saved.revision == 2
    other = boris.create(Article(headline="Seals stayed at sea"))
    assert boris.save(other.with_changes(lead="Nobody locked it.")).revision == 2
    assert [entry.summary for entry in boris.history(article_id)][-1] == "Created"


def test_a_take_over_is_in_the_history_and_the_first_editor_s_save_is_refused(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id)
    annas_copy = anna.get(article_id)
    taken = boris.take_over(article_id)
    assert (taken.holder, boris.holds(taken)) == ("Boris Petrov", True)
    latest = anna.history(article_id)[0]
    assert (latest.author, latest.summary) == (
        "Boris Petrov",
        f"Took over the lock from Anna Ivanova on {HOST}",
    )
    assert anna.heartbeat() == set()  # Anna's app learns it lost the lock
    # Her save is told who holds it now; taking it back with a copy behind the take-over's
    # revision is a conflict: a stale copy never takes anything over.
    with pytest.raises(LockedError, match="being edited by Boris Petrov"):
        anna.save(annas_copy.with_changes(lead="Anna's late edit."))
    with pytest.raises(ConflictError, match="Took over the lock from Anna Ivanova"):
        anna.save(annas_copy.with_changes(lead="Anna's late edit."), take_over=True)
    with pytest.raises(LockedError, match="being edited by Boris Petrov"):
        anna.set_status(article_id, Status.READY)
    assert anna.get(article_id).lead == "Dozens of them."


def test_a_write_that_takes_over_records_it_and_writes(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id)
    moved = boris.set_status(article_id, Status.READY, take_over=True)
    assert moved.status is Status.READY
    summaries = [entry.summary for entry in boris.history(article_id)]
    assert summaries[:2] == [
        "Status: draft → ready",
        f"Took over the lock from Anna Ivanova on {HOST}",
    ]
    assert boris.holds(boris.lock_of(article_id))


def test_taking_over_a_free_article_records_nothing(desk: tuple[Newsroom, Newsroom, int]) -> None:
    _, boris, article_id = desk
    boris.take_over(article_id)
    assert [entry.summary for entry in boris.history(article_id)] == ["Created"]


def test_locks_are_released_on_close_and_by_unlock_only_the_holder_s(
    made_db_target: Path | str,
) -> None:
    with Newsroom.open(made_db_target, create=True, author="Boris") as boris:
        first = boris.create(Article(headline="Walruses came ashore"))
        second = boris.create(Article(headline="Seals stayed at sea"))
        anna = Newsroom.open(made_db_target, author="Anna")
        anna.lock(first.slug)
        anna.lock(second.slug)
        assert boris.unlock(first.slug) is False  # not Boris's to release
        assert set(boris.locks()) == {first.id, second.id}
        assert anna.unlock(first.slug) is True
        assert set(boris.locks()) == {second.id}
        anna.close()
        assert boris.locks() == {}


def test_a_lock_not_kept_alive_expires_and_a_heartbeat_keeps_it(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id, now=MORNING)
    just_before = MORNING + timedelta(seconds=LOCK_EXPIRY_SECONDS)
    assert boris.lock_of(article_id, now=just_before) is not None
    assert boris.lock_of(article_id, now=just_before + timedelta(seconds=1)) is None
    assert anna.heartbeat(now=MORNING + timedelta(seconds=45)) == {article_id}
    later = MORNING + timedelta(seconds=100)
    assert boris.lock_of(article_id, now=later) is not None
    assert boris.locks(now=later + timedelta(seconds=10)) == {}
    taken = boris.lock(article_id, now=later + timedelta(seconds=10))
    assert (taken.holder, taken.since) == ("Boris Petrov", later + timedelta(seconds=10))
    # An expired lock is no one's: taking it is not a take-over.
    assert [entry.summary for entry in boris.history(article_id)] == ["Created"]


def test_a_purged_article_takes_its_lock_with_it(desk: tuple[Newsroom, Newsroom, int]) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id)
    anna.delete(article_id)
    anna.purge(article_id)
    assert boris.locks() == {}


# A holder that never closes: it takes the lock, says so, and waits to be killed.
HOLD_A_LOCK = """
import sys, time
from newsroom.store import Newsroom
newsroom = Newsroom.open(sys.argv[1], author="Anna Ivanova")
newsroom.lock(sys.argv[2])
print("locked", flush=True)
time.sleep(120)
"""


def test_the_lock_of_a_killed_holder_expires(made_db_target: Path | str) -> None:
    with Newsroom.open(made_db_target, create=True, author="Boris") as boris:
        article = boris.create(Article(headline="Walruses came ashore"))
        with subprocess.Popen(
            [sys.executable, "-c", HOLD_A_LOCK, str(made_db_target), article.slug],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        ) as holder:  # fmt: skip
            try:
                assert holder.stdout is not None
                assert holder.stdout.readline() == "locked\n"
            finally:
                os.kill(holder.pid, signal.SIGKILL)
                holder.wait(timeout=30)
        assert holder.returncode == -signal.SIGKILL
        still = boris.lock_of(article.slug)
        assert still is not None and still.holder == "Anna Ivanova"  # nothing ran at its death
        expired = datetime.now(UTC) + timedelta(seconds=LOCK_EXPIRY_SECONDS + 1)
        assert boris.lock_of(article.slug, now=expired) is None
        assert boris.lock(article.slug, now=expired).holder == "Boris"


# --- the command line ----------------------------------------------------------------


def test_the_cli_refuses_a_locked_article_and_takes_over_with_force(cli: Cli) -> None:
    cli.ok("init", "--timezone", "Europe/Moscow")
    cli.ok("import", "-", stdin='{"headline": "Walruses came ashore"}')
    with Newsroom.open(cli.db, author="Anna Ivanova") as anna:
        anna.lock("walruses-came-ashore", now=datetime.now(UTC))
        since = anna.locks()[1].since.astimezone(anna.settings().tzinfo).strftime("%H:%M")
        refused = cli("set-status", "walruses-came-ashore", "ready")
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            f"newsroom: error: walruses-came-ashore: being edited by Anna Ivanova on {HOST} "
            f"since {since}; use --force to take over\n"
        )
        listed = cli.ok("locks")
        assert listed.lines[0].split("\t")[:4] == [
            "1",
            "walruses-came-ashore",
            "Anna Ivanova",
            HOST,
        ]
        forced = cli.ok("set-status", "walruses-came-ashore", "ready", "--force")
        assert forced.out == "walruses-came-ashore: draft → ready\n"
        assert forced.err == (
            f"newsroom: warning: walruses-came-ashore: took over the lock from Anna Ivanova "
            f"on {HOST} (kept in the article's history)\n"
        )
        assert anna.lock_of(1) is None  # the command's own lock went with it
        history = [entry.summary for entry in anna.history(1)]
        assert history[:2] == [
            "Status: draft → ready",
            f"Took over the lock from Anna Ivanova on {HOST}",
        ]
        assert cli.ok("locks").out == ""


def test_cli_writes_to_unlocked_articles_need_no_force(cli: Cli) -> None:
    cli.ok("import", "-", stdin='{"headline": "Walruses came ashore"}')
    cli.ok("rename", "walruses-came-ashore", "walruses")
    cli.ok("delete", "walruses", "--force")  # nobody held it: nothing to take over
    assert "took over" not in cli.ok("undelete", "walruses").err
    assert cli.ok("history", "walruses").lines[0].endswith("\tUndeleted")


def test_import_update_force_takes_over_the_locks_of_what_it_updates(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("import", "-", stdin='{"headline": "Walruses came ashore"}')
    with Newsroom.open(cli.db, author="Anna Ivanova") as anna:
        anna.lock(1)
        update = (
            '{"slug": "walruses-came-ashore", "headline": "Walruses came ashore", "lead": "New."}'
        )
        refused = cli("import", "--update", "-", stdin=update)
        assert refused.code == 1 and "being edited by Anna Ivanova" in refused.err
        forced = cli.ok("import", "--update", "--force", "-", stdin=update)
        assert "took over the lock from Anna Ivanova" in forced.err
        assert anna.get(1).lead == "New."


def test_a_real_cli_process_is_refused_then_takes_over(db_target: Path | str) -> None:
    assert newsroom_cli(db_target, "init").code == 0
    with Newsroom.open(db_target, author="Anna Ivanova") as anna:
        article = anna.create(Article(headline="Walruses came ashore"))
        anna.lock(article.slug)
        refused = newsroom_cli(db_target, "rename", article.slug, "walruses")
        assert refused.code == 1
        assert refused.err.startswith(
            f"newsroom: error: {article.slug}: being edited by Anna Ivanova on {HOST} since "
        )
        assert refused.err.endswith("; use --force to take over\n")
        forced = newsroom_cli(db_target, "rename", article.slug, "walruses", "--force")
        assert (forced.code, forced.out) == (
            0,
            f"{article.slug} → walruses (the old slug still finds the article)\n",
        )
        assert "took over the lock from Anna Ivanova" in forced.err
        assert (
            anna.history("walruses")[1].summary == f"Took over the lock from Anna Ivanova on {HOST}"
        )
        assert anna.locks() == {}


def test_a_save_after_a_take_over_is_told_it_was_taken_over_not_that_someone_saved(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    anna.lock(article_id)
    copy = anna.get(article_id)  # anna holds the lock and is typing
    boris.take_over(article_id, author="Boris Petrov")  # a revision: anna's copy is now behind
    with pytest.raises(LockedError, match="Boris Petrov"):
        anna.save(copy.with_changes(body="Typed before the take-over."))


def test_the_history_tells_an_editor_whose_lock_was_taken_and_let_go(
    desk: tuple[Newsroom, Newsroom, int],
) -> None:
    anna, boris, article_id = desk
    before = datetime.now(UTC)
    anna.lock(article_id)
    assert anna.taken_from_me(article_id, since=before) is None
    boris.set_status(article_id, Status.READY, take_over=True)
    boris.release_locks()  # a command that took it, wrote, and ended
    assert anna.lock_of(article_id) is None
    taken = anna.taken_from_me(article_id, since=before)
    assert taken is not None and taken.author == "Boris Petrov"
    assert boris.taken_from_me(article_id, since=before) is None  # he took it from no one
