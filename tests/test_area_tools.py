"""The tools that know area files: new --area, diff of two area files, stocktake, schema --area."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from lisdraft.cli import app
from lisdraft.profile.loader import load_source

runner = CliRunner()


def test_new_with_an_area_file_writes_only_the_councils_own_sections(area: Path) -> None:
    out = area / "county" / "profile.yaml"
    (area / "borchestershire-county-council.yaml").unlink()
    result = runner.invoke(
        app,
        [
            "new",
            "Borchestershire County Council",
            "--area",
            str(area / "area.yaml"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert 'area: "../area.yaml"' in text
    for shared in ["\nplace:", "\nforums:", "  members:", "  area:", "  consistent_message:"]:
        assert shared not in text
    for own in ["\nmeta:", "\nstrategies:", "  council:", "  briefing:", "\nself_assessment:"]:
        assert own in text
    loaded = load_source(out)
    assert loaded.area_file == area / "area.yaml"
    assert loaded.profile.meta.council == "Borchestershire County Council"


def test_new_refuses_a_council_the_area_file_does_not_list(area: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "Wyvern Vale District Council",
            "--area",
            str(area / "area.yaml"),
            "--out",
            str(area / "w.yaml"),
        ],
    )
    assert result.exit_code == 2
    assert "'Wyvern Vale District Council' is not one of the councils in" in result.output
    assert not (area / "w.yaml").exists()


def test_new_needs_a_place_or_an_area_but_not_both(area: Path) -> None:
    result = runner.invoke(app, ["new", "Felpersham City Council", "--out", str(area / "x.yaml")])
    assert result.exit_code == 2 and "either --place" in result.output


def test_diff_of_two_area_files_lists_the_shared_changes(area: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    shutil.copy(area / "area.yaml", old)
    text = (area / "area.yaml").read_text(encoding="utf-8")
    (area / "area.yaml").write_text(text.replace("lis_wave: 3", "lis_wave: 2"), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(area / "area.yaml")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("### Area file changes: Borchestershire")
    assert "LIS wave changed from 3 to 2" in result.output
    assert "1 change." in result.output


def test_stocktake_for_one_council_reads_its_area_file(area: Path, tmp_path: Path) -> None:
    borough = area / "borchester-borough-council.yaml"
    out = tmp_path / "out"
    result = runner.invoke(app, ["stocktake", str(borough), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["council"], data["place"]) == ("Borchester Borough Council", "Borchestershire")
    assert (out / "borchester-borough-council-stock-take.docx").is_file()


def test_schema_area_prints_the_area_files_schema() -> None:
    result = runner.invoke(app, ["schema", "--area"])
    assert result.exit_code == 0
    committed = (ROOT / "schema" / "area.schema.json").read_text(encoding="utf-8")
    assert result.output == committed
