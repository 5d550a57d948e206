"""Warnings where a council's profile contradicts the area file it shares with other councils.

A profile that merges cleanly with its area file can still disagree with it:
its self-assessment may speak of briefing its members on the LEP board when
no member of the area's board represents the council, or of a forum the
area's list of forums does not hold. These are warnings, not errors (the
documents can still be built), and each names both places, so an officer can
decide which file is wrong. `lisdraft validate` prints them and the area
overview lists them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from lisdraft.errors import Problem
from lisdraft.profile.area import (
    AREA_FIELD,
    Location,
    Merged,
    dotted,
    merge_with_area,
    read_source,
)
from lisdraft.profile.model import Forum, PlaceProfile

#: Answers that claim something is in place, at least in part.
CLAIMS = ("yes", "partly")


def consistency_warnings(path: str | Path) -> list[Problem]:
    """Return a warning for each place the profile at `path` contradicts its area file.

    A profile without an area file, or one that is not valid, has none (its
    problems are reported by `load_profile`).
    """
    council = read_source(Path(path), str(path))
    if not isinstance(council.data, dict) or AREA_FIELD not in council.data:
        return []
    merged = merge_with_area(council)
    try:
        profile = PlaceProfile.model_validate(merged.data)
    except ValidationError:
        return []
    return merged_warnings(profile, merged)


def merged_warnings(profile: PlaceProfile, merged: Merged) -> list[Problem]:
    """Return a warning for each place `profile` (read from `merged`) contradicts its area file."""
    return [*_board_seat(profile, merged), *_forums(profile, merged)]


def _there(merged: Merged, loc: Location) -> str:
    """Return 'file:line:column' for `loc` of the merged data."""
    file, line, column = merged.where(loc)
    return file + (f":{line}:{column}" if line is not None else "")


def _warning(merged: Merged, loc: Location, message: str) -> Problem:
    """Return a warning located where `loc` of the merged data was written."""
    return Problem(*merged.where(loc), dotted(loc), message)


def _board_seat(profile: PlaceProfile, merged: Merged) -> Iterator[Problem]:
    """Warn when the council claims a board seat that no member of the area's board fills."""
    council = profile.meta.council
    if any(member.represents == council for member in profile.board.members):
        return
    answer = profile.self_assessment.board_members_briefed
    if answer is not None and answer.answer in CLAIMS:
        board = _there(merged, ("board", "members"))
        yield _warning(
            merged,
            ("self_assessment", "board_members_briefed", "answer"),
            f"the self-assessment says {council}'s members on the LEP board are briefed, but no "
            f"member of the board in the area file ({board}) represents {council}; add "
            "'represents' to its member there, or change this answer",
        )
    for index, entry in enumerate(profile.place.councils):
        if entry.name == council and entry.leader_on_lep_board:
            board = _there(merged, ("board", "members"))
            yield _warning(
                merged,
                ("place", "councils", index, "leader_on_lep_board"),
                f"{council}'s leader is marked as on the LEP board, but no member of the board "
                f"({board}) represents {council}; correct one of them",
            )


def _forums(profile: PlaceProfile, merged: Merged) -> Iterator[Problem]:
    """Warn when the council speaks of a forum the area's list of forums does not hold."""
    council = profile.meta.council
    kinds = {
        "councils_forum": ("members", "mixed"),
        "officers_forum": ("officers", "mixed"),
    }
    for key, levels in kinds.items():
        answer = getattr(profile.self_assessment, key)
        if answer is None or answer.answer not in CLAIMS:
            continue
        if not any(_joins(forum, council) and forum.level in levels for forum in profile.forums):
            what = "councillors" if key == "councils_forum" else "senior officers"
            forums = _there(merged, ("forums",))
            yield _warning(
                merged,
                ("self_assessment", key, "answer"),
                f"the self-assessment says there is a forum where {council}'s {what} meet the "
                f"LEP, but none of the area's forums ({forums}) is one {council} takes part in "
                "with the LEP; add it to the area file, or change this answer",
            )
    names = [forum.name for forum in profile.forums]
    for index, line in enumerate(profile.board.reporting_back):
        loc: Location = ("board", "reporting_back", index, "to")
        if merged.origin(loc)[0] is merged.area or line.to in names:
            continue
        close = difflib.get_close_matches(line.to, names, n=1, cutoff=0.8)
        if close:
            forums = _there(merged, ("forums",))
            yield _warning(
                merged,
                loc,
                f"'{line.to}' is not one of the area's forums ({forums}); did you mean "
                f"'{close[0]}'?",
            )


def _joins(forum: Forum, council: str) -> bool:
    """Return whether `council` takes part in `forum` alongside the LEP."""
    takes_part = forum.councils == "all" or council in forum.councils
    return takes_part and forum.lep_takes_part
