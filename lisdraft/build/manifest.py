"""Remember what lisdraft wrote in a folder, so a later build never overwrites hand edits.

Each output folder holds a small record, `.lisdraft-manifest.json`, with the
SHA-256 of every file lisdraft last wrote there. Before replacing a file,
the writer compares the file on disk with that record: a file that differs,
or that lisdraft has no record of writing, has been edited (or put there) by
someone, and is kept unless the user asks for `--force`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MANIFEST_NAME = ".lisdraft-manifest.json"
_ABOUT = (
    "lisdraft records here the SHA-256 of each file it last wrote in this folder, so that "
    "it never overwrites a file edited since. If this record is deleted, lisdraft keeps "
    "every existing file until a build is run with --force."
)


def digest(data: bytes) -> str:
    """Return the SHA-256 of `data` as it is written in the manifest."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_manifest(folder: Path) -> dict[str, str]:
    """Return the recorded digest of each file name in `folder`; {} when there is no record.

    A record that cannot be read or understood counts as no record: every
    existing file is then kept, the safe side.
    """
    try:
        data: Any = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(name): str(value) for name, value in files.items()}


def manifest_bytes(files: Mapping[str, str]) -> bytes:
    """Return the manifest recording `files` (name to digest), as stable, readable JSON."""
    record = {"about": _ABOUT, "files": dict(sorted(files.items()))}
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def edited_since_written(
    folder: Path, files: Mapping[str, bytes], recorded: Mapping[str, str]
) -> list[str]:
    """Return the names in `files` whose file in `folder` lisdraft may not overwrite.

    A file may be overwritten when it does not exist, when it is exactly what
    lisdraft last wrote (its digest matches `recorded`), or when it already
    holds exactly the new content, so nothing would be lost.
    """
    edited = []
    for name, data in files.items():
        try:
            current = digest((folder / name).read_bytes())
        except FileNotFoundError:
            continue
        except OSError:  # a folder or an unreadable file of that name: not ours to replace
            edited.append(name)
            continue
        if current not in {recorded.get(name), digest(data)}:
            edited.append(name)
    return edited


def updated_record(
    folder: Path, files: Mapping[str, bytes], recorded: Mapping[str, str]
) -> dict[str, str]:
    """Return `recorded` with the digests of `files`, forgetting files no longer in `folder`."""
    kept = {name: value for name, value in recorded.items() if (folder / name).is_file()}
    return kept | {name: digest(data) for name, data in files.items()}
