"""`lisdraft check`: report accessibility problems in Word documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lisdraft.commands.common import run

if TYPE_CHECKING:
    from lisdraft.word.findings import Finding


#: Its help text, kept as data (not a docstring) so that `python -OO` keeps it too.
HELP = """Check Word documents for accessibility problems, as Word's accessibility checker does.

Each problem is listed with where it is and how to fix it in Word. Errors
stop some readers using the document; warnings make it harder to use or
break GOV.UK's basics. The rules are listed in docs/accessibility.md.

Exit code 0 when no document has an error, 1 when any has (or, with
--strict, when any has a warning).

Example:  lisdraft check out/felpersham-city-council-contribution.docx"""


def check(
    documents: Annotated[
        list[Path], typer.Argument(help="One or more Word .docx files.", show_default=False)
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too, not only on errors.")
    ] = False,
) -> None:
    """Run the command; its help text is `HELP`, which survives `python -OO`."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.word.accessibility import check_document
    from lisdraft.word.findings import count

    failed, errors, warnings = 0, 0, 0
    for path in documents:
        try:
            findings = run(lambda path=path: check_document(path))  # type: ignore[misc]
        except typer.Exit:
            failed += 1
            continue
        for finding in findings:
            typer.echo(f"{path}: {finding}")
        if not findings:
            typer.echo(f"{path}: no accessibility problems found")
        errors += count(findings, "error")
        warnings += count(findings, "warning")
    typer.echo(_summary(errors, warnings, failed), err=True)
    if failed or errors or (strict and warnings):
        raise typer.Exit(1)


def report_findings(findings: dict[str, list[Finding]]) -> None:
    """Print each document's findings as warnings, for `lisdraft build`."""
    total = 0
    for name, found in findings.items():
        for finding in found:
            typer.echo(f"{name}: {finding}", err=True)
        total += len(found)
    if total:
        typer.echo(
            f"The documents were written, but {_plural(total, 'accessibility problem')} "
            f"{'was' if total == 1 else 'were'} found. If you changed the templates, fix them "
            "there; docs/accessibility.md explains each rule.",
            err=True,
        )


def _summary(errors: int, warnings: int, failed: int) -> str:
    unread = f"; {_plural(failed, 'document')} could not be read" if failed else ""
    return f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')}{unread}."


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
