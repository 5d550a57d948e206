"""Write a starter profile for a council that is starting from nothing.

`new_profile` returns the text of a profile with every section present, each
with a comment saying what belongs there and an example. It is valid as it
stands: required values that only the council knows are placeholders
starting "TO DO:", and the sections that the stock-take reads are left empty,
so it rates them "not enough information" and names the field to fill in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
import typing
from pathlib import Path
from typing import Any

from lisdraft.errors import OutputError, ProfileError, UsageError
from lisdraft.framework import QUESTIONS, ROLES
from lisdraft.profile import model
from lisdraft.profile.area import (
    JOINED_SECTIONS,
    SPLIT_SECTIONS,
    AreaFile,
    check_area_file,
    read_source,
)
from lisdraft.text import join_names

#: Marks every value the council must replace; search for it before sharing a draft.
PLACEHOLDER = "TO DO:"
#: Where the modeline tells editors to find the schema, relative to the profile.
DEFAULT_SCHEMA_REF = "profile.schema.json"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Comment lines longer than this are wrapped, as a person would write them.
WIDTH = 80
#: A commented line that is YAML to uncomment, such as '#   kind: dataset'.
_EXAMPLE = re.compile(r"\s*(?:- |[a-z_]+:(?: |$))")


def new_profile(
    council: str,
    place: str,
    today: dt.date | None = None,
    schema_ref: str = DEFAULT_SCHEMA_REF,
) -> str:
    """Return the text of a starter profile for `council` in the LIS area `place`.

    `today` is the date the drafts carry (today when None); `schema_ref` is
    the URL or path of the JSON Schema that the modeline points editors at.
    """
    values = {
        "SCHEMA": _checked(schema_ref, "schema location"),
        "COUNCIL": _quoted(_checked(council, "council's name")),
        "PLACE": _quoted(_checked(place, "place's name (--place)")),
        "COUNCIL_NAME": council.strip(),
        "PLACE_NAME": place.strip(),
        "DATE": (today or dt.date.today()).isoformat(),
        "ROLES": _roles_block(),
        "SELF_ASSESSMENT": _self_assessment_block(),
    }
    for alias in ("CouncilType", "ForumKind", "ForumLevel", "StrategyKind", "StrategyStatus"):
        values[alias] = _choices(getattr(model, alias))
    for alias in ("EvidenceKind", "AnchorKind", "AnchorStatus", "Sector", "FoundationKey"):
        values[alias] = _choices(getattr(model, alias))
    text = re.sub(r"<<(\w+)>>", lambda match: values[match.group(1)], _TEMPLATE)
    return "\n".join(_wrapped(line) for line in text.splitlines()) + "\n"


def create_profile(
    path: str | Path,
    council: str,
    place: str,
    today: dt.date | None = None,
    schema_ref: str = DEFAULT_SCHEMA_REF,
) -> Path:
    """Write a starter profile to `path`, refusing to replace an existing file; return `path`."""
    return _write_new(Path(path), new_profile(council, place, today, schema_ref))


def create_area_profile(
    path: str | Path,
    council: str,
    area_file: str | Path,
    today: dt.date | None = None,
    schema_ref: str = DEFAULT_SCHEMA_REF,
) -> Path:
    """Write a starter profile naming `area_file` to `path` (never replacing a file); return it."""
    path = Path(path)
    area_ref = Path(os.path.relpath(Path(area_file).resolve(), path.resolve().parent)).as_posix()
    return _write_new(path, new_area_profile(council, area_file, area_ref, today, schema_ref))


def _write_new(path: Path, text: str) -> Path:
    """Write `text` to a new file at `path`, refusing to replace an existing file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise OutputError(
            f"{path}: there is already a file here, and lisdraft new never replaces one. "
            "Choose another name with --out, or move the existing file first."
        ) from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the profile ({exc.strerror})") from None
    return path


def new_area_profile(
    council: str,
    area_file: str | Path,
    area_ref: str,
    today: dt.date | None = None,
    schema_ref: str = DEFAULT_SCHEMA_REF,
) -> str:
    """Return the text of a starter profile for `council` that names the area file `area_file`.

    `area_ref` is how the profile writes the area file's path (relative to the
    profile). The sections and parts the area file gives are left out, so the
    profile holds only the council's own. Raise `ProfileError` when the area
    file is not valid, and `UsageError` when it does not list `council`.
    """
    path = Path(area_file)
    source = read_source(path, str(path))
    problems = check_area_file(source)
    if problems:
        raise ProfileError(problems)
    area = AreaFile.model_validate(source.data)
    if area.place is None:
        raise UsageError(f"{path}: the area file has no place section to start a profile from")
    names = [entry.name for entry in area.place.councils]
    if council.strip() not in names:
        raise UsageError(
            f"'{council.strip()}' is not one of the councils in {path} (place.councils lists "
            f"{join_names(names)}); add it there first, or check the spelling"
        )
    text = new_profile(council, area.place.name, today, schema_ref)
    return _without_area_parts(text, source.data, _checked(area_ref, "area file's path"))


def _without_area_parts(text: str, area: dict[str, Any], area_ref: str) -> str:
    """Return the starter `text` without what `area` gives, naming the area file instead."""
    blocks = re.split(r"(?m)^(?=# --- )", text)
    kept = [blocks[0]]
    for block in blocks[1:]:
        section = block.split()[2]
        if section not in area or section in JOINED_SECTIONS:
            kept.append(block)
        elif section in SPLIT_SECTIONS and isinstance(area[section], dict):
            kept.append(_without_parts(block, set(area[section])))
        if section == "meta":
            kept.insert(
                len(kept) - 1,
                "# --- area ---------------------------------------------------------------\n"
                "# The facts this council shares with the area's other councils (the place, "
                "the area's vision, the LEP board, the forums and the shared strategies) are "
                "in the area file. Leave those sections out here.\n"
                f"area: {_quoted(area_ref)}\n\n",
            )
    return "\n".join(_wrapped(line) for line in "".join(kept).splitlines()) + "\n"


def _without_parts(block: str, parts: set[str]) -> str:
    """Return a section's `block` without the sub-keys in `parts` (and their examples)."""
    kept: list[str] = []
    skipping = False
    for line in block.splitlines(keepends=True):
        key = re.match(r"^  ([a-z_]+):", line)
        if key:
            skipping = key.group(1) in parts
        elif not line.startswith("    ") and not line.startswith("  #"):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def _checked(value: str, what: str) -> str:
    """Return `value` stripped, or raise `UsageError` if it cannot go in a profile."""
    value = value.strip()
    if not value:
        raise UsageError(f'the {what} is empty; give it in quotes, such as "Felpersham"')
    if _CONTROL.search(value):
        raise UsageError(f"the {what} must be a single line of text")
    return value


def _quoted(value: str) -> str:
    """Return `value` as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _choices(alias: Any) -> str:
    """Return the allowed values of a choice type such as `model.ForumKind`, as 'a, b or c'."""
    literal = typing.get_args(alias)[0] if typing.get_origin(alias) is typing.Annotated else alias
    return join_names([str(value) for value in typing.get_args(literal)]).replace(" and ", " or ")


def _wrapped(line: str) -> str:
    """Return a long comment line wrapped at `WIDTH`, unless it is an example to uncomment."""
    comment = re.match(r"^(\s*)# (.*)$", line)
    if len(line) <= WIDTH or not comment or _EXAMPLE.match(comment.group(2)):
        return line
    indent = comment.group(1)
    lines = textwrap.wrap(comment.group(2), WIDTH - len(indent) - 2)
    return "\n".join(f"{indent}# {part}" for part in lines)


def _roles_block() -> str:
    lines = []
    for role in ROLES:
        lines.append(f"  # Role {role.number}, {role.name}: {role.summary}")
        lines.append(f"  {role.key}: []")
    return "\n".join(lines)


def _self_assessment_block() -> str:
    lines = []
    for question in QUESTIONS:
        lines.append(f"  # Question {question.number}: {question.text}")
        lines.append(f"  {question.key}:")
    return "\n".join(lines)


_TEMPLATE = """\
# yaml-language-server: $schema=<<SCHEMA>>
#
# Place profile: <<COUNCIL_NAME>>, <<PLACE_NAME>> LIS area
#
# Written by `lisdraft new` as a starting point. It is valid as it stands, so
# `lisdraft validate` and `lisdraft build` work straight away; fill it in
# section by section and rebuild as you go.
#
# - Values starting "TO DO:" are placeholders, and lines marked "TO DO: check"
#   hold a guess to confirm. Placeholders print in the drafts as they are, so
#   search for "TO DO" before you share anything.
# - Empty sections (nothing after the colon, or []) are what the stock-take
#   reads as "not enough information"; it names the field to fill in.
# - Each empty section has a commented example. To use it, delete the [] (for
#   a list), remove the "# " from the example lines and edit them.
# - Text separated by a blank line becomes separate paragraphs. Start a block
#   of several paragraphs with "|". Quote values such as "0.3".
# - examples/borchestershire/profile.yaml in lisdraft shows every section
#   filled in. For completion and hover help in your editor, write the schema
#   beside this file: lisdraft schema --out profile.schema.json

# --- meta ---------------------------------------------------------------
# Who wrote this, its status, and when the stock-take is next reviewed.
# "council" must match a name under place.councils exactly.
meta:
  council: <<COUNCIL>>
  status: draft  # draft, consultation or final
  version: "0.1"
  date: <<DATE>>  # the date the drafts carry, as YYYY-MM-DD
  author:
    name: "TO DO: your name"
    role: "TO DO: your job title"
    email:  # for example: priya.wendover@felpersham.gov.example
    phone:  # in quotes, for example: "01632 960418"
  classification: OFFICIAL  # OFFICIAL or OFFICIAL-SENSITIVE
  next_review:  # when the stock-take will next be reviewed, such as 2027-05-17

# --- place --------------------------------------------------------------
# The LIS area: the LEP and its officers, any combined authority, the LIS
# wave (1, 2 or 3), and every council with whether its leader is on the board.
place:
  name: <<PLACE>>
  lep:
    name: "TO DO: the LEP's name"
    chair: {name: "TO DO: the LEP chair's name"}  # add organisation: and role: if you like
    vice_chair: {name: "TO DO: the LEP vice chair's name"}
    director:  # for example: {name: Owen Castellane, role: LEP Director}
  combined_authority:  # the combined authority covering the area, if there is one
  lis_wave: 3  # TO DO: check: 1, 2 or 3 (most areas were in wave 3)
  # Every council in the LEP area, including yours. type is one of <<CouncilType>>.
  # For example:
  #   - {name: Borchester Borough Council, type: district, leader: Cllr Peter Gillingham}
  councils:
    - name: <<COUNCIL>>
      type: unitary  # TO DO: check: <<CouncilType>>
      leader:  # for example: Cllr Amina Rashford
      leader_on_lep_board: false  # TO DO: check: true or false

# --- vision -------------------------------------------------------------
# area: the shared vision that frames the LIS, its owner and how it was built.
# council: the council's own vision. fit: how the two relate.
# Empty, the stock-take rates questions 1 and 2 "not enough information".
vision:
  area:
    # statement: By 2030 Borchestershire will be a productive, fair and low-carbon economy.
    # horizon: 2030
    # owner: Borchester and Felpersham Economic Joint Committee
    # adopted: 2024-07-11
    # how_developed: A 14-week public conversation, then a business panel and a citizens' panel.
  council:
    # statement: A fairer, greener, growing Felpersham.
    # horizon: 2030
    # document: Felpersham Council Plan 2025-2030
    # adopted: 2025-03-04
  fit:  # for example: The Council Plan applies the area's 2030 vision to the city.

# --- evidence -----------------------------------------------------------
# items: what the council offers, what each shows and whether the LEP has it.
# An item's kind is one of <<EvidenceKind>>; its foundations are one or more of <<FoundationKey>>.
# Add a benchmark (council area vs LEP area vs England) where you have one.
# anchors_asked: anchor institutions asked for evidence, and where that stands.
# An anchor's kind is one of <<AnchorKind>>; its status is one of <<AnchorStatus>>.
# Empty, the stock-take rates question 8 "not enough information".
evidence:
  items: []
    # - title: Felpersham Skills and Employment Profile
    #   kind: dataset
    #   owner: Felpersham City Council
    #   year: 2026
    #   foundations: [people]
    #   insight: Fewer city residents hold degrees than across the LEP area or England.
    #   shared_with_lep: true
    #   benchmark:
    #     measure: Residents aged 16-64 qualified to level 4 or above, 2025
    #     unit: "%"
    #     council_area: 35.8
    #     lep_area: 38.2
    #     england: 47.3
  anchors_asked: []
    # - name: University of Felpersham
    #   kind: university
    #   contribution: Graduate retention data and its research strengths in food science.
    #   status: agreed

# --- engagement ---------------------------------------------------------
# Who the council talks to about the LIS, and how. consistent_message: the
# one message the council and the LEP give everyone.
# Empty, the stock-take rates step 3 "not enough information".
engagement:
  businesses: []
    # - name: Borchestershire Chamber of Commerce
    #   how: Joint breakfast briefings with the LEP.
  anchors: []
    # - name: Borchester College
    #   how: Regular meetings on adult courses in the city's most deprived wards.
  government: []
    # - name: Department for Transport
    #   how: With the county council on the business case for a new road link.
  consistent_message:  # for example: The council and the LEP agree one message at the committee.

# --- forums -------------------------------------------------------------
# Every meeting through which councils shape the LIS.
# A forum's kind is one of <<ForumKind>>. Its level is one of <<ForumLevel>>.
# Its councils are "all" or names written exactly as in place.councils.
# steers_lis: true only where the forum steers, oversees or approves the LIS.
# Empty, the stock-take rates questions 5, 6 and 7 "not enough information".
forums: []
  # - name: Borchester and Felpersham Economic Joint Committee
  #   kind: joint_committee
  #   level: members
  #   chair: Cllr Peter Gillingham, Leader of Borchester Borough Council
  #   members:
  #     - The leaders of all three councils
  #     - The LEP chair and vice chair (attend)
  #   councils: all
  #   lep_takes_part: true
  #   steers_lis: false
  #   remit: Owns the area's vision and agrees the councils' shared position on the LIS.
  #   meets: every eight weeks

# --- strategies ---------------------------------------------------------
# The family of strategies around the LIS: how each relates to it, and
# whether the LEP shares that understanding (agreed_with_lep).
# A strategy's kind is one of <<StrategyKind>>. Its status is one of <<StrategyStatus>>.
# Empty, the stock-take rates question 3 "not enough information".
strategies: []
  # - name: Felpersham Inclusive Growth Strategy
  #   owner: Felpersham City Council
  #   kind: inclusive_growth
  #   status: in_preparation
  #   horizon: 2035
  #   foundations: [people, place]
  #   relation_to_lis: Sets out how growth will reach the city's most deprived wards.
  #   agreed_with_lep: false

# --- board --------------------------------------------------------------
# The LEP board: every member, with sector (<<Sector>>),
# role (chair, vice_chair or member) and the council each represents, if any.
# The chair and vice chair must be the people named under place.lep. Then the
# arrangements around the council's members: the conflict of interest policy,
# the mandate route, briefing, reporting back, decisions ahead and questions.
# Empty, the stock-take rates question 4 and the board rules "not enough information".
board:
  members: []
    # - {name: Tomasz Wielgosz, organisation: Wielgosz Logistics Ltd, sector: private}
    # - name: Cllr Amina Rashford
    #   organisation: Felpersham City Council
    #   sector: local_authority
    #   represents: Felpersham City Council
  conflict_of_interest_policy:  # for example: On the LEP's website, with the register of interests
  mandate:  # for example: The joint committee agrees a position before each board meeting.
  briefing:  # for example: A written briefing from officers a week before each meeting.
  reporting_back: []
    # - {member: Cllr Amina Rashford, to: Cabinet, how: A written report, frequency: monthly}
  decisions_ahead: []
    # - date: 2027-01-20
    #   item: Approve the draft LIS for consultation
    #   council_position: Support, provided the leaders' joint committee has reviewed it first.
  questions: []
    # - How will the LIS measure whether growth reaches the most deprived wards?

# --- priorities ---------------------------------------------------------
# The council's priorities, each tagged with one or more foundations, with
# numbered asks addressed to a named body (the LEP or a department).
priorities: []
  # - title: Connect people and firms to opportunity
  #   foundations: [infrastructure, place]
  #   summary: Slow bus links cut the city's eastern estates off from the main employment sites.
  #   asks:
  #     - of: Department for Transport
  #       ask: Fund the development of the Eastern Link business case to the next stage.

# --- roles --------------------------------------------------------------
# One to three firm commitments under each of the seven roles, for example:
#   hands_on_support:
#     - We will lend a senior economic analyst to the LEP for two days a week.
roles:
<<ROLES>>

# --- self_assessment ----------------------------------------------------
# The council's own answer to each stock-take question (yes, partly, no or
# not_known), with a short note on the evidence. For example:
#   councils_forum:
#     answer: partly
#     note: All the leaders meet at the joint committee, but the LEP does not attend.
self_assessment:
<<SELF_ASSESSMENT>>

# --- next_steps ---------------------------------------------------------
# Actions, each with an owner (a post, not a team) and a due date.
next_steps: []
  # - action: Take the draft council contribution to Cabinet for approval.
  #   owner: Director of Place
  #   due: 2026-12-15
"""
