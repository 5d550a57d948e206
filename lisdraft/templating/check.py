"""Check customised Word templates: every problem, in one run, with where it is.

`check_templates` reads each template the way docxtpl 0.20 will (tags that
Word split across runs joined, `{%p`/`{%tr`/`{%tc`/`{%r` prefixes resolved,
curly quotes inside tags straightened) and reports, for each part and
paragraph or table cell:

- tags docxtpl cannot join without damaging the document (split across a
  hyperlink or a tracked change, say), tags left open at a paragraph's end,
  tags hidden in deleted text or field codes, and tags a table of contents
  copied from the headings it lists;
- misused prefixes: `{%p` sharing its paragraph with other text, `{%tr`
  outside a table row, `{{r` given plain text, and so on;
- quote marks docxtpl does not straighten, and Jinja syntax errors;
- blocks left open, closed twice, or opened and closed at different levels;
- names and fields the render context does not provide, with a suggestion
  (the area overview's context for `area-overview.docx`, the council
  documents' for every other file).

Then it renders each clean part with sample data, once full and once empty,
and parses the result strictly (`lisdraft.templating.trial`): whatever still
breaks is reported too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from lxml import etree  # type: ignore[import-untyped]

from lisdraft.build.documents import DOCUMENTS, OVERVIEW_TEMPLATE, further_documents
from lisdraft.build.limits import bounded
from lisdraft.build.render import make_environment
from lisdraft.errors import TemplateError
from lisdraft.templating.clean import file_traces, review_marks, review_message
from lisdraft.templating.names import check_names
from lisdraft.templating.scan import (
    CLOSERS,
    OTHER_QUOTES,
    Paragraph,
    Part,
    Tag,
    ancestor,
    hidden_tags,
    path_names,
    read_parts,
)
from lisdraft.templating.trial import trial_render
from lisdraft.templating.variables import Group, declaration_for
from lisdraft.word.docx_template import merge_split_tags
from lisdraft.word.findings import Finding
from lisdraft.word.ooxml import w

# Blocks and their end tags; 'set' opens a block only without '='.
BLOCK_ENDS = {
    "if": "endif",
    "for": "endfor",
    "with": "endwith",
    "filter": "endfilter",
    "macro": "endmacro",
    "call": "endcall",
    "autoescape": "endautoescape",
    "raw": "endraw",
    "block": "endblock",
    "set": "endset",
}
MIDDLES = {"elif": {"if"}, "else": {"if", "for"}}
# Valid stand-ins for broken opening tags, keeping their blocks balanced.
HARMLESS_OPENERS = {
    "if": "{% if true %}",
    "with": "{% with %}",
    "filter": "{% filter upper %}",
    "macro": "{% macro _broken() %}",
    "call": "{% call range(0) %}",
    "autoescape": "{% autoescape true %}",
    "raw": "{% raw %}",
    "block": "{% block _broken %}",
    "set": "{% set _broken %}",
}
CELL_TAGS = {"cellbg", "colspan", "rating_cell", "vm", "hm"}
FILE_TAGS = {"include", "import", "from", "extends"}
KNOWN_TAGS = [*BLOCK_ENDS, *(f"end{k}" for k in BLOCK_ENDS), *MIDDLES, *CELL_TAGS, "set"]
#: Helpers that give whole paragraphs (a page break, charts, the forum map, an image): {{p.
XML_HELPERS = re.compile(r"(page_break|chart|forum_map|image)\s*\(")
_JINJA_TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)
_CURLY = "“”‘’"
CONTAINER_NAMES = {
    "hyperlink": "a hyperlink",
    "ins": "a tracked insertion (Track Changes)",
    "del": "a tracked deletion (Track Changes)",
    "moveTo": "a tracked move (Track Changes)",
    "moveFrom": "a tracked move (Track Changes)",
    "smartTag": "a smart tag",
    "sdt": "a content control",
    "fldSimple": "a field",
    "customXml": "custom XML markup",
}


def check_templates(paths: Iterable[str | Path], accessibility: bool = True) -> list[Finding]:
    """Check each template file, or each document template in a folder, at `paths`.

    Raise `TemplateError` listing every problem when any is an error; else
    return the warnings (often none). With `accessibility`, each template's
    styles, colours, fonts and images are checked too (`lisdraft.word.accessibility`);
    a build leaves that out, as it checks the documents it writes.
    """
    files = [file for path in paths for file in template_files(Path(path))]
    problems = [problem for file in files for problem in check_template(file, accessibility)]
    problems += lookalike_warnings([Path(p) for p in paths])
    errors = [p for p in problems if not p.warning]
    if errors:
        raise TemplateError(report(problems))
    return problems


def report(problems: Sequence[Finding]) -> str:
    """Return the problems one per line, then a count and what to do next."""
    errors = sum(1 for p in problems if not p.warning)
    noun = "error" if errors == 1 else "errors"
    warnings = len(problems) - errors
    also = f" and {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    return "\n".join(
        [
            *map(str, problems),
            f"{errors} {noun}{also} found in the templates. Fix them in Word, save, and run "
            "`lisdraft templates check` again.",
        ]
    )


def template_files(path: Path) -> list[Path]:
    """Return `path` itself, or the templates a folder at `path` holds.

    A folder's are the three documents', any further documents' and the area
    overview's (`area-overview.docx`), each that it holds.
    """
    if path.is_dir():
        found = [path / d.template for d in DOCUMENTS if (path / d.template).is_file()]
        found += [path / kind.template for kind in further_documents(path)]
        if (path / OVERVIEW_TEMPLATE).is_file():
            found.append(path / OVERVIEW_TEMPLATE)
        if not found:
            names = ", ".join(d.template for d in DOCUMENTS)
            raise TemplateError(
                f"{path}: holds none of the template files {names}, nor any other Word "
                "document. Run `lisdraft templates export` to get copies to customise."
            )
        return found
    if not path.is_file():
        raise TemplateError(f"{path}: no such template file or folder")
    return [path]


def lookalike_warnings(paths: list[Path]) -> list[Finding]:
    """Warn about further documents named like one of the three, which they do not replace."""
    import difflib

    warnings = []
    for path in paths:
        for kind in further_documents(path) if path.is_dir() else []:
            close = difflib.get_close_matches(
                kind.key, [d.key for d in DOCUMENTS], n=1, cutoff=0.6
            )
            if close:
                warnings.append(
                    Finding(
                        "warning",
                        "",
                        f"lisdraft builds this as a further document, not as the {close[0]}: "
                        f"to replace the built-in {close[0]}, name the file {close[0]}.docx",
                        file=str(path / kind.template),
                    )
                )
    return warnings


def check_template(path: Path, accessibility: bool = True) -> list[Finding]:
    """Return every problem in the one template at `path`, accessibility included if asked.

    Its names are checked against what its document provides: the area
    overview's context for `area-overview.docx`, the council documents' otherwise.
    """
    shown = str(path)
    declaration = declaration_for(path)
    try:
        parts = read_parts(path)
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged file
        message = (
            f"cannot open this file as a Word document ({type(exc).__name__}). Open it in Word "
            "and save it again as a Word Document (.docx)."
        )
        return [Finding("error", "", message, file=shown)]
    environment = make_environment()
    problems: list[Finding] = []
    comments = any("a comment" in kinds for part in parts for _, kinds in review_marks(part.root))
    problems += file_traces(path, shown, comments_placed=comments)
    with bounded() as budget:  # the trial renders of all the parts share one document's limits
        for part in parts:
            found = PartChecker(shown, part, environment, declaration).run()
            if not any(not p.warning for p in found):
                found += trial_render(shown, part, environment, declaration)
            problems += found
            if budget.spent():
                break  # the document's limits are reached: the other parts cannot be tried
    if accessibility:
        problems += template_accessibility(path, shown)
    return problems


#: The accessibility rules a template is held to: those its styles, fonts, colours and
#: images decide. The rest (the title, headings, tables, empty paragraphs) depend on what
#: lisdraft fills in, so they are checked on the documents a build writes.
TEMPLATE_RULES = {
    "language-missing",
    "language-not-en-gb",
    "heading-capitals",
    "image-alt",
    "contrast",
    "small-text",
    "justified",
    "serif-font",
}


def template_accessibility(path: Path, shown: str) -> list[Finding]:
    """Return the accessibility findings for the template at `path`, each style's once.

    Only the rules in `TEMPLATE_RULES` apply.
    """
    from lisdraft.errors import DocumentError
    from lisdraft.word.accessibility import check_document

    try:
        found = check_document(path)
    except DocumentError:
        return []  # the template could not be read: reported by the part checks
    return [replace(f, file=shown) for f in found if f.rule in TEMPLATE_RULES]


class PartChecker:
    """The checks on one part of one template; `run` returns what they found."""

    def __init__(
        self,
        template: str,
        part: Part,
        environment: jinja2.Environment,
        declaration: Group,
    ) -> None:
        self.template = template
        self.declaration = declaration
        self.part = part
        self.environment = environment
        self.found: list[tuple[tuple[int, int], Finding]] = []
        tags = sorted(part.tags, key=lambda tag: tag.order)
        self.contents_tags = [tag for tag in tags if _in_table_of_contents(tag.paragraph)]
        self.tags = [tag for tag in tags if tag not in self.contents_tags]
        # Paragraphs reported for tracked changes or comments.
        self.reviewed: set[Any] = set()
        # docxtpl prefixes reported outside their table, and rows or cells reported crowded.
        self.misplaced: set[str] = set()
        self.crowded: set[Any] = set()
        # Each tag's keyword, or the one it was probably meant to be ('If' -> 'if').
        self.keywords = [tag.keyword for tag in self.tags]

    def run(self) -> list[Finding]:
        """Return every problem in the part, in the order a reader meets them."""
        self.check_review_marks()
        self.check_hidden_tags()
        self.check_table_of_contents()
        self.check_unclosed()
        self.check_splits()
        self.check_prefixes()
        self.check_cells_keep_a_paragraph()
        sources = self.check_syntax()
        sources = self.check_blocks(sources)
        self.check_names(sources)
        return [problem for _, problem in sorted(self.found, key=lambda found: found[0])]

    # --- reporting ----------------------------------------------------------------------

    def add(self, at: Tag | Paragraph, message: str, warning: bool = False) -> None:
        """Record a problem at a tag or a paragraph."""
        paragraph = at.paragraph if isinstance(at, Tag) else at
        around = at.start if isinstance(at, Tag) else 0
        problem = Finding(
            "warning" if warning else "error",
            paragraph.where,
            message,
            near=paragraph.snippet(around),
            file=self.template,
        )
        self.found.append(((paragraph.order, around), problem))

    # --- what docxtpl does to the XML ---------------------------------------------------

    def check_review_marks(self) -> None:
        """Report tracked changes and comments, once per paragraph (see `templating.clean`)."""
        by_element = {paragraph.element: paragraph for paragraph in self.part.paragraphs}
        for element, kinds in review_marks(self.part.root):
            self.reviewed.add(element)
            paragraph = by_element.get(element)
            if paragraph is not None:
                self.add(paragraph, review_message(kinds))
                continue
            where = self.part.places.get(element, self.part.name)
            finding = Finding("error", where, review_message(kinds), file=self.template)
            self.found.append(((-1, 0), finding))

    def check_hidden_tags(self) -> None:
        """Report tags inside field codes (tags in tracked deletions are reported with them)."""
        for element, text in hidden_tags(self.part.root):
            if element.tag == w("delText"):
                continue  # the paragraph's tracked changes are reported already
            kind = "a field code"
            paragraph = ancestor(element, "p")
            where = self.part.places.get(paragraph, self.part.name)
            self.found.append(
                (
                    (-1, 0),
                    Finding(
                        "error",
                        where,
                        f"this tag is in {kind}, which Word hides but lisdraft still runs. "
                        "Keep tags out of fields.",
                        near=" ".join(text.split())[:70],
                        file=self.template,
                    ),
                )
            )

    def check_table_of_contents(self) -> None:
        """Report tags copied into a table of contents from the headings it lists."""
        reported: set[Paragraph] = set()
        for tag in self.contents_tags:
            if tag.paragraph not in reported:
                reported.add(tag.paragraph)
                self.add(
                    tag,
                    "this table of contents entry repeats a heading's tag, and lisdraft would "
                    "run it here too, outside any loop. Delete the table of contents from the "
                    "template and insert it in the built document (References > Table of "
                    "Contents).",
                )

    def check_unclosed(self) -> None:
        """Report tags that do not end in the paragraph they start in."""
        for tag in self.tags:
            if not tag.closed:
                closer = CLOSERS[tag.delimiter]
                self.add(
                    tag,
                    f"the tag '{tag.raw.strip()[:40]}' is not closed in this paragraph: add "
                    f"'{closer}' before the paragraph ends (a tag cannot run across paragraphs)",
                )

    def check_splits(self) -> None:
        """Report tags docxtpl would join across runs only by damaging the document."""
        for paragraph in self.part.paragraphs:
            tags = [t for t in self.tags if t.paragraph is paragraph and t.closed]
            if not tags or any(t.prefix in {"p", "tr", "tc"} for t in tags):
                continue
            if paragraph.element in self.reviewed:
                continue  # tracked changes are reported; accepting them may rejoin the tag
            merged = merge_split_tags(etree.tostring(paragraph.element, encoding="unicode"))
            intact = _well_formed(_JINJA_TAGS.sub("", merged))
            if paragraph.element.find(f".//{w('txbxContent')}") is None:
                found = [html.unescape(t) for t in _JINJA_TAGS.findall(merged)]
                intact = intact and found == [t.raw for t in tags]
            if not intact:
                tag = next((t for t in tags if _containers(t)), tags[0])
                across = " and ".join(_containers(tag)) or "Word's formatting"
                self.add(
                    tag,
                    f"the tag '{tag.raw}' is split across {across}, so lisdraft cannot join "
                    "it up without damaging the document. Delete the whole tag and type it "
                    f"again in one go, so that it is not partly inside {across}.",
                )

    def check_prefixes(self) -> None:
        """Report `{%p`, `{%tr`, `{%tc`, `{{r` and cell-only tags used where they break."""
        seen: dict[Any, Tag] = {}
        for tag in self.tags:
            if not tag.closed:
                continue
            if tag.prefix in {"p", "tr", "tc"}:
                self.check_structural(tag, seen)
            elif tag.prefix == "r" and tag.delimiter == "{{":
                self.add(
                    tag,
                    "'{{r ... }}' needs rich text, which lisdraft's variables are not; "
                    f"write {{{{ {tag.body} }}}} without the r",
                )
            elif tag.delimiter == "{{" and XML_HELPERS.match(tag.body):
                self.add(
                    tag,
                    f"write {{{{p {tag.body} }}}} (with p) on a paragraph of its own: "
                    "this helper gives whole paragraphs (a page break or a picture)",
                )
            if tag.keyword in CELL_TAGS and ancestor(tag.paragraph.element, "tc") is None:
                self.add(tag, f"'{{% {tag.keyword} %}}' only works inside a table cell")

    def check_structural(self, tag: Tag, seen: dict[Any, Tag]) -> None:
        """Check one `{%p`, `{%tr` or `{%tc` tag: where it is and what else it would remove."""
        unit = tag.prefix
        holder = tag.paragraph.element if unit == "p" else ancestor(tag.paragraph.element, unit)
        what = {"p": "paragraph", "tr": "table row", "tc": "table cell"}[unit]
        if holder is None:
            if unit not in self.misplaced:  # its partners are misplaced too: say it once
                self.misplaced.add(unit)
                self.add(
                    tag,
                    f"'{{%{tag.prefix} ... %}}' repeats or hides a whole {what}, so it only "
                    f"works inside one; outside tables use {{%p ... %}} on a paragraph of its "
                    "own (see 'docxtpl's tags' in docs/customising-templates.md)",
                )
            return
        if tag.delimiter == "{{" and not (tag.prefix == "p" and XML_HELPERS.match(tag.body)):
            self.add(
                tag,
                f"'{{{{{tag.prefix} ... }}}}' would put text where Word expects a whole {what}; "
                f"write {{{{ {tag.body} }}}} instead",
            )
        if "%" in tag.body or "}" in tag.body:
            self.add(tag, f"docxtpl cannot read a {{%{tag.prefix} %}} tag containing % or }}")
        if holder in seen:
            if holder in self.crowded:
                return  # already reported: the other tags are the text beside it
            self.add(
                tag,
                f"only one {{%{tag.prefix} %}} tag fits in a {what}: docxtpl keeps "
                f"'{seen[holder].raw}' and drops the rest, this tag included. Give each its "
                f"own {what}.",
            )
            return
        seen[holder] = tag
        other = _text_without(self.part, holder, tag)
        if other:
            self.crowded.add(holder)
            self.add(
                tag,
                f"docxtpl replaces this whole {what} with the tag, so the text beside it "
                f"('{other[:40]}') would be lost. Give '{tag.raw}' a {what} of its own.",
            )

    def check_cells_keep_a_paragraph(self) -> None:
        """Report table cells that `{%p` tags could leave with no paragraph at all."""
        paragraph_tags = {t.paragraph.element: t for t in self.tags if t.prefix == "p"}
        for cell in self.part.root.iter(w("tc")):
            blocks = [child for child in cell if child.tag in (w("p"), w("tbl"))]
            if not any(b in paragraph_tags for b in blocks) or w("tbl") in {b.tag for b in blocks}:
                continue
            depth, kept = 0, 0
            for block in blocks:
                tag = paragraph_tags.get(block)
                if tag is None:
                    kept += depth == 0
                elif tag.keyword in BLOCK_ENDS and "=" not in tag.rest:
                    depth += 1
                elif tag.keyword.startswith("end"):
                    depth -= 1
            if not kept:
                tag = paragraph_tags[next(b for b in blocks if b in paragraph_tags)]
                self.add(
                    tag,
                    "this cell holds only {%p %} tags and what they show or repeat, so it "
                    "could be left with no paragraph at all, which Word cannot open. Keep one "
                    "paragraph outside the tags, or use {% if %} inside the paragraph's text.",
                )

    # --- Jinja --------------------------------------------------------------------------

    def check_syntax(self) -> list[str]:
        """Check each tag; return each tag's Jinja source, broken ones made harmless.

        All the tags are compiled together first: when that works (the usual
        case) no tag needs compiling on its own, which is much slower.
        """
        sources = [self.check_tag(i) if tag.closed else None for i, tag in enumerate(self.tags)]
        if None not in sources and _compiles(self.environment, "\n".join(map(str, sources))):
            return [str(source) for source in sources]
        return [
            (self.compile_tag(index) if source is not None else None)
            or _harmless(self.tags[index], self.keywords[index])
            for index, source in enumerate(sources)
        ]

    def compile_tag(self, index: int) -> str | None:
        """Return the Jinja source for tag `index` if it compiles; else report it, return None."""
        tag = self.tags[index]
        try:
            self.environment.from_string(_alone(tag))
        except jinja2.TemplateSyntaxError as exc:
            self.add(tag, self.syntax_message(index, exc))
            return None
        except jinja2.TemplateError as exc:  # an unknown filter or test
            self.add(tag, f"{exc.message or exc}")
            return None
        return _jinja_source(tag)

    def check_tag(self, index: int) -> str | None:
        """Return the Jinja source for tag `index`, or None after reporting a mistake in it."""
        tag = self.tags[index]
        odd = sorted({c for c in tag.body if c in OTHER_QUOTES})
        if odd:
            self.add(
                tag,
                f"the tag contains {' '.join(odd)}, a quote mark lisdraft cannot read: type "
                "straight quotes (\" or ') instead",
            )
            return None
        keyword = tag.keyword
        if keyword in FILE_TAGS:
            self.add(tag, f"'{{% {keyword} %}}' is not allowed: a template cannot read other files")
            return None
        if keyword.startswith("end") and tag.rest and keyword != "endblock":
            self.add(tag, f"nothing may follow '{keyword}' in its tag: write {{% {keyword} %}}")
            return None
        if keyword in CELL_TAGS and keyword not in {"vm", "hm"} and not tag.rest:
            self.add(tag, f"'{{% {keyword} %}}' needs a value after it, such as {keyword} q")
            return None
        return _jinja_source(tag)

    def syntax_message(self, index: int, exc: jinja2.TemplateSyntaxError) -> str:
        """Return what is wrong with a tag Jinja cannot read, and a hint when there is one."""
        tag = self.tags[index]
        message = exc.message or "syntax error"
        helper = re.match(r"No (filter|test) named '([^']+)'", message)
        if helper:
            return self.unknown_helper(helper.group(1), helper.group(2))
        unknown = re.match(r"Encountered unknown tag '([^']+)'", message)
        if unknown:
            word = unknown.group(1)
            near = [k for k in KNOWN_TAGS if k.lower() == word.lower()] or [
                k for k in KNOWN_TAGS if _near(word, k)
            ]
            if not near:
                return f"'{word}' is not a tag lisdraft knows"
            self.keywords[index] = near[0]  # check the blocks as if it were spelt right
            return f"'{word}' is not a tag lisdraft knows; did you mean '{near[0]}'?"
        text = f"Jinja cannot read this tag: {message}"
        if any(c in tag.raw for c in _CURLY):
            text += (
                " (Word made the quotes in this tag curly; lisdraft straightens them, so "
                "check each quote has a partner of the same kind)"
            )
        return text

    def unknown_helper(self, kind: str, name: str) -> str:
        """Return the message for a filter or test lisdraft does not have, with a suggestion."""
        import difflib

        known = self.environment.filters if kind == "filter" else self.environment.tests
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.7)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return (
            f"'{name}' is not a {kind} lisdraft knows{hint} (the {kind}s are listed under "
            "'The template language' in docs/customising-templates.md)"
        )

    def check_blocks(self, sources: list[str]) -> list[str]:
        """Report unbalanced blocks and blocks whose ends sit at different levels.

        Return the sources with stray ends dropped and missing ends added, so
        that the names can still be checked.
        """
        sources = list(sources)
        stack: list[int] = []
        for index, tag in enumerate(self.tags):
            keyword = self.keywords[index]
            if keyword in BLOCK_ENDS and not (keyword == "set" and "=" in tag.rest):
                stack.append(index)
            elif keyword in MIDDLES:
                if stack and self.keywords[stack[-1]] in MIDDLES[keyword]:
                    self.check_level(self.tags[stack[-1]], tag)
                else:
                    owners = " or ".join(f"{{% {k} %}}" for k in sorted(MIDDLES[keyword]))
                    self.add(tag, f"'{tag.raw}' has no open {owners} before it")
                    sources[index] = "{# #}"
            elif keyword.startswith("end") and keyword[3:] in BLOCK_ENDS:
                sources[index] = self.close_block(index, stack, sources[index])
        for index in reversed(stack):
            self.add(self.tags[index], self.unclosed_message(index))
            sources[-1] += "{% " + BLOCK_ENDS[self.keywords[index]] + " %}"
        return sources

    def close_block(self, index: int, stack: list[int], source: str) -> str:
        """Match the end tag at `index` with its opener; return its (repaired) source."""
        tag = self.tags[index]
        name = self.keywords[index][3:]
        if not any(self.keywords[j] == name for j in stack):
            self.add(
                tag,
                f"'{tag.raw}' closes nothing: there is no open {{% {name} %}} before it "
                "(look for a deleted or mistyped opening tag)",
            )
            return "{# #}"
        added = ""
        while self.keywords[stack[-1]] != name:
            opener = stack.pop()
            self.add(self.tags[opener], self.unclosed_message(opener))
            added += "{% " + BLOCK_ENDS[self.keywords[opener]] + " %}"
        self.check_level(self.tags[stack.pop()], tag)
        return added + source

    def unclosed_message(self, index: int) -> str:
        """Return the message for a block never closed."""
        tag = self.tags[index]
        end = BLOCK_ENDS[self.keywords[index]]
        written = f"{{%{tag.prefix} {end} %}}" if tag.prefix else f"{{% {end} %}}"
        return f"'{tag.raw}' is never closed: add {written} where this part should end"

    def check_level(self, opener: Tag, other: Tag) -> None:
        """Report a block whose opening and closing (or else) tags sit at different levels."""
        first, second = _slot(self.part, opener), _slot(self.part, other)
        if first is None or second is None:
            return
        if first[2] != second[2]:
            self.add(
                other,
                f"'{other.raw}' belongs to '{opener.raw}' ({opener.paragraph.where}), but one "
                f"is {_level_words(opener)} and the other {_level_words(other)}, so lisdraft "
                "would damage the document. Write both the same way: {%p ... %} on paragraphs "
                "of their own, {%tr ... %} in rows of one table, or both inside one paragraph.",
            )
        elif first[1] is not second[1] and first[0] != "inline":
            where = {"p": "part or table cell", "tr": "table", "tc": "table row", "r": "paragraph"}
            self.add(
                other,
                f"'{other.raw}' belongs to '{opener.raw}' ({opener.paragraph.where}), which is "
                f"in a different {where[first[0]]}: a block must start and end in the same one",
            )
        elif first[1] is not second[1]:
            self.add(
                other,
                f"'{other.raw}' belongs to '{opener.raw}' in another paragraph "
                f"({opener.paragraph.where}): when that part is left out or repeated, the "
                "paragraphs around it merge. To show, hide or repeat whole paragraphs, put "
                "{%p ... %} tags on paragraphs of their own.",
                warning=True,
            )

    def check_names(self, sources: list[str]) -> None:
        """Report every name or field the render context does not provide."""
        try:
            tree = self.environment.parse("\n".join(sources))
        except jinja2.TemplateSyntaxError as exc:
            if not self.found:  # anything else has been reported at its tag already
                self.add(self.tag_at(exc.lineno), f"Jinja cannot read the tags: {exc.message}")
            return
        for problem in check_names(
            tree, set(self.environment.globals), self.declaration.fields
        ):
            self.add(self.tag_at(problem.line), problem.message)
        # Jinja lets an unknown filter or test inside {% if %} wait until it runs.
        for node in tree.find_all((nodes.Filter, nodes.Test)):
            known = (
                self.environment.filters
                if isinstance(node, nodes.Filter)
                else self.environment.tests
            )
            if node.name not in known:
                kind = "filter" if isinstance(node, nodes.Filter) else "test"
                self.add(self.tag_at(node.lineno), self.unknown_helper(kind, node.name))

    def tag_at(self, line: int) -> Tag:
        """Return the tag on `line` of the joined sources (one tag per line)."""
        return self.tags[min(max(line, 1), len(self.tags)) - 1]


# --- helpers ----------------------------------------------------------------------------


def _alone(tag: Tag) -> str:
    """Return a small template in which `tag` is valid if its own syntax is."""
    keyword, source = tag.keyword, _jinja_source(tag)
    if tag.delimiter != "{%" or keyword in CELL_TAGS:
        return source
    if keyword in BLOCK_ENDS and not (keyword == "set" and "=" in tag.rest):
        return f"{source}{{% {BLOCK_ENDS[keyword]} %}}"
    if keyword in MIDDLES:
        return f"{{% if true %}}{source}{{% endif %}}"
    if keyword.startswith("end") and keyword[3:] in BLOCK_ENDS:
        return ""
    return source


def _jinja_source(tag: Tag) -> str:
    """Return the Jinja docxtpl makes of `tag`; cell tags become output tags."""
    if tag.keyword in {"cellbg", "colspan", "rating_cell"}:
        return f"{{{{ {tag.rest} }}}}"
    if tag.keyword in {"vm", "hm"}:
        return "{{ loop.first }}"
    return tag.source


def _harmless(tag: Tag, keyword: str) -> str:
    """Return a stand-in for a broken tag that keeps the blocks around it balanced."""
    if keyword == "for":
        targets = re.match(r"([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\b", tag.rest)
        return f"{{% for {targets.group(1) if targets else '_'} in () %}}"
    if keyword in HARMLESS_OPENERS and not (keyword == "set" and "=" in tag.rest):
        return HARMLESS_OPENERS[keyword]
    if keyword in MIDDLES:
        return "{% else %}" if keyword == "else" else "{% elif true %}"
    if keyword.startswith("end") and keyword[3:] in BLOCK_ENDS:
        return f"{{% {keyword} %}}"
    return "{# #}"


def _in_table_of_contents(paragraph: Paragraph) -> bool:
    """Return whether `paragraph` is an entry in a table of contents (style TOC 1, TOC 2 ...)."""
    style = paragraph.element.find(f"{w('pPr')}/{w('pStyle')}")
    return style is not None and style.get(w("val"), "").upper().startswith("TOC")


def _compiles(environment: jinja2.Environment, source: str) -> bool:
    """Return whether `source` compiles as a Jinja template."""
    try:
        environment.compile(source)
    except jinja2.TemplateError:
        return False
    return True


def _near(word: str, known: str) -> bool:
    """Return whether `word` looks like a typing slip for `known`."""
    import difflib

    return difflib.SequenceMatcher(None, word.lower(), known).ratio() >= 0.75


def _well_formed(xml: str) -> bool:
    """Return whether `xml` parses."""
    try:
        etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return False
    return True


def _containers(tag: Tag) -> list[str]:
    """Return what, besides plain runs, holds the pieces of `tag`: ['a hyperlink'] ..."""
    paragraph = tag.paragraph
    end = tag.start + len(tag.raw)
    chains = set()
    for start, element in paragraph.pieces:
        if start >= end or start + len(element.text or "") <= tag.start:
            continue
        chain = []
        node = element.getparent().getparent()
        while node is not None and node is not paragraph.element:
            chain.append(etree.QName(node).localname)
            node = node.getparent()
        chains.add(tuple(chain))
    if len(chains) < 2:
        return []
    names = {name for chain in chains for name in chain}
    return [CONTAINER_NAMES.get(name, f"a {name} element") for name in sorted(names)] or []


def _text_without(part: Part, holder: Any, tag: Tag) -> str:
    """Return the text in `holder` (a paragraph, row or cell) other than `tag` itself."""
    texts = []
    for paragraph in part.paragraphs:
        element = paragraph.element
        if element is holder or holder in element.iterancestors():
            text = paragraph.text
            if paragraph is tag.paragraph:
                text = text[: tag.start] + text[tag.start + len(tag.raw) :]
            texts.append(text.strip())
    return " ".join(t for t in texts if t)


def _slot(part: Part, tag: Tag) -> tuple[str, Any, tuple[str, ...]] | None:
    """Return where docxtpl leaves `tag` in the XML: (kind, container, element names)."""
    paragraph = tag.paragraph.element
    if tag.prefix == "p":
        container = paragraph.getparent()
        return ("p", container, path_names(container))
    if tag.prefix in {"tr", "tc"}:
        unit = ancestor(paragraph, tag.prefix)
        if unit is None:
            return None
        return (tag.prefix, unit.getparent(), path_names(unit.getparent()))
    text = tag.paragraph.element_at(tag.start)
    if tag.prefix == "r":
        holder = text.getparent().getparent()
        return ("r", holder, path_names(holder))
    return ("inline", paragraph, path_names(text))


def _level_words(tag: Tag) -> str:
    """Return where a tag sits, in words: 'on a paragraph of its own' ..."""
    return {
        "p": "on a paragraph of its own ({%p %})",
        "tr": "a table row ({%tr %})",
        "tc": "a table cell ({%tc %})",
    }.get(tag.prefix, "inside a paragraph's text")
