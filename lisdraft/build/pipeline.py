"""Build the Word documents for one profile or many: the library's one build entry point."""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lisdraft.build.batch import Job, plan_jobs, run_jobs
from lisdraft.build.context import build_context
from lisdraft.build.documents import (
    DOCUMENTS,
    DocumentKind,
    builtin_templates_dir,
    further_documents,
    output_name,
)
from lisdraft.build.options import BuildOptions, BuildResult, Outcome, ProgressCallback
from lisdraft.build.pdf import (
    convert_to_pdf,
    find_soffice,
    font_warnings,
    is_tagged,
    without_contents_field,
)
from lisdraft.build.render import Properties, make_environment, render_document
from lisdraft.build.writer import write_files
from lisdraft.errors import LisdraftError, UsageError
from lisdraft.profile.loader import Loaded, load_source
from lisdraft.profile.model import PlaceProfile
from lisdraft.profile.placeholders import placeholder_warnings
from lisdraft.stocktake.assess import assess_stocktake
from lisdraft.templating.folder import choose_overview_template, choose_templates
from lisdraft.text import slugify
from lisdraft.word.package import build_time
from lisdraft.word.prepared import prepared

if TYPE_CHECKING:
    from lisdraft.word.findings import Finding


def build_documents(
    profiles: str | Path | Sequence[str | Path],
    out_dir: str | Path | None,
    options: BuildOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> BuildResult:
    """Build the documents for `profiles` (a profile file, or several, or folders of them).

    One profile file's documents go into `out_dir` itself; with several, or a
    folder, each profile's go into a subfolder named after it (see
    `lisdraft.build.batch`). With `out_dir` None the profiles are read and
    assessed and nothing is written. The document names, customised templates
    and LibreOffice (for `options.pdf`) are checked before any profile is
    read, raising `UsageError`, `TemplateError` or `ConversionError`. After
    that nothing is raised: a profile that fails gets an `Outcome` with the
    message a user should see (`BuildResult.raise_on_failure` raises it), and
    the others are built. Every document of a profile is rendered before any
    of its files is written, so a failure leaves its folder untouched; a
    document edited by hand since lisdraft wrote it is kept unless
    `options.force`. `on_progress` is called after each profile.
    """
    options = options or BuildOptions()
    choose_templates(  # checked once
        select_documents(options.only, options.templates_dir), options.templates_dir
    )
    if options.pdf and out_dir is not None:
        find_soffice()
    arguments = [profiles] if isinstance(profiles, str | Path) else list(profiles)
    out = Path(out_dir) if out_dir is not None else None
    if len(arguments) == 1 and not Path(arguments[0]).is_dir():
        planned: list[Job | Outcome] = [Job(Path(arguments[0]), out)]
    else:
        planned = plan_jobs(arguments, out)
    outcomes: dict[int, Outcome] = {}

    def record(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if on_progress is not None:
            on_progress(outcome, len(outcomes), len(planned))

    run_jobs(planned, options, build_one, prepare_templates, record)
    built = [outcomes[index] for index in range(len(planned))]
    if out is None:
        return BuildResult(built)
    # One overview for each area file that two or more of the profiles built share.
    overviews = [build_area_overview(area, group, out, options) for area, group in _areas(built)]
    return BuildResult(built, overviews)


def _areas(outcomes: list[Outcome]) -> list[tuple[Path, list[Outcome]]]:
    """Return each area file shared by two or more built profiles, with their outcomes."""
    groups: dict[Path, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.ok and outcome.area_file is not None and outcome.place_profile is not None:
            groups.setdefault(outcome.area_file, []).append(outcome)
    return [(area, members) for area, members in groups.items() if len(members) > 1]


def build_area_overview(
    area_file: Path, outcomes: list[Outcome], out_dir: Path, options: BuildOptions
) -> Outcome:
    """Write the area overview for the councils in `outcomes` into `out_dir`; return its outcome.

    Like a profile's documents, a failure is returned as a failed outcome
    (for the area file), never raised.
    """
    from lisdraft.build.overview import Member, council_order, overview_name, render_overview

    members = sorted(
        (
            Member(o.profile, o.place_profile, o.assessment, o.area_warnings, o.area_strategies)
            for o in outcomes
            if o.place_profile is not None and o.assessment is not None
        ),
        key=council_order,
    )
    try:
        template = choose_overview_template(options.templates_dir)  # a customised one checked
        name = overview_name(members)
        rendered = {name: render_overview(area_file, members, template)}
        findings = _accessibility(rendered) if template.parent != builtin_templates_dir() else {}
        # Its Markdown and PDF copies, made as the councils' documents' are.
        soffice = find_soffice() if options.pdf else None
        files, pdf_findings, stale = _with_copies(rendered, options, soffice)
        findings |= pdf_findings
        paths = write_files(out_dir, files, options.force, stale=stale)
    except LisdraftError as exc:
        return Outcome(area_file, out_dir, error=str(exc), exit_code=exc.exit_code, exception=exc)
    return Outcome(area_file, out_dir, paths=tuple(paths), findings=findings)


def build_one(job: Job, options: BuildOptions) -> Outcome:
    """Build one job's documents, turning any error into a failed outcome."""
    try:
        return build_profile(job, options)
    except LisdraftError as exc:
        return Outcome(
            job.profile, job.out_dir, error=str(exc), exit_code=exc.exit_code, exception=exc
        )
    except Exception as exc:  # a bug: reported for this profile, the others go on
        return Outcome(
            job.profile,
            job.out_dir,
            error=f"{job.profile}: lisdraft hit an internal error ({type(exc).__name__}); "
            "this is a bug, not your mistake. Please report it with the command you ran.",
            exit_code=3,
            details=traceback.format_exc(),
            exception=exc,
        )


def build_profile(job: Job, options: BuildOptions) -> Outcome:
    """Build one profile's documents as `options` say, raising the first error met."""
    kinds = select_documents(options.only, options.templates_dir)
    # 1. Read and validate the profile; 2. assess it.
    loaded = load_source(job.profile)
    profile, area_file = loaded.profile, loaded.area_file
    assessment = assess_stocktake(profile)
    if job.out_dir is None:
        return Outcome(
            job.profile, None, place_profile=profile, area_file=area_file, assessment=assessment
        )
    templates = choose_templates(kinds, options.templates_dir)
    soffice = find_soffice() if options.pdf else None
    # 3. Build one context; 4. render every document in memory.
    context = build_context(profile, assessment)
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
    findings = _accessibility(rendered) if options.templates_dir is not None else {}
    # 6. Make the Markdown and PDF copies asked for, so that they are written with
    # everything else: all or nothing.
    files, pdf_findings, stale = _with_copies(rendered, options, soffice)
    findings |= pdf_findings
    # 7. Write every file at once, keeping any document edited by hand unless forced.
    paths = write_files(job.out_dir, files, options.force, stale=stale)
    return Outcome(
        job.profile,
        job.out_dir,
        paths=tuple(paths),
        findings=findings,
        place_profile=profile,
        area_file=area_file,
        area_warnings=_area_warnings(loaded),
        area_strategies=_area_strategies(loaded),
        assessment=assessment,
        warnings=tuple(str(problem) for problem in placeholder_warnings(job.profile)),
    )


def _area_strategies(loaded: Loaded) -> tuple[str, ...]:
    """Return the names of the strategies the profile's area file lists (none without one)."""
    if loaded.merged is None:
        return ()
    # The merge puts the area file's strategies first (see `lisdraft.profile.area`).
    listed = loaded.merged.area.data.get("strategies") or []
    return tuple(strategy.name for strategy in loaded.profile.strategies[: len(listed)])


def _area_warnings(loaded: Loaded) -> tuple[str, ...]:
    """Return where the profile contradicts its area file, for the area overview to list."""
    if loaded.merged is None:
        return ()
    from lisdraft.profile.consistency import merged_warnings

    return tuple(str(warning) for warning in merged_warnings(loaded.profile, loaded.merged))


def prepare_templates(options: BuildOptions) -> None:
    """Load and prepare the templates `options` use, once per worker process."""
    try:
        kinds = select_documents(options.only, options.templates_dir)
        templates = choose_templates(kinds, options.templates_dir)
        for template in templates.values():
            prepared(template, make_environment)
    except Exception:  # a broken template is reported with each profile that uses it
        pass


def _with_copies(
    rendered: dict[str, bytes], options: BuildOptions, soffice: str | None
) -> tuple[dict[str, bytes], dict[str, list[Finding]], list[str]]:
    """Return `rendered` with the copies `options` ask for, the PDFs' findings, and the stale.

    The copies are a Markdown text of each Word document (`--text`) and a PDF
    of each (`--pdf`, made with LibreOffice at `soffice`). The stale are the
    names of every copy of these documents: those this build does not make are
    out of date, and `write_files` removes them.
    """
    documents = {n: d for n, d in rendered.items() if n.endswith(".docx")}
    files = dict(rendered)
    if options.text:
        # only --text needs the Markdown export
        from lisdraft.build.textexport import docx_to_markdown, markdown_name

        files |= {markdown_name(n): docx_to_markdown(d).encode() for n, d in documents.items()}
    findings: dict[str, list[Finding]] = {}
    if soffice is not None:
        # All in one LibreOffice run, in a private folder.
        fonts = {Path(n).with_suffix(".pdf").name: font_warnings(d) for n, d in documents.items()}
        pdfs = _pdfs(documents, soffice)
        files |= pdfs
        findings = {name: _pdf_findings(data, fonts[name]) for name, data in pdfs.items()}
    stale = [Path(n).with_suffix(suffix).name for n in documents for suffix in (".pdf", ".md")]
    return files, findings, stale


def _pdfs(documents: dict[str, bytes], soffice: str) -> dict[str, bytes]:
    """Return a PDF of each Word document in `documents` (by name), made in a private folder."""
    with tempfile.TemporaryDirectory(prefix="lisdraft-pdf-") as name:
        folder = Path(name)
        sources = []
        for document, data in documents.items():
            (folder / document).write_bytes(without_contents_field(data))
            sources.append(folder / document)
        return {pdf.name: pdf.read_bytes() for pdf in convert_to_pdf(sources, folder, soffice)}


def _accessibility(rendered: dict[str, bytes]) -> dict[str, list[Finding]]:
    """Return the accessibility findings for each rendered document, by name."""
    # only customised templates are checked: the checker is not loaded otherwise
    from lisdraft.word.accessibility import check_document

    return {name: check_document(data) for name, data in rendered.items()}


def _pdf_findings(pdf: bytes, font_problems: list[str]) -> list[Finding]:
    """Return warnings for missing fonts, and for an untagged PDF (LibreOffice before 7.4)."""
    # only --pdf needs it, and the checker is not loaded otherwise
    from lisdraft.word.accessibility import finding

    fonts = [finding("pdf-font", "PDF", problem) for problem in font_problems]
    if is_tagged(pdf):
        return fonts
    untagged = finding(
        "pdf-untagged",
        "PDF",
        "the PDF is not tagged, so screen readers cannot find its headings. Install "
        "LibreOffice 7.4 or later, or export it from Word with File > Save As > PDF.",
    )
    return [*fonts, untagged]


def select_documents(
    only: Iterable[str] | None, templates_dir: str | Path | None = None
) -> list[DocumentKind]:
    """Return the document kinds named in `only`, or all when it is empty.

    All means the three, and any further document in `templates_dir` (see
    `lisdraft.build.documents.further_documents`).
    """
    every = [*DOCUMENTS, *further_documents(templates_dir)]
    names = list(only or [])
    unknown = [name for name in names if name not in {d.key for d in every}]
    if unknown:
        choices = ", ".join(d.key for d in every)
        raise UsageError(f"unknown document '{unknown[0]}'; choose from {choices}")
    return [d for d in every if not names or d.key in names]


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
