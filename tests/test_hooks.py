"""The pre-commit hook a policy team adds to validate profiles on every commit."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import ROOT


def hooks() -> list[dict[str, Any]]:
    return YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def validate_hook() -> dict[str, Any]:
    (hook,) = [hook for hook in hooks() if hook["id"] == "lisdraft-validate"]
    return hook


def run_entry(*files: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit does: the command, then the staged file names."""
    command, *args = shlex.split(validate_hook()["entry"])
    installed = Path(sys.executable).parent / command
    executable = str(installed) if installed.exists() else shutil.which(command)
    assert executable, f"{command} is not installed beside {sys.executable}"
    return subprocess.run(
        [executable, *args, *map(str, files)], capture_output=True, text=True, check=False
    )


def test_the_hook_is_a_python_hook_running_lisdraft_validate() -> None:
    hook = validate_hook()
    assert hook["language"] == "python"
    assert hook["entry"] == "lisdraft validate"
    assert hook.get("pass_filenames", True)


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("profile.yaml", True),
        ("councils/felpersham/profile.yaml", True),
        ("wexmoor/profile.yml", True),
        ("borchestershire/area.yaml", True),
        ("area.yml", True),
        ("notes/old-area.yaml", False),
        ("schema/profile.schema.json", False),
        ("notes/old-profile.yaml", False),
        (".pre-commit-config.yaml", False),
    ],
)
def test_the_hook_checks_files_named_profile_yaml_and_area_yaml(path: str, checked: bool) -> None:
    assert bool(re.search(validate_hook()["files"], path)) is checked


def test_the_hook_passes_a_good_profile(example: Path) -> None:
    result = run_entry(example)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_the_hook_fails_a_bad_profile_and_says_where(example: Path, edited) -> None:
    bad = edited(lambda d: d["meta"].__setitem__("status", "published"))
    result = run_entry(example, bad)
    assert result.returncode == 1
    assert f"{bad}:13:3: meta.status: 'published' is not one of the allowed values" in result.stderr


def test_the_readme_config_uses_the_hook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- pre-commit-config -->\n```yaml\n(.+?)```", readme, re.S)
    assert block, "README.md lacks the .pre-commit-config.yaml example"
    config = YAML(typ="safe").load(block.group(1))
    (repo,) = config["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == ["lisdraft-validate"]
    assert len(block.group(1).strip().splitlines()) == 5


def test_the_hook_checks_an_area_file_as_an_area_file(tmp_path: Path) -> None:
    area = ROOT / "examples" / "borchestershire" / "area.yaml"
    assert run_entry(area).returncode == 0
    broken = tmp_path / "area.yaml"
    broken.write_text(area.read_text(encoding="utf-8").replace("lis_wave: 3", "lis_wave: 9"))
    result = run_entry(broken)
    assert result.returncode == 1
    assert f"{broken}:" in result.stderr and "place.lis_wave" in result.stderr
