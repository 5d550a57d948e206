"""Area files: one area.yaml for the councils of a LIS area, merged into each council's profile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import AREA_EXAMPLE, EXAMPLE, docx_text, line_of, replace_in
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.errors import ProfileError
from lisdraft.profile.area import read_source
from lisdraft.profile.loader import load_profile, load_source
from lisdraft.profile.validation import check_profiles

COUNCILS = {
    "profile.yaml": "felpersham-city-council",
    "borchestershire-county-council.yaml": "borchestershire-county-council",
    "borchester-borough-council.yaml": "borchester-borough-council",
}


def test_felpersham_with_the_area_file_is_the_single_file_profile() -> None:
    loaded = load_source(AREA_EXAMPLE / "profile.yaml")
    assert loaded.area_file == AREA_EXAMPLE / "area.yaml"
    assert loaded.profile == load_profile(EXAMPLE)


def test_single_file_and_area_profiles_build_byte_for_byte_the_same(tmp_path: Path) -> None:
    one = build_documents(EXAMPLE, tmp_path / "one").raise_on_failure()
    two = build_documents(AREA_EXAMPLE / "profile.yaml", tmp_path / "two").raise_on_failure()
    assert [p.name for p in one.paths] == [p.name for p in two.paths]
    for first, second in zip(one.paths, two.paths, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_a_profile_without_an_area_file_has_none() -> None:
    assert load_source(EXAMPLE).area_file is None


def test_the_area_shared_strategies_come_before_the_councils_own() -> None:
    county = load_profile(AREA_EXAMPLE / "borchestershire-county-council.yaml")
    names = [strategy.name for strategy in county.strategies]
    assert names[0] == "Borchester and Felpersham 2030 Vision"
    assert names[-2:] == [
        "Borchestershire County Plan 2025-2035",
        "Borchestershire Rural Growth Plan",
    ]


def test_a_new_lep_chair_in_the_area_file_reaches_every_councils_draft(
    area: Path, tmp_path: Path
) -> None:
    replace_in(area / "area.yaml", "Margaret Tolliver", "Joan Hartley-Wren")
    out = tmp_path / "out"
    result = build_documents([area], out, BuildOptions(jobs=1)).raise_on_failure()
    drafts = [path for path in result.paths if path.name.endswith("-contribution.docx")]
    assert sorted(p.name for p in drafts) == sorted(
        f"{s}-contribution.docx" for s in COUNCILS.values()
    )
    for draft in drafts:
        text = docx_text(draft)
        assert "Joan Hartley-Wren" in text and "Margaret Tolliver" not in text


def test_a_section_in_both_files_is_refused_naming_both_places(area: Path) -> None:
    borough = area / "borchester-borough-council.yaml"
    forums = (
        (area / "area.yaml").read_text(encoding="utf-8").split("\nforums:\n")[1].split("\n# ")[0]
    )
    borough.write_text(borough.read_text(encoding="utf-8") + "\nforums:\n" + forums, "utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(borough)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (
        str(borough),
        line_of(borough, "forums:"),
        1,
    )
    assert f"{area / 'area.yaml'}:{line_of(area / 'area.yaml', 'forums:')}:1" in problem.message


def test_a_part_of_a_shared_section_in_both_files_is_refused(area: Path) -> None:
    county = area / "borchestershire-county-council.yaml"
    replace_in(county, "board:\n  briefing:", "board:\n  mandate: Our own mandate.\n  briefing:")
    with pytest.raises(ProfileError) as caught:
        load_profile(county)
    [problem] = caught.value.problems
    assert problem.field == "board.mandate"
    assert problem.line == line_of(county, "  mandate:")
    assert f"area.yaml:{line_of(area / 'area.yaml', '  mandate:')}:3" in problem.message


def test_a_problem_in_the_area_file_is_reported_at_its_line_there(area: Path) -> None:
    replace_in(area / "area.yaml", "lis_wave: 3", "lis_wave: 4")
    with pytest.raises(ProfileError) as caught:
        load_profile(area / "profile.yaml")
    [problem] = caught.value.problems
    assert problem.file == str(area / "area.yaml")
    assert problem.line == line_of(area / "area.yaml", "  lis_wave:")
    assert problem.field == "place.lis_wave"


def test_a_broken_reference_in_the_area_file_is_reported_there(area: Path) -> None:
    replace_in(
        area / "area.yaml",
        "represents: Felpersham City Council",
        "represents: Felpersam City Council",
    )
    with pytest.raises(ProfileError) as caught:
        load_profile(area / "borchester-borough-council.yaml")
    [problem] = caught.value.problems
    assert problem.file == str(area / "area.yaml")
    assert "did you mean 'Felpersham City Council'?" in problem.message


def test_a_councils_own_section_stays_in_its_profile(area: Path) -> None:
    replace_in(
        area / "area.yaml", "place:\n", "meta:\n  council: Felpersham City Council\nplace:\n"
    )
    with pytest.raises(ProfileError) as caught:
        load_profile(area / "profile.yaml")
    [problem] = caught.value.problems
    assert problem.file == str(area / "area.yaml") and problem.field == "meta"
    assert "belongs in each council's profile" in problem.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("elsewhere/area.yaml", "outside the folders"),
        ("../other/area.yaml", "outside the folders"),
        ("/etc/area.yaml", "absolute path"),
        ("missing.yaml", "was not found"),
    ],
)
def test_the_area_file_must_be_in_the_profiles_folder_or_a_parent(
    area: Path, value: str, expected: str
) -> None:
    (area / "elsewhere").mkdir()
    (area.parent / "other").mkdir()
    shutil.copy(area / "area.yaml", area / "elsewhere" / "area.yaml")
    shutil.copy(area / "area.yaml", area.parent / "other" / "area.yaml")
    replace_in(area / "profile.yaml", "area: area.yaml", f"area: {value}")
    with pytest.raises(ProfileError) as caught:
        load_profile(area / "profile.yaml")
    [problem] = caught.value.problems
    assert problem.field == "area" and expected in problem.message
    assert problem.line == line_of(area / "profile.yaml", "area:")


def test_an_area_file_in_a_parent_folder_is_found(area: Path) -> None:
    (area / "felpersham").mkdir()
    (area / "profile.yaml").rename(area / "felpersham" / "profile.yaml")
    replace_in(area / "felpersham" / "profile.yaml", "area: area.yaml", "area: ../area.yaml")
    assert load_profile(area / "felpersham" / "profile.yaml") == load_profile(EXAMPLE)


def test_the_area_file_may_not_be_above_the_repository_root(area: Path) -> None:
    repository = area / "repo"
    (repository / ".git").mkdir(parents=True)
    (area / "profile.yaml").rename(repository / "profile.yaml")
    replace_in(repository / "profile.yaml", "area: area.yaml", "area: ../area.yaml")
    with pytest.raises(ProfileError, match="up to the repository root"):
        load_profile(repository / "profile.yaml")


def test_validating_a_folder_checks_its_area_file_as_an_area_file(area: Path) -> None:
    checks = check_profiles([area])
    assert [Path(check.file).name for check in checks] == sorted(["area.yaml", *COUNCILS])
    assert all(check.valid for check in checks)
    replace_in(area / "area.yaml", "lis_wave: 3", "lis_wave: 4")
    [area_check] = [check for check in check_profiles([area]) if check.file.endswith("area.yaml")]
    [problem] = area_check.problems
    assert problem.field == "place.lis_wave" and problem.line == line_of(
        area / "area.yaml", "  lis_wave:"
    )


def test_a_folder_build_reads_area_yaml_as_the_area_not_a_council(
    area: Path, tmp_path: Path
) -> None:
    result = build_documents([area], tmp_path / "out", BuildOptions(jobs=1))
    assert sorted(outcome.profile.name for outcome in result.outcomes) == sorted(COUNCILS)
    assert result.exit_code == 0


def test_an_area_files_councils_read_it_once_until_it_is_edited(area: Path) -> None:
    county = load_source(area / "borchestershire-county-council.yaml").merged
    borough = load_source(area / "borchester-borough-council.yaml").merged
    assert county is not None and borough is not None
    assert borough.area is county.area  # one reading serves both councils
    as_written = read_source(area / "area.yaml", str(area / "area.yaml")).data
    assert county.area.data == as_written  # and merging them left it as it was read
    replace_in(area / "area.yaml", "Margaret Tolliver", "Joan Hartley-Wren")
    edited = load_source(area / "profile.yaml")
    assert edited.profile.place.lep.chair.name == "Joan Hartley-Wren"
