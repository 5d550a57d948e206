"""Convert Word documents to tagged PDF with LibreOffice, in one headless run.

LibreOffice starts once for all the documents, with a private user profile so
that it neither clashes with an office suite the user has open nor changes
that suite's settings. The PDFs are tagged (LibreOffice's 'UseTaggedPDF'
export option), so screen readers can follow their headings, lists and tables.

Before converting, `font_warnings` asks fontconfig (`fc-match`) whether each font a
document uses, or a font with the same character widths, is installed: a wider
stand-in moves every line break and can break words inside table cells.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lisdraft.errors import ConversionError
from lisdraft.word.ooxml import w

#: The export filter and its options, in the JSON form LibreOffice 7.4 and later accept.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}'
)
#: How long one LibreOffice run may take, in seconds, before lisdraft gives up.
TIMEOUT = 600
INSTALL_HINT = (
    "Install LibreOffice and run the command again: on Debian or Ubuntu, "
    "'sudo apt-get install libreoffice-writer-nogui'; on macOS or Windows, download it from "
    "https://www.libreoffice.org/download/."
)


#: Fonts with free stand-ins of the same character widths ("metric-compatible"), and the
#: Debian/Ubuntu package holding them.
METRIC_COMPATIBLE: dict[str, tuple[tuple[str, ...], str]] = {
    "Arial": (("Liberation Sans", "Arimo"), "fonts-liberation"),
    "Helvetica": (("Liberation Sans", "Arimo", "Nimbus Sans"), "fonts-liberation"),
    "Times New Roman": (("Liberation Serif", "Tinos"), "fonts-liberation"),
    "Courier New": (("Liberation Mono", "Cousine"), "fonts-liberation"),
    "Calibri": (("Carlito",), "fonts-crosextra-carlito"),
    "Cambria": (("Caladea",), "fonts-crosextra-caladea"),
}
#: Word's bullet font: LibreOffice draws those bullets with its own OpenSymbol font.
DRAWN_BY_LIBREOFFICE = frozenset({"Symbol"})
_FONT_PARTS = re.compile(r"word/(document|styles|numbering|header\d*|footer\d*)\.xml")
_RUN_FONT = re.compile(r'w:(?:ascii|hAnsi)="([^"]+)"')


def document_fonts(document: bytes) -> set[str]:
    """Return the fonts a Word document names for its text, in any style or run."""
    fonts: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        for name in package.namelist():
            if _FONT_PARTS.fullmatch(name):
                fonts.update(_RUN_FONT.findall(package.read(name).decode("utf-8", "replace")))
    return fonts - DRAWN_BY_LIBREOFFICE


def font_warnings(document: bytes, fc_match: str | None = None) -> list[str]:
    """Return a warning for each font in `document` with no installed match of the same widths.

    Empty when fontconfig's `fc-match` is missing (macOS and Windows ship Arial).
    """
    program = fc_match or shutil.which("fc-match")
    if program is None:
        return []
    warnings = []
    for font in sorted(document_fonts(document)):
        found = subprocess.run(
            [program, "-f", "%{family}", font], capture_output=True, text=True, check=False
        ).stdout
        families = {family.strip() for family in found.split(",")}
        cover, package = METRIC_COMPATIBLE.get(font, ((), ""))
        if families & {font, *cover}:
            continue
        stand_in = ", ".join(sorted(families)) or "another font"
        same_widths = f" nor a font of the same widths ({' or '.join(cover)})" if cover else ""
        fix = f"it (on Debian or Ubuntu: 'sudo apt-get install {package}')" if package else font
        warnings.append(
            f"neither {font}{same_widths} is installed, so the PDF uses {stand_in}, whose "
            f"different widths move line breaks and can split words in table cells. Install "
            f"{fix}, then build the PDF again."
        )
    return warnings


def without_contents_field(document: bytes) -> bytes:
    """Return `document` with its contents list (TOC) field's codes removed, its entries kept.

    LibreOffice shows a TOC field's entries as Word last wrote them and does not
    work out the PAGEREF fields inside them; free of the TOC field, those page
    references are worked out when the PDF is laid out. Only the copy handed to
    LibreOffice is changed: the Word document keeps its field, for Word's Update Table.
    """
    from lxml import etree  # type: ignore[import-untyped]  # heavy: only --pdf needs it

    with zipfile.ZipFile(io.BytesIO(document)) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    root = etree.fromstring(members["word/document.xml"])
    runs = list(root.iter(w("r")))
    remove: list[Any] = []
    depth = 0  # fields open inside the TOC field
    for index, run in enumerate(runs):
        char = run.find(w("fldChar"))
        kind = char.get(w("fldCharType")) if char is not None else None
        if not remove and kind == "begin" and index + 2 < len(runs):
            instruction = runs[index + 1].findtext(w("instrText")) or ""
            if instruction.split()[:1] == ["TOC"]:
                remove += runs[index : index + 3]  # begin, instruction, separate
        elif remove and kind == "begin" and run not in remove:
            depth += 1
        elif remove and kind == "end":
            if depth == 0:
                remove.append(run)
                break
            depth -= 1
    else:
        return document  # no TOC field, or one without an end
    for run in remove:
        run.getparent().remove(run)
    members["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def find_soffice() -> str:
    """Return the path of LibreOffice's `soffice` program, or raise `ConversionError`."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ConversionError(
            f"cannot write PDFs: LibreOffice (soffice) is not installed. {INSTALL_HINT}"
        )
    return found


def convert_to_pdf(
    documents: Sequence[Path], out_dir: Path, soffice: str | None = None, timeout: float = TIMEOUT
) -> list[Path]:
    """Convert each of `documents` to a PDF of the same name in `out_dir`; return their paths.

    One LibreOffice run converts them all. The PDFs are written to a folder
    beside their targets first and moved into place only when every one exists.
    """
    program = soffice or find_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="lisdraft-lo-") as profile,
        tempfile.TemporaryDirectory(prefix=".lisdraft-pdf-", dir=out_dir) as staging,
    ):
        _run(program, documents, Path(profile), Path(staging), timeout)
        produced = [Path(staging) / f"{document.stem}.pdf" for document in documents]
        missing = [p.name for p in produced if not p.is_file()]
        if missing:
            raise ConversionError(
                f"LibreOffice did not write {', '.join(missing)}. Open the Word document in "
                "LibreOffice to see whether it can read it, then run the command again."
            )
        targets = [out_dir / p.name for p in produced]
        for source, target in zip(produced, targets, strict=True):
            os.replace(source, target)
    return targets


def _run(
    program: str, documents: Sequence[Path], profile: Path, staging: Path, timeout: float
) -> None:
    command = [
        program,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to",
        PDF_FILTER,
        "--outdir",
        str(staging),
        *(str(document) for document in documents),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"LibreOffice took more than {timeout:g} seconds to write the PDFs and was stopped. "
            "Close any LibreOffice dialogue that may be waiting, then run the command again."
        ) from None
    except OSError as exc:
        raise ConversionError(
            f"cannot start LibreOffice ({program}): {exc.strerror}. {INSTALL_HINT}"
        ) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        raise ConversionError(
            f"LibreOffice failed to write the PDFs (exit code {done.returncode}: {detail[0]})."
        )


def is_tagged(pdf: bytes) -> bool:
    """Return whether a PDF carries a structure tree, as a tagged PDF does."""
    return b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf
