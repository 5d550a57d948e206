"""The board rules and the step-only rule, each flipped by one profile edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lisdraft.profile.loader import load_profile
from lisdraft.stocktake.assess import assess_stocktake
from lisdraft.stocktake.rules import BOARD_RULES, BoardBalance, rule_engagement


def board_rating(path, key: str) -> str:
    return BOARD_RULES[key](load_profile(path)).rating


def make_board_public(d) -> None:
    private = [m for m in d["board"]["members"] if m["sector"] == "private" and "role" not in m]
    for member in private[:2]:
        member["sector"] = "voluntary"


def drop_felpersham_seat_and_mandate(d) -> None:
    for member in d["board"]["members"]:
        if member.get("represents") == "Felpersham City Council":
            member.pop("represents")
    d["board"].pop("mandate")


def drop_one_reporting_line(d) -> None:
    county = next(
        m["name"]
        for m in d["board"]["members"]
        if m.get("represents") == "Borchestershire County Council"
    )
    d["board"]["reporting_back"] = [
        r for r in d["board"]["reporting_back"] if r["member"] != county
    ]


def drop_council_reporting(d) -> None:
    d["board"]["reporting_back"] = []


def no_council_members(d) -> None:
    for member in d["board"]["members"]:
        member.pop("represents", None)
        if member["sector"] == "local_authority":
            member["sector"] = "other"


Edit = Callable[[Any], None]
BOARD_CASES: list[tuple[str, str, Edit]] = [
    ("private_share", "green", lambda d: None),
    ("private_share", "red", make_board_public),
    ("private_share", "unknown", lambda d: d["board"].__setitem__("members", [])),
    ("mandate_route", "green", lambda d: None),
    ("mandate_route", "red", lambda d: d["board"].pop("mandate") and None),
    ("mandate_route", "red", drop_felpersham_seat_and_mandate),
    ("conflict_policy", "green", lambda d: None),
    ("conflict_policy", "unknown", lambda d: d["board"].pop("conflict_of_interest_policy")),
    ("reporting_lines", "green", lambda d: None),
    ("reporting_lines", "amber", drop_one_reporting_line),
    ("reporting_lines", "red", drop_council_reporting),
    ("reporting_lines", "unknown", no_council_members),
]


@pytest.mark.parametrize(("key", "expected", "edit"), BOARD_CASES)
def test_each_board_rule_rates_the_board(edited, key: str, expected: str, edit: Edit) -> None:
    def clean(d) -> None:
        d["board"]["reporting_back"] = [
            r
            for r in d["board"]["reporting_back"]
            if any(m["name"] == r["member"] for m in d["board"]["members"])
        ]

    def apply(d) -> None:
        edit(d)
        clean(d)

    assert board_rating(edited(apply), key) == expected


def test_a_mandate_is_not_needed_when_every_council_has_a_seat(edited) -> None:
    # Borchester Borough has no seat in the example; give it one and drop the mandate.
    def edit(d) -> None:
        d["board"]["members"].append(
            {
                "name": "Cllr Peter Gillingham",
                "organisation": "Borchester Borough Council",
                "sector": "local_authority",
                "represents": "Borchester Borough Council",
            }
        )
        d["board"].pop("mandate")

    assert board_rating(edited(edit), "mandate_route") == "green"


ENGAGEMENT_CASES: list[tuple[str, Edit]] = [
    ("green", lambda d: None),
    ("amber", lambda d: d["engagement"].pop("government")),
    ("amber", lambda d: d["engagement"].pop("consistent_message")),
    ("unknown", lambda d: d.pop("engagement")),
]


@pytest.mark.parametrize(("expected", "edit"), ENGAGEMENT_CASES)
def test_the_engagement_rule_rates_step_3(edited, expected: str, edit: Edit) -> None:
    assert rule_engagement(load_profile(edited(edit))).rating == expected


def test_a_step_is_as_weak_as_its_weakest_question(edited) -> None:
    path = edited(lambda d: d["vision"].pop("fit"))
    steps = {s.step.key: s.rating for s in assess_stocktake(load_profile(path)).steps}
    assert steps["vision"] == "amber"


def test_step_6_includes_the_board_rules(edited) -> None:
    steps = {
        s.step.key: s.rating
        for s in assess_stocktake(load_profile(edited(make_board_public))).steps
    }
    assert steps["board_members"] == "red"


def test_the_private_share_says_how_many_members_are_from_business(edited) -> None:
    verdict = BOARD_RULES["private_share"](load_profile(edited(make_board_public)))
    assert verdict.findings[0].text == (
        "Seven of the 13 board members are from the private sector (54%)."
    )


def test_the_private_share_advice_gives_both_routes_for_the_example(edited) -> None:
    verdict = BOARD_RULES["private_share"](load_profile(edited(make_board_public)))
    # 13 members, 7 private: 9 of 13 meets two thirds; 7 + 5 of 18 does too.
    assert [a.text for a in verdict.actions] == [
        "Raise the two-thirds rule with the LEP chair. Keeping its size of 13, the board would "
        "replace 2 members from other sectors with private-sector members. Growing instead, it "
        "would add 5 private-sector members, making 18 in all."
    ]


def _smallest(start: int, works: Callable[[int], bool]) -> int:
    count = start
    while not works(count):
        count += 1
    return count


@pytest.mark.parametrize("members", range(1, 41))
def test_both_routes_to_two_thirds_are_exact_for_every_board(members: int) -> None:
    for private in range(members + 1):
        balance = BoardBalance(members, private)
        meets = 3 * private >= 2 * members
        assert balance.meets_rule is meets
        replace = _smallest(0, lambda r, p=private: 3 * (p + r) >= 2 * members)
        add = _smallest(0, lambda a, p=private: 3 * (p + a) >= 2 * (members + a))
        assert (balance.to_replace, balance.to_add) == (replace, add)
        assert replace <= members - private
        if meets:
            assert balance.advice() == ""
            continue
        advice = balance.advice()
        assert f"Keeping its size of {members}, the board would replace {replace} " in advice
        assert f"add {add} private-sector member" in advice
        assert f"making {members + add} in all." in advice


def test_one_member_to_replace_reads_in_the_singular() -> None:
    advice = BoardBalance(8, 5).advice()
    assert "replace 1 member from another sector with private-sector member." not in advice
    assert "replace 1 member from another sector with a private-sector member." in advice
    assert "add 1 private-sector member, making 9 in all." in advice


def test_the_summary_agrees_with_one_private_member() -> None:
    assert BoardBalance(3, 1).summary() == (
        "One of the 3 board members is from the private sector (33%)."
    )
