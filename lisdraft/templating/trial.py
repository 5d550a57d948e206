"""Render a template part with sample data and report what still breaks.

After `lisdraft.templating.check` has read the tags, a template is filled with
data of the real context's types (`lisdraft.build.context_model`, or
`lisdraft.build.overview_model` for the area overview) twice: once
with every list holding `SAMPLE_ITEMS` items and every flag true, once with lists
empty, text blank and flags false. Whatever fails, or yields XML that Word could
not open, is reported: the backstop behind the checker's own rules.

Jinja stops at the first failure, so after each one the failing paragraph's
tags are made harmless (printed values left out, conditions made false, loops
given nothing to repeat) and the part is rendered again, until it renders or
`MAX_FAILURES` have been found: every failure is listed in one run.
"""

from __future__ import annotations

import re
import traceback
from typing import Any

import jinja2
from lxml import etree  # type: ignore[import-untyped]

from lisdraft.build.limits import RenderLimit, bounded
from lisdraft.templating.scan import STRAIGHTENED, Part
from lisdraft.templating.variables import COUNCIL_DOCUMENTS, Entry, Group, ListOf
from lisdraft.word.docx_template import PartRenderer, patch
from lisdraft.word.findings import Finding

_XML_TAG = re.compile(r"<[^>]*>")
#: Items in each list of the full sample data.
SAMPLE_ITEMS = 2
#: Failures reported from one part before giving up on it.
MAX_FAILURES = 20
_PARAGRAPH = re.compile(r"<w:p([ >])")
_NO_ELEMENT = re.compile(r"list object has no element (\d+)")


def sample_context(full: bool, declaration: Group = COUNCIL_DOCUMENTS) -> Any:
    """Return a context of the types `declaration` gives: every list with two items, or all empty.

    The council documents' declaration gives a `RenderContext`; the area
    overview's (`lisdraft.templating.variables.OVERVIEW`) an `OverviewContext`.
    """
    return _sample("", declaration, full)


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
        count = SAMPLE_ITEMS if full or entry.never_empty else 0
        return [_sample(name, entry.item, full) for _ in range(count)]
    if name in _RATING_SAMPLES:
        return _RATING_SAMPLES[name]
    if entry.kind in {"house fields", "images"}:  # images: `'logo' in images` is false
        return _HouseFields("Sample text" if full else "")
    return {"text": "Sample text" if full else "", "number": 2 if full else 0}.get(entry.kind, full)


class _HouseSample(str):
    """Sample text standing for a house field, whose own fields are sample text too."""

    def __getattr__(self, name: str) -> _HouseSample:
        """Return sample text for any field but Python's own (names starting with _)."""
        if name.startswith("_"):
            raise AttributeError(name)
        return _HouseSample(self)


class _HouseFields(dict[str, Any]):
    """Sample house fields (`extra`): any name a template asks for is sample text.

    A profile's house fields are its own, so the check cannot know them; the
    build reports a name the profile does not have.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def __missing__(self, key: str) -> _HouseSample:
        """Return sample text for any field."""
        return _HouseSample(self._text)


def trial_render(
    template: str,
    part: Part,
    environment: jinja2.Environment,
    declaration: Group = COUNCIL_DOCUMENTS,
) -> list[Finding]:
    """Render `part` with full and empty sample data; report each place that fails or damages it.

    The sample data has the types `declaration` gives (the council documents'
    unless told). A limit reached (`lisdraft.build.limits`) ends the trial, with that problem last.
    """
    renderer = PartRenderer(environment)
    # One line per paragraph, as docxtpl gives Jinja: a failure's line is its paragraph.
    source = patch(etree.tostring(part.root, encoding="unicode")).replace("\n", " ")
    problems: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    with bounded() as budget:
        for full in (True, False):
            lines = _PARAGRAPH.sub(r"\n<w:p\1", source).split("\n")
            for _ in range(MAX_FAILURES):
                problem, line = _try(template, part, renderer, lines, full, declaration)
                if problem is None:
                    break
                if (problem.where, problem.near) not in reported:
                    reported.add((problem.where, problem.near))
                    problems.append(problem)
                if budget.spent():
                    return problems  # the limits are reached: nothing more can be tried
                if line is None or not _harmless(lines, line):
                    break  # nothing left to make harmless: the rest cannot be tried
    return problems


def _try(
    template: str,
    part: Part,
    renderer: PartRenderer,
    lines: list[str],
    full: bool,
    declaration: Group,
) -> tuple[Finding | None, int | None]:
    """Render `lines` once; return the problem found and its line (0-based), or (None, None)."""
    when = "" if full else " when the profile leaves lists and optional text empty"
    rendered = ""
    try:
        rendered = renderer.part("".join(lines), sample_context(full, declaration))
        etree.fromstring(rendered.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        near = _text_near(rendered, exc.position[1] if exc.position else 0)
        message = f"using this template{when} would damage the document ({exc.msg})"
        return Finding("error", part.name, message, near=near, file=template), None
    except Exception as exc:  # Jinja's errors, or a helper given the wrong kind of value
        line = _line_of(exc)
        where, near = _locate(part, lines, line)
        if isinstance(exc, RenderLimit):  # the document's limits are spent: stop trying
            return Finding("error", where or part.name, f"{exc}.", near=near, file=template), None
        message = f"using this template{when} fails: {_explain(exc, full)}"
        return Finding("error", where or part.name, message, near=near, file=template), line
    return None, None


def _explain(exc: Exception, full: bool) -> str:
    """Return what went wrong, saying so when only the sample data's size caused it."""
    detail = exc.message if isinstance(exc, jinja2.TemplateError) else None
    if isinstance(exc, ZeroDivisionError):
        detail = "a number is divided by zero; check the divisor first with {% if ... %}"
    elif isinstance(exc, TypeError):
        detail = f"a value is not of the kind this needs ({exc})"
    text = detail or f"{type(exc).__name__}: {exc}"
    missing = _NO_ELEMENT.search(text)
    if missing:
        index = int(missing.group(1))
        size = f"{SAMPLE_ITEMS} items in each list" if full else "empty lists"
        text = (
            f"the template asks for item [{index}] of a list, but the sample data lisdraft "
            f"checks with has {size}, and a real profile's lists can be as short. Loop over "
            "the list with {% for %}, or check its length first, such as "
            f"{{% if x|length > {index} %}}"
        )
    return text


def _line_of(exc: Exception) -> int | None:
    """Return the 0-based line of the Jinja source where `exc` was raised, if known."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    lineno = frames[-1].lineno if frames else getattr(exc, "lineno", None)
    return lineno - 1 if lineno else None


def _locate(part: Part, lines: list[str], line: int | None) -> tuple[str, str]:
    """Return the place and text of the paragraph on `line`, as far as known."""
    if line is None:
        return "", ""
    text = " ".join(_XML_TAG.sub("", lines[min(line, len(lines) - 1)]).split())
    for paragraph in part.paragraphs:
        if text and " ".join(paragraph.text.translate(STRAIGHTENED).split()) == text:
            return paragraph.where, paragraph.snippet()
    return "", text[:70]


_PRINTED = re.compile(r"{{.*?}}", re.DOTALL)
_STATEMENT = re.compile(r"{%(-?)\s*(for\s+[\w\s,]+?\s+in|if|elif|set\s+[\w\s,.]+?=)\s.*?(-?)%}")


def _harmless(lines: list[str], line: int) -> bool:
    """Make the tags on `lines[line]` harmless; return whether anything changed."""
    before = lines[line]
    text = _PRINTED.sub("", before)
    text = _STATEMENT.sub(lambda m: f"{{%{m.group(1)} {_neutral(m.group(2))} {m.group(3)}%}}", text)
    lines[line] = text
    return text != before


def _neutral(head: str) -> str:
    """Return a statement's head with its expression replaced by a harmless one."""
    if head.startswith("for"):
        return f"{head} ()"
    if head.startswith("set"):
        return f"{head} none"
    return f"{head} false"


def _text_near(xml: str, column: int) -> str:
    """Return the document text in `xml` around `column`, to help find the place."""
    text = " ".join(_XML_TAG.sub(" ", xml[max(0, column - 400) : column + 200]).split())
    return text[-70:] if column else text[:70]
