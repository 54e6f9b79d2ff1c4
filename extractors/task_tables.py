"""Task tables: the rows of a Kế hoạch's or phụ lục's table of duties (Nội dung | Cơ quan chủ
trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm), one task per row.

Rows come as readers print them: a Word or PDF table row as cells joined with " | ", a text
file's row as "| a | b |". A row whose number cell (TT) is empty continues the row above (a
cell wrapped over lines); a row numbered I, II, … or holding only a content cell heads a group.
Which column says what is read from the header row's words (data/tasks.toml, table_columns).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.deadlines import Deadline, cell_deadline
from extractors.tasks import Task, split_assignees, task_words
from extractors.zones import Piece, table_cells
from pipeline.text import collapse, fold

_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")
_ROMAN = re.compile(r"^[IVX]+\.?$")


@dataclass
class _Row:
    cells: list[list[tuple[str, int]]]  # per column: the (text, offset) of each line of it
    start: int
    end: int
    index: int  # the line the row starts on
    lines: list[int] = field(default_factory=list)

    def text(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return collapse(" ".join(t for t, _ in self.cells[column]))

    def offset(self, column: int) -> int:
        return self.cells[column][0][1] if self.cells[column] else self.start


def _cells(line: str, start: int) -> list[tuple[str, int]] | None:
    """The cells of one line of the document text, empty ones kept so that columns stay in
    place, with their offsets; None when the line is not a table row."""
    stripped = line.strip()
    if table_cells(stripped, start) is None:
        return None
    inner_start = line.index("|") + 1 if stripped.startswith("|") else 0
    inner_end = line.rindex("|") if stripped.endswith("|") and inner_start <= line.rindex(
        "|") else len(line)
    cells, offset = [], start + inner_start
    for part in line[inner_start:inner_end].split("|"):
        text = part.strip()
        cells.append((text, offset + (part.index(text) if text else 0)))
        offset += len(part) + 1
    return cells


def _columns(cells: list[str]) -> dict[str, int] | None:
    """{role: column} when the cells are a task table's header: what is done and who does it."""
    names = task_words()["table_columns"]
    roles: dict[str, int] = {}
    for n, cell in enumerate(cells):
        key = fold(cell.lower())
        for role in ("number", "content", "time", "lead", "support"):
            if role in roles or not any(re.search(rf"(?<!\w){re.escape(fold(w))}(?!\w)", key)
                                        for w in names[role]):
                continue
            if (role == "number" and len(key) > 6) or (
                    role == "lead" and "phoi hop" in key and "chu tri" not in key):
                continue
            roles[role] = n
            break
    if "content" not in roles or not ("lead" in roles or "support" in roles):
        return None
    # "Cơ quan cấp phép" in a report's statistics is no doer's column: a column that only
    # says "cơ quan" or "đơn vị" counts beside a time column.
    doer = fold(cells[roles.get("lead", roles.get("support"))].lower())
    if "time" in roles or any(fold(w) in doer for w in names["doer"]):
        return roles
    return None


def _rows(lines: list[tuple[list[Piece], str, int]]):
    """(header columns, rows) of each task table among the lines."""
    table: tuple[dict[str, int], list[_Row]] | None = None
    for pieces, line, line_start in lines:
        cells = _cells(line, line_start)
        if cells is None:
            if line.strip() and table is not None:
                yield table
                table = None
            continue
        texts = [c for c, _ in cells]
        if all(not c or _RULE.match(c) for c in texts):
            continue
        columns = _columns(texts)
        if columns is not None:
            if table is None or columns != table[0]:
                if table is not None:
                    yield table
                table = (columns, [])
            # A header row, first or repeated after a page break: taken, not a task.
            table[1].append(_Row([], pieces[0].start, pieces[-1].end, pieces[0].index,
                                 [pieces[0].index]))
            continue
        if table is None:
            continue
        columns, rows = table
        above = rows[-1] if rows and rows[-1].cells else None  # not a header row
        number = texts[columns["number"]] if "number" in columns and columns["number"] < len(
            texts) else None
        if above and (number == "" or number is None and _continues(texts, columns)):
            row = above
            for n, cell in enumerate(cells[:len(row.cells)]):
                if cell[0]:
                    row.cells[n].append(cell)
            row.end = max(row.end, pieces[-1].end)
            row.lines.append(pieces[0].index)
            continue
        rows.append(_Row([[c] if c[0] else [] for c in cells], pieces[0].start, pieces[-1].end,
                         pieces[0].index, [pieces[0].index]))
    if table is not None:
        yield table


def _continues(texts: list[str], columns: dict[str, int]) -> bool:
    """Without a number column: a row that names no one and gives no time wraps the one above."""
    return all(not texts[columns[r]] for r in ("lead", "time") if r in columns
               and columns[r] < len(texts))


def table_tasks(pieces: list[Piece], content: str,
                doc_date: str | None) -> tuple[list[Task], set[int]]:
    """The tasks of the task tables among the pieces of the document text content, and the
    lines those tables take. Rows are read from the text's lines, not from the pieces: the
    layout may have cut a row into its cells and dropped the empty ones."""
    lines: list[tuple[list[Piece], str, int]] = []
    for piece in pieces:
        if lines and lines[-1][0][0].index == piece.index:
            lines[-1][0].append(piece)
            continue
        start = content.rfind("\n", 0, piece.start) + 1
        end = content.find("\n", piece.start)
        lines.append(([piece], content[start:end if end >= 0 else len(content)], start))
    tasks: list[Task] = []
    used: set[int] = set()
    for columns, rows in _rows(lines):
        for row in rows:
            used.update(row.lines)
            number = row.text(columns.get("number"))
            content = row.text(columns["content"])
            if not content or _ROMAN.match(number):
                continue  # a group's heading row
            lead_cell = row.text(columns.get("lead"))
            support_cell = row.text(columns.get("support")) if columns.get("support") != \
                columns.get("lead") else ""
            leads = _names(lead_cell)
            support = [s for s in _names(support_cell) if s not in leads]
            if not leads and not support:
                continue  # no one named: a note, not a duty
            deadline: Deadline | None = None
            if "time" in columns and columns["time"] < len(row.cells):
                deadline = cell_deadline(row.text(columns["time"]), doc_date,
                                         row.offset(columns["time"]))
            task_id = number.rstrip(".") if number else f"r{len(tasks) + 1}"
            tasks.append(Task(task_id, leads + support, content, (row.start, row.end), content,
                              leads[0] if leads else None, support, deadline))
    return tasks, used


def _names(cell: str) -> list[str]:
    """The bodies a cell names: one a line or between ';', else as the text splits them."""
    parts = [p.strip(" ,.-+•") for p in re.split(r";|\s-\s|\n|\s\+\s", cell)]
    return [name for part in parts if part for name in split_assignees(part)]
