"""Charts and pictures that a render adds to its document.

A template helper such as `chart` or `forum_map` runs while the body is
rendered, so it cannot write parts itself: it asks the `Drawings` of the
current render (see `collecting`) for a paragraph holding the drawing, and
the drawing's parts are written afterwards by `add_to_package`, with their
relationships and content types. Relationship ids are chosen up front
(`rIdLisdraft1`, ...), part names when the package is written, so they never
clash with parts a template already has.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal

from lisdraft.word.charts import (
    CHART_CONTENT_TYPE,
    CHART_RELATIONSHIP,
    WORKBOOK_CONTENT_TYPE,
    BarChart,
    bar_chart_xml,
    chart_relationships,
    workbook,
)
from lisdraft.word.ooxml import xml_attribute
from lisdraft.word.package import Package

IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
EMU_PER_CM = 360_000
PictureFormat = Literal["png", "jpeg"]
_PICTURE_TYPES: dict[PictureFormat, str] = {"png": "image/png", "jpeg": "image/jpeg"}
#: The width of a chart or picture on an A4 page with 2.5 cm margins, and a little to spare.
FULL_WIDTH_CM = 15.5

#: The namespaces a drawing uses, declared on it so that it reads alone.
_DECLARATIONS = (
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
)
_NAMESPACES = "".join(_DECLARATIONS).strip()


@dataclass
class Drawings:
    """The charts and pictures one render puts in its document, in the order asked for."""

    when: dt.datetime
    charts: list[tuple[str, BarChart]] = field(default_factory=list)
    pictures: list[tuple[str, bytes, PictureFormat]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.charts or self.pictures)

    def _next_id(self) -> tuple[int, str]:
        number = len(self.charts) + len(self.pictures) + 1
        return number, f"rIdLisdraft{number}"

    def chart(self, chart: BarChart, height_cm: float) -> str:
        """Return a centred paragraph holding `chart`, full width and `height_cm` high."""
        number, rid = self._next_id()
        self.charts.append((rid, chart))
        graphic = (
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            f'r:id="{rid}"/></a:graphicData>'
        )
        name = f"Chart {len(self.charts)}"
        return _paragraph(number, name, chart.alt_text, FULL_WIDTH_CM, height_cm, graphic)

    def picture(
        self,
        data: bytes,
        size: tuple[int, int],
        alt_text: str,
        name: str,
        width_cm: float = FULL_WIDTH_CM,
        image_format: PictureFormat = "png",
        align: str = "center",
    ) -> str:
        """Return a paragraph holding the picture `data` (`size` in pixels), `width_cm` wide.

        `image_format` is 'png' or 'jpeg'; `align` is Word's paragraph
        alignment ('center', 'left'). The height keeps the picture's proportions.
        """
        number, rid = self._next_id()
        self.pictures.append((rid, data, image_format))
        height_cm = width_cm * size[1] / size[0]
        extent = _extent(width_cm, height_cm)
        graphic = (
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:nvPicPr><pic:cNvPr id="0" name={xml_attribute(name)}/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext {extent}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            "</pic:spPr></pic:pic></a:graphicData>"
        )
        return _paragraph(number, name, alt_text, width_cm, height_cm, graphic, align)


def _extent(width_cm: float, height_cm: float) -> str:
    return f'cx="{round(width_cm * EMU_PER_CM)}" cy="{round(height_cm * EMU_PER_CM)}"'


def _paragraph(
    number: int,
    name: str,
    alt_text: str,
    width_cm: float,
    height_cm: float,
    graphic: str,
    align: str = "center",
) -> str:
    """Return a paragraph, aligned `align`, holding one inline drawing."""
    return (
        f'<w:p><w:pPr><w:spacing w:before="120" w:after="120"/><w:jc w:val="{align}"/>'
        f"</w:pPr><w:r><w:drawing><wp:inline {_NAMESPACES} "
        'distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent {_extent(width_cm, height_cm)}/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{4000 + number}" name={xml_attribute(name)} '
        f"descr={xml_attribute(alt_text)}/>"
        "<wp:cNvGraphicFramePr/>"
        f"<a:graphic>{graphic}</a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


_current: ContextVar[Drawings | None] = ContextVar("lisdraft_drawings", default=None)


@contextlib.contextmanager
def collecting(when: dt.datetime) -> Iterator[Drawings]:
    """Collect the drawings that helpers ask for while a document renders."""
    drawings = Drawings(when)
    token = _current.set(drawings)
    try:
        yield drawings
    finally:
        _current.reset(token)


def current() -> Drawings | None:
    """Return the drawings of the render under way, or None outside a render (a trial)."""
    return _current.get()


def add_to_package(package: Package, drawings: Drawings) -> None:
    """Add to `package` the parts, relationships and content types `drawings` need."""
    from lxml import etree  # type: ignore[import-untyped]

    document = _main_document(package)
    folder, _, base = document.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    rels = (
        etree.fromstring(package.read(rels_name))
        if rels_name in package
        else etree.Element(f"{{{RELATIONSHIPS_NS}}}Relationships", nsmap={None: RELATIONSHIPS_NS})
    )
    types = etree.fromstring(package.read("[Content_Types].xml"))
    prefix = f"{folder}/" if folder else ""

    def free(stem: str, suffix: str) -> str:
        number = 1
        while f"{prefix}{stem}{number}{suffix}" in package:
            number += 1
        return f"{stem}{number}{suffix}"

    def relate(rid: str, kind: str, target: str) -> None:
        etree.SubElement(
            rels, f"{{{RELATIONSHIPS_NS}}}Relationship", Id=rid, Type=kind, Target=target
        )

    for rid, chart in drawings.charts:
        part = free("charts/chart", ".xml")
        book = free("embeddings/Microsoft_Excel_Worksheet", ".xlsx")
        package.write(prefix + part, bar_chart_xml(chart))
        # The workbook and the pictures are compressed already: stored as they are.
        data = kept(
            "workbook",
            f"{chart!r}{drawings.when.isoformat()}",
            ("lisdraft/word/charts.py", "xlsxwriter/__init__.py"),
            lambda chart=chart: workbook(chart, drawings.when),  # type: ignore[misc]
        )
        package.write(prefix + book, data, compress=False)
        chart_folder, _, chart_base = part.rpartition("/")
        package.write(
            f"{prefix}{chart_folder}/_rels/{chart_base}.rels", chart_relationships("../" + book)
        )
        relate(rid, CHART_RELATIONSHIP, part)
        _override(types, f"/{prefix}{part}", CHART_CONTENT_TYPE)
    for rid, picture, image_format in drawings.pictures:
        part = free("media/lisdraft-picture", f".{image_format}")
        package.write(prefix + part, picture, compress=False)
        relate(rid, IMAGE_RELATIONSHIP, part)
    if drawings.charts:
        _default(types, "xlsx", WORKBOOK_CONTENT_TYPE)
    for image_format in sorted({picture[2] for picture in drawings.pictures}):
        _default(types, image_format, _PICTURE_TYPES[image_format])
    package.write(document, _without_repeated_declarations(package.read(document)))
    header = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    package.write(rels_name, header + etree.tostring(rels))
    package.write("[Content_Types].xml", header + etree.tostring(types))


def _without_repeated_declarations(xml: bytes) -> bytes:
    """Return the document `xml` without drawings' declarations that its root already makes.

    Serialising the whole document, as docxtpl's own rendering does, leaves
    them out; leaving them out here too makes both ways give the same bytes.
    """
    end = xml.find(b">", xml.find(b"<w:document"))
    root, rest = xml[: end + 1], xml[end + 1 :]
    for declaration in _DECLARATIONS:
        encoded = declaration.encode()
        if encoded in root:
            rest = rest.replace(encoded, b"")
    return root + rest


def _main_document(package: Package) -> str:
    """Return the name of the package's main document part, from the package relationships."""
    from lxml import etree

    if "_rels/.rels" in package:
        root = etree.fromstring(package.read("_rels/.rels"))
        for relationship in root:
            if relationship.get("Type") == OFFICE_DOCUMENT:
                return str(relationship.get("Target", "")).lstrip("/")
    return "word/document.xml"


def _override(types: Any, part: str, content_type: str) -> None:
    """Add to the content types `types` an override naming `part`'s content type."""
    from lxml import etree

    etree.SubElement(
        types, f"{{{CONTENT_TYPES_NS}}}Override", PartName=part, ContentType=content_type
    )


def _default(types: Any, extension: str, content_type: str) -> None:
    """Add to `types` the content type of files ending `extension`, unless it has one."""
    from lxml import etree

    defaults = types.iter(f"{{{CONTENT_TYPES_NS}}}Default")
    if extension not in {str(e.get("Extension", "")).lower() for e in defaults}:
        types.insert(
            0,
            etree.Element(
                f"{{{CONTENT_TYPES_NS}}}Default", Extension=extension, ContentType=content_type
            ),
        )


def kept(kind: str, key: str, sources: tuple[str, ...], make: Callable[[], bytes]) -> bytes:
    """Return the bytes `make` gives for `key`, reusing those an earlier run kept.

    Drawing a picture or writing a workbook costs more than the rest of a
    build (mostly importing Pillow or XlsxWriter), and gives the same bytes
    for the same input. So the bytes are kept in lisdraft's cache folder (see
    `lisdraft.word.prepared.CompileOnce`), named by a hash of `key` and of the
    `sources`: files named 'package/file.py' (the code that draws, and the
    library's version file), so that a changed drawing or library makes them
    again. The files are found without importing anything.
    LISDRAFT_NO_CACHE=1 makes them every time.
    """
    import hashlib
    from pathlib import Path

    from lisdraft.word.prepared import cache_folder, keep

    folder = cache_folder()
    if folder is None:
        return make()
    digest = hashlib.sha256(key.encode())
    for source in sources:
        digest.update(_source_bytes(source))
    path = Path(folder) / f"lisdraft-{kind}-{digest.hexdigest()}.bin"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    keep(path, data)
    return data


@functools.cache  # read once a process: a batch asks for the same few files for every drawing
def _source_bytes(source: str) -> bytes:
    """Return the bytes of the installed file `source` ('package/file.py'), or its name."""
    import importlib.util
    from pathlib import Path

    package, _, name = source.partition("/")
    spec = importlib.util.find_spec(package)  # a top-level package: nothing is imported
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            return (Path(folder) / name).read_bytes()
        except OSError:
            continue
    return source.encode()
