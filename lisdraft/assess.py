"""The stock-take: rate the eight questions from the facts in a profile.

`assess_stocktake` is a pure function over a validated profile. Each
question has one rule: a small function that reads named profile fields and
returns a rating, the findings behind it (each citing the fields it read)
and next actions. Missing facts give "not enough information", never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from lisdraft.framework import PRIVATE_SECTOR_MINIMUM_SHARE, QUESTIONS, Question
from lisdraft.model import BoardMember, Forum, PlaceProfile, SelfAnswer
from lisdraft.text import join_names

Rating = Literal["green", "amber", "red", "unknown"]


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


@dataclass(frozen=True)
class QuestionResult:
    """The assessment of one stock-take question."""

    question: Question
    answer: str
    note: str | None
    verdict: Verdict
    disagreement: str | None


@dataclass(frozen=True)
class BoardBalance:
    """The LEP board's make-up against the two-thirds private-sector rule."""

    members: int
    private: int

    @property
    def share(self) -> Fraction:
        """Return the private-sector share, or 0 for an empty board."""
        return Fraction(self.private, self.members) if self.members else Fraction(0)

    @property
    def meets_rule(self) -> bool:
        """Return whether private-sector members are at least two thirds of the board."""
        return self.members > 0 and self.share >= PRIVATE_SECTOR_MINIMUM_SHARE


@dataclass(frozen=True)
class Assessment:
    """The whole stock-take for one profile."""

    questions: tuple[QuestionResult, ...]
    board: BoardBalance


Rule = Callable[[PlaceProfile], Verdict]


def assess_stocktake(profile: PlaceProfile) -> Assessment:
    """Return the stock-take assessment of `profile`."""
    results = []
    for question in QUESTIONS:
        verdict = RULES[question.key](profile)
        answer: SelfAnswer | None = getattr(profile.self_assessment, question.key)
        results.append(
            QuestionResult(
                question=question,
                answer=answer.answer if answer else "not_answered",
                note=answer.note if answer else None,
                verdict=verdict,
                disagreement=_disagreement(answer, verdict),
            )
        )
    return Assessment(tuple(results), board_balance(profile))


def board_balance(profile: PlaceProfile) -> BoardBalance:
    """Return how many board members there are, and how many are from the private sector."""
    members = profile.board.members
    return BoardBalance(len(members), sum(1 for m in members if m.sector == "private"))


def _disagreement(answer: SelfAnswer | None, verdict: Verdict) -> str | None:
    """Return a gentle note where the council's answer and the facts part company."""
    if answer is None or verdict.rating == "unknown":
        return None
    if answer.answer == "yes" and verdict.rating in {"amber", "red"}:
        return (
            "The council answered yes, but the profile does not yet show this in full; "
            "see the facts below."
        )
    if answer.answer in {"no", "not_known"} and verdict.rating == "green":
        return (
            "The council was cautious here, but the profile records the arrangements "
            "this question asks about."
        )
    return None


def _verb(subjects: list[Forum], singular: str) -> str:
    """Return `singular` ('brings') or its plural ('bring') to agree with `subjects`."""
    return singular if len(subjects) == 1 else singular.removesuffix("s")


def _forum_councils(profile: PlaceProfile, forum: Forum) -> set[str]:
    everyone = {council.name for council in profile.place.councils}
    return everyone if forum.councils == "all" else set(forum.councils) & everyone


def _council_members(profile: PlaceProfile) -> list[BoardMember]:
    return [m for m in profile.board.members if m.represents == profile.meta.council]


def rule_shared_vision(profile: PlaceProfile) -> Verdict:
    """Green: an area vision with an owner, a future horizon and a record of how it was made."""
    vision = profile.vision.area
    if vision is None:
        return Verdict(
            "unknown",
            (
                Finding(
                    "The profile does not describe a shared vision for the area.", ("vision.area",)
                ),
            ),
            ("Fill in vision.area: the statement, its horizon year and who owns it.",),
        )
    facts = [
        Finding(
            f"{vision.owner} owns a vision for the area to {vision.horizon}.",
            ("vision.area.owner", "vision.area.horizon"),
        )
    ]
    actions = []
    current = vision.horizon >= profile.meta.date.year
    if not current:
        actions.append(
            f"Ask {vision.owner} to refresh the vision: its horizon of {vision.horizon} has passed."
        )
    if vision.how_developed:
        facts.append(
            Finding(
                "The profile records how the vision was developed with partners.",
                ("vision.area.how_developed",),
            )
        )
    else:
        actions.append(
            "Record how the vision was developed and who signed up to it "
            "(vision.area.how_developed)."
        )
    return Verdict("green" if not actions else "amber", tuple(facts), tuple(actions))


def rule_council_vision(profile: PlaceProfile) -> Verdict:
    """Green: the council's own vision and a note of how it fits the area's vision."""
    vision = profile.vision.council
    if vision is None:
        return Verdict(
            "unknown",
            (
                Finding(
                    "The profile does not describe the council's own vision.", ("vision.council",)
                ),
            ),
            ("Fill in vision.council with the council's vision and where it is set out.",),
        )
    where = f" in {vision.document}" if vision.document else ""
    facts = [Finding(f"The council sets out its own vision{where}.", ("vision.council",))]
    if profile.vision.fit:
        facts.append(
            Finding(
                "The profile explains how the council's vision fits the area's.", ("vision.fit",)
            )
        )
        return Verdict("green", tuple(facts))
    return Verdict(
        "amber",
        tuple(facts),
        ("Explain how the council's vision fits the area's vision (vision.fit).",),
    )


def rule_family_of_strategies(profile: PlaceProfile) -> Verdict:
    """Green: two or more strategies, each related to the LIS in a way the LEP has agreed."""
    strategies = profile.strategies
    if not strategies:
        return Verdict(
            "unknown",
            (Finding("The profile lists no strategies.", ("strategies",)),),
            ("List the area's strategies and how each relates to the LIS (strategies).",),
        )
    related = [s for s in strategies if s.relation_to_lis]
    agreed = [s for s in strategies if s.agreed_with_lep]
    facts = [
        Finding(
            f"{len(strategies)} strategies are listed; {len(related)} say how they relate "
            "to the LIS.",
            ("strategies[].relation_to_lis",),
        ),
        Finding(
            f"The LEP shares the council's view of how {len(agreed)} of them fit.",
            ("strategies[].agreed_with_lep",),
        ),
    ]
    missing = [s.name for s in strategies if not s.relation_to_lis]
    actions = []
    if missing:
        actions.append(f"Say how these relate to the LIS: {join_names(missing)}.")
    if not agreed:
        actions.append("Agree with the LEP how the council's strategies fit with the LIS.")
    unagreed = [s.name for s in strategies if s.relation_to_lis and not s.agreed_with_lep]
    if agreed and unagreed:
        actions.append(f"Agree with the LEP how these fit with the LIS: {join_names(unagreed)}.")
    if not related:
        return Verdict("red", tuple(facts), tuple(actions))
    ok = len(strategies) >= 2 and not actions
    return Verdict("green" if ok else "amber", tuple(facts), tuple(actions))


def rule_board_members_briefed(profile: PlaceProfile) -> Verdict:
    """Green: the council's board members are briefed and each has a reporting-back line."""
    board = profile.board
    if not board.members:
        return Verdict(
            "unknown",
            (Finding("The profile lists no LEP board members.", ("board.members",)),),
            ("List the LEP board's members (board.members).",),
        )
    ours = _council_members(profile)
    if not ours:
        facts = [
            Finding(
                f"No board member represents {profile.meta.council}.",
                ("board.members[].represents",),
            )
        ]
        if board.mandate:
            facts.append(
                Finding(
                    "The profile records how councils without a seat give a mandate.",
                    ("board.mandate",),
                )
            )
            return Verdict(
                "amber",
                tuple(facts),
                (
                    "Agree how the members who hold the mandate brief the council and "
                    "report back to it.",
                ),
            )
        return Verdict(
            "red",
            tuple(facts),
            ("Agree a mandate route so the council's view reaches the board (board.mandate).",),
        )
    reporting = {line.member for line in board.reporting_back}
    silent = [m.name for m in ours if m.name not in reporting]
    facts = [
        Finding(
            f"{join_names([m.name for m in ours])} represent{'s' if len(ours) == 1 else ''} "
            f"{profile.meta.council} on the board.",
            ("board.members[].represents",),
        )
    ]
    actions = []
    if board.briefing:
        facts.append(
            Finding(
                "The profile records how members are briefed before meetings.", ("board.briefing",)
            )
        )
    else:
        actions.append("Set up a briefing before each board meeting (board.briefing).")
    if silent:
        actions.append(f"Agree how {join_names(silent)} will report back (board.reporting_back).")
    else:
        facts.append(
            Finding("Each of them has a line for reporting back.", ("board.reporting_back",))
        )
    if not actions:
        return Verdict("green", tuple(facts))
    rating: Rating = "red" if not board.briefing and len(silent) == len(ours) else "amber"
    return Verdict(rating, tuple(facts), tuple(actions))


def rule_representation(profile: PlaceProfile) -> Verdict:
    """Green: every council sits on at least one forum that steers or approves the LIS."""
    steering = [f for f in profile.forums if f.steers_lis]
    if not steering:
        return Verdict(
            "unknown",
            (
                Finding(
                    "No forum in the profile is marked as steering the LIS.",
                    ("forums[].steers_lis",),
                ),
            ),
            ("Mark the forums that steer or approve the LIS with steers_lis: true.",),
        )
    everyone = {council.name for council in profile.place.councils}
    seated: set[str] = set()
    for forum in steering:
        seated |= _forum_councils(profile, forum)
    facts = [
        Finding(
            f"The LIS is steered through {join_names([f.name for f in steering])}.",
            ("forums[].steers_lis",),
        ),
        Finding(
            f"{len(seated)} of the area's {len(everyone)} councils sit on at least one of them.",
            ("forums[].councils",),
        ),
    ]
    absent = sorted(everyone - seated)
    if not absent:
        return Verdict("green", tuple(facts))
    action = f"Secure a seat, or a mandate route, for {join_names(absent)} on the LIS structures."
    return Verdict("red" if not seated else "amber", tuple(facts), (action,))


def rule_councils_forum(profile: PlaceProfile) -> Verdict:
    """Green: a members' forum with every council in it and the LEP taking part."""
    if not profile.forums:
        return Verdict(
            "unknown",
            (Finding("The profile lists no forums.", ("forums",)),),
            ("List the forums the council works through (forums).",),
        )
    members_forums = [f for f in profile.forums if f.level in {"members", "mixed"}]
    complete = [f for f in members_forums if f.councils == "all" and f.lep_takes_part]
    if complete:
        return Verdict(
            "green",
            (
                Finding(
                    f"{join_names([f.name for f in complete])} {_verb(complete, 'brings')} "
                    "every council "
                    "together with the LEP.",
                    ("forums[].councils", "forums[].lep_takes_part"),
                ),
            ),
        )
    partial = [f for f in members_forums if f.councils == "all" or f.lep_takes_part]
    if partial:
        return Verdict(
            "amber",
            tuple(
                Finding(
                    f"{f.name} "
                    + (
                        "includes every council but not the LEP."
                        if f.councils == "all"
                        else "involves the LEP but not every council."
                    ),
                    ("forums[].councils", "forums[].lep_takes_part"),
                )
                for f in partial
            ),
            ("Widen an existing forum so that every council and the LEP take part.",),
        )
    return Verdict(
        "red",
        (
            Finding(
                "No members' forum brings the councils together with the LEP.",
                ("forums[].level", "forums[].councils"),
            ),
        ),
        (
            "Propose a joint committee or growth board of all council leaders, with "
            "the LEP chair invited.",
        ),
    )


def rule_officers_forum(profile: PlaceProfile) -> Verdict:
    """Green: an officers' forum in which the LEP team takes part."""
    if not profile.forums:
        return Verdict(
            "unknown",
            (Finding("The profile lists no forums.", ("forums",)),),
            ("List the forums the council works through (forums).",),
        )
    officers = [f for f in profile.forums if f.level in {"officers", "mixed"}]
    with_lep = [f for f in officers if f.lep_takes_part]
    if with_lep:
        return Verdict(
            "green",
            (
                Finding(
                    f"Officers meet the LEP team through {join_names([f.name for f in with_lep])}.",
                    ("forums[].level", "forums[].lep_takes_part"),
                ),
            ),
        )
    if officers:
        return Verdict(
            "amber",
            (
                Finding(
                    f"{join_names([f.name for f in officers])} {_verb(officers, 'brings')} "
                    "officers "
                    "together, without the LEP.",
                    ("forums[].level", "forums[].lep_takes_part"),
                ),
            ),
            ("Invite the LEP's director or LIS lead to the officers' group.",),
        )
    return Verdict(
        "red",
        (Finding("No forum joins council officers with the LEP team.", ("forums[].level",)),),
        ("Set up a regular meeting of economic development leads with the LEP team.",),
    )


def rule_evidence_contribution(profile: PlaceProfile) -> Verdict:
    """Green: evidence shared with the LEP and anchor institutions asked to contribute."""
    evidence = profile.evidence
    if not evidence.items:
        return Verdict(
            "unknown",
            (Finding("The profile lists no evidence items.", ("evidence.items",)),),
            ("List the datasets, studies and strategies the council can offer (evidence.items).",),
        )
    shared = [item for item in evidence.items if item.shared_with_lep]
    facts = [
        Finding(
            f"{len(shared)} of {len(evidence.items)} evidence items have been shared with the LEP.",
            ("evidence.items[].shared_with_lep",),
        ),
        Finding(
            f"{len(evidence.anchors_asked)} anchor institutions have been asked to contribute.",
            ("evidence.anchors_asked",),
        ),
    ]
    actions = []
    unshared = [item.title for item in evidence.items if not item.shared_with_lep]
    if unshared:
        actions.append(f"Share with the LEP: {join_names(unshared)}.")
    if not evidence.anchors_asked:
        actions.append(
            "Ask the area's universities, colleges and hospitals what evidence they can offer."
        )
    if shared and evidence.anchors_asked:
        return Verdict("green" if not unshared else "amber", tuple(facts), tuple(actions))
    return Verdict(
        "red" if not shared and not evidence.anchors_asked else "amber",
        tuple(facts),
        tuple(actions),
    )


RULES: dict[str, Rule] = {
    "shared_vision": rule_shared_vision,
    "council_vision": rule_council_vision,
    "family_of_strategies": rule_family_of_strategies,
    "board_members_briefed": rule_board_members_briefed,
    "representation": rule_representation,
    "councils_forum": rule_councils_forum,
    "officers_forum": rule_officers_forum,
    "evidence_contribution": rule_evidence_contribution,
}
