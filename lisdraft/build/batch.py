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
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lisdraft.build.options import BuildOptions, Outcome

if TYPE_CHECKING:
    from concurrent.futures import Future

PROFILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    """One profile to build, and the folder its documents go into (None: write nothing)."""

    profile: Path
    out_dir: Path | None


#: Builds one job in a worker process; a module-level function, so that it can be pickled.
BuildOne = Callable[[Job, BuildOptions], Outcome]


def run_jobs(
    planned: list[Job | Outcome],
    options: BuildOptions,
    build_one: BuildOne,
    start_worker: Callable[[BuildOptions], None],
    record: Callable[[int, Outcome], None],
) -> None:
    """Build each job in `planned` with `build_one`, recording every outcome by its index.

    `options.jobs` worker processes share the work (default: one per
    available core), each prepared by `start_worker`; with one, the jobs are
    built in this process.
    """
    work: list[tuple[int, Job]] = []
    for index, item in enumerate(planned):
        if isinstance(item, Outcome):
            record(index, item)
        else:
            work.append((index, item))
    workers = min(options.jobs or available_cores(), len(work))
    if workers <= 1:
        for index, job in work:
            record(index, build_one(job, options))
    else:
        _build_in_workers(work, options, workers, (build_one, start_worker), record)


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
    work: list[tuple[int, Job]],
    options: BuildOptions,
    workers: int,
    functions: tuple[BuildOne, Callable[[BuildOptions], None]],
    record: Callable[[int, Outcome], None],
) -> None:
    """Build `work` in `workers` processes, recording each outcome as it arrives."""
    # multiprocessing takes a while to import: a build of one profile never needs it
    from concurrent.futures import ProcessPoolExecutor, as_completed

    build_one, start_worker = functions
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(start_worker, options)
    )
    try:
        # The largest profiles first, so no worker is left with a long one at the end.
        ordered = sorted(work, key=lambda item: _size(item[1].profile), reverse=True)
        futures: dict[Future[Outcome], tuple[int, Job]] = {
            pool.submit(_in_worker, build_one, job, options): (index, job) for index, job in ordered
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


def _start_worker(start_worker: Callable[[BuildOptions], None], options: BuildOptions) -> None:
    """Prepare a worker: leave Ctrl-C to the main process, then run `start_worker`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    start_worker(options)


def _in_worker(build_one: BuildOne, job: Job, options: BuildOptions) -> Outcome:
    """Build `job` in a worker, sending back what it wrote but not what it read.

    The error object stays behind because not every error pickles; the profile
    and its assessment because copying them back would cost a region's build
    about a second (some 3 ms a profile). A profile that shares an area file
    keeps them: the area overview is built from them in the main process.
    """
    built = build_one(job, options)
    if built.area_file is not None:
        return replace(built, exception=None)
    return replace(built, exception=None, place_profile=None, assessment=None)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
