"""Write output files all at once or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lisdraft.errors import OutputError


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each `files` name (a bare file name) into `out_dir`, atomically as a set.

    Every file is first written to a temporary file beside its target; only
    when all are written are they renamed into place. A failure leaves the
    folder as it was. Return the paths written.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    targets = {name: _contained(out_dir, name) for name in files}
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            handle, temp_name = tempfile.mkstemp(dir=out_dir, prefix=".lisdraft-", suffix=".tmp")
            staged.append((Path(temp_name), targets[name]))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        for temp, target in staged:
            os.replace(temp, target)
    except OSError as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        where = exc.filename or out_dir
        raise OutputError(
            f"{where}: cannot write the documents ({exc.strerror}). If a file is open in "
            "Word, close it and try again. Nothing was written."
        ) from None
    return [target for _, target in staged]


def _contained(out_dir: Path, name: str) -> Path:
    """Return `out_dir / name`, refusing names that would land outside `out_dir`."""
    target = (out_dir / name).resolve()
    if target.parent != out_dir.resolve() or name in {"", ".", ".."}:
        raise OutputError(f"refusing to write '{name}': it would land outside {out_dir}")
    return target
