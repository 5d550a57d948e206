"""Shared helpers: the real Borchestershire example, and edited copies of it."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from ruamel.yaml import YAML

# Tests must not leave prepared templates in the user's cache folder; test_prepared.py
# checks that cache with a temporary folder of its own.
os.environ.setdefault("LISDRAFT_NO_CACHE", "1")

ROOT = Path(__file__).resolve().parent.parent
AREA_EXAMPLE = ROOT / "examples" / "borchestershire"
#: Both examples as single files: Felpersham City Council's profile with the area's shared
#: facts in it too (the example as it was before area files), and Wexmoor's (a link to the
#: real one). test_area.py proves the first gives the same profile, and byte-identical
#: documents, as examples/borchestershire/profile.yaml with area.yaml, so tests that edit
#: the board or the forums can edit one file.
SINGLE_FILE_EXAMPLES = ROOT / "tests" / "examples" / "single-files"
EXAMPLE = SINGLE_FILE_EXAMPLES / "borchestershire" / "profile.yaml"

Edit = Callable[[Any], None]
#: A fictional council logo, as PNG (720 x 240 pixels) and JPEG (360 x 120).
HOUSE_STYLE = ROOT / "tests" / "house-style"
LOGO = {"path": "felpersham-logo.png", "alt": "Felpersham City Council logo", "width_mm": 60}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    return yaml


@pytest.fixture
def area(tmp_path: Path) -> Path:
    """Return a copy of the Borchestershire area folder (area file and councils) to edit."""
    folder = tmp_path / "borchestershire"
    shutil.copytree(AREA_EXAMPLE, folder)
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) with `new` in the file at `path`."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    """Return the number of the first line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


@pytest.fixture
def example() -> Path:
    return EXAMPLE


@pytest.fixture
def edited(tmp_path: Path) -> Callable[[Edit], Path]:
    """Return a function that writes an edited copy of the example and returns its path."""

    def make(edit: Edit) -> Path:
        data = _yaml().load(EXAMPLE.read_text(encoding="utf-8"))
        edit(data)
        path = tmp_path / "profile.yaml"
        stream = io.StringIO()
        _yaml().dump(data, stream)
        path.write_text(stream.getvalue(), encoding="utf-8")
        return path

    return make


@pytest.fixture
def with_images(edited: Callable[[Edit], Path]) -> Callable[..., Path]:
    """Return a function writing the example with `images:` set, and the logos beside it."""

    def make(**images: dict[str, Any]) -> Path:
        path = edited(lambda d: d.__setitem__("images", images))
        for logo in HOUSE_STYLE.iterdir():
            shutil.copy(logo, path.parent / logo.name)
        return path

    return make


def docx_text(path_or_bytes: Path | bytes) -> str:
    """Return all the text of a .docx, paragraphs and table cells, one per line."""
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    document = Document(source)
    lines = []
    for block in document.element.body:  # paragraphs, and those in content controls
        if block.tag == qn("w:p"):
            lines.append(Paragraph(block, document).text)
        elif block.tag == qn("w:sdt"):
            lines += [Paragraph(p, document).text for p in block.iter(qn("w:p"))]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    for section in document.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
    return "\n".join(lines)


def rename_everywhere(data: Any, old: str, new: str) -> None:
    """Replace the text `old` with `new` wherever it is a whole value in `data`."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in list(items):
        if value == old:
            data[key] = new
        elif isinstance(value, dict | list):
            rename_everywhere(value, old, new)
