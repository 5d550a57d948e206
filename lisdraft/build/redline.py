"""Build two versions of a profile and write the new documents with the changes tracked.

`redline` renders the documents of the old and the new profile in memory,
compares each pair with `lisdraft.word.redline`, and writes the new
documents with every difference shown as a Word tracked change, all at once
through the writer (so the manifest protects hand edits as a build does).
`git_version` fetches an earlier version of a profile from git.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lisdraft.build.context import build_context
from lisdraft.build.documents import DocumentKind, output_name
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import document_properties, select_documents
from lisdraft.build.render import render_document
from lisdraft.build.writer import write_files
from lisdraft.errors import ProfileError, UsageError
from lisdraft.profile.area import AREA_FIELD
from lisdraft.profile.loader import load_pair
from lisdraft.profile.model import PlaceProfile
from lisdraft.stocktake.assess import assess_stocktake
from lisdraft.templating.folder import choose_templates
from lisdraft.text import slugify
from lisdraft.word.package import build_time
from lisdraft.word.redline import Changes, redline_docx

#: Added to each document's file name, so a redline is never taken for the clean copy.
SUFFIX = "-tracked-changes"
DEFAULT_AUTHOR = "lisdraft"


@dataclass(frozen=True)
class DocumentChanges:
    """One document's redline: which document, its file name and the changes marked."""

    kind: DocumentKind
    name: str
    changes: Changes
    written: bool


@dataclass(frozen=True)
class RedlineResult:
    """What a redline compared and wrote."""

    documents: list[DocumentChanges]
    paths: list[Path]


def redline(
    old_path: str | Path,
    new_path: str | Path,
    out_dir: str | Path,
    options: BuildOptions | None = None,
    *,
    author: str = DEFAULT_AUTHOR,
    write_all: bool = False,
) -> RedlineResult:
    """Write the documents of the profile at `new_path`, marked with their changes since `old_path`.

    Both profiles are built with the same templates (`options.templates_dir`,
    else the built-in ones), for the documents in `options.only` (all three
    when empty); each change is attributed to `author` and dated from the new
    profile's `meta.date`. A document with no change is not written unless
    `write_all` is true. As with a build, nothing is written unless every
    document renders, and a file edited by hand is kept unless `options.force`.
    (`options.text`, `pdf` and `jobs` do not apply to a redline.)
    """
    options = options or BuildOptions()
    kinds = select_documents(options.only)
    templates = choose_templates(kinds, options.templates_dir)
    old_profile, new_profile = load_pair(old_path, new_path)
    old_docs = _render(old_profile, kinds, templates)
    new_docs = _render(new_profile, kinds, templates)
    when = build_time(new_profile.meta.date)
    slug = slugify(new_profile.meta.council)
    files: dict[str, bytes] = {}
    documents = []
    for kind in kinds:
        marked = redline_docx(old_docs[kind.key], new_docs[kind.key], author, when)
        name = output_name(slug, kind).removesuffix(".docx") + f"{SUFFIX}.docx"
        write = write_all or not marked.changes.unchanged
        if write:
            files[name] = marked.data
        documents.append(DocumentChanges(kind, name, marked.changes, write))
    paths = write_files(Path(out_dir), files, options.force) if files else []
    return RedlineResult(documents, paths)


def _render(
    profile: PlaceProfile, kinds: list[DocumentKind], templates: dict[str, Path]
) -> dict[str, bytes]:
    """Return each document of `profile` rendered in memory, by kind."""
    context = build_context(profile, assess_stocktake(profile))
    return {
        kind.key: render_document(templates[kind.key], context, document_properties(profile, kind))
        for kind in kinds
    }


def summary_lines(result: RedlineResult) -> list[str]:
    """Return the terminal summary: each document's changes and where they are."""
    lines = []
    for document in result.documents:
        changes = document.changes
        if changes.unchanged:
            note = "written as it is (--all)" if document.written else "no file written"
            lines.append(f"{document.kind.title}: unchanged; {note}")
            continue
        counts = [
            _plural(changes.insertions, "insertion"),
            _plural(changes.deletions, "deletion"),
        ]
        if changes.formatting:
            counts.append(_plural(changes.formatting, "formatting change"))
        lines.append(f"{document.kind.title}: {', '.join(counts)}")
        if changes.sections:
            lines.append("  in: " + "; ".join(changes.sections))
    return lines


def _plural(count: int, noun: str) -> str:
    """Return '1 insertion' or '3 insertions'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@contextmanager
def compared_versions(paths: list[Path], git_revision: str | None) -> Iterator[tuple[Path, Path]]:
    """Yield the (old, new) profile paths given on the command line.

    Without `git_revision`, `paths` must name the old and the new profile;
    with it, `paths` names only the new one and the old is that file as git
    holds it at `git_revision` (read into a temporary file for the duration).
    """
    if git_revision is None:
        if len(paths) != 2:
            raise UsageError("give the old and the new profile, or one profile and --git REVISION")
        yield paths[0], paths[1]
        return
    if len(paths) != 1:
        raise UsageError("with --git, give only the current profile; git supplies the old one")
    with git_version(git_revision, paths[0]) as old:
        yield old, paths[0]


@contextmanager
def git_version(revision: str, path: Path) -> Iterator[Path]:
    """Yield a temporary copy of `path` as git holds it at `revision` (`git show REV:path`).

    If that version names an area file (``area: area.yaml``), the area file
    is also taken from git at `revision` and placed where the profile names
    it. The temporary folder mirrors the repository from its root and is
    marked as one, so the area file must lie inside the repository exactly as
    it must for a profile read from disk. Problems in either file are
    reported as being in 'REVISION:path'.
    """
    text = _git_show(revision, path)
    prefix = _git_prefix(path)
    with tempfile.TemporaryDirectory(prefix="lisdraft-git-") as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        copy = root / prefix / path.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(text)
        shown = {str(copy): f"{revision}:{path}"}
        area = _area_value(text)
        if area is not None:
            inside = Path(os.path.normpath(Path(prefix) / area))
            if not inside.is_absolute() and ".." not in inside.parts:
                area_copy = root / inside
                area_copy.parent.mkdir(parents=True, exist_ok=True)
                area_path = Path(os.path.normpath(path.parent / area))
                area_copy.write_bytes(_git_show(revision, path, inside))
                shown[os.path.normpath(copy.parent / area)] = f"{revision}:{area_path}"
        try:
            yield copy
        except ProfileError as exc:
            raise ProfileError(
                [
                    dataclasses.replace(p, file=shown[p.file]) if p.file in shown else p
                    for p in exc.problems
                ]
            ) from None


def _area_value(text: bytes) -> str | None:
    """Return the `area:` a profile's text names, or None if it names none (or is not YAML)."""
    from lisdraft.profile.yamlsafe import fast_data, load_yaml

    try:
        decoded = text.decode("utf-8")
        data = fast_data(decoded)
        if data is None:
            _, data = load_yaml(Path("profile.yaml"), "profile.yaml", decoded)
    except (UnicodeDecodeError, ProfileError):
        return None  # the profile's own problems are reported when it is loaded
    value = data.get(AREA_FIELD) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _git_prefix(path: Path) -> str:
    """Return the folder of `path` relative to the root of its git repository ('' at the root)."""
    folder = path.resolve().parent
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-prefix"],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--git needs git, which is not installed or not on the PATH") from None
    return done.stdout.decode(errors="replace").strip() if done.returncode == 0 else ""


def _git_show(revision: str, path: Path, inside: Path | None = None) -> bytes:
    """Return the bytes of `path` at `revision`, or raise `UsageError` with git's reason.

    `inside`, if given, is the file's path from the repository's root, for a
    file (such as an area file) whose folder need not be in the working tree;
    `path` is then the profile that names it, whose folder git runs in.
    """
    folder = path.resolve().parent
    name = inside.as_posix() if inside is not None else f"./{path.name}"
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "show", f"{revision}:{name}"],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--git needs git, which is not installed or not on the PATH") from None
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        reason = lines[-1].rstrip(".") if lines else "unknown error"
        raise UsageError(
            f"git cannot show {inside or path} at '{revision}': {reason}. "
            "Check the revision (such as HEAD~1 or main) and that the file was committed there."
        )
    return done.stdout
