"""The JSON Schema editors use: generated from the models, committed, and true to them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker
from ruamel.yaml import YAML
from typer.testing import CliRunner

from conftest import ROOT
from lisdraft.cli import app
from lisdraft.errors import ProfileError
from lisdraft.profile.loader import load_profile
from lisdraft.profile.scaffold import new_profile
from lisdraft.profile.schema import (
    AREA_SCHEMA_PATH,
    REGENERATE,
    SCHEMA_PATH,
    area_schema,
    profile_schema,
    schema_text,
)

EXAMPLES = sorted((ROOT / "examples").glob("*/profile.yaml"))
AREA = ROOT / "examples" / "borchestershire"


def as_editors_see_it(text: str) -> Any:
    """Return the YAML as plain data, with dates as the text an editor sees."""

    def plain(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(key): plain(value) for key, value in node.items()}
        if isinstance(node, list):
            return [plain(value) for value in node]
        if isinstance(node, dt.date):
            return node.isoformat()[:10]
        return node

    return plain(YAML(typ="rt").load(text))


def schema_errors(data: Any) -> list[str]:
    validator = Draft7Validator(profile_schema(), format_checker=FormatChecker())
    errors = validator.iter_errors(data)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_the_committed_schema_matches_the_models() -> None:
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(), (
        f"{SCHEMA_PATH} is out of date with lisdraft/profile/model.py: run `{REGENERATE}`"
    )


def test_the_schema_is_valid_json_schema_draft_7() -> None:
    schema = profile_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_example_profiles_satisfy_the_schema(path: Path) -> None:
    assert len(EXAMPLES) >= 2
    assert schema_errors(as_editors_see_it(path.read_text(encoding="utf-8"))) == []


def test_the_committed_area_schema_matches_the_models() -> None:
    committed = (ROOT / AREA_SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(area=True), (
        f"{AREA_SCHEMA_PATH} is out of date: run `lisdraft schema --area --out {AREA_SCHEMA_PATH}`"
    )


def test_the_area_example_satisfies_the_area_and_profile_schemas() -> None:
    Draft7Validator.check_schema(area_schema())
    area = as_editors_see_it((AREA / "area.yaml").read_text(encoding="utf-8"))
    errors = Draft7Validator(area_schema(), format_checker=FormatChecker()).iter_errors(area)
    assert [e.message for e in errors] == []
    for council in sorted(AREA.glob("*.yaml")):
        if council.name != "area.yaml":
            text = council.read_text(encoding="utf-8")
            assert schema_errors(as_editors_see_it(text)) == [], council.name


def test_a_profile_without_an_area_file_must_still_give_every_section() -> None:
    council = as_editors_see_it((AREA / "borchester-borough-council.yaml").read_text("utf-8"))
    del council["area"]
    assert ": 'place' is a required property" in schema_errors(council)


def test_the_area_file_schema_refuses_a_councils_own_section() -> None:
    area = as_editors_see_it((AREA / "area.yaml").read_text(encoding="utf-8"))
    area["priorities"] = []
    errors = list(Draft7Validator(area_schema()).iter_errors(area))
    assert any("'priorities' was unexpected" in e.message for e in errors)


def test_the_starter_profile_satisfies_the_schema() -> None:
    text = new_profile("Felpersham City Council", "Borchestershire", dt.date(2026, 11, 16))
    assert schema_errors(as_editors_see_it(text)) == []


def looser_spellings(data: Any) -> None:
    data["self_assessment"]["representation"]["answer"] = "Not known"
    data["self_assessment"]["councils_forum"]["answer"] = " YES "
    data["forums"][0]["kind"] = "Joint Committee"
    data["forums"][0]["councils"] = "All councils"
    data["strategies"][0]["status"] = "under-review"
    data["meta"]["version"] = 0.3
    data["roles"]["leadership"] = "The Leader will attend every board meeting."
    data["evidence"]["items"][0]["foundations"] = ["Business environment"]


def test_spellings_lisdraft_accepts_do_not_get_red_underlines(edited) -> None:
    path = edited(looser_spellings)
    load_profile(path)  # lisdraft accepts them, so editors must too
    assert schema_errors(as_editors_see_it(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    ("mistake", "where"),
    [
        (lambda d: d["vision"]["area"].__setitem__("statment", "x"), "vision.area"),
        (lambda d: d["meta"].__setitem__("status", "published"), "meta.status"),
        (lambda d: d["meta"]["author"].__setitem__("name", "   "), "meta.author.name"),
        (lambda d: d["forums"][0].pop("remit"), "forums.0"),
        (lambda d: d["meta"].__setitem__("date", "16/11/2026"), "meta.date"),
        (lambda d: d["self_assessment"]["representation"].__setitem__("answer", "maybe"), "answer"),
        (lambda d: d["forums"][0].__setitem__("councils", "most"), "forums.0.councils"),
        (lambda d: d["evidence"]["items"][0].__setitem__("year", 1850), "evidence.items.0.year"),
        (lambda d: d.__setitem__("images", {"logo": {"path": "../logo.png", "alt": "A"}}), "path"),
        (lambda d: d.__setitem__("images", {"logo": {"path": "/tmp/a.png", "alt": "A"}}), "path"),
        (lambda d: d.__setitem__("images", {"logo": {"path": "a.png", "alt": " "}}), "alt"),
        (lambda d: d.__setitem__("images", {"logo": {"path": "a.png"}}), "images.logo"),
        (lambda d: d.__setitem__("images", {"my-logo": {"path": "a.png", "alt": "A"}}), "images"),
    ],
)
def test_the_schema_underlines_what_lisdraft_rejects(edited, mistake, where: str) -> None:
    path = edited(mistake)
    with pytest.raises(ProfileError):
        load_profile(path)
    errors = schema_errors(as_editors_see_it(path.read_text(encoding="utf-8")))
    assert any(error.startswith(where) or where in error for error in errors), errors


def fields(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(f"profile.{name}", prop) for name, prop in schema["properties"].items()]
    for model, definition in schema["definitions"].items():
        found += [(f"{model}.{name}", prop) for name, prop in definition["properties"].items()]
    return found


def test_every_field_explains_itself_for_hover_help() -> None:
    missing = [name for name, prop in fields(profile_schema()) if not prop.get("description")]
    assert missing == []


def test_every_example_shown_in_an_editor_is_itself_valid() -> None:
    schema = profile_schema()
    checked = 0
    for name, prop in fields(schema):
        subschema = {**prop, "definitions": schema["definitions"]}
        validator = Draft7Validator(subschema, format_checker=FormatChecker())
        for example in prop.get("examples", []):
            assert list(validator.iter_errors(example)) == [], f"{name}: {example!r}"
            checked += 1
    assert checked > 80


def test_lisdraft_schema_prints_the_schema_or_writes_it(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(app, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout)["title"] == "lisdraft place profile"
    target = tmp_path / "profile.schema.json"
    written = runner.invoke(app, ["schema", "--out", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == printed.stdout
