"""Read a Word template into the tags it holds, each with the place a user can find it.

A part (the body, a header, a footer, the footnotes) is a tree of
paragraphs and tables. Each paragraph gets a place a Word user can find
("body, paragraph 12" or "body, table 2, row 3, cell 1", named by
`lisdraft.word.ooxml.blocks` as every Word-file message is) and its text as
docxtpl will see it: the text of its runs joined, which is how docxtpl joins
a tag that Word split across runs. Each tag is found in that text, with its
docxtpl prefix (`{%p`, `{%tr` ...) separated from the Jinja it becomes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from lisdraft.word.ooxml import (
    FOOTER_RELATIONSHIP,
    FOOTNOTES_CONTENT_TYPE,
    HEADER_RELATIONSHIP,
    blocks,
    paragraph_of,
    story_name,
    story_names,
    w,
)

# Quotes Word's AutoCorrect types; docxtpl straightens these four inside tags.
STRAIGHTENED = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# Quotes docxtpl leaves alone, which Jinja cannot read.
OTHER_QUOTES = "„‟«»‹›‚‛″′＂＇`"

_TAG_START = re.compile(r"\{[{%#]")
CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_PREFIX = re.compile(r"(tr|tc|p|r) ")


@dataclass(eq=False)  # compared and hashed by identity
class Paragraph:
    """One paragraph: where it is, its text, and which w:t element holds each character."""

    element: Any
    where: str
    text: str = ""
    pieces: list[tuple[int, Any]] = field(default_factory=list)  # (start offset, w:t element)
    order: int = 0

    def element_at(self, offset: int) -> Any:
        """Return the w:t element holding the character at `offset`."""
        holder = self.pieces[0][1]
        for start, element in self.pieces:
            if start > offset:
                break
            holder = element
        return holder

    def snippet(self, around: int = 0, width: int = 70) -> str:
        """Return the paragraph's text, shortened around `around` to about `width` characters."""
        text = " ".join(self.text.split())
        if len(text) <= width:
            return text
        start = max(0, min(around - width // 3, len(text) - width))
        cut = text[start : start + width]
        return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


@dataclass(eq=False)  # compared and hashed by identity
class Tag:
    """One tag as written in a paragraph, and the Jinja docxtpl makes of it."""

    paragraph: Paragraph
    start: int
    raw: str
    delimiter: str  # '{{', '{%' or '{#'
    prefix: str  # '', 'p', 'tr', 'tc' or 'r'
    body: str  # the inside, prefix removed and Word's curly quotes straightened
    closed: bool = True

    @property
    def keyword(self) -> str:
        """Return the statement's first word ('if', 'endfor' ...), or '' for `{{ }}`."""
        if self.delimiter != "{%":
            return ""
        words = self.body.lstrip("-+ ").split(None, 1)
        return words[0] if words else ""

    @property
    def rest(self) -> str:
        """Return what follows the keyword in a statement."""
        words = self.body.lstrip("-+ ").split(None, 1)
        return words[1].rstrip("-+ ") if len(words) > 1 else ""

    @property
    def source(self) -> str:
        """Return the tag as Jinja will read it, on one line."""
        closer = CLOSERS[self.delimiter]
        return f"{self.delimiter} {self.body} {closer}".replace("\n", " ")

    @property
    def order(self) -> tuple[int, int]:
        """Return a key that sorts tags in the order docxtpl meets them."""
        return (self.paragraph.order, self.start)


@dataclass
class Part:
    """One part of a template (body, a header ...), its paragraphs and its tags."""

    name: str
    root: Any
    paragraphs: list[Paragraph]
    tags: list[Tag]
    places: dict[Any, str]


def read_parts(path: Path) -> list[Part]:
    """Return the parts of the .docx at `path` that lisdraft renders, in order."""
    from docx import Document

    document = Document(str(path))
    body = document.element.body
    parts = [scan_part("body", body)]
    rels = document.part.rels
    members = {
        key: rel.target_part.partname.membername for key, rel in rels.items() if not rel.is_external
    }
    named = story_names(body, members)
    for rel_id, rel in rels.items():
        if rel.reltype in (HEADER_RELATIONSHIP, FOOTER_RELATIONSHIP) and rel.target_part.blob:
            root = etree.fromstring(rel.target_part.blob)
            parts.append(scan_part(story_name(members[rel_id], named), root))
    for part in document.part.package.parts:
        if part.content_type == FOOTNOTES_CONTENT_TYPE:
            parts.append(scan_part("footnotes", etree.fromstring(part.blob)))
    return parts


def scan_part(name: str, root: Any) -> Part:
    """Return the paragraphs and tags of the part called `name` whose XML root is `root`."""
    places = {
        block.element: block.where
        for block in blocks(root, name, text_boxes=True)
        if not block.is_table
    }
    paragraphs: dict[Any, Paragraph] = {}
    for element in root.iter(w("t")):
        paragraph_element = paragraph_of(element)
        if paragraph_element is None or paragraph_element not in places:
            continue
        paragraph = paragraphs.get(paragraph_element)
        if paragraph is None:
            paragraph = Paragraph(paragraph_element, places[paragraph_element])
            paragraph.order = len(paragraphs)
            paragraphs[paragraph_element] = paragraph
        paragraph.pieces.append((len(paragraph.text), element))
        paragraph.text += element.text or ""
    found = list(paragraphs.values())
    tags = [tag for paragraph in found for tag in find_tags(paragraph)]
    return Part(name, root, found, tags, places)


def find_tags(paragraph: Paragraph) -> list[Tag]:
    """Return the tags in `paragraph`'s text; an unclosed one runs to the paragraph's end."""
    text, tags, position = paragraph.text, [], 0
    while match := _TAG_START.search(text, position):
        delimiter = match.group()
        end = text.find(CLOSERS[delimiter], match.end())
        closed = end >= 0
        stop = end + 2 if closed else len(text)
        inner = text[match.end() : end if closed else len(text)]
        prefix_match = _PREFIX.match(inner)
        prefix = prefix_match.group(1) if prefix_match else ""
        if delimiter == "{#" and prefix == "r":
            prefix = ""
        body = inner[len(prefix) :].translate(STRAIGHTENED).strip()
        tags.append(
            Tag(
                paragraph,
                match.start(),
                text[match.start() : stop],
                delimiter,
                prefix,
                body,
                closed,
            )
        )
        position = stop
    return tags


def ancestor(element: Any, name: str) -> Any:
    """Return the nearest ancestor of `element` called `name` (such as 'tr'), or None."""
    node = element.getparent()
    while node is not None and node.tag != w(name):
        node = node.getparent()
    return node


def path_names(element: Any) -> tuple[str, ...]:
    """Return the local names of `element` and its ancestors, outermost first."""
    names = []
    node = element
    while node is not None:
        names.append(etree.QName(node).localname)
        node = node.getparent()
    return tuple(reversed(names))


def hidden_tags(root: Any) -> Iterator[tuple[Any, str]]:
    """Yield (element, text) for tags in deleted text or field codes, which Word hides."""
    for name in ("delText", "instrText"):
        for element in root.iter(w(name)):
            if element.text and _TAG_START.search(element.text):
                yield element, element.text
