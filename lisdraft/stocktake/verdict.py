"""What a stock-take rule concludes: a rating, the facts behind it, next actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rating = Literal["green", "amber", "red", "unknown"]

#: From worst to best, for combining ratings; missing facts rank below amber
#: so that a gap is never hidden behind a green.
SEVERITY: tuple[Rating, ...] = ("red", "amber", "unknown", "green")


#: How a rating is shown: always a word and a symbol, never colour alone.
RATING_WORDS: dict[Rating, str] = {
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "unknown": "Not enough information",
}
RATING_SYMBOLS: dict[Rating, str] = {"green": "✓", "amber": "!", "red": "✗", "unknown": "?"}
RATING_MEANINGS: dict[Rating, str] = {
    "green": "In place, and the facts in the profile show it.",
    "amber": "Partly in place, or the profile shows gaps still to close.",
    "red": "Not in place, going by the facts in the profile.",
    "unknown": "The profile does not say enough to judge; it names the field to fill in.",
}

# Light fills that keep dark text above 4.5:1 contrast; the word always goes with them.
RATING_FILLS: dict[Rating, str] = {
    "green": "C6EFCE",
    "amber": "FFEB9C",
    "red": "FFC7CE",
    "unknown": "E7E6E6",
}


def rating_label(rating: Rating) -> str:
    """Return the symbol and word for `rating`, such as '✓ Green'."""
    return f"{RATING_SYMBOLS[rating]} {RATING_WORDS[rating]}"


@dataclass(frozen=True)
class Finding:
    """One fact from the profile, and the fields it was read from."""

    text: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    """One next step in plain words, and the profile fields that record it once done.

    Documents show only `text`; the terminal, JSON and docs show `fields` too.
    """

    text: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """What a rule concludes: a rating, the facts behind it and what to do next."""

    rating: Rating
    findings: tuple[Finding, ...]
    actions: tuple[Action, ...] = ()


def worst(ratings: list[Rating]) -> Rating:
    """Return the most severe of `ratings` (green for none)."""
    return min(ratings, key=SEVERITY.index, default="green")
