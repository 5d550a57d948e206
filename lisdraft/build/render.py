"""Render one Word template with a context, strictly and safely.

Templates run in Jinja's sandbox with autoescaping on (so `&` and `<` in a
profile reach Word as text) and `StrictUndefined` (so a misspelt variable
is an error naming it, never a silent blank). The sandbox also refuses to
read files or build huge values, because a template may come from a third
party. lisdraft's helpers (`lisdraft.templating.helpers`) are registered on
the environment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from lisdraft.errors import TemplateError
from lisdraft.word.package import ZIP_EPOCH, normalise
from lisdraft.word.prepared import CompileOnce, prepared

#: Word (and python-docx) refuse document properties longer than this.
MAX_PROPERTY = 255


@dataclass(frozen=True)
class Properties:
    """The document properties (File > Info in Word) set on every output."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str = "en-GB"
    #: Stamped as created and modified, and on every zip entry (see `lisdraft.word.package`).
    created: dt.datetime | None = None


# The longest text or list a template may build with `*`, and the largest power.
MAX_SIZE = 100_000
MAX_EXPONENT = 100


class _NoFiles(jinja2.BaseLoader):
    """A loader that refuses every name: templates may not read other files."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, None]:
        """Refuse to load `template`."""
        raise SecurityError(f"a template cannot read other files (it asked for '{template}')")


class TemplateEnvironment(CompileOnce, SandboxedEnvironment):
    """Jinja's sandbox, also refusing file access and huge repeated values.

    Each template source is compiled once per environment, and kept compiled
    between runs (see `lisdraft.word.prepared.CompileOnce`).
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """Return `left operator right`, refusing results too big to be a document's text."""
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(
                f"a template may not raise a number to a power above {MAX_EXPONENT}"
            )
        if operator == "*":
            for sized, count in ((left, right), (right, left)):
                if isinstance(sized, str | list | tuple) and isinstance(count, int):
                    if len(sized) * count > MAX_SIZE:
                        raise SecurityError(
                            f"a template may not build text or lists longer than {MAX_SIZE:,}"
                        )
        return super().call_binop(context, operator, left, right)


def make_environment() -> SandboxedEnvironment:
    """Return the Jinja environment every template is rendered in, with lisdraft's helpers."""
    from lisdraft.templating.helpers import FILTERS, GLOBALS

    environment = TemplateEnvironment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        loader=_NoFiles(),
        finalize=_literal_braces,
    )
    environment.filters.update(FILTERS)
    environment.globals.update(GLOBALS)
    return environment


def _literal_braces(value: Any) -> Markup:
    """Return `value` escaped for XML, with braces written as character references.

    After rendering, docxtpl rewrites `{_{`, `}_}`, `{_%` and `%_}` anywhere in
    the document to `{{`, `}}`, `{%` and `%}`. Writing every brace that a value
    prints as `&#123;` or `&#125;` keeps such text exactly as the profile has it;
    Word reads the references back as ordinary braces.
    """
    escaped = str(escape(value))
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))


def render_document(template: Path, context: Mapping[str, Any], properties: Properties) -> bytes:
    """Return the bytes of `template` rendered with `context`, or raise `TemplateError`.

    Each template is read, patched and compiled once per process (see
    `lisdraft.word.prepared`); docxtpl's own `render` and `save` are used for a
    template that cannot be prepared.
    """
    when = properties.created or ZIP_EPOCH
    try:
        ready = prepared(Path(template), make_environment)
        if ready is not None:
            return ready.render(context, lambda core: _set_properties(core, properties, when), when)
        return _render_with_docxtpl(Path(template), context, properties, when)
    except FileNotFoundError:
        raise TemplateError(f"{template}: template not found") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{template.name}{_near(exc)}: {_undefined_message(exc)}. Check the spelling "
            "against `lisdraft templates vars`."
        ) from None
    except SecurityError as exc:
        raise TemplateError(f"{template.name}{_near(exc)}: {sandbox_message(exc)}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{template.name}{_near(exc)}: the template has a tag error: {exc.message}"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template.name}{_near(exc)}: {exc}") from None
    except Exception as exc:  # docxtpl and python-docx raise many kinds for a damaged file
        if isinstance(exc, TemplateError):
            raise
        raise TemplateError(
            f"{template.name}: cannot use this file as a Word template ({type(exc).__name__}: "
            f"{exc}). Open it in Word and save it again as a .docx document."
        ) from None


def _render_with_docxtpl(
    template: Path, context: Mapping[str, Any], properties: Properties, when: dt.datetime
) -> bytes:
    """Return the bytes of `template` rendered by docxtpl itself, reading the whole file."""
    # heavy: docxtpl is imported only when a document is rendered
    from lisdraft.word.docx_template import render_with_docxtpl

    data = render_with_docxtpl(
        template, context, make_environment(), lambda core: _set_properties(core, properties, when)
    )
    return normalise(data, when)


def _undefined_message(exc: jinja2.UndefinedError) -> str:
    """Rephrase Jinja's "'x' is undefined" for a template author."""
    match = re.search(r"'([^']+)' is undefined", str(exc))
    if match:
        return f"the template uses '{match.group(1)}', which lisdraft does not provide"
    match = re.search(r"has no attribute '([^']+)'", str(exc))
    if match:
        return f"the template uses '.{match.group(1)}', which lisdraft does not provide there"
    return str(exc)


def sandbox_message(exc: SecurityError) -> str:
    """Rephrase the sandbox's refusal for a template author."""
    match = re.search(r"attribute '([^']+)'", str(exc))
    if match:
        return (
            f"the template tries to use '{match.group(1)}', which is part of Python, not of the "
            "profile; templates may not reach it"
        )
    return f"the template tries something lisdraft does not allow: {exc}"


def _near(exc: Exception) -> str:
    """Return ' near "text"' from the document text docxtpl attaches to an error."""
    lines = [line.strip() for line in getattr(exc, "docx_context", []) or [] if line.strip()]
    if not lines:
        return ""
    snippet = " / ".join(lines)[:120]
    return f' near "{snippet}"'


def _set_properties(core: Any, properties: Properties, when: dt.datetime) -> None:
    """Set the document properties on python-docx's `core` properties object."""
    core.created = core.modified = when.astimezone(dt.UTC).replace(tzinfo=None)
    core.last_modified_by = _fit(properties.author)
    core.revision = 1
    core.title = _fit(properties.title)
    core.subject = _fit(properties.subject)
    core.author = _fit(properties.author)
    core.keywords = _fit(properties.keywords)
    core.language = _fit(properties.language)


def _fit(value: str) -> str:
    """Return `value` cut to the 255 characters a Word document property can hold."""
    return value if len(value) <= MAX_PROPERTY else value[: MAX_PROPERTY - 1] + "…"
