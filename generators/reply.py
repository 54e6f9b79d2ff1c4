"""The answer to a received directive: a Báo cáo or Công văn that cites it the proper way,
is addressed to its issuer, and has a section for each task it gives the replying unit."""
from __future__ import annotations

import datetime as dt
import re

from generators.spec import Spec, parse_spec
from pipeline.tasklist import concerns, load_groups, rows_of

# After these words a name in capitals continues with proper nouns ("TỈNH ỦY QUẢNG NGÃI").
_PROPER_AFTER = {"tỉnh", "huyện", "quận", "xã", "phường", "thị", "thành", "phố", "ủy", "uỷ",
                 "trấn"}


def sentence_case(name: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI' -> 'Ủy ban nhân dân tỉnh Quảng Ngãi'; text already in
    mixed case is kept."""
    if name != name.upper():
        return name
    words = name.lower().split()
    out, proper = [], False
    for n, word in enumerate(words):
        out.append(word.capitalize() if n == 0 or proper else word)
        proper = proper or word in _PROPER_AFTER and n + 1 < len(words) and words[n + 1] not in (
            _PROPER_AFTER | {"ban", "ủy"})
    return " ".join(out)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f" ngày {day}/{month}/{year}"


def citation(record: dict) -> str:
    """"Công văn số 1823-CV/TU ngày 18/10/2023 của Tỉnh ủy Quảng Ngãi về …"."""
    issuer = sentence_case((record.get("issuer") or {}).get("name") or "")
    parts = [record.get("doc_type") or "Văn bản"]
    if record.get("number"):
        parts.append(f"số {record['number']}")
    text = " ".join(parts) + _date(record.get("date"))
    if issuer:
        text += f" của {issuer}"
    if record.get("subject"):
        text += f" về {record['subject'][:1].lower() + record['subject'][1:]}"
    return text


def reply_spec(record: dict, slug: str, unit: str, *, system: str, number: str, place: str,
               signer: dict, date: dt.date | None = None, groups_file: str | None = None,
               parent: str | None = None) -> Spec:
    rows = [row for row in rows_of([record]) if concerns(row, unit, load_groups(groups_file))]
    cited = citation(record)
    issuer = sentence_case((record.get("issuer") or {}).get("name") or "") or "cơ quan ban hành"
    opening = f"Thực hiện {cited}, {unit} báo cáo như sau:" if slug == "bao-cao" else \
        f"Thực hiện {cited}, {unit} xin báo cáo kết quả thực hiện như sau:"
    tasks = []
    for n, row in enumerate(rows, start=1):
        deadline = f" (thời hạn: {_date(row.deadline).strip()[5:]})" if row.deadline else ""
        tasks.append((n, re.sub(r"\s+", " ", row.action).rstrip(" ./"), deadline))
    data = {
        "type": slug, "system": system,
        "issuer": {"name": unit.upper(), "parent": parent, "short": unit},
        "number": number, "place": place, "date": (date or dt.date.today()).isoformat(),
        "subject": f"kết quả thực hiện {cited.split(' của ')[0]}",
        "addressees": [issuer], "signer": signer,
        "recipients": ["Như trên", "Lưu"] if system == "party" else ["Như trên", "Lưu: VT"],
    }
    if slug == "bao-cao":
        data["intro"] = opening
        data["sections"] = [{"title": f"Nhiệm vụ {n}: {action}{deadline}",
                             "paragraphs": ["Kết quả thực hiện: (nêu kết quả, số liệu, thời "
                                            "gian hoàn thành)."]} for n, action, deadline in tasks]
        data["sections"].append({"title": "Khó khăn, vướng mắc và kiến nghị",
                                 "paragraphs": ["(nêu nếu có)."]})
    else:
        body = [opening] + [f"{n}. Về nhiệm vụ “{action}”{deadline}: (nêu kết quả thực hiện)."
                            for n, action, deadline in tasks]
        data["body"] = "\n\n".join(body + [f"{unit} kính báo cáo {issuer}."])
    return parse_spec(data, "reply")
