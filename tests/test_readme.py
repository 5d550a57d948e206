"""The README's newcomer commands are the ones CI runs."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"<!-- ci:(\w+) -->\n```sh\n(.+?)\n```", text)
    return dict(found)


def test_the_readme_gives_a_build_and_a_test_command() -> None:
    commands = readme_commands()
    assert set(commands) == {"build", "test"}
    assert "lisdraft build examples/borchestershire/profile.yaml" in commands["build"]
    assert "pytest" in commands["test"]


def test_ci_runs_exactly_the_readme_commands() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in readme_commands().values():
        assert command in ci_lines
