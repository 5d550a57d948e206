"""The many-profiles half of `lisdraft build`: progress as it goes, and a report at the end."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lisdraft.commands.check import report_findings
from lisdraft.commands.common import run, shown, state

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from lisdraft.build.options import BuildOptions, BuildResult, Outcome


def build_batch(profiles: list[Path], out: Path, options: BuildOptions) -> None:
    """Build `profiles` (files and folders) into subfolders of `out`; exit 1 if any failed."""
    # the library is imported by the command that needs it, so `lisdraft --help` starts quickly
    from lisdraft.build.pipeline import build_documents

    progress = Progress()
    started = time.perf_counter()
    try:
        result = run(lambda: build_documents(profiles, out, options, progress.update))
    finally:
        progress.close()
    report(result, out, time.perf_counter() - started)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def report(result: BuildResult, out: Path, seconds: float) -> None:
    """Print accessibility warnings and each failed profile's problems, then what was built."""
    report_findings({shown(path): found for path, found in result.findings.items()})
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for outcome in result.failed:
        typer.echo(f"\n{outcome.error}", err=True)
        if state["debug"] and outcome.details:
            typer.echo(outcome.details, err=True)
    built, total = len(result.built), len(result.outcomes)
    documents = sum(len(outcome.paths) for outcome in result.built)
    noun = "profile" if total == 1 else "profiles"
    typer.echo(
        f"Built {built} of {total} {noun} ({documents} documents) into {shown(out)} "
        f"in {seconds:.1f} s."
    )
    for overview in result.overviews:
        for path in overview.paths:
            typer.echo(f"wrote the area overview {shown(path)}")
    failed = [outcome for outcome in result.outcomes if not outcome.ok]
    if failed:
        count = len(failed)
        typer.echo(
            f"{count} {'profile was' if count == 1 else 'profiles were'} not built; "
            "the problems are listed above. Fix them and run the command again.",
            err=True,
        )
    for overview in result.overviews:
        if not overview.ok:
            typer.echo(
                f"The area overview for {overview.profile} was not written; the problem is "
                "listed above.",
                err=True,
            )


class Progress:
    """Show a batch's progress: a rich progress bar on a terminal, plain lines elsewhere.

    Not on a terminal (a log, a pipe, CI), each profile gets one line on
    standard output: `built PROFILE into FOLDER (n/N)` or `failed PROFILE (n/N)`.
    On a terminal, a bar on standard error shows how many are done, how many
    failed and the latest profile; each failed profile is named above it.
    The bar is drawn by rich (which Typer already installs), imported only
    when a batch runs on a terminal, so no other command pays for it.
    """

    def __init__(self, terminal: bool | None = None, console: Console | None = None) -> None:
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self._console = console
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._failed = 0

    def update(self, outcome: Outcome, done: int, total: int) -> None:
        """Show that `outcome`'s profile is finished, `done` of `total`."""
        if not outcome.ok:
            self._failed += 1
        if not self.terminal:
            if outcome.ok and outcome.out_dir is not None:
                typer.echo(
                    f"built {outcome.profile} into {shown(outcome.out_dir)} ({done}/{total})"
                )
            else:
                typer.echo(f"failed {outcome.profile} ({done}/{total})")
            return
        bar, task = self._start(total)
        if not outcome.ok:
            bar.console.print(f"failed {outcome.profile}", markup=False, highlight=False)
        failed = f"{self._failed} failed" if self._failed else ""
        bar.update(task, completed=done, failed=failed, latest=str(outcome.profile))

    def close(self) -> None:
        """Remove the bar, leaving the terminal ready for the report."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _start(self, total: int) -> tuple[RichProgress, TaskID]:
        """Return the bar and its task, drawing the bar the first time."""
        if self._bar is None or self._task is None:
            # rich is imported here, and only here: on a terminal, in a batch
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
            from rich.progress import Progress as RichProgress

            console = self._console or Console(stderr=True)
            self._bar = RichProgress(
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]}"),
                TextColumn("{task.fields[latest]}", markup=False),
                console=console,
                transient=True,
            )
            self._task = self._bar.add_task("build", total=total, failed="", latest="")
            self._bar.start()
        return self._bar, self._task
