"""The vanthu command as a clerk runs it: real files in, records or one-line errors out."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS
from hostile import ENV, VANTHU

SEED = CORPUS / "seeds" / "000_6e539438116efc78.txt"
RECORD_KEYS = ["schema_version", "source", "system", "doc_type", "number", "issuer", "place",
               "date", "subject", "addressees", "recipients", "signer", "references",
               "deadlines", "tasks", "copies", "signatures", "warnings"]


def vanthu(*args: str, cwd: Path | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the command; `env` adds to the environment (a limit, say)."""
    return subprocess.run([*VANTHU, *args], capture_output=True, text=True, cwd=cwd,
                          env={**ENV, **(env or {})}, timeout=120)


def test_json_lines_have_the_record_keys_in_order():
    result = vanthu("parse", "--json", str(SEED))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert list(record)[:len(RECORD_KEYS)] == RECORD_KEYS
    assert record["number"] == "1823-CV/TU"
    assert record["signer"] == {"authority": "T/M BAN THƯỜNG VỤ", "position": "PHÓ BÍ THƯ",
                                "name": "Đặng Ngọc Huy"}
    assert record["evidence"]["number"]["span"][1] > record["evidence"]["number"]["span"][0]


def test_evidence_spans_point_at_the_value():
    from pipeline.parse import extract
    from pipeline.readers import read_bytes, read_text
    data = read_bytes(SEED)
    text = read_text(SEED, data)
    record = extract(text, {"path": str(SEED)})
    start, end = record.evidence["number"]["span"]
    assert text.content[start:end] == "1823-CV/TU"
    start, end = record.evidence["date"]["span"]
    assert "ngày 18 tháng 10 năm 2023" in text.content[start:end]


def test_directory_means_every_supported_file_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "notes.xyz", ".hidden.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    result = vanthu("parse", "--json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert [Path(p).name for p in paths] == ["a.txt", "b.txt"]


def test_readable_summary_names_the_fields_in_vietnamese():
    result = vanthu("parse", str(SEED))
    assert result.returncode == 0
    assert "Công văn số 1823-CV/TU" in result.stdout
    assert "Người ký" in result.stdout and "Đặng Ngọc Huy" in result.stdout


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "records.jsonl"
    result = vanthu("parse", "--json", "-o", str(out), str(SEED))
    assert result.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["number"] == "1823-CV/TU"
    assert not list(tmp_path.glob("*.partial"))


def test_bad_files_get_one_line_each_and_the_batch_goes_on(tmp_path):
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "corrupt.docx": b"PK\x03\x04 this is not really a zip archive",
        "truncated.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog",
        "fake.png": b"%PDF-1.7 a PDF named as a picture",
        "broken.doc": b"\xd0\xcf\x11\xe0" + bytes(600),
        "table.xlsx": b"PK\x03\x04",
        "fake.pdf": b"<html>not a pdf</html>",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "zz_good.txt"
    good.write_bytes(SEED.read_bytes())
    result = vanthu("parse", "--json", *sorted(str(p) for p in tmp_path.iterdir()))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1  # the good file still parsed
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(bad)
    for name in bad:
        assert any(name in line for line in errors), name
    assert "Traceback" not in result.stderr
    assert f"{len(bad) + 1} file(s): 1 parsed, {len(bad)} failed" in result.stderr
    reasons = "\n".join(errors)
    assert "empty file" in reasons
    assert "unsupported file type '.xlsx'" in reasons
    assert "not a PDF file" in reasons
    assert "not a PNG file" in reasons and "damaged Word file" in reasons


def test_missing_file_and_no_files(tmp_path):
    result = vanthu("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "nope.txt: no such file" in result.stderr
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    result = vanthu("parse", str(empty_dir))
    assert result.returncode == 2
    assert "no supported files" in result.stderr


def test_unwritable_output_is_one_line(tmp_path):
    result = vanthu("parse", "-o", str(tmp_path / "no" / "such" / "dir.jsonl"), str(SEED))
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_a_reader_that_stops_early_ends_the_run_quietly():
    first = subprocess.run(f"{sys.executable} -m pipeline parse {CORPUS}/*/*.txt | head -c 10",
                           shell=True, capture_output=True, text=True, timeout=120,
                           cwd=Path(__file__).resolve().parents[1])
    assert "Traceback" not in first.stderr


def test_help_lists_parse():
    result = vanthu("--help")
    assert result.returncode == 0
    assert "parse" in result.stdout
