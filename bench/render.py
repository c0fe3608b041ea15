"""Render benchmark: render_page next to python-markdown; site exports next to Hugo and Pelican;
hostile bodies next to ordinary ones.

    python bench/render.py            pages of 800/2,000/10,000 words; sites of 1,000 and 10,000
    python bench/render.py --quick    pages, hostile bodies, and a site of 1,000 only
    python bench/render.py --sites 1000 5000
    python bench/render.py --hostile  hostile bodies only

Every figure has a baseline measured in the same run on the same machine,
run alternately with ours so that a busy moment weighs on both alike:

* ``render_page`` (Markdown, sanitising, the whole page with feed and
  related headlines, as the live preview runs it on a typing pause) next to
  python-markdown alone on the same body. Target ≤ 1.5×, ≤ 20 ms at 2,000 words.
* A cold static site of N articles next to Hugo (Debian's ``hugo``) and
  Pelican (from PyPI, installed into bench/.tools/ on first use) building the
  same Markdown corpus, which this script writes for them. Target: ≤ 1.5×
  Hugo's time at 10,000 articles; re-export after editing one article ≤ 1 s.
* Hostile bodies (the shapes of issue 10: unclosed brackets and links,
  nesting, runs of emphasis…) at 25 to 400 KB, rendered by ``render_body``
  or refused by its limits (``render.bounds``), next to an ordinary body of
  the same size. CPU time (``time.process_time``) per KB, and how it grows
  when the size doubles: 2× is linear, 4× quadratic. Target: linear, and no
  shape much dearer per KB than an ordinary body.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage import TextMaker, machine

from newsroom.article import Article, Status
from newsroom.article_json import read_article
from newsroom.errors import ValidationError
from newsroom.export.site import export_site
from newsroom.render.body import markdown_html, render_body
from newsroom.render.page import render_page
from newsroom.store import Newsroom

TOOLS = Path(__file__).resolve().parent / ".tools"
CORPUS_WORDS = 600
START = datetime(2024, 1, 1, tzinfo=UTC)


def paired(
    ours: Callable[[], object], theirs: Callable[[], object], repeat: int
) -> tuple[float, float]:
    ours(), theirs()
    a, b = [], []
    for _ in range(repeat):
        for action, times in ((ours, a), (theirs, b)):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
    return statistics.median(a), statistics.median(b)


# --- text ---------------------------------------------------------------------


def body_of(maker: TextMaker, words: int) -> str:
    """A news body of about ``words`` words: paragraphs, subheads, a quote, a list."""
    parts: list[str] = []
    count = 0
    while count < words:
        if parts and len(parts) % 6 == 0:
            parts.append("## " + maker.words_(5).capitalize())
        elif parts and len(parts) % 9 == 0:
            parts.append("> " + maker.words_(25).capitalize() + '," he said.')
        else:
            size = min(70, words - count)
            parts.append(maker.words_(max(size, 5)).capitalize() + ". " + '"Quoted words" -- here.')
            count += size
    return "\n\n".join(parts)


def corpus(count: int, words: int = CORPUS_WORDS) -> list[dict[str, object]]:
    maker = TextMaker(seed=7)
    articles = []
    for number in range(count):
        article = maker.article(number, START)
        article["body"] = body_of(maker, words)
        article["status"] = "published"
        article["published_at"] = (START + timedelta(minutes=number * 11)).isoformat()
        articles.append(article)
    return articles


# --- render_page ----------------------------------------------------------------


def bench_pages(folder: Path) -> None:
    print("render_page (the preview on a typing pause: Markdown, sanitising, whole page):")
    with Newsroom.open(folder / "pages.sqlite", create=True) as newsroom:
        newsroom.import_json(corpus(30), base_dir=None)
        maker = TextMaker(seed=11)
        for words in (800, 2_000, 10_000):
            body = body_of(maker, words)
            stored = newsroom.get("story-3")
            edited = stored.with_changes(body=body)  # as typed, not saved: rendered afresh
            ours, baseline = paired(
                lambda a=edited: render_page(a, newsroom),  # type: ignore[misc]
                lambda b=body: markdown_html(b),  # type: ignore[misc]
                repeat=15 if words > 5_000 else 40,
            )
            target = " (target ≤ 20 ms)" if words == 2_000 else ""
            print(
                f"  {words:6,} words  {ours * 1000:7.2f} ms{target}   python-markdown alone "
                f"{baseline * 1000:7.2f} ms   ratio {ours / baseline:4.2f}×  (target ≤ 1.5×)"
            )
        saved = newsroom.get("story-3")
        ours = statistics.median(_times(lambda: render_page(saved, newsroom), 40))
        print(f"  a saved article (body HTML made at save time): {ours * 1000:.2f} ms")


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    action()
    found = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        found.append(time.perf_counter() - started)
    return found


# --- hostile bodies -----------------------------------------------------------------

HOSTILE_SIZES = (25_000, 50_000, 100_000, 200_000, 400_000)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _nested_list(levels: int, size: int) -> str:
    one = "\n".join("    " * level + "- item" for level in range(levels)) + "\n\n"
    return _repeat(one, size)


def _prose_with_strays(size: int) -> str:
    sentence = "[sic and (see the night train left at ten, said the guard. "
    return _repeat(sentence * 30 + "\n\n", size)


HOSTILE: dict[str, Callable[[int], str]] = {
    "unclosed [": lambda n: "[" * n,
    "[[[…]]] nested": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "unclosed [a](": lambda n: _repeat("[a](", n),
    "<div> nested": lambda n: _repeat("<div>", n),
    "list nested 1,500": lambda n: _nested_list(1_500, n),
    "lists nested 90, repeated": lambda n: _nested_list(90, n),
    "> quotes nested 90": lambda n: _repeat(">" * 90 + " quoted\n\n", n),
    "*_ run": lambda n: _repeat("*_", n),
    "*a* in one paragraph": lambda n: _repeat("*a* ", n),
    "*a* in paragraphs of 2 KB": lambda n: _repeat("*a* " * 500 + "\n\n", n),
    "` run": lambda n: "`" * n,
    "unclosed [^ (footnote)": lambda n: _repeat("[^", n),
    "headings in one paragraph": lambda n: _repeat("#*a* #\n", n),
    "rules in one paragraph": lambda n: _repeat("x\n***\n", n),
    "stray [ and ( in prose": _prose_with_strays,
    "one long line": lambda n: _repeat("word ", n),
}


def _render_cpu(text: str) -> tuple[float, str]:
    started = time.process_time()
    try:
        render_body(text)
        verdict = "rendered"
    except ValidationError as error:
        verdict = "refused: " + str(error).removeprefix("body: ")[:38]
    return time.process_time() - started, verdict


def bench_hostile() -> None:
    print("hostile bodies (render_body: CPU ms per KB at 25/50/100/200/400 KB; growth per doubling,"
          " 2.0 = linear):")  # fmt: skip
    maker = TextMaker(seed=5)
    ordinary = body_of(maker, 80_000)  # about 560 KB of news text
    baseline = [_render_cpu(ordinary[:size])[0] for size in HOSTILE_SIZES]
    _print_shape("ordinary body (baseline)", baseline, "rendered")
    for name, make in HOSTILE.items():
        figures = [_render_cpu(make(size)) for size in HOSTILE_SIZES]
        verdicts = {verdict for _, verdict in figures}
        _print_shape(name, [spent for spent, _ in figures], " / ".join(sorted(verdicts)))
        worst = max(spent / base for (spent, _), base in zip(figures, baseline, strict=True))
        if worst > 1.5:
            print(f"    ({worst:.1f}× the ordinary body's time at its dearest size)")


def _print_shape(name: str, spent: list[float], verdict: str) -> None:
    sizes = zip(spent, HOSTILE_SIZES, strict=True)
    per_kb = "  ".join(f"{1000 * t / (size / 1000):6.2f}" for t, size in sizes)
    growth = " ".join(f"{b / a:4.1f}" if a > 0.002 else "   -" for a, b in pairwise(spent))
    print(f"  {name:27} {per_kb}   growth {growth}   {verdict}")


# --- the same corpus for Hugo and Pelican --------------------------------------------

HUGO_CONFIG = """baseURL = "https://news.example.org/"
title = "Bench News"
disableKinds = ["taxonomy", "term", "RSS"]
[pagination]
  pagerSize = 50
paginate = 50
[markup.goldmark.renderer]
  unsafe = false
[markup.goldmark.extensions]
  typographer = true
  table = true
  footnote = true
"""
HUGO_BASEOF = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/newsroom.css"></head><body><header>{{ .Site.Title }}</header>
<main>{{ block "main" . }}{{ end }}</main>
<aside>{{ range first 20 .Site.RegularPages }}<p><time>{{ .Date.Format "15:04" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</p>{{ end }}</aside>
</body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Description }}</p>
<time>{{ .Date.Format "2 January 2006, 15:04" }}</time>{{ .Content }}
<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul></article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}
<p><time>{{ .Date.Format "15:04" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</p>
{{ end }}{{ end }}
"""


def write_hugo_site(folder: Path, articles: list[dict[str, object]]) -> None:
    import yaml

    (folder / "content" / "news").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG)
    (folder / "layouts" / "_default" / "baseof.html").write_text(HUGO_BASEOF)
    (folder / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (folder / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)
    for article in articles:
        front = {
            "title": article["headline"], "description": article["subtitle"],
            "date": article["published_at"], "slug": article["slug"],
            "categories": [article["section"]], "tags": article["tags"],
        }  # fmt: skip
        text = (
            "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + str(article["body"])
        )
        (folder / "content" / "news" / f"{article['slug']}.md").write_text(text)


PELICAN_CONF = """AUTHOR = "Bench"
SITENAME = "Bench News"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 50
LOAD_CONTENT_CACHE = False
FEED_ALL_ATOM = "atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
MARKDOWN = {"extension_configs": {"markdown.extensions.smarty": {}, "markdown.extensions.tables": {},
            "markdown.extensions.footnotes": {}}, "output_format": "html5"}
"""


def write_pelican_site(folder: Path, articles: list[dict[str, object]]) -> None:
    (folder / "content").mkdir(parents=True)
    (folder / "pelicanconf.py").write_text(PELICAN_CONF)
    for article in articles:
        header = (
            f"Title: {article['headline']}\nDate: {str(article['published_at'])[:16].replace('T', ' ')}\n"
            f"Slug: {article['slug']}\nCategory: {article['section']}\n"
            f"Tags: {', '.join(article['tags'])}\nSummary: {article['subtitle']}\n\n"  # type: ignore[arg-type]
        )
        (folder / "content" / f"{article['slug']}.md").write_text(header + str(article["body"]))


def pelican_command() -> list[str] | None:
    python = TOOLS / "venv" / "bin" / "python"
    if not python.exists():
        print("  (installing Pelican into bench/.tools/venv, once)", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(TOOLS / "venv")
        done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pelican", "markdown"],
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode != 0:
            print(f"  Pelican could not be installed: {done.stderr.strip()[-300:]}")
            return None
    return [str(python), "-m", "pelican"]


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr[-500:]}")


# --- sites ------------------------------------------------------------------------


def bench_site(folder: Path, count: int) -> None:
    print(f"static site of {count:,} articles of ~{CORPUS_WORDS} words:")
    articles = corpus(count)
    db = folder / f"site-{count}.sqlite"
    started = time.perf_counter()
    with Newsroom.open(db, create=True) as newsroom:
        for first in range(0, count, 1_000):
            chunk = [
                read_article(a, base_dir=None, tz=UTC) for a in articles[first : first + 1_000]
            ]
            newsroom.import_articles(chunk)
    print(
        f"  (import into the newsroom, rendering each body once: {time.perf_counter() - started:.1f} s)"
    )

    hugo_dir, pelican_dir = folder / f"hugo-{count}", folder / f"pelican-{count}"
    write_hugo_site(hugo_dir, articles)
    write_pelican_site(pelican_dir, articles)
    hugo = shutil.which("hugo")
    pelican = pelican_command()
    out = folder / f"out-{count}"

    def ours() -> None:
        shutil.rmtree(out, ignore_errors=True)
        with Newsroom.open(db) as newsroom:
            export_site(newsroom, out)

    def hugo_build() -> None:
        shutil.rmtree(hugo_dir / "public", ignore_errors=True)
        shutil.rmtree(hugo_dir / "resources", ignore_errors=True)
        run([str(hugo), "--quiet", "--source", str(hugo_dir)], hugo_dir)

    def pelican_build() -> None:
        shutil.rmtree(pelican_dir / "output", ignore_errors=True)
        assert pelican is not None
        run([*pelican, "content", "-o", "output", "-s", "pelicanconf.py", "-q"], pelican_dir)

    repeat = 3 if count <= 2_000 else 2
    results: dict[str, float] = {}
    if hugo:
        results["newsroom"], results["hugo"] = paired(ours, hugo_build, repeat)
    else:
        print("  Hugo is not installed (Debian: apt-get install hugo): no Hugo figure")
        results["newsroom"] = statistics.median(_times(ours, repeat))
    if pelican:
        _, results["pelican"] = paired(lambda: None, pelican_build, max(1, repeat - 1))
    line = f"  cold build: Newsroom {results['newsroom']:.2f} s"
    if "hugo" in results:
        line += f"   Hugo {results['hugo']:.2f} s (ratio {results['newsroom'] / results['hugo']:.2f}×, target ≤ 1.5×)"
    if "pelican" in results:
        line += f"   Pelican {results['pelican']:.2f} s (ratio {results['newsroom'] / results['pelican']:.2f}×)"
    print(line)
    _incremental(db, out)


def _incremental(db: Path, out: Path) -> None:
    with Newsroom.open(db) as newsroom:
        started = time.perf_counter()
        unchanged = export_site(newsroom, out)
        nothing = time.perf_counter() - started
        story = newsroom.get("story-7")
        newsroom.save(story.with_changes(headline=story.headline + " (updated)"))
        started = time.perf_counter()
        report = export_site(newsroom, out)
        one = time.perf_counter() - started
        # A new story: its page, latest.html (framed in every old page), listings, feeds.
        newsroom.create(
            Article(headline="A new story", slug="a-new-story", body="Text.",
                    status=Status.PUBLISHED, published_at=datetime.now(UTC))
        )  # fmt: skip
        started = time.perf_counter()
        published = export_site(newsroom, out)
        new = time.perf_counter() - started
    print(
        f"  re-export with nothing changed: {nothing:.2f} s ({len(unchanged.written)} files written)"
    )
    print(
        f"  re-export after editing one article: {one:.2f} s, {len(report.written)} files rewritten "
        "(target ≤ 1 s)"
    )
    print(
        f"  re-export after publishing a story: {new:.2f} s, {len(published.written)} files "
        f"written, {published.rendered} article pages rendered (old pages frame latest.html)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="pages and a 1,000-article site only")
    parser.add_argument("--sites", type=int, nargs="*", help="site sizes (default 1000 10000)")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--hostile", action="store_true", help="hostile bodies only")
    args = parser.parse_args()
    sizes = args.sites or ([1_000] if args.quick else [1_000, 10_000])
    print(f"Newsroom render benchmark ({machine()}, {os.cpu_count()} cores for site exports)")
    if args.hostile:
        bench_hostile()
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as name:
        folder = Path(name)
        if not args.no_pages:
            bench_pages(folder)
        if args.quick or not args.sites:
            bench_hostile()
        for count in sizes:
            bench_site(folder, count)


if __name__ == "__main__":
    main()
