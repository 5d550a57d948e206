"""Word templates prepared once per process, then rendered many times.

docxtpl reads, parses, patches, compiles and recompresses the whole template
for every document. Most of that work depends only on the template, and in
lisdraft's templates the styles alone are 800 KB of XML. A `PreparedTemplate`
does the template-only work once: it keeps the zip's members as stored,
docxtpl's patched XML of the body, headers, footers and footnotes, and a Jinja
sandbox that compiles each of them once. Rendering a document then runs
docxtpl's own steps on those parts (Jinja, its paragraph, listing and table
fixes, as `DocxTemplate.render` does) and copies every other member unchanged.

`prepared` keeps one `PreparedTemplate` per template file per process, so a
batch worker loads each template once.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment

from lisdraft.docxzip import UnsupportedZip, read_members, write_members

#: The core properties docxtpl renders as Jinja text, in its order.
RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_CACHE_SIZE = 16


class UnsupportedTemplate(Exception):
    """Raised for a template only docxtpl itself can render (such as one without core.xml)."""


class OnceCompiledEnvironment(SandboxedEnvironment):
    """A Jinja sandbox that compiles each template source once and reuses it."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(  # type: ignore[override]
        self,
        source: str,
        globals: MutableMapping[str, Any] | None = None,
        template_class: Any = None,
    ) -> Template:
        """Return `source` compiled, compiling it only the first time it is seen."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
        return template


class PreparedTemplate:
    """A Word template read, patched and split into the parts a render changes.

    Build one with `PreparedTemplate(data, environment)`, where `data` is the
    .docx file's bytes; `render` is safe to call from several threads.
    """

    def __init__(self, data: bytes, environment: OnceCompiledEnvironment) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.coreprops import CoreProperties
        from docx.opc.part import XmlPart
        from docx.oxml.parser import parse_xml
        from docxtpl import DocxTemplate

        try:
            self._members = read_members(data)
        except UnsupportedZip as exc:
            raise UnsupportedTemplate(str(exc)) from None
        self._environment = environment
        self._lock = threading.Lock()
        helper = DocxTemplate(io.BytesIO(data))
        helper.render_init()
        document = helper.docx
        package = document.part.package
        try:
            core = package.part_related_by(RT.CORE_PROPERTIES)
        except KeyError:
            raise UnsupportedTemplate("the template has no document properties part") from None
        # The document part: docxtpl's patched body, and the root it is put back into.
        self._document_name: str = document.part.partname.membername
        self._root = document.element
        self._body: str = helper.patch_xml(helper.get_xml())
        # Headers then footers, as docxtpl renders them.
        self._stories: list[tuple[str, str, str]] = []
        seen = set()
        for uri in (helper.HEADER_URI, helper.FOOTER_URI):
            for _, part in helper.get_headers_footers(uri):
                name = part.partname.membername
                if name not in seen:
                    seen.add(name)
                    xml = helper.get_part_xml(part)
                    encoding = helper.get_headers_footers_encoding(xml)
                    self._stories.append((name, encoding, helper.patch_xml(xml)))
        # Footnotes: docxtpl renders them as raw text when python-docx keeps them as bytes.
        self._footnotes: list[tuple[str, str]] = [
            (part.partname.membername, helper.patch_xml(part.blob.decode("utf-8")))
            for part in (package.parts if document.sections else [])
            if part.content_type == FOOTNOTES and not isinstance(part, XmlPart)
        ]
        # Core properties: a part of its own, so the rest of the package can be freed.
        self._core_name: str = core.partname.membername
        self._core_xml = parse_xml(core.blob)
        self._core = CoreProperties(self._core_xml)
        self._initial = {name: getattr(self._core, name) for name in RENDERED_PROPERTIES}
        names = {member.name for member in self._members}
        changed = {self._document_name, self._core_name}
        changed.update(name for name, *_ in [*self._stories, *self._footnotes])
        if not changed <= names:
            raise UnsupportedTemplate("the template's parts are not all stored in its zip")

    def render(self, context: Mapping[str, Any], properties: Mapping[str, str]) -> bytes:
        """Return the .docx bytes of the template rendered with `context`.

        `properties` maps core property names (such as 'title') to values set
        after docxtpl's own rendering of them. Jinja and docxtpl errors pass
        through unchanged, as `DocxTemplate.render` raises them.
        """
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.parser import parse_xml

        with self._lock:
            renderer = _renderer()
            environment = self._environment
            changed: dict[str, bytes] = {}
            xml = renderer.render_xml_part(self._body, None, context, environment)
            tree = renderer.fix_tables(xml)
            renderer.fix_docpr_ids(tree)
            self._root.replace(self._root.body, tree)
            changed[self._document_name] = serialize_part_xml(self._root)
            for name, encoding, source in self._stories:
                xml = renderer.render_xml_part(source, None, context, environment)
                changed[name] = serialize_part_xml(parse_xml(xml.encode(encoding)))
            core = self._core
            for name, initial in self._initial.items():
                setattr(core, name, environment.from_string(initial).render(context))
            for name, value in properties.items():
                setattr(core, name, value)
            changed[self._core_name] = serialize_part_xml(self._core_xml)
            for name, source in self._footnotes:
                xml = renderer.render_xml_part(source, None, context, environment)
                changed[name] = xml.encode("utf-8")
        members = [
            member.replaced(changed[member.name]) if member.name in changed else member
            for member in self._members
        ]
        return write_members(members)


def _renderer() -> Any:
    """Return a docxtpl template object with the state its rendering steps use, and no file."""
    from docxtpl import DocxTemplate

    renderer = DocxTemplate(None)
    renderer.current_rendering_part = None
    renderer.docx_ids_index = 1000  # as DocxTemplate.render_init sets it
    renderer.pic_map = {}
    return renderer


_cache: dict[tuple[str, int, int], PreparedTemplate | None] = {}
_cache_lock = threading.Lock()


def prepared(
    path: Path, make_environment: Callable[[], OnceCompiledEnvironment]
) -> PreparedTemplate | None:
    """Return the prepared template for the file at `path`, reading it only once per process.

    A changed file (size or modification time) is read again. Return None for a
    template that only docxtpl itself can render. `make_environment` gives the
    Jinja sandbox the first time a file is prepared.
    """
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    try:
        template: PreparedTemplate | None = PreparedTemplate(path.read_bytes(), make_environment())
    except UnsupportedTemplate:
        template = None
    with _cache_lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = template
    return template
