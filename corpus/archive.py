"""The archive: originals, records and text of parsed documents, and search over them.

`Archive` holds everything both backends share: adding (content-addressed by sha256, one
transaction a document), re-parsing, lookup by number, search ranking and snippets, the
citation chain. A backend (corpus/sqlite.py, corpus/postgres.py) supplies the connection, the
schema, the full-text index and its queries. SQL here is written with `?` placeholders.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path

from corpus.keys import (Query, exact_text, looks_like_number, number_key, parse_query, snippet,
                         words)
from pipeline.errors import VanthuError
from pipeline.text import fold


class ArchiveError(VanthuError):
    """The archive cannot be opened or does not hold what was asked for."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def date_bound(value: str | None, end: bool) -> str | None:
    """YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY as an ISO date; a year or month given as the
    end of a range means its last day."""
    if not value:
        return None
    value = value.strip()
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31" if end else f"{value}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-31" if end else f"{value}-01"  # text comparison: -31 is past any day
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise ArchiveError(f"'{value}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY)")


@dataclass
class Filters:
    doc_type: str | None = None
    issuer: str | None = None
    system: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def sql(self) -> tuple[str, list]:
        """A WHERE fragment over `documents d`, and its parameters."""
        clauses, values = [], []
        if self.doc_type:
            clauses.append("d.doc_type_key = ?")
            values.append(fold(self.doc_type))
        if self.issuer:
            clauses.append("d.issuer_key LIKE ?")
            values.append("%" + fold(self.issuer) + "%")
        if self.system:
            clauses.append("d.system = ?")
            values.append(self.system)
        if self.date_from:
            clauses.append("d.date >= ?")
            values.append(self.date_from)
        if self.date_to:
            clauses.append("d.date <= ?")
            values.append(self.date_to)
        return "".join(" AND " + c for c in clauses), values


@dataclass
class Hit:
    id: int
    score: float
    record: dict = field(default_factory=dict)
    snippet: str = ""

    def to_dict(self) -> dict:
        return {**self.record, "id": self.id, "score": round(self.score, 4),
                "snippet": self.snippet}


@dataclass
class Added:
    id: int
    new: bool
    record: dict


# Score tiers: a number match outranks every word match; a word match with the diacritics as
# typed outranks one found only without them. Within a word tier, matching in the heading
# (number, subject, issuer) outranks matching only in the body, then the index's relevance.
NUMBER_EXACT, NUMBER_PART, EXACT_WORDS = 3.0, 2.0, 1.0


def _word_score(rank: float, in_heading: bool) -> float:
    """0..1 within a tier: a heading match 0.5..1, a body match 0..0.5, by relevance (bm25,
    ts_rank…, squeezed). bm25 is near zero in a small archive, so the heading decides there."""
    rank = max(rank, 0.0)
    return 0.5 * in_heading + 0.5 * rank / (1.0 + rank)


def index_fields(record: dict, body: str) -> dict:
    """The searchable forms of a record, folded and exact, computed once in Python so both
    backends index the same words."""
    subject = record.get("subject") or ""
    issuer = (record.get("issuer") or {}).get("name") or ""
    return {
        "number_words": number_key(record.get("number") or "").strip("/").replace("/", " "),
        "subject_folded": words(fold(subject)),
        "issuer_folded": words(fold(issuer)),
        "body_folded": fold(body),  # the body is split into words by each backend
        "subject_exact": words(exact_text(subject)),
        "body_exact": exact_text(body),
    }


# The tables both backends hold, with each dialect's types filled in: {key} the id column,
# {ref} a column naming an id, {blob} bytes. The word indexes are each backend's own.
SHARED_TABLES = """
CREATE TABLE IF NOT EXISTS originals (
    sha256 text PRIMARY KEY, name text NOT NULL, data {blob} NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id {key},
    sha256 text NOT NULL UNIQUE REFERENCES originals (sha256),
    name text NOT NULL, added text NOT NULL,
    number text, number_key text NOT NULL, doc_type text, doc_type_key text NOT NULL,
    system text, issuer text, issuer_key text NOT NULL, date text, subject text);
CREATE TABLE IF NOT EXISTS contents (
    id {ref} PRIMARY KEY REFERENCES documents (id), record text NOT NULL, body text NOT NULL);
CREATE INDEX IF NOT EXISTS documents_number_key ON documents (number_key);
CREATE INDEX IF NOT EXISTS documents_date ON documents (date);
CREATE TABLE IF NOT EXISTS citations (
    doc_id {ref} NOT NULL REFERENCES documents (id), number text NOT NULL,
    number_key text NOT NULL);
CREATE INDEX IF NOT EXISTS citations_number_key ON citations (number_key);
CREATE INDEX IF NOT EXISTS citations_doc ON citations (doc_id);
"""


# Schema changes after the first, as named steps each applied once, in order, in a
# transaction, and noted in `schema_steps` (named, not numbered, so steps that different
# features add do not collide). Same placeholders as SHARED_TABLES; a step that the dialects
# write differently is a dict of each backend's statements ({dialect} of its TYPES).
SCHEMA_STEPS = [
    # Documents received through the web app while they are parsed: the id is the document
    # id reserved for it; a file that fails keeps its one-line reason here.
    ("intake", """
CREATE TABLE IF NOT EXISTS intake (
    id {ref} PRIMARY KEY, name text NOT NULL, status text NOT NULL, reason text,
    doc_id {ref}, added text NOT NULL)"""),
    # A clerk's review: a document with a row here is confirmed; `contents.record` then holds
    # the confirmed record (what search, citations and exports read) and `parsed` the parser's.
    ("review", """
CREATE TABLE IF NOT EXISTS reviews (
    id {ref} PRIMARY KEY REFERENCES documents (id), parsed text NOT NULL,
    confirmed_at text NOT NULL)"""),
    # The incoming register (sổ đăng ký văn bản đến, Nghị định 30/2020 Phụ lục IV): số đến
    # runs from 1 each year; the unique keys refuse a double whatever the writers do.
    ("register", """
CREATE TABLE IF NOT EXISTS register (
    year integer NOT NULL, so_den integer NOT NULL,
    doc_id {ref} NOT NULL UNIQUE REFERENCES documents (id), ngay_den text NOT NULL,
    entry text NOT NULL, PRIMARY KEY (year, so_den))"""),
    # Office mode (corpus/office.py): accounts with a role and a unit, their sessions, failed
    # logins (the lockout counts them), and the audit log, which the app only ever appends to.
    ("office", """
CREATE TABLE IF NOT EXISTS users (
    name text PRIMARY KEY, role text NOT NULL, unit text, password text NOT NULL,
    disabled integer NOT NULL DEFAULT 0, created text NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token text PRIMARY KEY, name text NOT NULL REFERENCES users (name), csrf text NOT NULL,
    expires text NOT NULL);
CREATE TABLE IF NOT EXISTS login_failures (
    name text NOT NULL, client text NOT NULL, at text NOT NULL);
CREATE INDEX IF NOT EXISTS login_failures_name ON login_failures (name, at);
CREATE TABLE IF NOT EXISTS audit (
    id {key}, at text NOT NULL, name text, action text NOT NULL, target text,
    outcome text NOT NULL, detail text)"""),
    # Following up the tasks of confirmed documents (corpus/tracking.py): who a task was given
    # to, and whether it is done, with the note and the reply's number. A task is its document
    # and its id in the confirmed record; a task without a row here is open and not assigned.
    ("tasks", """
CREATE TABLE IF NOT EXISTS task_tracking (
    doc_id {ref} NOT NULL REFERENCES documents (id), task_id text NOT NULL,
    assigned_unit text, assigned_user text, status text NOT NULL, note text,
    reply_number text, updated_by text, updated_at text NOT NULL,
    PRIMARY KEY (doc_id, task_id))"""),
    # The outgoing register (sổ đăng ký văn bản đi, Nghị định 30/2020 Phụ lục IV): a number
    # from 1 each year in each book; the key refuses a double whatever the writers do.
    ("outgoing", """
CREATE TABLE IF NOT EXISTS outgoing (
    year integer NOT NULL, book text NOT NULL, so integer NOT NULL, number text NOT NULL,
    issued text NOT NULL, doc_type text NOT NULL, subject text NOT NULL, spec text NOT NULL,
    issued_by text, PRIMARY KEY (year, book, so))"""),
    # The audit log takes new lines only: the database itself refuses to change or delete
    # one, so not even a program that bypasses vanthu (or a bug in it) can rewrite who did
    # what. Trigger bodies hold semicolons, so each dialect's statements are listed whole.
    ("audit-append-only", {
        "sqlite": [
            "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"],
        "postgresql": [
            "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
            "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
            # TRUNCATE empties a table without deleting its rows one by one.
            "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"]}),
]


class Archive:
    """One archive; open it with `corpus.open_archive(url)`."""

    url: str
    connection = None
    duplicate_error: type[Exception]  # what the driver raises on a unique key stored twice

    # --- what each backend provides -------------------------------------------------------
    def _execute(self, sql: str, params=()):  # pragma: no cover - abstract
        raise NotImplementedError

    @contextmanager
    def transaction(self):  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def _insert_document(self, row: dict) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def _index(self, doc_id: int, fields: dict) -> None:  # pragma: no cover - abstract
        """Index a document's words (index_fields); its documents row is written already."""
        raise NotImplementedError

    def _unindex(self, doc_id: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _text_hits(self, query: Query, exact: bool, filters: Filters,
                   limit: int) -> list[tuple[int, float, bool]]:  # pragma: no cover - abstract
        """(id, relevance ≥ 0, matched in the heading) of documents matching every term."""
        raise NotImplementedError

    def _numbers_containing(self, key: str, limit: int) -> list[tuple[int, str]]:
        """(id, number_key) of documents whose number holds the key's tokens in a row, newest
        first."""  # pragma: no cover - abstract
        raise NotImplementedError

    def _index_problems(self) -> list[str]:  # pragma: no cover - abstract
        """What is wrong with the backend's own storage and word index."""
        raise NotImplementedError

    def _reserve_id(self) -> int:  # pragma: no cover - abstract
        """A document id no other document will get (for a file still being parsed)."""
        raise NotImplementedError

    def _serialize(self, name: str) -> None:  # pragma: no cover - abstract
        """Inside a transaction: wait until no other writer holds `name`'s turn."""
        raise NotImplementedError

    def _migrate(self, types: dict) -> None:
        """Apply the SCHEMA_STEPS this archive lacks (`types`: the backend's placeholders)."""
        self._execute("CREATE TABLE IF NOT EXISTS schema_steps (name text PRIMARY KEY, "
                      "applied text NOT NULL)")
        done = {row[0] for row in self._rows("SELECT name FROM schema_steps")}
        for name, sql in SCHEMA_STEPS:
            if name in done:
                continue
            with self.transaction():
                if self._rows("SELECT 1 FROM schema_steps WHERE name = ?", (name,)):
                    continue  # another process applied it meanwhile
                statements = (sql[types["dialect"]] if isinstance(sql, dict)
                              else sql.format(**types).split(";"))
                for statement in statements:
                    if statement.strip():
                        self._execute(statement)
                self._execute("INSERT INTO schema_steps (name, applied) VALUES (?, ?)",
                              (name, _now()))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # --- storing --------------------------------------------------------------------------
    def _rows(self, sql: str, params=()) -> list[tuple]:
        return self._execute(sql, params).fetchall()

    def count(self) -> int:
        return self._rows("SELECT count(*) FROM documents")[0][0]

    def id_of_sha256(self, sha256: str) -> int | None:
        rows = self._rows("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
        return rows[0][0] if rows else None

    def add_file(self, path: str | Path) -> Added:
        """Parse a file and store it, unless the same bytes are stored already."""
        from pipeline.parse import parse_bytes
        from pipeline.readers import read_bytes

        data = read_bytes(path)
        sha256 = hashlib.sha256(data).hexdigest()
        existing = self.id_of_sha256(sha256)
        if existing is not None:
            return Added(existing, False, self.record(existing))
        record, text = parse_bytes(path, data)
        return self.add_record(record.to_dict(), text.content, data, Path(path).name, sha256)

    def add_record(self, record: dict, body: str, data: bytes, name: str,
                   sha256: str | None = None, doc_id: int | None = None) -> Added:
        """Store a parsed record with its text and original bytes, in one transaction
        (`sha256`: the bytes' hash, when the caller has it already; `doc_id`: an id reserved
        for it)."""
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        try:
            with self.transaction():
                existing = self.id_of_sha256(sha256)
                if existing is not None:
                    return Added(existing, False, self.record(existing))
                self._execute("INSERT INTO originals (sha256, name, data) VALUES (?, ?, ?)",
                              (sha256, name, data))
                doc_id = self._insert_document({
                    **({"id": doc_id} if doc_id is not None else {}), "sha256": sha256, "name": name,
                    "added": _now(),
                    **self._columns(record)})
                self._execute("INSERT INTO contents (id, record, body) VALUES (?, ?, ?)",
                              (doc_id, json.dumps(record, ensure_ascii=False), body))
                self._index(doc_id, index_fields(record, body))
                self._cite(doc_id, record)
        except self.duplicate_error:
            # Another writer stored the same bytes between our check and our insert (two
            # clerks on one PostgreSQL archive): it is stored, once.
            existing = self.id_of_sha256(sha256)
            if existing is None:
                raise
            return Added(existing, False, self.record(existing))
        return Added(doc_id, True, record)

    def add_records(self, items: Iterable[tuple[dict, str, bytes, str]],
                    per_transaction: int = 500) -> Iterator[Added]:
        """Store many parsed (record, body, original bytes, name) at once: an import's way,
        `per_transaction` documents a commit, since the word indexes are written at each commit
        and fewer, larger commits cost less. Each document is still whole or absent: an error
        or a crash undoes the open group only, and a rerun adds it (the committed ones are
        known by their bytes)."""
        items = iter(items)
        while group := list(islice(items, per_transaction)):
            with self.transaction():
                stored = [self.add_record(*item) for item in group]
            yield from stored

    @staticmethod
    def _columns(record: dict) -> dict:
        """The documents table's columns: what filters and lookups read (kept narrow, so a
        search that filters many documents reads small rows; record and text are in
        `contents`)."""
        issuer = (record.get("issuer") or {}).get("name")
        number = record.get("number")
        return {"number": number, "number_key": number_key(number or ""),
                "doc_type": record.get("doc_type"),
                "doc_type_key": fold(record.get("doc_type") or ""),
                "system": record.get("system"), "issuer": issuer,
                "issuer_key": fold(issuer or ""), "date": record.get("date"),
                "subject": record.get("subject")}

    def _cite(self, doc_id: int, record: dict) -> None:
        seen = set()
        for reference in record.get("references") or []:
            key = number_key(reference.get("number") or "")
            if key and key not in seen:
                seen.add(key)
                self._execute("INSERT INTO citations (doc_id, number, number_key) "
                              "VALUES (?, ?, ?)", (doc_id, reference["number"], key))

    def reindex(self, progress=None) -> tuple[int, list[str]]:
        """Re-parse every stored original with the current parser; (updated, failures)."""
        from pipeline.parse import parse_bytes

        ids = [row[0] for row in self._rows("SELECT id FROM documents ORDER BY id")]
        updated, failures = 0, []
        for done, doc_id in enumerate(ids, start=1):
            name, data = self.original(doc_id)
            if progress:
                progress(done, len(ids), name)
            try:
                parsed, text = parse_bytes(name, bytes(data))
                record = parsed.to_dict()
            except Exception as err:  # a parser bug must not stop the others being updated
                failures.append(f"#{doc_id} {name}: {err}")
                continue
            with self.transaction():
                if self._rows("SELECT 1 FROM reviews WHERE id = ?", (doc_id,)):
                    # A clerk confirmed it: the confirmed record stays; the parser's is renewed.
                    self._execute("UPDATE reviews SET parsed = ? WHERE id = ?",
                                  (json.dumps(record, ensure_ascii=False), doc_id))
                    record = self.record(doc_id)
                self.replace_record(doc_id, record, text.content)
            updated += 1
        return updated, failures

    def replace_record(self, doc_id: int, record: dict, body: str | None = None) -> None:
        """Make `record` (and `body`, if given) the document's, in its columns, word index and
        citations; inside the caller's transaction."""
        if body is None:
            body = self._rows("SELECT body FROM contents WHERE id = ?", (doc_id,))[0][0]
        columns = self._columns(record)
        sets = ", ".join(f"{k} = ?" for k in columns)
        self._execute(f"UPDATE documents SET {sets} WHERE id = ?", (*columns.values(), doc_id))
        self._execute("UPDATE contents SET record = ?, body = ? WHERE id = ?",
                      (json.dumps(record, ensure_ascii=False), body, doc_id))
        self._unindex(doc_id)
        self._index(doc_id, index_fields(record, body))
        self._execute("DELETE FROM citations WHERE doc_id = ?", (doc_id,))
        self._cite(doc_id, record)

    def body(self, doc_id: int) -> str:
        rows = self._rows("SELECT body FROM contents WHERE id = ?", (doc_id,))
        if not rows:
            raise ArchiveError(f"no document #{doc_id} in {self.url}")
        return rows[0][0]

    def remove(self, doc_id: int) -> None:
        with self.transaction():
            rows = self._rows("SELECT sha256 FROM documents WHERE id = ?", (doc_id,))
            if not rows:
                raise ArchiveError(f"no document #{doc_id} in {self.url}")
            entry = self._rows("SELECT year, so_den FROM register WHERE doc_id = ?", (doc_id,))
            if entry:  # the register is a book: no number may go missing from it
                raise ArchiveError(f"#{doc_id} is in the incoming register (số đến "
                                   f"{entry[0][1]}/{entry[0][0]}) and stays in the archive")
            self._execute("DELETE FROM reviews WHERE id = ?", (doc_id,))
            self._execute("DELETE FROM task_tracking WHERE doc_id = ?", (doc_id,))
            self._unindex(doc_id)
            self._execute("DELETE FROM citations WHERE doc_id = ?", (doc_id,))
            self._execute("DELETE FROM contents WHERE id = ?", (doc_id,))
            self._execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._execute("DELETE FROM originals WHERE sha256 = ?", (rows[0][0],))

    # --- checking -------------------------------------------------------------------------
    def check(self) -> list[str]:
        """Every inconsistency found, one line each ([] for a sound archive): a document
        without its original, record or index entry, rows belonging to no document, an
        original whose bytes no longer match their sha256, a record that is not JSON or whose
        number key disagrees with it, and the backend's own checks of its storage and index."""
        problems = [f"#{i}: {what}" for i, what in self._rows(
            "SELECT d.id, 'its original is missing' FROM documents d LEFT JOIN originals o "
            "ON o.sha256 = d.sha256 WHERE o.sha256 IS NULL UNION ALL "
            "SELECT d.id, 'its record and text are missing' FROM documents d "
            "LEFT JOIN contents c ON c.id = d.id WHERE c.id IS NULL ORDER BY 1")]
        problems += [f"{what} {key}" for what, key in self._rows(
            "SELECT 'an original belongs to no document:', o.name FROM originals o "
            "LEFT JOIN documents d ON d.sha256 = o.sha256 WHERE d.id IS NULL UNION ALL "
            "SELECT 'a record belongs to no document: #', CAST(c.id AS text) FROM contents c "
            "LEFT JOIN documents d ON d.id = c.id WHERE d.id IS NULL UNION ALL "
            "SELECT 'a citation belongs to no document: #', CAST(t.doc_id AS text) "
            "FROM citations t LEFT JOIN documents d ON d.id = t.doc_id WHERE d.id IS NULL")]
        last = 0
        while True:  # in pages: originals can be large
            rows = self._rows("SELECT d.id, d.sha256, d.number_key, o.data, c.record "
                              "FROM documents d JOIN originals o ON o.sha256 = d.sha256 "
                              "JOIN contents c ON c.id = d.id WHERE d.id > ? ORDER BY d.id "
                              "LIMIT 100", (last,))
            if not rows:
                break
            for doc_id, sha256, key, data, record in rows:
                if hashlib.sha256(bytes(data)).hexdigest() != sha256:
                    problems.append(f"#{doc_id}: its original's bytes do not match their sha256")
                try:
                    number = json.loads(record).get("number") or ""
                except (ValueError, AttributeError):
                    problems.append(f"#{doc_id}: its record is not a JSON object")
                    continue
                if number_key(number) != key:
                    problems.append(f"#{doc_id}: its number key does not match its record")
            last = rows[-1][0]
        return problems + self._index_problems()

    # --- reading --------------------------------------------------------------------------
    def record(self, doc_id: int) -> dict:
        rows = self._rows("SELECT record FROM contents WHERE id = ?", (doc_id,))
        if not rows:
            raise ArchiveError(f"no document #{doc_id} in {self.url}")
        return json.loads(rows[0][0])

    def original(self, doc_id: int) -> tuple[str, bytes]:
        rows = self._rows("SELECT o.name, o.data FROM documents d JOIN originals o "
                          "ON o.sha256 = d.sha256 WHERE d.id = ?", (doc_id,))
        if not rows:
            raise ArchiveError(f"no document #{doc_id} in {self.url}")
        return rows[0][0], bytes(rows[0][1])

    def records(self):
        """(id, record) of every document, in the order they were added."""
        last = 0
        while True:  # in pages, so a large archive is not read into memory at once
            rows = self._rows("SELECT id, record FROM contents WHERE id > ? ORDER BY id "
                              "LIMIT 500", (last,))
            if not rows:
                return
            for doc_id, record in rows:
                yield doc_id, json.loads(record)
            last = rows[-1][0]

    def find(self, reference: str) -> list[int]:
        """Documents named by an id ("12", "#12") or a number, whole or in part."""
        hits = [doc_id for doc_id, _ in self._number_hits(reference, 50)]
        bare = reference.strip().lstrip("#")
        if bare.isdigit() and self._rows("SELECT 1 FROM documents WHERE id = ?", (int(bare),)):
            if reference.strip().startswith("#") or not hits:
                return [int(bare)]
        return hits

    def numbered(self, number: str) -> list[int]:
        """Documents whose number is this one, whatever its spacing and case, newest first."""
        key = number_key(number)
        if not key:
            return []
        return [row[0] for row in self._rows(
            "SELECT id FROM documents WHERE number_key = ? ORDER BY id DESC", (key,))]

    def _number_hits(self, text: str, limit: int) -> list[tuple[int, float]]:
        key = number_key(text)
        if not key:
            return []
        rows = self._rows("SELECT id, number_key FROM documents WHERE number_key = ? "
                          "ORDER BY id DESC LIMIT ?", (key, limit))
        rows += self._numbers_containing(key, limit * 4)
        scored = {doc_id: NUMBER_EXACT if found == key
                  else NUMBER_PART + len(key) / len(found) / 2 for doc_id, found in rows}
        return sorted(scored.items(), key=lambda pair: -pair[1])[:limit]

    # --- searching ------------------------------------------------------------------------
    def search(self, text: str, filters: Filters | None = None, limit: int = 20,
               marks: tuple[str, str] = ("[", "]")) -> list[Hit]:
        """Documents for a query, best first: number matches, then words as typed (with
        their diacritics), then words without diacritics. `marks` go around each matched word
        in the snippets."""
        filters = filters or Filters()
        scores: dict[int, float] = {}

        def take(hits, floor):
            for doc_id, rank, in_heading in hits:
                if doc_id not in scores:
                    scores[doc_id] = floor + _word_score(rank, in_heading)

        if looks_like_number(text):
            hits = self._number_hits(text, limit)
            if hits:
                allowed = self._filtered([doc_id for doc_id, _ in hits], filters)
                scores.update((d, s) for d, s in hits if d in allowed)
        folded = parse_query(text, fold)
        if folded.is_empty():
            raise ArchiveError("the query has no words to search for")
        exact = parse_query(text)
        if exact.has_diacritics:
            take(self._text_hits(exact, True, filters, limit), EXACT_WORDS)
        if len(scores) < limit:  # else words found only without diacritics cannot make the list
            take(self._text_hits(folded, False, filters, limit + len(scores)), 0.0)
        # Ties (common in a small archive) go to the newest.
        ranked = sorted(scores.items(), key=lambda pair: (-pair[1], -pair[0]))[:limit]
        return [self._hit(doc_id, score, folded, marks) for doc_id, score in ranked]

    def _filtered(self, ids: list[int], filters: Filters) -> set[int]:
        where, values = filters.sql()
        marks = ", ".join("?" for _ in ids)
        return {row[0] for row in self._rows(
            f"SELECT d.id FROM documents d WHERE d.id IN ({marks}){where}", (*ids, *values))}

    def _hit(self, doc_id: int, score: float, query: Query, marks=("[", "]")) -> Hit:
        record, body = self._rows("SELECT record, body FROM contents WHERE id = ?",
                                  (doc_id,))[0]
        return Hit(doc_id, score, json.loads(record), snippet(body, query, mark=marks))

    # --- citations ------------------------------------------------------------------------
    def cites(self, number: str, depth: int = 5) -> dict:
        """What the document numbered `number` cites, and the documents that cite it, and
        those that cite them, down to `depth` levels."""
        key = number_key(number)
        if not key:
            raise ArchiveError(f"'{number}' is not a document number")
        own = self.numbered(number)
        record = self.record(own[0]) if own else None
        cited = []
        for reference in (record or {}).get("references") or []:
            found = self.numbered(reference["number"])
            cited.append({**reference, "id": found[0] if found else None})
        return {"number": record["number"] if record else number, "id": own[0] if own else None,
                "record": record, "cites": cited,
                "cited_by": self._cited_by(key, depth, {key})}

    def _cited_by(self, key: str, depth: int, seen: set[str]) -> list[dict]:
        if depth == 0:
            return []
        rows = self._rows("SELECT DISTINCT c.doc_id, d.number, d.number_key FROM citations c "
                          "JOIN documents d ON d.id = c.doc_id WHERE c.number_key = ? "
                          "ORDER BY d.number_key", (key,))
        chain = []
        for doc_id, own_number, own_key in rows:
            below = []
            if own_key and own_key not in seen:
                seen.add(own_key)
                below = self._cited_by(own_key, depth - 1, seen)
            chain.append({"id": doc_id, "record": self.record(doc_id), "cited_by": below})
        return chain
