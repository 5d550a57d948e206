"""`lisdraft diff --docx`: the officer's redline, from two files or from git, to the clerk."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from conftest import AREA_EXAMPLE, EXAMPLE
from lisdraft.build.documents import export_templates
from lisdraft.build.options import BuildOptions
from lisdraft.build.pipeline import build_documents
from lisdraft.build.redline import SUFFIX, redline
from lisdraft.cli import app
from lisdraft.word.accessibility import check_document
from lisdraft.word.revisions import accept_all, reject_all

runner = CliRunner()
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
GIT = shutil.which("git")
BRIEFING = f"felpersham-city-council-briefing{SUFFIX}.docx"
CONTRIBUTION = f"felpersham-city-council-contribution{SUFFIX}.docx"
STOCKTAKE = f"felpersham-city-council-stock-take{SUFFIX}.docx"


def edit_example(path: Path, edit: Any) -> Path:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"))
    edit(data)
    stream = io.StringIO()
    yaml.dump(data, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def new_question(data: Any) -> None:
    """An edit that shows only in the briefing: one more question for the board."""
    data["board"]["questions"].append("Who will chair the LIS delivery group?")


def body(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_the_summary_names_each_change_and_the_unchanged_documents(tmp_path: Path) -> None:
    new = edit_example(tmp_path / "profile.yaml", new_question)
    out = tmp_path / "redline"
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(new), "--docx", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Board briefing note: 1 insertion, 0 deletions" in lines
    assert "  in: Questions to ask at the board" in lines
    assert "Draft LIS contribution: unchanged; no file written" in lines
    assert "Stock-take report: unchanged; no file written" in lines
    assert sorted(p.name for p in out.glob("*.docx")) == [BRIEFING]
    assert "Who will chair the LIS delivery group?" in body(out / BRIEFING)


def test_all_writes_the_unchanged_documents_too(tmp_path: Path) -> None:
    new = edit_example(tmp_path / "profile.yaml", new_question)
    out = tmp_path / "redline"
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(new), "--docx", str(out), "--all"])
    assert result.exit_code == 0, result.output
    assert "Draft LIS contribution: unchanged; written as it is (--all)" in result.output
    assert sorted(p.name for p in out.glob("*.docx")) == sorted([BRIEFING, CONTRIBUTION, STOCKTAKE])
    assert "<w:ins " not in body(out / CONTRIBUTION)


def test_only_compares_the_documents_named(tmp_path: Path) -> None:
    new = edit_example(tmp_path / "profile.yaml", new_question)
    out = tmp_path / "redline"
    arguments = ["diff", str(EXAMPLE), str(new), "--docx", str(out), "--only", "stocktake"]
    result = runner.invoke(app, [*arguments, "--all"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Stock-take report: unchanged; written as it is (--all)"
    assert [p.name for p in out.glob("*.docx")] == [STOCKTAKE]


def test_a_redline_is_byte_reproducible_and_passes_check(tmp_path: Path) -> None:
    new = edit_example(tmp_path / "profile.yaml", new_question)
    redline(EXAMPLE, new, tmp_path / "one")
    redline(EXAMPLE, new, tmp_path / "two")
    assert (tmp_path / "one" / BRIEFING).read_bytes() == (tmp_path / "two" / BRIEFING).read_bytes()
    assert check_document(tmp_path / "one" / BRIEFING) == []


def test_a_redline_keeps_hand_edits_unless_forced(tmp_path: Path) -> None:
    new = edit_example(tmp_path / "profile.yaml", new_question)
    out = tmp_path / "redline"
    redline(EXAMPLE, new, out)
    (out / BRIEFING).write_bytes(b"the clerk's notes")
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(new), "--docx", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert (out / BRIEFING).read_bytes() == b"the clerk's notes"


def test_customised_templates_redline_the_same_way(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    export_templates(templates)
    new = edit_example(tmp_path / "profile.yaml", new_question)
    ours = redline(EXAMPLE, new, tmp_path / "ours")
    theirs = redline(EXAMPLE, new, tmp_path / "theirs", BuildOptions(templates_dir=templates))
    assert [d.changes for d in ours.documents] == [d.changes for d in theirs.documents]
    [built] = [
        p
        for p in build_documents(new, tmp_path / "built").raise_on_failure().paths
        if "briefing" in p.name
    ]
    with zipfile.ZipFile(tmp_path / "theirs" / BRIEFING) as marked, zipfile.ZipFile(built) as clean:
        accepted = accept_all(marked.read("word/document.xml"))
        assert _text(accepted) == _text(clean.read("word/document.xml"))


def _text(xml: bytes) -> str:
    return re.sub(r"<[^>]+>", "", xml.decode("utf-8"))


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_git_supplies_the_old_version(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    shutil.copy(EXAMPLE, profile)

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(tmp_path), *args],
            check=True,
            capture_output=True,
            env={"GIT_CONFIG_GLOBAL": "/dev/null", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )

    git("init", "-q")
    git("add", "profile.yaml")
    git("-c", "user.name=Officer", "-c", "user.email=o@example.org", "commit", "-qm", "first")
    edit_example(profile, new_question)
    out = tmp_path / "redline"
    result = runner.invoke(app, ["diff", "--git", "HEAD", str(profile), "--docx", str(out)])
    assert result.exit_code == 0, result.output
    assert "Board briefing note: 1 insertion, 0 deletions" in result.output
    markdown = runner.invoke(app, ["diff", "--git", "HEAD", str(profile)])
    assert markdown.exit_code == 0, markdown.output
    assert "Who will chair the LIS delivery group?" in markdown.output
    wrong = runner.invoke(app, ["diff", "--git", "no-such-branch", str(profile)])
    assert wrong.exit_code == 2
    assert "no-such-branch" in wrong.output


def git_repo(folder: Path) -> Any:
    """Return a function that runs git in a new repository at `folder`, as an officer would."""

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(folder), "-c", "user.name=Officer", "-c", "user.email=o@x", *args],
            check=True,
            capture_output=True,
            env={"GIT_CONFIG_GLOBAL": "/dev/null", "HOME": str(folder), "PATH": "/usr/bin:/bin"},
        )

    git("init", "-q")
    return git


def council_in_area(repo: Path) -> Path:
    """Copy the area example into `repo`: area.yaml at the root, the council's profile in a
    folder of its own that names it as ../area.yaml. Return the profile's path."""
    shutil.copy(AREA_EXAMPLE / "area.yaml", repo / "area.yaml")
    profile = repo / "felpersham" / "profile.yaml"
    profile.parent.mkdir()
    text = (AREA_EXAMPLE / "profile.yaml").read_text(encoding="utf-8")
    assert "\narea: area.yaml\n" in text
    profile.write_text(text.replace("\narea: area.yaml\n", "\narea: ../area.yaml\n"), "utf-8")
    return profile


def assert_chair_changed(redline: Path) -> None:
    """Assert the redline tracks the LEP chair's change of name, word by word."""
    marked = body(redline)
    inserted = " ".join(re.findall(r"<w:t>([^<]*)</w:t></w:r></w:ins>", marked))
    deleted = " ".join(re.findall(r"<w:delText>([^<]*)</w:delText>", marked))
    assert "Gwendolen" in inserted and "Ashby" in inserted
    assert "Margaret" in deleted and "Tolliver" in deleted
    accepted = _text(accept_all(marked.encode("utf-8")))
    assert "Gwendolen Ashby" in accepted and "Tolliver" not in accepted
    rejected = _text(reject_all(marked.encode("utf-8")))
    assert "Margaret Tolliver" in rejected and "Ashby" not in rejected


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_git_supplies_the_old_area_file_too(tmp_path: Path) -> None:
    profile = council_in_area(tmp_path)
    git = git_repo(tmp_path)
    git("add", ".")
    git("commit", "-qm", "the area as agreed")
    area = tmp_path / "area.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace("Margaret Tolliver", "Gwendolen Ashby"), "utf-8"
    )
    git("commit", "-qam", "a new LEP chair")
    out = tmp_path / "redline"
    result = runner.invoke(app, ["diff", "--git", "HEAD~1", str(profile), "--docx", str(out)])
    assert result.exit_code == 0, result.output
    assert "in: The LEP's leadership; What each forum does" in result.output
    assert "Board briefing note: unchanged" in result.output
    assert_chair_changed(out / CONTRIBUTION)
    markdown = runner.invoke(app, ["diff", "--git", "HEAD~1", str(profile)])
    assert markdown.exit_code == 0, markdown.output
    assert "LEP chair name changed from Margaret Tolliver to Gwendolen Ashby" in markdown.output


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_an_old_area_file_outside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    profile = council_in_area(repo)
    shutil.copy(AREA_EXAMPLE / "area.yaml", tmp_path / "area.yaml")
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("area: ../area.yaml", "area: ../../area.yaml"), "utf-8")
    git = git_repo(repo)
    git("add", ".")
    git("commit", "-qm", "an area file from outside")
    profile.write_text(text, "utf-8")
    result = runner.invoke(app, ["diff", "--git", "HEAD", str(profile)])
    assert result.exit_code == 1, result.output
    assert "HEAD:" in result.output and "is outside the folders" in result.output


def test_two_council_profiles_with_their_own_area_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        shutil.copytree(AREA_EXAMPLE, folder)
    area = new / "area.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace("Margaret Tolliver", "Gwendolen Ashby"), "utf-8"
    )
    out = tmp_path / "redline"
    args = [str(old / "profile.yaml"), str(new / "profile.yaml")]
    result = runner.invoke(app, ["diff", *args, "--docx", str(out)])
    assert result.exit_code == 0, result.output
    assert "in: The LEP's leadership; What each forum does" in result.output
    assert_chair_changed(out / CONTRIBUTION)


def test_the_old_and_new_profiles_are_both_needed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), "--docx", str(tmp_path)])
    assert result.exit_code == 2
    assert "--git" in result.output


def test_a_redline_is_schema_valid(tmp_path: Path) -> None:
    audit = pytest.importorskip("openxml_audit")
    validator = audit.OpenXmlValidator()

    def problems(path: Path) -> set[str]:
        return {re.sub(r"\[\d+\]", "", str(e)) for e in validator.validate(str(path)).errors}

    def edit(data: Any) -> None:
        new_question(data)
        del data["evidence"]["items"][2]
        data["priorities"][0]["title"] = "Turn food science into well-paid local jobs"

    new = edit_example(tmp_path / "profile.yaml", edit)
    redline(EXAMPLE, new, tmp_path / "redline")
    written = sorted((tmp_path / "redline").glob("*.docx"))
    assert len(written) == 3
    for marked in written:
        assert problems(marked) == set(), marked.name


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_libreoffice_opens_a_redline_and_lists_its_changes(tmp_path: Path) -> None:
    def edit(data: Any) -> None:
        new_question(data)
        data["board"]["questions"].pop(0)

    new = edit_example(tmp_path / "profile.yaml", edit)
    redline(EXAMPLE, new, tmp_path / "redline")
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path / "odt"),
            str(tmp_path / "redline" / BRIEFING),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with zipfile.ZipFile(tmp_path / "odt" / BRIEFING.replace(".docx", ".odt")) as odt:
        content = odt.read("content.xml").decode("utf-8")
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content)
    kinds = [re.search(r"<text:(insertion|deletion)>", r).group(1) for r in regions]  # type: ignore[union-attr]
    assert "insertion" in kinds and "deletion" in kinds
    assert all("<dc:creator>lisdraft</dc:creator>" in r for r in regions)
    assert "Who will chair the LIS delivery group?" in content
