"""Run inside an X server: start newsroom-app and watch its top-level window until it is ready.

    python window_watch.py ROUNDS APP ARG...

Each round starts the app (which prints "ready" once the article and its
preview are loaded, and stays: NEWSROOM_APP_BENCH=watch), and meanwhile

- polls ``xdotool search --name`` for every top-level window titled
  "Newsroom" or "… — Newsroom", from launch to ready, and whether it is viewable;
- listens to the root window's structure events with ``xev`` (created,
  mapped, unmapped, destroyed: X tells every one, however brief).

It prints one JSON line per round: the ids of the app's windows that
were ever viewable (Qt's unmapped 1×1 client-leader window, also titled
"Newsroom", is not one), X's events for those ids up to ready, and whether
no such window was viewable at some poll after one first was.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time

TITLE = "(^Newsroom| — Newsroom)$"  # the frame's title, then "<headline> — <newsroom>"
READY_TIMEOUT_S = 120


def window_ids(*flags: str) -> set[int]:
    found = subprocess.run(
        ["xdotool", "search", *flags, "--name", TITLE], capture_output=True, text=True
    ).stdout
    return {int(line) for line in found.split()}


def structure_events(text: str) -> list[tuple[str, int]]:
    """(event, window id) for each Create/Map/Unmap/Destroy notification xev printed."""
    events = []
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        if len(lines) < 2 or "Notify event" not in lines[0]:
            continue
        kind = lines[0].split()[0]
        subject = re.findall(r"window (0x[0-9a-f]+)", lines[1])
        if subject:
            events.append((kind, int(subject[-1], 16)))
    return events


def _title(wid: int) -> str:
    return subprocess.run(
        ["xdotool", "getwindowname", str(wid)], capture_output=True, text=True
    ).stdout.strip()


def _wait_for_ready(app: subprocess.Popen[str], ready: threading.Event) -> None:
    assert app.stdout is not None
    for line in app.stdout:
        if line.strip() == "ready":
            ready.set()


def one_round(command: list[str]) -> dict[str, object]:
    xev = subprocess.Popen(
        ["stdbuf", "-oL", "xev", "-root", "-event", "substructure"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(0.2)  # xev has selected the events before the app starts
    env = {**os.environ, "NEWSROOM_APP_BENCH": "watch"}
    app = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=env)  # fmt: skip
    shown: list[int] = []  # every app window ever viewable, in order
    hidden_after_shown = False
    deadline = time.monotonic() + READY_TIMEOUT_S
    ready_seen = threading.Event()
    threading.Thread(target=_wait_for_ready, args=(app, ready_seen), daemon=True).start()
    while not ready_seen.is_set() and app.poll() is None and time.monotonic() < deadline:
        viewable = window_ids("--onlyvisible")
        shown.extend(sorted(viewable - set(shown)))
        if shown and not viewable:
            hidden_after_shown = True
        time.sleep(0.01)
    ready = ready_seen.is_set()
    titles = [_title(wid) for wid in shown]
    # What X told up to now: the window from launch to ready, not the app's quitting.
    xev.terminate()
    events_text, _ = xev.communicate(timeout=30)
    app.terminate()
    _out, err = app.communicate(timeout=60)
    events = [(kind, wid) for kind, wid in structure_events(events_text) if wid in shown]
    return {
        "ready": ready,
        "ids": shown,
        "titles": titles,
        "events": events,
        "hidden_after_shown": hidden_after_shown,
        "stderr": err[-1500:] if not ready else "",
    }


def main() -> None:
    rounds, command = int(sys.argv[1]), sys.argv[2:]
    for _ in range(rounds):
        print(json.dumps(one_round(command)), flush=True)


if __name__ == "__main__":
    main()
