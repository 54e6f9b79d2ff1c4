"""The backlog: originals waiting in a PostgreSQL archive for a worker to parse them.

Originals go into the archive first, with the batch that brought them, so a worker on any
machine reads the bytes from the database. A worker storing the record moves them into
`originals` in the same transaction as `corpus add` stores a document, and marks the backlog
row done in that transaction too: a document is stored once, whole, or not at all, and its
row says so. The queue engine (pipeline/queue.py) only carries the sha256 of each waiting
original; what happened to it, and why, is here, where `corpus jobs` reads it.

Its own schema step, applied by whatever uses the backlog, so an archive that never sees a
queue has no such table.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from corpus.archive import Added, Archive, ArchiveError

SCHEMA = """
CREATE TABLE IF NOT EXISTS backlog (
    sha256 text PRIMARY KEY,
    name text NOT NULL,
    data bytea,              -- the original until its record is stored, then in originals
    status text NOT NULL,    -- queued, running, done, failed
    reason text,             -- why it failed, or why it was tried again
    attempts integer NOT NULL DEFAULT 0,
    worker text,             -- the worker that last took it
    doc_id bigint,           -- no foreign key: `corpus remove` may delete the document
    queued text NOT NULL,
    finished text);
CREATE INDEX IF NOT EXISTS backlog_status ON backlog (status);
"""
STATUSES = ("queued", "running", "done", "failed")


@dataclass
class Entry:
    sha256: str
    name: str
    status: str
    reason: str | None
    attempts: int
    worker: str | None
    doc_id: int | None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_backlog(archive: Archive) -> Archive:
    """The archive, with the backlog table made if missing; only PostgreSQL archives have one
    (workers on other machines must reach it)."""
    if not archive.url.startswith(("postgresql://", "postgres://")):
        raise ArchiveError(f"{archive.url}: a queue needs a postgresql:// archive, which "
                           f"workers on other machines can reach")
    with archive.transaction():
        archive._execute("SELECT pg_advisory_xact_lock(4243)")  # one creator at a time
        archive._execute(SCHEMA)
    return archive


def offer(archive: Archive, name: str, data: bytes, sha256: str) -> tuple[str, int | None]:
    """Put an original in the backlog: ("stored", id) when its document is in the archive
    already, ("queued", None) when it is new or failed before and now waits for a worker (the
    caller enqueues it), ("waiting", None) when a worker has it queued already."""
    existing = archive.id_of_sha256(sha256)
    if existing is not None:
        return "stored", existing
    # A failed original is tried again; one marked done whose document was since removed too.
    rows = archive._rows(
        "INSERT INTO backlog (sha256, name, data, status, queued) VALUES (?, ?, ?, 'queued', ?) "
        "ON CONFLICT (sha256) DO UPDATE SET status = 'queued', data = EXCLUDED.data, "
        "name = EXCLUDED.name, reason = NULL, attempts = 0, worker = NULL, doc_id = NULL, "
        "queued = EXCLUDED.queued, finished = NULL "
        "WHERE backlog.status IN ('failed', 'done') RETURNING sha256",
        (sha256, name, data, _now()))
    return ("queued", None) if rows else ("waiting", None)


def take(archive: Archive, sha256: str, attempt: int, worker: str) -> tuple[str, bytes] | None:
    """Mark an original running on `worker` and hand over its (name, bytes); None when there is
    nothing to do (its record is stored already, or it failed for good)."""
    rows = archive._rows(
        "UPDATE backlog SET status = 'running', attempts = ?, worker = ? "
        "WHERE sha256 = ? AND status IN ('queued', 'running') RETURNING name, data",
        (attempt, worker, sha256))
    if not rows or rows[0][1] is None:
        return None
    return rows[0][0], bytes(rows[0][1])


def store(archive: Archive, sha256: str, record: dict, body: str, name: str,
          data: bytes) -> Added:
    """Store the parsed record as `corpus add` does, and mark its backlog row done, in one
    transaction."""
    with archive.transaction():
        added = archive.add_record(record, body, data, name, sha256)
        archive._execute("UPDATE backlog SET status = 'done', doc_id = ?, data = NULL, "
                         "reason = NULL, finished = ? WHERE sha256 = ?",
                         (added.id, _now(), sha256))
    return added


def fail(archive: Archive, sha256: str, reason: str, final: bool) -> None:
    """Record why an attempt failed: for good (`final`), or to be tried again."""
    archive._execute("UPDATE backlog SET status = ?, reason = ?, finished = ? "
                     "WHERE sha256 = ? AND status <> 'done'",
                     ("failed" if final else "queued", reason, _now() if final else None,
                      sha256))


def entries(archive: Archive, sha256s: list[str] | None = None,
            statuses: tuple[str, ...] = STATUSES) -> list[Entry]:
    """Intake rows, oldest first: all, or those of the given originals, in the given states."""
    where = "WHERE status = ANY(?)"
    values: list = [list(statuses)]
    if sha256s is not None:
        where += " AND sha256 = ANY(?)"
        values.append(sha256s)
    return [Entry(*row) for row in archive._rows(
        f"SELECT sha256, name, status, reason, attempts, worker, doc_id FROM backlog {where} "
        f"ORDER BY queued, name", tuple(values))]


def counts(archive: Archive) -> dict[str, int]:
    found = dict(archive._rows("SELECT status, count(*) FROM backlog GROUP BY status"))
    return {status: found.get(status, 0) for status in STATUSES}
