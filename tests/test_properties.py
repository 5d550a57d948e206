"""Property-based tests: whatever text a valid profile holds, every document carries it intact.

Hypothesis generates profiles by taking the Borchestershire example and
putting generated text into its fields: the council's and the place's names
(everywhere they are used), a fresh list of priorities with their asks, the
board's questions, evidence, forums, strategies, notes and next steps. The
text mixes arbitrary Unicode with the characters most likely to break a Word
document or a template: XML markup, Jinja and docxtpl tags, tabs, emoji,
right-to-left script and invisible characters. Each profile is written as
YAML, built into all three documents with `build_documents`, and read back
with python-docx.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import EXAMPLE, docx_text, rename_everywhere
from lisdraft.build.pipeline import build_documents

SPECIALS = [
    *["&", "<", ">", '"', "'", "&amp;", "&#123;", "]]>", "<w:p>", "\\", "$"],
    *["{{", "}}", "{%", "%}", "{#", "#}", "{{ council.name }}", "{% if x %}"],
    *["{_{", "}_}", "{_%", "%_}", "{%p", "{%tr", "{{r x }}"],
    *["\t", "\u00a0", "\u200b", "\u200f", "\u2060", "\ufeff"],
    *["🚀", "👩🏽‍🔬", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "é", "ß", "Łódź", "שלום", "مرحبا", "漢字", "x" * 300],
]
# Every character a Word document can hold, except control characters (tested
# in test_hostile), unassigned and private-use code points, and the line and
# paragraph separators (which lisdraft turns into breaks).
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp"))
PIECE = st.one_of(st.text(CHARACTERS, min_size=1, max_size=12), st.sampled_from(SPECIALS))
TEXT = (
    st.lists(PIECE, min_size=1, max_size=5)
    .map(lambda pieces: "".join(pieces).strip())
    .filter(lambda text: bool(text))
)
PARAGRAPHS = st.lists(TEXT, min_size=1, max_size=3)
FOUNDATIONS = st.lists(
    st.sampled_from(["ideas", "people", "infrastructure", "business_environment", "place"]),
    min_size=1,
    max_size=5,
    unique=True,
)
QUESTIONS = [
    "shared_vision",
    "council_vision",
    "family_of_strategies",
    "board_members_briefed",
    "representation",
    "councils_forum",
    "officers_forum",
    "evidence_contribution",
]
OTHER_COUNCILS = ["Borchester District Council", "Wexmoor District Council"]


@st.composite
def profiles(draw: st.DrawFn) -> tuple[Any, list[str]]:
    """Return example data with generated text in it, and every text placed."""
    data = load_example()
    placed: list[str] = []

    def put(text: str) -> str:
        placed.append(text)
        return text

    def paragraphs() -> str:
        blocks = draw(PARAGRAPHS)
        placed.extend(blocks)
        return "\n\n".join(blocks)

    council = draw(TEXT.filter(lambda name: name not in OTHER_COUNCILS))
    rename_everywhere(data, data["meta"]["council"], put(council))
    data["place"]["name"] = put(draw(TEXT))
    data["meta"]["author"]["name"] = put(draw(TEXT))
    data["meta"]["author"]["role"] = put(draw(TEXT))
    data["vision"]["area"]["statement"] = paragraphs()
    data["evidence"]["items"][0]["title"] = put(draw(TEXT))
    data["evidence"]["items"][0]["insight"] = paragraphs()
    data["forums"][0]["remit"] = paragraphs()
    data["strategies"][0]["name"] = put(draw(TEXT))
    data["engagement"]["businesses"][0]["how"] = put(draw(TEXT))
    question = draw(st.sampled_from(QUESTIONS))
    data["self_assessment"][question]["note"] = paragraphs()
    data["board"]["questions"] = [put(text) for text in draw(st.lists(TEXT, max_size=3))]
    for step in data["next_steps"]:
        step["action"] = put(draw(TEXT))
    data["priorities"] = [
        {
            "title": put(draw(TEXT)),
            "foundations": draw(FOUNDATIONS),
            "summary": paragraphs(),
            "asks": [
                {"of": put(draw(TEXT)), "ask": put(draw(TEXT))}
                for _ in range(draw(st.integers(0, 2)))
            ],
        }
        for _ in range(draw(st.integers(1, 3)))
    ]
    return data, placed


def yaml() -> YAML:
    loader = YAML(typ="rt")
    loader.width = 4096
    return loader


def load_example() -> Any:
    return yaml().load(EXAMPLE.read_text(encoding="utf-8"))


def build_all(data: Any, folder: Path) -> list[Path]:
    profile = folder / "profile.yaml"
    with profile.open("w", encoding="utf-8") as stream:
        yaml().dump(data, stream)
    return build_documents(profile, folder / "out").raise_on_failure().paths


PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(profiles())
def test_every_text_placed_in_a_profile_appears_verbatim(generated: tuple[Any, list[str]]) -> None:
    data, placed = generated
    with tempfile.TemporaryDirectory() as folder:
        paths = build_all(data, Path(folder))
        assert len(paths) == 3
        text = "\n".join(docx_text(path) for path in paths)  # each opens with python-docx
    missing = [value for value in placed if value not in text]
    assert not missing


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_a_generated_profile_converts_with_libreoffice(generated: tuple[Any, list[str]]) -> None:
    data, _ = generated
    assert SOFFICE is not None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = build_all(data, folder)
        subprocess.run(
            [
                SOFFICE,
                "--headless",
                f"-env:UserInstallation=file://{folder}/lo-profile",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "pdf"),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        for path in paths:
            pdf = folder / "pdf" / path.with_suffix(".pdf").name
            assert pdf.read_bytes().startswith(b"%PDF"), f"LibreOffice did not convert {path.name}"
