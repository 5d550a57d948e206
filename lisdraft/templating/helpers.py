"""Helpers a template may use, so that its author needs no tricky Jinja.

Each helper is registered on the render environment (`lisdraft.build.render`)
and listed, with an example, by `lisdraft templates vars`. They accept the
already formatted values of the render context as well as raw ones, and
never fail on an empty value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import pass_context
from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import Context
from markupsafe import Markup

from lisdraft.build.context_model import Rated
from lisdraft.framework import FOUNDATION_BY_KEY
from lisdraft.stocktake.verdict import RATING_FILLS, RATING_WORDS, Rating, rating_label
from lisdraft.text import PARAGRAPH_BREAK, british_date, join_names

# A paragraph holding only a page break, one point high so that neither page
# gains a visible blank line.
PAGE_BREAK_XML = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr>'
    '<w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:br w:type="page"/></w:r></w:p>'
)


def date_filter(value: object, style: str = "long") -> str:
    """Return a date as '25 November 2026' ('long'), '25 Nov 2026' ('short') or 'November 2026'.

    `value` may be a date, an ISO date such as '2026-11-25', or a date the
    context already wrote out in words; anything else is returned unchanged.
    """
    date = _as_date(value)
    if date is None:
        return "" if value is None else str(value)
    if style == "short":
        return f"{date.day} {date:%b %Y}"
    if style == "month":
        return f"{date:%B %Y}"
    return british_date(date)


def _as_date(value: object) -> dt.date | None:
    """Return `value` read as a date, or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def join_and(items: Iterable[Any] | None, attribute: str | None = None) -> str:
    """Return the items joined as 'A, B and C', or one `attribute` of each item."""
    if items is None or isinstance(items, str):
        return items or ""
    values = [_item_value(item, attribute) for item in items]
    return join_names([value for value in values if value])


def _item_value(item: Any, attribute: str | None) -> str:
    """Return `item`, or its `attribute`, as text."""
    if attribute is None:
        return str(item)
    if isinstance(item, Mapping):
        return str(item.get(attribute, ""))
    return str(getattr(item, attribute, ""))


def foundation_names(keys: str | Iterable[str] | None) -> str:
    """Return foundation keys such as 'business_environment' as names: 'Business environment'."""
    if not keys:
        return ""
    key_list = [keys] if isinstance(keys, str) else list(keys)
    return join_names([_foundation_name(key) for key in key_list])


def _foundation_name(key: str) -> str:
    """Return the name of the foundation `key`, or `key` itself when it names none."""
    normalised = key.strip().lower().replace(" ", "_").replace("-", "_")
    foundation = FOUNDATION_BY_KEY.get(normalised)
    return foundation.name if foundation else key


def _rating_key(value: Any) -> Rating:
    """Return the rating key held by `value`: a key, a word, or a group with `rating_key`."""
    if isinstance(value, Rated):
        value = value.rating_key
    elif isinstance(value, Mapping):
        value = value.get("rating_key", value.get("key", ""))
    text = str(value or "").strip().lower()
    for key, word in RATING_WORDS.items():
        if text in {key, word.lower()}:
            return key
    raise TemplateRuntimeError(
        "a rating helper needs a question, step or board check (something with a rating), "
        f"or a rating such as 'green'; it was given {str(value)[:40]!r}"
    )


def rating_text(value: Any) -> str:
    """Return a rating's symbol and word, such as '✓ Green'."""
    return rating_label(_rating_key(value))


def rating_fill(value: Any) -> str:
    """Return the cell shading (a hex colour such as 'C6EFCE') for a rating."""
    return RATING_FILLS[_rating_key(value)]


def paragraphs_filter(value: str | Iterable[Any] | None) -> str:
    """Return each line of text, or each item of a list, as its own Word paragraph."""
    if not value:
        return ""
    lines = value.splitlines() if isinstance(value, str) else [str(item) for item in value]
    return PARAGRAPH_BREAK.join(line.strip() for line in lines if line.strip())


def page_break(loop: Any = None) -> Markup:
    """Return a page-break paragraph, or nothing the last time round `loop`."""
    if loop is not None and getattr(loop, "last", False):
        return Markup("")
    return Markup(PAGE_BREAK_XML)


def _value(item: Any, name: str, default: Any = "") -> Any:
    """Return the field `name` of a context value (a declared group or a mapping)."""
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def _plain(item: Any, names: Iterable[str]) -> dict[str, Any]:
    """Return the fields `names` of a context value as a plain dict."""
    return {name: _value(item, name) for name in names}


def _comparison(item: Any) -> dict[str, Any]:
    """Return one comparison of `evidence.benchmarks` as the plain dict a chart is drawn from."""
    plain = _plain(item, ("measure", "unit", "council_area", "lep_area", "england"))
    plain["figures"] = _plain(_value(item, "figures", {}), ("council_area", "lep_area", "england"))
    return plain


@pass_context
def chart(context: Context, what: Any = "comparisons") -> Markup:
    """Return paragraphs holding editable bar charts of the comparisons, one per unit.

    `what` is 'comparisons' (every comparison in `evidence.benchmarks`), one
    comparison (`b` in a loop over them) or a list of them. Nothing is
    returned when there is no comparison, or outside a real render.
    """
    from lisdraft.word.drawings import current

    drawings = current()
    if drawings is None:
        return Markup("")
    from lisdraft.build.comparisons import chart_height, comparison_charts, single_chart

    if isinstance(what, str):
        if what != "comparisons":
            raise TemplateRuntimeError(
                f"chart() draws 'comparisons', or one comparison from evidence.benchmarks; "
                f"it was asked for {what[:40]!r}"
            )
        what = _value(context.get("evidence"), "benchmarks", [])
    if isinstance(what, Iterable) and not isinstance(what, Mapping):
        charts = comparison_charts([_comparison(item) for item in what])
    else:
        charts = [single_chart(_comparison(what))]
    return Markup("".join(drawings.chart(c, chart_height(c)) for c in charts))


@pass_context
def forum_map(context: Context) -> Markup:
    """Return a paragraph holding the forum map, or nothing when no forum is recorded."""
    from lisdraft.word.drawings import FULL_WIDTH_CM, current

    drawings = current()
    # The area overview gives the map its own data (every council, no "our council");
    # a council's documents draw it from their forums and place.
    area_map = context.get("forum_map_data")
    place = context.get("place")
    forum_items = _value(area_map, "forums", []) if area_map else context.get("forums") or []
    forums = [
        _plain(forum, ("name", "level", "council_names", "lep", "steers")) for forum in forum_items
    ]
    if drawings is None or not forums:
        return Markup("")
    from lisdraft.build.forum_map import forum_map_picture, printed_width_cm

    council_items = _value(area_map or place, "councils", [])
    councils = [_plain(council, ("name", "on_board")) for council in council_items]
    lep = _value(area_map, "lep") if area_map else _value(_value(place, "lep", {}), "name")
    our_council = "" if area_map else _value(context.get("council"), "name")
    png, size, alt_text = forum_map_picture(councils, lep, forums, our_council)
    width_cm = printed_width_cm(size, FULL_WIDTH_CM)
    return Markup(drawings.picture(png, size, alt_text, "Forum map", width_cm))


@pass_context
def image(context: Context, name: Any) -> Markup:
    """Return a left-aligned paragraph holding the profile's image `name`, with its alt text.

    The image is as wide as the profile says (`width_mm`). Outside a real
    render (`lisdraft templates check`) nothing is returned: the sample data
    has no images, so the name is checked when a profile is built.
    """
    from lisdraft.word.drawings import current

    drawings = current()
    if drawings is None:
        return Markup("")
    images = context.get("images") or {}
    if not isinstance(name, str) or name not in images:
        held = ", ".join(f"'{known}'" for known in images)
        has = f"the profile's images are {held}" if held else "the profile names no images"
        raise TemplateRuntimeError(
            f"image({str(name)[:40]!r}) names an image the profile does not have; {has}. "
            "Add it under images: in the profile, or write "
            f"{{{{p image({str(name)[:40]!r}) if {str(name)[:40]!r} in images else '' }}}}"
        )
    found = images[name]
    return Markup(
        drawings.picture(
            found.data,
            found.pixels,
            found.alt,
            f"Image {name}",
            width_cm=found.width_mm / 10,
            image_format=found.format,
            align="left",
        )
    )


HelperKind = Literal["filter", "function", "tag"]


@dataclass(frozen=True)
class Helper:
    """One helper a template may use: its name, how it is written and what it gives."""

    name: str
    kind: HelperKind
    usage: str
    description: str
    function: Callable[..., Any] | None = None


HELPERS: tuple[Helper, ...] = (
    Helper(
        "date",
        "filter",
        '{{ meta.date|date("month") }}',
        "A date in British style: '25 November 2026'; with \"short\", '25 Nov 2026'; with "
        "\"month\", 'November 2026'. Accepts the context's dates and ISO dates (2026-11-25).",
        date_filter,
    ),
    Helper(
        "join_and",
        "filter",
        '{{ board.our_members|join_and("name") }}',
        "A list joined as 'A, B and C'; give a field name to join one field of each item.",
        join_and,
    ),
    Helper(
        "foundation_names",
        "filter",
        '{{ "business_environment"|foundation_names }}',
        "Foundation keys (one or a list) as names: 'Business environment'.",
        foundation_names,
    ),
    Helper(
        "rating_text",
        "filter",
        "{{ q|rating_text }}",
        "A rating's symbol and word, such as '✓ Green', from a question, step, board check or "
        "rating key.",
        rating_text,
    ),
    Helper(
        "rating_fill",
        "filter",
        "{% cellbg q|rating_fill %}",
        "The shading colour for a rating (a hex value such as C6EFCE), for docxtpl's cellbg tag.",
        rating_fill,
    ),
    Helper(
        "paragraphs",
        "filter",
        "{{ q.findings|paragraphs }}",
        "Each line of a text, or each item of a list, as a separate paragraph in the style of "
        "the paragraph holding the tag.",
        paragraphs_filter,
    ),
    Helper(
        "page_break",
        "function",
        "{{p page_break(loop) }}",
        "A page break between repeated sections: put it on a paragraph of its own at the end "
        "of a loop; it is left out after the last item, so there is no blank last page.",
        page_break,
    ),
    Helper(
        "chart",
        "function",
        "{{p chart('comparisons') }}",
        "Editable Word bar charts of the comparisons (our area, the LEP area and England), one "
        "per unit, each with its title, axis titles, figures and alt text; Word's Edit Data "
        "opens the figures. Put it on a paragraph of its own. Give one comparison (`b` in "
        "`{% for b in evidence.benchmarks %}`) for a chart of that measure alone. Nothing "
        "appears when there is no comparison.",
        chart,
    ),
    Helper(
        "forum_map",
        "function",
        "{{p forum_map() }}",
        "A picture of the councils, the forums and the LEP board, with lines for who takes "
        "part and a legend, and alt text saying the same in words. Put it on a paragraph of "
        "its own. Nothing appears when no forum is recorded.",
        forum_map,
    ),
    Helper(
        "image",
        "function",
        "{{p image('logo') }}",
        "One of the profile's images (its images: section), by name, as wide as the profile "
        "says and with its alt text, on the left of a paragraph of its own. A name the profile "
        "lacks stops the build, naming the images it has; write `{{p image('logo') if 'logo' "
        "in images else '' }}` to show it only when there is one. `templates check` accepts "
        "any name: its sample data has no images.",
        image,
    ),
    Helper(
        "rating_cell",
        "tag",
        "{% rating_cell q %}",
        "In a table cell: writes the rating's symbol and word and shades the cell to match "
        "(green, amber, red or grey), for a question, step or board check.",
    ),
)

FILTERS: dict[str, Callable[..., Any]] = {
    h.name: h.function for h in HELPERS if h.kind == "filter" and h.function
}
GLOBALS: dict[str, Callable[..., Any]] = {
    h.name: h.function for h in HELPERS if h.kind == "function" and h.function
}
