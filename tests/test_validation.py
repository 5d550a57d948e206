"""`lisdraft validate --format json|github`: problems for CI systems to read."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import line_of
from lisdraft.cli import app
from lisdraft.errors import Problem
from lisdraft.profile.validation import FileCheck, github_annotations, validation_to_json

runner = CliRunner()


def bad_status(data) -> None:
    data["meta"]["status"] = "published"


def test_json_lists_every_file_with_its_problems_and_a_valid_flag(example: Path, edited) -> None:
    bad = edited(bad_status)
    result = runner.invoke(app, ["validate", "--format", "json", str(example), str(bad)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "lisdraft.validate/2"
    assert data["valid"] is False
    good, wrong = data["files"]
    assert good == {"file": str(example), "valid": True, "problems": [], "warnings": []}
    assert wrong["valid"] is False
    assert wrong["problems"] == [
        {
            "file": str(bad),
            "line": 13,
            "column": 3,
            "field": "meta.status",
            "message": "'published' is not one of the allowed values: draft, consultation or final",
        }
    ]
    assert "1 profile is not valid." in result.stderr


def test_json_for_valid_profiles_exits_0(example: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", str(example)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["valid"] is True


def test_json_reports_an_unreadable_file_as_a_problem_without_a_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    result = runner.invoke(app, ["validate", "--format", "json", str(missing)])
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["files"][0]["problems"]
    assert problem["line"] is None and problem["column"] is None
    assert "file not found" in problem["message"]


def test_github_format_annotates_each_problem_on_its_line(example: Path, edited) -> None:
    bad = edited(bad_status)
    result = runner.invoke(app, ["validate", "--format", "github", str(example), str(bad)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={bad},line=13,col=3::meta.status: 'published' is not one of the "
        "allowed values: draft, consultation or final"
    ]


def test_github_format_prints_nothing_for_valid_profiles(example: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "github", str(example)])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_github_annotations_escape_what_would_break_the_command() -> None:
    problem = Problem("a,b:c%.yaml", 4, None, "", "50% done\nsecond line")
    (line,) = github_annotations([FileCheck("a,b:c%.yaml", (problem,))])
    assert line == "::error file=a%2Cb%3Ac%25.yaml,line=4::50%25 done%0Asecond line"


def test_json_shape_keeps_missing_positions_as_null() -> None:
    problem = Problem("p.yaml", None, None, "", "the file is empty")
    data = validation_to_json([FileCheck("p.yaml", (problem,))])
    assert data["files"][0]["problems"][0] == {
        "file": "p.yaml",
        "line": None,
        "column": None,
        "field": "",
        "message": "the file is empty",
    }


def test_an_unknown_format_is_a_usage_error(example: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "xml", str(example)])
    assert result.exit_code == 2


def misspelt_area(data) -> None:
    data["place"]["name"] = "Greater Manchster"


def test_a_place_name_close_to_an_lis_area_is_a_warning_naming_it(edited) -> None:
    profile = edited(misspelt_area)
    result = runner.invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0  # a warning, not a problem
    assert f"{profile}: valid" in result.stdout
    line = line_of(profile, "  name: Greater Manchster")  # under place:, where it is written
    assert (
        f"warning: {profile}:{line}:3: place.name: 'Greater Manchster' is not one of the 38 LIS "
        "areas; did you mean 'Greater Manchester'?"
    ) in result.stderr


def test_a_misspelt_area_in_the_area_file_is_warned_once_at_its_line(area: Path) -> None:
    path = area / "area.yaml"
    line = line_of(path, "  name: Borchestershire")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  name: Borchestershire\n", "  name: Greater Manchster\n", 1))
    result = runner.invoke(app, ["validate", str(area)])
    assert result.exit_code == 0
    warning = f"warning: {path}:{line}:3: place.name: 'Greater Manchster' is not one of the 38"
    assert result.stderr.count("Greater Manchster") == 1 and warning in result.stderr
    # One council checked alone still gets it, pointing at the area file.
    alone = runner.invoke(app, ["validate", "--format", "json", str(area / "profile.yaml")])
    [given] = json.loads(alone.stdout)["files"][0]["warnings"]
    assert (given["file"], given["line"], given["column"]) == (str(path), line, 3)


def test_a_place_name_far_from_every_lis_area_is_left_alone(example: Path) -> None:
    result = runner.invoke(app, ["validate", str(example)])  # Borchestershire is fictional
    assert result.exit_code == 0
    assert "warning" not in result.output


def test_warnings_reach_json_and_github_annotations(edited) -> None:
    profile = edited(misspelt_area)
    data = json.loads(runner.invoke(app, ["validate", "--format", "json", str(profile)]).stdout)
    [warning] = data["files"][0]["warnings"]
    # docs/validate-json.md: the same five keys as a problem, the place where it is written
    assert list(warning) == ["file", "line", "column", "field", "message"]
    assert (warning["file"], warning["line"]) == (str(profile), line_of(profile, "  name: G"))
    assert warning["field"] == "place.name" and "Greater Manchester" in warning["message"]
    github = runner.invoke(app, ["validate", "--format", "github", str(profile)]).stdout
    line = line_of(profile, "  name: Greater Manchster")
    assert github.startswith(
        f"::warning file={profile},line={line},col=3::place.name: 'Greater Manchster'"
    )


# --- a folder of councils sharing an area file ----------------------------------------------

COUNCILS = [
    "borchester-borough-council.yaml",
    "borchestershire-county-council.yaml",
    "profile.yaml",
]
LEVEL_PROBLEM = "'councillors' is not one of the allowed values: members, officers or mixed"


def break_a_forum(area: Path) -> int:
    """Give the area file's first forum a level it may not have; return that line."""
    path = area / "area.yaml"
    line = line_of(path, "    level: members")
    text = path.read_text(encoding="utf-8")
    first = text.replace("    level: members\n", "    level: councillors\n", 1)
    path.write_text(first, encoding="utf-8")
    return line


def test_a_folder_reports_a_problem_in_its_area_file_once(area: Path) -> None:
    line = break_a_forum(area)
    result = runner.invoke(app, ["validate", str(area)])
    assert result.exit_code == 1
    assert result.stderr.count(LEVEL_PROBLEM) == 1
    assert f"{area / 'area.yaml'}:{line}:5: forums[0].level: {LEVEL_PROBLEM}" in result.stderr
    for council in COUNCILS:  # each council is still not valid, and says where to look
        at = line_of(area / council, "area:")
        assert (
            f"{area / council}:{at}:1: area: its area file {area / 'area.yaml'} has 1 problem, "
            "reported above;"
        ) in result.stderr
    assert "4 profiles are not valid." in result.stderr


def test_the_first_council_named_reports_the_area_files_problem_when_it_is_not_named(
    area: Path,
) -> None:
    break_a_forum(area)
    first, second = area / COUNCILS[0], area / COUNCILS[1]
    result = runner.invoke(app, ["validate", str(first), str(second)])
    assert result.stderr.count(LEVEL_PROBLEM) == 1
    assert result.stderr.index(LEVEL_PROBLEM) < result.stderr.index(f"{second}:")
    assert f"{first}:" not in result.stderr.split(LEVEL_PROBLEM)[0]  # the area file's, first


def test_json_gives_an_area_files_problem_to_the_area_file_alone(area: Path) -> None:
    line = break_a_forum(area)
    data = json.loads(runner.invoke(app, ["validate", "--format", "json", str(area)]).stdout)
    files = {Path(entry["file"]).name: entry for entry in data["files"]}
    [problem] = files["area.yaml"]["problems"]
    assert (problem["line"], problem["field"], problem["message"]) == (
        line,
        "forums[0].level",
        LEVEL_PROBLEM,
    )
    for council in COUNCILS:
        [pointer] = files[council]["problems"]
        assert files[council]["valid"] is False
        assert pointer["file"] == str(area / council) and pointer["field"] == "area"
        assert pointer["line"] == line_of(area / council, "area:")
        assert "reported above" in pointer["message"]
