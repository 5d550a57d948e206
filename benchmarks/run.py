"""lisdraft's benchmark: each figure from issue 8 next to its target.

    python benchmarks/run.py                # about five minutes on 2 cores
    python benchmarks/run.py --quick        # one run of each slow figure
    python benchmarks/run.py --work /tmp/b  # keep (and reuse) the generated profiles

Run it with the Python of the environment lisdraft is installed in, from
anywhere. Every figure is a whole process, started as a user would start
it, timed from outside; each is the median of several runs, because other
work on the machine makes single runs noisy. The machine's load average is
printed so a reader can judge the noise.

lisdraft keeps prepared templates between runs (see lisdraft/word/prepared.py);
"one profile" is measured with that cache filled, as every run after the
first finds it, and once more with LISDRAFT_NO_CACHE=1 for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "borchestershire" / "profile.yaml"
sys.path.insert(0, str(HERE))

# Run a command, then print its wall time and the peak memory (KB) of the largest
# process in its tree: getrusage counts every descendant that has been waited for,
# which includes lisdraft's worker processes.
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "elapsed = time.perf_counter() - start\n"
    "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def lisdraft_command() -> list[str]:
    """Return the command that starts lisdraft from this Python's environment."""
    script = Path(sys.executable).with_name("lisdraft")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lisdraft"]


def bytecode_env(env: dict[str, str] | None) -> dict[str, str]:
    """Return `env` (or ours) with Python's bytecode cache allowed.

    Some shells set PYTHONDONTWRITEBYTECODE; then an editable install
    recompiles every lisdraft module on every run (about 35 ms here), while
    the baseline's site-packages come precompiled. A user's install writes
    and reuses bytecode, so the comparison is made that way.
    """
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Return the wall time (s) and peak memory (KB) of one run of `command`."""
    env = bytecode_env(env)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    elapsed, peak = result.stdout.split()
    return float(elapsed), int(peak)


def measure(
    command: list[str], repeat: int, env: dict[str, str] | None = None, warm: bool = True
) -> tuple[float, int]:
    """Return the median time and the largest peak memory over `repeat` runs of `command`."""
    if warm:
        run_once(command, env)
    runs = [run_once(command, env) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def measure_pair(
    baseline: list[str], command: list[str], repeat: int
) -> tuple[float, float, float, int]:
    """Return the median times of `baseline` and `command`, the median of their ratios, and
    `command`'s largest peak memory, over `repeat` pairs of runs taken one after the other.

    On a shared machine the speed drifts over a minute; taking the two in turns,
    and the ratio within each pair, keeps the drift out of the comparison.
    """
    run_once(baseline)
    run_once(command)
    pairs = [(run_once(baseline), run_once(command)) for _ in range(repeat)]
    return (
        statistics.median(base for (base, _), _ in pairs),
        statistics.median(ours for _, (ours, _) in pairs),
        statistics.median(ours / base for (base, _), (ours, _) in pairs),
        max(peak for _, (_, peak) in pairs),
    )


def plain_docxtpl_templates(source: Path, target: Path) -> Path:
    """Write lisdraft's templates into `target` with its one shorthand tag spelt out.

    lisdraft's `{% rating_cell X %}` is docxtpl's `{% cellbg ... %}` plus the
    rating's word; the render context carries both (`X.rating_fill` and
    `X.rating_cell`), so bare docxtpl can render the result unaided. Bare
    docxtpl cannot draw the contribution's charts and forum map, so their
    paragraphs are left empty: the baseline does less than lisdraft does.
    """
    import re
    import zipfile

    target.mkdir(parents=True, exist_ok=True)
    shorthand = re.compile(r"{%\s*rating_cell\s+(\w+)\s*%}")
    pictures = re.compile(r"{{p\s*(chart|forum_map)\([^)]*\)\s*}}")
    for template in source.glob("*.docx"):
        with zipfile.ZipFile(template) as old, zipfile.ZipFile(target / template.name, "w") as new:
            for item in old.infolist():
                data = old.read(item)
                if item.filename.endswith(".xml"):
                    text = data.decode("utf-8")
                    text = shorthand.sub(r"{% cellbg \1.rating_fill %}{{ \1.rating_cell }}", text)
                    text = pictures.sub("", text)
                    data = text.encode("utf-8")
                new.writestr(item, data, zipfile.ZIP_DEFLATED)
    return target


def save_context(profile: Path, path: Path) -> None:
    """Save lisdraft's render context for `profile` as JSON, for the bare docxtpl baseline."""
    from lisdraft.build.context import build_context
    from lisdraft.build.context_model import plain_data
    from lisdraft.profile.loader import load_profile
    from lisdraft.stocktake.assess import assess_stocktake

    loaded = load_profile(profile)
    context = build_context(loaded, assess_stocktake(loaded))
    path.write_text(json.dumps(plain_data(context), ensure_ascii=False), encoding="utf-8")


def edited_example(path: Path) -> Path:
    """Write the example with a priority reworded, an evidence item gone and a decision added."""
    import copy
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"))
    data["priorities"][0]["title"] = "Turn food science into well-paid local jobs"
    del data["evidence"]["items"][4]
    decision = copy.deepcopy(data["board"]["decisions_ahead"][-1])
    decision["item"] = "Agree the LEP's response to the review of growth hubs"
    data["board"]["decisions_ahead"].append(decision)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The example names its area file (area: area.yaml): the edited copy needs it beside it.
    shutil.copyfile(EXAMPLE.parent / "area.yaml", path.parent / "area.yaml")
    stream = io.StringIO()
    yaml.dump(data, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


class Table:
    """The figures, printed as they are measured."""

    def __init__(self) -> None:
        self.missed: list[str] = []
        print(f"{'figure':46} {'measured':>10}   {'target':24} result")

    def row(self, figure: str, value: str, target: str = "", ok: bool | None = None) -> None:
        """Print one figure; `ok` None means it has no target."""
        result = "" if ok is None else ("ok" if ok else "MISSED")
        if ok is False:
            self.missed.append(figure)
        print(f"{figure:46} {value:>10}   {target:24} {result}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each quick figure")
    parser.add_argument("--quick", action="store_true", help="one run of each slow figure")
    parser.add_argument("--work", type=Path, help="folder for generated profiles (kept)")
    args = parser.parse_args()
    slow_repeat = 1 if args.quick else 3
    work = args.work or Path(tempfile.mkdtemp(prefix="lisdraft-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run_all(work, args.repeat, slow_repeat)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def run_all(work: Path, repeat: int, slow_repeat: int) -> None:
    """Measure every figure and print the table."""
    from generate import generate, generate_areas

    from lisdraft.build.documents import builtin_templates_dir

    lisdraft = lisdraft_command()
    templates = str(plain_docxtpl_templates(builtin_templates_dir(), work / "templates"))
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)  # lisdraft keeps files it did not write itself
    load = os.getloadavg()[0]
    print(
        f"lisdraft benchmark: Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {load:.1f} at the start.\nTimes are medians of {repeat} whole-process "
        f"runs ({slow_repeat} for the slow ones), after one run to warm up. One profile and\n"
        f"bare docxtpl run in turns, {2 * repeat + 1} pairs; their ratio is the pairs' median.\n"
    )
    table = Table()

    # (a) and (b): one profile, against bare docxtpl with the same templates and context.
    context = work / "context.json"
    save_context(EXAMPLE, context)
    bare = [sys.executable, str(HERE / "baseline.py"), str(context), templates, str(out / "base")]
    one = [*lisdraft, "build", str(EXAMPLE), "--out", str(out / "one")]
    base, ours, ratio, peak_one = measure_pair(bare, one, 2 * repeat + 1)
    table.row("bare docxtpl: 3 documents, one profile", f"{base:.2f} s", "(the baseline)")
    table.row(
        "lisdraft build: one profile",
        f"{ours:.2f} s",
        f"<= 1.3x baseline: {ratio:.2f}x",
        ratio <= 1.3,
    )
    cold, _ = measure(one, repeat, env={**os.environ, "LISDRAFT_NO_CACHE": "1"})
    table.row(
        "  the same with LISDRAFT_NO_CACHE=1",
        f"{cold:.2f} s",
        f"(no target): {cold / base:.2f}x",
    )

    # (f): a redline of one profile (issue 16): two builds in memory and a comparison.
    edited = edited_example(work / "edited" / "profile.yaml")
    diff = [*lisdraft, "diff", str(EXAMPLE), str(edited), "--docx", str(out / "redline")]
    marked, _ = measure(diff, repeat)
    table.row(
        "lisdraft diff --docx: one profile, 3 edits",
        f"{marked:.2f} s",
        f"<= 2x build: {marked / ours:.2f}x",
        marked <= 2 * ours,
    )

    # (c): start-up.
    helped, _ = measure([*lisdraft, "--help"], repeat)
    table.row("lisdraft --help", f"{helped:.2f} s", "< 0.25 s", helped < 0.25)

    # (d): a whole country's councils, on two worker processes.
    region = work / "region"
    if not region.exists():
        generate(region, 317)
    profiles = len(list(region.glob("*/profile.yaml")))
    batch = [*lisdraft, "build", str(region), "--out", str(out / "region"), "--jobs", "2"]
    seconds, peak = measure(batch, slow_repeat, warm=False)
    documents = len(list((out / "region").glob("*/*.docx")))
    table.row(
        f"{profiles} profiles, {documents} documents, --jobs 2",
        f"{seconds:.1f} s",
        "< 20 s",
        seconds < 20 and documents == 3 * profiles,
    )
    table.row(
        "  peak memory of the largest process",
        f"{peak / 1024:.0f} MB",
        "< 150 MB",
        peak < 150 * 1024,
    )
    table.row("  (one profile, for comparison)", f"{peak_one / 1024:.0f} MB")

    # (d2): the same number of councils in areas of three sharing area files, with an
    # area overview for each area.
    areas = work / "areas"
    if not areas.exists():
        generate_areas(areas, 317)
    councils = len([p for p in areas.glob("*/*.yaml") if p.name != "area.yaml"])
    overviews = len(list(areas.glob("*/area.yaml")))
    batch = [*lisdraft, "build", str(areas), "--out", str(out / "areas"), "--jobs", "2"]
    seconds, peak = measure(batch, slow_repeat, warm=False)
    documents = len(list((out / "areas").rglob("*.docx")))
    table.row(
        f"{councils} profiles in {overviews} areas, {documents} documents",
        f"{seconds:.1f} s",
        "< 20 s",
        seconds < 20 and documents == 3 * councils + overviews,
    )
    table.row(
        "  peak memory of the largest process",
        f"{peak / 1024:.0f} MB",
        "< 150 MB",
        peak < 150 * 1024,
    )

    # (e): growth, and whether docxtpl itself grows faster than the rows.
    sizes = {"1x": (2_000, 200), "10x": (20_000, 2_000)}
    times: dict[str, float] = {}
    bare: dict[str, float] = {}
    for name, (rows, members) in sizes.items():
        folder = work / f"big-{name}"
        if not folder.exists():
            generate(folder, 1, evidence=rows, board=members)
        [profile] = folder.glob("*/profile.yaml")
        command = [*lisdraft, "build", str(profile), "--out", str(out / f"big-{name}")]
        times[name], _ = measure(command, slow_repeat, warm=False)
        save_context(profile, work / f"context-{name}.json")
        bare[name], _ = measure(
            [
                sys.executable,
                str(HERE / "baseline.py"),
                str(work / f"context-{name}.json"),
                templates,
                str(out / f"base-{name}"),
            ],
            1,
            warm=False,
        )
    growth = times["10x"] / times["1x"]
    table.row(
        "2,000 evidence rows, 200 board members", f"{times['1x']:.2f} s", "< 3 s", times["1x"] < 3
    )
    table.row(
        "20,000 rows, 2,000 members (10x)",
        f"{times['10x']:.1f} s",
        f"<= ~10x: {growth:.1f}x",
        growth <= 11,
    )
    table.row("  bare docxtpl, 2,000 rows (render only)", f"{bare['1x']:.2f} s")
    table.row(
        "  bare docxtpl, 20,000 rows (render only)",
        f"{bare['10x']:.1f} s",
        f"(no target): {bare['10x'] / bare['1x']:.1f}x",
    )
    print(f"\nLoad average {os.getloadavg()[0]:.1f} at the end.")
    if table.missed:
        print("Missed: " + "; ".join(table.missed))


if __name__ == "__main__":
    main()
