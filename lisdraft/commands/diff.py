"""`lisdraft diff`: what changed between two versions of a profile, as Markdown or a redline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lisdraft.commands.build import Document
from lisdraft.commands.common import run, shown

if TYPE_CHECKING:
    from lisdraft.build.redline import RedlineResult

#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Summarise the changes between two versions of a profile, as Markdown or tracked changes.

Lists what was added, removed and reworded in the profile's own terms,
then each stock-take rating that moved: ready to paste into a pull
request. With --docx, writes instead the three documents built from the
new profile with every difference from the old one's documents shown as
Word tracked changes, and lists the changes in each. Exit code 0 whether
or not anything changed; 1 if either profile is not valid.

Two versions of an area file (area.yaml) are compared the same way; the
ratings belong to each council, so diff a council's profile to see them.

Example:  lisdraft diff old.yaml profile.yaml

Example:  lisdraft diff --git HEAD~3 profile.yaml --docx redline/"""


def diff(
    profiles: Annotated[
        list[Path],
        typer.Argument(
            help="The earlier and the later profile; with --git, only the later one.",
            show_default=False,
        ),
    ],
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            help="Compare with the profile as git holds it at this revision (HEAD~3, main...).",
            show_default=False,
        ),
    ] = None,
    docx: Annotated[
        Path | None,
        typer.Option(
            "--docx",
            help="Write the new documents into this folder with the changes tracked, for Word.",
            show_default=False,
        ),
    ] = None,
    author: Annotated[
        str, typer.Option("--author", help="Name Word shows against each tracked change.")
    ] = "lisdraft",
    only: Annotated[
        list[Document] | None,
        typer.Option(
            "--only",
            help="With --docx, compare only this document: contribution, briefing or stocktake. "
            "Repeatable.",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Folder of customised templates, used for both versions.",
            show_default=False,
        ),
    ] = None,
    write_all: Annotated[
        bool, typer.Option("--all", help="With --docx, also write documents that did not change.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Overwrite redlines even if they were edited by hand."),
    ] = False,
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.build.redline import compared_versions

    if docx is None:
        from lisdraft.profile.diff import diff_files, diff_to_markdown

        def markdown() -> str:
            with compared_versions(profiles, git) as (old, new):
                return diff_to_markdown(diff_files(old, new))

        typer.echo(run(markdown), nl=False)
        return
    from lisdraft.build.options import BuildOptions
    from lisdraft.build.redline import redline, summary_lines

    names = tuple(document.value for document in only or [])
    options = BuildOptions(only=names, templates_dir=templates, force=force)

    def marked() -> RedlineResult:
        with compared_versions(profiles, git) as (old, new):
            return redline(old, new, docx, options, author=author, write_all=write_all)

    result = run(marked)
    for line in summary_lines(result):
        typer.echo(line)
    for path in result.paths:
        typer.echo(f"wrote {shown(path)}")
