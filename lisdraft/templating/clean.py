"""Find what a template carries about the people who edited it.

A template passed between councils often still holds tracked changes (each
with its reviewer's name and date), comments, and document properties naming
its author. docxtpl copies all of these into every document it builds. So
the template check reports:

- tracked changes (insertions, deletions, moves, formatting changes) and
  comment marks, as errors at their paragraph: lisdraft refuses to build from
  such a template until they are accepted or rejected and the comments
  deleted, because it cannot tell which version the author meant;
- comments and tracked formatting changes it cannot place (in the styles, or
  comments whose marks are gone), as errors on the file;
- the author, last editor, manager and company in the document properties,
  as warnings: lisdraft replaces the author and last editor in each document
  it builds, but the template file still carries them when it is passed on,
  and the manager and company are copied as they are.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from lisdraft.templating.scan import ancestor
from lisdraft.word.findings import Finding
from lisdraft.word.ooxml import w

#: Track Changes' marks, and what Word's Review tab calls each.
TRACKED = {
    "ins": "an insertion",
    "del": "a deletion",
    "moveFrom": "a move",
    "moveTo": "a move",
    "rPrChange": "a formatting change",
    "pPrChange": "a formatting change",
    "sectPrChange": "a formatting change",
    "tblPrChange": "a formatting change",
    "tblPrExChange": "a formatting change",
    "trPrChange": "a formatting change",
    "tcPrChange": "a formatting change",
    "tblGridChange": "a formatting change",
    "numberingChange": "a numbering change",
    "cellIns": "an inserted cell",
    "cellDel": "a deleted cell",
    "cellMerge": "a merged cell",
}
COMMENT_MARKS = ("commentRangeStart", "commentReference")
ACCEPT = (
    "Accept or reject every change (Review > Accept > Accept All Changes), then save: "
    "lisdraft does not build from a template with tracked changes, which would carry "
    "reviewers' names and dates into every document"
)
DELETE_COMMENTS = (
    "Delete the comments (Review > Delete > Delete All Comments in Document), then save: "
    "lisdraft does not build from a template with comments, which would carry their text "
    "and authors into every document"
)
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
#: Document properties naming people: (zip member, element, Word's name, replaced by lisdraft).
PERSONAL = (
    ("docProps/core.xml", f"{{{_DC}}}creator", "Author", True),
    ("docProps/core.xml", f"{{{_CP}}}lastModifiedBy", "Last Modified By", True),
    ("docProps/app.xml", f"{{{_APP}}}Manager", "Manager", False),
    ("docProps/app.xml", f"{{{_APP}}}Company", "Company", False),
)


def review_marks(root: Any) -> Iterator[tuple[Any, set[str]]]:
    """Yield (paragraph, kinds of mark) for each paragraph in `root` with changes or comments.

    The paragraph is the one holding the mark or, for a table's or row's
    mark, the first in it; None for marks outside any (a section's).
    """
    found: dict[Any, set[str]] = {}
    for element in root.iter(*(w(name) for name in (*TRACKED, *COMMENT_MARKS))):
        name = etree.QName(element).localname
        kind = TRACKED.get(name, "a comment")
        found.setdefault(_holder(element), set()).add(kind)
    yield from found.items()


def review_message(kinds: set[str]) -> str:
    """Return the message for a paragraph holding marks of `kinds`."""
    changes = sorted(kinds - {"a comment"})
    parts = []
    if changes:
        parts.append(f"this holds tracked changes ({', '.join(changes)}). {ACCEPT}")
    if "a comment" in kinds:
        parts.append(f"this has a comment. {DELETE_COMMENTS}")
    return "; and ".join(parts) + "."


def _holder(element: Any) -> Any:
    """Return the paragraph a mark belongs to, as a Word user would find it."""
    paragraph = ancestor(element, "p")
    if paragraph is not None:
        return paragraph
    for name in ("tc", "tr", "tbl"):
        container = ancestor(element, name)
        if container is not None:
            return next(container.iter(w("p")), None)
    return None


def file_traces(path: Path, shown: str, comments_placed: bool) -> list[Finding]:
    """Return the traces of people in the template at `path` (named `shown`) outside its text.

    `comments_placed` says whether comment marks were found (and reported) in
    the paragraphs, so that the comments themselves are not reported twice.
    """
    found: list[Finding] = []
    try:
        with zipfile.ZipFile(path) as archive:
            members = {name: archive.read(name) for name in _wanted(archive.namelist())}
    except (OSError, zipfile.BadZipFile, KeyError):
        return found  # the part check has already said the file cannot be read
    roots = {name: _parse(data) for name, data in members.items()}
    comments = roots.get("word/comments.xml")
    if comments is not None and not comments_placed and comments.find(w("comment")) is not None:
        count = len(comments.findall(w("comment")))
        found.append(
            _finding(
                shown, "comments", f"the template holds {count} comment(s). {DELETE_COMMENTS}."
            )
        )
    styles = roots.get("word/styles.xml")
    if styles is not None and next(styles.iter(w("rPrChange"), w("pPrChange")), None) is not None:
        found.append(
            _finding(shown, "styles", f"a style holds tracked formatting changes. {ACCEPT}.")
        )
    for replaced in (True, False):
        labels = [
            label
            for member, tag, label, replacing in PERSONAL
            if replacing is replaced and _filled(roots.get(member), tag)
        ]
        if labels:
            message = _personal_message(labels, replaced)
            found.append(_finding(shown, "document properties", message, "warning"))
    return found


def _filled(root: Any, tag: str) -> bool:
    """Return whether the property `tag` in the properties `root` holds anything."""
    return root is not None and bool((root.findtext(tag) or "").strip())


def _personal_message(labels: list[str], replaced: bool) -> str:
    """Return the warning for document properties naming people or organisations."""
    names = " and ".join(f"'{label}'" for label in labels)
    noun, pronoun = ("properties are", "them") if len(labels) > 1 else ("property is", "it")
    fate = (
        "lisdraft writes the council's name there in each document it builds, but"
        if replaced
        else "lisdraft copies them into each document it builds, and"
    )
    return (
        f"the template's {names} {noun} filled in; {fate} the template file itself "
        f"still carries {pronoun} when you pass it on. Remove {pronoun} with File > Info > "
        "Check for Issues > Inspect Document > Document Properties and Personal Information."
    )


def _finding(shown: str, where: str, message: str, severity: str = "error") -> Finding:
    """Return a finding about the template `shown` as a whole."""
    return Finding("warning" if severity == "warning" else "error", where, message, file=shown)


def _wanted(names: list[str]) -> list[str]:
    """Return the zip members this module reads, of those in `names`."""
    wanted = {"word/comments.xml", "word/styles.xml", "docProps/core.xml", "docProps/app.xml"}
    return [name for name in names if name in wanted]


def _parse(data: bytes) -> Any:
    """Return the XML root of `data`, or None when it does not parse."""
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
