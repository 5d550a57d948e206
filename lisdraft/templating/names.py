"""Check the names a template uses against the declared render context.

Walks the Jinja syntax tree of a template, following `{% for %}` loops so
that `a.number` inside `{% for a in asks %}` is checked against the fields
of each ask. Every name and field the context does not provide is reported
with the line it is on and, where one is close, the name that was probably
meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import nodes

from lisdraft.templating.variables import CONTEXT, Entry, Group, ListOf, Var, flag, number, text

# What `loop` offers inside a for loop; None marks a method or an item of any type.
LOOP = Group(
    "The current loop.",
    {
        "index": number("1, 2, 3 ..."),
        "index0": number("0, 1, 2 ..."),
        "revindex": number("Items left, counting this one."),
        "revindex0": number("Items left after this one."),
        "first": flag("Whether this is the first time round."),
        "last": flag("Whether this is the last time round."),
        "length": number("How many items there are."),
        "depth": number("Nesting depth of a recursive loop."),
        "depth0": number("The same, from 0."),
    },
)
LOOP_METHODS = {"cycle", "changed", "previtem", "nextitem"}
TEXT_METHODS = {name for name in dir(str) if not name.startswith("_")}
SAME_LIST_FILTERS = {"sort", "reverse", "unique", "selectattr", "rejectattr", "select", "reject"}
ITEM_FILTERS = {"first", "last", "random"}
ATTRIBUTE_FILTERS = {"selectattr", "rejectattr", "join_and", "map", "sum", "groupby", "sort"}

Type = Entry | None  # None: anything (a helper's result, a set variable ...)


@dataclass(frozen=True)
class NameProblem:
    """A name or field the context does not provide, on one line of the template."""

    line: int
    message: str


def check_names(
    template: nodes.Template, known_globals: set[str], context: dict[str, Entry] | None = None
) -> list[NameProblem]:
    """Return every unknown name or field in `template`, given Jinja's and lisdraft's globals.

    `context` is what the template may use: the council documents' variables
    (`CONTEXT`) unless another declaration, such as the area overview's, is given.
    """
    walker = _Walker(known_globals)
    walker.walk_all(template.body, [dict[str, Type](CONTEXT if context is None else context)])
    return walker.problems


def _undeclared(shown: str, suggestion: str | None) -> str:
    """Return the message for a name lisdraft does not provide."""
    hint = f"; did you mean '{suggestion}'?" if suggestion else "."
    return f"the template uses '{shown}', which lisdraft does not provide{hint}"


def _internal(name: str) -> str:
    """Return the message for a name that reaches into Python itself."""
    return (
        f"the template uses '{name}', which is part of Python, not of the profile; "
        "templates may not use names starting with _"
    )


def _closest(word: str, choices: list[str]) -> str | None:
    """Return the choice closest to `word`, ignoring case, or None."""
    lowered = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def shown(node: nodes.Node) -> str:
    """Return an expression such as `a.number` or `x['y']` roughly as the author wrote it."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{shown(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{shown(node.node)}[{node.arg.value!r}]"
    if isinstance(node, nodes.Filter) and node.node is not None:
        return f"{shown(node.node)}|{node.name}"
    return "…"


class _Walker:
    """Walks a syntax tree with a stack of scopes, recording problems."""

    def __init__(self, known_globals: set[str]) -> None:
        self.known_globals = known_globals
        self.problems: list[NameProblem] = []

    def report(self, node: nodes.Node, message: str) -> None:
        self.problems.append(NameProblem(node.lineno, message))

    # --- statements ---------------------------------------------------------------------

    def walk_all(self, body: list[nodes.Node], scopes: list[dict[str, Type]]) -> None:
        for node in body:
            self.walk(node, scopes)

    def walk(self, node: nodes.Node, scopes: list[dict[str, Type]]) -> None:
        if isinstance(node, nodes.For):
            self.walk_for(node, scopes)
        elif isinstance(node, nodes.Assign):
            scopes[-1].update(dict.fromkeys(_targets(node.target), self.resolve(node.node, scopes)))
        elif isinstance(node, nodes.AssignBlock):
            self.walk_all(node.body, scopes)
            scopes[-1].update(dict.fromkeys(_targets(node.target), None))
        elif isinstance(node, nodes.With):
            inner: dict[str, Type] = {}
            for target, value in zip(node.targets, node.values, strict=False):
                inner.update(dict.fromkeys(_targets(target), self.resolve(value, scopes)))
            self.walk_all(node.body, [*scopes, inner])
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            self.walk_macro(node, scopes)
        elif isinstance(node, nodes.Expr):
            self.resolve(node, scopes)
        else:
            self.walk_children(node, scopes)

    def walk_children(self, node: nodes.Node, scopes: list[dict[str, Type]]) -> None:
        for child in node.iter_child_nodes():
            self.walk(child, scopes)

    def walk_for(self, node: nodes.For, scopes: list[dict[str, Type]]) -> None:
        looped = self.resolve(node.iter, scopes)
        if isinstance(looped, Group) and looped.model is not None:
            example = next(iter(looped.fields), "")
            self.report(
                node.iter,
                f"'{shown(node.iter)}' is a group of values, not a list, so it cannot be looped "
                f"over: use its fields, such as {shown(node.iter)}.{example}",
            )
        item = _item_of(looped)
        inner: dict[str, Type] = dict.fromkeys(_targets(node.target), None)
        if isinstance(node.target, nodes.Name):
            inner[node.target.name] = item
        inner["loop"] = LOOP
        if node.test is not None:
            self.resolve(node.test, [*scopes, inner])
        self.walk_all(node.body, [*scopes, inner])
        self.walk_all(node.else_, scopes)

    def walk_macro(
        self, node: nodes.Macro | nodes.CallBlock, scopes: list[dict[str, Type]]
    ) -> None:
        if isinstance(node, nodes.Macro):
            scopes[-1][node.name] = None
        else:
            self.resolve(node.call, scopes)
        names = [arg.name for arg in node.args] + ["varargs", "kwargs", "caller"]
        self.walk_all(node.body, [*scopes, dict.fromkeys(names, None)])

    # --- expressions --------------------------------------------------------------------

    def resolve(self, node: nodes.Node, scopes: list[dict[str, Type]]) -> Type:
        """Return the type of expression `node`, reporting unknown names inside it."""
        if isinstance(node, nodes.Name):
            return self.resolve_name(node, scopes)
        if isinstance(node, nodes.Getattr):
            return self.resolve_field(node, node.node, node.attr, scopes)
        if isinstance(node, nodes.Getitem):
            return self.resolve_item(node, scopes)
        if isinstance(node, nodes.Filter):
            return self.resolve_filter(node, scopes)
        self.walk_children(node, scopes)
        return None

    def resolve_name(self, node: nodes.Name, scopes: list[dict[str, Type]]) -> Type:
        if node.name.startswith("_"):
            self.report(node, _internal(node.name))
            return None
        for scope in reversed(scopes):
            if node.name in scope:
                return scope[node.name]
        if node.name not in self.known_globals:
            names = [name for scope in scopes for name in scope]
            self.report(node, _undeclared(node.name, _closest(node.name, names)))
        return None

    def resolve_field(
        self, node: nodes.Node, base: nodes.Node, attr: str, scopes: list[dict[str, Type]]
    ) -> Type:
        owner = self.resolve(base, scopes)
        if attr.startswith("_"):
            self.report(node, _internal(attr))
            return None
        if owner is None:
            return None
        if isinstance(owner, Group):
            if attr in owner.fields:
                return owner.fields[attr]
            if owner is LOOP and attr in LOOP_METHODS:
                return None
            near = _closest(attr, list(owner.fields))
            self.report(
                node, _undeclared(f"{shown(base)}.{attr}", near and f"{shown(base)}.{near}")
            )
        elif isinstance(owner, ListOf):
            self.report(
                node,
                f"'{shown(base)}' is a list, so '{shown(base)}.{attr}' does not exist: loop over "
                f"it with {{% for x in {shown(base)} %}} and use x.{attr}",
            )
        elif owner.kind == "text" and attr in TEXT_METHODS:
            return None
        elif owner.kind in {"house fields", "images"}:
            return None  # each profile names its own: a build reports one it lacks
        else:
            self.report(node, f"'{shown(base)}' is {owner.kind}, so it has no '{attr}'")
        return None

    def resolve_item(self, node: nodes.Getitem, scopes: list[dict[str, Type]]) -> Type:
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self.resolve_field(node, node.node, node.arg.value, scopes)
        owner = self.resolve(node.node, scopes)
        self.resolve(node.arg, scopes)
        if isinstance(owner, ListOf) and not isinstance(node.arg, nodes.Slice):
            return owner.item
        return owner if isinstance(owner, ListOf) else None

    def resolve_filter(self, node: nodes.Filter, scopes: list[dict[str, Type]]) -> Type:
        value = self.resolve(node.node, scopes) if node.node is not None else None
        for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
            self.resolve(arg, scopes)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.resolve(extra, scopes)
        self.check_attribute_argument(node, value)
        if node.name in SAME_LIST_FILTERS and isinstance(value, ListOf):
            return value
        if node.name in ITEM_FILTERS and isinstance(value, ListOf):
            return value.item
        return None

    def check_attribute_argument(self, node: nodes.Filter, value: Type) -> None:
        """Check the field named in `x|selectattr("f")` or `x|join_and(attribute="f")`."""
        item = _item_of(value)
        if node.name not in ATTRIBUTE_FILTERS or not isinstance(item, Group):
            return
        named = [kw.value for kw in node.kwargs if kw.key == "attribute"]
        if node.name in {"selectattr", "rejectattr", "join_and"} and node.args:
            named.append(node.args[0])
        for argument in named:
            if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
                attr = argument.value.split(".")[0]
                if attr not in item.fields:
                    near = _closest(attr, list(item.fields))
                    hint = f"; did you mean '{near}'?" if near else "."
                    self.report(
                        node,
                        f"the items of '{shown(node.node) if node.node else '…'}' have no field "
                        f"'{attr}'{hint}",
                    )


def _item_of(value: Type) -> Type:
    """Return the type of each item when looping over `value`."""
    if isinstance(value, ListOf):
        return value.item
    if isinstance(value, Var) and value.kind == "text":
        return text("A character.")
    return None


def _targets(target: nodes.Node) -> Iterator[str]:
    """Yield the names a `for` or `set` target binds."""
    if isinstance(target, nodes.Name):
        yield target.name
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            yield from _targets(item)
