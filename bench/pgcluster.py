"""A throw-away PostgreSQL server for the tests and the bench: initdb in a temporary folder, a Unix socket there.

PostgreSQL refuses to run as root, so when the tests run as root (CI, this machine) the cluster belongs to the
`postgres` user Debian's package creates, and every server command runs through `runuser`. Nothing listens on TCP.
"""
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

BIN_DIRS = [Path(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]
OWNER = "postgres"


def binary(name):
    """The path of a PostgreSQL server program (initdb, pg_ctl), or None when the server is not installed."""
    for folder in BIN_DIRS:
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which(name)


def available():
    """Whether initdb and pg_ctl are installed."""
    return binary("initdb") is not None and binary("pg_ctl") is not None


def _as_owner(cmd):
    """A server command, run as the unprivileged owner when we are root."""
    return ["runuser", "-u", OWNER, "--", *cmd] if os.geteuid() == 0 else cmd


class Cluster:
    """A PostgreSQL cluster of its own: start(), url(database), new_schema(), stop()."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="sonet-pg-"))
        self.data = self.folder / "data"
        self.user = OWNER if os.geteuid() == 0 else os.environ.get("USER", "postgres")
        if os.geteuid() == 0:
            shutil.chown(self.folder, OWNER)

    def start(self):
        """initdb (trust on the local socket only) and start the server; returns self."""
        subprocess.run(_as_owner([binary("initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                                  "--encoding=UTF8", "--locale=C.UTF-8"]), check=True, capture_output=True)
        options = f"-c listen_addresses='' -c unix_socket_directories={self.folder} -c max_connections=200"
        subprocess.run(_as_owner([binary("pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                                  str(self.folder / "server.log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True)
        return self

    def url(self, database="postgres"):
        """The psycopg URL of a database on this server's socket."""
        return f"postgresql://{self.user}@/{database}?host={self.folder}"

    def new_schema(self):
        """An empty schema of its own in the postgres database (one per test, far quicker than a database);
        returns the URL whose connections use it."""
        import psycopg
        from psycopg import sql

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
        return f"{self.url()}&options=-csearch_path%3D{name}"

    def stop(self):
        """Stop the server immediately and remove its folder."""
        subprocess.run(_as_owner([binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)
