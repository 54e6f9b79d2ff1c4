"""The shared backend: a PostgreSQL database, words in two tsvector columns (folded and exact)
with GIN indexes. The text search configuration is 'simple': the words are already folded or
lower-cased in Python (corpus.archive.index_fields), so both backends index the same words."""
from __future__ import annotations

from contextlib import contextmanager

from corpus.archive import Archive, ArchiveError, Filters
from corpus.keys import Query

SCHEMA = """
CREATE TABLE IF NOT EXISTS originals (
    sha256 text PRIMARY KEY, name text NOT NULL, data bytea NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id bigserial PRIMARY KEY,
    sha256 text NOT NULL UNIQUE REFERENCES originals (sha256),
    name text NOT NULL, added text NOT NULL,
    number text, number_key text NOT NULL, doc_type text, doc_type_key text NOT NULL,
    system text, issuer text, issuer_key text NOT NULL, date text, subject text,
    record text NOT NULL, body text NOT NULL,
    words_folded tsvector, words_exact tsvector);
CREATE INDEX IF NOT EXISTS documents_number_key ON documents (number_key);
CREATE INDEX IF NOT EXISTS documents_date ON documents (date);
CREATE INDEX IF NOT EXISTS documents_words_folded ON documents USING gin (words_folded);
CREATE INDEX IF NOT EXISTS documents_words_exact ON documents USING gin (words_exact);
CREATE TABLE IF NOT EXISTS citations (
    doc_id bigint NOT NULL REFERENCES documents (id), number text NOT NULL,
    number_key text NOT NULL);
CREATE INDEX IF NOT EXISTS citations_number_key ON citations (number_key);
CREATE INDEX IF NOT EXISTS citations_doc ON citations (doc_id);
"""
# ts_rank weights for {D, C, B, A}: body, issuer, subject, number; normalisation 1 divides
# by the log of the length, so long documents do not win by size.
WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"


def tsquery(query: Query) -> str:
    """A to_tsquery string: every word and phrase required. Words are letters and digits only
    (keys.words), so quoting them is enough to keep tsquery syntax out."""
    return " & ".join("(" + " <-> ".join(f"'{w}'" for w in term) + ")" for term in query.terms)


class PostgresArchive(Archive):
    def __init__(self, url: str):
        import psycopg

        self.url = url
        self._error = psycopg.Error
        try:
            self.connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
            with self.connection.transaction():
                self.connection.execute("SELECT pg_advisory_xact_lock(4242)")  # one creator
                self.connection.execute(SCHEMA)
        except psycopg.Error as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ArchiveError(f"{_without_password(url)}: cannot open the archive ({reason})")

    def _execute(self, sql: str, params=()):
        return self.connection.execute(sql.replace("?", "%s"), params)

    @contextmanager
    def transaction(self):
        with self.connection.transaction():
            yield

    def _insert_document(self, row: dict) -> int:
        names = ", ".join(row)
        marks = ", ".join("%s" for _ in row)
        return self.connection.execute(
            f"INSERT INTO documents ({names}) VALUES ({marks}) RETURNING id",
            tuple(row.values())).fetchone()[0]

    def _index(self, doc_id: int, fields: dict) -> None:
        self._execute(
            "UPDATE documents SET words_folded = "
            "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')"
            " || setweight(to_tsvector('simple', ?), 'C') || setweight(to_tsvector('simple', ?),"
            " 'D'), words_exact = setweight(to_tsvector('simple', ?), 'B') || "
            "setweight(to_tsvector('simple', ?), 'D') WHERE id = ?",
            (fields["number_words"], fields["subject_folded"], fields["issuer_folded"],
             fields["body_folded"], fields["subject_exact"], fields["body_exact"], doc_id))

    def _unindex(self, doc_id: int) -> None:
        self._execute("UPDATE documents SET words_folded = NULL, words_exact = NULL "
                      "WHERE id = ?", (doc_id,))

    def _text_hits(self, query: Query, exact: bool, filters: Filters,
                   limit: int) -> list[tuple[int, float]]:
        column = "words_exact" if exact else "words_folded"
        where, values = filters.sql()
        sql = (f"SELECT d.id, ts_rank('{WEIGHTS}', d.{column}, q, 1) AS relevance "
               f"FROM documents d, to_tsquery('simple', ?) q WHERE d.{column} @@ q{where} "
               f"ORDER BY relevance DESC, d.id LIMIT ?")
        try:
            return self._rows(sql, (tsquery(query), *values, limit))
        except self._error as err:
            raise ArchiveError(f"cannot search for {query.text!r} ({err})")

    def _numbers_containing(self, key: str, limit: int) -> list[tuple[int, str]]:
        # The number's words are the only ones weighted A in words_folded.
        phrase = " <-> ".join(f"'{t}':A" for t in key.strip("/").split("/"))
        return self._rows("SELECT id, number_key FROM documents WHERE words_folded @@ "
                          "to_tsquery('simple', ?) ORDER BY id DESC LIMIT ?", (phrase, limit))


def _without_password(url: str) -> str:
    """The URL as it may be shown in a message."""
    import re
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
