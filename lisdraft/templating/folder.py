"""A folder of customised templates: which template each document uses, checked once.

A consultant's folder need only hold the templates that differ from the
built-in ones (`lisdraft.build.documents`); the rest come from lisdraft.
Customised templates must pass `lisdraft templates check` before anything
is built from them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from lisdraft.build.documents import (
    DOCUMENTS,
    DocumentKind,
    builtin_templates_dir,
    overview_template,
)
from lisdraft.errors import TemplateError


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
    if not any(folder.glob("*.docx")):
        names = ", ".join(d.template for d in DOCUMENTS)
        raise TemplateError(
            f"{folder}: holds none of the template files {names}, nor any other Word "
            "document. Run `lisdraft templates export` to get copies to customise."
        )
    chosen = {
        kind.key: folder / kind.template
        if (folder / kind.template).is_file()
        else builtin / kind.template
        for kind in kinds
    }
    _check_once([path for path in chosen.values() if path.parent == folder])
    return chosen


def choose_overview_template(templates_dir: str | Path | None = None) -> Path:
    """Return the area overview's template: `templates_dir`'s own, else the built-in one.

    A customised one must pass `lisdraft templates check` (against the
    overview's own variables) like the others; raise `TemplateError` listing
    every problem when it does not.
    """
    template = overview_template(templates_dir)
    if template.parent != builtin_templates_dir():
        _check_once([template])
    return template


def _check_once(customised: list[Path]) -> None:
    """Check the `customised` templates, unless they passed unchanged in this process."""
    key = tuple((str(path.resolve()), _digest(path)) for path in customised)
    if key not in _passed:  # a batch builds many profiles with the same templates
        # heavy (lxml, python-docx): imported only when a folder holds customised templates
        from lisdraft.templating.check import check_templates

        check_templates(customised, accessibility=False)  # the documents are checked instead
        _passed.add(key)


#: Customised templates that passed their check in this process, as (path, content hash) pairs.
_passed: set[tuple[tuple[str, str], ...]] = set()


def _digest(path: Path) -> str:
    """Return a hash of the file at `path`, which changes whenever it is saved differently."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # unreadable: the check itself says so
