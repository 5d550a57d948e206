"""The area overview: the councils of one LIS area side by side, from their built profiles.

When a build includes two or more council profiles that share an area file,
`lisdraft.build.pipeline.build_documents` also writes
`<area-slug>-area-overview.docx` into the output folder. It sets out, council
by council: the answers to the eight stock-take questions with lisdraft's
ratings (each the same as in that council's own stock-take), board seats,
mandates and reporting-back lines, who takes part in which forum (gaps
named), how each council's own strategies relate to the shared ones, every
council's next steps with owners, and where a profile contradicts the area
file (`lisdraft.profile.consistency`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lisdraft.build import overview_model as o
from lisdraft.build.context import area_councils, forum_entry
from lisdraft.build.render import Properties, render_document
from lisdraft.framework import COUNCIL_TYPES
from lisdraft.profile.area import AreaFile, read_source
from lisdraft.profile.model import Forum, PlaceProfile
from lisdraft.stocktake.assess import ANSWER_WORDS, Assessment
from lisdraft.stocktake.verdict import (
    RATING_FILLS,
    RATING_SYMBOLS,
    RATING_WORDS,
    SEVERITY,
    Rating,
    rating_label,
)
from lisdraft.text import british_date, join_names, label, paragraphs, slugify
from lisdraft.word.package import build_time

OVERVIEW_TITLE = "Area overview"
#: The most councils side by side in one table of the matrix; more are split into tables.
MATRIX_COLUMNS = 4


@dataclass(frozen=True)
class Member:
    """One council's built profile in an area: where it was read from, and its assessment."""

    path: Path
    profile: PlaceProfile
    assessment: Assessment
    #: Where its profile contradicts the area file, as messages naming both places.
    warnings: tuple[str, ...] = ()


def council_order(member: Member) -> tuple[int, str]:
    """Return a sort key putting councils in the order the area file lists them."""
    names = [council.name for council in member.profile.place.councils]
    council = member.profile.meta.council
    return (names.index(council) if council in names else len(names), str(member.path))


def overview_name(members: Sequence[Member]) -> str:
    """Return the overview's file name, such as 'borchestershire-area-overview.docx'."""
    return f"{slugify(members[0].profile.place.name)}-area-overview.docx"


def render_overview(area_file: Path, members: Sequence[Member], template: Path) -> bytes:
    """Return the area overview for `members` (sharing `area_file`), rendered with `template`."""
    context = build_overview_context(area_file, members)
    place = members[0].profile.place
    latest = max(member.profile.meta.date for member in members)
    properties = Properties(
        title=f"{OVERVIEW_TITLE}: {place.name}",
        subject=f"{place.name} Local Industrial Strategy",
        author=place.lep.name,
        keywords=f"Local Industrial Strategy; {place.name}; {place.lep.name}; {OVERVIEW_TITLE}",
        created=build_time(latest),
    )
    return render_document(template, context, properties)


def build_overview_context(area_file: Path, members: Sequence[Member]) -> o.OverviewContext:
    """Return the overview's render context for `members`, who share `area_file`."""
    shared = _shared_strategy_names(area_file)
    profiles = [member.profile for member in members]
    return o.OverviewContext(
        area=_area(profiles),
        councils=[_council(member) for member in members],
        matrix=_matrix(members),
        seats=[_seat(profile) for profile in profiles],
        mandates=_mandates(profiles),
        forums=[_forum(forum, profiles) for forum in profiles[0].forums],
        shared_strategies=[
            o.SharedStrategy(
                name=s.name,
                owner=s.owner,
                status=label(s.status),
                agreed=_yes_no(s.agreed_with_lep),
            )
            for s in profiles[0].strategies
            if s.name in shared
        ],
        own_strategies=[
            o.OwnStrategy(
                council=profile.meta.council,
                name=s.name,
                status=label(s.status),
                relation=paragraphs(s.relation_to_lis) or "Not yet set out.",
                agreed=_yes_no(s.agreed_with_lep),
            )
            for profile in profiles
            for s in profile.strategies
            if s.name not in shared
        ],
        actions=_actions(profiles),
        warnings=[warning for member in members for warning in member.warnings],
        forum_map_data=_forum_map_data(profiles[0]),
    )


def _forum_map_data(profile: PlaceProfile) -> o.ForumMapData:
    """Return what the forum map draws for the area: all its councils, the LEP and the forums."""
    all_councils = [c.name for c in profile.place.councils]
    return o.ForumMapData(
        lep=profile.place.lep.name,
        councils=area_councils(profile.place),
        forums=[forum_entry(f, all_councils) for f in profile.forums],
    )


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _shared_strategy_names(area_file: Path) -> set[str]:
    """Return the names of the strategies the area file itself lists."""
    area = AreaFile.model_validate(read_source(area_file, str(area_file)).data)
    return {strategy.name for strategy in area.strategies or []}


def _area(profiles: list[PlaceProfile]) -> o.Area:
    place = profiles[0].place
    covered = [profile.meta.council for profile in profiles]
    vision = profiles[0].vision.area
    lep = place.lep
    chair = lep.chair.name + (f", {lep.chair.organisation}" if lep.chair.organisation else "")
    return o.Area(
        name=place.name,
        slug=slugify(place.name),
        lep=lep.name,
        chair=chair,
        director=lep.director.name if lep.director else "",
        vision=paragraphs(vision.statement) if vision else "",
        vision_owner=vision.owner if vision else "",
        councils=join_names(covered),
        council_count=len(covered),
        not_covered=join_names([c.name for c in place.councils if c.name not in covered]),
        date=british_date(max(profile.meta.date for profile in profiles)),
    )


def _council(member: Member) -> o.CouncilEntry:
    profile = member.profile
    entry = next(c for c in profile.place.councils if c.name == profile.meta.council)
    author = profile.meta.author
    return o.CouncilEntry(
        name=entry.name,
        type=COUNCIL_TYPES[entry.type],
        contact=f"{author.name}, {author.role}",
        status=f"{label(profile.meta.status).lower()}, version {profile.meta.version}",
        counts=_counts([q.verdict.rating for q in member.assessment.questions]),
    )


def _counts(ratings: list[Rating]) -> str:
    """Return how many of each rating, worst first, such as '1 red, 3 amber and 4 green'."""
    parts = [
        f"{ratings.count(rating)} {RATING_WORDS[rating].lower()}"
        for rating in SEVERITY
        if ratings.count(rating)
    ]
    return join_names(parts)


def _matrix(members: Sequence[Member]) -> list[o.MatrixTable]:
    """Return the eight questions with the councils side by side, in tables of a few each."""
    sizes = table_sizes(len(members), MATRIX_COLUMNS)
    count = len(members[0].assessment.questions)
    tables = []
    start = 0
    for size in sizes:
        part = members[start : start + size]
        tables.append(
            o.MatrixTable(
                title=_matrix_title(start, size, len(members)) if len(sizes) > 1 else "",
                councils=[member.profile.meta.council for member in part],
                rows=[
                    o.MatrixRow(
                        number=part[0].assessment.questions[index].question.number,
                        short=part[0].assessment.questions[index].question.short,
                        answers=[_answer(member, index) for member in part],
                    )
                    for index in range(count)
                ],
            )
        )
        start += size
    return tables


def table_sizes(councils: int, most: int) -> list[int]:
    """Return how many councils each table of the matrix holds: at most `most`, as even as can be.

    Seven councils, at most four a table, give [4, 3]; five give [3, 2], not [4, 1].
    """
    tables = max(1, -(-councils // most))
    base, extra = divmod(councils, tables)
    return [base + 1] * extra + [base] * (tables - extra)


def _matrix_title(start: int, size: int, total: int) -> str:
    """Return the title of a table holding councils `start` + 1 to `start` + `size` of `total`."""
    if size == 1:
        return f"Council {start + 1} of {total}"
    return f"Councils {start + 1} to {start + size} of {total}"


def _answer(member: Member, index: int) -> o.Answer:
    result = member.assessment.questions[index]
    rating = result.verdict.rating
    answer = ANSWER_WORDS[result.answer]
    return o.Answer(
        council=member.profile.meta.council,
        answer=answer,
        summary=f"{answer} {rating_label(rating)}",
        rating=RATING_WORDS[rating],
        rating_key=rating,
        rating_symbol=RATING_SYMBOLS[rating],
        rating_cell=rating_label(rating),
        rating_fill=RATING_FILLS[rating],
    )


def _seat(profile: PlaceProfile) -> o.Seat:
    council = profile.meta.council
    members = [m.name for m in profile.board.members if m.represents == council]
    entry = next(c for c in profile.place.councils if c.name == council)
    lines = [
        f"{line.member} to {line.to}: {line.how.rstrip('.')}, {line.frequency}"
        for line in profile.board.reporting_back
        if line.member in members
    ]
    return o.Seat(
        council=council,
        members=join_names(members) or "No seat",
        leader_on_board=_yes_no(entry.leader_on_lep_board),
        reporting=lines,
        reporting_text="; ".join(lines) or "None recorded",
    )


def _mandates(profiles: list[PlaceProfile]) -> list[o.Mandate]:
    """Return each distinct mandate with the councils whose profiles give it."""
    given: dict[str, list[str]] = {}
    for profile in profiles:
        text = profile.board.mandate or ""
        given.setdefault(text, []).append(profile.meta.council)
    return [
        o.Mandate(
            councils=join_names(councils),
            text=paragraphs(text) if text else "No mandate is recorded.",
        )
        for text, councils in given.items()
    ]


def _forum(forum: Forum, profiles: list[PlaceProfile]) -> o.ForumRow:
    covered = [profile.meta.council for profile in profiles]
    named = forum.councils
    taking_part = covered if named == "all" else [c for c in covered if c in named]
    gaps = [council for council in covered if council not in taking_part]
    return o.ForumRow(
        name=forum.name,
        level=label(forum.level),
        lep=_yes_no(forum.lep_takes_part),
        councils="All" if not gaps else join_names(taking_part) or "None",
        gaps=join_names(gaps) or "None",
    )


def _actions(profiles: list[PlaceProfile]) -> list[o.AreaAction]:
    """Return every council's next steps, soonest first."""
    steps = [
        (step.due, index, profile.meta.council, step)
        for index, profile in enumerate(profiles)
        for step in profile.next_steps
    ]
    return [
        o.AreaAction(council=council, action=step.action, owner=step.owner, due=british_date(due))
        for due, _, council, step in sorted(steps, key=lambda item: (item[0], item[1]))
    ]
