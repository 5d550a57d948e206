"""The baseline: a bare docxtpl script rendering lisdraft's three templates.

    python benchmarks/baseline.py CONTEXT.json TEMPLATES_DIR OUT_DIR

No lisdraft code runs here: the render context is read from a JSON file that
`run.py` saves beforehand (lisdraft's context is plain text, numbers and
lists), and the templates are lisdraft's with its one shorthand tag spelt out
as docxtpl's own (`run.py` writes them too). Each template is rendered as
docxtpl's documentation shows, with autoescaping on (without it an
ampersand in a profile breaks the document), and saved.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docxtpl import DocxTemplate

TEMPLATES = ("contribution", "briefing", "stocktake")


def main() -> None:
    context_file, templates, out = (Path(arg) for arg in sys.argv[1:4])
    context = json.loads(context_file.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATES:
        document = DocxTemplate(templates / f"{name}.docx")
        document.render(context, autoescape=True)
        document.save(out / f"{name}.docx")


if __name__ == "__main__":
    main()
