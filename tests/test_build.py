"""Building the three Borchestershire documents and reading them back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from template_factory import make_template

from conftest import HOUSE_STYLE, LOGO, docx_text
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.errors import ProfileError, TemplateError, UsageError

NAMES = {
    "contribution": "felpersham-city-council-contribution.docx",
    "briefing": "felpersham-city-council-briefing.docx",
    "stocktake": "felpersham-city-council-stock-take.docx",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from conftest import EXAMPLE

    out = tmp_path_factory.mktemp("out")
    paths = build_documents(EXAMPLE, out).raise_on_failure().paths
    assert sorted(p.name for p in paths) == sorted(NAMES.values())
    return {key: docx_text(out / name) for key, name in NAMES.items()}


def test_no_template_tags_are_left_in_any_document(built: dict[str, str]) -> None:
    for text in built.values():
        assert "{{" not in text and "{%" not in text


def test_the_contribution_carries_cover_vision_evidence_and_asks(built: dict[str, str]) -> None:
    text = built["contribution"]
    for expected in [
        "Felpersham City Council",
        "Borchestershire and Felpersham LEP",
        "OFFICIAL",
        "By 2030 Borchestershire will be a productive, fair and low-carbon economy.",
        "per hour worked",  # a benchmark row in the evidence table
        "A1",  # numbered asks
        "Business environment",  # priorities grouped by foundation
        "Custodian of place",  # the seven roles
        "Felpersham Inclusive Growth and Regeneration Strategy",
        "Borchester and Felpersham Economic Joint Committee",
        "priya.wendover@felpersham.gov.example",
    ]:
        assert expected in text, expected


def test_ampersands_in_the_profile_survive_into_the_document(built: dict[str, str]) -> None:
    assert "Borchester Food & Drink Cluster" in built["contribution"]


def test_the_briefing_covers_composition_conflicts_and_nolan(built: dict[str, str]) -> None:
    text = built["briefing"]
    for expected in [
        "Cllr Amina Rashford",
        "Nine of the 13 members come from the private sector (69%). That meets the rule",
        "Selflessness",
        "Leadership",
        "Station Quarter",
    ]:
        assert expected in text, expected


def test_the_stocktake_answers_all_eight_questions(built: dict[str, str]) -> None:
    text = built["stocktake"]
    from lisdraft.framework import QUESTIONS, STEPS

    for question in QUESTIONS:
        assert question.text in text
    for step in STEPS:
        assert step.name in text
    assert "✓ Green" in text and "! Amber" in text


def test_only_builds_the_documents_asked_for(example: Path, tmp_path: Path) -> None:
    paths = (
        build_documents(example, tmp_path, BuildOptions(only=("briefing",)))
        .raise_on_failure()
        .paths
    )
    assert [p.name for p in paths] == [NAMES["briefing"]]


def test_an_unknown_document_name_is_a_usage_error(example: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown document 'minutes'"):
        build_documents(example, tmp_path, BuildOptions(only=("minutes",))).raise_on_failure()


def test_an_invalid_profile_writes_nothing(edited, tmp_path: Path) -> None:
    path = edited(lambda d: d["meta"].__setitem__("status", "published"))
    out = tmp_path / "out"
    with pytest.raises(ProfileError):
        build_documents(path, out).raise_on_failure()
    assert not out.exists() or not any(out.iterdir())


def test_a_further_template_in_the_folder_is_built_into_its_own_document(
    example: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    make_template(
        templates / "cabinet-report.docx",
        "Cabinet report {{ extra.cabinet_report|default('') }} for {{ council.name }}",
    )
    result = build_documents(example, tmp_path / "out", BuildOptions(templates_dir=templates))
    names = sorted(path.name for path in result.raise_on_failure().paths)
    assert names == [
        "felpersham-city-council-briefing.docx",
        "felpersham-city-council-cabinet-report.docx",
        "felpersham-city-council-contribution.docx",
        "felpersham-city-council-stock-take.docx",
    ]
    report = tmp_path / "out" / "felpersham-city-council-cabinet-report.docx"
    assert docx_text(report).startswith("Cabinet report  for Felpersham City Council")
    assert Document(str(report)).core_properties.title == (
        "Cabinet report: Felpersham City Council"
    )


def test_a_further_template_that_would_overwrite_a_document_is_refused(
    example: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    make_template(templates / "Stock-take.docx", "{{ council.name }}")
    with pytest.raises(TemplateError, match="over one of its own"):
        build_documents(example, tmp_path / "out", BuildOptions(templates_dir=templates))


# --- a logo from the profile's images: ---------------------------------------------------


def _first_paragraphs(path: Path) -> list:
    return Document(str(path)).element.body.findall(qn("w:p"))[:2]


def test_the_logo_opens_each_document_above_the_title_with_its_alt_text(
    with_images, tmp_path: Path
) -> None:
    from lisdraft.word.accessibility import check_document

    profile = with_images(logo=LOGO)
    paths = build_documents(profile, tmp_path / "out").raise_on_failure().paths
    for path in paths:
        logo, title = _first_paragraphs(path)
        [picture] = logo.findall(f".//{qn('wp:docPr')}")
        assert picture.get("descr") == "Felpersham City Council logo"
        [extent] = logo.findall(f".//{qn('wp:extent')}")
        assert (extent.get("cx"), extent.get("cy")) == ("2160000", "720000")  # 6 cm by 2 cm
        assert title.find(f".//{qn('w:pStyle')}").get(qn("w:val")) == "Title"
        assert check_document(path) == []  # what `lisdraft check` reports: nothing
    media = zipfile.ZipFile(paths[0]).read("word/media/lisdraft-picture1.png")
    assert media == (HOUSE_STYLE / "felpersham-logo.png").read_bytes()


def test_a_build_with_a_logo_gives_the_same_bytes_every_time(with_images, tmp_path: Path) -> None:
    profile = with_images(logo={**LOGO, "path": "felpersham-logo.jpg"})
    first = build_documents(profile, tmp_path / "first").raise_on_failure().paths
    second = build_documents(profile, tmp_path / "second").raise_on_failure().paths
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert "word/media/lisdraft-picture1.jpeg" in zipfile.ZipFile(first[0]).namelist()


def test_without_a_logo_the_title_opens_each_document(example: Path, tmp_path: Path) -> None:
    for path in build_documents(example, tmp_path / "out").raise_on_failure().paths:
        first, _ = _first_paragraphs(path)
        assert first.find(f".//{qn('w:pStyle')}").get(qn("w:val")) == "Title"
        assert first.find(f".//{qn('w:drawing')}") is None
