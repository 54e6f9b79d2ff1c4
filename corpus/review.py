"""A clerk's review of parsed documents: the record as a form (fields from
pipeline/data/review.toml), where each value came from, which fields to look at first, the
confirmed record, and the confirmed records exported as gold labels (the shared corpus's label
format, which bench/accuracy.py --corpus scores against).

    from corpus import open_archive
    from corpus import review
    with open_archive() as archive:
        page = review.document(archive, 12)          # status, record, confirmed, register
        review.confirm(archive, 12, fields={"subject": "Về công tác …"})
        review.export_gold(archive, "gold/")
"""
from __future__ import annotations

import copy
import json
import re
import tomllib
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from corpus.archive import Archive, ArchiveError
from pipeline.text import collapse, fold_aligned

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "review.toml"


@lru_cache(maxsize=1)
def settings() -> dict:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


def fields() -> list[dict]:
    return settings()["field"]


# --- where a value came from -------------------------------------------------------------
def locate(body: str, value: str) -> list[int] | None:
    """[start, end] of `value` in the document text: as written, else whatever the case,
    diacritics and line breaks between its words; None when the text does not hold it."""
    value = collapse(value or "")
    if not value:
        return None
    at = body.find(value)
    if at >= 0:
        return [at, at + len(value)]
    words = fold_aligned(value).split()
    pattern = r"[\s|]+".join(re.escape(w) for w in words)
    match = re.search(pattern, fold_aligned(body))
    return [match.start(), match.end()] if match else None


def _get(record: dict, path: list[str]):
    value = record
    for key in path:
        value = (value or {}).get(key) if isinstance(value, dict) else None
    return value


def _evidence(record: dict, field: dict) -> list[dict]:
    """The field's evidence entries ({span, confidence}), a list for every kind of field."""
    evidence = record.get("evidence") or {}
    path = field["path"]
    found = evidence.get(field.get("evidence", path[0]))
    if isinstance(found, dict) and len(path) > 1 and path[0] == "signer":
        found = found.get(path[1])
    if field["kind"] == "tasks":
        found = [{"span": t.get("span"), "confidence": 0.9} for t in record.get("tasks") or []]
    if found is None:
        return []
    return [e for e in (found if isinstance(found, list) else [found]) if isinstance(e, dict)]


def spans(record: dict) -> dict[str, list[list[int]]]:
    """{form field: [[start, end], …]}: where in the document text each value was read."""
    out = {}
    for field in fields():
        found = [e["span"] for e in _evidence(record, field) if e.get("span")]
        if found:
            out[field["key"]] = found
    return out


def unsure(record: dict) -> list[str]:
    """The form fields to look at first: expected and missing, or read with low confidence."""
    rules = settings()
    out = []
    for field in fields():
        value = _get(record, field["path"])
        confidences = [e.get("confidence") for e in _evidence(record, field)
                       if e.get("confidence") is not None]
        if (field["key"] in rules["expected"] and not value) or (
                value and confidences and min(confidences) < rules["unsure_below"]):
            out.append(field["key"])
    return out


# --- the form ----------------------------------------------------------------------------
def _as_text(kind: str, value) -> str:
    if kind in ("text", "date", "long"):
        return value or ""
    if kind == "lines":
        return "\n".join(value or [])
    if kind == "references":
        return "\n".join(r.get("number") or "" for r in value or [])
    if kind == "deadlines":
        return "\n".join(f"{d.get('date') or ''} | {d.get('text') or ''}" for d in value or [])
    if kind == "tasks":
        return "\n".join(f"{'; '.join(t.get('assignees') or [])} | {t.get('deadline') or ''} | "
                         f"{t.get('text') or ''}" for t in value or [])
    raise ValueError(kind)


def form_values(record: dict) -> dict[str, str]:
    """{form field: its value as the form shows it}."""
    return {f["key"]: _as_text(f["kind"], _get(record, f["path"])) for f in fields()}


def _lines(text: str) -> list[str]:
    return [collapse(line) for line in (text or "").splitlines() if collapse(line)]


def _cells(line: str, count: int) -> list[str]:
    cells = [collapse(c) for c in line.split("|")]
    return (cells + [""] * count)[:count]


def _date(text: str, label: str) -> str | None:
    text = collapse(text)
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ArchiveError(f"{label}: '{text}' is not a date (YYYY-MM-DD)")
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise ArchiveError(f"{label}: '{text}' is no day of the calendar") from None
    return text


def _as_value(field: dict, text: str, old):
    kind, label = field["kind"], field["label"]
    if kind in ("text", "long"):
        return collapse(text) or None
    if kind == "date":
        return _date(text, label)
    if kind == "lines":
        return _lines(text)
    if kind == "references":
        before = {r.get("number"): r for r in old or []}
        return [before.get(n) or {"number": n, "doc_type": None, "date": None, "issuer": None,
                                  "text": n} for n in _lines(text)]
    if kind == "deadlines":
        return [{"date": _date(d, label), "text": t} for d, t in
                (_cells(line, 2) for line in _lines(text))]
    if kind == "tasks":
        out = []
        for number, line in enumerate(_lines(text), start=1):
            who, deadline, what = _cells(line, 3)
            out.append({"id": str(number), "assignees": [a for a in map(collapse, who.split(";"))
                                                         if a],
                        "text": what, "deadline": _date(deadline, label), "span": None})
        return out
    raise ValueError(kind)


def _put(record: dict, path: list[str], value) -> None:
    if len(path) == 1:
        record[path[0]] = value
        return
    inner = record.get(path[0]) or {}
    inner[path[1]] = value
    record[path[0]] = inner if any(v for v in inner.values()) else None


def apply_edits(record: dict, values: dict[str, str], body: str) -> dict:
    """The record with the form's values in place of its own. A changed value's evidence is
    where the text holds it (confidence 1: a person read it), or none when it does not."""
    record = copy.deepcopy(record)
    evidence = record.setdefault("evidence", {})
    known = {f["key"]: f for f in fields()}
    for key in values:
        if key not in known:
            raise ArchiveError(f"no field '{key}' in a record's form")
    for field in fields():
        key = field["key"]
        if key not in values or values[key] == _as_text(field["kind"], _get(record, field["path"])):
            continue
        value = _as_value(field, values[key], _get(record, field["path"]))
        _put(record, field["path"], value)
        span = locate(body, values[key]) if field["kind"] in ("text", "date", "long") else None
        mark = {"span": span, "confidence": 1.0}
        name = field.get("evidence", field["path"][0])
        if field["path"][0] == "signer":
            evidence.setdefault("signer", {})[field["path"][1]] = mark
        elif field["kind"] in ("lines", "deadlines"):
            evidence[name] = [{"span": locate(body, line.split("|")[-1]), "confidence": 1.0}
                              for line in _lines(values[key])]
        elif field["kind"] not in ("references", "tasks"):
            evidence[name] = mark
    return record


# --- the archive's side ------------------------------------------------------------------
def status(archive: Archive, doc_id: int) -> str:
    """parsing, failed, parsed, confirmed or registered (ArchiveError: no such document)."""
    if archive._rows("SELECT 1 FROM register WHERE doc_id = ?", (doc_id,)):
        return "registered"
    if archive._rows("SELECT 1 FROM reviews WHERE id = ?", (doc_id,)):
        return "confirmed"
    if archive._rows("SELECT 1 FROM documents WHERE id = ?", (doc_id,)):
        return "parsed"
    rows = archive._rows("SELECT status FROM intake WHERE id = ?", (doc_id,))
    if not rows:
        raise ArchiveError(f"no document #{doc_id} in {archive.url}")
    return rows[0][0]


def document(archive: Archive, doc_id: int) -> dict:
    """What the web app's GET /api/documents/{id} answers: id, status, name, record (the
    parser's), confirmed (the clerk's, or None), register (its entry, or None); and while a
    file is received: reason (why it failed) or same_as (the document holding the same
    bytes)."""
    from corpus import register

    state = status(archive, doc_id)
    if state in ("parsing", "failed", "queued", "stored"):
        name, reason, same = archive._rows("SELECT name, reason, doc_id FROM intake "
                                           "WHERE id = ?", (doc_id,))[0]
        return {"id": doc_id, "status": state, "name": name, "reason": reason,
                "same_as": same if same != doc_id else None, "record": None,
                "confirmed": None, "register": None}
    current = archive.record(doc_id)
    parsed = archive._rows("SELECT parsed FROM reviews WHERE id = ?", (doc_id,))
    name = archive._rows("SELECT name FROM documents WHERE id = ?", (doc_id,))[0][0]
    return {"id": doc_id, "status": state, "name": name,
            "record": json.loads(parsed[0][0]) if parsed else current,
            "confirmed": current if parsed else None,
            "register": register.entry(archive, doc_id)}


def confirm(archive: Archive, doc_id: int, record: dict | None = None,
            values: dict[str, str] | None = None) -> dict:
    """Store the clerk's record for a document: a whole record, or the form's `values` applied
    to the current one. The parser's record is kept beside it. Returns the confirmed record."""
    with archive.transaction():
        current = archive.record(doc_id)
        body = archive.body(doc_id)
        if record is None:
            record = apply_edits(current, values or {}, body)
        elif not isinstance(record, dict) or not isinstance(record.get("source"), dict):
            raise ArchiveError("a confirmed record is a JSON object with the record's keys")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if archive._rows("SELECT 1 FROM reviews WHERE id = ?", (doc_id,)):
            archive._execute("UPDATE reviews SET confirmed_at = ? WHERE id = ?", (now, doc_id))
        else:
            archive._execute("INSERT INTO reviews (id, parsed, confirmed_at) VALUES (?, ?, ?)",
                             (doc_id, json.dumps(current, ensure_ascii=False), now))
        archive.replace_record(doc_id, record, body)
    return record


def waiting(archive: Archive, limit: int = 200) -> list[dict]:
    """Parsed documents no clerk has confirmed yet, oldest first: {id, name, number,
    doc_type, issuer, date, subject}."""
    return [dict(zip(("id", "name", "number", "doc_type", "issuer", "date", "subject"), row))
            for row in archive._rows(
                "SELECT d.id, d.name, d.number, d.doc_type, d.issuer, d.date, d.subject "
                "FROM documents d LEFT JOIN reviews r ON r.id = d.id WHERE r.id IS NULL "
                "ORDER BY d.id LIMIT ?", (limit,))]


def confirmed(archive: Archive):
    """(id, name, confirmed record, confirmed at) of every confirmed document, in id order."""
    for doc_id, name, at in archive._rows(
            "SELECT r.id, d.name, r.confirmed_at FROM reviews r JOIN documents d ON d.id = r.id "
            "ORDER BY r.id"):
        yield doc_id, name, archive.record(doc_id), at


# The label's system names where they differ from the record's.
GOLD_SYSTEMS = {"union": "youth_union"}


def gold_label(record: dict, note: str) -> dict:
    """A confirmed record as a gold label (the shared corpus README's keys)."""
    issuer = record.get("issuer") or {}
    return {
        "source": (record.get("source") or {}).get("path"),
        "system": GOLD_SYSTEMS.get(record.get("system"), record.get("system")),
        "doc_type": record.get("doc_type"),
        "number": record.get("number"),
        "issuer": issuer.get("name"),
        "issuer_parent": issuer.get("parent"),
        "place": record.get("place"),
        "date": record.get("date"),
        **({"date_partial": record["date_partial"]} if record.get("date_partial") else {}),
        "subject": record.get("subject"),
        "addressees": record.get("addressees") or [],
        "recipients": record.get("recipients") or [],
        "signer": record.get("signer"),
        "references": [r.get("number") for r in record.get("references") or []],
        "deadlines": [{"date": d.get("date"), "text": d.get("text")}
                      for d in record.get("deadlines") or []],
        "tasks": [{"assignees": t.get("assignees") or [], "deadline": t.get("deadline"),
                   "text": t.get("text")} for t in record.get("tasks") or []],
        "copies": record.get("copies") or [],
        "truncated": False,
        "uncertain": [],
        "notes": note,
    }


def export_gold(archive: Archive, directory: str | Path) -> int:
    """Write each confirmed document as `vbNNNNN.<ext>` (its original) and `vbNNNNN.json` (its
    label) into `directory`; returns how many. Names come from ids only, never from a stored
    file name, so nothing is written outside the directory."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for doc_id, name, record, at in confirmed(archive):
        suffix = re.sub(r"[^a-z0-9.]", "", Path(name).suffix.lower())[:8] or ".txt"
        stem = f"vb{doc_id:05d}"
        _, data = archive.original(doc_id)
        (out / f"{stem}{suffix}").write_bytes(data)
        label = gold_label(record, f"Confirmed by a clerk in vanthu on {at}; file {name!r}.")
        (out / f"{stem}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
        count += 1
    return count
