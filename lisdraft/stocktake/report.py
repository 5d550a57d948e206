"""Present an assessment outside Word: a terminal table and a JSON document.

The JSON shape is documented in docs/stocktake-json.md and versioned by its
`schema` field; change that when the shape changes.
"""

from __future__ import annotations

from typing import Any

from lisdraft.profile.model import PlaceProfile
from lisdraft.stocktake.assess import ANSWER_WORDS, Assessment, QuestionResult
from lisdraft.stocktake.verdict import RATING_WORDS, Verdict, rating_label

JSON_SCHEMA_ID = "lisdraft.stocktake/2"


def assessment_to_json(profile: PlaceProfile, assessment: Assessment) -> dict[str, Any]:
    """Return the assessment as plain data for other tools (see docs/stocktake-json.md)."""
    counts = dict.fromkeys(RATING_WORDS, 0)
    for result in assessment.questions:
        counts[result.verdict.rating] += 1
    return {
        "schema": JSON_SCHEMA_ID,
        "council": profile.meta.council,
        "place": profile.place.name,
        "date": profile.meta.date.isoformat(),
        "summary": counts,
        "questions": [_question_json(r) for r in assessment.questions],
        "steps": [
            {
                "number": s.step.number,
                "key": s.step.key,
                "name": s.step.name,
                "rating": s.rating,
                "based_on": list(s.sources),
                "rating_from": list(s.deciders),
                **(_verdict_json(s.verdict) if s.verdict else {}),
            }
            for s in assessment.steps
        ],
        "board": {
            "members": assessment.board.members,
            "private_sector_members": assessment.board.private,
            "private_sector_share": round(float(assessment.board.share), 4),
            "meets_two_thirds_rule": assessment.board.meets_rule,
            "checks": [
                {"key": c.key, "question": c.title, **_verdict_json(c.verdict)}
                for c in assessment.board_checks
            ],
        },
    }


def _verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {
        "rating": verdict.rating,
        "findings": [{"text": f.text, "fields": list(f.fields)} for f in verdict.findings],
        "actions": [{"text": a.text, "fields": list(a.fields)} for a in verdict.actions],
    }


def _question_json(result: QuestionResult) -> dict[str, Any]:
    return {
        "number": result.question.number,
        "key": result.question.key,
        "question": result.question.text,
        "council_answer": result.answer,
        "council_note": result.note,
        **_verdict_json(result.verdict),
        "disagreement": result.disagreement,
    }


def format_table(profile: PlaceProfile, assessment: Assessment) -> str:
    """Return the eight questions as a plain-text table, then disagreements and board rules."""
    header = ("#", "Question", "Council says", "lisdraft rating", "Differs", "Facts used")
    rows = [
        (
            str(r.question.number),
            r.question.short,
            ANSWER_WORDS[r.answer],
            rating_label(r.verdict.rating),
            "yes" if r.disagreement else "",
            ", ".join(dict.fromkeys(f for finding in r.verdict.findings for f in finding.fields)),
        )
        for r in assessment.questions
    ]
    lines = [f"Stock-take for {profile.meta.council} ({profile.place.name})", ""]
    lines += _columns([header, *rows])
    differing = [r for r in assessment.questions if r.disagreement]
    if differing:
        lines += ["", "Where the council's answer and the facts differ:"]
        lines += [f"  {r.question.number}. {r.disagreement}" for r in differing]
    lines += ["", "LEP board rules:"]
    lines += [f"  {rating_label(c.verdict.rating):<26} {c.title}" for c in assessment.board_checks]
    lines += ["", "Six steps:"]
    lines += [
        f"  {rating_label(s.rating):<26} {s.step.number}. {s.step.name}" for s in assessment.steps
    ]
    return "\n".join(lines)


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    """Return `rows` as left-aligned columns; the last column is not padded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    out = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.append("  ".join([*cells, row[-1]]).rstrip())
        if index == 0:
            out.append("  ".join(["-" * w for w in widths] + ["-" * len(row[-1])]))
    return out
