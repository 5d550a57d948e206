"""Varied, valid profiles for the generalisation suite, made from a seed.

Each profile starts from the worked example and changes what a real area
would: how many councils (one alone, a two-tier county, a combined
authority, many), how many of each list (none, one, two, many), who sits on
the LEP board (none from the councils, a bare majority from business ...),
the council's own answers, and names that are hard to write sentences
around (apostrophes, ampersands, a leading "The", accents, great length).
The same seed always gives the same profile.
"""

from __future__ import annotations

import copy
import random
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

# The Borchestershire example as one file (the area's facts in it too); see tests/conftest.py.
EXAMPLE = Path(__file__).resolve().parent / "examples/single-files/borchestershire/profile.yaml"

PLACES = ["Ambridge", "Ynys Môn", "King's Lynn & West Norfolk", "Wexmoor", "Borsetshire Vale"]
COUNCIL_STEMS = [
    "Loxley Barrett",
    "St Mary's",
    "Hollerton & Edgeley",
    "Penny Hassett",
    "Llanfair Pwllgwyngyll and Ynys Môn Coast and Countryside",
    "Darrington",
    "Écouen Vale",
    "Waterley Cross",
]
BODIES = [
    "Leaders' Board",
    "The Marches Growth Board",
    "Economic Joint Committee",
    "Officers' Group",
    "Growth Hub Steering Group",
    "Skills & Employment Partnership",
    "The Place Forum",
    "Felpersham Means Business",
]
STRATEGIES = [
    "Rural Economy Strategy",
    "Corporate Plan 2025-2030",
    "The Local Transport Plan",
    "Skills & Talent Framework",
    "Housing Delivery Programme",
    "Health and Wellbeing Strategy",
    "Net Zero Prospectus",
]
SECTORS = ["private", "local_authority", "education", "voluntary", "other"]
ANSWERS = ["yes", "partly", "no", "not_known"]
SIZES = [0, 1, 2, 5]


@cache
def _example() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _some(rng: random.Random, items: list[Any], count: int) -> list[Any]:
    """Return `count` items from `items`, repeating (renamed by index) when there are too few."""
    out = []
    for index in range(count):
        item = copy.deepcopy(items[index % len(items)])
        out.append(item)
    rng.shuffle(out)
    return out


def make_profile(seed: int) -> dict[str, Any]:
    """Return plain profile data, valid for lisdraft, that varies with `seed`."""
    rng = random.Random(seed)
    data = copy.deepcopy(_example())
    place = rng.choice(PLACES)
    data["place"]["name"] = place
    councils = _councils(rng, place)
    data["place"]["councils"] = councils
    names = [c["name"] for c in councils]
    data["meta"]["council"] = rng.choice(names)
    data["place"]["combined_authority"] = (
        f"{place} Combined Authority" if rng.random() < 0.3 else None
    )
    if data["place"]["combined_authority"] is None:
        del data["place"]["combined_authority"]
    data["place"]["lep"]["name"] = rng.choice(
        [f"{place} LEP", f"The {place} Enterprise Partnership"]
    )
    data["vision"]["area"]["owner"] = rng.choice(
        [f"{place} {rng.choice(BODIES)}", data["place"]["lep"]["name"], names[0]]
    )
    data["vision"]["council"]["document"] = f"{place} {rng.choice(STRATEGIES)}"
    if rng.random() < 0.2:
        data["vision"].pop("fit")
    if rng.random() < 0.15:
        data["vision"].pop("area")
    _lists(rng, data, place, names)
    _board(rng, data, names)
    for key in data["self_assessment"]:
        data["self_assessment"][key]["answer"] = rng.choice(ANSWERS)
    return data


def _councils(rng: random.Random, place: str) -> list[dict[str, Any]]:
    shape = rng.choice(["alone", "two_tier", "unitaries", "many"])
    stems = rng.sample(COUNCIL_STEMS, k=len(COUNCIL_STEMS))
    if shape == "alone":
        return [{"name": f"{stems[0]} Council", "type": "unitary"}]
    if shape == "two_tier":
        districts = rng.choice([1, 2, 4])
        return [
            {"name": f"{place} County Council", "type": "county", "leader_on_lep_board": True},
            *(
                {"name": f"{stem} District Council", "type": "district"}
                for stem in stems[:districts]
            ),
        ]
    count = 2 if shape == "unitaries" else 7
    return [
        {
            "name": f"{stem} {rng.choice(['Borough', 'City', 'Metropolitan Borough'])} Council",
            "type": rng.choice(["unitary", "metropolitan"]),
            "leader": f"Cllr {stem.split()[0]} O'Brien",
            "leader_on_lep_board": rng.random() < 0.5,
        }
        for stem in stems[:count]
    ]


def _lists(rng: random.Random, data: dict[str, Any], place: str, names: list[str]) -> None:
    """Give each list none, one, two or many items, with awkward names."""
    forums = _some(rng, data["forums"], rng.choice(SIZES))
    bodies = rng.sample(BODIES, k=len(BODIES))
    for index, forum in enumerate(forums):
        forum["name"] = bodies[index % len(bodies)] + ("" if index < len(bodies) else f" {index}")
        forum["councils"] = "all" if rng.random() < 0.5 else rng.sample(names, k=1)
        forum["members"] = rng.choice(
            [["The leaders of every council", "The LEP chair (attends)"], ["Council leaders"]]
        )
    data["forums"] = forums
    strategies = _some(rng, data["strategies"], rng.choice(SIZES))
    for index, strategy in enumerate(strategies):
        strategy["name"] = f"{place} {STRATEGIES[index % len(STRATEGIES)]}" + (
            "" if index < len(STRATEGIES) else f" ({index})"
        )
        strategy["agreed_with_lep"] = rng.random() < 0.5
        if rng.random() < 0.3:
            strategy.pop("relation_to_lis", None)
    data["strategies"] = strategies
    items = _some(rng, data["evidence"]["items"], rng.choice(SIZES))
    for index, item in enumerate(items):
        item["title"] = f"{item['title']} ({index + 1})"
        item["shared_with_lep"] = rng.random() < 0.6
    data["evidence"]["items"] = items
    data["evidence"]["anchors_asked"] = _some(
        rng, data["evidence"]["anchors_asked"], rng.choice(SIZES)
    )
    for group in ("businesses", "anchors", "government"):
        data["engagement"][group] = _some(rng, data["engagement"][group], rng.choice(SIZES))
    priorities = _some(rng, data["priorities"], rng.choice(SIZES))
    for index, priority in enumerate(priorities):
        priority["title"] = f"{priority['title']} ({index + 1})"
        priority["asks"] = priority["asks"][: rng.choice([0, 1, 2])] or priority["asks"][:1]
    data["priorities"] = priorities
    data["next_steps"] = data["next_steps"][: rng.choice([0, 1, 3])]


def _board(rng: random.Random, data: dict[str, Any], names: list[str]) -> None:
    """Give the board between one and twenty members, in any mix of sectors."""
    lep = data["place"]["lep"]
    size = rng.choice([1, 2, 3, 8, 13, 20])
    members = [
        {
            "name": lep["chair"]["name"],
            "organisation": "Tolliver & Sons Ltd",
            "sector": "private",
            "role": "chair",
        }
    ]
    for index in range(1, size):
        sector = rng.choice(SECTORS)
        member: dict[str, Any] = {
            "name": f"Member {index} d'Arcy",
            "organisation": "Organisation & Co",
            "sector": sector,
        }
        if sector == "local_authority" and rng.random() < 0.8:
            member["name"] = f"Cllr {index} Ní Bhriain"
            member["represents"] = rng.choice(names)
        members.append(member)
    if rng.random() < 0.5:
        ours = {
            "name": "Cllr Lilian Bellamy",
            "organisation": data["meta"]["council"],
            "sector": "local_authority",
            "represents": data["meta"]["council"],
        }
        members.append(ours)
    if size >= 2:
        members[1] |= {"name": lep["vice_chair"]["name"], "role": "vice_chair"}
        members[1].pop("represents", None)
        members[1]["sector"] = "private"
    data["board"]["members"] = members
    council_members = [m["name"] for m in members if m.get("represents")]
    lines = data["board"]["reporting_back"][:1]
    data["board"]["reporting_back"] = [
        {**lines[0], "member": name} for name in council_members if rng.random() < 0.5
    ]
    for key in ("mandate", "briefing", "conflict_of_interest_policy"):
        if rng.random() < 0.3:
            data["board"].pop(key, None)
