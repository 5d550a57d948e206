"""The stock-take: rate the eight questions, six steps and board rules from a profile.

`assess_stocktake` is a pure function over a validated profile: no I/O.
The rules themselves live in `lisdraft.stocktake.rules`, one function each with its
documentation as data.
Missing facts give "not enough information", never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from lisdraft.framework import QUESTIONS, STEP_QUESTIONS, STEPS, Question, Step
from lisdraft.profile.model import PlaceProfile, SelfAnswer
from lisdraft.profile.placeholders import without_placeholders
from lisdraft.stocktake.rules import (
    BOARD_RULE_NAMES,
    BOARD_RULES,
    QUESTION_RULES,
    STEP_RULES,
    BoardBalance,
    board_balance,
)
from lisdraft.stocktake.verdict import RATING_WORDS, Finding, Rating, Verdict, worst
from lisdraft.wording import join, plural

__all__ = [
    "ANSWER_WORDS",
    "Assessment",
    "BoardBalance",
    "Finding",
    "Rating",
    "Verdict",
    "assess_stocktake",
    "board_balance",
]

#: How the council's own answers are shown, in documents and in the terminal.
ANSWER_WORDS = {
    "yes": "Yes",
    "partly": "Partly",
    "no": "No",
    "not_known": "Not known",
    "not_answered": "Not answered",
}


@dataclass(frozen=True)
class QuestionResult:
    """The assessment of one stock-take question."""

    question: Question
    answer: str
    note: str | None
    verdict: Verdict
    disagreement: str | None


@dataclass(frozen=True)
class StepResult:
    """The rating of one of the six steps, and the checks it combines.

    `sources` names every question and rule the rating rests on; `deciders`
    names those whose rating the step takes (the weakest).
    """

    step: Step
    rating: Rating
    sources: tuple[str, ...]
    verdict: Verdict | None
    deciders: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        """Return what the rating rests on, and where it comes from when sources differ.

        For example 'question 4 and the LEP board rules. Its rating comes from
        the board rule on the private-sector share' (no closing full stop: the
        document adds it).
        """
        based_on = _name_sources(self.sources)
        if not self.deciders or list(self.deciders) == list(self.sources):
            return based_on
        return f"{based_on}. Its rating comes from {_name_sources(self.deciders)}, the weakest"


def _name_sources(names: tuple[str, ...]) -> str:
    """Return `names` as a list, with questions grouped: 'questions 5 and 6 and the ... rule'."""
    numbers = [name.removeprefix("question ") for name in names if name.startswith("question ")]
    rule = "the board rule on "
    board = [name.removeprefix(rule) for name in names if name.startswith(rule)]
    others = [name for name in names if not name.startswith(("question ", rule))]
    grouped = [f"{plural('question', len(numbers))} {join(numbers)}"] if numbers else []
    if board:
        grouped.append(f"the board {plural('rule', len(board))} on {join(board)}")
    return join([*grouped, *others])


@dataclass(frozen=True)
class BoardCheck:
    """One of the board rules and its verdict.

    `title` is the question the rule answers; `name` is how a sentence refers
    to the rule ('the board rule on the mandate route').
    """

    key: str
    title: str
    name: str
    verdict: Verdict


@dataclass(frozen=True)
class Assessment:
    """The whole stock-take for one profile."""

    questions: tuple[QuestionResult, ...]
    steps: tuple[StepResult, ...]
    board_checks: tuple[BoardCheck, ...]
    board: BoardBalance


def assess_stocktake(profile: PlaceProfile) -> Assessment:
    """Return the stock-take assessment of `profile`; placeholders count as not filled in."""
    profile = without_placeholders(profile)
    questions = tuple(_assess_question(profile, q) for q in QUESTIONS)
    board_checks = tuple(
        BoardCheck(key, rule.question, rule.name, rule(profile))
        for key, rule in BOARD_RULES.items()
    )
    ratings = {r.question.key: r.verdict.rating for r in questions}
    steps = tuple(_assess_step(profile, s, ratings, board_checks) for s in STEPS)
    return Assessment(questions, steps, board_checks, board_balance(profile))


def _assess_question(profile: PlaceProfile, question: Question) -> QuestionResult:
    verdict = QUESTION_RULES[question.key](profile)
    answer: SelfAnswer | None = getattr(profile.self_assessment, question.key)
    return QuestionResult(
        question=question,
        answer=answer.answer if answer else "not_answered",
        note=answer.note if answer else None,
        verdict=verdict,
        disagreement=_disagreement(answer, verdict),
    )


def _assess_step(
    profile: PlaceProfile,
    step: Step,
    ratings: dict[str, Rating],
    board_checks: tuple[BoardCheck, ...],
) -> StepResult:
    """Rate a step as the worst of its questions, its own rule and (step 6) the board rules."""
    rated = [(f"question {q.number}", ratings[q.key]) for q in STEP_QUESTIONS[step.key]]
    rule = STEP_RULES.get(step.key)
    verdict = None
    if rule is not None:
        verdict = rule(profile)
        rated.append((f"the {step.key} rule", verdict.rating))
    sources = [name for name, _ in rated]
    if step.key == "board_members":
        rated += [
            (f"the board rule on {BOARD_RULE_NAMES[c.key]}", c.verdict.rating) for c in board_checks
        ]
        sources.append("the LEP board rules")
    rating = worst([r for _, r in rated])
    deciders = tuple(name for name, r in rated if r == rating) if len(rated) > 1 else ()
    if len({r for _, r in rated}) == 1:
        deciders = ()
    return StepResult(step, rating, tuple(sources), verdict, deciders)


#: The rating each of the council's own answers amounts to.
ANSWER_RATINGS: dict[str, Rating] = {
    "yes": "green",
    "partly": "amber",
    "no": "red",
    "not_known": "unknown",
}


def _disagreement(answer: SelfAnswer | None, verdict: Verdict) -> str | None:
    """Return a gentle, specific note wherever the council's answer and the rating differ.

    Every answer is compared: yes with Green, partly with Amber, no with Red
    and "not known" with a rating the facts cannot give. Where the profile
    lacks the facts (not enough information), only "not known" agrees, and
    the rating's own action already says what to fill in, so no note is made.
    """
    if answer is None or verdict.rating == ANSWER_RATINGS[answer.answer]:
        return None
    if verdict.rating == "unknown":
        return None
    said = "not known" if answer.answer == "not_known" else answer.answer
    rated = RATING_WORDS[verdict.rating]
    if verdict.rating == "green":
        return (
            f"The council answered {said}, but lisdraft rates it Green. The profile records "
            f"what the question asks for: {_lower_first(verdict.findings[0].text)}"
        )
    gap = verdict.actions[0].text if verdict.actions else verdict.findings[0].text
    return (
        f"The council answered {said}, but lisdraft rates it {rated} from the facts in the "
        f"profile. Suggested next step: {_lower_first(gap)}"
    )


def _lower_first(text: str) -> str:
    """Return `text` with its first word in lower case unless it is a name or acronym."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:].islower() and first in _PLAIN_OPENERS else text


#: Opening words of generated facts and actions that are not names.
_PLAIN_OPENERS = frozenset(
    "Agree Ask Describe Explain Invite List Propose Raise Record Secure Set Say Share The "
    "Widen Each Every No None Officers They".split()
)
