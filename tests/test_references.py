"""Cross-references: names in one part of the profile must match another."""

from __future__ import annotations

import pytest

from lisdraft.errors import ProfileError
from lisdraft.profile.loader import load_profile


def problem_text(path) -> str:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return str(caught.value)


def test_a_board_member_must_represent_a_council_in_the_place(edited) -> None:
    def edit(d) -> None:
        member = next(m for m in d["board"]["members"] if m.get("represents"))
        member["represents"] = "Felpersham Town Council"

    text = problem_text(edited(edit))
    assert "represents: 'Felpersham Town Council' is not a council in place.councils" in text
    assert "did you mean 'Felpersham City Council'?" in text


def test_the_authoring_council_must_be_in_the_place(edited) -> None:
    text = problem_text(
        edited(lambda d: d["meta"].__setitem__("council", "Ambridge Parish Council"))
    )
    assert "meta.council: 'Ambridge Parish Council' is not one of the councils" in text


def test_a_reporting_line_must_name_a_board_member(edited) -> None:
    text = problem_text(
        edited(lambda d: d["board"]["reporting_back"][0].__setitem__("member", "Cllr Nobody"))
    )
    assert (
        "board.reporting_back[0].member: 'Cllr Nobody' is not a member listed in board.members"
        in text
    )


def test_a_forum_can_only_list_councils_in_the_place(edited) -> None:
    def edit(d) -> None:
        forum = next(f for f in d["forums"] if isinstance(f.get("councils"), list))
        forum["councils"].append("Loamshire County Council")

    assert "'Loamshire County Council' is not a council in place.councils" in problem_text(
        edited(edit)
    )


def test_the_board_chair_must_be_the_lep_chair(edited) -> None:
    def edit(d) -> None:
        chair = next(m for m in d["board"]["members"] if m["role"] == "chair")
        chair["name"] = "Somebody Else"

    assert "is marked as chair, but place.lep names" in problem_text(edited(edit))


def test_a_council_listed_twice_is_reported(edited) -> None:
    def edit(d) -> None:
        d["place"]["councils"].append(dict(d["place"]["councils"][0]))

    assert "is listed twice; remove the second entry" in problem_text(edited(edit))


def test_a_bad_date_and_an_unknown_council_are_reported_in_one_run(edited) -> None:
    def edit(d) -> None:
        d["meta"]["date"] = "16/11/2026"
        member = next(m for m in d["board"]["members"] if m.get("represents"))
        member["represents"] = "Loxley Parish Council"

    text = problem_text(edited(edit))
    assert "meta.date: expected a date written as YYYY-MM-DD" in text
    assert "represents: 'Loxley Parish Council' is not a council in place.councils" in text
    assert text.index("meta.date") < text.index("Loxley Parish Council")


def test_a_broken_council_list_is_left_to_the_schema_check(edited) -> None:
    def edit(d) -> None:
        d["place"]["councils"][0]["name"] = ["not", "text"]

    text = problem_text(edited(edit))
    assert "place.councils[0].name: expected text" in text
    assert "is not a council in place.councils" not in text
