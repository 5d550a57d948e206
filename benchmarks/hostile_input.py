"""Time lisdraft's answer to hostile profiles: bombs, deep nesting and huge files.

Run from the repository root:  python benchmarks/hostile_input.py

Each case is loaded with `load_profile` (three times when it takes under a
second, keeping the best); the time and the peak memory Python allocated
(tracemalloc) are printed beside the start of lisdraft's answer.
The issue asks for bombs to be refused "in well under a second".
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from lisdraft.errors import ProfileError
from lisdraft.profile.loader import load_profile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "borchestershire" / "profile.yaml"
HOSTILE = ROOT / "tests" / "hostile"


def laughs(levels: int, width: int, as_map: bool = False) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        if as_map:
            items = ", ".join(f"k{j}: *a{i - 1}" for j in range(width))
            lines.append(f"a{i}: &a{i} {{{items}}}")
        else:
            lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + f"\nmeta: *a{levels - 1}\n"


def merge_bomb(levels: int) -> str:
    lines = ["a0: &a0 {x: lol, y: lol}"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i}\n  <<: *a{i - 1}\n  more{i}: [{refs}]")
    return "\n".join(lines) + "\n"


def fifty_mb(path: Path) -> None:
    chunk = EXAMPLE.read_bytes()
    with path.open("wb") as stream:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            stream.write(chunk)


CASES: dict[str, Callable[[Path], None]] = {
    "billion laughs (tests/hostile)": lambda p: p.write_bytes(
        (HOSTILE / "billion-laughs.yaml").read_bytes()
    ),
    "laughs, 30 levels of 30": lambda p: p.write_text(laughs(30, 30)),
    "laughs as mappings, 20 of 20": lambda p: p.write_text(laughs(20, 20, as_map=True)),
    "merge-key bomb, 12 levels": lambda p: p.write_text(merge_bomb(12)),
    "10,000 nested brackets": lambda p: p.write_text("a: " + "[" * 10_000 + "]" * 10_000),
    "100,000 nested braces": lambda p: p.write_text("a: " + "{b: " * 100_000 + "1" + "}" * 100_000),
    "100 nested sections": lambda p: p.write_text(
        "".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "v"
    ),
    "800,000 list items (token limit)": lambda p: p.write_text("questions:\n" + "- x\n" * 800_000),
    "one 19 MB line": lambda p: p.write_text("meta:\n  council: " + "x" * 19_900_000 + "\n"),
    "50 MB file": fifty_mb,
    "the worked example (valid)": lambda p: p.write_bytes(EXAMPLE.read_bytes()),
}


def run(path: Path) -> str:
    try:
        load_profile(path)
    except ProfileError as exc:
        return str(exc).splitlines()[0].replace(str(path), "FILE")
    return "loaded"


def main() -> None:
    print(f"{'case':34} {'time':>10} {'peak memory':>12}  answer")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            path = Path(folder) / "case.yaml"
            make(path)
            times: list[float] = []
            while len(times) < 3 and (not times or times[0] < 1):
                start = time.perf_counter()
                answer = run(path)
                times.append(time.perf_counter() - start)
            tracemalloc.start()
            run(path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{name:34} {min(times):9.3f}s {peak / 1e6:10.1f} MB  {answer[:70]}")


if __name__ == "__main__":
    main()
