"""Area files: the facts a LIS area's councils share, kept once and merged into each profile.

A council profile that says ``area: area.yaml`` holds only its own sections;
the area file holds the shared ones (the place, the area's vision, the LEP
board, the forums, the shared strategies and shared engagement). The two are
merged here into the plain data of one profile, so that everything after
loading sees an ordinary `PlaceProfile`.

How the two files merge, section by section:

- ``vision``, ``board`` and ``engagement`` merge part by part: the area file
  may give ``vision.area`` and the profile ``vision.council`` and
  ``vision.fit``, say;
- ``strategies`` are joined: the area's shared strategies first, then the
  council's own;
- every other section comes from one file or the other.

A section (or, for the three above, a part) given in both files is an error
that names both places. Every location is kept, so a problem is reported in
the file, line and column where it was written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field

from lisdraft.errors import Problem, ProfileError
from lisdraft.profile.model import (
    AreaVision,
    Board,
    Engagement,
    Forum,
    Place,
    PlaceProfile,
    Section,
    Strategy,
)
from lisdraft.profile.yamlsafe import fast_data, load_yaml, position, read_text

Location = tuple[int | str, ...]

#: The key a council profile names its area file with.
AREA_FIELD = "area"
#: File names read as an area file, not a council profile, when a folder is built or validated.
AREA_FILE_NAMES = ("area.yaml", "area.yml")
#: Sections merged part by part.
SPLIT_SECTIONS = ("vision", "board", "engagement")
#: Lists both files add to, the area's entries first.
JOINED_SECTIONS = ("strategies",)


class AreaVisionPart(Section):
    """The area file's part of the vision: the shared vision only."""

    area: AreaVision = Field(description="The shared vision that frames the LIS.")


class AreaFile(Section):
    """An area file: the sections every council of a LIS area shares. Each is optional."""

    place: Place | None = Field(
        default=None, description="The LIS area, its LEP, combined authority and councils."
    )
    vision: AreaVisionPart | None = Field(
        default=None, description="The area's shared vision (vision.area)."
    )
    board: Board | None = Field(
        default=None,
        description="The LEP board: its members, policy on conflicts of interest, the councils' "
        "mandate and reporting-back lines. Parts a council gives itself (its briefing, "
        "decisions ahead, questions) stay in its profile.",
    )
    forums: list[Forum] | None = Field(
        default=None, description="Every forum through which the area's councils shape the LIS."
    )
    strategies: list[Strategy] | None = Field(
        default=None,
        description="The area's shared strategies; each council's profile adds its own.",
    )
    engagement: Engagement | None = Field(
        default=None,
        description="Engagement the councils share (such as the one consistent message).",
    )


def is_area_file(path: Path) -> bool:
    """Return whether `path` is named as an area file (area.yaml or area.yml)."""
    return path.name.lower() in AREA_FILE_NAMES


@dataclass
class Source:
    """One YAML file read for a profile: its plain data, and its tree once a location is needed."""

    path: Path
    shown: str
    text: str
    data: Any
    _tree: Any = field(default=None, repr=False)

    @property
    def tree(self) -> Any:
        """Return the round-trip tree, read on first use (only problems need line numbers)."""
        if self._tree is None:
            self._tree, _ = load_yaml(self.path, self.shown, self.text)
        return self._tree

    def where(self, loc: Location) -> tuple[str, int | None, int | None]:
        """Return the file, line and column of `loc` in this file."""
        return (self.shown, *position(self.tree, loc))

    def problem(self, loc: Location, message: str) -> Problem:
        """Return a problem located at `loc` in this file."""
        return Problem(*self.where(loc), dotted(loc), message)


def read_source(path: Path, shown: str) -> Source:
    """Return the file at `path` read as plain data; raise `ProfileError` if it is not YAML."""
    text = read_text(path, shown)
    data = fast_data(text)
    if data is None:
        tree, data = load_yaml(path, shown, text)
        return Source(path, shown, text, data, tree)
    return Source(path, shown, text, data)


@dataclass
class Merged:
    """A council profile merged with its area file: the data, the problems and every origin."""

    council: Source
    area: Source
    data: dict[str, Any]
    problems: list[Problem]

    def origin(self, loc: Location) -> tuple[Source, Location]:
        """Return the file `loc` of the merged data came from, and its location there."""
        if not loc or not isinstance(self.area.data, dict):
            return self.council, loc
        section = loc[0]
        given = self.area.data.get(section)
        if section not in self.area.data:
            return self.council, loc
        if section in JOINED_SECTIONS and isinstance(given, list):
            if len(loc) > 1 and isinstance(loc[1], int) and loc[1] >= len(given):
                return self.council, (section, loc[1] - len(given), *loc[2:])
            return (self.area, loc) if len(loc) > 1 else (self.council, loc)
        if section in SPLIT_SECTIONS and isinstance(given, dict):
            if len(loc) > 1 and loc[1] in given:
                return self.area, loc
            return self.council, loc
        return self.area, loc

    def where(self, loc: Location) -> tuple[str, int | None, int | None]:
        """Return the file, line and column where `loc` of the merged data was written."""
        source, inner = self.origin(loc)
        return source.where(inner)


def merge_with_area(council: Source) -> Merged:
    """Return `council` merged with the area file it names, or raise `ProfileError`.

    Problems with the `area` value itself (not a relative path, outside the
    allowed folders, missing) and problems with the area file's own shape are
    raised at once; sections given in both files are returned as problems in
    `Merged.problems`, each naming both places.
    """
    area_path = _area_path(council)
    area = _read_area(area_path, _shown_area(council, area_path))
    _check_area_shape(area)
    data, both = _merge(area.data, council.data)
    problems = [_both_places(council, area, loc) for loc in both]
    return Merged(council, area, data, problems)


def _area_path(council: Source) -> Path:
    """Return the area file `council` names, checked to be where an area file may be."""
    value = council.data[AREA_FIELD]
    loc: Location = (AREA_FIELD,)
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(
            [council.problem(loc, "expected the path of an area file, such as area.yaml")]
        )
    relative = Path(value.strip())
    if relative.is_absolute():
        raise ProfileError(
            [
                council.problem(
                    loc,
                    f"'{value}' is an absolute path; write the area file's path relative to "
                    "this profile, such as area.yaml or ../area.yaml",
                )
            ]
        )
    folder = council.path.resolve().parent
    target = Path(os.path.normpath(folder / relative))
    allowed = _allowed_folders(folder)
    if target.parent not in allowed:
        raise ProfileError(
            [
                council.problem(
                    loc,
                    f"'{value}' is outside the folders an area file may be in: this profile's "
                    "folder or one of its parent folders, up to the repository root. Move the "
                    "area file there",
                )
            ]
        )
    if not target.is_file():
        raise ProfileError(
            [council.problem(loc, f"the area file '{value}' was not found next to {folder}")]
        )
    return target


def _allowed_folders(folder: Path) -> list[Path]:
    """Return `folder` and its parents, stopping at the repository root (a folder with .git)."""
    allowed = [folder]
    for parent in [folder, *folder.parents]:
        if parent != folder:
            allowed.append(parent)
        if (parent / ".git").exists():
            break
    return allowed


def _shown_area(council: Source, area_path: Path) -> str:
    """Return the area file's path as a user would write it, from the profile's shown path."""
    value = str(council.data[AREA_FIELD]).strip()
    return os.path.normpath(Path(council.shown).parent / value)


#: Area files read in this process, by path, with the size and time that identify the version.
_area_cache: dict[Path, tuple[tuple[int, int], Source]] = {}


def _read_area(path: Path, shown: str) -> Source:
    """Return the area file at `path`; a batch of its councils reads it once."""
    try:
        stat = path.stat()
    except OSError:
        return read_source(path, shown)
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _area_cache.get(path)
    if cached is not None and cached[0] == stamp and cached[1].shown == shown:
        return cached[1]
    source = read_source(path, shown)
    _area_cache[path] = (stamp, source)
    return source


def check_area_file(area: Source) -> list[Problem]:
    """Return every problem with the area file on its own: sections it may not hold, bad values."""
    from pydantic import ValidationError

    from lisdraft.profile.loader import problems_from_validation

    problems = _shape_problems(area)
    if problems:
        return problems
    try:
        AreaFile.model_validate(area.data)
    except ValidationError as exc:
        return problems_from_validation(exc, area.where, AreaFile)
    return []


def _check_area_shape(area: Source) -> None:
    """Raise `ProfileError` when the area file holds what only a council profile may."""
    problems = _shape_problems(area)
    if problems:
        raise ProfileError(problems)


def _shape_problems(area: Source) -> list[Problem]:
    """Return a problem for each section of the area file that only a council profile may hold."""
    if not isinstance(area.data, dict):
        return [area.problem((), "expected an area file of sections such as place: and board:")]
    problems = [
        area.problem((key,), _not_in_area(str(key)))
        for key in area.data
        if key not in AreaFile.model_fields
    ]
    vision = area.data.get("vision")
    if isinstance(vision, dict):
        problems += [
            area.problem(("vision", key), _not_in_area(f"vision.{key}"))
            for key in vision
            if key != "area"
        ]
    return problems


def _not_in_area(name: str) -> str:
    if name == AREA_FIELD:
        return "an area file cannot name another area file; remove this line"
    if name in PlaceProfile.model_fields or name.startswith("vision."):
        return f"'{name}' belongs in each council's profile, not in the area file; move it there"
    shared = ", ".join(AreaFile.model_fields)
    return (
        f"'{name}' is not a section of an area file, which holds only the shared sections "
        f"({shared}); move it to each council's profile"
    )


def _merge(area: dict[str, Any], council: dict[str, Any]) -> tuple[dict[str, Any], list[Location]]:
    """Return the merged data and the location of each section or part given in both."""
    merged = {key: value for key, value in council.items() if key != AREA_FIELD}
    both: list[Location] = []
    for key, value in area.items():
        if key not in merged:
            merged[key] = value
        elif key in JOINED_SECTIONS and isinstance(value, list) and isinstance(merged[key], list):
            merged[key] = [*value, *merged[key]]
        elif key in SPLIT_SECTIONS and isinstance(value, dict) and isinstance(merged[key], dict):
            own = merged[key]
            both += [(key, part) for part in value if part in own]
            merged[key] = {**value, **own}
        else:
            both.append((key,))
    return merged, both


def _both_places(council: Source, area: Source, loc: Location) -> Problem:
    """Return the problem for a section given in both files, naming both places."""
    file, line, column = area.where(loc)
    there = file + (f":{line}:{column}" if line is not None else "")
    name = dotted(loc)
    return council.problem(
        loc,
        f"'{name}' is given both here and in the area file ({there}); keep it in one place: "
        "the area file for what all the area's councils share, this profile for what is "
        "the council's own",
    )


def dotted(loc: Location) -> str:
    """Return `loc` as `board.members[2].name`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


Locator = Callable[[Location], tuple[str, int | None, int | None]]
