"""The stock-take outside Word: the terminal table and the documented JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from lisdraft.cli import app

runner = CliRunner()
WEXMOOR = ROOT / "examples" / "wexmoor" / "profile.yaml"


def stocktake_json(path: Path) -> dict:
    result = runner.invoke(app, ["stocktake", str(path), "--format", "json", "--no-document"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_json_has_the_documented_shape(example: Path) -> None:
    data = stocktake_json(example)
    assert data["schema"] == "lisdraft.stocktake/2"
    assert set(data) == {
        "schema",
        "council",
        "place",
        "date",
        "summary",
        "questions",
        "steps",
        "board",
    }
    assert len(data["questions"]) == 8 and len(data["steps"]) == 6
    question = data["questions"][0]
    assert set(question) == {
        "number",
        "key",
        "question",
        "council_answer",
        "council_note",
        "rating",
        "findings",
        "actions",
        "disagreement",
    }
    assert set(question["findings"][0]) == {"text", "fields"}
    action = next(a for q in data["questions"] for a in q["actions"])
    assert set(action) == {"text", "fields"} and action["fields"]
    assert sum(data["summary"].values()) == 8
    assert {c["key"] for c in data["board"]["checks"]} == {
        "private_share",
        "mandate_route",
        "conflict_policy",
        "reporting_lines",
    }
    assert data["board"]["private_sector_share"] == round(9 / 13, 4)


def test_every_documented_key_is_in_the_json_docs(example: Path) -> None:
    docs = (ROOT / "docs" / "stocktake-json.md").read_text(encoding="utf-8")
    data = stocktake_json(example)
    for key in [*data, *data["questions"][0], *data["board"], *data["steps"][0]]:
        assert f'"{key}"' in docs, key


def test_the_table_shows_answer_rating_facts_and_disagreement(
    example: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["stocktake", str(example), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if line.startswith("5  "))
    assert "Not known" in row and "✓ Green" in row and "yes" in row and "forums[].steers_lis" in row
    assert "Where the council's answer and the facts differ:" in result.output
    assert (tmp_path / "felpersham-city-council-stock-take.docx").exists()


def test_the_weak_example_shows_reds_ambers_and_a_failing_board(tmp_path: Path) -> None:
    data = stocktake_json(WEXMOOR)
    ratings = [q["rating"] for q in data["questions"]]
    assert ratings.count("red") >= 2 and ratings.count("amber") >= 2
    assert not data["board"]["meets_two_thirds_rule"]
    assert any(q["disagreement"] for q in data["questions"])


def test_an_unknown_format_is_a_usage_error(example: Path) -> None:
    result = runner.invoke(app, ["stocktake", str(example), "--format", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.output
