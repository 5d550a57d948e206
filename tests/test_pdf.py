"""The built documents open in a real office suite (LibreOffice, headless)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lisdraft.build import build_documents

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_every_document_converts_to_pdf(example: Path, tmp_path: Path) -> None:
    paths = build_documents(example, tmp_path / "docx")
    pdf_dir = tmp_path / "pdf"
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_dir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for path in paths:
        pdf = pdf_dir / path.with_suffix(".pdf").name
        assert pdf.exists(), f"LibreOffice did not convert {path.name}"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) >= 1
