"""Word opens what lisdraft writes: every built document passes the Open XML schema check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from conftest import ROOT
from lisdraft.build.pipeline import build_documents
from lisdraft.profile.scaffold import create_profile
from lisdraft.word.docx_template import LisdraftTemplate

EXAMPLES = {
    "borchestershire": ROOT / "examples" / "borchestershire" / "profile.yaml",
    "wexmoor": ROOT / "examples" / "wexmoor" / "profile.yaml",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every document from both examples and from a fresh `lisdraft new` profile."""
    out = tmp_path_factory.mktemp("built")
    starter = create_profile(
        out / "starter.yaml", "Felpersham City Council", "Borchestershire", dt.date(2026, 11, 16)
    )
    paths: list[Path] = []
    for name, profile in [*EXAMPLES.items(), ("starter", starter)]:
        paths += build_documents(profile, out / name).raise_on_failure().paths
    return paths


def test_every_built_document_has_no_schema_or_word_compatibility_findings(
    built: list[Path],
) -> None:
    assert len(built) == 9
    validator = OpenXmlValidator()
    findings = {
        f"{path.parent.name}/{path.name}": [
            f"{error.part_uri} {error.path}: {error.description}"
            for error in validator.validate(path).errors
        ]
        for path in built
    }
    assert findings == {name: [] for name in findings}


def test_a_shaded_merged_cell_keeps_its_properties_in_schema_order() -> None:
    # A consultant's own template may shade and merge a cell with docxtpl's tags,
    # which would put w:shd and w:gridSpan ahead of the cell's width.
    cell = (
        '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        "<w:p><w:r><w:t>{% cellbg 'FF0000' %}{% colspan 2 %}{{ x }}</w:t></w:r></w:p></w:tc>"
    )
    patched = LisdraftTemplate.patch_xml(object.__new__(LisdraftTemplate), cell)
    properties = patched[patched.index("<w:tcPr>") : patched.index("</w:tcPr>")]
    order = [properties.index(f"<w:{tag} ") for tag in ("tcW", "gridSpan", "shd", "vAlign")]
    assert order == sorted(order)
