"""A council starting from nothing: `lisdraft new` writes a profile that works at once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import docx_text
from lisdraft.build.pipeline import build_documents
from lisdraft.cli import app
from lisdraft.errors import OutputError, UsageError
from lisdraft.profile.loader import load_profile
from lisdraft.profile.scaffold import PLACEHOLDER, create_profile, new_profile
from lisdraft.stocktake.assess import assess_stocktake

DAY = dt.date(2026, 11, 16)
COUNCIL = "Felpersham City Council"


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return create_profile(tmp_path / "profile.yaml", COUNCIL, "Borchestershire", DAY)


def test_the_starter_profile_is_valid_as_written(starter: Path) -> None:
    profile = load_profile(starter)
    assert profile.meta.council == COUNCIL
    assert profile.place.name == "Borchestershire"
    assert profile.meta.date == DAY
    assert [council.name for council in profile.place.councils] == [COUNCIL]


def test_the_starter_profile_builds_all_three_documents_showing_its_placeholders(
    starter: Path, tmp_path: Path
) -> None:
    paths = build_documents(starter, tmp_path / "out").raise_on_failure().paths
    assert len(paths) == 3
    briefing = next(p for p in paths if "briefing" in p.name)
    assert f"{PLACEHOLDER} your name" in docx_text(briefing)


def test_the_stocktake_says_not_enough_information_until_sections_are_filled_in(
    starter: Path,
) -> None:
    assessment = assess_stocktake(load_profile(starter))
    assert {q.verdict.rating for q in assessment.questions} == {"unknown"}
    assert {c.verdict.rating for c in assessment.board_checks} == {"unknown"}
    assert {s.rating for s in assessment.steps} == {"unknown"}


def test_every_section_is_present_and_explained() -> None:
    text = new_profile(COUNCIL, "Borchestershire", DAY)
    for section in [
        "meta", "place", "vision", "evidence", "engagement", "forums", "strategies",
        "board", "priorities", "roles", "self_assessment", "next_steps",
    ]:  # fmt: skip
        assert f"\n{section}:" in text
        assert f"# --- {section} " in text
    for key in ["hands_on_support", "custodian_of_place", "officers_forum", "representation"]:
        assert f"\n  {key}:" in text


def test_the_first_line_points_editors_at_the_schema() -> None:
    text = new_profile(COUNCIL, "Borchestershire", DAY)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=profile.schema.json"
    hosted = new_profile(COUNCIL, "X", DAY, schema_ref="https://example.org/profile.schema.json")
    assert hosted.splitlines()[0].endswith("$schema=https://example.org/profile.schema.json")


def uncomment_examples(text: str) -> str:
    """Do what the header says: uncomment each example below a key, dropping the key's []."""
    out: list[str] = []
    key_at: tuple[int, int] | None = None  # (line number in out, indentation) of the last key
    for line in text.splitlines():
        comment = re.match(r"^(\s*)# (\s*(?:- |[a-z_]+:(?: |$)).*)$", line)
        if comment and key_at is not None and len(comment.group(1)) > key_at[1]:
            out[key_at[0]] = out[key_at[0]].removesuffix(" []")
            out.append(comment.group(1) + comment.group(2))
            continue
        key = re.match(r"^(\s*)[a-z_]+:( \[\])?$", line)
        key_at = (len(out), len(key.group(1))) if key else None
        out.append(line)
    return "\n".join(out) + "\n"


def test_the_commented_examples_are_valid_once_uncommented(tmp_path: Path) -> None:
    filled = tmp_path / "profile.yaml"
    filled.write_text(uncomment_examples(new_profile(COUNCIL, "Borchestershire", DAY)), "utf-8")
    profile = load_profile(filled)
    assert profile.vision.area is not None
    assert profile.forums[0].name == "Borchester and Felpersham Economic Joint Committee"
    assert len(profile.board.members) == 2
    assessment = assess_stocktake(profile)
    unknown = [q.question.number for q in assessment.questions if q.verdict.rating == "unknown"]
    assert unknown == [5]  # the example forum does not steer the LIS


@pytest.mark.parametrize(
    "council", ['Borchester & District: "North" #1', "Cyngor Sir Ynys Môn", "O'Hara's Borough"]
)
def test_names_that_mean_something_in_yaml_are_kept_exactly(tmp_path: Path, council: str) -> None:
    path = create_profile(tmp_path / "p.yaml", council, "Place: with colon", DAY)
    profile = load_profile(path)
    assert profile.meta.council == council
    assert profile.place.name == "Place: with colon"


def test_a_blank_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="empty"):
        new_profile("  ", "Borchestershire", DAY)
    with pytest.raises(UsageError, match="single line"):
        new_profile("Felpersham\nCity", "Borchestershire", DAY)


def test_an_existing_file_is_never_replaced(starter: Path) -> None:
    before = starter.read_bytes()
    with pytest.raises(OutputError, match="never replaces"):
        create_profile(starter, "Another Council", "Elsewhere", DAY)
    assert starter.read_bytes() == before


def test_lisdraft_new_writes_the_file_and_says_what_to_do_next(tmp_path: Path) -> None:
    out = tmp_path / "felpersham" / "profile.yaml"
    runner = CliRunner()
    args = ["new", COUNCIL, "--place", "Borchestershire", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert "lisdraft validate" in result.output
    assert "lisdraft schema --out" in result.output
    again = runner.invoke(app, args)
    assert again.exit_code == 1
    assert "never replaces" in again.output
    assert "Traceback" not in again.output


def test_lisdraft_new_needs_the_place() -> None:
    assert CliRunner().invoke(app, ["new", COUNCIL]).exit_code == 2
