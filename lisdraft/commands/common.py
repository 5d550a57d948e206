"""What every command shares: error reporting, exit codes and path display."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from lisdraft.errors import LisdraftError

T = TypeVar("T")

EXAMPLE = "examples/borchestershire/profile.yaml"

#: Set by the global --debug option.
state = {"debug": False}


def run(action: Callable[[], T]) -> T:
    """Run `action`, turning user errors into a message and their exit code.

    This is the one place exit codes are set: `LisdraftError` gives its own
    code (1 for bad input, 2 for usage), anything else is a bug (code 3).
    """
    try:
        return action()
    except LisdraftError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Stopped.", err=True)
        raise typer.Exit(130) from None
    except Exception:
        if state["debug"]:
            traceback.print_exc()
        typer.echo(
            "lisdraft hit an internal error: this is a bug, not your mistake. Please report it "
            "with the command you ran (add --debug before the command to see the details).",
            err=True,
        )
        raise typer.Exit(3) from None


def shown(path: Path) -> str:
    """Return `path` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
