"""Compare two Word documents and mark the differences as tracked changes.

`redline_docx` takes the bytes of an old and a new .docx built from the same
template and returns the new document with every difference from the old one
shown as Word tracked changes (Review > Track Changes), plus a count of the
changes under each heading. It knows nothing of profiles: XML in, XML out.

How the comparison works, one story (body, header, footer) at a time:

1. The story's blocks (paragraphs and tables) are aligned with difflib's
   `SequenceMatcher` on their exact XML, so unchanged blocks pair cheaply.
2. Within each run of blocks that differ, old and new blocks of the same
   kind are paired by how alike their words are (an order-keeping
   alignment); the rest are whole insertions or deletions.
3. A paired paragraph is compared word by word: `w:ins` and `w:del` wrap
   runs that keep their formatting. A paired table is compared row by row
   (rows aligned as blocks are) and cell by cell, each cell as a story.
4. Changed paragraph, row and cell properties carry the old ones in
   `w:pPrChange`, `w:trPrChange` and `w:tcPrChange`, so rejecting every
   change gives back the old document exactly.

5. A story's (or cell's) last paragraph mark cannot be inserted or deleted,
   so when the last paragraph is new or gone, the mark before it is marked
   instead and the last mark carries the other version's properties, as
   Word does; accepting or rejecting then still gives each version exactly.

Why not a library: Word's own Compare needs Word, is run by hand and often
marks whole tables as changed. On PyPI, python-redlines runs a bundled .NET
engine (a large, platform-specific binary); docx-redline, docx-trackdiff and
jubarte-redlines are young (first released in 2026, no download record yet).
Both documents come from the same template, so aligning their blocks is
enough, and `lisdraft.word.revisions` with the tests proves that accepting
and rejecting every change give the two builds exactly.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from lxml import etree  # type: ignore[import-untyped]

from lisdraft.word.ooxml import Element, w
from lisdraft.word.package import read_members, write_members

#: The parts whose text is compared: the body, then headers and footers.
_STORY = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
#: The units a paragraph is compared in: words (with inner marks, as in "0.3", "9,400",
#: "well-paid" and "council's"), runs of spaces, and single marks.
_TOKEN = re.compile(r"\w+(?:[.,'’/:-]\w+)*|\s+|[^\w\s]", re.UNICODE)
#: Blocks this alike (0 to 1, by their words) are compared inside; less alike are replaced.
SIMILAR = 0.5
#: Above this many candidate pairs in one changed stretch, blocks are replaced, not paired.
MAX_PAIRS = 4000
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Changes:
    """How many insertions, deletions and formatting changes were marked, and where."""

    insertions: int = 0
    deletions: int = 0
    formatting: int = 0
    #: The headings (Heading 1 and 2) above each change, in document order, each once.
    sections: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """Return whether nothing was marked."""
        return not (self.insertions or self.deletions or self.formatting)


@dataclass(frozen=True)
class Redline:
    """A redlined document: its bytes and the changes marked in it."""

    data: bytes
    changes: Changes


class _Marker:
    """Makes the w:ins, w:del and property-change elements, numbering them in order."""

    def __init__(self, author: str, when: dt.datetime, headings: frozenset[str]) -> None:
        self.author = author
        self.date = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.headings = headings
        self.next_id = 1
        self.changes = Changes()
        self.section = ""

    def mark(self, tag: str) -> Element:
        """Return a new w:`tag` (ins, del, pPrChange...) with the next id, author and date."""
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element

    def count(self, kind: str) -> None:
        """Count one change of `kind` (insertions, deletions, formatting) in this section."""
        setattr(self.changes, kind, getattr(self.changes, kind) + 1)
        if self.section and self.section not in self.changes.sections:
            self.changes.sections.append(self.section)

    def passing(self, paragraph: Element) -> None:
        """Note `paragraph` as the current section when it is a Heading 1 or 2."""
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")) in self.headings:
            self.section = "".join(paragraph.itertext()).strip()


def redline_docx(old: bytes, new: bytes, author: str, when: dt.datetime) -> Redline:
    """Return `new` with its differences from `old` marked as tracked changes by `author`.

    Both must be .docx packages; the stories (body, headers, footers) present
    in both are compared, every other part is the new document's. The zip is
    written with every entry dated `when`, which is also each change's date.
    """
    old_parts = {m.name: m for m in read_members(old)}
    members = read_members(new)
    styles = next((m for m in members if m.name == "word/styles.xml"), None)
    marker = _Marker(author, when, _heading_styles(styles.data() if styles else b""))
    result = []
    stories = sorted(
        (m for m in members if _STORY.fullmatch(m.name) and m.name in old_parts),
        key=lambda m: (m.name != "word/document.xml", m.name),
    )
    redlined: dict[str, bytes] = {}
    for member in stories:
        before = old_parts[member.name].data()
        after = member.data()
        if before != after:
            redlined[member.name] = redline_xml(before, after, marker)
    for member in members:
        result.append(member.replaced(redlined[member.name]) if member.name in redlined else member)
    return Redline(write_members(result, when), marker.changes)


def redline_xml(old: bytes, new: bytes, marker: _Marker) -> bytes:
    """Return the story part `new` (XML) with its differences from `old` marked."""
    old_root = etree.fromstring(old)
    new_root = etree.fromstring(new)
    old_container = _story_container(old_root)
    new_container = _story_container(new_root)
    tail = [c for c in new_container if c.tag == w("sectPr")]
    blocks = _diff_container(_blocks(old_container), _blocks(new_container), marker)
    for child in list(new_container):
        new_container.remove(child)
    for block in [*blocks, *tail]:
        new_container.append(block)
    return serialise(new_root)


def _story_container(root: Element) -> Element:
    """Return the element holding a story's blocks: w:body for a document, else the root."""
    body = root.find(w("body"))
    return root if body is None else body


def _blocks(container: Element) -> list[Element]:
    """Return the blocks of `container`: its children but section properties and cell properties."""
    return [
        c for c in container if c.tag not in {w("sectPr"), w("tcPr")} and isinstance(c.tag, str)
    ]


def _heading_styles(styles_xml: bytes) -> frozenset[str]:
    """Return the ids of the Heading 1 and Heading 2 styles in `styles_xml` (with the usual ids)."""
    ids = {"Heading1", "Heading2"}
    if styles_xml:
        for style in etree.fromstring(styles_xml).iter(w("style")):
            name = style.find(w("name"))
            if name is not None and (name.get(w("val")) or "").lower() in {
                "heading 1",
                "heading 2",
            }:
                ids.add(style.get(w("styleId")) or "")
    return frozenset(ids)


# -- blocks --------------------------------------------------------------------------


def _key(element: Element) -> bytes:
    """Return `element`'s exact XML, the key blocks, rows and atoms are aligned on."""
    return bytes(etree.tostring(element, with_tail=False))


def _words(element: Element) -> list[str]:
    """Return the words of `element`'s text, for judging how alike two blocks are."""
    return "".join(element.itertext()).split()


def _similarity(old: Element, new: Element) -> float:
    """Return how alike two blocks are, 0 to 1; 0 for blocks that cannot be compared inside."""
    if old.tag != new.tag or old.tag not in {w("p"), w("tbl"), w("tr")}:
        return 0.0
    if old.tag == w("tbl") and not _same_frame(old, new):
        return 0.0
    if old.tag == w("tr") and len(old.findall(w("tc"))) != len(new.findall(w("tc"))):
        return 0.0
    a, b = _words(old), _words(new)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _same_frame(old: Element, new: Element) -> bool:
    """Return whether two tables have the same properties and number of columns.

    Column widths are left out: they follow the content (see
    `lisdraft.word.tablefit`), so a longer name can widen a column. The new
    widths are taken as they are, unmarked; only content is a change.
    """
    columns = [len(t.findall(f"{w('tblGrid')}/{w('gridCol')}")) for t in (old, new)]
    properties = [
        [_key(c) for c in t.find(w("tblPr")) if c.tag != w("tblW")]
        if t.find(w("tblPr")) is not None
        else []
        for t in (old, new)
    ]
    return columns[0] == columns[1] and properties[0] == properties[1]


def _key_or_none(element: Element | None) -> bytes | None:
    """Return `element`'s key, or None when it is missing."""
    return None if element is None else _key(element)


def _align(
    old: Sequence[Element], new: Sequence[Element]
) -> Iterator[tuple[Element | None, Element | None]]:
    """Yield (old, new) pairs in order: equal or alike blocks together, others alone."""
    matcher = SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield from zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            yield from _pair_alike(old[i1:i2], new[j1:j2])


def _pair_alike(
    old: Sequence[Element], new: Sequence[Element]
) -> Iterator[tuple[Element | None, Element | None]]:
    """Yield an order-keeping pairing of `old` and `new` that pairs the most alike blocks.

    Unpaired old blocks come before unpaired new ones in each gap, so a
    replaced block reads as 'deleted, then inserted'.
    """
    n, m = len(old), len(new)
    if n * m > MAX_PAIRS or not n or not m:
        yield from ((b, None) for b in old)
        yield from ((None, b) for b in new)
        return
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    alike = [[_similarity(a, b) for b in new] for a in old]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if alike[i][j] >= SIMILAR:
                best = max(best, score[i + 1][j + 1] + alike[i][j])
            score[i][j] = best
    i = j = 0
    gap_old: list[Element] = []
    gap_new: list[Element] = []
    while i < n or j < m:
        if (
            i < n
            and j < m
            and alike[i][j] >= SIMILAR
            and score[i][j] == score[i + 1][j + 1] + alike[i][j]
        ):
            yield from ((b, None) for b in gap_old)
            yield from ((None, b) for b in gap_new)
            gap_old, gap_new = [], []
            yield old[i], new[j]
            i, j = i + 1, j + 1
        elif j >= m or (i < n and score[i][j] == score[i + 1][j]):
            gap_old.append(old[i])
            i += 1
        else:
            gap_new.append(new[j])
            j += 1
    yield from ((b, None) for b in gap_old)
    yield from ((None, b) for b in gap_new)


def _diff_container(
    old: Sequence[Element], new: Sequence[Element], marker: _Marker
) -> list[Element]:
    """Return the blocks of a story or cell with the changes from `old` to `new` marked."""
    out: list[Element] = []
    states: list[str | None] = []  # each output paragraph's mark: None, 'ins' or 'del'
    olds: list[Element | None] = []  # the old paragraph each output paragraph stands for
    for before, after in _align(old, new):
        if before is not None and after is not None:
            if _key(before) == _key(after):
                block = copy.deepcopy(after)
                if block.tag == w("p"):
                    marker.passing(block)
            elif after.tag == w("p"):
                marker.passing(after)
                block = _diff_paragraph(before, after, marker)
            else:
                block = _diff_table(before, after, marker)
            state = None
        elif after is not None:
            if after.tag == w("p"):
                marker.passing(after)
            block = _whole(after, "ins", marker)
            state = "ins"
        else:
            assert before is not None
            if before.tag == w("p"):
                marker.passing(before)
            block = _whole(before, "del", marker)
            state = "del"
        if block is None:
            continue
        out.append(block)
        states.append(state if block.tag == w("p") else "table")
        olds.append(before)
    _settle_last_mark(out, states, olds, marker)
    return out


def _settle_last_mark(
    out: list[Element], states: list[str | None], olds: list[Element | None], marker: _Marker
) -> None:
    """Keep the last paragraph mark of a story or cell unmarked, as Word requires.

    A story's last paragraph mark cannot be removed, so an inserted or deleted
    last paragraph is recorded the way Word records it: the mark before it
    is the one inserted or deleted, and the last mark carries the other
    version's properties (see the module's notes).
    """
    if not states or states[-1] not in {"ins", "del"}:
        return
    start = len(states)
    while start > 0 and states[start - 1] in {"ins", "del"}:
        start -= 1
    group = range(start, len(states))
    dels = [k for k in group if states[k] == "del"]
    inss = [k for k in group if states[k] == "ins"]
    if dels and inss:
        # Merge the last deleted and the last inserted paragraph into one, unmarked.
        d, i = dels[-1], inss[-1]
        merged = out[i]
        _unmark_paragraph(merged)
        deleted = out[d]
        first_run = _first_content_index(merged)
        for child in [c for c in deleted if c.tag != w("pPr")]:
            merged.insert(first_run, child)
            first_run += 1
        old_ppr = deleted.find(w("pPr"))
        _set_ppr_change(merged, _bare_ppr(old_ppr), marker)
        del out[d]
        return
    if start == 0 or out[start - 1].tag != w("p"):
        return
    before = out[start - 1]
    last = out[-1]
    kind = states[-1]
    assert kind is not None
    _mark_paragraph(before, kind, marker)
    _unmark_paragraph(last)
    if kind == "ins":
        old_before = olds[start - 1]
        _set_ppr_change(
            last, _bare_ppr(None if old_before is None else old_before.find(w("pPr"))), marker
        )
    else:
        old_last = _bare_ppr(last.find(w("pPr")))
        new_ppr = before.find(w("pPr"))
        _replace_ppr(last, new_ppr)
        _set_ppr_change(last, old_last, marker)


def _first_content_index(paragraph: Element) -> int:
    """Return the index of the first child of `paragraph` after its properties."""
    return 1 if len(paragraph) and paragraph[0].tag == w("pPr") else 0


def _bare_ppr(ppr: Element | None) -> Element:
    """Return a copy of paragraph properties `ppr` without the mark's run properties or changes."""
    bare = etree.Element(w("pPr"))
    if ppr is not None:
        for child in ppr:
            if child.tag not in {w("rPr"), w("sectPr"), w("pPrChange")}:
                bare.append(copy.deepcopy(child))
    return bare


def _replace_ppr(paragraph: Element, ppr: Element | None) -> None:
    """Give `paragraph` a copy of `ppr`'s properties (keeping its own mark's run properties)."""
    current = paragraph.find(w("pPr"))
    mark = None if current is None else current.find(w("rPr"))
    fresh = _bare_ppr(ppr)
    if mark is not None:
        fresh.append(mark)
    if current is not None:
        paragraph.remove(current)
    paragraph.insert(0, fresh)


def _set_ppr_change(paragraph: Element, old_ppr: Element, marker: _Marker) -> None:
    """Record `old_ppr` as `paragraph`'s earlier properties, when they differ from its own."""
    ppr = _ppr(paragraph)
    for change in ppr.findall(w("pPrChange")):
        ppr.remove(change)
    if _key(_bare_ppr(ppr)) == _key(old_ppr):
        return
    change = marker.mark("pPrChange")
    change.append(old_ppr)
    ppr.append(change)


def _ppr(paragraph: Element) -> Element:
    """Return `paragraph`'s w:pPr, creating it when missing."""
    ppr = paragraph.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        paragraph.insert(0, ppr)
    return ppr


def _mark_paragraph(paragraph: Element, kind: str, marker: _Marker) -> None:
    """Mark `paragraph`'s mark (its pilcrow) as inserted or deleted."""
    ppr = _ppr(paragraph)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        later = [c for c in ppr if c.tag in {w("sectPr"), w("pPrChange")}]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    for old in rpr.findall(w("ins")) + rpr.findall(w("del")):
        rpr.remove(old)
    rpr.insert(0, marker.mark(kind))


def _unmark_paragraph(paragraph: Element) -> None:
    """Remove any insertion or deletion mark from `paragraph`'s mark."""
    rpr = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    if rpr is None:
        return
    for old in rpr.findall(w("ins")) + rpr.findall(w("del")):
        rpr.remove(old)


# -- whole blocks ----------------------------------------------------------------------


def _whole(block: Element, kind: str, marker: _Marker) -> Element | None:
    """Return a copy of `block` marked as wholly inserted or deleted (None if it cannot be)."""
    block = copy.deepcopy(block)
    marker.count("insertions" if kind == "ins" else "deletions")
    if block.tag == w("p"):
        _mark_whole_paragraph(block, kind, marker)
        return block
    if block.tag == w("tbl"):
        for row in block.findall(w("tr")):
            _mark_whole_row(row, kind, marker)
        return block
    return block if kind == "ins" else None  # anything else cannot carry a mark


def _mark_whole_row(row: Element, kind: str, marker: _Marker) -> None:
    """Mark table row `row` and everything in it as inserted or deleted."""
    trpr = row.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        prex = row.find(w("tblPrEx"))
        row.insert(0 if prex is None else 1, trpr)
    change = trpr.find(w("trPrChange"))
    if change is not None:
        change.addprevious(marker.mark(kind))
    else:
        trpr.append(marker.mark(kind))
    for paragraph in row.iter(w("p")):
        _mark_whole_paragraph(paragraph, kind, marker)


def _mark_whole_paragraph(paragraph: Element, kind: str, marker: _Marker) -> None:
    """Mark every run of `paragraph`, and its mark, as inserted or deleted."""
    _mark_paragraph(paragraph, kind, marker)
    _mark_runs(paragraph, kind, marker)


def _mark_runs(element: Element, kind: str, marker: _Marker) -> None:
    """Wrap each run in `element` (not already marked) in a w:ins or w:del of its own."""
    unmarked = [r for r in element.iter(w("r")) if r.getparent().tag not in {w("ins"), w("del")}]
    for run in unmarked:
        if _inside_run(run):
            continue
        wrapper = marker.mark(kind)
        run.addprevious(wrapper)
        wrapper.append(run)
        if kind == "del":
            _to_deleted_text(run)


def _inside_run(run: Element) -> bool:
    """Return whether `run` sits inside another run (in a text box or drawing)."""
    parent = run.getparent()
    while parent is not None and parent.tag != w("p"):
        if parent.tag == w("r"):
            return True
        parent = parent.getparent()
    return False


def _to_deleted_text(run: Element) -> None:
    """Turn `run`'s w:t and w:instrText into w:delText and w:delInstrText."""
    for child in run:
        if child.tag == w("t"):
            child.tag = w("delText")
        elif child.tag == w("instrText"):
            child.tag = w("delInstrText")


# -- paragraphs ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Atom:
    """One word, space or mark of a run, a non-text run item, or a whole field or link."""

    rpr: Element | None
    key: tuple[bytes, str, str]
    element: Element | None  # a non-text item (tab, break, field, link...), else None
    text: str
    #: True for a paragraph child other than a run (a field or link), kept whole.
    whole: bool = False


def _atoms(paragraph: Element) -> list[_Atom]:
    """Return `paragraph`'s content as atoms: words and items of runs, and whole other children."""
    atoms: list[_Atom] = []
    for child in paragraph:
        if child.tag == w("pPr"):
            continue
        if child.tag != w("r"):
            atoms.append(_Atom(None, (b"", "o", _key(child).decode()), child, "", whole=True))
            continue
        rpr = child.find(w("rPr"))
        style = b"" if rpr is None else _key(rpr)
        for item in child:
            if item.tag == w("rPr"):
                continue
            if item.tag == w("t"):
                for token in _TOKEN.findall(item.text or ""):
                    atoms.append(_Atom(rpr, (style, "t", token), None, token))
            else:
                atoms.append(_Atom(rpr, (style, "x", _key(item).decode()), item, ""))
    return atoms


def _diff_paragraph(old: Element, new: Element, marker: _Marker) -> Element:
    """Return paragraph `new` with its word-level differences from `old` marked."""
    before, after = _atoms(old), _atoms(new)
    result = etree.Element(new.tag, dict(new.attrib))
    ppr = new.find(w("pPr"))
    if ppr is not None:
        result.append(copy.deepcopy(ppr))
    matcher = SequenceMatcher(None, [a.key for a in before], [a.key for a in after], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append_runs(result, after[j1:j2], None, marker)
            continue
        if i2 > i1:
            marker.count("deletions")
            _append_runs(result, before[i1:i2], "del", marker)
        if j2 > j1:
            marker.count("insertions")
            _append_runs(result, after[j1:j2], "ins", marker)
    _set_ppr_change(result, _bare_ppr(old.find(w("pPr"))), marker)
    if result.find(f"{w('pPr')}/{w('pPrChange')}") is not None:
        marker.count("formatting")
    if len(result) and result[0].tag == w("pPr") and len(result[0]) == 0 and (ppr is None):
        result.remove(result[0])
    return result


def _append_runs(
    paragraph: Element, atoms: Sequence[_Atom], kind: str | None, marker: _Marker
) -> None:
    """Append `atoms` to `paragraph` as runs, one per stretch of the same formatting.

    With `kind` ('ins' or 'del') the runs go inside one w:ins or w:del; a
    field or link cannot, so it is appended whole with the runs inside it marked.
    """
    text_tag = w("delText") if kind == "del" else w("t")
    wrapper: Element | None = None
    run: Element | None = None
    style: bytes | None = None
    text: Element | None = None
    for atom in atoms:
        if atom.whole:
            item = copy.deepcopy(atom.element)
            if kind is not None:
                _mark_runs(item, kind, marker)
            paragraph.append(item)
            wrapper = run = None
            continue
        if kind is not None and wrapper is None:
            wrapper = marker.mark(kind)
            paragraph.append(wrapper)
        if run is None or atom.key[0] != style:
            run = etree.SubElement(paragraph if wrapper is None else wrapper, w("r"))
            style = atom.key[0]
            if atom.rpr is not None:
                run.append(copy.deepcopy(atom.rpr))
            text = None
        if atom.element is None:
            if text is None:
                text = etree.SubElement(run, text_tag)
            text.text = (text.text or "") + atom.text
            if text.text != text.text.strip():
                text.set(_XML_SPACE, "preserve")
        else:
            item = copy.deepcopy(atom.element)
            if kind == "del" and item.tag == w("instrText"):
                item.tag = w("delInstrText")
            run.append(item)
            text = None


# -- tables ----------------------------------------------------------------------------


def _diff_table(old: Element, new: Element, marker: _Marker) -> Element:
    """Return table `new` with its row and cell differences from `old` marked."""
    result = etree.Element(new.tag, dict(new.attrib))
    rows_old = old.findall(w("tr"))
    rows_new = new.findall(w("tr"))
    for child in new:
        if child.tag != w("tr"):
            result.append(copy.deepcopy(child))
    for before, after in _align(rows_old, rows_new):
        if before is not None and after is not None:
            if _key(before) == _key(after):
                result.append(copy.deepcopy(after))
            else:
                result.append(_diff_row(before, after, marker))
        elif after is not None:
            row = copy.deepcopy(after)
            marker.count("insertions")
            _mark_whole_row(row, "ins", marker)
            result.append(row)
        else:
            assert before is not None
            row = copy.deepcopy(before)
            marker.count("deletions")
            _mark_whole_row(row, "del", marker)
            result.append(row)
    return result


def _diff_row(old: Element, new: Element, marker: _Marker) -> Element:
    """Return row `new` with each cell's differences from the same cell of `old` marked."""
    result = etree.Element(new.tag, dict(new.attrib))
    cells_old = iter(old.findall(w("tc")))
    for child in new:
        if child.tag == w("trPr"):
            result.append(
                _with_change(
                    child, old.find(w("trPr")), "trPrChange", marker, {"ins", "del", "trPrChange"}
                )
            )
        elif child.tag == w("tc"):
            result.append(_diff_cell(next(cells_old), child, marker))
        else:
            result.append(copy.deepcopy(child))
    if new.find(w("trPr")) is None and old.find(w("trPr")) is not None:
        empty = etree.Element(w("trPr"))
        prex = result.find(w("tblPrEx"))
        result.insert(
            0 if prex is None else 1,
            _with_change(
                empty, old.find(w("trPr")), "trPrChange", marker, {"ins", "del", "trPrChange"}
            ),
        )
    return result


def _diff_cell(old: Element, new: Element, marker: _Marker) -> Element:
    """Return cell `new` with its differences from `old` marked inside it."""
    if _key(old) == _key(new):
        return copy.deepcopy(new)
    result = etree.Element(new.tag, dict(new.attrib))
    tcpr_new, tcpr_old = new.find(w("tcPr")), old.find(w("tcPr"))
    if tcpr_new is not None or tcpr_old is not None:
        base = tcpr_new if tcpr_new is not None else etree.Element(w("tcPr"))
        result.append(
            _with_change(
                base,
                tcpr_old,
                "tcPrChange",
                marker,
                {"tcPrChange", "cellIns", "cellDel", "cellMerge", "tcW"},
            )
        )
    for block in _diff_container(_blocks(old), _blocks(new), marker):
        result.append(block)
    return result


def _with_change(
    properties: Element, old: Element | None, tag: str, marker: _Marker, excluded: set[str]
) -> Element:
    """Return a copy of `properties` recording `old` in a w:`tag` when the two differ."""
    result = copy.deepcopy(properties)
    skip = {w(t) for t in excluded}
    bare_new = [_key(c) for c in properties if c.tag not in skip]  # in its tree, as `old` is
    bare_old = [] if old is None else [_key(c) for c in old if c.tag not in skip]
    if bare_new == bare_old:
        return result
    change = marker.mark(tag)
    inner = etree.SubElement(change, properties.tag)
    if old is not None:
        for child in old:
            if child.tag not in skip:
                inner.append(copy.deepcopy(child))
    result.append(change)
    marker.count("formatting")
    return result


def serialise(root: Element) -> bytes:
    """Return the XML of a whole part, with its declaration, as Word writes it."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
