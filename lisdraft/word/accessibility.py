"""Check a Word document for accessibility problems, much as Word's own checker does.

`check_document` reads any .docx (lisdraft's or anyone else's) and returns
findings, each with a severity, a rule id, where it is and how to fix it in
Word. Errors stop some readers using the document (no title, no language, a
table without a header row, an image without alt text, text too faint to
read); warnings make it harder to use, or break GOV.UK's basics for
published documents. docs/accessibility.md lists every rule.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from lisdraft.text import IMAGE_FILE_NAME
from lisdraft.word.findings import Finding, Severity
from lisdraft.word.ooxml import (
    NS,
    Block,
    Element,
    Package,
    Resolved,
    Styles,
    blocks,
    core_property,
    font_name,
    heading_level,
    is_on,
    open_package,
    paragraph_property,
    place,
    run_property,
    runs,
    shading,
    snippet,
    table_style,
    text_of,
    w,
    wval,
)

#: Every rule: its id, its severity and what a passing document does.
RULES: dict[str, tuple[Severity, str]] = {
    "title-missing": ("error", "The document has a title in its properties."),
    "language-missing": ("error", "The document's default language is set."),
    "language-not-en-gb": ("warning", "English text is marked as British English (en-GB)."),
    "no-headings": ("error", "The document uses heading styles."),
    "heading-skip": ("warning", "Heading levels go down one at a time (1, 2, 3)."),
    "heading-capitals": ("warning", "Headings are in sentence case, not capitals."),
    "table-header": ("error", "Each table's first row is a header row that repeats."),
    "merged-cells": ("warning", "Tables have no merged or split cells."),
    "nested-table": ("warning", "No table sits inside another table."),
    "empty-paragraphs": ("warning", "Space comes from paragraph spacing, not empty paragraphs."),
    "repeated-spaces": ("warning", "Runs of spaces or tabs are not used to line text up."),
    "image-alt": ("error", "Every image has alt text, or is marked decorative."),
    "link-text": ("warning", "Link text says where the link goes."),
    "colour-alone": ("error", "No shaded cell relies on its colour alone, without text."),
    "contrast": ("error", "Text contrasts with its background by at least 4.5:1 (3:1 large)."),
    "small-text": ("warning", "Body text is at least 12 point."),
    "justified": ("warning", "Text is aligned left, not justified."),
    "serif-font": ("warning", "Text is in a sans serif font such as Arial."),
    # Reported by `lisdraft build --pdf`, not by `check_document`:
    "pdf-untagged": ("warning", "A PDF made by `lisdraft build --pdf` is tagged."),
    "pdf-font": (
        "warning",
        "Each font the document uses, or one of the same widths, is installed for `--pdf`.",
    ),
}

ENGLISH_GB = "en-GB"
MIN_SIZE_HALF_POINTS = 24  # 12 pt
JUSTIFIED = {"both", "distribute", "lowKashida", "mediumKashida", "highKashida", "thaiDistribute"}
SERIF_FONTS = {
    "baskerville old face", "book antiqua", "bookman old style", "calisto mt", "cambria",
    "century", "century schoolbook", "constantia", "garamond", "georgia", "palatino",
    "palatino linotype", "perpetua", "times", "times new roman", "bell mt", "charter",
    "bitstream charter", "goudy old style", "caslon", "big caslon", "minion pro", "sabon",
    "lora", "merriweather", "gelasio", "tinos", "sylfaen", "rockwell", "new york",
}  # fmt: skip
#: A font whose name says it is a serif (DejaVu Serif, Noto Serif ...) is one.
SERIF_NAME = re.compile(r"\bserif\b", re.IGNORECASE)
SANS_NAME = re.compile(r"\bsans\b", re.IGNORECASE)
VAGUE_LINKS = {
    "click here", "click", "here", "link", "this link", "more", "read more", "find out more",
    "more information", "more info", "this page", "click this link",
}  # fmt: skip
HIGHLIGHTS = {
    "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF",
    "blue": "0000FF", "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080",
    "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000",
    "darkYellow": "808000", "darkGray": "808080", "lightGray": "C0C0C0", "black": "000000",
    "white": "FFFFFF",
}  # fmt: skip
WHITE, BLACK = "FFFFFF", "000000"
IMAGE_FILE = IMAGE_FILE_NAME
BARE_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
SPACING = re.compile(r"[ \t\u00a0]{3,}|\t{2,}")
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def check_document(source: str | Path | bytes) -> list[Finding]:
    """Return the accessibility findings for the .docx at `source` (a path or its bytes).

    Raise `DocumentError` when `source` is not a readable Word document.
    """
    package = open_package(source)
    checker = _Checker(package)
    checker.check_properties()
    checker.check_story(package.document.find(w("body")), "body", main=True)
    for name, root in package.stories:
        checker.check_story(root, name, main=False)
    checker.check_headings_exist()
    return checker.findings


def is_serif(font: str) -> bool:
    """Return whether the font called `font` is a serif face (Georgia, DejaVu Serif ...)."""
    name = font.strip()
    if SANS_NAME.search(name):
        return False
    return name.lower() in SERIF_FONTS or bool(SERIF_NAME.search(name))


def finding(rule: str, where: str, message: str, near: str = "") -> Finding:
    """Return a finding for `rule`, with the rule's severity; `near` is the text there."""
    return Finding(RULES[rule][0], where, message, snippet(near) if near.strip() else "", rule)


# --- colour ----------------------------------------------------------------------------------


@functools.cache
def luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a colour written as 'RRGGBB'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@functools.cache
def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio (1 to 21) between two 'RRGGBB' colours."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _colour(value: str | None) -> str | None:
    """Return `value` as 'RRGGBB', or None for 'auto', none or anything unreadable."""
    if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return value.upper()
    return None


# --- the checker -----------------------------------------------------------------------------


@dataclass
class _Checker:
    """Walks one package, collecting findings; reports a style's problem only once."""

    package: Package
    findings: list[Finding] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)
    headings: int = 0
    last_level: int = 0
    _runs_for: Element | None = None  # the paragraph whose runs `_runs` holds
    _runs: list[Element] = field(default_factory=list)
    _table_styles: dict[Element, str | None] = field(default_factory=dict)
    _page: str | None = None

    def add(self, rule: str, where: str, message: str, near: str = "") -> None:
        self.findings.append(finding(rule, where, message, near))

    def table_style_of(self, block: Block) -> str | None:
        """Return the style of the table `block` sits in, looking each table up once."""
        if block.cell is None:
            return None
        table = block.cell.table
        if table not in self._table_styles:
            self._table_styles[table] = table_style(table)
        return self._table_styles[table]

    def page_colour(self) -> str:
        """Return the page's background colour, white unless the document sets one."""
        if self._page is None:
            background = self.package.document.find(w("background"))
            self._page = _colour(wval(background, "color")) or WHITE
        return self._page

    def runs_of(self, paragraph: Element) -> list[Element]:
        """Return the runs of `paragraph` that show text, finding them once per paragraph."""
        if paragraph is not self._runs_for:
            self._runs_for, self._runs = paragraph, list(runs(paragraph))
        return self._runs

    def once(self, rule: str, key: str) -> bool:
        """Return True the first time `rule` is seen for `key` (such as a style name)."""
        if (rule, key) in self.seen:
            return False
        self.seen.add((rule, key))
        return True

    # --- whole document ---

    def check_properties(self) -> None:
        if not core_property(self.package, "dc:title"):
            self.add(
                "title-missing",
                "document properties",
                "the document has no title, so screen readers announce the file name instead. "
                "In Word: File > Info > Properties > Title.",
            )
        styles = self.package.styles
        defaults = styles.default_rpr
        language = wval(defaults.find(w("lang"))) if defaults is not None else None
        for style in styles.chain(styles.default_paragraph):
            if language is None:
                language = wval(style.find(f"{w('rPr')}/{w('lang')}"))
        if not language:
            self.add(
                "language-missing",
                "document defaults",
                "the document's language is not set, so screen readers may read it with the "
                "wrong voice. In Word: select all, Review > Language > Set Proofing Language > "
                "English (United Kingdom), then Set As Default.",
            )
        elif language.lower().startswith("en") and language != ENGLISH_GB:
            self.add(
                "language-not-en-gb",
                "document defaults",
                f"the document's language is {language}, not British English (en-GB). In Word: "
                "select all, Review > Language > Set Proofing Language > English (United "
                "Kingdom), then Set As Default.",
            )

    def check_headings_exist(self) -> None:
        body = self.package.document.find(w("body"))
        if self.headings == 0 and body is not None and text_of(body).strip():
            self.add(
                "no-headings",
                "document",
                "the document uses no heading styles, so readers cannot jump between sections. "
                "In Word: apply Heading 1, Heading 2 and so on (Home > Styles) to each section's "
                "heading.",
            )

    # --- stories: the body, headers, footers and notes ---

    def check_story(self, root: Element | None, prefix: str, main: bool) -> None:
        if root is None:
            return
        for block in blocks(root, prefix):
            if block.is_table:
                self.check_table(block)
                continue
            self.check_paragraph(block, main)

    def check_paragraph(self, block: Block, main: bool) -> None:
        paragraph, text = block.element, text_of(block.element)
        if _is_blank(paragraph):
            self.check_empty(block)
        elif SPACING.search(text):
            self.add(
                "repeated-spaces",
                block.where,
                "spaces or tabs are repeated to line text up, which screen readers read out "
                "as gaps. Use a tab stop, an indent or a table instead.",
                near=text,
            )
        if main:
            self.check_heading(block, text)
            if text.strip():
                self.check_alignment(block, text)
                self.check_runs(block, text)
        self.check_contrast(block, text)
        self.check_images(block, text)
        self.check_links(block, paragraph)

    def check_empty(self, block: Block) -> None:
        paragraph = block.element
        if _is_structural(paragraph) or _content_sibling(paragraph, after=True) is None:
            return
        before = _content_sibling(paragraph, after=False)
        if before is not None and before.tag == w("p") and _is_blank(before):
            return  # part of a run already reported
        length, following = 1, _content_sibling(paragraph, after=True)
        while following is not None and following.tag == w("p") and _is_blank(following):
            length += 1
            following = _content_sibling(following, after=True)
        what = "an empty paragraph" if length == 1 else f"{length} empty paragraphs"
        self.add(
            "empty-paragraphs",
            block.where,
            f"{what} used for spacing; screen readers announce each one as 'blank'. Delete "
            "them and set space before or after in Paragraph > Spacing instead.",
        )

    def check_heading(self, block: Block, text: str) -> None:
        level = heading_level(self.package.styles, block.element)
        if level is None:
            return
        self.headings += 1
        where = block.where
        if level > self.last_level + 1:
            after = f"follows Heading {self.last_level}" if self.last_level else "comes first"
            self.add(
                "heading-skip",
                where,
                f"this Heading {level} {after}, skipping a level, so readers may think a "
                f"section is missing. Use Heading {self.last_level + 1} here, or add the "
                "missing heading above it.",
                near=text,
            )
        self.last_level = level
        styles, paragraph = self.package.styles, block.element
        words = re.findall(r"[^\W\d_]{2,}", text)
        caps = any(
            is_on(run_property(styles, paragraph, run, "caps").element)
            for run in self.runs_of(paragraph)
        )
        if caps or (len(words) >= 2 and all(word.isupper() for word in words)):
            self.add(
                "heading-capitals",
                where,
                "the heading is in capitals, which are harder to read. Write it in sentence "
                "case (turn off Font > All caps if it is set).",
                near=text,
            )

    def check_alignment(self, block: Block, text: str) -> None:
        resolved = paragraph_property(
            self.package.styles, block.element, "jc", self.table_style_of(block)
        )
        if wval(resolved.element) not in JUSTIFIED:
            return
        if resolved.source != "direct":
            if self.once("justified", resolved.source):
                self.add(
                    "justified",
                    block.where,
                    f"{_style_label(resolved.source)} justifies text, leaving uneven gaps "
                    f"between words. In Word, {_modify(resolved.source, 'align text left')}.",
                    near=text,
                )
            return
        self.add(
            "justified",
            block.where,
            "justified text leaves uneven gaps between words. Select it and choose Home > "
            "Align Left.",
            near=text,
        )

    def check_runs(self, block: Block, text: str) -> None:
        styles, paragraph, table = self.package.styles, block.element, self.table_style_of(block)
        for run in self.runs_of(paragraph):
            if run_property(styles, paragraph, run, "vertAlign", table).element is not None:
                continue  # superscripts and note references are meant to be small
            size = run_property(styles, paragraph, run, "sz", table)
            half_points = wval(size.element)
            if half_points and half_points.isdigit() and int(half_points) < MIN_SIZE_HALF_POINTS:
                self._report_font(block, text, size, "small-text", f"{int(half_points) / 2:g} pt")
            fonts = run_property(styles, paragraph, run, "rFonts", table)
            name = font_name(styles, fonts)
            if name and is_serif(name):
                self._report_font(block, text, fonts, "serif-font", name)

    def _report_font(
        self, block: Block, text: str, resolved: Resolved, rule: str, value: str
    ) -> None:
        what = {"small-text": "text smaller than 12 pt", "serif-font": "a serif font"}[rule]
        fix = {"small-text": "set the size to 12 pt or more", "serif-font": "use Arial"}[rule]
        if resolved.source == "direct":
            if self.once(rule, block.where):
                message = f"{what} ({value}). Select the text and {fix}."
                self.add(rule, block.where, message, near=text)
        elif self.once(rule, f"{resolved.source}/{value}"):
            self.add(
                rule,
                block.where,
                f"{_style_label(resolved.source)} gives {what} ({value}). In Word, "
                f"{_modify(resolved.source, fix)}.",
                near=text,
            )

    def check_contrast(self, block: Block, text: str) -> None:
        styles, paragraph, table = self.package.styles, block.element, self.table_style_of(block)
        behind = _colour(shading(paragraph.find(w("pPr"))))
        if behind is None and block.cell is not None:
            behind = _colour(block.cell.fill)
        page = self.page_colour()
        for run in self.runs_of(paragraph):
            rpr = run.find(w("rPr"))
            background = (
                (
                    _colour(shading(rpr))
                    or _colour(HIGHLIGHTS.get(wval(rpr.find(w("highlight"))) or ""))
                    if rpr is not None
                    else None
                )
                or behind
                or page
            )
            resolved = run_property(styles, paragraph, run, "color", table)
            colour = _colour(wval(resolved.element))
            if colour is None:  # 'auto': Word picks black or white, whichever shows
                continue
            ratio = contrast_ratio(colour, background)
            needed = 3.0 if _is_large(styles, paragraph, run, table) else 4.5
            if ratio < needed:
                found = (colour, background, ratio, needed)
                self.report_contrast(block, text, resolved.source, found)
                return

    def report_contrast(
        self, block: Block, text: str, source: str, found: tuple[str, str, float, float]
    ) -> None:
        """Report faint text once per style (or per paragraph, for colour set by hand)."""
        colour, background, ratio, least = found
        what = f"text colour #{colour} on #{background}"
        needed = f"a contrast of {ratio:.2f}:1; it needs at least {least:g}:1"
        if source == "direct":
            if self.once("contrast", block.where):
                message = (
                    f"{what} has {needed}. Choose a darker text colour or a lighter background."
                )
                self.add("contrast", block.where, message, near=text)
        elif self.once("contrast", f"{source}/{colour}/{background}"):
            self.add(
                "contrast",
                block.where,
                f"{_style_label(source)} gives {what}, {needed}. In Word, "
                f"{_modify(source, 'choose a darker font colour')}.",
                near=text,
            )

    def check_images(self, block: Block, text: str) -> None:
        for properties in block.element.iter(f"{{{NS['wp']}}}docPr"):
            described = (properties.get("descr") or "").strip()
            decorative = any(
                wval(node) in {"1", "true"} or node.get("val") in {"1", "true"}
                for node in properties.iter(DECORATIVE)
            )
            if decorative or (described and not IMAGE_FILE.search(described)):
                continue
            name = properties.get("name") or "an image"
            problem = "has a file name as its alt text" if described else "has no alt text"
            self.add(
                "image-alt",
                block.where,
                f"'{name}' {problem}. Right-click it, choose View Alt Text and describe what it "
                "shows, or tick Mark as decorative. Put any text it holds in the document "
                "itself.",
                near=text,
            )
        for shape in block.element.iter(f"{{{NS['v']}}}shape"):
            if shape.find(f"{{{NS['v']}}}imagedata") is not None and not shape.get("alt"):
                self.add(
                    "image-alt",
                    block.where,
                    "an image has no alt text. Right-click it, choose View Alt Text and "
                    "describe what it shows, or tick Mark as decorative.",
                    near=text,
                )

    def check_links(self, block: Block, paragraph: Element) -> None:
        links = [
            (text_of(link), self.package.relationships.get(link.get(f"{{{NS['r']}}}id") or "", ""))
            for link in paragraph.iter(w("hyperlink"))
        ]
        for simple in paragraph.iter(w("fldSimple")):
            instruction = (wval(simple, "instr") or "").strip()
            if instruction.upper().startswith("HYPERLINK"):
                links.append((text_of(simple), instruction.split()[-1].strip('"')))
        for text, target in links:
            label = text.strip()
            plain = re.sub(r"[^\w\s]", "", label).strip().lower()
            if plain in VAGUE_LINKS:
                problem = f'the link text "{snippet(label)}" does not say where it goes'
            elif BARE_URL.match(label) or (target and label == target):
                problem = f"the link text is a bare web address ({snippet(label, 60)})"
            else:
                continue
            self.add(
                "link-text",
                block.where,
                f"{problem}. Edit the link (right-click > Edit Hyperlink) so its text names the "
                "page, such as 'the LEP's conflict of interest policy'.",
                near=text_of(paragraph),
            )

    def check_table(self, block: Block) -> None:
        table, where = block.element, block.where
        rows = table.findall(w("tr"))
        first = rows[0] if rows else None
        if first is not None and not is_on(first.find(f"{w('trPr')}/{w('tblHeader')}")):
            self.add(
                "table-header",
                place(where, "row 1"),
                "the table has no header row marked to repeat, so screen readers cannot name "
                "the columns. Select the first row, then Table Properties > Row > Repeat as "
                "header row at the top of each page.",
            )
        if block.cell is not None:
            self.add(
                "nested-table",
                where,
                "a table inside another table is hard to follow with a screen reader. Move it "
                "out into the text, or merge the two into one table.",
            )
        self.check_cells(table, where)

    def check_cells(self, table: Element, where: str) -> None:
        merged_reported = False
        for r, row in enumerate(table.findall(w("tr")), start=1):
            for c, cell in enumerate(row.findall(w("tc")), start=1):
                properties = cell.find(w("tcPr"))
                here = place(where, f"row {r}", f"cell {c}")
                if not merged_reported and _is_merged(properties):
                    merged_reported = True
                    self.add(
                        "merged-cells",
                        here,
                        "the table has merged or split cells, which screen readers cannot "
                        "match to their headers. Use Table Layout > Split Cells (or Merge "
                        "Cells) so every row has one cell per column.",
                    )
                fill = _colour(shading(properties))
                if r > 1 and fill and fill != WHITE and not text_of(cell).strip():
                    self.add(
                        "colour-alone",
                        here,
                        f"the cell is shaded (#{fill}) but holds no text, so its meaning rests on "
                        "colour alone. Write what the colour means in the cell, such as 'Green'.",
                    )


# --- small helpers ---------------------------------------------------------------------------


def _style_label(source: str) -> str:
    """Return how a message names where a format comes from: a style or the defaults."""
    return "the default formatting" if source == "document defaults" else f"style '{source}'"


def _modify(source: str, fix: str) -> str:
    """Return the Word steps that `fix` the format set at `source`."""
    if source == "document defaults":
        return f"open Home > Font (or Paragraph), {fix}, then click Set As Default"
    return f"right-click '{source}' in Home > Styles, choose Modify and {fix}"


def _is_blank(paragraph: Element) -> bool:
    """Return whether `paragraph` is empty, so only adds space (tracked deleted text counts)."""
    if paragraph.find(f".//{w('delText')}") is not None:  # a redline's deleted paragraph
        return False
    return not text_of(paragraph).strip() and not _is_structural(paragraph)


def _is_structural(paragraph: Element) -> bool:
    """Return whether an empty paragraph still does something: a break, picture or field."""
    for node in paragraph.iter():
        tag = node.tag
        if tag in {w("sectPr"), w("drawing"), w("pict"), w("object"), w("fldSimple"), w("fldChar")}:
            return True
        if tag == w("br") and wval(node, "type") in {"page", "column"}:
            return True
    return False


def _content_sibling(paragraph: Element, after: bool) -> Element | None:
    """Return the next (or previous) paragraph or table beside `paragraph`, if any."""
    node = paragraph.getnext() if after else paragraph.getprevious()
    while node is not None and node.tag not in {w("p"), w("tbl")}:
        node = node.getnext() if after else node.getprevious()
    return node


def _is_merged(properties: Element | None) -> bool:
    if properties is None:
        return False
    span = wval(properties.find(w("gridSpan")))
    return bool(
        (span and span.isdigit() and int(span) > 1)
        or properties.find(w("vMerge")) is not None
        or properties.find(w("hMerge")) is not None
    )


def _is_large(styles: Styles, paragraph: Element, run: Element, table: str | None) -> bool:
    """Return whether WCAG counts the run as large text: 18 pt, or 14 pt and bold."""
    size = wval(run_property(styles, paragraph, run, "sz", table).element)
    half_points = int(size) if size and size.isdigit() else 22
    bold = bool(is_on(run_property(styles, paragraph, run, "b", table).element))
    return half_points >= 36 or (bold and half_points >= 28)
