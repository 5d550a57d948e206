"""Placeholders: values still starting "TO DO" are flagged, and never pass for facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lisdraft.cli import app
from lisdraft.errors import ProfileError
from lisdraft.profile.loader import load_profile
from lisdraft.stocktake.assess import assess_stocktake

runner = CliRunner()


def with_placeholders(d) -> None:
    d["meta"]["author"]["role"] = "TO DO: your job title"
    d["vision"]["fit"] = "TO DO: say how the council's vision fits the area's"


def test_validate_warns_about_each_placeholder_with_its_line(edited) -> None:
    path = edited(with_placeholders)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert f"{path}: valid" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    text = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "TO DO: your job title" in t)
    column = text[line - 1].index("TO DO") + 1
    # The value may be quoted by the YAML writer; the column points at the value.
    assert warnings[0].startswith(f"warning: {path}:{line}:")
    assert int(warnings[0].split(":")[3]) in {column, column - 1}
    assert "meta.author.role: still a placeholder ('TO DO')" in warnings[0]


def test_build_warns_about_placeholders_too(edited, tmp_path: Path) -> None:
    path = edited(with_placeholders)
    result = runner.invoke(app, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "vision.fit: still a placeholder" in result.stderr


def test_a_final_profile_with_a_placeholder_is_an_error(edited) -> None:
    def edit(d) -> None:
        with_placeholders(d)
        d["meta"]["status"] = "final"

    with pytest.raises(ProfileError) as caught:
        load_profile(edited(edit))
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2
    assert all("meta.status is final" in p for p in problems)


def test_text_that_merely_starts_with_to_do_is_not_a_placeholder(edited) -> None:
    def edit(d) -> None:
        d["vision"]["fit"] = "To do this, the council plan follows the joint committee's themes."
        d["meta"]["status"] = "final"

    assert load_profile(edited(edit)).vision.fit is not None


def test_the_stocktake_treats_a_placeholder_as_not_filled_in(edited) -> None:
    question_2 = assess_stocktake(load_profile(edited(with_placeholders))).questions[1]
    assert question_2.verdict.rating == "amber"
    assert question_2.verdict.actions[0].fields == ("vision.fit",)


def test_a_placeholder_in_a_required_field_empties_its_section(edited) -> None:
    def edit(d) -> None:
        d["vision"]["area"]["statement"] = "TO DO: the vision statement"

    question_1 = assess_stocktake(load_profile(edited(edit))).questions[0]
    assert question_1.verdict.rating == "unknown"


def test_a_placeholder_list_item_is_left_out(edited) -> None:
    def edit(d) -> None:
        for strategy in d["strategies"]:
            strategy["name"] = "TO DO: the strategy's name"

    question_3 = assess_stocktake(load_profile(edited(edit))).questions[2]
    assert question_3.verdict.rating == "unknown"


def test_validate_json_and_github_carry_the_warnings(edited) -> None:
    import json

    path = edited(with_placeholders)
    data = json.loads(runner.invoke(app, ["validate", "--format", "json", str(path)]).stdout)
    [entry] = data["files"]
    assert entry["valid"] is True
    assert [w["field"] for w in entry["warnings"]] == ["meta.author.role", "vision.fit"]
    lines = runner.invoke(app, ["validate", "--format", "github", str(path)]).stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("::warning file=") for line in lines)
