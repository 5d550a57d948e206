"""The images a profile names (`images:`), read and checked where the profile lives.

The model (`lisdraft.profile.model.ProfileImage`) checks what can be seen in
the YAML alone: a relative path without `..`, alt text, a width in bounds.
This module checks the file itself, which only the loader can find because
only it knows the profile's folder: the file exists inside that folder (a
symbolic link may not lead out of it), is a PNG or JPEG by its first bytes
whatever its name ends with, is at most `MAX_IMAGE_BYTES` long and says how
many pixels it has. Each image is read once, here, and the build takes the
bytes from the profile: no later stage opens a file the profile names.

The header is read here rather than with Pillow or python-docx's image
reader (`docx.image`), both of which lisdraft already installs: two fixed
layouts give the pixel size in a few microseconds, while importing Pillow
takes about 40 ms and `docx.image` about 200 ms (it imports python-docx),
which every `lisdraft validate` of a profile with a logo would pay.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from lisdraft.profile.model import PlaceProfile

#: The largest image file a profile may name: 5 MB, ample for a logo or crest.
MAX_IMAGE_BYTES = 5 * 1024 * 1024
#: The narrowest and widest an image may be placed, in millimetres: at most the width of a
#: full-width chart (A4 with 2.5 cm margins leaves 160 mm for text).
MIN_IMAGE_WIDTH_MM = 5
MAX_IMAGE_WIDTH_MM = 155

ImageFormat = Literal["png", "jpeg"]
Location = tuple[int | str, ...]
Finding = tuple[Location, str]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
# JPEG markers that start a frame and so carry the height and width.
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class ImageFile:
    """One image of a profile, read: its bytes, format, size in pixels and how to place it."""

    name: str
    data: bytes
    format: ImageFormat
    pixels: tuple[int, int]
    alt: str
    width_mm: float

    @property
    def height_mm(self) -> float:
        """Return the height it is placed at: its width scaled by the picture's proportions."""
        return self.width_mm * self.pixels[1] / self.pixels[0]


def read_images(
    profile: PlaceProfile, profile_path: Path
) -> tuple[dict[str, ImageFile], list[Finding]]:
    """Return the images `profile` names, read from beside `profile_path`, and every problem.

    Each problem is the location of the image's `path` in the profile and a
    message saying what to do. An image with a problem is left out.
    """
    folder = profile_path.resolve().parent
    images: dict[str, ImageFile] = {}
    problems: list[Finding] = []
    for name, image in profile.images.items():
        try:
            data, kind, pixels = _read_image(folder, image.path)
        except ValueError as exc:
            problems.append((("images", name, "path"), str(exc)))
            continue
        images[name] = ImageFile(name, data, kind, pixels, image.alt, image.width_mm)
    return images, problems


def _read_image(folder: Path, relative: str) -> tuple[bytes, ImageFormat, tuple[int, int]]:
    """Return the bytes, format and pixel size of the image at `relative` in `folder`.

    Raise ValueError saying what is wrong and what to do.
    """
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder):
        raise ValueError(
            f"'{relative}' leads outside the profile's folder ({folder}), through a symbolic "
            "link; copy the image into that folder and name the copy"
        )
    if not target.is_file():
        raise ValueError(
            f"there is no file '{relative}' in the profile's folder ({folder}); put the image "
            "there, or correct the path (it is relative to the profile)"
        )
    with target.open("rb") as stream:  # read no more than the limit and a byte
        data = stream.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        size = target.stat().st_size
        raise ValueError(
            f"'{relative}' is {size / 1024 / 1024:.1f} MB; images may be at most "
            f"{MAX_IMAGE_BYTES // 1024 // 1024} MB. Save a smaller copy (a logo needs no more "
            "than about 1,000 pixels across)"
        )
    kind, pixels = image_header(data)
    if kind is None or pixels is None:
        raise ValueError(
            f"'{relative}' is not a {'readable ' if kind else ''}PNG or JPEG image (judged by "
            "its contents, not its name); save it as PNG or JPEG from an image editor"
        )
    return data, kind, pixels


def image_header(data: bytes) -> tuple[ImageFormat | None, tuple[int, int] | None]:
    """Return the format of `data` by its first bytes and its (width, height) in pixels.

    The format is None for anything but PNG and JPEG; the size is None when
    the header is damaged or says the picture has no pixels.
    """
    if data.startswith(_PNG_SIGNATURE):
        return "png", _png_pixels(data)
    if data.startswith(_JPEG_SIGNATURE):
        return "jpeg", _jpeg_pixels(data)
    return None, None


def _png_pixels(data: bytes) -> tuple[int, int] | None:
    """Return the width and height in a PNG's IHDR chunk, which must come first."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def _jpeg_pixels(data: bytes) -> tuple[int, int] | None:
    """Return the width and height in a JPEG's first frame header, walking its segments."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_FRAMES:
            if position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return (width, height) if width and height else None
        if marker == 0xDA or length < 2:  # image data before any frame: damaged
            return None
        position += 2 + length
    return None
