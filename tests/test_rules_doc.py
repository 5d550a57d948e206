"""The published rule table is generated from the rules, so it cannot drift."""

from __future__ import annotations

import pytest

from conftest import ROOT
from lisdraft.stocktake.rules import BOARD_RULES, QUESTION_RULES, STEP_RULES
from lisdraft.stocktake.rules_doc import parse_rule, render_rules_markdown

ALL_RULES = {**QUESTION_RULES, **BOARD_RULES, **STEP_RULES}


@pytest.mark.parametrize("name", sorted(ALL_RULES))
def test_every_rule_documents_what_it_reads_and_each_rating(name: str) -> None:
    parts = parse_rule(ALL_RULES[name])
    assert parts["Question"].endswith("?")
    assert all(parts[key] for key in ("Reads", "Green", "Why"))


def test_the_committed_rules_page_matches_the_rules() -> None:
    committed = (ROOT / "docs" / "stocktake-rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), (
        "docs/stocktake-rules.md is out of date: run `python -m lisdraft.stocktake.rules_doc`"
    )
