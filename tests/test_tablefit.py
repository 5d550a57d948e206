"""Table columns fit their text: no column narrower than its longest word, figures right-aligned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table

from conftest import Edit
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.word.fontwidths import BOLD, REGULAR
from lisdraft.word.tablefit import share_width

LONG_WORD = "Internationalisation"  # wider than the Title column the template starts with
TEXT_WIDTH_TWIPS = 9638  # 17 cm


def contribution(profile: Path, out: Path) -> Any:
    options = BuildOptions(only=("contribution",))
    [path] = build_documents(profile, out, options).raise_on_failure().paths
    return Document(str(path))


def table_with_caption(document: Any, caption: str) -> Table:
    for table in document.tables:
        described = table._tbl.tblPr.find(qn("w:tblCaption"))
        if described is not None and caption in described.get(qn("w:val")):
            return table
    raise AssertionError(f"no table captioned {caption!r}")


def width_of(word: str, bold: bool = False) -> int:
    """The word's width in twips at 12 pt, from Arial's metrics."""
    return sum((BOLD if bold else REGULAR)[c] for c in word) * 12 * 20 // 1000


def test_a_long_word_in_an_evidence_title_widens_its_column_and_the_table_still_fits(
    edited: Callable[[Edit], Path], tmp_path: Path
) -> None:
    def lengthen(data: Any) -> None:
        data["evidence"]["items"][0]["title"] = f"The {LONG_WORD} Study"

    table = table_with_caption(
        contribution(edited(lengthen), tmp_path / "out"), "Evidence the council offers"
    )
    widths = [column.width.twips for column in table.columns]
    assert sum(widths) == TEXT_WIDTH_TWIPS
    assert widths[0] > width_of(LONG_WORD)
    for column, width in zip(table.columns, widths, strict=True):
        header = column.cells[0].text
        assert width > max(width_of(word, bold=True) for word in header.split())
    assert all(cell.width.twips == widths[0] for cell in table.columns[0].cells)


def test_figures_are_right_aligned_and_words_left_aligned(example: Path, tmp_path: Path) -> None:
    table = table_with_caption(contribution(example, tmp_path / "out"), "compared with")
    measure, our_area = table.columns[0], table.columns[1]
    assert our_area.cells[1].text.replace(".", "").replace("£", "").replace("%", "").isdigit()
    assert all(cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for cell in our_area.cells)
    assert all(cell.paragraphs[0].alignment is None for cell in measure.cells)


def test_rows_never_split_and_the_header_row_repeats(example: Path, tmp_path: Path) -> None:
    for table in contribution(example, tmp_path / "out").tables:
        header, *body = table._tbl.tr_lst
        assert header.trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in [header, *body])


def test_a_double_barrelled_name_needs_room_only_for_its_longest_part(
    edited: Callable[[Edit], Path], tmp_path: Path
) -> None:
    # A line may break after a hyphen, so the Title column need not hold the whole name,
    # and the other columns keep room for their headers ("Year", "Kind").
    name = "Featherstonehaugh-Cholmondeley-Wolverhamptonshire"

    def lengthen(data: Any) -> None:
        data["evidence"]["items"][0]["title"] = name

    table = table_with_caption(
        contribution(edited(lengthen), tmp_path / "out"), "Evidence the council offers"
    )
    title = table.columns[0].width.twips
    assert width_of("Wolverhamptonshire") < title < width_of(name)
    for column in table.columns:
        header = column.cells[0].text
        assert column.width.twips > max(width_of(word, bold=True) for word in header.split())


def test_when_the_longest_words_cannot_all_fit_only_the_widest_columns_give_way() -> None:
    # Title and Owner hold long names; Kind, Year and Shared hold short words.
    words = [4000, 1000, 3600, 700, 900]
    widths = share_width(9638, words, words)
    assert sum(widths) == 9638
    kept = [width >= round(word * 1.05) for width, word in zip(widths, words, strict=True)]
    assert kept == [False, True, False, True, True]
    assert widths[0] == widths[2]  # the two long names give way alike


def _reference_measure(cell: Any) -> tuple[int, int]:
    """The measure written the plain way, character by character: the oracle for tablefit's."""
    from lisdraft.word.tablefit import DEFAULT_SIZE, HYPHENS, UNKNOWN_WIDTH

    def width(chars: list[tuple[str, bool, int]]) -> int:
        total = sum((BOLD if b else REGULAR).get(c, UNKNOWN_WIDTH) * s * 10 for c, b, s in chars)
        return -(-total // 1000)

    word_widest = line_widest = 0
    for paragraph in cell.iter(qn("w:p")):
        chars: list[tuple[str, bool, int]] = []
        for run in paragraph.iter(qn("w:r")):
            props = run.find(qn("w:rPr"))
            bold = props is not None and props.find(qn("w:b")) is not None
            size_el = props.find(qn("w:sz")) if props is not None else None
            size = int(size_el.get(qn("w:val"))) if size_el is not None else DEFAULT_SIZE
            for piece in run:
                if piece.tag == qn("w:t"):
                    chars += [(c, bold, size) for c in piece.text or ""]
                elif piece.tag in (qn("w:tab"), qn("w:br")):
                    chars.append((" ", bold, size))
        line_widest = max(line_widest, width(chars))
        word: list[tuple[str, bool, int]] = []
        for index, item in enumerate(chars):
            following = chars[index + 1][0] if index + 1 < len(chars) else " "
            if item[0].isspace():
                word_widest, word = max(word_widest, width(word)), []
                continue
            word.append(item)
            if item[0] in HYPHENS and following.isalpha():
                word_widest, word = max(word_widest, width(word)), []
        word_widest = max(word_widest, width(word))
    return word_widest, line_widest


def test_cells_in_mixed_formatting_are_measured_as_character_by_character() -> None:
    # Runs that change boldness and size mid-word, hyphens across runs, tabs, breaks,
    # non-breaking spaces and characters missing from Arial's table.
    from lisdraft.word.tablefit import _measure

    document = Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("Featherstone").bold = True
    cell.paragraphs[0].add_run("haugh-")
    cell.paragraphs[0].add_run("Cholmondeley 16-64\u00a0years").font.size = 200000
    second = cell.add_paragraph("£1,200\tplus ")
    second.add_run("ПРИВЕТ мир").add_break()
    second.add_run("x-ray –Dash ‐hyphen").bold = True
    cell.add_paragraph("")
    element = cell._tc
    word, line, _ = _measure(element)
    assert (word, line) == _reference_measure(element)
    assert word > 0
