"""`vanthu worker`, `vanthu corpus jobs` and `corpus add --queue`: parsing on many machines
(pipeline/queue.py)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from pipeline.commandline import Progress
from pipeline.corpus_cli import _headline, corpus, with_archive

QUEUE_HELP = ("The queue: a postgresql:// URL, often the archive's own (default: $VANTHU_QUEUE). "
              "procrastinate's tables are made there on first use.")


def add_through_queue(archive, queue_url: str, files: list[Path], failures: list[str],
                      wait: bool) -> None:
    """`corpus add --queue`: store the originals, enqueue them, and (unless not `wait`) report
    each as a worker finishes it."""
    from pipeline.queue import enqueue, wait as wait_for

    total = len(files) + len(failures)
    for reason in failures:
        click.echo(f"error: {reason}", err=True)

    def refused(path: Path, reason: str) -> None:
        failures.append(reason)
        click.echo(f"error: {reason}", err=True)

    offered = enqueue(archive, queue_url, files, refused)
    paths: dict[str, list[Path]] = {}
    known = 0
    for path, sha256, state, doc_id in offered:
        if state == "stored":
            known += 1
            click.echo(f"already stored as #{doc_id}: {path}")
        else:
            paths.setdefault(sha256, []).append(path)
    if not wait:
        click.echo(f"{total} file(s): {sum(map(len, paths.values()))} queued, {known} already "
                   f"stored, {len(failures)} failed; `vanthu corpus jobs` follows them", err=True)
        sys.exit(1 if failures else 0)
    progress = Progress(len(paths))
    added = 0

    def finished(opened, entry) -> None:
        nonlocal added
        progress.close()
        for path in paths[entry.sha256]:
            if entry.status == "done":
                added += 1
                click.echo(f"added {_headline(entry.doc_id, opened.record(entry.doc_id))}  "
                           f"← {path}")
            else:
                failures.append(entry.reason or f"{path}: failed")
                click.echo(f"error: {entry.reason}", err=True)
        progress.update(added + len(failures), paths[entry.sha256][0])

    wait_for(archive.url, list(paths), finished)
    progress.close()
    click.echo(f"{total} file(s): {added} added, {known} already stored, {len(failures)} "
               f"failed", err=True)
    if failures:
        sys.exit(1)


@corpus.command()
@click.option("--status", "statuses", multiple=True,
              type=click.Choice(["queued", "running", "done", "failed"]),
              help="Only documents in this state (repeatable).")
@with_archive
def jobs(archive, statuses: tuple[str, ...]) -> None:
    """Documents handed to workers (`corpus add --queue`): queued, running, done or failed,
    each on a line with its reason, and the count of each."""
    from corpus import backlog
    from pipeline.queue import ATTEMPTS

    backlog.open_backlog(archive)
    for entry in backlog.entries(archive, statuses=statuses or backlog.STATUSES):
        if entry.status == "done":
            detail = f"#{entry.doc_id}"
        elif entry.status == "running":
            detail = f"on {entry.worker}, attempt {entry.attempts} of {ATTEMPTS}"
        else:
            detail = entry.reason or ""
        click.echo(f"{entry.status:<8} {entry.name}  {detail}".rstrip())
    counts = backlog.counts(archive)
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items()), err=True)


@click.command()
@click.option("--db", envvar="VANTHU_DB", metavar="URL", required=True,
              help="The archive: a postgresql:// URL (default: $VANTHU_DB).")
@click.option("--queue", envvar="VANTHU_QUEUE", metavar="URL", required=True, help=QUEUE_HELP)
@click.option("--concurrency", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Documents parsed at once, each in a process of its own (about one per "
                   "core; a scan's pages are already read side by side).")
@click.option("--name", help="The worker's name in `corpus jobs` (default: host-pid).")
@click.option("--stalled-after", default=None, type=click.FloatRange(1),
              help="Seconds without a heartbeat before a worker is taken for dead and its "
                   "documents go to another (default 30).")
def worker(db: str, queue: str, concurrency: int, name: str | None,
           stalled_after: float | None) -> None:
    """Parse queued originals and store their records, until stopped (Ctrl-C or SIGTERM: the
    documents in hand are finished first). Run one on each machine, as many as there are."""
    from pipeline import queue as engine
    from pipeline.errors import VanthuError

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    # A lost connection is told once, by the worker; not with each library's traceback.
    logging.getLogger("procrastinate").setLevel(logging.CRITICAL)
    logging.getLogger("psycopg.pool").setLevel(logging.CRITICAL)
    name = name or engine.default_name()
    try:
        engine.Worker(db, queue, concurrency, name,
                      stalled_after or engine.STALLED_SECONDS).run()
    except VanthuError as err:
        raise click.ClickException(str(err))
