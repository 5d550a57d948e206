"""Reproducible builds: the same profile and templates always give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.errors import UsageError


def build_bytes(profile: Path, out: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in build_documents(profile, out).raise_on_failure().paths
    }


def test_building_twice_gives_byte_identical_documents(example: Path, tmp_path: Path) -> None:
    first = build_bytes(example, tmp_path / "first")
    second = build_bytes(example, tmp_path / "second")
    assert len(first) == 3
    assert first == second


def test_two_separate_processes_give_byte_identical_documents(
    example: Path, tmp_path: Path
) -> None:
    outputs = []
    for seed in ("1", "2"):  # different hash seeds reorder any set or dict built from strings
        out = tmp_path / f"run-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [sys.executable, "-m", "lisdraft", "build", str(example), "--out", str(out)],
            check=True,
            capture_output=True,
            env=env,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.docx"))})
    assert len(outputs[0]) == 3
    assert outputs[0] == outputs[1]


def test_documents_carry_the_profile_date_not_the_build_time(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = (
        build_documents(example, tmp_path, BuildOptions(only=("briefing",)))
        .raise_on_failure()
        .paths[0]
    )
    core = Document(str(path)).core_properties
    assert core.created == core.modified == dt.datetime(2026, 11, 16, tzinfo=dt.UTC)  # meta.date
    assert core.revision == 1
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
    assert {entry.date_time for entry in entries} == {(2026, 11, 16, 0, 0, 0)}
    assert entries[0].filename == "[Content_Types].xml"


def test_source_date_epoch_overrides_the_profile_date(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026, midnight UTC
    path = (
        build_documents(example, tmp_path, BuildOptions(only=("briefing",)))
        .raise_on_failure()
        .paths[0]
    )
    assert Document(str(path)).core_properties.created == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_a_malformed_source_date_epoch_is_a_usage_error(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH is 'yesterday'"):
        build_documents(example, tmp_path).raise_on_failure()


def test_a_changed_profile_changes_only_its_own_document(edited, tmp_path: Path) -> None:
    from conftest import EXAMPLE

    before = build_bytes(EXAMPLE, tmp_path / "before")
    path = edited(lambda d: d["board"].__setitem__("briefing", "A new briefing line."))
    after = build_bytes(path, tmp_path / "after")
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["felpersham-city-council-briefing.docx"]


def test_a_package_copies_untouched_parts_and_compresses_a_changed_one_once(
    example: Path, tmp_path: Path
) -> None:
    from lisdraft.word.package import Member, Package, read_members

    built = build_bytes(example, tmp_path / "out")
    data = next(v for k, v in built.items() if k.endswith("-briefing.docx"))
    package = Package.from_bytes(data)
    package.write("word/document.xml", b"<first/>")
    package.write("word/document.xml", package.read("word/document.xml") + b"<!-- again -->")
    package.write("word/extra.xml", b"<new/>")
    when = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    before = {m.name: m for m in read_members(data)}
    after = {m.name: m for m in read_members(package.to_bytes(when))}
    assert set(after) == set(before) | {"word/extra.xml"}
    assert after["word/document.xml"] == Member.deflated(
        "word/document.xml", b"<first/><!-- again -->", after["word/document.xml"].date_time
    )
    # Parts nobody changed keep the bytes they were stored with.
    assert after["word/styles.xml"].stored == before["word/styles.xml"].stored


def test_pictures_and_workbooks_are_stored_as_they_are_and_xml_is_deflated(
    example: Path, tmp_path: Path
) -> None:
    built = build_bytes(example, tmp_path / "out")
    data = next(v for k, v in built.items() if k.endswith("-contribution.docx"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        methods = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.testzip() is None
    compressed_already = [n for n in methods if n.endswith((".png", ".xlsx"))]
    assert compressed_already  # the forum map and the chart's workbook
    assert all(methods[n] == zipfile.ZIP_STORED for n in compressed_already)
    assert methods["word/document.xml"] == zipfile.ZIP_DEFLATED
