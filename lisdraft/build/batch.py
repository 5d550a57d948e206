"""Build many profiles at once, in worker processes: a whole region in one command.

`build_many` takes profile files and folders of them. A folder stands for
every `.yaml` and `.yml` file in it and its subfolders (hidden ones, whose
names start with a dot, are skipped). Each profile's documents go into a
subfolder of the output folder named after the profile:

- `examples/wexmoor/profile.yaml` goes into `OUT/wexmoor/`: a file named
  `profile.yaml` is named by the folder that holds it;
- `region/felpersham.yaml` goes into `OUT/felpersham/`;
- inside a folder given on the command line, the path below that folder is
  kept: `region/north/felpersham.yaml` from `region` goes into
  `OUT/north/felpersham/`.

So two profiles for the same council never share a folder. Two profiles that
would (`a/one.yaml` and `b/one.yaml` given as files) are not both built: the
later one is reported as failed, and nothing is overwritten.

One bad profile does not stop the others: every profile gets an `Outcome`,
with the message a user should see when it failed.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lisdraft.word.findings import Finding

PROFILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    """One profile to build, and the folder its documents go into."""

    profile: Path
    out_dir: Path


@dataclass(frozen=True)
class Options:
    """How each profile is built: the options of `lisdraft.build.pipeline.build`."""

    only: tuple[str, ...] = ()
    templates_dir: Path | None = None
    text: bool = False
    pdf: bool = False
    force: bool = False


@dataclass(frozen=True)
class Outcome:
    """What happened to one profile: the files written, or the error a user should see."""

    profile: Path
    out_dir: Path | None
    paths: tuple[Path, ...] = ()
    error: str = ""
    exit_code: int = 0
    details: str = field(default="", repr=False)  # a traceback, for an internal error only
    #: Accessibility findings for each file written (by file name), as `BuildResult` has them.
    findings: dict[str, list[Finding]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        """Return True when the profile's documents were written."""
        return not self.error


@dataclass(frozen=True)
class BatchResult:
    """Every profile's outcome, in the order the profiles were given."""

    outcomes: list[Outcome]

    @property
    def built(self) -> list[Outcome]:
        """Return the outcomes of the profiles that were built."""
        return [outcome for outcome in self.outcomes if outcome.ok]

    @property
    def failed(self) -> list[Outcome]:
        """Return the outcomes of the profiles that were not built."""
        return [outcome for outcome in self.outcomes if not outcome.ok]

    @property
    def exit_code(self) -> int:
        """Return 0 when all were built, else the highest failed exit code (1 input, 3 bug)."""
        return max((outcome.exit_code for outcome in self.outcomes), default=0)


#: Called in the main process after each profile: (outcome, profiles done, profiles in all).
ProgressCallback = Callable[[Outcome, int, int], None]


def build_many(
    profiles: Sequence[str | Path],
    out_dir: str | Path,
    only: Iterable[str] | None = None,
    jobs: int | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    templates_dir: str | Path | None = None,
    text: bool = False,
    pdf: bool = False,
    force: bool = False,
) -> BatchResult:
    """Build every profile in `profiles` (files or folders) into subfolders of `out_dir`.

    `jobs` worker processes share the work (default: one per available
    core); with one, profiles are built in this process. Each worker imports
    lisdraft and prepares the templates once. `only`, `templates_dir`,
    `text`, `pdf` and `force` are as for `lisdraft.build.pipeline.build`; the document
    names and the templates are checked before anything is built (raising
    `UsageError` or `TemplateError`). Return every outcome; raise nothing for
    a bad profile.
    """
    from lisdraft.build.pipeline import select_documents
    from lisdraft.templating.folder import choose_templates

    kinds = select_documents(only)
    folder = Path(templates_dir) if templates_dir is not None else None
    choose_templates(kinds, folder)  # customised templates are checked once, here
    options = Options(tuple(kind.key for kind in kinds), folder, text, pdf, force)
    planned = plan_jobs(profiles, Path(out_dir))
    total = len(planned)
    outcomes: dict[int, Outcome] = {}

    def record(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if on_progress is not None:
            on_progress(outcome, len(outcomes), total)

    work: list[tuple[int, Job]] = []
    for index, item in enumerate(planned):
        if isinstance(item, Outcome):
            record(index, item)
        else:
            work.append((index, item))
    workers = min(jobs or available_cores(), len(work))
    if workers <= 1:
        for index, job in work:
            record(index, build_one(job, options))
    else:
        _build_in_workers(work, options, workers, record)
    return BatchResult([outcomes[index] for index in range(total)])


def plan_jobs(profiles: Sequence[str | Path], out_dir: Path) -> list[Job | Outcome]:
    """Return a job for each profile found in `profiles`, or the outcome that stops it.

    Folders are expanded (sorted, hidden files skipped); a folder with no
    profile in it and a profile whose folder another one already takes become
    failed outcomes. A file given twice is built once.
    """
    planned: list[Job | Outcome] = []
    seen: set[Path] = set()
    taken: dict[str, Path] = {}
    for argument in map(Path, profiles):
        found = _profiles_in(argument)
        if found is None:
            message = f"{argument}: no profile .yaml or .yml files in this folder"
            planned.append(Outcome(argument, None, error=message, exit_code=1))
            continue
        for profile, folder in found:
            key = profile.resolve()
            if key in seen:
                continue
            seen.add(key)
            target = out_dir / folder
            other = taken.setdefault(str(folder).casefold(), profile)
            if other is not profile:
                message = (
                    f"{profile}: not built, because its documents would go into {target}, "
                    f"where those of {other} go. Rename one of them, or build them separately."
                )
                planned.append(Outcome(profile, None, error=message, exit_code=1))
                continue
            planned.append(Job(profile, target))
    return planned


def _profiles_in(argument: Path) -> list[tuple[Path, Path]] | None:
    """Return each profile `argument` names with its output subfolder; None for an empty folder."""
    if not argument.is_dir():
        return [(argument, _folder_for(Path(argument.name), argument.resolve().parent.name))]
    found: list[Path] = []
    for folder, subfolders, files in os.walk(argument):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found.extend(
            Path(folder, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in PROFILE_SUFFIXES
        )
    if not found:
        return None
    own_name = argument.resolve().name
    return [(path, _folder_for(path.relative_to(argument), own_name)) for path in sorted(found)]


def _folder_for(relative: Path, parent_name: str) -> Path:
    """Return the output subfolder for a profile at `relative` (a file or a path in a folder).

    `profile.yaml` is named by its folder (`parent_name` when it has none);
    any other file by its own name without the suffix.
    """
    if relative.stem.lower() == "profile":
        parent = relative.parent
        return parent if parent.name else Path(parent_name or "profile")
    return relative.with_suffix("")


def build_one(job: Job, options: Options | None = None) -> Outcome:
    """Build one job's documents, turning any error into a failed outcome."""
    from lisdraft.build.pipeline import build
    from lisdraft.errors import LisdraftError

    options = options or Options()
    try:
        result = build(
            job.profile,
            job.out_dir,
            options.only,
            options.templates_dir,
            text=options.text,
            pdf=options.pdf,
            force=options.force,
        )
    except LisdraftError as exc:
        return Outcome(job.profile, job.out_dir, error=str(exc), exit_code=exc.exit_code)
    except Exception as exc:  # a bug: reported for this profile, the others go on
        return Outcome(
            job.profile,
            job.out_dir,
            error=f"{job.profile}: lisdraft hit an internal error ({type(exc).__name__}); "
            "this is a bug, not your mistake. Please report it with the command you ran.",
            exit_code=3,
            details=traceback.format_exc(),
        )
    return Outcome(job.profile, job.out_dir, paths=tuple(result.paths), findings=result.findings)


def available_cores() -> int:
    """Return the number of cores this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13 and later
        return int(os.process_cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _build_in_workers(
    work: list[tuple[int, Job]],
    options: Options,
    workers: int,
    record: Callable[[int, Outcome], None],
) -> None:
    """Build `work` in `workers` processes, recording each outcome as it arrives."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(options,))
    try:
        # The largest profiles first, so no worker is left with a long one at the end.
        ordered = sorted(work, key=lambda item: _size(item[1].profile), reverse=True)
        futures: dict[Future[Outcome], tuple[int, Job]] = {
            pool.submit(build_one, job, options): (index, job) for index, job in ordered
        }
        for future in as_completed(futures):
            index, job = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker itself died (killed, or out of memory)
                outcome = Outcome(
                    job.profile,
                    job.out_dir,
                    error=f"{job.profile}: the worker process building it stopped "
                    f"unexpectedly ({type(exc).__name__}: {exc}). Try again with --jobs 1.",
                    exit_code=3,
                )
            record(index, outcome)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _start_worker(options: Options) -> None:
    """Prepare a worker: leave Ctrl-C to the main process, load lisdraft and its templates."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from lisdraft.build.pipeline import select_documents
    from lisdraft.build.render import make_environment
    from lisdraft.templating.folder import choose_templates
    from lisdraft.word.prepared import prepared

    try:
        templates = choose_templates(select_documents(options.only), options.templates_dir)
        for template in templates.values():
            prepared(template, make_environment)
    except Exception:  # a broken template is reported with each profile that uses it
        pass


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
