"""Small text helpers shared by the assessment, the context and templates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from lisdraft.wording import join as join_names
from lisdraft.wording import percent

__all__ = ["british_date", "join_names", "label", "paragraphs", "percent", "slugify"]

# docxtpl turns this character, wherever it appears in rendered text, into a
# new paragraph that keeps the paragraph's style ("\n" becomes a line break).
PARAGRAPH_BREAK = "\a"

#: Longest slug used in a file name; with the document's name it stays well under 255 bytes.
MAX_SLUG = 60
#: Text that is an image's file name, such as 'logo.png': never alt text.
IMAGE_FILE_NAME = re.compile(r"\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$", re.IGNORECASE)


def british_date(value: dt.date | None) -> str:
    """Return `value` as '25 November 2026', or '' for no date."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


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
    """Return a model key such as 'vice_chair' as 'Vice chair'.

    A plural that owns the next word gets its apostrophe back:
    'leaders_board' gives "Leaders' board", 'officers_group' "Officers' group".
    """
    words = re.sub(r"\b(leaders|officers|executives)(?= )", r"\1'", key.replace("_", " "))
    return words[:1].upper() + words[1:]


def slugify(name: str) -> str:
    """Return `name` as a file-name-safe slug, such as 'felpersham-city-council'.

    Accents are dropped ('Café' gives 'cafe'), anything else that is not a
    letter or digit becomes a hyphen, and the slug stops at a word boundary
    within `MAX_SLUG` characters so that file names stay short.
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:MAX_SLUG]
    return slug or "council"
