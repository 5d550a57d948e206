"""The command-line shell: the Typer app and its commands.

No logic lives here or in `lisdraft.commands`: each command parses options,
calls one library function and reports `LisdraftError`s through
`commands.common.run`. Library imports happen inside commands, so
`lisdraft --help` starts quickly.
"""

from __future__ import annotations

from typing import Annotated

import typer

from lisdraft.commands import build, check, diff, new, schema, stocktake, templates, validate
from lisdraft.commands.common import EXAMPLE, state

app = typer.Typer(
    name="lisdraft",
    help=(
        "Turn a council's place profile (YAML) into Word drafts for its Local Industrial "
        f"Strategy.\n\nStart with:  lisdraft build {EXAMPLE} --out out/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version  # only --version needs it

        typer.echo(f"lisdraft {version('lisdraft')}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    state["debug"] = debug


app.command(name="validate", help=validate.HELP)(validate.validate)
app.command(name="build", help=build.HELP)(build.build)
app.command(name="stocktake", help=stocktake.HELP)(stocktake.stocktake)
app.command(name="new", help=new.HELP)(new.new)
app.command(name="schema", help=schema.HELP)(schema.schema)
app.command(name="diff", help=diff.HELP)(diff.diff)
app.command(name="check", help=check.HELP)(check.check)
app.add_typer(templates.app, name="templates")


def main() -> None:
    """Run the command line (`lisdraft.__main__` starts it, with the run's process settings)."""
    app(prog_name="lisdraft")
