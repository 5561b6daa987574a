"""A throwaway PostgreSQL server for the tests (and the bench): its own
cluster in a temporary folder, reached on a private unix socket only, stopped
and removed at the end. PostgreSQL refuses to run as root, so as root the
server's commands run as the ``postgres`` user."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg


class ServerFailed(RuntimeError):
    """The throwaway server could not be set up; the message says why."""


def bindir() -> Path:
    """Where ``initdb`` and ``pg_ctl`` live."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                             check=True).stdout.strip()
        if (Path(out) / "initdb").exists():
            return Path(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name))
    if versions:
        return Path(versions[-1]).parent
    raise ServerFailed("initdb was not found: install PostgreSQL (the postgresql package)")


class Server:
    """One cluster; :meth:`url` of a fresh database for each test."""

    def __init__(self, *options: str) -> None:
        self.options = options  # extra ``-c name=value`` settings
        self.folder = Path(tempfile.mkdtemp(prefix="leadboard-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder / "socket"
        self._names = itertools.count(1)
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> Server:
        try:
            if self._as:
                shutil.chown(self.folder, "postgres", "postgres")
            self.socket.mkdir()
            if self._as:
                shutil.chown(self.socket, "postgres", "postgres")
            tools = bindir()
            self._run([tools / "initdb", "-D", self.data, "-E", "UTF8", "--locale=C.UTF-8",
                       "-U", "postgres", "--auth=trust", "--no-sync"])
            self._run([tools / "pg_ctl", "start", "-w", "-D", self.data, "-l",
                       self.folder / "server.log", "-o", self._settings()])
        except BaseException:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            self.remove()
            if tail:
                raise ServerFailed(f"the PostgreSQL server did not start:\n{tail}") from None
            raise
        return self

    def _run(self, command: list) -> None:
        try:
            subprocess.run([*self._as, *map(str, command)], capture_output=True, text=True,
                           check=True, cwd=self.folder)
        except subprocess.CalledProcessError as exc:
            raise ServerFailed(f"{Path(command[0]).name} failed: "
                               f"{(exc.stderr or exc.stdout).strip()}") from None
        except OSError as exc:
            raise ServerFailed(f"{command[0]}: {exc.strerror}") from None

    def admin_url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; its URL."""
        name = name or f"base{next(self._names)}"
        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.admin_url(name)

    def halt(self) -> None:
        """Stop the server as its keeper would, keeping its data: every
        client loses its connection until :meth:`resume`."""
        self._run([bindir() / "pg_ctl", "stop", "-w", "-D", self.data, "-m", "fast"])

    def resume(self) -> None:
        """Start a halted server again, on the same socket."""
        self._run([bindir() / "pg_ctl", "start", "-w", "-D", self.data, "-l",
                   self.folder / "server.log", "-o", self._settings()])

    def _settings(self) -> str:
        return " ".join([f"-k {self.socket}", "-c listen_addresses=''",
                         *(f"-c {o}" for o in self.options)])

    def restart(self) -> None:
        """``pg_ctl restart``, as a keeper does after changing a setting:
        every client loses its connection for a moment."""
        self._run([bindir() / "pg_ctl", "restart", "-w", "-D", self.data, "-m", "fast",
                   "-l", self.folder / "server.log", "-o", self._settings()])

    def stop(self) -> None:
        if self.data.exists():
            try:
                self._run([bindir() / "pg_ctl", "stop", "-D", self.data, "-m", "immediate"])
            except ServerFailed:
                pass
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
