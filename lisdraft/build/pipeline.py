"""Build the Word documents for one profile: the library's main entry point."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lisdraft.build.context import build_context
from lisdraft.build.documents import DOCUMENTS, DocumentKind, choose_templates, output_name
from lisdraft.build.pdf import convert_to_pdf, find_soffice, is_tagged
from lisdraft.build.render import Properties, render_document
from lisdraft.build.writer import write_files
from lisdraft.errors import Problem, UsageError
from lisdraft.profile.loader import load_profile
from lisdraft.profile.model import PlaceProfile
from lisdraft.profile.placeholders import placeholder_warnings
from lisdraft.stocktake.assess import Assessment, assess_stocktake
from lisdraft.text import slugify
from lisdraft.word.package import build_time

if TYPE_CHECKING:
    from lisdraft.word.accessibility import Finding


@dataclass(frozen=True)
class BuildResult:
    """What a build read, concluded and wrote."""

    profile: PlaceProfile
    assessment: Assessment
    paths: list[Path]
    #: Accessibility findings for each file written (by file name); empty when all is well.
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    #: Values the profile still marks "TO DO", each located in the profile.
    placeholders: list[Problem] = field(default_factory=list)


def build_documents(
    profile_path: str | Path,
    out_dir: str | Path,
    only: Iterable[str] | None = None,
    templates_dir: str | Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Build the documents for the profile at `profile_path` into `out_dir`.

    `only` limits the build to some of 'contribution', 'briefing' and
    'stocktake'. `templates_dir` holds customised templates, used in place of
    the built-in ones they share a name with. Every document is rendered
    before any file is written, so a failure leaves `out_dir` untouched. A
    document edited by hand since lisdraft wrote it is kept, and the build
    refused, unless `force` is true. Return the paths written.
    """
    return build(profile_path, out_dir, only, templates_dir, force=force).paths


def stocktake(
    profile_path: str | Path, out_dir: str | Path | None, force: bool = False
) -> BuildResult:
    """Assess the profile at `profile_path` and, unless `out_dir` is None, write the report."""
    if out_dir is None:
        profile = load_profile(profile_path)
        return BuildResult(profile, assess_stocktake(profile), [])
    return build(profile_path, out_dir, ["stocktake"], force=force)


def build(
    profile_path: str | Path,
    out_dir: str | Path,
    only: Iterable[str] | None = None,
    templates_dir: str | Path | None = None,
    *,
    text: bool = False,
    pdf: bool = False,
    force: bool = False,
) -> BuildResult:
    """Build documents as `build_documents` does, returning the profile and assessment too.

    With `text`, a Markdown rendering is written beside each document; with
    `pdf`, a tagged PDF too (LibreOffice is looked for before anything is written).
    """
    kinds = select_documents(only)
    templates = choose_templates(kinds, templates_dir)  # customised ones are checked first
    soffice = find_soffice() if pdf else None
    # 1. Read and validate the profile; 2. assess it; 3. build one context.
    profile = load_profile(profile_path)
    assessment = assess_stocktake(profile)
    context = build_context(profile, assessment)
    # 4. Render every document in memory, then 5. write them all at once.
    slug = slugify(profile.meta.council)
    rendered = {
        output_name(slug, kind): render_document(
            templates[kind.key], context, document_properties(profile, kind)
        )
        for kind in kinds
    }
    # 5. Check each document's accessibility: problems are reported, not fatal.
    # The built-in templates pass with no findings (the test suite proves it for
    # both examples), so only a customised template's output is checked: the
    # check costs as much as rendering does.
    findings = _accessibility(rendered) if templates_dir is not None else {}
    if text:
        from lisdraft.build.textexport import docx_to_markdown, markdown_name

        rendered |= {markdown_name(n): docx_to_markdown(d).encode() for n, d in rendered.items()}
    # 6. Convert the Word documents to PDF, all in one LibreOffice run, in a private
    # folder, so that the PDFs are written with everything else: all or nothing.
    if soffice is not None:
        pdfs = _pdfs({n: d for n, d in rendered.items() if n.endswith(".docx")}, soffice)
        findings |= {name: _pdf_findings(data) for name, data in pdfs.items()}
        rendered |= pdfs
    # 7. Write every file at once, keeping any document edited by hand unless forced.
    # Copies of a rebuilt document that this build did not make are out of date.
    stale = [
        Path(name).with_suffix(suffix).name
        for name in rendered
        if name.endswith(".docx")
        for suffix in (".pdf", ".md")
    ]
    paths = write_files(Path(out_dir), rendered, force, stale=stale)
    return BuildResult(profile, assessment, paths, findings, placeholder_warnings(profile_path))


def _pdfs(documents: dict[str, bytes], soffice: str) -> dict[str, bytes]:
    """Return a PDF of each Word document in `documents` (by name), made in a private folder."""
    with tempfile.TemporaryDirectory(prefix="lisdraft-pdf-") as name:
        folder = Path(name)
        sources = []
        for document, data in documents.items():
            (folder / document).write_bytes(data)
            sources.append(folder / document)
        return {pdf.name: pdf.read_bytes() for pdf in convert_to_pdf(sources, folder, soffice)}


def _accessibility(rendered: dict[str, bytes]) -> dict[str, list[Finding]]:
    """Return the accessibility findings for each rendered document, by name."""
    from lisdraft.word.accessibility import check_document

    return {name: check_document(data) for name, data in rendered.items()}


def _pdf_findings(pdf: bytes) -> list[Finding]:
    """Return a warning when LibreOffice wrote an untagged PDF (versions before 7.4 may)."""
    from lisdraft.word.accessibility import finding

    if is_tagged(pdf):
        return []
    return [
        finding(
            "pdf-untagged",
            "PDF",
            "the PDF is not tagged, so screen readers cannot find its headings. Install "
            "LibreOffice 7.4 or later, or export it from Word with File > Save As > PDF.",
        )
    ]


def select_documents(only: Iterable[str] | None) -> list[DocumentKind]:
    """Return the document kinds named in `only`, or all three when it is empty."""
    names = list(only or [])
    unknown = [name for name in names if name not in {d.key for d in DOCUMENTS}]
    if unknown:
        choices = ", ".join(d.key for d in DOCUMENTS)
        raise UsageError(f"unknown document '{unknown[0]}'; choose from {choices}")
    return [d for d in DOCUMENTS if not names or d.key in names]


def document_properties(profile: PlaceProfile, kind: DocumentKind) -> Properties:
    """Return the title, subject, author and keywords for one document."""
    meta, place = profile.meta, profile.place
    return Properties(
        title=f"{kind.title}: {meta.council}",
        subject=f"{place.name} Local Industrial Strategy",
        author=meta.council,
        keywords=f"Local Industrial Strategy; {place.name}; {place.lep.name}; {kind.title}",
        created=build_time(meta.date),
    )
