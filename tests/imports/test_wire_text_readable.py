"""Wire text as an editor reads it: no Markdown escapes where Markdown needs none, the lead once.

Imported bodies are Markdown the editor shows. Wire copy's straight quotes, ``--`` and
``...`` are left for the house typography (smarty) to set, as for text typed in the editor;
what Markdown itself would read as syntax (a ``#`` opening a paragraph, ``*``, ``_``) stays
escaped. Each case goes through ``newsroom import`` (in-process on both engines, and in a
process of its own), then render (the text a reader sees) and export → import round trips.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsroom.imports.html_to_markdown import escape_text, html_to_markdown
from newsroom.imports.wire_item import html_text
from newsroom.render.body import render_body
from tests.conftest import Cli
from tests.helpers import newsroom_cli

SAMPLES = Path(__file__).parent / "samples"
INTRO = "aap-ninjs1-intro.json"  # AAP repeats description_text as the body's first paragraph


def shown(cli: Cli, ref: str) -> dict[str, Any]:
    return dict(json.loads(cli.ok("show", "--json", ref).out))


def imported(cli: Cli, file: Path) -> dict[str, Any]:
    (line,) = cli.ok("import", str(file)).lines
    return shown(cli, line.split()[0])


def seen(markdown: str) -> str:
    """The body's text as a reader sees it on the page (its paragraphs joined)."""
    return html_text(render_body(markdown))


# --- AAP's lead once ------------------------------------------------------------------


def test_aaps_repeated_description_is_the_lead_and_not_the_body_s_start(cli: Cli) -> None:
    article = imported(cli, SAMPLES / INTRO)
    assert article["lead"].startswith("Sydney's Manly ferry will run every hour")
    assert article["body"].startswith("Transport Minister Jo Haylen said")
    assert "Manly ferry will run every hour" not in article["body"]


def test_a_description_that_only_begins_the_first_paragraph_leaves_it_in(cli: Cli) -> None:
    """aap-ninjs1.json's description shortens its first paragraph: nothing is repeated."""
    article = imported(cli, SAMPLES / "aap-ninjs1.json")
    assert article["lead"].endswith("in Sydney's west without power.")
    assert article["body"].startswith("Severe thunderstorms have left about 40,000 homes")
    assert "after hail and winds" in article["body"]


def test_a_plain_text_body_repeating_the_description_loses_it_too(cli: Cli, tmp_path: Path) -> None:
    document = json.loads((SAMPLES / INTRO).read_text("utf-8"))
    del document["body_html"]
    document["body_text"] = f"{document['description_text']}\n\nSecond  paragraph.\n"
    file = tmp_path / "aap-text.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    assert imported(cli, file)["body"] == "Second paragraph.\n"


# --- no escapes an editor would trip over ----------------------------------------------


def test_imported_wire_text_has_no_escapes_markdown_does_not_need(cli: Cli) -> None:
    body = imported(cli, SAMPLES / INTRO)["body"]
    assert "\\'" not in body and '\\"' not in body and "\\-" not in body and "\\." not in body
    assert '"the last thing anyone wanted" -- but' in body
    assert '"We\'d rather run fewer ferries on time than more ferries late..." she said.' in body
    # A paragraph opening with # would be a heading: that escape stays.
    assert "\n\n\\#Manly commuters vented online: 3. was" in body


def test_the_reader_sees_the_house_typography_and_no_backslash(cli: Cli) -> None:
    body = imported(cli, SAMPLES / INTRO)["body"]
    page = render_body(body)
    text = seen(body)
    assert "\\" not in text
    assert "“the last thing anyone wanted” – but" in text
    assert "“We’d rather run fewer ferries on time than more ferries late…” she said." in text
    assert "#Manly commuters vented online" in text and "<h1" not in page


def test_a_wire_body_survives_markdown_export_and_import(tmp_path: Path) -> None:
    """Imported wire text → ``export --format md`` → import elsewhere: the same body and page."""
    wire = tmp_path / "wire"
    wire.mkdir()
    shutil.copy(SAMPLES / INTRO, wire / INTRO)
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    run = newsroom_cli(first, "import", str(wire / INTRO))
    assert run.code == 0, run.err
    ref = run.out.split()[0]
    body = json.loads(newsroom_cli(first, "show", "--json", ref).out)["body"]
    exported = newsroom_cli(first, "export", ref, "--format", "md", "--out", str(tmp_path / "md"))
    assert exported.code == 0, exported.err
    (file,) = (tmp_path / "md").glob("*.md")
    back = newsroom_cli(second, "import", str(file))
    assert back.code == 0, back.err
    again = json.loads(newsroom_cli(second, "show", "--json", back.out.split()[0]).out)["body"]
    assert again == body
    assert seen(again) == seen(body)


# --- the escaping rule itself ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "typeset", "exact"),
    [
        ("Sydney's", "Sydney's", "Sydney\\'s"),
        ('"Please"', '"Please"', '\\"Please\\"'),
        ("a -- b...", "a -- b...", "a \\-\\- b\\.\\.\\."),
        ("*x* _y_ `z` [w]", "\\*x\\* \\_y\\_ \\`z\\` \\[w\\]", "\\*x\\* \\_y\\_ \\`z\\` \\[w\\]"),
        ("a\\b <b> &amp;", "a\\\\b &lt;b> &amp;amp;", "a\\\\b &lt;b> &amp;amp;"),
    ],
)
def test_typeset_text_escapes_only_markdown_syntax(text: str, typeset: str, exact: str) -> None:
    assert escape_text(text, typeset=True) == typeset
    assert escape_text(text) == exact  # exact: our own exports read back render the same


@pytest.mark.parametrize(
    "html",
    ["<p># not a heading</p>", "<p>1. not a list</p>", "<p>- not a list</p>", "<p>> no quote</p>"],
)
def test_line_starts_markdown_would_read_stay_escaped(html: str) -> None:
    markdown = html_to_markdown(html, typeset=True)
    assert render_body(markdown).startswith("<p>"), markdown
