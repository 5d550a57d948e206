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
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup, escape

from lisdraft.build.context_model import Variables
from lisdraft.build.limits import RenderLimit, allowance_for, bounded, current, paused_line
from lisdraft.errors import TemplateError
from lisdraft.word.drawings import add_to_package, collecting
from lisdraft.word.package import ZIP_EPOCH, Package, normalise
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


class BoundedTemplate(jinja2.Template):
    """A compiled template whose renders spend from a document's budget (see `bounded`)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Return the template rendered, within the open budget or a new one."""
        with bounded():
            return super().render(*args, **kwargs)


class TemplateEnvironment(CompileOnce, ImmutableSandboxedEnvironment):
    """Jinja's sandbox, also refusing file access, huge values and endless work.

    Lists and mappings cannot be changed from a template (`x.append(x)` would
    double one each time). Every loop pass, every piece of text printed or
    joined, and every item a filter goes through is counted against the
    document's budget (see `lisdraft.build.limits`). Each template source is
    compiled once per environment, and kept compiled between runs (see
    `lisdraft.word.prepared.CompileOnce`).
    """

    intercepted_binops = frozenset({"*", "**", "%"})
    template_class = BoundedTemplate
    #: Changes whenever the code this class compiles templates to changes (see `CompileOnce`).
    code_version = "loops-counted-2"

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        """Return Python for the parsed `source`, each loop counting its passes (see `counted`)."""
        for loop in source.find_all(nodes.For):
            if not _is_counted(loop.iter):
                counted = nodes.EnvironmentAttribute("counted", lineno=loop.lineno)
                loop.iter = nodes.Call(counted, [loop.iter], [], None, None, lineno=loop.lineno)
                loop.iter.set_environment(self)
        return super()._generate(source, name, filename, defer_init)

    def counted(self, items: Any) -> Any:
        """Return `items`, each pass through them counted against the document's budget."""
        if isinstance(items, jinja2.Undefined):
            return items
        return _counting(iter(items))

    def concat(self, pieces: Iterable[str]) -> str:
        """Return `pieces` joined, counting their length against the document's budget."""
        budget = current()
        kept = []
        try:
            for piece in pieces:
                budget.build(len(piece))
                kept.append(piece)
        except RenderLimit as exc:
            if exc.lineno is None:  # the pieces come from a template paused at its line
                exc.lineno = paused_line(pieces)
            raise
        return "".join(kept)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Return `obj.attribute` as the sandbox allows; a declared field of the context at once.

        The render context's classes (`lisdraft.build.context_model.Variables`)
        hold only declared values, never methods, so the sandbox's checks
        (made for every attribute a template reads) cannot refuse one.
        """
        if isinstance(obj, Variables):
            fields = obj.__dict__
            if attribute in fields:
                return fields[attribute]
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Return the sandbox's verdict on `obj.attr`, worked out once per type and name.

        Jinja's verdict depends only on the object's type and the name, but its
        `isinstance` tests against the mutable collections' ABCs are slow, and a
        document reads thousands of attributes.
        """
        kind = type(obj)
        if obj.__class__ is not kind:  # an object posing as another type: ask each time
            return bool(super().is_safe_attribute(obj, attr, value))
        verdict = _SAFE_ATTRIBUTES.get((kind, attr))
        if verdict is None:
            verdict = bool(super().is_safe_attribute(obj, attr, value))
            if len(_SAFE_ATTRIBUTES) < _MAX_SAFE_ATTRIBUTES:
                _SAFE_ATTRIBUTES[kind, attr] = verdict
        return verdict

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Return the sandbox's `str.format`, refusing format strings with huge widths."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:  # `value` is a text's format or format_map method
            _refuse_wide(value.__self__)
        return wrapped

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
        if operator == "%" and isinstance(left, str):
            _refuse_wide(left)
        return _spent(super().call_binop(context, operator, left, right))

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        """Call `__obj` from a template, refusing huge widths given to text methods."""
        if isinstance(__obj, jinja2.runtime.LoopContext) and args:  # a recursive loop
            args = (_counting(iter(args[0])), *args[1:])
        if isinstance(getattr(__obj, "__self__", None), str):
            _refuse_big_numbers(args, kwargs)
        return _spent(super().call(__context, __obj, *args, **kwargs))


# The sandbox's verdicts by (type, attribute name), kept for the process: templates
# name few attributes, but `attr(name)` could ask for endless new ones, hence the cap.
_SAFE_ATTRIBUTES: dict[tuple[type, str], bool] = {}
_MAX_SAFE_ATTRIBUTES = 10_000


def _is_counted(expression: nodes.Node) -> bool:
    """Return whether `expression` already goes through `TemplateEnvironment.counted`."""
    return isinstance(expression, nodes.Call) and isinstance(
        expression.node, nodes.EnvironmentAttribute
    )


def _spent(value: Any) -> Any:
    """Return `value`, first counting its length against the budget if it is text or a list."""
    if isinstance(value, str | list | tuple):
        current().build(len(value))
    return value


_WIDTH = re.compile(r"%[-#0 +]*(\d+)|{[^{}]*:[^{}]*?(\d+)[^{}]*}")


def _refuse_wide(text: str) -> None:
    """Refuse a format string asking for a field wider than `MAX_SIZE` characters."""
    for match in _WIDTH.finditer(text):
        if int(match.group(1) or match.group(2)) > MAX_SIZE:
            raise SecurityError(f"a template may not pad text to more than {MAX_SIZE:,} characters")


def _refuse_big_numbers(args: Iterable[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse a width or count above `MAX_SIZE` given to a filter or a text method."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise SecurityError(
                f"a template may not give a filter or text method a number above {MAX_SIZE:,} "
                f"(it gave {value:,})"
            )


#: Filters whose numbers are widths: `"x"|center(99999999)` would fill the memory.
WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "format"})
#: Filters that look at a list without going through it, so its items are not counted.
GLANCING_FILTERS = frozenset(
    {"length", "count", "first", "last", "default", "d", "attr", "random", "e", "escape"}
)


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Return the filter `function`, counting the items it goes through and the text it makes."""
    first = 0 if getattr(function, "jinja_pass_arg", None) is None else 1

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = list(args)
        if len(given) > first:
            if name in WIDTH_FILTERS:
                _refuse_big_numbers(given[first + 1 :], kwargs)
                if name == "format" and isinstance(given[first], str):
                    _refuse_wide(given[first])
            if name not in GLANCING_FILTERS:
                given[first] = _counted(given[first])
        return _spent(function(*given, **kwargs))

    return wrapper


def _counted(value: Any) -> Any:
    """Return `value`, its items counted as loop passes: at once if it has a length, else lazily."""
    if isinstance(value, str | jinja2.Undefined) or not isinstance(value, Iterable):
        return value
    if isinstance(value, Sized):
        current().iterate(len(value))
        return value
    return _counting(iter(value))


def _counting(items: Iterator[Any]) -> Iterator[Any]:
    """Yield `items`, each counted as a loop pass."""
    budget = current()
    for item in items:
        budget.iterate()
        yield item


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
    environment.filters = {name: bounded_filter(name, f) for name, f in environment.filters.items()}
    environment.globals.update(GLOBALS)
    return environment


def _literal_braces(value: Any) -> Markup:
    """Return `value` escaped for XML, with braces written as character references.

    After rendering, docxtpl rewrites `{_{`, `}_}`, `{_%` and `%_}` anywhere in
    the document to `{{`, `}}`, `{%` and `%}`. Writing every brace that a value
    prints as `&#123;` or `&#125;` keeps such text exactly as the profile has it;
    Word reads the references back as ordinary braces.
    """
    escaped = escape(value)
    current().build(len(escaped))
    if "{" not in escaped and "}" not in escaped:
        return escaped
    # on the plain text: Markup's own replace would escape the references
    return Markup(str(escaped).replace("{", "&#123;").replace("}", "&#125;"))


def render_document(template: Path, context: Mapping[str, Any], properties: Properties) -> bytes:
    """Return the bytes of `template` rendered with `context`, or raise `TemplateError`.

    Each template is read, patched and compiled once per process (see
    `lisdraft.word.prepared`); docxtpl's own `render` and `save` are used for a
    template that cannot be prepared.
    """
    when = properties.created or ZIP_EPOCH
    try:
        with collecting(when) as drawings:
            ready = prepared(Path(template), make_environment)
            # One budget for all the document's parts, larger for a larger profile.
            with bounded(allowance_for(context)):
                if ready is not None:
                    package = ready.render(
                        context, lambda core: _set_properties(core, properties, when)
                    )
                else:
                    data = _render_with_docxtpl(Path(template), context, properties, when)
                    if not drawings:
                        return data
                    package = Package.from_bytes(data)
        # Charts and pictures asked for by the template's helpers become parts of their own.
        if drawings:
            add_to_package(package, drawings)
        return package.to_bytes(when)
    except FileNotFoundError:
        raise TemplateError(f"{template}: template not found") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{template.name}{_near(exc)}: {_undefined_message(exc)}. Check the spelling "
            "against `lisdraft templates vars`."
        ) from None
    except RenderLimit as exc:
        raise TemplateError(f"{template.name}{_near(exc)}: {exc}.") from None
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
    match = re.search(r"HouseFields object' has no attribute '([^']+)'", str(exc))
    if match:
        return (
            f"the template uses 'extra.{match.group(1)}', which the profile's extra: section "
            f"does not have. Add it there, or write {{% if extra.{match.group(1)} is defined %}}"
        )
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
