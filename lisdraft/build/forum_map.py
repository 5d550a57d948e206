"""The forum map: who meets where, drawn as a picture for the contribution.

Councils stand on the left, the forums in the middle and the LEP board on the
right. A line joins a council to each forum it sits on, drawn by who attends
(councillors solid, officers dashed, both dotted), and a green line joins
the LEP board to each forum the LEP takes part in. `draw_forum_map` draws it
from the render context with Pillow, as a PNG that is the same bytes every
time for the same profile, and says in words what it shows (its alt text).

Names are set in Liberation Sans Bold and the rest in Liberation Sans when
those fonts are installed (`FONT_FILES`), otherwise all in Pillow's own font,
which has no bold. Setting LISDRAFT_MAP_FONT=builtin uses Pillow's font
anyway, so that the map is the same bytes on every computer. Each label is
wrapped to its column: between words, after a hyphen, in smaller type when
one piece is still too wide, and as a last resort inside a word.

Text is drawn one glyph at a time from glyphs rendered once per process
(`_glyph`), which is several times quicker than asking FreeType to render
every line afresh: the same few dozen letters make up every map.
"""

from __future__ import annotations

import functools
import io
import math
import os
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lisdraft.profile.yamlsafe import cycle_collection_paused
from lisdraft.text import join_names

# 1,400 pixels across 15.5 cm of page is about 229 dots an inch, so text of
# 33 and 29 pixels prints at about 10.4 and 9.1 points.
WIDTH = 1400
MARGIN = 24
FONT_SIZE = 33
SMALL_SIZE = 29
#: Smaller sizes a name or a line of detail is set in when one of its words is too wide.
NAME_SIZES = (FONT_SIZE, 29, 25)
SMALL_SIZES = (SMALL_SIZE, 25)
#: Regular and bold Liberation Sans, where Debian's fonts-liberation and fonts-liberation2
#: put them; the first pair found is used.
FONT_FILES = tuple(
    (
        f"/usr/share/fonts/truetype/{folder}/LiberationSans-Regular.ttf",
        f"/usr/share/fonts/truetype/{folder}/LiberationSans-Bold.ttf",
    )
    for folder in ("liberation", "liberation2")
)
#: The tallest a map is printed, in cm: an A4 page less its margins, a heading and a line
#: of introduction. A taller map (a dozen forums) is printed narrower than the text.
MAX_HEIGHT_CM = 22.0
#: zlib level for the PNG: 1 is the quickest; a map is about 100 KB.
COMPRESS_LEVEL = 1
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
_RAMP = [round(255 + (ink - 255) * step / INK) for step in range(INK + 1) for ink in _INK_RGB]
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
    lines: list[tuple[str, bool, int]]  # text, whether it is a name (bold), size in pixels
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
    board = f" Leaders on the {lep} board: {join_names(on_board)}." if on_board else ""
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
    """Draw the map of `forums` for `councils` and the LEP named `lep` (render-context values).

    Python's cycle collector is paused meanwhile: drawing makes many small objects
    and none in cycles, and in a build's large heap the collections they set off
    took longer than the drawing (about 35 ms of 85 for the example's first map).
    """
    with cycle_collection_paused():
        return _draw(councils, lep, forums, our_council)


def _draw(
    councils: Sequence[Mapping[str, Any]],
    lep: str,
    forums: Sequence[Mapping[str, Any]],
    our_council: str,
) -> ForumMap:
    from PIL import Image, ImageDraw  # heavy: imported only when a map is drawn

    def box(lines: list[tuple[str, bool]], column: int, **options: Any) -> _Box:
        left, right = COLUMNS[column]
        width = right - left - 2 * PAD
        fitted = [line for text, big in lines for line in _fit(text, width, big)]
        height = 2 * PAD + sum(size + LINE_GAP for _, _, size in fitted)
        return _Box(fitted, left, right, height=height, **options)

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
    our_lines = (
        _fit(f"Our council: {our_council}", WIDTH - 2 * MARGIN - 115, False)
        if our_council in council_boxes
        else []
    )
    height = (
        legend_top
        + legend_rows * (SMALL_SIZE + 2 * LINE_GAP)
        + sum(size + LINE_GAP for _, _, size in our_lines[1:])
        + 3 * MARGIN
    )

    image = Image.new("P", (WIDTH, height), 0)
    image.putpalette(PALETTE)
    draw = ImageDraw.Draw(image)
    for column, title in zip(COLUMNS, ("Councils", "Forums", "LEP board"), strict=True):
        _text(draw, (column[0], MARGIN // 2), title, True, FONT_SIZE)

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
        for text, big, size in item.lines:
            _text(draw, (item.left + PAD, y), text, big, size)
            y += size + LINE_GAP

    for index, (key, label) in enumerate(LEGEND):
        x = MARGIN + (index % 2) * (WIDTH // 2)
        y = legend_top + (index // 2) * (SMALL_SIZE + 2 * LINE_GAP) + SMALL_SIZE // 2
        style = LEP_LINE if key == "lep" else LEVEL_LINES[key]
        _line(draw, (x, y), (x + 100, y), style)
        _text(draw, (x + 115, y - SMALL_SIZE // 2 - 2), label, False, SMALL_SIZE)
    y = legend_top + legend_rows * (SMALL_SIZE + 2 * LINE_GAP) + LINE_GAP
    if our_lines:
        draw.rectangle(
            (MARGIN, y, MARGIN + 100, y + SMALL_SIZE), fill=0, outline=OUR_BORDER, width=6
        )
        for text, big, size in our_lines:
            _text(draw, (MARGIN + 115, y - 2), text, big, size)
            y += size + LINE_GAP

    buffer = io.BytesIO()
    # Given a name rather than the format, Pillow 13 loads only its PNG writer (older
    # releases load all five common ones), not also BMP, GIF, JPEG and PPM, which cost
    # about 15 ms when a build draws its first map.
    buffer.name = "forum-map.png"
    image.save(buffer, compress_level=COMPRESS_LEVEL)
    return ForumMap(buffer.getvalue(), image.size, describe(councils, lep, forums))


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

    files = font_files()
    # The fonts drawn with, and their size and date, so that a new font draws the map again.
    fonts = [(path, os.stat(path).st_size, os.stat(path).st_mtime_ns) for path in files or ()]
    key = repr(([dict(c) for c in councils], lep, [dict(f) for f in forums], our_council, fonts))
    png = kept(
        "forum-map",
        key,
        ("lisdraft/build/forum_map.py", "PIL/_version.py"),
        lambda: draw_forum_map(councils, lep, forums, our_council).png,
    )
    width, height = struct.unpack(">II", png[16:24])  # from the PNG's header chunk
    return png, (width, height), describe(councils, lep, forums)


def printed_width_cm(size: tuple[int, int], full_width_cm: float) -> float:
    """Return how wide to print a map of `size` pixels: `full_width_cm`, or less if it is tall."""
    return min(full_width_cm, round(MAX_HEIGHT_CM * size[0] / size[1], 2))


def font_files() -> tuple[str, str] | None:
    """Return the regular and bold font files the map is drawn in, or None for Pillow's own."""
    return _font_files(os.environ.get("LISDRAFT_MAP_FONT", "").strip().lower())


@functools.cache
def _font_files(choice: str) -> tuple[str, str] | None:
    if choice == "builtin":
        return None
    for pair in FONT_FILES:
        if all(os.path.isfile(path) for path in pair):
            return pair
    return None


def _fit(text: str, width: int, big: bool) -> list[tuple[str, bool, int]]:
    """Return `text` as lines no wider than `width`, each with `big` and its size in pixels."""
    return list(_fitted(font_files(), text, width - 2, big))  # 2 pixels for glyphs' overhang


@functools.lru_cache(maxsize=4096)
def _fitted(
    files: tuple[str, str] | None, text: str, width: int, big: bool
) -> tuple[tuple[str, bool, int], ...]:
    """Return `text` wrapped to `width` (see `_fit`), in the largest size its pieces fit."""
    # Pieces: words, and the parts of a hyphenated word after each hyphen.
    pieces: list[tuple[str, bool]] = []  # text, and whether a space comes before it
    for word in text.split():
        parts = word.split("-")
        for index, part in enumerate(parts):
            piece = part if index == len(parts) - 1 else f"{part}-"
            if piece:
                pieces.append((piece, index == 0))
    sizes = NAME_SIZES if big else SMALL_SIZES
    # The largest size in which every piece fits; failing that, the largest that needs
    # the fewest breaks inside a piece. Smaller sizes are measured only when needed.
    size = next(
        (s for s in sizes if all(_width(files, big, s, p) <= width for p, _ in pieces)), 0
    ) or min(
        sizes,
        key=lambda s: (sum(len(_broken(files, big, s, p, width)) for p, _ in pieces), -s),
    )
    lines: list[str] = []
    for piece, spaced in pieces:
        for index, part in enumerate(_broken(files, big, size, piece, width)):
            if lines and index == 0:
                joined = f"{lines[-1]} {part}" if spaced else lines[-1] + part
                if _width(files, big, size, joined) <= width:
                    lines[-1] = joined
                    continue
            lines.append(part)
    return tuple((line, big, size) for line in lines or [""])


def _broken(
    files: tuple[str, str] | None, big: bool, size: int, piece: str, width: int
) -> list[str]:
    """Return `piece` as parts no wider than `width`, broken with a hyphen where it must be.

    The parts are about the same length, so that no line holds only a letter or two.
    """
    count = max(1, math.ceil(_width(files, big, size, piece) / width))  # parts at the least
    while count < len(piece):
        step = -(-len(piece) // count)
        parts = [piece[start : start + step] for start in range(0, len(piece), step)]
        parts = [part + "-" for part in parts[:-1]] + parts[-1:]
        if all(_width(files, big, size, part) <= width for part in parts):
            return parts
        count += 1
    return list(piece)


def _width(files: tuple[str, str] | None, big: bool, size: int, text: str) -> float:
    """Return how wide `text` is drawn by `_text`, in pixels."""
    words = text.split(" ")
    space = _glyph(files, big, size, " ")[3]
    return sum(_word(files, big, size, word)[1] for word in words) + space * (len(words) - 1)


def _text(draw: Any, xy: tuple[int, int], text: str, big: bool, size: int) -> None:
    """Draw `text` with its top left corner at `xy`, in ink, from the glyph cache."""
    files = font_files()
    x, y = xy
    pen = float(x)
    space = _glyph(files, big, size, " ")[3]
    paint = draw.bitmap
    for word in text.split(" "):
        glyphs, width = _word(files, big, size, word)
        start = round(pen)
        for mask, left, top in glyphs:
            paint((start + left, y + top), mask, fill=INK)
        pen += width + space


@functools.lru_cache(maxsize=8192)
def _word(
    files: tuple[str, str] | None, big: bool, size: int, word: str
) -> tuple[tuple[tuple[Any, int, int], ...], float]:
    """Return the glyphs of `word` (mask and offset from its start) and its width, kerned."""
    glyphs = []
    pen = 0.0
    for index, char in enumerate(word):
        mask, left, top, advance = _glyph(files, big, size, char)
        if index:
            pen += _kerning(files, big, size, word[index - 1 : index + 1])
        if mask is not None:
            glyphs.append((mask, round(pen) + left, top))
        pen += advance
    return tuple(glyphs), pen


@functools.cache
def _glyph(
    files: tuple[str, str] | None, big: bool, size: int, char: str
) -> tuple[Any, int, int, float]:
    """Return `char`'s mask (None when it leaves no mark), its offset and its advance."""
    from PIL import Image, ImageDraw

    font = _font(files, big, size)
    left, top, right, bottom = font.getbbox(char)
    advance = float(font.getlength(char))
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=font, fill=255)
    mask.load()
    return mask, left, top, advance


@functools.cache
def _kerning(files: tuple[str, str] | None, big: bool, size: int, pair: str) -> float:
    """Return how much closer (negative) or further apart the font sets the two letters `pair`."""
    font = _font(files, big, size)
    return (
        float(font.getlength(pair))
        - _glyph(files, big, size, pair[0])[3]
        - _glyph(files, big, size, pair[1])[3]
    )


@functools.cache
def _font(files: tuple[str, str] | None, big: bool, size: int) -> Any:
    """Return the font for names (`big`) or other text at `size` pixels, loaded once."""
    from PIL import ImageFont

    if files is None:
        return ImageFont.load_default(size)
    # Pillow's basic layout is the same with or without libraqm installed.
    return ImageFont.truetype(files[big], size, layout_engine=ImageFont.Layout.BASIC)


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
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    step = 0.0
    while step < length:
        stop = min(step + dash, length)
        draw.line(
            ((x0 + dx * step, y0 + dy * step), (x0 + dx * stop, y0 + dy * stop)),
            fill=colour,
            width=LINE_WIDTH,
        )
        step += dash + gap
