"""Redlines: the new documents with every change from the old ones as Word tracked changes.

Each test builds the Borchestershire example and an edited copy, redlines
them, and checks what a clerk sees in Word: the changed words marked, and
accepting (or rejecting) every change giving exactly the new (or the old)
document.
"""

from __future__ import annotations

import copy
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from ruamel.yaml import YAML

from conftest import EXAMPLE, rename_everywhere
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.build.redline import SUFFIX, redline
from lisdraft.word.ooxml import w
from lisdraft.word.revisions import accept_all, reject_all

STORIES = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


def parts(data: bytes | Path) -> dict[str, bytes]:
    """Return the story parts (body, headers, footers) of a .docx, by name."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    with zipfile.ZipFile(source) as archive:
        return {n: archive.read(n) for n in archive.namelist() if STORIES.fullmatch(n)}


def shape(xml: bytes) -> list[Any]:
    """Return what a reader sees of a story: each paragraph's properties and formatted text,
    each table, row and cell with its properties, in order (runs of the same formatting joined)."""
    out: list[Any] = []

    def props(element: Any, skip: set[str] = frozenset()) -> bytes:  # type: ignore[assignment]
        if element is None:
            return b""
        return b"".join(
            etree.tostring(c, with_tail=False)
            for c in element
            if etree.QName(c).localname not in skip
        )

    def walk(element: Any, depth: int) -> None:
        for child in element:
            name = etree.QName(child).localname
            if name == "p":
                runs: list[list[Any]] = []
                for run in child.iter(w("r")):
                    style = props(run.find(w("rPr")))
                    for item in run:
                        if item.tag == w("rPr"):
                            continue
                        text = (
                            item.text or "" if item.tag == w("t") else etree.QName(item).localname
                        )
                        if runs and runs[-1][0] == style and item.tag == w("t") and runs[-1][2]:
                            runs[-1][1] += text
                        else:
                            runs.append([style, text, item.tag == w("t")])
                ppr = props(child.find(w("pPr")), {"rPr"})
                out.append((depth, "p", ppr, [(s, t) for s, t, _ in runs]))
            elif name in {"tbl", "tr", "tc"}:
                # Column widths follow the content and are not tracked (see _same_frame).
                inner = {"tbl": "tblPr", "tr": "trPr", "tc": "tcPr"}[name]
                out.append((depth, name, props(child.find(w(inner)), {"tblW", "tcW"})))
                walk(child, depth + 1)
            elif name == "body":
                walk(child, depth)

    walk(etree.fromstring(xml), 0)
    return out


def build(profile: Path, folder: Path) -> dict[str, bytes]:
    """Build `profile` into `folder`; return each document's bytes by its kind's file part."""
    paths = build_documents(profile, folder, BuildOptions(force=True)).raise_on_failure().paths
    return {p.name.removesuffix(".docx"): p.read_bytes() for p in paths}


def write_profile(data: Any, path: Path) -> Path:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(data, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def load_example() -> Any:
    yaml = YAML(typ="rt")
    return yaml.load(EXAMPLE.read_text(encoding="utf-8"))


def assert_exact(old: Path, new: Path, folder: Path) -> dict[str, Any]:
    """Redline `old` to `new` and assert accept-all gives the new documents, reject-all the old."""
    before = build(old, folder / "old")
    after = build(new, folder / "new")
    result = redline(old, new, folder / "redline", BuildOptions(force=True), write_all=True)
    # The three documents come in the same order from each (a renamed council renames them).
    for document, old_data, new_data in zip(
        result.documents, before.values(), after.values(), strict=True
    ):
        name = document.name
        marked = parts((folder / "redline" / name).read_bytes())
        for part, xml in parts(new_data).items():
            assert shape(accept_all(marked[part])) == shape(xml), f"accepting {name} {part}"
            assert shape(reject_all(marked[part])) == shape(parts(old_data)[part]), (
                f"rejecting {name} {part}"
            )
    return {d.kind.key: d.changes for d in result.documents}


def body(path: Path) -> bytes:
    return parts(path)["word/document.xml"]


def marked_text(xml: bytes, tag: str) -> list[str]:
    """Return the text inside each w:ins or w:del wrapper around runs."""
    root = etree.fromstring(xml)
    return [
        "".join(t.text or "" for t in mark.iter(w("t"), w("delText")))
        for mark in root.iter(w(tag))
        if mark.getparent().tag not in {w("rPr"), w("trPr")}
    ]


def test_a_reworded_priority_marks_only_the_new_words(tmp_path: Path) -> None:
    data = load_example()
    data["priorities"][0]["title"] = "Turn food science into well-paid local jobs"
    new = write_profile(data, tmp_path / "profile.yaml")
    changes = assert_exact(EXAMPLE, new, tmp_path)
    briefing = body(tmp_path / "redline" / f"felpersham-city-council-briefing{SUFFIX}.docx")
    assert marked_text(briefing, "ins") == [" well-paid"]
    assert marked_text(briefing, "del") == []
    assert changes["briefing"].insertions == 1
    assert changes["briefing"].sections == ["The council's position and asks"]
    # The inserted words keep the title's bold.
    root = etree.fromstring(briefing)
    [inserted] = [m for m in root.iter(w("ins")) if m.getparent().tag == w("p")]
    assert inserted.find(f"{w('r')}/{w('rPr')}/{w('b')}") is not None


def test_a_removed_evidence_item_is_a_deleted_row_and_nothing_else(tmp_path: Path) -> None:
    data = load_example()
    removed = data["evidence"]["items"].pop(3)
    new = write_profile(data, tmp_path / "profile.yaml")
    changes = assert_exact(EXAMPLE, new, tmp_path)
    contribution = etree.fromstring(
        body(tmp_path / "redline" / f"felpersham-city-council-contribution{SUFFIX}.docx")
    )
    rows = list(contribution.iter(w("tr")))
    deleted = [r for r in rows if r.find(f"{w('trPr')}/{w('del')}") is not None]
    assert deleted
    assert all(removed["title"] in "".join(r.itertext()) for r in deleted)
    # No other row is marked at all: the rest of each table is left alone.
    marked = [
        r for r in rows if next(r.iter(w("ins"), w("del"), w("tcPrChange")), None) is not None
    ]
    assert marked == deleted
    assert changes["contribution"].deletions >= 1
    assert "Evidence items" in changes["contribution"].sections


def test_a_changed_owner_marks_its_own_cell_and_nothing_else(tmp_path: Path) -> None:
    data = load_example()
    item = data["evidence"]["items"][1]
    item["owner"] = "Felpersham City Council with the University of Felpersham"
    new = write_profile(data, tmp_path / "profile.yaml")
    changes = assert_exact(EXAMPLE, new, tmp_path)
    contribution = etree.fromstring(
        body(tmp_path / "redline" / f"felpersham-city-council-contribution{SUFFIX}.docx")
    )
    marks = [w(t) for t in ("ins", "del", "pPrChange", "tcPrChange", "trPrChange")]
    rows = [r for r in contribution.iter(w("tr")) if next(r.iter(*marks), None) is not None]
    # The item's row in the evidence table and in the benchmark table, nothing else.
    assert len(rows) == 2
    assert all(item["title"] in "".join(row.itertext()) for row in rows)
    assert changes["contribution"].formatting == 0
    inserted = marked_text(etree.tostring(contribution), "ins")
    assert inserted == [" with the University of Felpersham"] * 2
    assert marked_text(etree.tostring(contribution), "del") == []


def test_an_added_board_decision_is_an_inserted_row(tmp_path: Path) -> None:
    data = load_example()
    decision = copy.deepcopy(data["board"]["decisions_ahead"][0])
    decision["item"] = "Agree the LEP's response to the review of growth hubs"
    data["board"]["decisions_ahead"].append(decision)
    new = write_profile(data, tmp_path / "profile.yaml")
    changes = assert_exact(EXAMPLE, new, tmp_path)
    briefing = etree.fromstring(
        body(tmp_path / "redline" / f"felpersham-city-council-briefing{SUFFIX}.docx")
    )
    [row] = [r for r in briefing.iter(w("tr")) if r.find(f"{w('trPr')}/{w('ins')}") is not None]
    assert "review of growth hubs" in "".join(row.itertext())
    assert changes["briefing"].insertions == 1
    assert changes["briefing"].deletions == 0


def test_every_change_has_the_author_the_date_and_its_own_id(tmp_path: Path) -> None:
    data = load_example()
    data["priorities"][1]["summary"] = "Employment in these wards is below the average."
    new = write_profile(data, tmp_path / "profile.yaml")
    redline(EXAMPLE, new, tmp_path / "out", author="Priya Wendover")
    for path in (tmp_path / "out").glob("*.docx"):
        marks = [
            m
            for xml in parts(path).values()
            for m in etree.fromstring(xml).iter(w("ins"), w("del"), w("pPrChange"), w("tcPrChange"))
        ]
        assert marks
        assert {m.get(w("author")) for m in marks} == {"Priya Wendover"}
        assert {m.get(w("date")) for m in marks} == {f"{data['meta']['date']}T00:00:00Z"}
        ids = [m.get(w("id")) for m in marks]
        assert len(ids) == len(set(ids))


# -- many generated edits -------------------------------------------------------------------

WORDS = st.sampled_from(
    ["growth", "skills", "the", "rail", "new", "jobs", "Felpersham", "and", "£2 million", "fair"]
)
TEXT = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
TEXT_FIELDS = [
    ("vision", "council", "statement"),
    ("priorities", 0, "summary"),
    ("priorities", 2, "title"),
    ("evidence", "items", 0, "insight"),
    ("evidence", "items", 4, "title"),
    ("board", "decisions_ahead", 1, "council_position"),
    ("next_steps", 0, "action"),
]
LISTS = [
    ("evidence", "items"),
    ("priorities",),
    ("priorities", 0, "asks"),
    ("board", "decisions_ahead"),
    ("board", "questions"),
    ("next_steps",),
]


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[Any, ...]]:
    """Draw one to three edits: text changed, list items removed, added, copied or reordered."""
    chosen = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["text", "paragraphs", "remove", "add", "reorder"]))
        if kind in {"text", "paragraphs"}:
            where = draw(st.sampled_from(TEXT_FIELDS))
            how = draw(st.sampled_from(["replace", "insert", "append"]))
            chosen.append((kind, where, how, draw(TEXT), draw(st.integers(0, 30))))
        else:
            chosen.append(
                (kind, draw(st.sampled_from(LISTS)), draw(st.integers(0, 50)), draw(TEXT))
            )
    return chosen


def apply(data: Any, edit: tuple[Any, ...]) -> None:
    kind = edit[0]
    if kind in {"text", "paragraphs"}:
        _, where, how, text, position = edit
        parent, key = at(data, where[:-1]), where[-1]
        words = str(parent[key]).split()
        if how == "replace":
            words[position % len(words)] = text
        elif how == "insert":
            words.insert(position % (len(words) + 1), text)
        else:
            words.append(text)
        joined = " ".join(words)
        if kind == "paragraphs" and where[-1] not in {"title", "action"}:
            joined = joined + "\n\n" + text.capitalize() + "."
        parent[key] = joined
        return
    _, where, index, text = edit
    items = at(data, where)
    if not items:
        return
    i = index % len(items)
    if kind == "remove" and len(items) > 1:
        del items[i]
    elif kind == "add":
        item = copy.deepcopy(items[i])
        if isinstance(item, str):
            item = f"{text.capitalize()}?"
        else:
            field = next(k for k in ("title", "item", "ask", "action") if k in item)
            item[field] = f"{text.capitalize()} {index}"
            for nested in ("asks",):
                if nested in item:
                    item[nested] = item[nested][:1]
        items.insert(index % (len(items) + 1), item)
    elif kind == "reorder" and len(items) > 1:
        j = (i + 1 + index) % len(items)
        items[i], items[j] = items[j], items[i]


@settings(
    max_examples=int(os.environ.get("LISDRAFT_REDLINE_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(edits())
def test_accepting_gives_the_new_documents_and_rejecting_the_old(
    chosen: list[tuple[Any, ...]],
) -> None:
    data = load_example()
    for edit in chosen:
        apply(data, edit)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        new = write_profile(data, folder / "profile.yaml")
        assert_exact(EXAMPLE, new, folder)


def test_a_new_version_number_is_marked_in_the_header(tmp_path: Path) -> None:
    data = load_example()
    data["meta"]["version"] = "0.4"
    new = write_profile(data, tmp_path / "profile.yaml")
    changes = assert_exact(EXAMPLE, new, tmp_path)
    marked = parts(tmp_path / "redline" / f"felpersham-city-council-briefing{SUFFIX}.docx")
    headers = [xml for name, xml in marked.items() if "header" in name]
    assert any(marked_text(xml, "ins") == ["0.4"] for xml in headers)
    assert any(marked_text(xml, "del") == ["0.3"] for xml in headers)
    assert changes["briefing"].insertions >= 1


def test_the_last_paragraph_can_go_and_come_back_exactly(tmp_path: Path) -> None:
    # Each document ends with the contact details, the telephone number last: a
    # document's last paragraph mark cannot itself be marked (see _settle_last_mark).
    data = load_example()
    del data["meta"]["author"]["phone"]
    without = write_profile(data, tmp_path / "without.yaml")
    removed = assert_exact(EXAMPLE, without, tmp_path / "removed")
    added = assert_exact(without, EXAMPLE, tmp_path / "added")
    assert removed["briefing"].deletions >= 1
    assert added["briefing"].insertions >= 1
    assert removed["briefing"].sections == added["briefing"].sections == ["Contact"]


def test_a_renamed_council_is_marked_in_the_footer_and_the_page_number_kept(
    tmp_path: Path,
) -> None:
    data = load_example()
    rename_everywhere(data, "Felpersham City Council", "City of Felpersham Council")
    new = write_profile(data, tmp_path / "profile.yaml")
    assert_exact(EXAMPLE, new, tmp_path)
    marked = parts(tmp_path / "redline" / f"city-of-felpersham-council-briefing{SUFFIX}.docx")
    [footer] = [xml for name, xml in marked.items() if "footer" in name]
    root = etree.fromstring(footer)
    assert len(root.findall(f".//{w('fldSimple')}")) == 1  # one page number, not marked
    assert next(root.find(f".//{w('fldSimple')}").iter(w("ins"), w("del")), None) is None
    assert marked_text(footer, "del") and marked_text(footer, "ins")
