"""The published rule table is generated from the rules, so it cannot drift."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from lisdraft.stocktake.rules import BOARD_RULES, QUESTION_RULES, STEP_RULES
from lisdraft.stocktake.rules_doc import render_rules_markdown

ALL_RULES = {**QUESTION_RULES, **BOARD_RULES, **STEP_RULES}


@pytest.mark.parametrize("name", sorted(ALL_RULES))
def test_every_rule_documents_what_it_reads_and_each_rating(name: str) -> None:
    rule = ALL_RULES[name]
    assert rule.question.endswith("?")
    assert all([rule.reads, rule.green, rule.amber, rule.red, rule.unknown, rule.why])


def test_the_committed_rules_page_matches_the_rules() -> None:
    committed = (ROOT / "docs" / "stocktake-rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), (
        "docs/stocktake-rules.md is out of date: run `python -m lisdraft.stocktake.rules_doc`"
    )


def run_optimised(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run Python with -OO (docstrings stripped), as some installs do, in `cwd`."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-OO", *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
    )


def test_the_stocktake_works_with_docstrings_stripped(tmp_path: Path) -> None:
    command = ["-m", "lisdraft", "stocktake", str(EXAMPLE), "--no-document"]
    table = run_optimised(*command, cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "Are at least two thirds of the LEP board from the private sector?" in table.stdout
    data = run_optimised(*command, "--format", "json", cwd=tmp_path)
    assert data.returncode == 0, data.stderr
    [engagement] = [s for s in json.loads(data.stdout)["steps"] if s["number"] == 3]
    assert engagement["based_on"] == ["the engagement rule"]


def test_the_rules_page_is_the_same_with_docstrings_stripped(tmp_path: Path) -> None:
    result = run_optimised("-m", "lisdraft.stocktake.rules_doc", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "docs" / "stocktake-rules.md").read_text(encoding="utf-8")
    assert written == (ROOT / "docs" / "stocktake-rules.md").read_text(encoding="utf-8")
