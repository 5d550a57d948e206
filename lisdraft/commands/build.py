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
) -> None:
    """Build the Word drafts for a profile: LIS contribution, board briefing and stock-take.

    Each file is named after the council, such as
    felpersham-city-council-contribution.docx. Nothing is written unless every
    document renders.

    Example:  lisdraft build examples/borchestershire/profile.yaml --out out/
    """
    from lisdraft.build import build_documents

    names = [document.value for document in only or []]
    paths = run(lambda: build_documents(profile, out, names, templates))
    for path in paths:
        typer.echo(f"wrote {shown(path)}")
