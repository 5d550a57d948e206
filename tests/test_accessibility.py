"""`check_document`: each rule against a small document that breaks it, and the built outputs."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from conftest import ROOT
from lisdraft.build.pipeline import build_documents
from lisdraft.errors import DocumentError
from lisdraft.profile.scaffold import create_profile
from lisdraft.word.accessibility import RULES, Finding, check_document, contrast_ratio

# A 1 x 1 pixel PNG, enough for Word (and python-docx) to treat as a picture.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def good_document() -> DocxDocument:
    """Return a short document that passes every rule: the baseline each test breaks."""
    doc = Document()
    doc.core_properties.title = "Draft LIS contribution"
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = defaults.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), "Arial")
    fonts.set(qn("w:hAnsi"), "Arial")
    rpr.find(qn("w:sz")).set(qn("w:val"), "24")
    rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    for level in (1, 2, 3):
        doc.styles[f"Heading {level}"].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    doc.add_heading("About this contribution", 1)
    doc.add_paragraph("Felpersham City Council offers this paper to the LIS.")
    return doc


def findings(doc: DocxDocument, tmp_path: Path) -> list[Finding]:
    path = tmp_path / "document.docx"
    doc.save(str(path))
    return check_document(path)


def rules(doc: DocxDocument, tmp_path: Path) -> list[str]:
    return [finding.rule for finding in findings(doc, tmp_path)]


def add_table(doc: DocxDocument, rows: int = 2, header: bool = True):
    table = doc.add_table(rows=rows, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Row {r + 1} column {c + 1}"
    if header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return table


def shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def add_link(doc: DocxDocument, text: str, url: str) -> None:
    paragraph = doc.add_paragraph("Read the policy: ")
    rel = doc.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def test_the_baseline_document_passes(tmp_path: Path) -> None:
    doc = good_document()
    add_table(doc)
    add_link(doc, "the LEP's conflict of interest policy", "https://lep.example/conflicts")
    assert findings(doc, tmp_path) == []


def test_a_missing_title_is_an_error_saying_where_to_set_it(tmp_path: Path) -> None:
    doc = good_document()
    doc.core_properties.title = ""
    [finding] = findings(doc, tmp_path)
    assert (finding.severity, finding.rule, finding.where) == (
        "error",
        "title-missing",
        "document properties",
    )
    assert "File > Info > Properties > Title" in finding.message


def test_a_missing_language_is_an_error(tmp_path: Path) -> None:
    doc = good_document()
    lang = doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    lang.getparent().remove(lang)
    assert rules(doc, tmp_path) == ["language-missing"]


def test_us_english_is_a_warning_naming_the_language(tmp_path: Path) -> None:
    doc = good_document()
    doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}").set(
        qn("w:val"), "en-US"
    )
    [finding] = findings(doc, tmp_path)
    assert (finding.severity, finding.rule) == ("warning", "language-not-en-gb")
    assert "en-US" in finding.message


def test_a_document_without_headings_is_an_error(tmp_path: Path) -> None:
    good = good_document()
    good.element.body.remove(good.paragraphs[0]._p)  # drop the heading, keep the text
    assert rules(good, tmp_path) == ["no-headings"]


def test_a_skipped_heading_level_is_reported_at_the_heading(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_heading("Evidence tables", 3)
    [finding] = findings(doc, tmp_path)
    assert finding.rule == "heading-skip"
    assert (finding.where, finding.near) == ("body, paragraph 3", "Evidence tables")
    assert "Use Heading 2 here" in finding.message


def test_a_heading_in_capitals_is_a_warning(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_heading("OUR PRIORITIES FOR GROWTH", 1)
    doc.add_heading("LEP board", 1)  # an abbreviation alone is fine
    assert rules(doc, tmp_path) == ["heading-capitals"]


def test_a_table_without_a_repeating_header_row_is_an_error(tmp_path: Path) -> None:
    doc = good_document()
    add_table(doc, header=False)
    [finding] = findings(doc, tmp_path)
    assert (finding.severity, finding.rule, finding.where) == (
        "error",
        "table-header",
        "body, table 1, row 1",
    )
    assert "Repeat as header row" in finding.message


def test_merged_cells_are_reported_once_per_table(tmp_path: Path) -> None:
    doc = good_document()
    table = add_table(doc, rows=4)
    table.cell(1, 0).merge(table.cell(1, 1))
    table.cell(2, 0).merge(table.cell(3, 0))
    [finding] = findings(doc, tmp_path)
    assert (finding.rule, finding.where) == ("merged-cells", "body, table 1, row 2, cell 1")


def test_a_nested_table_is_a_warning(tmp_path: Path) -> None:
    doc = good_document()
    outer = add_table(doc)
    inner = outer.cell(1, 0).add_table(rows=1, cols=1)
    inner.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    inner.cell(0, 0).text = "Inner"
    [finding] = findings(doc, tmp_path)
    assert finding.rule == "nested-table"
    assert finding.where == "body, table 1, row 2, cell 1, table 1"


def test_empty_paragraphs_used_for_spacing_are_one_warning(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_paragraph("")
    doc.add_paragraph("")
    doc.add_paragraph("Text after a gap.")
    [finding] = findings(doc, tmp_path)
    assert (finding.rule, finding.where) == ("empty-paragraphs", "body, paragraph 3")
    assert "2 empty paragraphs" in finding.message


def test_a_page_break_paragraph_is_not_an_empty_paragraph(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_page_break()
    doc.add_paragraph("On a new page.")
    assert rules(doc, tmp_path) == []


def test_spaces_and_tabs_used_to_line_up_text_are_a_warning(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_paragraph("Owner:\t\tPriya Wendover")
    doc.add_paragraph("Due:      March 2027")
    assert rules(doc, tmp_path) == ["repeated-spaces", "repeated-spaces"]


def test_an_image_needs_alt_text_that_is_not_a_file_name(tmp_path: Path) -> None:
    image = tmp_path / "map.png"
    image.write_bytes(PIXEL)
    doc = good_document()
    doc.add_picture(str(image))
    described = doc.add_paragraph().add_run()
    described.add_picture(str(image))
    doc.add_picture(str(image))
    pictures = doc.element.body.findall(f".//{qn('wp:docPr')}")
    pictures[1].set("descr", "Map of the LEP area showing the three councils")
    pictures[2].set("descr", "image3.png")
    found = findings(doc, tmp_path)
    assert [f.rule for f in found] == ["image-alt", "image-alt"]
    assert "has no alt text" in found[0].message
    assert "file name" in found[1].message


def test_link_text_that_is_a_bare_address_or_click_here_is_a_warning(tmp_path: Path) -> None:
    doc = good_document()
    add_link(doc, "click here", "https://lep.example/conflicts")
    add_link(doc, "https://lep.example/conflicts", "https://lep.example/conflicts")
    found = findings(doc, tmp_path)
    assert [f.rule for f in found] == ["link-text", "link-text"]
    assert '"click here"' in found[0].message
    assert "bare web address" in found[1].message


def test_a_shaded_cell_without_text_relies_on_colour_alone(tmp_path: Path) -> None:
    doc = good_document()
    table = add_table(doc)
    table.cell(1, 1).text = ""
    shade(table.cell(1, 1), "C6EFCE")
    shade(table.cell(0, 1), "D9D9D9")  # shading in the header row is styling, not meaning
    [finding] = findings(doc, tmp_path)
    assert (finding.severity, finding.rule, finding.where) == (
        "error",
        "colour-alone",
        "body, table 1, row 2, cell 2",
    )


def test_pale_text_fails_the_contrast_rule_with_the_ratio(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_paragraph().add_run("Pale grey text").font.color.rgb = RGBColor(0x88, 0x88, 0x88)
    [finding] = findings(doc, tmp_path)
    assert finding.rule == "contrast"
    assert "#888888 on #FFFFFF has a contrast of 3.54:1" in finding.message


def test_large_text_needs_only_three_to_one(tmp_path: Path) -> None:
    doc = good_document()
    run = doc.add_paragraph().add_run("Large grey text")
    run.font.color.rgb = RGBColor(0x88, 0x88, 0x88)
    run.font.size = Pt(18)
    assert rules(doc, tmp_path) == []


def test_contrast_is_measured_against_the_cell_shading(tmp_path: Path) -> None:
    doc = good_document()
    table = add_table(doc)
    shade(table.cell(1, 0), "FFEB9C")
    table.cell(1, 0).paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    shade(table.cell(1, 1), "1F3864")  # automatic text colour turns white on dark shading
    found = findings(doc, tmp_path)
    assert [(f.rule, f.where) for f in found] == [("contrast", "body, table 1, row 2, cell 1")]
    assert "#FFFFFF on #FFEB9C" in found[0].message


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_small_body_text_is_a_warning(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_paragraph().add_run("Small print").font.size = Pt(10)
    [finding] = findings(doc, tmp_path)
    assert (finding.rule, finding.severity) == ("small-text", "warning")
    assert "10 pt" in finding.message


def test_a_small_style_is_reported_once_not_on_every_paragraph(tmp_path: Path) -> None:
    doc = good_document()
    doc.styles["Normal"].font.size = Pt(11)
    for number in range(5):
        doc.add_paragraph(f"Paragraph {number}")
    [finding] = findings(doc, tmp_path)
    assert finding.rule == "small-text"
    assert "style 'Normal'" in finding.message and "Modify" in finding.message


def test_justified_text_is_a_warning(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_paragraph("Justified text").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    assert rules(doc, tmp_path) == ["justified"]


def test_a_serif_font_is_a_warning(tmp_path: Path) -> None:
    doc = good_document()
    doc.add_paragraph().add_run("In Times").font.name = "Times New Roman"
    [finding] = findings(doc, tmp_path)
    assert finding.rule == "serif-font" and "Times New Roman" in finding.message


def test_every_rule_is_documented() -> None:
    text = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule}`" in text, rule


def test_a_file_that_is_not_a_word_document_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"not a Word \.docx document"):
        check_document(path)


# --- the built-in templates ------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[Path, list[Finding]]]:
    # The two examples, and a starter profile whose empty sections take the
    # templates' "not yet recorded" branches.
    starter = create_profile(
        tmp_path_factory.mktemp("new") / "profile.yaml", "Harnley District Council", "Wexmoor"
    )
    profiles = {
        "borchestershire": ROOT / "examples" / "borchestershire" / "profile.yaml",
        "wexmoor": ROOT / "examples" / "wexmoor" / "profile.yaml",
        "starter": starter,
    }
    results = {}
    for name, profile in profiles.items():
        result = build_documents(profile, tmp_path_factory.mktemp(name)).raise_on_failure()
        assert all(found == [] for found in result.findings.values()), result.findings
        results[name] = {path: check_document(path) for path in result.paths}
    return results


@pytest.mark.parametrize("place", ["borchestershire", "wexmoor", "starter"])
def test_every_built_document_has_no_errors_and_no_warnings(built, place: str) -> None:
    documents = built[place]
    assert len(documents) == 3
    for path, found in documents.items():
        assert found == [], f"{path.name}: " + "; ".join(map(str, found))


def test_a_problem_in_a_footer_is_placed_by_the_name_word_gives_the_footer(
    tmp_path: Path,
) -> None:
    doc = good_document()
    doc.sections[0].footer.paragraphs[0].text = "Page    1"
    [finding] = findings(doc, tmp_path)
    assert (finding.rule, finding.where) == ("repeated-spaces", "footer, paragraph 1")
