"""The JSON Schema of a place profile, generated from the Pydantic models.

Editors that read JSON Schema (VS Code with the YAML extension, JetBrains
IDEs) use it for completion, hover help and red underlines. The schema
describes what the YAML may contain, which is a little wider than the values
the models keep: a choice may be written with capitals and spaces
('Not known' for `not_known`), a version may be a bare number and a role may
be a single line instead of a list. It is written for draft 7 of JSON Schema,
the version editors support best.

`schema/profile.schema.json` is a committed copy; regenerate it with
`lisdraft schema --out schema/profile.schema.json` after changing the models
(a test fails until you do).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from lisdraft.build.writer import write_files
from lisdraft.profile import model
from lisdraft.profile.area import AREA_FIELD, AreaFile
from lisdraft.profile.model import PlaceProfile

#: Where the committed copy of the schema lives, relative to the repository.
SCHEMA_PATH = Path("schema") / "profile.schema.json"
#: The command that regenerates the committed copy.
REGENERATE = f"lisdraft schema --out {SCHEMA_PATH.as_posix()}"
DRAFT_7 = "http://json-schema.org/draft-07/schema#"
TITLE = "lisdraft place profile"
#: Where the committed copy of the area file's schema lives.
AREA_SCHEMA_PATH = Path("schema") / "area.schema.json"
AREA_TITLE = "lisdraft area file"

Widen = Callable[[JsonSchemaValue], JsonSchemaValue]


def profile_schema() -> dict[str, Any]:
    """Return the JSON Schema of a place profile, as a dictionary.

    A profile that names an area file (`area: area.yaml`) holds only the
    council's own sections, so with `area` only `meta` is required.
    """
    schema = _schema_of(PlaceProfile, TITLE)
    required = schema.pop("required")
    schema["properties"] = {
        AREA_FIELD: {
            "description": "The area file this profile shares with the area's other councils, "
            "relative to this profile (such as area.yaml). Leave out the sections it holds.",
            "type": "string",
            "minLength": 1,
        },
        **schema["properties"],
    }
    schema["if"] = {"required": [AREA_FIELD]}
    schema["then"] = {"required": ["meta"]}
    schema["else"] = {"required": required}
    return schema


def area_schema() -> dict[str, Any]:
    """Return the JSON Schema of an area file, as a dictionary."""
    return _schema_of(AreaFile, AREA_TITLE)


def _schema_of(model_class: type[BaseModel], title: str) -> dict[str, Any]:
    generated = model_class.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=_ProfileSchema
    )
    body = _refs_for_draft_7(generated)
    body.pop("title", None)
    definitions = body.pop("$defs")
    return {"$schema": DRAFT_7, "title": title, **body, "definitions": definitions}


def schema_text(area: bool = False) -> str:
    """Return the JSON Schema as the text written to `schema/profile.schema.json`.

    With `area`, return the area file's schema (`schema/area.schema.json`).
    """
    schema = area_schema() if area else profile_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path, area: bool = False) -> Path:
    """Write the JSON Schema (the area file's with `area`) to `path`; return the path."""
    path = Path(path)
    text = schema_text(area)
    return write_files(path.parent, {path.name: text.encode("utf-8")}, guard=False)[0]


def _choice_pattern(values: list[Any]) -> str:
    """Return a regular expression for `values` as `_normalise_choice` accepts them.

    'not_known' may be written 'Not known', 'NOT-KNOWN' or ' not_known '. The
    pattern spells out both cases of each letter, because editors run it as a
    JavaScript regular expression, which has no inline case-insensitive flag.
    """
    words = [
        r"(?:_|[\s-]+)".join(_any_case(word) for word in str(value).split("_")) for value in values
    ]
    return rf"^\s*(?:{'|'.join(words)})\s*$"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


def _widen_choice(inner: JsonSchemaValue) -> JsonSchemaValue:
    """Offer the canonical values for completion, and accept their looser spellings."""
    values = inner.get("enum") or [inner.get("const")]
    loose = {"type": "string", "pattern": _choice_pattern(values)}
    return {"anyOf": [inner, loose]}


def _widen_all(inner: JsonSchemaValue) -> JsonSchemaValue:
    """Accept 'All' and 'all councils' where `_normalise_all` does."""
    all_words = rf"^\s*{_any_case('all')}(?: {_any_case('councils')})?\s*$"
    return {"anyOf": [*inner["anyOf"], {"type": "string", "pattern": all_words}]}


def _widen_number(inner: JsonSchemaValue) -> JsonSchemaValue:
    """Accept a bare number where `_text_from_scalar` reads it as text."""
    return {"anyOf": [inner, {"type": "number"}]}


def _widen_single(inner: JsonSchemaValue) -> JsonSchemaValue:
    """Accept one line of text where `_list_from_text` makes it a one-item list."""
    return {"anyOf": [inner["items"], inner]}


#: The models' before-validators, and how each widens what the YAML may hold.
_WIDENERS: dict[Callable[..., Any], Widen] = {
    model._normalise_choice: _widen_choice,
    model._normalise_all: _widen_all,
    model._text_from_scalar: _widen_number,
    model._list_from_text: _widen_single,
}


class _ProfileSchema(GenerateJsonSchema):
    """Pydantic's schema generator, taught what the models' validators accept."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        inner = super().function_before_schema(schema)
        widen = _WIDENERS.get(schema["function"]["function"])
        return widen(inner) if widen is not None else inner

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if schema.get("strip_whitespace") and json_schema.get("minLength"):
            json_schema["pattern"] = r"\S"  # spaces alone are stripped to nothing
        return json_schema

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # the field's own name says it; titles like 'Lep Takes Part' do not help


def _refs_for_draft_7(node: Any) -> Any:
    """Return `node` with each `$ref` that has siblings wrapped in `allOf`.

    Draft 7 readers ignore keywords beside a `$ref`, which would hide the
    field's description from hover help.
    """
    if isinstance(node, list):
        return [_refs_for_draft_7(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _refs_for_draft_7(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        ref = node.pop("$ref")
        node = {"allOf": [{"$ref": ref}], **node}
    return node
