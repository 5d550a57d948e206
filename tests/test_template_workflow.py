"""A consultant's round trip: export the templates, change them in Word, check, build."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor
from template_factory import make_template
from typer.testing import CliRunner

from conftest import docx_text
from lisdraft.build.documents import export_templates
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.cli import app

runner = CliRunner()
RED = RGBColor(0xC0, 0x00, 0x00)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def tiny_png() -> bytes:
    """Return a valid 1x1 PNG, standing in for a council's logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x38\x64")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def restyle(path: Path) -> None:
    """Do what a consultant does in Word: reword a heading, recolour Heading 1, add a logo."""
    document = Document(str(path))
    heading = next(p for p in document.paragraphs if p.text == "Our vision")
    heading.runs[0].text = "Our vision for the city"
    document.styles["Heading 1"].font.color.rgb = RED
    document.styles["Normal"].font.name = "Georgia"
    logo = document.sections[0].header.add_paragraph().add_run()
    logo.add_picture(io.BytesIO(tiny_png()))
    logo._r.xpath(".//wp:docPr")[0].set("descr", "Felpersham City Council logo")  # alt text
    document.save(str(path))


def test_export_copies_the_templates_and_keeps_those_already_there(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    result = runner.invoke(app, ["templates", "export", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "briefing.docx",
        "contribution.docx",
        "stocktake.docx",
    ]
    (folder / "briefing.docx").write_bytes(b"customised")
    (folder / "stocktake.docx").unlink()
    again = runner.invoke(app, ["templates", "export", str(folder)])
    assert again.exit_code == 0, again.output
    assert f"wrote {folder / 'stocktake.docx'}" in again.output
    assert f"kept {folder / 'briefing.docx'} (already there; --force replaces it)" in again.output
    assert (folder / "briefing.docx").read_bytes() == b"customised"
    forced = runner.invoke(app, ["templates", "export", str(folder), "--force"])
    assert forced.exit_code == 0
    assert (folder / "briefing.docx").read_bytes() != b"customised"


def test_export_writes_only_the_templates_named(tmp_path: Path) -> None:
    result = runner.invoke(app, ["templates", "export", str(tmp_path), "briefing", "stocktake"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.docx", "stocktake.docx"]
    wrong = runner.invoke(app, ["templates", "export", str(tmp_path), "breifing"])
    assert wrong.exit_code == 2
    assert "no built-in template called 'breifing'" in wrong.output


def test_a_restyled_template_keeps_its_wording_colour_font_and_logo_in_every_build(
    example: Path, edited, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    export_templates(templates)
    restyle(templates / "contribution.docx")
    assert runner.invoke(app, ["templates", "check", str(templates)]).exit_code == 0

    later = edited(lambda d: d["meta"].__setitem__("version", "0.4"))
    for number, profile in enumerate([example, later]):
        out = tmp_path / f"out{number}"
        [contribution, *_] = (
            build_documents(profile, out, BuildOptions(templates_dir=templates))
            .raise_on_failure()
            .paths
        )
        document = Document(str(contribution))
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert "Our vision for the city" in headings
        assert document.styles["Heading 1"].font.color.rgb == RED
        assert document.styles["Normal"].font.name == "Georgia"
        header = document.sections[0].header
        assert any(rel.reltype.endswith("/image") for rel in header.part.rels.values())
        assert "Felpersham City Council" in docx_text(contribution)  # still rendered


def test_an_unknown_variable_fails_check_and_build_with_the_same_message(
    example: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    make_template(templates / "briefing.docx", "Briefing for {{ councl.name }}")
    expected = (
        f'{templates / "briefing.docx"}: body, paragraph 1 "Briefing for {{{{ councl.name }}}}": '
        "error: the template uses 'councl', which lisdraft does not provide; "
        "did you mean 'council'?"
    )
    checked = runner.invoke(app, ["templates", "check", str(templates)])
    out = tmp_path / "out"
    built = runner.invoke(
        app, ["build", str(example), "--templates", str(templates), "--out", str(out)]
    )
    assert (checked.exit_code, built.exit_code) == (1, 1)
    assert expected in checked.output.splitlines()
    assert expected in built.output.splitlines()
    assert not out.exists()


def test_documents_without_a_customised_template_use_the_built_in_one(
    example: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    make_template(templates / "briefing.docx", "Our own briefing for {{ council.name }}")
    paths = (
        build_documents(example, tmp_path / "out", BuildOptions(templates_dir=templates))
        .raise_on_failure()
        .paths
    )
    texts = {path.name: docx_text(path) for path in paths}
    assert texts["felpersham-city-council-briefing.docx"].startswith(
        "Our own briefing for Felpersham City Council"
    )
    assert "Our headline asks" in texts["felpersham-city-council-contribution.docx"]


def test_a_missing_templates_folder_is_reported(example: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(example), "--templates", str(tmp_path / "nope"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "templates folder not found" in result.output


def test_every_templates_command_explains_itself_with_an_example() -> None:
    for command in ["export", "check", "vars"]:
        result = runner.invoke(app, ["templates", command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_templates_saved_again_by_a_word_processor_still_check_and_build(
    example: Path, tmp_path: Path
) -> None:
    exported = export_templates(tmp_path / "exported")
    resaved = tmp_path / "resaved"
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(resaved),
            *map(str, exported),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = runner.invoke(app, ["templates", "check", str(resaved)])
    assert result.exit_code == 0, result.output
    ours = build_documents(example, tmp_path / "ours").raise_on_failure().paths
    theirs = (
        build_documents(example, tmp_path / "theirs", BuildOptions(templates_dir=resaved))
        .raise_on_failure()
        .paths
    )
    for mine, other in zip(ours, theirs, strict=True):
        # LibreOffice stores the values of the page number fields (the footer's, and the
        # contents list's after a tab); everything else reads the same.
        assert without_page_numbers(docx_text(mine)) == without_page_numbers(docx_text(other))


def without_page_numbers(text: str) -> list[str]:
    return [re.sub(r"\t(Page )?\d*$", "", line) for line in text.splitlines()]
