"""Prepared templates: read and compiled once, and writing exactly what docxtpl writes."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import docxtpl
import pytest
from docx import Document
from lxml import etree

from conftest import ROOT, docx_text
from lisdraft.build.context import build_context
from lisdraft.build.documents import DOCUMENTS, builtin_templates_dir
from lisdraft.build.pipeline import document_properties
from lisdraft.build.render import (
    Properties,
    _render_with_docxtpl,
    make_environment,
    render_document,
)
from lisdraft.profile.loader import load_profile
from lisdraft.stocktake.assess import assess_stocktake
from lisdraft.word import prepared as prepared_module
from lisdraft.word.drawings import add_to_package, collecting
from lisdraft.word.package import Package, read_members, write_members
from lisdraft.word.prepared import PreparedTemplate, prepared

PROPS = Properties("Title", "Subject", "Author", "Keywords")
WHEN = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)


def ignore(core: object) -> None:
    """Set no document properties."""


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("kind", DOCUMENTS, ids=lambda kind: kind.key)
def test_a_prepared_template_writes_the_bytes_docxtpl_writes(example: Path, kind) -> None:
    profile = load_profile(example)
    context = build_context(profile, assess_stocktake(profile))
    template = builtin_templates_dir() / kind.template
    properties = document_properties(profile, kind)
    ours = render_document(template, context, properties)
    when = properties.created or WHEN
    with collecting(when) as drawings:  # the charts and the map, as render_document adds them
        theirs = _render_with_docxtpl(template, context, properties, when)
    if drawings:
        package = Package.from_bytes(theirs)
        add_to_package(package, drawings)
        theirs = package.to_bytes(when)
    assert members(ours) == members(theirs)
    assert ours == theirs  # the same zip too: entries, order, dates and compression


def test_the_built_in_templates_take_the_fast_way_through(tmp_path: Path) -> None:
    for kind in DOCUMENTS:
        template = prepared(builtin_templates_dir() / kind.template, make_environment)
        assert template is not None, kind.key
        assert template._splice is not None, kind.key  # the body is written in as text


def test_a_body_that_does_not_splice_goes_into_the_documents_tree_with_the_same_bytes(
    example: Path,
) -> None:
    # The splice is kept with the plan, so the template's document is parsed only
    # when a rendered body cannot be written in as text; that way gives the same file.
    profile = load_profile(example)
    context = build_context(profile, assess_stocktake(profile))
    fresh = PreparedTemplate(
        (builtin_templates_dir() / "briefing.docx").read_bytes(), make_environment()
    )
    spliced = fresh.render(context, ignore).to_bytes(WHEN)
    assert fresh._root is None  # never parsed
    fresh._splice = None  # as for a body that does not start as the template's did
    assert fresh.render(context, ignore).to_bytes(WHEN) == spliced
    assert fresh._root is not None


def test_a_template_is_read_once_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "template.docx"
    document = Document()
    document.add_paragraph("Hello {{ name }}")
    document.save(str(path))
    first = prepared(path, make_environment)
    assert prepared(path, make_environment) is first
    document.add_paragraph("Goodbye {{ name }}")
    document.save(str(path))
    os.utime(path, ns=(1, 1))
    second = prepared(path, make_environment)
    assert second is not first and second is not None
    assert "Goodbye Ann" in docx_text(second.render({"name": "Ann"}, ignore).to_bytes(WHEN))


def test_the_same_prepared_template_renders_each_context_afresh(tmp_path: Path) -> None:
    path = tmp_path / "template.docx"
    document = Document()
    document.add_paragraph("{% for row in rows %}{{ row }};{% endfor %}")
    document.save(str(path))
    long = render_document(path, {"rows": list(range(50))}, PROPS)
    short = render_document(path, {"rows": [7]}, PROPS)
    assert "49;" in docx_text(long)
    assert docx_text(short).strip() == "7;"


def test_a_template_without_document_properties_is_rendered_by_docxtpl(tmp_path: Path) -> None:
    source = tmp_path / "source.docx"
    document = Document()
    document.add_paragraph("Hello {{ name }}")
    document.save(str(source))
    kept = [m for m in read_members(source.read_bytes()) if m.name != "docProps/core.xml"]
    rels = next(m for m in kept if m.name == "_rels/.rels")
    tree = etree.fromstring(zipfile.ZipFile(source).read(rels.name))
    for rel in list(tree):
        if rel.get("Target", "").endswith("core.xml"):
            tree.remove(rel)
    kept[kept.index(rels)] = rels.replaced(etree.tostring(tree))
    path = tmp_path / "no-core.docx"
    path.write_bytes(write_members(kept))
    assert prepared(path, make_environment) is None
    out = render_document(path, {"name": "Ann"}, PROPS)
    assert "Hello Ann" in docx_text(out)
    assert Document(io.BytesIO(out)).core_properties.title == "Title"


def test_plans_and_compiled_templates_are_kept_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepared_module, "cache_folder", lambda: str(tmp_path))
    template = builtin_templates_dir() / "briefing.docx"
    data = template.read_bytes()
    first = PreparedTemplate(data, make_environment())
    assert len(list(tmp_path.glob("lisdraft-plan-*.json"))) == 1

    def must_not_prepare(data: bytes) -> None:
        raise AssertionError("the kept plan was not used")

    monkeypatch.setattr(prepared_module.Plan, "of", must_not_prepare)
    second = PreparedTemplate(data, make_environment())
    assert second._plan == first._plan
    second.render(_wexmoor_context(), ignore)
    assert list(tmp_path.glob("lisdraft-*.cache")), "no compiled template was kept"


def test_a_damaged_kept_plan_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepared_module, "cache_folder", lambda: str(tmp_path))
    data = (builtin_templates_dir() / "briefing.docx").read_bytes()
    first = PreparedTemplate(data, make_environment())
    [plan] = tmp_path.glob("lisdraft-plan-*.json")
    plan.write_text('{"document": 1}', encoding="utf-8")
    assert PreparedTemplate(data, make_environment())._plan == first._plan


def test_members_a_render_does_not_change_are_copied_byte_for_byte(tmp_path: Path) -> None:
    data = (builtin_templates_dir() / "stocktake.docx").read_bytes()
    copied = write_members(read_members(data))
    assert members(copied) == members(data)
    assert len(copied) < len(data) + 100  # nothing was stored uncompressed


def _wexmoor_context() -> dict[str, object]:
    profile = load_profile(ROOT / "examples" / "wexmoor" / "profile.yaml")
    return build_context(profile, assess_stocktake(profile))


def test_a_docxtpl_release_the_fast_path_does_not_know_renders_through_docxtpl(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = load_profile(example)
    context = build_context(profile, assess_stocktake(profile))
    kind = DOCUMENTS[0]
    template = builtin_templates_dir() / kind.template
    properties = document_properties(profile, kind)
    fast = render_document(template, context, properties)
    monkeypatch.setattr(docxtpl, "__version__", "0.99.0")  # a release lisdraft was not tested with
    assert prepared(template, make_environment) is None
    slow = render_document(template, context, properties)
    assert "Felpersham" in docx_text(slow)
    assert docx_text(slow) == docx_text(fast)


@pytest.mark.parametrize("way", ["prepared", "docxtpl"])
def test_document_properties_are_written_where_word_reads_them(example: Path, way: str) -> None:
    # docxtpl is imported by now; it used to re-point python-docx's 'cp' prefix elsewhere.
    profile = load_profile(example)
    context = build_context(profile, assess_stocktake(profile))
    kind = DOCUMENTS[1]
    template = builtin_templates_dir() / kind.template
    properties = document_properties(profile, kind)
    if way == "prepared":
        data = render_document(template, context, properties)
    else:
        data = _render_with_docxtpl(template, context, properties, WHEN)
    core = members(data)["docProps/core.xml"].decode("utf-8")
    assert "custom-properties" not in core
    assert Document(io.BytesIO(data)).core_properties.keywords == properties.keywords
