"""Write output files all at once or not at all, and never over someone's edits."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lisdraft.build.manifest import (
    MANIFEST_NAME,
    edited_since_written,
    manifest_bytes,
    read_manifest,
    updated_record,
)
from lisdraft.errors import HandEditedError, OutputError


def write_files(
    out_dir: Path,
    files: dict[str, bytes],
    force: bool = False,
    guard: bool = True,
    stale: Iterable[str] = (),
) -> list[Path]:
    """Write each `files` name (a bare file name) into `out_dir`, atomically as a set.

    Every file is first written to a temporary file beside its target; only
    when all are written are they moved into place, and if one move fails the
    ones already made are undone. A failure leaves the folder as it was.

    A file that was changed since lisdraft wrote it (see `lisdraft.build.manifest`)
    is not overwritten unless `force` is true: `HandEditedError` names it and
    nothing is written. With `guard` false (for files nobody edits by hand,
    such as a generated schema) there is no such check and no record is kept.

    `stale` names files that this write makes out of date (the PDF or Markdown
    copy of a document rebuilt without one). Each that lisdraft wrote earlier
    is removed with the same all-or-nothing care; one edited since is kept and
    the write refused, unless `force`. Files lisdraft has no record of are
    never touched. Return the paths written.
    """
    out_dir = Path(out_dir)
    targets = {name: _contained(out_dir, name) for name in files}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    folders = [path for path in targets.values() if path.is_dir() and not path.is_symlink()]
    if folders:
        raise OutputError(
            f"{folders[0]}: a folder has this name, so the document cannot be written; "
            "rename or move the folder. Nothing was written."
        )
    if not guard:
        _replace_all(out_dir, list(targets.items()), files)
        return list(targets.values())
    with _locked(out_dir):
        recorded = read_manifest(out_dir)
        edited = [] if force else edited_since_written(out_dir, files, recorded)
        old = [
            name
            for name in stale
            if name not in files and name in recorded and (out_dir / name).is_file()
        ]
        changed = [] if force else edited_since_written(out_dir, dict.fromkeys(old, b""), recorded)
        if edited or changed:
            raise HandEditedError(
                [targets[name] for name in edited if name in recorded],
                [targets[name] for name in edited if name not in recorded],
                [_contained(out_dir, name) for name in changed],
            )
        kept = {name: value for name, value in recorded.items() if name not in old}
        record = manifest_bytes(updated_record(out_dir, files, kept))
        everything = [*targets.items(), (MANIFEST_NAME, out_dir / MANIFEST_NAME)]
        removed = [_contained(out_dir, name) for name in old]
        _replace_all(out_dir, everything, {**files, MANIFEST_NAME: record}, removed)
    return list(targets.values())


def _replace_all(
    out_dir: Path,
    targets: list[tuple[str, Path]],
    files: dict[str, bytes],
    removed: list[Path] | None = None,
) -> None:
    """Put `files` at `targets` and take away `removed`, all or none (else `OutputError`)."""
    temps: list[Path] = []
    moved: list[tuple[Path, Path | None]] = []  # each target, and where its old file went
    try:
        for name, _ in targets:
            temps.append(_write_temp(out_dir, files[name]))
        for (_, target), temp in zip(targets, temps, strict=True):
            backup = _set_aside(out_dir, target)
            moved.append((target, backup))
            os.replace(temp, target)
        for target in removed or []:
            moved.append((target, _set_aside(out_dir, target)))
    except BaseException as exc:
        restored = _undo(moved)
        for temp in temps:
            temp.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        where = exc.filename or out_dir
        outcome = (
            "Nothing was written."
            if restored
            else (f"lisdraft could not put every earlier file back; check the files in {out_dir}.")
        )
        raise OutputError(
            f"{where}: cannot write the documents ({exc.strerror}). If a file is open in "
            f"Word, close it and try again. {outcome}"
        ) from None
    for _, backup in moved:
        if backup is not None:
            backup.unlink(missing_ok=True)


def _write_temp(out_dir: Path, data: bytes) -> Path:
    """Return a new hidden file in `out_dir` holding `data`, with the usual permissions."""
    temp = out_dir / f".lisdraft-{secrets.token_hex(8)}.tmp"
    with temp.open("xb") as stream:
        stream.write(data)
    return temp


def _set_aside(out_dir: Path, target: Path) -> Path | None:
    """Move an existing `target` to a hidden backup beside it; return the backup, if any."""
    if not target.exists() and not target.is_symlink():
        return None
    backup = out_dir / f".lisdraft-{secrets.token_hex(8)}.old"
    os.replace(target, backup)
    return backup


def _undo(moved: list[tuple[Path, Path | None]]) -> bool:
    """Put back what `moved` replaced, newest first; return whether all of it went back."""
    restored = True
    for target, backup in reversed(moved):
        try:
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        except OSError:
            restored = False
    return restored


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out_dir`, so builds into one folder take turns.

    Builds running side by side (such as a batch with several workers) would
    otherwise each rewrite the manifest and lose the other's record. Where the
    system or the drive offers no folder locks (Windows, some network drives),
    this does nothing.
    """
    try:
        import fcntl  # here, not at the top: it does not exist on Windows
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    handle = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # some network drives cannot lock; go ahead as Windows does
            pass
        yield
    finally:
        os.close(handle)


def _contained(out_dir: Path, name: str) -> Path:
    """Return `out_dir / name`, refusing any name that is not a plain file name.

    A name with a folder separator, or '.' or '..', could land outside
    `out_dir`; so could a name that Windows reads as a drive ('C:x').
    """
    separators = {"/", "\\", os.sep, os.altsep or "/", ":", "\0"}
    if name in {"", ".", ".."} or any(s in name for s in separators):
        raise OutputError(f"refusing to write '{name}': it would land outside {out_dir}")
    if name == MANIFEST_NAME:
        raise OutputError(f"refusing to write '{name}': lisdraft keeps its own record there")
    return out_dir / name
