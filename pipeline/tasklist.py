"""The task list: the tasks of many records in one list, sorted by deadline, filtered for a unit.

Read from records only (record.md): each row carries its source document's number, date and
subject and the sentence the task came from, so a clerk can check it without the original.
"""
from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.text import canonical_tones, collapse, fold

DEFAULT_GROUPS = Path(__file__).with_name("data") / "groups.toml"


@dataclass
class TaskRow:
    deadline: str | None       # ISO date
    deadline_text: str | None
    assignees: list[str]
    lead: str | None
    support: list[str]
    action: str
    sentence: str
    task_id: str
    doc_type: str | None
    number: str | None
    date: str | None
    subject: str | None
    issuer: str | None
    source: str

    @property
    def document(self) -> str:
        """How a clerk names the source: "Công văn số 1823-CV/TU ngày 18/10/2023"."""
        parts = [self.doc_type or "Văn bản"]
        if self.number:
            parts.append(f"số {self.number}")
        if self.date:
            year, month, day = self.date.split("-")
            parts.append(f"ngày {day}/{month}/{year}")
        return " ".join(parts)

    def to_dict(self) -> dict:
        return {"deadline": self.deadline, "deadline_text": self.deadline_text,
                "assignees": self.assignees, "lead": self.lead, "support": self.support,
                "task": self.action, "sentence": self.sentence, "task_id": self.task_id,
                "document": {"doc_type": self.doc_type, "number": self.number, "date": self.date,
                             "subject": self.subject, "issuer": self.issuer,
                             "source": self.source}}


def rows_of(records: list[dict]) -> list[TaskRow]:
    """Every task of every record, by deadline (undated last), then document date."""
    rows = []
    for record in records:
        for task in record.get("tasks") or []:
            rows.append(TaskRow(
                task.get("deadline"), task.get("deadline_text"), task.get("assignees") or [],
                task.get("lead"), task.get("support") or [], task.get("text") or "",
                task.get("sentence") or task.get("text") or "", str(task.get("id") or ""),
                record.get("doc_type"), record.get("number"), record.get("date"),
                record.get("subject"), (record.get("issuer") or {}).get("name"),
                (record.get("source") or {}).get("path", "")))
    return sorted(rows, key=lambda r: (r.deadline is None, r.deadline or "", r.date or "",
                                       r.source, r.task_id))


def _key(text: str) -> str:
    """Compare names without case, diacritics, tone placement or spacing."""
    return collapse(fold(canonical_tones(text)))


def load_groups(path: str | Path | None = None) -> list[dict]:
    """The group file: the one given, else $VANTHU_GROUPS, else the bundled default."""
    chosen = Path(path or os.environ.get("VANTHU_GROUPS") or DEFAULT_GROUPS)
    with chosen.open("rb") as handle:
        groups = tomllib.load(handle).get("group", [])
    return [{"names": [_key(n) for n in g.get("names", [])],
             "members": [_key(m) for m in g.get("members", [])]} for g in groups]


def concerns(row: TaskRow, unit: str, groups: list[dict]) -> bool:
    """Is the task the unit's: named among its assignees, or addressed to a group it is in?"""
    wanted = _key(unit)
    names = [_key(a) for a in row.assignees]
    if any(wanted in name for name in names):
        return True
    for group in groups:
        if any(fnmatch.fnmatchcase(wanted, member) for member in group["members"]) and any(
                group_name in name for group_name in group["names"] for name in names):
            return True
    return False
