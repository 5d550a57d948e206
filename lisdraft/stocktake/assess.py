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
from lisdraft.stocktake.rules import (
    BOARD_RULES,
    QUESTION_RULES,
    STEP_RULES,
    BoardBalance,
    board_balance,
)
from lisdraft.stocktake.verdict import Finding, Rating, Verdict, worst

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
    """The rating of one of the six steps, and the checks it combines."""

    step: Step
    rating: Rating
    sources: tuple[str, ...]
    verdict: Verdict | None


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
    """Return the stock-take assessment of `profile`."""
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
    questions = STEP_QUESTIONS[step.key]
    sources = [f"question {q.number}" for q in questions]
    found = [ratings[q.key] for q in questions]
    rule = STEP_RULES.get(step.key)
    verdict = None
    if rule is not None:
        verdict = rule(profile)
        found.append(verdict.rating)
        sources.append(rule.question.rstrip("?").lower())
    if step.key == "board_members":
        found.extend(check.verdict.rating for check in board_checks)
        sources.append("the board rules")
    return StepResult(step, worst(found), tuple(sources), verdict)


def _disagreement(answer: SelfAnswer | None, verdict: Verdict) -> str | None:
    """Return a gentle, specific note where the council's answer and the facts part company."""
    if answer is None or verdict.rating == "unknown":
        return None
    if answer.answer == "yes" and verdict.rating in {"amber", "red"}:
        gap = verdict.actions[0] if verdict.actions else verdict.findings[0].text
        return (
            "The council answered yes, but the profile does not yet show this in full. "
            f"It suggests: {gap}"
        )
    if answer.answer in {"no", "not_known"} and verdict.rating == "green":
        return (
            "The council was cautious here, but the profile records what this question asks "
            f"for: {verdict.findings[0].text}"
        )
    return None
