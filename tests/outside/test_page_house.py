"""The page's latest-news frame, credit line and dates as outside clients read them.

Nu HTML checker (vnu.jar with Java) and Chromium (driven by selenium, axe-core
inside): an old story's page, exported before a new story was published and
not written since, shows the new story in its sidebar, in a frame that passes
both checkers and whose links open in the whole window.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.article import Article, Status
from newsroom.export.site import LATEST_FILE, export_site
from newsroom.store import Newsroom

TOOLS = Path(__file__).parents[2] / ".tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"
START = datetime(2021, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def site(newsroom: Newsroom, tmp_path: Path) -> Path:
    """A site exported with one story, then again after a second was published."""
    out = tmp_path / "site"
    newsroom.create(
        Article(headline="An old story", slug="old-story", body="Text.", status=Status.PUBLISHED,
                published_at=START)
    )  # fmt: skip
    export_site(newsroom, out, now=START + timedelta(days=1))
    newsroom.create(
        Article(headline="A new story", slug="new-story", body="Text.", status=Status.PUBLISHED,
                published_at=START + timedelta(days=30))
    )  # fmt: skip
    export_site(newsroom, out, now=START + timedelta(days=31))
    return out


def test_the_nu_checker_finds_nothing_in_the_frame_or_the_page(site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.skip(f"needs java and {VNU} (make outside-tools)")
    pages = [str(site / LATEST_FILE), str(site / "old-story.html")]
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--also-check-css", *pages],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    assert messages == []


@pytest.fixture
def chromium() -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip("needs Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)  # fmt: skip
    options.binary_location = shutil.which("chromium") or ""
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def test_an_old_page_shows_the_new_story_and_opens_it_in_the_whole_window(
    site: Path, chromium: object
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    driver = chromium
    driver.get((site / "old-story.html").as_uri())  # type: ignore[attr-defined]
    frame = driver.find_element(By.CSS_SELECTOR, "aside iframe")  # type: ignore[attr-defined]
    driver.execute_script("arguments[0].scrollIntoView()", frame)  # type: ignore[attr-defined]
    driver.switch_to.frame(frame)  # type: ignore[attr-defined]
    link = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.LINK_TEXT, "A new story"))
    link.click()
    driver.switch_to.default_content()  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/new-story.html"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "A new story"  # type: ignore[attr-defined]


def test_axe_finds_no_violation_in_the_page_and_its_frame(site: Path, chromium: object) -> None:
    if not AXE.is_file():
        pytest.skip(f"needs {AXE} (make outside-tools)")
    from selenium.webdriver.common.by import By

    driver = chromium
    script = AXE.read_text(encoding="utf-8")
    driver.get((site / "old-story.html").as_uri())  # type: ignore[attr-defined]
    # axe runs in each frame it is injected into: the frame's own page first, then the page.
    frame = driver.find_element(By.CSS_SELECTOR, "aside iframe")  # type: ignore[attr-defined]
    driver.switch_to.frame(frame)  # type: ignore[attr-defined]
    driver.execute_script(script)  # type: ignore[attr-defined]
    driver.switch_to.default_content()  # type: ignore[attr-defined]
    driver.execute_script(script)  # type: ignore[attr-defined]
    result = driver.execute_async_script(  # type: ignore[attr-defined]
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {iframes: true}).then(r => done(r.violations.map(v => v.id)))"
        ".catch(e => done(['axe failed: ' + e]));"
    )
    assert result == []


def test_a_wrapped_credit_line_starts_at_the_margin(
    newsroom: Newsroom, tmp_path: Path, chromium: object
) -> None:
    """The credit, wrapped to a line of its own, once stood 8 px in (a stray leading space)."""
    from selenium.webdriver.common.by import By

    from tests.helpers import jpeg_bytes

    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(1200, 800))
    caption = " ".join(["A caption long enough to fill the whole line of the figure caption."] * 3)
    newsroom.import_json(
        [{"slug": "pictured", "headline": "Pictured", "body": "Text.", "status": "published",
          "published_at": START.isoformat(),
          "photo": {"file": "photo.jpg", "caption": caption, "credit": "Ivan Petrov / TASS",
                    "alt": "Towers"}}],
        base_dir=tmp_path,
    )  # fmt: skip
    out = tmp_path / "site"
    export_site(newsroom, out, now=START + timedelta(days=1))
    driver = chromium
    driver.get((out / "pictured.html").as_uri())  # type: ignore[attr-defined]
    left = driver.execute_script(  # type: ignore[attr-defined]
        "const f = document.querySelector('.photo figcaption'),"
        " c = f.querySelector('.credit'), s = getComputedStyle(f);"
        "return [c.getBoundingClientRect().left,"
        " f.getBoundingClientRect().left + parseFloat(s.paddingLeft),"
        " c.getBoundingClientRect().top > f.querySelector('.caption').getBoundingClientRect().top];"
    )
    credit_left, margin, wrapped = left
    assert wrapped, "the caption should push the credit to a line of its own"
    assert abs(credit_left - margin) < 0.5
    assert driver.find_element(By.CSS_SELECTOR, ".credit").text == "© Ivan Petrov / TASS"  # type: ignore[attr-defined]
