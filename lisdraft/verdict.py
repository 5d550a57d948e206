"""What a stock-take rule concludes: a rating, the facts behind it, next actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rating = Literal["green", "amber", "red", "unknown"]

#: From worst to best, for combining ratings; missing facts rank below amber
#: so that a gap is never hidden behind a green.
SEVERITY: tuple[Rating, ...] = ("red", "amber", "unknown", "green")


@dataclass(frozen=True)
class Finding:
    """One fact from the profile, and the fields it was read from."""

    text: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """What a rule concludes: a rating, the facts behind it and what to do next."""

    rating: Rating
    findings: tuple[Finding, ...]
    actions: tuple[str, ...] = ()


def worst(ratings: list[Rating]) -> Rating:
    """Return the most severe of `ratings` (green for none)."""
    return min(ratings, key=SEVERITY.index, default="green")
