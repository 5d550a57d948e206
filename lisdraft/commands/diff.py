"""`lisdraft diff`: summarise what changed between two versions of a profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run

#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Summarise the changes between two versions of a profile, as Markdown.

Lists what was added, removed and reworded in the profile's own terms,
then each stock-take rating that moved: ready to paste into a pull
request. Exit code 0 whether or not anything changed; 1 if either
profile is not valid.

Two versions of an area file (area.yaml) are compared the same way; the
ratings belong to each council, so diff a council's profile to see them.

Example:  git show main:profile.yaml > old.yaml && lisdraft diff old.yaml profile.yaml"""


def diff(
    old: Annotated[Path, typer.Argument(help="The earlier profile.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later profile.", show_default=False)],
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.profile.diff import diff_files, diff_to_markdown

    result = run(lambda: diff_files(old, new))
    typer.echo(diff_to_markdown(result), nl=False)
