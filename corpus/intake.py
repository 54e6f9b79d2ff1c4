"""Receiving files into the archive while they are parsed (the web app's Nhận văn bản): each
file gets its document id at once, its status (queued, parsing, then the document itself, or
failed with a one-line reason) is in the `intake` table, so any process can follow it.

    doc_id = intake.receive(archive, "cong-van.pdf")
    intake.parse_received(url, doc_id, "cong-van.pdf", data)   # in a worker process
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import PurePosixPath

from corpus.archive import Archive
from pipeline.errors import VanthuError

STOPPED = "the server stopped before it was parsed; send it again"


def safe_name(name: str) -> str:
    """The file name a browser sent, without any folder part or control characters: it names
    the document, it never names a place on disk."""
    name = PurePosixPath((name or "").replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()[:200]
    return name or "unnamed"


def receive(archive: Archive, name: str) -> int:
    """Note a file as received and queued; returns the id its document will have."""
    doc_id = archive._reserve_id()
    with archive.transaction():
        archive._execute("INSERT INTO intake (id, name, status, added) VALUES (?, ?, ?, ?)",
                         (doc_id, safe_name(name), "queued",
                          datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return doc_id


def refuse(archive: Archive, name: str, reason: str) -> int:
    """Note a file refused before parsing (too large, …) with its one-line reason."""
    doc_id = receive(archive, name)
    _note(archive, doc_id, "failed", f"{safe_name(name)}: {reason}")
    return doc_id


def _note(archive: Archive, doc_id: int, status: str, reason: str | None = None,
          same: int | None = None) -> None:
    with archive.transaction():
        archive._execute("UPDATE intake SET status = ?, reason = ?, doc_id = ? WHERE id = ?",
                         (status, reason, same, doc_id))


def store_received(archive: Archive, doc_id: int, name: str, data: bytes) -> str:
    """Parse a received file and store it under its id; returns its status: stored (or the
    document holding the same bytes) or failed, with the reason noted."""
    import hashlib

    from pipeline.parse import parse_bytes

    name = safe_name(name)
    _note(archive, doc_id, "parsing")
    try:
        existing = archive.id_of_sha256(hashlib.sha256(data).hexdigest())
        if existing is None:
            record, text = parse_bytes(name, data)
            existing = archive.add_record(record.to_dict(), text.content, data, name,
                                          doc_id=doc_id).id
    except VanthuError as err:
        _note(archive, doc_id, "failed", str(err))
        return "failed"
    except Exception as err:  # a parser bug fails this file, not the server
        _note(archive, doc_id, "failed", f"{name}: could not be parsed "
                                         f"({type(err).__name__}: {err})")
        return "failed"
    _note(archive, doc_id, "stored", None, existing)
    return "stored"


def parse_received(url: str, doc_id: int, name: str, data: bytes) -> str:
    """store_received in a process of its own (a worker), with its own connection."""
    from corpus import open_archive
    with open_archive(url) as archive:
        return store_received(archive, doc_id, name, data)


def recover(archive: Archive) -> int:
    """Mark files left queued or parsing by a stopped server as failed; returns how many."""
    with archive.transaction():
        count = archive._rows("SELECT count(*) FROM intake WHERE status IN "
                              "('queued', 'parsing')")[0][0]
        archive._execute("UPDATE intake SET status = 'failed', reason = name || ': ' || ? "
                         "WHERE status IN ('queued', 'parsing')", (STOPPED,))
    return count


def recent(archive: Archive, limit: int = 50) -> list[dict]:
    """The files received last, newest first: {id, name, status, reason, same_as, added}."""
    return [{"id": i, "name": n, "status": s, "reason": r,
             "same_as": d if d not in (None, i) else None, "added": a}
            for i, n, s, r, d, a in archive._rows(
                "SELECT id, name, status, reason, doc_id, added FROM intake "
                "ORDER BY id DESC LIMIT ?", (limit,))]
