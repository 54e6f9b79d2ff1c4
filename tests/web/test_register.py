"""The incoming register under two clerks at once: two `vanthu serve` processes on one archive
(SQLite file or PostgreSQL database), registrations fired together from both; every document
gets its own số đến, 1, 2, 3 … with no gap and no double. And the register's other doors:
the CLI, the year's restart from 1, the filters and the export."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pytest

from conftest import BACKENDS, REAL, ROOT
from corpus import open_archive
from corpus import register
from webserver import start_server  # noqa: F401 (fixture)

CLERKS = 2
DOCUMENTS = 12


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_clerks_registering_at_once_get_consecutive_numbers(backend, start_server):
    first = start_server(backend)
    second = start_server(first.db)  # the second clerk's server, on the same archive
    with open_archive(first.db) as archive:
        ids = [archive.add_file(path).id for path in REAL[:DOCUMENTS]]
    barrier = threading.Barrier(CLERKS)
    numbers: dict[int, int] = {}
    failures = []

    def clerk(server, mine):
        barrier.wait()  # both start together
        for doc_id in mine:
            status, raw = server.post_json(f"/api/documents/{doc_id}/register",
                                           {"ngay_den": "2026-03-02"})
            if status != 200:
                failures.append((doc_id, status, raw))
                continue
            numbers[doc_id] = json.loads(raw)["so_den"]

    # Both clerks try every document, in opposite orders: each pair races for a number.
    threads = [threading.Thread(target=clerk, args=(first, ids)),
               threading.Thread(target=clerk, args=(second, ids[::-1]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert sorted(numbers.values()) == list(range(1, DOCUMENTS + 1))
    rows = first.get("/api/register?year=2026")["rows"]
    assert [r["so_den"] for r in rows] == list(range(1, DOCUMENTS + 1))
    assert sorted(r["id"] for r in rows) == sorted(ids)


def test_each_year_starts_from_one_and_the_cli_reads_the_same_book(tmp_path):
    db = str(tmp_path / "a.sqlite")
    with open_archive(db) as archive:
        ids = [archive.add_file(path).id for path in REAL[:4]]
        dates = ["2025-12-30", "2025-12-31", "2026-01-02", "2026-01-03"]
        got = [register.register(archive, i, d)["so_den"] for i, d in zip(ids, dates)]
        assert got == [1, 2, 1, 2]
        assert register.register(archive, ids[0], "2026-05-05")["so_den"] == 1  # entered once
        assert [r["id"] for r in register.entries(archive, date_from="2025-12-31",
                                                  date_to="2026-01-02")] == ids[1:3]
        record = archive.record(ids[2])
    # The CLI enters a document and lists the book from the same calls.
    run = [sys.executable, "-m", "pipeline", "corpus", "register", "--db", db]
    out = subprocess.run([*run, "--year", "2026", "--json"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["so_den"] for r in rows] == [1, 2]
    assert rows[0]["so_ky_hieu"] == record["number"]
    xlsx = tmp_path / "so.xlsx"
    subprocess.run([*run, "--year", "2025", "-o", str(xlsx)], cwd=ROOT, check=True,
                   capture_output=True)
    sheet = openpyxl.load_workbook(xlsx).active
    assert "NĂM 2025" in sheet["A1"].value
    assert [sheet.cell(row, 2).value for row in (5, 6)] == [1, 2]
    assert sheet.cell(7, 2).value is None
    # A document in the book stays in the archive.
    result = subprocess.run([sys.executable, "-m", "pipeline", "corpus", "remove", "--db", db,
                             f"#{ids[0]}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "số đến 1/2025" in result.stderr


def test_confirmed_records_export_as_gold_labels_the_scorer_reads(tmp_path):
    db = str(tmp_path / "a.sqlite")
    from corpus import review
    with open_archive(db) as archive:
        doc_id = archive.add_file(REAL[0]).id
        parsed = archive.record(doc_id)
        review.confirm(archive, doc_id, values={"place": "Nơi khác"})
        archive.add_file(REAL[1])  # not confirmed: not exported
    out = tmp_path / "gold"
    subprocess.run([sys.executable, "-m", "pipeline", "corpus", "export", "--db", db, "--gold",
                    str(out)], cwd=ROOT, check=True, capture_output=True)
    label = json.loads((out / f"vb{doc_id:05d}.json").read_text(encoding="utf-8"))
    assert label["place"] == "Nơi khác" and label["number"] == parsed["number"]
    assert label["issuer"] == parsed["issuer"]["name"]
    assert label["references"] == [r["number"] for r in parsed["references"]]
    # bench/accuracy.py scores the parser against the export: every field but the corrected
    # place matches, since the label is the parser's record apart from it.
    result = subprocess.run([sys.executable, "bench/accuracy.py", "--corpus", str(out),
                             "--name", "office"], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    assert "office" in result.stdout
    assert Path(out / f"vb{doc_id:05d}.txt").read_bytes() == REAL[0].read_bytes()
