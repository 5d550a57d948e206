"""The zip container of a .docx, written reproducibly: the same input, the same bytes.

This is lisdraft's one zip writer. A Word template is mostly parts that never
change between documents (styles, theme, numbering, fonts); Python's
`zipfile` can only write a member by compressing it again, so `read_members`
keeps each member's stored (compressed) bytes and `write_members` writes them
back as they are, compressing afresh only the parts a render changed. Every
member is written in `member_order` and dated with the build time, so that
building the same profile with the same templates twice gives byte-identical
files that git and checksums treat as unchanged. `normalise` does the same
for a whole .docx saved by python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from lisdraft.errors import UsageError

#: The earliest time a zip entry can carry.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
#: Entries that readers expect first, in this order; the rest follow by name.
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")

_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<IHHHHIIH")
_LOCAL_SIGNATURE, _CENTRAL_SIGNATURE, _END_SIGNATURE = 0x04034B50, 0x02014B50, 0x06054B50
_VERSION = 20  # zip 2.0: deflate, no zip64
_UTF8_NAMES = 0x800
_LIMIT = 0xFFFFFFFF
_PERMISSIONS = 0o600 << 16  # as zipfile.writestr gives every entry: the same everywhere

DateTime = tuple[int, int, int, int, int, int]
_EARLIEST: DateTime = (1980, 1, 1, 0, 0, 0)


class UnsupportedZip(Exception):
    """Raised for a zip this module cannot copy (encrypted, zip64 or unusual compression)."""


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


@dataclass(frozen=True)
class Member:
    """One stored member of a zip: its name, timestamp and bytes as compressed."""

    name: str
    date_time: DateTime
    method: int
    crc: int
    size: int
    stored: bytes

    @classmethod
    def deflated(cls, name: str, data: bytes, date_time: DateTime = _EARLIEST) -> Member:
        """Return a member `name` holding `data`, deflated as Word and zipfile deflate."""
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        stored = compressor.compress(data) + compressor.flush()
        return cls(name, date_time, zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), stored)

    @classmethod
    def stored_as_is(cls, name: str, data: bytes) -> Member:
        """Return a member `name` holding `data` uncompressed (zip's 'stored' method)."""
        return cls(name, _EARLIEST, zipfile.ZIP_STORED, zlib.crc32(data), len(data), data)

    def data(self) -> bytes:
        """Return the member's bytes uncompressed."""
        if self.method == zipfile.ZIP_STORED:
            return self.stored
        return zlib.decompress(self.stored, -15)

    def replaced(self, data: bytes) -> Member:
        """Return a member of the same name and date holding `data`, deflated afresh."""
        return Member.deflated(self.name, data, self.date_time)


class Package:
    """A .docx being made: members copied as they are stored, and parts changed since.

    A changed part is compressed once, when the package is written
    (`to_bytes`), however many steps change it: the render replaces the
    document, then its drawings add parts and rewrite it again.
    """

    def __init__(self, members: Iterable[Member]) -> None:
        self._members = {member.name: member for member in members}
        self._changed: dict[str, bytes] = {}

    @classmethod
    def from_bytes(cls, data: bytes) -> Package:
        """Return the package held in the .docx `data`."""
        return cls(read_members(data))

    def __contains__(self, name: str) -> bool:
        return name in self._members or name in self._changed

    def read(self, name: str) -> bytes:
        """Return the uncompressed bytes of the part `name` (KeyError if there is none)."""
        if name in self._changed:
            return self._changed[name]
        return self._members[name].data()

    def write(self, name: str, data: bytes, compress: bool = True) -> None:
        """Put `data` in the part `name`, replacing any part of that name.

        With `compress` false the part is stored as it is: for data that is
        compressed already (a PNG picture, a workbook), which deflating again
        would only make slower to write, not smaller.
        """
        if compress:
            self._changed[name] = data
        else:
            self._changed.pop(name, None)
            self._members[name] = Member.stored_as_is(name, data)

    def to_bytes(self, when: dt.datetime) -> bytes:
        """Return the .docx: members in `member_order`, all dated `when`."""
        members = dict(self._members)
        for name, data in self._changed.items():
            old = members.get(name)
            members[name] = old.replaced(data) if old else Member.deflated(name, data)
        return write_members([members[name] for name in member_order(members)], when)


def member_order(names: Iterable[str]) -> list[str]:
    """Return zip member `names` in lisdraft's fixed order: `FIRST_ENTRIES`, then by name."""
    names = list(names)
    return [n for n in FIRST_ENTRIES if n in names] + sorted(
        n for n in names if n not in FIRST_ENTRIES
    )


def read_members(data: bytes) -> list[Member]:
    """Return the members of the zip in `data`, in order, with their stored bytes.

    Raise `UnsupportedZip` for anything but plain stored or deflated members,
    and `zipfile.BadZipFile` when `data` is not a zip at all.
    """
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & 0x1 or info.compress_type not in {
                zipfile.ZIP_STORED,
                zipfile.ZIP_DEFLATED,
            }:
                raise UnsupportedZip(info.filename)
            if max(info.file_size, info.compress_size, info.header_offset) >= _LIMIT:
                raise UnsupportedZip(info.filename)
            header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
            fields = _LOCAL_HEADER.unpack(header)
            if fields[0] != _LOCAL_SIGNATURE:
                raise zipfile.BadZipFile(f"bad local header for {info.filename}")
            start = info.header_offset + _LOCAL_HEADER.size + fields[9] + fields[10]
            stored = data[start : start + info.compress_size]
            members.append(
                Member(
                    info.filename,
                    info.date_time,
                    info.compress_type,
                    info.CRC,
                    info.file_size,
                    stored,
                )
            )
    if len(members) >= 0xFFFF:
        raise UnsupportedZip("too many members")
    return members


def write_members(members: list[Member], when: dt.datetime | None = None) -> bytes:
    """Return a zip holding `members` in order, their stored bytes written unchanged.

    With `when`, every member is dated then (in UTC, and no earlier than
    `ZIP_EPOCH`) instead of keeping its own date.
    """
    stamp = None
    if when is not None:
        utc = max(when.astimezone(dt.UTC), ZIP_EPOCH)
        stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    body: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAMES
        time, date = _dos_time(stamp or member.date_time)
        common = (member.method, time, date, member.crc, len(member.stored), member.size)
        local = _LOCAL_HEADER.pack(_LOCAL_SIGNATURE, _VERSION, flags, *common, len(name), 0)
        # no extra field or comment; disk 0; no internal attributes
        fixed = (len(name), 0, 0, 0, 0, _PERMISSIONS, offset)
        central.append(
            _CENTRAL_HEADER.pack(_CENTRAL_SIGNATURE, _VERSION, _VERSION, flags, *common, *fixed)
            + name
        )
        body.extend((local, name, member.stored))
        offset += len(local) + len(name) + len(member.stored)
    directory = b"".join(central)
    if offset >= _LIMIT:
        raise UnsupportedZip("the document is too large for a plain zip")
    end = _END_RECORD.pack(
        _END_SIGNATURE, 0, 0, len(members), len(members), len(directory), offset, 0
    )
    return b"".join([*body, directory, end])


def normalise(data: bytes, when: dt.datetime) -> bytes:
    """Return the .docx `data` rewritten with its entries in a fixed order, all dated `when`."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: Member.deflated(name, source.read(name)) for name in source.namelist()}
    return write_members([members[name] for name in member_order(members)], when)


def _dos_time(date_time: DateTime) -> tuple[int, int]:
    """Return the MS-DOS (time, date) words for a zip timestamp."""
    year, month, day, hour, minute, second = date_time
    year = min(max(year, 1980), 2107)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day
