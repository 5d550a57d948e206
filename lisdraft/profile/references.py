"""Cross-reference checks: names in one part of a profile that must match another.

Pydantic checks each field on its own; these checks need the whole profile.
They read the plain data (the YAML as read), not the validated model, so that
they also run when the schema check has found problems elsewhere: `validate`
reports both kinds in one go. A value of the wrong type is left to the
schema check and skipped here. Each check returns the location of the bad
value and a message saying what to do.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from lisdraft.profile.model import PlaceProfile

Location = tuple[int | str, ...]
Finding = tuple[Location, str]


def check_references(profile: PlaceProfile) -> list[Finding]:
    """Return every broken cross-reference in `profile`, in document order."""
    return check_reference_data(profile.model_dump(mode="python"))


def check_reference_data(data: Any) -> list[Finding]:
    """Return every broken cross-reference in plain profile `data`, skipping ill-typed values."""
    if not isinstance(data, dict):
        return []
    return [
        *_council_names_unique(data),
        *_authoring_council_known(data),
        *_forum_councils_known(data),
        *_board_consistent(data),
    ]


def _items(data: Any, *path: str) -> list[tuple[int, dict[str, Any]]]:
    """Return the (index, section) pairs of the list at `path`, skipping what is not a section."""
    node = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, list):
        return []
    return [(i, item) for i, item in enumerate(node) if isinstance(item, dict)]


def _text(section: Any, key: str) -> str | None:
    """Return the text at `key` in `section`, stripped, or None when it is not text."""
    value = section.get(key) if isinstance(section, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _unknown(value: str, known: Iterable[str], what: str, where: str) -> str:
    """Return the message for a name that is not in `known`, with a suggestion."""
    choices = list(known)
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"{where} lists: {', '.join(choices)}"
    return f"'{value}' is not {what}; {hint}"


def _council_names(data: Any) -> list[str] | None:
    """Return the councils' names, or None when place.councils cannot be read."""
    councils = _items(data, "place", "councils")
    names = [_text(council, "name") for _, council in councils]
    if not councils or None in names:
        return None
    return [name for name in names if name is not None]


def _council_names_unique(data: Any) -> Iterator[Finding]:
    seen: Counter[str] = Counter()
    for index, council in _items(data, "place", "councils"):
        name = _text(council, "name")
        if name is None:
            continue
        seen[name] += 1
        if seen[name] == 2:
            yield (
                ("place", "councils", index, "name"),
                f"the council '{name}' is listed twice; remove the second entry",
            )


def _authoring_council_known(data: Any) -> Iterator[Finding]:
    names = _council_names(data)
    council = _text(data.get("meta"), "council")
    if names is not None and council is not None and council not in names:
        yield (
            ("meta", "council"),
            _unknown(council, names, "one of the councils in place.councils", "place.councils"),
        )


def _forum_councils_known(data: Any) -> Iterator[Finding]:
    names = _council_names(data)
    if names is None:
        return
    for f_index, forum in _items(data, "forums"):
        listed = forum.get("councils")
        if not isinstance(listed, list):
            continue
        for c_index, value in enumerate(listed):
            name = value.strip() if isinstance(value, str) else None
            if name is not None and name not in names:
                yield (
                    ("forums", f_index, "councils", c_index),
                    _unknown(name, names, "a council in place.councils", "place.councils"),
                )


def _board_consistent(data: Any) -> Iterator[Finding]:
    councils = _council_names(data)
    members = [(index, _text(member, "name")) for index, member in _items(data, "board", "members")]
    names = [name for _, name in members if name is not None]
    for index, member in _items(data, "board", "members"):
        represents = _text(member, "represents")
        if councils is not None and represents is not None and represents not in councils:
            yield (
                ("board", "members", index, "represents"),
                _unknown(represents, councils, "a council in place.councils", "place.councils"),
            )
        name = _text(member, "name")
        if name is not None and next(i for i, n in members if n == name) != index:
            yield (
                ("board", "members", index, "name"),
                f"'{name}' is listed twice on the board; remove the second entry",
            )
    yield from _board_officers_match_lep(data)
    for index, line in _items(data, "board", "reporting_back"):
        who = _text(line, "member")
        if who is not None and who not in names:
            yield (
                ("board", "reporting_back", index, "member"),
                _unknown(who, names, "a member listed in board.members", "board.members"),
            )


def _board_officers_match_lep(data: Any) -> Iterator[Finding]:
    """Check that the board's chair and vice chair are the people named in place.lep."""
    lep = data.get("place", {}).get("lep") if isinstance(data.get("place"), dict) else None
    expected = {
        role: _text(lep.get(role), "name") if isinstance(lep, dict) else None
        for role in ("chair", "vice_chair")
    }
    for index, member in _items(data, "board", "members"):
        role = _text(member, "role")
        role = re.sub(r"[\s\-]+", "_", role).lower() if role else None
        named = expected.get(role) if role else None
        name = _text(member, "name")
        if named is not None and name is not None and name != named and role is not None:
            title = role.replace("_", " ")
            yield (
                ("board", "members", index, "role"),
                f"'{name}' is marked as {title}, but place.lep names '{named}' as "
                f"{title}; correct one of them",
            )
