"""`lisdraft check`, and the warnings `lisdraft build` prints for a customised template."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from typer.testing import CliRunner

from lisdraft.build import pipeline as build_module
from lisdraft.build.documents import builtin_templates_dir
from lisdraft.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from conftest import EXAMPLE

    return (
        build_module.build_documents(EXAMPLE, tmp_path_factory.mktemp("out"))
        .raise_on_failure()
        .paths
    )


def untitled(tmp_path: Path) -> Path:
    doc = Document()
    doc.add_heading("Notes", 1)
    doc.add_paragraph("Justified notes.").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    path = tmp_path / "notes.docx"
    doc.save(str(path))
    return path


def test_the_built_documents_pass_and_exit_0(built: list[Path]) -> None:
    result = runner.invoke(app, ["check", *map(str, built)])
    assert result.exit_code == 0, result.output
    for path in built:
        assert f"{path}: no accessibility problems found" in result.output
    assert "0 errors and 0 warnings." in result.output


def test_an_error_exits_1_and_each_problem_names_file_place_and_rule(tmp_path: Path) -> None:
    path = untitled(tmp_path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}: document properties: error: the document has no title" in result.output
    assert f'{path}: body, paragraph 2 "Justified notes.": warning: justified text' in result.output
    assert "[justified]" in result.output


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    doc = Document(str(untitled(tmp_path)))
    doc.core_properties.title = "Notes"
    doc.save(str(tmp_path / "titled.docx"))
    path = str(tmp_path / "titled.docx")  # left: US English and justified text, both warnings
    assert runner.invoke(app, ["check", path]).exit_code == 0
    assert runner.invoke(app, ["check", "--strict", path]).exit_code == 1


def test_an_unreadable_file_is_reported_and_the_rest_still_checked(
    built: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "fake.docx"
    bad.write_text("not a document", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), str(built[0])])
    assert result.exit_code == 1
    assert "not a Word .docx document" in result.output
    assert f"{built[0]}: no accessibility problems found" in result.output
    assert "1 document could not be read" in result.output
    assert "Traceback" not in result.output


def test_check_explains_itself_with_an_example() -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_build_warns_when_a_customised_template_breaks_a_rule(
    example: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(builtin_templates_dir(), templates)
    briefing = Document(str(templates / "briefing.docx"))
    briefing.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    briefing.save(str(templates / "briefing.docx"))

    result = runner.invoke(
        app, ["build", str(example), "--templates", str(templates), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output  # warned, not failed
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(warnings) == 1  # the style is reported once, not on every paragraph
    assert "felpersham-city-council-briefing.docx" in warnings[0]
    assert "style 'Normal' justifies text" in warnings[0]
    assert "1 accessibility problem was found" in result.output


def test_build_text_writes_markdown_beside_each_document(example: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(example), "--out", str(tmp_path), "--text"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.md")) == [
        "felpersham-city-council-briefing.md",
        "felpersham-city-council-contribution.md",
        "felpersham-city-council-stock-take.md",
    ]
    assert result.output.count("wrote ") == 6
