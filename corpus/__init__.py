"""The searchable archive of parsed documents (SQLite or PostgreSQL): not built yet.

See the README's roadmap.
"""
