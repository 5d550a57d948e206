"""Checking customised templates: each kind of mistake, reported where a Word user finds it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from template_factory import make_template, run

from conftest import docx_text
from lisdraft.build.documents import builtin_templates_dir
from lisdraft.build.render import Properties, make_environment, render_document
from lisdraft.errors import TemplateError
from lisdraft.templating.check import check_template, check_templates, template_files
from lisdraft.templating.scan import read_parts
from lisdraft.templating.trial import trial_render
from lisdraft.word.accessibility import check_document

PROPS = Properties("Title", "Subject", "Author", "Keywords")


def problems(path: Path, accessibility: bool = False) -> list[str]:
    """Return the checker's report for the template at `path`, one problem a line.

    The small templates made here have no headings and Word's default fonts,
    so their accessibility is checked only where a test asks.
    """
    with pytest.raises(TemplateError) as caught:
        check_templates([path], accessibility)
    return str(caught.value).splitlines()


def one_problem(path: Path) -> str:
    lines = problems(path)
    assert len(lines) == 2, lines  # the problem, then the count
    assert lines[1].startswith("1 error found")
    return lines[0]


def test_the_built_in_templates_have_no_problems() -> None:
    assert check_templates([builtin_templates_dir()]) == []


# --- the area overview's template ----------------------------------------------------------


def overview_copy(folder: Path, old: str, new: str) -> Path:
    """Return a copy of the built-in area overview template, its "Place" line's `old` now `new`."""
    document = Document(str(builtin_templates_dir() / "area-overview.docx"))
    place = next(p for p in document.paragraphs if p.text == "Place: {{ area.name }}")
    run = next(r for r in place.runs if old in r.text)
    run.text = run.text.replace(old, new)
    folder.mkdir(exist_ok=True)
    document.save(str(folder / "area-overview.docx"))
    return folder / "area-overview.docx"


def test_the_built_in_overview_template_checks_clean_alone_and_in_its_folder() -> None:
    assert check_templates([builtin_templates_dir() / "area-overview.docx"]) == []
    assert builtin_templates_dir() / "area-overview.docx" in template_files(builtin_templates_dir())


def test_a_misspelt_area_variable_in_the_overview_gets_a_suggestion(tmp_path: Path) -> None:
    path = overview_copy(tmp_path / "mine", "area.name", "area.nmae")
    expected = (
        f'{path}: body, paragraph 3 "Place: {{{{ area.nmae }}}}": error: the template uses '
        "'area.nmae', which lisdraft does not provide; did you mean 'area.name'?"
    )
    assert one_problem(path) == expected
    # A folder holding it checks it the same way (it used to be passed over).
    make_template(tmp_path / "mine" / "briefing.docx", "{{ council.name }}")
    assert one_problem(tmp_path / "mine") == expected


def test_the_overview_may_not_use_the_council_documents_variables(tmp_path: Path) -> None:
    path = overview_copy(tmp_path, "area.name", "place.name")
    assert one_problem(path).endswith(
        "error: the template uses 'place', which lisdraft does not provide."
    )
    briefing = make_template(tmp_path / "briefing.docx", "Place: {{ area.name }}")
    assert one_problem(briefing).endswith(
        "error: the template uses 'area', which lisdraft does not provide."
    )


# --- names ---------------------------------------------------------------------------------


def test_an_unknown_variable_is_located_and_a_spelling_suggested(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "Intro", "Hello {{ councl.name }}")
    assert one_problem(path) == (
        f'{path}: body, paragraph 2 "Hello {{{{ councl.name }}}}": error: the template uses '
        "'councl', which lisdraft does not provide; did you mean 'council'?"
    )


def test_a_loop_variable_is_checked_against_the_items_of_its_list(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{%p for a in asks %}",
        "{{ a.number }}: {{ a.numbr }}",
        "{%p endfor %}",
    )
    line = one_problem(path)
    assert "paragraph 2" in line
    assert (
        "the template uses 'a.numbr', which lisdraft does not provide; did you mean 'a.number'?"
        in line
    )


def test_a_list_used_as_a_group_and_text_given_a_field_are_explained(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx", "{{ board.members.name }}", "{{ council.name.first }}"
    )
    lines = problems(path)
    assert "'board.members' is a list" in lines[0] and "{% for x in board.members %}" in lines[0]
    assert "'council.name' is text, so it has no 'first'" in lines[1]


def test_a_group_looped_over_is_explained(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{%p for x in meta %}", "{{ x }}", "{%p endfor %}")
    assert (
        "'meta' is a group of values, not a list, so it cannot be looped over: use its fields, "
        "such as meta.status"
    ) in one_problem(path)


def test_names_in_a_header_are_checked_with_the_header_named(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "Body", header="{{ meta.clasification }}")
    assert one_problem(path).startswith(f'{path}: header, paragraph 1 "{{{{ meta.clasification')


def test_a_table_cell_is_located_by_table_row_and_cell(tmp_path: Path) -> None:
    rows = [
        ["Question", "Rating"],
        ["{%tr for q in stocktake.questions %}", ""],
        ["{{ q.text }}", "{% rating_cell q.ratng %}"],
        ["{%tr endfor %}", ""],
    ]
    line = one_problem(make_template(tmp_path / "t.docx", "Intro", rows))
    assert "body, table 1, row 3, cell 2" in line
    assert "did you mean 'q.rating'?" in line


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{{ councl }}",
        "{{ meta.date | }}",
        "Note {%p if summary %}",
        "{{ place.nam }}",
        "{%p endif %}",
    )
    lines = problems(path)
    assert [line.split('"')[0] for line in lines[:4]] == [
        f"{path}: body, paragraph {n} " for n in (1, 2, 3, 4)
    ]
    assert lines[-1].startswith("4 errors found")


# --- Jinja syntax and blocks ---------------------------------------------------------------


def test_a_syntax_error_is_reported_at_its_tag(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "A", "{{ council.name | }}"))
    assert "paragraph 2" in line and "Jinja cannot read this tag" in line


def test_a_misspelt_tag_gets_a_suggestion_and_no_follow_on_errors(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{%p If meta.is_final %}", "Final", "{%p endif %}")
    assert "'If' is not a tag lisdraft knows; did you mean 'if'?" in one_problem(path)


def test_an_unknown_filter_is_reported(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "{{ council.name|shout }}"))
    assert "'shout' is not a filter lisdraft knows (the filters are listed under" in line


def test_misspelt_filters_and_tests_get_a_suggestion_even_inside_an_if(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{{ council.name|uppr }}",
        "{% if council.name is strng %}Named{% endif %}",
        "{% if council.name %}{{ council.name|lenght }}{% endif %}",
    )
    lines = problems(path)
    assert "paragraph 1" in lines[0] and "'uppr' is not a filter" in lines[0]
    assert "did you mean 'upper'?" in lines[0]
    assert "paragraph 2" in lines[1] and "did you mean 'string'?" in lines[1]
    assert "paragraph 3" in lines[2] and "did you mean 'length'?" in lines[2]
    assert lines[3].startswith("3 errors found")


def test_a_block_never_closed_is_reported_at_its_opening(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{%p if meta.is_final %}", "Final", "The end")
    assert "paragraph 1" in one_problem(path)
    assert "is never closed: add {%p endif %}" in one_problem(path)


def test_an_end_tag_with_nothing_to_close_is_reported(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "Text", "{%p endfor %}"))
    assert "paragraph 2" in line and "closes nothing: there is no open {% for %}" in line


def test_blocks_closed_in_the_wrong_order_name_the_block_left_open(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{%p if asks %}",
        "{%p for a in asks %}",
        "{{ a.ask }}",
        "{%p endif %}",
    )
    line = one_problem(path)
    assert "paragraph 2" in line and "'{%p for a in asks %}' is never closed" in line


def test_a_block_opened_and_closed_at_different_levels_is_an_error(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{%p if meta.is_final %}", "Final {% endif %}")
    line = one_problem(path)
    assert "paragraph 2" in line
    assert (
        "one is on a paragraph of its own ({%p %}) and the other inside a paragraph's text" in line
    )


def test_an_inline_block_across_paragraphs_is_only_a_warning(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "A {% if meta.is_final %} B", "C {% endif %} D")
    [warning] = check_templates([path])
    assert warning.warning and warning.where == "body, paragraph 2"
    assert "the paragraphs around it merge" in warning.message


# --- docxtpl's paragraph, row and cell tags -------------------------------------------------


def test_a_paragraph_tag_sharing_its_paragraph_with_text_is_an_error(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx", "Summary {%p if summary %}", "{{ summary }}", "{%p endif %}"
    )
    line = one_problem(path)
    assert "paragraph 1" in line and "the text beside it ('Summary') would be lost" in line


def test_two_paragraph_tags_in_one_paragraph_are_an_error_once(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{%p if summary %}{%p endif %}")
    line = one_problem(path)
    assert "Give '{%p if summary %}' a paragraph of its own" in line


def test_a_row_tag_outside_a_table_is_an_error(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx", "{%tr for a in asks %}", "{{ a.ask }}", "{%tr endfor %}"
    )
    lines = problems(path)
    assert "paragraph 1" in lines[0]
    assert "'{%tr ... %}' repeats or hides a whole table row, so it only works inside" in lines[0]


def test_a_row_tag_with_text_elsewhere_in_its_row_is_an_error(tmp_path: Path) -> None:
    rows = [["{%tr for a in asks %}", "Ask"], ["{{ a.ask }}", ""], ["{%tr endfor %}", ""]]
    line = one_problem(make_template(tmp_path / "t.docx", rows))
    assert "table 1, row 1, cell 1" in line
    assert "replaces this whole table row with the tag, so the text beside it ('Ask')" in line


def test_a_row_loop_closed_inside_a_cell_is_an_error(tmp_path: Path) -> None:
    rows = [["{%tr for a in asks %}", ""], ["{{ a.ask }}", ""], ["{% endfor %}", ""]]
    line = one_problem(make_template(tmp_path / "t.docx", rows))
    assert "table 1, row 3, cell 1" in line and "a table row ({%tr %})" in line


def test_cell_tags_outside_a_table_are_reported_once(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx", "{%tc for q in board.questions %}", "{{ q.title }}", "{%tc endfor %}"
    )
    line = one_problem(path)
    assert "paragraph 1" in line and "'{%tc ... %}' repeats or hides a whole table cell" in line


def test_a_crowded_cell_is_reported_once(tmp_path: Path) -> None:
    cell = "{%tc for q in board.questions %}{{ q.title }}{%tc endfor %}"
    line = one_problem(make_template(tmp_path / "t.docx", [["Question", cell]]))
    assert "table 1, row 1, cell 2" in line and "the text beside it" in line


def test_a_cell_tag_outside_a_table_is_an_error(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{%p for q in stocktake.questions %}",
        "{% rating_cell q %}",
        "{%p endfor %}",
    )
    assert "'{% rating_cell %}' only works inside a table cell" in one_problem(path)


def test_a_cell_that_could_be_left_without_a_paragraph_is_an_error(tmp_path: Path) -> None:
    rows = [["{%p if meta.is_final %}\nFinal\n{%p endif %}", "x"]]
    line = one_problem(make_template(tmp_path / "t.docx", rows))
    assert "table 1, row 1, cell 1" in line and "which Word cannot open" in line


def test_rich_text_tags_on_plain_text_are_errors(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{{r council.name }}", "{{p council.name }}")
    lines = problems(path)
    assert "'{{r ... }}' needs rich text" in lines[0]
    assert "would put text where Word expects a whole paragraph" in lines[1]


# --- quotes and split runs -----------------------------------------------------------------


def test_curly_quotes_inside_tags_are_straightened_and_render(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", "{{ “Dear ” ~ council.name ~ ‘,’ }}")
    assert check_templates([path]) == []
    out = render_document(path, {"council": {"name": "Ann"}}, PROPS)
    assert "Dear Ann," in docx_text(out)


def test_quote_marks_docxtpl_cannot_straighten_are_reported(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "{{ council.name ~ „!“ }}"))
    assert "the tag contains „, a quote mark lisdraft cannot read" in line


def test_mismatched_curly_quotes_get_a_hint(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "{{ “Dear’ ~ council.name }}"))
    assert "check each quote has a partner of the same kind" in line


def test_a_tag_split_by_spell_check_marks_renders_correctly(tmp_path: Path) -> None:
    split = (
        run("Hello {{ coun")
        + '<w:proofErr w:type="spellStart"/>'
        + run("cil.na")
        + '<w:proofErr w:type="spellEnd"/>'
        + run("me }}, welcome")
    )
    path = make_template(tmp_path / "t.docx", split)
    assert check_templates([path]) == []
    out = render_document(path, {"council": {"name": "Felpersham"}}, PROPS)
    assert "Hello Felpersham, welcome" in docx_text(out)


def test_a_tag_split_across_a_hyperlink_is_reported(tmp_path: Path) -> None:
    split = (
        run("Contact {{ meta.author.")
        + '<w:hyperlink r:id="rId99">'
        + run("email }}")
        + "</w:hyperlink>"
        + run(" today")
    )
    line = one_problem(make_template(tmp_path / "t.docx", split))
    assert "paragraph 1" in line
    assert "the tag '{{ meta.author.email }}' is split across a hyperlink" in line


def test_a_tag_not_closed_in_its_paragraph_is_reported(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "Dear {{ council.name", "}}"))
    assert "paragraph 1" in line and "is not closed in this paragraph: add '}}'" in line


def test_a_tag_in_deleted_text_is_reported_once_with_the_deletion(tmp_path: Path) -> None:
    deleted = (
        run("Dear ")
        + '<w:del w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>'
        + "{{ old }}</w:delText></w:r></w:del>"
    )
    line = one_problem(make_template(tmp_path / "t.docx", deleted))
    assert "paragraph 1" in line and "tracked changes (a deletion)" in line


# --- the sandbox, and the trial render ------------------------------------------------------


def test_reaching_python_internals_or_files_is_reported(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{{ council.__class__ }}",
        "{{ lipsum.__globals__ }}",
        "{% include 'x' %}",
    )
    lines = problems(path)
    assert "'__class__', which is part of Python" in lines[0]
    assert "'__globals__', which is part of Python" in lines[1]
    assert "a template cannot read other files" in lines[2]


def test_a_template_that_fails_only_with_empty_lists_is_reported(tmp_path: Path) -> None:
    line = one_problem(
        make_template(tmp_path / "t.docx", "First question: {{ board.questions[0] }}")
    )
    assert (
        f'{path_of(line)}: body, paragraph 1 "First question: {{{{ board.questions[0] }}}}":'
        in line
    )
    assert "when the profile leaves lists and optional text empty fails" in line


def test_every_trial_render_failure_is_listed_in_one_run(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "Intro",
        "Third question: {{ board.questions[2] }}",
        "{{ 1 / 0 }}",
        "{{ council.name|upper }}",
        "{% for q in board.questions %}{{ q[0] / 2 }}{% endfor %}",
    )
    lines = problems(path)
    assert [line.split('"')[0] for line in lines[:3]] == [
        f"{path}: body, paragraph 2 ",
        f"{path}: body, paragraph 3 ",
        f"{path}: body, paragraph 5 ",
    ]
    assert lines[3].startswith("3 errors found")


def test_a_failure_caused_by_the_sample_data_says_so_with_its_size(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "{{ board.questions[2] }}"))
    assert "item [2] of a list, but the sample data lisdraft checks with has 2 items" in line
    assert "{% if x|length > 2 %}" in line


def path_of(line: str) -> str:
    return line.split(": ", 1)[0]


# --- files and folders ---------------------------------------------------------------------


def test_a_further_document_named_like_a_built_in_one_is_warned_about(tmp_path: Path) -> None:
    make_template(tmp_path / "briefing.docx", "{{ council.name }}")
    make_template(tmp_path / "Briefing note.docx", "{{ council.name }}")
    [warning] = check_templates([tmp_path], accessibility=False)
    assert str(warning) == (
        f"{tmp_path / 'Briefing note.docx'}: warning: lisdraft builds this as a further "
        "document, not as the briefing: to replace the built-in briefing, name the file "
        "briefing.docx"
    )


def test_further_documents_in_a_folder_are_checked_like_the_others(tmp_path: Path) -> None:
    make_template(tmp_path / "cabinet-report.docx", "Report for {{ councl.name }}")
    line = one_problem(tmp_path)
    assert line.startswith(f'{tmp_path / "cabinet-report.docx"}: body, paragraph 1')


def test_a_folder_without_templates_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="holds none of the template files"):
        check_templates([tmp_path])


def test_a_damaged_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "contribution.docx"
    path.write_bytes(b"not a zip")
    assert "cannot open this file as a Word document" in one_problem(path)


def test_the_rating_cell_tag_renders_the_word_and_shades_the_cell(tmp_path: Path) -> None:
    rows = [["Rating"], ["{% rating_cell q %}"]]
    path = make_template(tmp_path / "t.docx", rows)
    out = render_document(path, {"q": {"rating_key": "amber"}}, PROPS)
    cell = Document(io.BytesIO(out)).tables[0].cell(1, 0)
    assert cell.text == "! Amber"
    assert 'w:fill="FFEB9C"' in cell._tc.xml


def test_the_trial_render_catches_a_file_word_could_not_open(tmp_path: Path) -> None:
    # The level check reports this mistake; the trial render, run on its own, must too.
    path = make_template(tmp_path / "t.docx", [["{% if meta.is_final %}Final", "x"]], "{% endif %}")
    [body] = read_parts(path)[:1]
    [problem] = trial_render(str(path), body, make_environment())
    assert problem.where == "body"
    assert "when the profile leaves lists and optional text empty would damage the document" in (
        problem.message
    )


def test_tags_copied_into_a_table_of_contents_are_explained(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{{ f.name }}\t3",
        "{%p for f in foundations %}",
        "{{ f.name }}",
        "{%p endfor %}",
    )
    document = Document(str(path))
    document.paragraphs[0].style = document.styles.add_style("toc 2", 1)
    document.paragraphs[0]._p.pPr.pStyle.val = "TOC2"
    document.save(str(path))
    line = one_problem(path)
    assert "paragraph 1" in line and "this table of contents entry repeats a heading's tag" in line


# --- accessibility of the template itself ---------------------------------------------------


def test_the_template_itself_is_checked_for_accessibility_once_per_style(
    tmp_path: Path,
) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    path = make_template(tmp_path / "t.docx", "Intro", *[f"Key point {i}" for i in range(10)])
    document = Document(str(path))
    faint = document.styles.add_style("Key message", WD_STYLE_TYPE.PARAGRAPH)
    faint.font.color.rgb = RGBColor(0xC8, 0xA2, 0xE8)
    for paragraph in document.paragraphs[1:]:
        paragraph.style = faint
    document.styles["Normal"].font.name = "DejaVu Serif"
    document.save(str(path))
    lines = problems(path, accessibility=True)
    contrast = [line for line in lines if "[contrast]" in line]
    assert contrast == [
        f'{path}: body, paragraph 2 "Key point 0": error: style \'Key message\' gives text '
        "colour #C8A2E8 on #FFFFFF, a contrast of 2.15:1; it needs at least 4.5:1. In Word, "
        "right-click 'Key message' in Home > Styles, choose Modify and choose a darker font "
        "colour. [contrast]"
    ]
    assert any("style 'Normal' gives a serif font (DejaVu Serif)" in line for line in lines)
    assert not any("[title-missing]" in line for line in lines)  # lisdraft sets the title
    assert not any("[no-headings]" in line for line in lines)  # checked on the documents


def test_a_build_leaves_the_templates_accessibility_to_the_documents_check(
    tmp_path: Path,
) -> None:
    path = make_template(tmp_path / "briefing.docx", "Plain {{ council.name }}")
    assert check_templates([path], accessibility=False) == []


def test_house_fields_are_accepted_under_any_name(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{{ extra.strapline }} ({{ extra.cabinet.report|upper }})",
        "{% if extra.show_logo %}Logo{% endif %}",
    )
    assert check_templates([path], accessibility=False) == []


def test_a_misspelt_extra_is_still_reported(tmp_path: Path) -> None:
    line = one_problem(make_template(tmp_path / "t.docx", "{{ extras.strapline }}"))
    assert "did you mean 'extra'?" in line


def test_every_mistake_a_shared_template_can_hold_is_reported_in_one_run(tmp_path: Path) -> None:
    """The template of issue 14: changes, a comment, bad helpers, sample-data and loop limits."""
    import io

    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor
    from test_template_workflow import tiny_png

    mark = 'w:author="Jane Reviewer" w:date="2026-01-01T00:00:00Z"'
    deleted = (
        f'<w:del w:id="2" {mark}><w:r><w:delText>{{{{ meta.</w:delText></w:r>'
        "<w:r><w:delText>status }}</w:delText></w:r></w:del>"
    )
    path = make_template(
        tmp_path / "cabinet-report.docx",
        "Cabinet report for {{ council.name }}",
        run("Status: ") + deleted,
        run("Kept ") + f'<w:ins w:id="1" {mark}>{run("new words")}</w:ins>',
        "Please check this figure",
        "{{ council.name|uppr }}",
        "{%tc for q in board.questions %}",
        "{{ q.title }}",
        "{%tc endfor %}",
        "Key point",
        "Another key point",
    )
    document = Document(str(path))
    document.add_comment(document.paragraphs[3].runs, text="Secret", author="Carol Commenter")
    faint = document.styles.add_style("Key message", WD_STYLE_TYPE.PARAGRAPH)
    faint.font.color.rgb = RGBColor(0xC8, 0xA2, 0xE8)
    for paragraph in document.paragraphs[8:10]:
        paragraph.style = faint
    document.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()))
    header = document.sections[0].header
    header.paragraphs[0].text = "Third question: {{ board.questions[2] }}"
    header.add_paragraph("Per question: {{ 100 / (board.questions|length - 2) }}")
    footer = document.sections[0].footer
    footer.paragraphs[0].text = "{% for i in range(99999) %}{% for j in range(99999) %}"
    footer.paragraphs[0].add_run("x{% endfor %}{% endfor %}")
    document.core_properties.author = "Tom Author"
    document.save(str(path))

    lines = problems(path, accessibility=True)
    places = [line.removeprefix(f"{path}: ").split('"')[0].split(":")[0] for line in lines[:-1]]
    assert places == [
        "document properties",
        "body, paragraph 2 ",  # the deletion, once: no second error for its split tag
        "body, paragraph 3 ",
        "body, paragraph 4 ",
        "body, paragraph 5 ",
        "body, paragraph 6 ",  # {%tc once, not once per tag
        "header, paragraph 1 ",
        "header, paragraph 2 ",
        "footer, paragraph 1 ",
        "body, paragraph 9 ",  # the new style's small text, once for its two paragraphs
        "body, paragraph 9 ",  # its faint colour, once too
        "body, paragraph 11",
    ]
    assert lines[-1].startswith("10 errors and 2 warnings found")


def test_the_template_check_names_a_place_as_the_accessibility_check_does(
    tmp_path: Path,
) -> None:
    cell = "Total:    {{ councl.name }}\nSee the notes."
    path = make_template(tmp_path / "t.docx", "Intro", [["Item", "Value"], ["Board", cell]])
    [problem] = check_template(path, accessibility=False)
    [spaces] = [f for f in check_document(path) if f.rule == "repeated-spaces"]
    assert problem.where == spaces.where == "body, table 1, row 2, cell 2, paragraph 1"
    assert "'councl'" in problem.message


def test_any_image_name_passes_the_check_which_has_no_profile(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        "{{p image('crest') }}",
        "{{ images.crest.alt }}",
        "{{ image('logo') }}",
    )
    [problem, _] = problems(path)  # only the helper written without p
    assert "paragraph 3" in problem and "write {{p image('logo') }} (with p)" in problem
