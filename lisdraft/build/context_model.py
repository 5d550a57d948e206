"""The render context, declared once: every variable a template may use, typed and described.

`lisdraft.build.context.build_context` fills these classes and templates read
their fields by name (`{{ council.name }}`, `{% for a in asks %}`). The same
declaration gives the variable catalogue (`lisdraft templates vars`,
docs/template-variables.md), the names `lisdraft templates check` accepts and
the sample data of its trial render (see `lisdraft.templating.variables`), so
none of them can drift from what a build provides.

Each field says what it means with `doc(...)`; a list the framework always
fills is marked `never_empty`. A class's docstring says what one of it is
(one ask, one board member), for when it is the item of a list. Every value
is ready to print: text is `str`, counts are `int` and flags for `{% if %}`
are `bool`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any, ClassVar, TypeVar, dataclass_transform

V = TypeVar("V", bound="Variables")


def doc(description: str, *, never_empty: bool = False) -> Any:
    """Return a field declaration carrying its `description` for template authors."""
    return field(metadata={"doc": description, "never_empty": never_empty})


class Variables:
    """The base of every declared class: made once from keywords, then read-only."""

    _order: ClassVar[tuple[str, ...]] = ()
    _names: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, **values: Any) -> None:
        if values.keys() != self._names:
            missing = sorted(self._names - values.keys())
            unexpected = sorted(values.keys() - self._names)
            raise TypeError(f"{type(self).__name__}: missing {missing}, unexpected {unexpected}")
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        """Refuse to change a field: the context is read-only once built."""
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        """Refuse to delete a field."""
        raise FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(
    frozen_default=True, eq_default=False, kw_only_default=True, field_specifiers=(doc,)
)
def variables(cls: type[V]) -> type[V]:
    """Return `cls`, a `Variables` class, as a frozen dataclass of template variables.

    The dataclass gets no generated methods: Python 3.11 compiles each one
    when the class is made, and for these forty classes that cost every build
    some twenty times as long as filling them does. `Variables` gives them all
    one `__init__` (keywords only, every field required) and refuses changes.
    Type checkers see an ordinary frozen dataclass.
    """
    made = dataclass(init=False, repr=False, eq=False)(cls)
    type.__setattr__(made, "_order", tuple(vars(made)["__dataclass_fields__"]))
    type.__setattr__(made, "_names", frozenset(made._order))
    return made


def plain_data(value: Any) -> Any:
    """Return `value` with every declared class, at any depth, as a dict: ready for JSON."""
    if isinstance(value, Variables):
        return {name: plain_data(getattr(value, name)) for name in value._order}
    if isinstance(value, list):
        return [plain_data(item) for item in value]
    return value


# --- Shared shapes ---------------------------------------------------------------------


@variables
class Rated(Variables):
    """A rating, in every form a template may show it."""

    rating: str = doc("The rating as a word: Green, Amber, Red or Not enough information.")
    rating_key: str = doc("The rating as a key: green, amber, red or unknown.")
    rating_symbol: str = doc("The rating's symbol: ✓, !, ✗ or ?.")
    rating_cell: str = doc("The rating as symbol and word, such as '✓ Green'.")
    rating_fill: str = doc("The shading colour for the rating (hex, such as C6EFCE), for cellbg.")


@variables
class Action(Variables):
    """One action."""

    text: str = doc("What to do.")
    owner: str = doc("Who does it: the profile's author.")
    due: str = doc("When by: the next review date, or 'the next review'.")


@variables
class Ask(Variables):
    """One ask."""

    number: str = doc("Its number, A1, A2 ..., the same wherever the ask appears.")
    of: str = doc("Who the ask is addressed to: the LEP, a department or another partner.")
    ask: str = doc("What is asked.")
    priority: str = doc("The title of the priority it belongs to.")


@variables
class Priority(Variables):
    """One priority."""

    number: str = doc("Its number: P1, P2 ...")
    title: str = doc("Its title.")
    foundations: str = doc("The foundations it serves, as names: 'Ideas and Place'.")
    summary: str = doc("What it is about (may be several paragraphs).")
    asks: list[Ask] = doc("Its asks, numbered across the whole document.")


@variables
class Member(Variables):
    """One board member."""

    name: str = doc("Their name.")
    organisation: str = doc("Their organisation.")
    sector: str = doc("Their sector: Private, Local authority, Education, Voluntary or Other.")
    role: str = doc("Their role on the board: Chair, Vice chair or Member.")
    represents: str = doc("The council they represent, or ''.")


@variables
class Engaged(Variables):
    """One organisation engaged."""

    name: str = doc("Its name.")
    how: str = doc("How the council engages it.")


# --- The council and the drafts --------------------------------------------------------


@variables
class Council(Variables):
    """The council writing the drafts."""

    name: str = doc("Its name.")
    slug: str = doc("Its name made safe for file names: 'felpersham-city-council'.")
    type: str = doc("Its type, such as 'District council'.")
    leader: str = doc("Its leader's name, or ''.")
    leader_on_board: bool = doc("Whether its leader sits on the LEP board.")


@variables
class Author(Variables):
    """The officer who wrote the drafts."""

    name: str = doc("Their name.")
    role: str = doc("Their job title.")
    email: str = doc("Their email address, or ''.")
    phone: str = doc("Their telephone number, or ''.")


@variables
class Meta(Variables):
    """About the drafts themselves."""

    status: str = doc("Draft, Consultation or Final.")
    is_final: bool = doc("Whether the status is final.")
    version: str = doc("The version, such as '0.3'.")
    date: str = doc("The date of the drafts: '16 November 2026'.")
    year: str = doc("The year of that date: '2026'.")
    classification: str = doc("OFFICIAL or OFFICIAL-SENSITIVE.")
    next_review: str = doc("When the drafts will next be reviewed, or ''.")
    author: Author = doc("The officer who wrote the drafts and is the contact for them.")


# --- The place -------------------------------------------------------------------------


@variables
class Lep(Variables):
    """The Local Enterprise Partnership."""

    name: str = doc("Its name.")
    name_to_start: str = doc(
        "Its name as it opens a sentence, with 'The' where it takes one: 'The Borsetshire LEP'."
    )
    chair: str = doc("The chair: 'Name, Role, Organisation', or ''.")
    vice_chair: str = doc("The vice chair, written the same way, or ''.")
    director: str = doc("The LEP's director, written the same way, or ''.")


@variables
class AreaCouncil(Variables):
    """One council."""

    name: str = doc("Its name.")
    type: str = doc("Its type, such as 'County council'.")
    leader: str = doc("Its leader, or 'Not recorded'.")
    on_board: str = doc("Yes or No: whether its leader sits on the LEP board.")


@variables
class Place(Variables):
    """The LIS area and its partners."""

    name: str = doc("The area's name: 'Borchestershire'.")
    wave: str = doc("The LIS wave it is in, with its date: 'Wave 3 (December 2018)'.")
    lep: Lep = doc("The Local Enterprise Partnership.")
    combined_authority: str = doc("The combined authority's name, or '' when there is none.")
    councils: list[AreaCouncil] = doc("Every council in the LEP area.", never_empty=True)
    council_count: int = doc("How many councils the area has.")
    council_names: str = doc("All their names joined: 'A, B and C'.")
    two_tier: bool = doc("Whether the area has both county and district councils.")


# --- Vision, evidence and engagement ---------------------------------------------------


@variables
class AreaVision(Variables):
    """The shared long-term vision for the area."""

    statement: str = doc("The vision itself (may be several paragraphs).")
    horizon: str = doc("The year it looks ahead to.")
    owner: str = doc("Who owns it.")
    owner_to_start: str = doc(
        "Who owns it, as it opens a sentence: 'The Amberfield Leaders' Board'."
    )
    adopted: str = doc("When it was adopted, or ''.")
    how_developed: str = doc("How it was developed (may be several paragraphs).")


@variables
class CouncilVision(Variables):
    """The council's own vision."""

    statement: str = doc("The vision itself (may be several paragraphs).")
    horizon: str = doc("The year it looks ahead to, or ''.")
    document: str = doc("The document it is set out in, or ''.")
    document_in_text: str = doc(
        "That document as it reads mid-sentence: 'the Ambridge Corporate Plan', or ''."
    )
    adopted: str = doc("When it was adopted, or ''.")


@variables
class Vision(Variables):
    """The visions for the area and for the council."""

    has_area: bool = doc("Whether the profile records a shared vision for the area.")
    area: AreaVision = doc("The shared long-term vision for the area (all '' when there is none).")
    has_council: bool = doc("Whether the profile records a vision of the council's own.")
    council: CouncilVision = doc("The council's own vision (all '' when there is none).")
    fit: str = doc("How the two visions fit together (may be several paragraphs), or ''.")


@variables
class EvidenceEntry(Variables):
    """One evidence item."""

    number: int = doc("Its number in the list, from 1.")
    title: str = doc("Its title.")
    kind: str = doc("Dataset, Strategy, Study or Engagement.")
    owner: str = doc("Who holds it.")
    year: str = doc("Its year.")
    foundations: str = doc("The foundations it informs, as names.")
    insight: str = doc("What it tells the LIS (may be several paragraphs).")
    shared: str = doc("Yes or No: whether the LEP already has it.")


@variables
class Figures(Variables):
    """The three figures of one comparison, as plain numbers."""

    council_area: float = doc("The council's area's figure, such as 71.4.")
    lep_area: float = doc("The LEP area's figure.")
    england: float = doc("England's figure.")


@variables
class Benchmark(Variables):
    """One comparison."""

    measure: str = doc("What is measured.")
    council_area: str = doc("The figure for the council's area, with its unit.")
    lep_area: str = doc("The figure for the LEP area.")
    england: str = doc("The figure for England.")
    source: str = doc("Where it comes from: 'Title (Owner, Year)'.")
    unit: str = doc("The unit, such as '%' or '£', or ''.")
    figures: Figures = doc("The three figures as plain numbers, as charts use them.")


@variables
class Anchor(Variables):
    """One anchor institution."""

    name: str = doc("Its name.")
    kind: str = doc("Its kind, such as University or Hospital.")
    contribution: str = doc("What it offers.")
    status: str = doc("Asked, Agreed, Contributing or Declined.")


@variables
class Evidence(Variables):
    """The evidence the council offers to the LIS."""

    entries: list[EvidenceEntry] = doc("Each evidence item, in the profile's order.")
    count: int = doc("How many evidence items there are.")
    shared_count: int = doc("How many are already shared with the LEP.")
    has_items: bool = doc("Whether there is any evidence item.")
    benchmarks: list[Benchmark] = doc(
        "Figures comparing the council's area with the LEP area and England."
    )
    has_benchmarks: bool = doc("Whether there is any comparison.")
    anchors: list[Anchor] = doc("Anchor institutions asked to contribute evidence.")
    has_anchors: bool = doc("Whether any anchor institution has been asked.")


@variables
class Engagement(Variables):
    """Who the council engages, and its message."""

    businesses: list[Engaged] = doc("Business bodies engaged.")
    anchors: list[Engaged] = doc("Anchor institutions engaged.")
    government: list[Engaged] = doc("Government departments engaged.")
    consistent_message: str = doc("How the message is kept consistent (may be several paragraphs).")
    has_any: bool = doc("Whether any organisation is listed as engaged.")


@variables
class Forum(Variables):
    """One forum."""

    name: str = doc("Its name.")
    kind: str = doc("Its kind, such as 'Joint committee'.")
    level: str = doc("Members, Officers or Mixed.")
    chair: str = doc("Who chairs it.")
    members: str = doc("Its members, joined: 'A, B and C'.")
    councils: str = doc("The councils taking part, or 'All councils'.")
    council_names: list[str] = doc(
        "The names of the councils taking part, one each (every council for 'all')."
    )
    lep: str = doc("Yes or No: whether the LEP takes part.")
    steers: str = doc("Yes or No: whether it steers the LIS.")
    remit: str = doc("Its remit (may be several paragraphs).")
    meets: str = doc("How often it meets.")


@variables
class Strategy(Variables):
    """One strategy."""

    name: str = doc("Its name.")
    owner: str = doc("Who owns it.")
    kind: str = doc("Its kind, such as Vision or 'Local plan'.")
    status: str = doc("Its status, such as Adopted.")
    horizon: str = doc("The year it runs to, or ''.")
    foundations: str = doc("The foundations it serves, as names.")
    relation: str = doc("How it relates to the LIS, or 'Not yet set out.'")
    agreed: str = doc("Yes or No: whether the LEP agrees that relation.")


# --- The board -------------------------------------------------------------------------


@variables
class Sector(Variables):
    """One sector."""

    sector: str = doc("The sector.")
    count: int = doc("How many members come from it.")
    share: str = doc("Their share as a percentage.")


@variables
class ReportingLine(Variables):
    """One reporting line."""

    member: str = doc("The board member.")
    to: str = doc("Who they report to.")
    how: str = doc("How they report.")
    frequency: str = doc("How often.")


@variables
class Decision(Variables):
    """One decision."""

    date: str = doc("The meeting date.")
    item: str = doc("What is to be decided.")
    position: str = doc("The council's position (may be several paragraphs).")


@variables
class Board(Variables):
    """The LEP board and the council's part on it."""

    members: list[Member] = doc("Every board member.")
    count: int = doc("How many members the board has.")
    private_count: int = doc("How many come from the private sector.")
    private_share: str = doc("That share as a percentage: '69%'.")
    meets_two_thirds: bool = doc("Whether at least two thirds come from the private sector.")
    rule_statement: str = doc("A sentence saying whether the board meets that rule.")
    sectors: list[Sector] = doc("The board's make-up by sector.")
    our_members: list[Member] = doc("The board members who represent this council.")
    our_member_names: str = doc("Their names joined: 'A and B', or ''.")
    has_our_members: bool = doc("Whether any board member represents this council.")
    conflict_policy: str = doc("Where the conflict of interest policy is published, or ''.")
    mandate: str = doc("How members get their mandate (may be several paragraphs).")
    briefing: str = doc("How members are briefed (may be several paragraphs).")
    reporting_back: list[ReportingLine] = doc("How each member reports back.")
    decisions: list[Decision] = doc("Decisions coming up at the board.")
    has_decisions: bool = doc("Whether any decision is coming up.")
    questions: list[str] = doc("Questions to put to the board.")


# --- Priorities, foundations and roles -------------------------------------------------


@variables
class Foundation(Variables):
    """One foundation."""

    name: str = doc("Its name: Ideas, People, Infrastructure, Business environment, Place.")
    ambition: str = doc("Its ambition in one sentence.")
    priorities: list[Priority] = doc("The priorities tagged with it.")
    has_priorities: bool = doc("Whether any priority is tagged with it.")
    evidence: str = doc("The titles of the evidence tagged with it, joined, or ''.")
    has_evidence: bool = doc("Whether any evidence is tagged with it.")


@variables
class Role(Variables):
    """One role."""

    number: int = doc("Its number, 1 to 7.")
    name: str = doc("Its name.")
    summary: str = doc("What it means, in one sentence.")
    commitments: list[str] = doc("What the council commits to in this role.")
    has_commitments: bool = doc("Whether the council commits to anything in it.")


# --- The stock-take --------------------------------------------------------------------


@variables
class Question(Rated):
    """One stock-take question, with its rating."""

    number: int = doc("Its number, 1 to 8.")
    text: str = doc("The question in full.")
    short: str = doc("The question in a few words, for tables.")
    answer: str = doc("The council's own answer: Yes, Partly, No, Not known ...")
    note: str = doc("The council's note on its answer, or ''.")
    findings: list[str] = doc("The facts from the profile behind the rating.")
    actions: list[Action] = doc("Next actions for this question.")
    has_actions: bool = doc("Whether there is any next action.")
    disagreement: str = doc("Why lisdraft's rating differs from the council's answer, or ''.")


@variables
class RatingCounts(Variables):
    """How many questions have each rating."""

    green: int = doc("Rated green.")
    amber: int = doc("Rated amber.")
    red: int = doc("Rated red.")
    unknown: int = doc("Rated 'not enough information'.")


@variables
class ScaleEntry(Rated):
    """One rating of the scale."""

    word: str = doc("The rating's word.")
    symbol: str = doc("The rating's symbol.")
    key: str = doc("The rating's key: green, amber, red or unknown.")
    meaning: str = doc("What the rating means.")


@variables
class Step(Rated):
    """One step, with its rating."""

    number: int = doc("Its number, 1 to 6.")
    name: str = doc("Its name.")
    summary: str = doc("What it is about.")
    questions: list[str] = doc("The questions a council asks itself.", never_empty=True)
    based_on: str = doc("The questions or checks its rating rests on.")


@variables
class BoardCheck(Rated):
    """One check on the board, with its rating."""

    question: str = doc("What the check asks.")
    findings: list[str] = doc("The facts behind the rating.")
    actions: list[Action] = doc("Next actions for this check.")


@variables
class Stocktake(Variables):
    """The stock-take: eight questions, six steps and the board checks."""

    questions: list[Question] = doc("The eight stock-take questions.", never_empty=True)
    actions: list[Action] = doc(
        "Every action from the questions and board checks: the action plan."
    )
    counts: RatingCounts = doc("How many of the eight questions have each rating.")
    scale: list[ScaleEntry] = doc(
        "The rating scale, from green to not enough information.", never_empty=True
    )
    steps: list[Step] = doc("The six steps to effective engagement.", never_empty=True)
    board_checks: list[BoardCheck] = doc("The checks on the LEP board's arrangements.")
    review_date: str = doc("When the stock-take will next be reviewed.")
    disagreements: int = doc("On how many questions lisdraft's rating differs from the answer.")
    disagreement_note: str = doc("A sentence naming those questions, or ''.")


# --- The whole context -----------------------------------------------------------------


@variables
class NextStep(Variables):
    """One step."""

    action: str = doc("What will be done.")
    owner: str = doc("Who does it.")
    due: str = doc("When by.")


@variables
class Principle(Variables):
    """One principle."""

    name: str = doc("Its name.")
    meaning: str = doc("What it asks.")


class HouseFields(dict[str, Any]):
    """A profile's house fields (`extra:`), named so that a missing one is reported as such."""


class Images(dict[str, Any]):
    """A profile's images (`images:`) by name, each with its `alt` and `width_mm`."""


@variables
class RenderContext(Variables, Mapping[str, Any]):
    """Everything a template may use, by top-level name.

    It is a mapping of those names so that Jinja can take it as a template's
    variables; below the top, templates read fields (`board.members`).
    """

    council: Council = doc("The council writing the drafts (meta.council in the profile).")
    meta: Meta = doc("About the drafts themselves.")
    place: Place = doc("The LIS area and its partners.")
    vision: Vision = doc("The visions for the area and for the council.")
    evidence: Evidence = doc("The evidence the council offers to the LIS.")
    engagement: Engagement = doc("Who the council engages, and its message.")
    forums: list[Forum] = doc("The forums where councils and the LEP meet.")
    strategies: list[Strategy] = doc("The family of strategies the LIS must fit with.")
    board: Board = doc("The LEP board and the council's part on it.")
    priorities: list[Priority] = doc("The council's priorities, in the profile's order.")
    asks: list[Ask] = doc("Every ask of every priority, numbered A1, A2 ...")
    foundations: list[Foundation] = doc(
        "The five foundations of productivity, each with what is tagged to it.",
        never_empty=True,
    )
    roles: list[Role] = doc("The seven roles a council plays in the LIS.", never_empty=True)
    stocktake: Stocktake = doc("The stock-take: eight questions, six steps and the board checks.")
    next_steps: list[NextStep] = doc("The council's next steps.")
    nolan: list[Principle] = doc(
        "The seven principles of public life (the Nolan principles).", never_empty=True
    )
    summary: str = doc("The one-paragraph summary that opens the contribution.")
    extra: dict[str, Any] = doc(
        "The profile's house fields (its extra: section), as written there, such as "
        "`{{ extra.strapline }}`. Empty when the profile has none."
    )
    images: Images = doc(
        "The profile's images (its images: section) by name, for `{% if 'logo' in images %}`; "
        "each has `alt` and `width_mm`. Place one with `{{p image('logo') }}`. Empty when the "
        "profile has none."
    )

    def __getitem__(self, name: str) -> Any:
        """Return the top-level variable `name`."""
        if name not in self._names:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        """Yield the top-level variable names, in declaration order."""
        return iter(self._order)

    def __len__(self) -> int:
        """Return how many top-level variables there are."""
        return len(self._order)
