"""The `vanthu` command. Heavy modules are imported inside commands so `--help` stays instant."""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

import click

from pipeline import __version__

PROGRESS_AFTER_SECONDS = 0.7
SYSTEM_LABELS = {"party": "Party", "state": "State", "union": "union", "news": "news",
                 "unknown": "unknown"}


def expand_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files as given, and every supported file below each directory, sorted by path.
    Links to directories are not followed, so a tree cannot lead the walk outside itself."""
    from pipeline.readers import supported

    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(Path(root) / n for n in names
                             if not n.startswith(".") and supported(Path(n)))
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


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

    def __init__(self, path: str | None):
        self.path = Path(path) if path else None
        self.partial = self.path.with_name(self.path.name + ".partial") if self.path else None
        self.handle = None

    def __enter__(self):
        if self.path is None:
            return sys.stdout
        try:
            self.handle = open(self.partial, "w", encoding="utf-8")
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vanthu")
def main() -> None:
    """vanthu: Vietnamese official documents (Party and State) into structured records.

    Run `vanthu COMMAND --help` for each command's options.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True,
              help="One JSON record per line (JSON Lines), as the record format defines it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def parse(paths: tuple[str, ...], as_json: bool, output: str | None) -> None:
    """Read directives (.txt, .docx, .pdf, .html) and print their records.

    A directory means every supported file below it, in path order. A file that cannot be
    read is reported on standard error and the batch goes on; the exit code is 1 when any
    file failed.
    """
    from pipeline.errors import VanthuError
    from pipeline.parse import parse_file
    from pipeline.summary import summary

    files = expand_paths(paths)
    if not files:
        raise click.UsageError("no supported files found in the paths given")
    failures: list[str] = []
    parsed = 0
    tally: Counter = Counter()
    warned = 0
    progress = Progress(len(files))
    with AtomicOutput(output) as out:
        for done, path in enumerate(files, start=1):
            progress.update(done, path)
            try:
                record = parse_file(path)
            except VanthuError as err:
                failures.append(str(err))
                progress.close()
                click.echo(f"error: {err}", err=True)
                continue
            except Exception as err:  # a parser bug must not end the batch or show a traceback
                failures.append(f"{path}: could not be parsed ({type(err).__name__}: {err})")
                progress.close()
                click.echo(f"error: {failures[-1]}", err=True)
                continue
            parsed += 1
            tally[record.system] += 1
            warned += bool(record.warnings)
            out.write(record.to_json() + "\n" if as_json else summary(record) + "\n")
        progress.close()
    if len(files) > 1 or failures:
        kinds = ", ".join(f"{n} {SYSTEM_LABELS.get(k, k)}" for k, n in tally.most_common())
        extra = f" ({kinds}; {warned} with warnings)" if parsed else ""
        click.echo(f"{len(files)} file(s): {parsed} parsed, {len(failures)} failed{extra}",
                   err=True)
    if failures:
        sys.exit(1)


def run() -> None:
    """The console entry point: `vanthu … | head` ends quietly when the reader stops reading."""
    try:
        main()
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at /dev/null so that flush is silent.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
