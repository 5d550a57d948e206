"""Check several profiles and report their problems for other tools to read.

`lisdraft validate` prints problems for people by default; `check_profiles`
gives the same problems as data, which `validation_to_json` and
`github_annotations` turn into forms that CI systems read. The JSON shape is
documented in docs/validate-json.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lisdraft.errors import Problem, ProfileError
from lisdraft.framework import LIS_AREAS
from lisdraft.profile.area import (
    AREA_FIELD,
    check_area_file,
    is_area_file,
    merge_with_area,
    read_source,
)
from lisdraft.profile.consistency import merged_warnings
from lisdraft.profile.loader import load_source
from lisdraft.profile.model import PlaceProfile
from lisdraft.profile.placeholders import placeholder_warnings

#: The file suffixes read as profiles (and area files) in a folder.
PROFILE_SUFFIXES = (".yaml", ".yml")

#: The version of the JSON shape; it changes only with a new number.
JSON_SCHEMA_ID = "lisdraft.validate/2"


@dataclass(frozen=True)
class FileCheck:
    """The outcome of validating one profile or area file: its problems, if any, and warnings.

    Warnings point at likely slips that do not make the profile invalid, and
    at places where a council's profile contradicts its area file.
    """

    file: str
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        """Return whether the profile has no problems."""
        return not self.problems


def check_profiles(paths: Iterable[str | Path]) -> list[FileCheck]:
    """Return the outcome of validating each profile in `paths` (files or folders), in order.

    A problem in a shared area file is reported once: with the area file
    itself, or with the first council that uses it. Each later council that
    uses it is still not valid, but says so in one problem at its own `area:`
    line, pointing back at the problems reported above. A warning written in
    the area file is likewise given once.
    """
    checks: list[FileCheck] = []
    reported: set[Problem] = set()
    for path in files_in(paths):
        checks.append(_reported_once(check_profile(path), reported))
    return checks


def _reported_once(check: FileCheck, reported: set[Problem]) -> FileCheck:
    """Return `check` without the problems and warnings from other files already `reported`.

    Problems so left out are replaced by one per other file, at the profile's
    `area:` line, so that the profile is still not valid and says why.
    """
    repeated = [p for p in check.problems if p.file != check.file and p in reported]
    warnings = [w for w in check.warnings if w.file == check.file or w not in reported]
    reported.update(check.problems, check.warnings)
    if not repeated and len(warnings) == len(check.warnings):
        return check
    counts: dict[str, int] = {}
    for problem in repeated:
        counts[problem.file] = counts.get(problem.file, 0) + 1
    pointers = [_reported_above(check.file, file, count) for file, count in counts.items()]
    kept = [problem for problem in check.problems if problem not in repeated]
    return FileCheck(check.file, (*pointers, *kept), tuple(warnings))


def _reported_above(profile: str, other: str, count: int) -> Problem:
    """Return the problem a profile is given for `count` problems in `other`, reported above."""
    noun = "problem" if count == 1 else "problems"
    message = (
        f"its area file {other} has {count} {noun}, reported above; fix {other}, then "
        "validate this profile again"
    )
    try:
        line, column = read_source(Path(profile), profile).where((AREA_FIELD,))[1:]
    except ProfileError:  # it was read a moment ago: this is only for safety
        line, column = None, None
    return Problem(profile, line, column, AREA_FIELD, message)


def files_in(paths: Iterable[str | Path]) -> list[Path]:
    """Return `paths` with each folder replaced by the .yaml and .yml files in it, sorted.

    Hidden files and folders (names starting with a dot) are skipped. A folder
    with none is kept, so that `check_profile` reports it.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        inside = (
            sorted(
                file
                for file in path.rglob("*")
                if file.suffix.lower() in PROFILE_SUFFIXES
                and file.is_file()
                and not any(part.startswith(".") for part in file.relative_to(path).parts)
            )
            if path.is_dir()
            else []
        )
        found += inside or [path]
    return found


def check_profile(path: str | Path) -> FileCheck:
    """Return the outcome of validating the profile, or area file (area.yaml), at `path`."""
    if Path(path).is_dir():
        message = "no profile .yaml or .yml files in this folder"
        return FileCheck(str(path), (Problem(str(path), None, None, "", message),))
    if is_area_file(Path(path)):
        return check_area(path)
    try:
        loaded = load_source(path)
    except ProfileError as exc:
        return FileCheck(str(path), tuple(exc.problems))
    # Where it contradicts its area file, from the merge already made to load it.
    contradictions = merged_warnings(loaded.profile, loaded.merged) if loaded.merged else []
    warnings = [
        *profile_warnings(loaded.profile, str(path)),
        *placeholder_warnings(path),
        *contradictions,
    ]
    return FileCheck(str(path), (), tuple(warnings))


def check_area(path: str | Path) -> FileCheck:
    """Return the outcome of validating the area file at `path` on its own.

    A valid area file is warned about a likely slip in its `place.name`
    (see `profile_warnings`), at the line where the name is written.
    """
    try:
        area = read_source(Path(path), str(path))
        problems = check_area_file(area)
    except ProfileError as exc:
        return FileCheck(str(path), tuple(exc.problems))
    if problems:
        return FileCheck(str(path), tuple(problems))
    place = area.data.get("place")
    name = place.get("name") if isinstance(place, dict) else None
    message = lis_area_slip(name) if isinstance(name, str) else None
    warnings = [area.problem(("place", "name"), message)] if message else []
    return FileCheck(str(path), (), tuple(warnings))


def profile_warnings(profile: PlaceProfile, file: str) -> list[Problem]:
    """Return warnings about likely slips in a valid `profile` read from `file`.

    Today there is one: a `place.name` that is close to, but not the same as,
    one of the 38 LIS areas (`framework.LIS_AREAS`), which suggests a typing
    slip. A name far from every area (a new, renamed or fictional area) is left
    alone. The warning is located where `place.name` is written: in the
    profile, or in its area file when the place comes from there.
    """
    message = lis_area_slip(profile.place.name)
    if message is None:
        return []
    return [Problem(*_place_name_at(file), "place.name", message)]


def lis_area_slip(name: str) -> str | None:
    """Return a warning when `name` is very close to one of the 38 LIS areas but not one."""
    if name in LIS_AREAS:
        return None
    by_folded = {area.casefold(): area for area in LIS_AREAS}
    # 0.9 catches a slip of a letter or two in all but the shortest names, and stays
    # quiet for the fictional Borchestershire (0.896 from Worcestershire).
    nearest = difflib.get_close_matches(name.casefold(), by_folded, n=1, cutoff=0.9)
    if not nearest:
        return None
    area = by_folded[nearest[0]]
    return (
        f"'{name}' is not one of the 38 LIS areas; did you mean '{area}'? "
        "Spell it as the area does, so that partners' documents match."
    )


def _place_name_at(file: str) -> tuple[str, int | None, int | None]:
    """Return the file, line and column where the valid profile in `file` writes place.name."""
    council = read_source(Path(file), file)
    if isinstance(council.data, dict) and AREA_FIELD in council.data:
        return merge_with_area(council).where(("place", "name"))
    return council.where(("place", "name"))


def validation_to_json(checks: list[FileCheck]) -> dict[str, Any]:
    """Return `checks` as the JSON-ready data documented in docs/validate-json.md."""
    return {
        "schema": JSON_SCHEMA_ID,
        "valid": all(check.valid for check in checks),
        "files": [
            {
                "file": check.file,
                "valid": check.valid,
                "problems": [_problem_to_json(problem) for problem in check.problems],
                "warnings": [_problem_to_json(warning) for warning in check.warnings],
            }
            for check in checks
        ],
    }


def _problem_to_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
    }


def github_annotations(checks: list[FileCheck]) -> list[str]:
    """Return one GitHub Actions `::error` line per problem and `::warning` line per warning."""
    lines = []
    for check in checks:
        lines += [_annotation(problem) for problem in check.problems]
        lines += [_annotation(warning, "warning") for warning in check.warnings]
    return lines


def _annotation(problem: Problem, level: str = "error") -> str:
    where = [f"file={_property(problem.file)}"]
    if problem.line is not None:
        where.append(f"line={problem.line}")
        if problem.column is not None:
            where.append(f"col={problem.column}")
    text = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{level} {','.join(where)}::{_data(text)}"


def _data(text: str) -> str:
    """Escape a workflow command's message, as GitHub Actions requires."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value (such as the file name)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
