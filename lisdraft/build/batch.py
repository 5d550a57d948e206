"""Plan and run a build of many profiles: where each one's documents go, and worker processes.

`lisdraft.build.pipeline.build_documents` hands its profiles here. A folder
stands for every `.yaml` and `.yml` file in it and its subfolders (hidden
ones, whose names start with a dot, are skipped, and so are area files,
`area.yaml`, which the council profiles beside them name). With several profiles, or
a folder, each profile's documents go into a subfolder of the output folder
named after the profile:

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

Worker processes build units of work (`plan_units`): the profiles in a
folder that holds an area file make one unit, built in turn by one worker,
which can then make their area overview too; any other profile is a unit
of its own.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from lisdraft.build.options import BuildOptions, Outcome

if TYPE_CHECKING:
    from concurrent.futures import Future

PROFILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    """One profile to build, and the folder its documents go into (None: write nothing)."""

    profile: Path
    out_dir: Path | None


@dataclass(frozen=True)
class Unit:
    """Jobs one worker process builds in turn: the profiles of one area folder, or one profile."""

    jobs: tuple[Job, ...]
    #: The folders no profile of another unit is in, or below: an area file in one of
    #: them can be named only by this unit's profiles (an area file must be in its
    #: profile's folder or a parent), so their overview is complete without the others.
    own_folders: frozenset[Path] = frozenset()


#: What a worker makes besides the outcomes (the area overviews, for the pipeline).
T = TypeVar("T")
#: Builds one job in this process.
BuildOne = Callable[[Job, BuildOptions], Outcome]
#: Builds a unit's jobs in a worker process: each job's outcome, in order, and what else it made.
BuildUnit = Callable[[Unit, BuildOptions], tuple[list[Outcome], list[T]]]


@dataclass(frozen=True)
class Builders(Generic[T]):
    """The functions a batch is built with: module-level ones, so that they can be pickled."""

    one: BuildOne
    unit: BuildUnit[T]
    #: Prepares a worker process (loads the templates) before its first unit.
    start_worker: Callable[[BuildOptions], None]


def run_jobs(
    planned: list[Job | Outcome],
    options: BuildOptions,
    builders: Builders[T],
    record: Callable[[int, Outcome], None],
) -> list[T]:
    """Build each job in `planned`, recording every outcome by its index; return what else was made.

    `options.jobs` worker processes share the units of work (default: one per
    available core), each prepared by `builders.start_worker` and building
    whole units with `builders.unit`; with one worker, or one unit, the jobs
    are built in this process with `builders.one`, and nothing else is made.
    Every outcome of a unit is recorded when the unit is done.
    """
    work: list[tuple[int, Job]] = []
    for index, item in enumerate(planned):
        if isinstance(item, Outcome):
            record(index, item)
        else:
            work.append((index, item))
    workers = min(options.jobs or available_cores(), len(work))
    units = plan_units(work) if workers > 1 else []
    if min(workers, len(units)) <= 1:
        for index, job in work:
            record(index, builders.one(job, options))
        return []
    return _build_in_workers(units, options, min(workers, len(units)), builders, record)


def plan_units(work: list[tuple[int, Job]]) -> list[tuple[list[int], Unit]]:
    """Return `work` (jobs by their index) as units, each with its jobs' indexes, largest first.

    The profiles in a folder that holds an area file make one unit, in the
    order given; any other profile is a unit of its own. Largest means the
    most bytes of profile, so that no worker is left with a long unit at the end.
    """
    resolved = {index: job.profile.resolve() for index, job in work}
    holds_area: dict[Path, bool] = {}
    by_folder: dict[Path, list[tuple[int, Job]]] = {}
    grouped: list[list[tuple[int, Job]]] = []
    for index, job in work:
        folder = resolved[index].parent
        if folder not in holds_area:
            holds_area[folder] = _holds_area_file(folder)
        if not holds_area[folder]:
            grouped.append([(index, job)])
        elif folder in by_folder:
            by_folder[folder].append((index, job))
        else:
            grouped.append(by_folder.setdefault(folder, [(index, job)]))
    # How many profiles are in or below each folder: a unit's own folders hold no others.
    below = Counter(folder for path in resolved.values() for folder in path.parents)
    units = []
    for members in grouped:
        folder = resolved[members[0][0]].parent
        own = [f for f in (folder, *folder.parents) if below[f] == len(members)]
        jobs = tuple(job for _, job in members)
        units.append(([index for index, _ in members], Unit(jobs, frozenset(own))))
    return sorted(
        units, key=lambda unit: sum(_size(job.profile) for job in unit[1].jobs), reverse=True
    )


def _holds_area_file(folder: Path) -> bool:
    """Return whether `folder` holds an area file (an unreadable folder holds none)."""
    from lisdraft.profile.area import is_area_file  # the profile models load only when needed

    try:
        return any(map(is_area_file, folder.iterdir()))
    except OSError:
        return False


def plan_jobs(profiles: Sequence[str | Path], out_dir: Path | None) -> list[Job | Outcome]:
    """Return a job for each profile found in `profiles`, or the outcome that stops it.

    Folders are expanded (sorted, hidden files skipped); a folder with no
    profile in it and a profile whose folder another one already takes become
    failed outcomes. A file given twice is built once. With no `out_dir`
    nothing is written, so no two profiles can collide.
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
            target = out_dir / folder if out_dir is not None else None
            other = taken.setdefault(str(folder).casefold(), profile)
            if target is not None and other is not profile:
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
    from lisdraft.profile.area import is_area_file  # the profile models load only when needed

    found: list[Path] = []
    for folder, subfolders, files in os.walk(argument):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found.extend(
            Path(folder, name)
            for name in files
            if not name.startswith(".")
            and Path(name).suffix.lower() in PROFILE_SUFFIXES
            and not is_area_file(Path(name))
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


def available_cores() -> int:
    """Return the number of cores this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13 and later
        return int(os.process_cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _build_in_workers(
    units: list[tuple[list[int], Unit]],
    options: BuildOptions,
    workers: int,
    builders: Builders[T],
    record: Callable[[int, Outcome], None],
) -> list[T]:
    """Build `units` in `workers` processes, recording each outcome as its unit is done."""
    # multiprocessing takes a while to import: a build of one profile never needs it
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(builders.start_worker, options)
    )
    made: list[T] = []
    try:
        futures: dict[Future[tuple[list[Outcome], list[T]]], tuple[list[int], Unit]] = {
            pool.submit(builders.unit, unit, options): (indexes, unit) for indexes, unit in units
        }
        for future in as_completed(futures):
            indexes, unit = futures[future]
            try:
                outcomes, extra = future.result()
            except Exception as exc:  # the worker itself died (killed, or out of memory)
                outcomes, extra = [_stopped(job, exc) for job in unit.jobs], []
            made += extra
            for index, outcome in zip(indexes, outcomes, strict=True):
                record(index, outcome)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return made


def _stopped(job: Job, exc: Exception) -> Outcome:
    """Return the outcome of a job whose worker process stopped unexpectedly."""
    return Outcome(
        job.profile,
        job.out_dir,
        error=f"{job.profile}: the worker process building it stopped "
        f"unexpectedly ({type(exc).__name__}: {exc}). Try again with --jobs 1.",
        exit_code=3,
    )


def _start_worker(start_worker: Callable[[BuildOptions], None], options: BuildOptions) -> None:
    """Prepare a worker: leave Ctrl-C to the main process, then run `start_worker`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    start_worker(options)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
