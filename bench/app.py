"""Desktop app benchmark: start-up, preview latency, UI-thread stalls while typing, memory.

    python bench/app.py                       empty newsroom and 100,000 articles
    python bench/app.py --big X.sqlite        use (or build) X as the 100,000-article newsroom
    python bench/app.py --quick               skip the 100,000-article newsroom
    python bench/app.py --checks-only         only the typing stall with the Checks tab live
    python bench/app.py --typing-only         only preview latency and stalls while typing

Every start-up figure is printed next to a baseline measured in the same
run: a bare PySide6 window holding a QWebEngineView (target ≤ 2×). Preview
latency is the time from the last keystroke in the main window's body to the
preview showing it (target ≤ 100 ms for 800 and 5,000 words); the stall is
the longest gap the UI thread left between two ticks of a 1-ms timer while a
typist types 20 characters a second (target ≤ 16 ms), with the app's own
garbage collector, each article in a window of its own process, on both Qt
platforms: offscreen, and xcb on the X server in DISPLAY or else on an Xvfb the
bench starts (software OpenGL, as on a VM or a remote desktop). The stall with the
Checks tab live is measured on a 10,000-word article with slips, next to the
same typing with the checks off, in the same window: the typist pauses after
each burst long enough for the checks to run (and their answer to land) while
the next burst is typed. Runs offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

APP = Path(sys.executable).with_name("newsroom-app")
STARTS = 5
BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QWebEngineView())
window.resize(1440, 900)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def environment() -> dict[str, str]:
    # PYTHONPATH: the app from this checkout, not the one the venv was installed from.
    env = {**os.environ, "QTWEBENGINE_DISABLE_SANDBOX": "1", "PYTHONPATH": str(ROOT)}
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def time_to(command: list[str], env: dict[str, str], marks: tuple[str, ...]) -> list[float]:
    """Seconds from starting the process to each line it prints in ``marks`` (in order)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert process.stdout is not None
    times: list[float] = []
    for line in process.stdout:
        if len(times) < len(marks) and line.strip() == marks[len(times)]:
            times.append(time.perf_counter() - started)
            if len(times) == len(marks):
                break
    process.wait(timeout=60)
    if len(times) < len(marks):
        raise RuntimeError(f"{command[0]} exited ({process.returncode}) before printing {marks}")
    return times


def median_times(command: list[str], env: dict[str, str], marks: tuple[str, ...]) -> list[float]:
    time_to(command, env, marks)  # warm the file cache once
    runs = [time_to(command, env, marks) for _ in range(STARTS)]
    return [statistics.median(run[i] for run in runs) for i in range(len(marks))]


READY_TO_TYPE_TARGET = 1.5  # × the bare window


def start_up(db: Path, label: str, bare: float) -> None:
    env = {**environment(), "NEWSROOM_APP_BENCH": "shown"}
    marks = ("shown", "typing", "ready")
    shown, typing, ready = median_times([str(APP), "--db", str(db)], env, marks)
    print(
        f"start to window shown, {label:<18} {shown * 1000:7.0f} ms   bare PySide6 + "
        f"QWebEngineView {bare * 1000:5.0f} ms   ratio {shown / bare:4.2f}×  (target ≤ 2×)"
    )
    ratio = typing / bare
    print(
        f"start to ready to type, {label:<18} {typing * 1000:7.0f} ms   ratio {ratio:4.2f}× "
        f"the bare window  (target ≤ {READY_TO_TYPE_TARGET}×: "
        f"{met(ratio, READY_TO_TYPE_TARGET)})"
    )
    print(
        f"start to article and preview loaded, {label:<18} {ready * 1000:7.0f} ms   "
        f"ratio {ready / bare:4.2f}× the bare window"
    )


BARE_PAGE = """
import sys
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QWebEngineView()
window.setCentralWidget(view)
window.resize(1440, 900)
view.loadFinished.connect(lambda ok: print("ready", flush=True))
view.setHtml("<h1>A headline</h1><p>A paragraph of text.</p>")
window.show()
app.exec()
"""
MEMORY_TARGET = 1.3  # × the bare window with its page, helpers included
SETTLE_S = 8  # after "ready": the list's first page, the checks and the preview settle


def memory_of(command: list[str], env: dict[str, str]) -> tuple[int, int]:
    """(KiB of PSS of the process alone, with all its descendants) once it printed "ready"
    and settled: PSS shares each shared page among the processes that map it, so the
    Chromium helpers' common libraries are not counted once per process."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, text=True)  # fmt: skip
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if line.strip() == "ready":
                break
        time.sleep(SETTLE_S)
        own = pss_kib(process.pid)
        return own, own + sum(pss_kib(pid) for pid in descendants(process.pid))
    finally:
        process.terminate()
        process.wait(timeout=60)


def memory(dbs: list[tuple[Path, str]]) -> None:
    """PSS of the app (with its Chromium helpers) showing each newsroom's latest article and
    its preview, beside a bare window with a QWebEngineView and a page, in the same run."""
    env = environment()
    bare_own, bare = memory_of([sys.executable, "-c", BARE_PAGE], env)
    print(
        f"memory (PSS), bare PySide6 + QWebEngineView with a page: process {bare_own / 1024:5.0f}"
        f" MB, with its Chromium helpers {bare / 1024:5.0f} MB"
    )
    for db, label in dbs:
        own, family = memory_of([str(APP), "--db", str(db)], {**env, "NEWSROOM_APP_BENCH": "stay"})
        ratio = family / bare
        print(
            f"memory (PSS), {label:<18} app process {own / 1024:5.0f} MB, with its Chromium "
            f"helpers {family / 1024:5.0f} MB   ratio {ratio:4.2f}× the bare window  "
            f"(target ≤ {MEMORY_TARGET}×: {met(ratio, MEMORY_TARGET)})"
        )


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


# --- in-process: preview latency and stalls in the real main window ---------------------


def in_window(db: Path, work: Callable[[object, object], None]) -> None:
    os.environ.update({k: v for k, v in environment().items() if k.startswith("QT")})
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from newsroom.recovery import Journal
    from newsroom.store import Newsroom
    from ui.mainwindow import MainWindow
    from ui.scheme import before_application
    from ui.session import Session
    from ui.tasks import Tasks

    if QApplication.instance() is None:
        before_application()
    app = QApplication.instance() or QApplication(["bench"])
    with tempfile.TemporaryDirectory() as folder, Newsroom.open(db) as newsroom:
        state = QSettings(str(Path(folder) / "state.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            Session(newsroom, Tasks()),
            journal=Journal(newsroom.location, Path(folder)),
            state=state,
        )
        window.resize(1440, 900)
        window.show()
        work(window, app)
        window.close()
        window.session.tasks.wait()
        window.deleteLater()
        app.processEvents()


def wait_for(app: object, condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)


def prepare_article(db: Path, words: int) -> int:
    from preview_latency import body_of

    from newsroom.article import Article
    from newsroom.store import Newsroom

    with Newsroom.open(db) as newsroom:
        photo = next(
            (a.photo for s in newsroom.articles(limit=20) if (a := newsroom.get(s.id)).photo), None
        )
        article = newsroom.create(
            Article(headline=f"Bench article of {words} words", body=body_of(words), photo=photo)
        )
        return article.id or 0


def typing_figures(db: Path, words: int) -> tuple[float, float]:
    """(median ms from a keystroke to the preview showing it, longest UI stall in ms)."""
    article_id = prepare_article(db, words)
    result: dict[str, float] = {}

    def work(window: object, app: object) -> None:
        from ui import garbage

        garbage.install(app)  # as the app does: cycles collected on the UI thread only
        try:
            type_into(window, app)
        finally:
            garbage.uninstall(app)

    def type_into(window: object, app: object) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer
        from PySide6.QtGui import QTextCursor
        from PySide6.QtTest import QTest

        w = window  # MainWindow
        w.open_article(article_id)  # type: ignore[attr-defined]
        wait_for(
            app,
            lambda: w.keeper.saved_article is not None and w.keeper.saved_article.id == article_id,
        )  # type: ignore[attr-defined]
        wait_for(
            app,
            lambda: (
                f"{words} words" in w.preview.last_html or "Bench article" in w.preview.last_html
            ),
        )  # type: ignore[attr-defined]
        body = w.editor.body  # type: ignore[attr-defined]
        body.setFocus()
        body.moveCursor(QTextCursor.MoveOperation.End)
        latencies: list[float] = []
        seen: dict[str, float] = {}

        def on_rendered() -> None:
            for marker in list(seen):
                if seen[marker] < 0 and marker in w.preview.last_html:  # type: ignore[attr-defined]
                    seen[marker] = time.perf_counter()

        w.preview.rendered.connect(on_rendered)  # type: ignore[attr-defined]
        for n in range(9):
            marker = f"zq{n}x"
            seen[marker] = -1.0
            QTest.keyClicks(body, f" {marker}")
            started = time.perf_counter()  # the typing pause begins
            wait_for(app, lambda marker=marker: seen[marker] > 0)
            latencies.append((seen[marker] - started) * 1000)
            pause_until = time.perf_counter() + 0.3
            wait_for(app, lambda pause_until=pause_until: time.perf_counter() > pause_until)
        result["latency"] = statistics.median(latencies)

        # The stall: a 1-ms timer's longest gap while a typist types 20 keys a second for 6 s.
        clock, gaps, last = QElapsedTimer(), [], [0]
        clock.start()

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        ticker = QTimer(interval=1)
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.timeout.connect(tick)
        typed = [0]
        text = "The minister said the talks would resume on Monday. "

        def type_one() -> None:
            QTest.keyClick(body, text[typed[0] % len(text)])
            typed[0] += 1

        typist = QTimer(interval=50)
        typist.timeout.connect(type_one)
        ticker.start()
        typist.start()
        wait_for(app, lambda: typed[0] >= 120, timeout=120)
        typist.stop()
        ticker.stop()
        result["stall"] = float(max(gaps[5:]))

    in_window(db, work)
    return result["latency"], result["stall"]


TYPING_WORDS = (800, 5000)
LATENCY_TARGET_MS = 100
STALL_TARGET_MS = 16


def met(value: float, target: float) -> str:
    return "met" if value <= target else "NOT met"


def typing_on_both_platforms(db: Path) -> None:
    """Preview latency and the longest stall, each article in a fresh process, per platform."""
    with x_server() as display:
        platforms = [("offscreen", None), ("xcb", display)]
        for words in TYPING_WORDS:
            for platform, on in platforms:
                if platform == "xcb" and on is None:
                    print(f"{words:>5,} words, xcb: not measured (no DISPLAY and no Xvfb)")
                    continue
                latency, stall = typing_in_child(db, words, platform, on)
                print(
                    f"{words:>5,} words, {platform:<9}: keystroke to preview {latency:5.1f} ms "
                    f"(target ≤ {LATENCY_TARGET_MS}: {met(latency, LATENCY_TARGET_MS)}); "
                    f"longest UI stall while typing {stall:4.0f} ms "
                    f"(target ≤ {STALL_TARGET_MS}: {met(stall, STALL_TARGET_MS)})",
                    flush=True,
                )


def typing_in_child(
    db: Path, words: int, platform: str, display: str | None
) -> tuple[float, float]:
    env = {**os.environ, "QTWEBENGINE_DISABLE_SANDBOX": "1", "QT_QPA_PLATFORM": platform}
    if display is not None:
        env["DISPLAY"] = display
    command = [sys.executable, __file__, "--typing-child", str(db), str(words)]
    output = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    for line in output.stdout.splitlines():
        if line.startswith("typing "):
            figures = json.loads(line.removeprefix("typing "))
            return figures["latency"], figures["stall"]
    raise RuntimeError(f"typing on {platform} failed:\n{output.stderr[-2000:]}")


@contextmanager
def x_server() -> Iterator[str | None]:
    """The X display to type on: DISPLAY if set, else an Xvfb started here (None: neither)."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    from tests.xvfb import installed, xvfb

    if not installed():
        yield None
        return
    with xvfb() as display:
        yield display


CHECKS_WORDS = 10_000
ROUNDS = 3  # typing with the checks off, then on, three times
# A quotation nobody is said to say: a finding (underlined) every ten paragraphs.
UNATTRIBUTED = "“We have waited for this train for many long years now,” and then silence."


def slipped_article(db: Path, words: int) -> int:
    """A long article with findings in the headline, the body and the quotes list."""
    from preview_latency import body_of

    from newsroom.article import Article, Quote
    from newsroom.store import Newsroom

    paragraphs = body_of(words).split("\n\n")
    for index in range(0, len(paragraphs), 10):
        paragraphs[index] += " " + UNATTRIBUTED
    with Newsroom.open(db) as newsroom:
        article = newsroom.create(
            Article(
                headline=f"Bench article of {words:,} words whose headline runs past the limit",
                body="\n\n".join(paragraphs),
                quotes=(Quote(text="Words the body never holds", speaker="Nobody"),),
            )
        )
        return article.id or 0


def checks_figures(db: Path, words: int = CHECKS_WORDS) -> dict[str, float]:
    """The longest UI stall while typing into the body with the Checks tab live and with
    it off (same window, same typing), and what an answer costs the UI thread."""
    article_id = slipped_article(db, words)
    result: dict[str, float] = {}

    def work(window: object, app: object) -> None:
        from ui import garbage

        garbage.install(app)  # as the app does: cycles collected on the UI thread only
        try:
            typing_with_checks(window, app, article_id, result)
        finally:
            garbage.uninstall(app)

    in_window(db, work)
    return result


def typing_with_checks(w: Any, app: object, article_id: int, result: dict[str, float]) -> None:
    """``checks_figures`` in the open main window ``w``."""
    from PySide6.QtGui import QTextCursor

    w.open_article(article_id)
    wait_for(app, lambda: w.keeper.saved_article is not None
             and w.keeper.saved_article.id == article_id)  # fmt: skip
    pane = w.checks
    w.tabs.setCurrentWidget(pane)
    wait_for(app, lambda: pane.idle() and pane.model.rowCount() > 0)
    result["findings"] = pane.model.rowCount()
    body = w.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    gaps: dict[bool, list[Gap]] = {False: [], True: []}
    for following in (False, True) * ROUNDS:  # alternated: the machine's load shared alike
        pane.checker.following = following
        asked = pane.checker.asked
        gaps[following].extend(bursts_gaps(app, body))
        if following:
            result["checks"] = result.get("checks", 0) + pane.checker.asked - asked
    for following, label in ((False, "off"), (True, "on")):
        ours = sorted(gap.ms for gap in gaps[following] if not gap.collector)
        collector = [gap.ms for gap in gaps[following] if gap.collector]
        result[f"stall {label}"] = ours[-1]
        result[f"p99 {label}"] = ours[int(len(ours) * 0.99)]
        result[f"collector {label}"] = max(collector, default=0.0)
        result[f"collections {label}"] = len(collector)
    wait_for(app, pane.idle)
    findings, checked = pane.findings(), w._compose()
    result["answer"] = median_ms(lambda: pane._checked(findings, checked))
    result["check"] = median_ms(lambda: w.newsroom.findings(checked))


def median_ms(work: Callable[[], object], repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@dataclass
class Gap:
    """A gap between two ticks of the 1-ms timer; ``collector``: a garbage collection ran in it."""

    ms: float
    collector: bool


def bursts_gaps(app: object, body: object, bursts: int = 6) -> list[Gap]:
    """The gaps of a 1-ms timer while a typist types bursts of 12 keys (20 a second) with
    a 0.6-s pause after each: the checks run in the pause and answer while the next burst
    is typed. Python's garbage collections are noted (they stop every thread)."""
    import gc

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    ticks: list[float] = []
    collections: list[tuple[float, float]] = []
    started: list[float] = [0.0]

    def collecting(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            collections.append((started[0], time.perf_counter()))

    ticker = QTimer(interval=1)
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    typed = [0]
    text = "The minister said the talks would resume on Monday. "

    def type_one() -> None:
        if typed[0] % 12 == 11:
            typist.setInterval(600)  # the pause after a burst
        else:
            typist.setInterval(50)
        QTest.keyClick(body, text[typed[0] % len(text)])  # type: ignore[arg-type]
        typed[0] += 1

    typist = QTimer(interval=50)
    typist.setTimerType(Qt.TimerType.PreciseTimer)
    typist.timeout.connect(type_one)
    gc.callbacks.append(collecting)
    ticker.start()
    typist.start()
    try:
        wait_for(app, lambda: typed[0] >= 12 * bursts, timeout=120)
    finally:
        typist.stop()
        ticker.stop()
        gc.callbacks.remove(collecting)
    gaps = []
    for before, after in itertools.pairwise(ticks[5:]):
        collector = any(before <= end <= after and end - start > 0.002
                        for start, end in collections)  # fmt: skip
        gaps.append(Gap((after - before) * 1000, collector))
    return gaps


def time_of_preview_pane(words: int) -> float:
    from preview_latency import measure_preview_latency

    return measure_preview_latency(words)


def private_settings(folder: Path) -> None:
    """The app's settings and recovery journal in ``folder``: the runs start alike and leave
    the user's own window state alone."""
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ["XDG_STATE_HOME"] = str(folder / "state")


def machine() -> str:
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, load average {load:.2f} at the start"


def empty_newsroom(folder: Path) -> Path:
    from newsroom.store import Newsroom

    path = folder / "empty.sqlite"
    Newsroom.open(path, create=True).close()
    return path


def demo_newsroom(folder: Path) -> Path:
    from newsroom.demo import load_demo
    from newsroom.store import Newsroom

    path = folder / "demo.sqlite"
    with Newsroom.open(path, create=True) as newsroom:
        load_demo(newsroom)
    return path


def big_newsroom(path: Path) -> Path:
    import storage

    from newsroom.store import Newsroom

    if path.exists():
        with Newsroom.open(path) as newsroom:
            if newsroom.count() >= 100_000:
                return path
    print(f"building {path} (100,000 articles; several minutes)…", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    storage.build(path, 100_000)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--big", type=Path, default=ROOT / "bench" / ".tools" / "app-100k.sqlite")
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-article newsroom")
    parser.add_argument(
        "--checks-only", action="store_true", help="only the typing stall with the checks live"
    )
    parser.add_argument(
        "--typing-only", action="store_true", help="only preview latency and stalls while typing"
    )
    parser.add_argument("--start-only", action="store_true", help="only start-up times and memory")
    parser.add_argument("--typing-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.typing_child:
        db, words = args.typing_child
        latency, stall = typing_figures(Path(db), int(words))
        print("typing " + json.dumps({"latency": latency, "stall": stall}), flush=True)
        return 0
    if args.checks_only:
        return checks_only()
    if args.typing_only:
        return typing_only()
    if args.start_only:
        return start_only(None if args.quick else big_newsroom(args.big))
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        private_settings(folder)
        env = environment()
        [bare] = median_times([sys.executable, "-c", BARE_WINDOW], env, ("shown",))
        empty = empty_newsroom(folder)
        start_up(empty, "empty newsroom", bare)
        big = None if args.quick else big_newsroom(args.big)
        if big is not None:
            start_up(big, articles_label(big), bare)
        demo = demo_newsroom(folder)
        typing_on_both_platforms(demo)
        print_checks(checks_figures(demo))
        if big is not None:
            latency, stall = typing_figures(big, 800)
            print(
                f"  800 words in the {articles_label(big)} newsroom: preview {latency:6.1f} ms; "
                f"longest stall {stall:4.0f} ms"
            )
        memory([(demo, "sample newsroom"), *([(big, articles_label(big))] if big else [])])
    return 0


def print_checks(checks: dict[str, float]) -> None:
    print(
        f"{CHECKS_WORDS:,} words, {checks['findings']:.0f} findings, typing in bursts: "
        f"longest UI stall with the Checks tab live {checks['stall on']:4.0f} ms "
        f"({checks['checks']:.0f} checks ran), with checks off {checks['stall off']:4.0f} ms "
        "(target ≤ 16)"
    )
    print(
        f"  99th percentile of the UI thread's gaps: checks live {checks['p99 on']:4.0f} ms, "
        f"checks off {checks['p99 off']:4.0f} ms"
    )
    print(
        "  left out above, gaps with a garbage collection in them (the app collects on the UI "
        f"thread): checks live {checks['collections on']:.0f}, longest "
        f"{checks['collector on']:4.0f} ms; checks off {checks['collections off']:.0f}, "
        f"longest {checks['collector off']:4.0f} ms"
    )
    print(
        f"  one check on the read pool {checks['check']:5.1f} ms; showing its answer "
        f"(list, underlines) {checks['answer']:5.1f} ms on the UI thread"
    )


def articles_label(path: Path) -> str:
    """``1,000,000 articles``: what the large newsroom given holds (read-only)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        (count,) = db.execute("SELECT count(*) FROM articles").fetchone()
    return f"{count:,} articles"


def start_only(big: Path | None) -> int:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as scratch:
        private_settings(Path(scratch))
        [bare] = median_times([sys.executable, "-c", BARE_WINDOW], environment(), ("shown",))
        start_up(empty_newsroom(Path(scratch)), "empty newsroom", bare)
        if big is not None:
            start_up(big, articles_label(big), bare)
        memory([(demo_newsroom(Path(scratch)), "sample newsroom"),
                *([(big, articles_label(big))] if big else [])])  # fmt: skip
    print(f"machine load at the end: {os.getloadavg()[0]:.2f}")
    return 0


def typing_only() -> int:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as scratch:
        typing_on_both_platforms(demo_newsroom(Path(scratch)))
    print(f"machine load at the end: {os.getloadavg()[0]:.2f}")
    return 0


def checks_only() -> int:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as scratch:
        demo = demo_newsroom(Path(scratch))
        print_checks(checks_figures(demo))
    print(f"machine load at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
