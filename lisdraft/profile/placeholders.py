"""Placeholders: values a profile still marks "TO DO", as the starter profile writes them.

`lisdraft new` fills every value it cannot know with text starting "TO DO".
Such a value is valid YAML and valid text, so the schema lets it through;
this module finds each one with its file, line and column (for warnings from
`validate` and `build`, and for the error when `meta.status` is final), and
gives the stock-take a copy of the profile in which placeholders count as
not filled in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from lisdraft.errors import Problem
from lisdraft.profile.model import PlaceProfile

#: How a placeholder starts: "TO DO" (or "TODO") in capitals, so that ordinary text
#: such as "To do this, ..." is never taken for one.
PLACEHOLDER = re.compile(r"^\s*TO ?DO\b")

_UNFILLED = object()


def is_placeholder(value: object) -> bool:
    """Return whether `value` is text still starting 'TO DO'."""
    return isinstance(value, str) and PLACEHOLDER.match(value) is not None


def might_hold_placeholders(text: str) -> bool:
    """Return whether the profile text could hold a placeholder (a cheap first look)."""
    return "TO DO" in text or "TODO" in text


def find_placeholders(tree: Any, shown: str, message: str) -> list[Problem]:
    """Return a problem, with `message`, for each placeholder value in the YAML `tree`."""
    found: list[Problem] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                where = f"{path}.{key}" if path else str(key)
                if is_placeholder(value):
                    line, column = node.lc.value(key)
                    found.append(Problem(shown, line + 1, column + 1, where, message))
                else:
                    walk(value, where)
        elif isinstance(node, CommentedSeq):
            for index, value in enumerate(node):
                where = f"{path}[{index}]"
                if is_placeholder(value):
                    line, column = node.lc.item(index)
                    found.append(Problem(shown, line + 1, column + 1, where, message))
                else:
                    walk(value, where)

    walk(tree, "")
    return found


WARNING = "still a placeholder ('TO DO'); replace it before the drafts are shared"
FINAL_ERROR = (
    "still a placeholder ('TO DO'), but meta.status is final; replace it, or set "
    "meta.status back to draft"
)


def placeholder_warnings(path: str | Path) -> list[Problem]:
    """Return a warning for each placeholder in the profile at `path` (none: an empty list)."""
    from lisdraft.profile.yamlsafe import load_yaml, read_text

    path = Path(path)
    text = read_text(path, str(path))
    if not might_hold_placeholders(text):
        return []
    tree, _ = load_yaml(path, str(path), text)
    return find_placeholders(tree, str(path), WARNING)


def without_placeholders(profile: PlaceProfile) -> PlaceProfile:
    """Return `profile` with every placeholder treated as not filled in.

    An optional value that is a placeholder becomes empty; a list item that is
    one (or holds one in a required field) is dropped; a section whose required
    field is a placeholder becomes empty where the section is optional. A
    placeholder that nothing optional encloses is left as written.
    """
    if not might_hold_placeholders(profile.model_dump_json()):
        return profile
    cleared: PlaceProfile = _clear(profile, droppable=False)
    return cleared


def _clear(model: BaseModel, *, droppable: bool) -> Any:
    """Return `model` without placeholders.

    Return `_UNFILLED` instead when a required field is a placeholder and
    `droppable` says that whatever holds the model can do without it.
    """
    updates: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        required = field.is_required()
        new = _clear_value(value, droppable=droppable or not required)
        if new is value:
            continue
        if new is _UNFILLED:
            if required and droppable:
                return _UNFILLED
            if required:
                continue
            new = field.get_default(call_default_factory=True)
        updates[name] = new
    return model.model_copy(update=updates) if updates else model


def _clear_value(value: Any, *, droppable: bool) -> Any:
    if is_placeholder(value):
        return _UNFILLED
    if isinstance(value, BaseModel):
        return _clear(value, droppable=droppable)
    if isinstance(value, list):
        items = [_clear_value(item, droppable=True) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return [item for item in items if item is not _UNFILLED]
    return value
