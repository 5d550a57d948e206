"""The command line: exit codes and messages, through Typer's CliRunner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from lisdraft.cli import app

runner = CliRunner()


def test_validate_a_good_profile_exits_0(example: Path) -> None:
    result = runner.invoke(app, ["validate", str(example)])
    assert result.exit_code == 0
    assert f"{example}: valid" in result.output


def test_validate_a_bad_profile_exits_1_with_located_problems(edited) -> None:
    path = edited(lambda d: d["meta"].__setitem__("status", "published"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:" in result.output
    assert "meta.status: 'published' is not one of the allowed values" in result.output
    assert "Traceback" not in result.output


def test_validate_checks_every_profile_given(example: Path, edited) -> None:
    bad = edited(lambda d: d["meta"].__setitem__("status", "published"))
    result = runner.invoke(app, ["validate", str(bad), str(example)])
    assert result.exit_code == 1
    assert f"{example}: valid" in result.output
    assert "1 profile is not valid." in result.output


def test_a_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["validate"]).exit_code == 2
    assert runner.invoke(app, ["build", "x.yaml", "--colour"]).exit_code == 2


def test_an_unknown_document_exits_2(example: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(example), "--out", str(tmp_path), "--only", "memo"])
    assert result.exit_code == 2
    assert "memo" in result.output


def test_build_prints_the_paths_it_wrote(example: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(example), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = [line.removeprefix("wrote ") for line in result.output.splitlines()]
    assert len(written) == 3
    assert all(Path(p).exists() for p in written)


def test_a_missing_profile_exits_1_without_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "none.yaml"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "file not found" in result.output
    assert "Traceback" not in result.output


def test_every_command_explains_itself_with_an_example() -> None:
    for command in ["validate", "build"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output


def test_python_dash_m_lisdraft_works_the_same(example: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lisdraft", "validate", str(example)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "valid" in result.stdout


def test_an_internal_error_is_one_line_asking_for_a_report(
    example: Path, tmp_path: Path, monkeypatch
) -> None:
    import lisdraft.build.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(lisdraft.build.pipeline, "build_profile", broken)
    result = runner.invoke(app, ["build", str(example), "--out", str(tmp_path)])
    assert result.exit_code == 3
    assert result.output.splitlines() == [
        "lisdraft hit an internal error: this is a bug, not your mistake. Please report it "
        "with the command you ran (add --debug before the command to see the details)."
    ]
    debug = runner.invoke(app, ["--debug", "build", str(example), "--out", str(tmp_path)])
    assert debug.exit_code == 3
    assert "Traceback" in debug.output and "RuntimeError: a bug" in debug.output


def test_help_and_validate_start_without_the_word_libraries_or_rich(example: Path) -> None:
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from lisdraft.cli import app\n"
        f"for args in (['--help'], ['build', '--help'], ['validate', {str(example)!r}]):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0, args\n"
        "print(sorted({'docxtpl', 'docx', 'lxml', 'rich'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [["--help"], ["build", "--help"], ["stocktake", "--help"], ["templates", "vars", "--help"]],
)
def test_help_is_the_same_with_docstrings_stripped(args: list[str], tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    shown = [
        subprocess.run(
            [sys.executable, *flags, "-m", "lisdraft", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=environment,
            check=True,
        ).stdout
        for flags in ([], ["-OO"])
    ]
    assert shown[0] == shown[1]
    assert len(shown[1].splitlines()) > 8  # the command's description, not just its options
