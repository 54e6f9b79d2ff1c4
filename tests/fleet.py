"""Workers as real processes on one machine, for tests/test_workers.py and bench/scale.py:
start them, kill them (-9), make distinct scanned pages for them, and prove what the archive
holds afterwards.
"""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import scanmaker
from hostile import ENV, VANTHU

from corpus import backlog, open_archive

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
WAIT_SECONDS = 600  # a guard against hanging for ever on a loaded machine, not a timing test


def make_scans(out: Path, count: int, tag: str, lines: int = 6,
               size=scanmaker.A6) -> list[Path]:
    """`count` one-page scans, each different (the head of a real document, then a line naming
    the page): pages as a paper backlog gives them (small ones by default, quick to OCR)."""
    out.mkdir(parents=True, exist_ok=True)
    texts = sorted([*CORPUS.glob("seeds/*.txt"), *CORPUS.glob("dev/*.txt")])
    made = []
    for index in range(count):
        text = texts[index % len(texts)].read_text(encoding="utf-8").splitlines()
        page = [line for line in text if line.strip()][:lines] + [f"Bản lưu {tag}-{index}"]
        made.append(scanmaker.make_page_scan(page, out / f"{tag}-{index:04d}.pdf",
                                             f"{tag}-{index}", size))
    return made


def wait_until(check, what: str, seconds: float = WAIT_SECONDS, every: float = 0.1):
    """Poll `check` until it returns something true; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"gave up waiting for {what}")


def entries(url: str, statuses=backlog.STATUSES) -> list[backlog.Entry]:
    with open_archive(url) as archive:
        backlog.open_backlog(archive)
        return backlog.entries(archive, statuses=statuses)


class Fleet:
    """`vanthu worker` processes on one archive and queue, by name."""

    def __init__(self, url: str, stalled_after: float = 4.0, logs: Path | None = None):
        self.url, self.stalled_after, self.logs = url, stalled_after, logs
        self.workers: dict[str, subprocess.Popen] = {}

    def start(self, name: str, concurrency: int = 1, env: dict | None = None) -> None:
        log = open(self.logs / f"{name}.log", "ab") if self.logs else subprocess.DEVNULL
        self.workers[name] = subprocess.Popen(
            [*VANTHU, "worker", "--db", self.url, "--queue", self.url, "--name", name,
             "--concurrency", str(concurrency), "--stalled-after", str(self.stalled_after)],
            stdout=log, stderr=subprocess.STDOUT, env={**ENV, **(env or {})})

    def wait_ready(self) -> None:
        """Wait until every worker started has registered with the queue."""
        import psycopg

        def registered() -> bool:
            with psycopg.connect(self.url, autocommit=True) as connection:
                if not connection.execute("SELECT to_regclass('procrastinate_workers')"
                                          ).fetchone()[0]:
                    return False
                count = connection.execute("SELECT count(*) FROM procrastinate_workers"
                                           ).fetchone()[0]
                return count >= len(self.workers)
        wait_until(registered, "the workers to start", every=0.2)

    def kill9(self, name: str) -> None:
        worker = self.workers.pop(name)
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    def stop(self) -> None:
        for worker in self.workers.values():
            worker.terminate()
        for worker in self.workers.values():
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        self.workers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def add(url: str, paths: list[Path], *options: str) -> subprocess.CompletedProcess:
    """`vanthu corpus add PATH... --queue` as a clerk runs it."""
    return subprocess.run([*VANTHU, "corpus", "add", *map(str, paths), "--db", url, "--queue",
                           url, *options], capture_output=True, text=True, env=ENV,
                          timeout=WAIT_SECONDS)


def all_finished(url: str) -> bool:
    return not entries(url, ("queued", "running"))


def kill_round(url: str, fleet: Fleet, files: list[Path], victim: str,
               successor: str) -> backlog.Entry | None:
    """Queue `files`, kill -9 the worker `victim` while it parses one of them, start
    `successor` in its place, and wait until every file is done or failed. The document the
    victim held when it died, as the backlog shows it at the end (None if the victim had
    just finished it when the signal came)."""
    queued = add(url, files, "--no-wait")
    assert queued.returncode == 0, queued.stderr
    wait_until(lambda: [e for e in entries(url, ("running",)) if e.worker == victim],
               f"{victim} to take a document")
    fleet.kill9(victim)
    # Still marked running on the victim after it died: it died in the middle of it.
    held = [e.sha256 for e in entries(url, ("running",)) if e.worker == victim]
    fleet.start(successor)
    wait_until(lambda: all_finished(url), "the batch to finish after the kill", every=0.5)
    return next((e for e in entries(url) if e.sha256 in held), None)


def verify(url: str, files: list[Path]) -> tuple[list[str], int, list[Path]]:
    """(corpus check's problems, documents stored, files whose bytes are not stored)."""
    import hashlib

    with open_archive(url) as archive:
        problems = archive.check()
        missing = [f for f in files
                   if archive.id_of_sha256(hashlib.sha256(f.read_bytes()).hexdigest()) is None]
        return problems, archive.count(), missing
