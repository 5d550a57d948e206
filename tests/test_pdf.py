"""`build --pdf`: tagged PDFs through one headless LibreOffice run."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lisdraft.build import pdf
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.errors import ConversionError

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")

# Page counts a reader would expect for the Borchestershire example: generous,
# but tight enough to catch a lost section or a runaway table.
PAGES = {"contribution": (8, 30), "briefing": (2, 8), "stock-take": (4, 16)}


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(re.findall(r"^([^:]+):\s*(.*)$", out.stdout, re.MULTILINE))


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
@pytest.mark.skipif(not POPPLER, reason="pdftotext is not installed: apt-get install poppler-utils")
def test_every_document_becomes_a_tagged_pdf_naming_the_council(
    example: Path, tmp_path: Path
) -> None:
    result = build_documents(example, tmp_path, BuildOptions(pdf=True)).raise_on_failure()
    pdfs = [p for p in result.paths if p.suffix == ".pdf"]
    assert sorted(p.stem for p in pdfs) == sorted(
        f"felpersham-city-council-{part}" for part in PAGES
    )
    for path in pdfs:
        data = path.read_bytes()
        assert data.startswith(b"%PDF")
        assert pdf.is_tagged(data), f"{path.name} is not tagged"
        info = pdf_info(path)
        assert info["Tagged"] == "yes"
        low, high = PAGES[path.stem.removeprefix("felpersham-city-council-")]
        assert low <= int(info["Pages"]) <= high, f"{path.name}: {info['Pages']} pages"
        assert info["Title"].endswith(": Felpersham City Council")
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Felpersham City Council" in text
    assert result.findings[pdfs[0]] == []
    left = [p.name for p in tmp_path.glob(".lisdraft-*") if p.name != ".lisdraft-manifest.json"]
    assert not left, "a staging folder was left behind"


def test_without_libreoffice_the_build_says_how_to_install_it_and_writes_nothing(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "out"
    with pytest.raises(ConversionError) as caught:
        build_documents(example, out, BuildOptions(pdf=True)).raise_on_failure()
    assert "apt-get install libreoffice-writer-nogui" in str(caught.value)
    assert not out.exists()


def test_one_libreoffice_run_converts_every_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        outdir = Path(command[command.index("--outdir") + 1])
        for name in command[command.index("--outdir") + 2 :]:
            (outdir / Path(name).with_suffix(".pdf").name).write_bytes(b"%PDF-1.6")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(pdf.subprocess, "run", fake_run)
    documents = [tmp_path / f"{name}.docx" for name in ("a", "b", "c")]
    written = pdf.convert_to_pdf(documents, tmp_path / "out", soffice="soffice")
    assert [p.name for p in written] == ["a.pdf", "b.pdf", "c.pdf"]
    [command] = calls
    export = command[command.index("--convert-to") + 1]
    assert '"UseTaggedPDF":{"type":"boolean","value":"true"}' in export
    assert any(arg.startswith("-env:UserInstallation=file://") for arg in command)
