"""Loading a profile: every problem reported at once, with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from lisdraft.errors import ProfileError
from lisdraft.profile.loader import load_profile


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return [str(p) for p in caught.value.problems]


def test_the_borchestershire_example_loads(example: Path) -> None:
    profile = load_profile(example)
    assert profile.meta.council == "Felpersham City Council"
    assert len(profile.place.councils) == 3


def test_an_unknown_key_is_reported_with_its_line_and_a_suggestion(edited) -> None:
    path = edited(lambda d: d["place"].insert(1, "lepp", "typo"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:")
    line = int(problem.split(":")[1])
    assert path.read_text().splitlines()[line - 1].strip().startswith("lepp:")
    assert "place.lepp: 'lepp' is not a field lisdraft knows; did you mean 'lep'?" in problem


def test_every_problem_is_reported_not_only_the_first(edited) -> None:
    def break_three_things(d) -> None:
        d["meta"]["status"] = "drafty"
        d["vision"]["area"]["horizon"] = "twenty-thirty"
        del d["place"]["lep"]["chair"]

    problems = problems_of(edited(break_three_things))
    assert len(problems) == 3
    text = "\n".join(problems)
    assert (
        "meta.status: 'drafty' is not one of the allowed values: draft, consultation or final"
        in text
    )
    assert "vision.area.horizon: 'twenty-thirty' is not a year" in text
    assert "place.lep.chair: 'chair' is required here but missing; add it" in text


def test_problems_are_formatted_file_line_column_field_message(edited) -> None:
    path = edited(lambda d: d["meta"].__setitem__("status", "published"))
    [problem] = problems_of(path)
    file, line, column, rest = problem.split(":", 3)
    assert file == str(path)
    assert path.read_text().splitlines()[int(line) - 1][int(column) - 1 :].startswith("status:")
    assert rest.startswith(" meta.status: ")


def test_a_year_that_is_not_a_year_is_refused(edited) -> None:
    path = edited(lambda d: d["evidence"]["items"][0].__setitem__("year", 20250))
    [problem] = problems_of(path)
    assert "evidence.items[0].year: 20250 is not a year" in problem


def test_choices_accept_spaces_and_capitals(edited) -> None:
    path = edited(
        lambda d: d["self_assessment"]["representation"].__setitem__("answer", "Not known")
    )
    assert load_profile(path).self_assessment.representation.answer == "not_known"


def test_yaml_syntax_errors_point_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("meta:\n  council: [Felpersham\nplace: {}\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:")
    assert "not valid YAML" in problem


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("meta:\n  council: A\n  council: B\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:3:")
    assert "'council' is written twice in the same section (first written at line 2)" in problem


def test_an_empty_file_says_how_to_start(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    [problem] = problems_of(path)
    assert "the file is empty" in problem


def test_a_list_at_the_top_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- meta\n- place\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert "the profile is a list" in problem


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "nowhere.yaml")
    assert "file not found" in problem


def test_text_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("meta:\n  council: Caf\xe9 Council\n".encode("latin-1"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2:")
    assert "not UTF-8" in problem


def test_a_byte_order_mark_is_accepted(tmp_path: Path, example: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + example.read_bytes())
    assert load_profile(path).place.name == "Borchestershire"


def test_tabs_for_indentation_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "tabs.yaml"
    path.write_text("meta:\n\tcouncil: A\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert "tab" in problem


def test_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:6: the aliases (*name) used here expand to more than")


def test_pasted_control_characters_are_named(edited) -> None:
    path = edited(lambda d: d["meta"]["author"].__setitem__("name", "Priya\x07 Wendover"))
    [problem] = problems_of(path)
    assert "meta.author.name: contains the control character U+0007" in problem


def test_a_valid_profile_reads_the_same_by_the_fast_and_the_careful_reader() -> None:
    from conftest import ROOT
    from lisdraft.profile.yamlsafe import fast_data, load_yaml

    for path in sorted((ROOT / "examples").glob("*/profile.yaml")):
        fast = fast_data(path.read_text(encoding="utf-8"))
        assert fast is not None, path
        assert fast == load_yaml(path, str(path))[1]


def test_the_fast_reader_leaves_every_problem_to_the_careful_reader(example: Path) -> None:
    from lisdraft.profile.loader import _quick_load
    from lisdraft.profile.yamlsafe import fast_data

    text = example.read_text(encoding="utf-8")
    assert _quick_load(text.replace("status: draft", "status: drafty", 1)) is None
    assert _quick_load(text.replace("  version:", "  status: draft\n  version:", 1)) is None
    assert fast_data("- a list\n") is None
    assert fast_data("") is None
    assert fast_data("a: !!binary aGVsbG8=\n") is None  # tags are refused by the careful reader
    assert fast_data("a: &x [1]\nb: *x\n") is None  # aliases are bounded by it
    assert fast_data("a: 'bell \a'\n") is None  # so are characters YAML refuses


def test_the_fast_reader_reads_values_as_the_careful_reader_does(tmp_path: Path) -> None:
    from lisdraft.profile.yamlsafe import fast_data, load_yaml

    text = (
        "answer: yes\nother: 'no'\ncount: 1_000\nmode: 0o10\nratio: 1e3\nbig: .inf\n"
        "day: 2026-11-25\nwhen: 2026-11-25 10:30:00\nnothing: ~\nflag: true\nversion: 0.3\n"
        'quoted: "a & b < c"\ntext: |\n  one\n\n  two\n'
    )
    path = tmp_path / "values.yaml"
    path.write_text(text, encoding="utf-8")
    fast = fast_data(text)
    assert fast == load_yaml(path, str(path))[1]
    assert fast is not None and fast["answer"] == "yes" and fast["count"] == 1000


def test_unusual_line_breaks_are_left_to_the_careful_reader() -> None:
    from lisdraft.profile.yamlsafe import fast_data

    for line_break in ["\x85", "\u2028", "\u2029"]:
        assert fast_data(f"a: one{line_break}two\n") is None
    assert fast_data("a: one two\n") == {"a": "one two"}


def _with_line(example: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = example.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "profile.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_colon_in_unquoted_text_says_to_put_it_in_quotes(example: Path, tmp_path: Path) -> None:
    path = _with_line(example, tmp_path, 'version: "0.3"', "version: Draft: for Cabinet")
    [problem] = problems_of(path)
    assert "If the colon is part of the text, put the text in quotes" in problem
    assert 'like this: version: "Draft: for Cabinet"' in problem


@pytest.mark.parametrize("start", ["%", "@", "`", "*", "&"])
def test_a_value_starting_with_a_reserved_character_says_to_quote_it(
    example: Path, tmp_path: Path, start: str
) -> None:
    path = _with_line(example, tmp_path, 'version: "0.3"', f"version: {start} of jobs")
    [problem] = problems_of(path)
    assert f"a value starting with '{start}'" in problem
    assert f'put the text in quotes, like this: version: "{start} of jobs"' in problem


def test_a_tag_suggests_quotes_when_the_mark_is_text(example: Path, tmp_path: Path) -> None:
    path = _with_line(example, tmp_path, 'version: "0.3"', "version: !important")
    [problem] = problems_of(path)
    assert "if the '!' is part of the text, put the text in quotes" in problem


@pytest.mark.parametrize(
    "written", ["OFFICIAL SENSITIVE", "Official-Sensitive", "official_sensitive"]
)
def test_the_marking_accepts_spaces_and_capitals(edited, written: str) -> None:
    path = edited(lambda d: d["meta"].__setitem__("classification", written))
    assert load_profile(path).meta.classification == "OFFICIAL-SENSITIVE"
