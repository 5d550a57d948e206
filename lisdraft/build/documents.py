"""The three documents lisdraft writes, and where their templates live.

The built-in templates ship with lisdraft; a consultant may export them,
customise them in Word and build from the customised folder, which need
only hold the templates that differ (`lisdraft.templating.folder` chooses
and checks them).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lisdraft.errors import OutputError, TemplateError


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


def further_documents(templates_dir: str | Path | None) -> list[DocumentKind]:
    """Return a kind for each further Word file in `templates_dir`, built like the three.

    `cabinet-report.docx` gives the kind 'cabinet-report', written as
    '<council-slug>-cabinet-report.docx'. Word's lock files (`~$...`) are left
    out; a name that would overwrite one of the three documents is refused.
    """
    if templates_dir is None or not Path(templates_dir).is_dir():
        return []
    from lisdraft.text import slugify

    known = {d.template for d in DOCUMENTS}
    kinds = []
    for file in sorted(Path(templates_dir).glob("*.docx")):
        if file.name in known or file.name.startswith("~$"):
            continue
        part = slugify(file.stem)
        if not part or part in {d.file_part for d in DOCUMENTS} | {d.key for d in DOCUMENTS}:
            raise TemplateError(
                f"{file}: lisdraft would write this document over one of its own, or cannot "
                "name it; rename the file, for example to cabinet-report.docx"
            )
        title = file.stem.replace("-", " ").replace("_", " ").strip()
        kinds.append(DocumentKind(part, title[:1].upper() + title[1:], file.name, part))
    return kinds


def output_name(council_slug: str, kind: DocumentKind) -> str:
    """Return the file name for `kind`, such as 'felpersham-city-council-stock-take.docx'."""
    return f"{council_slug}-{kind.file_part}.docx"


def export_templates(
    out_dir: str | Path, force: bool = False, names: Iterable[str] = ()
) -> list[Path]:
    """Copy built-in templates into `out_dir` for customising; return the paths written.

    `names` chooses templates by document (`briefing`) or file name
    (`briefing.docx`); none means all three. A template already in the folder
    is left as it is, unless `force` is true: so exporting into a folder
    holding some templates writes only the missing ones.
    """
    folder = Path(out_dir)
    kinds = export_kinds(names)
    targets = [(builtin_templates_dir() / d.template, folder / d.template) for d in kinds]
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, target in targets:
            if force or not target.exists():
                shutil.copyfile(source, target)
                written.append(target)
    except OSError as exc:
        where = exc.filename or folder
        raise OutputError(f"{where}: cannot copy the templates ({exc.strerror})") from None
    return written


def export_kinds(names: Iterable[str]) -> list[DocumentKind]:
    """Return the document kinds `names` choose (all when none); raise `UsageError` for others."""
    from lisdraft.errors import UsageError

    chosen = []
    for name in names:
        kind = DOCUMENT_BY_KEY.get(name.removesuffix(".docx"))
        if kind is None:
            choices = ", ".join(DOCUMENT_BY_KEY)
            raise UsageError(f"there is no built-in template called '{name}'; choose {choices}")
        chosen.append(kind)
    return [kind for kind in DOCUMENTS if kind in chosen] if chosen else list(DOCUMENTS)
