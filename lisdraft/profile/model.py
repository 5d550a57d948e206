"""The place profile: Pydantic models for one council's YAML profile.

The models only describe shape and types; the one fact they take from
`lisdraft.framework` is the list of council types. Checks that need the whole
profile (a board member representing an unknown council, say) live in
`lisdraft.profile.references`, so every problem can be reported with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    FiniteFloat,
    PrivateAttr,
    StringConstraints,
)

from lisdraft.framework import COUNCIL_TYPES
from lisdraft.profile.images import MAX_IMAGE_BYTES, MAX_IMAGE_WIDTH_MM, MIN_IMAGE_WIDTH_MM
from lisdraft.text import IMAGE_FILE_NAME

if TYPE_CHECKING:
    from lisdraft.profile.images import ImageFile


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
if TYPE_CHECKING:  # a Literal built at run time is opaque to mypy, which sees text
    CouncilTypeKey = str
else:  # the choices are declared once, as the keys of framework.COUNCIL_TYPES
    CouncilTypeKey = Literal[tuple(COUNCIL_TYPES)]
CouncilType = Annotated[CouncilTypeKey, BeforeValidator(_normalise_choice)]
_COUNCIL_TYPE_WORDS = ", ".join([*COUNCIL_TYPES][:-1]) + f" or {[*COUNCIL_TYPES][-1]}."
Sector = Annotated[
    Literal["private", "local_authority", "education", "voluntary", "other"],
    BeforeValidator(_normalise_choice),
]
BoardRole = Annotated[Literal["chair", "vice_chair", "member"], BeforeValidator(_normalise_choice)]
Status = Annotated[Literal["draft", "consultation", "final"], BeforeValidator(_normalise_choice)]


def _normalise_marking(value: Any) -> Any:
    """Accept 'official sensitive', 'Official-Sensitive' and the like for the two markings."""
    if isinstance(value, str):
        return re.sub(r"[\s_\-]+", "-", value.strip()).upper()
    return value


Classification = Annotated[
    Literal["OFFICIAL", "OFFICIAL-SENSITIVE"], BeforeValidator(_normalise_marking)
]
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


#: Bounds on a profile's house fields (`extra:`): nesting, values in all, characters per text.
MAX_EXTRA_DEPTH = 4
MAX_EXTRA_VALUES = 500
MAX_EXTRA_TEXT = 5_000
_HOUSE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _house_fields(value: Any) -> Any:
    """Return the `extra:` section checked and with dates as text, or raise ValueError.

    Keys must be names a template can write after a dot (`extra.strapline`);
    values are text, numbers, yes/no, lists and sections, nested at most
    `MAX_EXTRA_DEPTH` deep, with at most `MAX_EXTRA_VALUES` values in all.
    """
    count = 0

    def walk(node: Any, depth: int, where: str) -> Any:
        nonlocal count
        count += 1
        if count > MAX_EXTRA_VALUES:
            raise ValueError(f"extra: holds more than {MAX_EXTRA_VALUES} values; keep it short")
        if depth > MAX_EXTRA_DEPTH:
            raise ValueError(f"{where} is nested more than {MAX_EXTRA_DEPTH} levels deep")
        if isinstance(node, dict):
            for key in node:
                if not isinstance(key, str) or not _HOUSE_KEY.fullmatch(key):
                    raise ValueError(
                        f"{where} has the key {key!r}: use letters, digits and underscores, "
                        "starting with a letter, so that templates can write "
                        f"{where}.{'name' if not isinstance(key, str) else 'your_key'}"
                    )
            return {key: walk(item, depth + 1, f"{where}.{key}") for key, item in node.items()}
        if isinstance(node, list):
            return [walk(item, depth + 1, f"{where}[{i}]") for i, item in enumerate(node)]
        if isinstance(node, dt.date):
            return node.isoformat()
        if isinstance(node, str):
            if len(node) > MAX_EXTRA_TEXT:
                raise ValueError(f"{where} is longer than {MAX_EXTRA_TEXT:,} characters")
            return _clean_text(node)
        if node is None or isinstance(node, int | float):  # bool is an int
            return node
        raise ValueError(f"{where} must be text, a number, yes/no, a list or a section")

    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("extra: must be a section of named values, such as 'strapline: ...'")
    return walk(value, 0, "extra")


HouseFields = Annotated[dict[str, Any], BeforeValidator(_house_fields)]
"""A council's own fields for its templates: text, numbers, yes/no, lists and sections."""


class Section(BaseModel):
    """Base for every part of the profile: unknown keys are errors.

    A field's `title` is how `lisdraft diff` and other messages name it. A
    title with a capital letter stands alone ('LIS wave'); one in lower case
    follows the name of the part that holds it ('meeting pattern', read as
    "Forum 'X': meeting pattern"). A field without a title is named by its key
    in words. The profile's top-level fields have titles that head their
    section, and name their fields without a prefix ('Author', not
    'Profile details author').
    """

    # Built on first use, as one schema for the whole profile: building each
    # section's schema as its class is defined cost more at every start-up.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Person(Section):
    """A named person and, where it matters, their organisation."""

    name: Text = Field(description="The person's full name.", examples=["Margaret Tolliver"])
    organisation: Text | None = Field(
        default=None,
        description="The organisation they work for or lead.",
        examples=["Felpersham Fine Foods Ltd"],
    )
    role: Text | None = Field(
        default=None, description="Their job title.", examples=["Managing Director"]
    )


class Contact(Section):
    """The officer to contact about the documents."""

    name: Text = Field(description="The officer's full name.", examples=["Priya Wendover"])
    role: Text = Field(
        description="The officer's job title.",
        examples=["Head of Economic Growth and Regeneration"],
    )
    email: Text | None = Field(
        default=None,
        description="A work email address.",
        examples=["priya.wendover@felpersham.gov.example"],
    )
    phone: Label | None = Field(
        default=None,
        description="A work telephone number; put it in quotes.",
        examples=["01632 960418"],
    )


class Meta(Section):
    """Who wrote the profile, and the status of the drafts made from it."""

    council: Text = Field(
        description="The council writing the drafts; must be one of place.councils.",
        examples=["Felpersham City Council"],
    )
    status: Status = Field(
        default="draft",
        description="How far the drafts have got: draft, consultation or final.",
        examples=["draft"],
    )
    version: Label = Field(
        default="0.1",
        description='The version of the drafts; put it in quotes, such as "0.3".',
        examples=["0.3"],
    )
    date: dt.date = Field(
        description="The date the drafts carry, as YYYY-MM-DD.", examples=["2026-11-16"]
    )
    author: Contact = Field(description="The officer to contact about the drafts.")
    classification: Classification = Field(
        default="OFFICIAL",
        description="The security marking printed on every page.",
        examples=["OFFICIAL"],
    )
    next_review: dt.date | None = Field(
        default=None,
        description="When the council will next review its stock-take.",
        examples=["2027-05-17"],
    )
    names_without_the: list[Text] = Field(
        default=[],
        description=(
            "Names that read without 'the' in a sentence although they end in a word such as "
            "Board, Strategy or Plan (see docs/wording.md)."
        ),
        examples=[["Growth Borsetshire Board"]],
    )


class Lep(Section):
    """The Local Enterprise Partnership for the area."""

    name: Text = Field(
        description="The LEP's name.", examples=["Borchestershire and Felpersham LEP"]
    )
    chair: Person = Field(description="The chair of the LEP board.")
    vice_chair: Person = Field(description="The vice chair of the LEP board.")
    director: Person | None = Field(
        default=None, description="The LEP's director or chief executive."
    )


class Council(Section):
    """A council in the LEP area."""

    name: Text = Field(
        description="The council's name, written the same way everywhere in the profile.",
        examples=["Felpersham City Council"],
    )
    type: CouncilType = Field(
        description=_COUNCIL_TYPE_WORDS,
        examples=["district"],
    )
    leader: Text | None = Field(
        default=None, description="The council's leader.", examples=["Cllr Amina Rashford"]
    )
    leader_on_lep_board: bool = Field(
        default=False, description="Whether the leader sits on the LEP board.", examples=[True]
    )


class Place(Section):
    """The LIS area: its LEP, combined authority and councils."""

    name: Text = Field(
        title="Place name", description="The name of the LIS area.", examples=["Borchestershire"]
    )
    lep: Lep = Field(title="LEP", description="The area's Local Enterprise Partnership.")
    combined_authority: Text | None = Field(
        default=None,
        description="The combined authority covering the area, if there is one.",
        examples=["West Midlands Combined Authority"],
    )
    lis_wave: Literal[1, 2, 3] = Field(
        title="LIS wave",
        description="The wave in which the area's LIS was started: 1, 2 or 3.",
        examples=[3],
    )
    councils: Annotated[list[Council], Field(min_length=1)] = Field(
        description="Every council in the LEP area, including the one writing the profile."
    )


class AreaVision(Section):
    """The area's shared long-term vision."""

    statement: Text = Field(
        title="Vision (area)",
        description="The vision in a sentence or two.",
        examples=["By 2030 Borchestershire will be a productive, fair and low-carbon economy."],
    )
    horizon: Year = Field(description="The year the vision looks ahead to.", examples=[2030])
    owner: Text = Field(
        description="The body that owns or adopted the vision.",
        examples=["Borchester and Felpersham Economic Joint Committee"],
    )
    adopted: dt.date | None = Field(
        default=None,
        description="When the vision was adopted, as YYYY-MM-DD.",
        examples=["2024-07-11"],
    )
    how_developed: Text | None = Field(
        title="account of how it was developed",
        default=None,
        description="How partners, residents and firms helped to shape it.",
        examples=["A 14-week public conversation, with a business panel and a citizens' panel."],
    )


class CouncilVision(Section):
    """The council's own vision for its area."""

    statement: Text = Field(
        title="Vision (council)",
        description="The council's vision in a sentence or two.",
        examples=["A fairer, greener, growing Felpersham."],
    )
    horizon: Year | None = Field(
        default=None, description="The year the vision looks ahead to.", examples=[2030]
    )
    document: Text | None = Field(
        default=None,
        description="Where the vision is set out.",
        examples=["Felpersham Council Plan 2025-2030"],
    )
    adopted: dt.date | None = Field(
        default=None,
        description="When the council adopted it, as YYYY-MM-DD.",
        examples=["2025-03-04"],
    )


class Vision(Section):
    """The shared vision, the council's vision and how the two relate."""

    area: AreaVision | None = Field(
        title="Vision (area)",
        default=None,
        description="The area's shared long-term vision that frames the LIS.",
    )
    council: CouncilVision | None = Field(
        title="Vision (council)", default=None, description="The council's own vision for its area."
    )
    fit: Text | None = Field(
        title="How the council's vision fits the area's",
        default=None,
        description="How the council's vision fits the area's.",
        examples=["The Council Plan applies the 2030 vision to the city."],
    )


class Benchmark(Section):
    """A headline figure for the council's area against the LEP area and England."""

    measure: Text = Field(
        description="What is measured, and when.",
        examples=["Employment rate, residents aged 16-64, 2025"],
    )
    unit: Text = Field(default="", description="The unit, such as % or £.", examples=["%"])
    council_area: FiniteFloat = Field(
        title="council area figure",
        description="The figure for the council's area.",
        examples=[71.4],
    )
    lep_area: FiniteFloat = Field(
        title="LEP area figure", description="The figure for the LEP area.", examples=[75.1]
    )
    england: FiniteFloat = Field(
        title="England figure", description="The figure for England.", examples=[75.7]
    )


class EvidenceItem(Section):
    """A dataset, strategy, study or engagement exercise the council holds or offers."""

    title: Text = Field(
        description="The title of the dataset, study or strategy.",
        examples=["Felpersham Skills and Employment Profile"],
    )
    kind: EvidenceKind = Field(
        description="dataset, strategy, study or engagement.", examples=["dataset"]
    )
    owner: Text = Field(
        description="Who holds or produced it.", examples=["Felpersham City Council"]
    )
    year: Year = Field(description="The year it was produced.", examples=[2026])
    foundations: Foundations = Field(
        description="The foundations of productivity it speaks to: ideas, people, "
        "infrastructure, business_environment or place.",
        examples=[["people", "place"]],
    )
    insight: Text = Field(
        description="What the item shows that the LIS should know.",
        examples=["Fewer residents hold degrees than across the LEP area or England."],
    )
    shared_with_lep: bool = Field(
        default=False, description="Whether the LEP has been given it.", examples=[True]
    )
    benchmark: Benchmark | None = Field(
        default=None,
        description="A headline figure for the council's area, the LEP area and England.",
    )


class AnchorRequest(Section):
    """An anchor institution asked to contribute evidence or action."""

    name: Text = Field(
        description="The anchor institution's name.", examples=["University of Felpersham"]
    )
    kind: AnchorKind = Field(
        description="university, college, hospital, police, employer, voluntary, housing or other.",
        examples=["university"],
    )
    contribution: Text = Field(
        description="What the anchor was asked for or offers.",
        examples=["Graduate retention data and research strengths in food science."],
    )
    status: AnchorStatus = Field(
        default="asked",
        description="asked, agreed, contributing or declined.",
        examples=["agreed"],
    )


class Evidence(Section):
    """The evidence the council offers and the anchors it has asked."""

    items: list[EvidenceItem] = Field(
        default=[],
        description="Datasets, strategies, studies and engagement the council offers the LIS.",
    )
    anchors_asked: list[AnchorRequest] = Field(
        default=[], description="Anchor institutions asked to contribute evidence."
    )


class Engaged(Section):
    """One organisation engaged, and how."""

    name: Text = Field(
        description="The organisation's name.", examples=["Borchestershire Chamber of Commerce"]
    )
    how: Text = Field(
        title="how engaged",
        description="How the council works with it on the LIS.",
        examples=["Joint breakfast briefings with the LEP."],
    )


class Engagement(Section):
    """Who the council engages on the LIS, and how it keeps one message."""

    businesses: list[Engaged] = Field(
        default=[], description="Businesses and business groups the council engages."
    )
    anchors: list[Engaged] = Field(
        default=[], description="Anchor institutions the council engages."
    )
    government: list[Engaged] = Field(
        default=[], description="Government departments the council engages."
    )
    consistent_message: Text | None = Field(
        default=None,
        description="The one message the council and the LEP give everyone, and how they "
        "keep it consistent.",
        examples=["The council and the LEP agree the message through the joint committee."],
    )


class Forum(Section):
    """A meeting through which councils shape the LIS."""

    name: Text = Field(
        description="The forum's name.",
        examples=["Borchester and Felpersham Economic Joint Committee"],
    )
    kind: ForumKind = Field(
        description="joint_committee, growth_board, leaders_board, steering_group, "
        "officers_group, chief_executives_group, scrutiny, sub_group, place_group, "
        "partnership or other.",
        examples=["joint_committee"],
    )
    level: ForumLevel = Field(
        description="Whether councillors, officers or both attend.", examples=["members"]
    )
    chair: Text = Field(description="Who chairs it.", examples=["Cllr Peter Gillingham"])
    members: list[Text] = Field(
        default=[],
        description="Who sits on it, one line each.",
        examples=[["The leaders of all three councils"]],
    )
    councils: Annotated[Literal["all"] | list[Text], BeforeValidator(_normalise_all)] = Field(
        default=[],
        description="'all', or a list of the names of the councils that sit on it.",
        examples=["all"],
    )
    lep_takes_part: bool = Field(
        default=False, description="Whether the LEP takes part.", examples=[True]
    )
    steers_lis: bool = Field(
        default=False,
        description="Whether the forum steers, oversees or approves the LIS.",
        examples=[False],
    )
    remit: Text = Field(
        description="What the forum does.",
        examples=["Agrees the councils' shared position on the LIS."],
    )
    meets: Text = Field(
        title="meeting pattern",
        description="How often it meets, such as 'every six weeks'.",
        examples=["monthly"],
    )


class Strategy(Section):
    """One strategy in the family of strategies."""

    name: Text = Field(
        description="The strategy's name.", examples=["Felpersham Inclusive Growth Strategy"]
    )
    owner: Text = Field(description="Who owns it.", examples=["Felpersham City Council"])
    kind: StrategyKind = Field(
        description="vision, local_plan, economic, inclusive_growth, regeneration, skills, "
        "transport, housing, health_and_wellbeing, environment, digital, culture or other.",
        examples=["inclusive_growth"],
    )
    status: StrategyStatus = Field(
        description="adopted, draft, in_preparation, planned or under_review.",
        examples=["in_preparation"],
    )
    horizon: Year | None = Field(
        default=None, description="The year it looks ahead to.", examples=[2035]
    )
    foundations: Foundations = Field(
        description="The foundations of productivity it covers.", examples=[["people", "place"]]
    )
    relation_to_lis: Text | None = Field(
        title="relation to the LIS",
        default=None,
        description="How it relates to the LIS.",
        examples=["Sets out how growth will reach the city's most deprived wards."],
    )
    agreed_with_lep: bool = Field(
        default=False,
        description="Whether the LEP shares the understanding of how it fits.",
        examples=[True],
    )


class BoardMember(Section):
    """A member of the LEP board."""

    name: Text = Field(description="The member's full name.", examples=["Cllr Amina Rashford"])
    organisation: Text = Field(
        description="The organisation they come from.", examples=["Felpersham City Council"]
    )
    sector: Sector = Field(
        description="private, local_authority, education, voluntary or other.",
        examples=["local_authority"],
    )
    role: BoardRole = Field(
        default="member", description="chair, vice_chair or member.", examples=["member"]
    )
    represents: Text | None = Field(
        default=None,
        description="The council the member represents, if any.",
        examples=["Felpersham City Council"],
    )


class ReportingLine(Section):
    """How a council member on the board reports back."""

    member: Text = Field(
        description="The board member's name, as in board.members.",
        examples=["Cllr Amina Rashford"],
    )
    to: Text = Field(
        title="reports to", description="Who they report back to.", examples=["Cabinet"]
    )
    how: Text = Field(
        title="how they report back",
        description="How they report back.",
        examples=["An oral update"],
    )
    frequency: Text = Field(
        description="How often they report back.", examples=["after each board meeting"]
    )


class Decision(Section):
    """A decision coming to the LEP board."""

    date: dt.date = Field(
        description="The date of the board meeting, as YYYY-MM-DD.", examples=["2027-01-20"]
    )
    item: Text = Field(
        description="What the board will decide.",
        examples=["Approve the draft LIS for consultation"],
    )
    council_position: Text = Field(
        title="council position",
        description="What the council wants its members to say or do.",
        examples=["Support, provided the joint committee has reviewed the draft first."],
    )


class Board(Section):
    """The LEP board and the arrangements around its council members."""

    members: list[BoardMember] = Field(default=[], description="Every member of the LEP board.")
    conflict_of_interest_policy: Text | None = Field(
        title="Where the conflict of interest policy is published",
        default=None,
        description="Where the LEP publishes its conflict of interest policy.",
        examples=["On the LEP's website, with the register of members' interests"],
    )
    mandate: Text | None = Field(
        title="Mandate route for councils without a seat",
        default=None,
        description="How councils without a seat give board members a mandate.",
        examples=["The joint committee agrees a position before each board meeting."],
    )
    briefing: Text | None = Field(
        title="Briefing of board members",
        default=None,
        description="How the council briefs its board members before meetings.",
        examples=["A written briefing from officers a week before each meeting."],
    )
    reporting_back: list[ReportingLine] = Field(
        default=[], description="How each council member on the board reports back."
    )
    decisions_ahead: list[Decision] = Field(
        default=[], description="Decisions coming to the board, with the council's position."
    )
    questions: list[Text] = Field(
        default=[],
        description="Questions the council's members should ask at the board.",
        examples=[["How will the LIS measure whether growth reaches deprived wards?"]],
    )


class Ask(Section):
    """Something the council asks of a named body."""

    of: Text = Field(
        title="addressed to",
        description="Who the ask is addressed to: the LEP or a named department.",
        examples=["Department for Transport"],
    )
    ask: Text = Field(
        description="What the council asks for.",
        examples=["Fund the development of the Felpersham Eastern Link business case."],
    )


class Priority(Section):
    """One of the council's priorities for the LIS."""

    title: Text = Field(
        description="The priority in a few words.",
        examples=["Connect people and firms to opportunity"],
    )
    foundations: Foundations = Field(
        description="The foundations of productivity it serves.",
        examples=[["infrastructure", "place"]],
    )
    summary: Text = Field(
        description="Why it matters and what the council wants.",
        examples=["Slow bus links cut Eastfield off from the main employment sites."],
    )
    asks: list[Ask] = Field(default=[], description="Numbered asks, each of a named body.")


RoleText = Annotated[list[Text], BeforeValidator(_list_from_text)]

_ROLE_EXAMPLE = ["We will lend a senior analyst to the LEP for two days a week."]


class Roles(Section):
    """What the council commits to under each of the seven roles."""

    leadership: RoleText = Field(
        default=[],
        description="Role 1: leading the LEP through seats on its board and forums.",
        examples=[_ROLE_EXAMPLE],
    )
    anchor_institution: RoleText = Field(
        default=[],
        description="Role 2: the council as an anchor institution and convenor of others.",
        examples=[_ROLE_EXAMPLE],
    )
    democratic_accountability: RoleText = Field(
        default=[],
        description="Role 3: democratic accountability, cabinet and scrutiny.",
        examples=[_ROLE_EXAMPLE],
    )
    hands_on_support: RoleText = Field(
        default=[],
        description="Role 4: capacity, skills and evidence lent to the LEP.",
        examples=[_ROLE_EXAMPLE],
    )
    strategic_regulatory_delivery: RoleText = Field(
        default=[],
        description="Role 5: planning, housing, transport, skills and regulation.",
        examples=[_ROLE_EXAMPLE],
    )
    glue_and_challenge: RoleText = Field(
        default=[],
        description="Role 6: linking strategies together and constructive challenge.",
        examples=[_ROLE_EXAMPLE],
    )
    custodian_of_place: RoleText = Field(
        default=[],
        description="Role 7: shaping places through the Local Plan and work with residents.",
        examples=[_ROLE_EXAMPLE],
    )


class SelfAnswer(Section):
    """The council's own answer to one stock-take question."""

    answer: Answer = Field(description="yes, partly, no or not_known.", examples=["partly"])
    note: Text | None = Field(
        default=None,
        description="A short note on the evidence for the answer.",
        examples=["All three leaders meet at the joint committee."],
    )


class SelfAssessment(Section):
    """The council's answers to the eight stock-take questions."""

    shared_vision: SelfAnswer | None = Field(
        default=None, description="Question 1: is there a shared vision that frames the LIS?"
    )
    council_vision: SelfAnswer | None = Field(
        default=None, description="Question 2: does the council have its own vision?"
    )
    family_of_strategies: SelfAnswer | None = Field(
        default=None, description="Question 3: is the LIS one of a family of strategies?"
    )
    board_members_briefed: SelfAnswer | None = Field(
        default=None,
        description="Question 4: are the council's board members briefed, and do they report back?",
    )
    representation: SelfAnswer | None = Field(
        default=None,
        description="Question 5: is local government represented where the LIS is steered?",
    )
    councils_forum: SelfAnswer | None = Field(
        default=None,
        description="Question 6: is there a forum of all the councils, with the LEP involved?",
    )
    officers_forum: SelfAnswer | None = Field(
        default=None,
        description="Question 7: do council economic development officers meet the LEP team?",
    )
    evidence_contribution: SelfAnswer | None = Field(
        default=None, description="Question 8: will the council contribute to the evidence base?"
    )


class Action(Section):
    """A next step with an owner and a date."""

    action: Text = Field(
        description="What will be done.",
        examples=["Take the draft contribution to Cabinet for approval."],
    )
    owner: Text = Field(
        description="Who will do it: a post, not a team.", examples=["Director of Place"]
    )
    due: dt.date = Field(description="When it is due, as YYYY-MM-DD.", examples=["2026-12-15"])


def _relative_image_path(value: str) -> str:
    """Return `value`, a path relative to the profile's folder, or raise ValueError."""
    shown = value.replace("\\", "/")
    if shown.startswith("/") or re.match(r"[A-Za-z]:", shown):
        raise ValueError(
            f"'{value}' is an absolute path; copy the image into the profile's folder and "
            "write its name, such as 'logo.png'"
        )
    if ".." in shown.split("/"):
        raise ValueError(
            f"'{value}' uses '..', which may lead out of the profile's folder; keep the image "
            "in that folder or one inside it, and write the path down from there, such as "
            "'logo.png' or 'images/logo.png'"
        )
    return value


def _described(value: str) -> str:
    """Return the alt text `value`, or raise ValueError when it is only a file name."""
    if IMAGE_FILE_NAME.search(value):
        raise ValueError(
            f"'{value}' is a file name, not alt text; describe what the image shows, such as "
            "'Felpersham City Council logo'"
        )
    return value


ImageName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]
ImagePath = Annotated[Text, AfterValidator(_relative_image_path)]
AltText = Annotated[Text, AfterValidator(_described)]


class ProfileImage(Section):
    """An image for templates to place, such as the council's logo."""

    path: ImagePath = Field(
        title="file",
        description=(
            "The image file, relative to the profile's folder and inside it: a PNG or JPEG "
            f"of at most {MAX_IMAGE_BYTES // 1024 // 1024} MB."
        ),
        examples=["felpersham-logo.png"],
        # for editors: what `_relative_image_path` refuses (no absolute path, no '..')
        json_schema_extra={"pattern": r"^(?![/\\])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$)).*\S"},
    )
    alt: AltText = Field(
        title="alt text",
        description="What the image shows, read aloud by screen readers (its alt text).",
        examples=["Felpersham City Council logo"],
    )
    width_mm: FiniteFloat = Field(
        title="width in mm",
        default=40,
        ge=MIN_IMAGE_WIDTH_MM,
        le=MAX_IMAGE_WIDTH_MM,
        description=(
            f"How wide it is placed, in millimetres ({MIN_IMAGE_WIDTH_MM} to "
            f"{MAX_IMAGE_WIDTH_MM}); its height follows from its proportions."
        ),
        examples=[40],
    )


class PlaceProfile(Section):
    """One council's profile of its place: the single input to lisdraft.

    `load_profile` reads the files its `images:` name; `image_files` gives them.
    """

    _image_files: dict[str, ImageFile] = PrivateAttr(default_factory=dict)

    meta: Meta = Field(
        title="Profile details", description="Who wrote the profile, its status and dates."
    )
    place: Place = Field(title="Place", description="The LIS area, its LEP and its councils.")
    vision: Vision = Field(
        title="Vision",
        default=Vision(),
        description="The shared vision, the council's vision and how they fit.",
    )
    evidence: Evidence = Field(
        title="Evidence",
        default=Evidence(),
        description="The evidence the council offers, and anchors asked.",
    )
    engagement: Engagement = Field(
        title="Engagement",
        default=Engagement(),
        description="Businesses, anchors and government departments the council engages.",
    )
    forums: list[Forum] = Field(
        title="Forums",
        default=[],
        description="Every meeting through which councils shape the LIS.",
    )
    strategies: list[Strategy] = Field(
        title="Strategies", default=[], description="The family of strategies around the LIS."
    )
    board: Board = Field(
        title="LEP board",
        default=Board(),
        description="The LEP board and the arrangements for council members.",
    )
    priorities: list[Priority] = Field(
        title="Priorities",
        default=[],
        description="The council's priorities for the LIS, with asks.",
    )
    roles: Roles = Field(
        title="Roles",
        default=Roles(),
        description="One to three firm commitments under each of the seven roles.",
    )
    self_assessment: SelfAssessment = Field(
        title="Self-assessment",
        default=SelfAssessment(),
        description="The council's own answer to each of the eight stock-take questions.",
    )
    next_steps: list[Action] = Field(
        title="Next steps", default=[], description="Actions, each with an owner and a due date."
    )
    extra: HouseFields = Field(
        default={},
        description=(
            "House fields for customised templates, read there as `extra`: text, numbers, "
            f"yes/no, lists and sections, nested at most {MAX_EXTRA_DEPTH} deep, "
            f"{MAX_EXTRA_VALUES} values in all. Keys are letters, digits and underscores."
        ),
        examples=[{"strapline": "A greener, fairer Felpersham", "cabinet_report": "CAB/2026/41"}],
    )
    images: dict[ImageName, ProfileImage] = Field(
        title="Images",
        default={},
        json_schema_extra={"additionalProperties": False},  # editors underline a bad name
        description=(
            "Images for templates to place, by name, such as `logo`; a template writes "
            "`{{p image('logo') }}`. The built-in templates show `logo` on the first page."
        ),
        examples=[
            {
                "logo": {
                    "path": "felpersham-logo.png",
                    "alt": "Felpersham City Council logo",
                    "width_mm": 40,
                }
            }
        ],
    )

    def image_files(self) -> dict[str, ImageFile]:
        """Return the images `load_profile` read for this profile, by name (none otherwise)."""
        return dict(self._image_files)

    def with_image_files(self, files: dict[str, ImageFile]) -> PlaceProfile:
        """Return a copy of this profile holding the images `files` (`lisdraft.profile.images`)."""
        copy = self.model_copy()
        copy._image_files = dict(files)
        return copy
