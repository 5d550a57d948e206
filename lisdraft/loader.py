"""Read a profile from YAML, keeping line numbers, and validate it.

`load_profile` is the only way profiles enter lisdraft. Every problem it
finds (YAML syntax, unknown or missing fields, bad values, broken
cross-references) is reported at once, each with its file, line and column.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import gc
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import VersionedResolver

from lisdraft.errors import Problem, ProfileError
from lisdraft.model import PlaceProfile
from lisdraft.references import check_references

#: Profiles are hand-written text; anything larger is a mistake, not a profile.
MAX_PROFILE_BYTES = 20 * 1024 * 1024
#: Bounds that stop alias bombs and absurd nesting before they cost memory.
MAX_NODES = 2_000_000
MAX_DEPTH = 40

Location = tuple[int | str, ...]


class _TooBig(Exception):
    """Raised inside conversion when the document expands past our bounds."""


def load_profile(path: str | Path) -> PlaceProfile:
    """Return the validated profile in `path`, or raise `ProfileError` listing every problem."""
    path = Path(path)
    shown = str(path)
    text = _read_text(path, shown)
    profile = _quick_load(text)
    if profile is not None:
        return profile
    tree = _read_yaml(text, shown)
    data = _to_plain(tree, shown)
    try:
        profile = PlaceProfile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(_problems_from_validation(exc, tree, shown)) from None
    problems = [
        Problem(shown, *_position(tree, loc), _dotted(loc), message)
        for loc, message in check_references(profile)
    ]
    if problems:
        raise ProfileError(problems)
    return profile


def _quick_load(text: str) -> PlaceProfile | None:
    """Return the profile in `text` if it is valid, reading it the fast way; else None.

    The fast reader (libyaml, through ruamel.yaml.clib where it is installed)
    keeps no line numbers, so a profile with any problem at all is read again
    by `_read_yaml`, whose tree locates every problem. A valid profile is read
    once, about eight times faster.
    """
    try:
        with _cycle_collection_paused():
            data = _to_plain(fast_yaml().load(text), "")
        profile = PlaceProfile.model_validate(data)
    except Exception:  # any problem is found again, and reported, by the located reading
        return None
    return None if check_references(profile) else profile


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a YAML file becomes plain data.

    Reading builds hundreds of thousands of short-lived objects for a large
    profile, and the collector would scan the growing heap again and again:
    with it running, ten times the rows took sixteen times as long to read.
    The data holds no reference cycles, so nothing is lost by waiting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fast_yaml() -> YAML:
    """Return the fast YAML reader: libyaml where installed, and YAML 1.2 as ruamel reads it."""
    yaml = YAML(typ="safe")
    yaml.Resolver = _OnceVersionedResolver
    return yaml


class _OnceVersionedResolver(VersionedResolver):
    """ruamel.yaml's resolver, finding the document's YAML version once rather than per value.

    The version cannot change within a document, and looking it up is a third
    of the time the fast reader spends on a large profile.
    """

    @functools.cached_property
    def processing_version(self) -> Any:
        """Return the YAML version of the document being read."""
        return VersionedResolver.processing_version.fget(self)  # type: ignore[attr-defined]


def _read_text(path: Path, shown: str) -> str:
    """Return the text of the profile file at `path`, refusing files no profile could be."""
    try:
        size = path.stat().st_size
        if size > MAX_PROFILE_BYTES:
            raise ProfileError(
                [
                    Problem(
                        shown,
                        None,
                        None,
                        "",
                        f"the file is {size / 1024 / 1024:.0f} MB; a profile should be well "
                        f"under {MAX_PROFILE_BYTES // 1024 // 1024} MB. Check that this is "
                        "the right file.",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _single(shown, "file not found; check the path and the file name") from None
    except IsADirectoryError:
        raise _single(shown, "this is a folder; give the path of a profile .yaml file") from None
    except OSError as exc:
        raise _single(shown, f"cannot read the file ({exc.strerror})") from None
    return _decode(raw, shown)


def _read_yaml(text: str, shown: str) -> Any:
    """Return the round-trip YAML tree of `text`, which keeps line numbers."""
    yaml = YAML(typ="rt")
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        raise ProfileError([_problem_from_yaml(exc, shown)]) from None
    except YAMLError as exc:
        raise _single(shown, f"this is not valid YAML: {exc}") from None
    except RecursionError:
        raise _single(shown, "the YAML is nested too deeply to be a profile") from None
    if tree is None:
        raise _single(
            shown,
            "the file is empty. Start from `lisdraft new` or copy "
            "examples/borchestershire/profile.yaml.",
        )
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        raise ProfileError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    f"the profile is {kind}; it must be a set of sections such as "
                    "'meta:' and 'place:', each at the start of a line",
                )
            ]
        )
    return tree


def _decode(raw: bytes, shown: str) -> str:
    """Return `raw` as text, accepting a UTF-8 byte-order mark."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError(
            [
                Problem(
                    shown,
                    line,
                    None,
                    "",
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8 text. Save the file as "
                    "UTF-8 (in most editors: Save As, then choose UTF-8 encoding).",
                )
            ]
        ) from None


def _problem_from_yaml(exc: MarkedYAMLError, shown: str) -> Problem:
    """Turn a YAML parser error into a located problem."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "found duplicate key" in problem or type(exc).__name__ == "DuplicateKeyError":
        first = exc.context_mark.line + 1 if exc.context_mark is not None else None
        key = problem.split('"')[1] if '"' in problem else "a key"
        where = f" (first written at line {first})" if first else ""
        message = f"'{key}' is written twice in the same section{where}; keep only one"
    elif "\\t" in problem or "tab" in problem:
        message = "a tab character is used for indentation; YAML needs spaces"
    else:
        context = f" {exc.context}" if exc.context else ""
        message = f"this is not valid YAML: {problem}{context}. Check the indentation and colons"
    return Problem(shown, line, column, "", message)


def _single(shown: str, message: str) -> ProfileError:
    return ProfileError([Problem(shown, None, None, "", message)])


def _to_plain(tree: Any, shown: str) -> Any:
    """Return `tree` as plain dicts, lists and scalars, refusing alias bombs."""
    budget = [MAX_NODES]

    def convert(node: Any, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_DEPTH:
            raise _TooBig
        if isinstance(node, dict):
            return {str(k): convert(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [convert(v, depth + 1) for v in node]
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, str):
            return str(node)
        if isinstance(node, dt.datetime):
            return dt.datetime(*node.timetuple()[:6])
        return node

    try:
        return convert(tree, 0)
    except _TooBig:
        raise _single(
            shown,
            "the YAML expands to far more data than a profile holds (too deeply nested, "
            "or aliases that multiply); write the values out plainly",
        ) from None


def _problems_from_validation(exc: ValidationError, tree: Any, shown: str) -> list[Problem]:
    """Return one located problem per Pydantic error, merging union alternatives."""
    merged: dict[Location, list[str]] = {}
    for error in exc.errors():
        loc = _without_union_tags(error["loc"])
        message = _message(error, loc)
        messages = merged.setdefault(loc, [])
        if message not in messages:
            messages.append(message)
    problems = [
        Problem(shown, *_position(tree, loc), _dotted(loc), "; or ".join(messages))
        for loc, messages in merged.items()
    ]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _without_union_tags(loc: tuple[int | str, ...]) -> Location:
    """Drop Pydantic's union-branch names (like "literal['all']") from a location."""
    return tuple(part for part in loc if isinstance(part, int) or "[" not in part)


def _message(error: ErrorDetails, loc: Location) -> str:
    """Return an officer-friendly message for one Pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"'{loc[-1]}' is required here but missing; add it"
    if kind == "extra_forbidden":
        return _unknown_field_message(loc)
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
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def _unknown_field_message(loc: Location) -> str:
    """Explain an unknown key, suggesting the field the author probably meant."""
    name = str(loc[-1])
    allowed = _allowed_fields(loc[:-1])
    hint = ""
    if allowed:
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{close[0]}'?"
            if close
            else f"; fields allowed here: {', '.join(allowed)}"
        )
    return f"'{name}' is not a field lisdraft knows{hint}"


def _allowed_fields(loc: Location) -> list[str]:
    """Return the field names allowed at `loc`, walking the models."""
    model: type[BaseModel] | None = PlaceProfile
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


def _position(tree: Any, loc: Location) -> tuple[int | None, int | None]:
    """Return the 1-based (line, column) of `loc` in `tree`, or of its nearest parent."""
    node = tree
    line, column = 1, 1
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line, column = node.lc.key(part)[0] + 1, node.lc.key(part)[1] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line, column = node.lc.item(part)[0] + 1, node.lc.item(part)[1] + 1
            node = node[part]
        else:
            break
    return line, column
