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
    recurrence: str | None = None  # "Thường xuyên", "Hằng năm": a duty without a date

    @property
    def unit(self) -> str:
        """The unit the task is listed under: its lead, else the first body named."""
        return self.lead or (self.assignees[0] if self.assignees else "")

    @property
    def when(self) -> str:
        """The deadline as a clerk reads it; a duty without a date shows its rhythm."""
        if self.deadline:
            year, month, day = self.deadline.split("-")
            return f"{day}/{month}/{year}"
        return self.recurrence or "thường xuyên"

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
        return {"unit": self.unit, "deadline": self.deadline, "when": self.when,
                "recurrence": self.recurrence, "deadline_text": self.deadline_text,
                "assignees": self.assignees, "lead": self.lead, "support": self.support,
                "task": self.action, "sentence": self.sentence, "task_id": self.task_id,
                "document": {"doc_type": self.doc_type, "number": self.number, "date": self.date,
                             "subject": self.subject, "issuer": self.issuer,
                             "source": self.source}}


def rows_of(records: list[dict]) -> list[TaskRow]:
    """Every task of every record, grouped by unit, each unit's by deadline (undated last),
    then document date."""
    rows = []
    for record in records:
        for task in record.get("tasks") or []:
            rows.append(TaskRow(
                task.get("deadline"), task.get("deadline_text"), task.get("assignees") or [],
                task.get("lead"), task.get("support") or [], task.get("text") or "",
                task.get("sentence") or task.get("text") or "", str(task.get("id") or ""),
                record.get("doc_type"), record.get("number"), record.get("date"),
                record.get("subject"), (record.get("issuer") or {}).get("name"),
                (record.get("source") or {}).get("path", ""), task.get("recurrence")))
    return sorted(rows, key=lambda r: (name_key(r.unit), r.deadline is None,
                                       r.deadline or "", r.date or "", r.source, r.task_id))


def name_key(text: str) -> str:
    """Compare names without case, diacritics, tone placement or spacing."""
    return collapse(fold(canonical_tones(text)))


@dataclass
class Groups:
    """The groups file read: groups with their names and members, and the abbreviations
    ("STC" for "Sở Tài chính"), all compared in their _key form with abbreviations spelled
    out."""
    groups: list[dict]
    abbreviations: dict[str, str]

    def __iter__(self):
        return iter(self.groups)

    def spelled(self, text: str) -> str:
        """text's _key with each abbreviation written in full."""
        words = [self.abbreviations.get(word, word) for word in name_key(text).split(" ")]
        return " ".join(words)


def load_groups(path: str | Path | None = None) -> Groups:
    """The group file: the one given, else $VANTHU_GROUPS, else the bundled default."""
    chosen = Path(path or os.environ.get("VANTHU_GROUPS") or DEFAULT_GROUPS)
    with chosen.open("rb") as handle:
        data = tomllib.load(handle)
    abbreviations = {name_key(short): name_key(full)
                     for short, full in (data.get("abbreviations") or {}).items()}
    found = Groups([], abbreviations)
    found.groups = [{"names": [found.spelled(n) for n in g.get("names", [])],
                     "members": [found.spelled(m) for m in g.get("members", [])]}
                    for g in data.get("group", [])]
    return found


def concerns(row: TaskRow, unit: str, groups: Groups) -> bool:
    """Is the task the unit's: named among its assignees however written (in full or
    abbreviated), or addressed to a group it is in?"""
    wanted = groups.spelled(unit)
    names = [groups.spelled(a) for a in row.assignees]
    if any(wanted in name for name in names):
        return True
    for group in groups:
        if any(fnmatch.fnmatchcase(wanted, member) for member in group["members"]) and any(
                group_name in name for group_name in group["names"] for name in names):
            return True
    return False
