"""What a build is asked to do (`BuildOptions`) and what it reports (`BuildResult`).

The command line, batch builds and the Python API all describe a build with
one `BuildOptions` and get one `BuildResult` back from
`lisdraft.build.pipeline.build_documents`, whether it built one profile or a
region's worth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lisdraft.errors import BuildFailed

if TYPE_CHECKING:
    from lisdraft.profile.model import PlaceProfile
    from lisdraft.stocktake.assess import Assessment
    from lisdraft.word.findings import Finding


@dataclass(frozen=True)
class BuildOptions:
    """How every profile in a build is built; the defaults build all three documents.

    `only` names some of 'contribution', 'briefing' and 'stocktake' (empty:
    all three). `templates_dir` holds customised templates, used in place of
    the built-in ones they share a name with. `text` adds a Markdown copy of
    each document, `pdf` a tagged PDF. `force` overwrites documents edited by
    hand. `jobs` is the number of worker processes for several profiles
    (None: one per available core).
    """

    only: tuple[str, ...] = ()
    templates_dir: Path | None = None
    text: bool = False
    pdf: bool = False
    force: bool = False
    jobs: int | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened to one profile: what was read and written, or the error a user should see.

    `out_dir` is None when nothing was to be written (or the profile was
    never built). `place_profile` (the profile as read), `assessment` and
    `exception` (the error itself) are kept when the profile was built in
    this process: one profile, one area folder, or `jobs=1`. Worker processes
    send back what they wrote and the message, not the error object; and the
    profile and its assessment only when the main process makes the area
    overview they are in (see `lisdraft.build.pipeline.build_unit`).
    """

    profile: Path
    out_dir: Path | None
    paths: tuple[Path, ...] = ()
    error: str = ""
    exit_code: int = 0
    details: str = field(default="", repr=False)  # a traceback, for an internal error only
    #: Accessibility findings for each file written (by file name); empty when all is well.
    findings: dict[str, list[Finding]] = field(default_factory=dict, repr=False)
    #: Warnings about the profile, each located (values still marked "TO DO").
    warnings: tuple[str, ...] = ()
    place_profile: PlaceProfile | None = field(default=None, repr=False, compare=False)
    #: The area file the profile was merged with (None for a single-file profile).
    area_file: Path | None = field(default=None, repr=False, compare=False)
    #: Where the profile contradicts its area file (see `lisdraft.profile.consistency`).
    area_warnings: tuple[str, ...] = field(default=(), repr=False, compare=False)
    #: The names of the strategies its area file lists (for the area overview).
    area_strategies: tuple[str, ...] = field(default=(), repr=False, compare=False)
    assessment: Assessment | None = field(default=None, repr=False, compare=False)
    exception: Exception | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """Return True when the profile was read, assessed and its documents written."""
        return not self.error


@dataclass(frozen=True)
class BuildResult:
    """Every profile's outcome, in the order the profiles were given, then any area overviews.

    `overviews` holds one outcome per area overview written (or failed): its
    `profile` is the area file, and its path the overview document.
    """

    outcomes: list[Outcome]
    overviews: list[Outcome] = field(default_factory=list)

    @property
    def built(self) -> list[Outcome]:
        """Return the outcomes of the profiles that were built."""
        return [outcome for outcome in self.outcomes if outcome.ok]

    @property
    def failed(self) -> list[Outcome]:
        """Return the outcomes of the profiles, and area overviews, that were not built."""
        return [outcome for outcome in self._everything if not outcome.ok]

    @property
    def paths(self) -> list[Path]:
        """Return every file written, profile by profile, then the area overviews."""
        return [path for outcome in self._everything for path in outcome.paths]

    @property
    def findings(self) -> dict[Path, list[Finding]]:
        """Return the accessibility findings for each file written, by its path."""
        return {
            outcome.out_dir / name: found
            for outcome in self._everything
            if outcome.ok and outcome.out_dir is not None
            for name, found in outcome.findings.items()
        }

    @property
    def warnings(self) -> list[str]:
        """Return the warnings about every profile built, each with its file and line."""
        return [warning for outcome in self.built for warning in outcome.warnings]

    @property
    def exit_code(self) -> int:
        """Return 0 when all were built, else the highest failed exit code (1 input, 3 bug)."""
        return max((outcome.exit_code for outcome in self._everything), default=0)

    @property
    def _everything(self) -> list[Outcome]:
        return [*self.outcomes, *self.overviews]

    def raise_on_failure(self) -> BuildResult:
        """Return this result when everything was built, else raise the first failure's error.

        The error is the one raised while building (a `ProfileError`, say)
        when the profile was built in this process, else `BuildFailed` with
        its message and exit code.
        """
        for outcome in self.failed:
            if outcome.exception is not None:
                raise outcome.exception
            raise BuildFailed(outcome.error, outcome.exit_code)
        return self


#: Called in the main process after each profile: (outcome, profiles done, profiles in all).
ProgressCallback = Callable[[Outcome, int, int], None]
