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
    """Build the Word drafts for a profile: LIS contribution, board briefing and stock-take.

    Each file is named after the council, such as
    felpersham-city-council-contribution.docx. Nothing is written unless every
    document renders.

    Given several profiles or a folder, each profile's documents go into a
    subfolder of --out named after the profile (its folder, for a file called
    profile.yaml). A bad profile does not stop the others: its problems are
    listed at the end and the exit code is 1.

    Example:  lisdraft build examples/borchestershire/profile.yaml --out out/

    Example:  lisdraft build examples/ --out out/ --jobs 2
    """
    names = [document.value for document in only or []]
    if len(profiles) > 1 or profiles[0].is_dir():
        from lisdraft.commands.batch import build_batch

        build_batch(profiles, out, names, jobs)
        return
    from lisdraft.build import build_documents

    profile = profiles[0]
    paths = run(lambda: build_documents(profile, out, names))
    for path in paths:
        typer.echo(f"wrote {shown(path)}")
