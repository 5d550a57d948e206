"""The forum map: who meets where, drawn as a picture for the contribution.

Councils stand on the left, the forums in the middle and the LEP board on the
right. A line joins a council to each forum it sits on, drawn by who attends
(councillors solid, officers dashed, both dotted), and a green line joins
the LEP board to each forum the LEP takes part in. `draw_forum_map` draws it
from the render context with Pillow, as a PNG that is the same bytes every
time for the same profile, and says in words what it shows (its alt text).
"""

from __future__ import annotations

import functools
import io
import math
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lisdraft.text import join_names

# 1,400 pixels across 15.5 cm of page is about 229 dots an inch, so text of
# 33 and 29 pixels prints at about 10.4 and 9.1 points.
WIDTH = 1400
MARGIN = 24
FONT_SIZE = 33
SMALL_SIZE = 29
LINE_GAP = 4
PAD = 10
ROW_GAP = 16
# Left and right edges. The forums' column is the widest, so that a forum's name
# takes two lines rather than three and who attends fits on one: the map is then
# short enough to share an A4 page with its heading and introduction.
COLUMNS = ((MARGIN, 384), (484, 1034), (1122, WIDTH - MARGIN))
# The picture is drawn with a palette, which makes a PNG several times quicker to
# write than full colour. Indices 0 to INK run from white to the ink colour, so
# text drawn on white keeps its smooth edges; the line colours follow.
INK = 63
_INK_RGB = (38, 38, 38)
_RAMP = [
    round(255 + (ink - 255) * step / INK) for step in range(INK + 1) for ink in _INK_RGB
]
#: Line colour (a palette index), dash and gap lengths (0 = solid) for who attends a forum.
LEVEL_LINES: dict[str, tuple[int, int, int]] = {
    "members": (INK + 1, 0, 0),
    "officers": (INK + 2, 18, 12),
    "mixed": (INK + 3, 5, 8),
}
LEP_LINE = (INK + 4, 0, 0)
OUR_BORDER = INK + 1
PALETTE = [*_RAMP, 31, 78, 121, 197, 90, 17, 112, 48, 160, 84, 130, 53]
LINE_WIDTH = 4
LEGEND = (
    ("members", "Councillors attend"),
    ("officers", "Officers attend"),
    ("mixed", "Councillors and officers attend"),
    ("lep", "The LEP takes part"),
)


@dataclass(frozen=True)
class ForumMap:
    """A drawn forum map: the PNG, its size in pixels and its alt text."""

    png: bytes
    size: tuple[int, int]
    alt_text: str


@dataclass
class _Box:
    lines: list[tuple[str, bool]]  # text, and whether it is a name (larger type)
    left: int
    right: int
    top: int = 0
    height: int = 0
    outline: int = INK
    border: int = 2


def _level(forum: Mapping[str, Any]) -> str:
    """Return 'members', 'officers' or 'mixed' for a forum of the render context."""
    level = str(forum.get("level", "")).strip().lower()
    return level if level in LEVEL_LINES else "mixed"


def _takes_part(value: Any) -> bool:
    """Read a context yes/no ('Yes', 'No', True) as a bool."""
    return value is True or str(value).strip().lower() in {"yes", "true"}


def describe(
    councils: Sequence[Mapping[str, Any]], lep: str, forums: Sequence[Mapping[str, Any]]
) -> str:
    """Return the map's alt text: every forum, who attends it, and who sits on the LEP board."""
    who = {
        "members": "councillors from",
        "officers": "officers from",
        "mixed": "councillors and officers from",
    }
    sentences = []
    for forum in forums:
        names = [str(name) for name in forum.get("council_names", [])]
        attends = f"{who[_level(forum)]} {join_names(names)}" if names else "no council listed"
        lep_part = ", with the LEP" if _takes_part(forum.get("lep")) else ""
        steers = "; it steers the LIS" if _takes_part(forum.get("steers")) else ""
        sentences.append(f"{forum.get('name', '')}: {attends}{lep_part}{steers}.")
    on_board = [str(c.get("name", "")) for c in councils if _takes_part(c.get("on_board"))]
    board = (
        f" Leaders on the {lep} board: {join_names(on_board)}." if on_board else ""
    )
    return (
        f"Forum map: {len(councils)} councils on the left, {len(forums)} forums in the middle "
        f"and the {lep} board on the right, with lines for who takes part. "
        + " ".join(sentences)
        + board
    )


def draw_forum_map(
    councils: Sequence[Mapping[str, Any]],
    lep: str,
    forums: Sequence[Mapping[str, Any]],
    our_council: str = "",
) -> ForumMap:
    """Draw the map of `forums` for `councils` and the LEP named `lep` (render-context values)."""
    from PIL import Image, ImageDraw  # heavy: imported only when a map is drawn

    font, small = _fonts()

    def wrap(text: str, width: int, chosen: Any) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            if lines and chosen.getlength(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]

    def box(lines: list[tuple[str, bool]], column: int, **options: Any) -> _Box:
        left, right = COLUMNS[column]
        width = right - left - 2 * PAD
        wrapped = [
            (line, big) for text, big in lines for line in wrap(text, width, font if big else small)
        ]
        height = 2 * PAD + sum((FONT_SIZE if big else SMALL_SIZE) + LINE_GAP for _, big in wrapped)
        return _Box(wrapped, left, right, height=height, **options)

    council_boxes = {}
    for council in councils:
        name = str(council.get("name", ""))
        lines = [(name, True)]
        if _takes_part(council.get("on_board")):
            lines.append(("Leader on the LEP board", False))
        ours = name == our_council
        council_boxes[name] = box(
            lines, 0, outline=OUR_BORDER if ours else INK, border=6 if ours else 2
        )
    forum_boxes = []
    for forum in forums:
        level = {"members": "Councillors", "officers": "Officers"}.get(
            _level(forum), "Councillors and officers"
        )
        detail = level + (" · steers the LIS" if _takes_part(forum.get("steers")) else "")
        forum_boxes.append(box([(str(forum.get("name", "")), True), (detail, False)], 1))
    board = box([(f"{lep} board", True)], 2, border=4)

    heading_height = FONT_SIZE + 2 * PAD
    columns: list[list[_Box]] = [list(council_boxes.values()), forum_boxes, [board]]
    tallest = max(sum(b.height for b in col) + ROW_GAP * (len(col) - 1) for col in columns)
    for col in columns:
        used = sum(b.height for b in col) + ROW_GAP * (len(col) - 1)
        top = heading_height + (tallest - used) // 2
        for item in col:
            item.top = top
            top += item.height + ROW_GAP
    legend_top = heading_height + tallest + 2 * ROW_GAP
    legend_rows = math.ceil(len(LEGEND) / 2)
    height = legend_top + legend_rows * (SMALL_SIZE + 2 * LINE_GAP) + 3 * MARGIN

    image = Image.new("P", (WIDTH, height), 0)
    image.putpalette(PALETTE)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "L"  # smooth text: it blends along the white-to-ink part of the palette
    for column, title in zip(COLUMNS, ("Councils", "Forums", "LEP board"), strict=True):
        draw.text((column[0], MARGIN // 2), title, font=font, fill=INK)

    # Lines first, so boxes sit on top of their ends.
    incoming: list[list[tuple[str, str]]] = []  # per forum: (council, level)
    outgoing: dict[str, int] = {name: 0 for name in council_boxes}
    for forum in forums:
        joined = [str(n) for n in forum.get("council_names", []) if str(n) in council_boxes]
        incoming.append([(name, _level(forum)) for name in joined])
        for name in joined:
            outgoing[name] += 1
    sent = {name: 0 for name in council_boxes}
    for forum_box, links in zip(forum_boxes, incoming, strict=True):
        for index, (name, level) in enumerate(links):
            council_box = council_boxes[name]
            sent[name] += 1
            start = (council_box.right, _spread(council_box, sent[name], outgoing[name]))
            end = (forum_box.left, _spread(forum_box, index + 1, len(links)))
            _line(draw, start, end, LEVEL_LINES[level])
    lep_forums = [b for b, f in zip(forum_boxes, forums, strict=True) if _takes_part(f.get("lep"))]
    for index, forum_box in enumerate(lep_forums):
        start = (board.left, _spread(board, index + 1, len(lep_forums)))
        _line(draw, start, (forum_box.right, forum_box.top + forum_box.height // 2), LEP_LINE)

    for item in [*council_boxes.values(), *forum_boxes, board]:
        draw.rectangle(
            (item.left, item.top, item.right, item.top + item.height),
            fill=0,
            outline=item.outline,
            width=item.border,
        )
        y = item.top + PAD
        for text, big in item.lines:
            draw.text((item.left + PAD, y), text, font=font if big else small, fill=INK)
            y += (FONT_SIZE if big else SMALL_SIZE) + LINE_GAP

    for index, (key, label) in enumerate(LEGEND):
        x = MARGIN + (index % 2) * (WIDTH // 2)
        y = legend_top + (index // 2) * (SMALL_SIZE + 2 * LINE_GAP) + SMALL_SIZE // 2
        style = LEP_LINE if key == "lep" else LEVEL_LINES[key]
        _line(draw, (x, y), (x + 100, y), style)
        draw.text((x + 115, y - SMALL_SIZE // 2 - 2), label, font=small, fill=INK)
    if our_council in council_boxes:
        y = legend_top + legend_rows * (SMALL_SIZE + 2 * LINE_GAP) + LINE_GAP
        draw.rectangle((MARGIN, y, MARGIN + 100, y + SMALL_SIZE), fill=0, outline=OUR_BORDER,
                       width=6)
        draw.text((MARGIN + 115, y - 2), f"Our council: {our_council}", font=small, fill=INK)

    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)  # 3 times quicker than 6, a third larger
    return ForumMap(buffer.getvalue(), image.size, describe(councils, lep, forums))


@functools.cache
def _fonts() -> tuple[Any, Any]:
    """Return Pillow's own font (the same on every machine) at the two sizes, loaded once."""
    from PIL import ImageFont

    return ImageFont.load_default(FONT_SIZE), ImageFont.load_default(SMALL_SIZE)


def forum_map_picture(
    councils: Sequence[Mapping[str, Any]],
    lep: str,
    forums: Sequence[Mapping[str, Any]],
    our_council: str = "",
) -> tuple[bytes, tuple[int, int], str]:
    """Return the map's PNG, its size in pixels and its alt text, drawing it only when needed.

    A map drawn before for the same councils, forums and LEP is reused from
    lisdraft's cache (see `lisdraft.word.drawings.kept`), so that a build
    that draws nothing new does not import Pillow at all.
    """
    from lisdraft.word.drawings import kept

    key = repr(([dict(c) for c in councils], lep, [dict(f) for f in forums], our_council))
    png = kept(
        "forum-map",
        key,
        ("lisdraft/build/forum_map.py", "PIL/_version.py"),
        lambda: draw_forum_map(councils, lep, forums, our_council).png,
    )
    width, height = struct.unpack(">II", png[16:24])  # from the PNG's header chunk
    return png, (width, height), describe(councils, lep, forums)


def _spread(item: _Box, index: int, count: int) -> int:
    """Return the height on `item`'s side for line `index` of `count`, spread evenly."""
    return item.top + item.height * index // (count + 1)


def _line(
    draw: Any,
    start: tuple[int, int],
    end: tuple[int, int],
    style: tuple[int, int, int],
) -> None:
    """Draw a line from `start` to `end` in `style`: colour, dash length and gap (0 = solid)."""
    colour, dash, gap = style
    if not dash:
        draw.line((start, end), fill=colour, width=LINE_WIDTH)
        return
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    step = 0.0
    while step < length:
        stop = min(step + dash, length)
        a, b = step / length, stop / length
        draw.line(
            ((x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)),
            fill=colour,
            width=LINE_WIDTH,
        )
        step += dash + gap
