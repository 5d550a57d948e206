"""Writing documents: all or nothing, only inside the output folder, never over hand edits."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from conftest import docx_text, rename_everywhere
from lisdraft.build import writer
from lisdraft.build.manifest import MANIFEST_NAME, digest
from lisdraft.build.options import BuildOptions, BuildResult
from lisdraft.build.pipeline import build_documents
from lisdraft.build.writer import write_files
from lisdraft.cli import app
from lisdraft.errors import HandEditedError, OutputError

runner = CliRunner()
BRIEFING = "felpersham-city-council-briefing.docx"
NAMES = {
    "felpersham-city-council-contribution.docx",
    BRIEFING,
    "felpersham-city-council-stock-take.docx",
}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file in `folder` (hidden ones too) with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def edit_by_hand(path: Path, note: str = "Edited by hand before circulation.") -> None:
    document = Document(str(path))
    document.add_paragraph(note)
    document.save(str(path))


# All or nothing ---------------------------------------------------------------


def test_a_failure_writing_the_second_file_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path, {"a.docx": b"old a", "b.docx": b"old b"})
    before = snapshot(tmp_path)
    real = writer._write_temp
    calls = []

    def fail_second(folder: Path, data: bytes) -> Path:
        calls.append(data)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(folder / "b.docx"))
        return real(folder, data)

    monkeypatch.setattr(writer, "_write_temp", fail_second)
    with pytest.raises(OutputError) as caught:
        write_files(tmp_path, {"a.docx": b"new a", "b.docx": b"new b"})
    assert "No space left on device" in str(caught.value)
    assert "Nothing was written." in str(caught.value)
    assert snapshot(tmp_path) == before  # no temporary files left either


def test_a_failure_moving_the_second_file_puts_the_first_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path, {"a.docx": b"old a", "b.docx": b"old b"})
    before = snapshot(tmp_path)
    real = os.replace
    moves = []

    def fail_on_b(source: Any, target: Any) -> None:
        moves.append((Path(source).name, Path(target).name))
        if Path(target).name == "b.docx" and Path(source).suffix == ".tmp":
            raise PermissionError(13, "Permission denied", str(target))
        real(source, target)

    monkeypatch.setattr(writer.os, "replace", fail_on_b)
    with pytest.raises(OutputError) as caught:
        write_files(tmp_path, {"a.docx": b"new a", "b.docx": b"new b"})
    assert "If a file is open in Word, close it and try again. Nothing was written." in str(
        caught.value
    )
    assert "a.docx" in {target for _, target in moves}, "the first file was moved in"
    assert snapshot(tmp_path) == before


def test_a_failed_build_into_a_new_folder_leaves_it_empty(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = writer._write_temp
    count = []

    def fail_third(folder: Path, data: bytes) -> Path:
        count.append(data)
        if len(count) == 3:
            raise OSError(5, "Input/output error")
        return real(folder, data)

    monkeypatch.setattr(writer, "_write_temp", fail_third)
    out = tmp_path / "out"
    with pytest.raises(OutputError):
        build_documents(example, out).raise_on_failure()
    assert list(out.iterdir()) == []


def test_written_files_are_readable_by_others_as_the_umask_allows(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        [path] = write_files(tmp_path, {"a.docx": b"x"})
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


# Path containment -------------------------------------------------------------


ESCAPING_NAMES = [
    "../escape.docx",
    "sub/escape.docx",
    "..\\escape.docx",
    "/tmp/escape.docx",
    "C:escape.docx",
    "nul\0.docx",
    "..",
    ".",
    "",
]


@pytest.mark.parametrize("name", ESCAPING_NAMES)
def test_a_name_that_would_leave_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="it would land outside"):
        write_files(out, {name: b"x"})
    assert not out.exists()
    assert not (tmp_path / "escape.docx").exists()


def test_a_folder_in_the_way_is_named_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "b.docx").mkdir()
    with pytest.raises(OutputError) as caught:
        write_files(tmp_path, {"a.docx": b"a", "b.docx": b"b"}, force=True)
    assert str(caught.value).startswith(f"{tmp_path / 'b.docx'}: a folder has this name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.docx"]


def test_the_manifest_name_is_lisdrafts_own(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="lisdraft keeps its own record there"):
        write_files(tmp_path, {MANIFEST_NAME: b"{}"})


def test_a_council_name_full_of_path_tricks_still_writes_inside(edited, tmp_path: Path) -> None:
    tricky = "../../etc/Felpersham\\..\\City: Council"

    def rename(data: Any) -> None:
        rename_everywhere(data, "Felpersham City Council", tricky)

    out = tmp_path / "out"
    paths = build_documents(edited(rename), out).raise_on_failure().paths
    assert {path.parent for path in paths} == {out}
    assert sorted(path.name for path in paths) == [
        "etc-felpersham-city-council-briefing.docx",
        "etc-felpersham-city-council-contribution.docx",
        "etc-felpersham-city-council-stock-take.docx",
    ]
    assert tricky in docx_text(paths[0])


def test_a_symlink_in_the_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.docx"
    outside.write_bytes(b"precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").symlink_to(outside)
    with pytest.raises(HandEditedError):
        write_files(out, {"a.docx": b"new"})
    write_files(out, {"a.docx": b"new"}, force=True)
    assert outside.read_bytes() == b"precious"
    assert not (out / "a.docx").is_symlink()
    assert (out / "a.docx").read_bytes() == b"new"


# The hand-edit guard ----------------------------------------------------------


def test_a_hand_edited_document_is_kept_and_nothing_is_written(
    example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(example), "--out", str(out)]).exit_code == 0
    edit_by_hand(out / BRIEFING)
    before = snapshot(out)

    result = runner.invoke(app, ["build", str(example), "--out", str(out)])

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{out / BRIEFING}: edited since lisdraft wrote it",
        "Nothing was written, so those edits are safe. To keep a file, rename it or move it "
        "to another folder, then build again; to replace it with a fresh draft, build again "
        "with --force.",
    ]
    assert snapshot(out) == before
    assert "Edited by hand before circulation." in docx_text(out / BRIEFING)


def test_force_replaces_a_hand_edited_document(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_documents(example, out).raise_on_failure()
    edit_by_hand(out / BRIEFING)

    result = runner.invoke(app, ["build", str(example), "--out", str(out), "--force"])

    assert result.exit_code == 0, result.output
    assert "Edited by hand" not in docx_text(out / BRIEFING)
    # ... and the record now matches, so the next build needs no --force.
    assert runner.invoke(app, ["build", str(example), "--out", str(out)]).exit_code == 0


def test_renaming_the_edited_copy_keeps_it_and_the_build_goes_ahead(
    example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_documents(example, out).raise_on_failure()
    edit_by_hand(out / BRIEFING)
    (out / BRIEFING).rename(out / "briefing-edited.docx")
    assert {p.name for p in build_documents(example, out).raise_on_failure().paths} == NAMES
    assert "Edited by hand" in docx_text(out / "briefing-edited.docx")


def test_stocktake_honours_the_guard_and_force(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_documents(example, out).raise_on_failure()
    report = out / "felpersham-city-council-stock-take.docx"
    edit_by_hand(report)
    refused = runner.invoke(app, ["stocktake", str(example), "--out", str(out)])
    assert refused.exit_code == 1
    assert f"{report}: edited since lisdraft wrote it" in refused.output
    forced = runner.invoke(app, ["stocktake", str(example), "--out", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "Edited by hand" not in docx_text(report)


def test_a_file_lisdraft_has_no_record_of_is_kept(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / BRIEFING).write_bytes(b"someone else's briefing")
    with pytest.raises(HandEditedError) as caught:
        build_documents(example, out).raise_on_failure()
    assert str(caught.value).startswith(
        f"{out / BRIEFING}: already there, and lisdraft has no record of writing it\n"
    )
    assert caught.value.unknown == [out / BRIEFING] and caught.value.edited == []
    assert sorted(p.name for p in out.iterdir()) == [BRIEFING]


def test_an_unguarded_write_replaces_files_and_keeps_no_record(tmp_path: Path) -> None:
    (tmp_path / "profile.schema.json").write_text("{}", encoding="utf-8")
    write_files(tmp_path, {"profile.schema.json": b'{"new": 1}'}, guard=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.schema.json"]


def test_the_manifest_records_what_was_written(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = build_documents(example, out).raise_on_failure().paths
    record = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert record["files"] == {p.name: digest(p.read_bytes()) for p in paths}


def test_a_partial_build_keeps_the_record_of_the_other_documents(
    example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_documents(example, out).raise_on_failure()
    build_documents(example, out, BuildOptions(only=("briefing",))).raise_on_failure()
    edit_by_hand(out / "felpersham-city-council-contribution.docx")
    with pytest.raises(HandEditedError) as caught:
        build_documents(example, out).raise_on_failure()
    assert caught.value.edited == [out / "felpersham-city-council-contribution.docx"]


def test_an_unreadable_manifest_keeps_every_existing_file(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_documents(example, out).raise_on_failure()
    edit_by_hand(out / BRIEFING)
    (out / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(HandEditedError) as caught:
        build_documents(example, out).raise_on_failure()
    assert out / BRIEFING in caught.value.unknown
    assert snapshot(out) == before


def test_builds_into_one_folder_at_the_same_time_keep_every_record(tmp_path: Path) -> None:
    def write(prefix: str) -> None:
        for i in range(15):
            write_files(tmp_path, {f"{prefix}-{i}.docx": f"{prefix}{i}".encode()})

    threads = [threading.Thread(target=write, args=(p,)) for p in ("north", "south")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    record = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert len(record) == 30
    assert record["south-14.docx"] == digest(b"south14")


def test_documents_lisdraft_writes_open_in_python_docx(example: Path, tmp_path: Path) -> None:
    for path in build_documents(example, tmp_path).raise_on_failure().paths:
        Document(io.BytesIO(path.read_bytes()))


def build(profile: Path, out: Path, options: BuildOptions | None = None) -> BuildResult:
    return build_documents(profile, out, options).raise_on_failure()


def test_a_rebuild_without_copies_removes_the_old_markdown(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(example, out, BuildOptions(text=True))
    old = sorted(p.name for p in out.glob("*.md"))
    assert len(old) == 3
    build(example, out)
    assert list(out.glob("*.md")) == []
    assert not any(name in json.loads((out / MANIFEST_NAME).read_text())["files"] for name in old)


def test_a_hand_edited_old_copy_stops_the_build_unless_forced(
    example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(example, out, BuildOptions(text=True))
    copy = next(out.glob("*-briefing.md"))
    copy.write_text("Notes added by hand.\n", encoding="utf-8")
    with pytest.raises(HandEditedError) as caught:
        build(example, out)
    assert f"{copy}: an older copy this build would remove" in str(caught.value)
    assert copy.read_text(encoding="utf-8") == "Notes added by hand.\n"
    build(example, out, BuildOptions(force=True))
    assert not copy.exists()


def test_only_leaves_the_other_documents_copies(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(example, out, BuildOptions(text=True))
    build(example, out, BuildOptions(only=("briefing",)))
    left = sorted(p.name.rsplit("-", 1)[-1] for p in out.glob("*.md"))
    assert left == ["contribution.md", "take.md"]


def test_a_copy_lisdraft_did_not_write_is_never_removed(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    [contribution, *_] = build(example, out).paths
    mine = contribution.with_suffix(".md")
    mine.write_text("My own notes.\n", encoding="utf-8")
    build(example, out)
    assert mine.read_text(encoding="utf-8") == "My own notes.\n"
