"""Rendering: strict, escaped and sandboxed."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import docx_text
from lisdraft.build.render import Properties, render_document
from lisdraft.errors import TemplateError
from lisdraft.text import paragraphs

PROPS = Properties("Title", "Subject", "Author", "Keywords")


def template(tmp_path: Path, *lines: str) -> Path:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "template.docx"
    document.save(str(path))
    return path


def test_ampersands_angles_and_quotes_appear_exactly_as_written(tmp_path: Path) -> None:
    text = "Food & Drink <Cluster> \"quoted\" and 'single'"
    out = render_document(template(tmp_path, "{{ value }}"), {"value": text}, PROPS)
    assert text in docx_text(out)


def test_multi_paragraph_text_becomes_separate_paragraphs(tmp_path: Path) -> None:
    text = paragraphs("First paragraph\nwrapped here.\n\nSecond paragraph.")
    out = render_document(template(tmp_path, "{{ value }}"), {"value": text}, PROPS)
    assert "First paragraph wrapped here.\nSecond paragraph." in docx_text(out)


def test_an_undefined_variable_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        render_document(template(tmp_path, "Hello {{ councl.name }}"), {"council": {}}, PROPS)
    assert "the template uses 'councl', which lisdraft does not provide" in str(caught.value)
    assert "template.docx" in str(caught.value)


def test_a_missing_attribute_is_an_error_too(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        render_document(template(tmp_path, "{{ council.nmae }}"), {"council": {"name": "A"}}, PROPS)
    assert "nmae" in str(caught.value)


def test_a_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    path = template(tmp_path, "{{ council.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError) as caught:
        render_document(path, {"council": {"name": "A"}}, PROPS)
    assert "__class__" in str(caught.value) or "unsafe" in str(caught.value)


def test_a_syntax_error_is_reported_with_nearby_text(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        render_document(
            template(tmp_path, "Before", "{% if x %}never closed", "After"), {"x": 1}, PROPS
        )
    assert "tag error" in str(caught.value)


def test_a_file_that_is_not_a_word_document_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_document(path, {}, PROPS)
    assert "cannot use this file as a Word template" in str(caught.value)


def test_document_properties_are_set(tmp_path: Path) -> None:
    import io

    out = render_document(template(tmp_path, "x"), {}, PROPS)
    core = Document(io.BytesIO(out)).core_properties
    assert (core.title, core.subject, core.author, core.keywords, core.language) == (
        "Title",
        "Subject",
        "Author",
        "Keywords",
        "en-GB",
    )


def test_a_template_cannot_reach_function_globals(tmp_path: Path) -> None:
    path = template(tmp_path, "{{ lipsum.__globals__['os'] }}")
    with pytest.raises(TemplateError) as caught:
        render_document(path, {}, PROPS)
    assert str(caught.value) == (
        "template.docx: the template tries to use '__globals__', which is part of Python, "
        "not of the profile; templates may not reach it"
    )


def test_a_template_cannot_read_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    path = template(tmp_path, f'{{% include "{secret}" %}}')
    with pytest.raises(TemplateError) as caught:
        render_document(path, {}, PROPS)
    assert "a template cannot read other files" in str(caught.value)
    assert "password" not in str(caught.value)


def test_a_template_cannot_build_a_huge_value(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="may not build text or lists longer than 100,000"):
        render_document(template(tmp_path, "{{ 'x' * 10000000 }}"), {}, PROPS)


def test_house_fields_reach_the_template_and_a_missing_one_is_named(
    example: Path, edited, tmp_path: Path
) -> None:
    from lisdraft.build.context import build_context
    from lisdraft.profile.loader import load_profile
    from lisdraft.stocktake.assess import assess_stocktake

    path = edited(lambda d: d.__setitem__("extra", {"strapline": "Greener & fairer"}))
    profile = load_profile(path)
    context = build_context(profile, assess_stocktake(profile))
    out = render_document(template(tmp_path, "{{ extra.strapline }}"), context, PROPS)
    assert "Greener & fairer" in docx_text(out)
    with pytest.raises(TemplateError, match=r"'extra\.report_no', which the profile's extra:"):
        render_document(template(tmp_path, "{{ extra.report_no }}"), context, PROPS)


def test_the_sandbox_refuses_a_changing_method_after_allowing_a_reading_one(
    tmp_path: Path,
) -> None:
    # lisdraft remembers the sandbox's verdict per type and attribute name, so a
    # list's `count` being allowed must not let `append` through.
    allowed = template(tmp_path, "{{ items.count(1) }} {{ items.index(2) }}")
    assert "1 1" in docx_text(render_document(allowed, {"items": [1, 2]}, PROPS))
    refused = template(tmp_path, "{{ items.count(1) }}{{ items.append(3) }}")
    with pytest.raises(TemplateError) as caught:
        render_document(refused, {"items": [1, 2]}, PROPS)
    assert "append" in str(caught.value)


@pytest.mark.parametrize(
    "reach", ["council._names", "council.__class__.__mro__", "council.__dict__"]
)
def test_the_render_contexts_fields_are_read_but_its_internals_stay_out_of_reach(
    tmp_path: Path, example: Path, reach: str
) -> None:
    from lisdraft import assess_stocktake, load_profile
    from lisdraft.build.context import build_context

    profile = load_profile(example)
    context = build_context(profile, assess_stocktake(profile))
    fine = template(tmp_path, "{{ council.name }} has {{ board.members|length }} members")
    assert "Felpersham City Council has" in docx_text(render_document(fine, context, PROPS))
    with pytest.raises(TemplateError):
        render_document(template(tmp_path, "{{ " + reach + " }}"), context, PROPS)
