"""The three documents lisdraft writes, and where their templates live.

The built-in templates ship with lisdraft; a consultant may export them,
customise them in Word and build from the customised folder, which need
only hold the templates that differ.
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


#: The area overview's template (see `lisdraft.build.overview`).
OVERVIEW_TEMPLATE = "area-overview.docx"


def overview_template(templates_dir: str | Path | None = None) -> Path:
    """Return the area overview's template: `templates_dir`'s own, else the built-in one.

    A customised overview is rendered strictly (a name lisdraft does not
    provide is an error naming it) and its output checked for accessibility.
    """
    if templates_dir is not None and (Path(templates_dir) / OVERVIEW_TEMPLATE).is_file():
        return Path(templates_dir) / OVERVIEW_TEMPLATE
    return builtin_templates_dir() / OVERVIEW_TEMPLATE


def template_names() -> list[str]:
    """Return the file name of every built-in template: the three documents and the overview."""
    return [*(d.template for d in DOCUMENTS), OVERVIEW_TEMPLATE]


def output_name(council_slug: str, kind: DocumentKind) -> str:
    """Return the file name for `kind`, such as 'felpersham-city-council-stock-take.docx'."""
    return f"{council_slug}-{kind.file_part}.docx"


def choose_templates(
    kinds: Iterable[DocumentKind], templates_dir: str | Path | None = None
) -> dict[str, Path]:
    """Return the template for each kind: `templates_dir`'s own, else the built-in one.

    Customised templates must pass `lisdraft templates check`; raise
    `TemplateError` listing every problem when one does not.
    """
    builtin = builtin_templates_dir()
    if templates_dir is None:
        return {kind.key: builtin / kind.template for kind in kinds}
    folder = Path(templates_dir)
    if not folder.is_dir():
        raise TemplateError(f"{folder}: templates folder not found")
    if not any((folder / name).is_file() for name in template_names()):
        names = ", ".join(template_names())
        raise TemplateError(
            f"{folder}: holds none of the template files {names}. Run `lisdraft templates "
            "export` to get copies to customise."
        )
    chosen = {
        kind.key: folder / kind.template
        if (folder / kind.template).is_file()
        else builtin / kind.template
        for kind in kinds
    }
    customised = [path for path in chosen.values() if path.parent == folder]
    key = tuple((str(path.resolve()), _digest(path)) for path in customised)
    if key not in _passed:  # a batch builds many profiles with the same templates
        from lisdraft.templating.check import check_templates  # heavy: only for customised ones

        check_templates(customised)
        _passed.add(key)
    return chosen


#: Customised templates that passed their check in this process, as (path, content hash) pairs.
_passed: set[tuple[tuple[str, str], ...]] = set()


def _digest(path: Path) -> str:
    """Return a hash of the file at `path`, which changes whenever it is saved differently."""
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # unreadable: the check itself says so


def export_templates(out_dir: str | Path, force: bool = False) -> list[Path]:
    """Copy the built-in templates into `out_dir` for customising; return the paths written.

    Refuse to replace existing files unless `force` is true, naming them all.
    """
    folder = Path(out_dir)
    targets = [(builtin_templates_dir() / name, folder / name) for name in template_names()]
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
