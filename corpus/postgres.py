"""The shared backend: a PostgreSQL database, words in tsvector columns (the heading and the
whole text, folded and exact) with GIN indexes. The vectors are built in Python from the words
corpus.archive.index_fields folds, so both backends index the same words."""
from __future__ import annotations

from contextlib import contextmanager

from corpus.archive import SHARED_TABLES, Archive, ArchiveError, Filters
from corpus.keys import Query, words

TYPES = {"key": "bigserial PRIMARY KEY", "ref": "bigint", "blob": "bytea",
         "dialect": "postgresql"}
SCHEMA = SHARED_TABLES.format(**TYPES) + """
-- The words live in a narrow table of their own, with copies of the columns searches filter
-- on: a search that matches many documents then reads small rows, joins nothing, and reads
-- the large vectors (stored out of line) only for those it ranks.
CREATE TABLE IF NOT EXISTS words (
    id bigint PRIMARY KEY REFERENCES documents (id),
    head tsvector NOT NULL, folded tsvector NOT NULL, exact_head tsvector NOT NULL,
    exact tsvector NOT NULL,
    doc_type_key text NOT NULL, system text, issuer_key text NOT NULL, date text);
CREATE INDEX IF NOT EXISTS words_head ON words USING gin (head);
CREATE INDEX IF NOT EXISTS words_folded ON words USING gin (folded);
CREATE INDEX IF NOT EXISTS words_exact_head ON words USING gin (exact_head);
CREATE INDEX IF NOT EXISTS words_exact ON words USING gin (exact);
-- A filtered search finds the documents of a type, system or period through these, then tests
-- their vectors; without them it walks every id newest first, reading each vector
-- (bench/corpus_bench.py, filtered p95 at 100,000 records: 66 ms without, 30 ms with).
CREATE INDEX IF NOT EXISTS words_type_date ON words (doc_type_key, date);
CREATE INDEX IF NOT EXISTS words_system_date ON words (system, date);
CREATE INDEX IF NOT EXISTS words_date ON words (date);
"""
# ts_rank weights for {D, C, B, A}: body, issuer, subject, number; normalisation 1 divides
# by the log of the length, so long documents do not win by size.
WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"
# How many of the newest documents matching anywhere are ranked (see _text_hits).
RANKED = 200
PHRASE_CANDIDATES = 1000


def tsquery(query: Query, phrases: bool = True) -> str:
    """A to_tsquery string: every word and phrase required (without `phrases`, a phrase's
    words in any order). Words are letters and digits only (keys.words), so quoting them is
    enough to keep tsquery syntax out."""
    together = " <-> " if phrases else " & "
    return " & ".join("(" + together.join(f"'{w}'" for w in term) + ")" for term in query.terms)


MAX_POSITION = 16383  # PostgreSQL's limit; later words keep this position
# Each position as the literal writes it, per weight (D, the default, unmarked): made once,
# since a long body has thousands of positions.
_POSITION_LABELS = {weight: [f"{at}{'' if weight == 'D' else weight}"
                             for at in range(MAX_POSITION + 1)] for weight in "ABCD"}


def tsvector(parts: list[tuple[str, str]]) -> str:
    """A tsvector literal for texts in order, each with its weight: positions run on from one
    text to the next, as || would make them. Built here because PostgreSQL's own parser
    (to_tsvector) costs more than the rest of storing a document, and the words are already
    split and folded."""
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in parts:
        labels = _POSITION_LABELS[weight]
        for word in words(text).split():
            position += position < MAX_POSITION
            at = positions.get(word)
            if at is None:
                positions[word] = [labels[position]]
            else:
                at.append(labels[position])
    return " ".join(f"'{word}':{','.join(at)}" for word, at in positions.items())


class PostgresArchive(Archive):
    def __init__(self, url: str):
        import psycopg

        self.url = url
        self._error = psycopg.Error
        self.duplicate_error = psycopg.errors.UniqueViolation
        try:
            self.connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
            with self.connection.transaction():
                self.connection.execute("SELECT pg_advisory_xact_lock(4242)")  # one creator
                self.connection.execute(SCHEMA)
                self._migrate(TYPES)
        except psycopg.Error as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ArchiveError(f"{_without_password(url)}: cannot open the archive ({reason})")

    def _execute(self, sql: str, params=()):
        return self.connection.execute(sql.replace("?", "%s"), params)

    @contextmanager
    def transaction(self):
        with self.connection.transaction():
            yield

    def _reserve_id(self) -> int:
        return self._rows("SELECT nextval(pg_get_serial_sequence('documents', 'id'))")[0][0]

    def _serialize(self, name: str) -> None:
        self._execute("SELECT pg_advisory_xact_lock(hashtext(?))", (name,))

    def _insert_document(self, row: dict) -> int:
        names = ", ".join(row)
        marks = ", ".join("%s" for _ in row)
        return self.connection.execute(
            f"INSERT INTO documents ({names}) VALUES ({marks}) RETURNING id",
            tuple(row.values())).fetchone()[0]

    def _index(self, doc_id: int, fields: dict) -> None:
        head = [(fields["number_words"], "A"), (fields["subject_folded"], "B"),
                (fields["issuer_folded"], "C")]
        self._execute("INSERT INTO words (id, head, folded, exact_head, exact, doc_type_key, "
                      "system, issuer_key, date) SELECT d.id, ?::tsvector, ?::tsvector, "
                      "?::tsvector, ?::tsvector, d.doc_type_key, d.system, d.issuer_key, d.date "
                      "FROM documents d WHERE d.id = ?",
                      (tsvector(head), tsvector([*head, (fields["body_folded"], "D")]),
                       tsvector([(fields["subject_exact"], "B")]),
                       tsvector([(fields["subject_exact"], "B"), (fields["body_exact"], "D")]),
                       doc_id))

    def _unindex(self, doc_id: int) -> None:
        self._execute("DELETE FROM words WHERE id = ?", (doc_id,))

    def _text_hits(self, query: Query, exact: bool, filters: Filters,
                   limit: int) -> list[tuple[int, float, bool]]:
        head, whole = ("exact_head", "exact") if exact else ("head", "folded")
        where, values = filters.sql()  # over `d`: the words table carries the filter columns
        matches = "to_tsquery('simple', ?)"
        # Ranking reads each matching document's whole vector, and so does checking a phrase:
        # too slow for common words in a large archive. So rank the documents matching in the
        # heading (small vectors), and the newest RANKED among those matching anywhere; a
        # phrase is checked among the newest PHRASE_CANDIDATES holding all its words.
        newest = RANKED if not query.phrases else PHRASE_CANDIDATES
        phrase_check = f" WHERE newest.vector @@ {matches}" if query.phrases else ""
        sql = (f"SELECT id, max(relevance), bool_or(heading) FROM ("
               f"(SELECT d.id, ts_rank('{WEIGHTS}', d.{head}, {matches}, 1) AS relevance, "
               f"true AS heading FROM words d WHERE d.{head} @@ {matches}{where} "
               f"ORDER BY relevance DESC LIMIT ?) UNION ALL "
               f"(SELECT newest.id, ts_rank('{WEIGHTS}', newest.vector, {matches}, 1), false "
               f"FROM (SELECT d.id, d.{whole} AS vector FROM words d "
               f"WHERE d.{whole} @@ {matches}{where} ORDER BY d.id DESC LIMIT ?) newest"
               f"{phrase_check})) found GROUP BY id ORDER BY 3 DESC, 2 DESC LIMIT ?")
        expression, loose = tsquery(query), tsquery(query, phrases=False)
        try:
            return self._rows(sql, (expression, expression, *values, RANKED, expression, loose,
                                    *values, newest, *([expression] if query.phrases else []),
                                    limit))
        except self._error as err:
            raise ArchiveError(f"cannot search for {query.text!r} ({err})")

    def _index_problems(self) -> list[str]:
        return [f"#{i}: {what}" for i, what in self._rows(
            "SELECT d.id, 'is missing from the word index' FROM documents d "
            "LEFT JOIN words w ON w.id = d.id WHERE w.id IS NULL UNION ALL "
            "SELECT w.id, 'has filter columns that differ from its document' FROM words w "
            "JOIN documents d ON d.id = w.id WHERE (w.doc_type_key, w.system, w.issuer_key, "
            "w.date) IS DISTINCT FROM (d.doc_type_key, d.system, d.issuer_key, d.date) "
            "ORDER BY 1")]

    def _numbers_containing(self, key: str, limit: int) -> list[tuple[int, str]]:
        # The number's words are the only ones weighted A.
        phrase = " <-> ".join(f"'{t}':A" for t in key.strip("/").split("/"))
        return self._rows("SELECT d.id, d.number_key FROM words w JOIN documents d ON d.id = w.id "
                          "WHERE w.head @@ to_tsquery('simple', ?) ORDER BY d.id DESC LIMIT ?",
                          (phrase, limit))


def _without_password(url: str) -> str:
    """The URL as it may be shown in a message."""
    import re
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
