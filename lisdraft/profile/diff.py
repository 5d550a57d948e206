"""Summarise what changed between two versions of a profile, in the profile's own terms.

`diff_profiles` compares two validated profiles field by field. List items
are matched by their natural key (a forum by its name, a priority by its
title), so reordering a list is not a change. Texts are compared with their
line breaks and spacing ignored, so rewrapping a paragraph is not a change.
The stock-take is assessed on both versions, and every rating that moved is
reported too. `diff_to_markdown` formats the changes for a pull request.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lisdraft.errors import Problem, ProfileError
from lisdraft.framework import QUESTIONS, ROLES, Question
from lisdraft.profile.area import AREA_FIELD, AreaFile, check_area_file, is_area_file, read_source
from lisdraft.profile.loader import load_pair
from lisdraft.profile.model import PlaceProfile
from lisdraft.stocktake.assess import Assessment, assess_stocktake
from lisdraft.stocktake.verdict import Rating
from lisdraft.text import british_date, join_names

ChangeKind = Literal["added", "removed", "changed"]

#: Texts longer than this are reported as "reworded" rather than quoted in full.
SHORT_TEXT = 60
#: Added or removed list items are quoted up to this many characters.
QUOTE_LENGTH = 90


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a profile."""

    section: str
    field: str
    kind: ChangeKind
    text: str


@dataclass(frozen=True)
class ProfileDiff:
    """Two versions of a profile and the changes between them, in profile order."""

    old: PlaceProfile
    new: PlaceProfile
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class AreaDiff:
    """Two versions of an area file and the changes between them, in the file's order."""

    old: AreaFile
    new: AreaFile
    changes: tuple[Change, ...]


def diff_files(old_path: str | Path, new_path: str | Path) -> ProfileDiff | AreaDiff:
    """Return the changes from the profile at `old_path` to the one at `new_path`.

    Both must be valid profiles, or both valid area files (an area file is one
    named area.yaml, or one without a `meta` section); otherwise raise
    `ProfileError` listing the problems in either file.
    """
    if _is_area(Path(new_path)) or _is_area(Path(old_path)):
        return diff_area_files(old_path, new_path)
    old, new = load_pair(old_path, new_path)
    return ProfileDiff(old, new, tuple(diff_profiles(old, new)))


def diff_area_files(old_path: str | Path, new_path: str | Path) -> AreaDiff:
    """Return the changes from the area file at `old_path` to the one at `new_path`.

    The ratings of a stock-take belong to each council, so an area diff lists
    only the changes; diff a council's profile to see how its ratings move.
    """
    problems: list[Problem] = []
    loaded: list[AreaFile] = []
    for path in (old_path, new_path):
        source = read_source(Path(path), str(path))
        found = check_area_file(source)
        problems += found
        if not found:
            loaded.append(AreaFile.model_validate(source.data))
    if problems:
        raise ProfileError(problems)
    old, new = loaded
    return AreaDiff(old, new, tuple(_diff_model(old, new, _Where("", "", "", ""))))


def _is_area(path: Path) -> bool:
    """Return whether `path` holds an area file: named as one, or with no `meta` section."""
    if is_area_file(path):
        return True
    try:
        data = read_source(path, str(path)).data
    except ProfileError:
        return False
    return isinstance(data, dict) and "meta" not in data and AREA_FIELD not in data


def diff_profiles(old: PlaceProfile, new: PlaceProfile) -> list[Change]:
    """Return every change from `old` to `new`, then every stock-take rating that moved."""
    changes = list(_diff_model(old, new, _Where("", "", "", "")))
    changes.extend(_rating_changes(assess_stocktake(old), assess_stocktake(new)))
    return changes


# --- how the profile's parts are named ------------------------------------

#: For each list of sections: what one item is called, and the field that names it.
_KEYED_LISTS: dict[str, tuple[str, str]] = {
    "place.councils": ("Council", "name"),
    "evidence.items": ("Evidence item", "title"),
    "evidence.anchors_asked": ("Anchor institution asked", "name"),
    "engagement.businesses": ("Business engaged", "name"),
    "engagement.anchors": ("Anchor institution engaged", "name"),
    "engagement.government": ("Government department engaged", "name"),
    "forums": ("Forum", "name"),
    "strategies": ("Strategy", "name"),
    "board.members": ("Board member", "name"),
    "board.reporting_back": ("Reporting line", "member"),
    "board.decisions_ahead": ("Board decision", "item"),
    "priorities": ("Priority", "title"),
    "priorities.asks": ("ask", "ask"),
    "next_steps": ("Next step", "action"),
}

#: What one entry of each list of text is called.
_TEXT_LISTS: dict[str, str] = {
    "forums.members": "member",
    "board.questions": "Question for the board",
    **{f"roles.{role.key}": f"Role {role.number} ({role.name}) commitment" for role in ROLES},
}


def _self_assessment(question: Question, what: str = "") -> str:
    return f"Self-assessment {what}for question {question.number} ({question.short})"


#: Names for the self-assessment's parts, from the framework's questions (the model's
#: field titles name every other part of the profile).
_LABELS: dict[str, str] = {
    **{f"self_assessment.{q.key}": _self_assessment(q) for q in QUESTIONS},
    **{f"self_assessment.{q.key}.answer": _self_assessment(q) for q in QUESTIONS},
    **{f"self_assessment.{q.key}.note": _self_assessment(q, "note ") for q in QUESTIONS},
}


def _label(parent: str, name: str, info: FieldInfo) -> str:
    """Return how the field `name` under `parent` is named, from the model's field title.

    A title with a capital letter stands alone; one in lower case, or the key
    in words when there is no title, follows the parent's name.
    """
    title = info.title
    if title and title[:1].isupper():
        return title
    return f"{parent} {title or name.replace('_', ' ')}".strip()


#: How a yes/no field reads when it becomes true, and when it becomes false.
_SWITCHES: dict[str, tuple[str, str]] = {
    "evidence.items.shared_with_lep": (
        "Evidence item shared with the LEP: {key}",
        "Evidence item no longer shared with the LEP: {key}",
    ),
    "forums.steers_lis": ("{owner} now steers the LIS", "{owner} no longer steers the LIS"),
    "forums.lep_takes_part": (
        "{owner} the LEP now takes part",
        "{owner} the LEP no longer takes part",
    ),
    "strategies.agreed_with_lep": (
        "{owner} now agreed with the LEP",
        "{owner} no longer agreed with the LEP",
    ),
    "place.councils.leader_on_lep_board": (
        "{owner} leader now sits on the LEP board",
        "{owner} leader no longer sits on the LEP board",
    ),
}

#: How added and removed items of some lists read, where "added" would not.
_ARRIVALS: dict[str, tuple[str, str]] = {
    "board.members": ("Board member joined: {key}", "Board member left: {key}"),
}


@dataclass(frozen=True)
class _Where:
    """Where the walk is: the section, the generic path, the field and its label."""

    section: str
    path: str
    field: str
    label: str
    key: str = ""
    owner: str = ""

    def child(self, name: str, info: FieldInfo) -> _Where:
        """Return where the field `name` (described by `info`) of this section is."""
        path = f"{self.path}.{name}" if self.path else name
        field = f"{self.field}.{name}" if self.field else name
        if not self.path:  # a top-level section: its title heads the section, not its fields
            label = ""
        elif path in _LABELS:
            label = _LABELS[path]
        else:
            label = _label(self.label, name, info)
        owner = self.label if self.label.endswith(":") else self.owner
        section = self.section or name
        return replace(self, section=section, path=path, field=field, label=label, owner=owner)

    def item(self, noun: str, key: str) -> _Where:
        """Return where the list item named `key` is."""
        label = f"{self.owner} {noun} '{key}':".strip()
        return replace(self, field=f"{self.field}[{key}]", label=label, key=key)

    def prefix(self) -> str:
        """Return the label of the list item this field belongs to, with a space, or ''."""
        return f"{self.owner} " if self.owner else ""

    def change(self, kind: ChangeKind, text: str) -> Change:
        return Change(self.section, self.field, kind, text[:1].upper() + text[1:])


# --- the walk ---------------------------------------------------------------


def _diff_model(old: BaseModel, new: BaseModel, where: _Where) -> Iterator[Change]:
    for name, info in type(new).model_fields.items():
        yield from _diff_value(
            getattr(old, name), getattr(new, name), where.child(name, info), info
        )


def _diff_value(old: Any, new: Any, where: _Where, info: FieldInfo) -> Iterator[Change]:
    if _same(old, new):
        return
    if isinstance(old, BaseModel) or isinstance(new, BaseModel):
        yield from _diff_section(old, new, where)
    elif where.path == "images":
        yield from _diff_images(old, new, where)
    elif where.path in _KEYED_LISTS:
        yield from _diff_keyed_list(old, new, where)
    elif where.path in _TEXT_LISTS:
        yield from _diff_text_list(old, new, where)
    elif isinstance(new, bool) and isinstance(old, bool):
        yield _switch(new, where)
    else:
        yield _scalar(_shown(old, info), _shown(new, info), where)


def _diff_section(old: BaseModel | None, new: BaseModel | None, where: _Where) -> Iterator[Change]:
    """Compare a section that may be missing from one version."""
    if old is None:
        answer = getattr(new, "answer", None)
        extra = f" answered: {_words(answer)}" if answer else " added"
        yield where.change("added", f"{where.label}{extra}")
    elif new is None:
        yield where.change("removed", f"{where.label} removed")
    else:
        yield from _diff_model(old, new, where)


def _diff_keyed_list(
    old: Sequence[BaseModel], new: Sequence[BaseModel], where: _Where
) -> Iterator[Change]:
    """Match items by their natural key; report the added, the changed and the removed."""
    noun, key_field = _KEYED_LISTS[where.path]
    before, after = _by_key(old, key_field), _by_key(new, key_field)
    joined, left = _ARRIVALS.get(where.path, ("{noun} added: {key}", "{noun} removed: {key}"))
    prefix = where.prefix()
    for key, item in after.items():
        shown = _quote(key[0])
        if key not in before:
            text = joined.format(noun=noun, key=shown)
            yield where.change("added", prefix + text)
        else:
            yield from _diff_model(before[key], item, where.item(noun, shown))
    for key in before:
        if key not in after:
            yield where.change("removed", prefix + left.format(noun=noun, key=_quote(key[0])))


def _diff_images(
    old: dict[str, BaseModel], new: dict[str, BaseModel], where: _Where
) -> Iterator[Change]:
    """Report the images added, changed (path, alt text, width) and removed, by name."""
    for name, image in new.items():
        if name not in old:
            yield where.change("added", f"Image '{name}' added")
        else:
            yield from _diff_model(old[name], image, where.item("Image", name))
    for name in old.keys() - new.keys():
        yield where.change("removed", f"Image '{name}' removed")


def _by_key(items: Sequence[BaseModel], key_field: str) -> dict[tuple[str, int], BaseModel]:
    """Return `items` keyed by (natural key, occurrence), so repeated names still pair up."""
    keyed: dict[tuple[str, int], BaseModel] = {}
    for item in items:
        name = _flat(str(getattr(item, key_field)))
        occurrence = sum(1 for seen, _ in keyed if seen == name)
        keyed[(name, occurrence)] = item
    return keyed


def _diff_text_list(old: list[str], new: list[str], where: _Where) -> Iterator[Change]:
    noun = _TEXT_LISTS[where.path]
    prefix = where.prefix()
    before, after = [_flat(text) for text in old], [_flat(text) for text in new]
    for text in after:
        if text not in before:
            yield where.change("added", f"{prefix}{noun} added: {_quote(text)}")
    for text in before:
        if text not in after:
            yield where.change("removed", f"{prefix}{noun} removed: {_quote(text)}")


def _switch(new: bool, where: _Where) -> Change:
    generic = ("{label} changed from no to yes", "{label} changed from yes to no")
    on, off = _SWITCHES.get(where.path, generic)
    text = (on if new else off).format(label=where.label, owner=where.owner, key=where.key)
    return where.change("changed", text)


def _scalar(old: str | None, new: str | None, where: _Where) -> Change:
    label = where.label
    if old is None:
        shown = f": {new}" if new is not None and _is_short(new) else ""
        return where.change("added", f"{label} added{shown}")
    if new is None:
        return where.change("removed", f"{label} removed")
    if _is_short(old) and _is_short(new):
        return where.change("changed", f"{label} changed from {old} to {new}")
    return where.change("changed", f"{label} reworded")


# --- values -------------------------------------------------------------------


def _same(old: Any, new: Any) -> bool:
    return bool(_comparable(old) == _comparable(new))


def _comparable(value: Any) -> Any:
    """Return `value` with texts' spacing normalised, for comparison."""
    if isinstance(value, str):
        return _flat(value)
    if isinstance(value, BaseModel):
        return {name: _comparable(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    return value


def _flat(text: str) -> str:
    """Return `text` on one line with single spaces, as Word would show a paragraph."""
    return " ".join(text.split())


def _shown(value: Any, info: FieldInfo) -> str | None:
    """Return `value` as it reads in a sentence, or None when it is missing."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return british_date(value)
    if isinstance(value, list):
        return join_names([_words(item) if _is_choice(info) else str(item) for item in value])
    if isinstance(value, str):
        return _words(value) if _is_choice(info) else _flat(value)
    return str(value)


def _is_choice(info: FieldInfo) -> bool:
    """Return whether the field holds one or more fixed choices, such as foundations."""
    annotation = info.annotation
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return typing.get_origin(annotation) is Literal


def _words(value: str) -> str:
    return value.replace("_", " ")


def _is_short(text: str) -> bool:
    return len(text) <= SHORT_TEXT


def _quote(text: str) -> str:
    """Return `text` whole if short, else cut at a word near `QUOTE_LENGTH` characters."""
    if len(text) <= QUOTE_LENGTH:
        return text
    return text[:QUOTE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "..."


# --- the stock-take -------------------------------------------------------------


def _rating_changes(old: Assessment, new: Assessment) -> Iterator[Change]:
    """Report each question, step and board rule whose rating moved."""
    for before, after in zip(old.questions, new.questions, strict=True):
        question = after.question
        yield from _moved(
            f"questions[{question.number}]",
            f"Stock-take rating for question {question.number} ({question.short})",
            before.verdict.rating,
            after.verdict.rating,
        )
    for before_step, after_step in zip(old.steps, new.steps, strict=True):
        step = after_step.step
        yield from _moved(
            f"steps[{step.number}]",
            f"Rating for step {step.number} ({step.name})",
            before_step.rating,
            after_step.rating,
        )
    for before_check, after_check in zip(old.board_checks, new.board_checks, strict=True):
        yield from _moved(
            f"board_rules[{after_check.key}]",
            f"Board rule on the {after_check.name}",
            before_check.verdict.rating,
            after_check.verdict.rating,
        )


def _moved(field: str, label: str, old: Rating, new: Rating) -> Iterator[Change]:
    if old != new:
        text = f"{label} moved from {_rating(old)} to {_rating(new)}"
        yield Change("stocktake", field, "changed", text)


def _rating(rating: Rating) -> str:
    return "not enough information" if rating == "unknown" else rating


# --- Markdown -------------------------------------------------------------------

#: The heading of each section: the title of its field in the model, and one for the ratings.
_SECTION_TITLES = {
    **{name: str(info.title or name) for name, info in PlaceProfile.model_fields.items()},
    "stocktake": "Stock-take ratings",
}


def diff_to_markdown(diff: ProfileDiff | AreaDiff) -> str:
    """Return the changes as Markdown for a pull-request description, grouped by section."""
    if isinstance(diff, AreaDiff):
        place = diff.new.place.name if diff.new.place else "the area"
        title = f"### Area file changes: {_escape(place)}"
        what = "area file"
    else:
        title = (
            f"### Profile changes: {_escape(diff.new.meta.council)}, "
            f"{_escape(diff.new.place.name)}"
        )
        what = "profile"
    if not diff.changes:
        return f"{title}\n\nNo changes to the {what}.\n"
    lines = [title]
    section = None
    for change in diff.changes:
        if change.section != section:
            section = change.section
            lines += ["", f"**{_SECTION_TITLES.get(section, section)}**", ""]
        lines.append(f"- {_escape(change.text)}")
    count = len(diff.changes)
    lines += ["", f"{count} change{'s' if count != 1 else ''}."]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """Escape the characters Markdown would read as formatting."""
    for char in "\\`*_[]<>":
        text = text.replace(char, "\\" + char)
    return text
