"""A record as a clerk scans it: Vietnamese labels, one field a line, lists shortened."""
from __future__ import annotations

from types import SimpleNamespace


SYSTEM_NAMES = {"party": "văn bản của Đảng", "state": "văn bản hành chính nhà nước",
                "union": "văn bản đoàn thể", "news": "bài báo về văn bản", "unknown": "chưa rõ"}
LIST_SHOWN = 6


def display_date(iso: str | None) -> str:
    """An ISO date as a clerk writes it (DD/MM/YYYY), or a dash."""
    if not iso:
        return "—"
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _items(values: list[str]) -> str:
    shown = "; ".join(values[:LIST_SHOWN])
    return shown + (f"; … (+{len(values) - LIST_SHOWN})" if len(values) > LIST_SHOWN else "")


def _signer(signer: dict | None) -> str:
    if not signer:
        return "—"
    return " · ".join(v for v in (signer.get("authority"), signer.get("position"),
                                  signer.get("name") or "(không ghi tên)") if v)


def _signature(signature: dict) -> str:
    """Who signed, when, and whether the signed bytes are intact."""
    who = " · ".join(dict.fromkeys(  # a body's own certificate names it twice
        v for v in (signature.get("signer"), signature.get("organisation")) if v))
    when = signature.get("time")
    when = f"{display_date(when[:10])} {when[11:16]}" if when else "—"
    state = {True: "còn nguyên vẹn", False: "KHÔNG còn nguyên vẹn"}.get(
        signature.get("intact"), "chưa kiểm được")
    return f"{who or '(không rõ người ký)'}, ký lúc {when}, {state}"


def summary(record: dict) -> str:
    """The record (as `Record.to_dict()` gives it) in readable lines."""
    record = SimpleNamespace(**record)
    source = record.source
    pages = f", {source['pages']} trang" if source.get("pages") else ""
    title = " ".join(x for x in (record.doc_type or "Văn bản",
                                 f"số {record.number}" if record.number else "") if x)
    rows = [
        ("Loại", f"{title} ({SYSTEM_NAMES.get(record.system, record.system)})"),
        ("Cơ quan ban hành", (record.issuer or {}).get("name") or "—"),
    ]
    if record.issuer and record.issuer.get("parent"):
        rows.append(("Cơ quan chủ quản", record.issuer["parent"]))
    rows += [
        ("Địa danh, ngày",
         ", ".join(x for x in (record.place, display_date(record.date)) if x)),
        ("Trích yếu", record.subject or "—"),
    ]
    if record.addressees:
        rows.append((f"Kính gửi ({len(record.addressees)})", _items(record.addressees)))
    if record.recipients:
        rows.append((f"Nơi nhận ({len(record.recipients)})", _items(record.recipients)))
    rows.append(("Người ký", _signer(record.signer)))
    if record.references:
        refs = [r["number"] + (f" ({r['doc_type']}"
                               + (f", {display_date(r['date'])}" if r["date"] else "")
                               + ")" if r["doc_type"] else "") for r in record.references]
        rows.append((f"Văn bản dẫn chiếu ({len(refs)})", _items(refs)))
    dated = sorted({d["date"] for d in record.deadlines if d.get("date")})
    if dated:
        rows.append((f"Thời hạn ({len(dated)})", _items([display_date(d) for d in dated])))
    if record.tasks:
        with_deadline = sum(1 for t in record.tasks if t.get("deadline"))
        rows.append(("Nhiệm vụ", f"{len(record.tasks)} ({with_deadline} có hạn) — "
                                 "xem bằng vanthu tasks"))
    for copy in record.copies:
        rows.append(("Bản sao", f"{copy['kind']} số {copy['number'] or '—'}, "
                                f"{copy['issuer'] or '—'}, {display_date(copy['date'])}, "
                                f"ký: {_signer(copy['signer'])}"))
    for signature in getattr(record, "signatures", None) or []:
        rows.append(("Chữ ký số", _signature(signature)))
    for warning in record.warnings:
        rows.append(("Cảnh báo", warning))
    width = max(len(label) for label, _ in rows)
    lines = [f"── {source['path']} ({source['format']}{pages})"]
    lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
    return "\n".join(lines) + "\n"
