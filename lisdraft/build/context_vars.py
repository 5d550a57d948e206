"""What the render context holds: every variable, its type and what it means.

`lisdraft.build.context.build_context` builds the values; this module declares
them for template authors. `lisdraft templates vars` and
docs/template-variables.md print this declaration, and `lisdraft templates
check` resolves a template's variables against it. A test builds the context
for the examples and fails when a key has no entry here or an entry names a
key the context no longer has, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Leaf = Literal["text", "number", "yes/no"]


@dataclass(frozen=True)
class Var:
    """One value: text, a number or a yes/no flag, with what it means."""

    kind: Leaf
    description: str


@dataclass(frozen=True)
class Group:
    """A group of named values, reached with a dot: `council.name`."""

    description: str
    fields: dict[str, Entry] = field(default_factory=dict)


@dataclass(frozen=True)
class ListOf:
    """A list to loop over with `{% for x in ... %}`; `item` describes each element.

    `never_empty` marks lists the framework always fills, such as the eight
    stock-take questions.
    """

    description: str
    item: Entry
    never_empty: bool = False


Entry = Var | Group | ListOf


def text(description: str) -> Var:
    """Return a text entry."""
    return Var("text", description)


def number(description: str) -> Var:
    """Return a number entry (a count, or a figure such as 71.4)."""
    return Var("number", description)


def flag(description: str) -> Var:
    """Return a yes/no entry, for `{% if ... %}`."""
    return Var("yes/no", description)


def _rating(what: str) -> dict[str, Entry]:
    """Return the rating fields shared by questions, steps, board checks and the scale."""
    return {
        "rating": text(
            f"The {what}'s rating as a word: Green, Amber, Red or Not enough information."
        ),
        "rating_key": text(f"The {what}'s rating as a key: green, amber, red or unknown."),
        "rating_symbol": text(f"The {what}'s rating symbol: ✓, !, ✗ or ?."),
        "rating_cell": text(f"The {what}'s rating as symbol and word, such as '✓ Green'."),
        "rating_fill": text(
            f"The shading colour for the {what}'s rating (hex, such as C6EFCE), for cellbg."
        ),
    }


def _actions(what: str) -> ListOf:
    """Return the list of next actions a question or board check gives."""
    return ListOf(
        f"Next actions for this {what}.",
        Group(
            "One action.",
            {
                "text": text("What to do."),
                "owner": text("Who does it: the profile's author."),
                "due": text("When by: the next review date, or 'the next review'."),
            },
        ),
    )


_ASK = Group(
    "One ask.",
    {
        "number": text("Its number, A1, A2 ..., the same wherever the ask appears."),
        "of": text("Who the ask is addressed to: the LEP, a department or another partner."),
        "ask": text("What is asked."),
        "priority": text("The title of the priority it belongs to."),
    },
)

_PRIORITY = Group(
    "One priority.",
    {
        "number": text("Its number: P1, P2 ..."),
        "title": text("Its title."),
        "foundations": text("The foundations it serves, as names: 'Ideas and Place'."),
        "summary": text("What it is about (may be several paragraphs)."),
        "asks": ListOf("Its asks, numbered across the whole document.", _ASK),
    },
)

_MEMBER = Group(
    "One board member.",
    {
        "name": text("Their name."),
        "organisation": text("Their organisation."),
        "sector": text("Their sector: Private, Local authority, Education, Voluntary or Other."),
        "role": text("Their role on the board: Chair, Vice chair or Member."),
        "represents": text("The council they represent, or ''."),
    },
)

_ENGAGED = Group(
    "One organisation engaged.",
    {"name": text("Its name."), "how": text("How the council engages it.")},
)

CONTEXT: dict[str, Entry] = {
    "council": Group(
        "The council writing the drafts (meta.council in the profile).",
        {
            "name": text("Its name."),
            "slug": text("Its name made safe for file names: 'felpersham-city-council'."),
            "type": text("Its type, such as 'District council'."),
            "leader": text("Its leader's name, or ''."),
            "leader_on_board": flag("Whether its leader sits on the LEP board."),
        },
    ),
    "meta": Group(
        "About the drafts themselves.",
        {
            "status": text("Draft, Consultation or Final."),
            "is_final": flag("Whether the status is final."),
            "version": text("The version, such as '0.3'."),
            "date": text("The date of the drafts: '16 November 2026'."),
            "year": text("The year of that date: '2026'."),
            "classification": text("OFFICIAL or OFFICIAL-SENSITIVE."),
            "next_review": text("When the drafts will next be reviewed, or ''."),
            "author": Group(
                "The officer who wrote the drafts and is the contact for them.",
                {
                    "name": text("Their name."),
                    "role": text("Their job title."),
                    "email": text("Their email address, or ''."),
                    "phone": text("Their telephone number, or ''."),
                },
            ),
        },
    ),
    "place": Group(
        "The LIS area and its partners.",
        {
            "name": text("The area's name: 'Borchestershire'."),
            "wave": text("The LIS wave it is in, with its date: 'Wave 3 (December 2018)'."),
            "lep": Group(
                "The Local Enterprise Partnership.",
                {
                    "name": text("Its name."),
                    "chair": text("The chair: 'Name, Role, Organisation', or ''."),
                    "vice_chair": text("The vice chair, written the same way, or ''."),
                    "director": text("The LEP's director, written the same way, or ''."),
                },
            ),
            "combined_authority": text("The combined authority's name, or '' when there is none."),
            "councils": ListOf(
                "Every council in the LEP area.",
                Group(
                    "One council.",
                    {
                        "name": text("Its name."),
                        "type": text("Its type, such as 'County council'."),
                        "leader": text("Its leader, or 'Not recorded'."),
                        "on_board": text("Yes or No: whether its leader sits on the LEP board."),
                    },
                ),
                never_empty=True,
            ),
            "council_count": number("How many councils the area has."),
            "council_names": text("All their names joined: 'A, B and C'."),
            "two_tier": flag("Whether the area has both county and district councils."),
        },
    ),
    "vision": Group(
        "The visions for the area and for the council.",
        {
            "has_area": flag("Whether the profile records a shared vision for the area."),
            "area": Group(
                "The shared long-term vision for the area (all '' when there is none).",
                {
                    "statement": text("The vision itself (may be several paragraphs)."),
                    "horizon": text("The year it looks ahead to."),
                    "owner": text("Who owns it."),
                    "adopted": text("When it was adopted, or ''."),
                    "how_developed": text("How it was developed (may be several paragraphs)."),
                },
            ),
            "has_council": flag("Whether the profile records a vision of the council's own."),
            "council": Group(
                "The council's own vision (all '' when there is none).",
                {
                    "statement": text("The vision itself (may be several paragraphs)."),
                    "horizon": text("The year it looks ahead to, or ''."),
                    "document": text("The document it is set out in, or ''."),
                    "adopted": text("When it was adopted, or ''."),
                },
            ),
            "fit": text("How the two visions fit together (may be several paragraphs), or ''."),
        },
    ),
    "evidence": Group(
        "The evidence the council offers to the LIS.",
        {
            "entries": ListOf(
                "Each evidence item (called entries, because items is taken by Python).",
                Group(
                    "One evidence item.",
                    {
                        "number": number("Its number in the list, from 1."),
                        "title": text("Its title."),
                        "kind": text("Dataset, Strategy, Study or Engagement."),
                        "owner": text("Who holds it."),
                        "year": text("Its year."),
                        "foundations": text("The foundations it informs, as names."),
                        "insight": text("What it tells the LIS (may be several paragraphs)."),
                        "shared": text("Yes or No: whether the LEP already has it."),
                    },
                ),
            ),
            "count": number("How many evidence items there are."),
            "shared_count": number("How many are already shared with the LEP."),
            "has_items": flag("Whether there is any evidence item."),
            "benchmarks": ListOf(
                "Figures comparing the council's area with the LEP area and England.",
                Group(
                    "One comparison.",
                    {
                        "measure": text("What is measured."),
                        "council_area": text("The figure for the council's area, with its unit."),
                        "lep_area": text("The figure for the LEP area."),
                        "england": text("The figure for England."),
                        "source": text("Where it comes from: 'Title (Owner, Year)'."),
                        "unit": text("The unit, such as '%' or '£', or ''."),
                        "figures": Group(
                            "The three figures as plain numbers, as charts use them.",
                            {
                                "council_area": number("The council's area's figure."),
                                "lep_area": number("The LEP area's figure."),
                                "england": number("England's figure."),
                            },
                        ),
                    },
                ),
            ),
            "has_benchmarks": flag("Whether there is any comparison."),
            "anchors": ListOf(
                "Anchor institutions asked to contribute evidence.",
                Group(
                    "One anchor institution.",
                    {
                        "name": text("Its name."),
                        "kind": text("Its kind, such as University or Hospital."),
                        "contribution": text("What it offers."),
                        "status": text("Asked, Agreed, Contributing or Declined."),
                    },
                ),
            ),
            "has_anchors": flag("Whether any anchor institution has been asked."),
        },
    ),
    "engagement": Group(
        "Who the council engages, and its message.",
        {
            "businesses": ListOf("Business bodies engaged.", _ENGAGED),
            "anchors": ListOf("Anchor institutions engaged.", _ENGAGED),
            "government": ListOf("Government departments engaged.", _ENGAGED),
            "consistent_message": text(
                "How the message is kept consistent (may be several paragraphs)."
            ),
            "has_any": flag("Whether any organisation is listed as engaged."),
        },
    ),
    "forums": ListOf(
        "The forums where councils and the LEP meet.",
        Group(
            "One forum.",
            {
                "name": text("Its name."),
                "kind": text("Its kind, such as 'Joint committee'."),
                "level": text("Members, Officers or Mixed."),
                "chair": text("Who chairs it."),
                "members": text("Its members, joined: 'A, B and C'."),
                "councils": text("The councils taking part, or 'All councils'."),
                "council_names": ListOf(
                    "The names of the councils taking part (every council for 'all').",
                    text("One council's name."),
                ),
                "lep": text("Yes or No: whether the LEP takes part."),
                "steers": text("Yes or No: whether it steers the LIS."),
                "remit": text("Its remit (may be several paragraphs)."),
                "meets": text("How often it meets."),
            },
        ),
    ),
    "strategies": ListOf(
        "The family of strategies the LIS must fit with.",
        Group(
            "One strategy.",
            {
                "name": text("Its name."),
                "owner": text("Who owns it."),
                "kind": text("Its kind, such as Vision or 'Local plan'."),
                "status": text("Its status, such as Adopted."),
                "horizon": text("The year it runs to, or ''."),
                "foundations": text("The foundations it serves, as names."),
                "relation": text("How it relates to the LIS, or 'Not yet set out.'"),
                "agreed": text("Yes or No: whether the LEP agrees that relation."),
            },
        ),
    ),
    "board": Group(
        "The LEP board and the council's part on it.",
        {
            "members": ListOf("Every board member.", _MEMBER),
            "count": number("How many members the board has."),
            "private_count": number("How many come from the private sector."),
            "private_share": text("That share as a percentage: '69%'."),
            "meets_two_thirds": flag("Whether at least two thirds come from the private sector."),
            "rule_statement": text("A sentence saying whether the board meets that rule."),
            "sectors": ListOf(
                "The board's make-up by sector.",
                Group(
                    "One sector.",
                    {
                        "sector": text("The sector."),
                        "count": number("How many members come from it."),
                        "share": text("Their share as a percentage."),
                    },
                ),
            ),
            "our_members": ListOf("The board members who represent this council.", _MEMBER),
            "our_member_names": text("Their names joined: 'A and B', or ''."),
            "has_our_members": flag("Whether any board member represents this council."),
            "conflict_policy": text("Where the conflict of interest policy is published, or ''."),
            "mandate": text("How members get their mandate (may be several paragraphs)."),
            "briefing": text("How members are briefed (may be several paragraphs)."),
            "reporting_back": ListOf(
                "How each member reports back.",
                Group(
                    "One reporting line.",
                    {
                        "member": text("The board member."),
                        "to": text("Who they report to."),
                        "how": text("How they report."),
                        "frequency": text("How often."),
                    },
                ),
            ),
            "decisions": ListOf(
                "Decisions coming up at the board.",
                Group(
                    "One decision.",
                    {
                        "date": text("The meeting date."),
                        "item": text("What is to be decided."),
                        "position": text("The council's position (may be several paragraphs)."),
                    },
                ),
            ),
            "has_decisions": flag("Whether any decision is coming up."),
            "questions": ListOf("Questions to put to the board.", text("One question.")),
        },
    ),
    "priorities": ListOf("The council's priorities, in the profile's order.", _PRIORITY),
    "asks": ListOf("Every ask of every priority, numbered A1, A2 ...", _ASK),
    "foundations": ListOf(
        "The five foundations of productivity, each with what is tagged to it.",
        Group(
            "One foundation.",
            {
                "name": text(
                    "Its name: Ideas, People, Infrastructure, Business environment, Place."
                ),
                "ambition": text("Its ambition in one sentence."),
                "priorities": ListOf("The priorities tagged with it.", _PRIORITY),
                "has_priorities": flag("Whether any priority is tagged with it."),
                "evidence": text("The titles of the evidence tagged with it, joined, or ''."),
                "has_evidence": flag("Whether any evidence is tagged with it."),
            },
        ),
        never_empty=True,
    ),
    "roles": ListOf(
        "The seven roles a council plays in the LIS.",
        Group(
            "One role.",
            {
                "number": number("Its number, 1 to 7."),
                "name": text("Its name."),
                "summary": text("What it means, in one sentence."),
                "commitments": ListOf(
                    "What the council commits to in this role.", text("One commitment.")
                ),
                "has_commitments": flag("Whether the council commits to anything in it."),
            },
        ),
        never_empty=True,
    ),
    "stocktake": Group(
        "The stock-take: eight questions, six steps and the board checks.",
        {
            "questions": ListOf(
                "The eight stock-take questions.",
                Group(
                    "One question.",
                    {
                        "number": number("Its number, 1 to 8."),
                        "text": text("The question in full."),
                        "short": text("The question in a few words, for tables."),
                        "answer": text("The council's own answer: Yes, Partly, No, Not known ..."),
                        "note": text("The council's note on its answer, or ''."),
                        **_rating("question"),
                        "findings": ListOf(
                            "The facts from the profile behind the rating.", text("One fact.")
                        ),
                        "actions": _actions("question"),
                        "has_actions": flag("Whether there is any next action."),
                        "disagreement": text(
                            "Why lisdraft's rating differs from the council's answer, or ''."
                        ),
                    },
                ),
                never_empty=True,
            ),
            "actions": ListOf(
                "Every action from the questions and board checks: the action plan.",
                _actions("stock-take").item,
            ),
            "counts": Group(
                "How many of the eight questions have each rating.",
                {
                    "green": number("Rated green."),
                    "amber": number("Rated amber."),
                    "red": number("Rated red."),
                    "unknown": number("Rated 'not enough information'."),
                },
            ),
            "scale": ListOf(
                "The rating scale, from green to not enough information.",
                Group(
                    "One rating.",
                    {
                        **_rating("scale entry"),
                        "word": text("The rating's word."),
                        "symbol": text("The rating's symbol."),
                        "key": text("The rating's key: green, amber, red or unknown."),
                        "meaning": text("What the rating means."),
                    },
                ),
                never_empty=True,
            ),
            "steps": ListOf(
                "The six steps to effective engagement.",
                Group(
                    "One step.",
                    {
                        "number": number("Its number, 1 to 6."),
                        "name": text("Its name."),
                        "summary": text("What it is about."),
                        "questions": ListOf(
                            "The questions a council asks itself.", text("One."), never_empty=True
                        ),
                        **_rating("step"),
                        "based_on": text("The questions or checks its rating rests on."),
                    },
                ),
                never_empty=True,
            ),
            "board_checks": ListOf(
                "The checks on the LEP board's arrangements.",
                Group(
                    "One check.",
                    {
                        "question": text("What the check asks."),
                        **_rating("check"),
                        "findings": ListOf("The facts behind the rating.", text("One fact.")),
                        "actions": _actions("check"),
                    },
                ),
            ),
            "review_date": text("When the stock-take will next be reviewed."),
            "disagreements": number(
                "On how many questions lisdraft's rating differs from the answer."
            ),
            "disagreement_note": text("A sentence naming those questions, or ''."),
        },
    ),
    "next_steps": ListOf(
        "The council's next steps.",
        Group(
            "One step.",
            {
                "action": text("What will be done."),
                "owner": text("Who does it."),
                "due": text("When by."),
            },
        ),
    ),
    "nolan": ListOf(
        "The seven principles of public life (the Nolan principles).",
        Group("One principle.", {"name": text("Its name."), "meaning": text("What it asks.")}),
        never_empty=True,
    ),
    "summary": text("The one-paragraph summary that opens the contribution."),
}
