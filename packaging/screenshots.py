"""Screenshots of an exported page for the README, by headless Chromium (Debian's chromium).

    python packaging/screenshots.py docs/screenshots

Builds the demo newsroom in a temporary folder, exports it as a site, and
photographs one article page at 1280 px (desktop) and 375 px (phone) wide, in
the light and the dark colour scheme, and the front page at 1280 px; the first
page of that article's PDF (poppler's pdftoppm); then the desktop app's window
with that article open, in the light and the dark palette, at 1280×800 and
1920×1080.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsroom.demo import load_demo
from newsroom.export.site import export_site
from newsroom.store import Newsroom

ARTICLE = "night-train-returns"
APP_SIZES = ("1280x800", "1920x1080")  # a small laptop and a desk monitor
SHOTS = [  # page, picture, width, height, colour scheme
    (f"{ARTICLE}.html", "article-1280.png", 1280, 2050, "light"),
    (f"{ARTICLE}.html", "article-375.png", 375, 2700, "light"),
    (f"{ARTICLE}.html", "article-dark-1280.png", 1280, 2050, "dark"),
    (f"{ARTICLE}.html", "article-dark-375.png", 375, 2700, "dark"),
    ("index.html", "front-1280.png", 1280, 1000, "light"),
]
# As the machine notes advise: no background networking, a fresh profile.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-device-scale-factor=1",
]  # fmt: skip


def main(target: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("screenshots: chromium is not installed (Debian: apt-get install chromium)")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsroom-shots-") as folder:
        site = Path(folder) / "site"
        with Newsroom.open(Path(folder) / "demo.sqlite", create=True) as newsroom:
            newsroom.set_setting("name", "Northern Wire")
            newsroom.set_setting("agency", "NW")
            newsroom.set_setting("timezone", "Europe/Moscow")
            load_demo(newsroom)
            export_site(newsroom, site)
            pdf_shot(newsroom, Path(folder), target)
            app_shots(Path(folder) / "demo.sqlite", target)
        for page, name, width, height, scheme in SHOTS:
            profile = Path(folder) / f"profile-{name}"
            # --force-dark-mode: pages see prefers-color-scheme: dark, as on a dark desktop.
            dark = ["--force-dark-mode"] if scheme == "dark" else []
            subprocess.run(
                [chromium, *CHROMIUM_FLAGS, *dark, f"--user-data-dir={profile}",
                 f"--window-size={width},{height}", f"--screenshot={target / name}",
                 (site / page).as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            print(target / name)


def pdf_shot(newsroom: Newsroom, folder: Path, target: Path) -> None:
    """The first page of the article's PDF, as a reader's viewer shows it (pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        sys.exit("screenshots: pdftoppm is not installed (Debian: apt-get install poppler-utils)")
    from newsroom.export.runner import ExportRequest, run_export

    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # QtWebEngine as root
    run_export(newsroom, ExportRequest("pdf", folder / "pdf", refs=[ARTICLE]))
    png = target / "pdf-page-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
         str(folder / "pdf" / f"{ARTICLE}.pdf"), str(png)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(png.with_suffix(".png"))


def app_shots(newsroom: Path, target: Path) -> None:
    """The desktop app's window, light and dark, through ``newsroom-app --screenshot``."""
    app = Path(sys.executable).with_name("newsroom-app")
    env = {**os.environ, "QTWEBENGINE_DISABLE_SANDBOX": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for scheme in ("light", "dark"):
        for size in APP_SIZES:
            png = target / f"app-{scheme}-{size.split('x')[0]}.png"
            subprocess.run(
                [str(app), "--db", str(newsroom), "--article", ARTICLE, "--screenshot", str(png),
                 "--size", size],
                check=True, capture_output=True, timeout=180,
                env={**env, "NEWSROOM_COLOR_SCHEME": scheme, "HOME": str(newsroom.parent),
                     "XDG_CONFIG_HOME": str(newsroom.parent / "config")},
            )  # fmt: skip
            print(png)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
