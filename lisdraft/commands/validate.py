"""`lisdraft validate`: check profiles and report every problem."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run


class Format(StrEnum):
    """How `lisdraft validate` reports problems."""

    text = "text"
    json = "json"
    github = "github"


#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Check profiles and report every problem with its file, line and field.

A file called area.yaml is checked as an area file (the facts an area's
councils share). A council profile that contradicts its area file gets a
warning naming both places; warnings do not make it invalid.

Exit code 0 when every profile is valid, 1 when any is not.

Example:  lisdraft validate examples/borchestershire/profile.yaml

Example:  lisdraft validate examples/borchestershire/"""


def validate(
    profiles: Annotated[
        list[Path],
        typer.Argument(
            help="Profile .yaml files, or folders of them; a folder's area.yaml is checked as "
            "an area file.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="'text' for people, 'json' for other tools (docs/validate-json.md), "
            "'github' for GitHub Actions annotations.",
        ),
    ] = Format.text,
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.errors import ProfileError
    from lisdraft.profile.validation import check_profiles

    if output_format is not Format.text:
        _report_for_tools(profiles, output_format)
        return
    failed = 0
    for check in run(lambda: check_profiles(profiles)):
        if not check.valid:
            typer.echo(str(ProfileError(list(check.problems))), err=True)
            failed += 1
            continue
        typer.echo(f"{check.file}: valid")
        for warning in check.warnings:
            typer.echo(f"warning: {warning}", err=True)
    if failed:
        noun = "profile is" if failed == 1 else "profiles are"
        typer.echo(f"{failed} {noun} not valid.", err=True)
        raise typer.Exit(ProfileError.exit_code)


def _report_for_tools(profiles: list[Path], output_format: Format) -> None:
    """Print the problems as JSON or as GitHub annotations; exit 1 if any profile is invalid."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    import json

    from lisdraft.errors import ProfileError
    from lisdraft.profile.validation import check_profiles, github_annotations, validation_to_json

    checks = run(lambda: check_profiles(profiles))
    if output_format is Format.json:
        data = validation_to_json(checks)
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for line in github_annotations(checks):
            typer.echo(line)
    failed = sum(1 for check in checks if not check.valid)
    if failed:
        noun = "profile is" if failed == 1 else "profiles are"
        typer.echo(f"{failed} {noun} not valid.", err=True)
        raise typer.Exit(ProfileError.exit_code)
