"""Templates carrying reviewers' and authors' traces: reported where they are, never built."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from template_factory import make_template, run

from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.errors import TemplateError
from lisdraft.templating.check import check_template

MARK = 'w:author="Jane Reviewer" w:date="2026-01-01T00:00:00Z"'
INSERTION = f'<w:ins w:id="1" {MARK}>{run("new words")}</w:ins>'
# A deleted tag that Word split over two runs, as it often does.
DELETION = (
    f'<w:del w:id="2" {MARK}><w:r><w:delText>{{{{ meta.</w:delText></w:r>'
    "<w:r><w:delText>status }}</w:delText></w:r></w:del>"
)
RESTYLED = (
    '<w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="Jane Reviewer"><w:rPr/></w:rPrChange>'
    "</w:rPr><w:t>Bold now</w:t></w:r>"
)


def reviewed_template(path: Path) -> Path:
    """Write a briefing template as a reviewer leaves it: changes, a comment, named properties."""
    make_template(
        path,
        "Briefing for {{ council.name }}",
        run("Kept ") + INSERTION,
        run("Status: ") + DELETION,
        RESTYLED,
        "Please check this figure",
    )
    document = Document(str(path))
    document.add_comment(
        document.paragraphs[4].runs, text="Secret remark", author="Carol Commenter", initials="CC"
    )
    document.core_properties.author = "Tom Author"
    document.core_properties.last_modified_by = "Tom Author"
    document.save(str(path))
    return path


def test_tracked_changes_and_comments_are_reported_at_their_paragraphs(tmp_path: Path) -> None:
    path = reviewed_template(tmp_path / "briefing.docx")
    errors = [str(f) for f in check_template(path) if not f.warning]
    assert [line.split('"')[0] for line in errors] == [
        f"{path}: body, paragraph 2 ",
        f"{path}: body, paragraph 3 ",
        f"{path}: body, paragraph 4 ",
        f"{path}: body, paragraph 5 ",
    ]
    assert "tracked changes (an insertion). Accept or reject every change" in errors[0]
    assert "tracked changes (a deletion)" in errors[1]
    assert "tracked changes (a formatting change)" in errors[2]
    assert "this has a comment. Delete the comments" in errors[3]


def test_a_tag_in_a_tracked_deletion_gets_no_second_error(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", run("Status: ") + DELETION)
    [finding] = check_template(path)
    assert "split" not in finding.message
    assert "tracked changes (a deletion)" in finding.message


def test_the_authors_in_the_document_properties_are_a_warning(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "Plain {{ council.name }}")
    document = Document(str(path))
    document.core_properties.author = "Tom Author"
    document.save(str(path))
    [finding] = check_template(path)
    assert finding.warning and finding.where == "document properties"
    assert "'Author' property is filled in" in finding.message
    assert "Tom Author" not in finding.message


def test_a_build_refuses_a_reviewed_template_and_writes_nothing(
    example: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    reviewed_template(templates / "briefing.docx")
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match="tracked changes") as caught:
        build_documents(example, out, BuildOptions(templates_dir=templates)).raise_on_failure()
    assert "Jane Reviewer" not in str(caught.value)
    assert "Secret remark" not in str(caught.value)
    assert not out.exists()


def test_a_template_authors_name_never_reaches_a_built_document(
    example: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    path = make_template(templates / "briefing.docx", "Briefing for {{ council.name }}")
    document = Document(str(path))
    document.core_properties.author = "Tom Author"
    document.core_properties.last_modified_by = "Tom Author"
    document.save(str(path))
    options = BuildOptions(templates_dir=templates)
    paths = build_documents(example, tmp_path / "out", options).raise_on_failure().paths
    [briefing] = [p for p in paths if p.name.endswith("briefing.docx")]
    with zipfile.ZipFile(briefing) as archive:
        assert not any(b"Tom Author" in archive.read(name) for name in archive.namelist())
