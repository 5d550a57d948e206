"""Hostile input: every case ends in a clear, located answer, or in text that survives intact.

The corpus is the files in tests/hostile/ plus cases generated here (some
are too big, or too binary, to keep in the repository). Each refused case
asserts exactly what the user sees from `lisdraft build`: the file and line,
the message, exit code 1, no traceback and nothing written. docs/hostile-input.md
lists the same cases and their outcomes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE, docx_text
from lisdraft.cli import app
from lisdraft.profile import yamlsafe

HOSTILE = Path(__file__).parent / "hostile"
runner = CliRunner()

Maker = Callable[[Path, Callable[[Callable[[Any], None]], Path]], Path]


def build(profile: Path, out: Path, *extra: str) -> Any:
    return runner.invoke(app, ["build", str(profile), "--out", str(out), *extra])


def corpus(name: str) -> Maker:
    return lambda tmp, edited: HOSTILE / name


def example_text_with(old: str, new: str) -> Maker:
    """Return a maker writing the example with its first `old` replaced by raw `new`."""

    def make(tmp: Path, edited: Any) -> Path:
        text = EXAMPLE.read_text(encoding="utf-8")
        assert old in text
        path = tmp / "profile.yaml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return make


def written(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def fifty_megabytes(tmp: Path, edited: Any) -> Path:
    path = tmp / "huge.yaml"
    chunk = EXAMPLE.read_bytes()
    with path.open("wb") as stream:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            stream.write(chunk)
    return path


def meta_as_a_list(data: Any) -> None:
    data["meta"] = [{key: value} for key, value in data["meta"].items()]


def infinite_benchmark(data: Any) -> None:
    data["evidence"]["items"][0]["benchmark"]["council_area"] = float("inf")


@dataclass(frozen=True)
class Refused:
    """A hostile profile, where the error points (after 'file:') and what it says."""

    name: str
    make: Maker
    where: str | Callable[[Path], str]
    says: str


def position_of(needle: str) -> Callable[[Path], str]:
    """Return a function giving 'line:column' of `needle` in a generated profile."""

    def find(path: Path) -> str:
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next(i for i, text in enumerate(lines) if needle in text)
        return f"{line + 1}:{lines[line].index(needle) + 1}"

    return find


REFUSED = [
    Refused("empty file", corpus("empty.yaml"), "1", "the file is empty"),
    Refused("only comments", corpus("comments-only.yaml"), "1", "the file is empty"),
    Refused(
        "a list at the top",
        corpus("top-level-list.yaml"),
        "1:1",
        "the profile is a list; it must be a set of sections such as 'meta:' and 'place:'",
    ),
    Refused(
        "a list where a section belongs",
        lambda tmp, edited: edited(meta_as_a_list),
        position_of("meta:"),
        "meta: expected a section of 'name: value' lines, got a list",
    ),
    Refused(
        "duplicate keys",
        corpus("duplicate-key.yaml"),
        "3:3",
        "'council' is written twice in the same section (first written at line 2); keep only one",
    ),
    Refused(
        "tab indentation",
        corpus("tab-indentation.yaml"),
        "2:1",
        "a tab character is used for indentation; YAML needs spaces",
    ),
    Refused(
        "a tab inside unquoted text",
        corpus("tab-inside-text.yaml"),
        "2:22",
        "a tab character here is not allowed outside quotes; replace it with a space, or put "
        'the whole text in double quotes and write the tab as \\t ("a\\tb")',
    ),
    Refused(
        "bytes that are not UTF-8",
        corpus("not-utf8.yaml"),
        "2:15",
        "byte 0xe9 is not UTF-8 text. Save the file as UTF-8",
    ),
    Refused(
        "UTF-16 with its byte-order mark",
        lambda tmp, edited: written(tmp, "utf16.yaml", EXAMPLE.read_text().encode("utf-16")),
        "1",
        "the file is saved as UTF-16 text; save it as UTF-8 instead",
    ),
    Refused(
        "a 50 MB file",
        fifty_megabytes,
        "1",
        "the file is 50.0 MB, but a profile is usually a few tens of kilobytes and lisdraft "
        "reads files of up to 20 MB",
    ),
    Refused(
        "10,000 nested brackets",
        lambda tmp, edited: written(tmp, "deep.yaml", "a: " + "[" * 10_000 + "]" * 10_000),
        "1:44",
        "the YAML is nested more than 40 levels deep here, and a profile needs about six",
    ),
    Refused(
        "100 nested sections",
        lambda tmp, edited: written(
            tmp, "deep.yaml", "".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "v"
        ),
        "41:44",
        "the YAML is nested more than 40 levels deep here",
    ),
    Refused(
        "billion laughs alias bomb",
        corpus("billion-laughs.yaml"),
        "8",
        "the aliases (*name) used here expand to more than 100,000 values beyond what is "
        "written, as an alias bomb does; write the values out instead of repeating aliases",
    ),
    Refused(
        "a Python object tag",
        corpus("python-tag.yaml"),
        "2",
        "the YAML tag '!!python/object/apply:os.system' is not used in profiles; delete it",
    ),
    Refused(
        "an unclosed bracket",
        corpus("unclosed-bracket.yaml"),
        "3:6",
        "A '[' or '{' opened at line 2 is not closed as YAML expects",
    ),
    Refused(
        "two YAML documents in one file",
        corpus("two-documents.yaml"),
        "3:1",
        "a second YAML document starts here ('---'), but a profile is one document",
    ),
    Refused(
        "a control character pasted into text",
        example_text_with("name: Priya Wendover", "name: Priya\x07 Wendover"),
        "17:5",
        "meta.author.name: contains the control character U+0007, which a Word document "
        "cannot hold; delete it",
    ),
    Refused(
        "a NUL byte in text",
        example_text_with("name: Priya Wendover", "name: Priya\x00 Wendover"),
        "17:5",
        "meta.author.name: contains the control character U+0000",
    ),
    Refused(
        "half of a character written as an escape",
        example_text_with("name: Priya Wendover", 'name: "Priya \\ud800 Wendover"'),
        "17:5",
        "meta.author.name: contains an escape such as \\ud800 that is half of a character",
    ),
    Refused(
        "an infinite number",
        lambda tmp, edited: edited(infinite_benchmark),
        position_of("council_area: .inf"),
        "evidence.items[0].benchmark.council_area: expected an ordinary number, got inf",
    ),
]


@pytest.mark.parametrize("case", REFUSED, ids=lambda case: case.name)
def test_a_hostile_profile_gets_one_located_paragraph_and_exit_1(
    case: Refused, tmp_path: Path, edited: Any
) -> None:
    profile = case.make(tmp_path, edited)
    out = tmp_path / "out"
    result = build(profile, out)
    assert result.exit_code == 1, result.output
    first, *rest = result.output.strip().splitlines()
    where = case.where if isinstance(case.where, str) else case.where(profile)
    assert first.startswith(f"{profile}:{where}: "), first
    assert case.says in first
    assert rest[-1] == "1 problem found. Fix the profile and run the command again."
    assert "Traceback" not in result.output
    assert "\n\n" not in result.output.strip()
    assert not out.exists()


def test_a_file_with_more_items_than_any_profile_is_refused_where_it_overflows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real limit (1.5 million tokens) takes half a minute to reach; the rule is the same.
    monkeypatch.setattr(yamlsafe, "MAX_TOKENS", 5_000)
    profile = written(tmp_path, "long.yaml", "questions:\n" + "- x\n" * 6_000)
    result = build(profile, tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith(
        f"{profile}:2501:1: the file holds more than 5,000 YAML items by this line"
    )


def test_a_folder_instead_of_a_profile_is_named(tmp_path: Path) -> None:
    # `lisdraft build FOLDER` and `lisdraft validate FOLDER` read every profile in it
    # (tests/test_batch.py); an empty folder is reported by both.
    result = build(tmp_path, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{tmp_path}: no profile .yaml or .yml files in this folder" in result.output
    validated = runner.invoke(app, ["validate", str(tmp_path)])
    assert validated.exit_code == 1
    assert f"{tmp_path}: no profile .yaml or .yml files in this folder" in validated.output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_that_never_ends_is_not_read(tmp_path: Path) -> None:
    result = build(Path("/dev/zero"), tmp_path / "out")
    assert result.exit_code == 1
    assert "/dev/zero: this is not an ordinary file" in result.output


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    profile = written(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert build(profile, tmp_path / "out").exit_code == 0


def test_a_self_referencing_alias_is_not_a_hang(tmp_path: Path) -> None:
    profile = written(tmp_path, "loop.yaml", "meta: &m\n  council: *m\n")
    result = build(profile, tmp_path / "out")
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_pasted_word_line_and_page_breaks_become_breaks(tmp_path: Path) -> None:
    # Raw vertical tab (Shift+Enter in Word) and form feed (page break), as pasted.
    profile = example_text_with(
        "name: Priya Wendover", 'name: "Priya\x0bWendover"\n    role: "First\x0cSecond"'
    )(tmp_path, None)
    text = profile.read_text(encoding="utf-8").replace(
        "\n    role: Head of Economic Growth and Regeneration", "", 1
    )
    profile.write_text(text, encoding="utf-8")
    result = build(profile, tmp_path / "out")
    assert result.exit_code == 0, result.output
    briefing = docx_text(next((tmp_path / "out").glob("*-briefing.docx")))
    assert "Priya\nWendover" in briefing  # a line break within the paragraph
    assert "First\n\nSecond" in briefing


# Text that must come out exactly as written: each value goes into its own field.
SURVIVORS = {
    "ampersand, angle brackets and quotes": "Food & Drink <Cluster> \"quoted\" and 'single'",
    "Jinja expression": "Say {{ council.name }} and {{ 7 * 7 }} here",
    "Jinja statement": "{% for x in range(3) %}loop{% endfor %} and {# comment #}",
    "docxtpl's escaped tags": "Keep {_{ this }_} and {_% that %_} exactly",
    "emoji": "Growth 🚀 for all 👩🏽‍🔬 and 🏴󠁧󠁢󠁥󠁮󠁧󠁿",
    "accents": "Café, naïve façade, Øresund, Łódź, São Paulo",
    "right-to-left script": "مرحبا بالعالم and שלום עולם in one line",
    "a tab": "Column one\tcolumn two",
    "a long unbroken word": "Pneumono" + "x" * 3000 + "sis",
    "non-breaking and zero-width spaces": "A\u00a0B\u200bC\u2060D",
    "combining accents": "Cafe\u0301 and n\u0303",
    "XML-looking text": "<w:p><w:r><w:t>not a paragraph</w:t></w:r></w:p> &amp; &#123; ]]>",
}
SURVIVOR_FIELDS: list[tuple[str, ...]] = [
    ("priorities", "0", "title"),
    ("priorities", "0", "summary"),
    ("priorities", "0", "asks", "0", "ask"),
    ("priorities", "1", "title"),
    ("board", "questions", "0"),
    ("next_steps", "0", "action"),
    ("evidence", "items", "0", "title"),
    ("evidence", "items", "0", "insight"),
    ("forums", "0", "remit"),
    ("strategies", "0", "name"),
    ("self_assessment", "shared_vision", "note"),
    ("meta", "author", "role"),
]


def set_at(data: Any, path: tuple[str, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[int(part)] if part.isdigit() else data[part]
    last = path[-1]
    data[int(last) if last.isdigit() else last] = value


@pytest.fixture(scope="module")
def survivors_built(tmp_path_factory: pytest.TempPathFactory) -> str:
    from ruamel.yaml import YAML

    assert len(SURVIVOR_FIELDS) >= len(SURVIVORS)
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"))
    for field, value in zip(SURVIVOR_FIELDS, SURVIVORS.values(), strict=False):
        set_at(data, field, value)
    folder = tmp_path_factory.mktemp("survivors")
    profile = folder / "profile.yaml"
    with profile.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    result = build(profile, folder / "out")
    assert result.exit_code == 0, result.output
    return "\n".join(docx_text(path) for path in sorted((folder / "out").glob("*.docx")))


@pytest.mark.parametrize("value", SURVIVORS.values(), ids=list(SURVIVORS))
def test_profile_text_comes_out_exactly_as_written(survivors_built: str, value: str) -> None:
    assert value in survivors_built


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="needs LibreOffice (soffice) and pdftotext: apt-get install "
    "libreoffice-writer-nogui poppler-utils",
)
def test_hostile_text_survives_into_a_pdf(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"))
    set_at(data, ("priorities", "0", "title"), SURVIVORS["docxtpl's escaped tags"])
    set_at(data, ("priorities", "1", "title"), SURVIVORS["Jinja expression"])
    profile = tmp_path / "profile.yaml"
    with profile.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    assert build(profile, tmp_path / "out", "--only", "contribution").exit_code == 0
    [docx] = (tmp_path / "out").glob("*.docx")
    assert SOFFICE is not None and PDFTOTEXT is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / docx.with_suffix(".pdf").name
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Keep {_{ this }_} and {_% that %_} exactly" in text
    assert "Say {{ council.name }} and {{ 7 * 7 }} here" in text
