"""Small Word templates made in tests: paragraphs, tables, a header, hand-written runs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

Block = str | Sequence[Sequence[str]]


def run(text: str) -> str:
    """Return the XML of one run holding `text` (for paragraphs written as raw XML)."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def make_readable(document: Any) -> None:
    """Give `document` the basics the accessibility check looks for: en-GB, Arial, 12 pt."""
    normal = document.styles["Normal"].font
    normal.name, normal.size = "Arial", Pt(12)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for language in defaults.iter(qn("w:lang")):
        language.set(qn("w:val"), "en-GB")
    for fonts in defaults.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:ascii"), "Arial")
        fonts.set(qn("w:hAnsi"), "Arial")


def make_template(path: Path, *blocks: Block, header: str | None = None) -> Path:
    """Write a .docx at `path` and return it.

    Each block is a paragraph's text, a paragraph's runs as raw XML (starting
    with '<'), or a table as a list of rows of cell texts (a paragraph per line).
    """
    document = Document()
    body = document.element.body
    for block in blocks:
        if isinstance(block, str) and block.startswith("<"):
            body.insert(len(body) - 1, parse_xml(f"<w:p {NAMESPACES}>{block}</w:p>"))
        elif isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, text in enumerate(row):
                    first, *more = text.split("\n")  # one paragraph per line
                    cell = table.cell(r, c)
                    cell.text = first
                    for line in more:
                        cell.add_paragraph(line)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    # python-docx names itself the author; a clean template names nobody.
    document.core_properties.author = document.core_properties.last_modified_by = ""
    make_readable(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
