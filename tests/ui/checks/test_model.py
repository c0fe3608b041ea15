"""The findings model: Qt's contract, rows in the core's order, what each row says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from newsroom.article import Article, Quote
from newsroom.checks import CheckContext, check_article
from ui.checks.model import FindingRole, FindingsModel, PlaceRole, field_label

ARTICLE = Article(
    headline="A headline that runs on well past the house limit of sixty-four characters",
    body="Short body.",
    quotes=(Quote(text="Words nobody wrote in the body", speaker=""),),
)


def test_the_model_keeps_qts_contract(qtmodeltester: ModelTester) -> None:
    model = FindingsModel()
    model.set_findings(check_article(ARTICLE, CheckContext()), ARTICLE)
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_rows_are_the_findings_in_the_cores_order_with_their_words(qapp: object) -> None:
    findings = check_article(ARTICLE, CheckContext())
    model = FindingsModel()
    model.set_findings(findings, ARTICLE)
    assert model.findings() == findings
    first = model.index(0)
    assert first.data(FindingRole) is findings[0]
    assert first.data(Qt.ItemDataRole.DisplayRole) == findings[0].message
    assert first.data(PlaceRole) == "Headline · “characters” · limits.headline"
    assert "Error [limits.headline]" in first.data(Qt.ItemDataRole.ToolTipRole)
    speaker = model.index([f.rule for f in findings].index("quotes.speaker"))
    assert speaker.data(PlaceRole) == "Quote 1, speaker · quotes.speaker"  # no words: no span


def test_field_paths_read_as_the_editor_names_them() -> None:
    assert field_label("photo.caption") == "Photo caption"
    assert field_label("quotes[1].text") == "Quote 2"
    assert field_label("related[0].url") == "Related headline 1, link"
    assert field_label("related[3]") == "Related headline 4"
    assert field_label("something.new") == "something.new"
