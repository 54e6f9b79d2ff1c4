"""Shared fixtures: the corpus (real documents and their gold labels) in every input format.

The .docx, .html and .pdf forms are built once per test session by docmaker.py; PDFs are
rendered by a real LibreOffice, installed by scripts/setup.sh.
"""
from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from corpus import open_archive
from corpus.scratch_server import ScratchPostgres, server_binaries

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path[:0] = [str(TESTS), str(ROOT / "bench")]

import docmaker  # noqa: E402

CORPUS = TESTS / "data" / "corpus"
CORPUS_TEXTS = sorted(CORPUS.glob("*/*.txt"))


# Fuzzing: a short run by default, a long one with --long (issue 8).
settings.register_profile("short", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])


def pytest_addoption(parser):
    parser.addoption("--long", action="store_true",
                     help="the long runs: fuzzing with many examples, every adversarial text, "
                          "more mutated files and more kill -9 rounds")


def pytest_configure(config):
    settings.load_profile("long" if config.getoption("--long") else "short")


@pytest.fixture(scope="session")
def long_run(request) -> bool:
    return request.config.getoption("--long")


def gold_of(text: Path) -> dict:
    return json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """{format: {document id: path}} for txt, docx, html and pdf."""
    if docmaker.soffice() is None:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/setup.sh")
    out = tmp_path_factory.mktemp("generated")
    ids = [f"{t.parent.name}/{t.stem}" for t in CORPUS_TEXTS]
    docx = {i: docmaker.make_docx(t, out / f"{i.replace('/', '__')}.docx")
            for i, t in zip(ids, CORPUS_TEXTS)}
    pdfs = docmaker.to_pdf(list(docx.values()), out)
    return {
        "txt": dict(zip(ids, CORPUS_TEXTS)),
        "docx": docx,
        "pdf": dict(zip(ids, pdfs)),
        "html": {i: docmaker.make_html(t, out / f"{i.replace('/', '__')}.html")
                 for i, t in zip(ids, CORPUS_TEXTS)},
    }


# --- archives on both backends: SQLite files in temporary directories, and databases on a real
# PostgreSQL server that the session starts (corpus.scratch_server) and stops.

# The real documents (seeds and dev); the hand-made ones repeat their kinds.
REAL = sorted([*CORPUS.glob("seeds/*.txt"), *CORPUS.glob("dev/*.txt")])
BACKENDS = ["sqlite", "postgresql"]
_database_names = itertools.count()


@pytest.fixture(scope="session")
def postgres():
    if server_binaries() is None:
        pytest.fail("PostgreSQL is not installed: run scripts/setup.sh")
    with ScratchPostgres() as server:
        yield server


def new_archive_url(backend: str, request, directory: Path) -> str:
    if backend == "sqlite":
        return str(directory / "archive.sqlite")
    return request.getfixturevalue("postgres").new_database(f"archive{next(_database_names)}")


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
