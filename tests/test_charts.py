"""The comparison charts in the contribution: editable Word charts with their workbooks."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree

from conftest import docx_text
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.profile.loader import load_profile
from lisdraft.word.accessibility import check_document

CONTRIBUTION = "felpersham-city-council-contribution.docx"
ONLY = BuildOptions(only=("contribution",))
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _build(profile: Path, out: Path) -> zipfile.ZipFile:
    build_documents(profile, out, ONLY).raise_on_failure()
    return zipfile.ZipFile(out / CONTRIBUTION)


def _charts(package: zipfile.ZipFile) -> list[tuple[str, Any, Any]]:
    """Return each chart as (part name, chart XML, workbook), following the relationships."""
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PR}Relationship")}
    document = etree.fromstring(package.read("word/document.xml"))
    charts = []
    for reference in document.iter(f"{C}chart"):
        part = "word/" + targets[reference.get(f"{R}id")]
        chart = etree.fromstring(package.read(part))
        folder, _, name = part.rpartition("/")
        chart_rels = etree.fromstring(package.read(f"{folder}/_rels/{name}.rels"))
        external = chart.find(f"{C}externalData").get(f"{R}id")
        (book_target,) = [
            r.get("Target") for r in chart_rels.iter(f"{PR}Relationship") if r.get("Id") == external
        ]
        book = package.read(str(Path(folder, book_target)).replace("word/charts/../", "word/"))
        charts.append((part, chart, openpyxl.load_workbook(io.BytesIO(book))))
    return charts


def _series(chart: Any) -> dict[str, list[float]]:
    """Each series' figures, for the categories as they read down the page."""
    return {
        ser.find(f"{C}tx").findtext(f".//{C}v"): [
            float(v.text) for v in ser.find(f"{C}val").iter(f"{C}v")
        ][::-1]
        for ser in chart.iter(f"{C}ser")
    }


def _categories(chart: Any) -> list[str]:
    """The categories as they read down the page: the category axis runs bottom up."""
    assert chart.find(f".//{C}catAx/{C}scaling/{C}orientation").get("val") == "minMax"
    ser = next(chart.iter(f"{C}ser"))
    return [v.text for v in ser.find(f"{C}cat").iter(f"{C}v")][::-1]


@pytest.fixture(scope="module")
def example_charts(tmp_path_factory: pytest.TempPathFactory) -> tuple[zipfile.ZipFile, list[Any]]:
    from conftest import EXAMPLE

    package = _build(EXAMPLE, tmp_path_factory.mktemp("out"))
    return package, _charts(package)


def test_each_unit_gets_its_own_chart_holding_the_profiles_figures(example_charts) -> None:
    from conftest import EXAMPLE

    _, charts = example_charts
    benchmarks = [i.benchmark for i in load_profile(EXAMPLE).evidence.items if i.benchmark]
    by_unit: dict[str, list[Any]] = {}
    for benchmark in benchmarks:
        by_unit.setdefault(benchmark.unit, []).append(benchmark)
    assert len(charts) == len(by_unit) == 2  # pounds and per cent never share an axis
    for (_, chart, _), group in zip(charts, by_unit.values(), strict=True):
        assert _categories(chart) == [b.measure for b in group]
        assert _series(chart) == {
            "Our area": [b.council_area for b in group],
            "LEP area": [b.lep_area for b in group],
            "England": [b.england for b in group],
        }


def test_the_embedded_workbook_holds_the_same_figures_for_edit_data(example_charts) -> None:
    _, charts = example_charts
    for _, chart, book in charts:
        rows = list(book["Sheet1"].iter_rows(values_only=True))
        assert rows[0] == ("Measure", "Our area", "LEP area", "England")
        assert [row[0] for row in rows[:0:-1]] == _categories(chart)  # bottom up, as drawn
        series = _series(chart)
        for column, name in enumerate(("Our area", "LEP area", "England"), start=1):
            assert [row[column] for row in rows[:0:-1]] == series[name]


def _values(row: Any) -> list[Any]:
    """The values of a row of cells from openpyxl (a tuple of cells, or one cell)."""
    return [cell.value for cell in (row if isinstance(row, tuple) else (row,))]


def test_every_formula_in_the_chart_points_at_the_cells_holding_its_figures(
    example_charts,
) -> None:
    # Word's "Edit data" opens the workbook and reads each series back through its
    # formula (c:f): a formula pointing at the wrong cells would redraw other figures.
    _, charts = example_charts
    checked = 0
    for _, chart, book in charts:
        for reference in chart.iter(f"{C}strRef", f"{C}numRef"):
            formula = reference.findtext(f"{C}f")
            sheet, _, cells = formula.rpartition("!")
            cached = [point.findtext(f"{C}v") for point in reference.iter(f"{C}pt")]
            found = book[sheet.strip("'")][cells.replace("$", "")]
            rows = found if isinstance(found, tuple) else ((found,),)  # a range, or one cell
            values = [v if isinstance(v, str) else float(v) for row in rows for v in _values(row)]
            expected = [v if reference.tag == f"{C}strRef" else float(v) for v in cached]
            assert values == expected, formula
            checked += 1
    assert checked >= 4 * len(charts)  # categories, and each series' name and figures


def test_the_bars_and_the_legend_read_our_area_first(example_charts) -> None:
    # Bars and the legend beside them are drawn bottom up from the first series, so
    # our area, to be read first, is the last series plotted.
    _, charts = example_charts
    for _, chart, _ in charts:
        plotted = [ser.find(f"{C}tx").findtext(f".//{C}v") for ser in chart.iter(f"{C}ser")]
        assert plotted == ["England", "LEP area", "Our area"]
        assert [ser.find(f"{C}order").get("val") for ser in chart.iter(f"{C}ser")] == [
            "0",
            "1",
            "2",
        ]
        assert chart.find(f".//{C}legend/{C}legendPos").get("val") == "r"


def test_charts_have_titles_axis_titles_data_labels_and_alt_text(example_charts) -> None:
    package, charts = example_charts
    titles = []
    for _, chart, _ in charts:
        title = "".join(t.text for t in chart.find(f"{C}chart/{C}title").iter(f"{A}t"))
        titles.append(title)
        axis = "".join(t.text for t in chart.find(f".//{C}valAx/{C}title").iter(f"{A}t"))
        assert axis in {"Pounds (£)", "Per cent (%)"}
        assert chart.find(f".//{C}dLbls/{C}showVal").get("val") == "1"
    assert titles == ["How our area compares: pounds (£)", "How our area compares: per cent (%)"]
    document = etree.fromstring(package.read("word/document.xml"))
    described = [
        d.get("descr") for d in document.iter(f"{WP}docPr") if d.get("name").startswith("Chart")
    ]
    assert len(described) == 2
    assert "Employment rate, residents aged 16-64, 2025: our area 71.4%" in described[1]


def test_the_parts_are_declared_so_word_opens_them(example_charts) -> None:
    package, charts = example_charts
    types = package.read("[Content_Types].xml").decode()
    for part, _, _ in charts:
        assert f'PartName="/{part}"' in types
    assert 'Extension="xlsx"' in types
    books = [n for n in package.namelist() if n.startswith("word/embeddings/")]
    assert books == [
        "word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
        "word/embeddings/Microsoft_Excel_Worksheet2.xlsx",
    ]


def test_the_contribution_with_charts_has_no_accessibility_findings(tmp_path: Path) -> None:
    from conftest import EXAMPLE

    build_documents(EXAMPLE, tmp_path, ONLY).raise_on_failure()
    assert check_document((tmp_path / CONTRIBUTION).read_bytes()) == []


def test_a_profile_without_comparisons_has_no_chart_and_no_heading(
    edited: Callable[[Callable[[Any], None]], Path], tmp_path: Path
) -> None:
    def drop_benchmarks(data: Any) -> None:
        for item in data["evidence"]["items"]:
            item.pop("benchmark", None)

    package = _build(edited(drop_benchmarks), tmp_path)
    assert _charts(package) == []
    assert not any(n.startswith("word/charts/") for n in package.namelist())
    assert "How our area compares" not in docx_text(tmp_path / CONTRIBUTION)


def test_a_changed_figure_reaches_the_chart_and_its_workbook(
    edited: Callable[[Callable[[Any], None]], Path], tmp_path: Path
) -> None:
    def change(data: Any) -> None:
        data["evidence"]["items"][0]["benchmark"]["council_area"] = 36.25

    (_, chart, book), _ = _charts(_build(edited(change), tmp_path))
    assert _series(chart)["Our area"] == [36.25]
    assert book["Sheet1"]["B2"].value == 36.25


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    from conftest import EXAMPLE

    build_documents(EXAMPLE, tmp_path / "one", ONLY).raise_on_failure()
    build_documents(EXAMPLE, tmp_path / "two", ONLY).raise_on_failure()
    one = (tmp_path / "one" / CONTRIBUTION).read_bytes()
    assert one == (tmp_path / "two" / CONTRIBUTION).read_bytes()
    assert re.search(rb"word/charts/chart1\.xml", one)
