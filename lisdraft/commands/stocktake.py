"""`lisdraft stocktake`: rate the eight questions and write the report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run, shown


class Format(StrEnum):
    """How `lisdraft stocktake` prints the assessment."""

    table = "table"
    json = "json"


#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Rate the eight stock-take questions from the profile's facts, then write the report.

For each question it prints the council's own answer, lisdraft's rating
(green, amber, red or not enough information), the profile fields it read
and whether the two disagree; then the LEP board rules and the six steps.
The rules are listed in docs/stocktake-rules.md.

Example:  lisdraft stocktake examples/borchestershire/profile.yaml --format json"""


def stocktake(
    profile: Annotated[
        Path,
        typer.Argument(help="The profile .yaml file.", show_default=False, dir_okay=False),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the stock-take report into.")
    ] = Path("out"),
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="How to print the assessment: 'table' for people, 'json' for other tools.",
        ),
    ] = Format.table,
    no_document: Annotated[
        bool, typer.Option("--no-document", help="Print the assessment only; write no file.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Overwrite the report even if it was edited by hand."),
    ] = False,
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    import json

    from lisdraft.build.options import BuildOptions
    from lisdraft.build.pipeline import build_documents
    from lisdraft.stocktake.report import assessment_to_json, format_table

    options = BuildOptions(only=("stocktake",), force=force)
    result = run(
        lambda: build_documents(profile, None if no_document else out, options).raise_on_failure()
    )
    [outcome] = result.outcomes
    read, assessment = outcome.place_profile, outcome.assessment
    assert read is not None and assessment is not None  # a profile that was built was read
    if output_format is Format.json:
        data = run(lambda: assessment_to_json(read, assessment))
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        for path in result.paths:
            typer.echo(f"wrote {shown(path)}", err=True)
        return
    typer.echo(run(lambda: format_table(read, assessment)))
    for path in result.paths:
        typer.echo(f"\nwrote {shown(path)}")
