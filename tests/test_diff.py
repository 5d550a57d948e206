"""`lisdraft diff`: what changed between two versions, in the profile's own terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lisdraft.cli import app
from lisdraft.errors import ProfileError
from lisdraft.profile.diff import diff_files, diff_to_markdown

runner = CliRunner()


def changes(old: Path, new: Path) -> list[str]:
    return [change.text for change in diff_files(old, new).changes]


def test_the_same_profile_has_no_changes(example: Path) -> None:
    diff = diff_files(example, example)
    assert diff.changes == ()
    assert "No changes to the profile." in diff_to_markdown(diff)


def test_a_reworded_vision_is_reported_as_reworded(example: Path, edited) -> None:
    def reword(d) -> None:
        d["vision"]["area"]["statement"] = "By 2035 Borchestershire will be a fair, green economy."
        d["vision"]["area"]["horizon"] = 2035

    assert changes(example, edited(reword)) == [
        "Vision (area) reworded",
        "Vision (area) horizon changed from 2030 to 2035",
    ]


def test_additions_and_removals_name_the_item(example: Path, edited) -> None:
    def edit(d) -> None:
        d["forums"].append(
            {
                "name": "Borchestershire Growth Board",
                "kind": "growth_board",
                "level": "members",
                "chair": "Cllr Geoffrey Ashdown",
                "councils": "all",
                "lep_takes_part": True,
                "remit": "Agrees the growth deal.",
                "meets": "quarterly",
            }
        )
        d["priorities"].append(
            {"title": "Low-carbon heat", "foundations": ["infrastructure"], "summary": "Heat."}
        )
        d["board"]["members"].pop()
        d["evidence"]["items"].pop(0)

    found = changes(example, edited(edit))
    assert "Forum added: Borchestershire Growth Board" in found
    assert "Priority added: Low-carbon heat" in found
    assert "Board member left: Neil Ostrowski" in found
    assert "Evidence item removed: Felpersham Economic Baseline 2026" in found


def test_a_new_board_member_joined(example: Path, edited) -> None:
    def join(d) -> None:
        d["board"]["members"].append(
            {"name": "Dr Leah Mbeki", "organisation": "Borchester College", "sector": "education"}
        )

    assert changes(example, edited(join))[0] == "Board member joined: Dr Leah Mbeki"


def test_changed_fields_of_an_item_are_reported_against_the_item(example: Path, edited) -> None:
    def edit(d) -> None:
        d["forums"][2]["meets"] = "every six weeks"
        d["forums"][4]["steers_lis"] = True
        d["strategies"][0]["agreed_with_lep"] = False
        d["evidence"]["items"][4]["shared_with_lep"] = True

    found = changes(example, edited(edit))
    assert (
        "Forum 'LIS Officer Steering Group': meeting pattern changed from every four weeks "
        "to every six weeks"
    ) in found
    assert "Forum 'LEP Place Group': now steers the LIS" in found
    assert (
        "Strategy 'Borchester and Felpersham 2030 Vision': no longer agreed with the LEP" in found
    )
    assert "Evidence item shared with the LEP: Felpersham Commercial Property Demand Study" in found


def test_a_self_assessment_answer_that_changed(example: Path, edited) -> None:
    def edit(d) -> None:
        d["self_assessment"]["board_members_briefed"]["answer"] = "yes"
        d["self_assessment"]["representation"]["answer"] = "Partly"

    found = changes(example, edited(edit))
    assert found == [
        "Self-assessment for question 4 (Board members briefed) changed from partly to yes",
        "Self-assessment for question 5 (Representation on LIS structures) changed from "
        "not known to partly",
    ]


def test_stocktake_ratings_that_moved_are_reported(example: Path, edited) -> None:
    def share_everything(d) -> None:
        for item in d["evidence"]["items"]:
            item["shared_with_lep"] = True

    found = changes(example, edited(share_everything))
    assert (
        "Stock-take rating for question 8 (Contribution to the evidence) moved from amber to green"
    ) in found
    assert (
        "Rating for step 2 (An evidence base that yields new insight) moved from amber to green"
    ) in found


def test_a_rating_that_falls_to_not_enough_information(example: Path, edited) -> None:
    def no_steering(d) -> None:
        for forum in d["forums"]:
            forum.pop("steers_lis", None)

    found = changes(example, edited(no_steering))
    assert (
        "Stock-take rating for question 5 (Representation on LIS structures) moved from "
        "green to not enough information"
    ) in found


def test_the_roles_and_text_lists_report_each_line(example: Path, edited) -> None:
    def edit(d) -> None:
        d["roles"]["leadership"].append("The Leader will chair the growth board.")
        d["board"]["questions"].pop(0)

    found = changes(example, edited(edit))
    assert (
        "Role 1 (Leadership of the LEP) commitment added: The Leader will chair the growth board."
    ) in found
    assert any(text.startswith("Question for the board removed: ") for text in found)


def test_reordering_a_list_or_rewrapping_text_is_not_a_change(example: Path, edited) -> None:
    def shuffle(d) -> None:
        d["forums"].reverse()
        d["priorities"].reverse()
        d["vision"]["area"]["statement"] = d["vision"]["area"]["statement"].replace(" ", "\n ", 3)

    assert changes(example, edited(shuffle)) == []


def test_both_profiles_must_be_valid(example: Path, edited) -> None:
    bad = edited(lambda d: d["meta"].__setitem__("status", "published"))
    with pytest.raises(ProfileError) as caught:
        diff_files(example, bad)
    assert caught.value.problems[0].file == str(bad)


def test_lisdraft_diff_prints_markdown_grouped_by_section(example: Path, edited) -> None:
    def edit(d) -> None:
        d["meta"]["status"] = "consultation"
        d["self_assessment"]["board_members_briefed"]["answer"] = "yes"
        d["priorities"].append({"title": "Net *zero*", "foundations": ["place"], "summary": "x"})

    result = runner.invoke(app, ["diff", str(example), str(edited(edit))])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "### Profile changes: Felpersham City Council, Borchestershire\n"
        "\n**Profile details**\n\n"
        "- Status changed from draft to consultation\n"
        "\n**Priorities**\n\n"
        "- Priority added: Net \\*zero\\*\n"
        "\n**Self-assessment**\n\n"
        "- Self-assessment for question 4 (Board members briefed) changed from partly to yes\n"
        "\n3 changes.\n"
    )


def test_lisdraft_diff_of_an_invalid_profile_exits_1(example: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(example), str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert "file not found" in result.output


def test_sections_that_appear_or_go_and_choices_in_plain_words(example: Path, edited) -> None:
    def edit(d) -> None:
        d["vision"]["area"] = None
        del d["self_assessment"]["officers_forum"]
        d["evidence"]["items"][0]["foundations"] = ["people", "business_environment"]
        d["evidence"]["items"][0]["benchmark"]["council_area"] = 35.1
        d["place"]["councils"].append(
            {"name": "Borchester Rural District Council", "type": "district"}
        )

    found = changes(example, edited(edit))
    item = "Evidence item 'Felpersham Economic Baseline 2026':"
    assert found[:6] == [
        "Council added: Borchester Rural District Council",
        "Vision (area) removed",
        f"{item} foundations changed from business environment and ideas to people and "
        "business environment",
        f"{item} benchmark council area figure changed from 34.6 to 35.1",
        "Self-assessment for question 7 (Officers' forum with the LEP) removed",
        "Stock-take rating for question 1 (Shared vision for the area) moved from green to "
        "not enough information",
    ]


def test_a_new_self_assessment_answer_reads_as_answered(example: Path, edited) -> None:
    def edit(d) -> None:
        del d["self_assessment"]["officers_forum"]

    found = changes(edited(edit), example)
    assert found == ["Self-assessment for question 7 (Officers' forum with the LEP) answered: yes"]


def test_the_new_commands_explain_themselves_with_an_example() -> None:
    for command in ["diff", "new", "schema"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output


def test_fields_are_named_by_their_titles_in_the_model(example: Path, edited) -> None:
    def edit(d) -> None:
        line = d["board"]["reporting_back"][0]
        line["how"] = "A written report"
        line["to"] = "Full Council"
        d["place"]["lis_wave"] = 2

    member = "Reporting line 'Cllr Amina Rashford':"
    assert changes(example, edited(edit)) == [
        "LIS wave changed from 3 to 2",  # a title that stands alone
        f"{member} reports to changed from Felpersham City Council Cabinet to Full Council",
        f"{member} how they report back changed from Oral update at Cabinet, recorded in the "
        "minutes to A written report",  # not "how engaged", which names Engaged.how
    ]


def test_images_added_changed_and_removed_are_named(example: Path, with_images) -> None:
    from conftest import LOGO

    with_logo = with_images(logo=LOGO)
    assert changes(example, with_logo) == ["Image 'logo' added"]
    assert changes(with_logo, example) == ["Image 'logo' removed"]
    changed = with_logo.with_name("changed.yaml")
    changed.write_text(
        with_logo.read_text(encoding="utf-8").replace("width_mm: 60", "width_mm: 45"),
        encoding="utf-8",
    )
    assert changes(with_logo, changed) == ["Image 'logo': width in mm changed from 60.0 to 45.0"]
