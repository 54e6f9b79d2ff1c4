"""Archives on both backends: SQLite files in temporary directories and databases on a real
PostgreSQL server that the session starts (corpus.scratch_server) and stops."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from corpus import open_archive
from corpus.scratch_server import ScratchPostgres, server_binaries

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
# The real documents (seeds and dev); the hand-made ones repeat their kinds.
REAL = sorted([*CORPUS.glob("seeds/*.txt"), *CORPUS.glob("dev/*.txt")])
BACKENDS = ["sqlite", "postgresql"]
_names = itertools.count()


@pytest.fixture(scope="session")
def postgres():
    if server_binaries() is None:
        pytest.fail("PostgreSQL is not installed: run scripts/setup.sh")
    with ScratchPostgres() as server:
        yield server


def new_archive_url(backend: str, request, directory: Path) -> str:
    if backend == "sqlite":
        return str(directory / "archive.sqlite")
    return request.getfixturevalue("postgres").new_database(f"archive{next(_names)}")


@pytest.fixture(params=BACKENDS)
def archive_url(request, tmp_path) -> str:
    """An empty archive's address, on each backend."""
    return new_archive_url(request.param, request, tmp_path)


@pytest.fixture(scope="module", params=BACKENDS)
def real_archive(request, tmp_path_factory):
    """The real documents stored in an archive on each backend, and {"seeds/000_…": id}."""
    url = new_archive_url(request.param, request, tmp_path_factory.mktemp("archive"))
    with open_archive(url) as archive:
        ids = {f"{p.parent.name}/{p.stem}": archive.add_file(p).id for p in REAL}
        yield archive, ids
