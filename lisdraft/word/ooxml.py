"""Read a Word (.docx) package: its parts, styles and blocks of text, in reading order.

This is the reading layer under `lisdraft.word.accessibility` and
`lisdraft.build.textexport`. It works on the raw WordprocessingML with lxml, so it
can read any .docx, not only lisdraft's own, and never changes a document.
It also has the two escapes that the code writing parts as text uses
(`xml_text`, `xml_attribute`).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lisdraft.errors import DocumentError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Every XML namespace lisdraft reads, by the prefix Word gives it.
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
#: Relationship types of the parts a render changes.
HEADER_RELATIONSHIP = f"{NS['r']}/header"
FOOTER_RELATIONSHIP = f"{NS['r']}/footer"
#: The content type of the footnotes part.
FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
MAIN_PART = "word/document.xml"
#: The largest part lisdraft will read, so a damaged or hostile file cannot exhaust memory.
MAX_PART_BYTES = 200 * 1024 * 1024

Element = Any  # an lxml element; lxml ships no type information


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def xml_text(text: str, quotes: bool = False) -> str:
    """Return `text` escaped for XML character data (& < >, and " when `quotes`).

    The same as `xml.sax.saxutils.escape`, which is not used because importing
    it imports urllib.request, http.client and ssl (about 20 ms).
    """
    escaped = text.translate(_TEXT_ESCAPES)
    return escaped.replace('"', "&quot;") if quotes else escaped


def xml_attribute(value: str) -> str:
    """Return `value` as a quoted XML attribute value, as `xml.sax.saxutils.quoteattr` does.

    & < > and line breaks and tabs are escaped; the value is put in double
    quotes, or in single quotes when it holds a double quote but no single one
    (otherwise double quotes inside become &quot;).
    """
    escaped = value.translate(_ATTRIBUTE_ESCAPES)
    if '"' not in escaped:
        return f'"{escaped}"'
    if "'" not in escaped:
        return f"'{escaped}'"
    return '"{}"'.format(escaped.replace('"', "&quot;"))


@functools.cache
def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML tag, such as '{...main}p' for 'p'."""
    return f"{{{W}}}{tag}"


def children(element: Element, tag: str) -> list[Element]:
    """Return the children of `element` named `tag` (lxml's `findall`, without its path parser)."""
    return [child for child in element if child.tag == tag]


def first_child(element: Element, tag: str) -> Element | None:
    """Return the first child of `element` named `tag`, or None (lxml's `find`, likewise)."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def wval(element: Element | None, attribute: str = "val") -> str | None:
    """Return the w:`attribute` of `element`, or None when either is missing."""
    if element is None:
        return None
    value = element.get(w(attribute))
    return None if value is None else str(value)


def is_on(element: Element | None) -> bool | None:
    """Return whether a toggle such as w:b is on, or None when it is not set."""
    if element is None:
        return None
    return wval(element) not in {"0", "false", "off", "none"}


@dataclass(frozen=True)
class Resolved:
    """A formatting property's element, and where it was set ('direct' or a style's name)."""

    element: Element | None
    source: str


@dataclass
class Styles:
    """The styles part: style definitions, document defaults and theme fonts."""

    by_id: dict[str, Element] = field(default_factory=dict)
    default_rpr: Element | None = None
    default_ppr: Element | None = None
    default_paragraph: str | None = None
    theme_fonts: dict[str, str] = field(default_factory=dict)
    _inherited: dict[tuple[str, tuple[str | None, ...], str], Resolved] = field(
        default_factory=dict
    )
    # What a paragraph's and a run's own properties are, worked out once each: the
    # checks ask about every run several times. Keyed by element, for this document.
    _paragraph_styles: dict[Element, str | None] = field(default_factory=dict)
    _paragraph_properties: dict[Element, dict[str, Element]] = field(default_factory=dict)
    _names: dict[str | None, str] = field(default_factory=dict)
    _run_properties: dict[Element, tuple[dict[str, Element], str | None]] = field(
        default_factory=dict
    )

    def name(self, style_id: str | None) -> str:
        """Return the name of the style `style_id`, or its id when it has no name."""
        if style_id not in self._names:
            style = self.by_id.get(style_id or "")
            name = wval(style.find(w("name"))) if style is not None else None
            self._names[style_id] = name or (style_id or "")
        return self._names[style_id]

    def chain(self, style_id: str | None) -> list[Element]:
        """Return the style `style_id` followed by the styles it is based on."""
        found: list[Element] = []
        while style_id and style_id in self.by_id and len(found) < 20:
            style = self.by_id[style_id]
            if any(style is seen for seen in found):
                break
            found.append(style)
            style_id = wval(style.find(w("basedOn")))
        return found

    def inherited(self, kind: str, style_ids: tuple[str | None, ...], tag: str) -> Resolved:
        """Return the `kind` ('pPr' or 'rPr') property `tag` as the styles set it.

        The first of `style_ids` (or a style it is based on) that sets `tag`
        wins; failing that, the document defaults. Answers are remembered.
        """
        key = (kind, style_ids, tag)
        if key not in self._inherited:
            self._inherited[key] = self._inherit(kind, style_ids, tag)
        return self._inherited[key]

    def _inherit(self, kind: str, style_ids: tuple[str | None, ...], tag: str) -> Resolved:
        for style_id in style_ids:
            for style in self.chain(style_id):
                found = style.find(f"{w(kind)}/{w(tag)}")
                if found is not None:
                    return Resolved(found, self.name(wval(style, "styleId")))
        defaults = self.default_ppr if kind == "pPr" else self.default_rpr
        return Resolved(
            defaults.find(w(tag)) if defaults is not None else None, "document defaults"
        )


@dataclass
class Package:
    """The parts of a .docx that lisdraft reads."""

    document: Element
    styles: Styles
    core: Element | None
    numbering: Element | None
    stories: list[tuple[str, Element]]  # headers, footers and notes, by a Word user's name
    relationships: dict[str, str]


def open_package(source: str | Path | bytes) -> Package:
    """Return the parsed parts of the .docx at `source` (a path or the file's bytes).

    Raise `DocumentError` when it is not a readable Word document.
    """
    label = "the document" if isinstance(source, bytes) else str(source)
    try:
        stream = io.BytesIO(source) if isinstance(source, bytes) else Path(source).open("rb")
    except FileNotFoundError:
        raise DocumentError(f"{label}: file not found") from None
    except OSError as exc:
        raise DocumentError(f"{label}: cannot read the file ({exc.strerror})") from None
    try:
        with stream, zipfile.ZipFile(stream) as archive:
            return _read_package(archive, label)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(
            f"{label}: this is not a Word .docx document ({exc}). Open it in Word and save it "
            "as a Word Document (.docx)."
        ) from None


def _read_package(archive: zipfile.ZipFile, label: str) -> Package:
    names = set(archive.namelist())
    if MAIN_PART not in names:
        raise KeyError(f"it has no {MAIN_PART}")

    def part(name: str) -> Element | None:
        return _parse(archive, name, label) if name in names else None

    styles = _read_styles(part("word/styles.xml"), part("word/theme/theme1.xml"))
    rels = part("word/_rels/document.xml.rels")
    relationships = (
        {str(r.get("Id")): str(r.get("Target")) for r in rels.iter(f"{{{NS['rel']}}}Relationship")}
        if rels is not None
        else {}
    )
    document = _parse(archive, MAIN_PART, label)
    members = {key: f"word/{target}" for key, target in relationships.items()}
    named = story_names(document.find(w("body")), members)
    stories = [
        (story_name(name, named), _parse(archive, name, label))
        for name in sorted(names)
        if re.fullmatch(r"word/(header|footer)\d*\.xml|word/(foot|end)notes\.xml", name)
    ]
    return Package(
        document=document,
        styles=styles,
        core=part("docProps/core.xml"),
        numbering=part("word/numbering.xml"),
        stories=stories,
        relationships=relationships,
    )


#: Parts that are the same in every document made from one template, kept parsed by content.
_SHARED_PARTS = ("word/styles.xml", "word/theme/theme1.xml")
_shared: dict[tuple[str, bytes], Element] = {}


def _parse(archive: zipfile.ZipFile, name: str, label: str) -> Element:
    from lxml import etree  # type: ignore[import-untyped]  # heavy: imported when needed

    if archive.getinfo(name).file_size > MAX_PART_BYTES:
        raise DocumentError(f"{label}: {name} is too large to check")
    data = archive.read(name)
    key = (name, hashlib.sha256(data).digest()) if name in _SHARED_PARTS else None
    if key is not None and key in _shared:  # read only, so one parse serves every document
        return _shared[key]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
        if key is not None:
            if len(_shared) >= 16:
                _shared.clear()
            _shared[key] = root
        return root
    except etree.XMLSyntaxError as exc:
        raise DocumentError(
            f"{label}: {name} is damaged ({exc}). Open the file in Word and save it again."
        ) from None


def _read_styles(root: Element | None, theme: Element | None) -> Styles:
    styles = Styles(theme_fonts=_theme_fonts(theme))
    if root is None:
        return styles
    for style in root.iter(w("style")):
        style_id = wval(style, "styleId")
        if style_id:
            styles.by_id[style_id] = style
            if style.get(w("type")) == "paragraph" and is_on_attr(style, "default"):
                styles.default_paragraph = style_id
    styles.default_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    styles.default_ppr = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
    return styles


def is_on_attr(element: Element, attribute: str) -> bool:
    """Return whether the on/off attribute w:`attribute` of `element` is on."""
    return wval(element, attribute) in {"1", "true", "on"}


def _theme_fonts(theme: Element | None) -> dict[str, str]:
    """Return the theme's 'major' and 'minor' Latin typefaces."""
    if theme is None:
        return {}
    fonts: dict[str, str] = {}
    for kind in ("major", "minor"):
        latin = theme.find(f".//{{{NS['a']}}}{kind}Font/{{{NS['a']}}}latin")
        if latin is not None and latin.get("typeface"):
            fonts[kind] = str(latin.get("typeface"))
    return fonts


# --- blocks in reading order ----------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """Where a paragraph sits in a table, and the shading behind it."""

    table: Element
    row: int
    column: int
    fill: str | None
    header_row: bool


@dataclass(frozen=True)
class Block:
    """A paragraph or table, with its place in the document for messages (see `blocks`)."""

    element: Element
    where: str
    cell: Cell | None = None
    depth: int = 0

    @property
    def is_table(self) -> bool:
        """Return whether this block is a table."""
        return bool(self.element.tag == w("tbl"))


def blocks(
    container: Element,
    where: str,
    cell: Cell | None = None,
    depth: int = 0,
    text_boxes: bool = False,
) -> Iterator[Block]:
    """Yield the paragraphs and tables of `container` (a body, cell or header) in order.

    This is lisdraft's one block walker, and `where` its one location format,
    used by every message about a place in a Word file. `where` names the
    container ('body', 'footer (section 2)'); each block's place adds to it,
    one comma-separated step at a time: 'body, paragraph 12', 'body, table 3,
    row 2, cell 1, paragraph 2'. A cell's only paragraph is named by the cell.
    A table's own block comes before its cells'. With `text_boxes`, the
    paragraphs of text boxes follow the paragraph holding them ('text box in
    body, paragraph 4, paragraph 1').
    """
    children = list(_content(container))
    lone = container.tag == w("tc") and [child.tag for child in children] == [w("p")]
    paragraph = table = 0
    for child in children:
        if child.tag == w("p"):
            paragraph += 1
            here = where if lone else place(where, f"paragraph {paragraph}")
            yield Block(child, here, cell, depth)
            if text_boxes:
                for box in child.iter(w("txbxContent")):
                    if paragraph_of(box) is child:
                        yield from blocks(box, f"text box in {here}", cell, depth + 1, True)
        else:
            table += 1
            here = place(where, f"table {table}")
            yield Block(child, here, cell, depth)
            for r, row in enumerate(child.findall(w("tr")), start=1):
                for c, tc in enumerate(row.findall(w("tc")), start=1):
                    inner = Cell(child, r, c, shading(tc.find(w("tcPr"))), r == 1)
                    at = place(here, f"row {r}", f"cell {c}")
                    yield from blocks(tc, at, inner, depth + 1, text_boxes)


def place(*steps: str) -> str:
    """Return a location from its steps, outermost first: 'body, table 1, row 2'."""
    return ", ".join(step for step in steps if step)


def _content(container: Element) -> Iterator[Element]:
    """Yield the paragraphs and tables of `container`, looking inside content controls."""
    for child in container:
        if child.tag in {w("p"), w("tbl")}:
            yield child
        elif child.tag in {w("sdt"), w("sdtContent"), w("customXml")}:
            yield from _content(child)


def paragraph_of(element: Element) -> Element | None:
    """Return the nearest w:p above `element`, or None inside a text box's fallback copy."""
    node = element.getparent()
    paragraph = None
    while node is not None:
        if node.tag == f"{{{NS['mc']}}}Fallback":
            return None
        if paragraph is None and node.tag == w("p"):
            paragraph = node
        node = node.getparent()
    return paragraph


def story_names(body: Element | None, parts: dict[str, str]) -> dict[str, str]:
    """Return a Word user's name for each header and footer part: 'first-page header'.

    `parts` maps the document's relationship ids to the parts they name;
    `body` is the document body, whose section properties refer to them. A
    document of several sections adds the section: 'footer (section 2)'.
    """
    sections = list(body.iter(w("sectPr"))) if body is not None else []
    names: dict[str, str] = {}
    for number, properties in enumerate(sections, start=1):
        for reference in properties:
            if reference.tag not in (w("headerReference"), w("footerReference")):
                continue
            kind = "header" if reference.tag == w("headerReference") else "footer"
            variant = {"first": "first-page ", "even": "even-page "}.get(
                reference.get(w("type"), "default"), ""
            )
            section = f" (section {number})" if len(sections) > 1 else ""
            part = parts.get(reference.get(f"{{{NS['r']}}}id") or "")
            if part is not None:
                names.setdefault(part, f"{variant}{kind}{section}")
    return names


def story_name(member: str, named: dict[str, str]) -> str:
    """Return a Word user's name for the story part `member`: 'footer', 'footnotes'."""
    if member in named:
        return named[member]
    stem = member.rsplit("/", 1)[-1].removesuffix(".xml")
    return stem.rstrip("0123456789") or stem


def shading(properties: Element | None) -> str | None:
    """Return the fill colour (such as 'D9D9D9') of a w:shd in `properties`, if any."""
    if properties is None:
        return None
    fill = wval(properties.find(w("shd")), "fill")
    if not fill or fill.lower() == "auto":
        return None
    return fill.upper()


# --- text ------------------------------------------------------------------------------------


def text_of(element: Element) -> str:
    """Return the visible text of a paragraph, run or link, with its tabs and line breaks."""
    parts: list[str] = []
    for node in element.iter(w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen")):
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag == w("tab"):
            if node.getparent().tag == w("r"):  # not a tab stop definition in w:tabs
                parts.append("\t")
        elif node.tag == w("noBreakHyphen"):
            parts.append("-")
        elif wval(node, "type") in {None, "textWrapping"}:
            parts.append("\n")
    return "".join(parts)


def runs(paragraph: Element) -> Iterator[Element]:
    """Yield the runs of `paragraph` that show text, including those inside links."""
    for run in paragraph.iter(w("r")):
        if run.find(w("t")) is not None and text_of(run).strip():
            yield run


def snippet(text: str, length: int = 40) -> str:
    """Return `text` on one line, cut to about `length` characters."""
    flat = " ".join(text.split())
    if len(flat) > length:
        flat = flat[: length - 1].rstrip() + "…"
    return flat


# --- properties as Word resolves them --------------------------------------------------------


def paragraph_style(styles: Styles, paragraph: Element) -> str | None:
    """Return the style id of `paragraph` (the default paragraph style when it names none)."""
    known = styles._paragraph_styles
    if paragraph not in known:
        ppr = paragraph.find(w("pPr"))
        named = wval(ppr.find(w("pStyle"))) if ppr is not None else None
        known[paragraph] = named or styles.default_paragraph
    return known[paragraph]


def paragraph_property(
    styles: Styles, paragraph: Element, tag: str, table_style: str | None = None
) -> Resolved:
    """Return the paragraph property `tag` (such as 'jc') of `paragraph` as Word resolves it."""
    known = styles._paragraph_properties
    if paragraph not in known:
        ppr = paragraph.find(w("pPr"))
        direct: dict[str, Element] = {}
        for child in ppr if ppr is not None else ():
            direct.setdefault(child.tag, child)
        known[paragraph] = direct
    found = known[paragraph].get(w(tag))
    if found is not None:
        return Resolved(found, "direct")
    return styles.inherited("pPr", (paragraph_style(styles, paragraph), table_style), tag)


def run_property(
    styles: Styles, paragraph: Element, run: Element, tag: str, table_style: str | None = None
) -> Resolved:
    """Return the run property `tag` (such as 'sz') of `run` as Word resolves it."""
    direct, character = _run_properties(styles, run)
    found = direct.get(w(tag))
    if found is not None:
        return Resolved(found, "direct")
    chain = (character, paragraph_style(styles, paragraph), table_style)
    return styles.inherited("rPr", chain, tag)


def _run_properties(styles: Styles, run: Element) -> tuple[dict[str, Element], str | None]:
    """Return the run's own properties (the first of each tag) and its character style."""
    known = styles._run_properties
    if run not in known:
        rpr = run.find(w("rPr"))
        direct: dict[str, Element] = {}
        for child in rpr if rpr is not None else ():
            direct.setdefault(child.tag, child)
        known[run] = (direct, wval(direct.get(w("rStyle"))))
    return known[run]


def heading_level(styles: Styles, paragraph: Element) -> int | None:
    """Return the heading level (1 to 9) of `paragraph`, or None when it is not a heading."""
    name = styles.name(paragraph_style(styles, paragraph)).lower()
    match = re.fullmatch(r"heading ([1-9])", name)
    if match:
        return int(match.group(1))
    level = wval(paragraph_property(styles, paragraph, "outlineLvl").element)
    if level is not None and level.isdigit() and int(level) < 9:
        return int(level) + 1
    return None


def table_style(table: Element) -> str | None:
    """Return the style id of `table`, if it names one."""
    return wval(table.find(f"{w('tblPr')}/{w('tblStyle')}"))


def font_name(styles: Styles, resolved: Resolved) -> str | None:
    """Return the Latin font a w:rFonts element names, looking theme fonts up in the theme."""
    fonts = resolved.element
    if fonts is None:
        return None
    name = wval(fonts, "ascii")
    theme = wval(fonts, "asciiTheme")
    if theme:
        name = styles.theme_fonts.get("major" if theme.startswith("major") else "minor", name)
    return name


def core_property(package: Package, tag: str) -> str:
    """Return the text of a core property such as 'dc:title', or '' when it is not set."""
    if package.core is None:
        return ""
    prefix, local = tag.split(":")
    found = package.core.find(f"{{{NS[prefix]}}}{local}")
    return (found.text or "").strip() if found is not None else ""
