"""Building a whole region: many profiles, worker processes, one bad profile among them."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from conftest import AREA_EXAMPLE, SINGLE_FILE_EXAMPLES, line_of, replace_in
from lisdraft.build import batch, pipeline
from lisdraft.build.batch import Job, plan_jobs
from lisdraft.build.options import BuildOptions, Outcome
from lisdraft.build.pipeline import build_documents
from lisdraft.cli import app
from lisdraft.commands.batch import Progress
from lisdraft.errors import BuildFailed, UsageError

EXAMPLES = SINGLE_FILE_EXAMPLES  # a folder of area files is tested in test_area.py
FELPERSHAM = "felpersham-city-council"
HARNLEY = "harnley-district-council"
runner = CliRunner()


@pytest.fixture
def region(tmp_path: Path) -> Path:
    """Return a folder holding both examples and a copy of Borchestershire with a bad status."""
    folder = tmp_path / "region"
    shutil.copytree(EXAMPLES, folder)
    bad = folder / "brokenshire" / "profile.yaml"
    bad.parent.mkdir()
    text = (EXAMPLES / "borchestershire" / "profile.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("status: draft", "status: drafty", 1), encoding="utf-8")
    return folder


def names_in(folder: Path) -> list[str]:
    """Return the names in `folder`, leaving out lisdraft's hidden manifest."""
    return sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))


# --- the library ---------------------------------------------------------------------------


def test_a_folder_builds_each_profile_into_a_subfolder_named_after_it(tmp_path: Path) -> None:
    result = build_documents([EXAMPLES], tmp_path, BuildOptions(jobs=1))
    assert result.exit_code == 0
    assert names_in(tmp_path) == ["borchestershire", "wexmoor"]
    assert names_in(tmp_path / "borchestershire") == [
        f"{FELPERSHAM}-briefing.docx",
        f"{FELPERSHAM}-contribution.docx",
        f"{FELPERSHAM}-stock-take.docx",
    ]
    assert f"{HARNLEY}-stock-take.docx" in names_in(tmp_path / "wexmoor")


def test_good_profiles_are_built_and_a_bad_one_is_reported_with_its_lines(
    region: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = build_documents([region], out, BuildOptions(jobs=2))
    assert result.exit_code == 1
    assert [o.profile.parent.name for o in result.built] == ["borchestershire", "wexmoor"]
    [failed] = result.failed
    assert failed.profile == region / "brokenshire" / "profile.yaml"
    assert f"{failed.profile}:13:3: meta.status: 'drafty' is not one of" in failed.error
    assert names_in(out) == ["borchestershire", "wexmoor"]
    assert len(names_in(out / "wexmoor")) == 3


def test_outcomes_come_back_in_the_order_the_profiles_were_given(tmp_path: Path) -> None:
    wexmoor = EXAMPLES / "wexmoor" / "profile.yaml"
    borchestershire = EXAMPLES / "borchestershire" / "profile.yaml"
    result = build_documents([wexmoor, borchestershire], tmp_path, BuildOptions(jobs=2))
    assert [o.profile for o in result.outcomes] == [wexmoor, borchestershire]


def test_progress_is_reported_once_per_profile(region: Path, tmp_path: Path) -> None:
    seen: list[tuple[bool, int, int]] = []
    options = BuildOptions(jobs=1)
    build_documents([region], tmp_path, options, lambda o, n, t: seen.append((o.ok, n, t)))
    assert [(n, t) for _, n, t in seen] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(ok for ok, _, _ in seen) == [False, True, True]


def test_output_folders_follow_the_profiles_paths(tmp_path: Path) -> None:
    region = tmp_path / "region"
    for name in ["north/felpersham.yaml", "north/profile.yaml", "south/eastvale.yml", "top.yaml"]:
        (region / name).parent.mkdir(parents=True, exist_ok=True)
        (region / name).write_text("x: 1\n", encoding="utf-8")
    (region / ".drafts").mkdir()
    (region / ".drafts" / "old.yaml").write_text("x: 1\n", encoding="utf-8")
    (region / "notes.txt").write_text("not a profile", encoding="utf-8")
    single = tmp_path / "elsewhere" / "profile.yaml"
    planned = plan_jobs([region, single, tmp_path / "loose.yaml"], Path("out"))
    assert planned == [
        Job(region / "north" / "felpersham.yaml", Path("out/north/felpersham")),
        Job(region / "north" / "profile.yaml", Path("out/north")),
        Job(region / "south" / "eastvale.yml", Path("out/south/eastvale")),
        Job(region / "top.yaml", Path("out/top")),
        Job(single, Path("out/elsewhere")),
        Job(tmp_path / "loose.yaml", Path("out/loose")),
    ]


def test_two_profiles_that_would_share_a_folder_are_not_both_built(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "one.yaml", tmp_path / "b" / "one.yaml"
    for path in (first, second):
        path.parent.mkdir()
        shutil.copy(EXAMPLES / "wexmoor" / "profile.yaml", path)
    result = build_documents([first, second], tmp_path / "out", BuildOptions(jobs=1))
    assert [o.ok for o in result.outcomes] == [True, False]
    assert "would go into" in result.outcomes[1].error
    assert str(first) in result.outcomes[1].error
    assert result.exit_code == 1


def test_a_profile_named_twice_is_built_once(tmp_path: Path) -> None:
    profile = EXAMPLES / "wexmoor" / "profile.yaml"
    result = build_documents([profile, EXAMPLES / "wexmoor"], tmp_path, BuildOptions(jobs=1))
    assert [o.profile for o in result.outcomes] == [profile]


def test_a_folder_without_profiles_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = build_documents([empty, EXAMPLES / "wexmoor"], tmp_path / "out", BuildOptions(jobs=1))
    assert result.outcomes[0] == Outcome(
        empty,
        None,
        error=f"{empty}: no profile .yaml or .yml files in this folder",
        exit_code=1,
    )
    assert result.outcomes[1].ok


def test_an_unknown_document_stops_the_batch_before_anything_is_built(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        build_documents([EXAMPLES], tmp_path / "out", BuildOptions(only=("minutes",), jobs=1))
    assert not (tmp_path / "out").exists()


def test_a_bug_while_building_one_profile_is_reported_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lisdraft.build.pipeline

    real = lisdraft.build.pipeline.build_profile

    def broken_for_wexmoor(job: Job, options: BuildOptions) -> Outcome:
        if "wexmoor" in str(job.profile):
            raise KeyError("oops")
        return real(job, options)

    monkeypatch.setattr(lisdraft.build.pipeline, "build_profile", broken_for_wexmoor)
    result = build_documents([EXAMPLES], tmp_path, BuildOptions(jobs=1))
    assert result.exit_code == 3
    [failed] = result.failed
    assert "internal error (KeyError)" in failed.error and "KeyError" in failed.details
    assert result.built[0].profile.parent.name == "borchestershire"


def test_the_default_number_of_workers_is_the_number_of_cores() -> None:
    assert batch.available_cores() >= 1


# --- the command line ----------------------------------------------------------------------


def test_a_folder_prints_one_plain_line_per_profile_off_a_terminal(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sorted(line.split(" (")[-1] for line in lines[:2]) == ["1/2)", "2/2)"]
    for name in ["borchestershire", "wexmoor"]:
        profile = EXAMPLES / name / "profile.yaml"
        assert f"built {profile} into {tmp_path / name} (" in result.output
    assert lines[-1].startswith(f"Built 2 of 2 profiles (6 documents) into {tmp_path} in ")
    assert "\r" not in result.output


def test_a_bad_profile_is_listed_at_the_end_and_the_exit_code_is_1(
    region: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["build", str(region), "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 1
    bad = region / "brokenshire" / "profile.yaml"
    output = result.output
    assert f"failed {bad} (" in output
    problem = f"{bad}:13:3: meta.status: 'drafty' is not one of the allowed values"
    assert output.index(problem) > output.index(f"failed {bad}")
    assert "Built 2 of 3 profiles (6 documents)" in output
    assert "1 profile was not built" in output
    assert "Traceback" not in output
    assert (tmp_path / "wexmoor" / f"{HARNLEY}-briefing.docx").exists()


def test_several_files_go_into_subfolders_too(tmp_path: Path) -> None:
    files = [str(EXAMPLES / name / "profile.yaml") for name in ["wexmoor", "borchestershire"]]
    result = runner.invoke(app, ["build", *files, "--out", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert names_in(tmp_path) == ["borchestershire", "wexmoor"]


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(tmp_path), "--jobs", "0"])
    assert result.exit_code == 2


def test_on_a_terminal_progress_is_one_bar_that_names_failures_and_then_goes() -> None:
    from rich.console import Console

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80, color_system=None)
    progress = Progress(terminal=True, console=terminal)
    good = Outcome(Path("a/profile.yaml"), Path("out/a"), paths=(Path("out/a/x.docx"),))
    bad = Outcome(Path("b/profile.yaml"), None, error="b/profile.yaml:1:1: broken", exit_code=1)
    progress.update(good, 1, 2)
    progress.update(bad, 2, 2)
    progress.close()
    shown = screen.getvalue()
    assert "failed b/profile.yaml\n" in shown  # printed above the bar, where it stays
    assert "━ 2/2 1 failed b/profile.yaml" in shown  # the bar, full, with the latest profile
    assert shown.endswith("\x1b[2K")  # and the bar is wiped before the report


def test_build_options_apply_to_every_profile(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(EXAMPLES), "--out", str(tmp_path), "--jobs", "2", "--text"]
    )
    assert result.exit_code == 0, result.output
    for folder, council in [("borchestershire", FELPERSHAM), ("wexmoor", HARNLEY)]:
        assert f"{council}-briefing.md" in names_in(tmp_path / folder)
    again = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(tmp_path), "--jobs", "1"])
    assert again.exit_code == 0, again.output  # lisdraft may replace what it wrote itself


def test_a_document_edited_by_hand_stops_only_its_own_profile(tmp_path: Path) -> None:
    assert build_documents([EXAMPLES], tmp_path, BuildOptions(jobs=1)).exit_code == 0
    edited = tmp_path / "wexmoor" / f"{HARNLEY}-briefing.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")
    result = build_documents([EXAMPLES], tmp_path, BuildOptions(jobs=2))
    assert [o.profile.parent.name for o in result.built] == ["borchestershire"]
    [failed] = result.failed
    assert failed.exit_code == 1 and str(edited) in failed.error


def test_one_profile_comes_back_with_what_was_read_and_where_it_went(tmp_path: Path) -> None:
    profile = EXAMPLES / "wexmoor" / "profile.yaml"
    result = build_documents(profile, tmp_path)  # one file: straight into the folder
    [outcome] = result.outcomes
    assert outcome.out_dir == tmp_path and outcome.ok
    assert outcome.place_profile is not None
    assert outcome.place_profile.meta.council == "Harnley District Council"
    assert outcome.assessment is not None and len(outcome.assessment.questions) == 8
    assert sorted(path.name for path in result.paths) == names_in(tmp_path)


def test_a_failure_in_a_worker_can_still_be_raised_with_its_message(
    region: Path, tmp_path: Path
) -> None:
    result = build_documents([region], tmp_path, BuildOptions(jobs=2))
    with pytest.raises(BuildFailed, match=r"meta\.status: 'drafty' is not one of") as caught:
        result.raise_on_failure()
    assert caught.value.exit_code == 1


# --- area folders: one worker builds an area's councils and renders its overview -----------

COUNTY = "borchestershire-county-council.yaml"
BOROUGH = "borchester-borough-council.yaml"
BORCHESTERSHIRE = "borchestershire-area-overview.docx"
WESSINGTON = "wessington-area-overview.docx"
#: The example area's councils, in the order its area file lists them (and overviews show them).
AREA_COUNCILS = [
    "Borchestershire County Council",
    "Felpersham City Council",
    "Borchester Borough Council",
]


def copy_area(folder: Path, place: str = "Borchestershire") -> Path:
    """Return a copy of the Borchestershire area folder at `folder`, its area renamed `place`."""
    shutil.copytree(AREA_EXAMPLE, folder)
    replace_in(folder / "area.yaml", "  name: Borchestershire\n", f"  name: {place}\n")
    return folder


def councils_in(overview: Path) -> list[str]:
    """Return the councils an area overview sets side by side, as its matrix heads them."""
    for table in Document(str(overview)).tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == ["No.", "Question"]:
            return header[2:]
    raise AssertionError(f"no matrix in {overview}")


def overviews_made_here(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Return a list that fills with the area files whose overview this process makes."""
    made: list[Path] = []
    real = pipeline.build_area_overview

    def spy(area_file: Path, *args: Any) -> Outcome:
        made.append(area_file)
        return real(area_file, *args)

    monkeypatch.setattr(pipeline, "build_area_overview", spy)
    return made


@pytest.fixture
def two_areas(tmp_path: Path) -> Path:
    """Return a folder of two area folders; one council in the first has a mistyped status."""
    folder = tmp_path / "areas"
    north = copy_area(folder / "north")
    copy_area(folder / "south", "Wessington")
    replace_in(north / BOROUGH, "status: draft", "status: drafty")
    return folder


def test_an_area_folder_is_one_unit_of_work_and_loose_profiles_one_each(tmp_path: Path) -> None:
    area = copy_area(tmp_path / "region" / "area")
    loose = [tmp_path / "region" / "loose" / f"{name}.yaml" for name in ("one", "two", "three")]
    for path in loose:
        path.parent.mkdir(exist_ok=True)
        shutil.copy(EXAMPLES / "wexmoor" / "profile.yaml", path)
    planned = plan_jobs([tmp_path / "region"], Path("out"))
    work = [(index, job) for index, job in enumerate(planned) if isinstance(job, Job)]
    units = batch.plan_units(work)
    assert [[job.profile for job in unit.jobs] for _, unit in units] == [
        [area / BOROUGH, area / COUNTY, area / "profile.yaml"],  # the largest unit first
        *([path] for path in sorted(loose)),
    ]
    # Nothing else is in or below the area's folder: its overview is the unit's to make.
    assert units[0][1].own_folders == {area.resolve()}


def test_area_folders_built_by_workers_give_the_same_overviews_as_one_process(
    two_areas: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = build_documents([two_areas], tmp_path / "one", BuildOptions(jobs=1))
    made_here = overviews_made_here(monkeypatch)
    seen: list[tuple[int, int]] = []
    options = BuildOptions(jobs=2)
    two = build_documents(
        [two_areas], tmp_path / "two", options, lambda o, n, t: seen.append((n, t))
    )
    assert made_here == []  # each worker made its area's
    assert seen == [(done, 6) for done in range(1, 7)]  # once per profile, as before
    assert [o.paths[0].name for o in two.overviews] == [BORCHESTERSHIRE, WESSINGTON]
    for name in (BORCHESTERSHIRE, WESSINGTON):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
    assert [o.profile for o in two.outcomes] == [o.profile for o in one.outcomes]


def test_a_council_that_fails_leaves_its_areas_overview_to_the_others(
    two_areas: Path, tmp_path: Path
) -> None:
    result = build_documents([two_areas], tmp_path, BuildOptions(jobs=2))
    [failed] = result.failed
    bad = two_areas / "north" / BOROUGH
    line = line_of(bad, "  status:")
    assert failed.profile == bad and f"{bad}:{line}:3: meta.status: 'drafty'" in failed.error
    assert result.exit_code == 1 and len(result.built) == 5
    assert councils_in(tmp_path / BORCHESTERSHIRE) == AREA_COUNCILS[:2]


def test_an_area_file_above_councils_in_two_folders_gets_one_whole_overview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # region/area.yaml is named by Felpersham in felpersham/ and by the other two in
    # others/, a folder with an area file of its own (named by none of them).
    region = copy_area(tmp_path / "region")
    for council, folder in [
        ("profile.yaml", "felpersham"),
        (COUNTY, "others"),
        (BOROUGH, "others"),
    ]:
        (region / folder).mkdir(exist_ok=True)
        (region / council).rename(region / folder / council)
        replace_in(region / folder / council, "area: area.yaml", "area: ../area.yaml")
    shutil.copy(region / "area.yaml", region / "others" / "area.yaml")
    made_here = overviews_made_here(monkeypatch)
    result = build_documents([region], tmp_path / "two", BuildOptions(jobs=2))
    assert made_here == [region / "area.yaml"]
    assert councils_in(tmp_path / "two" / BORCHESTERSHIRE) == AREA_COUNCILS
    build_documents([region], tmp_path / "one", BuildOptions(jobs=1)).raise_on_failure()
    overview = (tmp_path / "two" / BORCHESTERSHIRE).read_bytes()
    assert overview == (tmp_path / "one" / BORCHESTERSHIRE).read_bytes()
    assert [o.paths for o in result.overviews] == [(tmp_path / "two" / BORCHESTERSHIRE,)]


def test_a_council_naming_the_area_file_of_a_parent_folder_is_in_that_areas_overview(
    tmp_path: Path,
) -> None:
    # Wessington's area folder sits in Borchestershire's; Felpersham's profile there
    # names Borchestershire's area file, as Borchester's beside that file does.
    region = copy_area(tmp_path / "region")
    (region / "profile.yaml").unlink()
    (region / COUNTY).unlink()
    south = tmp_path / "south"
    copy_area(south, "Wessington").rename(region / "south")
    replace_in(region / "south" / "profile.yaml", "area: area.yaml", "area: ../area.yaml")
    result = build_documents([region], tmp_path / "out", BuildOptions(jobs=2))
    result.raise_on_failure()
    assert [o.paths[0].name for o in result.overviews] == [BORCHESTERSHIRE, WESSINGTON]
    assert councils_in(tmp_path / "out" / BORCHESTERSHIRE) == AREA_COUNCILS[1:]
    assert councils_in(tmp_path / "out" / WESSINGTON) == AREA_COUNCILS[::2]


def test_an_overview_is_made_even_when_a_council_was_sent_back_without_its_profile(
    tmp_path: Path,
) -> None:
    result = build_documents([AREA_EXAMPLE], tmp_path / "one", BuildOptions(jobs=1))
    area = AREA_EXAMPLE / "area.yaml"
    slim = [replace(result.outcomes[0], place_profile=None, assessment=None), *result.outcomes[1:]]
    again = pipeline.build_area_overview(area, slim, tmp_path / "two", BuildOptions())
    assert again.ok
    overview = (tmp_path / "two" / BORCHESTERSHIRE).read_bytes()
    assert overview == (tmp_path / "one" / BORCHESTERSHIRE).read_bytes()
