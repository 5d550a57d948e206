"""`lisdraft templates`: export, check and list what customised Word templates may use."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run, shown

app = typer.Typer(
    help=(
        "Customise the Word templates: export copies, edit them in Word, check them, then "
        "build with --templates.\n\nStart with:  lisdraft templates export my-templates/"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Format(StrEnum):
    """How `lisdraft templates vars` prints the catalogue."""

    text = "text"
    markdown = "markdown"


#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
EXPORT_HELP = """Copy the built-in Word templates into a folder, to customise in Word.

Templates already in the folder are kept as they are (only the missing ones
are written) unless you add --force.

Example:  lisdraft templates export my-templates/ briefing"""


@app.command("export", help=EXPORT_HELP)
def export(
    folder: Annotated[
        Path, typer.Argument(help="Folder to copy the templates into.", show_default=False)
    ],
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Templates to export: contribution, briefing, stocktake or area-overview "
            "(the three documents when none).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace templates already in the folder.")
    ] = False,
) -> None:
    """Run the command; its help text is `EXPORT_HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.build.documents import export_kinds, export_templates

    written = run(lambda: export_templates(folder, force, names or ()))
    for path in written:
        typer.echo(f"wrote {shown(path)}")
    for kind in run(lambda: export_kinds(names or ())):
        if folder / kind.template not in written:
            typer.echo(f"kept {shown(folder / kind.template)} (already there; --force replaces it)")
    typer.echo(
        f"Edit them in Word, check them with `lisdraft templates check {shown(folder)}`, then "
        f"build with `lisdraft build PROFILE --templates {shown(folder)}`."
    )


#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
CHECK_HELP = """Check customised templates and report every problem with where it is.

Each problem names the file, the part (body, header, footer), the paragraph
or table cell, and the text near it. Exit code 0 when the templates can be
used (warnings are printed but allowed), 1 when any has an error.

Example:  lisdraft templates check my-templates/"""


@app.command("check", help=CHECK_HELP)
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Template folders or .docx files to check.", show_default=False),
    ],
) -> None:
    """Run the command; its help text is `CHECK_HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.templating.check import check_templates

    warnings = run(lambda: check_templates(paths))
    for warning in warnings:
        typer.echo(str(warning))
    typer.echo("No errors found: lisdraft can build with these templates.")


#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
VARS_HELP = """List every variable, helper and tag a template may use, with its type and meaning.

Example:  lisdraft templates vars"""


@app.command("vars", help=VARS_HELP)
def variables(
    output_format: Annotated[
        Format,
        typer.Option("--format", help="'text' for reading, 'markdown' for the docs page."),
    ] = Format.text,
) -> None:
    """Run the command; its help text is `VARS_HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.templating.catalogue import catalogue_markdown, catalogue_text

    text = catalogue_markdown() if output_format is Format.markdown else catalogue_text()
    typer.echo(text, nl=False)
