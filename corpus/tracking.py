"""Theo dõi nhiệm vụ: every task of every confirmed document, followed up — by deadline (the
next date of a recurring one), assigned to a unit or a person, done with a note and the reply's
number, reopened — and who may see and change which.

A task is its document and its id in the confirmed record (the review page edits the same
tasks); its follow-up lives in `task_tracking`. The rows are pipeline/tasklist.py's TaskRows, so
the unit matching is `vanthu tasks --for`'s and the exports are pipeline/exporters.py's.

    from corpus import open_archive, tracking
    with open_archive() as archive:
        for task in tracking.tasks(archive, user, unit="Phòng Tổng hợp", status="open"):
            print(task.due, task.row.action)
        tracking.complete(archive, user, 12, "3", note="Đã báo cáo", reply="45/BC-VP")
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from corpus import office
from corpus.archive import Archive, ArchiveError, _now
from corpus.review import confirmed
from extractors.deadlines import next_date
from pipeline.tasklist import Groups, TaskRow, concerns, load_groups, name_key, rows_of
from pipeline.text import collapse

SOON_DAYS = 7
# status filter: the stored status, or how close the deadline is (of open tasks)
STATUSES = {"open": "Đang thực hiện", "done": "Đã xong", "overdue": "Quá hạn",
            "soon": "Sắp đến hạn"}


@dataclass
class Tracked:
    doc_id: int
    row: TaskRow
    rule: str | None          # a recurring deadline's rule ("monthly:15"), else None
    due: str | None           # ISO: the deadline, or a recurring one's next date
    secret: bool
    status: str = "open"
    assigned_unit: str | None = None
    assigned_user: str | None = None
    note: str | None = None
    reply_number: str | None = None
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def recurrence(self) -> str | None:
        """The rule as a clerk reads it: "ngày 15 hằng tháng", "mỗi 3 tháng"."""
        kind, _, value = (self.rule or "").partition(":")
        if kind == "monthly":
            return f"ngày {value} hằng tháng"
        if kind == "every":
            return f"mỗi {value.split()[0]} tháng"
        return None

    @property
    def key(self) -> str:
        return f"{self.doc_id}/{self.row.task_id}"

    def urgency(self, today: dt.date) -> str | None:
        """"overdue" or "soon" (within SOON_DAYS) for an open task with a date, else None."""
        if self.status != "open" or not self.due:
            return None
        days = (dt.date.fromisoformat(self.due) - today).days
        return "overdue" if days < 0 else "soon" if days <= SOON_DAYS else None

    def for_export(self) -> TaskRow:
        """The row the exporters write: a recurring task on its next date, and the unit or
        person it was assigned to as its assignee."""
        given = [n for n in (self.assigned_unit, self.assigned_user) if n]
        return dataclasses.replace(self.row, deadline=self.due,
                                   assignees=given or self.row.assignees)

    def to_dict(self, today: dt.date) -> dict:
        return {"doc_id": self.doc_id, "task_id": self.row.task_id, "key": self.key,
                **self.row.to_dict(), "due": self.due, "recurring": self.rule,
                "recurrence": self.recurrence,
                "urgency": self.urgency(today), "secret": self.secret, "status": self.status,
                "assigned_unit": self.assigned_unit, "assigned_user": self.assigned_user,
                "note": self.note, "reply_number": self.reply_number,
                "updated_by": self.updated_by, "updated_at": self.updated_at}


def _rule(record: dict, row: TaskRow) -> str | None:
    """The recurring rule of the deadline the task took (the record's deadlines keep it)."""
    for deadline in record.get("deadlines") or []:
        if deadline.get("rule") and deadline.get("text") == row.deadline_text:
            return deadline["rule"]
    return None


def _all(archive: Archive, today: dt.date) -> list[Tracked]:
    state = {(d, t): rest for d, t, *rest in archive._rows(
        "SELECT doc_id, task_id, status, assigned_unit, assigned_user, note, reply_number, "
        "updated_by, updated_at FROM task_tracking")}
    secret = office.secret_ids(archive)
    out = []
    for doc_id, _, record, _ in confirmed(archive):
        for row in rows_of([record]):
            rule = _rule(record, row)
            due = row.deadline
            if rule and due and due < today.isoformat():
                due = (next_date(rule, today) or dt.date.fromisoformat(due)).isoformat()
            out.append(Tracked(doc_id, row, rule, due, doc_id in secret,
                               *state.get((doc_id, row.task_id), ())))
    return sorted(out, key=lambda t: (t.due is None, t.due or "", t.row.date or "", t.doc_id,
                                      t.row.task_id))


def _of_unit(task: Tracked, unit: str, groups: Groups) -> bool:
    """The task is the unit's: assigned to it, or (not assigned elsewhere) named among its
    assignees as `vanthu tasks --for` reads them."""
    if task.assigned_unit:
        return name_key(unit) in name_key(task.assigned_unit)
    return concerns(task.row, unit, groups)


def may_see(user: office.User | None, task: Tracked, groups: Groups,
            of_unit=_of_unit) -> bool:
    """Văn thư and lãnh đạo see every task; a chuyên viên those of their unit or given to them
    by name, never those of a document marked mật."""
    if user is None or user.can("all-units"):
        return True
    if task.secret:
        return False
    return task.assigned_user == user.name or bool(user.unit and of_unit(task, user.unit,
                                                                         groups))


def tasks(archive: Archive, user: office.User | None = None, unit: str | None = None,
          doc_id: int | None = None, status: str | None = None, today: dt.date | None = None,
          groups: Groups | None = None) -> list[Tracked]:
    """The tasks the user may see, by due date, of a unit, a document, a status."""
    today = today or dt.date.today()
    groups = load_groups() if groups is None else groups
    if status and status not in STATUSES:
        raise ArchiveError(f"status '{status}' is not one of {', '.join(STATUSES)}")
    matched: dict[tuple, bool] = {}  # the unit matching once per list of names: they repeat

    def of_unit(task: Tracked, name: str, groups: Groups) -> bool:
        key = (name, task.assigned_unit, *task.row.assignees)
        if key not in matched:
            matched[key] = _of_unit(task, name, groups)
        return matched[key]

    out = []
    for task in _all(archive, today):
        if not may_see(user, task, groups, of_unit):
            continue
        if unit and not of_unit(task, unit, groups):
            continue
        if doc_id is not None and task.doc_id != doc_id:
            continue
        if status in ("open", "done") and task.status != status:
            continue
        if status in ("overdue", "soon") and task.urgency(today) != status:
            continue
        out.append(task)
    return out


def task(archive: Archive, user: office.User | None, doc_id: int, task_id: str,
         today: dt.date | None = None, groups: Groups | None = None) -> Tracked:
    """One task, if the user may see it (Forbidden when not, ArchiveError when there is none)."""
    groups = load_groups() if groups is None else groups
    for found in _all(archive, today or dt.date.today()):
        if found.doc_id == doc_id and found.row.task_id == task_id:
            if not may_see(user, found, groups):
                raise office.Forbidden(f"task {doc_id}/{task_id} is not for "
                                       f"{office.ROLES[user.role]} {user.name}")
            return found
    raise ArchiveError(f"no task {doc_id}/{task_id} among the confirmed documents")


def _store(archive: Archive, user: office.User | None, found: Tracked, **changes) -> None:
    values = {"status": found.status, "assigned_unit": found.assigned_unit,
              "assigned_user": found.assigned_user, "note": found.note,
              "reply_number": found.reply_number, **changes,
              "updated_by": user.name if user else None, "updated_at": _now()}
    with archive.transaction():
        archive._serialize("tasks")
        archive._execute("DELETE FROM task_tracking WHERE doc_id = ? AND task_id = ?",
                         (found.doc_id, found.row.task_id))
        archive._execute(
            f"INSERT INTO task_tracking (doc_id, task_id, {', '.join(values)}) "
            f"VALUES (?, ?, {', '.join('?' for _ in values)})",
            (found.doc_id, found.row.task_id, *values.values()))


def assign(archive: Archive, user: office.User | None, doc_id: int, task_id: str,
           unit: str | None = None, person: str | None = None) -> Tracked:
    """Give the task to a unit and/or a person (an account's name); lãnh đạo only."""
    office.require(user, "assign", "assign tasks")
    found = task(archive, user, doc_id, task_id)
    unit, person = collapse(unit or "") or None, collapse(person or "") or None
    if not unit and not person:
        raise ArchiveError("assign the task to a unit or a person")
    if person and office.user(archive, person) is None:
        raise ArchiveError(f"there is no account named {person}")
    _store(archive, user, found, assigned_unit=unit, assigned_user=person)
    return task(archive, user, doc_id, task_id)


def complete(archive: Archive, user: office.User | None, doc_id: int, task_id: str,
             note: str | None = None, reply: str | None = None) -> Tracked:
    """Mark the task done, with a note and the number of the document that answered it."""
    office.require(user, "tasks", "mark tasks done")
    found = task(archive, user, doc_id, task_id)
    _store(archive, user, found, status="done", note=collapse(note or "") or None,
           reply_number=collapse(reply or "") or None)
    return task(archive, user, doc_id, task_id)


def reopen(archive: Archive, user: office.User | None, doc_id: int, task_id: str) -> Tracked:
    office.require(user, "tasks", "reopen tasks")
    found = task(archive, user, doc_id, task_id)
    _store(archive, user, found, status="open")
    return task(archive, user, doc_id, task_id)
