"""Drafts read right for any profile: generated profiles through a prose lint.

Three hundred varied profiles (see profile_factory.py) are read, assessed and
turned into a render context, and every sentence lisdraft builds is linted;
a smaller sample is rendered into all three Word documents and every
paragraph linted. The defects the lint knows are listed in docs/prose-lint.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from profile_factory import make_profile
from prose import DEFECTS, lint_document, long_sentences
from ruamel.yaml import YAML

from lisdraft.build.context import build_context
from lisdraft.build.context_model import Variables
from lisdraft.build.documents import DOCUMENTS
from lisdraft.build.pipeline import document_properties
from lisdraft.build.render import render_document
from lisdraft.profile.model import PlaceProfile
from lisdraft.profile.references import check_references
from lisdraft.stocktake.assess import assess_stocktake
from lisdraft.templating.folder import choose_templates

ROOT = Path(__file__).resolve().parent.parent
SINGLE_FILE_EXAMPLES = ROOT / "tests" / "examples" / "single-files"  # as in conftest.py
CONTEXT_SEEDS = range(300)
DOCUMENT_SEEDS = range(0, 300, 12)  # 25 profiles rendered in full
#: Checks that only make sense on whole sentences, not on names and table cells.
SENTENCE_ONLY = {"lowercase-sentence-start", "numeral-sentence-start"}


def _strings(value: Any) -> Iterator[str]:
    """Yield every piece of text in a render context."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Variables):
        for item in vars(value).values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _profile(seed: int) -> tuple[PlaceProfile, str]:
    data = make_profile(seed)
    profile = PlaceProfile.model_validate(data)
    assert check_references(profile) == []
    return profile, str(data)


def _lint_text(text: str, profile_text: str) -> list[str]:
    sentence = text.rstrip().endswith((".", "?", "!")) and len(text.split()) >= 4
    found = []
    for name, check in DEFECTS.items():
        if name in SENTENCE_ONLY and not sentence:
            continue
        for excerpt in check(text):
            if name == "none-or-placeholder" and excerpt in profile_text:
                continue
            found.append(f"{name}: {excerpt!r} in {text[:100]!r}")
    return found


def test_the_generator_covers_the_shapes_that_matter() -> None:
    profiles = [make_profile(seed) for seed in CONTEXT_SEEDS]
    councils = {len(p["place"]["councils"]) for p in profiles}
    assert {1, 2, 3, 7} <= councils
    assert any("combined_authority" in p["place"] for p in profiles)
    for key in ("forums", "strategies", "priorities"):
        assert {len(p[key]) for p in profiles} >= {0, 1, 2, 5}, key
    assert any(not any(m.get("represents") for m in p["board"]["members"]) for p in profiles)
    assert {len(p["board"]["members"]) for p in profiles} >= {1, 2, 8, 20, 21}
    names = " ".join(c["name"] for p in profiles for c in p["place"]["councils"])
    assert all(mark in names for mark in ("'", "&", "É", "ô"))


def test_every_sentence_built_for_generated_profiles_reads_right() -> None:
    problems = []
    for seed in CONTEXT_SEEDS:
        profile, profile_text = _profile(seed)
        context = build_context(profile, assess_stocktake(profile))
        for text in set(_strings(context)):
            problems += [f"seed {seed}: {p}" for p in _lint_text(text, profile_text)]
    assert problems == []


@pytest.mark.parametrize("seed", DOCUMENT_SEEDS)
def test_every_paragraph_of_every_document_reads_right(seed: int) -> None:
    profile, profile_text = _profile(seed)
    context = build_context(profile, assess_stocktake(profile))
    templates = choose_templates(DOCUMENTS, None)
    problems = []
    for kind in DOCUMENTS:
        document = render_document(templates[kind.key], context, document_properties(profile, kind))
        problems += [f"{kind.key}: {p}" for p in lint_document(document, profile_text)]
    assert problems == []


@pytest.mark.parametrize(
    ("name", "slip"),
    [
        ("field-path", "Agree how often they report back (board.reporting_back)."),
        ("none-or-placeholder", "Combined authority: None"),
        ("doubled-word", "It is steered through the the board."),
        ("capital-the-mid-sentence", "The leaders and The LEP chair attend."),
        ("lowercase-sentence-start", "It is listed. the LEP agrees."),
        ("numeral-sentence-start", "4 strategies are listed."),
        ("number-agreement", "1 of 2 council members of the board have a line."),
        ("number-agreement", "3 of the 5 strategies says how."),
        ("zero-as-a-numeral", "The LEP agrees how 0 of them fit."),
        ("dangling-verb", "Four of the 8 come from business, below the rule that two thirds must."),
    ],
)
def test_the_lint_catches_each_defect_it_knows(name: str, slip: str) -> None:
    assert list(DEFECTS[name](slip)), slip


def test_the_lint_passes_plain_sentences() -> None:
    fine = (
        "One of the 2 council members of the board has a line for reporting back. "
        "None of the 3 evidence items has been shared. The LIS is steered through the "
        "Amberfield Leaders' Board and the Marches Growth Board."
    )
    assert [d for name, check in DEFECTS.items() for d in check(fine)] == []


def test_the_docs_list_every_defect_the_lint_knows() -> None:
    docs = (ROOT / "docs" / "prose-lint.md").read_text(encoding="utf-8")
    for name in [*DEFECTS, "empty-heading", "empty-list-item", "empty-table"]:
        assert f"`{name}`" in docs, name


def _example_documents(folder: str) -> Iterator[tuple[str, bytes, set[str]]]:
    path = SINGLE_FILE_EXAMPLES / folder / "profile.yaml"  # each example as one file
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    profile = PlaceProfile.model_validate(data)
    context = build_context(profile, assess_stocktake(profile))
    templates = choose_templates(DOCUMENTS, None)
    names = set(re.findall(r"(?:[A-Z][\w'’&-]*(?: (?:and|of|for|&|the) )?)+", str(data)))
    for kind in DOCUMENTS:
        yield (
            kind.key,
            render_document(templates[kind.key], context, document_properties(profile, kind)),
            names,
        )


@pytest.mark.parametrize("folder", ["borchestershire", "wexmoor"])
def test_at_most_one_sentence_in_ten_is_over_25_words(folder: str) -> None:
    for key, document, _ in _example_documents(folder):
        long, total = long_sentences(document)
        assert long * 10 <= total, f"{key}: {long} of {total} sentences are over 25 words"


def test_names_read_with_the_in_the_contribution(edited, tmp_path: Path) -> None:
    from conftest import docx_text
    from lisdraft.build.options import BuildOptions
    from lisdraft.build.pipeline import build_documents

    def edit(d) -> None:
        d["place"]["lep"]["name"] = "Borsetshire LEP"
        d["vision"]["area"]["owner"] = "Amberfield Leaders' Board"
        d["vision"]["council"]["document"] = "Ambridge Corporate Plan 2025-2030"

    options = BuildOptions(only=("contribution",))
    [path] = build_documents(edited(edit), tmp_path, options).raise_on_failure().paths
    text = docx_text(path)
    assert "The Borsetshire LEP is preparing the strategy" in text
    assert "The Amberfield Leaders' Board owns this vision" in text
    assert "set out in the Ambridge Corporate Plan 2025-2030" in text


def test_a_profile_can_keep_a_name_without_the(edited, tmp_path: Path) -> None:
    from conftest import docx_text
    from lisdraft.build.options import BuildOptions
    from lisdraft.build.pipeline import build_documents

    def edit(d) -> None:
        d["place"]["lep"]["name"] = "Growth Borsetshire Board"
        d["meta"]["names_without_the"] = ["Growth Borsetshire Board"]

    options = BuildOptions(only=("contribution",))
    [path] = build_documents(edited(edit), tmp_path, options).raise_on_failure().paths
    assert "Growth Borsetshire Board is preparing the strategy" in docx_text(path)
