"""Read an untrusted YAML file into plain data, within bounds, keeping line numbers.

Profiles come from people and from other programs, so this module assumes
nothing about the bytes it is given. It refuses, with the file and line,
anything that is not UTF-8 text, holds more than a profile ever could, nests
absurdly deeply or uses aliases to multiply itself (a "billion laughs"
bomb); and it does so in well under a second, before the data costs memory.

Control characters that YAML itself forbids (vertical tab and form feed
pasted from Word, for example) are let through the parser in disguise and
handed to the profile models, which convert or reject them naming the field.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.main import CParser  # type: ignore[attr-defined]  # None without libyaml
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scanner import RoundTripScanner

from lisdraft.errors import Problem, ProfileError

# The bounds leave room for the largest profiles lisdraft is built for (a
# region's pack with 20,000 evidence rows is 9 MB and 0.9 million tokens),
# and stop everything else early.

#: A written profile is tens of kilobytes; anything bigger than this is the wrong file.
MAX_PROFILE_BYTES = 20 * 1024 * 1024
#: YAML tokens (keys, values, punctuation) read before giving up; the worked example has 2,500.
MAX_TOKENS = 1_500_000
#: Values that aliases (*name) may add to what is written out; the worked example uses none.
MAX_ALIAS_VALUES = 100_000
#: Levels of nesting allowed; a profile needs six.
MAX_DEPTH = 40

# Characters the YAML parser refuses outright (ruamel's reader uses the same set).
# Written as the characters refused rather than as all but those allowed: the
# same set, compiled in a tenth of the time (about 1 ms against 9 on every run).
_NOT_YAML_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
# Those characters are passed through the parser as private-use characters in
# plane 15, and turned back afterwards. A file that already uses plane 15 is
# parsed as it is, and such characters are reported by the parser instead.
_DISGUISE = 0xF0000
_PLANE_15 = re.compile("[\U000f0000-\U000fffff]")
_STR_TAG = "tag:yaml.org,2002:str"

#: A place in a profile's data, as keys and list indexes: ('board', 'members', 2).
Location = tuple[int | str, ...]


class _Refused(Exception):
    """Raised inside parsing or conversion when the input breaks a bound."""

    def __init__(self, line: int | None, column: int | None, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def load_yaml(path: Path, shown: str, text: str | None = None) -> tuple[Any, Any]:
    """Return the round-trip tree of `path` (for line numbers) and the same data as plain values.

    `text` is the file's text when `read_text` has already read it. Raise
    `ProfileError` naming `shown`, with a line wherever one helps, when the
    file cannot be read, is not YAML or breaks one of the bounds above.
    """
    if text is None:
        text = read_text(path, shown)
    disguised, reveal = _disguise(text)
    try:
        tree = _parse(disguised, text, shown)
        _check_shape(tree, shown)
        _check_expansion(tree)
        return tree, _to_plain(tree, reveal)
    except _Refused as exc:
        raise ProfileError([Problem(shown, exc.line, exc.column, "", exc.message)]) from None


def read_text(path: Path, shown: str) -> str:
    """Return the text of the file at `path`, within the bounds, or raise `ProfileError`."""
    return _decode(_read_bytes(path, shown), shown)


def fast_data(text: str) -> Any | None:
    """Return `text` as plain values read the fast way, or None if it needs the careful reading.

    libyaml (through ruamel.yaml.clib, where it is installed) reads YAML
    several times faster than the round-trip reader, but keeps no line numbers
    and applies none of the bounds above. So only text that the careful
    reading would turn into the same values is read this way: no tags (`!`),
    no aliases (`*`), no characters YAML refuses or unusual line breaks
    (NEL, line and paragraph separators), a set of sections, and far
    fewer values than `MAX_TOKENS`. Anything else, and any text libyaml
    refuses, returns None, and `load_yaml` reads it and locates its problems.

    The values are built straight from libyaml's parsing events
    (`_plain_from_events`), several times faster than ruamel's safe loader
    followed by `_to_plain`, and exactly the same; the rare text the event
    reading leaves alone (`_Unusual`) is read by that loader as before.
    """
    if _NOT_FAST.search(text):
        return None
    try:
        with cycle_collection_paused():
            try:
                data, values = _plain_from_events(text)
            except _Unusual:
                data, values = _plain_from_safe_loader(text)
            if not isinstance(data, dict) or values > MAX_TOKENS // 3:
                return None
            return data
    except Exception:  # any problem is found again, and located, by the careful reading
        return None


# Tags (!), aliases (*), the line breaks (NEL, LS, PS) that YAML 1.1 readers such
# as libyaml may treat differently from ruamel's YAML 1.2 reader, characters YAML
# refuses (`_NOT_YAML_TEXT`) and plane 15 (`_PLANE_15`), found in one pass over
# the text rather than three (and written out, as `_NOT_YAML_TEXT` is).
_NOT_FAST = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f!*\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
    "\U000f0000-\U000fffff]"
)


def _plain_from_safe_loader(text: str) -> tuple[Any, int]:
    """Return `text` read by ruamel's safe loader as plain values, and how many values it holds."""
    data = _fast_yaml().load(text)
    if not isinstance(data, dict):
        return data, 0
    values = _values_in(data)
    if values > MAX_TOKENS // 3:
        return None, values
    return _to_plain(data, {}), values


def _fast_yaml() -> YAML:
    """Return libyaml's reader where installed (else ruamel's own), reading YAML 1.2 as `_parse`."""
    yaml = YAML(typ="safe")
    yaml.Resolver = _OnceVersionedResolver
    return yaml


class _OnceVersionedResolver(VersionedResolver):
    """ruamel.yaml's resolver, finding the document's YAML version once rather than per value.

    The version cannot change within a document, and looking it up for every
    value took a third of the time the fast reading spends on a large profile.
    """

    @functools.cached_property
    def processing_version(self) -> Any:
        """Return the YAML version of the document being read."""
        return VersionedResolver.processing_version.fget(self)  # type: ignore[attr-defined]


class _Unusual(Exception):
    """Raised by the event reading for text it leaves to ruamel's safe loader."""


_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("null", "bool", "int", "float", "timestamp")
}
_ALREADY_PLAIN = {bool, int, float, type(None)}
_NO_KEY: Any = object()

if CParser is not None:

    class _EventReader(CParser, SafeConstructor, _OnceVersionedResolver):  # type: ignore[misc]
        """libyaml's parser with ruamel's safe constructor and resolver, as YAML(typ="safe")."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            self._parser = self._composer = self
            SafeConstructor.__init__(self, loader=self)
            self.allow_duplicate_keys = False
            _OnceVersionedResolver.__init__(self, version=None, loadumper=self)


def _plain_from_events(text: str) -> tuple[Any, int]:
    """Return `text` as plain values built from libyaml's events, and how many values it holds.

    libyaml's parser (ruamel.yaml.clib's CParser, the one YAML(typ="safe")
    uses) hands over its events, and one loop builds the plain values from
    them. The safe loader composed a node for every value, resolved and
    constructed each in Python, and `_to_plain` then copied the whole result:
    four fifths of the time on a 1 MB profile (0.6 to 0.85 s, now about 0.2 s).
    A plain scalar whose first character starts none of YAML 1.2's implicit
    types (most text) is text at once; any other plain scalar is resolved and
    constructed by ruamel's own resolver and constructor, once per spelling,
    so `yes` stays text, `0o17` is 15 and `2026-11-30` a date, as before.
    Anything unusual (anchors, keys that are not text, a key written twice,
    merge keys, deep nesting) raises `_Unusual`, and the safe loader reads the
    whole text as before, its errors included, without copying its rules here.

    Libraries considered: PyYAML's CSafeLoader is the same libyaml with a
    Python resolver and constructor, reading YAML 1.1 (`yes` and `on` are true,
    `017` is octal), so it would need this same work and another dependency;
    rapidyaml types no scalars at all, leaving the same resolution to do in
    Python, and would be a second parser with its own reading of edge cases.
    What remains is libyaml itself (about 40 ms on 1 MB) and ruamel's Python
    event objects (about as much again).
    """
    if CParser is None:
        raise _Unusual
    reader = _EventReader(text)
    try:
        return _plain_from(reader)
    finally:
        reader.dispose()


def _plain_from(reader: Any) -> tuple[Any, int]:
    """Build the plain values of the one document `reader` parses (see `_plain_from_events`)."""
    if reader.yaml_path_resolvers:
        raise _Unusual
    typed_starts = reader.versioned_resolver  # the first characters of implicit types
    if None in typed_starts:
        raise _Unusual
    resolved: dict[str, Any] = {}  # plain scalars resolved so far, by spelling
    get = reader.get_event
    get()  # the start of the stream
    if type(get()) is StreamEndEvent:  # no document at all
        return None, 0
    root: Any = None
    top: Any = None  # the innermost open section or list
    in_map = False  # whether `top` is a section
    key: Any = _NO_KEY  # the key in `top` waiting for its value
    stack: list[tuple[Any, bool]] = []  # the sections and lists around `top`
    values = 0
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            value = event.value
            if event.implicit[0] and value[:1] in typed_starts:
                if value in resolved:
                    value = resolved[value]
                else:
                    plain = _resolved(reader, value)
                    resolved[value] = plain
                    value = plain
            values += 1
            if in_map:
                if key is _NO_KEY:
                    if type(value) is not str or value in top:
                        raise _Unusual
                    key = value
                else:
                    top[key] = value
                    key = _NO_KEY
            elif top is not None:
                top.append(value)
            else:
                root = value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            values += 1
            new: Any = {} if kind is MappingStartEvent else []
            if in_map:
                if key is _NO_KEY:  # a section or list used as a key
                    raise _Unusual
                top[key] = new
            elif top is not None:
                top.append(new)
            else:
                root = new
            stack.append((top, in_map))
            if len(stack) > MAX_DEPTH:
                raise _Unusual
            top, in_map, key = new, kind is MappingStartEvent, _NO_KEY
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            top, in_map = stack.pop()
            key = _NO_KEY
        elif kind is DocumentEndEvent:
            break
        else:  # an alias, or an event this loop does not know
            raise _Unusual
    if type(get()) is not StreamEndEvent:  # a second document, which the safe loader refuses
        return None, values
    return root, values


def _resolved(reader: Any, value: str) -> Any:
    """Return the plain scalar `value` as ruamel's safe loader and `_to_plain` make it."""
    tag = reader.resolve(ScalarNode, value, (True, False))
    name = tag.suffix  # as the resolver wrote it (`tag.value` decodes it, slowly, to the same)
    if name == _STR_TAG:
        return value
    if name not in _PLAIN_TAGS:
        raise _Unusual
    # What construct_non_recursive_object calls for this tag (these make no generators).
    constructed = reader.yaml_constructors[name](reader, ScalarNode(tag, value))
    if type(constructed) in _ALREADY_PLAIN:  # what `_to_plain` returns as it is
        return constructed
    return _to_plain(constructed, {})


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector for work that makes many objects and no cycles.

    Reading a YAML file into plain values builds hundreds of thousands of
    objects for a large profile, and the collector would scan the growing heap
    again and again: with it running, ten times the rows took sixteen times as
    long to read. Nothing is lost by waiting, as the values hold no cycles.
    (The forum map is drawn this way too.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _values_in(data: Any) -> int:
    """Return how many values (sections, lists and scalars) `data` holds, counting keys too."""
    count, stack = 0, [data]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, dict):
            count += len(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def _read_bytes(path: Path, shown: str) -> bytes:
    """Return the bytes of `path`, refusing folders, devices and files too big to be a profile."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _single(shown, "this is a folder; give the path of a profile .yaml file")
        if not stat.S_ISREG(info.st_mode):
            raise _single(shown, "this is not an ordinary file; give the path of a profile .yaml")
        if info.st_size > MAX_PROFILE_BYTES:
            raise _too_big(shown, info.st_size)
        with path.open("rb") as stream:
            raw = stream.read(info.st_size + 1)
            if len(raw) > info.st_size:  # the file grew since we looked: read on, within bounds
                raw += stream.read(MAX_PROFILE_BYTES + 1 - len(raw))
    except FileNotFoundError:
        raise _single(shown, "file not found; check the path and the file name") from None
    except OSError as exc:
        raise _single(shown, f"cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_PROFILE_BYTES:  # the file grew while we looked at it
        raise _too_big(shown, len(raw))
    return raw


def _too_big(shown: str, size: int) -> ProfileError:
    limit = MAX_PROFILE_BYTES // 1024 // 1024
    return ProfileError(
        [
            Problem(
                shown,
                1,
                None,
                "",
                f"the file is {size / 1024 / 1024:.1f} MB, but a profile is usually a few tens "
                f"of kilobytes and lisdraft reads files of up to {limit} MB. Check that this "
                "is the right file.",
            )
        ]
    )


def _decode(raw: bytes, shown: str) -> str:
    """Return `raw` as text, accepting (and dropping) a UTF-8 byte-order mark."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProfileError(
            [
                Problem(
                    shown,
                    1,
                    None,
                    "",
                    "the file is saved as UTF-16 text; save it as UTF-8 instead (in most "
                    "editors: Save As, then choose UTF-8 encoding).",
                )
            ]
        )
    try:
        return raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProfileError(
            [
                Problem(
                    shown,
                    line,
                    column,
                    "",
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8 text. Save the file as "
                    "UTF-8 (in most editors: Save As, then choose UTF-8 encoding).",
                )
            ]
        ) from None


def _disguise(text: str) -> tuple[str, dict[int, str]]:
    """Return `text` with characters YAML refuses swapped for private-use ones, and the way back."""
    found = set(_NOT_YAML_TEXT.findall(text))
    if not found or _PLANE_15.search(text):
        return text, {}
    there = {ord(c): chr(_DISGUISE + ord(c)) for c in found}
    return text.translate(there), {ord(v): chr(k) for k, v in there.items()}


class _BoundedScanner(RoundTripScanner):
    """ruamel's round-trip scanner, stopping at our depth and size bounds.

    Bounding the scanner matters: ruamel takes time that grows with the square
    of the nesting of brackets, so `[[[[...` must be stopped early.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fetched = 0

    def fetch_more_tokens(self) -> Any:
        self.fetched += 1
        if self.fetched > MAX_TOKENS:
            raise self._refuse(
                f"the file holds more than {MAX_TOKENS:,} YAML items by this line, far more "
                "than even a region's profile does. Check that this is the right file."
            )
        return super().fetch_more_tokens()

    def fetch_flow_collection_start(self, token_class: Any, to_push: str) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise self._refuse(_nested_message())
        super().fetch_flow_collection_start(token_class, to_push)

    def add_indent(self, column: int) -> bool:
        added: bool = super().add_indent(column)
        if len(self.indents) > MAX_DEPTH:
            raise self._refuse(_nested_message())
        return added

    def _refuse(self, message: str) -> _Refused:
        return _Refused(self.reader.line + 1, self.reader.column + 1, message)


def _nested_message() -> str:
    return (
        f"the YAML is nested more than {MAX_DEPTH} levels deep here, and a profile needs "
        "about six. Check the indentation, and look for '[' or '{' that is never closed."
    )


def _parse(disguised: str, text: str, shown: str) -> Any:
    """Return the round-trip YAML tree of `disguised`, the file's text after `_disguise`."""
    yaml = YAML(typ="rt")
    yaml.Scanner = _BoundedScanner
    try:
        return yaml.load(disguised)
    except MarkedYAMLError as exc:
        raise ProfileError([_problem_from_yaml(exc, text, shown)]) from None
    except ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise _Refused(
            line,
            column,
            f"the character U+{exc.character:04X} cannot be used in a profile; delete it "
            "(it often comes from text pasted from another program)",
        ) from None
    except YAMLError as exc:
        raise _single(shown, f"this is not valid YAML: {exc}") from None
    except RecursionError:
        raise _Refused(1, None, _nested_message()) from None


def _problem_from_yaml(exc: MarkedYAMLError, text: str, shown: str) -> Problem:
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
    elif "'\\t'" in problem or "tab" in problem:
        message = _tab_message(text, mark)
    elif "expected a single document" in (exc.context or "") + problem:
        message = (
            "a second YAML document starts here ('---'), but a profile is one document; "
            "delete the '---' line, or keep each profile in a file of its own"
        )
    elif _needs_quotes(problem, exc.context or ""):
        message = _quotes_message(problem, exc.context or "", text, mark)
    elif "flow" in (exc.context or "") and exc.context_mark is not None:
        opened = exc.context_mark.line + 1
        message = (
            f"this is not valid YAML: {problem}. A '[' or '{{' opened at line {opened} is not "
            "closed as YAML expects; check its commas and closing bracket"
        )
    else:
        context = f" {exc.context}" if exc.context else ""
        message = f"this is not valid YAML: {problem}{context}. Check the indentation and colons"
    return Problem(shown, line, column, "", message)


#: Characters YAML reserves at the start of a value, and what YAML takes them for.
_RESERVED_STARTS = {
    "%": "a directive",
    "@": "a reserved character",
    "`": "a reserved character",
    "*": "a reference to an anchor (an alias)",
    "&": "an anchor",
    "!": "a tag",
}


def _needs_quotes(problem: str, context: str) -> bool:
    """Return whether the parser stumbled on text that only needed quotes."""
    both = f"{problem} {context}"
    return (
        "mapping values are not allowed here" in problem
        or "cannot start any token" in problem
        or "scanning an alias" in both
        or "scanning an anchor" in both
        or "found undefined alias" in problem
    )


def _quotes_message(problem: str, context: str, text: str, mark: Any) -> str:
    """Explain a colon or reserved character in unquoted text, with the line rewritten in quotes."""
    example = _quoted(text, mark)
    fix = f"put the text in quotes, like this: {example}" if example else "put the text in quotes"
    if "mapping values" in problem:
        return (
            "a colon followed by a space inside a value starts a new 'name: value' pair in "
            f"YAML. If the colon is part of the text, {fix}. Otherwise check the indentation"
        )
    both = f"{problem} {context}"
    found = re.search(r"found character '(.)'", problem)
    char = found.group(1) if found else ("*" if "alias" in both else "&")
    meaning = _RESERVED_STARTS.get(char, "a reserved character")
    return f"YAML reads a value starting with '{char}' as {meaning}; {fix}"


def _quoted(text: str, mark: Any) -> str:
    """Return the line at `mark` with its value in double quotes ('' if it is not a value)."""
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return ""
    match = re.match(r"^(\s*(?:-\s+)?[\w-]+:\s+|\s*-\s+)(.+?)\s*$", lines[mark.line])
    if match is None:
        return ""
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1).strip()} "{value}"'


def _tab_message(text: str, mark: Any) -> str:
    """Explain a tab character, telling indentation apart from a tab inside text."""
    lines = text.splitlines()
    before = ""
    if mark is not None and mark.line < len(lines):
        before = lines[mark.line][: mark.column]
    if not before.strip():
        return "a tab character is used for indentation; YAML needs spaces"
    return (
        "a tab character here is not allowed outside quotes; replace it with a space, "
        'or put the whole text in double quotes and write the tab as \\t ("a\\tb")'
    )


def _single(shown: str, message: str) -> ProfileError:
    return ProfileError([Problem(shown, None, None, "", message)])


def _check_shape(tree: Any, shown: str) -> None:
    """Refuse an empty file or one that is not a set of sections."""
    if tree is None:
        raise _Refused(
            1,
            None,
            "the file is empty. Start from `lisdraft new` or copy "
            "examples/borchestershire/profile.yaml.",
        )
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        raise _Refused(
            1,
            1,
            f"the profile is {kind}; it must be a set of sections such as "
            "'meta:' and 'place:', each at the start of a line",
        )


def _line_of(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def _check_expansion(tree: Any) -> None:
    """Refuse a tree that nests too deeply or whose aliases add over `MAX_ALIAS_VALUES` values.

    Aliases share one object in the tree, so each collection is sized once:
    this takes time in proportion to the file, not to what it expands to. A
    collection whose expanded size outgrows everything written so far by more
    than the allowance is where an alias bomb goes off, and is reported.
    """
    sizes: dict[int, int] = {}
    written = [0]  # values met for the first time, as the file writes them out

    def size(node: Any, depth: int, line: int | None) -> int:
        if not isinstance(node, dict | list):
            return 1
        line = _line_of(node) or line
        if depth > MAX_DEPTH:  # only reachable through an alias that contains itself
            raise _Refused(line, None, _nested_message())
        if id(node) in sizes:
            return sizes[id(node)]
        children = list(node.values() if isinstance(node, dict) else node)
        written[0] += 1 + len(children)
        total = 1 + sum(size(child, depth + 1, line) for child in children)
        if total > written[0] + MAX_ALIAS_VALUES:
            raise _Refused(
                line,
                None,
                f"the aliases (*name) used here expand to more than {MAX_ALIAS_VALUES:,} "
                "values beyond what is written, as an alias bomb does; write the values out "
                "instead of repeating aliases",
            )
        sizes[id(node)] = total
        return total

    size(tree, 0, 1)


def _to_plain(tree: Any, reveal: dict[int, str]) -> Any:
    """Return `tree` as plain dicts, lists and scalars, refusing YAML tags and odd types."""

    def text(value: str) -> str:
        return str(value).translate(reveal) if reveal else str(value)

    def convert(node: Any, line: int | None) -> Any:
        tag = getattr(getattr(node, "tag", None), "value", None)
        if isinstance(node, TaggedScalar):
            if tag == _STR_TAG:
                return text(node.value)
            raise _Refused(line, None, _tag_message(tag))
        if tag is not None and isinstance(node, dict | list):
            raise _Refused(_line_of(node) or line, None, _tag_message(tag))
        if isinstance(node, dict):
            return {
                text(key): convert(value, _key_line(node, key, line)) for key, value in node.items()
            }
        if isinstance(node, list):
            return [convert(value, _item_line(node, i, line)) for i, value in enumerate(node)]
        if isinstance(node, str):
            return text(node)
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, dt.datetime):
            return dt.datetime(*node.timetuple()[:6])
        if isinstance(node, dt.date):
            return node
        kind = {"CommentedSet": "a set", "bytes": "binary data"}.get(type(node).__name__)
        raise _Refused(
            line,
            None,
            f"this kind of YAML value ({kind or type(node).__name__}) is not used in profiles; "
            "write plain text, numbers, dates, lists and sections",
        )

    return convert(tree, 1)


def _tag_message(tag: str | None) -> str:
    written = (tag or "").replace("tag:yaml.org,2002:", "!!")
    return (
        f"the YAML tag '{written}' is not used in profiles; delete it and write the value "
        "plainly, or, if the '!' is part of the text, put the text in quotes"
    )


def _key_line(node: Any, key: Any, default: int | None) -> int | None:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return default


def _item_line(node: Any, index: int, default: int | None) -> int | None:
    try:
        return int(node.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return default


def position(tree: Any, loc: Location) -> tuple[int | None, int | None]:
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
