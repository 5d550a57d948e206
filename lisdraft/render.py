"""Render one Word template with a context, strictly and safely.

Templates run in Jinja's sandbox with autoescaping on (so `&` and `<` in a
profile reach Word as text) and `StrictUndefined` (so a misspelt variable
is an error naming it, never a silent blank).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from lisdraft.errors import TemplateError
from lisdraft.package import ZIP_EPOCH, normalise


@dataclass(frozen=True)
class Properties:
    """The document properties (File > Info in Word) set on every output."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str = "en-GB"
    #: Stamped as created and modified, and on every zip entry (see `lisdraft.package`).
    created: dt.datetime | None = None


def make_environment() -> SandboxedEnvironment:
    """Return the Jinja environment every template is rendered in."""
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def render_document(template: Path, context: dict[str, Any], properties: Properties) -> bytes:
    """Return the bytes of `template` rendered with `context`, or raise `TemplateError`."""
    from docxtpl import DocxTemplate  # heavy: imported only when a document is rendered

    try:
        document = DocxTemplate(str(template))
        document.render(context, jinja_env=make_environment(), autoescape=True)
    except FileNotFoundError:
        raise TemplateError(f"{template}: template not found") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{template.name}{_near(exc)}: {_undefined_message(exc)}. Check the spelling "
            "against `lisdraft templates vars`."
        ) from None
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
    when = properties.created or ZIP_EPOCH
    _set_properties(document, properties, when)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise(buffer.getvalue(), when)


def _undefined_message(exc: jinja2.UndefinedError) -> str:
    """Rephrase Jinja's "'x' is undefined" for a template author."""
    match = re.search(r"'([^']+)' is undefined", str(exc))
    if match:
        return f"the template uses '{match.group(1)}', which lisdraft does not provide"
    match = re.search(r"has no attribute '([^']+)'", str(exc))
    if match:
        return f"the template uses '.{match.group(1)}', which lisdraft does not provide there"
    return str(exc)


def _near(exc: Exception) -> str:
    """Return ' near "text"' from the document text docxtpl attaches to an error."""
    lines = [line.strip() for line in getattr(exc, "docx_context", []) or [] if line.strip()]
    if not lines:
        return ""
    snippet = " / ".join(lines)[:120]
    return f' near "{snippet}"'


def _set_properties(document: Any, properties: Properties, when: dt.datetime) -> None:
    core = document.docx.core_properties
    core.created = core.modified = when.astimezone(dt.UTC).replace(tzinfo=None)
    core.last_modified_by = properties.author
    core.revision = 1
    core.title = properties.title
    core.subject = properties.subject
    core.author = properties.author
    core.keywords = properties.keywords
    core.language = properties.language
