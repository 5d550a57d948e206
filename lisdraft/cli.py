"""The command-line shell: parse options, call the library, report errors.

No logic lives here. Each command calls one library function and turns a
`LisdraftError` into a message on stderr and its exit code. Library imports
happen inside commands so `lisdraft --help` starts quickly.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

T = TypeVar("T")

EXAMPLE = "examples/borchestershire/profile.yaml"

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

_state = {"debug": False}


def _run(action: Callable[[], T]) -> T:
    """Run `action`, turning user errors into a message and an exit code."""
    from lisdraft.errors import LisdraftError

    try:
        return action()
    except LisdraftError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Stopped.", err=True)
        raise typer.Exit(130) from None
    except Exception:
        if _state["debug"]:
            traceback.print_exc()
        typer.echo(
            "lisdraft hit an internal error: this is a bug, not your mistake. Please report it "
            "with the command you ran (add --debug before the command to see the details).",
            err=True,
        )
        raise typer.Exit(3) from None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

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
    _state["debug"] = debug


@app.command()
def validate(
    profiles: Annotated[
        list[Path], typer.Argument(help="One or more profile .yaml files.", show_default=False)
    ],
) -> None:
    """Check profiles and report every problem with its file, line and field.

    Exit code 0 when every profile is valid, 1 when any is not.

    Example:  lisdraft validate examples/borchestershire/profile.yaml
    """
    from lisdraft.errors import ProfileError
    from lisdraft.loader import load_profile

    failed = 0
    for path in profiles:
        try:
            _run(lambda path=path: load_profile(path))  # type: ignore[misc]
        except typer.Exit:
            failed += 1
            continue
        typer.echo(f"{path}: valid")
    if failed:
        noun = "profile is" if failed == 1 else "profiles are"
        typer.echo(f"{failed} {noun} not valid.", err=True)
        raise typer.Exit(ProfileError.exit_code)


@app.command()
def build(
    profile: Annotated[Path, typer.Argument(help="The profile .yaml file.", show_default=False)],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the documents into.")
    ] = Path("out"),
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            help="Build only this document: contribution, briefing or stocktake. Repeatable.",
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

    paths = _run(lambda: build_documents(profile, out, only))
    for path in paths:
        typer.echo(f"wrote {_shown(path)}")


@app.command(name="stocktake")
def stocktake_command(
    profile: Annotated[Path, typer.Argument(help="The profile .yaml file.", show_default=False)],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the stock-take report into.")
    ] = Path("out"),
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="How to print the assessment: 'table' for people, 'json' for other tools.",
        ),
    ] = "table",
    no_document: Annotated[
        bool, typer.Option("--no-document", help="Print the assessment only; write no file.")
    ] = False,
) -> None:
    """Rate the eight stock-take questions from the profile's facts, then write the report.

    For each question it prints the council's own answer, lisdraft's rating
    (green, amber, red or not enough information), the profile fields it read
    and whether the two disagree; then the LEP board rules and the six steps.
    The rules are listed in docs/stocktake-rules.md.

    Example:  lisdraft stocktake examples/borchestershire/profile.yaml --format json
    """
    import json

    from lisdraft.build import stocktake
    from lisdraft.errors import UsageError
    from lisdraft.report import assessment_to_json, format_table

    if output_format not in {"table", "json"}:
        _run(lambda: _raise(UsageError(f"unknown format '{output_format}'; use table or json")))
    result = _run(lambda: stocktake(profile, None if no_document else out))
    if output_format == "json":
        data = assessment_to_json(result.profile, result.assessment)
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        for path in result.paths:
            typer.echo(f"wrote {_shown(path)}", err=True)
        return
    typer.echo(format_table(result.profile, result.assessment))
    for path in result.paths:
        typer.echo(f"\nwrote {_shown(path)}")


def _raise(error: Exception) -> None:
    raise error


def _shown(path: Path) -> str:
    """Return `path` relative to the working folder when it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main() -> None:
    """Run the command line (the `lisdraft` console script)."""
    app(prog_name="lisdraft")


if __name__ == "__main__":  # pragma: no cover
    main()
