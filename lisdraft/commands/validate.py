"""`lisdraft validate`: check profiles and report every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run


def validate(
    profiles: Annotated[
        list[Path], typer.Argument(help="One or more profile .yaml files.", show_default=False)
    ],
) -> None:
    """Check profiles and report every problem with its file, line and field.

    Exit code 0 when every profile is valid, 1 when any is not.

    Example:  lisdraft validate examples/borchestershire/profile.yaml
    """
    from lisdraft.errors import ProfileError
    from lisdraft.loader import load_profile

    failed = 0
    for path in profiles:
        try:
            run(lambda path=path: load_profile(path))  # type: ignore[misc]
        except typer.Exit:
            failed += 1
            continue
        typer.echo(f"{path}: valid")
    if failed:
        noun = "profile is" if failed == 1 else "profiles are"
        typer.echo(f"{failed} {noun} not valid.", err=True)
        raise typer.Exit(ProfileError.exit_code)
