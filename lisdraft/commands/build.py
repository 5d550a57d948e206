"""`lisdraft build`: write the Word drafts for a profile."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lisdraft.commands.common import run, shown


class Document(StrEnum):
    """The documents `--only` can name."""

    contribution = "contribution"
    briefing = "briefing"
    stocktake = "stocktake"


def build(
    profile: Annotated[Path, typer.Argument(help="The profile .yaml file.", show_default=False)],
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
) -> None:
    """Build the Word drafts for a profile: LIS contribution, board briefing and stock-take.

    Each file is named after the council, such as
    felpersham-city-council-contribution.docx. Nothing is written unless every
    document renders, and a document edited by hand since lisdraft wrote it is
    never overwritten unless you add --force. Each document is then checked for
    accessibility problems (see lisdraft check); any found are listed as warnings.

    Example:  lisdraft build examples/borchestershire/profile.yaml --out out/
    """
    from lisdraft.build import build as build_library
    from lisdraft.commands.check import report_findings

    names = [document.value for document in only or []]
    result = run(
        lambda: build_library(profile, out, names, templates, text=text, pdf=pdf, force=force)
    )
    for path in result.paths:
        typer.echo(f"wrote {shown(path)}")
    report_findings({shown(Path(out) / name): found for name, found in result.findings.items()})
