"""Benchmark the practice loop (issue 2): dashboard and logging against a floor page.

``make bench`` runs ``.venv/bin/python bench/run.py``. For each engine (SQLite
always; PostgreSQL when it answers on 127.0.0.1:5432 or DATABASE_URL is set) it

1. builds a throwaway database (SQLite: a file in a temporary ENGAGERA_DATA_DIR;
   PostgreSQL: the database ``engagera_bench``, dropped and recreated) in one
   subprocess: migrate, then a manager with 5 practices and 3 years of logs,
   plus other managers so the tables are not trivially small;
2. measures in a second subprocess (so its peak RSS is the serving process's,
   not the seeding's) with django.test.Client: GET /floor/ (bench/floor.py),
   GET /dashboard/ and an HTMX POST /plan/<id>/log/, interleaved in shuffled
   rounds so noise hits every kind alike.

The parent prints a table, runs bench/bench_strength.py when it exists and
writes the section "Practice loop (issue 2)" of docs/performance.md.

Options: ``--rounds 300 --warmup 30 --others 20 --engines sqlite,postgres
--no-doc --strict`` (exit 1 when a goal is missed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagera.settings")

DOC = ROOT / "docs" / "performance.md"
SECTION = "## Practice loop (issue 2)"
STRENGTH_BENCH = ROOT / "bench" / "bench_strength.py"
PG_DATABASE = "engagera_bench"
PG_DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"

BENCH_EMAIL = "bench.manager@bench.example"
DAYS = 1095  # three years of history
ADHERENCE = 0.8
# (catalogue practice number, target) for the benchmarked manager's plan.
PLAN = [(43, "2/week"), (41, "1/week"), (6, "1/day"), (47, "1/14d"), (50, "1/month")]
GOALS = {"dashboard": 3.0, "log": 2.0}  # times the floor
# The CRM pages (issue 3) are reported beside the floor; issue 8 sets them a 5x goal.
KINDS = ("floor", "floor_write", "dashboard", "log", "api_status", "api_log", "team", "timeline")
TEAM_SIZE, CRM_YEARS = 15, 5


# --------------------------------------------------------------------------
# Child: seeding
# --------------------------------------------------------------------------


def _vacation(day: date) -> bool:
    """Summer leave (1-25 July) and the Christmas break (22 Dec - 2 Jan)."""
    if day.month == 7 and day.day <= 25:
        return True
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2)


def _opportunities(rng: random.Random, times: int, period: int, start: date, end: date):
    """Days the manager plans to do it: `times` random working days per period block."""
    block = start
    while block <= end:
        last = min(end, block + timedelta(days=period - 1))
        working = [
            block + timedelta(days=i)
            for i in range((last - block).days + 1)
            if (block + timedelta(days=i)).weekday() < 5
        ]
        yield from sorted(rng.sample(working, min(times, len(working))))
        block += timedelta(days=period)


def _logs_for(rng, item, end: date, adherence: float):
    """Performance and Skip rows for one plan item from its start to `end` (inclusive)."""
    from engagera.practices.models import Performance, Skip

    performances, skips = [], []
    days = (end - item.start_date).days + 1
    vacation = [
        d for d in (item.start_date + timedelta(days=i) for i in range(days)) if _vacation(d)
    ]
    skips = [Skip(plan_item=item, day=day) for day in vacation]
    vacation_set = set(vacation)
    notes = ["", "", "", "", "", "Bra samtal", "Kort, men gjort", "Tog det på APT"]
    for day in _opportunities(rng, item.times, item.period_days, item.start_date, end):
        if day in vacation_set or rng.random() < 0.02:  # away, or the odd sick day
            continue
        if rng.random() >= adherence:
            continue
        if rng.random() < 0.1 and day + timedelta(days=1) <= end:  # done a day late
            day += timedelta(days=1)
        for _ in range(2 if rng.random() < 0.03 else 1):  # now and then logged twice
            performances.append(
                Performance(plan_item=item, performed_on=day, note=rng.choice(notes))
            )
    return performances, skips


def seed(others: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from engagera.core.actions import do_create_organisation, do_create_user
    from engagera.core.models import Membership, Role
    from engagera.lib.habits import Target
    from engagera.practices import actions, queries
    from engagera.practices.models import AutomaticityRating, Performance, PlanItem, Practice, Skip

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    rng = random.Random(2014)
    organisation = do_create_organisation("Bench kommun", slug="bench", language="sv")
    today = organisation.today()
    start = today - timedelta(days=DAYS)
    yesterday = today - timedelta(days=1)
    catalogue = {p.number: p for p in Practice.objects.filter(organisation__isnull=True)}

    def membership_for(email: str, name: str) -> Membership:
        user = do_create_user(email, organisation, Role.MANAGER, password=None, full_name=name)
        return user.memberships.get()

    def add_items(membership, plan, starts) -> list:
        items = []
        for (number, target), item_start in zip(plan, starts, strict=True):
            item = actions.do_add_plan_item(
                membership,
                catalogue[number],
                Target.parse(target),
                if_situation="måndagens arbetsplatsträff börjar",
                if_action="ger jag en konkret återkoppling",
                confirmed=True,
            )
            # The action allows 60 days of backdating; history is seeded directly.
            PlanItem.objects.filter(pk=item.pk).update(start_date=item_start)
            item.start_date = item_start
            items.append(item)
        return items

    with transaction.atomic():
        bench = membership_for(BENCH_EMAIL, "Bench Manager")
        bench_items = add_items(bench, PLAN, [start] * len(PLAN))
        memberships = [(bench, bench_items, ADHERENCE)]
        for n in range(others):
            member = membership_for(f"manager{n}@bench.example", f"Manager {n}")
            plan = [
                (p.number, p.cadence)
                for p in rng.sample(list(catalogue.values()), rng.randint(3, 5))
            ]
            starts = [today - timedelta(days=rng.randint(30, DAYS)) for _ in plan]
            memberships.append((member, add_items(member, plan, starts), rng.uniform(0.4, 0.95)))
        performances, skips, ratings = [], [], []
        for _member, items, adherence in memberships:
            for item in items:
                done, away = _logs_for(rng, item, yesterday, adherence)
                performances += done
                skips += away
                # A monthly automaticity rating for the first six months (while learning).
                month = item.start_date.replace(day=1)
                for _ in range(6):
                    month = (month + timedelta(days=32)).replace(day=1)
                    if month <= today:
                        ratings.append(
                            AutomaticityRating(plan_item=item, month=month, score=rng.randint(2, 5))
                        )
        Performance.objects.bulk_create(performances, batch_size=2000)
        Skip.objects.bulk_create(skips, batch_size=2000)
        AutomaticityRating.objects.bulk_create(ratings, batch_size=2000)

    # Replay the dashboard's promotion rule as if the managers had used it all along,
    # so established_on dates are realistic rather than all "today".
    with transaction.atomic():
        for member, items, _adherence in memberships:
            first = min(item.start_date for item in items)
            day = first + timedelta(days=30)
            while day < today:
                actions.sync_established(member, queries.plan_status(member, day))
                day += timedelta(days=30)
            actions.sync_established(member, queries.plan_status(member, today))
    seed_crm(bench, rng, today)
    seeded = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics on both engines
    statuses = queries.plan_status(bench, today)
    return {
        "migrate_s": round(migrated - began, 2),
        "seed_s": round(seeded - migrated, 2),
        "managers": len(memberships),
        "plan_items": PlanItem.objects.count(),
        "performances": Performance.objects.count(),
        "skips": Skip.objects.count(),
        "bench_performances": Performance.objects.filter(plan_item__manager=bench.user).count(),
        "bench_items": [
            {
                "target": str(s.item.target),
                "state": s.item.state,
                "strength": round(s.strength, 3),
                "streak": s.streak,
                "established_on": s.item.established_on.isoformat()
                if s.item.established_on
                else None,
            }
            for s in statuses
        ],
        "peak_rss_mb": _peak_rss_mb(),
    }


def seed_crm(bench, rng, today) -> None:
    """A team of 15 with five years of feedback, one-to-ones, needs and workload checks."""
    from django.utils import timezone

    from engagera.feedback.models import Feedback
    from engagera.needs.models import Need
    from engagera.oneonones.models import ActionItem, Meeting, TalkingPoint
    from engagera.people.models import Note, Person, Team, WorkloadReading

    team = Team.objects.create(organisation=bench.organisation, name="Bench team")
    team.managers.add(bench.user)
    days = CRM_YEARS * 365
    people = Person.objects.bulk_create(
        Person(
            organisation=bench.organisation,
            team=team,
            full_name=f"Person {n}",
            email=f"person{n}@bench.example",
            strengths="Noggrann",
            motivation="Att lära sig",
        )
        for n in range(TEAM_SIZE)
    )
    feedback, meetings, needs, readings, notes = [], [], [], [], []
    for person in people:
        for offset in range(0, days, 9):
            feedback.append(
                Feedback(
                    organisation=bench.organisation,
                    person=person,
                    author=bench.user,
                    kind=rng.choice(["reinforcing", "reinforcing", "developmental"]),
                    given_on=today - timedelta(days=offset),
                    note="Bra jobbat med kunden",
                )
            )
        for offset in range(0, days, 14):
            day = today - timedelta(days=offset)
            meetings.append(
                Meeting(
                    organisation=bench.organisation,
                    person=person,
                    manager=bench.user,
                    scheduled_on=day,
                    held_on=day,
                    shared_notes="Vi pratade om målen",
                )
            )
        for offset in range(0, days, 30):
            raised = timezone.now() - timedelta(days=offset)
            needs.append(
                Need(
                    organisation=bench.organisation,
                    person=person,
                    category="equipment",
                    description="En ny skärm",
                    raised_at=raised,
                    status="done",
                    first_response_at=raised + timedelta(hours=5),
                    resolved_at=raised + timedelta(days=3),
                    rating=rng.randint(3, 5),
                )
            )
            readings.append(
                WorkloadReading(
                    person=person,
                    recorded_by=bench.user,
                    day=today - timedelta(days=offset),
                    load=rng.randint(2, 5),
                )
            )
        notes.append(Note(person=person, author=bench.user, text="Privat anteckning"))
    Feedback.objects.bulk_create(feedback, batch_size=2000)
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    held = list(Meeting.objects.filter(person__in=people))
    TalkingPoint.objects.bulk_create(
        [TalkingPoint(meeting=m, text="Kompetensutveckling", discussed=True) for m in held],
        batch_size=2000,
    )
    ActionItem.objects.bulk_create(
        [ActionItem(meeting=m, text="Boka kurs", done_on=m.held_on) for m in held], batch_size=2000
    )
    Need.objects.bulk_create(needs, batch_size=2000)
    WorkloadReading.objects.bulk_create(readings, batch_size=2000)
    Note.objects.bulk_create(notes)


# --------------------------------------------------------------------------
# Child: measuring
# --------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def _percentile(values: list[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(rounds: int, warmup: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from engagera.core.models import User
    from engagera.practices.models import Performance, PlanItem

    user = User.objects.get(email=BENCH_EMAIL)
    item_ids = list(
        PlanItem.objects.filter(manager=user)
        .order_by("start_date", "id")
        .values_list("id", flat=True)
    )
    from engagera.people.models import Person

    person_ids = list(Person.objects.filter(team__managers=user).values_list("id", flat=True))
    client = Client()
    client.force_login(user)
    from engagera.api.actions import do_create_token

    _token, secret = do_create_token(user.memberships.get(), scope="write", name="bench")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    numbers = list(
        PlanItem.objects.filter(pk__in=item_ids).values_list("practice__number", flat=True)
    )
    rotation = iter(range(10**9))
    tokens: list[str] = []  # performances logged since the last clean-up

    def request(kind: str):
        if kind == "floor":
            return client.get("/floor/")
        if kind == "floor_write":
            return client.post("/floor/write/")
        if kind == "api_status":
            return client.get("/api/v1/status", **bearer)
        if kind == "api_log":
            tokens.append(str(uuid.uuid4()))
            body = {"practice": str(numbers[next(rotation) % len(numbers)]), "token": tokens[-1]}
            return client.post(
                "/api/v1/performances", body, content_type="application/json", **bearer
            )
        if kind == "dashboard":
            return client.get("/dashboard/")
        if kind == "team":
            return client.get("/people/")
        if kind == "timeline":
            return client.get(f"/people/{person_ids[next(rotation) % len(person_ids)]}/")
        pk = item_ids[next(rotation) % len(item_ids)]
        tokens.append(str(uuid.uuid4()))
        data = {"token": tokens[-1], "day": "", "note": ""}
        return client.post(f"/plan/{pk}/log/", data, HTTP_HX_REQUEST="true")

    def check(kind: str, response) -> None:
        if kind == "api_log" and response.status_code == 201:
            return
        if response.status_code != 200:
            raise SystemExit(f"{kind}: HTTP {response.status_code}")
        if kind == "log" and b'class="message error"' in response.content:
            raise SystemExit(f"log: the view answered with an error: {response.content[:500]!r}")
        if kind.startswith("floor") and BENCH_EMAIL.encode() not in response.content:
            raise SystemExit("floor: the user's email is missing from the page")

    def undo_logs() -> int:
        # Untimed: delete what the log requests created, so every round sees the
        # seeded history (a manager logs a few times a day, not hundreds).
        deleted, _ = Performance.objects.filter(token__in=tokens).delete()
        tokens.clear()
        return deleted

    logged = 0
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    sizes: dict[str, int] = {}
    order_rng = random.Random(7)
    with override_settings(ROOT_URLCONF="bench.urls"):
        for n in range(warmup + rounds):
            order = list(KINDS)
            order_rng.shuffle(order)
            for kind in order:
                began = time.perf_counter()
                response = request(kind)
                elapsed = (time.perf_counter() - began) * 1000
                check(kind, response)
                if n < warmup:
                    sizes[kind] = len(response.content)
                else:
                    timings[kind].append(elapsed)
            logged += undo_logs()
        queries: dict[str, list[int]] = {kind: [] for kind in KINDS}
        for _ in range(3):
            for kind in KINDS:
                with CaptureQueriesContext(connection) as captured:
                    check(kind, request(kind))
                queries[kind].append(len(captured.captured_queries))
            logged += undo_logs()

    results = {}
    for kind in KINDS:
        values = timings[kind]
        results[kind] = {
            "n": len(values),
            "p50": _percentile(values, 50),
            "p95": _percentile(values, 95),
            "mean": statistics.fmean(values),
            "min": min(values),
            "max": max(values),
            "queries": sorted(set(queries[kind])),
            "bytes": sizes[kind],
            # Median of this kind / floor within the same round: robust to load drift.
            "paired_ratio": statistics.median(
                v / f for v, f in zip(values, timings["floor"], strict=True)
            ),
        }
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SHOW server_version")
            server = "PostgreSQL " + cursor.fetchone()[0]
        else:
            import sqlite3

            server = "SQLite " + sqlite3.sqlite_version
    return {
        "engine": vendor,
        "server": server,
        "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE", 0),
        "rounds": rounds,
        "warmup": warmup,
        "logs_created": logged,
        "results": results,
        "peak_rss_mb": _peak_rss_mb(),
    }


# --------------------------------------------------------------------------
# Parent: engines, subprocesses, report
# --------------------------------------------------------------------------


def _postgres_url() -> str | None:
    """The bench database's URL, or None when there is no PostgreSQL to use."""
    from urllib.parse import urlsplit

    given = os.environ.get("DATABASE_URL")
    if given:
        # Never touch the configured database: use engagera_bench on the same server.
        return urlsplit(given)._replace(path="/" + PG_DATABASE).geturl()
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return PG_DEFAULT_URL
    except OSError:
        return None


def _postgres_admin(url: str, statements: list[str]) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        for statement in statements:
            conn.execute(statement)


def _child(engine: str, phase: str, env: dict, args) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--engine",
        engine,
        "--phase",
        phase,
        "--out",
        str(out),
        "--rounds",
        str(args.rounds),
        "--warmup",
        str(args.warmup),
        "--others",
        str(args.others),
    ]
    try:
        subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 - our own script
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


def run_engine(engine: str, args) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    data_dir = Path(tempfile.mkdtemp(prefix=f"engagera-bench-{engine}-"))
    env.update(
        ENGAGERA_DATA_DIR=str(data_dir),
        ENGAGERA_DEBUG="0",
        ENGAGERA_ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        ENGAGERA_LOG_LEVEL="ERROR",
        ENGAGERA_API_RATE_LIMIT="100000",  # the bench is one token's thousands of calls
        DJANGO_SETTINGS_MODULE="engagera.settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    url = None
    if engine == "postgres":
        url = args.postgres_url
        env["DATABASE_URL"] = url
        drop = f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"
        _postgres_admin(url, [drop, f"CREATE DATABASE {PG_DATABASE}"])
    try:
        print(f"[{engine}] migrating and seeding ...", file=sys.stderr, flush=True)
        seeded = _child(engine, "seed", env, args)
        print(f"[{engine}] measuring ...", file=sys.stderr, flush=True)
        measured = _child(engine, "measure", env, args)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if url and not args.keep:
            _postgres_admin(url, [f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"])
    return {"seed": seeded, **measured}


def machine_facts() -> dict:
    import django

    nproc_bin = shutil.which("nproc")
    nproc = (
        subprocess.run([nproc_bin], capture_output=True, text=True).stdout.strip()  # noqa: S603
        if nproc_bin
        else str(len(os.sched_getaffinity(0)))
    )
    meminfo = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, _, value = line.partition(":")
        meminfo[key] = value.strip()
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.partition(":")[2].strip()
            break
    return {
        "nproc": nproc,
        "cpu": cpu,
        "mem_total": meminfo.get("MemTotal", "?"),
        "mem_available": meminfo.get("MemAvailable", "?"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "kernel": platform.release(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def run_strength_bench() -> dict | None:
    if not STRENGTH_BENCH.exists():
        return None
    print("[bench_strength] running ...", file=sys.stderr, flush=True)
    began = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(STRENGTH_BENCH)], cwd=ROOT, capture_output=True, text=True
    )
    return {
        "returncode": done.returncode,
        "output": (done.stdout + done.stderr).strip(),
        "seconds": round(time.perf_counter() - began, 1),
    }


def _ratio(engine: dict, kind: str, stat: str) -> float:
    return engine["results"][kind][stat] / engine["results"]["floor"][stat]


def _queries(values: list[int]) -> str:
    return str(values[0]) if len(values) == 1 else f"{values[0]}-{values[-1]}"


def table(engines: dict[str, dict]) -> list[str]:
    """Markdown table rows (also readable as plain text)."""
    rows = [
        "| engine | request | p50 ms | p95 ms | p50 / floor | p95 / floor | goal | queries | peak RSS |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, engine in engines.items():
        for kind in KINDS:
            r = engine["results"][kind]
            label = {
                "floor": "GET /floor/",
                "floor_write": "POST /floor/write/ (floor + one commit)",
                "dashboard": "GET /dashboard/",
                "api_status": "API: GET /api/v1/status",
                "api_log": "API: POST /api/v1/performances",
                "log": "POST /plan/<id>/log/ (HTMX)",
                "team": "GET /people/ (15 people, 5 years)",
                "timeline": "GET /people/<id>/ (card, timeline)",
            }[kind]
            if kind == "floor":
                ratios, goal = ("1.00", "1.00"), ""
            elif kind == "floor_write":
                p50, p95 = _ratio(engine, kind, "p50"), _ratio(engine, kind, "p95")
                ratios, goal = (f"{p50:.2f}", f"{p95:.2f}"), "reference"
            else:
                p50, p95 = _ratio(engine, kind, "p50"), _ratio(engine, kind, "p95")
                ratios = (f"{p50:.2f}", f"{p95:.2f}")
                limit = GOALS.get(kind)
                met = limit is None or (p50 <= limit and p95 <= limit)
                goal = f"<= {limit:g}x: {'met' if met else 'MISSED'}" if limit else ""
            rss = f"{engine['peak_rss_mb']:.0f} MB" if kind == "floor" else ""
            rows.append(
                f"| {name} | {label} | {r['p50']:.2f} | {r['p95']:.2f} | {ratios[0]} | "
                f"{ratios[1]} | {goal} | {_queries(r['queries'])} | {rss} |"
            )
    return rows


def goals_met(engines: dict[str, dict]) -> bool:
    return all(
        _ratio(engine, kind, stat) <= limit
        for engine in engines.values()
        for kind, limit in GOALS.items()
        for stat in ("p50", "p95")
    )


def render_section(facts: dict, engines: dict, skipped: dict, strength: dict | None, args) -> str:
    lines = [
        SECTION,
        "",
        "How fast the manager's daily loop is compared with the cheapest signed-in page. "
        "Written by `bench/run.py`; rerun with `make bench` (this section is replaced, "
        "the rest of the file is kept).",
        "",
        "### Machine and run",
        "",
        f"- Date: {facts['date']}",
        f"- CPUs (`nproc`): {facts['nproc']} ({facts['cpu'] or 'unknown model'})",
        f"- Memory (/proc/meminfo): MemTotal {facts['mem_total']}, "
        f"MemAvailable {facts['mem_available']} at the start",
        f"- Python {facts['python']}, Django {facts['django']}, Linux {facts['kernel']}",
        f"- Load average (1/5/15 min) before the run {facts['load_start']}, after the "
        f"measurements {facts['load_end']}: the machine is shared, so compare ratios "
        "more than absolute times.",
        "- Engines: "
        + ", ".join(f"{name} ({engine['server']})" for name, engine in engines.items())
        + "".join(f"; {name} not measured: {why}" for name, why in skipped.items()),
        "",
        "### Method",
        "",
        f"- Data: one manager with {len(PLAN)} practices in the plan "
        f"({', '.join(target for _n, target in PLAN)}), all started {DAYS} days ago, "
        f"~{ADHERENCE:.0%} adherence on working days, summer and Christmas leave recorded "
        f"as paused days, monthly automaticity ratings for the first six months; plus "
        f"{args.others} other managers in the same organisation with 3-5 practices each, "
        "so the tables are not trivially small. Seeded with the app's models (plan items "
        "via `do_add_plan_item`, logs with `bulk_create`), then `ANALYZE`.",
        "- Requests: `django.test.Client` with `force_login`, all app middleware. "
        f"{args.warmup} warm-up rounds, then {args.rounds} measured rounds; each round "
        "makes one request of each kind in a shuffled order.",
        "- Floor: `GET /floor/` (bench/floor.py): `login_required`, a one-line template "
        "with the user's email rendered through the normal template engine and context "
        "processors. Every page pays at least this.",
        "- Write floor: `POST /floor/write/`, the floor plus one `UPDATE` in a transaction. "
        "SQLite runs with `synchronous=FULL` and PostgreSQL with `synchronous_commit=on`, "
        "so every commit waits for the disk; any request that saves something pays this, "
        "logging included. `log / write floor` below shows what logging costs beyond it.",
        "- Log: `POST /plan/<id>/log/` with `HX-Request: true`, a fresh token each time, "
        "empty day and note (so: today), rotating over the 5 plan items. It returns the "
        "re-rendered item card. After each round the rows it logged are deleted again "
        "(untimed), so every round sees the seeded history.",
        "- Queries: `CaptureQueriesContext` over 3 extra requests of each kind (a range "
        "when they differed). Peak RSS: `resource.getrusage` max RSS of the measuring "
        "process (the seeding runs in a separate process).",
        "- The test client keeps one database connection for the whole run (it "
        "disconnects Django's per-request `close_old_connections`), so per-request "
        "connection set-up and health checks of a real server are not in these numbers.",
        "",
        "### Results",
        "",
        *table(engines),
        "",
        "Goals: dashboard within 3x and logging within 2x of the floor (both p50 and p95). "
        f"Overall: **{'met' if goals_met(engines) else 'not met'}**.",
        "",
        *[
            f"- {name}: log / write floor (p50) "
            f"{engine['results']['log']['p50'] / engine['results']['floor_write']['p50']:.2f}; "
            f"the commit alone makes the write floor "
            f"{_ratio(engine, 'floor_write', 'p50'):.2f}x the floor."
            for name, engine in engines.items()
        ],
        "",
    ]
    for name, engine in engines.items():
        seed = engine["seed"]
        lines += [
            f"{name}: {seed['managers']} managers, {seed['plan_items']} plan items, "
            f"{seed['performances']} performances, {seed['skips']} paused days; the "
            f"benchmarked manager has {seed['bench_performances']} performances "
            f"(migrate {seed['migrate_s']} s, seed {seed['seed_s']} s, seeding peak RSS "
            f"{seed['peak_rss_mb']:.0f} MB); {engine['logs_created']} performances logged "
            "(and deleted again) during the run. Mean / min / max ms: "
            + "; ".join(
                f"{kind} {r['mean']:.2f} / {r['min']:.2f} / {r['max']:.2f}"
                for kind, r in engine["results"].items()
            )
            + ". Median of the per-round ratios (same round, so robust to load drift): "
            + ", ".join(
                f"{kind}/floor {engine['results'][kind]['paired_ratio']:.2f}" for kind in GOALS
            )
            + ". Response sizes: "
            + ", ".join(f"{kind} {r['bytes']} B" for kind, r in engine["results"].items())
            + ".",
            "",
        ]
    first = next(iter(engines.values()), None)
    if first:
        items = first["seed"]["bench_items"]
        lines += [
            "The benchmarked plan at the start of the run: "
            + "; ".join(
                f"{i['target']} {i['state']} (strength {i['strength']:.2f}, streak {i['streak']})"
                for i in items
            )
            + ".",
            "",
        ]
    if strength is not None:
        lines += [
            "### bench/bench_strength.py",
            "",
            f"Run by `bench/run.py` in the same session (exit code {strength['returncode']}, "
            f"{strength['seconds']} s):",
            "",
            "```",
            strength["output"],
            "```",
            "",
        ]
    return "\n".join(lines)


def write_doc(section: str) -> None:
    write_doc_section(SECTION, section)


def write_doc_section(heading: str, section: str) -> None:
    """Replace the part of docs/performance.md under ``heading`` (or append it)."""
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    start = text.find(heading)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    else:
        end = text.find("\n## ", start + len(heading))
        rest = text[end + 1 :] if end != -1 else ""
        text = text[:start] + section.rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text)


def parent(args) -> int:
    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    skipped: dict[str, str] = {}
    args.postgres_url = None
    if "postgres" in wanted:
        args.postgres_url = _postgres_url()
        if args.postgres_url is None:
            wanted.remove("postgres")
            skipped["postgres"] = "nothing answers on 127.0.0.1:5432 and DATABASE_URL is unset"
    facts = machine_facts()
    engines = {}
    for engine in wanted:
        engines[engine] = run_engine(engine, args)
    facts["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    strength = run_strength_bench()

    print()
    print(
        f"Practice loop, {args.rounds} rounds after {args.warmup} warm-up "
        f"({facts['nproc']} CPUs, Python {facts['python']}, Django {facts['django']})"
    )
    for row in table(engines):
        print(row)
    for name, why in skipped.items():
        print(f"{name}: not measured ({why})")
    print(f"Goals (dashboard <= 3x, log <= 2x floor): {'met' if goals_met(engines) else 'NOT met'}")
    if strength is not None:
        print(f"\nbench_strength.py (exit {strength['returncode']}):\n{strength['output']}")
    if not args.no_doc:
        write_doc(render_section(facts, engines, skipped, strength, args))
        print(f"\nWrote {DOC.relative_to(ROOT)}")
    return 1 if args.strict and not goals_met(engines) else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--others", type=int, default=20, help="other managers to seed")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL bench database")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    # Internal: one engine's phase in a child process.
    parser.add_argument("--engine", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=["seed", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rounds < 1 or args.warmup < 1:
        parser.error("--rounds and --warmup must be at least 1")
    if args.engine:
        result = seed(args.others) if args.phase == "seed" else measure(args.rounds, args.warmup)
        Path(args.out).write_text(json.dumps(result))
        return 0
    return parent(args)


if __name__ == "__main__":
    raise SystemExit(main())
