"""The outside clients, as fixtures: the Nu HTML checker, Chromium with axe-core, an exported site.

Each tool is found where ``make outside-tools`` puts it (Debian's chromium and chromedriver,
the machine's java, npm's vnu-jar and axe-core in the checkout's ``.tools/``); a test that
needs a missing one skips and says what to install.

``exported_site`` is one realistic newsroom (several sections, photos, pull quotes, subheads,
related headlines, bylines, a story from 2021, a base URL) exported once per session, and
``site_url`` serves it over HTTP, as a reader's browser meets it (a browser asks a file://
page for no favicon, so only HTTP shows the 404 of a missing one).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsroom.demo import load_demo
from newsroom.export.site import export_site
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".tools" / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Chromium as root, quietly: no sandbox (root), no GPU, nothing fetched behind our back.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--disable-sync", "--disable-extensions", "--hide-scrollbars",
)  # fmt: skip
# The site's clock: after every story below, so all of them are live.
SITE_NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
OLD_STORY = "ferry-timetable-2021"


# --- the Nu HTML checker ------------------------------------------------------------


@dataclass(frozen=True)
class NuMessage:
    """One message of the Nu checker: ``kind`` is "error", "warning" or "info"."""

    kind: str
    file: str
    line: int
    text: str
    extract: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.text} [{self.extract.strip()}]"


def _nu_message(item: dict[str, Any]) -> NuMessage:
    kind = item.get("type", "")
    if kind == "info" and item.get("subType") == "warning":
        kind = "warning"
    elif kind == "non-document-error":
        kind = "error"
    return NuMessage(
        kind=kind,
        file=str(item.get("url", "")).removeprefix("file:"),
        line=int(item.get("lastLine", item.get("firstLine", 0)) or 0),
        text=str(item.get("message", "")),
        extract=str(item.get("extract", "")),
    )


NuChecker = Callable[[Sequence[Path]], list[NuMessage]]


@pytest.fixture(scope="session")
def nu_checker() -> NuChecker:
    """Check files (HTML, and CSS with ``--also-check-css``) in one java process.

    Returns every message, errors and warnings (and infos, for the caller to ignore).
    The JVM starts slowly: pass all the files at once.
    """
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed (Debian: default-jre-headless; make outside-tools)")
    if not VNU_JAR.is_file():
        pytest.skip(f"{VNU_JAR} is missing (npm install vnu-jar; make outside-tools)")

    def check(files: Sequence[Path]) -> list[NuMessage]:
        assert files, "nothing to check"
        command = [
            java, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--also-check-css",
            "--exit-zero-always", *map(str, files),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        try:
            report = json.loads(done.stderr or done.stdout)
        except json.JSONDecodeError:
            pytest.fail(f"the Nu checker gave no JSON report: {done.stderr[-2000:]}")
        return [_nu_message(item) for item in report.get("messages", [])]

    return check


# --- Chromium, ChromeDriver and axe-core ------------------------------------------------


@pytest.fixture(scope="session")
def chromium_driver() -> Iterator[Any]:
    """One headless Chromium for the session (it takes a second or two to start)."""
    if not CHROMIUM.is_file() or not CHROMEDRIVER.is_file():
        pytest.skip("Debian's chromium and chromium-driver are not installed (make outside-tools)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@dataclass
class Browser:
    """A page in the session's Chromium at a given width and colour scheme."""

    driver: Any
    # Console entries read but not yet handed out: a page's late ones (Chromium asks for
    # /favicon.ico after the load event) may arrive while the next page opens.
    unread: list[dict[str, Any]] = field(default_factory=list)

    def open(self, url: str, *, width: int = 1280, scheme: str = "light") -> None:
        """Load ``url`` in a viewport ``width`` CSS pixels wide, preferring ``scheme``."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"media": "screen", "features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        self.unread += self.driver.get_log("browser")
        self.driver.get(url)

    def console(self, *, settle: float = 0.0) -> list[dict[str, Any]]:
        """What pages wrote to the console (errors, warnings, logs) since it was last read.

        ``settle``: seconds to go on listening for what comes after the load event, such
        as the browser's own request for /favicon.ico (about a second after it).
        """
        entries = [*self.unread, *self.driver.get_log("browser")]
        self.unread = []
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            time.sleep(0.1)
            entries += self.driver.get_log("browser")
        return entries

    def axe(self, url: str, *, width: int = 1280, scheme: str = "light") -> list[dict[str, Any]]:
        """axe-core's violations (every impact) on ``url`` at ``width`` px in ``scheme``."""
        self.open(url, width=width, scheme=scheme)
        self.driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            "  .then(r => done(r.violations), e => done({error: String(e)}));"
        )
        if isinstance(result, dict):
            pytest.fail(f"axe-core failed on {url}: {result['error']}")
        return list(result)


@pytest.fixture(scope="session")
def browser(chromium_driver: Any) -> Browser:
    if not AXE_JS.is_file():
        pytest.skip(f"{AXE_JS} is missing (npm install axe-core; make outside-tools)")
    return Browser(chromium_driver)


Axe = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def axe(browser: Browser) -> Axe:
    """``axe(url, width=1280, scheme="light")``: axe-core's violations there, every impact."""
    return browser.axe


def describe_violations(violations: Sequence[dict[str, Any]]) -> str:
    """axe-core's violations, one line each with the elements and why: for assertion messages."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation.get("nodes", [])[:5]:
            why = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {node.get('target')}: {why}")
    return "\n".join(lines)


# --- a realistic site, exported once ----------------------------------------------------


def _old_story() -> dict[str, Any]:
    """A 2021 story with everything a page can show: photo, pull quote, subheads, related."""
    return {
        "slug": OLD_STORY,
        "headline": "Ferries to the islands keep their summer timetable into October",
        "subtitle": "The operator adds two evening crossings after a record season",
        "section": "Travel",
        "byline": "Anna Kuznetsova",
        "dateline": {"city": "Arkhangelsk", "date": "2021-09-14"},
        "lead": "Ferries to the Solovetsky Islands will keep their summer timetable until the "
        "middle of October, the operator said on Tuesday, after the busiest season on record.",
        "body": "The operator carried more than 60,000 passengers between June and August.\n\n"
        "## Two more crossings\n\nEvening ferries will leave at 18:00 and 20:30 on Fridays. "
        '"People want to stay for the sunset," said Irina Belova, the operator\'s director.\n\n'
        "## Tickets\n\nTickets go on sale a week before each crossing, at the pier and online.",
        "quotes": [
            {
                "text": "People want to stay for the sunset",
                "speaker": "Irina Belova",
                "role": "the operator's director",
                "pull": True,
            },
        ],
        "photo": {
            "file": "ferry.jpg",
            "caption": "A ferry leaves the pier at Rabocheostrovsk.",
            "credit": "Anna Kuznetsova",
            "alt": "A white ferry on grey water, seen from the pier",
        },
        "related": [
            {"slug": "night-train-returns"},
            {"slug": "kazan-approves-river-tram-line"},
            {
                "headline": "Solovetsky Islands visitor guide",
                "subtitle": "Getting there",
                "url": "https://example.org/solovki",
            },
        ],
        "status": "published",
        "published_at": "2021-09-14T10:20:00+03:00",
        "tags": ["ferries", "islands"],
    }


@pytest.fixture(scope="session")
def exported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo newsroom (several sections, photos, quotes, related) plus a 2021 story and a
    renamed section, exported as a site with a base URL set; returns the site's folder.
    Read it, never change it."""
    folder = tmp_path_factory.mktemp("outside-site")
    (folder / "ferry.jpg").write_bytes(jpeg_bytes(1600, 1067, (70, 90, 120)))
    with Newsroom.open(folder / "newsroom.sqlite", create=True, author="tester") as newsroom:
        newsroom.set_setting("name", "Northern Wire")
        newsroom.set_setting("agency", "NW")
        newsroom.set_setting("timezone", "Europe/Moscow")
        newsroom.set_setting("base_url", "https://news.example.org/")
        load_demo(newsroom)
        newsroom.import_json([_old_story()], base_dir=folder)
        # A renamed section leaves a page at its old address sending readers on.
        newsroom.add_sections_from_articles()
        newsroom.rename_section("Weather", "Weather and climate")
        export_site(newsroom, folder / "site", now=SITE_NOW)
    return folder / "site"


@dataclass
class SiteServer:
    """The exported site on localhost: its root URL and every path it had to answer 404."""

    url: str
    missing: list[str]


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    missing: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:
            self.missing.append(self.path)
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[SiteServer]:
    """``folder`` served over HTTP on localhost while the block runs."""
    missing: list[str] = []
    handler_type = type("Handler", (_RecordingHandler,), {"missing": missing})
    handler = functools.partial(handler_type, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SiteServer(f"http://127.0.0.1:{server.server_address[1]}/", missing)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_server(exported_site: Path) -> Iterator[SiteServer]:
    """The exported site served over HTTP, as a reader's browser meets it."""
    with serve(exported_site) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(site_server: SiteServer) -> str:
    """The served site's root URL, ending in "/"."""
    return site_server.url
