"""Write a Word document out as Markdown, so that changes show up in an ordinary git diff.

The rendering keeps what a reviewer reads and drops how it looks: the title
becomes `#`, Heading 1 `##` and so on; list items become `-` or `1.`; tables
become Markdown tables; each paragraph sits on one line. Headers, footers,
bold and colour are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lisdraft.word.ooxml import (
    Element,
    Package,
    blocks,
    heading_level,
    open_package,
    paragraph_property,
    paragraph_style,
    text_of,
    w,
    wval,
)


def markdown_name(docx_name: str) -> str:
    """Return the name of the Markdown file written beside `docx_name` ('x.docx' -> 'x.md')."""
    return str(Path(docx_name).with_suffix(".md"))


def docx_to_markdown(source: str | Path | bytes) -> str:
    """Return a Markdown rendering of the .docx at `source` (a path or the file's bytes)."""
    package = open_package(source)
    body = package.document.find(w("body"))
    writer = _Writer(package)
    for block in blocks(body, "body") if body is not None else []:
        if block.depth:
            continue  # cell contents are written with their table
        if block.is_table:
            writer.table(block.element)
        else:
            writer.paragraph(block.element)
    return writer.result()


@dataclass
class _Writer:
    """Collects Markdown blocks; list items stay together as one tight list."""

    package: Package
    chunks: list[str] = field(default_factory=list)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    in_list: bool = False

    def add(self, text: str, list_item: bool = False) -> None:
        if list_item and self.in_list and self.chunks:
            self.chunks[-1] += "\n" + text
        else:
            self.chunks.append(text)
        self.in_list = list_item

    def result(self) -> str:
        return "\n\n".join(self.chunks) + "\n" if self.chunks else ""

    def paragraph(self, paragraph: Element) -> None:
        text = _one_line(text_of(paragraph))
        if not text:
            return
        styles = self.package.styles
        style = styles.name(paragraph_style(styles, paragraph)).lower()
        level = heading_level(styles, paragraph)
        if style == "title":
            self.add(f"# {text}")
        elif level is not None:
            self.add(f"{'#' * min(level + 1, 6)} {text}")
        else:
            marker = self.list_marker(paragraph)
            if marker is None:
                self.add(text)
            else:
                self.add(f"{marker} {text}", list_item=True)

    def list_marker(self, paragraph: Element) -> str | None:
        """Return '- ' or '3.' (indented for deeper levels) for a list item, else None."""
        numbering = paragraph_property(self.package.styles, paragraph, "numPr").element
        num_id = wval(numbering.find(w("numId"))) if numbering is not None else None
        if not num_id or num_id == "0" or numbering is None:
            return None
        level = int(wval(numbering.find(w("ilvl"))) or 0)
        indent = "  " * level
        if _number_format(self.package, num_id, level) == "bullet":
            return f"{indent}-"
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]  # a deeper list starts again under each item
        number = self.counters.get((num_id, level), 0) + 1
        self.counters[(num_id, level)] = number
        return f"{indent}{number}."

    def table(self, table: Element) -> None:
        rows = [
            [_cell_text(cell) for cell in row.findall(w("tc"))] for row in table.findall(w("tr"))
        ]
        if not rows:
            return
        width = max(len(row) for row in rows)
        lines = [_table_row(row + [""] * (width - len(row))) for row in rows]
        lines.insert(1, _table_row(["---"] * width))
        self.add("\n".join(lines))


def _number_format(package: Package, num_id: str, level: int) -> str:
    """Return the numFmt ('bullet', 'decimal', ...) of list `num_id` at `level`."""
    root = package.numbering
    if root is None:
        return "bullet"
    num = next((n for n in root.findall(w("num")) if wval(n, "numId") == num_id), None)
    abstract_id = wval(num.find(w("abstractNumId"))) if num is not None else None
    abstract = next(
        (a for a in root.findall(w("abstractNum")) if wval(a, "abstractNumId") == abstract_id),
        None,
    )
    if abstract is None:
        return "bullet"
    for lvl in abstract.findall(w("lvl")):
        if wval(lvl, "ilvl") == str(level):
            return wval(lvl.find(w("numFmt"))) or "decimal"
    return "bullet"


def _one_line(text: str) -> str:
    """Return paragraph text on one line: tabs as spaces, line breaks as Markdown breaks."""
    lines = [" ".join(line.replace("\t", " ").split()) for line in text.split("\n")]
    return "\\\n".join(line for line in lines if line)


def _cell_text(cell: Element) -> str:
    paragraphs = [_one_line(text_of(p)) for p in cell.iter(w("p"))]
    return "<br>".join(p.replace("\\\n", "<br>") for p in paragraphs if p)


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
