"""Load test (issue 8): mixed manager traffic against production-like servers.

``make load`` runs ``.venv/bin/python bench/load.py``. On the large organisation that
bench/large.py caches (built first if missing), for SQLite and for PostgreSQL:

1. starts ``engagera serve`` (gunicorn, static files by whitenoise) on 127.0.0.1 with
   ``--workers`` processes and DEBUG off;
2. signs managers in through the real login form, each on their own connection;
3. raises the number of concurrent managers step by step (closed loop: each sends its
   next request when the last one is answered), ``--step-seconds`` per step, and keeps
   the highest step whose p95 stays under 200 ms;
4. runs that step for ``--seconds`` (60) and reports requests per second, p50, p95, p99,
   errors, and whether any server log says "database is locked".

With PostgreSQL it then runs the same test against two separate servers on two ports
sharing the database, the task queue and (when ``ENGAGERA_CACHE_URL`` is set, or Redis
answers on 127.0.0.1:6379) one cache, each manager's requests alternating between the two
servers, so a session made on one must work on the other; it reports the combined
throughput. Only 127.0.0.1 is ever contacted. Bounded: every step and run has a fixed time.

The traffic mix of a manager's day: dashboard 35 %, log a performance 20 %, a person's
card 15 %, the people list 15 %, the practice catalogue 5 %, a static file 10 %.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import large  # noqa: E402
from bench.run import _percentile, machine_facts, write_doc_section  # noqa: E402

SECTION = "## Load test (issue 8)"
P95_GOAL_MS = 200.0
MIX = (
    ("dashboard", 35),
    ("log", 20),
    ("person", 15),
    ("people", 15),
    ("catalogue", 5),
    ("static", 10),
)
PASSWORD = "engagera-generated"  # noqa: S105 - the generator's test accounts


class Manager:
    """One signed-in manager with a keep-alive connection per server."""

    def __init__(self, email: str, ports: list[int]):
        self.email = email
        self.ports = ports
        self.cookies: dict[str, str] = {}
        self.connections = {
            port: http.client.HTTPConnection("127.0.0.1", port, timeout=30) for port in ports
        }
        self.items: list[int] = []
        self.people: list[int] = []
        self.csrf = ""
        self.turn = 0

    def request(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        port: int | None = None,
        headers=None,
    ):
        port = port or self.ports[self.turn % len(self.ports)]
        self.turn += 1
        connection = self.connections[port]
        sent = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": "127.0.0.1",
        }
        data = None
        if body is not None:
            data = urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["X-CSRFToken"] = self.csrf
            sent["Referer"] = f"http://127.0.0.1:{port}/"
        sent.update(headers or {})
        for attempt in range(2):
            try:
                connection.request(method, path, body=data, headers=sent)
                response = connection.getresponse()
                payload = response.read()
                break
            except (http.client.HTTPException, ConnectionError, TimeoutError, OSError):
                connection.close()
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        if "csrftoken" in self.cookies:
            self.csrf = self.cookies["csrftoken"]
        return response.status, payload

    def sign_in(self) -> None:
        port = self.ports[0]
        status, page = self.request("GET", "/accounts/login/", port=port)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": self.email, "password": PASSWORD},
            port=port,
        )
        if status != 302:
            raise SystemExit(f"sign-in of {self.email} failed: HTTP {status}")
        status, page = self.request("GET", "/dashboard/", port=port)
        self.items = [int(pk) for pk in re.findall(rb'action="/plan/(\d+)/log/"', page)]
        status, page = self.request("GET", "/people/", port=port)
        self.people = [int(pk) for pk in re.findall(rb'href="/people/(\d+)/"', page)]
        if not self.items or not self.people:
            raise SystemExit(f"{self.email} has no plan or no people to visit")


def one_request(manager: Manager, rng: random.Random, static_path: str) -> tuple[str, int]:
    kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
    if kind == "dashboard":
        status, _ = manager.request("GET", "/dashboard/")
    elif kind == "log":
        item = rng.choice(manager.items)
        status, _ = manager.request(
            "POST",
            f"/plan/{item}/log/",
            {"token": str(uuid.uuid4()), "note": "", "day": ""},
            headers={"HX-Request": "true"},
        )
    elif kind == "person":
        status, _ = manager.request("GET", f"/people/{rng.choice(manager.people)}/")
    elif kind == "people":
        status, _ = manager.request("GET", "/people/")
    elif kind == "catalogue":
        status, _ = manager.request("GET", "/practices/")
    else:
        status, _ = manager.request("GET", static_path)
    return kind, status


def run_level(managers: list[Manager], seconds: float, static_path: str) -> dict:
    """All managers send requests back to back for `seconds`; the latencies of all of them."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def user(manager: Manager, seed: int):
        rng = random.Random(seed)
        while time.perf_counter() < stop_at:
            began = time.perf_counter()
            try:
                kind, status = one_request(manager, rng, static_path)
            except Exception as exc:  # a refused or dropped connection is an error, not a crash
                kind, status = "?", 0
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                if status >= 400 or status == 0:
                    errors.append(f"{kind}: HTTP {status}")

    threads = [threading.Thread(target=user, args=(m, n)) for n, m in enumerate(managers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    return {
        "users": len(managers),
        "requests": len(latencies),
        "rps": len(latencies) / took,
        "p50": _percentile(latencies, 50),
        "p95": _percentile(latencies, 95),
        "p99": _percentile(latencies, 99),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
    }


def free_port() -> int:
    with socket.socket() as handle:
        handle.bind(("127.0.0.1", 0))
        return handle.getsockname()[1]


def start_server(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "engagera.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    handle = log.open("w")
    process = subprocess.Popen(  # noqa: S603 - our own command line
        command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"the server on port {port} stopped: see {log}") from None
            time.sleep(0.3)
    raise SystemExit(f"the server on port {port} did not start within 60 s")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def managers_for(env: dict, count: int) -> list[str]:
    """Unit managers of the large organisation (they have plans and people)."""
    code = (
        "import django, json; django.setup();"
        "from engagera.people.models import Team;"
        f"teams = Team.objects.filter(organisation__slug='{large.SLUG}', parent__isnull=False).order_by('id')[:{count}];"
        "print(json.dumps([t.managers.get().email for t in teams]))"
    )
    done = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def cache_url() -> str:
    if os.environ.get("ENGAGERA_CACHE_URL"):
        return os.environ["ENGAGERA_CACHE_URL"]
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/5"
    except OSError:
        return "db"


def find_level(
    ports: list[int], emails: list[str], args, static_path: str
) -> tuple[list[dict], int]:
    steps = []
    best = 1
    for users in args.levels:
        managers = [Manager(email, ports) for email in emails[:users]]
        for manager in managers:
            manager.sign_in()
        result = run_level(managers, args.step_seconds, static_path)
        steps.append(result)
        print(
            f"  {users:>3} managers: {result['rps']:.0f} req/s, p95 {result['p95']:.0f} ms, errors {result['errors']}",
            file=sys.stderr,
            flush=True,
        )
        if result["p95"] >= P95_GOAL_MS or result["errors"]:
            break
        best = users
    return steps, best


def run_engine(engine: str, args) -> dict:
    args.postgres_url = None
    if engine == "postgres":
        url = large._postgres_url()
        if url is None:
            return {"skipped": "no PostgreSQL answers on 127.0.0.1:5432"}
        from urllib.parse import urlsplit

        args.postgres_url = urlsplit(url)._replace(path="/" + large.PG_DATABASE).geturl()
    built = large.run_engine(engine, args, measure=False)
    env = built["env"]
    env.update(
        ENGAGERA_ALLOWED_HOSTS="127.0.0.1",
        ENGAGERA_SESSION_IDLE_MINUTES="120",
        ENGAGERA_LOGIN_FAILURE_LIMIT="100",
    )
    static_path = "/static/engagera/app.css"
    emails = managers_for(env, max(args.levels))
    logs = Path(tempfile.mkdtemp(prefix="engagera-load-"))
    result: dict = {"workers": args.workers}
    port = free_port()
    server = start_server(env, port, args.workers, logs / "one.log")
    try:
        print(
            f"[{engine}] one server, {args.workers} workers: finding the highest load with p95 < {P95_GOAL_MS:.0f} ms",
            file=sys.stderr,
            flush=True,
        )
        steps, best = find_level([port], emails, args, static_path)
        managers = [Manager(email, [port]) for email in emails[:best]]
        for manager in managers:
            manager.sign_in()
        print(f"[{engine}] {best} managers for {args.seconds} s", file=sys.stderr, flush=True)
        result["one"] = {"steps": steps, "run": run_level(managers, args.seconds, static_path)}
    finally:
        stop(server)
    result["one"]["locked"] = "database is locked" in (logs / "one.log").read_text()
    if engine == "postgres" and not args.no_two:
        env2 = dict(env, ENGAGERA_CACHE_URL=cache_url())
        ports = [free_port(), free_port()]
        servers = [
            start_server(env2, p, max(1, args.workers // 2), logs / f"two-{p}.log") for p in ports
        ]
        workers = []
        try:
            workers = (
                [
                    subprocess.Popen(
                        [sys.executable, "-m", "engagera.cli", "worker"],
                        env=env2,
                        cwd=ROOT,
                        stdout=(logs / f"worker{n}.log").open("w"),
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )  # noqa: S603
                    for n in range(2)
                ]
                if _has_worker(env2)
                else []
            )
            best2 = best
            managers = [Manager(email, ports) for email in emails[:best2]]
            for manager in managers:
                manager.sign_in()  # on the first server; requests then alternate
            print(
                f"[{engine}] two servers sharing PostgreSQL: {best2} managers for {args.seconds} s",
                file=sys.stderr,
                flush=True,
            )
            result["two"] = {
                "run": run_level(managers, args.seconds, static_path),
                "cache": env2["ENGAGERA_CACHE_URL"],
                "workers": len(workers),
                "workers_per_server": max(1, args.workers // 2),
            }
        finally:
            for process in servers + workers:
                stop(process)
        text = "".join(
            (logs / name).read_text()
            for name in os.listdir(logs)
            if name.startswith(("two", "worker"))
        )
        result["two"]["locked"] = "database is locked" in text
        result["two"]["server_errors"] = text.count("Traceback")
    return result


def _has_worker(env: dict) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "engagera.cli", "help", "worker"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=False,
    )  # noqa: S603
    return done.returncode == 0


def report(facts: dict, results: dict, args) -> str:
    lines = [
        SECTION,
        "",
        f"Measured {facts['date']} on {facts['cpu']} ({facts['nproc']} cores); the load generator "
        "runs on the same machine as the servers, so they share the two cores. "
        f"`.venv/bin/python bench/load.py` (`make load`): gunicorn with {args.workers} workers, "
        "static files by whitenoise, DEBUG off, the large organisation of the previous section; "
        "each simulated manager signs in through the login form and then sends requests back to back "
        f"(dashboard 35 %, log 20 %, person card 15 %, people list 15 %, catalogue 5 %, static file 10 %). "
        f"Steps of {args.step_seconds:.0f} s find the most managers with p95 under {P95_GOAL_MS:.0f} ms; "
        f"that load then runs for {args.seconds:.0f} s.",
        "",
        '| engine | servers | concurrent managers | requests | req/s | p50 ms | p95 ms | p99 ms | errors | "database is locked" |',
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for engine, result in results.items():
        if "skipped" in result:
            lines.append(f"| {engine} | – | not measured: {result['skipped']} | | | | | | | |")
            continue
        for label, key in (("1", "one"), ("2 (one PostgreSQL)", "two")):
            if key not in result:
                continue
            run = result[key]["run"]
            lines.append(
                f"| {engine} | {label} | {run['users']} | {run['requests']:,} | {run['rps']:.0f} | "
                f"{run['p50']:.0f} | {run['p95']:.0f} | {run['p99']:.0f} | {run['errors']} | "
                f"{'yes' if result[key]['locked'] else 'no'} |"
            )
    lines.append("")
    for engine, result in results.items():
        if "one" in result:
            steps = ", ".join(
                f"{s['users']}: {s['rps']:.0f} req/s p95 {s['p95']:.0f} ms"
                for s in result["one"]["steps"]
            )
            lines.append(f"- {engine} steps (managers: throughput, p95): {steps}.")
        if "two" in result:
            two = result["two"]
            lines.append(
                f"- {engine}, two servers ({two['workers_per_server']} gunicorn workers each, "
                f"{two['workers']} task workers, cache `{two['cache'].split('://')[0]}`): every "
                f"manager's requests alternated between the servers; server tracebacks: "
                f"{two['server_errors']}."
            )
        for key in ("one", "two"):
            samples = result.get(key, {}).get("run", {}).get("error_samples")
            if samples:
                lines.append(f"- {engine} {key} errors, samples: {'; '.join(samples)}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--levels",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[1, 2, 4, 8, 12, 16, 24, 32],
    )
    parser.add_argument("--step-seconds", type=float, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-two", action="store_true")
    parser.add_argument("--no-doc", action="store_true")
    # The large organisation's options (see bench/large.py).
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--managers", type=int, default=500)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    facts = machine_facts()
    results = {engine: run_engine(engine, args) for engine in args.engines.split(",")}
    text = report(facts, results, args)
    print(text)
    if not args.no_doc:
        write_doc_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
