"""What a check finds in a Word file: one problem, how serious, where, and what to do.

The accessibility check (`lisdraft.word.accessibility`) and the template
check (`lisdraft.templating.check`) both report `Finding`s, located the one
way `lisdraft.word.ooxml.blocks` names places. (The stock-take's
`lisdraft.stocktake.verdict.Finding` is another thing: a fact read from a
profile, not a problem in a file.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem in a Word file: its severity, place, nearby text and how to fix it.

    `where` is a place as `lisdraft.word.ooxml.blocks` names it ('body,
    table 1, row 2, cell 1'); `near` is the text there, if any; `rule` is the
    accessibility rule's id ('' for a template problem); `file` names the file
    when the message should ('' when the caller prints it).
    """

    severity: Severity
    where: str
    message: str
    near: str = ""
    rule: str = ""
    file: str = ""

    @property
    def warning(self) -> bool:
        """Return whether the finding is a warning rather than an error."""
        return self.severity == "warning"

    def __str__(self) -> str:
        near = f' "{self.near}"' if self.near else ""
        place = f"{self.where}{near}".strip()
        rule = f" [{self.rule}]" if self.rule else ""
        head = "".join(f"{piece}: " for piece in (self.file, place) if piece)
        return f"{head}{self.severity}: {self.message}{rule}"


def count(findings: list[Finding], severity: Severity) -> int:
    """Return how many of `findings` have `severity`."""
    return sum(1 for finding in findings if finding.severity == severity)
