"""The area overview: the councils of Borchestershire side by side."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from conftest import AREA_EXAMPLE, docx_text
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.word.accessibility import check_document

OVERVIEW = "borchestershire-area-overview.docx"
STOCKTAKES = {
    "Borchestershire County Council": "borchestershire-county-council/"
    "borchestershire-county-council-stock-take.docx",
    "Felpersham City Council": "borchestershire/felpersham-city-council-stock-take.docx",
    "Borchester Borough Council": "borchester-borough-council/"
    "borchester-borough-council-stock-take.docx",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    build_documents([AREA_EXAMPLE], out, BuildOptions(jobs=1)).raise_on_failure()
    return out


def table_rows(path: Path, caption_header: str) -> list[list[str]]:
    """Return the body rows of the first table whose header row starts with `caption_header`."""
    for table in Document(str(path)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == caption_header:
            return rows[1:]
    raise AssertionError(f"no table starting with {caption_header!r} in {path.name}")


def test_a_folder_build_writes_one_overview_for_the_area(built: Path) -> None:
    assert (built / OVERVIEW).is_file()
    assert sorted(p.name for p in built.glob("*.docx")) == [OVERVIEW]


def test_the_overviews_matrix_matches_each_councils_own_stocktake(built: Path) -> None:
    matrix = table_rows(built / OVERVIEW, "No.")
    assert len(matrix) == 8 * len(STOCKTAKES)
    for council, stocktake in STOCKTAKES.items():
        own = table_rows(built / stocktake, "No.")  # No., Question, Council's answer, Rating
        assert len(own) == 8
        mine = [row for row in matrix if row[2] == council]
        assert [[r[0], r[1], r[3], r[4]] for r in mine] == own


def test_the_overview_shows_the_forum_map_of_every_council_and_forum(built: Path) -> None:
    import re
    import zipfile

    with zipfile.ZipFile(built / OVERVIEW) as package:
        pictures = [n for n in package.namelist() if n.startswith("word/media/")]
        body = package.read("word/document.xml").decode("utf-8")
    assert len(pictures) == 1
    [alt] = re.findall(r'descr="(Forum map:[^"]*)"', body)
    assert "3 councils on the left, 8 forums in the middle" in alt
    assert "Borchester and Felpersham Economic Joint Committee" in alt
    assert "Our council" not in alt  # the overview speaks for the area, not one council


def test_the_councils_appear_in_the_area_files_order(built: Path) -> None:
    councils = [row[0] for row in table_rows(built / OVERVIEW, "Council")][:3]
    assert councils == list(STOCKTAKES)


def test_forum_gaps_and_board_seats_are_named(built: Path) -> None:
    forums = {row[0]: row for row in table_rows(built / OVERVIEW, "Forum")}
    sub_group = forums["LEP Local Industrial Strategy Sub-group"]
    assert sub_group[4] == "Borchester Borough Council"
    assert forums["LIS Officer Steering Group"][3:] == ["All", "None"]
    text = docx_text(built / OVERVIEW)
    assert "No seat" in text and "Cllr Amina Rashford to Felpersham City Council Cabinet" in text


def test_the_overview_is_accessible_and_reproducible(built: Path, tmp_path: Path) -> None:
    data = (built / OVERVIEW).read_bytes()
    assert check_document(data) == []
    build_documents([AREA_EXAMPLE], tmp_path, BuildOptions(jobs=1)).raise_on_failure()
    assert (tmp_path / OVERVIEW).read_bytes() == data


def test_one_councils_build_writes_no_overview(tmp_path: Path) -> None:
    result = build_documents(AREA_EXAMPLE / "profile.yaml", tmp_path).raise_on_failure()
    assert result.overviews == []
    assert not (tmp_path / OVERVIEW).exists()


def test_the_overview_lists_where_a_profile_contradicts_the_area(tmp_path: Path) -> None:
    area = tmp_path / "borchestershire"
    shutil.copytree(AREA_EXAMPLE, area)
    borough = area / "borchester-borough-council.yaml"
    text = borough.read_text(encoding="utf-8")
    borough.write_text(
        text.replace(
            "board_members_briefed:\n    answer: not_known",
            "board_members_briefed:\n    answer: yes",
        ),
        encoding="utf-8",
    )
    build_documents([area], tmp_path / "out", BuildOptions(jobs=1)).raise_on_failure()
    overview = docx_text(tmp_path / "out" / OVERVIEW)
    assert "no member of the board in the area file" in overview
    assert f"{borough}:" in overview and f"{area / 'area.yaml'}:" in overview
    assert "No council's profile contradicts the area file." not in overview


def test_a_customised_overview_template_is_used(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    document = Document()
    document.add_heading("How {{ area.name }}'s councils compare", level=1)
    document.add_paragraph("{% for c in councils %}{{ c.name }}; {% endfor %}")
    document.save(str(templates / "area-overview.docx"))
    options = BuildOptions(templates_dir=templates, jobs=1)
    result = build_documents([AREA_EXAMPLE], tmp_path / "out", options).raise_on_failure()
    text = docx_text(tmp_path / "out" / OVERVIEW)
    assert "How Borchestershire's councils compare" in text
    assert "Borchestershire County Council; Felpersham City Council;" in text
    assert (tmp_path / "out" / OVERVIEW) in result.paths
