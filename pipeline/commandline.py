"""What every group of `vanthu` commands shares: the files a list of paths stands for, a progress
line on a terminal, and output written whole or not at all. Kept apart from pipeline/cli.py so
that the command groups (corpus, worker, users) import it without importing the `vanthu`
group that adds them."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

import click

PROGRESS_AFTER_SECONDS = 0.7


class Walk(NamedTuple):
    files: list[Path]
    refused: list[str]  # one-line reasons for files found but not to be read


def expand_paths(paths: tuple[str, ...], records_too: bool = False) -> Walk:
    """Files as given, and every supported file below each directory, sorted by path (with
    records_too, .jsonl files of records as well). A tree cannot lead the walk outside itself:
    links to directories are not followed, and a link to a file outside the directory given is
    refused (a file named on the command line is read wherever it is)."""
    from pipeline.readers import supported as readable

    def supported(path: Path) -> bool:
        return readable(path) or (records_too and path.suffix == ".jsonl")

    files: list[Path] = []
    refused: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.append(path)
            continue
        top = path.resolve()
        found = []
        for root, dirs, names in os.walk(path, followlinks=False):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                file = Path(root) / name
                if name.startswith(".") or not supported(file):
                    continue
                reason = _outside(file, top) if file.is_symlink() else None
                if reason:
                    refused.append(f"{file}: {reason}, not followed")
                else:
                    found.append(file)
        files.extend(sorted(found))
    return Walk(files, refused)


def _outside(link: Path, top: Path) -> str | None:
    """Why a link found in the tree below `top` must not be read, if it must not."""
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return "a link to a file that does not exist"
    except (RuntimeError, OSError):
        return "a link that loops"
    if not target.is_relative_to(top):
        return f"a link to {target}, outside {top}"
    return None


class Progress:
    """A one-line counter on a terminal's stderr, shown once a batch runs longer than a moment."""

    def __init__(self, total: int):
        self.total = total
        self.started = time.monotonic()
        self.enabled = total > 1 and sys.stderr.isatty()
        self.shown = False

    def update(self, done: int, path: Path) -> None:
        if not self.enabled or time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
            return
        self.shown = True
        name = str(path)[-50:]
        sys.stderr.write(f"\r\033[K[{done}/{self.total}] {name}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


class AtomicOutput:
    """Write to FILE.partial and rename on success: an interrupted run leaves no half file."""

    def __init__(self, path: str | None, binary: bool = False):
        self.binary = binary
        self.path = Path(path) if path else None
        self.partial = self.path.with_name(self.path.name + ".partial") if self.path else None
        self.handle = None

    def __enter__(self):
        if self.path is None:
            return sys.stdout
        try:
            self.handle = (open(self.partial, "wb") if self.binary
                           else open(self.partial, "w", encoding="utf-8"))
        except OSError as err:
            raise click.ClickException(f"cannot write {self.path}: {err.strerror}")
        return self.handle

    def __exit__(self, kind, value, traceback):
        if self.handle is None:
            return False
        self.handle.close()
        if kind is None:
            os.replace(self.partial, self.path)
        else:
            self.partial.unlink(missing_ok=True)
        return False
