"""The fast reading of a profile gives exactly what ruamel's safe loader gave, value for value.

`fast_data` builds plain values from libyaml's events instead of letting
ruamel's safe loader construct them and `_to_plain` copy them. These tests
keep that earlier reading here, as the reference, and compare the two on real
profiles, generated profiles, hostile files and a list of awkward scalars:
the same values, of the same types, with keys in the same order, or None
from both.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path
from typing import Any

import pytest
from profile_factory import make_profile
from ruamel.yaml import YAML

from conftest import ROOT
from lisdraft.profile import yamlsafe
from lisdraft.profile.yamlsafe import MAX_TOKENS, fast_data

# The checks the earlier reading made before reading anything (copied as they were).
_OLD_NOT_FAST = re.compile("[!*\x85\u2028\u2029]")
_OLD_NOT_YAML_TEXT = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_OLD_PLANE_15 = re.compile("[\U000f0000-\U000fffff]")


def reference(text: str) -> Any | None:
    """Return `text` read as `fast_data` read it before: ruamel's safe loader, then `_to_plain`."""
    if _OLD_NOT_FAST.search(text) or _OLD_NOT_YAML_TEXT.search(text):
        return None
    if _OLD_PLANE_15.search(text):
        return None
    try:
        data = YAML(typ="safe").load(text)
        if not isinstance(data, dict) or yamlsafe._values_in(data) > MAX_TOKENS // 3:
            return None
        return yamlsafe._to_plain(data, {})
    except Exception:
        return None


def assert_same(new: Any, old: Any, where: str = "") -> None:
    """Assert `new` equals `old` with the same type at every level, and keys in the same order."""
    assert type(new) is type(old), f"{where}: {new!r} ({type(new).__name__}) != {old!r}"
    if isinstance(old, dict):
        assert list(new) == list(old), f"{where}: keys {list(new)} != {list(old)}"
        pairs = zip(new.items(), old.items(), strict=True)
        for (new_key, new_value), (old_key, old_value) in pairs:
            assert_same(new_key, old_key, f"{where}/key {old_key!r}")
            assert_same(new_value, old_value, f"{where}/{old_key}")
    elif isinstance(old, list):
        assert len(new) == len(old), f"{where}: {len(new)} items != {len(old)}"
        for index, (new_item, old_item) in enumerate(zip(new, old, strict=True)):
            assert_same(new_item, old_item, f"{where}[{index}]")
    elif isinstance(old, float):
        assert repr(new) == repr(old) or (math.isnan(new) and math.isnan(old)), where
    else:
        assert new == old, f"{where}: {new!r} != {old!r}"


def assert_read_as_before(text: str) -> Any:
    old = reference(text)
    new = fast_data(text)
    assert_same(new, old, repr(text[:60]))
    return new


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "examples").glob("*/*.yaml")),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_the_examples_read_as_before(path: Path) -> None:
    data = assert_read_as_before(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data  # read the fast way, not left to the careful reading


def test_generated_profiles_read_as_before() -> None:
    for seed in range(30):
        for flow in (None, False):  # the safe dumper's mix of styles, and block style only
            yaml = YAML(typ="safe")
            yaml.default_flow_style = flow
            stream = io.StringIO()
            yaml.dump(make_profile(seed), stream)
            assert isinstance(assert_read_as_before(stream.getvalue()), dict), seed


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests" / "hostile").glob("*.yaml")), ids=lambda path: path.name
)
def test_hostile_files_read_as_before(path: Path) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # the careful reading refuses the bytes; compare the text
    assert_read_as_before(text)


TRICKY_SCALARS = [
    "yes",
    "No",
    "on",
    "Off",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "''",
    '""',
    "true",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "False",
    "FALSE",
    "0o17",
    "0x1F",
    "0b101",
    "017",
    "0",
    "-0",
    "+1",
    "+0",
    "1_000",
    "1__0",
    "_1",
    "1e3",
    "1E3",
    "1.5e-3",
    "1.",
    ".5",
    "-.5",
    "+.5e+2",
    "1.2.3",
    "0.3",
    "00.3",
    "1_0.5",
    ".inf",
    "-.Inf",
    "+.INF",
    ".NaN",
    ".nan",
    "-.nan",
    ".Inf",
    "inf",
    "2026-11-30",
    "2026-1-3",
    "2026-11-30 12:00:00",
    "2026-11-30T12:00:00Z",
    "2026-11-30t12:00:00.123456",
    "2026-11-30 12:00:00.5 +01:00",
    "2026-11-30T12:00:00-05",
    "2026-13-45",
    "2026-11-31",
    "12:30",
    "1:30:00",
    "190:20:30",
    '"quoted 1"',
    "'2026-11-30'",
    "'true'",
    "=",
    "<<",
    "<",
    "-",
    "--",
    "...x",
    "- -1",
    "Nothing",
    "nothing",
    "Fifty",
    "The council",
    "tea",
    "~tilde",
    "+plus",
    ".dot",
    "0777",
    "0o",
    "0x",
    "12e",
    "3.14abc",
    "1,000",
    "£5",
    "5%",
    "100 000",
    "-1_000",
    "a: b",
    "'it''s'",
    '"tab\\there"',
    '"\\u00e9t\\u00e9"',
    "[1, 2]",
    "{a: 1}",
    "[]",
    "{}",
    "",
    "|\n  line one\n  line two\n",
    ">\n  folded\n  text\n\n  para\n",
    "|-\n  stripped\n",
    ">+\n  kept\n\n",
    "|2\n    indented\n",
    "plain\n  continued\n  again",
    "'single\n\n  multi'",
    '"double\\\n  joined"',
]


@pytest.mark.parametrize("scalar", TRICKY_SCALARS)
def test_tricky_scalars_read_as_before_as_values_keys_and_list_items(scalar: str) -> None:
    assert_read_as_before(f"value: {scalar}\nafter: 1\n")
    assert_read_as_before(f"list:\n- {scalar}\n- {scalar}\n")
    assert_read_as_before(f"flow: [{scalar.strip()}]\n" if "\n" not in scalar else "a: 1\n")
    if "\n" not in scalar:
        assert_read_as_before(f"{scalar}: as a key\nother: 2\n")
        assert_read_as_before(f"? {scalar}\n: as an explicit key\n")


DOCUMENTS = [
    "",
    "---\n",
    "--- \n...\n",
    "# only a comment\n",
    "- a list\n- at the top\n",
    "just text\n",
    "42\n",
    "a: 1\na: 2\n",  # a key written twice
    "a: {b: 1, b: 2}\n",
    "1: one\n'1': string one\n",  # keys that are the same once made text
    "true: x\nTrue: y\n'True': z\n",
    "1: a\n1.0: b\ntrue: c\n",
    "~: null key\nnull: again\n",
    "2026-11-30: a date key\n2026-11-30 12:00:00: a time key\n",
    "0x1F: hex key\n31: decimal key\n",
    ".nan: not a number\n.inf: infinity\n",
    "? [a, b]\n: list key\n",
    "? {a: 1}\n: map key\n",
    "base: {a: 1}\nuse:\n  <<: {a: 2, b: 3}\n  c: 4\n",
    "use:\n  <<: [{a: 1}, {b: 2}]\n  a: 0\n",
    "x:\n  =: value key\n",
    "x: =\n",
    "a: &anchor [1, 2]\nb: 3\n",
    "a: &one 1\nb: &one 2\n",
    "&top\na: 1\n",
    "%YAML 1.1\n---\na: yes\nb: 017\nc: 1:30\n",
    "%YAML 1.2\n---\na: yes\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "a:\n\t- tab\n",
    "a: 'unclosed\n",
    "a:\n  - b\n  c: d\n",
    "a: 1\r\nb: two\r\nc:\r\n  - 3\r\n",
    "a:\n  b:\n    c:\n      d: []\n      e: {}\n      f: [{}, [], '', ~]\n",
    "a: " + "[" * 60 + "]" * 60 + "\n",
    "a:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 50)) + "  " * 50 + "v\n",
    "a: " + "[" * 39 + "1" + "]" * 39 + "\n",
    "a: " + "[" * 41 + "1" + "]" * 41 + "\n",
    "a: " + "[" * 500 + "1" + "]" * 500 + "\n",  # deeper than the safe loader goes
    "a:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 500)) + "  " * 500 + "v\n",
    "empty:\nnone: ~\nblank: ''\n",
    "a: {x: 1, y: [2, {z: 3}]}\nb: [a, 'b', \"c\", 1, 1.5, true, ~, 2026-11-30]\n",
    "é: accents\n日本: text\n'emoji 🙂': ok\n",
    "a: b # a comment\n# between\nc: 'd # not a comment'\n",
    "a: \ue000 private use\n",
    "a: \U000f0001 plane fifteen\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_awkward_documents_read_as_before(text: str) -> None:
    assert_read_as_before(text)


def test_values_come_back_as_a_profile_needs_them() -> None:
    """Spot checks that the reference itself reads YAML 1.2, so the comparisons above mean it."""
    data = fast_data(
        "answer: yes\ncount: 1_000\nmode: 0o17\nold: 017\nday: 2026-11-30\n"
        "when: 2026-11-30T12:00:00Z\nnothing: ~\nflag: True\n1: one\n"
    )
    assert data == {
        "answer": "yes",
        "count": 1000,
        "mode": 15,
        "old": 17,
        "day": dt.date(2026, 11, 30),
        "when": dt.datetime(2026, 11, 30, 12, 0),
        "nothing": None,
        "flag": True,
        "1": "one",
    }
    assert fast_data("a: 1\na: 2\n") is None  # a key written twice goes to the careful reading
    assert fast_data("- a list\n") is None


def test_the_quick_checks_refuse_the_same_characters_as_before() -> None:
    """The searches refuse exactly what the earlier, slower-to-compile ones refused."""
    for code in range(0x110000):
        char = chr(code)
        before = bool(
            _OLD_NOT_FAST.search(char)
            or _OLD_NOT_YAML_TEXT.search(char)
            or _OLD_PLANE_15.search(char)
        )
        assert bool(yamlsafe._NOT_FAST.search(char)) == before, hex(code)
        # The careful reading's set, written as the characters refused, is the same too.
        refused = bool(_OLD_NOT_YAML_TEXT.search(char))
        assert bool(yamlsafe._NOT_YAML_TEXT.search(char)) == refused, hex(code)


def test_values_are_counted_as_before_for_the_size_bound() -> None:
    """A profile is left to the careful reading past MAX_TOKENS // 3 values, counted as before."""
    texts = [path.read_text(encoding="utf-8") for path in (ROOT / "examples").glob("*/*.yaml")]
    texts.append("a: [1, {b: [], c: {}}, '', ~]\nd: {e: f}\n")
    for text in texts:
        counted = yamlsafe._values_in(YAML(typ="safe").load(text))
        assert yamlsafe._plain_from_events(text)[1] == counted
