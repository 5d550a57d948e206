"""The area overview's render context, declared once: what its template may use.

The overview sets the councils of one LIS area side by side (see
`lisdraft.build.overview`). Like the council documents' context
(`lisdraft.build.context_model`), every value is ready to print and every
field says what it means.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from lisdraft.build.context_model import AreaCouncil, Forum, Rated, Variables, doc, variables


@variables
class Area(Variables):
    """The LIS area the overview covers."""

    name: str = doc("The LIS area's name.")
    slug: str = doc("The area's name for file names, such as 'borchestershire'.")
    lep: str = doc("The LEP's name.")
    chair: str = doc("The LEP chair, with their organisation.")
    director: str = doc("The LEP director, or ''.")
    vision: str = doc("The area's shared vision, or ''.")
    vision_owner: str = doc("Who owns the shared vision, or ''.")
    councils: str = doc("The councils covered, as 'A, B and C'.")
    council_count: int = doc("How many councils the overview covers.")
    not_covered: str = doc("Councils of the area with no profile in this build, or ''.")
    date: str = doc("The date of the latest council profile, such as '20 November 2026'.")


@variables
class CouncilEntry(Variables):
    """One council covered by the overview."""

    name: str = doc("The council's name.")
    type: str = doc("Its type, such as 'county council'.")
    contact: str = doc("The officer who keeps its profile, with their role.")
    status: str = doc("Its profile's status and version, such as 'draft, version 0.3'.")
    counts: str = doc("Its ratings in brief, such as '4 green, 3 amber, 1 not enough information'.")


@variables
class Answer(Rated):
    """One council's answer to one stock-take question, with lisdraft's rating."""

    council: str = doc("The council's name.")
    answer: str = doc("The council's own answer: Yes, Partly, No, Not known ...")
    summary: str = doc("The answer and the rating as symbol and word, such as 'Yes ✓ Green'.")


@variables
class MatrixRow(Variables):
    """One stock-take question, with the answer of each council in its table."""

    number: int = doc("The question's number, 1 to 8.")
    short: str = doc("The question in a few words.")
    answers: list[Answer] = doc(
        "Each council's answer, in the order of the table's councils.", never_empty=True
    )


@variables
class MatrixTable(Variables):
    """One table of the matrix: the eight questions, with up to four councils side by side."""

    title: str = doc(
        "'' when one table holds every council; else which councils it holds, such as "
        "'Councils 1 to 4 of 7'."
    )
    councils: list[str] = doc(
        "The councils in its columns, in the order of the area file.", never_empty=True
    )
    rows: list[MatrixRow] = doc("The eight questions, one row each.", never_empty=True)


@variables
class Seat(Variables):
    """One council's place on the LEP board and how it reports back."""

    council: str = doc("The council's name.")
    members: str = doc("Board members who represent it, or 'No seat'.")
    leader_on_board: str = doc("Whether its leader is on the board: 'Yes' or 'No'.")
    reporting: list[str] = doc("Each reporting-back line of its members: to whom, how and when.")
    reporting_text: str = doc("The reporting-back lines in one text, or 'None recorded'.")


@variables
class Mandate(Variables):
    """A mandate for the councils' board members, and the councils whose profiles give it."""

    councils: str = doc("The councils whose profiles give this mandate.")
    text: str = doc("The mandate, paragraphs separated by blank lines.")


@variables
class ForumRow(Variables):
    """One forum of the area, and which councils take part."""

    name: str = doc("The forum's name.")
    level: str = doc("Members, officers or mixed.")
    lep: str = doc("Whether the LEP takes part: 'Yes' or 'No'.")
    councils: str = doc("The councils covered that take part, or 'All'.")
    gaps: str = doc("The councils covered that do not take part, or 'None'.")


@variables
class OwnStrategy(Variables):
    """One council's own strategy and how it relates to the LIS."""

    council: str = doc("The council whose profile lists it.")
    name: str = doc("The strategy's name.")
    status: str = doc("Its status, such as 'In preparation'.")
    relation: str = doc("How it relates to the LIS, or ''.")
    agreed: str = doc("Whether the LEP agrees how it fits: 'Yes' or 'No'.")


@variables
class SharedStrategy(Variables):
    """One strategy in the area file, shared by every council."""

    name: str = doc("The strategy's name.")
    owner: str = doc("Who owns it.")
    status: str = doc("Its status.")
    agreed: str = doc("Whether the LEP agrees how it fits: 'Yes' or 'No'.")


@variables
class AreaAction(Variables):
    """One council's next step, in the area's action list."""

    council: str = doc("The council whose profile lists it.")
    action: str = doc("What will be done.")
    owner: str = doc("Who does it.")
    due: str = doc("When it is due, such as '3 December 2026'.")


@variables
class ForumMapData(Variables):
    """What `{{p forum_map() }}` draws in the overview: every council of the area."""

    lep: str = doc("The LEP's name.")
    councils: list[AreaCouncil] = doc("Every council of the area, as the documents see them.")
    forums: list[Forum] = doc("The area's forums, as the documents see them.")


@variables
class OverviewContext(Variables, Mapping[str, Any]):
    """Everything the area overview's template may use, by top-level name."""

    area: Area = doc("The LIS area.")
    councils: list[CouncilEntry] = doc("The councils covered, in the order they were built.")
    matrix: list[MatrixTable] = doc(
        "The eight questions with the councils side by side, one column each: one table "
        "for up to four councils, split into tables of at most four when there are more.",
        never_empty=True,
    )
    seats: list[Seat] = doc("Each council's board seats and reporting-back lines.")
    mandates: list[Mandate] = doc("The mandates the councils' profiles give their board members.")
    forums: list[ForumRow] = doc("The area's forums and which councils take part.")
    shared_strategies: list[SharedStrategy] = doc("The strategies the area file shares.")
    own_strategies: list[OwnStrategy] = doc("Each council's own strategies.")
    actions: list[AreaAction] = doc("Every council's next steps, by due date.")
    warnings: list[str] = doc("Where a council's profile contradicts the area file.")
    forum_map_data: ForumMapData = doc("The councils, LEP and forums the forum map draws.")

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
