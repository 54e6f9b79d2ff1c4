"""Workers as real processes on a real PostgreSQL: a coordinator (`corpus add --queue`), two
or three `vanthu worker`s, kill -9 in the middle of a document, the server restarted in the
middle of a batch, files that fail."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fleet import Fleet, add, all_finished, entries, kill_round, make_scans, verify, wait_until
from hostile import ENV, VANTHU

from corpus.scratch_server import ScratchPostgres
from pipeline.queue import ATTEMPTS

ROOT = Path(__file__).resolve().parents[1]
VANTHU_PROGRAM = str(Path(sys.executable).with_name("vanthu"))
# Quick kinds of the examples (the scan and the .doc are the slow ones; the scans made here
# stand for them).
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir()
                  if p.suffix in {".txt", ".docx", ".html"})


@pytest.fixture(scope="module")
def server():
    """A PostgreSQL server of this module's own: one test restarts it."""
    with ScratchPostgres() as started:
        yield started


@pytest.fixture
def url(server, request):
    return server.new_database(request.node.name[:40].replace("[", "_").replace("]", ""))


@pytest.fixture
def fleet(url, tmp_path):
    with Fleet(url, logs=tmp_path) as started:
        yield started


def test_workers_store_a_batch_once_and_jobs_lists_it(url, fleet, tmp_path):
    fleet.start("first")
    fleet.start("second")
    fleet.wait_ready()
    files = [*EXAMPLES, *make_scans(tmp_path / "scans", 1, "batch")]
    done = add(url, [*files, files[0]])  # the same file twice: stored once
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("added #") == len(files) + 1  # the repeat is reported with it
    assert f"{len(files) + 1} file(s): {len(files) + 1} added, 0 already stored, 0 failed" \
        in done.stderr
    problems, stored, missing = verify(url, files)
    assert problems == [] and stored == len(files) and missing == []
    listed = subprocess.run([*VANTHU, "corpus", "jobs", "--db", url], capture_output=True,
                            text=True, env=ENV)
    assert listed.returncode == 0
    assert f"0 queued, 0 running, {len(files)} done, 0 failed" in listed.stderr
    assert all(line.startswith("done ") for line in listed.stdout.splitlines())
    assert {e.worker for e in entries(url)} == {"first", "second"}  # both took their share
    again = add(url, files[:2])
    assert again.returncode == 0 and again.stdout.count("already stored as #") == 2
    # A document removed from the archive is queued and stored again when added again.
    first = next(e for e in entries(url) if e.name == files[0].name)
    removed = subprocess.run([*VANTHU, "corpus", "remove", f"#{first.doc_id}", "--db", url],
                             capture_output=True, text=True, env=ENV)
    assert removed.returncode == 0, removed.stderr
    back = add(url, files[:1])
    assert back.returncode == 0 and back.stdout.startswith("added #"), back.stderr
    assert verify(url, files)[:2] == ([], len(files))


def test_a_worker_killed_mid_document_is_replaced_and_nothing_is_stored_twice(
        url, fleet, tmp_path, long_run):
    rounds = 5 if long_run else 2
    fleet.start("w0")
    fleet.start("other")
    files, mid_document = [], 0
    for round_ in range(rounds):
        batch = make_scans(tmp_path / f"round{round_}", 2, f"round{round_}")
        files += batch
        held = kill_round(url, fleet, batch, f"w{round_}", f"w{round_ + 1}")
        problems, stored, missing = verify(url, files)
        assert problems == [], f"round {round_}: corpus check: {problems}"
        assert (stored, missing) == (len(files), []), f"round {round_}: not each once"
        if held is not None:  # it died in the middle of this one: another worker did it
            mid_document += 1
            assert held.status == "done" and held.worker != f"w{round_}"
            assert held.attempts >= 2  # more only if a loaded machine delayed a heartbeat
    assert mid_document, "no kill came in the middle of a document"
    assert all(e.status == "done" for e in entries(url))


def test_the_database_restarted_mid_batch_loses_nothing(server, url, fleet, tmp_path):
    fleet.start("one")
    fleet.start("two")
    files = make_scans(tmp_path / "scans", 4, "restart")
    coordinator = subprocess.Popen([*VANTHU, "corpus", "add", *map(str, files), "--db", url,
                                    "--queue", url], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=ENV)
    wait_until(lambda: entries(url, ("running",)), "a worker to take a document")
    server.restart(down_seconds=2)
    out, err = coordinator.communicate(timeout=600)
    assert coordinator.returncode == 0, err
    assert f"{len(files)} file(s): {len(files)} added, 0 already stored, 0 failed" in err
    problems, stored, missing = verify(url, files)
    assert (problems, stored, missing) == ([], len(files), [])


def test_a_refused_file_fails_at_once_and_a_slow_one_costs_its_time_limit_only(
        url, fleet, tmp_path):
    # A .txt past its time limit (extraction runs about 1 s a MB), a broken PDF, a good file.
    slow = tmp_path / "slow.txt"
    slow.write_text(EXAMPLES[0].read_text(encoding="utf-8") * 800, encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    fleet.start("limited", env={"VANTHU_FILE_SECONDS": "1"})
    done = add(url, [slow, broken, EXAMPLES[1]])
    assert done.returncode == 1
    assert "3 file(s): 1 added, 0 already stored, 2 failed" in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and "Traceback" not in done.stderr
    failed = {e.name: e for e in entries(url, ("failed",))}
    assert "longer than the limit of 1 s (VANTHU_FILE_SECONDS)" in failed["slow.txt"].reason
    assert "broken.pdf" in failed["broken.pdf"].reason
    assert all(e.attempts == 1 for e in failed.values())  # the same bytes give the same answer
    problems, stored, _ = verify(url, [])
    assert problems == [] and stored == 1


def test_a_document_whose_parser_dies_three_times_is_failed_with_its_reason(url, fleet,
                                                                            tmp_path):
    fleet.start("only")
    [scan] = make_scans(tmp_path / "scans", 1, "doomed")
    assert add(url, [scan], "--no-wait").returncode == 0
    worker = fleet.workers["only"].pid
    for attempt in range(1, ATTEMPTS + 1):
        wait_until(lambda: [e for e in entries(url, ("running",)) if e.attempts == attempt],
                   f"attempt {attempt}")
        parser = wait_until(lambda: _parser_of(worker), "the parser process")
        os.kill(parser, signal.SIGKILL)
    [entry] = wait_until(lambda: entries(url, ("failed",)), "the document to fail")
    assert entry.attempts == ATTEMPTS
    assert entry.reason.startswith(f"attempt {ATTEMPTS} of {ATTEMPTS}: ")
    assert "its parser process died (killed by signal 9)" in entry.reason
    assert all_finished(url)
    assert verify(url, [])[:2] == ([], 0)


def _parser_of(worker: int) -> int | None:
    """The pid of the worker's parser process (a multiprocessing child started by spawn, from
    whichever of the worker's threads ran the job)."""
    children = " ".join(p.read_text() for p in Path(f"/proc/{worker}/task").glob("*/children"))
    for child in children.split():
        command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"spawn_main" in command:
            return int(child)
    return None


def test_the_systemd_unit_runs_a_worker_that_stops_on_its_kill_signal(url, tmp_path):
    """deploy/vanthu-worker@.service as far as a machine without systemd allows: its
    ExecStart, with worker.env's variables and the instance's name, is a worker that takes
    documents, and its KillSignal stops it cleanly."""
    unit_text = (ROOT / "deploy" / "vanthu-worker@.service").read_text()
    unit = _unit_settings(unit_text)
    settings = {**_unit_settings((ROOT / "deploy" / "worker.env").read_text()),
                "VANTHU_DB": url, "VANTHU_QUEUE": url}
    command = unit["ExecStart"].replace("%H", "host").replace("%i", "1")
    for name, value in settings.items():
        command = command.replace("${" + name + "}", value)
    program, *arguments = command.split()
    assert program.endswith("/.venv/bin/vanthu")
    worker = subprocess.Popen([*VANTHU, *arguments, "--stalled-after", "4"],
                              env={**ENV, **settings}, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        done = add(url, EXAMPLES[:1])
        assert done.returncode == 0, done.stderr
        assert [e.worker for e in entries(url)] == ["host-1"]
    finally:
        worker.send_signal(getattr(signal, unit["KillSignal"]))
        output, _ = worker.communicate(timeout=120)
    assert worker.returncode == 0 and "Traceback" not in output
    if shutil.which("systemd-analyze"):  # where systemd's tools are, it reads the unit too
        installed = tmp_path / "vanthu-worker@.service"
        installed.write_text(unit_text.replace(program, VANTHU_PROGRAM).replace(
            "/etc/vanthu/worker.env", str(ROOT / "deploy" / "worker.env")))
        verified = subprocess.run(["systemd-analyze", "verify", str(tmp_path /
                                   "vanthu-worker@1.service")], capture_output=True, text=True)
        assert verified.returncode == 0 and str(installed) not in verified.stderr, \
            verified.stderr


def _unit_settings(text: str) -> dict[str, str]:
    """KEY=VALUE lines of a unit or environment file (comments and sections left out)."""
    return dict(line.split("=", 1) for line in text.splitlines()
                if "=" in line and not line.lstrip().startswith(("#", "[")))
