"""A profile's images (`images:`): read from the profile's folder, checked, and refused with a
line that says what to do when they are not safe or not usable."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import HOUSE_STYLE, LOGO
from lisdraft.errors import ProfileError
from lisdraft.profile.images import MAX_IMAGE_BYTES
from lisdraft.profile.loader import load_profile


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return [str(problem) for problem in caught.value.problems]


def line_of(path: Path, problem: str) -> str:
    """Return the line of the profile that `problem` (file:line:col: ...) points at."""
    line = int(problem.split(":")[1])
    return path.read_text(encoding="utf-8").splitlines()[line - 1].strip()


def test_a_logo_beside_the_profile_is_read_with_its_size_and_alt_text(with_images) -> None:
    jpeg = {**LOGO, "path": "felpersham-logo.jpg", "width_mm": 30}
    profile = load_profile(with_images(logo=LOGO, small_logo=jpeg))
    logo, small = profile.image_files()["logo"], profile.image_files()["small_logo"]
    assert (logo.format, logo.pixels, logo.alt) == ("png", (720, 240), LOGO["alt"])
    assert logo.data == (HOUSE_STYLE / "felpersham-logo.png").read_bytes()
    assert logo.height_mm == pytest.approx(20)  # 60 mm wide, three times as wide as high
    assert (small.format, small.pixels, small.height_mm) == ("jpeg", (360, 120), 10)


def test_an_image_in_a_folder_inside_the_profiles_folder_is_read(with_images) -> None:
    path = with_images(logo={**LOGO, "path": "images/logo.png"})
    (path.parent / "images").mkdir()
    shutil.copy(HOUSE_STYLE / "felpersham-logo.png", path.parent / "images" / "logo.png")
    assert load_profile(path).image_files()["logo"].pixels == (720, 240)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("../felpersham-logo.png", "uses '..', which may lead out of the profile's folder"),
        ("images/../../logo.png", "uses '..'"),
        ("/etc/passwd", "is an absolute path; copy the image into the profile's folder"),
        ("C:\\Logos\\logo.png", "is an absolute path"),
    ],
)
def test_a_path_that_leaves_the_profiles_folder_is_refused_on_its_line(
    with_images, written: str, said: str
) -> None:
    path = with_images(logo={**LOGO, "path": written})
    [problem] = problems_of(path)
    assert f"images.logo.path: '{written}' {said}" in problem
    assert line_of(path, problem).startswith("path:")


def test_a_symbolic_link_that_leads_out_of_the_folder_is_refused(
    with_images, tmp_path: Path
) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.png"
    shutil.copy(HOUSE_STYLE / "felpersham-logo.png", outside)
    path = with_images(logo={**LOGO, "path": "linked-logo.png"})
    os.symlink(outside, path.parent / "linked-logo.png")
    [problem] = problems_of(path)
    assert "'linked-logo.png' leads outside the profile's folder" in problem
    assert "through a symbolic link; copy the image into that folder" in problem
    assert line_of(path, problem).startswith("path:")


def test_a_symbolic_link_within_the_folder_is_followed(with_images) -> None:
    path = with_images(logo={**LOGO, "path": "current-logo.png"})
    os.symlink("felpersham-logo.png", path.parent / "current-logo.png")
    assert load_profile(path).image_files()["logo"].format == "png"


def test_a_missing_file_is_reported_with_where_it_was_looked_for(with_images) -> None:
    path = with_images(logo={**LOGO, "path": "crest.png"})
    [problem] = problems_of(path)
    assert f"there is no file 'crest.png' in the profile's folder ({path.parent.resolve()})" in (
        problem
    )


def test_a_file_that_is_not_a_png_or_jpeg_is_refused_whatever_its_name(with_images) -> None:
    path = with_images(
        logo={**LOGO, "path": "logo.png"},
        crest={**LOGO, "path": "crest.gif"},
        broken={**LOGO, "path": "broken.png"},
    )
    (path.parent / "logo.png").write_text("<svg>not a PNG</svg>", encoding="utf-8")
    (path.parent / "crest.gif").write_bytes(b"GIF89a" + bytes(40))
    (path.parent / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8))  # no header
    problems = problems_of(path)
    assert len(problems) == 3
    assert "images.logo.path: 'logo.png' is not a PNG or JPEG image (judged by its contents" in (
        problems[0]
    )
    assert "images.crest.path: 'crest.gif' is not a PNG or JPEG image" in problems[1]
    assert "images.broken.path: 'broken.png' is not a readable PNG or JPEG image" in problems[2]
    assert "save it as PNG or JPEG" in problems[2]


def test_an_image_over_the_size_limit_is_refused(with_images) -> None:
    path = with_images(logo={**LOGO, "path": "huge.png"})
    header = (HOUSE_STYLE / "felpersham-logo.png").read_bytes()
    (path.parent / "huge.png").write_bytes(header + bytes(MAX_IMAGE_BYTES))
    [problem] = problems_of(path)
    assert "images.logo.path: 'huge.png' is 5.0 MB; images may be at most 5 MB" in problem
    assert "Save a smaller copy" in problem


@pytest.mark.parametrize("alt", [None, "", "   "])
def test_alt_text_is_required_and_may_not_be_empty(with_images, alt: str | None) -> None:
    logo = {key: value for key, value in LOGO.items() if key != "alt"}
    if alt is not None:
        logo["alt"] = alt
    path = with_images(logo=logo)
    [problem] = problems_of(path)
    assert "images.logo" in problem
    assert "'alt' is required here but missing" in problem or "images.logo.alt: is empty" in problem


@pytest.mark.parametrize(("width", "said"), [(2, "greater than or equal to 5"), (400, "155")])
def test_the_width_is_bounded(with_images, width: int, said: str) -> None:
    [problem] = problems_of(with_images(logo={**LOGO, "width_mm": width}))
    assert f"images.logo.width_mm: {width} is out of range" in problem
    assert said in problem


def test_an_image_name_templates_cannot_write_is_refused(with_images) -> None:
    [problem] = problems_of(with_images(**{"council-logo": LOGO}))
    assert "'council-logo' cannot name an image: use letters, digits and underscores" in problem


def test_every_image_problem_is_reported_in_one_go(with_images) -> None:
    path = with_images(
        logo={**LOGO, "path": "missing.png"}, crest={**LOGO, "path": "also-missing.png"}
    )
    assert len(problems_of(path)) == 2


def test_a_profile_without_images_has_none(example: Path) -> None:
    assert load_profile(example).image_files() == {}


def test_a_file_name_is_not_alt_text(with_images) -> None:
    [problem] = problems_of(with_images(logo={**LOGO, "alt": "felpersham-logo.png"}))
    assert "images.logo.alt: 'felpersham-logo.png' is a file name, not alt text; describe" in (
        problem
    )
