"""The three documents lisdraft writes, and where their templates live.

The built-in templates ship with lisdraft; a consultant may export them,
customise them in Word and build from the customised folder, which need
only hold the templates that differ (`lisdraft.templating.folder` chooses
and checks them).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from lisdraft.errors import OutputError


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
    package = Path(__file__).resolve().parents[1]  # lisdraft/, this module being build/documents
    packaged = package / "templates" / "docx"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates" / "docx"


def output_name(council_slug: str, kind: DocumentKind) -> str:
    """Return the file name for `kind`, such as 'felpersham-city-council-stock-take.docx'."""
    return f"{council_slug}-{kind.file_part}.docx"


def export_templates(out_dir: str | Path, force: bool = False) -> list[Path]:
    """Copy the built-in templates into `out_dir` for customising; return the paths written.

    Refuse to replace existing files unless `force` is true, naming them all.
    """
    folder = Path(out_dir)
    targets = [(builtin_templates_dir() / d.template, folder / d.template) for d in DOCUMENTS]
    existing = [str(target) for _, target in targets if target.exists()]
    if existing and not force:
        raise OutputError(
            f"{', '.join(existing)} already {'exists' if len(existing) == 1 else 'exist'}; "
            "lisdraft will not overwrite customised templates. Choose another folder, or add "
            "--force to replace them with fresh copies."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, target in targets:
            shutil.copyfile(source, target)
    except OSError as exc:
        where = exc.filename or folder
        raise OutputError(f"{where}: cannot copy the templates ({exc.strerror})") from None
    return [target for _, target in targets]
