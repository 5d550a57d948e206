"""Cross-reference checks: names in one part of a profile that must match another.

Pydantic checks each field on its own; these checks need the whole profile.
Each returns the location of the bad value and a message saying what to do.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator

from lisdraft.profile.model import PlaceProfile

Location = tuple[int | str, ...]
Finding = tuple[Location, str]


def check_references(profile: PlaceProfile) -> list[Finding]:
    """Return every broken cross-reference in `profile`, in document order."""
    return [
        *_council_names_unique(profile),
        *_authoring_council_known(profile),
        *_forum_councils_known(profile),
        *_board_consistent(profile),
    ]


def _unknown(value: str, known: Iterable[str], what: str, where: str) -> str:
    """Return the message for a name that is not in `known`, with a suggestion."""
    choices = list(known)
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"{where} lists: {', '.join(choices)}"
    return f"'{value}' is not {what}; {hint}"


def _council_names(profile: PlaceProfile) -> list[str]:
    return [council.name for council in profile.place.councils]


def _council_names_unique(profile: PlaceProfile) -> Iterator[Finding]:
    seen: Counter[str] = Counter()
    for index, council in enumerate(profile.place.councils):
        seen[council.name] += 1
        if seen[council.name] == 2:
            yield (
                ("place", "councils", index, "name"),
                f"the council '{council.name}' is listed twice; remove the second entry",
            )


def _authoring_council_known(profile: PlaceProfile) -> Iterator[Finding]:
    names = _council_names(profile)
    if profile.meta.council not in names:
        yield (
            ("meta", "council"),
            _unknown(
                profile.meta.council,
                names,
                "one of the councils in place.councils",
                "place.councils",
            ),
        )


def _forum_councils_known(profile: PlaceProfile) -> Iterator[Finding]:
    names = _council_names(profile)
    for f_index, forum in enumerate(profile.forums):
        if forum.councils == "all":
            continue
        for c_index, name in enumerate(forum.councils):
            if name not in names:
                yield (
                    ("forums", f_index, "councils", c_index),
                    _unknown(name, names, "a council in place.councils", "place.councils"),
                )


def _board_consistent(profile: PlaceProfile) -> Iterator[Finding]:
    board = profile.board
    councils = _council_names(profile)
    members = [member.name for member in board.members]
    for index, member in enumerate(board.members):
        if member.represents is not None and member.represents not in councils:
            yield (
                ("board", "members", index, "represents"),
                _unknown(
                    member.represents, councils, "a council in place.councils", "place.councils"
                ),
            )
        if members.index(member.name) != index:
            yield (
                ("board", "members", index, "name"),
                f"'{member.name}' is listed twice on the board; remove the second entry",
            )
    yield from _board_officers_match_lep(profile)
    for index, line in enumerate(board.reporting_back):
        if line.member not in members:
            yield (
                ("board", "reporting_back", index, "member"),
                _unknown(line.member, members, "a member listed in board.members", "board.members"),
            )


def _board_officers_match_lep(profile: PlaceProfile) -> Iterator[Finding]:
    """Check that the board's chair and vice chair are the people named in place.lep."""
    expected = {
        "chair": profile.place.lep.chair.name,
        "vice_chair": profile.place.lep.vice_chair.name,
    }
    for index, member in enumerate(profile.board.members):
        named = expected.get(member.role)
        if named is not None and member.name != named:
            title = member.role.replace("_", " ")
            yield (
                ("board", "members", index, "role"),
                f"'{member.name}' is marked as {title}, but place.lep names '{named}' as "
                f"{title}; correct one of them",
            )
