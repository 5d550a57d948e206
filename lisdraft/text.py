"""Small text helpers shared by the assessment, the context and templates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

# docxtpl turns these characters, wherever they appear in rendered text, into
# a new paragraph (keeping the paragraph's style) and a line break.
PARAGRAPH_BREAK = "\a"
LINE_BREAK = "\n"


def british_date(value: dt.date | None) -> str:
    """Return `value` as '25 November 2026', or '' for no date."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def join_names(items: Sequence[str]) -> str:
    """Return `items` joined as 'A, B and C'."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def paragraphs(text: str | None) -> str:
    """Return `text` with blank-line breaks marked as Word paragraphs.

    Single newlines inside a paragraph are joined with spaces, so text wrapped
    by an editor reads as one paragraph; a blank line starts a new one.
    """
    if not text:
        return ""
    blocks = [re.sub(r"\s*\n\s*", " ", block).strip() for block in re.split(r"\n\s*\n", text)]
    return PARAGRAPH_BREAK.join(block for block in blocks if block)


def label(key: str) -> str:
    """Return a model key such as 'vice_chair' as 'Vice chair'."""
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


def slugify(name: str) -> str:
    """Return `name` as a file-name-safe slug, such as 'felpersham-city-council'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "council"


def percent(numerator: int, denominator: int) -> str:
    """Return a whole-number percentage such as '69%', or '0%' when there is nothing to count."""
    if denominator == 0:
        return "0%"
    return f"{round(100 * numerator / denominator)}%"
