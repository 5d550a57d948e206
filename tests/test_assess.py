"""The stock-take rules: each rating flips with one edit of the Borchestershire profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lisdraft.profile.loader import load_profile
from lisdraft.stocktake.assess import assess_stocktake


def rating(path, key: str) -> str:
    result = next(
        r for r in assess_stocktake(load_profile(path)).questions if r.question.key == key
    )
    return result.verdict.rating


def set_all(items: list[Any], field: str, value: Any) -> None:
    for item in items:
        item[field] = value


def our_members(d) -> list[Any]:
    return [m for m in d["board"]["members"] if m.get("represents") == d["meta"]["council"]]


def no_briefing_or_reporting(d) -> None:
    d["board"].pop("briefing")
    names = {m["name"] for m in our_members(d)}
    d["board"]["reporting_back"] = [
        r for r in d["board"]["reporting_back"] if r["member"] not in names
    ]


def councils_only_on_first_steering_forum(d) -> None:
    steering = [f for f in d["forums"] if f.get("steers_lis")]
    steering[0]["councils"] = [d["meta"]["council"]]
    for forum in steering[1:]:
        forum["steers_lis"] = False


def no_steering_seats(d) -> None:
    for forum in d["forums"]:
        if forum.get("steers_lis"):
            forum["councils"] = []


def members_forums_without_lep(d) -> None:
    for forum in d["forums"]:
        if forum["level"] in {"members", "mixed"}:
            forum["lep_takes_part"] = False


def members_forums_partial(d) -> None:
    for forum in d["forums"]:
        if forum["level"] in {"members", "mixed"}:
            forum["councils"] = [d["meta"]["council"]]
            forum["lep_takes_part"] = False


def officers_without_lep(d) -> None:
    for forum in d["forums"]:
        if forum["level"] in {"officers", "mixed"}:
            forum["lep_takes_part"] = False


def only_members_forums(d) -> None:
    d["forums"] = [f for f in d["forums"] if f["level"] == "members"]


Edit = Callable[[Any], None]
CASES: list[tuple[str, str, Edit]] = [
    # 1. shared vision
    ("shared_vision", "green", lambda d: None),
    ("shared_vision", "amber", lambda d: d["vision"]["area"].__setitem__("horizon", 2020)),
    ("shared_vision", "amber", lambda d: d["vision"]["area"].pop("how_developed")),
    ("shared_vision", "unknown", lambda d: d["vision"].pop("area")),
    # 2. council vision
    ("council_vision", "green", lambda d: None),
    ("council_vision", "amber", lambda d: d["vision"].pop("fit")),
    ("council_vision", "unknown", lambda d: d["vision"].pop("council")),
    # 3. family of strategies
    ("family_of_strategies", "green", lambda d: set_all(d["strategies"], "agreed_with_lep", True)),
    ("family_of_strategies", "amber", lambda d: None),
    ("family_of_strategies", "red", lambda d: [s.pop("relation_to_lis") for s in d["strategies"]]),
    ("family_of_strategies", "unknown", lambda d: d.pop("strategies")),
    # 4. board members briefed
    ("board_members_briefed", "green", lambda d: None),
    ("board_members_briefed", "amber", lambda d: d["board"].pop("briefing")),
    ("board_members_briefed", "red", no_briefing_or_reporting),
    ("board_members_briefed", "amber", lambda d: [m.pop("represents") for m in our_members(d)]),
    (
        "board_members_briefed",
        "unknown",
        lambda d: d["board"].pop("members") and d["board"].pop("reporting_back"),
    ),
    # 5. representation
    ("representation", "green", lambda d: None),
    ("representation", "amber", councils_only_on_first_steering_forum),
    ("representation", "red", no_steering_seats),
    ("representation", "unknown", lambda d: set_all(d["forums"], "steers_lis", False)),
    # 6. councils' forum
    ("councils_forum", "green", lambda d: None),
    ("councils_forum", "amber", members_forums_without_lep),
    ("councils_forum", "red", members_forums_partial),
    ("councils_forum", "unknown", lambda d: d.pop("forums")),
    # 7. officers' forum
    ("officers_forum", "green", lambda d: None),
    ("officers_forum", "amber", officers_without_lep),
    ("officers_forum", "red", only_members_forums),
    ("officers_forum", "unknown", lambda d: d.pop("forums")),
    # 8. evidence contribution
    (
        "evidence_contribution",
        "green",
        lambda d: set_all(d["evidence"]["items"], "shared_with_lep", True),
    ),
    ("evidence_contribution", "amber", lambda d: None),
    (
        "evidence_contribution",
        "red",
        lambda d: (
            set_all(d["evidence"]["items"], "shared_with_lep", False)
            or d["evidence"].pop("anchors_asked")
        ),
    ),
    ("evidence_contribution", "unknown", lambda d: d["evidence"].pop("items")),
]


@pytest.mark.parametrize(("key", "expected", "edit"), CASES)
def test_each_rule_rates_the_profile_facts(edited, key: str, expected: str, edit: Edit) -> None:
    assert rating(edited(edit), key) == expected


def test_a_yes_contradicted_by_the_facts_is_pointed_out(edited) -> None:
    def edit(d) -> None:
        officers_without_lep(d)
        d["self_assessment"]["officers_forum"]["answer"] = "yes"

    result = assess_stocktake(load_profile(edited(edit))).questions[6]
    assert result.verdict.rating == "amber"
    assert result.disagreement is not None
    assert "answered yes" in result.disagreement


def test_missing_facts_name_the_field_to_fill_in(edited) -> None:
    result = assess_stocktake(load_profile(edited(lambda d: d["vision"].pop("area")))).questions[0]
    assert result.verdict.rating == "unknown"
    assert result.verdict.findings[0].fields == ("vision.area",)
    assert result.verdict.actions[0].fields == ("vision.area",)
    assert "vision.area" not in result.verdict.actions[0].text


def test_the_board_balance_counts_private_members(example) -> None:
    balance = assess_stocktake(load_profile(example)).board
    assert (balance.members, balance.private) == (13, 9)
    assert balance.meets_rule


def test_a_board_below_two_thirds_private_fails_the_rule(edited) -> None:
    def edit(d) -> None:
        private = [
            m
            for m in d["board"]["members"]
            if m["sector"] == "private" and m.get("role", "member") == "member"
        ]
        private[0]["sector"] = "voluntary"

    balance = assess_stocktake(load_profile(edited(edit))).board
    assert (balance.members, balance.private) == (13, 8)
    assert not balance.meets_rule


@pytest.mark.parametrize(
    ("question", "answer", "said"),
    [
        ("councils_forum", "partly", "answered partly, but lisdraft rates it Green"),
        ("councils_forum", "no", "answered no, but lisdraft rates it Green"),
        ("councils_forum", "not_known", "answered not known, but lisdraft rates it Green"),
        ("evidence_contribution", "yes", "answered yes, but lisdraft rates it Amber"),
        ("evidence_contribution", "no", "answered no, but lisdraft rates it Amber"),
    ],
)
def test_any_difference_between_answer_and_rating_is_explained(
    edited, question: str, answer: str, said: str
) -> None:
    path = edited(lambda d: d["self_assessment"][question].__setitem__("answer", answer))
    result = next(
        r for r in assess_stocktake(load_profile(path)).questions if r.question.key == question
    )
    assert result.disagreement is not None and said in result.disagreement


def test_an_answer_that_matches_the_rating_needs_no_note(example) -> None:
    results = {r.question.key: r for r in assess_stocktake(load_profile(example)).questions}
    assert results["family_of_strategies"].answer == "partly"
    assert results["family_of_strategies"].verdict.rating == "amber"
    assert results["family_of_strategies"].disagreement is None


def test_step_6_says_a_board_rule_makes_it_red_when_question_4_is_green(edited) -> None:
    def public_board(d) -> None:
        private = [m for m in d["board"]["members"] if m["sector"] == "private"]
        for member in private[:3]:
            member["sector"] = "voluntary"

    assessment = assess_stocktake(load_profile(edited(public_board)))
    step = next(s for s in assessment.steps if s.step.key == "board_members")
    assert assessment.questions[3].verdict.rating == "green"
    assert step.rating == "red"
    assert step.explanation == (
        "question 4 and the LEP board rules. Its rating comes from the board rule on the "
        "private-sector share, the weakest"
    )


def test_a_step_whose_sources_agree_names_them_only(example) -> None:
    step = next(s for s in assess_stocktake(load_profile(example)).steps if s.step.number == 1)
    assert step.explanation == "questions 1 and 2"
