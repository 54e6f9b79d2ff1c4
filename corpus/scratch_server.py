"""A throwaway PostgreSQL server for the tests and the benchmark: its own data directory and
socket in a temporary directory, nothing listening on the network, gone when stopped.

It runs the server binaries of the machine's PostgreSQL package (scripts/setup.sh installs
it). PostgreSQL refuses to run as root, so under root it runs them as the `postgres` user.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def server_binaries() -> Path | None:
    """The newest installed server's bin directory (Debian keeps each version apart)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ScratchPostgres:
    """`with ScratchPostgres() as server: url = server.new_database("x")`."""

    def __init__(self, durable: bool = False):
        self.durable = durable  # fsync on, as a real server runs; off is faster for tests
        self.bin = server_binaries()
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server installed (run scripts/setup.sh)")
        self.home = Path(tempfile.mkdtemp(prefix="vanthu-pg-"))
        self.port = _free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_user, *command], check=True, capture_output=True, cwd=self.home)

    def start(self) -> "ScratchPostgres":
        if self.as_user:
            shutil.chown(self.home, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.home / "data"), "-U", "vanthu",
                  "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
        self._serve()
        return self

    def restart(self, down_seconds: float = 0.0) -> None:
        """Stop the server as a crash or a power cut would (every connection dropped, no
        shutdown checkpoint), stay down a while, and start it again on the same port."""
        import time
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.home / "data"), "-m", "immediate",
                  "stop")
        time.sleep(down_seconds)
        self._serve()

    def _serve(self) -> None:
        data = self.home / "data"
        options = (f"-k {self.home} -p {self.port} -c listen_addresses='' "
                   f"-c fsync={'on' if self.durable else 'off'} -c shared_buffers=256MB")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                  "-l", str(self.home / "server.log"), "start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://vanthu@/{database}?host={self.home}&port={self.port}"

    def new_database(self, name: str) -> str:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.home / "data"), "-m",
                      "immediate", "stop")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False
