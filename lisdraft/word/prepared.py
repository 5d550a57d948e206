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

import functools
import hashlib
import io
import json
import os
import tempfile
import threading
import zipfile
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, Template, nodes
from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache

from lisdraft.word.package import Package, UnsupportedZip, read_members

#: The core properties docxtpl renders as Jinja text, in its order.
RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_CACHE_SIZE = 16
#: Changes when `Plan` changes, so plans kept by an older lisdraft are made again.
PLAN_FORMAT = 2


class UnsupportedTemplate(Exception):
    """Raised for a template only docxtpl itself can render (such as one without core.xml)."""


class CompileOnce(Environment):
    """A Jinja environment that compiles each template source once and reuses it.

    Mix it in before the environment class (`class E(CompileOnce,
    SandboxedEnvironment)`). Compiled code is also kept between runs in Jinja's
    bytecode cache (a private folder per user in the temporary folder, files
    named `lisdraft-*.cache`), so a one-off build skips compiling too. Set
    LISDRAFT_NO_CACHE=1 to compile every run instead.
    """

    def __init__(self, **options: Any) -> None:
        options.setdefault("bytecode_cache", _bytecode_cache())
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        """Return `source` compiled, compiling it only the first time it is seen."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = self._compile_or_load(source)
            self._compiled[source] = template
        return template

    def _compile_or_load(self, source: str) -> Template:
        """Return `source` compiled, using the bytecode cache where there is one."""
        cache = self.bytecode_cache
        if cache is None:
            return super().from_string(source)
        digest = hashlib.sha256(f"{self._settings()}\0{source}".encode()).hexdigest()
        bucket = cache.get_bucket(self, f"lisdraft:{digest}", None, source)
        if bucket.code is None:
            bucket.code = self.compile(source)
            try:
                cache.set_bucket(bucket)
            except OSError:  # a full or read-only disk only costs the next run a compile
                pass
        return self.template_class.from_code(self, bucket.code, self.make_globals(None), None)

    def _settings(self) -> str:
        """Return what, besides the source, decides the code Jinja compiles a template to."""
        kind = type(self)
        return "|".join(
            [
                f"{kind.__module__}.{kind.__qualname__}",
                jinja2.__version__,
                str(getattr(self, "code_version", "")),
                repr(self.autoescape),
                repr(sorted(getattr(self, "intercepted_binops", ()))),
                repr(sorted(getattr(self, "intercepted_unops", ()))),
                getattr(self.finalize, "__qualname__", repr(self.finalize)),
                repr(sorted(self.filters)),
                repr(sorted(self.tests)),
            ]
        )


@functools.cache
def cache_folder() -> str | None:
    """Return the private per-user folder lisdraft keeps its caches in, or None if they are off.

    It is Jinja's bytecode cache folder, which Jinja creates readable by its
    owner only and refuses to use if anyone else could change it.
    """
    if os.environ.get("LISDRAFT_NO_CACHE"):
        return None
    try:
        return FileSystemBytecodeCache().directory
    except (OSError, RuntimeError):
        return None


def _bytecode_cache() -> BytecodeCache | None:
    """Return Jinja's cache of compiled templates in the cache folder, or None."""
    folder = cache_folder()
    return None if folder is None else FileSystemBytecodeCache(folder, "lisdraft-%s.cache")


@dataclass(frozen=True)
class Plan:
    """What preparing a template finds: the parts a render changes, and their patched XML.

    It holds only text, so it can be kept between runs (see `_stored_plan`).
    """

    document: str  # the zip member holding the main document
    body: str  # docxtpl's patched XML of the document body
    stories: list[tuple[str, str, str]]  # headers then footers: member, encoding, patched XML
    footnotes: list[tuple[str, str]]  # member, patched XML
    core: str  # the zip member holding the core properties
    initial: dict[str, str]  # the core properties docxtpl renders, as the template has them
    #: The main document around its body (see `_BodySplice`), None where it has no usual body.
    splice: list[str] | None = None

    @classmethod
    def of(cls, data: bytes) -> Plan:
        """Return the plan of the .docx in `data`, found by docxtpl and python-docx."""
        from docx.opc.coreprops import CoreProperties
        from docx.oxml.parser import parse_xml

        from lisdraft.word.docx_template import patched_parts

        parts = patched_parts(data)
        if parts.core is None:
            raise UnsupportedTemplate("the template has no document properties part")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            properties = CoreProperties(parse_xml(archive.read(parts.core)))
            splice = _BodySplice.of(parse_xml(archive.read(parts.document)))
        return cls(
            document=parts.document,
            body=parts.body,
            stories=parts.stories,
            footnotes=parts.footnotes,
            core=parts.core,
            initial={name: getattr(properties, name) for name in RENDERED_PROPERTIES},
            splice=None if splice is None else splice.texts(),
        )

    @classmethod
    def from_json(cls, text: str) -> Plan:
        """Return the plan kept as JSON in `text`; raise ValueError if it is not one."""
        try:
            raw = json.loads(text)
            return cls(
                document=str(raw["document"]),
                body=str(raw["body"]),
                stories=[(str(n), str(e), str(x)) for n, e, x in raw["stories"]],
                footnotes=[(str(n), str(x)) for n, x in raw["footnotes"]],
                core=str(raw["core"]),
                initial={str(k): str(v) for k, v in raw["initial"].items()},
                splice=None if raw["splice"] is None else [str(t) for t in raw["splice"]],
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a kept plan: {exc}") from None

    def changed_members(self) -> set[str]:
        """Return the names of the zip members a render replaces."""
        return {
            self.document,
            self.core,
            *(name for name, _, _ in self.stories),
            *(name for name, _ in self.footnotes),
        }


class PreparedTemplate:
    """A Word template read, patched and split into the parts a render changes.

    Build one with `PreparedTemplate(data, environment)`, where `data` is the
    .docx file's bytes and `environment` the Jinja environment to render in;
    `render` is safe to call from several threads.
    """

    def __init__(self, data: bytes, environment: Environment) -> None:
        from docx.opc.coreprops import CoreProperties
        from docx.oxml.parser import parse_xml

        try:
            self._members = read_members(data)
        except UnsupportedZip as exc:
            raise UnsupportedTemplate(str(exc)) from None
        self._plan = _stored_plan(data)
        if not self._plan.changed_members() <= {member.name for member in self._members}:
            raise UnsupportedTemplate("the template's parts are not all stored in its zip")
        self._environment = environment
        self._lock = threading.Lock()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self._document_xml = archive.read(self._plan.document)
            self._core_xml = parse_xml(archive.read(self._plan.core))
        self._core = CoreProperties(self._core_xml)
        self._splice = _BodySplice.from_texts(self._plan.splice)
        self._root: Any = None  # the document's tree, parsed only if a body does not splice

    def render(
        self,
        context: Mapping[str, Any],
        set_properties: Callable[[Any], None],
    ) -> Package:
        """Return the package of the template rendered with `context`, ready to write.

        `set_properties` is given python-docx's core properties object after
        docxtpl's own rendering of them. The changed parts are compressed
        when the package is written (`Package.to_bytes`).
        Jinja and docxtpl errors pass through unchanged, as
        `DocxTemplate.render` raises them.
        """
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.parser import parse_xml

        from lisdraft.word.docx_template import PartRenderer

        with self._lock:
            renderer = PartRenderer(self._environment)
            package = Package(self._members)
            plan = self._plan
            tree = renderer.body(plan.body, context)
            document = self._splice.document(tree) if self._splice else None
            if document is None:  # put the body in the tree, as docxtpl and python-docx do
                if self._root is None:
                    self._root = parse_xml(self._document_xml)
                self._root.replace(self._root.body, tree)
                document = serialize_part_xml(self._root)
            package.write(plan.document, document)
            for name, encoding, source in plan.stories:
                xml = renderer.part(source, context)
                package.write(name, serialize_part_xml(parse_xml(xml.encode(encoding))))
            core = self._core
            for name, initial in plan.initial.items():
                setattr(core, name, self._environment.from_string(initial).render(context))
            set_properties(core)
            package.write(plan.core, serialize_part_xml(self._core_xml))
            for name, source in plan.footnotes:
                package.write(name, renderer.part(source, context).encode("utf-8"))
        return package


def _stored_plan(data: bytes) -> Plan:
    """Return the plan of the template in `data`, reusing one an earlier run kept.

    Plans are kept as JSON in the cache folder, named by a hash of the
    template's bytes, of the docxtpl and python-docx versions and of the
    source of `lisdraft.word.docx_template` (whose `patch_xml` made them).
    """
    import docx
    import docxtpl

    from lisdraft.word import docx_template

    folder = cache_folder()
    if folder is None:
        return Plan.of(data)
    maker = Path(docx_template.__file__ or "").read_bytes()
    versions = f"{PLAN_FORMAT} {docxtpl.__version__} {docx.__version__}".encode()
    key = hashlib.sha256(b"\0".join([data, versions, maker])).hexdigest()
    path = Path(folder) / f"lisdraft-plan-{key}.json"
    try:
        return Plan.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    plan = Plan.of(data)
    keep(path, json.dumps(asdict(plan)).encode())
    return plan


def keep(path: Path, data: bytes) -> None:
    """Write `data` to `path` in the cache atomically, or not at all when the disk refuses."""
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=path.name, suffix=".tmp", delete=False
        ) as stream:
            temp = Path(stream.name)
            stream.write(data)
    except OSError:  # a full or read-only disk only costs the next run the work
        return
    try:
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)


@dataclass(frozen=True)
class _BodySplice:
    """The serialised main document around its body, to put a rendered body in as text.

    Moving a rendered body into the document's tree and serialising the whole
    tree, as python-docx does, costs several times more than serialising the
    body alone. The text around the body never changes, so it is serialised
    once; a rendered body that starts exactly as the template's did is written
    between, with the namespace declarations its parent already makes left out.
    That gives the same bytes as the tree would.
    """

    head: bytes  # the document up to the body
    tail: bytes  # the document after the body
    start: bytes  # the body's start tag as it stands alone, declaring every namespace
    start_inside: bytes  # the body's start tag inside the document

    @classmethod
    def of(cls, root: Any) -> _BodySplice | None:
        """Return the splice for the document `root`, or None where its body is unusual."""
        from docx.opc.oxml import serialize_part_xml
        from lxml import etree  # type: ignore[import-untyped]

        body = root.body
        if body is None:
            return None
        whole = serialize_part_xml(root)
        alone = etree.tostring(body, encoding="UTF-8")
        marker = etree.Element(
            "{urn:lisdraft:splice}body", nsmap={"lisdraft": "urn:lisdraft:splice"}
        )
        marker_text = etree.tostring(marker)
        root.replace(body, marker)
        try:
            parts = serialize_part_xml(root).split(marker_text)
        finally:
            root.replace(marker, body)
        if len(parts) != 2 or not whole.startswith(parts[0]) or not whole.endswith(parts[1]):
            return None
        inside = whole[len(parts[0]) : len(whole) - len(parts[1])]
        start, start_inside = alone[: alone.find(b">") + 1], inside[: inside.find(b">") + 1]
        if start.endswith(b"/>") or start_inside.endswith(b"/>"):
            return None
        return cls(parts[0], parts[1], start, start_inside)

    def texts(self) -> list[str]:
        """Return the splice as text, to keep in a `Plan`."""
        parts = (self.head, self.tail, self.start, self.start_inside)
        return [part.decode("utf-8") for part in parts]

    @classmethod
    def from_texts(cls, texts: list[str] | None) -> _BodySplice | None:
        """Return the splice kept as `texts` by `texts()`, or None."""
        if texts is None:
            return None
        head, tail, start, start_inside = (text.encode("utf-8") for text in texts)
        return cls(head, tail, start, start_inside)

    def document(self, body: Any) -> bytes | None:
        """Return the document's bytes with the rendered `body` in it; None if it does not fit."""
        from lxml import etree

        text = etree.tostring(body, encoding="UTF-8")
        if not text.startswith(self.start):
            return None
        return b"".join((self.head, self.start_inside, text[len(self.start) :], self.tail))


_cache: dict[tuple[str, int, int], PreparedTemplate | None] = {}
_cache_lock = threading.Lock()


def prepared(path: Path, make_environment: Callable[[], Environment]) -> PreparedTemplate | None:
    """Return the prepared template for the file at `path`, reading it only once per process.

    A changed file (size or modification time) is read again. Return None for a
    template that only docxtpl itself can render, and for every template when
    the installed docxtpl is not one the fast path knows
    (`lisdraft.word.docx_template.fast_path_known`). `make_environment` gives
    the Jinja sandbox the first time a file is prepared.
    """
    from lisdraft.word.docx_template import fast_path_known

    if not fast_path_known():
        return None
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
