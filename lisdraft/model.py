"""The place profile: Pydantic models for one council's YAML profile.

The models only describe shape and types. Checks that need the whole
profile (a board member representing an unknown council, say) live in
`lisdraft.references`, so every problem can be reported with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints


def _normalise_choice(value: Any) -> Any:
    """Accept 'Not known', 'not-known' and 'not known' for the key `not_known`."""
    if isinstance(value, str):
        return re.sub(r"[\s\-]+", "_", value.strip()).lower()
    return value


# Pasted Word text carries vertical tabs (manual line breaks) and form feeds
# (page breaks); map them to what they meant. Other control characters cannot
# be stored in a Word file at all.
_PASTED_BREAKS = str.maketrans(
    {"\r": None, "\v": "\n", "\f": "\n\n", "\u2028": "\n", "\u2029": "\n\n"}
)
_UNSTORABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def _clean_text(value: Any) -> Any:
    """Convert pasted line and page breaks; reject characters Word cannot hold."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").translate(_PASTED_BREAKS)
    bad = _UNSTORABLE.search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise ValueError(
            f"contains the control character {code}, which a Word document cannot hold; "
            "delete it (it often comes from text pasted from another program)"
        )
    return value


def _text_from_scalar(value: Any) -> Any:
    """Read numbers written without quotes (``version: 0.3``) as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


def _normalise_all(value: Any) -> Any:
    """Accept 'All' or 'all councils' for the word `all`."""
    if isinstance(value, str) and value.strip().lower() in {"all", "all councils"}:
        return "all"
    return value


def _list_from_text(value: Any) -> Any:
    """Let a single piece of text stand for a one-item list."""
    if isinstance(value, str):
        return [value]
    return value


# Constraints come before the validators: Pydantic applies the constraints
# only when they sit directly on the type.
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(_clean_text)
]
"""Any non-empty text. Multi-line text becomes separate paragraphs in documents."""

Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    BeforeValidator(_clean_text),
    BeforeValidator(_text_from_scalar),
]
"""Short text that may be written as a number, such as a version."""

Year = Annotated[int, Field(ge=1990, le=2100, description="A four-digit year, such as 2030.")]

FoundationKey = Annotated[
    Literal["ideas", "people", "infrastructure", "business_environment", "place"],
    BeforeValidator(_normalise_choice),
]
Foundations = Annotated[list[FoundationKey], Field(min_length=1)]

Answer = Annotated[Literal["yes", "partly", "no", "not_known"], BeforeValidator(_normalise_choice)]
CouncilType = Annotated[
    Literal["county", "district", "unitary", "metropolitan", "london_borough"],
    BeforeValidator(_normalise_choice),
]
Sector = Annotated[
    Literal["private", "local_authority", "education", "voluntary", "other"],
    BeforeValidator(_normalise_choice),
]
BoardRole = Annotated[Literal["chair", "vice_chair", "member"], BeforeValidator(_normalise_choice)]
Status = Annotated[Literal["draft", "consultation", "final"], BeforeValidator(_normalise_choice)]
Classification = Literal["OFFICIAL", "OFFICIAL-SENSITIVE"]
EvidenceKind = Annotated[
    Literal["dataset", "strategy", "study", "engagement"], BeforeValidator(_normalise_choice)
]
AnchorKind = Annotated[
    Literal[
        "university", "college", "hospital", "police", "employer", "voluntary", "housing", "other"
    ],
    BeforeValidator(_normalise_choice),
]
AnchorStatus = Annotated[
    Literal["asked", "agreed", "contributing", "declined"], BeforeValidator(_normalise_choice)
]
ForumKind = Annotated[
    Literal[
        "joint_committee",
        "growth_board",
        "leaders_board",
        "steering_group",
        "officers_group",
        "chief_executives_group",
        "scrutiny",
        "sub_group",
        "place_group",
        "partnership",
        "other",
    ],
    BeforeValidator(_normalise_choice),
]
ForumLevel = Annotated[Literal["members", "officers", "mixed"], BeforeValidator(_normalise_choice)]
StrategyKind = Annotated[
    Literal[
        "vision",
        "local_plan",
        "economic",
        "inclusive_growth",
        "regeneration",
        "skills",
        "transport",
        "housing",
        "health_and_wellbeing",
        "environment",
        "digital",
        "culture",
        "other",
    ],
    BeforeValidator(_normalise_choice),
]
StrategyStatus = Annotated[
    Literal["adopted", "draft", "in_preparation", "planned", "under_review"],
    BeforeValidator(_normalise_choice),
]


class Section(BaseModel):
    """Base for every part of the profile: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(Section):
    """A named person and, where it matters, their organisation."""

    name: Text
    organisation: Text | None = None
    role: Text | None = None


class Contact(Section):
    """The officer to contact about the documents."""

    name: Text
    role: Text
    email: Text | None = None
    phone: Label | None = None


class Meta(Section):
    """Who wrote the profile, and the status of the drafts made from it."""

    council: Text = Field(
        description="The council writing the drafts; must be one of place.councils."
    )
    status: Status = "draft"
    version: Label = "0.1"
    date: dt.date = Field(description="The date the drafts carry, as YYYY-MM-DD.")
    author: Contact
    classification: Classification = "OFFICIAL"
    next_review: dt.date | None = Field(
        default=None, description="When the council will next review its stock-take."
    )


class Lep(Section):
    """The Local Enterprise Partnership for the area."""

    name: Text
    chair: Person
    vice_chair: Person
    director: Person | None = None


class Council(Section):
    """A council in the LEP area."""

    name: Text
    type: CouncilType
    leader: Text | None = None
    leader_on_lep_board: bool = False


class Place(Section):
    """The LIS area: its LEP, combined authority and councils."""

    name: Text
    lep: Lep
    combined_authority: Text | None = None
    lis_wave: Literal[1, 2, 3]
    councils: Annotated[list[Council], Field(min_length=1)]


class AreaVision(Section):
    """The area's shared long-term vision."""

    statement: Text
    horizon: Year
    owner: Text = Field(description="The body that owns or adopted the vision.")
    adopted: dt.date | None = None
    how_developed: Text | None = None


class CouncilVision(Section):
    """The council's own vision for its area."""

    statement: Text
    horizon: Year | None = None
    document: Text | None = Field(default=None, description="Where the vision is set out.")
    adopted: dt.date | None = None


class Vision(Section):
    """The shared vision, the council's vision and how the two relate."""

    area: AreaVision | None = None
    council: CouncilVision | None = None
    fit: Text | None = Field(default=None, description="How the council's vision fits the area's.")


class Benchmark(Section):
    """A headline figure for the council's area against the LEP area and England."""

    measure: Text
    unit: Text = ""
    council_area: float
    lep_area: float
    england: float


class EvidenceItem(Section):
    """A dataset, strategy, study or engagement exercise the council holds or offers."""

    title: Text
    kind: EvidenceKind
    owner: Text
    year: Year
    foundations: Foundations
    insight: Text = Field(description="What the item shows that the LIS should know.")
    shared_with_lep: bool = False
    benchmark: Benchmark | None = None


class AnchorRequest(Section):
    """An anchor institution asked to contribute evidence or action."""

    name: Text
    kind: AnchorKind
    contribution: Text = Field(description="What the anchor was asked for or offers.")
    status: AnchorStatus = "asked"


class Evidence(Section):
    """The evidence the council offers and the anchors it has asked."""

    items: list[EvidenceItem] = []
    anchors_asked: list[AnchorRequest] = []


class Engaged(Section):
    """One organisation engaged, and how."""

    name: Text
    how: Text


class Engagement(Section):
    """Who the council engages on the LIS, and how it keeps one message."""

    businesses: list[Engaged] = []
    anchors: list[Engaged] = []
    government: list[Engaged] = []
    consistent_message: Text | None = None


class Forum(Section):
    """A meeting through which councils shape the LIS."""

    name: Text
    kind: ForumKind
    level: ForumLevel = Field(description="Whether councillors, officers or both attend.")
    chair: Text
    members: list[Text] = []
    councils: Annotated[Literal["all"] | list[Text], BeforeValidator(_normalise_all)] = Field(
        default_factory=list,
        description="'all', or a list of the names of the councils that sit on it.",
    )
    lep_takes_part: bool = False
    steers_lis: bool = Field(
        default=False, description="Whether the forum steers, oversees or approves the LIS."
    )
    remit: Text
    meets: Text = Field(description="How often it meets, such as 'every six weeks'.")


class Strategy(Section):
    """One strategy in the family of strategies."""

    name: Text
    owner: Text
    kind: StrategyKind
    status: StrategyStatus
    horizon: Year | None = None
    foundations: Foundations
    relation_to_lis: Text | None = None
    agreed_with_lep: bool = Field(
        default=False, description="Whether the LEP shares the understanding of how it fits."
    )


class BoardMember(Section):
    """A member of the LEP board."""

    name: Text
    organisation: Text
    sector: Sector
    role: BoardRole = "member"
    represents: Text | None = Field(
        default=None, description="The council the member represents, if any."
    )


class ReportingLine(Section):
    """How a council member on the board reports back."""

    member: Text = Field(description="The board member's name, as in board.members.")
    to: Text
    how: Text
    frequency: Text


class Decision(Section):
    """A decision coming to the LEP board."""

    date: dt.date
    item: Text
    council_position: Text


class Board(Section):
    """The LEP board and the arrangements around its council members."""

    members: list[BoardMember] = []
    conflict_of_interest_policy: Text | None = Field(
        default=None, description="Where the LEP publishes its conflict of interest policy."
    )
    mandate: Text | None = Field(
        default=None, description="How councils without a seat give board members a mandate."
    )
    briefing: Text | None = Field(
        default=None, description="How the council briefs its board members before meetings."
    )
    reporting_back: list[ReportingLine] = []
    decisions_ahead: list[Decision] = []
    questions: list[Text] = []


class Ask(Section):
    """Something the council asks of a named body."""

    of: Text = Field(description="Who the ask is addressed to: the LEP or a named department.")
    ask: Text


class Priority(Section):
    """One of the council's priorities for the LIS."""

    title: Text
    foundations: Foundations
    summary: Text
    asks: list[Ask] = []


RoleText = Annotated[list[Text], BeforeValidator(_list_from_text)]


class Roles(Section):
    """What the council commits to under each of the seven roles."""

    leadership: RoleText = []
    anchor_institution: RoleText = []
    democratic_accountability: RoleText = []
    hands_on_support: RoleText = []
    strategic_regulatory_delivery: RoleText = []
    glue_and_challenge: RoleText = []
    custodian_of_place: RoleText = []


class SelfAnswer(Section):
    """The council's own answer to one stock-take question."""

    answer: Answer
    note: Text | None = None


class SelfAssessment(Section):
    """The council's answers to the eight stock-take questions."""

    shared_vision: SelfAnswer | None = None
    council_vision: SelfAnswer | None = None
    family_of_strategies: SelfAnswer | None = None
    board_members_briefed: SelfAnswer | None = None
    representation: SelfAnswer | None = None
    councils_forum: SelfAnswer | None = None
    officers_forum: SelfAnswer | None = None
    evidence_contribution: SelfAnswer | None = None


class Action(Section):
    """A next step with an owner and a date."""

    action: Text
    owner: Text
    due: dt.date


class PlaceProfile(Section):
    """One council's profile of its place: the single input to lisdraft."""

    meta: Meta
    place: Place
    vision: Vision = Vision()
    evidence: Evidence = Evidence()
    engagement: Engagement = Engagement()
    forums: list[Forum] = []
    strategies: list[Strategy] = []
    board: Board = Board()
    priorities: list[Priority] = []
    roles: Roles = Roles()
    self_assessment: SelfAssessment = SelfAssessment()
    next_steps: list[Action] = []
