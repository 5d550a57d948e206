"""`build --pdf`: tagged PDFs through one headless LibreOffice run."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from profile_factory import make_profile
from ruamel.yaml import YAML

from conftest import ROOT, docx_text, rename_everywhere
from lisdraft.build import forum_map, pdf
from lisdraft.build.options import BuildOptions, BuildResult
from lisdraft.build.pipeline import build_documents
from lisdraft.errors import ConversionError
from lisdraft.profile.loader import load_profile

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")

# Page counts a reader would expect for the Borchestershire example: generous,
# but tight enough to catch a lost section or a runaway table.
PAGES = {"contribution": (8, 30), "briefing": (2, 8), "stock-take": (4, 16)}


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(re.findall(r"^([^:]+):\s*(.*)$", out.stdout, re.MULTILINE))


needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="pdftotext is not installed: apt-get install poppler-utils"
)
EXAMPLES = ("borchestershire", "wexmoor")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    """Both examples built with `--pdf`: one LibreOffice run each."""
    return {
        name: build_documents(
            ROOT / "examples" / name / "profile.yaml",
            tmp_path_factory.mktemp(name),
            BuildOptions(pdf=True),
        ).raise_on_failure()
        for name in EXAMPLES
    }


def pdfs_of(result: BuildResult) -> list[Path]:
    return sorted(p for p in result.paths if p.suffix == ".pdf")


@needs_libreoffice
@needs_poppler
def test_every_document_becomes_a_tagged_pdf_naming_the_council(
    built: dict[str, BuildResult],
) -> None:
    result = built["borchestershire"]
    tmp_path = result.paths[0].parent
    pdfs = [p for p in result.paths if p.suffix == ".pdf"]
    assert sorted(p.stem for p in pdfs) == sorted(
        f"felpersham-city-council-{part}" for part in PAGES
    )
    for path in pdfs:
        data = path.read_bytes()
        assert data.startswith(b"%PDF")
        assert pdf.is_tagged(data), f"{path.name} is not tagged"
        info = pdf_info(path)
        assert info["Tagged"] == "yes"
        low, high = PAGES[path.stem.removeprefix("felpersham-city-council-")]
        assert low <= int(info["Pages"]) <= high, f"{path.name}: {info['Pages']} pages"
        assert info["Title"].endswith(": Felpersham City Council")
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Felpersham City Council" in text
    assert result.findings[pdfs[0]] == []
    left = [p.name for p in tmp_path.glob(".lisdraft-*") if p.name != ".lisdraft-manifest.json"]
    assert not left, "a staging folder was left behind"


def test_without_libreoffice_the_build_says_how_to_install_it_and_writes_nothing(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "out"
    with pytest.raises(ConversionError) as caught:
        build_documents(example, out, BuildOptions(pdf=True)).raise_on_failure()
    assert "apt-get install libreoffice-writer-nogui" in str(caught.value)
    assert not out.exists()


def test_one_libreoffice_run_converts_every_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        outdir = Path(command[command.index("--outdir") + 1])
        for name in command[command.index("--outdir") + 2 :]:
            (outdir / Path(name).with_suffix(".pdf").name).write_bytes(b"%PDF-1.6")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(pdf.subprocess, "run", fake_run)
    documents = [tmp_path / f"{name}.docx" for name in ("a", "b", "c")]
    written = pdf.convert_to_pdf(documents, tmp_path / "out", soffice="soffice")
    assert [p.name for p in written] == ["a.pdf", "b.pdf", "c.pdf"]
    [command] = calls
    export = command[command.index("--convert-to") + 1]
    assert '"UseTaggedPDF":{"type":"boolean","value":"true"}' in export
    assert any(arg.startswith("-env:UserInstallation=file://") for arg in command)


@needs_libreoffice
@needs_poppler
def test_every_pdf_embeds_its_fonts(built: dict[str, BuildResult]) -> None:
    for result in built.values():
        for path in pdfs_of(result):
            listing = subprocess.run(
                ["pdffonts", str(path)], capture_output=True, text=True, check=True
            ).stdout.splitlines()[2:]
            assert listing, f"{path.name} names no fonts"
            assert all(line.split()[-5] == "yes" for line in listing), "\n".join(listing)
            assert result.findings[path] == []


@needs_libreoffice
def test_without_arial_or_a_font_of_its_widths_the_pdf_build_names_the_package(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A machine whose only fonts are DejaVu's, which are wider than Arial.
    dejavu = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"), None)
    if dejavu is None or shutil.which("fc-match") is None:
        pytest.skip("needs fontconfig and the DejaVu fonts (apt-get install fonts-dejavu-core)")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{dejavu.parent}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    out = tmp_path / "out"
    options = BuildOptions(only=("briefing",), pdf=True)
    result = build_documents(example, out, options).raise_on_failure()
    [warning] = result.findings[out / "felpersham-city-council-briefing.pdf"]
    assert warning.rule == "pdf-font"
    assert "neither Arial nor a font of the same widths (Liberation Sans" in warning.message
    assert "sudo apt-get install fonts-liberation" in warning.message


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


def broken_words(path: Path) -> dict[str, int]:
    """Return the words of the PDF's document found fewer times in the PDF than in it.

    A word broken across lines, as in "Englan/d" in a narrow cell, shows in the PDF's
    text as two fragments, so the whole word is found fewer times than in the document.
    (`-layout` keeps pdftotext from joining words broken at a hyphen.)
    """
    expected = words(docx_text(path.with_suffix(".docx")))
    found = words(
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    return {word: found[word] for word, count in expected.items() if found[word] < count}


@needs_libreoffice
@needs_poppler
def test_no_word_is_broken_across_lines_in_any_pdf(built: dict[str, BuildResult]) -> None:
    for result in built.values():
        for path in pdfs_of(result):
            assert broken_words(path) == {}, f"{path.name}: words broken across lines"


LONG_NAMES = ("Featherstonehaugh-Cholmondeley", "Internationalisation", "Wolverhamptonshire")


@needs_libreoffice
@needs_poppler
def test_tables_of_a_generated_profile_with_long_names_break_no_word(tmp_path: Path) -> None:
    # Many councils and a board of twenty from the generalisation suite's factory, then
    # long and double-barrelled names for every board member, evidence title and owner,
    # and forum, in tables whose columns must share the page between them.
    data = make_profile(1)
    for number, member in enumerate(list(data["board"]["members"])):
        long_name = f"{member['name']} {LONG_NAMES[number % 3]}"
        rename_everywhere(data, member["name"], long_name)
        member["organisation"] = f"{LONG_NAMES[(number + 1) % 3]} Manufacturing"
    for number, item in enumerate(data["evidence"]["items"]):
        item["title"] = f"{LONG_NAMES[number % 3]} {item['title']}"
        item["owner"] = f"{LONG_NAMES[(number + 2) % 3]} Observatory"
    for number, forum in enumerate(data["forums"]):
        forum["name"] = f"{LONG_NAMES[number % 3]} Decarbonisation Board"
    profile = tmp_path / "profile.yaml"
    YAML(typ="safe").dump(data, profile)
    result = build_documents(profile, tmp_path / "out", BuildOptions(pdf=True))
    pdfs = pdfs_of(result.raise_on_failure())
    assert len(pdfs) == 3
    assert "Featherstonehaugh" in docx_text(pdfs[1].with_suffix(".docx"))  # contribution
    for path in pdfs:
        assert broken_words(path) == {}, f"{path.name}: words broken across lines"


def page_texts(pdf_path: Path) -> list[list[str]]:
    """Each page's lines of text, without the header's two lines and the footer's two."""
    pages = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    lines = [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]
    return [page[2:-2] for page in lines if page]


@needs_libreoffice
@needs_poppler
def test_no_page_ends_on_a_heading_or_holds_only_the_closing_contact(
    built: dict[str, BuildResult],
) -> None:
    for result in built.values():
        for path in pdfs_of(result):
            document = Document(str(path.with_suffix(".docx")))
            headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
            for number, lines in enumerate(page_texts(path), start=1):
                assert lines, f"{path.name}: page {number} is empty"
                assert lines[-1] not in headings, f"{path.name}: page {number} ends on a heading"
                assert lines[0] != "Contact", f"{path.name}: page {number} holds only the contact"


def contribution_pdf(result: BuildResult) -> Path:
    return next(p for p in pdfs_of(result) if p.stem.endswith("-contribution"))


@needs_libreoffice
@needs_poppler
def test_the_contribution_opens_with_contents_giving_each_sections_page(
    built: dict[str, BuildResult],
) -> None:
    for result in built.values():
        path = contribution_pdf(result)
        document = Document(str(path.with_suffix(".docx")))
        sections = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        first_page = subprocess.run(
            ["pdftotext", "-layout", "-f", "1", "-l", "1", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        entries = re.findall(r"^(\S.*?)\s*\.{3,}\s*(\d+)$", first_page, re.MULTILINE)
        assert [title for title, _ in entries] == sections
        pages = page_texts(path)
        for title, page in entries:
            assert title in pages[int(page) - 1], f"{path.name}: '{title}' is not on page {page}"


@needs_libreoffice
def test_the_pdf_has_a_bookmark_for_every_section(built: dict[str, BuildResult]) -> None:
    for result in built.values():
        for path in pdfs_of(result):
            document = Document(str(path.with_suffix(".docx")))
            data = path.read_bytes()
            bookmarks = {
                bytes.fromhex(title.decode()).decode("utf-16")
                for title in re.findall(rb"/Title\s*<([0-9A-Fa-f]+)>", data)
            }
            sections = {p.text for p in document.paragraphs if p.style.name == "Heading 1"}
            assert sections and sections <= bookmarks, f"{path.name}: {sections - bookmarks}"


def chart_words(pdf_path: Path) -> list[list[tuple[float, float, str]]]:
    """For each chart in the PDF, its words as (top, left, text): those from its title down
    to the next word at the page's left margin (the chart is narrower than the text)."""
    pages = subprocess.run(
        ["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("<page ")
    charts = []
    for page in pages:
        words = [
            (float(top), float(left), text)
            for left, top, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page
            )
        ]
        titles = [top for top, _, text in words if text == "compares:"]
        margin = min((left for _, left, _ in words), default=0.0)
        for title in titles:
            bottom = min(top for top, left, _ in words if top > title and left == margin)
            charts.append([word for word in words if title < word[0] < bottom])
    return charts


@needs_libreoffice
@needs_poppler
def test_each_chart_reads_our_area_first_in_its_bars_and_its_legend(
    built: dict[str, BuildResult],
) -> None:
    # LibreOffice once listed the legend as England, LEP area, Our area beside bars
    # that read Our area, LEP area, England in each measure.
    [contribution] = [p for p in pdfs_of(built["borchestershire"]) if "contribution" in p.name]
    groups: dict[str, list[float]] = {}
    for item in load_profile(ROOT / "examples" / "borchestershire" / "profile.yaml").evidence.items:
        if item.benchmark:
            b = item.benchmark
            groups.setdefault(b.unit, []).extend([b.council_area, b.lep_area, b.england])
    charts = chart_words(contribution)
    assert len(charts) == len(groups) == 2
    for words, figures in zip(charts, groups.values(), strict=True):
        legend = [text for _, _, text in sorted(words) if text in {"Our", "LEP", "England"}]
        assert legend == ["Our", "LEP", "England"]
        numbers = [word for word in sorted(words) if re.fullmatch(r"£?[\d.,]+%?", word[2])]
        axis_row = max(top for top, _, _ in numbers)  # the value axis's labels, under the bars
        origin = min(left for top, left, _ in numbers if top == axis_row)
        labels = [
            float(text.strip("£%"))
            for top, left, text in numbers
            if top < axis_row and left > origin  # not the measures' names, such as "2024"
        ]
        assert labels == figures  # each measure's bars, top down: our area, LEP area, England


@needs_libreoffice
@needs_poppler
def test_the_forum_map_shares_a_page_with_its_introduction_in_readable_type(
    built: dict[str, BuildResult],
) -> None:
    # The map was once too tall for the page its introduction ended, which then held
    # the heading and one paragraph above a blank half page.
    for result in built.values():
        [contribution] = [p for p in pdfs_of(result) if "contribution" in p.name]
        [picture] = subprocess.run(
            ["pdfimages", "-list", str(contribution)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        page, _, _, width, _, *rest = picture.split()
        introduction = [
            number
            for number, text in enumerate(page_texts(contribution), start=1)
            if any("The map shows" in line for line in text)
        ]
        assert introduction == [int(page)]
        dots_per_inch = int(rest[7])  # x-ppi: the map's pixels per inch as printed
        assert int(width) == forum_map.WIDTH
        assert forum_map.SMALL_SIZE * 72 / dots_per_inch >= 9  # the smaller type, in points


@needs_libreoffice
@needs_poppler
def test_pdf_gives_the_area_overview_a_pdf_too_and_a_rebuild_without_it_removes_it(
    tmp_path: Path,
) -> None:
    area = ROOT / "examples" / "borchestershire"
    options = BuildOptions(pdf=True, only=("briefing",), jobs=1)
    result = build_documents([area], tmp_path, options).raise_on_failure()
    overview = tmp_path / "borchestershire-area-overview.pdf"
    assert overview in [path for outcome in result.overviews for path in outcome.paths]
    text = subprocess.run(
        ["pdftotext", str(overview), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Area overview" in text and "Borchester Borough Council" in text
    build_documents([area], tmp_path, BuildOptions(only=("briefing",), jobs=1)).raise_on_failure()
    assert not overview.exists()
