"""Render a template part with sample data and report what still breaks.

After `lisdraft.templating.check` has read the tags, a template is filled with
data of the real context's types (`lisdraft.build.context_model`) twice: once
with every list holding two items and every flag true, once with lists empty,
text blank and flags false. Whatever fails, or yields XML that Word could not
open, is reported: the backstop behind the checker's own rules.
"""

from __future__ import annotations

import re
import traceback
from typing import Any

import jinja2
from lxml import etree  # type: ignore[import-untyped]

from lisdraft.build.context_model import RenderContext
from lisdraft.templating.scan import STRAIGHTENED, Part
from lisdraft.templating.variables import CONTEXT, Entry, Group, ListOf
from lisdraft.word.docx_template import PartRenderer, patch
from lisdraft.word.findings import Finding

_XML_TAG = re.compile(r"<[^>]*>")


def sample_context(full: bool) -> RenderContext:
    """Return a context of the declared types: every list with two items, or all empty."""
    return RenderContext(**{name: _sample(name, entry, full) for name, entry in CONTEXT.items()})


_RATING_SAMPLES = {
    "rating_key": "amber",
    "key": "amber",
    "rating": "Amber",
    "word": "Amber",
    "rating_fill": "FFEB9C",
    "rating_cell": "! Amber",
}


def _sample(name: str, entry: Entry, full: bool) -> Any:
    """Return a sample value for one entry of the declared context."""
    if isinstance(entry, Group):
        values = {key: _sample(key, value, full) for key, value in entry.fields.items()}
        return values if entry.model is None else entry.model(**values)
    if isinstance(entry, ListOf):
        return [
            _sample(name, entry.item, full) for _ in range(2 if full or entry.never_empty else 0)
        ]
    if name in _RATING_SAMPLES:
        return _RATING_SAMPLES[name]
    return {"text": "Sample text" if full else "", "number": 2 if full else 0}.get(entry.kind, full)


def trial_render(template: str, part: Part, environment: jinja2.Environment) -> list[Finding]:
    """Render `part` with full and empty sample data; report what fails or damages the file."""
    source = patch(etree.tostring(part.root, encoding="unicode"))
    for full in (True, False):
        when = "" if full else " when the profile leaves lists and optional text empty"
        rendered = ""
        try:
            rendered = PartRenderer(environment).part(source, sample_context(full))
            etree.fromstring(rendered.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            near = _text_near(rendered, exc.position[1] if exc.position else 0)
            message = f"using this template{when} would damage the document ({exc.msg})"
            return [Finding("error", part.name, message, near=near, file=template)]
        except Exception as exc:  # Jinja's errors, or a helper given the wrong kind of value
            where, near = _locate(part, source, exc)
            detail = exc.message if isinstance(exc, jinja2.TemplateError) else None
            message = f"using this template{when} fails: {detail or f'{type(exc).__name__}: {exc}'}"
            return [Finding("error", where or part.name, message, near=near, file=template)]
    return []


def _locate(part: Part, source: str, exc: Exception) -> tuple[str, str]:
    """Return the place and text of the paragraph where rendering failed, as far as known."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    lineno = frames[-1].lineno if frames else getattr(exc, "lineno", None)
    if not lineno:
        return "", ""
    # docxtpl starts each paragraph on a new line before handing the source to Jinja.
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", source).splitlines()
    text = " ".join(_XML_TAG.sub("", lines[min(lineno, len(lines)) - 1]).split())
    for paragraph in part.paragraphs:
        if text and " ".join(paragraph.text.translate(STRAIGHTENED).split()) == text:
            return paragraph.where, paragraph.snippet()
    return "", text[:70]


def _text_near(xml: str, column: int) -> str:
    """Return the document text in `xml` around `column`, to help find the place."""
    text = " ".join(_XML_TAG.sub(" ", xml[max(0, column - 400) : column + 200]).split())
    return text[-70:] if column else text[:70]
