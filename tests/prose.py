"""A prose lint for generated documents: the slips that show a sentence was built by a program.

`DEFECTS` is the list of what it knows; docs/prose-lint.md describes each one
(a test keeps the two in step). Add to both whenever a new slip is found.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: The profile's top-level sections: a word such as 'board.mandate' is a field path.
_ROOTS = (
    "meta|place|vision|evidence|engagement|forums|strategies|board|priorities|roles|"
    "self_assessment|next_steps"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@dataclass(frozen=True)
class Block:
    """One paragraph of a document: its text, its style and whether it is in a table."""

    text: str
    style: str
    in_table: bool


Check = Callable[[str], Iterator[str]]


def _field_path(text: str) -> Iterator[str]:
    for match in re.finditer(rf"\b(?:{_ROOTS})(?:\[\d*\])?\.[a-z_]+", text):
        yield match.group()


def _none_or_placeholder(text: str) -> Iterator[str]:
    for match in re.finditer(r"\bNone\b(?! of)|\bnull\b|\bTO ?DO\b", text):
        yield match.group()


def _doubled_word(text: str) -> Iterator[str]:
    for match in re.finditer(r"\b([A-Za-z]+) \1\b", text, re.IGNORECASE):
        yield match.group()


def _capital_the_after_and(text: str) -> Iterator[str]:
    for match in re.finditer(r"\b(?:and|or|through|with|by|of) The\b", text):
        yield match.group()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=\S)", text) if s]


def _lowercase_start(text: str) -> Iterator[str]:
    for sentence in _sentences(text)[1:]:
        if sentence[:1].islower():
            yield sentence[:30]


def _numeral_start(text: str) -> Iterator[str]:
    for sentence in _sentences(text):
        if re.match(rf"\d+(?!\d* (?:{_MONTHS}))(?![\d:.%])\b", sentence) and sentence.endswith("."):
            yield sentence[:30]


_PLURALS = (
    "strategies|members|councils|items|institutions|priorities|asks|forums|businesses|"
    "departments|questions|anchors|evidence items"
)


def _agreement(text: str) -> Iterator[str]:
    one_with_plural = (
        r"\b(?:One|one|1) of (?:the )?\d+ [\w' -]+? (?:have|are|were|come|sit|bring|say)\b"
    )
    many_with_singular = (
        rf"\b(?:[02-9]|\d\d+|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten) of (?:the )?\d+ "
        rf"(?:{_PLURALS})(?: of the board)? (?:has|is|was|comes|sits|brings|says)\b"
    )
    one_plural_noun = rf"\b(?:1|One|one) (?:{_PLURALS})\b"
    for pattern in (one_with_plural, many_with_singular, one_plural_noun):
        for match in re.finditer(pattern, text):
            yield match.group()


def _zero(text: str) -> Iterator[str]:
    for match in re.finditer(r"\b0 (?:of|[a-z]+s)\b", text):
        yield match.group()


#: Each defect the lint knows: its name, and the check that finds it in a paragraph's text.
def _dangling_modal(text: str) -> Iterator[str]:
    for sentence in _sentences(text):
        match = re.search(r"\b(?:must|should|shall)\.$", sentence)
        if match:
            yield sentence[-40:]


DEFECTS: dict[str, Check] = {
    "field-path": _field_path,
    "none-or-placeholder": _none_or_placeholder,
    "doubled-word": _doubled_word,
    "capital-the-mid-sentence": _capital_the_after_and,
    "lowercase-sentence-start": _lowercase_start,
    "numeral-sentence-start": _numeral_start,
    "number-agreement": _agreement,
    "zero-as-a-numeral": _zero,
    "dangling-verb": _dangling_modal,
}

#: Defects found from a document's structure rather than one paragraph's text.
STRUCTURE_DEFECTS = ("empty-heading", "empty-list-item", "empty-table")


def blocks(docx: bytes) -> list[Block]:
    """Return the paragraphs of a Word document's body, in order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out = []
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        in_table = any(a.tag == f"{W}tc" for a in paragraph.iterancestors())
        out.append(Block(text, style.get(f"{W}val") if style is not None else "", in_table))
    return out


def lint_document(docx: bytes, profile_text: str = "") -> list[str]:
    """Return each defect in the document as 'defect: excerpt'.

    `profile_text` is the profile's own text: a 'None' or 'TO DO' the
    profile itself holds is the profile's business, not a slip.
    """
    found = []
    document = blocks(docx)
    for index, block in enumerate(document):
        for name, check in DEFECTS.items():
            for excerpt in check(block.text):
                if name == "none-or-placeholder" and excerpt in profile_text:
                    continue
                found.append(f"{name}: {excerpt!r} in {block.text[:80]!r}")
        if block.style.startswith("Heading") and not block.text.strip():
            found.append(f"empty-heading: after {document[index - 1].text[:60]!r}")
        if "List" in block.style and not block.text.strip():
            found.append(f"empty-list-item: after {document[index - 1].text[:60]!r}")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    for table in root.iter(f"{W}tbl"):
        rows = table.findall(f"{W}tr")
        if len(rows) < 2:
            header = "".join(t.text or "" for t in table.iter(f"{W}t"))
            found.append(f"empty-table: {header[:60]!r}")
    return found


def long_sentences(docx: bytes, limit: int = 25) -> tuple[int, int]:
    """Return (sentences over `limit` words, all sentences) in the document's running text.

    A sentence is running text ending with a full stop, question or
    exclamation mark, outside tables.
    """
    sentences = [
        sentence
        for block in blocks(docx)
        if not block.in_table
        for sentence in _sentences(block.text)
        if sentence.rstrip().endswith((".", "?", "!"))
    ]
    return sum(1 for s in sentences if len(s.split()) > limit), len(sentences)


def heading_case_slips(docx: bytes, names: set[str]) -> list[str]:
    """Return headings in title case: a capitalised word after the first that is not a name."""
    slips = []
    for block in blocks(docx):
        if not block.style.startswith("Heading") and block.style != "Title":
            continue
        text = block.text
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, "")
        words = re.findall(r"[A-Za-z][\w'’-]*", text)[1:]
        capitals = [w for w in words if w[0].isupper() and not w.isupper() and len(w) > 1]
        if capitals:
            slips.append(block.text)
    return slips
