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

With --area, the profile names an existing area file (the facts the area's
councils share) and holds only the council's own sections; the place comes
from the area file.

Example:  lisdraft new "Felpersham City Council" --place Borchestershire

Example:  lisdraft new "Borchester Borough Council" --area area.yaml --out borchester.yaml"""


def new(
    council: Annotated[
        str, typer.Argument(help="The council writing the profile, in quotes.", show_default=False)
    ],
    place: Annotated[
        str | None,
        typer.Option(
            "--place", help="The LIS area, in quotes (not with --area).", show_default=False
        ),
    ] = None,
    area: Annotated[
        Path | None,
        typer.Option(
            "--area",
            help="An existing area file the council shares; the profile names it.",
            show_default=False,
        ),
    ] = None,
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
    path = run(lambda: _create(council, place, area, out, schema))
    typer.echo(f"wrote {shown(path)}")
    typer.echo(f'Next: replace each "TO DO:" value, then run  lisdraft validate {shown(path)}')
    if "://" not in schema:
        schema_path = shown(path.parent / schema)
        typer.echo(f"For help in your editor:  lisdraft schema --out {schema_path}")


def _create(council: str, place: str | None, area: Path | None, out: Path, schema: str) -> Path:
    """Write the starter profile that the options ask for; return its path."""
    from lisdraft.errors import UsageError
    from lisdraft.profile.scaffold import create_area_profile, create_profile

    if (place is None) == (area is None):
        raise UsageError("give either --place (a new area) or --area (an existing area file)")
    if area is not None:
        return create_area_profile(out, council, area, schema_ref=schema)
    assert place is not None
    return create_profile(out, council, place, schema_ref=schema)
