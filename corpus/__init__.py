"""The searchable archive of parsed documents: SQLite by default, PostgreSQL for an office.

    from corpus import open_archive
    with open_archive("~/archive.sqlite") as archive:
        archive.add_file("cong-van.docx")
        for hit in archive.search("kiem diem 2023 tinh uy"):
            print(hit.id, hit.record["number"], hit.snippet)
"""
from __future__ import annotations

import os
from pathlib import Path

from corpus.archive import Archive, ArchiveError, Filters, Hit


def default_location() -> Path:
    """The archive in the user's data directory (XDG), unless VANTHU_DB says otherwise."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "vanthu" / "archive.sqlite"


def open_archive(url: str | Path | None = None) -> Archive:
    """A path (SQLite) or a postgresql:// URL; None means VANTHU_DB, else the default file."""
    url = str(url or os.environ.get("VANTHU_DB") or default_location())
    if url.startswith(("postgresql://", "postgres://")):
        from corpus.postgres import PostgresArchive
        return PostgresArchive(url)
    from corpus.sqlite import SqliteArchive
    return SqliteArchive(url)


__all__ = ["Archive", "ArchiveError", "Filters", "Hit", "default_location", "open_archive"]
