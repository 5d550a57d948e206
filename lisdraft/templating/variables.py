"""The render context's declaration as a tree: what the checker and the catalogue walk.

`lisdraft.build.context_model` declares every variable once, as typed and
described dataclass fields, and `lisdraft.build.overview_model` declares the
area overview's the same way. This module reads each declaration into a tree:
a `Var` for each value (text, a number or a yes/no flag), a `Group` for each
dataclass and a `ListOf` for each list, so that `lisdraft templates check`,
`lisdraft templates vars` and the trial render's sample data all follow it.
`COUNCIL_DOCUMENTS` is the tree for the council documents (and any further
document), `OVERVIEW` the one for `area-overview.docx`; `declaration_for`
picks a template's by its file name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from lisdraft.build.context_model import Images, RenderContext
from lisdraft.build.documents import OVERVIEW_TEMPLATE
from lisdraft.build.overview_model import OverviewContext

Leaf = Literal["text", "number", "yes/no", "house fields", "images"]
LEAVES: dict[type, Leaf] = {str: "text", int: "number", float: "number", bool: "yes/no"}


@dataclass(frozen=True)
class Var:
    """One value: text, a number or a yes/no flag, with what it means."""

    kind: Leaf
    description: str


@dataclass(frozen=True)
class Group:
    """A group of named values, reached with a dot: `council.name`.

    `model` is the declared class the group comes from (None for Jinja's own
    `loop`); the trial render builds its sample data with it.
    """

    description: str
    fields: dict[str, Entry] = field(default_factory=dict)
    model: type[Any] | None = None


@dataclass(frozen=True)
class ListOf:
    """A list to loop over with `{% for x in ... %}`; `item` describes each element.

    `never_empty` marks lists the framework always fills, such as the eight
    stock-take questions.
    """

    description: str
    item: Entry
    never_empty: bool = False


Entry = Var | Group | ListOf


def text(description: str) -> Var:
    """Return a text entry."""
    return Var("text", description)


def number(description: str) -> Var:
    """Return a number entry: a count, or a figure such as 71.4."""
    return Var("number", description)


def flag(description: str) -> Var:
    """Return a yes/no entry, for `{% if ... %}`."""
    return Var("yes/no", description)


def group_of(model: type[Any], description: str) -> Group:
    """Return the group declared by the dataclass `model`, described as `description`."""
    hints = get_type_hints(model)
    entries: dict[str, Entry] = {}
    for declared in fields(model):
        described = declared.metadata.get("doc", "")
        never_empty = declared.metadata.get("never_empty", False)
        entries[declared.name] = entry_of(hints[declared.name], described, never_empty)
    return Group(description, entries, model)


def entry_of(annotation: Any, description: str, never_empty: bool = False) -> Entry:
    """Return the entry for a field typed `annotation`: a value, a group or a list."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return ListOf(description, entry_of(item, _summary_line(item)), never_empty)
    if isinstance(annotation, type) and is_dataclass(annotation):
        return group_of(annotation, description)
    if annotation is Images:  # the profile's own images, by the names it gives them
        return Var("images", description)
    if annotation in LEAVES:
        return Var(LEAVES[annotation], description)
    if get_origin(annotation) is dict:  # the profile's own fields: any names below
        return Var("house fields", description)
    raise TypeError(
        f"a render context field cannot hold {annotation!r}: use text, int, float, bool or a dict"
    )


def _summary_line(item: Any) -> str:
    """Return what one item of a list is: its class's docstring's first line."""
    if isinstance(item, type) and is_dataclass(item) and item.__doc__:
        return item.__doc__.splitlines()[0]
    return "One item."


#: What the council documents' templates may use (contribution, briefing, stock-take and
#: any further document): the whole declaration, its model being `RenderContext`.
COUNCIL_DOCUMENTS: Group = group_of(RenderContext, "Everything a template may use.")
#: What the area overview's template (`area-overview.docx`) may use.
OVERVIEW: Group = group_of(OverviewContext, "Everything the area overview's template may use.")
#: Every top-level variable of the council documents, by name.
CONTEXT: dict[str, Entry] = COUNCIL_DOCUMENTS.fields


def declaration_for(template: str | Path) -> Group:
    """Return what the template at `template` may use, by its file name.

    `area-overview.docx` is the area overview's template; every other file
    is a council document's.
    """
    return OVERVIEW if Path(template).name == OVERVIEW_TEMPLATE else COUNCIL_DOCUMENTS
