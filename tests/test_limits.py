"""Limits on rendering: a hostile template stops quickly, with its place, in a check and a build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from template_factory import make_template

from conftest import docx_text
from lisdraft import assess_stocktake, load_profile
from lisdraft.build import limits
from lisdraft.build.context import build_context
from lisdraft.build.render import Properties, render_document
from lisdraft.errors import TemplateError
from lisdraft.templating.check import check_template

PROPS = Properties("Title", "Subject", "Author", "Keywords")
NESTED = "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}"

# Checks the template given as argv[1] and prints the problems and the peak memory.
MEASURE = """
import json, resource, sys
from pathlib import Path
from lisdraft.templating.check import check_template
problems = [str(p) for p in check_template(Path(sys.argv[1]))]
# This process's own peak: Linux's ru_maxrss also counts the parent's size when it
# forked (the whole test run), VmHWM does not.
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
peaks = [int(line.split()[1]) for line in lines if line.startswith("VmHWM:")]
peak_mb = (peaks[0] if peaks else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
print(json.dumps({"problems": problems, "peak_mb": peak_mb}))
"""


def test_a_loop_inside_a_loop_is_stopped_with_its_place_and_little_memory(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "Intro", NESTED, "{{ council.name }}")
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    [problem] = result["problems"]
    assert problem.startswith(f'{path}: body, paragraph 2 "{{% for i in range(99999) %}}')
    assert "repeats its loops more than 500,000 times for one document" in problem
    assert result["peak_mb"] < 300


def test_a_build_stops_at_the_loop_limit_too(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "Intro", f"Repeated: {NESTED}")
    with pytest.raises(TemplateError, match="repeats its loops more than 500,000 times") as caught:
        render_document(path, {}, PROPS)
    assert 'near "' in str(caught.value) and "Repeated" in str(caught.value)


def test_the_loops_of_all_a_documents_parts_count_together(tmp_path: Path) -> None:
    loop = "{% for i in range(99999) %}{% endfor %}"
    path = make_template(tmp_path / "t.docx", *[loop] * 4, header=loop * 2)
    with pytest.raises(TemplateError, match="repeats its loops more than 500,000 times"):
        render_document(path, {}, PROPS)
    assert render_document(make_template(tmp_path / "ok.docx", loop * 4), {}, PROPS)


def test_text_built_in_a_loop_is_stopped_at_the_output_limit(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx", "{% for i in range(99999) %}{{ 'x' * 99999 }}{% endfor %}"
    )
    [problem] = check_template(path)
    assert "builds more than 20,000,000 characters of text for one document" in problem.message
    assert problem.where == "body, paragraph 1"


def test_text_kept_in_a_macro_is_counted_before_it_is_printed(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{% macro m() %}{% for i in range(99999) %}{{ 'y' * 99999 }}{% endfor %}{% endmacro %}",
        "{{ m() }}",
    )
    with pytest.raises(TemplateError, match="builds more than 20,000,000 characters"):
        render_document(path, {}, PROPS)


def test_a_template_running_too_long_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ITERATIONS", 10**12)
    monkeypatch.setattr(limits, "MAX_SECONDS", 0.5)
    path = make_template(tmp_path / "t.docx", "Intro", NESTED)
    [problem] = check_template(path)
    assert "ran for more than 0.5 seconds for one document" in problem.message
    assert problem.where == "body, paragraph 2"


@pytest.mark.parametrize(
    "tag",
    [
        "{{ council.name|center(999999999) }}",
        "{{ '%999999999s'|format(1) }}",
        "{{ '%999999999s' % 1 }}",
        "{{ 'x'.ljust(999999999) }}",
        "{{ '{:>999999999}'.format(1) }}",
    ],
)
def test_padding_text_to_a_huge_width_is_refused(tmp_path: Path, tag: str) -> None:
    path = make_template(tmp_path / "t.docx", "Intro", tag)
    [problem] = check_template(path)
    assert problem.where == "body, paragraph 2"
    assert "100,000" in problem.message


def test_a_template_cannot_grow_a_list_by_changing_it(tmp_path: Path) -> None:
    doubling = "{% set x = [1] %}{% for i in range(40) %}{{ x.extend(x) }}{% endfor %}"
    path = make_template(tmp_path / "t.docx", doubling)
    with pytest.raises(TemplateError, match="'extend'"):
        render_document(path, {}, PROPS)


def test_lists_made_by_filters_count_as_loop_passes(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx", "{{ ([range(99999)] * 99999)|map('list')|map('length')|sum }}"
    )
    with pytest.raises(TemplateError, match="repeats its loops more than 500,000 times"):
        render_document(path, {}, PROPS)


def test_asking_a_long_lists_length_in_a_loop_costs_no_loop_passes(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{% set items = range(2000)|list %}{% for i in items %}"
        "{% if i == items|length - 1 %}{{ items|first }}-{{ items|last }}{% endif %}{% endfor %}",
    )
    assert "0-1999" in docx_text(render_document(path, {}, PROPS))


def test_an_ordinary_profile_gets_the_fixed_limits_and_a_larger_one_more_in_proportion(
    example: Path,
) -> None:
    profile = load_profile(example)
    context = build_context(profile, assess_stocktake(profile))
    assert limits.allowance_for(context) == limits.Allowance()
    region = {"rows": [{"title": "x" * 1000, "year": 2024}] * 10_000}
    allowance = limits.allowance_for(region)
    extra = 10_000 * 1000 - limits.ORDINARY_CHARACTERS
    assert allowance.output == limits.MAX_OUTPUT + limits.OUTPUT_PER_CHARACTER * extra
    assert allowance.iterations > limits.MAX_ITERATIONS
    assert allowance.seconds > limits.MAX_SECONDS


def test_a_template_printing_every_row_of_a_large_profile_is_not_stopped(tmp_path: Path) -> None:
    # 21 million characters of rows: more than the fixed limit allows, and the
    # template only prints what the profile holds.
    path = make_template(tmp_path / "t.docx", "{% for r in rows %}{{ r }}{% endfor %}")
    rendered = render_document(path, {"rows": ["y" * 1000] * 21_000}, PROPS)
    assert len(rendered) > 10_000


def test_a_large_profile_does_not_let_a_loop_inside_a_loop_run_on(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{{ rows|length }}", NESTED)
    with pytest.raises(TemplateError, match="repeats its loops more than"):
        render_document(path, {"rows": ["z" * 100] * 20_000}, PROPS)
