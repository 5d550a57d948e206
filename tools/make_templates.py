"""Write lisdraft's three built-in Word templates.

Run from the repository root:

    python tools/make_templates.py [--out FOLDER]

It (re)creates templates/docx/contribution.docx, briefing.docx and
stocktake.docx. Consultants may then edit those files in Word; this script is
only the developers' way to rebuild them from scratch.

Rules the templates follow (see lisdraft/build/context.py for the render context):
- Word built-in styles only, Arial 12 pt, language en-GB, A4 pages.
- Every paragraph's text is written so that each Jinja tag sits inside one run.
- Paragraph loops and ifs use `{%p ... %}` on a paragraph of their own; table
  row loops use `{%tr ... %}` rows; rating cells use lisdraft's `{% rating_cell ... %}`.
- No empty paragraphs for spacing, no merged cells, no nested tables, no images.
- Every table's first row is a header row that repeats on each page; rows never split
  across pages; tables are "AutoFit to contents", which lisdraft does when rendering.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from lisdraft.word.package import ZIP_EPOCH, normalise

OUT_DIR = Path(__file__).resolve().parent.parent / "templates" / "docx"

FONT = "Arial"
LANGUAGE = "en-GB"
TEXT_COLOUR = RGBColor(0x00, 0x00, 0x00)
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)  # dark navy: well above 4.5:1 on white
HEADER_FILL = "D9D9D9"  # light grey behind table header rows, black text on it
TABLE_STYLE = "Table Grid"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21.0), Cm(29.7), Cm(2.0)
TEXT_WIDTH_CM = 17.0
SPACE_AFTER_TABLE = Pt(10)

# Documents whose last block is a table: the next paragraph gets space above it.
_after_table: set[int] = set()

# A run is a piece of text, or (text, "b") for bold, (text, "i") for italic.
Part = str | tuple[str, str]

# An lxml element of the document's XML (lxml ships no type information).
Element = BaseOxmlElement


# --- document set-up -----------------------------------------------------------------------


def new_document(header: str = "", footer: str = "") -> DocumentObject:
    """Return an empty A4 document with lisdraft's styles, header and footer.

    `header` and `footer` replace the council documents' header text and the
    footer's name (the area overview has no one council to name).
    """
    doc = Document()
    set_page(doc)
    set_document_defaults(doc)
    set_styles(doc)
    set_header_footer(doc, header or COUNCIL_HEADER, footer or "{{ council.name }}")
    clear_core_properties(doc)
    drop_styles_with_effects(doc)
    return doc


COUNCIL_HEADER = "{{ meta.classification }}\t{{ meta.status }}, version {{ meta.version }}"


def set_page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = section.footer_distance = Cm(1.25)


def _set_fonts(rpr: Element) -> None:
    """Replace theme fonts with Arial in a w:rPr element."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _set_language(rpr: Element) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in list(lang.attrib):
        del lang.attrib[attr]
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def set_document_defaults(doc: DocumentObject) -> None:
    """Arial 12 pt and en-GB in w:docDefaults, so every style starts from them."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), "24")
    _set_language(rpr)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _style_font(style: ParagraphStyle, size: float, bold: bool = False, italic: bool = False,
                colour: RGBColor = TEXT_COLOUR) -> None:
    rpr = style.element.get_or_add_rPr()
    old_colour = rpr.find(qn("w:color"))
    if old_colour is not None:
        rpr.remove(old_colour)
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = colour


def _style_spacing(style: ParagraphStyle, before: float, after: float,
                   keep_with_next: bool = False) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if keep_with_next:
        fmt.keep_with_next = True


def set_styles(doc: DocumentObject) -> None:
    """Give the built-in styles Arial, en-GB, dark text and spacing (never empty paragraphs)."""
    styles = doc.styles
    for style in styles:
        rpr = style.element.find(qn("w:rPr"))
        if rpr is not None or style.name in {"Normal", "Title", "Subtitle"}:
            rpr = style.element.get_or_add_rPr()
            if rpr.find(qn("w:rFonts")) is not None or style.name == "Normal":
                _set_fonts(rpr)
            _set_language(rpr)

    normal = styles["Normal"]
    _style_font(normal, 12)
    _style_spacing(normal, 0, 6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True

    _style_font(styles["Title"], 24, bold=True, colour=HEADING_COLOUR)
    _style_spacing(styles["Title"], 0, 6)
    title_ppr = styles["Title"].element.get_or_add_pPr()
    border = title_ppr.find(qn("w:pBdr"))
    if border is not None:
        title_ppr.remove(border)

    subtitle = styles["Subtitle"]
    _style_font(subtitle, 16, colour=HEADING_COLOUR)
    _style_spacing(subtitle, 0, 18)
    numbering = subtitle.element.get_or_add_pPr().find(qn("w:numPr"))
    if numbering is not None:  # the default template gives Subtitle a stray list level
        numbering.getparent().remove(numbering)

    for name, size, before, after in (
        ("Heading 1", 16, 24, 8),
        ("Heading 2", 14, 18, 6),
        ("Heading 3", 12, 12, 4),
    ):
        _style_font(styles[name], size, bold=True, colour=HEADING_COLOUR)
        _style_spacing(styles[name], before, after, keep_with_next=True)

    contents = styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)  # Word's built-in name
    contents.element.attrib.pop(qn("w:customStyle"))
    contents.element.set(qn("w:styleId"), "TOC1")
    contents.priority = 39
    contents.base_style = normal
    contents.next_paragraph_style = normal
    _style_spacing(contents, 0, 4)
    contents.paragraph_format.tab_stops.add_tab_stop(
        Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )
    _style_spacing(styles["TOC Heading"], 12, 8)

    for name in ("List", "List Bullet", "List Number"):
        _style_spacing(styles[name], 0, 4)

    for name in ("Header", "Footer"):
        style = styles[name]
        _style_font(style, 10)
        tabs = style.element.get_or_add_pPr().find(qn("w:tabs"))
        if tabs is not None:  # the default tab stops are for US Letter paper
            tabs.getparent().remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)


def set_header_footer(doc: DocumentObject, header_text: str, footer_name: str) -> None:
    """Header: classification and status. Footer: council name and page number."""
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run(header_text)

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run(f"{footer_name}\tPage ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def drop_styles_with_effects(doc: DocumentObject) -> None:
    """Drop python-docx's stylesWithEffects.xml, a Word 2010 copy of styles.xml.

    The copy still holds the default template's styles, so it disagrees with
    styles.xml, which Word may report as unreadable content. Word needs only styles.xml.
    """
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def clear_core_properties(doc: DocumentObject) -> None:
    """Leave File > Info blank: render.py fills it for each output."""
    core = doc.core_properties
    for name in ("title", "subject", "author", "keywords", "comments", "category",
                 "last_modified_by"):
        setattr(core, name, "")


def restart_numbering(doc: DocumentObject, paragraph: Paragraph) -> None:
    """Make a List Number paragraph start a new list at 1 (for a second list in a document)."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId")) == str(style_num)
    )
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abstract_ref = OxmlElement("w:abstractNumId")
    abstract_ref.set(qn("w:val"), abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(abstract_ref)
    num.append(override)
    numbering.append(num)
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = new_id


# --- paragraphs ----------------------------------------------------------------------------


def add_runs(paragraph: Paragraph, parts: Sequence[Part]) -> Paragraph:
    """Add each part as one run, so a tag is never split across runs."""
    for part in parts:
        text, fmt = (part, "") if isinstance(part, str) else part
        run = paragraph.add_run(text)
        if "b" in fmt:
            run.bold = True
        if "i" in fmt:
            run.italic = True
    return paragraph


def add_para(doc: DocumentObject, *parts: Part, style: str = "Normal",
             keep_with_next: bool = False, conditional: bool = False) -> Paragraph:
    """Add a paragraph; one that directly follows a table gets space above it.

    A `conditional` paragraph may be left out when rendered, so it passes that
    space on to the next paragraph as well.
    """
    paragraph = add_runs(doc.add_paragraph(style=style), parts)
    if id(doc) in _after_table:
        if not conditional or style.startswith("Heading"):
            _after_table.discard(id(doc))
        if not style.startswith(("Heading", "Title")):
            paragraph.paragraph_format.space_before = SPACE_AFTER_TABLE
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_heading(doc: DocumentObject, text: str, level: int,
                page_break_before: bool = False) -> Paragraph:
    paragraph = add_para(doc, text, style=f"Heading {level}")
    if page_break_before:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def add_tag(doc: DocumentObject, tag: str) -> None:
    """A paragraph holding only a `{%p ... %}` tag; docxtpl removes the whole paragraph."""
    doc.add_paragraph(f"{{%p {tag} %}}", style="Normal")


def add_if(doc: DocumentObject, condition: str, *parts: Part, style: str = "Normal",
           keep_with_next: bool = False) -> None:
    """One paragraph shown only when `condition` holds."""
    add_tag(doc, f"if {condition}")
    add_para(doc, *parts, style=style, conditional=True, keep_with_next=keep_with_next)
    add_tag(doc, "endif")


def add_bullet_loop(doc: DocumentObject, loop: str, *parts: Part,
                    style: str = "List Bullet") -> None:
    """One list paragraph per item: `loop` is e.g. 'a in asks'."""
    add_tag(doc, f"for {loop}")
    add_para(doc, *parts, style=style)
    add_tag(doc, "endfor")


def add_checkbox_item(doc: DocumentObject, text: str) -> Paragraph:
    """A list paragraph whose marker is the tick box at the start of its text."""
    paragraph = add_para(doc, text, style="List")  # "List": indented, with no bullet glyph
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.first_line_indent = Cm(0.75), Cm(-0.75)
    fmt.tab_stops.add_tab_stop(Cm(0.75))
    return paragraph


def add_label_line(doc: DocumentObject, label: str, value: str) -> Paragraph:
    """A compact 'Label: value' line, as in a title block."""
    paragraph = add_para(doc, (f"{label}: ", "b"), value)
    paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


# --- tables --------------------------------------------------------------------------------


def _set_cell_fill(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _mark_row(row: _Row, header: bool) -> None:
    """Rows never split across pages; the header row repeats on every page."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _fill_row(row: _Row, texts: Sequence[str], widths: Sequence[float], bold: bool = False) -> None:
    for cell, text, width in zip(row.cells, texts, widths, strict=True):
        cell.width = Cm(width)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(2)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold


def _add_row(table: Table) -> _Row:
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    return row


def _keep_last_paragraph_with_table(doc: DocumentObject) -> None:
    """Keep the paragraph that introduces a table on the same page as its first row."""
    for paragraph in reversed(doc.paragraphs):
        if not paragraph.text.startswith("{%p"):
            paragraph.paragraph_format.keep_with_next = True
            return


def _new_table(doc: DocumentObject, headers: Sequence[str], widths: Sequence[float],
               caption: str) -> Table:
    if abs(sum(widths) - TEXT_WIDTH_CM) > 0.01:
        raise ValueError(f"column widths of '{caption}' add up to {sum(widths)} cm")
    _keep_last_paragraph_with_table(doc)
    table: Table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = True  # lisdraft fits the columns to the text (lisdraft/word/tablefit.py)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice and Word both follow
    _after_table.add(id(doc))
    header = table.rows[0]
    _fill_row(header, headers, widths, bold=True)
    _mark_row(header, header=True)
    for cell in header.cells:
        _set_cell_fill(cell, HEADER_FILL)
    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", caption)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tbl_pr.append(element)
    return table


def add_table_loop(doc: DocumentObject, caption: str, headers: Sequence[str], loop: str,
                   cells: Sequence[str], widths: Sequence[float],
                   keep_with_next: bool = False) -> Table:
    """A table with a header row and one row per item of `loop` ('m in board.members').

    With `keep_with_next`, the table stays on the same page as the paragraph after it.
    """
    table = _new_table(doc, headers, widths, caption)
    blanks = [""] * (len(headers) - 1)
    for texts in ([f"{{%tr for {loop} %}}", *blanks], cells, ["{%tr endfor %}", *blanks]):
        row = _add_row(table)
        _fill_row(row, texts, widths)
        _mark_row(row, header=False)
    if keep_with_next:
        for row in table.rows:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    return table


def add_table_rows(doc: DocumentObject, caption: str, headers: Sequence[str],
                   rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A table with a header row and fixed rows."""
    table = _new_table(doc, headers, widths, caption)
    for texts in rows:
        row = _add_row(table)
        _fill_row(row, texts, widths)
        _mark_row(row, header=False)
    return table


# --- shared blocks -------------------------------------------------------------------------

CONTACT = (
    "{{ meta.author.name }}, {{ meta.author.role }}, {{ council.name }}"
    "{% if meta.author.email %}; email {{ meta.author.email }}{% endif %}"
    "{% if meta.author.phone %}; telephone {{ meta.author.phone }}{% endif %}"
)


def add_label_pairs(doc: DocumentObject, pairs: Sequence[tuple[str, str]]) -> Paragraph:
    """Several 'Label: value' pairs on one line, separated by semicolons."""
    parts: list[Part] = []
    for index, (label, value) in enumerate(pairs):
        parts += [(f"{label}: ", "b"), value + ("; " if index < len(pairs) - 1 else "")]
    paragraph = add_para(doc, *parts)
    paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


def add_title_block(doc: DocumentObject, title: str, subtitle: str,
                    extra: Sequence[tuple[str, str]] = (), compact: bool = False) -> None:
    """The logo if any, title, subtitle and particulars (one per line unless compact).

    The logo's paragraph is replaced by the picture, or removed when the profile has no logo.
    """
    doc.add_paragraph("{{p image('logo') if 'logo' in images else '' }}")
    add_para(doc, title, style="Title")
    add_para(doc, subtitle, style="Subtitle")
    for label, value in extra:
        add_label_line(doc, label, value)
    add_label_line(doc, "Council", "{{ council.name }} ({{ council.type }})")
    add_label_line(doc, "Place", "{{ place.name }}")
    add_label_line(doc, "Local Enterprise Partnership (LEP)", "{{ place.lep.name }}")
    particulars = [
        ("Status", "{{ meta.status }}"),
        ("Version", "{{ meta.version }}"),
        ("Date", "{{ meta.date }}"),
        ("Classification", "{{ meta.classification }}"),
    ]
    if compact:
        add_label_pairs(doc, particulars[:3])
        add_label_pairs(doc, particulars[3:])
    else:
        for label, value in particulars:
            add_label_line(doc, label, value)
    add_label_line(doc, "Contact", CONTACT).paragraph_format.space_after = Pt(12)


def add_contact_section(doc: DocumentObject, lead: str) -> None:
    """The closing contact details, kept together on one page."""
    add_heading(doc, "Contact", 1)
    add_para(doc, lead, keep_with_next=True)
    add_label_line(doc, "Name", "{{ meta.author.name }}").paragraph_format.keep_with_next = True
    role = add_label_line(doc, "Role", "{{ meta.author.role }}, {{ council.name }}")
    role.paragraph_format.keep_with_next = True
    for condition, label in (("meta.author.email", "Email"), ("meta.author.phone", "Telephone")):
        add_tag(doc, f"if {condition}")
        add_label_line(doc, label, f"{{{{ {condition} }}}}").paragraph_format.keep_with_next = True
        add_tag(doc, "endif")


def add_draft_notice(doc: DocumentObject, text: str) -> None:
    add_if(doc, "not meta.is_final", (text, "i"))


# --- the contribution ----------------------------------------------------------------------


def build_contribution() -> DocumentObject:
    doc = new_document()
    add_title_block(
        doc,
        "Draft contribution to the {{ place.name }} Local Industrial Strategy",
        "{{ council.name }}",
    )
    add_draft_notice(
        doc,
        "This is a working draft for discussion with partners. It does not yet carry the "
        "council's formal approval and should not be read as agreed council policy.",
    )

    contents_after = doc.paragraphs[-1]
    for add_section in CONTRIBUTION_SECTIONS:
        add_section(doc)
    add_contents(doc, contents_after)
    return doc


def add_contents(doc: DocumentObject, after: Paragraph) -> None:
    """A contents list of the Heading 1 sections, written after the paragraph `after`.

    It is a Word TOC field written already filled in, so it reads right before
    anyone updates fields. Each entry links to a bookmark on its heading and
    shows the heading's page with a PAGEREF field, which LibreOffice works out
    when it writes a PDF (Word shows it once fields are updated: F9).
    """
    headings = [p for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    heading = doc.add_paragraph("Contents", style="TOC Heading")
    entries = [heading]
    for number, target in enumerate(headings, start=1):
        bookmark = f"_Toc{number:08d}"
        _bookmark(target, bookmark, number)
        entries.append(_contents_entry(doc, target.text, bookmark))
    _wrap_in_field(entries[1]._p, entries[-1]._p, ' TOC \\o "1-1" \\h \\z \\u ')
    anchor = after._p
    for paragraph in entries:
        anchor.addnext(paragraph._p)
        anchor = paragraph._p


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    runs = paragraph._p.findall(qn("w:r"))
    runs[0].addprevious(start)
    runs[-1].addnext(end)


def _field_run(kind: str, instruction: str = "") -> Element:
    run = OxmlElement("w:r")
    if instruction:
        text = OxmlElement("w:instrText")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = instruction
        run.append(text)
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
    return run


def _wrap_in_field(first: Element, last: Element, instruction: str) -> None:
    """Make the paragraphs from `first` to `last` the shown result of a field."""
    opening = [_field_run("begin"), _field_run("", instruction), _field_run("separate")]
    position = 1 if first.find(qn("w:pPr")) is not None else 0
    for run in reversed(opening):
        first.insert(position, run)
    last.append(_field_run("end"))


def _contents_entry(doc: DocumentObject, text: str, bookmark: str) -> Paragraph:
    """One contents line: the heading's text, a dotted tab and its page, linking to it."""
    paragraph = doc.add_paragraph(style="toc 1")
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    words, tab = OxmlElement("w:r"), OxmlElement("w:r")
    words_text = OxmlElement("w:t")
    words_text.text = text
    words.append(words_text)
    tab.append(OxmlElement("w:tab"))
    link.extend([words, tab, _field_run("begin"), _field_run("", f" PAGEREF {bookmark} \\h "),
                 _field_run("separate"), _field_run("end")])
    paragraph._p.append(link)
    return paragraph


def add_summary(doc: DocumentObject) -> None:
    """The section 'Summary'."""
    add_heading(doc, "Summary", 1, page_break_before=True)
    add_para(doc, "{{ summary }}")
    add_para(
        doc,
        "The Local Industrial Strategy (LIS) will set out how {{ place.name }} raises "
        "productivity over the long term. Government expects it to guide future local growth "
        "funding, so what it says matters to our residents and businesses.",
    )
    add_para(
        doc,
        "This paper is our offer to that work. It sets out our vision, the evidence we hold, our "
        "priorities and asks under each foundation of productivity, and the roles we will play.",
    )
    add_heading(doc, "Our headline asks", 2)
    add_tag(doc, "if asks")
    add_para(
        doc,
        "Each ask has a number that is used throughout this paper. Each one is addressed to the "
        "LEP, a named government department or another partner.",
    )
    add_bullet_loop(doc, "a in asks", ("{{ a.number }}", "b"), " (to {{ a.of }}): {{ a.ask }}")
    add_tag(doc, "endif")
    add_if(
        doc,
        "not asks",
        "We have not yet set out specific asks. We will add them once our priorities for the LIS "
        "are agreed.",
    )


def add_place_and_partners(doc: DocumentObject) -> None:
    """The section 'Our place and partners'."""
    add_heading(doc, "Our place and partners", 1)
    add_para(
        doc,
        "{{ place.name }} became a Local Industrial Strategy area in {{ place.wave }}. "
        "{{ place.lep.name_to_start }} is preparing the strategy with government and local "
        "partners.",
    )
    add_if(
        doc,
        "place.combined_authority",
        "In this area {{ place.combined_authority }} leads the strategy and works closely with "
        "the LEP on it.",
    )
    add_para(
        doc,
        "The table lists the councils in the LEP area and shows whether each leader sits on the "
        "LEP board.",
    )
    add_table_loop(
        doc,
        "Councils in the LEP area",
        ["Council", "Type", "Leader", "Leader on LEP board"],
        "c in place.councils",
        ["{{ c.name }}", "{{ c.type }}", "{{ c.leader }}", "{{ c.on_board }}"],
        [5.8, 3.7, 4.7, 2.8],
    )
    add_if(
        doc,
        "place.two_tier",
        "The area has two tiers of local government. The county and the district councils hold "
        "different powers, so the LIS needs inputs from both tiers that fit together.",
        style="Normal",
    )
    add_heading(doc, "The LEP's leadership", 2)
    add_lep_leaders(doc)


def add_vision(doc: DocumentObject) -> None:
    """The section 'Our vision'."""
    add_heading(doc, "Our vision", 1)
    add_heading(doc, "Our own vision", 2)
    add_tag(doc, "if vision.has_council")
    add_para(doc, ("{{ vision.council.statement }}", "i"))
    add_if(
        doc,
        "vision.council.document",
        "The vision is set out in {{ vision.council.document_in_text }}"
        "{% if vision.council.adopted %}, adopted on {{ vision.council.adopted }}{% endif %}.",
    )
    add_if(
        doc,
        "vision.council.horizon",
        "It looks ahead to {{ vision.council.horizon }} and shapes everything in this "
        "contribution.",
    )
    add_tag(doc, "endif")
    add_if(
        doc,
        "not vision.has_council",
        "This draft does not yet record a vision of the council's own. We will add one before the "
        "contribution is agreed, so that our priorities can be traced back to it.",
    )
    add_heading(doc, "The shared vision for {{ place.name }}", 2)
    add_tag(doc, "if vision.has_area")
    add_para(doc, ("{{ vision.area.statement }}", "i"))
    add_para(
        doc,
        "{{ vision.area.owner_to_start }} owns this vision"
        "{% if vision.area.adopted %} and adopted it on {{ vision.area.adopted }}{% endif %}. "
        "It looks ahead to {{ vision.area.horizon }} and gives the LIS its long-term direction.",
    )
    add_tag(doc, "if vision.area.how_developed")
    add_heading(doc, "How the shared vision was developed", 3)
    add_para(doc, "{{ vision.area.how_developed }}")
    add_tag(doc, "endif")
    add_tag(doc, "endif")
    add_if(
        doc,
        "not vision.has_area",
        "There is no agreed vision for the whole LEP area yet. We will work with partners to "
        "build one, so that the LIS has a shared long-term direction.",
    )
    add_heading(doc, "How the two visions fit together", 2)
    add_if(doc, "vision.fit", "{{ vision.fit }}")
    add_if(
        doc,
        "not vision.fit",
        "We have not yet set out how our vision fits the area's. We will do so before this "
        "contribution is agreed.",
    )


def add_evidence(doc: DocumentObject) -> None:
    """The section 'The evidence we offer'."""
    add_heading(doc, "The evidence we offer", 1)
    add_para(
        doc,
        "Good evidence makes the LIS sharper. We hold local data and studies that show what is "
        "happening in our own neighbourhoods, not only across the LEP area as a whole.",
    )
    add_evidence_benchmarks(doc)
    add_evidence_items(doc)
    add_evidence_anchors(doc)


def add_evidence_benchmarks(doc: DocumentObject) -> None:
    """How the area compares with the LEP area and England."""
    add_tag(doc, "if evidence.has_benchmarks")
    add_heading(doc, "How our area compares", 2)
    add_para(
        doc,
        "The chart and the table compare our area with the LEP area and with England on measures "
        "that matter for productivity. The table's last column names the source of each figure.",
    )
    doc.add_paragraph("{{p chart('comparisons') }}")  # editable charts, one per unit
    add_table_loop(
        doc,
        "Our area compared with the LEP area and England",
        ["Measure", "Our area", "LEP area", "England", "Source"],
        "b in evidence.benchmarks",
        ["{{ b.measure }}", "{{ b.council_area }}", "{{ b.lep_area }}", "{{ b.england }}",
         "{{ b.source }}"],
        [5.0, 2.3, 2.3, 2.3, 5.1],
    )
    add_tag(doc, "endif")


def add_evidence_items(doc: DocumentObject) -> None:
    """The evidence items offered, and what each shows."""
    add_heading(doc, "Evidence items", 2)
    add_tag(doc, "if evidence.has_items")
    add_para(
        doc,
        "We offer the items below to the LIS evidence base. The table shows who holds each one, "
        "which foundations of productivity it informs and whether the LEP already has it.",
    )
    add_label_line(doc, "Items offered", "{{ evidence.count }}")
    add_label_line(doc, "Items already shared with the LEP", "{{ evidence.shared_count }}")
    add_table_loop(
        doc,
        "Evidence the council offers to the LIS",
        ["Title", "Kind", "Owner", "Year", "Foundations", "Shared with LEP"],
        "e in evidence.entries",
        ["{{ e.title }}", "{{ e.kind }}", "{{ e.owner }}", "{{ e.year }}", "{{ e.foundations }}",
         "{{ e.shared }}"],
        [3.9, 2.9, 3.6, 1.4, 3.1, 2.1],
    )
    add_heading(doc, "What the evidence shows", 2)
    add_para(doc, "Each item tells the LIS something it should know:", keep_with_next=True)
    add_bullet_loop(doc, "e in evidence.entries", ("{{ e.title }}: ", "b"), "{{ e.insight }}")
    add_tag(doc, "endif")
    add_if(
        doc,
        "not evidence.has_items",
        "We have not yet listed the evidence we can offer. Officers will add it as the LIS "
        "evidence base takes shape.",
    )


def add_evidence_anchors(doc: DocumentObject) -> None:
    """The anchor institutions asked for evidence."""
    add_heading(doc, "Anchor institutions asked to contribute", 2)
    add_tag(doc, "if evidence.has_anchors")
    add_para(
        doc,
        "Anchor institutions such as universities, colleges and hospitals hold evidence the LIS "
        "needs. We have asked the following to contribute, and the table shows where each stands.",
    )
    add_table_loop(
        doc,
        "Anchor institutions asked for evidence",
        ["Institution", "Type", "What they offer", "Status"],
        "n in evidence.anchors",
        ["{{ n.name }}", "{{ n.kind }}", "{{ n.contribution }}", "{{ n.status }}"],
        [3.8, 2.4, 7.8, 3.0],
    )
    add_tag(doc, "endif")
    add_if(
        doc,
        "not evidence.has_anchors",
        "We have not yet asked anchor institutions for evidence. We will approach local "
        "universities, colleges and NHS trusts before the evidence base is finalised.",
    )


def add_foundations(doc: DocumentObject) -> None:
    """The section 'Priorities and asks by foundation'."""
    add_heading(doc, "Priorities and asks by foundation", 1)
    add_para(
        doc,
        "The LIS is built around five foundations of productivity: Ideas, People, "
        "Infrastructure, Business environment and Place. This section sets out our priorities "
        "under each one.",
    )
    add_para(
        doc,
        "A priority can serve more than one foundation, so it may appear more than once. Asks "
        "keep the same number wherever they appear, and each names who it is addressed to.",
    )
    add_tag(doc, "for f in foundations")
    add_heading(doc, "{{ f.name }}", 2)
    add_para(doc, ("Ambition: ", "b"), "{{ f.ambition }}")
    add_if(doc, "f.has_evidence", ("Our evidence: ", "b"), "{{ f.evidence }}.")
    add_tag(doc, "for p in f.priorities")
    add_heading(doc, "{{ p.number }}: {{ p.title }}", 3)
    add_para(doc, "{{ p.summary }}")
    add_para(doc, ("Foundations: ", "b"), "{{ p.foundations }}", keep_with_next=True)
    add_bullet_loop(doc, "a in p.asks", ("{{ a.number }}", "b"), " (to {{ a.of }}): {{ a.ask }}")
    add_if(doc, "not p.asks", "This priority makes no specific ask at this stage.")
    add_tag(doc, "endfor")
    add_if(
        doc,
        "not f.has_priorities",
        "We have no priority under this foundation at present. We will still support the LIS "
        "here through the roles set out later in this paper.",
    )
    add_tag(doc, "endfor")


def add_roles(doc: DocumentObject) -> None:
    """The section 'The roles we will play'."""
    add_heading(doc, "The roles we will play", 1)
    add_para(
        doc,
        "Councils can help shape and deliver the LIS in seven ways. For each role we say what it "
        "involves and list the firm commitments we are making.",
    )
    add_tag(doc, "for r in roles")
    add_heading(doc, "{{ r.number }}. {{ r.name }}", 2)
    add_para(doc, ("{{ r.summary }}", "i"))
    add_bullet_loop(doc, "c in r.commitments", "{{ c }}")
    add_if(
        doc,
        "not r.has_commitments",
        "We have not yet made a specific commitment under this role.",
    )
    add_tag(doc, "endfor")


def add_strategies(doc: DocumentObject) -> None:
    """The section 'Our family of strategies'."""
    add_heading(doc, "Our family of strategies", 1)
    add_para(
        doc,
        "The LIS is one of several plans that shape growth in {{ place.name }}. Partners need a "
        "shared view of how they fit, so that each plan does its own job and none pulls against "
        "another.",
    )
    add_tag(doc, "if strategies")
    add_table_loop(
        doc,
        "The family of strategies around the LIS",
        ["Strategy", "Owner", "Status", "Horizon", "Foundations", "Agreed with LEP"],
        "s in strategies",
        ["{{ s.name }}", "{{ s.owner }}", "{{ s.status }}", "{{ s.horizon }}",
         "{{ s.foundations }}", "{{ s.agreed }}"],
        [3.5, 3.7, 2.8, 2.1, 3.0, 1.9],
    )
    add_heading(doc, "How each strategy relates to the LIS", 2)
    add_tag(doc, "for s in strategies")
    add_heading(doc, "{{ s.name }}", 3)
    add_para(doc, "{{ s.relation }}")
    add_tag(doc, "endfor")
    add_tag(doc, "endif")
    add_if(
        doc,
        "not strategies",
        "We have not yet listed the strategies that sit alongside the LIS. We will map them "
        "before this contribution is agreed.",
    )


def add_forums(doc: DocumentObject) -> None:
    """The section 'The forums we work through'."""
    add_heading(doc, "The forums we work through", 1)
    add_tag(doc, "if forums")
    add_para(
        doc,
        "We shape the LIS through the forums below. Some bring councillors together, some bring "
        "officers together, and some also include the LEP and wider partners. The map shows "
        "who takes part in each.",
        keep_with_next=True,  # on the map's page, not alone at the foot of the one before
    )
    doc.add_paragraph("{{p forum_map() }}")  # councils, forums and the LEP board
    add_table_loop(
        doc,
        "Forums through which the council shapes the LIS",
        ["Forum", "Type", "Who attends", "Meets", "Steers the LIS"],
        "f in forums",
        ["{{ f.name }}", "{{ f.kind }}", "{{ f.level }}", "{{ f.meets }}", "{{ f.steers }}"],
        [5.6, 3.4, 2.6, 3.4, 2.0],
    )
    add_heading(doc, "What each forum does", 2)
    add_tag(doc, "for f in forums")
    add_heading(doc, "{{ f.name }}", 3)
    add_para(doc, "{{ f.remit }}")
    add_para(doc, ("Chair: ", "b"), "{{ f.chair }}")
    add_if(doc, "f.members", ("Members: ", "b"), "{{ f.members }}.")
    add_para(
        doc,
        ("Councils taking part: ", "b"),
        "{{ f.councils }}. ",
        ("LEP takes part: ", "b"),
        "{{ f.lep }}.",
    )
    add_tag(doc, "endfor")
    add_tag(doc, "endif")
    add_if(
        doc,
        "not forums",
        "We have not yet recorded the forums through which we shape the LIS. Officers will add "
        "them, with their remits, before this contribution is agreed.",
    )


def add_engagement(doc: DocumentObject) -> None:
    """The section 'Engagement with business, anchors and government'."""
    add_heading(doc, "Engagement with business, anchors and government", 1)
    add_para(
        doc,
        "Businesses, anchor institutions and government should hear one message from the council "
        "and the LEP. This section sets out that message and who we talk to.",
    )
    add_tag(doc, "if engagement.consistent_message")
    add_heading(doc, "Our shared message", 2)
    add_para(doc, "{{ engagement.consistent_message }}")
    add_tag(doc, "endif")
    for key, heading, caption in (
        ("businesses", "Businesses", "Businesses the council engages on the LIS"),
        ("anchors", "Anchor institutions", "Anchor institutions the council engages on the LIS"),
        ("government", "Government departments", "Government departments the council engages"),
    ):
        add_tag(doc, f"if engagement.{key}")
        add_heading(doc, heading, 2)
        add_table_loop(
            doc,
            caption,
            ["Organisation", "How we engage"],
            f"e in engagement.{key}",
            ["{{ e.name }}", "{{ e.how }}"],
            [5.5, 11.5],
        )
        add_tag(doc, "endif")
    add_if(
        doc,
        "not engagement.has_any",
        "We have not yet recorded who we engage about the LIS. Officers will list the businesses, "
        "anchor institutions and departments we work with.",
    )


def add_next_steps(doc: DocumentObject) -> None:
    """The section 'Next steps'."""
    add_heading(doc, "Next steps", 1)
    add_tag(doc, "if next_steps")
    add_para(
        doc,
        "The table sets out what we will do next, who is responsible and when each action is "
        "due. Each owner is a named post, so progress can be checked.",
    )
    add_table_loop(
        doc,
        "Next steps",
        ["Action", "Owner", "Due"],
        "s in next_steps",
        ["{{ s.action }}", "{{ s.owner }}", "{{ s.due }}"],
        [9.4, 4.6, 3.0],
        keep_with_next=True,  # so the closing contact section never stands alone on a page
    )
    add_tag(doc, "endif")
    add_if(
        doc,
        "not next_steps",
        "We have not yet agreed next steps. They will be added, each with an owner and a date, "
        "before this contribution is agreed.",
        keep_with_next=True,
    )

    add_contact_section(doc, "For more information about this paper, please contact:")


CONTRIBUTION_SECTIONS: tuple[Callable[[DocumentObject], None], ...] = (
    add_summary,
    add_place_and_partners,
    add_vision,
    add_evidence,
    add_foundations,
    add_roles,
    add_strategies,
    add_forums,
    add_engagement,
    add_next_steps,
)


def add_lep_leaders(doc: DocumentObject) -> None:
    """The LEP's chair, vice chair and director, each only when known."""
    add_if(doc, "place.lep.chair", ("Chair: ", "b"), "{{ place.lep.chair }}",
           style="List Bullet")
    add_if(doc, "place.lep.vice_chair", ("Vice chair: ", "b"), "{{ place.lep.vice_chair }}",
           style="List Bullet")
    add_if(doc, "place.lep.director", ("Director: ", "b"), "{{ place.lep.director }}",
           style="List Bullet")


# --- the board briefing note ---------------------------------------------------------------


def build_briefing() -> DocumentObject:
    doc = new_document()
    add_title_block(
        doc,
        "LEP board briefing note",
        "{{ council.name }}: the {{ place.name }} Local Industrial Strategy",
        extra=[
            ("To", "{% if board.has_our_members %}{{ board.our_member_names }}{% else %}"
                   "The council's representatives at the LEP{% endif %}"),
            ("From", "{{ meta.author.name }}, {{ meta.author.role }}"),
        ],
        compact=True,
    )

    for add_section in BRIEFING_SECTIONS:
        add_section(doc)
    return doc


def add_key_message(doc: DocumentObject) -> None:
    """The section 'Key message'."""
    add_heading(doc, "Key message", 1)
    add_para(
        doc,
        "{{ council.name }} wants the Local Industrial Strategy (LIS) to reflect the priorities "
        "set out below. As a council member of the LEP board, you are asked to:",
        keep_with_next=True,
    )
    for item in (
        "carry the council's agreed position to each board and sub-group meeting you attend;",
        "press for the council's numbered asks whenever the board discusses the LIS or its "
        "funding;",
        "declare any interest before the item it affects, and leave the room where the LEP's "
        "policy requires it;",
        "report back after each meeting, as set out under 'Forums and reporting back'.",
    ):
        add_para(doc, item, style="List Number")


def add_board_role(doc: DocumentObject) -> None:
    """The section 'Your role on the board'."""
    add_heading(doc, "Your role on the board", 1)
    add_para(
        doc,
        "Council members sit on the LEP board to bring democratic accountability and local "
        "intelligence. You speak for residents, and your voice carries most weight when it "
        "carries a view that all the area's councils share.",
    )
    add_heading(doc, "Your mandate", 2)
    add_if(doc, "board.mandate", "{{ board.mandate }}")
    add_if(
        doc,
        "not board.mandate",
        "This note does not yet record a mandate. If any council in the area has no seat on the "
        "board, agree with its leader how you will carry its views.",
    )


def add_position_and_asks(doc: DocumentObject) -> None:
    """The section 'The council's position and asks'."""
    add_heading(doc, "The council's position and asks", 1)
    add_tag(doc, "if priorities")
    add_para(
        doc,
        "Each of the council's priorities is listed below with its asks. The council's draft "
        "contribution to the LIS gives the full case and the evidence.",
    )
    add_tag(doc, "for p in priorities")
    add_para(doc, ("{{ p.number }}: {{ p.title }}", "b"), " ({{ p.foundations }})",
             keep_with_next=True).paragraph_format.space_after = Pt(4)
    add_bullet_loop(doc, "a in p.asks", ("{{ a.number }}", "b"), " (to {{ a.of }}): {{ a.ask }}")
    add_tag(doc, "endfor")
    add_tag(doc, "endif")
    add_if(
        doc,
        "not priorities",
        "The council has not yet agreed its priorities for the LIS. Officers will brief you as "
        "soon as it has.",
    )


def add_board_decisions(doc: DocumentObject) -> None:
    """The section 'Decisions coming to the board'."""
    add_heading(doc, "Decisions coming to the board", 1)
    add_tag(doc, "if board.has_decisions")
    add_para(
        doc,
        "The council asks you to take the position shown on each decision due at the board.",
    )
    add_table_loop(
        doc,
        "Decisions coming to the LEP board",
        ["Meeting", "Item", "Council's position"],
        "d in board.decisions",
        ["{{ d.date }}", "{{ d.item }}", "{{ d.position }}"],
        [3.0, 5.8, 8.2],
    )
    add_tag(doc, "endif")
    add_if(
        doc,
        "not board.has_decisions",
        "No decisions are recorded as due. Officers will update this note when the board "
        "publishes its forward plan.",
    )


def add_board_composition(doc: DocumentObject) -> None:
    """The section 'The board's composition'."""
    add_heading(doc, "The board's composition", 1)
    add_para(doc, "{{ board.rule_statement }}")
    add_tag(doc, "if board.sectors")
    add_table_loop(
        doc,
        "LEP board members by sector",
        ["Sector", "Members", "Share of the board"],
        "s in board.sectors",
        ["{{ s.sector }}", "{{ s.count }}", "{{ s.share }}"],
        [7.0, 4.5, 5.5],
    )
    add_tag(doc, "endif")


def add_reporting_back(doc: DocumentObject) -> None:
    """The section 'Forums and reporting back'."""
    add_heading(doc, "Forums and reporting back", 1)
    add_para(
        doc,
        "You are a main link between the board and the councils. Reporting back lets every "
        "council, including any without a seat, see how its views were carried.",
    )
    add_tag(doc, "if board.reporting_back")
    add_para(doc, "The table shows who reports back, to whom, how and how often.")
    add_table_loop(
        doc,
        "How council board members report back",
        ["Member", "Reports to", "How", "How often"],
        "r in board.reporting_back",
        ["{{ r.member }}", "{{ r.to }}", "{{ r.how }}", "{{ r.frequency }}"],
        [3.4, 4.8, 5.2, 3.6],
    )
    add_tag(doc, "endif")
    add_if(
        doc,
        "not board.reporting_back",
        "No reporting-back arrangements are recorded yet. Please agree them with officers before "
        "the next board meeting.",
    )
    add_if(doc, "board.briefing", ("How you are briefed: ", "b"), "{{ board.briefing }}")


def add_conflicts(doc: DocumentObject) -> None:
    """The section 'Conflicts of interest and confidentiality'."""
    add_heading(doc, "Conflicts of interest and confidentiality", 1)
    add_if(doc, "board.conflict_policy", ("The LEP's policy: ", "b"),
           "{{ board.conflict_policy }}")
    add_if(
        doc,
        "not board.conflict_policy",
        "This note does not yet say where the LEP publishes its conflict of interest policy. "
        "Please ask the LEP secretariat for a copy before the next meeting.",
    )
    add_para(
        doc,
        "On the board you owe a duty to the LEP and the whole area, which can pull against the "
        "council's interest as landowner or bidder. Declare such interests early and follow the "
        "policy on speaking and voting.",
    )
    add_para(
        doc,
        "Some board papers are confidential, often because they hold commercial details about "
        "firms. Report decisions and your view of them, but keep confidential content out of "
        "council papers.",
    )
    add_para(
        doc,
        "LEP board members follow the seven principles of public life, often called the Nolan "
        "principles:",
        keep_with_next=True,
    )
    add_bullet_loop(doc, "n in nolan", ("{{ n.name }}: ", "b"), "{{ n.meaning }}")


def add_board_questions(doc: DocumentObject) -> None:
    """The section 'Questions to ask at the board'."""
    add_heading(doc, "Questions to ask at the board", 1)
    add_tag(doc, "if board.questions")
    add_para(
        doc,
        "These questions may help when the board discusses the LIS:",
        keep_with_next=True,
    )
    add_tag(doc, "for q in board.questions")
    # The questions stay with the closing contact paragraph, so it never stands alone.
    restart_numbering(doc, add_para(doc, "{{ q }}", style="List Number", keep_with_next=True))
    add_tag(doc, "endfor")
    add_tag(doc, "endif")
    add_if(
        doc,
        "not board.questions",
        "No questions are suggested yet. Officers will add some before the next board meeting.",
        keep_with_next=True,
    )


def add_briefing_contact(doc: DocumentObject) -> None:
    """The section 'Contact'."""
    add_heading(doc, "Contact", 1)
    add_para(
        doc,
        "This note is dated {{ meta.date }}. For advice before a board meeting, please contact "
        + CONTACT + ".",
    )


BRIEFING_SECTIONS: tuple[Callable[[DocumentObject], None], ...] = (
    add_key_message,
    add_board_role,
    add_position_and_asks,
    add_board_decisions,
    add_board_composition,
    add_reporting_back,
    add_conflicts,
    add_board_questions,
    add_briefing_contact,
)


# --- the stock-take report -----------------------------------------------------------------

SCALE_MEANING = "{{ s.meaning }}"


def add_facts_and_actions(doc: DocumentObject, item: str, noun: str) -> None:
    """Add the facts behind a rating and its next actions, for a question or a check."""
    add_heading(doc, "Facts from the profile", 3)
    add_bullet_loop(doc, f"f in {item}.findings", "{{ f }}")
    add_if(doc, f"not {item}.findings", f"The profile holds no facts on this {noun} yet.")
    add_tag(doc, f"if {item}.actions")
    add_heading(doc, "Next actions", 3)
    add_table_loop(
        doc,
        f"Next actions for this {noun}",
        ["Action", "Owner", "Due"],
        f"a in {item}.actions",
        ["{{ a.text }}", "{{ a.owner }}", "{{ a.due }}"],
        [9.6, 4.4, 3.0],
    )
    add_tag(doc, "endif")


def build_stocktake() -> DocumentObject:
    doc = new_document()
    add_title_block(
        doc,
        "Local Industrial Strategy stock-take",
        "{{ council.name }}",
    )

    for add_section in STOCKTAKE_SECTIONS:
        add_section(doc)
    return doc


def add_about(doc: DocumentObject) -> None:
    """The section 'About this stock-take'."""
    add_heading(doc, "About this stock-take", 1)
    add_para(
        doc,
        "This report checks how well {{ council.name }} is placed to shape the {{ place.name }} "
        "Local Industrial Strategy (LIS). It answers eight questions any council can ask itself "
        "about its part in the LIS.",
    )
    add_para(
        doc,
        "For each question it gives the council's own answer and a rating drawn from the facts "
        "in the council's place profile. It then lists the facts behind the rating and any "
        "actions that follow.",
    )
    add_para(
        doc,
        "The lisdraft tool proposes each rating from the profile. Officers should check every "
        "rating and correct the profile wherever it is incomplete or out of date.",
    )
    add_heading(doc, "The rating scale", 2)
    add_para(
        doc,
        "Each rating is shown as a symbol and a word as well as a colour, so it can be read in "
        "black and white and by screen readers.",
    )
    add_table_loop(
        doc,
        "The rating scale",
        ["Rating", "What it means"],
        "s in stocktake.scale",
        ["{{ s.symbol }} {{ s.word }}", SCALE_MEANING],
        [5.0, 12.0],
    )


def add_stocktake_summary(doc: DocumentObject) -> None:
    """The section 'Summary'."""
    add_heading(doc, "Summary", 1)
    add_para(
        doc,
        "Across the eight questions the ratings are: green {{ stocktake.counts.green }}, amber "
        "{{ stocktake.counts.amber }}, red {{ stocktake.counts.red }} and not enough information "
        "{{ stocktake.counts.unknown }}.",
    )
    add_if(
        doc,
        "stocktake.disagreement_note",
        "{{ stocktake.disagreement_note }} Each one is explained under its question below.",
    )
    add_heading(doc, "The eight questions at a glance", 2)
    add_table_loop(
        doc,
        "Summary of the eight questions",
        ["No.", "Question", "Council's answer", "Rating"],
        "q in stocktake.questions",
        ["{{ q.number }}", "{{ q.short }}", "{{ q.answer }}",
         "{% rating_cell q %}"],
        [1.3, 8.2, 3.7, 3.8],
    )
    add_heading(doc, "The six steps at a glance", 2)
    add_para(
        doc,
        "Each step takes the lowest rating among the questions and checks it rests on. The "
        "checklist at the end of this report shows what each rating is based on.",
    )
    add_table_loop(
        doc,
        "Summary of the six steps",
        ["Step", "Name", "Rating"],
        "s in stocktake.steps",
        ["{{ s.number }}", "{{ s.name }}", "{% rating_cell s %}"],
        [1.3, 11.9, 3.8],
    )
    add_tag(doc, "if stocktake.board_checks")
    add_heading(doc, "Checks on the LEP board at a glance", 2)
    add_table_loop(
        doc,
        "Summary of the checks on the LEP board",
        ["Check", "Rating"],
        "c in stocktake.board_checks",
        ["{{ c.question }}", "{% rating_cell c %}"],
        [13.2, 3.8],
    )
    add_tag(doc, "endif")


def add_questions(doc: DocumentObject) -> None:
    """The section 'The eight questions'."""
    add_heading(doc, "The eight questions", 1)
    add_tag(doc, "for q in stocktake.questions")
    add_heading(doc, "{{ q.number }}. {{ q.text }}", 2)
    add_para(doc, ("Council's answer: ", "b"), "{{ q.answer }}")
    add_if(doc, "q.note", "{{ q.note }}")
    add_para(doc, ("Rating: ", "b"), "{{ q.rating_cell }}")
    add_if(doc, "q.disagreement", ("Why the rating differs: ", "b"), "{{ q.disagreement }}")
    add_facts_and_actions(doc, "q", "question")
    add_tag(doc, "endfor")


def add_board_checks(doc: DocumentObject) -> None:
    """The section 'Checks on the LEP board'."""
    add_tag(doc, "if stocktake.board_checks")
    add_heading(doc, "Checks on the LEP board", 1)
    add_para(
        doc,
        "These checks test the board arrangements that council members rely on: its balance, "
        "their mandate, the conflict of interest policy and reporting back.",
    )
    add_tag(doc, "for c in stocktake.board_checks")
    add_heading(doc, "{{ c.question }}", 2)
    add_para(doc, ("Rating: ", "b"), "{{ c.rating_cell }}")
    add_facts_and_actions(doc, "c", "check")
    add_tag(doc, "endfor")
    add_tag(doc, "endif")


def add_action_plan(doc: DocumentObject) -> None:
    """The section 'Action plan'."""
    add_heading(doc, "Action plan", 1)
    add_tag(doc, "if stocktake.actions")
    add_para(
        doc,
        "The table brings together every action from the questions and checks above. Each has "
        "an owner and a date, and progress will be checked at the next review.",
    )
    add_table_loop(
        doc,
        "Action plan",
        ["Action", "Owner", "Due"],
        "a in stocktake.actions",
        ["{{ a.text }}", "{{ a.owner }}", "{{ a.due }}"],
        [9.6, 4.4, 3.0],
    )
    add_tag(doc, "endif")
    add_if(
        doc,
        "not stocktake.actions",
        "No actions arise from this stock-take. The council should still check every rating at "
        "the next review.",
    )


def add_checklist(doc: DocumentObject) -> None:
    """The section 'Checklist: six steps to effective engagement'."""
    add_heading(doc, "Checklist: six steps to effective engagement", 1)
    add_para(
        doc,
        "The six steps describe how a council can help make the LIS a plan that every partner "
        "owns. Tick each box when the council is content with its answer to the question.",
    )
    add_tag(doc, "for s in stocktake.steps")
    add_heading(doc, "Step {{ s.number }}: {{ s.name }}", 2)
    add_para(doc, "{{ s.summary }}", keep_with_next=True)
    add_para(doc, ("Rating: ", "b"), "{{ s.rating_cell }}. ", ("Based on: ", "b"),
             "{{ s.based_on }}.", keep_with_next=True)
    add_tag(doc, "for x in s.questions")
    add_checkbox_item(doc, "☐\t{{ x }}")
    add_tag(doc, "endfor")
    add_tag(doc, "endfor")


def add_next_review(doc: DocumentObject) -> None:
    """The section 'Next review'."""
    add_heading(doc, "Next review", 1)
    add_para(
        doc,
        "The council will next review this stock-take by {{ stocktake.review_date }}. By then, "
        "each action should be done, or have a new date and a reason for the delay.",
        keep_with_next=True,  # this short closing section stays with the contact details
    )
    add_para(
        doc,
        "To update the ratings, bring the place profile up to date and produce this report "
        "again, so the ratings always rest on the latest facts.",
        keep_with_next=True,
    )
    add_contact_section(doc, "For more information about this stock-take, please contact:")


STOCKTAKE_SECTIONS: tuple[Callable[[DocumentObject], None], ...] = (
    add_about,
    add_stocktake_summary,
    add_questions,
    add_board_checks,
    add_action_plan,
    add_checklist,
    add_next_review,
)


# --- area overview -------------------------------------------------------------------------


def build_area_overview() -> DocumentObject:
    doc = new_document(
        header="{{ area.name }} Local Industrial Strategy\tArea overview",
        footer="{{ area.name }} area overview",
    )
    add_para(doc, "Area overview: the councils of {{ area.name }}", style="Title")
    add_para(doc, "Their part in the Local Industrial Strategy, side by side", style="Subtitle")
    add_label_line(doc, "Place", "{{ area.name }}")
    add_label_line(doc, "Local Enterprise Partnership (LEP)", "{{ area.lep }}")
    add_label_line(doc, "Councils covered", "{{ area.councils }}")
    add_label_line(doc, "Date", "{{ area.date }}").paragraph_format.space_after = Pt(12)
    for add_section in OVERVIEW_SECTIONS:
        add_section(doc)
    return doc


def add_overview_about(doc: DocumentObject) -> None:
    """The section 'About this overview'."""
    add_heading(doc, "About this overview", 1)
    add_para(
        doc,
        "This overview puts the {{ area.council_count }} councils of {{ area.name }} side by "
        "side. It is drawn from each council's own place profile and from the area file they "
        "share, which holds the LEP board, the forums and the shared strategies.",
    )
    add_if(
        doc,
        "area.not_covered",
        "It does not cover {{ area.not_covered }}, which had no profile in this build.",
    )
    add_if(
        doc,
        "area.vision",
        ("The shared vision: ", "b"),
        "{{ area.vision }} ({{ area.vision_owner }})",
    )
    add_table_loop(
        doc,
        "The councils covered",
        ["Council", "Type", "Profile", "Ratings", "Contact"],
        "c in councils",
        ["{{ c.name }}", "{{ c.type }}", "{{ c.status }}", "{{ c.counts }}", "{{ c.contact }}"],
        [3.6, 2.6, 2.8, 3.6, 4.4],
    )


def add_overview_matrix(doc: DocumentObject) -> None:
    """The section 'The eight questions, council by council': councils side by side."""
    add_heading(doc, "The eight questions, council by council", 1)
    add_para(
        doc,
        "For each stock-take question the table gives every council's own answer and, below "
        "it, the rating lisdraft draws from its profile: the same rating as in that council's "
        "stock-take report. Each rating is a symbol and a word as well as a colour. The "
        "councils sit side by side, one column each, and at most four to a table.",
        keep_with_next=True,
    )
    add_tag(doc, "for part in matrix")
    add_if(doc, "part.title", "{{ part.title }}", style="Heading 2")
    add_column_loop_table(
        doc,
        "The eight questions, council by council",
        ["No.", "Question"],
        ("c in part.councils", "{{ c }}"),
        "q in part.rows",
        ["{{ q.number }}", "{{ q.short }}"],
        ("a in q.answers", ["{{ a.answer }}", "{% rating_cell a %}"]),
        [1.1, 4.9, 11.0],
    )
    add_tag(doc, "endfor")


def add_column_loop_table(doc: DocumentObject, caption: str, headers: Sequence[str],
                          header_loop: tuple[str, str], loop: str, cells: Sequence[str],
                          cell_loop: tuple[str, Sequence[str]], widths: Sequence[float]) -> Table:
    """A table whose last column repeats once per item (docxtpl's `{%tc for %}` column loop).

    `header_loop` is the header's loop and the repeated header cell's text;
    `cell_loop` is each row's loop and the repeated cell's paragraphs. `widths`
    gives the fixed columns' widths, then the repeated columns' width together:
    lisdraft fits the columns to their text when it renders the table.
    """
    loop_cell = 0.3  # the cells holding the column loop's tags, which docxtpl removes
    columns = [*widths[:-1], loop_cell, widths[-1] - 2 * loop_cell, loop_cell]
    table = _new_table(
        doc,
        [*headers, f"{{%tc for {header_loop[0]} %}}", header_loop[1], "{%tc endfor %}"],
        columns,
        caption,
    )
    blanks = [""] * (len(columns) - 1)
    for texts in ([f"{{%tr for {loop} %}}", *blanks], None, ["{%tr endfor %}", *blanks]):
        row = _add_row(table)
        if texts is None:  # the row of cells: its last column's cell has several paragraphs
            first = cell_loop[1][0]
            _fill_row(row, [*cells, f"{{%tc for {cell_loop[0]} %}}", first, "{%tc endfor %}"],
                      columns)
            repeated = row.cells[len(cells) + 1]
            for text in cell_loop[1][1:]:
                paragraph = repeated.add_paragraph(text)
                paragraph.paragraph_format.space_after = Pt(2)
        else:
            _fill_row(row, texts, columns)
        _mark_row(row, header=False)
    return table


def add_overview_board(doc: DocumentObject) -> None:
    """The section 'The LEP board'."""
    add_heading(doc, "Seats on the LEP board and reporting back", 1)
    add_table_loop(
        doc,
        "Board seats and reporting back, by council",
        ["Council", "Board members for it", "Leader on the board", "Reporting back"],
        "s in seats",
        ["{{ s.council }}", "{{ s.members }}", "{{ s.leader_on_board }}",
         "{{ s.reporting_text }}"],
        [3.6, 3.6, 2.2, 7.6],
    )
    add_heading(doc, "Mandates", 2)
    add_tag(doc, "for m in mandates")
    add_para(doc, ("Given by ", "b"), ("{{ m.councils }}", "b"), (":", "b"))
    add_para(doc, "{{ m.text }}")
    add_tag(doc, "endfor")


def add_overview_forums(doc: DocumentObject) -> None:
    """The section 'Forums'."""
    add_heading(doc, "Forums", 1)
    add_para(
        doc,
        "Which of the councils covered take part in each of the area's forums, and which do "
        "not.",
    )
    add_table_loop(
        doc,
        "Forums and the councils that take part",
        ["Forum", "Level", "LEP takes part", "Councils taking part", "Not taking part"],
        "f in forums",
        ["{{ f.name }}", "{{ f.level }}", "{{ f.lep }}", "{{ f.councils }}", "{{ f.gaps }}"],
        [4.6, 2.2, 2.0, 4.1, 4.1],
    )
    add_para(
        doc,
        "The map shows who takes part in each forum, and where the LEP does.",
        keep_with_next=True,  # on the map's page
    )
    doc.add_paragraph("{{p forum_map() }}")  # every council of the area, the forums, the LEP


def add_overview_strategies(doc: DocumentObject) -> None:
    """The section 'The family of strategies'."""
    add_heading(doc, "The family of strategies", 1)
    add_para(doc, "The area file lists the strategies all the councils share:")
    add_table_loop(
        doc,
        "Shared strategies",
        ["Strategy", "Owner", "Status", "Agreed with the LEP"],
        "s in shared_strategies",
        ["{{ s.name }}", "{{ s.owner }}", "{{ s.status }}", "{{ s.agreed }}"],
        [6.0, 5.2, 3.0, 2.8],
    )
    add_tag(doc, "if own_strategies")
    add_para(doc, "Each council adds its own strategies to that family:")
    add_table_loop(
        doc,
        "Each council's own strategies",
        ["Council", "Strategy", "How it relates to the LIS", "Agreed with the LEP"],
        "s in own_strategies",
        ["{{ s.council }}", "{{ s.name }} ({{ s.status }})", "{{ s.relation }}", "{{ s.agreed }}"],
        [3.4, 4.2, 6.6, 2.8],
    )
    add_tag(doc, "endif")


def add_overview_actions(doc: DocumentObject) -> None:
    """The section 'Actions for the area'."""
    add_heading(doc, "Actions for the area", 1)
    add_tag(doc, "if actions")
    add_table_loop(
        doc,
        "Actions for the area, soonest first",
        ["Due", "Council", "Action", "Owner"],
        "a in actions",
        ["{{ a.due }}", "{{ a.council }}", "{{ a.action }}", "{{ a.owner }}"],
        [2.8, 3.6, 6.8, 3.8],
    )
    add_tag(doc, "endif")
    add_if(doc, "not actions", "None of the councils' profiles lists a next step.")


def add_overview_warnings(doc: DocumentObject) -> None:
    """The section 'Where a profile and the area file disagree'."""
    add_heading(doc, "Where a profile and the area file disagree", 1)
    add_tag(doc, "if warnings")
    add_para(
        doc,
        "Each point names the place in the council's profile and the place in the area file. "
        "Correct whichever is wrong and build again.",
    )
    add_bullet_loop(doc, "w in warnings", "{{ w }}")
    add_tag(doc, "endif")
    add_if(doc, "not warnings", "No council's profile contradicts the area file.")


OVERVIEW_SECTIONS: tuple[Callable[[DocumentObject], None], ...] = (
    add_overview_about,
    add_overview_matrix,
    add_overview_board,
    add_overview_forums,
    add_overview_strategies,
    add_overview_actions,
    add_overview_warnings,
)


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "contribution": build_contribution,
    "briefing": build_briefing,
    "stocktake": build_stocktake,
    "area-overview": build_area_overview,
}


def write_templates(out_dir: Path) -> list[Path]:
    """Write the templates into `out_dir`, the same bytes on every run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in BUILDERS.items():
        buffer = io.BytesIO()
        build().save(buffer)
        path = out_dir / f"{name}.docx"
        path.write_bytes(normalise(buffer.getvalue(), ZIP_EPOCH))
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write lisdraft's built-in Word templates.")
    parser.add_argument("--out", type=Path, default=OUT_DIR,
                        help="folder to write them in (default: templates/docx)")
    for path in write_templates(parser.parse_args(argv).out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
