"""The command-line shell: the Typer app and its commands.

No logic lives here or in `lisdraft.commands`: each command parses options,
calls one library function and reports `LisdraftError`s through
`commands.common.run`. Library imports happen inside commands, so
`lisdraft --help` starts quickly.
"""

from __future__ import annotations

import gc
import os
from typing import Annotated

# A run makes hundreds of thousands of objects that live until it ends (the
# modules of Typer, Pydantic, python-docx and Jinja, the templates, the profile).
# At Python's default threshold (700 new objects) the cycle collector scanned
# them about 130 times in a build of the example, a sixth of its time, and freed
# almost nothing: lisdraft's data has no cycles to free. So the command line has
# it run after every 100,000, from before it imports Typer (worker processes
# inherit this); the library, imported by other programs, leaves it alone.
gc.set_threshold(100_000, *gc.get_threshold()[1:])

# These imports come after the threshold is set (E402).
import typer  # noqa: E402

from lisdraft.commands import (  # noqa: E402
    build,
    check,
    diff,
    new,
    schema,
    stocktake,
    templates,
    validate,
)
from lisdraft.commands.common import EXAMPLE, state  # noqa: E402

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
    """Run the command line (the `lisdraft` console script)."""
    # lisdraft uses no Pydantic plugins; looking for them scans every installed
    # package's metadata on each run, a large part of a one-profile build.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="lisdraft")
