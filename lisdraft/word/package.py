"""Make a saved .docx reproducible: the same input always gives the same bytes.

python-docx stamps each zip entry with the time it was saved. `normalise`
rewrites the package with its entries in a fixed order, each dated with the
build time, so that building the same profile with the same templates twice
gives byte-identical files that git and checksums treat as unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from lisdraft.errors import UsageError

#: The earliest time a zip entry can carry.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
#: Entries that readers expect first, in this order; the rest follow by name.
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def build_time(date: dt.date) -> dt.datetime:
    """Return the time to stamp on a document dated `date`.

    This is `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
    convention) when that is set, else midnight UTC at the start of `date`.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    if not epoch.isdigit():
        raise UsageError(
            f"SOURCE_DATE_EPOCH is '{epoch}', which is not a whole number of seconds since "
            "1970; set it to a number such as 1767225600, or unset it to use the profile's date"
        )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)


def normalise(data: bytes, when: dt.datetime) -> bytes:
    """Return the .docx `data` rewritten with its entries in a fixed order, all dated `when`."""
    utc = max(when.astimezone(dt.UTC), ZIP_EPOCH)
    stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [n for n in FIRST_ENTRIES if n in names] + sorted(
        n for n in names if n not in FIRST_ENTRIES
    )
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w") as target:
        for name in ordered:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # the same on every platform
            entry.external_attr = 0
            target.writestr(entry, source.read(name), compresslevel=6)
    return buffer.getvalue()
