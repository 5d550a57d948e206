"""The Local Industrial Strategy framework as data.

Everything lisdraft knows about the framework (foundations, roles, steps,
stock-take questions, waves, areas) lives here, so templates and rules refer
to keys rather than repeating wording. The wording is lisdraft's own summary
of the 2019 improvement-support report for English councils.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Foundation:
    """One of the five foundations of productivity."""

    key: str
    name: str
    ambition: str


@dataclass(frozen=True)
class Role:
    """One of the seven roles a council can play in its LIS."""

    number: int
    key: str
    name: str
    summary: str


@dataclass(frozen=True)
class Step:
    """One of the six steps of effective engagement, with its checklist."""

    number: int
    key: str
    name: str
    summary: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One of the eight stock-take questions."""

    number: int
    key: str
    text: str
    short: str
    step: str


FOUNDATIONS: tuple[Foundation, ...] = (
    Foundation("ideas", "Ideas", "An innovative economy that turns research into products."),
    Foundation("people", "People", "Good jobs and higher earning power for everyone."),
    Foundation(
        "infrastructure", "Infrastructure", "Transport, digital and energy networks fit for growth."
    ),
    Foundation(
        "business_environment",
        "Business environment",
        "A place where firms can start, grow and raise productivity.",
    ),
    Foundation("place", "Place", "Prosperous communities in every part of the area."),
)

ROLES: tuple[Role, ...] = (
    Role(
        1,
        "leadership",
        "Leadership of the LEP",
        "Council members lead through their seats on the LEP board and its forums.",
    ),
    Role(
        2,
        "anchor_institution",
        "Anchor institution and convenor",
        "The council is a major employer, buyer and source of evidence, and brings "
        "other anchors such as universities, colleges and hospitals to the table.",
    ),
    Role(
        3,
        "democratic_accountability",
        "Democratic accountability",
        "Cabinets consider the emerging strategy and overview and scrutiny, often "
        "run jointly, examines how it is made and delivered.",
    ),
    Role(
        4,
        "hands_on_support",
        "Hands-on support to the LEP",
        "Officers lend capacity, skills and evidence, for example by writing local "
        "strategies that feed the shared evidence base.",
    ),
    Role(
        5,
        "strategic_regulatory_delivery",
        "Strategic, regulatory and delivery roles",
        "Planning, housing, transport, infrastructure, education and skills, "
        "regulation and the local care market all shape productivity.",
    ),
    Role(
        6,
        "glue_and_challenge",
        "Glue and constructive challenge",
        "The council links the LIS with its other strategies and tests whether it "
        "reflects local needs.",
    ),
    Role(
        7,
        "custodian_of_place",
        "Custodian of place",
        "Through the Local Plan, transport plans and its work with residents and "
        "tenants, the council shapes places over the long term.",
    ),
)

STEPS: tuple[Step, ...] = (
    Step(
        1,
        "vision",
        "A long-term vision for the place",
        "A vision owned by every partner gives the LIS its context and direction.",
        (
            "Does the council have a long-term vision?",
            "Have the council's partners signed up to it?",
            "How does it fit with the LEP's vision and the emerging LIS?",
            "Have officers and members helped to set the LIS vision?",
        ),
    ),
    Step(
        2,
        "evidence",
        "An evidence base that yields new insight",
        "Data-led evidence, tested early and often with partners and anchors, "
        "that picks out a few strengths of national importance.",
        (
            "Has the council offered strategies and core evidence for the LIS?",
            "Does the evidence match what partners see on the ground?",
            "Have anchor institutions been asked to contribute?",
        ),
    ),
    Step(
        3,
        "engagement",
        "Engagement with business, anchors and government",
        "The council and the LEP talk to businesses, anchor institutions and "
        "government departments with one consistent message.",
        (
            "Do the council and the LEP give the same message to other stakeholders?",
            "Has the council offered its own stakeholders to the LIS work?",
            "Do the council's talks with government departments reinforce shared priorities?",
        ),
    ),
    Step(
        4,
        "family_of_strategies",
        "The LIS as one of a family of strategies",
        "Partners share an understanding of how the LIS fits with the area's other "
        "plans for inclusive growth.",
        (
            "Is the LIS treated as one of a family of strategies?",
            "Does the LEP understand how the council's own strategies relate to the LIS?",
        ),
    ),
    Step(
        5,
        "forum",
        "A forum for all councils with the LEP",
        "A growth board, joint committee, steering group or officers' group where "
        "every council builds a shared input and talks with the LEP.",
        (
            "Is there a forum where all the area's councils meet, with the LEP present?",
            "Do senior economic development officers meet the LEP team?",
        ),
    ),
    Step(
        6,
        "board_members",
        "Well-briefed council members on the LEP board",
        "Council members on the board know what the council wants, and report back.",
        (
            "Do the council's board members know what it wants from the LIS?",
            "Do they report back, and to whom?",
            "Do councils without a seat give the members who sit there a mandate?",
        ),
    ),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        1,
        "shared_vision",
        "Is there a shared vision for the LEP area that frames its LIS?",
        "Shared vision for the area",
        "vision",
    ),
    Question(
        2,
        "council_vision",
        "Does the council have its own vision that informs its contribution?",
        "Council's own vision",
        "vision",
    ),
    Question(
        3,
        "family_of_strategies",
        "Is the LIS one of a family of strategies, by place or theme, for inclusive growth?",
        "Family of strategies",
        "family_of_strategies",
    ),
    Question(
        4,
        "board_members_briefed",
        "Are the council's LEP board members briefed on what it wants from the LIS, "
        "and do they report back?",
        "Board members briefed",
        "board_members",
    ),
    Question(
        5,
        "representation",
        "Is local government properly represented on the structures that steer and "
        "approve the LIS?",
        "Representation on LIS structures",
        "forum",
    ),
    Question(
        6,
        "councils_forum",
        "Is there a forum where the area's councils discuss the LIS together, with the "
        "LEP involved?",
        "Councils' forum with the LEP",
        "forum",
    ),
    Question(
        7,
        "officers_forum",
        "Is there a forum joining senior council economic development officers with the LEP team?",
        "Officers' forum with the LEP",
        "forum",
    ),
    Question(
        8,
        "evidence_contribution",
        "Will the council contribute to the LIS evidence base and to discussion of what it shows?",
        "Contribution to the evidence",
        "evidence",
    ),
)


#: The stock-take questions under each of the six steps, from `Question.step`.
STEP_QUESTIONS: dict[str, tuple[Question, ...]] = {
    step.key: tuple(q for q in QUESTIONS if q.step == step.key) for step in STEPS
}


@dataclass(frozen=True)
class Principle:
    """One of the seven principles of public life (the Nolan principles)."""

    name: str
    meaning: str


NOLAN_PRINCIPLES: tuple[Principle, ...] = (
    Principle("Selflessness", "Act in the public interest, not for gain for yourself or others."),
    Principle("Integrity", "Avoid obligations to anyone who might sway how you act."),
    Principle("Objectivity", "Decide on merit, fairly, using the best evidence."),
    Principle("Accountability", "Answer for your decisions and accept scrutiny of them."),
    Principle("Openness", "Act and decide openly; withhold information only for good reason."),
    Principle("Honesty", "Be truthful, and declare any interest that bears on your duties."),
    Principle(
        "Leadership", "Show these principles in your own conduct and challenge poor conduct."
    ),
)

#: Private-sector members must make up at least this share of a LEP board.
PRIVATE_SECTOR_MINIMUM_SHARE = Fraction(2, 3)

WAVES: dict[int, str] = {
    1: "Wave 1 (November 2017)",
    2: "Wave 2 (July 2018)",
    3: "Wave 3 (December 2018)",
}

#: The kinds of council a profile may name, with how documents say them. The profile
#: model takes its choices from these keys, so they are declared here only.
COUNCIL_TYPES: dict[str, str] = {
    "county": "County council",
    "district": "District council",
    "unitary": "Unitary council",
    "metropolitan": "Metropolitan borough council",
    "london_borough": "London borough council",
}

#: The 38 LIS areas named in the source report; `lisdraft validate` warns when a
#: profile's place.name is a near miss of one of them.
LIS_AREAS: tuple[str, ...] = (
    "Black Country",
    "Buckinghamshire Thames Valley",
    "Cheshire and Warrington",
    "Coast to Capital",
    "Cornwall and Isles of Scilly",
    "Coventry and Warwickshire",
    "Cumbria",
    "Derby, Derbyshire, Nottingham and Nottinghamshire",
    "Dorset",
    "Enterprise M3",
    "Gloucestershire",
    "Greater Birmingham and Solihull",
    "Greater Lincolnshire",
    "Greater Manchester",
    "Heart of the South West",
    "Hertfordshire",
    "Humber",
    "Lancashire",
    "Leeds City Region",
    "Leicester and Leicestershire",
    "Liverpool City Region",
    "London",
    "New Anglia",
    "North East",
    "Oxfordshire",
    "Solent",
    "South East",
    "Stoke-on-Trent and Staffordshire",
    "Swindon and Wiltshire",
    "Tees Valley",
    "Thames Valley Berkshire",
    "The Marches",
    "West of England",
    "Worcestershire",
    "York, North Yorkshire and East Riding",
    "Sheffield City Region",
    "South East Midlands",
    "Greater Cambridge and Greater Peterborough",
)

FOUNDATION_BY_KEY: dict[str, Foundation] = {f.key: f for f in FOUNDATIONS}
