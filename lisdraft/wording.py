"""Wording helpers: the one place where generated sentences get their grammar right.

Every sentence that lisdraft builds from profile data goes through these small
helpers, so that it reads right whatever the profile holds: one strategy or
four, one council or seven, a forum called "Leaders' Board" or "The Marches
Growth Board".

Plurals, verb agreement, number words and the core of "a"/"an" come from the
`inflect` library (well kept, pure Python, used widely for exactly this; its
answers are cached, as it checks its arguments' types at run time, which
makes a call cost about a millisecond); we
add only what it does not know: British list style without the serial comma,
letter-by-letter acronyms ("an LEP", "an SME"), numbers that start a sentence,
and which names read with "the".

Names that read with "the"
--------------------------
A name takes "the" in running text ("steered through the Amberfield Leaders'
Board") when either:

* the profile writes it with a leading "The" or "the" ("The Marches Growth
  Board"); the article is then written in lower case mid-sentence and in
  capitals at the start of one; or
* its last word (ignoring years such as "2025-2030" and bracketed notes) is a
  common noun for a body or a document, listed in `THE_NOUNS` ("Board",
  "Strategy", "Plan", "Partnership", "Combined Authority", "LEP" ...).

Council names ("Borchestershire County Council") and people's names never take
it. A profile can turn the rule off for particular names with
`meta.names_without_the` (for example a board called "Growth Borsetshire Board"
that people always say without the article). Profile text is never otherwise
re-capitalised, and apostrophes are kept as written.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Iterable, Sequence
from fractions import Fraction

import inflect

_ENGINE = inflect.engine()

#: Last words of a name that make it read with "the" in running text.
THE_NOUNS: frozenset[str] = frozenset(
    {
        "agreement",
        "alliance",
        "assembly",
        "assessment",
        "audit",
        "authority",
        "baseline",
        "board",
        "cabinet",
        "commission",
        "committee",
        "compact",
        "conference",
        "consortium",
        "deal",
        "executive",
        "forum",
        "framework",
        "group",
        "hub",
        "lep",
        "network",
        "observatory",
        "panel",
        "partnership",
        "plan",
        "programme",
        "prospectus",
        "report",
        "review",
        "strategy",
        "study",
        "summit",
        "survey",
        "taskforce",
        "team",
    }
)

#: Words that may open a clause of profile text and are written in lower case
#: when the clause follows a colon or runs on in a sentence.
_CLAUSE_OPENERS = frozenset(
    "a alongside an as at by for from in of on the through to under via with within".split()
)

#: Capital letters whose spoken name starts with a vowel sound ("an LEP", "an SME").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")

_TRAILING_NOISE = re.compile(r"(\s*\([^)]*\)|\s+[\d/–-]+)+$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@functools.cache
def plural(noun: str, count: int) -> str:
    """Return `noun` as written for `count` of it: 'strategy' or 'strategies'."""
    return noun if count == 1 else str(_ENGINE.plural_noun(noun))


@functools.cache
def verb(singular: str, count: int) -> str:
    """Return the present-tense verb `singular` ('has', 'brings') agreeing with `count`."""
    return singular if count == 1 else str(_ENGINE.plural_verb(singular))


def subject_verb(items: Sequence[object], singular: str) -> str:
    """Return `singular` agreeing with a list subject: 'has' for one item, 'have' for more."""
    return verb(singular, len(items))


@functools.cache
def number_words(count: int) -> str:
    """Return `count` in words, such as 'four' or 'twenty-one'."""
    return str(_ENGINE.number_to_words(str(count), andword="and"))


def count_of(count: int, noun: str, *, start: bool = False) -> str:
    """Return '4 strategies', or 'Four strategies' when `start` opens a sentence.

    A sentence never starts with a numeral, so at the start the number is
    written in words.
    """
    number = capitalise(number_words(count)) if start else str(count)
    return f"{number} {plural(noun, count)}"


def of_total(
    part: int, whole: int, noun: str, singular_verb: str = "", *, start: bool = False
) -> str:
    """Return 'one of the 2 council members has', worded for the counts.

    'The one strategy', 'both members', 'all 5 items' and 'none of the 3
    items' replace '1 of the 1', '2 of the 2' and '0 of the 3'. With
    `singular_verb` ('has', 'is') the verb that agrees follows. `start`
    writes the number in words with a capital, to open a sentence.
    """
    nouns = plural(noun, whole)
    if whole == 1:
        phrase = f"the one {noun}" if part else f"no {noun}"
        count = 1
    elif part == whole:
        phrase = f"both {nouns}" if whole == 2 else f"all {whole} {nouns}"
        count = whole
    elif part == 0:
        phrase, count = f"none of the {whole} {nouns}", 1
    else:
        number = number_words(part) if start else str(part)
        phrase, count = f"{number} of the {whole} {nouns}", part
    phrase = capitalise(phrase) if start else phrase
    return f"{phrase} {verb(singular_verb, count)}" if singular_verb else phrase


@functools.cache
def a_an(phrase: str) -> str:
    """Return `phrase` with 'a' or 'an' before it: 'an LEP', 'a university', 'an 8-point plan'."""
    first = phrase.split(maxsplit=1)[0] if phrase.strip() else ""
    acronym = re.fullmatch(r"[A-Z]{2,5}s?", first)
    if acronym:
        article = "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"
        return f"{article} {phrase}"
    digits = re.match(r"\d+", first)
    if digits:
        spoken = number_words(int(digits.group()))
        return f"{'an' if spoken[0] in 'aeiou' else 'a'} {phrase}"
    return str(_ENGINE.a(phrase))


def join(items: Iterable[str], conjunction: str = "and") -> str:
    """Return `items` as a British list: 'A', 'A and B', 'A, B and C' (no serial comma).

    When an item holds a comma itself, items are separated by semicolons so
    the list still reads clearly.
    """
    words = [str(item) for item in items if str(item)]
    if len(words) <= 1:
        return "".join(words)
    separator = "; " if any("," in word for word in words) else ", "
    return f"{separator.join(words[:-1])} {conjunction} {words[-1]}"


def capitalise(text: str) -> str:
    """Return `text` with its first letter in capitals and the rest untouched."""
    return text[:1].upper() + text[1:]


def clause(text: str) -> str:
    """Return profile text ready to follow a colon or run on in a sentence.

    Only a leading article or preposition ('On the LEP's website') is put in
    lower case; names and everything else are left as written. A final full
    stop is dropped so that the caller ends the sentence.
    """
    text = text.strip().rstrip(".")
    first, _, rest = text.partition(" ")
    if first.lower() in _CLAUSE_OPENERS and first[:1].isupper() and first[1:].islower():
        return f"{first.lower()} {rest}".rstrip()
    if first in {"A", "The"} and rest:
        return f"{first.lower()} {rest}"
    return text


def sentence(text: str) -> str:
    """Return `text` as a sentence: capital first letter, closing full stop."""
    text = capitalise(text.strip())
    if not text:
        return ""
    return text if text[-1] in ".!?" else f"{text}."


def takes_the(name: str, without_the: Collection[str] = ()) -> bool:
    """Return whether `name` reads with 'the' in running text (see the module's notes)."""
    if name in without_the or _strip_the(name) in without_the:
        return False
    if _LEADING_THE.match(name):
        return True
    core = _TRAILING_NOISE.sub("", name).strip()
    last = core.rsplit(maxsplit=1)[-1].lower().strip("'’.,") if core else ""
    last = last.rsplit("-", 1)[-1]
    if last == "council":
        return False
    return last in THE_NOUNS


def the(name: str, *, start: bool = False, without_the: Collection[str] = ()) -> str:
    """Return `name` as it reads in a sentence: 'the Amberfield Leaders' Board'.

    `start` gives 'The ...' for the start of a sentence. Names that do not
    take 'the' come back as written.
    """
    if not takes_the(name, without_the):
        return name
    return f"{'The' if start else 'the'} {_strip_the(name)}"


def the_list(
    names: Iterable[str], *, start: bool = False, without_the: Collection[str] = ()
) -> str:
    """Return `names` joined as a list, each read with 'the' where it takes one."""
    names = list(names)
    return join(
        the(name, start=start and index == 0, without_the=without_the)
        for index, name in enumerate(names)
    )


def _strip_the(name: str) -> str:
    return _LEADING_THE.sub("", name, count=1)


def shares(counts: Sequence[int]) -> list[int]:
    """Return whole-number percentages of `counts` that add up to exactly 100.

    Largest-remainder rounding: every share is rounded down, then the points
    still missing go to the largest remainders (ties to the earlier entry).
    All zeros give all zeros.
    """
    total = sum(counts)
    if total == 0:
        return [0 for _ in counts]
    exact = [Fraction(100 * count, total) for count in counts]
    floors = [int(value) for value in exact]
    missing = 100 - sum(floors)
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:missing]:
        floors[index] += 1
    return floors


def percent(part: int, whole: int) -> str:
    """Return a whole-number percentage such as '69%', or '0%' when there is nothing to count."""
    if whole == 0:
        return "0%"
    return f"{math.floor(Fraction(100 * part, whole) + Fraction(1, 2))}%"
