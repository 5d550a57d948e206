"""The three documents lisdraft writes, and where their templates live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its command-line name, template and file-name part."""

    key: str
    title: str
    template: str
    file_part: str


DOCUMENTS: tuple[DocumentKind, ...] = (
    DocumentKind("contribution", "Draft LIS contribution", "contribution.docx", "contribution"),
    DocumentKind("briefing", "Board briefing note", "briefing.docx", "briefing"),
    DocumentKind("stocktake", "Stock-take report", "stocktake.docx", "stock-take"),
)
DOCUMENT_BY_KEY: dict[str, DocumentKind] = {d.key: d for d in DOCUMENTS}


def builtin_templates_dir() -> Path:
    """Return the folder holding the built-in Word templates.

    An installed package carries them in `lisdraft/templates/docx`; a source
    checkout keeps them at the top of the repository in `templates/docx`.
    """
    packaged = Path(__file__).parent / "templates" / "docx"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "templates" / "docx"


def output_name(council_slug: str, kind: DocumentKind) -> str:
    """Return the file name for `kind`, such as 'felpersham-city-council-stock-take.docx'."""
    return f"{council_slug}-{kind.file_part}.docx"
