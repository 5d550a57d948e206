"""Make plausible profiles for the benchmark: variants of the two examples.

    python benchmarks/generate.py region/ --count 317
    python benchmarks/generate.py region/ --count 317 --areas
    python benchmarks/generate.py big/ --count 1 --evidence 2000 --board 200

Each variant renames the example's places (so every council, university and
forum gets a new name, consistently), then grows or trims its lists:
evidence items, board members, forums, strategies, priorities and next steps.
The result is written as `OUT/<council-slug>/profile.yaml` and checked with
lisdraft's own loader. The same seed gives the same profiles.

With `--areas`, the profiles come in areas of three councils (variants of
Borchestershire): each area's shared sections go into `OUT/<area>/area.yaml`
and each council's own into `OUT/<area>/<council-slug>.yaml`, which names it.
"""

from __future__ import annotations

import argparse
import copy
import io
import random
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "borchestershire", ROOT / "examples" / "wexmoor"]

# Place names whose every use is replaced, longest first so "Borchestershire"
# is renamed before "Borchester".
PLACES = {
    "borchestershire": ["Borchestershire", "Borchester", "Felpersham"],
    "wexmoor": ["Wexmoor", "Harnley"],
}
STEMS = [
    "Ash",
    "Bram",
    "Cal",
    "Dun",
    "Ell",
    "Fen",
    "Gar",
    "Hal",
    "Ivy",
    "Kel",
    "Lang",
    "Mar",
    "Nor",
    "Ock",
    "Pen",
    "Quen",
    "Ros",
    "Sel",
    "Thorn",
    "Ul",
    "Ver",
    "Wick",
    "Yar",
    "Zen",
]
ENDINGS = ["bury", "ford", "ham", "ley", "mouth", "stead", "ton", "wick", "worth", "by", "cester"]
MIDDLES = ["ing", "er", "en", "dle", "an", "el"]
SURNAMES = [
    "Abbott",
    "Bains",
    "Carver",
    "Doyle",
    "Eames",
    "Fraser",
    "Gould",
    "Hussain",
    "Iqbal",
    "Jarvis",
    "Kaur",
    "Lindqvist",
    "Moss",
    "Nwosu",
    "Osei",
    "Pryor",
    "Quinn",
    "Reyes",
]
GIVEN = ["Alex", "Bea", "Chris", "Dana", "Eli", "Fay", "Gus", "Hana", "Ian", "Jo", "Kit", "Lee"]


def place_name(rng: random.Random, used: set[str]) -> str:
    """Return a new invented place name, different from every one in `used`."""
    for attempt in range(10_000):
        middle = rng.choice(MIDDLES) if attempt > 50 else ""
        name = rng.choice(STEMS) + middle + rng.choice(ENDINGS)
        if attempt > 500:
            name = f"{rng.choice(['North', 'South', 'East', 'West', 'Upper'])} {name}"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("ran out of place names; add some to STEMS")


def renamed(value: Any, names: dict[str, str]) -> Any:
    """Return `value` with every old place name in its text replaced by the new one."""
    if isinstance(value, dict):
        return {key: renamed(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [renamed(item, names) for item in value]
    if isinstance(value, str):
        for old, new in names.items():
            value = value.replace(old, new)
        return value
    return value


def resized(items: list[Any], count: int, label: str) -> list[Any]:
    """Return `count` items: the first ones kept, the rest copies titled as further items."""
    out = copy.deepcopy(items[:count])
    number = 2
    while len(out) < count:
        for item in items:
            if len(out) == count:
                break
            extra = copy.deepcopy(item)
            extra[label] = f"{item[label]} ({number})"
            out.append(extra)
        number += 1
    return out


def extra_members(rng: random.Random, board: dict[str, Any], count: int) -> None:
    """Add private-sector members with new names until the board has `count` members."""
    names = {member["name"] for member in board["members"]}
    while len(board["members"]) < count:
        name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}-{len(board['members'])}"
        if name not in names:
            names.add(name)
            board["members"].append(
                {"name": name, "organisation": f"{name.split()[1]} Ltd", "sector": "private"}
            )


def variant(
    base: dict[str, Any],
    places: list[str],
    rng: random.Random,
    used: set[str],
    evidence: int | None = None,
    board: int | None = None,
) -> dict[str, Any]:
    """Return a renamed, resized copy of the profile `base`."""
    data = renamed(base, {old: place_name(rng, used) for old in places})
    items = data["evidence"]["items"]
    data["evidence"]["items"] = resized(items, evidence or rng.randint(3, 3 * len(items)), "title")
    members = data["board"]["members"]
    if board is not None and board >= len(members):
        extra_members(rng, data["board"], board)
    else:
        extra_members(rng, data["board"], rng.randint(len(members), 2 * len(members)))
    for key, label in [("forums", "name"), ("strategies", "name"), ("priorities", "title")]:
        if data.get(key):
            count = rng.randint(max(1, len(data[key]) // 2), 2 * len(data[key]))
            data[key] = resized(data[key], count, label)
    return data


def generate(
    out: Path, count: int, seed: int = 8, evidence: int | None = None, board: int | None = None
) -> list[Path]:
    """Write `count` profiles under `out` and return their paths."""
    from lisdraft.profile.loader import load_profile

    rng = random.Random(seed)
    bases = [(example_data(e / "profile.yaml"), PLACES[e.name]) for e in EXAMPLES]
    writer = YAML(typ="rt")  # block style, keys in the examples' order, like a hand-written file
    writer.width = 4096
    used: set[str] = set()
    paths = []
    for index in range(count):
        base, places = bases[index % len(bases)]
        data = variant(base, places, rng, used, evidence, board)
        slug = data["meta"]["council"].lower().replace(" ", "-")
        path = out / slug / "profile.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = io.StringIO()
        writer.dump(data, stream)
        path.write_text(stream.getvalue(), encoding="utf-8")
        load_profile(path)  # every generated profile must be valid
        paths.append(path)
    return paths


def example_data(path: Path) -> dict[str, Any]:
    """Return the example profile at `path` as plain data, merged with its area file if any."""
    from lisdraft.profile.area import AREA_FIELD, merge_with_area, read_source

    source = read_source(path, str(path))
    if AREA_FIELD not in source.data:
        return dict(source.data)
    return copy.deepcopy(merge_with_area(source).data)


#: The parts of the split sections that an area file holds (the rest stay with each council).
AREA_PARTS = {
    "vision": ("area",),
    "board": ("members", "conflict_of_interest_policy", "mandate", "reporting_back"),
    "engagement": ("consistent_message",),
}


def split_area(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return `data` (one merged profile) split into an area file and a council's own part."""
    from lisdraft.profile.area import AreaFile

    area: dict[str, Any] = {}
    own: dict[str, Any] = {}
    for key, value in data.items():
        if key in AREA_PARTS:
            area[key] = {k: v for k, v in value.items() if k in AREA_PARTS[key]}
            own[key] = {k: v for k, v in value.items() if k not in AREA_PARTS[key]}
        elif key == "strategies":
            council = data["meta"]["council"]
            area[key] = [s for s in value if s["owner"] != council]
            own[key] = [s for s in value if s["owner"] == council]
        elif key in AreaFile.model_fields:
            area[key] = value
        else:
            own[key] = value
    return area, own


def generate_areas(out: Path, count: int, seed: int = 8) -> list[Path]:
    """Write `count` council profiles in areas of three, sharing area files; return their paths."""
    from lisdraft.profile.loader import load_profile

    rng = random.Random(seed)
    base = example_data(EXAMPLES[0] / "profile.yaml")
    writer = YAML(typ="rt")
    writer.width = 4096
    used: set[str] = set()
    paths: list[Path] = []
    while len(paths) < count:
        data = variant(base, PLACES["borchestershire"], rng, used)
        area, own = split_area(data)
        folder = out / data["place"]["name"].lower().replace(" ", "-")
        folder.mkdir(parents=True, exist_ok=True)
        _dump(writer, area, folder / "area.yaml")
        for council in data["place"]["councils"][: count - len(paths)]:
            mine = {"area": "area.yaml", **copy.deepcopy(own)}
            mine["meta"]["council"] = council["name"]
            seated = [m for m in area["board"]["members"] if m.get("represents") == council["name"]]
            if not seated:  # a council with no seat does not claim to brief its members
                mine["self_assessment"]["board_members_briefed"] = {"answer": "no"}
            path = folder / f"{council['name'].lower().replace(' ', '-')}.yaml"
            _dump(writer, mine, path)
            load_profile(path)  # every generated profile must be valid
            paths.append(path)
    return paths


def _dump(writer: YAML, data: dict[str, Any], path: Path) -> None:
    stream = io.StringIO()
    writer.dump(data, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the profiles into")
    parser.add_argument("--count", type=int, default=317)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--evidence", type=int, help="evidence items in every profile")
    parser.add_argument("--board", type=int, help="board members in every profile")
    parser.add_argument("--areas", action="store_true", help="councils share area files")
    args = parser.parse_args()
    if args.areas:
        paths = generate_areas(args.out, args.count, args.seed)
    else:
        paths = generate(args.out, args.count, args.seed, args.evidence, args.board)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} profiles ({size / 1e6:.1f} MB) under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
