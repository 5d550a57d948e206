"""The one family of errors a user can cause.

Every exception lisdraft raises on purpose derives from `LisdraftError` and
carries a message a council officer can act on. The CLI catches the base
class, prints the message and exits with `exit_code`; anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Problems listed in one message; past this a broken file would flood the screen.
MAX_SHOWN = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class LisdraftError(Exception):
    """Base class for user-facing errors; never raised directly."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ProfileError(LisdraftError):
    """Raised when a profile cannot be read or is invalid; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            lines.append(f"... and {count - MAX_SHOWN} more, not shown.")
        lines.append(f"{count} {noun} found. Fix the profile and run the command again.")
        super().__init__("\n".join(lines))


class TemplateError(LisdraftError):
    """Raised when a Word template is missing, unreadable or fails to render."""


class OutputError(LisdraftError):
    """Raised when documents cannot be written to the output folder."""


class HandEditedError(OutputError):
    """Raised when a build would overwrite files changed since lisdraft wrote them.

    `edited` were written by lisdraft and changed since; `unknown` were
    already in the folder with no record that lisdraft wrote them; `stale`
    are older PDF or Markdown copies the build would remove, edited since.
    """

    def __init__(
        self, edited: list[Path], unknown: list[Path], stale: list[Path] | None = None
    ) -> None:
        self.edited, self.unknown, self.stale = edited, unknown, stale or []
        lines = [f"{path}: edited since lisdraft wrote it" for path in edited]
        lines += [
            f"{path}: already there, and lisdraft has no record of writing it" for path in unknown
        ]
        lines += [
            f"{path}: an older copy this build would remove (the document is rebuilt "
            "without it), but it was edited since lisdraft wrote it"
            for path in self.stale
        ]
        lines.append(
            "Nothing was written, so those edits are safe. To keep a file, rename it or move "
            "it to another folder, then build again; to replace it with a fresh draft, build "
            "again with --force."
        )
        super().__init__("\n".join(lines))


class UsageError(LisdraftError):
    """Raised when a command is called with options that do not fit together."""

    exit_code = 2


class DocumentError(LisdraftError):
    """Raised when a Word document to check or convert cannot be read."""


class ConversionError(LisdraftError):
    """Raised when documents cannot be converted to PDF (for example, LibreOffice is missing)."""


class BuildFailed(LisdraftError):
    """Raised by `BuildResult.raise_on_failure` for a profile built in a worker process.

    A profile built in this process raises its own error instead; one built
    in a worker sends back only the message and exit code, which this carries.
    """

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code
