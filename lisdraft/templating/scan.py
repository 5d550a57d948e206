"""Read a Word template into the tags it holds, each with the place a user can find it.

A part (the body, a header, a footer, the footnotes) is a tree of
paragraphs and tables. Each paragraph gets a place a Word user can find
("body, paragraph 12" or "body, table 2, row 3, cell 1") and its text as
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

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

# Quotes Word's AutoCorrect types; docxtpl straightens these four inside tags.
STRAIGHTENED = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# Quotes docxtpl leaves alone, which Jinja cannot read.
OTHER_QUOTES = "„‟«»‹›‚‛″′＂＇`"

_TAG_START = re.compile(r"\{[{%#]")
CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_PREFIX = re.compile(r"(tr|tc|p|r) ")


def w(name: str) -> str:
    """Return the Clark name of a WordprocessingML element, such as '{...}p'."""
    return f"{{{W_NS}}}{name}"


@dataclass(frozen=True)
class TemplateProblem:
    """One problem in a template: where it is, near what text, and what to do."""

    template: str
    part: str
    where: str
    snippet: str
    message: str
    warning: bool = False
    #: True when the problem is a limit on rendering (`lisdraft.build.limits`) being reached.
    limit: bool = False

    def __str__(self) -> str:
        place = ", ".join(piece for piece in (self.part, self.where) if piece)
        near = f' "{self.snippet}"' if self.snippet else ""
        where = f" {place}{near}:" if place or near else ""
        level = " warning:" if self.warning else ""
        return f"{self.template}:{where}{level} {self.message}"


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
    parts = [scan_part("body", document.element.body)]
    names = _header_footer_names(document)
    for rel_id, rel in document.part.rels.items():
        if rel.reltype in (HEADER_TYPE, FOOTER_TYPE) and rel.target_part.blob:
            root = etree.fromstring(rel.target_part.blob)
            default = "header" if rel.reltype == HEADER_TYPE else "footer"
            parts.append(scan_part(names.get(rel_id, default), root))
    for part in document.part.package.parts:
        if part.content_type == FOOTNOTES_TYPE:
            parts.append(scan_part("footnotes", etree.fromstring(part.blob)))
    return parts


def _header_footer_names(document: Any) -> dict[str, str]:
    """Return a Word user's name for each header and footer: 'first-page header (section 2)'."""
    sections = document.element.body.iter(w("sectPr"))
    names: dict[str, str] = {}
    all_sections = list(sections)
    for number, sect in enumerate(all_sections, start=1):
        for reference in sect:
            if reference.tag not in (w("headerReference"), w("footerReference")):
                continue
            kind = "header" if reference.tag == w("headerReference") else "footer"
            variant = {"first": "first-page ", "even": "even-page "}.get(
                reference.get(w("type"), "default"), ""
            )
            section = f" (section {number})" if len(all_sections) > 1 else ""
            names.setdefault(reference.get(f"{{{R_NS}}}id"), f"{variant}{kind}{section}")
    return names


def scan_part(name: str, root: Any) -> Part:
    """Return the paragraphs and tags of the part whose XML root is `root`."""
    places: dict[Any, str] = {}
    _place_blocks(root, "", places)
    paragraphs: dict[Any, Paragraph] = {}
    for element in root.iter(w("t")):
        paragraph_element = _paragraph_of(element)
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


def _paragraph_of(element: Any) -> Any:
    """Return the nearest w:p above `element`, or None inside a text box's fallback copy."""
    node = element.getparent()
    paragraph = None
    while node is not None:
        if node.tag == MC_FALLBACK:
            return None
        if paragraph is None and node.tag == w("p"):
            paragraph = node
        node = node.getparent()
    return paragraph


def _blocks(container: Any) -> Iterator[Any]:
    """Yield the paragraphs and tables of `container`, looking inside content controls."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from _blocks(child)


def _place_blocks(container: Any, prefix: str, places: dict[Any, str]) -> None:
    """Record a place for every paragraph in `container`, its tables and its text boxes."""
    blocks = list(_blocks(container))
    lone = container.tag == w("tc") and [b.tag for b in blocks] == [w("p")]
    paragraph_count = table_count = 0
    for block in blocks:
        if block.tag == w("p"):
            paragraph_count += 1
            where = prefix.rstrip(", ") if lone else f"{prefix}paragraph {paragraph_count}"
            places[block] = where
            for box in block.iter(w("txbxContent")):
                if _paragraph_of(box) is block:
                    _place_blocks(box, f"text box in {where}, ", places)
        else:
            table_count += 1
            _place_table(block, f"{prefix}table {table_count}", places)


def _place_table(table: Any, where: str, places: dict[Any, str]) -> None:
    """Record places for the paragraphs in each cell of `table`."""
    rows = [row for row in table if row.tag == w("tr")]
    for row_number, row in enumerate(rows, start=1):
        cells = [cell for cell in row if cell.tag == w("tc")]
        for cell_number, cell in enumerate(cells, start=1):
            _place_blocks(cell, f"{where}, row {row_number}, cell {cell_number}, ", places)


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
