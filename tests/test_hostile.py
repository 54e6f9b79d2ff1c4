"""Hostile and broken files (tests/hostile.py): each refused with a one-line error naming the
file and the reason, within the limits (pipeline/limits.py), or read without reaching outside
it; in a batch, the rest goes on."""
from __future__ import annotations

import json
import os
import time

import pytest

import scanmaker
from hostile import (CEILING_MB, HOSTILE, LARGE, PASSWD_LINE, docx_repeated, make_all,
                     run_measured)
from pipeline.errors import ReadError
from pipeline.limits import LIMITS
from pipeline.parse import parse_bytes, parse_file
from pipeline.readers import read_bytes
from test_cli import SEED, vanthu

# Links are hostile inside a folder that is walked (the batch test below); a link named on the
# command line is what the clerk asked to read.
FILES = [h for h in HOSTILE if not h.name.startswith("link-")]


@pytest.fixture(scope="module")
def docx_bytes(generated) -> bytes:
    return generated["docx"]["seeds/000_6e539438116efc78"].read_bytes()


@pytest.mark.parametrize("hostile", FILES, ids=[h.name for h in FILES])
def test_each_hostile_file_is_refused_in_one_line_or_read_safely(hostile, docx_bytes, tmp_path):
    path = tmp_path / hostile.name
    hostile.make(path, docx_bytes)
    started = time.process_time()  # this process's CPU: a busy machine does not count
    try:
        record, text = parse_bytes(path, read_bytes(path))
    except ReadError as err:
        message = str(err)
        assert hostile.refusal is not None, f"{hostile.what}: refused ({message})"
        assert message.startswith(f"{path}: ") and "\n" not in message
        assert hostile.refusal in message
    else:
        assert hostile.refusal is None, f"{hostile.what}: read, not refused"
        assert "-CV/TU" in text.content  # the text around the hostile part was read
        assert PASSWD_LINE not in text.content and PASSWD_LINE not in record.to_json()
    assert time.process_time() - started < 30


def test_a_folder_of_hostile_files_goes_on_to_the_good_ones(docx_bytes, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    made = make_all(folder, docx_bytes)
    (folder / "zz-good.docx").write_bytes(docx_bytes)
    (folder / "zz-good.txt").write_bytes(SEED.read_bytes())
    result = vanthu("parse", "--json", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "could not be parsed" not in result.stderr
    assert PASSWD_LINE not in result.stdout
    errors = result.stderr.splitlines()
    for hostile, path in made:
        said = [line for line in errors if line.startswith(f"error: {path}: ")]
        if hostile.refusal is None:
            assert not said, said
        else:
            assert len(said) == 1 and hostile.refusal in said[0], (hostile.name, said)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    sources = [os.path.basename(r["source"]["path"]) for r in records]
    assert sources[-2:] == ["zz-good.docx", "zz-good.txt"]
    assert records[-1]["number"] == records[-2]["number"] == "1823-CV/TU"
    failed = sum(h.refusal is not None for h in HOSTILE)
    assert errors[-1].startswith(f"{len(made) + 2} file(s): {len(made) + 2 - failed} parsed, "
                                 f"{failed} failed")


def test_a_folder_of_hostile_files_leaves_the_archive_whole(docx_bytes, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    make_all(folder, docx_bytes)
    (folder / "zz-good.txt").write_bytes(SEED.read_bytes())
    archive = str(tmp_path / "archive.sqlite")
    added = vanthu("corpus", "add", str(folder), "--db", archive)
    assert added.returncode == 1 and "Traceback" not in added.stderr
    stored = sum(h.refusal is None for h in HOSTILE) + 1
    assert f"{stored} added" in added.stderr.splitlines()[-1]
    checked = vanthu("corpus", "check", "--db", archive)
    assert checked.returncode == 0 and checked.stdout.startswith(f"ok: {stored} document(s)")


def _scan(pages: int, dpi: int):
    """A photo or a multi-page TIFF of the real document's first page, printed and scanned."""
    def make(path, docx, pdf):
        page = scanmaker.pages(pdf, dpi)[0]
        page.save(path, save_all=True, append_images=[page] * (pages - 1))
    return make


LIMITED = {  # name: (variable, value, how to make the file, what the refusal says)
    "size.txt": ("VANTHU_MAX_FILE_MB", "1", lambda p, d, f: p.write_bytes(b"a" * 1_100_000),
                 "file size: 1.0 MB, more than the limit of 1 MB (VANTHU_MAX_FILE_MB)"),
    "text.txt": ("VANTHU_MAX_TEXT_MB", "1", lambda p, d, f: p.write_text(
        "Số: 12-CV/TU\n" * 90_000), "more than the limit of 1 MB (VANTHU_MAX_TEXT_MB)"),
    "page.html": ("VANTHU_MAX_HTML_MB", "1", lambda p, d, f: p.write_text(
        "<p>Số: 12-CV/TU</p>" * 60_000), "web page size: 1.2 MB, more than the limit of 1 MB"),
    "part.docx": ("VANTHU_MAX_PART_MB", "1", lambda p, d, f: p.write_bytes(
        docx_repeated(d, 200)),
                  "part word/document.xml unpacked: "),
    "pages.pdf": ("VANTHU_MAX_PDF_PAGES", "1", lambda p, d, f: p.write_bytes(f.read_bytes()),
                  "PDF pages: 2, more than the limit of 1 pages (VANTHU_MAX_PDF_PAGES)"),
    "scan.tif": ("VANTHU_MAX_OCR_PAGES", "2", _scan(3, 100),
                 "pages to OCR in one file: 3, more than the limit of 2 pages"),
    "photo.png": ("VANTHU_MAX_IMAGE_MEGAPIXELS", "1", _scan(1, 110),
                  "(1.2 megapixels), more than the limit of 1 megapixels"),
    "slow.txt": ("VANTHU_FILE_SECONDS", "1", lambda p, d, f: p.write_text(
        (SEED.read_text(encoding="utf-8") + "\n") * 1000, encoding="utf-8"),
        "took longer than the limit of 1 s (VANTHU_FILE_SECONDS)"),
}


@pytest.mark.parametrize("name", LIMITED)
def test_each_limit_is_set_by_its_variable(name, docx_bytes, generated, tmp_path):
    variable, value, make, refusal = LIMITED[name]
    path = tmp_path / name
    make(path, docx_bytes, generated["pdf"]["seeds/000_6e539438116efc78"])
    parse_file(path)  # within the default limits, it is read
    result = vanthu("parse", str(path), str(SEED), env={variable: value})
    assert result.returncode == 1
    said = [line for line in result.stderr.splitlines() if line.startswith(f"error: {path}: ")]
    assert len(said) == 1 and refusal in said[0], said
    assert "2 file(s): 1 parsed, 1 failed" in result.stderr


def test_limits_lists_every_limit_and_refuses_a_bad_value():
    shown = vanthu("limits", env={"VANTHU_MAX_PDF_PAGES": "50"})
    assert shown.returncode == 0
    lines = shown.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [limit.variable for limit in LIMITS]
    assert "VANTHU_MAX_PDF_PAGES          50 pages" in shown.stdout
    bad = vanthu("parse", str(SEED), env={"VANTHU_MAX_FILE_MB": "ten"})
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.strip() == "Error: VANTHU_MAX_FILE_MB='ten': must be a whole number above 0"


def test_a_device_or_a_fifo_named_directly_is_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = vanthu("parse", str(fifo), "/dev/zero", str(SEED))
    assert result.returncode == 1
    assert f"error: {fifo}: not a regular file" in result.stderr
    assert "error: /dev/zero: " in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", LARGE)
def test_a_large_file_is_parsed_under_the_memory_ceiling(name, docx_bytes, generated, tmp_path):
    path = tmp_path / name
    path.write_bytes(LARGE[name](docx_bytes, generated["pdf"]["seeds/000_6e539438116efc78"]
                                 .read_bytes()))
    run = run_measured(["parse", "--json", str(path)])
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["number"] == "1823-CV/TU"
    assert run.peak_mb < CEILING_MB, f"{name}: {run.peak_mb:.0f} MB"
