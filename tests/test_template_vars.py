"""The render context is declared once; the catalogue and the built context follow it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import Field, FrozenInstanceError, fields, is_dataclass
from typing import Any, get_args, get_type_hints

import pytest
from typer.testing import CliRunner

from conftest import AREA_EXAMPLE, EXAMPLE, ROOT
from lisdraft.build.context import build_context
from lisdraft.build.context_model import Lep, RenderContext, plain_data
from lisdraft.build.overview import Member, build_overview_context, council_order
from lisdraft.build.overview_model import OverviewContext
from lisdraft.build.render import make_environment
from lisdraft.cli import app
from lisdraft.profile.loader import load_profile
from lisdraft.stocktake.assess import assess_stocktake
from lisdraft.templating.catalogue import catalogue_markdown, rows
from lisdraft.templating.helpers import HELPERS
from lisdraft.templating.trial import sample_context
from lisdraft.templating.variables import CONTEXT, OVERVIEW

# Between them the two examples fill every list, so every item's fields appear.
EXAMPLES = [EXAMPLE, ROOT / "examples" / "wexmoor" / "profile.yaml"]
LEAF_KINDS = {str: "text", int: "number", float: "number", bool: "yes/no"}


def shape(value: Any, path: str, found: dict[str, set[str]]) -> str:
    """Record the kind of `value` and everything below it under dotted `path`s; return its kind."""
    if path == "extra":  # the profile's house fields: its own names below
        kind = "house fields"
    elif path == "images":  # the profile's images, by its own names
        kind = "images"
    elif is_dataclass(value) or isinstance(value, dict):
        kind = "group"
        named = vars(value) if is_dataclass(value) else value
        for name, item in named.items():
            shape(item, f"{path}.{name}" if path else name, found)
    elif isinstance(value, list):
        items = {shape(item, f"{path}[]", found) for item in value}
        kind = "list" if not items else f"list of {'/'.join(sorted(items))}"
        kind += "s" if items == {"group"} else ""
    else:
        kind = LEAF_KINDS[type(value)]
    if path:
        found.setdefault(path, set()).add(kind)
    return kind


def every_field(model: type[Any], seen: set[type[Any]]) -> Iterator[tuple[str, Field[Any]]]:
    """Yield each field of `model`, and of every class it holds, as ('Class.field', field)."""
    if model in seen:
        return
    seen.add(model)
    hints = get_type_hints(model)
    for declared in fields(model):
        yield f"{model.__name__}.{declared.name}", declared
        for held in (hints[declared.name], *get_args(hints[declared.name])):
            if isinstance(held, type) and is_dataclass(held):
                yield from every_field(held, seen)


def kinds_of(context: Any) -> dict[str, set[str]]:
    """Return the kind of every value in `context`, by path, as the catalogue names them."""
    found: dict[str, set[str]] = {}
    shape(context, "", found)
    return {path: kinds for path, kinds in found.items() if not path.endswith("[]")}


@pytest.fixture(scope="module")
def built() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for example in EXAMPLES:
        profile = load_profile(example)
        shape(build_context(profile, assess_stocktake(profile)), "", found)
    # A list empty in one example takes its kind from the other; a list's items are
    # described by the list itself ('list of groups') and their fields.
    return {
        path: (kinds - {"list"} or kinds)
        for path, kinds in found.items()
        if not path.endswith("[]")
    }


def test_every_field_of_the_declaration_has_a_description() -> None:
    # Walks the declaration itself, so a field no example fills is checked too.
    undescribed = [
        name
        for name, declared in every_field(RenderContext, set())
        if len(str(declared.metadata.get("doc", "")).strip()) < 3
    ]
    assert undescribed == []


def test_templates_are_given_every_declared_name_and_no_other() -> None:
    profile = load_profile(EXAMPLE)
    context = build_context(profile, assess_stocktake(profile))
    assert list(dict(context)) == list(CONTEXT)
    assert dict(context)["board"] is context.board


def test_a_built_context_is_read_only_and_each_part_needs_every_field() -> None:
    profile = load_profile(EXAMPLE)
    context = build_context(profile, assess_stocktake(profile))
    with pytest.raises(FrozenInstanceError):
        context.board.count = 99  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"Lep: missing \['director'\], unexpected \['boss'\]"):
        Lep(name="LEP", name_to_start="", chair="", vice_chair="", boss="")  # type: ignore[call-arg]


def test_the_context_as_plain_data_holds_the_same_values_for_json() -> None:
    profile = load_profile(EXAMPLE)
    context = build_context(profile, assess_stocktake(profile))
    data = json.loads(json.dumps(plain_data(context)))
    assert list(data) == list(CONTEXT)
    assert data["board"]["members"][0]["name"] == context.board.members[0].name
    assert data["stocktake"]["counts"]["green"] == context.stocktake.counts.green
    assert kinds_of(data) == kinds_of(context)


def test_the_trial_render_samples_have_the_declared_shape() -> None:
    declared = {row.path: {row.kind} for row in rows()}
    assert kinds_of(sample_context(full=True)) == declared
    empty = kinds_of(sample_context(full=False))
    assert empty["stocktake.questions"] == {"list of groups"}  # never empty
    assert empty["board.members"] == {"list"}


def test_every_context_key_has_a_description(built: dict[str, set[str]]) -> None:
    declared = {row.path for row in rows()}
    assert sorted(set(built) - declared) == []


def test_every_described_key_is_in_the_context(built: dict[str, set[str]]) -> None:
    declared = {row.path for row in rows()}
    assert sorted(declared - set(built)) == []


def test_each_key_has_the_type_it_is_described_with(built: dict[str, set[str]]) -> None:
    wrong = {
        row.path: (row.kind, built[row.path]) for row in rows() if {row.kind} != built[row.path]
    }
    assert wrong == {}


def test_every_description_says_something() -> None:
    assert [row.path for row in rows() if len(row.description) < 3] == []


def test_the_catalogue_lists_every_helper_registered_for_templates() -> None:
    environment = make_environment()
    for helper in HELPERS:
        registered = {"filter": environment.filters, "function": environment.globals}
        if helper.kind in registered:
            found = registered[helper.kind][helper.name]
            # filters are wrapped to count their work (lisdraft.build.limits)
            assert getattr(found, "__wrapped__", found) is helper.function
        assert f"`{helper.name}`" in catalogue_markdown()


def test_the_docs_page_is_the_generated_catalogue() -> None:
    committed = (ROOT / "docs" / "template-variables.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), (
        "docs/template-variables.md is out of date: run "
        "`lisdraft templates vars --format markdown > docs/template-variables.md`"
    )


def test_templates_vars_prints_variables_with_types_and_the_helpers() -> None:
    result = CliRunner().invoke(app, ["templates", "vars"])
    assert result.exit_code == 0
    line = next(
        line for line in result.output.splitlines() if line.split()[:1] == ["board.members[].name"]
    )
    assert "text" in line and "Their name." in line
    assert '{{ board.our_members|join_and("name") }}' in result.output
    assert CliRunner().invoke(app, ["templates", "vars", "--format", "markdown"]).output == (
        catalogue_markdown()
    )


# --- the area overview's own declaration ---------------------------------------------------


def borchestershire_overview() -> OverviewContext:
    """Return the overview's context for the three Borchestershire councils, as a build has it."""
    members = []
    for path in sorted(AREA_EXAMPLE.glob("*.yaml")):
        if path.name != "area.yaml":
            profile = load_profile(path)
            members.append(Member(path, profile, assess_stocktake(profile)))
    return build_overview_context(AREA_EXAMPLE / "area.yaml", sorted(members, key=council_order))


def test_every_field_of_the_overview_declaration_has_a_description() -> None:
    undescribed = [
        name
        for name, declared in every_field(OverviewContext, set())
        if len(str(declared.metadata.get("doc", "")).strip()) < 3
    ]
    assert undescribed == []


def test_the_built_overview_context_has_exactly_the_declared_shape() -> None:
    declared = {row.path: {row.kind} for row in rows(OVERVIEW.fields)}
    found = kinds_of(borchestershire_overview())
    # Borchestershire fills every list of the overview but its warnings (its councils agree
    # with their area file), so every declared path is there. An empty list (a council with
    # no reporting-back lines) has no item kind: the others' lists give it.
    assert found.pop("warnings") == {"list"} and declared.pop("warnings") == {"list of text"}
    assert {path: kinds - {"list"} or kinds for path, kinds in found.items()} == declared


def test_the_overview_trial_samples_have_the_declared_shape() -> None:
    declared = {row.path: {row.kind} for row in rows(OVERVIEW.fields)}
    sample = sample_context(full=True, declaration=OVERVIEW)
    assert isinstance(sample, OverviewContext)
    assert kinds_of(sample) == declared
    assert kinds_of(sample_context(full=False, declaration=OVERVIEW))["actions"] == {"list"}


def test_templates_vars_lists_the_overviews_variables_in_their_own_section() -> None:
    output = CliRunner().invoke(app, ["templates", "vars"]).output
    council_part, overview_part = output.split("area overview's template (area-overview.docx)")
    overview_part = overview_part.split("Helpers (")[0]
    assert "  area.lep " in overview_part and "board.members" not in overview_part
    assert "  area.lep " not in council_part
    markdown = catalogue_markdown()
    assert "## Area overview variables" in markdown
    assert "### Overview: seats" in markdown and "| `seats[].members` | text |" in markdown
