"""docxtpl, and everything lisdraft asks of it: the one module that imports docxtpl.

docxtpl turns a Word part into Jinja source in `patch_xml`: it first joins
tags that Word split across runs, then rewrites its own tags (`{%p %}`,
`{%tr %}`, `cellbg` ...). lisdraft adds `{% rating_cell X %}`, which it
expands into docxtpl's `cellbg` plus the rating's word before docxtpl sees
it (`LisdraftTemplate`).

The speed layer (`lisdraft.word.prepared`) repeats `DocxTemplate.render` one
part at a time, through the methods below, each a public (non-underscore)
method of docxtpl: `get_docx`, `get_xml`, `get_headers_footers`,
`get_part_xml`, `get_headers_footers_encoding`, `patch_xml`,
`render_xml_part`, `fix_tables` and `fix_docpr_ids`; `render_xml_part` is
repeated with string replacements where docxtpl uses regular expressions
(`_PartTemplate`). Those are the steps of the docxtpl releases in
`KNOWN_VERSIONS`; with any other release,
`fast_path_known` is false and documents are rendered by docxtpl's own
`render` (`render_with_docxtpl`), slower but always as docxtpl intends.

Importing this module imports docxtpl, so import it only when a document is
rendered or checked.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docxtpl
from docx.oxml.ns import nsmap as docx_prefixes
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError

from lisdraft.word.ooxml import FOOTNOTES_CONTENT_TYPE, NS, children, first_child
from lisdraft.word.tablefit import fit_tables

# docxtpl imports docxcompose, which points python-docx's prefix 'cp' at the
# custom-properties namespace for the whole process. python-docx then writes
# document properties such as cp:keywords there, where Word does not look for
# them. Point it back at the core-properties namespace python-docx means.
docx_prefixes["cp"] = NS["cp"]

#: docxtpl releases (major.minor) whose `render` the fast path repeats step by step.
#: Add a release here only after the test suite passes with it installed.
KNOWN_VERSIONS = ("0.20",)

# The first two steps of docxtpl 0.20's patch_xml, which it repeats harmlessly:
# '{' and '{' (or '%', '#') separated only by XML tags become '{{' ...
_SPLIT_BRACES = re.compile(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", re.DOTALL)
# ... and inside a tag, everything between one run's text and the next is dropped.
_TAG_BODY = re.compile(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", re.DOTALL)
_BETWEEN_TEXTS = re.compile(r"</w:t>.*?(<w:t>|<w:t [^>]*>)", re.DOTALL)

# A tab, new line, page break or docxtpl's paragraph mark inside a run's text (a w:t
# holds no '<'): the only characters docxtpl's `resolve_listing` changes.
_LISTING_CHARACTER = re.compile(r"<w:t(?: [^>]*)?>[^<\t\a\n\f]*[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)

RATING_CELL = re.compile(r"{%\s*rating_cell\s+([^%]*?)\s*%}")

# docxtpl's `cellbg` and `colspan` put w:shd and w:gridSpan first in a cell's
# w:tcPr; the schema wants its children in this order (ECMA-376 CT_TcPr).
_TCPR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
)
_TCPR = re.compile(r"(<w:tcPr>)(.*?)(</w:tcPr>)", re.DOTALL)
_TCPR_CHILD = re.compile(r"<w:(\w+)\b[^>]*?/>|<w:(\w+)\b[^>]*>.*?</w:\2>", re.DOTALL)


def fast_path_known(version: str | None = None) -> bool:
    """Return whether docxtpl `version` (the installed one by default) is in `KNOWN_VERSIONS`."""
    major_minor = ".".join((version or docxtpl.__version__).split(".")[:2])
    return major_minor in KNOWN_VERSIONS


def merge_split_tags(xml: str) -> str:
    """Return `xml` with tags split across runs joined, exactly as docxtpl joins them."""
    xml = _SPLIT_BRACES.sub("", xml)
    return _TAG_BODY.sub(lambda m: _BETWEEN_TEXTS.sub("", m.group(0)), xml)


def expand_rating_cell(source: str) -> str:
    """Return `source` with each `{% rating_cell X %}` written as docxtpl tags."""
    return RATING_CELL.sub(
        lambda m: f"{{% cellbg ({m.group(1)})|rating_fill %}}{{{{ ({m.group(1)})|rating_text }}}}",
        source,
    )


def order_cell_properties(xml: str) -> str:
    """Return `xml` with the children of each w:tcPr in the schema's order."""

    def reorder(match: re.Match[str]) -> str:
        children = list(_TCPR_CHILD.finditer(match.group(2)))
        if "".join(c.group(0) for c in children) != match.group(2):
            return match.group(0)  # something other than plain elements: leave it be
        rank = {tag: index for index, tag in enumerate(_TCPR_ORDER)}
        children.sort(key=lambda c: rank.get(c.group(1) or c.group(2), len(rank)))
        return match.group(1) + "".join(c.group(0) for c in children) + match.group(3)

    return _TCPR.sub(reorder, xml)


class LisdraftTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """A docxtpl template that also understands `{% rating_cell X %}`."""

    def patch_xml(self, src_xml: str) -> str:
        """Return the part's XML as Jinja source, lisdraft's shorthand expanded first."""
        patched: str = super().patch_xml(expand_rating_cell(merge_split_tags(src_xml)))
        return order_cell_properties(patched)

    def resolve_listing(self, xml: str) -> str:
        """Return `xml` with tabs and line breaks in text made Word's, as docxtpl does.

        docxtpl walks every paragraph and run with regular expressions to find
        them, and leaves a paragraph without any as it is; so only the
        paragraphs that hold one are handed to it.
        """
        hits = [match.span() for match in _LISTING_CHARACTER.finditer(xml)]
        if not hits:
            return xml
        pieces = []
        done = next_hit = 0
        for paragraph in _PARAGRAPH.finditer(xml):  # the paragraphs docxtpl's walk finds
            start, end = paragraph.span()
            while next_hit < len(hits) and hits[next_hit][0] < start:
                next_hit += 1
            if next_hit == len(hits):
                break  # no paragraph further on holds one
            if hits[next_hit][1] <= end:
                pieces += [xml[done:start], super().resolve_listing(paragraph.group(0))]
                done = end
        return "".join([*pieces, xml[done:]])

    def fix_tables(self, xml: str) -> Any:
        """Return the rendered body as docxtpl tidies it, with its tables fitted to their text."""
        body = super().fix_tables(xml)
        fit_tables(body)
        return body


def patch(xml: str) -> str:
    """Return the XML of one part as the Jinja source docxtpl renders."""
    return LisdraftTemplate(None).patch_xml(xml)


@dataclass(frozen=True)
class PatchedParts:
    """The zip members of a template that a render changes, with docxtpl's Jinja source."""

    document: str  # the member holding the main document
    body: str  # the patched XML of the document body
    stories: list[tuple[str, str, str]]  # headers then footers: member, encoding, patched XML
    footnotes: list[tuple[str, str]]  # member, patched XML
    core: str | None  # the member holding the document properties, if there is one


def patched_parts(data: bytes) -> PatchedParts:
    """Return the parts of the .docx in `data` that `DocxTemplate.render` renders, patched."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart

    helper = LisdraftTemplate(io.BytesIO(data))
    document = helper.get_docx()
    package = document.part.package
    stories: dict[str, tuple[str, str, str]] = {}
    for uri in (helper.HEADER_URI, helper.FOOTER_URI):  # docxtpl's order
        for _, part in helper.get_headers_footers(uri):
            name = part.partname.membername
            xml = helper.get_part_xml(part)
            encoding = helper.get_headers_footers_encoding(xml)
            stories.setdefault(name, (name, encoding, helper.patch_xml(xml)))
    # docxtpl renders footnotes as text when python-docx keeps them as bytes.
    footnotes = [
        (part.partname.membername, helper.patch_xml(part.blob.decode("utf-8")))
        for part in (package.parts if document.sections else [])
        if part.content_type == FOOTNOTES_CONTENT_TYPE and not isinstance(part, XmlPart)
    ]
    try:
        core: str | None = package.part_related_by(RT.CORE_PROPERTIES).partname.membername
    except KeyError:
        core = None
    return PatchedParts(
        document=document.part.partname.membername,
        body=helper.patch_xml(helper.get_xml()),
        stories=list(stories.values()),
        footnotes=footnotes,
        core=core,
    )


class _PartTemplate(LisdraftTemplate):
    """The template the fast path renders parts with (a known docxtpl release only).

    docxtpl 0.20's `render_xml_part` puts each paragraph on a line of its
    own before rendering, so that Jinja's errors give a line near the fault,
    and takes the line breaks out again afterwards, both with regular
    expressions whose replacement is expanded for each of thousands of
    paragraphs. Here the same two steps are plain string replacements (a
    paragraph starts with '<w:p>' or '<w:p '), which give the same text.
    """

    def render_xml_part(
        self, src_xml: str, part: Any, context: Mapping[str, Any], jinja_env: Any = None
    ) -> str:
        """Return the part rendered, exactly as docxtpl 0.20's `render_xml_part` does."""
        src_xml = src_xml.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ")
        try:
            self.current_rendering_part = part
            dst_xml: str = jinja_env.from_string(src_xml).render(context)
        except TemplateError as exc:  # docxtpl's context for the error, as it gives it
            if getattr(exc, "lineno", None) is not None:
                line_number = max(exc.lineno - 4, 0)  # type: ignore[attr-defined]
                exc.docx_context = [  # type: ignore[attr-defined]
                    re.sub(r"<[^>]+>", "", line)
                    for line in src_xml.splitlines()[line_number : line_number + 7]
                ]
            raise
        dst_xml = dst_xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
        dst_xml = (
            dst_xml.replace("{_{", "{{")
            .replace("}_}", "}}")
            .replace("{_%", "{%")
            .replace("%_}", "%}")
        )
        return self.resolve_listing(dst_xml)

    def fix_tables(self, xml: str) -> Any:
        """Return the rendered body as docxtpl 0.20's `fix_tables` tidies it, tables fitted.

        docxtpl finds each cell's properties with lxml's path finder, twice for
        every cell of every table: a third of a second for a table of 2,000
        rows. `_fix_grids` gives the same tree reading children directly.
        """
        from lxml import etree  # type: ignore[import-untyped]

        body = etree.fromstring(xml, parser=etree.XMLParser(recover=True))  # as docxtpl parses
        _fix_grids(body)
        fit_tables(body)
        return body


def _fix_grids(tree: Any) -> None:
    """Make each table's grid as many columns wide as its widest row, as docxtpl 0.20 does.

    The same steps as `DocxTemplate.fix_tables` after parsing, in the same
    order and with the same arithmetic; only the way cells and their
    properties are found differs.
    """
    from lxml import etree

    ns = "{" + tree.nsmap["w"] + "}"
    cell_tag, properties_tag, span_tag = ns + "tc", ns + "tcPr", ns + "gridSpan"
    width, value = ns + "w", ns + "val"

    def span(cell: Any) -> int:
        properties = first_child(cell, properties_tag)
        merged = None if properties is None else first_child(properties, span_tag)
        return 1 if merged is None else int(merged.get(value))

    for table in tree.iter(ns + "tbl"):
        grid = table.find(ns + "tblGrid")
        columns = grid.findall(ns + "gridCol")
        rows = [children(row, cell_tag) for row in table.iter(ns + "tr")]
        to_add = max(max((len(cells) for cells in rows), default=0) - len(columns), 0)
        if to_add > 0:  # docxtpl's widening, unchanged
            total = 0.0
            for column in columns:
                if column.get(width) is not None:
                    total += float(column.get(width))
            if total > 0:
                old_average = total / len(columns)
                new_average = total / (len(columns) + to_add)
                for column in columns:
                    scaled = float(column.get(width)) * new_average / old_average
                    column.set(width, str(int(scaled)))
                for _ in range(to_add):
                    etree.SubElement(grid, ns + "gridCol", {width: str(int(new_average))})
        columns = grid.findall(ns + "gridCol")
        widest = max((sum(span(cell) for cell in cells) for cells in rows), default=0)
        to_remove = len(columns) - widest
        if to_remove > 0:  # docxtpl's narrowing, unchanged
            removed = 0.0
            for column in columns[-to_remove:]:
                removed += float(column.get(width))
                grid.remove(column)
            left = grid.findall(ns + "gridCol")
            extra = int(removed / len(left)) if left else 0
            for column in left:
                column.set(width, str(int(float(column.get(width)) + extra)))


class PartRenderer:
    """docxtpl's steps for rendering patched parts, with no document loaded.

    Make one per document (it numbers the document's pictures as docxtpl
    does, from 1001), with the Jinja `environment` to render in.
    """

    def __init__(self, environment: Environment) -> None:
        self._environment = environment
        self._template = _PartTemplate(None)
        self._template.current_rendering_part = None  # as DocxTemplate.render_init sets them
        self._template.docx_ids_index = 1000
        self._template.pic_map = {}

    def part(self, source: str, context: Mapping[str, Any]) -> str:
        """Return the rendered XML of a header, footer or footnotes part."""
        rendered: str = self._template.render_xml_part(source, None, context, self._environment)
        return rendered

    def body(self, source: str, context: Mapping[str, Any]) -> Any:
        """Return the rendered body as an lxml tree, its tables and picture ids fixed."""
        tree = self._template.fix_tables(self.part(source, context))
        self._template.fix_docpr_ids(tree)
        return tree


def render_with_docxtpl(
    template: Path,
    context: Mapping[str, Any],
    environment: Environment,
    set_properties: Callable[[Any], None],
) -> bytes:
    """Return the .docx bytes of `template` rendered and saved by docxtpl's own `render`.

    `set_properties` is given python-docx's core properties after rendering.
    """
    document = LisdraftTemplate(str(template))
    document.render(context, jinja_env=environment, autoescape=True)
    set_properties(document.docx.core_properties)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
