"""Build the Word documents for one profile or many: the library's one build entry point."""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lisdraft.build.batch import Builders, Job, Unit, plan_jobs, run_jobs
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
    from lisdraft.build.overview import Member
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

    made = run_jobs(planned, options, BUILDERS, record)
    built = [outcomes[index] for index in range(len(planned))]
    if out is None:
        return BuildResult(built)
    # One overview for each area file that two or more of the profiles built share:
    # written as a worker rendered it when that worker built all of them, else made here.
    rendered = {(overview.area_file, overview.members): overview for overview in made}
    overviews = [
        write_area_overview(rendered[area, members], out, options)
        if (area, members) in rendered
        else build_area_overview(area, group, out, options)
        for area, group in _areas(built)
        for members in [frozenset(outcome.profile for outcome in group)]
    ]
    return BuildResult(built, overviews)


def _areas(outcomes: list[Outcome]) -> list[tuple[Path, list[Outcome]]]:
    """Return each area file shared by two or more built profiles, with their outcomes."""
    groups: dict[Path, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.ok and outcome.area_file is not None:
            groups.setdefault(outcome.area_file, []).append(outcome)
    return [(area, members) for area, members in groups.items() if len(members) > 1]


@dataclass(frozen=True)
class RenderedOverview:
    """An area overview rendered, with its copies, and not yet written; or why it could not be."""

    area_file: Path
    #: The profiles of the councils it sets side by side.
    members: frozenset[Path]
    #: Each file to write, by name: the overview and the copies asked for.
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    findings: dict[str, list[Finding]] = field(default_factory=dict, repr=False)
    #: The names of copies this build does not make, for `write_files` to remove.
    stale: tuple[str, ...] = ()
    error: str = ""
    exit_code: int = 0
    exception: LisdraftError | None = field(default=None, repr=False)


def build_area_overview(
    area_file: Path, outcomes: list[Outcome], out_dir: Path, options: BuildOptions
) -> Outcome:
    """Write the area overview for the councils in `outcomes` into `out_dir`; return its outcome.

    Like a profile's documents, a failure is returned as a failed outcome
    (for the area file), never raised.
    """
    return write_area_overview(render_area_overview(area_file, outcomes, options), out_dir, options)


def render_area_overview(
    area_file: Path, outcomes: list[Outcome], options: BuildOptions
) -> RenderedOverview:
    """Return the area overview for the councils in `outcomes`, rendered but not written.

    A council whose profile and assessment a worker process did not send
    back is read again.
    """
    from lisdraft.build.overview import council_order, overview_name, render_overview

    profiles = frozenset(outcome.profile for outcome in outcomes)
    try:
        members = sorted(map(_member, outcomes), key=council_order)
        template = choose_overview_template(options.templates_dir)  # a customised one checked
        name = overview_name(members)
        rendered = {name: render_overview(area_file, members, template)}
        findings = _accessibility(rendered) if template.parent != builtin_templates_dir() else {}
        # Its Markdown and PDF copies, made as the councils' documents' are.
        soffice = find_soffice() if options.pdf else None
        files, pdf_findings, stale = _with_copies(rendered, options, soffice)
    except LisdraftError as exc:
        return RenderedOverview(
            area_file, profiles, error=str(exc), exit_code=exc.exit_code, exception=exc
        )
    return RenderedOverview(area_file, profiles, files, findings | pdf_findings, tuple(stale))


def write_area_overview(
    overview: RenderedOverview, out_dir: Path, options: BuildOptions
) -> Outcome:
    """Write `overview` into `out_dir` (a copy edited by hand is kept unless forced).

    Return its outcome: failed, with the message, when it could not be
    rendered or written.
    """
    area_file = overview.area_file
    if overview.error:
        return Outcome(
            area_file,
            out_dir,
            error=overview.error,
            exit_code=overview.exit_code,
            exception=overview.exception,
        )
    try:
        paths = write_files(out_dir, overview.files, options.force, stale=list(overview.stale))
    except LisdraftError as exc:
        return Outcome(area_file, out_dir, error=str(exc), exit_code=exc.exit_code, exception=exc)
    return Outcome(area_file, out_dir, paths=tuple(paths), findings=overview.findings)


def _member(outcome: Outcome) -> Member:
    """Return the council built in `outcome` for the overview, read again if sent without it."""
    from lisdraft.build.overview import Member

    profile, assessment = outcome.place_profile, outcome.assessment
    if profile is not None and assessment is not None:
        return Member(
            outcome.profile, profile, assessment, outcome.area_warnings, outcome.area_strategies
        )
    loaded = load_source(outcome.profile)
    return Member(
        outcome.profile,
        loaded.profile,
        assess_stocktake(loaded.profile),
        _area_warnings(loaded),
        _area_strategies(loaded),
    )


def build_unit(unit: Unit, options: BuildOptions) -> tuple[list[Outcome], list[RenderedOverview]]:
    """Build a unit's jobs in turn in a worker process, with the area overviews only they share.

    An overview is rendered, not written: the main process writes every
    overview into the one output folder. What is sent back leaves out what
    does not pickle (the error objects) and what the main process does not
    need, copying which costs some 3 ms a profile: the profile and its
    assessment are kept only for an area the unit cannot complete on its
    own, whose overview the main process makes.
    """
    built = [build_one(job, options) for job in unit.jobs]
    overviews = [
        replace(render_area_overview(area, group, options), exception=None)
        for area, group in _areas(built)
        if area.parent in unit.own_folders and all(job.out_dir is not None for job in unit.jobs)
    ]
    return [_to_send(outcome, unit) for outcome in built], overviews


def _to_send(outcome: Outcome, unit: Unit) -> Outcome:
    """Return `outcome` without what the main process does not need from a worker."""
    area = outcome.area_file
    if area is not None and area.parent not in unit.own_folders:
        return replace(outcome, exception=None)
    return replace(
        outcome,
        exception=None,
        place_profile=None,
        assessment=None,
        area_warnings=(),
        area_strategies=(),
    )


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


#: How `build_documents` builds: one job here, a unit in a worker, and preparing a worker.
BUILDERS: Builders[RenderedOverview] = Builders(build_one, build_unit, prepare_templates)


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
