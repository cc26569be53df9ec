"""Crash test: kill the web server with SIGKILL while managers log performances.

Starts gunicorn on 127.0.0.1 with a throwaway data folder and a freshly migrated
database (SQLite; or a throwaway PostgreSQL database on the server DATABASE_URL names),
signs in through the login form, and runs threads that post /plan/<id>/log/ with unique
form tokens. The server's whole process group is killed with SIGKILL at random moments,
then started again; requests that failed are retried with the same token. Afterwards:

* every performance whose request was acknowledged is in the database (no loss);
* no token is stored twice (no duplicates);
* the database is sound (SQLite: PRAGMA integrity_check; PostgreSQL: count and
  uniqueness checks through SQL).

Only 127.0.0.1 is contacted, and requests and time are bounded. Prints one line:
"crash test: R runs on ENGINE, W writes acknowledged, L lost, D duplicates, integrity ok".
Exit status 1 when anything was lost, duplicated or damaged.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess  # nosec B404: starts our own server and CLI with fixed arguments
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

HOST = "127.0.0.1"
EMAIL = "crash-test@example.org"
PASSWORD = secrets.token_urlsafe(16)
ROOT = Path(__file__).resolve().parent.parent


class Server:
    def __init__(self, env: dict, port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "engagera.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            "2",
            "--timeout",
            "20",
        ]
        with self.log.open("ab") as out:
            # A session of its own, so SIGKILL reaches the master and every worker at once.
            self.process = subprocess.Popen(  # noqa: S603  # nosec B603: fixed argv
                command, env=self.env, cwd=ROOT, stdout=out, stderr=out, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"crash test: the server did not start, see {self.log}")
            try:
                status, _, _ = request(self.port, "GET", "/accounts/login/", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("crash test: the server did not answer within 60 s")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def request(port, method, path, *, body=None, headers=None, timeout=10):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.msg.get_all("Set-Cookie") or [], response.read()
    finally:
        connection.close()


def cookies_from(set_cookies, jar: dict) -> dict:
    for header in set_cookies:
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            jar[name] = morsel.value
    return jar


def cookie_header(jar: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(port: int) -> dict:
    status, set_cookies, body = request(port, "GET", "/accounts/login/")
    jar = cookies_from(set_cookies, {})
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or match is None:
        raise SystemExit("crash test: no login form")
    form = urllib.parse.urlencode(
        {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": match.group(1).decode()}
    )
    status, set_cookies, _ = request(
        port,
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
        },
    )
    cookies_from(set_cookies, jar)
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"crash test: signing in failed ({status})")
    return jar


class Load:
    """Threads logging performances; each request is acknowledged, or retried with its token."""

    def __init__(self, port: int, item: int, threads: int, max_requests: int):
        self.port, self.item = port, item
        self.threads, self.max_requests = threads, max_requests
        self.acknowledged: set[str] = set()
        self.sent = 0
        self.failed_attempts = 0
        self.lock = threading.Lock()
        self.accepting = threading.Event()  # cleared: no new writes, only retries
        self.accepting.set()
        self.stop = threading.Event()
        self.jars = [sign_in(port) for _ in range(threads)]
        self.workers = [
            threading.Thread(target=self.work, args=(jar,), daemon=True) for jar in self.jars
        ]

    def start(self) -> None:
        for worker in self.workers:
            worker.start()

    def finish(self, seconds: float) -> None:
        """No new writes; give the retries `seconds`, then stop."""
        self.accepting.clear()
        deadline = time.monotonic() + seconds
        for worker in self.workers:
            worker.join(timeout=max(0.0, deadline - time.monotonic()))
        self.stop.set()
        for worker in self.workers:
            worker.join(timeout=15)

    def post(self, jar: dict, token: str) -> bool:
        form = urllib.parse.urlencode({"token": token, "csrfmiddlewaretoken": jar["csrftoken"]})
        try:
            status, _, body = request(
                self.port,
                "POST",
                f"/plan/{self.item}/log/",
                body=form,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": cookie_header(jar),
                    "X-CSRFToken": jar["csrftoken"],
                    "HX-Request": "true",
                },
                timeout=10,
            )
        except (OSError, http.client.HTTPException):  # refused, reset, cut off mid-answer
            return False
        # Success is the card showing the logged performance; anything else is not an ack.
        return status == 200 and b'class="logged"' in body

    def work(self, jar: dict) -> None:
        pending: list[str] = []  # tokens sent but not acknowledged: retried as is
        while not self.stop.is_set():
            with self.lock:
                fresh = not pending
                if fresh:
                    if not self.accepting.is_set() or self.sent >= self.max_requests:
                        return
                    self.sent += 1
            token = str(uuid.uuid4()) if fresh else pending.pop(0)
            if self.post(jar, token):
                with self.lock:
                    self.acknowledged.add(token)
            else:
                with self.lock:
                    self.failed_attempts += 1
                pending.append(token)
                time.sleep(0.05)  # the server is down: do not spin


def cli(env: dict, *args: str, stdin: str = "") -> str:
    result = subprocess.run(  # noqa: S603  # nosec B603: our own CLI, fixed arguments
        [sys.executable, "-m", "engagera.cli", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"crash test: engagera {args[0]} failed: {result.stderr.strip()}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Database:
    """The throwaway database: a file in the data folder, or a new PostgreSQL database."""

    def __init__(self, data_dir: Path):
        self.url = os.environ.get("DATABASE_URL", "")
        self.path = data_dir / "engagera.sqlite3"
        self.name = f"engagera_crash_{secrets.token_hex(4)}"
        self.engine = "postgresql" if self.url else "sqlite"
        self.created = False

    def _on(self, name: str) -> str:
        parts = urllib.parse.urlsplit(self.url)
        return urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path=f"/{name}"))

    def _admin(self):
        import psycopg

        # The maintenance database: the one DATABASE_URL names need not exist yet.
        return psycopg.connect(self._on("postgres"), autocommit=True)

    def create(self) -> str:
        if not self.url:
            return ""
        with self._admin() as connection:
            # The name is ours (a fixed prefix and hex digits), not input.
            connection.execute(f'CREATE DATABASE "{self.name}"')
        self.created = True
        return self._on(self.name)

    def drop(self) -> None:
        if self.created:
            with self._admin() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def check(self, url: str) -> tuple[list[str], bool]:
        """Stored tokens (as hex), and whether the database's own checks pass."""
        if self.engine == "sqlite":
            connection = sqlite3.connect(self.path)
            try:
                sound = connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                tokens = [
                    row[0] for row in connection.execute("SELECT token FROM practices_performance")
                ]
            finally:
                connection.close()
            return [uuid.UUID(str(t)).hex for t in tokens], sound
        import psycopg

        with psycopg.connect(url) as connection:
            tokens = [
                row[0] for row in connection.execute("SELECT token FROM practices_performance")
            ]
            total, distinct, orphans = connection.execute(
                "SELECT count(*), count(DISTINCT (plan_item_id, token)), "
                "count(*) FILTER (WHERE plan_item_id NOT IN (SELECT id FROM practices_planitem)) "
                "FROM practices_performance"
            ).fetchone()
        sound = total == distinct == len(tokens) and orphans == 0
        return [uuid.UUID(str(t)).hex for t in tokens], sound


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="server kills (default 5)")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--requests", type=int, default=5000, help="new writes at most")
    parser.add_argument("--seed", type=int, default=None)
    options = parser.parse_args(argv)
    chance = random.Random(options.seed)  # nosec B311: timing, not security

    data_dir = Path(tempfile.mkdtemp(prefix="engagera-crash-"))
    database = Database(data_dir)
    env = {
        **os.environ,
        "ENGAGERA_DATA_DIR": str(data_dir),
        "ENGAGERA_DEBUG": "0",
        "ENGAGERA_HTTPS": "0",
        "ENGAGERA_ALLOWED_HOSTS": HOST,
        "ENGAGERA_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_SETTINGS_MODULE": "engagera.settings",
    }
    env.pop("DATABASE_URL", None)
    server = None
    try:
        url = database.create()
        if url:
            env["DATABASE_URL"] = url
        cli(env, "migrate", "--noinput", "-v0")
        cli(
            env,
            "createuser",
            EMAIL,
            "--org",
            "crash",
            "--role",
            "manager",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        cli(env, "plan", "add", "43", "--user", EMAIL, "--target", "1/day")
        shown = cli(
            env,
            "shell",
            "-c",
            "from engagera.practices.models import PlanItem; print(PlanItem.objects.get().pk)",
        )
        item = int(shown.split()[-1])  # the shell may print a banner first
        server = Server(env, free_port(), data_dir / "server.log")
        server.start()
        load = Load(server.port, item, options.threads, options.requests)
        load.start()
        deadline = time.monotonic() + 180
        runs = 0
        while runs < options.runs and time.monotonic() < deadline:
            time.sleep(chance.uniform(0.3, 2.0))
            server.kill()
            runs += 1
            time.sleep(chance.uniform(0.0, 0.3))
            server.start()
        # A last stretch without kills: the retries of interrupted requests get through.
        load.finish(seconds=30)
        server.stop()
        stored, sound = database.check(env.get("DATABASE_URL", ""))
        acknowledged = {uuid.UUID(t).hex for t in load.acknowledged}
        lost = len(acknowledged - set(stored))
        duplicates = len(stored) - len(set(stored))
        print(
            f"crash test: {runs} runs on {database.engine}, "
            f"{len(acknowledged)} writes acknowledged, {lost} lost, {duplicates} duplicates, "
            f"integrity {'ok' if sound else 'FAILED'} "
            f"({load.failed_attempts} requests cut off and retried)"
        )
        return 0 if lost == 0 and duplicates == 0 and sound and acknowledged else 1
    finally:
        if server is not None:
            server.kill()
        try:
            database.drop()
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
