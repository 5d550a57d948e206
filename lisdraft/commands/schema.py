"""`lisdraft schema`: write the JSON Schema of a profile, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run, shown

#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Write the JSON Schema of a profile, so editors can complete, explain and check it.

Point a profile at it with a first line such as
'# yaml-language-server: $schema=profile.schema.json' (lisdraft new writes one).

With --area, write the schema of an area file instead (the facts an area's
councils share); point the area file at it the same way.

Example:  lisdraft schema --out profile.schema.json

Example:  lisdraft schema --area --out area.schema.json"""


def schema(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The file to write; without it, print the schema."),
    ] = None,
    area: Annotated[
        bool, typer.Option("--area", help="Write the schema of an area file (area.yaml).")
    ] = False,
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.profile.schema import schema_text, write_schema

    if out is None:
        typer.echo(run(lambda: schema_text(area)), nl=False)
        return
    path = run(lambda: write_schema(out, area))
    typer.echo(f"wrote {shown(path)}")
