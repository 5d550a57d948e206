"""Accept or reject every tracked change in a Word story part (body, header or footer).

Used to prove that a redline (`lisdraft.word.redline`) is exact: accepting
every change must give the new document and rejecting every change the old.
This follows WordprocessingML's rules: a deleted paragraph mark joins its
paragraph to the next one, and a row marked as inserted or deleted goes
with everything in it.
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from lisdraft.word.ooxml import w
from lisdraft.word.redline import serialise


def accept_all(xml: bytes) -> bytes:
    """Return the story part `xml` with every tracked change accepted."""
    return _resolve(xml, keep="ins", drop="del")


def reject_all(xml: bytes) -> bytes:
    """Return the story part `xml` with every tracked change rejected."""
    return _resolve(xml, keep="del", drop="ins")


def _resolve(xml: bytes, keep: str, drop: str) -> bytes:
    """Return `xml` with `keep` marks' content kept and `drop` marks' content removed."""
    root = etree.fromstring(xml)
    accepting = keep == "ins"
    # Rows marked `drop` go; rows marked `keep` stay, unmarked.
    for row in list(root.iter(w("tr"))):
        trpr = row.find(w("trPr"))
        if trpr is not None and trpr.find(w(drop)) is not None:
            row.getparent().remove(row)
    for table in list(root.iter(w("tbl"))):
        if table.find(w("tr")) is None:
            table.getparent().remove(table)
    # Run content: `drop` wrappers go, `keep` wrappers give up their runs.
    for wrapper in list(root.iter(w(drop))):
        parent = wrapper.getparent()
        if parent is not None and parent.tag not in {w("rPr"), w("trPr")}:
            parent.remove(wrapper)
    for wrapper in list(root.iter(w(keep))):
        parent = wrapper.getparent()
        if parent is None or parent.tag in {w("rPr"), w("trPr")}:
            continue
        for child in list(wrapper):
            if not accepting:
                for item in child.iter():
                    if item.tag == w("delText"):
                        item.tag = w("t")
                    elif item.tag == w("delInstrText"):
                        item.tag = w("instrText")
            wrapper.addprevious(child)
        parent.remove(wrapper)
    # Property changes: accepting drops the record, rejecting restores it.
    for tag in ("pPrChange", "rPrChange", "tcPrChange", "trPrChange", "tblPrChange"):
        for change in list(root.iter(w(tag))):
            properties = change.getparent()
            if accepting:
                properties.remove(change)
                continue
            [inner] = list(change) or [etree.Element(properties.tag)]
            keep_marks = [
                c for c in properties if c.tag in {w("rPr"), w("sectPr"), w("ins"), w("del")}
            ]
            for child in list(properties):
                properties.remove(child)
            for child in inner:
                properties.append(child)
            for child in keep_marks:
                properties.append(child)
    # Paragraph marks marked `drop` go: the paragraph's content joins the next one.
    for paragraph in list(root.iter(w("p"))):
        rpr = paragraph.find(f"{w('pPr')}/{w('rPr')}")
        if rpr is None or rpr.find(w(drop)) is None:
            continue
        following = paragraph.getnext()
        while following is not None and following.tag not in {w("p"), w("tbl")}:
            following = following.getnext()
        content = [c for c in paragraph if c.tag != w("pPr")]
        if following is not None and following.tag == w("p"):
            start = 1 if len(following) and following[0].tag == w("pPr") else 0
            for child in content:
                following.insert(start, child)
                start += 1
            paragraph.getparent().remove(paragraph)
        # A story's or cell's last paragraph mark cannot go: Word keeps the paragraph.
    # What remains marked `keep` is now plain.
    for mark in list(root.iter(w(keep))):
        mark.getparent().remove(mark)
    for props in list(root.iter(w("rPr"))) + list(root.iter(w("trPr"))):
        if len(props) == 0 and props.getparent().tag == w("pPr"):
            props.getparent().remove(props)
    return serialise(root)
