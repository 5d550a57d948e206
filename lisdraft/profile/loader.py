"""Read a profile from YAML, keeping line numbers, and validate it.

`load_profile` is the only way profiles enter lisdraft. Every problem it
finds (YAML syntax, unknown or missing fields, bad values, broken
cross-references) is reported at once, each with its file, line and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from lisdraft.errors import Problem, ProfileError
from lisdraft.profile.area import AREA_FIELD, Locator, Merged, Source, merge_with_area
from lisdraft.profile.images import read_images
from lisdraft.profile.model import PlaceProfile
from lisdraft.profile.placeholders import FINAL_ERROR, find_placeholders, might_hold_placeholders
from lisdraft.profile.references import check_reference_data, check_references
from lisdraft.profile.yamlsafe import fast_data, load_yaml, position, read_text

Location = tuple[int | str, ...]


def load_profile(path: str | Path) -> PlaceProfile:
    """Return the validated profile in `path`, or raise `ProfileError` listing every problem.

    A profile that names an area file (`area: area.yaml`) is merged with it
    first (see `lisdraft.profile.area`); problems are reported in the file
    where they were written. The images the profile names are read too, from
    its folder (see `lisdraft.profile.images`), once the rest of it is valid;
    the profile holds them (`image_files`).
    """
    return load_source(path).profile


def load_pair(old_path: str | Path, new_path: str | Path) -> tuple[PlaceProfile, PlaceProfile]:
    """Return two versions of a profile, or raise one `ProfileError` listing both's problems."""
    problems: list[Problem] = []
    loaded: list[PlaceProfile] = []
    for path in (old_path, new_path):
        try:
            loaded.append(load_profile(path))
        except ProfileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ProfileError(problems)
    return loaded[0], loaded[1]


@dataclass(frozen=True)
class Loaded:
    """A validated profile and the area file it was merged with (None for a single file)."""

    profile: PlaceProfile
    area_file: Path | None
    #: How the profile and its area file were merged (None for a single file): where
    #: each value was written, for warnings that name both files.
    merged: Merged | None = field(default=None, repr=False, compare=False)


def load_source(path: str | Path) -> Loaded:
    """Return the validated profile in `path` and its area file; raise `ProfileError` if invalid."""
    path = Path(path)
    shown = str(path)
    text = read_text(path, shown)
    data = fast_data(text)
    if isinstance(data, dict) and AREA_FIELD in data:
        return _load_with_area(Source(path, shown, text, data))
    profile = _quick_validate(data)
    if profile is not None:
        images, findings = read_images(profile, path)
        if not findings:
            final = _final_without_placeholders(profile, Source(path, shown, text, data))
            return Loaded(final.with_image_files(images) if images else final, None)
    tree, data = load_yaml(path, shown, text)
    if isinstance(data, dict) and AREA_FIELD in data:
        return _load_with_area(Source(path, shown, text, data, tree))
    problems = [
        Problem(shown, *position(tree, loc), _dotted(loc), message)
        for loc, message in check_reference_data(data)
    ]
    images = {}
    try:
        validated = PlaceProfile.model_validate(data)
    except ValidationError as exc:
        where = _single_file(tree, shown)
        problems = [*problems_from_validation(exc, where, PlaceProfile), *problems]
    else:
        images, findings = read_images(validated, path)
        problems += [
            Problem(shown, *position(tree, loc), _dotted(loc), message)
            for loc, message in findings
        ]
    if problems:
        raise ProfileError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    final = _final_without_placeholders(validated, Source(path, shown, text, data, tree))
    return Loaded(final.with_image_files(images) if images else final, None)


def _final_without_placeholders(profile: PlaceProfile, *sources: Source) -> PlaceProfile:
    """Return `profile`, or raise `ProfileError` if it is final but still holds placeholders.

    `sources` are the files it was read from: the profile, and its area file if any.
    """
    if profile.meta.status != "final":
        return profile
    problems = [
        problem
        for source in sources
        if might_hold_placeholders(source.text)
        for problem in find_placeholders(source.tree, source.shown, FINAL_ERROR)
    ]
    if problems:
        raise ProfileError(problems)
    return profile


def _single_file(tree: Any, shown: str) -> Locator:
    return lambda loc: (shown, *position(tree, loc))


def _load_with_area(council: Source) -> Loaded:
    """Return the profile in `council` merged with its area file, or raise `ProfileError`."""
    merged = merge_with_area(council)
    if not merged.problems:
        try:
            profile = PlaceProfile.model_validate(merged.data)
        except ValidationError:
            pass
        else:
            images, findings = read_images(profile, council.path)
            if not check_references(profile) and not findings:
                final = _final_without_placeholders(profile, merged.council, merged.area)
                final = final.with_image_files(images) if images else final
                return Loaded(final, merged.area.path, merged)
    raise ProfileError(_merged_problems(merged))


def _merged_problems(merged: Merged) -> list[Problem]:
    """Return every problem of a merged profile, each in the file where it was written."""
    problems = list(merged.problems)
    problems += [
        Problem(*merged.where(loc), _dotted(loc), message)
        for loc, message in check_reference_data(merged.data)
    ]
    try:
        profile = PlaceProfile.model_validate(merged.data)
    except ValidationError as exc:
        problems += problems_from_validation(exc, merged.where, PlaceProfile)
    else:
        _, findings = read_images(profile, merged.council.path)
        problems += [
            Problem(*merged.where(loc), _dotted(loc), message) for loc, message in findings
        ]
    council = merged.council.shown
    return sorted(problems, key=lambda p: (p.file != council, p.file, p.line or 0, p.column or 0))


def _quick_load(text: str) -> PlaceProfile | None:
    """Return the profile in `text` if it is valid, read the fast way; else None.

    The fast reading (`yamlsafe.fast_data`) keeps no line numbers, so a profile
    with any problem at all is read again by `load_yaml`, whose tree locates
    every problem. A valid profile is read once, several times faster.
    """
    return _quick_validate(fast_data(text))


def _quick_validate(data: Any) -> PlaceProfile | None:
    """Return the profile in `data` (read the fast way) if it is valid; else None."""
    if data is None:
        return None
    try:
        profile = PlaceProfile.model_validate(data)
    except ValidationError:
        return None
    return None if check_references(profile) else profile


def problems_from_validation(
    exc: ValidationError, where: Locator, model: type[BaseModel]
) -> list[Problem]:
    """Return one located problem per Pydantic error, merging union alternatives.

    `where` gives the file, line and column of a location in the data that
    `model` was validating.
    """
    merged: dict[Location, list[str]] = {}
    for error in exc.errors():
        loc = _without_union_tags(error["loc"])
        message = _message(error, loc, model)
        messages = merged.setdefault(loc, [])
        if message not in messages:
            messages.append(message)
    problems = [
        Problem(*where(loc), _dotted(loc), "; or ".join(messages))
        for loc, messages in merged.items()
    ]
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))


def _without_union_tags(loc: tuple[int | str, ...]) -> Location:
    """Drop Pydantic's union-branch names (like "literal['all']") from a location."""
    return tuple(part for part in loc if isinstance(part, int) or "[" not in part)


def _message(error: ErrorDetails, loc: Location, model: type[BaseModel]) -> str:
    """Return an officer-friendly message for one Pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"'{loc[-1]}' is required here but missing; add it"
    if kind == "extra_forbidden":
        return _unknown_field_message(loc, model)
    if kind in {"literal_error", "enum"}:
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"{_show(value)} is not one of the allowed values: {expected}"
    if kind in {"int_parsing", "int_type", "int_from_float"} and _is_year(loc):
        return f"{_show(value)} is not a year; write a four-digit year such as 2030"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"expected a whole number, got {_show(value)}"
    if kind in {"greater_than_equal", "less_than_equal"} and _is_year(loc):
        return f"{_show(value)} is not a year; write a four-digit year such as 2030"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{_show(value)} is out of range ({error['msg'].lower()})"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a date written as YYYY-MM-DD, such as 2026-11-25; got {_show(value)}"
    if kind.startswith("bool"):
        return f"expected true or false, got {_show(value)}"
    if kind == "string_too_short":
        return "is empty; write something here or remove the line"
    if kind == "too_short":
        return "needs at least one item"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"expected a section of 'name: value' lines, got {_kind_of(value)}"
    if kind == "list_type":
        return f"expected a list of items, each on a line starting with '- ', got {_kind_of(value)}"
    if kind == "string_type":
        return f"expected text, got {_kind_of(value)}"
    if kind in {"float_parsing", "float_type"}:
        return f"expected a number, got {_show(value)}"
    if kind == "finite_number":
        return f"expected an ordinary number, got {_show(value)}"
    if kind == "string_unicode":
        return (
            "contains an escape such as \\ud800 that is half of a character; write the "
            "character itself instead"
        )
    if kind == "string_pattern_mismatch" and error["loc"][0] == "images":  # a name
        return (
            f"{_show(value)} cannot name an image: use letters, digits and underscores, "
            "starting with a letter, such as 'logo'"
        )
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def _unknown_field_message(loc: Location, model: type[BaseModel]) -> str:
    """Explain an unknown key, suggesting the field the author probably meant."""
    name = str(loc[-1])
    allowed = _allowed_fields(loc[:-1], model)
    hint = ""
    if allowed:
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{close[0]}'?"
            if close
            else f"; fields allowed here: {', '.join(allowed)}"
        )
    return f"'{name}' is not a field lisdraft knows{hint}"


def _allowed_fields(loc: Location, root: type[BaseModel]) -> list[str]:
    """Return the field names allowed at `loc`, walking the models from `root`."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None or isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field is not None else None
    return list(model.model_fields) if model is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Return the model class inside `annotation` (`X`, `X | None`, `list[X]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _is_year(loc: Location) -> bool:
    return bool(loc) and loc[-1] in {"year", "horizon"}


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, dict | list):
        return _kind_of(value)
    return repr(value)


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a section"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    return f"the value {value!r}"


def _dotted(loc: Sequence[int | str]) -> str:
    """Return `loc` as `board.members[2].name`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
