"""The profile models: shapes, choices and the framework they mirror."""

from __future__ import annotations

import typing

import pytest
from pydantic import ValidationError

from lisdraft import framework
from lisdraft.profile.model import FoundationKey, Meta, Person, PlaceProfile, Roles, SelfAssessment


def test_foundation_keys_match_the_framework() -> None:
    literal = typing.get_args(FoundationKey)[0]
    assert set(typing.get_args(literal)) == {f.key for f in framework.FOUNDATIONS}


def test_roles_and_self_assessment_mirror_the_framework() -> None:
    assert list(Roles.model_fields) == [r.key for r in framework.ROLES]
    assert list(SelfAssessment.model_fields) == [q.key for q in framework.QUESTIONS]


def test_a_version_written_as_a_number_is_read_as_text() -> None:
    meta = Meta.model_validate(
        {"council": "A", "date": "2026-11-25", "version": 0.3, "author": {"name": "B", "role": "C"}}
    )
    assert meta.version == "0.3"


def test_pasted_word_breaks_become_line_and_paragraph_breaks() -> None:
    assert Person(name="First\vSecond\fThird").name == "First\nSecond\n\nThird"


def test_empty_text_is_refused() -> None:
    with pytest.raises(ValidationError):
        Person(name="   ")


def test_unknown_keys_are_refused_everywhere() -> None:
    with pytest.raises(ValidationError) as caught:
        Person(name="A", nickname="B")  # type: ignore[call-arg]
    assert caught.value.errors()[0]["type"] == "extra_forbidden"


def test_a_profile_needs_meta_and_place() -> None:
    with pytest.raises(ValidationError) as caught:
        PlaceProfile.model_validate({})
    assert {e["loc"][0] for e in caught.value.errors()} == {"meta", "place"}


# --- house fields (extra:) ------------------------------------------------------------------


def test_house_fields_hold_text_numbers_flags_lists_sections_and_dates(edited) -> None:
    from lisdraft.profile.loader import load_profile

    house = {
        "strapline": "A greener, fairer Felpersham",
        "cabinet": {"report": "CAB/2026/41", "date": "2026-12-01", "item": 7, "public": True},
        "wards": ["Abbey", "Castle"],
    }
    path = edited(lambda d: d.__setitem__("extra", house))
    assert load_profile(path).extra == house


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ({"bad key": "x"}, "has the key 'bad key'"),
        ({"a": {"b": {"c": {"d": {"e": "deep"}}}}}, "extra.a.b.c.d.e is nested more than 4 levels"),
        ({"many": list(range(600))}, "holds more than 500 values"),
        ({"long": "x" * 6000}, "extra.long is longer than 5,000 characters"),
        ("just text", "extra: must be a section of named values"),
    ],
)
def test_house_fields_are_bounded(edited, extra: object, said: str) -> None:
    from lisdraft.errors import ProfileError
    from lisdraft.profile.loader import load_profile

    path = edited(lambda d: d.__setitem__("extra", extra))
    with pytest.raises(ProfileError, match="extra") as caught:
        load_profile(path)
    assert said in str(caught.value)
