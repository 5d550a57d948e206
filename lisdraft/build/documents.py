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


#: The area overview's template (see `lisdraft.build.overview`): never a further document.
OVERVIEW_TEMPLATE = "area-overview.docx"


#: The area overview, as a kind of document only `lisdraft templates export` names.
OVERVIEW = DocumentKind("area-overview", "Area overview", OVERVIEW_TEMPLATE, "area-overview")


def overview_template(templates_dir: str | Path | None = None) -> Path:
    """Return the area overview's template: `templates_dir`'s own, else the built-in one.

    A customised overview is rendered strictly (a name lisdraft does not
    provide is an error naming it) and its output checked for accessibility.
    """
    if templates_dir is not None and (Path(templates_dir) / OVERVIEW_TEMPLATE).is_file():
        return Path(templates_dir) / OVERVIEW_TEMPLATE
    return builtin_templates_dir() / OVERVIEW_TEMPLATE


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
        if file.name in known or file.name == OVERVIEW_TEMPLATE or file.name.startswith("~$"):
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

    `names` chooses templates by document (`briefing`, or `area-overview` for
    the area overview) or file name (`briefing.docx`); none means all three. A
    template already in the folder is left as it is, unless `force` is true:
    so exporting into a folder holding some templates writes only the missing
    ones.
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
    exportable = {**DOCUMENT_BY_KEY, OVERVIEW.key: OVERVIEW}
    for name in names:
        kind = exportable.get(name.removesuffix(".docx"))
        if kind is None:
            choices = ", ".join(exportable)
            raise UsageError(f"there is no built-in template called '{name}'; choose {choices}")
        chosen.append(kind)
    if not chosen:
        return list(DOCUMENTS)
    return [kind for kind in [*DOCUMENTS, OVERVIEW] if kind in chosen]
