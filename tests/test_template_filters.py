"""Helpers for template authors: what each gives, alone and in a rendered document."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from template_factory import make_template

from conftest import docx_text
from lisdraft.build.render import Properties, render_document
from lisdraft.errors import TemplateError
from lisdraft.templating.helpers import (
    date_filter,
    foundation_names,
    join_and,
    paragraphs_filter,
    rating_fill,
    rating_text,
)

PROPS = Properties("Title", "Subject", "Author", "Keywords")


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (dt.date(2026, 11, 25), "long", "25 November 2026"),
        ("2026-11-05", "long", "5 November 2026"),
        ("16 November 2026", "short", "16 Nov 2026"),
        ("16 November 2026", "month", "November 2026"),
        ("", "long", ""),
        ("the next review", "long", "the next review"),
    ],
)
def test_dates_are_written_the_british_way(value: object, style: str, expected: str) -> None:
    assert date_filter(value, style) == expected


def test_lists_are_joined_with_commas_and_a_final_and() -> None:
    assert join_and(["A", "B", "C"]) == "A, B and C"
    assert join_and([{"name": "Ann"}, {"name": "Bo"}], "name") == "Ann and Bo"
    assert join_and([]) == ""


def test_foundation_keys_become_their_names() -> None:
    assert foundation_names("business_environment") == "Business environment"
    assert foundation_names(["ideas", "place"]) == "Ideas and Place"


def test_ratings_give_symbol_word_and_fill_from_a_key_or_a_group() -> None:
    assert rating_text("green") == "✓ Green"
    assert rating_text({"rating_key": "unknown"}) == "? Not enough information"
    assert rating_fill({"rating_key": "red"}) == "FFC7CE"


def test_a_rating_helper_given_something_without_a_rating_says_so(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{{ council|rating_text }}")
    with pytest.raises(TemplateError, match="needs a question, step or board check"):
        render_document(path, {"council": {"name": "A"}}, PROPS)


def test_each_line_or_item_becomes_its_own_paragraph(tmp_path: Path) -> None:
    assert paragraphs_filter("one\n\ntwo\n") == "one\atwo"
    path = make_template(tmp_path / "t.docx", "{{ facts|paragraphs }}")
    out = render_document(path, {"facts": ["First fact.", "Second fact."]}, PROPS)
    texts = [p.text for p in Document(io.BytesIO(out)).paragraphs]
    assert texts[:2] == ["First fact.", "Second fact."]


def test_page_breaks_fall_between_repeated_sections_and_not_after_the_last(
    tmp_path: Path,
) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{%p for s in sections %}",
        "Section {{ s }}",
        "{{p page_break(loop) }}",
        "{%p endfor %}",
    )
    out = render_document(path, {"sections": ["A", "B", "C"]}, PROPS)
    blocks = [
        "BREAK" if 'w:type="page"' in p._p.xml else p.text
        for p in Document(io.BytesIO(out)).paragraphs
    ]
    assert blocks == ["Section A", "BREAK", "Section B", "BREAK", "Section C"]
    assert "Section C" in docx_text(out)


def _example_context() -> dict[str, object]:
    from conftest import EXAMPLE
    from lisdraft.build.context import build_context
    from lisdraft.profile.loader import load_profile
    from lisdraft.stocktake.assess import assess_stocktake

    profile = load_profile(EXAMPLE)
    return build_context(profile, assess_stocktake(profile))


def test_a_house_style_can_chart_each_comparison_on_its_own_and_move_the_map(
    tmp_path: Path,
) -> None:
    import zipfile

    path = make_template(
        tmp_path / "t.docx",
        "{{p forum_map() }}",
        "{%p for b in evidence.benchmarks %}",
        "{{ b.measure }}",
        "{{p chart(b) }}",
        "{%p endfor %}",
    )
    out = render_document(path, _example_context(), PROPS)
    names = zipfile.ZipFile(io.BytesIO(out)).namelist()
    assert sorted(n for n in names if n.startswith("word/charts/chart")) == [
        "word/charts/chart1.xml",
        "word/charts/chart2.xml",
        "word/charts/chart3.xml",
    ]
    chart = zipfile.ZipFile(io.BytesIO(out)).read("word/charts/chart3.xml").decode()
    assert "Employment rate, residents aged 16-64, 2025</a:t>" in chart  # titled by its measure
    xml = Document(io.BytesIO(out)).element.xml
    assert xml.index('name="Forum map"') < xml.index('name="Chart 2"')


def test_chart_names_what_it_can_draw_when_asked_for_something_else(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{{p chart('priorities') }}")
    with pytest.raises(TemplateError, match="chart\\(\\) draws 'comparisons'"):
        render_document(path, _example_context(), PROPS)


def test_a_template_without_pictures_is_left_without_chart_parts(tmp_path: Path) -> None:
    import zipfile

    path = make_template(tmp_path / "t.docx", "{{ place.name }}")
    out = render_document(path, _example_context(), PROPS)
    names = zipfile.ZipFile(io.BytesIO(out)).namelist()
    assert not any(n.startswith(("word/charts", "word/embeddings", "word/media")) for n in names)


# --- image ---------------------------------------------------------------------------------


def _context_with_images(with_images, **images: dict[str, object]) -> dict[str, object]:
    from lisdraft.build.context import build_context
    from lisdraft.profile.loader import load_profile
    from lisdraft.stocktake.assess import assess_stocktake

    profile = load_profile(with_images(**images))
    return build_context(profile, assess_stocktake(profile))


def test_image_places_the_profiles_picture_as_wide_as_it_says(
    with_images, tmp_path: Path
) -> None:
    from conftest import LOGO

    context = _context_with_images(
        with_images, logo=LOGO, crest={**LOGO, "path": "felpersham-logo.jpg", "width_mm": 15}
    )
    path = make_template(
        tmp_path / "t.docx",
        "{{p image('crest') }}",
        "{{ images.crest.alt }}",
        "{{p image('logo') }}",
    )
    out = render_document(path, context, PROPS)
    body = Document(io.BytesIO(out)).element.body
    pictures = body.findall(".//" + qn("wp:docPr"))
    assert [p.get("name") for p in pictures] == ["Image crest", "Image logo"]
    assert {p.get("descr") for p in pictures} == {"Felpersham City Council logo"}
    widths = [e.get("cx") for e in body.findall(".//" + qn("wp:extent"))]
    assert widths == ["540000", "2160000"]  # 1.5 cm and 6 cm
    assert docx_text(out).splitlines()[1] == "Felpersham City Council logo"
    types = zipfile.ZipFile(io.BytesIO(out)).read("[Content_Types].xml").decode()
    assert 'Extension="jpeg" ContentType="image/jpeg"' in types
    assert 'Extension="png" ContentType="image/png"' in types


def test_an_image_the_profile_lacks_is_an_error_naming_those_it_has(
    with_images, tmp_path: Path
) -> None:
    from conftest import LOGO

    context = _context_with_images(with_images, logo=LOGO)
    path = make_template(tmp_path / "t.docx", "{{p image('crest') }}")
    with pytest.raises(TemplateError) as caught:
        render_document(path, context, PROPS)
    assert "image('crest') names an image the profile does not have; the profile's images " in (
        str(caught.value)
    )
    assert "are 'logo'. Add it under images: in the profile" in str(caught.value)


def test_an_image_asked_for_only_when_the_profile_has_it_leaves_no_paragraph(
    tmp_path: Path,
) -> None:
    path = make_template(
        tmp_path / "t.docx", "Before", "{{p image('logo') if 'logo' in images else '' }}", "After"
    )
    out = render_document(path, _example_context(), PROPS)
    assert docx_text(out).splitlines()[:2] == ["Before", "After"]
