"""Parsing on many machines: originals wait in the archive (corpus/backlog.py), and procrastinate
carries one job per original through PostgreSQL to whichever worker takes it.

procrastinate keeps its jobs in PostgreSQL itself, so the archive's server is the only server:
nothing else to install, run or keep alive, and a job is taken with the same transactional
guarantees as the records it leads to. A worker runs each document in a parser process of its
own (a slot), so a file's time limit (limits.FILE_SECONDS, an alarm that needs the main thread)
holds as in `corpus add`, and a file that crashes or exhausts its parser costs that slot only.

Faults:
- a worker killed mid-document stops sending its heartbeat; any other worker's sweep hands its
  jobs back to the queue, and the document is parsed again (stored once: by sha256, and the
  backlog row is marked done in the record's own transaction);
- the database restarted: a worker's procrastinate loop stops on the lost connection, and the
  worker opens it again until the server answers; jobs it held are swept back like a killed
  worker's;
- a document whose attempt fails without an answer from the parser (its process died, the
  database went away, its worker was killed) ATTEMPTS times is marked failed with the last
  reason; a file the parser refuses is failed at once with the parser's one-line reason, as
  `corpus add` reports it, since the same bytes give the same answer.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
import queue as threads_queue
import signal
import socket
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from corpus import backlog
from corpus.archive import Archive

TASK = "vanthu.parse"
ATTEMPTS = 3
# A worker's heartbeat every STALLED_SECONDS / 4; a worker silent for STALLED_SECONDS is taken
# for dead and its documents go back to the queue. Tests shorten it (--stalled-after).
STALLED_SECONDS = 30.0
SWEEP_SECONDS = 2.0
RECONNECT_SECONDS = 2.0
OFFER_GROUP = 100  # originals stored in one transaction by `corpus add --queue`

log = logging.getLogger("vanthu.worker")


# --- the queue's schema and app ------------------------------------------------------------

def _app(queue_url: str):
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=queue_url, min_size=1, max_size=4))
    app.task(name=TASK, pass_context=True,
             retry=procrastinate.RetryStrategy(max_attempts=ATTEMPTS - 1, wait=1))(_parse_job)
    return app


def prepare_queue(queue_url: str) -> None:
    """Install procrastinate's tables in the queue's database unless they are there."""
    import procrastinate
    import psycopg

    with psycopg.connect(queue_url, autocommit=True, connect_timeout=10) as connection:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(4244)")  # one installer
            if connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()[0]:
                return
            connection.execute(procrastinate.schema.SchemaManager.get_schema())


# --- the coordinator's side: store originals, enqueue, wait ---------------------------------

def enqueue(archive: Archive, queue_url: str, files: Iterable[Path],
            refused: Callable[[Path, str], None]) -> list[tuple[Path, str, str, int | None]]:
    """Store each file's original in the archive's backlog and enqueue those not yet stored:
    (path, sha256, "stored" | "queued" | "waiting", id when stored). A file that cannot be read
    is reported to `refused` and left out."""
    from pipeline.errors import VanthuError
    from pipeline.readers import read_bytes

    backlog.open_backlog(archive)
    with _queue_errors(queue_url):
        prepare_queue(queue_url)
    offered, new = [], []
    files = list(files)
    for start in range(0, len(files), OFFER_GROUP):
        with archive.transaction():
            for path in files[start:start + OFFER_GROUP]:
                try:
                    data = read_bytes(path)
                except VanthuError as err:
                    refused(path, str(err))
                    continue
                sha256 = hashlib.sha256(data).hexdigest()
                state, doc_id = backlog.offer(archive, path.name, data, sha256)
                offered.append((path, sha256, state, doc_id))
                if state == "queued":
                    new.append(sha256)
    if new:
        app = _app(queue_url)
        with _queue_errors(queue_url), app.open():
            task = app.tasks[TASK]
            for start in range(0, len(new), OFFER_GROUP):
                task.batch_defer(*({"sha256": s} for s in new[start:start + OFFER_GROUP]))
    return offered


def wait(archive_url: str, sha256s: list[str],
         finished: Callable[[Archive, backlog.Entry], None], poll_seconds: float = 0.2) -> None:
    """Call `finished` (with an open archive) for each original as its record is stored or it
    fails for good, until all have; a lost connection (the database restarted) is opened
    again."""
    from corpus import open_archive
    from pipeline.errors import VanthuError

    left = set(sha256s)
    archive = None
    while left:
        try:
            archive = archive or open_archive(archive_url)
            for entry in backlog.entries(archive, sorted(left), ("done", "failed")):
                left.discard(entry.sha256)
                finished(archive, entry)
        except (VanthuError, _database_errors()) as err:
            log.info("waiting for the archive: %s", err)
            archive = _closed(archive)
            time.sleep(RECONNECT_SECONDS)
            continue
        if left:
            time.sleep(poll_seconds)
    _closed(archive)


@contextmanager
def _queue_errors(queue_url: str):
    """The queue's database errors as one line naming it (the originals stay in the backlog:
    adding the files again queues them)."""
    import procrastinate.exceptions
    import psycopg

    from corpus.postgres import _without_password
    from pipeline.errors import VanthuError

    try:
        yield
    except (psycopg.Error, procrastinate.exceptions.ProcrastinateException) as err:
        cause = err.__cause__ if str(err).strip() == "Database error." else err
        raise VanthuError(f"{_without_password(queue_url)}: cannot reach the queue "
                          f"({_one_line(cause or err)})") from None


def _database_errors():
    import psycopg
    return psycopg.Error


def _closed(archive: Archive | None) -> None:
    if archive is not None:
        try:
            archive.close()
        except Exception:  # a connection the server dropped may fail to close: it is gone
            pass
    return None


# --- the worker's side ----------------------------------------------------------------------

def _serve(connection) -> None:
    """A parser process: (name, bytes) in, ("ok", record, text) or ("refused", reason) out."""
    from pipeline.errors import VanthuError
    from pipeline.parse import parse_bytes

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker decides when parsers stop
    _die_with_parent()
    while True:
        try:
            name, data = connection.recv()
        except EOFError:
            return
        try:
            record, text = parse_bytes(name, data)
            connection.send(("ok", record.to_dict(), text.content))
        except VanthuError as err:
            connection.send(("refused", str(err)))
        except Exception as err:  # a parser bug refuses the file, as `corpus add` does
            connection.send(("refused", f"{name}: could not be parsed "
                                        f"({type(err).__name__}: {err})"))


def _die_with_parent() -> None:
    """Have Linux kill this process when its worker dies (kill -9 included), so a dead
    worker's document is not parsed on for nobody."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parser ends at its next document
        pass


class ParserDied(Exception):
    """The parser process ended without answering (killed, crashed, out of memory)."""


class ParserSlot:
    """One parser process, started on first use and again after it dies."""

    def __init__(self):
        self.process = None
        self.connection = None

    def parse(self, name: str, data: bytes) -> tuple[str, object, str | None]:
        if self.process is None or not self.process.is_alive():
            self._start()
        try:
            self.connection.send((name, data))
            return self.connection.recv()
        except (EOFError, OSError):
            self.process.join(5)
            code = self.process.exitcode
            self.process = None
            how = (f"killed by signal {-code}" if code is not None and code < 0
                   else f"exit code {code}")
            raise ParserDied(f"{name}: its parser process died ({how})") from None

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # nothing inherited from the worker
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        if self.process is not None:
            self.connection.close()
            self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
            self.process = None


class Worker:
    """What one `vanthu worker` process holds: its parser slots and archive connections (one
    of each per concurrent job), its name, and the settings its jobs read."""

    current: "Worker | None" = None  # the job function reaches its worker here

    def __init__(self, archive_url: str, queue_url: str, concurrency: int, name: str,
                 stalled_seconds: float):
        self.archive_url, self.queue_url = archive_url, queue_url
        self.concurrency, self.name = concurrency, name
        self.stalled_seconds = stalled_seconds
        self.slots: threads_queue.Queue[ParserSlot] = threads_queue.Queue()
        self.archives: threads_queue.Queue[Archive | None] = threads_queue.Queue()
        for _ in range(concurrency):
            self.slots.put(ParserSlot())
            self.archives.put(None)
        self.stopping = False

    @contextmanager
    def archive(self):
        """An open archive connection of the pool; a broken one is opened anew."""
        from corpus import open_archive

        archive = self.archives.get()
        try:
            if archive is None or archive.connection.broken or archive.connection.closed:
                _closed(archive)
                archive = open_archive(self.archive_url)
            yield archive
        except BaseException:
            if archive is not None and archive.connection.broken:
                archive = _closed(archive)
            raise
        finally:
            self.archives.put(archive)

    @contextmanager
    def slot(self):
        slot = self.slots.get()
        try:
            yield slot
        finally:
            self.slots.put(slot)

    # --- running ---------------------------------------------------------------------------
    def run(self) -> None:
        Worker.current = self
        with self.archive() as archive:  # the backlog exists before any job arrives
            backlog.open_backlog(archive)
        asyncio.run(self._run())
        for _ in range(self.concurrency):
            self.slots.get().stop()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        running: list[asyncio.Task] = []

        def stop():
            self.stopping = True
            for task in running:
                task.cancel()

        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop)
        while not self.stopping:
            app = _app(self.queue_url)
            try:
                await asyncio.to_thread(prepare_queue, self.queue_url)
                async with app.open_async():
                    sweeper = asyncio.create_task(self._sweep_forever(app))
                    work = asyncio.create_task(app.run_worker_async(
                        concurrency=self.concurrency, name=self.name,
                        install_signal_handlers=False,
                        update_heartbeat_interval=self.stalled_seconds / 4,
                        stalled_worker_timeout=self.stalled_seconds,
                        fetch_job_polling_interval=1.0))
                    running[:] = [work]
                    try:
                        await work
                    finally:
                        sweeper.cancel()
                        await asyncio.gather(sweeper, return_exceptions=True)
            except asyncio.CancelledError:
                break
            except Exception as err:
                log.warning("%s: lost the queue (%s); connecting again in %.0f s", self.name,
                            _one_line(err), RECONNECT_SECONDS)
            if not self.stopping:
                await asyncio.sleep(RECONNECT_SECONDS)
        log.info("%s: stopped", self.name)

    async def _sweep_forever(self, app) -> None:
        """Hand the jobs of workers that stopped answering back to the queue, or fail them
        after ATTEMPTS tries. Every worker sweeps; an advisory lock lets one at a time, so a
        job is never handed back twice."""
        import psycopg

        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            try:
                async with await psycopg.AsyncConnection.connect(
                        self.queue_url, autocommit=True, connect_timeout=10) as connection:
                    got = await (await connection.execute(
                        "SELECT pg_try_advisory_lock(4245)")).fetchone()
                    if got[0]:
                        await self._sweep(app)
            except Exception as err:  # the server may be restarting: the next sweep sees
                log.warning("%s: sweep failed (%s)", self.name, _one_line(err))

    async def _sweep(self, app) -> None:
        from procrastinate.jobs import Status

        manager = app.job_manager
        await manager.prune_stalled_workers(self.stalled_seconds)
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=self.stalled_seconds):
            sha256 = job.task_kwargs.get("sha256", "")
            attempt = job.attempts + 1
            final = attempt >= ATTEMPTS
            reason = (f"attempt {attempt} of {ATTEMPTS}: its worker stopped answering "
                      f"(killed, or it lost the database)")
            await asyncio.to_thread(self._record_failure, sha256, reason, final)
            if final:
                await manager.finish_job_by_id_async(job.id, Status.FAILED, False)
            else:
                await manager.retry_job(job)
            log.info("%s: %s %s", self.name, "failed" if final else "requeued", reason)

    def _record_failure(self, sha256: str, reason: str, final: bool) -> None:
        with self.archive() as archive:
            backlog.fail(archive, sha256, reason, final)

    def parse_job(self, attempt: int, sha256: str) -> None:
        """One job: take the original, parse it in a slot, store its record."""
        with self.archive() as archive:
            taken = backlog.take(archive, sha256, attempt, self.name)
        if taken is None:
            return  # stored already (its worker died after committing), or failed for good
        name, data = taken
        began = time.perf_counter()
        try:
            with self.slot() as slot:
                answer = slot.parse(name, data)
            parsed = time.perf_counter()
            with self.archive() as archive:
                if answer[0] == "refused":
                    backlog.fail(archive, sha256, answer[1], final=True)
                    log.info("%s: refused: %s", self.name, answer[1])
                    return
                _, record, body = answer
                added = backlog.store(archive, sha256, record, body, name, data)
            log.info("%s: stored %s as #%d (parsed in %.2f s, stored in %.3f s)", self.name,
                     name, added.id, parsed - began, time.perf_counter() - parsed)
        except Exception as err:
            final = attempt >= ATTEMPTS
            reason = f"attempt {attempt} of {ATTEMPTS}: {_one_line(err)}"
            try:
                with self.archive() as archive:
                    backlog.fail(archive, sha256, reason, final)
            except Exception:  # the database is away: the retry or the sweep records it
                pass
            if not final:
                raise  # procrastinate retries it


def _parse_job(context, sha256: str) -> None:
    Worker.current.parse_job(context.job.attempts + 1, sha256)


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text or type(err).__name__


def default_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"
