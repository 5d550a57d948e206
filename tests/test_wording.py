"""The wording helpers: every generated sentence reads right whatever the numbers and names."""

from __future__ import annotations

import pytest

from lisdraft.wording import (
    a_an,
    capitalise,
    clause,
    count_of,
    join,
    of_total,
    percent,
    plural,
    sentence,
    shares,
    takes_the,
    the,
    the_list,
    verb,
)


@pytest.mark.parametrize(
    ("noun", "count", "expected"),
    [
        ("strategy", 1, "strategy"),
        ("strategy", 4, "strategies"),
        ("strategy", 0, "strategies"),
        ("council member", 2, "council members"),
        ("analysis", 3, "analyses"),
    ],
)
def test_plural_follows_the_count(noun: str, count: int, expected: str) -> None:
    assert plural(noun, count) == expected


@pytest.mark.parametrize(
    ("singular", "count", "expected"),
    [("has", 1, "has"), ("has", 2, "have"), ("is", 0, "are"), ("brings", 3, "bring")],
)
def test_verb_agrees_with_the_count(singular: str, count: int, expected: str) -> None:
    assert verb(singular, count) == expected


def test_a_sentence_never_starts_with_a_numeral() -> None:
    assert count_of(4, "strategy", start=True) == "Four strategies"
    assert count_of(1, "strategy", start=True) == "One strategy"
    assert count_of(21, "member", start=True) == "Twenty-one members"
    assert count_of(4, "strategy") == "4 strategies"


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 2, "One of the 2 council members has"),
        (3, 5, "Three of the 5 council members have"),
        (0, 4, "None of the 4 council members has"),
        (2, 2, "Both council members have"),
        (6, 6, "All 6 council members have"),
        (1, 1, "The one council member has"),
        (0, 1, "No council member has"),
    ],
)
def test_part_of_a_whole_reads_right_for_every_count(part: int, whole: int, expected: str) -> None:
    assert of_total(part, whole, "council member", "has", start=True) == expected


def test_part_of_a_whole_mid_sentence_keeps_the_figure() -> None:
    assert of_total(3, 5, "strategy") == "3 of the 5 strategies"
    assert of_total(1, 3, "council member of the board", "has") == (
        "1 of the 3 council members of the board has"
    )


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("LEP board", "an LEP board"),
        ("SME", "an SME"),
        ("FE college", "an FE college"),
        ("BBC studio", "a BBC studio"),
        ("university", "a university"),
        ("hour", "an hour"),
        ("8-week plan", "an 8-week plan"),
        ("11-member board", "an 11-member board"),
        ("5-year plan", "a 5-year plan"),
        ("officers' group", "an officers' group"),
    ],
)
def test_a_or_an_goes_by_sound(phrase: str, expected: str) -> None:
    assert a_an(phrase) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Ambridge"], "Ambridge"),
        (["Ambridge", "Loxley"], "Ambridge and Loxley"),
        (["A", "B", "C"], "A, B and C"),
        (
            ["Hollerton, Upper", "Loxley", "Penny Hassett"],
            "Hollerton, Upper; Loxley and Penny Hassett",
        ),
    ],
)
def test_lists_read_the_british_way(items: list[str], expected: str) -> None:
    assert join(items) == expected


def test_lists_can_offer_a_choice() -> None:
    assert join(["draft", "consultation", "final"], "or") == "draft, consultation or final"


def test_clause_lowers_only_a_leading_article_or_preposition() -> None:
    assert clause("On the LEP's website.") == "on the LEP's website"
    assert clause("The LEP chair (attends)") == "the LEP chair (attends)"
    assert clause("Borsetshire LEP's website") == "Borsetshire LEP's website"
    assert clause("ONS figures") == "ONS figures"


def test_sentence_gets_a_capital_and_a_full_stop() -> None:
    assert sentence("based on question 4") == "Based on question 4."
    assert sentence("Is it done?") == "Is it done?"
    assert capitalise("d'Arcy Trust") == "D'Arcy Trust"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amberfield Leaders' Board", "the Amberfield Leaders' Board"),
        ("Ambridge Rural Economy Strategy", "the Ambridge Rural Economy Strategy"),
        ("Ambridge Corporate Plan 2025-2030", "the Ambridge Corporate Plan 2025-2030"),
        ("Borsetshire LEP", "the Borsetshire LEP"),
        ("West Borsetshire Combined Authority", "the West Borsetshire Combined Authority"),
        ("Growth Board (shadow)", "the Growth Board (shadow)"),
        ("LEP Local Industrial Strategy Sub-group", "the LEP Local Industrial Strategy Sub-group"),
        ("The Marches Growth Board", "the Marches Growth Board"),
        ("the Hollerton Compact", "the Hollerton Compact"),
        ("Borchestershire County Council", "Borchestershire County Council"),
        ("Felpersham Means Business", "Felpersham Means Business"),
        ("Cllr Lilian Bellamy", "Cllr Lilian Bellamy"),
    ],
)
def test_names_read_with_the_where_they_take_it(name: str, expected: str) -> None:
    assert the(name) == expected


def test_a_name_that_takes_the_starts_a_sentence_with_a_capital() -> None:
    assert the("The Marches Growth Board", start=True) == "The Marches Growth Board"
    assert the("Leaders' Board", start=True) == "The Leaders' Board"


def test_a_profile_can_say_a_name_goes_without_the() -> None:
    assert not takes_the("Growth Borsetshire Board", without_the={"Growth Borsetshire Board"})
    assert the("Growth Borsetshire Board", without_the=["Growth Borsetshire Board"]) == (
        "Growth Borsetshire Board"
    )


def test_a_list_of_names_reads_with_the_and_keeps_apostrophes() -> None:
    names = ["Amberfield Leaders' Board", "The Officers' Group", "Felpersham Means Business"]
    assert the_list(names, start=True) == (
        "The Amberfield Leaders' Board, the Officers' Group and Felpersham Means Business"
    )


@pytest.mark.parametrize(
    "counts", [[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1], [2, 1], [5, 3, 1, 1, 1], [7], [0, 3], [1] * 7]
)
def test_shares_add_up_to_a_hundred(counts: list[int]) -> None:
    result = shares(counts)
    assert sum(result) == 100
    total = sum(counts)
    for count, share in zip(counts, result, strict=True):
        assert abs(share - 100 * count / total) < 1


def test_shares_of_nothing_are_nothing() -> None:
    assert shares([0, 0]) == [0, 0]


def test_eight_equal_shares_are_twelve_and_thirteen() -> None:
    assert sorted(shares([1] * 8)) == [12, 12, 12, 12, 13, 13, 13, 13]


def test_percent_rounds_halves_up() -> None:
    assert percent(1, 8) == "13%"
    assert percent(2, 3) == "67%"
    assert percent(0, 0) == "0%"


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("leaders_board", "Leaders' board"),
        ("officers_group", "Officers' group"),
        ("chief_executives_group", "Chief executives' group"),
        ("officers", "Officers"),
        ("vice_chair", "Vice chair"),
    ],
)
def test_choice_labels_keep_their_apostrophes(key: str, shown: str) -> None:
    from lisdraft.text import label

    assert label(key) == shown
