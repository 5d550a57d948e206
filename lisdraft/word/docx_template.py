"""docxtpl, taught lisdraft's one shorthand tag.

docxtpl 0.20 turns a Word part into Jinja source in `patch_xml`: it first
joins tags that Word split across runs, then rewrites its own tags
(`{%p %}`, `{%tr %}`, `cellbg` ...). lisdraft adds `{% rating_cell X %}`,
which it expands into docxtpl's `cellbg` plus the rating's word before
docxtpl sees it. This module imports docxtpl, so import it only when a
document is rendered or checked.
"""

from __future__ import annotations

import re
from typing import Any

from docxtpl import DocxTemplate

# The first two steps of docxtpl 0.20's patch_xml, which it repeats harmlessly:
# '{' and '{' (or '%', '#') separated only by XML tags become '{{' ...
_SPLIT_BRACES = re.compile(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", re.DOTALL)
# ... and inside a tag, everything between one run's text and the next is dropped.
_TAG_BODY = re.compile(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", re.DOTALL)
_BETWEEN_TEXTS = re.compile(r"</w:t>.*?(<w:t>|<w:t [^>]*>)", re.DOTALL)

RATING_CELL = re.compile(r"{%\s*rating_cell\s+([^%]*?)\s*%}")

# docxtpl's `cellbg` and `colspan` put w:shd and w:gridSpan first in a cell's
# w:tcPr; the schema wants its children in this order (ECMA-376 CT_TcPr).
_TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
    "cellMerge", "tcPrChange",
)
_TCPR = re.compile(r"(<w:tcPr>)(.*?)(</w:tcPr>)", re.DOTALL)
_TCPR_CHILD = re.compile(r"<w:(\w+)\b[^>]*?/>|<w:(\w+)\b[^>]*>.*?</w:\2>", re.DOTALL)


def merge_split_tags(xml: str) -> str:
    """Return `xml` with tags split across runs joined, exactly as docxtpl joins them."""
    xml = _SPLIT_BRACES.sub("", xml)
    return _TAG_BODY.sub(lambda m: _BETWEEN_TEXTS.sub("", m.group(0)), xml)


def expand_rating_cell(source: str) -> str:
    """Return `source` with each `{% rating_cell X %}` written as docxtpl tags."""
    return RATING_CELL.sub(
        lambda m: f"{{% cellbg ({m.group(1)})|rating_fill %}}{{{{ ({m.group(1)})|rating_text }}}}",
        source,
    )


def order_cell_properties(xml: str) -> str:
    """Return `xml` with the children of each w:tcPr in the schema's order."""

    def reorder(match: re.Match[str]) -> str:
        children = list(_TCPR_CHILD.finditer(match.group(2)))
        if "".join(c.group(0) for c in children) != match.group(2):
            return match.group(0)  # something other than plain elements: leave it be
        rank = {tag: index for index, tag in enumerate(_TCPR_ORDER)}
        children.sort(key=lambda c: rank.get(c.group(1) or c.group(2), len(rank)))
        return match.group(1) + "".join(c.group(0) for c in children) + match.group(3)

    return _TCPR.sub(reorder, xml)


class LisdraftTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """A docxtpl template that also understands `{% rating_cell X %}`."""

    def patch_xml(self, src_xml: str) -> str:
        """Return the part's XML as Jinja source, lisdraft's shorthand expanded first."""
        patched: str = super().patch_xml(expand_rating_cell(merge_split_tags(src_xml)))
        return order_cell_properties(patched)

    def fix_tables(self, xml: str) -> Any:
        """Return the rendered body as docxtpl tidies it, with its tables fitted to their text."""
        from lisdraft.word.tablefit import fit_tables

        body = super().fix_tables(xml)
        fit_tables(body)
        return body
