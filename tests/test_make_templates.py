"""The built-in templates are what tools/make_templates.py writes, never stale."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT

TEMPLATES = ROOT / "templates" / "docx"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_templates", ROOT / "tools" / "make_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    load_generator().main(["--out", str(out)])
    return out


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("name", ["contribution", "briefing", "stocktake", "area-overview"])
def test_regenerating_a_template_gives_the_committed_xml(regenerated: Path, name: str) -> None:
    committed = parts(TEMPLATES / f"{name}.docx")
    fresh = parts(regenerated / f"{name}.docx")
    assert sorted(fresh) == sorted(committed)
    stale = [part for part in committed if fresh[part] != committed[part]]
    assert not stale, (
        f"templates/docx/{name}.docx is stale in {stale}: run `python tools/make_templates.py`"
    )


def test_the_generator_writes_the_same_bytes_twice(regenerated: Path, tmp_path: Path) -> None:
    load_generator().main(["--out", str(tmp_path)])
    for path in regenerated.glob("*.docx"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_a_changed_generator_makes_the_committed_template_stale(
    regenerated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generator = load_generator()
    monkeypatch.setattr(generator, "HEADER_FILL", "BFBFBF")
    generator.main(["--out", str(tmp_path)])
    committed = parts(TEMPLATES / "briefing.docx")
    changed = parts(tmp_path / "briefing.docx")
    assert [p for p in committed if changed[p] != committed[p]] == ["word/document.xml"]


def test_the_contribution_template_holds_a_filled_in_contents_field() -> None:
    document = parts(TEMPLATES / "contribution.docx")["word/document.xml"].decode()
    assert ' TOC \\o "1-1" \\h \\z \\u ' in document
    assert "Contents</w:t>" in document
    # one entry per section, each linked to a bookmark on its heading
    links = document.count('<w:hyperlink w:anchor="_Toc')
    bookmarks = document.count("<w:bookmarkStart")
    assert links == bookmarks == 11
