"""Warnings where a council's profile contradicts the area file it shares."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from conftest import AREA_EXAMPLE, EXAMPLE, line_of, replace_in
from lisdraft.cli import app
from lisdraft.profile.consistency import consistency_warnings


def test_the_worked_example_agrees_with_its_area_file() -> None:
    for profile in sorted(AREA_EXAMPLE.glob("*.yaml")):
        if profile.name != "area.yaml":
            assert consistency_warnings(profile) == [], profile.name


def test_a_single_file_profile_has_no_area_to_contradict() -> None:
    assert consistency_warnings(EXAMPLE) == []


def test_claiming_a_briefed_board_member_without_a_seat_names_both_places(area: Path) -> None:
    borough = area / "borchester-borough-council.yaml"
    replace_in(
        borough,
        "board_members_briefed:\n    answer: not_known",
        "board_members_briefed:\n    answer: yes",
    )
    [warning] = consistency_warnings(borough)
    assert warning.file == str(borough)
    assert warning.line == line_of(borough, "  board_members_briefed:") + 1
    board = line_of(area / "area.yaml", "  members:")
    assert f"{area / 'area.yaml'}:{board}:3" in warning.message
    assert "no member of the board" in warning.message


def test_a_leader_marked_on_the_board_with_no_member_is_warned(area: Path) -> None:
    replace_in(
        area / "area.yaml",
        "leader: Cllr Peter Gillingham, leader_on_lep_board: false",
        "leader: Cllr Peter Gillingham, leader_on_lep_board: true",
    )
    [warning] = consistency_warnings(area / "borchester-borough-council.yaml")
    assert warning.file == str(area / "area.yaml")
    assert warning.field == "place.councils[2].leader_on_lep_board"


def test_claiming_an_officers_forum_the_area_lacks_is_warned(area: Path) -> None:
    text = (area / "area.yaml").read_text(encoding="utf-8")
    members_only = text.replace("level: officers", "level: members").replace(
        "level: mixed", "level: members"
    )
    (area / "area.yaml").write_text(members_only, encoding="utf-8")
    warnings = consistency_warnings(area / "borchester-borough-council.yaml")
    assert [w.field for w in warnings] == ["self_assessment.officers_forum.answer"]
    assert "senior officers" in warnings[0].message
    assert f"{area / 'area.yaml'}:{line_of(area / 'area.yaml', 'forums:')}:1" in warnings[0].message


def test_validate_prints_the_warning_and_still_passes(area: Path) -> None:
    borough = area / "borchester-borough-council.yaml"
    replace_in(
        borough,
        "board_members_briefed:\n    answer: not_known",
        "board_members_briefed:\n    answer: yes",
    )
    result = CliRunner().invoke(app, ["validate", str(area)])
    assert result.exit_code == 0
    assert f"warning: {borough}:" in result.output
    assert f"{borough}: valid" in result.output
