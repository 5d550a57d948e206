"""`lisdraft new`: write a starter profile for a council starting from nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run, shown

#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Write a starter profile: every section, each explained with an example.

It is valid as written; replace the values starting "TO DO:" and fill in
the empty sections. An existing file is never replaced.

Example:  lisdraft new "Felpersham City Council" --place Borchestershire"""


def new(
    council: Annotated[
        str, typer.Argument(help="The council writing the profile, in quotes.", show_default=False)
    ],
    place: Annotated[
        str,
        typer.Option("--place", help="The LIS area, in quotes.", show_default=False),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The file to write; it must not exist yet.")
    ] = Path("profile.yaml"),
    schema: Annotated[
        str,
        typer.Option(
            "--schema",
            help="Where editors find the JSON Schema: a URL, or a path relative to the profile.",
        ),
    ] = "profile.schema.json",
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.profile.scaffold import create_profile

    path = run(lambda: create_profile(out, council, place, schema_ref=schema))
    typer.echo(f"wrote {shown(path)}")
    typer.echo(f'Next: replace each "TO DO:" value, then run  lisdraft validate {shown(path)}')
    if "://" not in schema:
        schema_path = shown(path.parent / schema)
        typer.echo(f"For help in your editor:  lisdraft schema --out {schema_path}")
