"""`vanthu corpus` as a clerk runs it, on both backends, and what a kill -9 leaves behind."""
from __future__ import annotations

import json
import subprocess

from conftest import REAL
from corpus import open_archive
from crashes import filed_batch, finish_and_verify, kill_rounds
from hostile import ENV, VANTHU
from test_cli import RECORD_KEYS, vanthu

CV_1823 = next(p for p in REAL if p.stem.startswith("000_"))


def in_archive(url: str, *args: str) -> subprocess.CompletedProcess:
    return vanthu("corpus", *args, "--db", url)


def test_add_search_show_export_remove(archive_url, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    added = in_archive(archive_url, "add", str(CV_1823), str(REAL[0]), str(broken),
                       str(CV_1823))
    assert added.returncode == 1
    assert f"error: {broken}: " in added.stderr and "Traceback" not in added.stderr
    assert "4 file(s): 2 added, 1 already stored, 1 failed; 2 in" in added.stderr
    assert added.stdout.splitlines()[0].startswith("added #1  1823-CV/TU  Công văn")
    assert "already stored as #1" in added.stdout
    # Another file with the same number (another format, a re-typed copy) is stored, and said.
    retyped = tmp_path / "1823-retyped.txt"
    retyped.write_text(CV_1823.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = in_archive(archive_url, "add", str(retyped))
    assert again.returncode == 0 and "(same number as #1)" in again.stdout
    assert in_archive(archive_url, "remove", "#3").returncode == 0

    found = in_archive(archive_url, "search", "kiem diem", "--json")
    assert found.returncode == 0, found.stderr
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert hits[0]["id"] == 1 and hits[0]["number"] == "1823-CV/TU"
    assert list(hits[0])[:len(RECORD_KEYS)] == RECORD_KEYS
    assert {"id", "score", "snippet"} <= set(hits[0]) and "[kiểm] [điểm]" in hits[0]["snippet"]

    text = in_archive(archive_url, "search", "1823", "--type", "cong van", "--from", "2023",
                      "--to", "31/12/2023")
    assert text.stdout.startswith("#1  1823-CV/TU  Công văn · TỈNH ỦY QUẢNG NGÃI · 18/10/2023")
    none = in_archive(archive_url, "search", "1823", "--from", "2024")
    assert none.returncode == 0 and none.stdout == "" and "no documents found" in none.stderr
    bad_date = in_archive(archive_url, "search", "x", "--from", "hôm qua")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr

    original = tmp_path / "back.txt"
    shown = in_archive(archive_url, "show", "1823-cv/tu", "--original", str(original))
    assert shown.returncode == 0 and "Trích yếu" in shown.stdout
    assert original.read_bytes() == CV_1823.read_bytes()

    exported = in_archive(archive_url, "export")
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == [1, 2]

    cited = in_archive(archive_url, "cites", "124-QĐ/TW")
    assert "124-QĐ/TW (not in the archive)" in cited.stdout
    assert "← cited by #1  1823-CV/TU" in cited.stdout

    removed = in_archive(archive_url, "remove", "#1")
    assert removed.returncode == 0 and removed.stdout.startswith("removed #1  1823-CV/TU")
    missing = in_archive(archive_url, "show", "1823-CV/TU")
    assert missing.returncode == 1 and missing.stderr.startswith("Error: nothing in ")


def test_an_archive_that_cannot_be_opened_is_one_line(tmp_path):
    for url in (str(tmp_path / "a-file" / "x.sqlite"),
                "postgresql://nobody@/none?host=/nonexistent"):
        if url.startswith("/"):
            (tmp_path / "a-file").write_text("in the way")
        result = in_archive(url, "search", "x")
        assert result.returncode == 1 and "cannot open the archive" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_vanthu_db_names_the_default_archive(tmp_path):
    run = vanthu("corpus", "add", str(CV_1823), env={"VANTHU_DB": str(tmp_path / "office.sqlite")})
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "office.sqlite").exists()


def test_the_default_archive_is_in_the_data_directory(tmp_path):
    env = {key: value for key, value in ENV.items() if key != "VANTHU_DB"}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"))
    run = subprocess.run([*VANTHU, "corpus", "add", str(CV_1823)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "data" / "vanthu" / "archive.sqlite").exists()


def test_kill_9_at_random_points_round_after_round_loses_nothing_and_doubles_nothing(
        archive_url, tmp_path, long_run):
    count = 15 if long_run else 3
    batch = filed_batch(tmp_path, 20 * count, REAL)
    rounds = kill_rounds(batch, archive_url, rounds=count, seed=len(archive_url))
    for number, done in enumerate(rounds, start=1):
        assert done.problems == [], f"after kill {number} ({done})"
    assert rounds[-1].stored < 20 * count, rounds  # the kills did cut the batch short
    assert finish_and_verify(batch, archive_url) == []
    proof = vanthu("corpus", "check", "--db", archive_url)
    assert proof.returncode == 0 and proof.stdout.startswith(f"ok: {20 * count} document(s)"), \
        proof.stderr


def test_check_finds_each_kind_of_damage(archive_url):
    """A sound archive passes; then each kind of damage is named, and the command fails."""
    with open_archive(archive_url) as archive:
        ids = [archive.add_file(path).id for path in REAL[:4]]
        assert archive.check() == []
        whole_index = "words_folded" if archive_url.endswith(".sqlite") else "words"
        key = "rowid" if archive_url.endswith(".sqlite") else "id"
        with archive.transaction():
            archive._execute("UPDATE originals SET data = ? WHERE sha256 = (SELECT sha256 "
                             "FROM documents WHERE id = ?)", (b"tampered", ids[0]))
            archive._execute("UPDATE documents SET number_key = '/x/' WHERE id = ?", (ids[1],))
            archive._execute(f"DELETE FROM {whole_index} WHERE {key} = ?", (ids[2],))
            archive._execute("INSERT INTO originals (sha256, name, data) VALUES (?, ?, ?)",
                             ("0" * 64, "stray.pdf", b"%PDF"))
        problems = archive.check()
    assert f"#{ids[0]}: its original's bytes do not match their sha256" in problems
    assert f"#{ids[1]}: its number key does not match its record" in problems
    assert any(p.startswith(f"#{ids[2]}: is missing from") for p in problems)
    assert "an original belongs to no document: stray.pdf" in problems
    assert not any(p.startswith(f"#{ids[3]}") for p in problems)
    result = vanthu("corpus", "check", "--db", archive_url)
    assert result.returncode == 1 and "problem(s)" in result.stderr


def test_two_adders_and_a_searcher_at_once(archive_url, tmp_path):
    """Two `corpus add` processes over overlapping batches, and searches running meanwhile:
    every document stored once, every search answered, the archive sound afterwards."""
    batch = filed_batch(tmp_path, 30, REAL)
    open_archive(archive_url).close()  # the schema, before the writers race to make it
    adders = [subprocess.Popen([*VANTHU, "corpus", "add",
                                *sorted(map(str, batch.iterdir()))[first:first + 20],
                                "--db", archive_url], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=ENV, text=True)
              for first in (0, 10)]  # files 10–19 are in both batches
    searches = 0
    with open_archive(archive_url) as reader:
        while any(adder.poll() is None for adder in adders):
            reader.search("kiem diem")  # must not fail while the writers write
            searches += 1
    outputs = [adder.communicate() for adder in adders]
    assert [adder.returncode for adder in adders] == [0, 0], outputs
    assert searches > 0
    with open_archive(archive_url) as archive:
        assert archive.count() == 30 and archive.check() == []
        assert all(len(archive.search(f"LT{i:03d}")) == 1 for i in range(30))
