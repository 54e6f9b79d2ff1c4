"""The embedded backend: one SQLite file, FTS5 for words (the heading and the whole text,
each folded and exact)."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

from corpus.archive import SHARED_TABLES, Archive, ArchiveError, Filters
from corpus.keys import Query

TYPES = {"key": "INTEGER PRIMARY KEY AUTOINCREMENT", "ref": "INTEGER", "blob": "BLOB",
         "dialect": "sqlite"}
SCHEMA = SHARED_TABLES.format(**TYPES) + """
CREATE VIRTUAL TABLE IF NOT EXISTS words_folded USING fts5 (
    number, subject, issuer, body, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS words_exact USING fts5 (
    subject, body, tokenize = 'unicode61 remove_diacritics 0');
-- The heading alone again: its word lists are short, so heading matches are found fast even
-- for words every body holds.
CREATE VIRTUAL TABLE IF NOT EXISTS heading_folded USING fts5 (
    number, subject, issuer, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS heading_exact USING fts5 (
    subject, tokenize = 'unicode61 remove_diacritics 0');
"""
FTS_TABLES = ("words_folded", "heading_folded", "words_exact", "heading_exact")
# (heading table, its bm25 column weights, whole table, its weights), folded and exact: the
# number and the subject count most, then the issuer, then the body.
WORD_TABLES = {
    False: ("heading_folded", "10.0, 5.0, 2.0", "words_folded", "10.0, 5.0, 2.0, 1.0"),
    True: ("heading_exact", "1.0", "words_exact", "5.0, 1.0")}
# How many of the newest documents matching anywhere are ranked (see _text_hits).
RANKED = 1000
# With a filter, each match costs a look-up too; the filter has narrowed the field already.
RANKED_FILTERED = 200


def match_expression(query: Query) -> str:
    """An FTS5 MATCH string: every word and phrase required. Words are letters and digits only
    (keys.words), so quoting them is enough to keep FTS5 syntax out."""
    return " AND ".join('"' + " ".join(term) + '"' for term in query.terms)


class SqliteArchive(Archive):
    duplicate_error = sqlite3.IntegrityError
    def __init__(self, path: str | Path):
        self.url = str(path)
        path = Path(path).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are opened explicitly, one per document.
            self.connection = sqlite3.connect(path, isolation_level=None, timeout=30)
            # WAL with synchronous=NORMAL: a commit survives a killed process (the log is
            # written before COMMIT returns); only a power cut may lose the last commits.
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.execute("PRAGMA cache_size = -65536")  # 64 MB: the index stays hot
            self.connection.executescript(SCHEMA)
            self._migrate(TYPES)
        except (sqlite3.Error, OSError) as err:
            raise ArchiveError(f"{path}: cannot open the archive ({err})")

    def _execute(self, sql: str, params=()):
        return self.connection.execute(sql, params)

    @contextmanager
    def transaction(self):
        # Nested (a document inside add_records' group): the outer one commits. No savepoint:
        # FTS5 writes its pending words out at each one, which costs what grouping saves, and
        # none is needed, as BEGIN IMMEDIATE lets no other writer store the same bytes meanwhile.
        if self.connection.in_transaction:
            yield
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def _reserve_id(self) -> int:
        # AUTOINCREMENT numbers past sqlite_sequence's value: raising it keeps the id for us.
        with self.transaction():
            self._execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'documents', "
                          "coalesce(max(id), 0) FROM documents WHERE NOT EXISTS "
                          "(SELECT 1 FROM sqlite_sequence WHERE name = 'documents')")
            self._execute("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'documents'")
            return self._rows("SELECT seq FROM sqlite_sequence WHERE name = 'documents'")[0][0]

    def _serialize(self, name: str) -> None:
        pass  # BEGIN IMMEDIATE lets one writer in at a time already

    def _insert_document(self, row: dict) -> int:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        return self.connection.execute(f"INSERT INTO documents ({names}) VALUES ({marks})",
                                       tuple(row.values())).lastrowid

    def _index(self, doc_id: int, fields: dict) -> None:
        heading = (fields["number_words"], fields["subject_folded"], fields["issuer_folded"])
        self._execute("INSERT INTO words_folded (rowid, number, subject, issuer, body) "
                      "VALUES (?, ?, ?, ?, ?)", (doc_id, *heading, fields["body_folded"]))
        self._execute("INSERT INTO heading_folded (rowid, number, subject, issuer) "
                      "VALUES (?, ?, ?, ?)", (doc_id, *heading))
        self._execute("INSERT INTO words_exact (rowid, subject, body) VALUES (?, ?, ?)",
                      (doc_id, fields["subject_exact"], fields["body_exact"]))
        self._execute("INSERT INTO heading_exact (rowid, subject) VALUES (?, ?)",
                      (doc_id, fields["subject_exact"]))

    def _unindex(self, doc_id: int) -> None:
        for table in FTS_TABLES:
            self._execute(f"DELETE FROM {table} WHERE rowid = ?", (doc_id,))

    def _text_hits(self, query: Query, exact: bool, filters: Filters,
                   limit: int) -> list[tuple[int, float, bool]]:
        heading_table, heading_weights, table, weights = WORD_TABLES[exact]
        where, values = filters.sql()
        expression = match_expression(query)
        # bm25 costs a lookup per matching row, too slow for common words in a large archive:
        # rank the documents matching in the heading and the newest RANKED matching anywhere,
        # each found by walking an index newest first and stopping early.
        heading = self._ranked(heading_table, heading_weights, expression, where, values, query)
        anywhere = self._ranked(table, weights, expression, where, values, query)
        found = {doc_id: (rank, True) for doc_id, rank in heading}
        for doc_id, rank in anywhere:
            found[doc_id] = (max(rank, found.get(doc_id, (0.0,))[0]), doc_id in found)
        best = sorted(found.items(), key=lambda item: (not item[1][1], -item[1][0]))[:limit]
        return [(doc_id, rank, in_heading) for doc_id, (rank, in_heading) in best]

    def _ranked(self, table, weights, match, where, values, query):
        join = f" JOIN documents d ON d.id = {table}.rowid" if where else ""
        sql = (f"SELECT {table}.rowid, -bm25({table}, {weights}) FROM {table}{join} "
               f"WHERE {table} MATCH ?{where} ORDER BY {table}.rowid DESC LIMIT ?")
        try:
            return self._rows(sql, (match, *values, RANKED_FILTERED if where else RANKED))
        except sqlite3.OperationalError as err:
            raise ArchiveError(f"cannot search for {query.text!r} ({err})")

    def _index_problems(self) -> list[str]:
        problems = [f"SQLite: {row[0]}" for row in self._rows("PRAGMA quick_check")
                    if row[0] != "ok"]
        for table in FTS_TABLES:
            try:  # FTS5's own check of its index against its stored text
                self._execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as err:
                problems.append(f"{table}: {err}")
            problems += [f"#{i}: {what} {table}" for i, what in self._rows(
                f"SELECT id, 'is missing from' FROM documents WHERE id NOT IN "
                f"(SELECT rowid FROM {table}) UNION ALL SELECT rowid, 'is no document but in' "
                f"FROM {table} WHERE rowid NOT IN (SELECT id FROM documents) ORDER BY 1")]
        return problems

    def _numbers_containing(self, key: str, limit: int) -> list[tuple[int, str]]:
        phrase = '"' + key.strip("/").replace("/", " ") + '"'
        return self._rows("SELECT d.id, d.number_key FROM heading_folded f JOIN documents d "
                          "ON d.id = f.rowid WHERE heading_folded MATCH ? "
                          "ORDER BY f.rowid DESC LIMIT ?", ("{number} : " + phrase, limit))
