"""Word opens what lisdraft writes: every built document passes the Open XML schema check."""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.text.paragraph import Paragraph
from openxml_audit import OpenXmlValidator
from profile_factory import make_profile
from ruamel.yaml import YAML
from test_template_workflow import tiny_png

from conftest import ROOT
from lisdraft.build.documents import export_templates
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.profile.scaffold import create_profile
from lisdraft.word.docx_template import LisdraftTemplate

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # the benchmark's maker of varied profiles

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


def schema_errors(paths: list[Path]) -> dict[str, list[str]]:
    """Return each document's schema errors, named by its folder and file."""
    validator = OpenXmlValidator()
    return {
        f"{path.parent.name}/{path.name}": [
            f"{error.part_uri} {error.path}: {error.description}"
            for error in validator.validate(path).errors
        ]
        for path in paths
    }


def test_every_built_document_has_no_schema_or_word_compatibility_findings(
    built: list[Path],
) -> None:
    assert len(built) == 9
    findings = schema_errors(built)
    assert findings == {name: [] for name in findings}


def emptied(profile: Path) -> None:
    """Leave the profile's optional lists empty: no forum, strategy, evidence or priority."""
    yaml = YAML(typ="rt")
    data = yaml.load(profile.read_text(encoding="utf-8"))
    for key in ("forums", "strategies", "priorities", "next_steps"):
        data[key] = []
    data["evidence"]["items"] = []
    stream = io.StringIO()
    yaml.dump(data, stream)
    profile.write_text(stream.getvalue(), encoding="utf-8")


def test_documents_from_generated_profiles_pass_the_schema_check(tmp_path: Path) -> None:
    # Three profiles from the generalisation suite's factory (one council or many, lists
    # of none, one or many, awkward names), two of the benchmark's renamed places, one of
    # them with nothing in its optional lists, so no chart, map or priority table.
    profiles = generate(tmp_path / "profiles", count=2, seed=13)
    emptied(profiles[-1])
    for seed in range(3):
        path = tmp_path / "profiles" / f"factory-{seed}.yaml"
        YAML(typ="safe").dump(make_profile(seed), path)
        profiles.append(path)
    paths: list[Path] = []
    for number, profile in enumerate(profiles):
        paths += build_documents(profile, tmp_path / f"out{number}").raise_on_failure().paths
    assert len(paths) == 15
    findings = schema_errors(paths)
    assert findings == {name: [] for name in findings}


def house_style(templates: Path) -> None:
    """Follow the guide's walk-through: a logo and a strapline in each template, and a
    cabinet report made from a copy of the briefing (docs/customising-templates.md)."""
    for path in templates.glob("*.docx"):
        document = Document(str(path))
        title = next(p for p in document.paragraphs if p.style.name == "Title")
        strapline = copy.deepcopy(title._p)
        title._p.addnext(strapline)
        paragraph = Paragraph(strapline, title._parent)
        for extra_run in paragraph.runs[1:]:
            strapline.remove(extra_run._r)
        paragraph.runs[0].text = "{{ extra.strapline }}"
        paragraph.style = document.styles["Subtitle"]
        logo = document.sections[0].header.add_paragraph().add_run()
        logo.add_picture(io.BytesIO(tiny_png()))
        logo._r.xpath(".//wp:docPr")[0].set("descr", "Felpersham City Council logo")
        document.save(str(path))
    report = Document(str(templates / "briefing.docx"))
    title = next(p for p in report.paragraphs if p.style.name == "Title")
    for extra_run in title.runs[1:]:
        title._p.remove(extra_run._r)
    title.runs[0].text = (
        "Cabinet report {{ extra.cabinet.report }}: {{ council.name }}'s part in the "
        "{{ place.name }} Local Industrial Strategy"
    )
    report.save(str(templates / "cabinet-report.docx"))


def test_documents_from_the_guides_house_style_templates_pass_the_schema_check(
    edited: Any, tmp_path: Path
) -> None:
    templates = tmp_path / "my-templates"
    export_templates(templates)
    house_style(templates)
    profile = edited(
        lambda data: data.__setitem__(
            "extra",
            {
                "strapline": "A greener, fairer Felpersham",
                "cabinet": {"report": "CAB/2026/41", "meeting": "2026-12-01"},
            },
        )
    )
    options = BuildOptions(templates_dir=templates)
    paths = build_documents(profile, tmp_path / "out", options).raise_on_failure().paths
    assert [path.name.removeprefix("felpersham-city-council-") for path in paths] == [
        "contribution.docx",
        "briefing.docx",
        "stock-take.docx",
        "cabinet-report.docx",
    ]
    document = Document(str(paths[-1]))
    assert [p.text for p in document.paragraphs[:2]] == [
        "Cabinet report CAB/2026/41: Felpersham City Council's part in the "
        "Borchestershire Local Industrial Strategy",
        "A greener, fairer Felpersham",
    ]
    findings = schema_errors([*paths, *sorted(templates.glob("*.docx"))])
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


def test_tabs_and_line_breaks_in_text_come_out_exactly_as_docxtpl_writes_them() -> None:
    # lisdraft hands docxtpl only the paragraphs that hold a tab, new line, page
    # break or paragraph mark; the result must be the same as docxtpl's whole walk.
    from docxtpl import DocxTemplate

    paragraphs = [
        '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>plain</w:t></w:r></w:p>',
        '<w:p w:rsidR="1"><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">a\tb\nc</w:t>'
        "</w:r><w:r><w:t>same paragraph</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>untouched</w:t></w:r><w:r><w:tab/><w:t>tab element</w:t></w:r></w:p>",
        '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>new\aparagraph\fpage</w:t></w:r></w:p>',
        "<w:p/>",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>in a\ncell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    ]
    xml = '<?xml version="1.0"?>\n<w:body>' + "".join(paragraphs) + "</w:body>"
    ours = LisdraftTemplate(None).resolve_listing(xml)
    assert ours == DocxTemplate(None).resolve_listing(xml)
    assert "<w:br/>" in ours and "<w:tab/></w:r>" in ours  # it did change something
    plain = "<w:body>" + paragraphs[0] + paragraphs[2] + "</w:body>\n"
    assert LisdraftTemplate(None).resolve_listing(plain) == plain


def test_the_fast_part_renderer_gives_docxtpls_text_and_error_context() -> None:
    # The fast path's render_xml_part replaces docxtpl's regular expressions with
    # string replacements; the rendered part and an error's nearby text must not change.
    import jinja2
    from docxtpl import DocxTemplate

    from lisdraft.word.docx_template import PartRenderer

    environment = jinja2.Environment(autoescape=True)
    source = (
        '<w:body><w:p w:rsidR="1"><w:r><w:t>{{ a }}</w:t></w:r></w:p><w:p><w:r>'
        "<w:t>Second</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>{{ b }}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>near here {{ c.d.e }}</w:t></w:r></w:p></w:body>"
    )
    context = {"a": "one\ttwo", "b": "x\ny", "c": {"d": {"e": "<&>"}}}
    ours = PartRenderer(environment).part(source, context)
    assert ours == DocxTemplate(None).render_xml_part(source, None, context, environment)
    assert "<w:tab/>" in ours and "<w:br/>" in ours and "&lt;&amp;&gt;" in ours

    broken = source.replace("{{ c.d.e }}", "{{ c.d.e + }}")

    def error_context(render: Any) -> list[str]:
        with pytest.raises(jinja2.TemplateSyntaxError) as caught:
            render(broken, context)
        return list(caught.value.docx_context)  # type: ignore[attr-defined]

    theirs = error_context(
        lambda s, c: DocxTemplate(None).render_xml_part(s, None, c, environment)
    )
    assert error_context(PartRenderer(environment).part) == theirs
    assert any("near here" in line for line in theirs)


@pytest.mark.parametrize(
    "rows",
    [
        ["<w:tc><w:p/></w:tc>" * 3] * 2,  # as the grid says
        ["<w:tc><w:p/></w:tc>" * 4, "<w:tc><w:p/></w:tc>" * 2],  # a row wider than the grid
        ["<w:tc><w:p/></w:tc>" * 2] * 2,  # a column removed by {%tc %}
        [
            '<w:tc><w:tcPr><w:tcW w:w="10"/><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc>'
            "<w:tc><w:p/></w:tc>"
        ],  # merged cells
        [
            "<w:tc><w:tbl><w:tblGrid><w:gridCol w:w='5'/></w:tblGrid><w:tr>"
            + "<w:tc><w:p/></w:tc>" * 5
            + "</w:tr></w:tbl><w:p/></w:tc>"
        ],  # a table inside a cell, its rows counted for the outer table too
    ],
    ids=["fits", "wider", "narrower", "merged", "nested"],
)
def test_the_fast_path_tidies_table_grids_exactly_as_docxtpl(rows: list[str]) -> None:
    # The fast path finds cells and their properties its own way; the tidied grid
    # (columns added, scaled, removed) must be docxtpl's to the last twip.
    from lxml import etree

    from lisdraft.word.docx_template import _PartTemplate

    grid = '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="2000"/><w:gridCol w:w="1001"/>'
    xml = (
        '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:tbl><w:tblPr><w:tblLayout w:type="fixed"/></w:tblPr>'
        + grid
        + "</w:tblGrid>"
        + "".join(f"<w:tr>{row}</w:tr>" for row in rows)
        + "</w:tbl></w:body>"
    )
    theirs = etree.tostring(LisdraftTemplate(None).fix_tables(xml))
    assert etree.tostring(_PartTemplate(None).fix_tables(xml)) == theirs
