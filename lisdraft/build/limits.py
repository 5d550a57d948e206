"""Limits on how much work one document's templates may do.

A template may come from a third party, so rendering one must never take a
check or a build past a few hundred megabytes or a few seconds, whatever its
tags say. Jinja's sandbox stops templates reaching Python, but not a loop
inside a loop (`{% for i in range(99999) %}{% for j in range(99999) %}`), which
would run ten billion times. So each document gets a `Budget`:

- loop iterations (each pass through a `{% for %}`, and each item a filter
  such as `list`, `join` or `sort` goes through) up to `MAX_ITERATIONS`;
- text built (every `{{ }}` printed, every `{% set %}` or macro's text, every
  `*` and filter result) up to `MAX_OUTPUT` characters;
- `MAX_SECONDS` of time.

These are the limits for a profile of ordinary size. A larger profile gives
its templates more room in proportion (`allowance_for`): a region's profile
with 20,000 evidence rows builds about 56 million characters for its
contribution, where the example builds 160,000. A template's own loops over
`range()` gain nothing from a large profile beyond that proportion, so a
hostile template still stops.

The first limit reached raises `RenderLimit`, a sandbox refusal carrying the
template line it was raised at, so a check can name the paragraph. The
environment (`lisdraft.build.render.TemplateEnvironment`) spends from the
budget; `bounded()` opens one for a document, and a template rendered outside
one gets a budget of its own.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2.exceptions import SecurityError

#: Passes through loops (and items through filters) allowed in one document.
MAX_ITERATIONS = 500_000
#: Characters of text a document's templates may build, counting each step.
MAX_OUTPUT = 20_000_000
#: Seconds one document's templates may run.
MAX_SECONDS = 5.0


#: The size of profile the fixed limits are for: values (texts, numbers, list items) and
#: characters of text in the render context. The examples hold about 1,400 and 40,000.
ORDINARY_VALUES = 5_000
ORDINARY_CHARACTERS = 150_000
#: What each value beyond the ordinary adds to the loop passes.
ITERATIONS_PER_VALUE = 10
#: What each character beyond the ordinary adds to the text the templates may build.
OUTPUT_PER_CHARACTER = 20
#: What each million characters beyond the ordinary adds to the templates' time.
SECONDS_PER_MILLION_CHARACTERS = 2.0


class RenderLimit(SecurityError):
    """Raised when a template passes one of the limits above; `lineno` is where, if known."""

    lineno: int | None = None


@dataclass(frozen=True)
class Allowance:
    """The limits of one document: loop passes, characters built and seconds."""

    iterations: int = field(default_factory=lambda: MAX_ITERATIONS)
    output: int = field(default_factory=lambda: MAX_OUTPUT)
    seconds: float = field(default_factory=lambda: MAX_SECONDS)


def allowance_for(data: Any) -> Allowance:
    """Return the limits for rendering with `data` (worked out once for the latest `data`)."""
    for measured, allowance in _last_allowance:
        if measured is data:  # a profile's documents are rendered one after another
            return allowance
    allowance = _allowance_for(data)
    _last_allowance[:] = [(data, allowance)]
    return allowance


# The data last measured and its allowance (held, so that its id cannot be reused).
_last_allowance: list[tuple[Any, Allowance]] = []


def _allowance_for(data: Any) -> Allowance:
    """Return the limits for rendering with `data`: the fixed ones, plus room for its size.

    Data of ordinary size gets the fixed limits; beyond that, each value and
    character adds its share.

    The size is counted over texts, numbers, lists, mappings and objects'
    fields: the render context, however it is declared.
    """
    values = characters = 0
    stack = [data]
    while stack:
        node = stack.pop()
        values += 1
        if isinstance(node, str):
            characters += len(node)
        elif isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif hasattr(node, "__dict__") and not isinstance(node, type):
            stack.extend(vars(node).values())
    values, characters = max(values - ORDINARY_VALUES, 0), max(characters - ORDINARY_CHARACTERS, 0)
    return Allowance(
        iterations=MAX_ITERATIONS + ITERATIONS_PER_VALUE * values,
        output=MAX_OUTPUT + OUTPUT_PER_CHARACTER * characters,
        seconds=MAX_SECONDS + SECONDS_PER_MILLION_CHARACTERS * characters / 1_000_000,
    )


@dataclass
class Budget:
    """What one document's templates may still spend; see the module's docstring."""

    limits: Allowance = field(default_factory=Allowance)
    iterations: int = field(init=False)
    output: int = field(init=False)
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.iterations = self.limits.iterations
        self.output = self.limits.output
        self.deadline = time.monotonic() + self.limits.seconds

    def spent(self) -> bool:
        """Return whether any of the limits has been reached."""
        return self.iterations < 0 or self.output < 0 or time.monotonic() > self.deadline

    def iterate(self, count: int = 1) -> None:
        """Spend `count` loop iterations, raising `RenderLimit` past the limit or the time."""
        self.iterations -= count
        if self.iterations < 0:
            _stop(
                f"the template repeats its loops more than {self.limits.iterations:,} times for "
                "one document, so lisdraft stopped it. Check the loops here: a loop inside a "
                "loop over range(...) multiplies"
            )
        self.check_time()

    def build(self, characters: int) -> None:
        """Spend `characters` of text built, raising `RenderLimit` past the limit or the time."""
        self.output -= characters
        if self.output < 0:
            _stop(
                f"the template builds more than {self.limits.output:,} characters of text for "
                "one document, so lisdraft stopped it. Check the loops and repeated text here"
            )
        self.check_time()

    def check_time(self) -> None:
        """Raise `RenderLimit` once the document's time is up."""
        if time.monotonic() > self.deadline:
            _stop(
                f"the template ran for more than {self.limits.seconds:g} seconds for one "
                "document, so lisdraft stopped it. Check the loops here"
            )


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "lisdraft_budget", default=None
)


@contextlib.contextmanager
def bounded(limits: Allowance | None = None) -> Iterator[Budget]:
    """Open a budget for one document (within `limits`, or the fixed ones), or keep the open one."""
    budget = _current.get()
    if budget is not None:
        yield budget
        return
    budget = Budget(limits or Allowance())
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def current() -> Budget:
    """Return the open budget; outside `bounded()`, a fresh one (spent on nothing else)."""
    return _current.get() or Budget()


def _stop(message: str) -> None:
    """Raise `RenderLimit` with `message`, at the template line running now."""
    error = RenderLimit(message)
    error.lineno = template_line()
    raise error


def template_line() -> int | None:
    """Return the line of the template whose code is running, found on the call stack."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            line: int = template.get_corresponding_lineno(frame.f_lineno)
            return line
        frame = frame.f_back  # type: ignore[assignment]
    return None


def paused_line(pieces: object) -> int | None:
    """Return the template line a template's generator of output `pieces` is paused at."""
    frame = getattr(pieces, "gi_frame", None)
    template = None if frame is None else frame.f_globals.get("__jinja_template__")
    if frame is None or template is None:
        return None
    line: int = template.get_corresponding_lineno(frame.f_lineno)
    return line
