"""The many-profiles half of `lisdraft build`: progress as it goes, and a report at the end."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lisdraft.commands.common import run, shown, state

if TYPE_CHECKING:
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
    from lisdraft.commands.check import report_findings

    report_findings({shown(path): found for path, found in result.findings.items()})
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
    """Show a batch's progress: a bar redrawn in place on a terminal, plain lines elsewhere.

    Not on a terminal (a log, a pipe, CI), each profile gets one line on
    standard output: `built PROFILE into FOLDER (n/N)` or `failed PROFILE (n/N)`.
    """

    #: Seconds between redraws of the bar.
    INTERVAL = 0.1

    def __init__(self, terminal: bool | None = None) -> None:
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self._drawn = False
        self._last = 0.0
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
        if not outcome.ok:
            self._clear()
            typer.echo(f"failed {outcome.profile}", err=True)
        now = time.monotonic()
        if done == total or not outcome.ok or now - self._last >= self.INTERVAL:
            self._draw(done, total, str(outcome.profile))
            self._last = now

    def close(self) -> None:
        """Remove the bar, leaving the terminal ready for the report."""
        self._clear()

    def _draw(self, done: int, total: int, latest: str) -> None:
        width = max(shutil.get_terminal_size().columns - 1, 20)
        filled = round(20 * done / total) if total else 20
        failed = f"  {self._failed} failed" if self._failed else ""
        line = f"[{'#' * filled}{'.' * (20 - filled)}] {done}/{total}{failed}  {latest}"
        typer.echo("\r" + line[:width].ljust(width), err=True, nl=False)
        self._drawn = True

    def _clear(self) -> None:
        if self._drawn:
            width = max(shutil.get_terminal_size().columns - 1, 20)
            typer.echo("\r" + " " * width + "\r", err=True, nl=False)
            self._drawn = False
