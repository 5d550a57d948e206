"""Fit each table's columns to what they hold, so no word is broken inside a cell.

A template table whose layout is "AutoFit to contents" (no fixed layout in its
`w:tblLayout`) gets its column widths worked out here, after rendering, from the
text it actually holds. This is the way web browsers lay out automatic tables:

- a column is never narrower than its longest word (header included), measured
  with Arial's character widths (`lisdraft.word.fontwidths`) plus the cell margins;
- the rest of the table's width goes to the columns whose text would still wrap,
  in proportion to how much wider their longest line is than their longest word.
- when the longest words cannot all fit, only the widest columns give way, so
  a long name breaks rather than the short words of every column.

The widths are then written as a fixed layout, so Word and LibreOffice show the
same columns. Columns whose body cells all hold figures ("12.5%", "£1,200",
"2025") are right-aligned, header included. A table whose template fixes its
layout keeps the widths its author chose.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator

from lisdraft.word.fontwidths import BOLD, REGULAR
from lisdraft.word.ooxml import Element, children, first_child, is_on, w, wval

#: Table Grid's left and right cell margins together, in twentieths of a point (twips).
CELL_MARGINS = 2 * 108
#: Room for what the character widths leave out (hinting, rounding) in a column's width.
SLACK = 1.05
#: The body text size in half-points (12 pt), for runs that do not set their own.
DEFAULT_SIZE = 24
#: A character missing from the width table counts as this wide (thousandths of an em).
UNKNOWN_WIDTH = 1000
#: Marks a line may break after, when a letter follows: hyphen-minus, hyphen, en dash.
HYPHENS = frozenset("-\u2010\u2013")
FIGURE = re.compile(r"[£$€]?[-+−]?\d[\d,]*(\.\d+)?\s?(%|p|k|m|bn)?")
# w:pPr children that must come after w:jc (ECMA-376 CT_PPr).
_AFTER_JC = {
    w(tag)
    for tag in (
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
}


def fit_tables(body: Element) -> None:
    """Fit the columns of every table in `body` whose layout is not fixed."""
    for table in body.iter(w("tbl")):
        properties = table.find(w("tblPr"))
        layout = properties.find(w("tblLayout")) if properties is not None else None
        if wval(layout, "type") != "fixed" and properties is not None:
            fit_table(table, properties)


def fit_table(table: Element, properties: Element) -> None:
    """Set the grid and cell widths of `table` from its text, and fix its layout."""
    grid = table.find(w("tblGrid"))
    columns = grid.findall(w("gridCol")) if grid is not None else []
    rows = [children(row, _CELL) for row in children(table, _ROW)]
    if not columns or any(len(cells) != len(columns) for cells in rows):
        return  # merged or missing cells: leave the author's widths
    total = sum(int(c.get(w("w")) or 0) for c in columns)
    by_column = list(zip(*rows, strict=True))
    # Each cell is read once: its widest word, its widest line and its text.
    measured = [[_measure(cell) for cell in column] for column in by_column]
    shortest = [CELL_MARGINS + max(word for word, _, _ in column) for column in measured]
    longest = [CELL_MARGINS + max(line for _, line, _ in column) for column in measured]
    widths = share_width(total, shortest, longest)
    for column, width in zip(columns, widths, strict=True):
        column.set(w("w"), str(width))
    for cells in rows:
        for cell, width in zip(cells, widths, strict=True):
            _set_cell_width(cell, width)
    _fix_layout(properties)
    for column, read in zip(by_column, measured, strict=True):
        if _holds_figures([text for _, _, text in read[1:]]):  # the body, below the header
            for cell in column:
                for paragraph in children(cell, _PARAGRAPH):
                    _align_right(paragraph)


def share_width(total: int, shortest: list[int], longest: list[int]) -> list[int]:
    """Return column widths adding up to `total` (twips), none below its longest word.

    When even the longest words do not fit side by side, the widest columns
    give way: every column keeps its longest word up to a common limit, chosen
    so that the columns fill `total`, and only those whose word is wider than
    that limit break it. A few long names break rather than every column's
    short words ("Yea/r", "Data/set").
    """
    minimum = [round(width * SLACK) for width in shortest]
    maximum = [max(lo, round(hi * SLACK)) for lo, hi in zip(minimum, longest, strict=True)]
    if sum(minimum) >= total:  # even the words do not fit: the widest columns give way
        widths = _capped(total, minimum)
    elif sum(maximum) <= total:  # every line fits: share the spare width in proportion
        widths = [total * width // sum(maximum) for width in maximum]
    else:
        spare = total - sum(minimum)
        wants = [hi - lo for lo, hi in zip(minimum, maximum, strict=True)]
        widths = [lo + spare * want // sum(wants) for lo, want in zip(minimum, wants, strict=True)]
    widths[-1] += total - sum(widths)  # whatever rounding left over
    return widths


def _capped(total: int, widths: list[int]) -> list[int]:
    """Return `widths` with the widest cut to one limit, so that they add up to `total`."""
    narrowest_first = sorted(widths)
    room = total
    for count, width in enumerate(narrowest_first):
        left = len(widths) - count  # columns not yet given their width, this one included
        if width * left >= room:  # this one and every wider one share what is left
            limit = room // left
            return [min(width, limit) for width in widths]
        room -= width
    return list(widths)


# A stretch of a paragraph's text in one boldness and size: (text, bold, half-points).
Segment = tuple[str, bool, int]
_NON_SPACE = re.compile(r"\S+")  # \s is str.isspace's whitespace
_BREAKS = (w("tab"), w("br"))
_RUN, _RUN_PROPERTIES, _BOLD, _SIZE, _TEXT = w("r"), w("rPr"), w("b"), w("sz"), w("t")
_ROW, _CELL, _PARAGRAPH = w("tr"), w("tc"), w("p")
_CELL_PROPERTIES, _CELL_WIDTH, _WIDTH, _TYPE = w("tcPr"), w("tcW"), w("w"), w("type")
_PARAGRAPH_PROPERTIES, _JUSTIFICATION, _VALUE = w("pPr"), w("jc"), w("val")


@functools.lru_cache(maxsize=1 << 16)
def _em_thousandths(text: str, bold: bool) -> int:
    """Return the width of `text` in thousandths of an em (cached: cells repeat words)."""
    widths = BOLD if bold else REGULAR
    return sum(widths.get(char, UNKNOWN_WIDTH) for char in text)


def _width(segments: list[Segment]) -> int:
    """Return the width in twips of `segments`, rounded up once for the whole line."""
    thousandths = sum(_em_thousandths(text, bold) * size * 10 for text, bold, size in segments)
    return -(-thousandths // 1000)


def _segments(paragraph: Element) -> tuple[list[Segment], str]:
    """Return the text of `paragraph` in stretches of one boldness and size, and its plain text.

    In the stretches, a tab or line break counts as a space; anything else
    that is not text (fields' codes, pictures) takes no width. The plain text
    is the text alone.
    """
    found: list[Segment] = []
    plain: list[str] = []
    for run in paragraph.iter(_RUN):
        bold, size, properties = False, DEFAULT_SIZE, None
        pieces = []
        for piece in run:  # the run's properties, text, tabs and breaks in one look
            tag = piece.tag
            if tag == _TEXT:
                pieces.append(piece.text or "")
                plain.append(piece.text or "")
            elif tag in _BREAKS:
                pieces.append(" ")
            elif tag == _RUN_PROPERTIES and properties is None:
                properties = piece
                bold, size = _bold_and_size(piece)
        text = "".join(pieces)
        if not text:
            continue
        if found and found[-1][1] == bold and found[-1][2] == size:
            found[-1] = (found[-1][0] + text, bold, size)
        else:
            found.append((text, bold, size))
    return found, "".join(plain)


def _bold_and_size(properties: Element) -> tuple[bool, int]:
    """Return whether run `properties` make text bold, and its size in half-points."""
    bold = size = None
    for child in properties:  # the first w:b and the first w:sz, as Word reads them
        if child.tag == _BOLD and bold is None:
            bold = child
        elif child.tag == _SIZE and size is None:
            size = child
    return bool(is_on(bold)), int(wval(size) or DEFAULT_SIZE)


def _measure(cell: Element) -> tuple[int, int, str]:
    """Return `cell`'s widest unbreakable word and widest paragraph (twips), and its text."""
    paragraphs = [_segments(paragraph) for paragraph in cell.iter(_PARAGRAPH)]
    return (
        max((_longest_word(segments) for segments, _ in paragraphs), default=0),
        max((_width(segments) for segments, _ in paragraphs), default=0),
        "".join(text for _, text in paragraphs).strip(),
    )


def _longest_word(segments: list[Segment]) -> int:
    """Return the width of the widest piece of a paragraph that a line cannot break.

    Lines break at spaces and after a hyphen followed by a letter
    ("Featherstonehaugh-/Cholmondeley"), but not inside a range of figures ("16-64").
    """
    if len(segments) == 1:  # the usual case: one formatting for the whole paragraph
        text, bold, size = segments[0]
        return -(-_widest_word(text, bold) * size * 10 // 1000)  # in twips, rounded up
    text = "".join(piece for piece, _, _ in segments)
    starts = list(itertools.accumulate((len(piece) for piece, _, _ in segments), initial=0))
    widest = 0
    for match in _NON_SPACE.finditer(text):
        for start, end in _unbroken(text, *match.span()):
            widest = max(widest, _width(_between(segments, starts, start, end)))
    return widest


@functools.lru_cache(maxsize=1 << 14)
def _widest_word(text: str, bold: bool) -> int:
    """Return the width in thousandths of an em of the widest unbreakable piece of `text`."""
    return max(
        (
            _em_thousandths(text[start:end], bold)
            for match in _NON_SPACE.finditer(text)
            for start, end in _unbroken(text, *match.span())
        ),
        default=0,
    )


def _unbroken(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the pieces of the word `text[start:end]`, cut after each hyphen before a letter."""
    for index in range(start, end - 1):
        if text[index] in HYPHENS and text[index + 1].isalpha():
            yield start, index + 1
            start = index + 1
    yield start, end


def _between(segments: list[Segment], starts: list[int], start: int, end: int) -> list[Segment]:
    """Return the stretches of `segments` that hold characters `start` to `end` of their text."""
    if len(segments) == 1:  # the usual case: one formatting for the whole paragraph
        text, bold, size = segments[0]
        return [(text[start:end], bold, size)]
    first = bisect.bisect_right(starts, start) - 1
    found: list[Segment] = []
    for index in range(first, len(segments)):
        offset = starts[index]
        if offset >= end:
            break
        text, bold, size = segments[index]
        found.append((text[max(start - offset, 0) : end - offset], bold, size))
    return found


def _holds_figures(texts: list[str]) -> bool:
    return any(texts) and all(FIGURE.fullmatch(text) for text in texts if text)


def _set_cell_width(cell: Element, width: int) -> None:
    properties = first_child(cell, _CELL_PROPERTIES)
    if properties is None:
        properties = cell.makeelement(_CELL_PROPERTIES, {})
        cell.insert(0, properties)
    size = first_child(properties, _CELL_WIDTH)
    if size is None:
        size = properties.makeelement(_CELL_WIDTH, {})
        after = first_child(properties, w("cnfStyle"))
        properties.insert(0 if after is None else 1, size)
    size.set(_WIDTH, str(width))
    size.set(_TYPE, "dxa")


def _fix_layout(properties: Element) -> None:
    layout = properties.find(w("tblLayout"))
    if layout is None:
        layout = properties.makeelement(w("tblLayout"), {})
        # CT_TblPr order: ... tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout ...
        later = {w(t) for t in ("tblCellMar", "tblLook", "tblCaption", "tblDescription")}
        position = next((i for i, c in enumerate(properties) if c.tag in later), len(properties))
        properties.insert(position, layout)
    layout.set(w("type"), "fixed")


def _align_right(paragraph: Element) -> None:
    properties = first_child(paragraph, _PARAGRAPH_PROPERTIES)
    if properties is None:
        properties = paragraph.makeelement(_PARAGRAPH_PROPERTIES, {})
        paragraph.insert(0, properties)
    jc = first_child(properties, _JUSTIFICATION)
    if jc is None:
        jc = properties.makeelement(_JUSTIFICATION, {})
        position = next(
            (i for i, c in enumerate(properties) if c.tag in _AFTER_JC), len(properties)
        )
        properties.insert(position, jc)
    jc.set(_VALUE, "right")
