"""Build the render context: everything a template may show, ready to print.

Templates only present; they never compute. So every value here is already
formatted text (British dates, joined names, labels, multi-paragraph text
marked for Word), every field is always present ('' or [] when the profile
has nothing), and flags such as `has_benchmarks` let a template skip a
section cleanly. What each field holds is declared, typed and described, in
`lisdraft.build.context_model`.
"""

from __future__ import annotations

from typing import TypedDict

from lisdraft.build import context_model as v
from lisdraft.framework import (
    COUNCIL_TYPES,
    FOUNDATION_BY_KEY,
    FOUNDATIONS,
    NOLAN_PRINCIPLES,
    ROLES,
    WAVES,
)
from lisdraft.profile.model import (
    AnchorRequest,
    BoardMember,
    Engaged,
    EvidenceItem,
    Forum,
    Person,
    Place,
    PlaceProfile,
    Priority,
    Strategy,
)
from lisdraft.stocktake.assess import ANSWER_WORDS, Assessment, BoardBalance, QuestionResult
from lisdraft.stocktake.verdict import (
    RATING_FILLS,
    RATING_MEANINGS,
    RATING_SYMBOLS,
    RATING_WORDS,
    Rating,
    rating_label,
)
from lisdraft.text import british_date, join_names, label, paragraphs, slugify
from lisdraft.wording import clause, count_of, join, of_total, plural, shares, the


def build_context(profile: PlaceProfile, assessment: Assessment) -> v.RenderContext:
    """Return the render context shared by all three documents."""
    council = next(c for c in profile.place.councils if c.name == profile.meta.council)
    asks = _numbered_asks(profile.priorities)
    return v.RenderContext(
        council=v.Council(
            name=council.name,
            slug=slugify(council.name),
            type=COUNCIL_TYPES[council.type],
            leader=council.leader or "",
            leader_on_board=council.leader_on_lep_board,
        ),
        meta=_meta(profile),
        place=_place(profile),
        vision=_vision(profile),
        evidence=_evidence(profile),
        engagement=_engagement(profile),
        forums=[forum_entry(f, [c.name for c in profile.place.councils]) for f in profile.forums],
        strategies=[_strategy(s) for s in profile.strategies],
        board=_board(profile, assessment),
        priorities=[_priority(i, p, asks) for i, p in enumerate(profile.priorities)],
        asks=[a for ask_list in asks for a in ask_list],
        foundations=_foundations(profile, asks),
        roles=_roles(profile),
        stocktake=_stocktake(profile, assessment),
        next_steps=[
            v.NextStep(action=a.action, owner=a.owner, due=british_date(a.due))
            for a in profile.next_steps
        ],
        nolan=[v.Principle(name=p.name, meaning=p.meaning) for p in NOLAN_PRINCIPLES],
        summary=_summary(profile, asks),
        extra=v.HouseFields(profile.extra),
        images=v.Images(profile.image_files()),
    )


def _person(person: Person | None) -> str:
    """Return 'Name, Role, Organisation' for a person, or ''."""
    if person is None:
        return ""
    return ", ".join(part for part in (person.name, person.role, person.organisation) if part)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _meta(profile: PlaceProfile) -> v.Meta:
    meta = profile.meta
    return v.Meta(
        status=label(meta.status),
        is_final=meta.status == "final",
        version=meta.version,
        date=british_date(meta.date),
        year=str(meta.date.year),
        classification=meta.classification,
        next_review=british_date(meta.next_review),
        author=v.Author(
            name=meta.author.name,
            role=meta.author.role,
            email=meta.author.email or "",
            phone=meta.author.phone or "",
        ),
    )


def _place(profile: PlaceProfile) -> v.Place:
    place = profile.place
    types = {c.type for c in place.councils}
    return v.Place(
        name=place.name,
        wave=WAVES[place.lis_wave],
        lep=v.Lep(
            name=place.lep.name,
            name_to_start=the(
                place.lep.name, start=True, without_the=profile.meta.names_without_the
            ),
            chair=_person(place.lep.chair),
            vice_chair=_person(place.lep.vice_chair),
            director=_person(place.lep.director),
        ),
        combined_authority=place.combined_authority or "",
        councils=area_councils(place),
        council_count=len(place.councils),
        council_names=join_names([c.name for c in place.councils]),
        two_tier="county" in types and "district" in types,
    )


def _vision(profile: PlaceProfile) -> v.Vision:
    area, own = profile.vision.area, profile.vision.council
    skip = profile.meta.names_without_the
    return v.Vision(
        has_area=area is not None,
        area=v.AreaVision(
            statement=paragraphs(area.statement) if area else "",
            horizon=str(area.horizon) if area else "",
            owner=area.owner if area else "",
            owner_to_start=the(area.owner, start=True, without_the=skip) if area else "",
            adopted=british_date(area.adopted) if area else "",
            how_developed=paragraphs(area.how_developed) if area else "",
        ),
        has_council=own is not None,
        council=v.CouncilVision(
            statement=paragraphs(own.statement) if own else "",
            horizon=str(own.horizon) if own and own.horizon else "",
            document=own.document or "" if own else "",
            document_in_text=the(own.document, without_the=skip) if own and own.document else "",
            adopted=british_date(own.adopted) if own else "",
        ),
        fit=paragraphs(profile.vision.fit),
    )


def _foundation_names(keys: list[str]) -> str:
    return join_names([FOUNDATION_BY_KEY[key].name for key in keys])


def _evidence_item(number: int, item: EvidenceItem) -> v.EvidenceEntry:
    return v.EvidenceEntry(
        number=number,
        title=item.title,
        kind=label(item.kind),
        owner=item.owner,
        year=str(item.year),
        foundations=_foundation_names(list(item.foundations)),
        insight=paragraphs(item.insight),
        shared=_yes_no(item.shared_with_lep),
    )


def _figure(value: float, unit: str) -> str:
    """Return a figure with its unit: '£31.20', '72.4%' or '1,250 jobs'."""
    text = f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    if unit in {"£", "$", "€"}:
        return f"{unit}{value:,.2f}" if value != int(value) else f"{unit}{int(value):,}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".strip()


def _anchor(anchor: AnchorRequest) -> v.Anchor:
    return v.Anchor(
        name=anchor.name,
        kind=label(anchor.kind),
        contribution=anchor.contribution,
        status=label(anchor.status),
    )


def _evidence(profile: PlaceProfile) -> v.Evidence:
    items = profile.evidence.items
    benchmarks = [
        v.Benchmark(
            measure=item.benchmark.measure,
            council_area=_figure(item.benchmark.council_area, item.benchmark.unit),
            lep_area=_figure(item.benchmark.lep_area, item.benchmark.unit),
            england=_figure(item.benchmark.england, item.benchmark.unit),
            source=f"{item.title} ({item.owner}, {item.year})",
            unit=item.benchmark.unit,
            figures=v.Figures(
                council_area=item.benchmark.council_area,
                lep_area=item.benchmark.lep_area,
                england=item.benchmark.england,
            ),
        )
        for item in items
        if item.benchmark is not None
    ]
    return v.Evidence(
        entries=[_evidence_item(i + 1, item) for i, item in enumerate(items)],
        count=len(items),
        shared_count=sum(1 for item in items if item.shared_with_lep),
        has_items=bool(items),
        benchmarks=benchmarks,
        has_benchmarks=bool(benchmarks),
        anchors=[_anchor(a) for a in profile.evidence.anchors_asked],
        has_anchors=bool(profile.evidence.anchors_asked),
    )


def _engaged(items: list[Engaged]) -> list[v.Engaged]:
    return [v.Engaged(name=e.name, how=e.how) for e in items]


def _engagement(profile: PlaceProfile) -> v.Engagement:
    engagement = profile.engagement
    return v.Engagement(
        businesses=_engaged(engagement.businesses),
        anchors=_engaged(engagement.anchors),
        government=_engaged(engagement.government),
        consistent_message=paragraphs(engagement.consistent_message),
        has_any=bool(engagement.businesses or engagement.anchors or engagement.government),
    )


def area_councils(place: Place) -> list[v.AreaCouncil]:
    """Return every council of the area as templates (and the forum map) see it."""
    return [
        v.AreaCouncil(
            name=c.name,
            type=COUNCIL_TYPES[c.type],
            leader=c.leader or "Not recorded",
            on_board=_yes_no(c.leader_on_lep_board),
        )
        for c in place.councils
    ]


def forum_entry(forum: Forum, all_councils: list[str]) -> v.Forum:
    """Return `forum` as templates (and the forum map) see it; `all_councils` for 'all'."""
    return v.Forum(
        name=forum.name,
        kind=label(forum.kind),
        level=label(forum.level),
        chair=forum.chair,
        members=join([*forum.members[:1], *(clause(m) for m in forum.members[1:])]),
        councils="All councils" if forum.councils == "all" else join_names(forum.councils),
        council_names=list(all_councils if forum.councils == "all" else forum.councils),
        lep=_yes_no(forum.lep_takes_part),
        steers=_yes_no(forum.steers_lis),
        remit=paragraphs(forum.remit),
        meets=forum.meets,
    )


def _strategy(strategy: Strategy) -> v.Strategy:
    return v.Strategy(
        name=strategy.name,
        owner=strategy.owner,
        kind=label(strategy.kind),
        status=label(strategy.status),
        horizon=str(strategy.horizon) if strategy.horizon else "",
        foundations=_foundation_names(list(strategy.foundations)),
        relation=paragraphs(strategy.relation_to_lis) or "Not yet set out.",
        agreed=_yes_no(strategy.agreed_with_lep),
    )


def _member(member: BoardMember) -> v.Member:
    return v.Member(
        name=member.name,
        organisation=member.organisation,
        sector=label(member.sector),
        role=label(member.role),
        represents=member.represents or "",
    )


def _board(profile: PlaceProfile, assessment: Assessment) -> v.Board:
    board = profile.board
    balance = assessment.board
    ours = [m for m in board.members if m.represents == profile.meta.council]
    sectors: dict[str, int] = {}
    for member in board.members:
        sectors[member.sector] = sectors.get(member.sector, 0) + 1
    # Shares that add up to 100%, so the sector table never totals 99%.
    share_of = dict(zip(sectors, shares(list(sectors.values())), strict=True))
    private_share = f"{share_of.get('private', 0)}%"
    if not balance.members:
        rule = (
            "The profile does not list the board's members, so the two-thirds rule "
            "cannot be checked."
        )
    else:
        rule = _rule_statement(balance, private_share)
    return v.Board(
        members=[_member(m) for m in board.members],
        count=balance.members,
        private_count=balance.private,
        private_share=private_share,
        meets_two_thirds=balance.meets_rule,
        rule_statement=rule,
        sectors=[
            v.Sector(sector=label(sector), count=count, share=f"{share_of[sector]}%")
            for sector, count in sectors.items()
        ],
        our_members=[_member(m) for m in ours],
        our_member_names=join_names([m.name for m in ours]),
        has_our_members=bool(ours),
        conflict_policy=board.conflict_of_interest_policy or "",
        mandate=paragraphs(board.mandate),
        briefing=paragraphs(board.briefing),
        reporting_back=[
            v.ReportingLine(member=r.member, to=r.to, how=r.how, frequency=r.frequency)
            for r in board.reporting_back
        ],
        decisions=[
            v.Decision(
                date=british_date(d.date),
                item=d.item,
                position=paragraphs(d.council_position),
            )
            for d in board.decisions_ahead
        ],
        has_decisions=bool(board.decisions_ahead),
        questions=list(board.questions),
    )


#: The two-thirds rule's own words, which the statements below end with.
_TWO_THIRDS = "two thirds of the board come from the private sector"


def _rule_statement(balance: BoardBalance, share: str) -> str:
    """Return what the board's make-up means for the two-thirds rule, in two sentences."""
    private, members = balance.private, balance.members
    if balance.meets_rule:
        part = of_total(private, members, "member", "comes", start=True)
        return (
            f"{part} from the private sector ({share}). That meets the rule that at "
            f"least {_TWO_THIRDS}."
        )
    if private == 0:
        part = of_total(private, members, "member", "comes", start=True)
        return f"{part} from the private sector. The rule is that at least {_TWO_THIRDS}."
    part = of_total(private, members, "member", "comes")
    return (
        f"Only {part} from the private sector ({share}). The rule is that at least {_TWO_THIRDS}."
    )


def _numbered_asks(priorities: list[Priority]) -> list[list[v.Ask]]:
    """Return each priority's asks, numbered A1, A2 ... across the whole document."""
    numbered: list[list[v.Ask]] = []
    count = 0
    for priority in priorities:
        asks = []
        for ask in priority.asks:
            count += 1
            asks.append(v.Ask(number=f"A{count}", of=ask.of, ask=ask.ask, priority=priority.title))
        numbered.append(asks)
    return numbered


def _priority(index: int, priority: Priority, asks: list[list[v.Ask]]) -> v.Priority:
    return v.Priority(
        number=f"P{index + 1}",
        title=priority.title,
        foundations=_foundation_names(list(priority.foundations)),
        summary=paragraphs(priority.summary),
        asks=asks[index],
    )


def _foundations(profile: PlaceProfile, asks: list[list[v.Ask]]) -> list[v.Foundation]:
    """Return the five foundations, each with the priorities and evidence tagged to it."""
    out = []
    for foundation in FOUNDATIONS:
        tagged = [
            _priority(i, p, asks)
            for i, p in enumerate(profile.priorities)
            if foundation.key in p.foundations
        ]
        evidence = [e.title for e in profile.evidence.items if foundation.key in e.foundations]
        out.append(
            v.Foundation(
                name=foundation.name,
                ambition=foundation.ambition,
                priorities=tagged,
                has_priorities=bool(tagged),
                evidence=join_names(evidence),
                has_evidence=bool(evidence),
            )
        )
    return out


def _roles(profile: PlaceProfile) -> list[v.Role]:
    return [
        v.Role(
            number=role.number,
            name=role.name,
            summary=role.summary,
            commitments=list(getattr(profile.roles, role.key)),
            has_commitments=bool(getattr(profile.roles, role.key)),
        )
        for role in ROLES
    ]


class _RatingFields(TypedDict):
    """The fields of `context_model.Rated`, to pass to any rated item."""

    rating: str
    rating_key: str
    rating_symbol: str
    rating_cell: str
    rating_fill: str


def _rating(rating: Rating) -> _RatingFields:
    """Return the fields a template needs to show a rating: word, symbol and cell fill."""
    return {
        "rating": RATING_WORDS[rating],
        "rating_key": rating,
        "rating_symbol": RATING_SYMBOLS[rating],
        "rating_cell": rating_label(rating),
        "rating_fill": RATING_FILLS[rating],
    }


def _actions(texts: list[str], owner: str, due: str) -> list[v.Action]:
    return [v.Action(text=text, owner=owner, due=due) for text in texts]


def _question(result: QuestionResult, owner: str, due: str) -> v.Question:
    verdict = result.verdict
    return v.Question(
        number=result.question.number,
        text=result.question.text,
        short=result.question.short,
        answer=ANSWER_WORDS[result.answer],
        note=paragraphs(result.note),
        **_rating(verdict.rating),
        findings=[f.text for f in verdict.findings],
        actions=_actions([a.text for a in verdict.actions], owner, due),
        has_actions=bool(verdict.actions),
        disagreement=result.disagreement or "",
    )


def _stocktake(profile: PlaceProfile, assessment: Assessment) -> v.Stocktake:
    owner = profile.meta.author.name
    due = british_date(profile.meta.next_review) or "the next review"
    questions = [_question(r, owner, due) for r in assessment.questions]
    differing = [str(r.question.number) for r in assessment.questions if r.disagreement]
    board_checks = [
        v.BoardCheck(
            question=check.title,
            **_rating(check.verdict.rating),
            findings=[f.text for f in check.verdict.findings],
            actions=_actions([a.text for a in check.verdict.actions], owner, due),
        )
        for check in assessment.board_checks
    ]
    counts = {
        key: sum(1 for r in assessment.questions if r.verdict.rating == key) for key in RATING_WORDS
    }
    return v.Stocktake(
        questions=questions,
        actions=[a for q in questions for a in q.actions]
        + [a for check in board_checks for a in check.actions],
        counts=v.RatingCounts(**counts),
        scale=[
            v.ScaleEntry(
                **_rating(k),
                word=RATING_WORDS[k],
                symbol=RATING_SYMBOLS[k],
                key=k,
                meaning=RATING_MEANINGS[k],
            )
            for k in RATING_WORDS
        ],
        steps=[
            v.Step(
                number=s.step.number,
                name=s.step.name,
                summary=s.step.summary,
                questions=list(s.step.questions),
                **_rating(s.rating),
                based_on=s.explanation,
            )
            for s in assessment.steps
        ],
        board_checks=board_checks,
        review_date=british_date(profile.meta.next_review) or "a date to be agreed",
        disagreements=len(differing),
        disagreement_note=(
            f"lisdraft's rating differs from the council's own answer on "
            f"{plural('question', len(differing))} {join(differing)}."
            if differing
            else ""
        ),
    )


def _summary(profile: PlaceProfile, asks: list[list[v.Ask]]) -> str:
    """Return the one-paragraph summary that opens the contribution."""
    council, place = profile.meta.council, profile.place.name
    if not profile.priorities:
        return (
            f"{council} has not yet set out its priorities for the {place} Local Industrial "
            "Strategy. This draft records its vision, evidence and ways of working so far."
        )
    all_asks = [a for ask_list in asks for a in ask_list]
    lep = profile.place.lep.name
    of_lep = sum(1 for a in all_asks if a.of == lep or "LEP" in a.of)
    covered = [
        f.name for f in FOUNDATIONS if any(f.key in p.foundations for p in profile.priorities)
    ]
    scope = (
        "all five foundations of productivity"
        if len(covered) == len(FOUNDATIONS)
        else f"{len(covered)} of the five foundations of productivity ({join(covered)})"
    )
    count = len(profile.priorities)
    text = (
        f"{council} sets out {count_of(count, 'priority')} for the "
        f"{place} Local Industrial Strategy, covering {scope}."
    )
    if all_asks:
        others = len(all_asks) - of_lep
        if not others or not of_lep:
            whom = "the LEP" if others == 0 else "government and other partners"
            split = f", {'all ' if len(all_asks) > 1 else ''}of {whom}"
        else:
            split = f": {of_lep} of the LEP and {others} of government and other partners"
        text += f" It makes {count_of(len(all_asks), 'numbered ask')}{split}."
    return text
