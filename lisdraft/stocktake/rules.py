"""The stock-take rules: one small, documented function per check.

Each rule reads named profile fields and returns a `Verdict`. Its docstring
is its documentation: the first line is the question it answers, then the
sections `Reads`, `Green`, `Amber`, `Red`, `Not enough information` and
`Why`. `docs/stocktake-rules.md` is generated from these docstrings
(`python -m lisdraft.stocktake.rules_doc`), so the published rule table cannot drift.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from lisdraft.framework import PRIVATE_SECTOR_MINIMUM_SHARE
from lisdraft.profile.model import BoardMember, Forum, PlaceProfile
from lisdraft.stocktake.verdict import Action, Finding, Rating, Verdict
from lisdraft.wording import (
    a_an,
    clause,
    count_of,
    join,
    of_total,
    percent,
    plural,
    the,
    the_list,
    verb,
)

Rule = Callable[[PlaceProfile], Verdict]


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

    @property
    def to_replace(self) -> int:
        """Return how many members from other sectors to replace, keeping the board's size."""
        return max(0, math.ceil(PRIVATE_SECTOR_MINIMUM_SHARE * self.members) - self.private)

    @property
    def to_add(self) -> int:
        """Return how many private-sector members to add, keeping every current member."""
        rule = PRIVATE_SECTOR_MINIMUM_SHARE
        return max(0, math.ceil((rule * self.members - self.private) / (1 - rule)))

    def summary(self) -> str:
        """Return a sentence such as 'Seven of the 13 board members are from the private sector (54%).'."""
        part = of_total(self.private, self.members, "board member", "is", start=True)
        share = percent(self.private, self.members)
        return f"{part} from the private sector ({share})."

    def advice(self) -> str:
        """Return the two ways to meet the rule, or '' when it is met (or there is no board)."""
        if self.meets_rule or not self.members:
            return ""
        replace, add = self.to_replace, self.to_add
        others = "another sector" if replace == 1 else "other sectors"
        return (
            "Raise the two-thirds rule with the LEP chair. "
            f"Keeping its size of {self.members}, the board would replace "
            f"{count_of(replace, 'member')} from {others} with "
            f"{a_an('private-sector member') if replace == 1 else 'private-sector members'}. "
            f"Growing instead, it would add {count_of(add, 'private-sector member')}, "
            f"making {self.members + add} in all."
        )


def board_balance(profile: PlaceProfile) -> BoardBalance:
    """Return how many board members there are, and how many are from the private sector."""
    members = profile.board.members
    return BoardBalance(len(members), sum(1 for m in members if m.sector == "private"))


def _the(profile: PlaceProfile, name: str, *, start: bool = False) -> str:
    """Return `name` as it reads in a sentence, with 'the' where it takes one."""
    return the(name, start=start, without_the=profile.meta.names_without_the)


def _the_list(profile: PlaceProfile, names: list[str], *, start: bool = False) -> str:
    return the_list(names, start=start, without_the=profile.meta.names_without_the)


def _forum_councils(profile: PlaceProfile, forum: Forum) -> set[str]:
    everyone = {council.name for council in profile.place.councils}
    return everyone if forum.councils == "all" else set(forum.councils) & everyone


def _council_members(profile: PlaceProfile) -> list[BoardMember]:
    return [m for m in profile.board.members if m.represents == profile.meta.council]


def _no_board(fields: str) -> Verdict:
    return Verdict(
        "unknown",
        (Finding("The profile lists no LEP board members.", ("board.members",)),),
        (Action(f"List the LEP board's members and {fields}.", ("board.members",)),),
    )


def rule_shared_vision(profile: PlaceProfile) -> Verdict:
    """Is there a shared vision for the LEP area that frames its LIS?

    Reads: vision.area (statement, owner, horizon, how_developed), meta.date
    Green: a vision with an owner, a horizon year not yet passed, and a record of how it was developed.
    Amber: the horizon has passed, or nothing records how partners developed it.
    Red: never; a profile that describes a vision has one.
    Not enough information: vision.area is missing.
    Why: a long-term vision owned by every partner gives the LIS its context.
    """
    vision = profile.vision.area
    if vision is None:
        return Verdict(
            "unknown",
            (
                Finding(
                    "The profile does not describe a shared vision for the area.", ("vision.area",)
                ),
            ),
            (
                Action(
                    "Describe the area's shared vision: what it says, who owns it and the year "
                    "it looks ahead to.",
                    ("vision.area",),
                ),
            ),
        )
    owner = _the(profile, vision.owner, start=True)
    facts = [
        Finding(
            f"{owner} owns a vision for the area to {vision.horizon}.",
            ("vision.area.owner", "vision.area.horizon"),
        )
    ]
    actions = []
    if vision.horizon < profile.meta.date.year:
        actions.append(
            Action(
                f"Ask {_the(profile, vision.owner)} to refresh the vision: its horizon of "
                f"{vision.horizon} has passed.",
                ("vision.area.horizon",),
            )
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
            Action(
                "Record how partners developed the vision and who signed up to it.",
                ("vision.area.how_developed",),
            )
        )
    return Verdict("green" if not actions else "amber", tuple(facts), tuple(actions))


def rule_council_vision(profile: PlaceProfile) -> Verdict:
    """Does the council have its own vision that informs its contribution?

    Reads: vision.council, vision.fit
    Green: the council's vision is described and vision.fit explains how it fits the area's.
    Amber: the vision is described but not how it fits the area's.
    Red: never; an absent vision is missing information, not a finding.
    Not enough information: vision.council is missing.
    Why: the council's contribution is only as clear as its own view of its area.
    """
    vision = profile.vision.council
    if vision is None:
        return Verdict(
            "unknown",
            (
                Finding(
                    "The profile does not describe the council's own vision.", ("vision.council",)
                ),
            ),
            (
                Action(
                    "Describe the council's own vision and the document that sets it out.",
                    ("vision.council",),
                ),
            ),
        )
    where = f" in {_the(profile, vision.document)}" if vision.document else ""
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
        (Action("Explain how the council's vision fits the area's vision.", ("vision.fit",)),),
    )


def rule_family_of_strategies(profile: PlaceProfile) -> Verdict:
    """Is the LIS one of a family of strategies for inclusive growth?

    Reads: strategies[].relation_to_lis, strategies[].agreed_with_lep
    Green: two or more strategies, each saying how it relates to the LIS, all agreed with the LEP.
    Amber: some strategies say how they relate, or the LEP has not agreed them all.
    Red: strategies are listed but none says how it relates to the LIS.
    Not enough information: no strategies are listed.
    Why: a family of plans only works if partners share how they fit together.
    """
    strategies = profile.strategies
    if not strategies:
        return Verdict(
            "unknown",
            (Finding("The profile lists no strategies.", ("strategies",)),),
            (
                Action(
                    "List the area's strategies and say how each one relates to the LIS.",
                    ("strategies",),
                ),
            ),
        )
    related = [s for s in strategies if s.relation_to_lis]
    agreed = [s for s in strategies if s.agreed_with_lep]
    facts = [
        Finding(_how_many_relate(len(strategies), len(related)), ("strategies[].relation_to_lis",)),
        Finding(_how_many_agreed(len(strategies), len(agreed)), ("strategies[].agreed_with_lep",)),
    ]
    actions = []
    missing = [s.name for s in strategies if not s.relation_to_lis]
    if missing:
        actions.append(
            Action(
                f"Say how {_the_list(profile, missing)} {verb('relates', len(missing))} "
                "to the LIS.",
                ("strategies[].relation_to_lis",),
            )
        )
    if not agreed:
        actions.append(
            Action(
                "Agree with the LEP how the council's strategies fit with the LIS.",
                ("strategies[].agreed_with_lep",),
            )
        )
    unagreed = [s.name for s in strategies if s.relation_to_lis and not s.agreed_with_lep]
    if agreed and unagreed:
        actions.append(
            Action(
                f"Agree with the LEP how {_the_list(profile, unagreed)} "
                f"{verb('fits', len(unagreed))} with the LIS.",
                ("strategies[].agreed_with_lep",),
            )
        )
    if not related:
        return Verdict("red", tuple(facts), tuple(actions))
    ok = len(strategies) >= 2 and not actions
    return Verdict("green" if ok else "amber", tuple(facts), tuple(actions))


def _how_many_relate(listed: int, related: int) -> str:
    """Return 'Four strategies are listed; 3 of them say how they relate to the LIS.' and kin."""
    if listed == 1:
        says = "says" if related else "does not yet say"
        return f"One strategy is listed, and it {says} how it relates to the LIS."
    opening = f"{count_of(listed, 'strategy', start=True)} are listed"
    if related == listed:
        return f"{opening}, and each says how it relates to the LIS."
    if related == 0:
        return f"{opening}, but none yet says how it relates to the LIS."
    part = of_total(related, listed, "strategy", "says").replace(
        f"of the {listed} strategies", "of them"
    )
    return f"{opening}; {part} how it relates to the LIS."


def _how_many_agreed(listed: int, agreed: int) -> str:
    """Return how many strategies the LEP agrees fit with the LIS, in words that fit the counts."""
    if agreed == 0:
        what = "it fits" if listed == 1 else "any of them fits"
        return f"The LEP has not yet agreed how {what} with the LIS."
    if agreed == listed:
        what = "it fits" if listed == 1 else "they all fit"
        return f"The LEP shares the council's view of how {what} with the LIS."
    return f"The LEP shares the council's view of how {agreed} of them fit with the LIS."


def rule_board_members_briefed(profile: PlaceProfile) -> Verdict:
    """Are the council's LEP board members briefed, and do they report back?

    Reads: board.members[].represents, board.briefing, board.reporting_back, board.mandate
    Green: the council has board members, a briefing arrangement and a reporting line for each.
    Amber: briefing or some reporting lines are missing; or the council has no seat but a mandate route.
    Red: members have neither briefing nor reporting lines; or no seat and no mandate route.
    Not enough information: board.members is empty.
    Why: council members bring democratic accountability and local intelligence to the board.
    """
    board = profile.board
    if not board.members:
        return _no_board("the councils they represent")
    ours = _council_members(profile)
    if not ours:
        facts = [
            Finding(
                f"No board member represents {_the(profile, profile.meta.council)}.",
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
                    Action(
                        "Agree how the members who hold the mandate brief the council and "
                        "report back to it.",
                        ("board.briefing", "board.reporting_back"),
                    ),
                ),
            )
        return Verdict(
            "red",
            tuple(facts),
            (
                Action(
                    "Agree a mandate route so that the council's view reaches the board.",
                    ("board.mandate",),
                ),
            ),
        )
    reporting = {line.member for line in board.reporting_back}
    silent = [m.name for m in ours if m.name not in reporting]
    facts = [
        Finding(
            f"{join([m.name for m in ours])} {verb('represents', len(ours))} "
            f"{_the(profile, profile.meta.council)} on the board.",
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
        actions.append(Action("Set up a briefing before each board meeting.", ("board.briefing",)))
    if silent:
        actions.append(
            Action(
                f"Agree how {join(silent)} will report back, to whom and how often.",
                ("board.reporting_back",),
            )
        )
    else:
        each = "They each have" if len(ours) > 1 else "They have"
        facts.append(Finding(f"{each} a line for reporting back.", ("board.reporting_back",)))
    if not actions:
        return Verdict("green", tuple(facts))
    rating: Rating = "red" if not board.briefing and len(silent) == len(ours) else "amber"
    return Verdict(rating, tuple(facts), tuple(actions))


def rule_representation(profile: PlaceProfile) -> Verdict:
    """Is local government properly represented on the structures that steer the LIS?

    Reads: forums[].steers_lis, forums[].councils
    Green: every council sits on at least one forum that steers or approves the LIS.
    Amber: some councils sit on them, others do not.
    Red: no council sits on any forum that steers the LIS.
    Not enough information: no forum is marked steers_lis.
    Why: councils must shape, not just receive, the strategy for their places.
    """
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
            (
                Action(
                    "Say which forums steer or approve the LIS.",
                    ("forums[].steers_lis",),
                ),
            ),
        )
    everyone = {council.name for council in profile.place.councils}
    seated: set[str] = set()
    for forum in steering:
        seated |= _forum_councils(profile, forum)
    facts = [
        Finding(
            f"The LIS is steered through {_the_list(profile, [f.name for f in steering])}.",
            ("forums[].steers_lis",),
        ),
        Finding(
            f"{of_total(len(seated), len(everyone), 'council', 'sits', start=True)} on "
            f"{'it' if len(steering) == 1 else 'at least one of them'}.",
            ("forums[].councils",),
        ),
    ]
    absent = sorted(everyone - seated)
    if not absent:
        return Verdict("green", tuple(facts))
    action = Action(
        f"Secure a seat, or a mandate route, for {_the_list(profile, absent)} on the forums "
        "that steer the LIS.",
        ("forums[].councils",),
    )
    return Verdict("red" if not seated else "amber", tuple(facts), (action,))


def _no_forums() -> Verdict:
    return Verdict(
        "unknown",
        (Finding("The profile lists no forums.", ("forums",)),),
        (Action("List the forums the council works through.", ("forums",)),),
    )


def rule_councils_forum(profile: PlaceProfile) -> Verdict:
    """Is there a forum where all the area's councils meet, with the LEP involved?

    Reads: forums[].level, forums[].councils, forums[].lep_takes_part
    Green: a members' (or mixed) forum with all councils and the LEP taking part.
    Amber: a members' forum has all councils but no LEP, or the LEP but not all councils.
    Red: no members' forum has either.
    Not enough information: no forums are listed.
    Why: a shared forum lets councils give one coherent view and talk it through with the LEP.
    """
    if not profile.forums:
        return _no_forums()
    members_forums = [f for f in profile.forums if f.level in {"members", "mixed"}]
    complete = [f for f in members_forums if f.councils == "all" and f.lep_takes_part]
    if complete:
        names = _the_list(profile, [f.name for f in complete], start=True)
        return Verdict(
            "green",
            (
                Finding(
                    f"{names} {verb('brings', len(complete))} every council together with the LEP.",
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
                    f"{_the(profile, f.name, start=True)} "
                    + (
                        "includes every council but not the LEP."
                        if f.councils == "all"
                        else "involves the LEP but not every council."
                    ),
                    ("forums[].councils", "forums[].lep_takes_part"),
                )
                for f in partial
            ),
            (
                Action(
                    "Widen an existing forum so that every council and the LEP take part.",
                    ("forums[].councils", "forums[].lep_takes_part"),
                ),
            ),
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
            Action(
                "Propose a joint committee or growth board of all council leaders, with "
                "the LEP chair invited.",
                ("forums",),
            ),
        ),
    )


def rule_officers_forum(profile: PlaceProfile) -> Verdict:
    """Is there a forum joining council economic development officers with the LEP team?

    Reads: forums[].level, forums[].lep_takes_part
    Green: an officers' (or mixed) forum in which the LEP takes part.
    Amber: officers meet, but without the LEP.
    Red: no forum brings officers together.
    Not enough information: no forums are listed.
    Why: officers do the detailed work of evidence and drafting alongside the LEP team.
    """
    if not profile.forums:
        return _no_forums()
    officers = [f for f in profile.forums if f.level in {"officers", "mixed"}]
    with_lep = [f for f in officers if f.lep_takes_part]
    if with_lep:
        return Verdict(
            "green",
            (
                Finding(
                    "Officers meet the LEP team through "
                    f"{_the_list(profile, [f.name for f in with_lep])}.",
                    ("forums[].level", "forums[].lep_takes_part"),
                ),
            ),
        )
    if officers:
        names = _the_list(profile, [f.name for f in officers], start=True)
        return Verdict(
            "amber",
            (
                Finding(
                    f"{names} {verb('brings', len(officers))} officers together, without the LEP.",
                    ("forums[].level", "forums[].lep_takes_part"),
                ),
            ),
            (
                Action(
                    "Invite the LEP's director or LIS lead to the officers' group.",
                    ("forums[].lep_takes_part",),
                ),
            ),
        )
    return Verdict(
        "red",
        (Finding("No forum joins council officers with the LEP team.", ("forums[].level",)),),
        (
            Action(
                "Set up a regular meeting of economic development leads with the LEP team.",
                ("forums",),
            ),
        ),
    )


def rule_evidence_contribution(profile: PlaceProfile) -> Verdict:
    """Will the council contribute to the LIS evidence base and its discussion?

    Reads: evidence.items[].shared_with_lep, evidence.anchors_asked
    Green: every evidence item is shared with the LEP and anchors have been asked to contribute.
    Amber: some items are shared, or anchors asked but nothing shared yet.
    Red: nothing shared and no anchors asked.
    Not enough information: evidence.items is empty.
    Why: local evidence sharpens the LIS and the case for investment.
    """
    evidence = profile.evidence
    if not evidence.items:
        return Verdict(
            "unknown",
            (Finding("The profile lists no evidence items.", ("evidence.items",)),),
            (
                Action(
                    "List the datasets, studies and strategies the council can offer.",
                    ("evidence.items",),
                ),
            ),
        )
    shared = [item for item in evidence.items if item.shared_with_lep]
    items = len(evidence.items)
    asked = len(evidence.anchors_asked)
    facts = [
        Finding(
            f"{of_total(len(shared), items, 'evidence item', 'has', start=True)} been shared "
            "with the LEP.",
            ("evidence.items[].shared_with_lep",),
        ),
        Finding(
            f"{count_of(asked, 'anchor institution', start=True)} {verb('has', asked)} been "
            "asked to contribute.",
            ("evidence.anchors_asked",),
        ),
    ]
    actions = []
    unshared = [item.title for item in evidence.items if not item.shared_with_lep]
    if unshared:
        actions.append(
            Action(
                f"Share {_the_list(profile, unshared)} with the LEP.",
                ("evidence.items[].shared_with_lep",),
            )
        )
    if not evidence.anchors_asked:
        actions.append(
            Action(
                "Ask the area's universities, colleges and hospitals what evidence they can offer.",
                ("evidence.anchors_asked",),
            )
        )
    if shared and evidence.anchors_asked:
        return Verdict("green" if not unshared else "amber", tuple(facts), tuple(actions))
    return Verdict(
        "red" if not shared and not evidence.anchors_asked else "amber",
        tuple(facts),
        tuple(actions),
    )


def rule_engagement(profile: PlaceProfile) -> Verdict:
    """Does the council engage business, anchors and government with one message?

    Reads: engagement.businesses, engagement.anchors, engagement.government, engagement.consistent_message
    Green: all three groups are engaged and the profile says how the message is kept consistent.
    Amber: one or two groups are engaged, or there is no note on keeping one message.
    Red: never; an empty section is missing information.
    Not enough information: the engagement section is empty.
    Why: government hears a stronger case when the council and the LEP say the same thing.
    """
    engagement = profile.engagement
    groups = {
        ("business", "businesses"): engagement.businesses,
        ("anchor institution", "anchors"): engagement.anchors,
        ("government department", "government"): engagement.government,
    }
    if not any(groups.values()) and not engagement.consistent_message:
        return Verdict(
            "unknown",
            (Finding("The profile records no engagement.", ("engagement",)),),
            (
                Action(
                    "Record the businesses, anchor institutions and government departments the "
                    "council works with.",
                    ("engagement",),
                ),
            ),
        )
    engaged = [count_of(len(items), noun) for (noun, _), items in groups.items() if items]
    facts = [
        Finding(
            f"The council engages {join(engaged) or 'no one yet'}.",
            tuple(f"engagement.{key}" for (_, key), items in groups.items() if items)
            or ("engagement",),
        )
    ]
    actions = [
        Action(f"Record or start engagement with {plural(noun, 2)}.", (f"engagement.{key}",))
        for (noun, key), items in groups.items()
        if not items
    ]
    if engagement.consistent_message:
        facts.append(
            Finding(
                "The profile says how the message is kept consistent.",
                ("engagement.consistent_message",),
            )
        )
    else:
        actions.append(
            Action(
                "Agree with the LEP how to keep to one message.",
                ("engagement.consistent_message",),
            )
        )
    return Verdict("green" if not actions else "amber", tuple(facts), tuple(actions))


def rule_private_share(profile: PlaceProfile) -> Verdict:
    """Are at least two thirds of the LEP board from the private sector?

    Reads: board.members[].sector
    Green: private-sector members are two thirds of the board or more.
    Amber: never; the rule is met or it is not.
    Red: private-sector members are fewer than two thirds.
    Not enough information: board.members is empty.
    Why: government requires LEP boards to be business-led, with at least two thirds from business.
    """
    balance = board_balance(profile)
    if not balance.members:
        return _no_board("their sectors")
    fact = Finding(balance.summary(), ("board.members[].sector",))
    if balance.meets_rule:
        return Verdict("green", (fact,))
    return Verdict("red", (fact,), (Action(balance.advice(), ("board.members[].sector",)),))


def rule_mandate_route(profile: PlaceProfile) -> Verdict:
    """Do councils without a board seat give the members who sit there a mandate?

    Reads: place.councils, board.members[].represents, board.mandate
    Green: every council is represented on the board, or board.mandate says how the others give a mandate.
    Amber: never.
    Red: some councils have no seat and no mandate route is recorded.
    Not enough information: board.members is empty.
    Why: where not every council sits on the board, those that do need a mandate from all leaders.
    """
    if not profile.board.members:
        return _no_board("the councils they represent")
    seated = {m.represents for m in profile.board.members if m.represents}
    unseated = [c.name for c in profile.place.councils if c.name not in seated]
    if not unseated:
        return Verdict(
            "green",
            (
                Finding(
                    "Every council is represented on the board.", ("board.members[].represents",)
                ),
            ),
        )
    fact = Finding(
        f"{_the_list(profile, unseated, start=True)} {verb('has', len(unseated))} no seat on "
        "the board.",
        ("board.members[].represents",),
    )
    if profile.board.mandate:
        who = "it gives" if len(unseated) == 1 else "they give"
        route = Finding(f"The profile records how {who} a mandate.", ("board.mandate",))
        return Verdict("green", (fact, route))
    return Verdict(
        "red",
        (fact,),
        (
            Action(
                "Agree, through the leaders' forum, how councils without a seat give a mandate.",
                ("board.mandate",),
            ),
        ),
    )


def rule_conflict_policy(profile: PlaceProfile) -> Verdict:
    """Is the LEP's conflict of interest policy published, and known to the council?

    Reads: board.conflict_of_interest_policy
    Green: the profile says where the policy is published.
    Amber: never.
    Red: never; a missing entry is missing information.
    Not enough information: board.conflict_of_interest_policy is missing.
    Why: every LEP must publish one, and councillors on the board face real conflicts.
    """
    policy = profile.board.conflict_of_interest_policy
    if policy:
        return Verdict(
            "green",
            (
                Finding(
                    f"The profile records where the policy is published: {clause(policy)}.",
                    ("board.conflict_of_interest_policy",),
                ),
            ),
        )
    return Verdict(
        "unknown",
        (
            Finding(
                "The profile does not say where the policy is published.",
                ("board.conflict_of_interest_policy",),
            ),
        ),
        (
            Action(
                "Record where the LEP publishes its conflict of interest policy; if it does not, "
                "ask it to.",
                ("board.conflict_of_interest_policy",),
            ),
        ),
    )


def rule_reporting_lines(profile: PlaceProfile) -> Verdict:
    """Does every council member of the board have a line for reporting back?

    Reads: board.members[].sector, board.members[].represents, board.reporting_back
    Green: every member who represents a council, or sits for local government, has a reporting line.
    Amber: some do, some do not.
    Red: none do.
    Not enough information: no board member represents a council.
    Why: reporting back is how the rest of local government learns what the board decided.
    """
    council_members = [
        m for m in profile.board.members if m.represents or m.sector == "local_authority"
    ]
    if not council_members:
        return Verdict(
            "unknown",
            (
                Finding(
                    "No board member is recorded as representing a council.",
                    ("board.members[].represents",),
                ),
            ),
            (
                Action(
                    "Record which board members represent councils.",
                    ("board.members[].represents",),
                ),
            ),
        )
    reporting = {line.member for line in profile.board.reporting_back}
    silent = [m.name for m in council_members if m.name not in reporting]
    lines = len(council_members) - len(silent)
    fact = Finding(
        f"{of_total(lines, len(council_members), 'council member of the board', 'has', start=True)}"
        " a line for reporting back.",
        ("board.reporting_back",),
    )
    if not silent:
        return Verdict("green", (fact,))
    action = Action(
        f"Agree to whom and how often {join(silent)} will report back.", ("board.reporting_back",)
    )
    return Verdict("red" if len(silent) == len(council_members) else "amber", (fact,), (action,))


#: One rule per stock-take question, keyed as in `framework.QUESTIONS`.
QUESTION_RULES: dict[str, Rule] = {
    "shared_vision": rule_shared_vision,
    "council_vision": rule_council_vision,
    "family_of_strategies": rule_family_of_strategies,
    "board_members_briefed": rule_board_members_briefed,
    "representation": rule_representation,
    "councils_forum": rule_councils_forum,
    "officers_forum": rule_officers_forum,
    "evidence_contribution": rule_evidence_contribution,
}

#: The board rules from the government's guidance on LEP boards.
BOARD_RULES: dict[str, Rule] = {
    "private_share": rule_private_share,
    "mandate_route": rule_mandate_route,
    "conflict_policy": rule_conflict_policy,
    "reporting_lines": rule_reporting_lines,
}

#: What each board rule is about, as it reads after "the board rule on".
BOARD_RULE_NAMES: dict[str, str] = {
    "private_share": "the private-sector share",
    "mandate_route": "the mandate route",
    "conflict_policy": "the conflict of interest policy",
    "reporting_lines": "reporting lines",
}

#: Rules that only a step has; the other steps combine their questions' ratings.
STEP_RULES: dict[str, Rule] = {"engagement": rule_engagement}
