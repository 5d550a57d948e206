"""`lisdraft build`: write the Word drafts for a profile."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.check import report_findings
from lisdraft.commands.common import run, shown


class Document(StrEnum):
    """The documents `--only` can name."""

    contribution = "contribution"
    briefing = "briefing"
    stocktake = "stocktake"


#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Build the Word drafts for a profile: LIS contribution, board briefing and stock-take.

Each file is named after the council, such as
felpersham-city-council-contribution.docx. Nothing is written unless every
document renders, and a document edited by hand since lisdraft wrote it is
never overwritten unless you add --force. Each document is then checked for
accessibility problems (see lisdraft check); any found are listed as warnings.

Given several profiles or a folder, each profile's documents go into a
subfolder of --out named after the profile (its folder, for a file called
profile.yaml). A bad profile does not stop the others: its problems are
listed at the end and the exit code is 1.

Example:  lisdraft build examples/borchestershire/profile.yaml --out out/

Example:  lisdraft build examples/ --out out/ --jobs 2"""


def build(
    profiles: Annotated[
        list[Path],
        typer.Argument(
            help="Profile .yaml files, or folders of them (every .yaml and .yml file inside).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the documents into.")
    ] = Path("out"),
    only: Annotated[
        list[Document] | None,
        typer.Option(
            "--only",
            help="Build only this document: contribution, briefing or stocktake. Repeatable.",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Folder of customised templates (from `lisdraft templates export`); "
            "documents it has no template for use the built-in one.",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        bool,
        typer.Option("--text", help="Also write a Markdown copy of each document, for diffs."),
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a tagged PDF of each document (LibreOffice).")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Overwrite documents even if they were edited by hand."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes for several profiles. Default: one per core.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.build.options import BuildOptions

    names = tuple(document.value for document in only or [])
    options = BuildOptions(names, templates, text, pdf, force, jobs)
    if len(profiles) > 1 or profiles[0].is_dir():
        from lisdraft.commands.batch import build_batch  # only batches draw a progress bar

        build_batch(profiles, out, options)
        return
    from lisdraft.build.pipeline import build_documents

    result = run(lambda: build_documents(profiles[0], out, options).raise_on_failure())
    for path in result.paths:
        typer.echo(f"wrote {shown(path)}")
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    report_findings({shown(path): found for path, found in result.findings.items()})
