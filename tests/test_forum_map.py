"""The forum map in the contribution: councils, forums and the LEP board, with alt text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import pytest
from lxml import etree
from PIL import Image

from lisdraft.build.context import build_context
from lisdraft.build.forum_map import (
    COLUMNS,
    FONT_FILES,
    INK,
    LEVEL_LINES,
    draw_forum_map,
    font_files,
    printed_width_cm,
)
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.profile.loader import load_profile
from lisdraft.stocktake.assess import assess_stocktake
from lisdraft.word.ooxml import xml_attribute

CONTRIBUTION = "felpersham-city-council-contribution.docx"
ONLY = BuildOptions(only=("contribution",))
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _map(path: Path) -> tuple[str, bytes] | None:
    """Return the forum map's alt text and PNG from a built contribution, or None."""
    package = zipfile.ZipFile(path)
    document = etree.fromstring(package.read("word/document.xml"))
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PR}Relationship")}
    for inline in document.iter(f"{WP}inline"):
        properties = inline.find(f"{WP}docPr")
        if properties.get("name") == "Forum map":
            blip = next(inline.iter(f"{A}blip"))
            return properties.get("descr"), package.read("word/" + targets[blip.get(f"{R}embed")])
    return None


def _map_data(profile: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return the place (councils and LEP name) and forums as the map helper gives them."""
    loaded = load_profile(profile)
    context = build_context(loaded, assess_stocktake(loaded))
    councils = [{"name": c.name, "on_board": c.on_board} for c in context.place.councils]
    forums = [
        {
            "name": f.name,
            "level": f.level,
            "council_names": f.council_names,
            "lep": f.lep,
            "steers": f.steers,
        }
        for f in context.forums
    ]
    return {"councils": councils, "lep": context.place.lep.name}, forums


def test_the_contribution_shows_the_forum_map_with_alt_text(tmp_path: Path) -> None:
    from conftest import EXAMPLE

    build_documents(EXAMPLE, tmp_path, ONLY).raise_on_failure()
    found = _map(tmp_path / CONTRIBUTION)
    assert found is not None
    alt_text, png = found
    profile = load_profile(EXAMPLE)
    for forum in profile.forums:
        assert forum.name in alt_text
    assert "LIS Officer Steering Group: officers from" in alt_text
    picture = Image.open(io.BytesIO(png))
    assert picture.format == "PNG"
    # Wide enough to print sharply across an A4 page, and not taller than one.
    width, height = picture.size
    assert width >= 1200 and height / width < 29.7 / 21


def test_a_forum_without_the_lep_loses_its_lep_line_in_words(
    edited: Callable[[Callable[[Any], None]], Path], tmp_path: Path
) -> None:
    def without_lep(data: Any) -> None:
        data["forums"][0]["lep_takes_part"] = False

    build_documents(edited(without_lep), tmp_path, ONLY).raise_on_failure()
    found = _map(tmp_path / CONTRIBUTION)
    assert found is not None
    first = found[0].split(". ")[1]
    assert first.startswith("Borchester and Felpersham Economic Joint Committee: councillors")
    assert "with the LEP" not in first


def test_no_forums_means_no_map(
    edited: Callable[[Callable[[Any], None]], Path], tmp_path: Path
) -> None:
    profile = edited(lambda data: data.pop("forums"))
    build_documents(profile, tmp_path, ONLY).raise_on_failure()
    assert _map(tmp_path / CONTRIBUTION) is None
    assert not any(
        name.startswith("word/media/lisdraft")
        for name in zipfile.ZipFile(tmp_path / CONTRIBUTION).namelist()
    )


def test_the_same_forums_draw_the_same_bytes_and_a_new_forum_draws_a_taller_map() -> None:
    from conftest import EXAMPLE

    place, forums = _map_data(EXAMPLE)
    lep = place["lep"]
    one = draw_forum_map(place["councils"], lep, forums, "Felpersham City Council")
    two = draw_forum_map(place["councils"], lep, forums, "Felpersham City Council")
    assert one.png == two.png
    extra = {**forums[0], "name": "Borchestershire Net Zero Partnership"}
    more = draw_forum_map(place["councils"], lep, [*forums, extra])
    assert more.size[1] > one.size[1]
    assert "Borchestershire Net Zero Partnership" in more.alt_text


def test_a_forum_name_with_xml_characters_reaches_the_alt_text_intact(
    edited: Callable[[Callable[[Any], None]], Path], tmp_path: Path
) -> None:
    name = 'Jobs & Skills <North> "Hub" at Smith\'s'

    def renamed(data: Any) -> None:
        data["forums"][0]["name"] = name

    build_documents(edited(renamed), tmp_path, ONLY).raise_on_failure()
    found = _map(tmp_path / CONTRIBUTION)
    assert found is not None
    assert f"{name}: councillors from" in found[0]
    # Written as the standard library's quoteattr would write it, which lisdraft no
    # longer imports (it pulls in urllib.request, http.client and ssl).
    for value in (name, "Tab\there,\nnew line", "both ' and \"", 'only "double"'):
        assert xml_attribute(value) == quoteattr(value)


LONG_NAME = (
    "Featherstonehaugh-Cholmondeley-Mainwaring Combined Authority Transport and "
    "Infrastructure Joint Committee"
)


def _crowded_map_data() -> tuple[list[dict[str, Any]], str, list[dict[str, Any]]]:
    """Return the example's councils, LEP and forums grown to 12 councils and 15 forums,
    with names too long for their columns."""
    from conftest import EXAMPLE

    place, forums = _map_data(EXAMPLE)
    councils = [dict(c) for c in place["councils"]]
    councils[0]["name"] = "Featherstonehaugh-Cholmondeley-Mainwaring Metropolitan Borough Council"
    councils += [
        {"name": f"Supercalifragilisticexpialidociousshire District Council {n}", "on_board": "No"}
        for n in range(4, 13)
    ]
    names = [c["name"] for c in councils]
    grown = [
        {
            **forums[n % len(forums)],
            "name": f"{forums[n % len(forums)]['name']} {n}",
            "council_names": names[n % 4 :: 1 + n % 3],
        }
        for n in range(15)
    ]
    grown[0]["name"] = LONG_NAME
    grown[1]["name"] = "Pneumonoultramicroscopicsilicovolcanoconiosis Liaison Board"
    return councils, "Featherstonehaugh-Cholmondeley-Mainwaring LEP", grown


@pytest.mark.parametrize("font", ["installed", "builtin"])
def test_long_names_wrap_inside_their_columns_on_a_crowded_map(
    font: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if font == "builtin":
        monkeypatch.setenv("LISDRAFT_MAP_FONT", "builtin")
    councils, lep, forums = _crowded_map_data()
    drawn = draw_forum_map(councils, lep, forums, councils[0]["name"])
    assert drawn.png == draw_forum_map(councils, lep, forums, councils[0]["name"]).png
    picture = Image.open(io.BytesIO(drawn.png))
    width, height = picture.size
    # Text is drawn in the palette's white-to-ink ramp; the lines between columns have
    # colours of their own. So above the legend (whose first entry is a solid line from
    # the left margin) no text may show in the gaps between the columns or in the
    # right-hand margin.
    solid = LEVEL_LINES["members"][0]
    legend = next(
        y for y in range(height) if {picture.getpixel((x, y)) for x in range(30, 120)} == {solid}
    )
    (_, council_right), (forum_left, forum_right), (board_left, board_right) = COLUMNS
    for left, right in (
        (council_right + 4, forum_left - 2),
        (forum_right + 2, board_left - 2),
        (board_right + 2, width),
    ):
        gap = picture.crop((left, 0, right, legend - 20))
        assert not [i for _, i in gap.getcolors() if 0 < i <= INK], (left, right)
    # Printed no taller than a page allows, and every name is in the alt text in full.
    assert printed_width_cm(picture.size, 15.5) * height / width <= 22.01
    for name in [c["name"] for c in councils] + [f["name"] for f in forums]:
        assert name in drawn.alt_text


def test_lisdraft_map_font_builtin_draws_in_pillows_font_whatever_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from conftest import EXAMPLE

    place, forums = _map_data(EXAMPLE)
    usual = draw_forum_map(place["councils"], place["lep"], forums)
    monkeypatch.setenv("LISDRAFT_MAP_FONT", "builtin")
    assert font_files() is None
    builtin = draw_forum_map(place["councils"], place["lep"], forums)
    assert builtin.alt_text == usual.alt_text
    # Where Liberation Sans is installed the usual map is set in it, so the two differ.
    installed = any(Path(regular).is_file() for regular, _ in FONT_FILES)
    assert (builtin.png != usual.png) == installed


def test_a_map_of_fifteen_forums_is_printed_narrower_to_fit_a_page(
    edited: Callable[[Callable[[Any], None]], Path], tmp_path: Path
) -> None:
    def fifteen_forums(data: Any) -> None:
        forums = data["forums"]
        for number in range(len(forums), 15):
            forums.append({**forums[number % 8], "name": f"Northern Districts Forum {number}"})

    build_documents(edited(fifteen_forums), tmp_path, ONLY).raise_on_failure()
    document = etree.fromstring(zipfile.ZipFile(tmp_path / CONTRIBUTION).read("word/document.xml"))
    for inline in document.iter(f"{WP}inline"):
        if inline.find(f"{WP}docPr").get("name") == "Forum map":
            extent = inline.find(f"{WP}extent")
            width_cm, height_cm = (int(extent.get(k)) / 360_000 for k in ("cx", "cy"))
            assert height_cm <= 22.01 and width_cm < 15.5
            return
    raise AssertionError("no forum map")
