"""`build --text`: a Markdown copy of each document, so a reviewer can diff two versions."""

from __future__ import annotations

import difflib
from pathlib import Path

from docx import Document

from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.build.textexport import docx_to_markdown


def markdown(profile: Path, out: Path, only: str) -> str:
    result = build_documents(profile, out, BuildOptions(only=(only,), text=True)).raise_on_failure()
    [md] = [p for p in result.paths if p.suffix == ".md"]
    assert md.with_suffix(".docx") in result.paths  # written beside its document
    return md.read_text(encoding="utf-8")


def test_the_contribution_reads_as_markdown(example: Path, tmp_path: Path) -> None:
    text = markdown(example, tmp_path, "contribution")
    lines = text.splitlines()
    assert lines[0] == "# Draft contribution to the Borchestershire Local Industrial Strategy"
    assert "## Summary" in lines and "### Our headline asks" in lines
    assert any(line.startswith("- A1 (to Borchestershire and Felpersham LEP): ") for line in lines)
    assert "| Council | Type | Leader | Leader on LEP board |" in lines
    assert "| --- | --- | --- | --- |" in lines
    assert "{{" not in text and "{%" not in text


def test_changing_one_ask_changes_one_line(example: Path, edited, tmp_path: Path) -> None:
    before = markdown(example, tmp_path / "before", "briefing")

    def reword(data) -> None:
        data["priorities"][0]["asks"][0]["ask"] = "Name food processing as a national strength."

    after = markdown(edited(reword), tmp_path / "after", "briefing")
    changes = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(changes) == 2
    assert changes[1] == (
        "+- A1 (to Borchestershire and Felpersham LEP): Name food processing as a national "
        "strength."
    )


def test_numbered_lists_count_and_pipes_in_cells_are_escaped(tmp_path: Path) -> None:
    doc = Document()
    doc.add_heading("Steps", 1)
    for step in ("Agree the vision", "Share the evidence"):
        doc.add_paragraph(step, style="List Number")
    table = doc.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ["Option", "Cost", "A | B", "£1m"], strict=True):
        cell.text = text
    path = tmp_path / "steps.docx"
    doc.save(str(path))
    assert docx_to_markdown(path) == (
        "## Steps\n\n"
        "1. Agree the vision\n2. Share the evidence\n\n"
        "| Option | Cost |\n| --- | --- |\n| A \\| B | £1m |\n"
    )
