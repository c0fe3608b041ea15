"""Render benchmark: render_page next to python-markdown; site exports next to Hugo and Pelican;
hostile bodies next to ordinary ones.

    python bench/render.py            pages of 800/2,000/10,000 words; sites of 1,000 and 10,000
    python bench/render.py --quick    pages, hostile bodies, and a site of 1,000 only
    python bench/render.py --sites 1000 5000
    nice -n 10 python bench/render.py --no-pages --articles 100000 --keep /tmp/bench-sites
    python bench/render.py --hostile  hostile bodies only

Every figure has a baseline measured in the same run on the same machine,
run alternately with ours so that a busy moment weighs on both alike:

* ``render_page`` (Markdown, sanitising, the whole page with feed and
  related headlines, as the live preview runs it on a typing pause) next to
  python-markdown alone on the same body. Target ≤ 1.5×, ≤ 20 ms at 2,000 words.
* A cold static site of N articles, as the whole ``newsroom export --format
  site`` command (process start included), next to Hugo (Debian's ``hugo``) and
  Pelican (from PyPI, installed into bench/.tools/ on first use) building the
  same Markdown corpus, which this script writes for them (Pelican up to
  10,000 articles). Target: ≤ 1.5× Hugo's time at 100,000 articles;
  re-export after editing one article ≤ 1 s, whole command too.
* Hostile bodies (the shapes of issue 10: unclosed brackets and links,
  nesting, runs of emphasis…) at 25 to 400 KB, rendered by ``render_body``
  or refused by its limits (``render.bounds``), next to an ordinary body of
  the same size. CPU time (``time.process_time``) per KB, and how it grows
  when the size doubles: 2× is linear, 4× quadratic. Target: linear, and no
  shape much dearer per KB than an ordinary body.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage import TextMaker, machine

from newsroom.article import Article, Status
from newsroom.errors import ValidationError
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


def corpus(count: int, words: int = CORPUS_WORDS) -> Iterator[dict[str, object]]:
    """``count`` published articles, made one at a time."""
    maker = TextMaker(seed=7)
    for number in range(count):
        article = maker.article(number, START)
        article["body"] = body_of(maker, words)
        article["status"] = "published"
        article["published_at"] = (START + timedelta(minutes=number * 11)).isoformat()
        yield article


# --- render_page ----------------------------------------------------------------


def bench_pages(folder: Path) -> None:
    print("render_page (the preview on a typing pause: Markdown, sanitising, whole page):")
    with Newsroom.open(folder / "pages.sqlite", create=True) as newsroom:
        newsroom.import_json(list(corpus(30)), base_dir=None)
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


def start_hugo(folder: Path) -> None:
    """A Hugo site with our layouts and no content yet."""
    (folder / "content" / "news").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG)
    (folder / "layouts" / "_default" / "baseof.html").write_text(HUGO_BASEOF)
    (folder / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (folder / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)


def write_hugo_article(folder: Path, article: dict[str, object]) -> None:
    import yaml

    front = {
        "title": article["headline"], "description": article["subtitle"],
        "date": article["published_at"], "slug": article["slug"],
        "categories": [article["section"]], "tags": article["tags"],
    }  # fmt: skip
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + str(article["body"])
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


def write_pelican_article(folder: Path, article: dict[str, object]) -> None:
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

PELICAN_UP_TO = 10_000  # Pelican takes minutes per 10,000: larger sites are Hugo's alone
ROOT = Path(__file__).resolve().parents[1]


def build_site_corpus(folder: Path, count: int) -> Path:
    """The newsroom of ``count`` articles and the same corpus for Hugo and Pelican.

    Kept in ``folder`` between runs (a 100,000-article newsroom takes minutes
    to import): made only when ``folder`` has no complete one. Articles are
    made one at a time, so memory stays flat whatever the count.
    """
    db = folder / "newsroom.sqlite"
    done = folder / "complete"
    if done.exists():
        return db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / "articles.json"
    hugo_dir, pelican_dir = folder / "hugo", folder / "pelican"
    start_hugo(hugo_dir)
    if count <= PELICAN_UP_TO:
        (pelican_dir / "content").mkdir(parents=True)
        (pelican_dir / "pelicanconf.py").write_text(PELICAN_CONF)
    with source.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for number, article in enumerate(corpus(count)):
            out.write(",\n" if number else "")
            json.dump(article, out, ensure_ascii=False)
            write_hugo_article(hugo_dir, article)
            if count <= PELICAN_UP_TO:
                write_pelican_article(pelican_dir, article)
        out.write("\n]\n")
    command = [sys.executable, "-m", "newsroom", "--db", str(db)]
    subprocess.run([*command, "init"], check=True, capture_output=True, cwd=ROOT)
    started = time.perf_counter()
    subprocess.run([*command, "import", str(source)], check=True, stdout=subprocess.DEVNULL,
                   cwd=ROOT)  # fmt: skip
    print(f"  (newsroom import, rendering each body once: {time.perf_counter() - started:.1f} s)")
    source.unlink()
    done.touch()
    return db


def export_command(db: Path, out: Path) -> list[str]:
    """The command a user runs for the site, in a new process (start-up included)."""
    return [sys.executable, "-m", "newsroom", "--db", str(db), "export", "--all", "--format",
            "site", "--out", str(out)]  # fmt: skip


def bench_site(folder: Path, count: int) -> None:
    print(f"static site of {count:,} articles of ~{CORPUS_WORDS} words ({machine()}):")
    db = build_site_corpus(folder, count)
    hugo_dir, pelican_dir = folder / "hugo", folder / "pelican"
    hugo = shutil.which("hugo")
    pelican = pelican_command() if count <= PELICAN_UP_TO else None
    out = folder / "out"

    def ours() -> None:
        shutil.rmtree(out, ignore_errors=True)
        run(export_command(db, out), ROOT)

    def hugo_build() -> None:
        shutil.rmtree(hugo_dir / "public", ignore_errors=True)
        shutil.rmtree(hugo_dir / "resources", ignore_errors=True)
        run([str(hugo), "--quiet", "--source", str(hugo_dir)], hugo_dir)

    def pelican_build() -> None:
        shutil.rmtree(pelican_dir / "output", ignore_errors=True)
        assert pelican is not None
        run([*pelican, "content", "-o", "output", "-s", "pelicanconf.py", "-q"], pelican_dir)

    repeat = 3 if count <= 2_000 else 2 if count <= 20_000 else 1
    results: dict[str, float] = {}
    if hugo:
        results["newsroom"], results["hugo"] = paired(ours, hugo_build, repeat)
    else:
        print("  Hugo is not installed (Debian: apt-get install hugo): no Hugo figure")
        results["newsroom"] = statistics.median(_times(ours, repeat))
    if pelican:
        _, results["pelican"] = paired(lambda: None, pelican_build, max(1, repeat - 1))
    line = f"  cold site export, whole command: Newsroom {results['newsroom']:.2f} s"
    if "hugo" in results:
        ratio = results["newsroom"] / results["hugo"]
        line += (
            f"   Hugo {results['hugo']:.2f} s   ratio {ratio:.2f}× (target ≤ 1.5×: "
            f"{'met' if ratio <= 1.5 else 'NOT met'})"
        )
    if "pelican" in results:
        line += f"   Pelican {results['pelican']:.2f} s (ratio {results['newsroom'] / results['pelican']:.2f}×)"
    print(line + f"   [{machine()}]")
    _incremental(db, out)


def _timed_export(db: Path, out: Path) -> tuple[float, list[str]]:
    """Seconds for the whole export command, and the files it says it wrote."""
    started = time.perf_counter()
    done = subprocess.run(export_command(db, out), cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"site export failed: {done.stderr[-500:]}")
    return seconds, done.stdout.splitlines()


def _incremental(db: Path, out: Path) -> None:
    """Re-exports as a user runs them; each edit is undone after, so the corpus stays as built."""
    nothing, unchanged = _timed_export(db, out)
    print(
        f"  re-export with nothing changed, whole command: {nothing:.2f} s "
        f"({len(unchanged)} files written)   [{machine()}]"
    )
    with Newsroom.open(db) as newsroom:
        story = newsroom.get("story-7")
        newsroom.save(story.with_changes(headline=story.headline + " (updated)"))
    one, written = _timed_export(db, out)
    verdict = "met" if one <= 1.0 else "NOT met"
    print(
        f"  re-export after editing one article, whole command: {one:.2f} s, {len(written)} files "
        f"rewritten (target ≤ 1 s: {verdict})   [{machine()}]"
    )
    with Newsroom.open(db) as newsroom:
        newsroom.save(newsroom.get("story-7").with_changes(headline=story.headline))
        # A new story: its page, latest.html (framed in every old page), listings, feeds.
        created = newsroom.create(
            Article(headline="A new story", slug=f"new-story-{time.time_ns()}", body="Text.",
                    status=Status.PUBLISHED, published_at=datetime.now(UTC))
        )  # fmt: skip
    new, published = _timed_export(db, out)
    print(
        f"  re-export after publishing a story, whole command: {new:.2f} s, {len(published)} "
        f"files written   [{machine()}]"
    )
    with Newsroom.open(db) as newsroom:
        newsroom.delete(created.slug)
    _timed_export(db, out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="pages and a 1,000-article site only")
    parser.add_argument(
        "--sites", "--articles", type=int, nargs="*", help="site sizes (default 1000 10000)"
    )
    parser.add_argument(
        "--keep", type=Path, help="keep each site's newsroom and corpus here, reused between runs"
    )
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
            bench_site((args.keep or folder) / f"site-{count}", count)


if __name__ == "__main__":
    main()
