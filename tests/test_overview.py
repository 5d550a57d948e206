"""The area overview: the councils of Borchestershire side by side."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from conftest import AREA_EXAMPLE, docx_text
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.text import slugify
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


def matrix_tables(path: Path) -> list[list[list[str]]]:
    """Return each table of the overview's matrix (header row first) as rows of cell texts."""
    document = Document(str(path))
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return [rows for rows in tables if rows[0][:2] == ["No.", "Question"]]


def matrix_columns(path: Path) -> dict[str, list[list[str]]]:
    """Return each council's column of the matrix as [No., Question, answer, rating] rows."""
    columns: dict[str, list[list[str]]] = {}
    for header, *rows in matrix_tables(path):
        for index, council in enumerate(header[2:], start=2):
            assert council not in columns  # each council has one column, in one table
            # Each cell holds the council's answer, then the rating as symbol and word.
            columns[council] = [[row[0], row[1], *row[index].split("\n")] for row in rows]
    return columns


def test_the_overviews_matrix_matches_each_councils_own_stocktake(built: Path) -> None:
    [matrix] = matrix_tables(built / OVERVIEW)  # three councils: one table
    assert matrix[0] == ["No.", "Question", *STOCKTAKES]  # side by side, in the area's order
    assert len(matrix) == 1 + 8  # one row per question
    columns = matrix_columns(built / OVERVIEW)
    for council, stocktake in STOCKTAKES.items():
        own = table_rows(built / stocktake, "No.")  # No., Question, Council's answer, Rating
        assert len(own) == 8
        assert columns[council] == own


def test_a_matrix_cell_is_shaded_by_its_rating_as_well_as_worded(built: Path) -> None:
    [table] = [
        t for t in Document(str(built / OVERVIEW)).tables if t.rows[0].cells[0].text == "No."
    ]
    cell = table.rows[4].cells[4]  # question 4 for Borchester Borough Council
    assert cell.text == "Not known\n! Amber"
    assert 'w:fill="FFEB9C"' in cell._tc.xml


def add_councils(area: Path, count: int) -> list[str]:
    """Add `count` district councils to the copy of Borchestershire at `area`; return all names.

    Each new council's profile is the borough council's, with a different
    answer to question 3 so that the columns differ.
    """
    names = [f"Newtown {n} District Council" for n in range(1, count + 1)]
    area_file = area / "area.yaml"
    entries = "".join(
        f"    - {{name: {name}, type: district, leader: Cllr Sam Vale {n}, "
        "leader_on_lep_board: false}\n"
        for n, name in enumerate(names, start=1)
    )
    text = area_file.read_text(encoding="utf-8")
    last = "leader: Cllr Peter Gillingham, leader_on_lep_board: false}\n"
    area_file.write_text(text.replace(last, last + entries), encoding="utf-8")
    borough = (area / "borchester-borough-council.yaml").read_text(encoding="utf-8")
    for n, name in enumerate(names, start=1):
        mine = borough.replace("council: Borchester Borough Council", f"council: {name}")
        if n % 2:
            mine = mine.replace(
                "family_of_strategies:\n    answer: no", "family_of_strategies:\n    answer: yes"
            )
        (area / f"newtown-{n}.yaml").write_text(mine, encoding="utf-8")
    return [*STOCKTAKES, *names]


def test_seven_councils_are_split_into_tables_of_at_most_four(tmp_path: Path) -> None:
    area = tmp_path / "borchestershire"
    shutil.copytree(AREA_EXAMPLE, area)
    names = add_councils(area, 4)
    out = tmp_path / "out"
    build_documents([area], out, BuildOptions(jobs=1)).raise_on_failure()
    tables = matrix_tables(out / OVERVIEW)
    assert [table[0][2:] for table in tables] == [names[:4], names[4:]]
    assert all(len(table) == 1 + 8 for table in tables)
    text = docx_text(out / OVERVIEW)
    assert "Councils 1 to 4 of 7" in text and "Councils 5 to 7 of 7" in text
    columns = matrix_columns(out / OVERVIEW)
    assert list(columns) == names
    for council in names:  # each column is that council's own stock-take
        [stocktake] = out.glob(f"**/{slugify(council)}-stock-take.docx")
        assert columns[council] == table_rows(stocktake, "No.")
    assert columns["Newtown 1 District Council"][2][2] == "Yes"  # question 3 as each answered
    assert columns["Newtown 2 District Council"][2][2] == "No"
    assert check_document((out / OVERVIEW).read_bytes()) == []


def test_tables_share_the_councils_as_evenly_as_they_can() -> None:
    from lisdraft.build.overview import table_sizes

    assert table_sizes(3, 4) == [3]
    assert table_sizes(5, 4) == [3, 2]
    assert table_sizes(7, 4) == [4, 3]
    assert table_sizes(12, 4) == [4, 4, 4]
    assert table_sizes(13, 4) == [4, 3, 3, 3]


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


def test_text_gives_the_overview_a_markdown_copy_with_its_matrix(tmp_path: Path) -> None:
    options = BuildOptions(text=True, jobs=1)
    build_documents([AREA_EXAMPLE], tmp_path, options).raise_on_failure()
    markdown = (tmp_path / "borchestershire-area-overview.md").read_text(encoding="utf-8")
    assert f"| No. | Question | {' | '.join(STOCKTAKES)} |" in markdown
    columns = matrix_columns(tmp_path / OVERVIEW)
    for number in range(8):  # each question's row, every council's answer and rating in turn
        number_and_question = columns[next(iter(STOCKTAKES))][number][:2]
        cells = ["<br>".join(columns[council][number][2:]) for council in STOCKTAKES]
        assert f"| {' | '.join([*number_and_question, *cells])} |" in markdown
    # Rebuilt without --text, the copy is out of date and goes.
    build_documents([AREA_EXAMPLE], tmp_path, BuildOptions(jobs=1)).raise_on_failure()
    assert not (tmp_path / "borchestershire-area-overview.md").exists()


def test_a_customised_overview_is_checked_before_it_is_used(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    document = Document()
    document.add_heading("How {{ area.nmae }}'s councils compare", level=1)
    document.save(str(templates / "area-overview.docx"))
    options = BuildOptions(templates_dir=templates, jobs=1)
    result = build_documents([AREA_EXAMPLE], tmp_path / "out", options)
    [overview] = result.overviews
    assert not overview.ok and not (tmp_path / "out" / OVERVIEW).exists()
    assert f"{templates / 'area-overview.docx'}: body, paragraph 1" in str(overview.error)
    assert "did you mean 'area.name'?" in str(overview.error)
