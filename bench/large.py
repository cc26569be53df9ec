"""Benchmark a large organisation (issue 8): every main page beside the floor.

``make bench`` runs it after bench/run.py. For each engine (SQLite always; PostgreSQL
when it answers) it

1. builds the organisation with ``engagera generate`` once and caches it: SQLite in
   ``bench/.cache/<key>/``, PostgreSQL in the database ``engagera_large`` with the key
   stored beside the SQLite cache. The key covers the generator's options and the
   migration files, so a schema change rebuilds it;
2. measures in a fresh subprocess (its peak RSS is the serving process's) with
   django.test.Client, interleaving the kinds in shuffled rounds: the floor
   (bench/floor.py), a unit manager's dashboard, logging a performance, a person's
   timeline, the team overview (a unit manager and a department head), the admin's
   organisation overview, and, when those areas are installed, organisation-wide
   survey results and the API's status call.

Options: ``--people 10000 --managers 500 --years 5 --rounds 150 --warmup 10
--engines sqlite,postgres --rebuild --no-doc``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagera.settings")

from bench.run import (  # noqa: E402
    _peak_rss_mb,
    _percentile,
    _postgres_admin,
    _postgres_url,
    machine_facts,
    write_doc_section,
)

CACHE = ROOT / "bench" / ".cache"
PG_DATABASE = "engagera_large"
SECTION = "## A large organisation (issue 8)"
SLUG = "storstad"
GOAL_RATIO = 5.0
GOAL_PG_P95_MS = {"overview": 300.0, "overview_computed": 300.0, "survey_results": 300.0}


def cache_key(args) -> str:
    migrations = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "engagera").glob("*/migrations/0*.py")
    )
    digest = hashlib.sha256()
    # The history ends on the day of the build: rebuild on a new day so pages show "today".
    day = args.today or date.today().isoformat()
    digest.update(json.dumps([args.people, args.managers, args.years, args.seed, day]).encode())
    for name in migrations:
        digest.update(name.encode())
    digest.update((ROOT / "engagera" / "core" / "generate.py").read_bytes())
    return f"{args.people}p-{args.managers}m-{args.years}y-{digest.hexdigest()[:10]}"


# --------------------------------------------------------------------------
# Child: build and measure
# --------------------------------------------------------------------------


def build(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from engagera.core.generate import generate

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    result = generate(
        people=args.people,
        managers=args.managers,
        years=args.years,
        seed=args.seed,
        slug=SLUG,
        # A fixed last day keeps the data identical between runs and engines.
        today=date.fromisoformat(args.today) if args.today else None,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"counts": result.counts, "seconds": round(time.perf_counter() - began, 1)}


def _candidates():
    """The measured requests, one name each (see `request` in measure)."""
    kinds = ["floor", "dashboard", "log", "timeline", "team", "team_department", "overview"]
    kinds.append("overview_computed")  # the same page when its cached figures have expired
    kinds.append("survey_results")  # the latest organisation-wide round, as an administrator
    kinds.append("api_status")
    return kinds


def measure(args) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from engagera.core.models import Membership, Organisation, Role
    from engagera.people.models import Person, Team
    from engagera.practices.models import Performance, PlanItem

    organisation = Organisation.objects.get(slug=SLUG)

    def expire_overview() -> None:
        # Only the overview's figures: clearing the whole cache would also drop what other
        # pages keep (a closed survey round's results), which never expire like this in use.
        from engagera.practices.queries import overview_cache_key

        cache.delete(overview_cache_key(organisation, organisation.today()))

    # The typical manager: a unit of median size. The heaviest: a department head.
    units = list(
        Team.objects.filter(organisation=organisation, parent__isnull=False)
        .annotate(size=Count("people"))
        .order_by("size", "id")
    )
    unit = units[len(units) // 2]
    manager = unit.managers.get()
    head = (
        Team.objects.filter(organisation=organisation, parent__isnull=True).first().managers.get()
    )
    admin = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).first().user
    item_ids = list(PlanItem.objects.filter(manager=manager).values_list("id", flat=True))
    person_ids = list(Person.objects.filter(team=unit).values_list("id", flat=True))
    clients = {}
    for who, user in (("manager", manager), ("head", head), ("admin", admin)):
        clients[who] = Client()
        clients[who].force_login(user)
    kinds = _candidates()
    from engagera.surveys.models import Round

    latest_round = (
        Round.objects.filter(organisation=organisation, team__isnull=True)
        .order_by("-closes_on")
        .values_list("pk", flat=True)
        .first()
    )
    rotation = iter(range(10**9))
    tokens: list[str] = []
    api_token = None
    if "api_status" in kinds:
        api_token = _api_token(manager)

    def request(kind: str):
        client = clients["manager"]
        if kind == "floor":
            return client.get("/floor/")
        if kind == "dashboard":
            return client.get("/dashboard/")
        if kind == "timeline":
            return client.get(f"/people/{person_ids[next(rotation) % len(person_ids)]}/")
        if kind == "team":
            return client.get("/people/")
        if kind == "team_department":
            return clients["head"].get("/people/")
        if kind in ("overview", "overview_computed"):
            return clients["admin"].get("/overview/")
        if kind == "survey_results":
            return clients["admin"].get(reverse("survey_results", args=[latest_round]))
        if kind == "api_status":
            return client.get("/api/v1/status", HTTP_AUTHORIZATION=f"Bearer {api_token}")
        pk = item_ids[next(rotation) % len(item_ids)]
        tokens.append(str(uuid.uuid4()))
        data = {"token": tokens[-1], "day": "", "note": ""}
        return client.post(f"/plan/{pk}/log/", data, HTTP_HX_REQUEST="true")

    def check(kind: str, response) -> None:
        if response.status_code != 200:
            raise SystemExit(f"{kind}: HTTP {response.status_code}")
        if kind == "log" and b'class="message error"' in response.content:
            raise SystemExit(f"log: the view answered with an error: {response.content[:300]!r}")

    def undo_logs() -> None:
        Performance.objects.filter(token__in=tokens).delete()
        tokens.clear()

    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    order_rng = random.Random(7)
    with override_settings(ROOT_URLCONF="bench.urls"):
        for n in range(args.warmup + args.rounds):
            order = list(kinds)
            order_rng.shuffle(order)
            for kind in order:
                if kind == "overview_computed":
                    expire_overview()  # untimed: the figures expire (every ten minutes in use)
                began = time.perf_counter()
                response = request(kind)
                elapsed = (time.perf_counter() - began) * 1000
                check(kind, response)
                if n >= args.warmup:
                    timings[kind].append(elapsed)
            undo_logs()
        queries = {}
        for kind in kinds:
            if kind == "overview_computed":
                expire_overview()
            with CaptureQueriesContext(connection) as captured:
                check(kind, request(kind))
            queries[kind] = len(captured.captured_queries)
        undo_logs()
    results = {}
    for kind in kinds:
        values = timings[kind]
        results[kind] = {
            "n": len(values),
            "p50": _percentile(values, 50),
            "p95": _percentile(values, 95),
            "mean": statistics.fmean(values),
            "queries": queries[kind],
            "paired_ratio": statistics.median(
                v / f for v, f in zip(values, timings["floor"], strict=True)
            ),
        }
    return {
        "engine": connection.vendor,
        "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE", 0),
        "team_size": len(person_ids),
        "department_people": Person.objects.filter(team__parent=unit.parent).count(),
        "results": results,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _api_token(user) -> str:
    from engagera.api.actions import do_create_token  # the API area (issue 6)

    membership = user.memberships.get()
    _token, secret = do_create_token(membership, name="bench", scope="read")
    return secret


# --------------------------------------------------------------------------
# Parent
# --------------------------------------------------------------------------


def _child(phase: str, env: dict, args) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--out", str(out)]
    for name in ("people", "managers", "years", "seed", "rounds", "warmup"):
        if getattr(args, name, None) is not None:
            command += [f"--{name}", str(getattr(args, name))]
    if args.today:
        command += ["--today", args.today]
    try:
        subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 - our own script
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


def run_engine(engine: str, args, *, measure: bool = True) -> dict:
    """Build (or reuse) the large organisation on `engine`; measure it unless told not to."""
    key = cache_key(args)
    folder = CACHE / key
    stamp = CACHE / f"{engine}.json"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        ENGAGERA_DATA_DIR=str(folder),
        ENGAGERA_DEBUG="0",
        ENGAGERA_ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        ENGAGERA_LOG_LEVEL="ERROR",
        ENGAGERA_API_RATE_LIMIT="100000",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    if engine == "postgres":
        env["DATABASE_URL"] = args.postgres_url
    cached = json.loads(stamp.read_text()) if stamp.exists() else {}
    if args.rebuild or cached.get("key") != key:
        if engine == "postgres":
            drop = f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"
            _postgres_admin(args.postgres_url, [drop, f"CREATE DATABASE {PG_DATABASE}"])
        else:
            for old in CACHE.glob("*p-*m-*y-*"):
                shutil.rmtree(old, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"[{engine}] generating the large organisation ...", file=sys.stderr, flush=True)
        built = _child("build", env, args)
        cached = {"key": key, **built}
        stamp.write_text(json.dumps(cached))
    if not measure:
        return {"build": cached, "env": env}
    print(f"[{engine}] measuring ...", file=sys.stderr, flush=True)
    return {"build": cached, **_child("measure", env, args)}


def table(engines: dict[str, dict]) -> list[str]:
    kinds = list(next(iter(engines.values()))["results"])
    head = "| request | " + " | ".join(
        f"{name} p50 ms | {name} p95 ms | {name} × floor (p50) | {name} queries" for name in engines
    )
    lines = [head + " |", "|---" * (1 + 4 * len(engines)) + "|"]
    for kind in kinds:
        cells = []
        for engine in engines.values():
            r = engine["results"].get(kind)
            if r is None:
                cells += ["–"] * 4
                continue
            cells += [
                f"{r['p50']:.1f}",
                f"{r['p95']:.1f}",
                f"{r['paired_ratio']:.2f}",
                str(r["queries"]),
            ]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines


def goals(engines: dict[str, dict]) -> list[str]:
    lines = []
    for name, engine in engines.items():
        for kind, r in engine["results"].items():
            if kind == "floor":
                continue
            met = r["paired_ratio"] < GOAL_RATIO
            lines.append(
                f"- {name} {kind}: {r['paired_ratio']:.2f}× the floor "
                f"({'met' if met else 'missed'}: goal under {GOAL_RATIO:.0f}×)"
            )
        if name == "postgres":
            for kind, limit in GOAL_PG_P95_MS.items():
                if kind in engine["results"]:
                    p95 = engine["results"][kind]["p95"]
                    verdict = "met" if p95 < limit else "missed"
                    lines.append(
                        f"- postgres {kind}: p95 {p95:.0f} ms ({verdict}: goal {limit:.0f} ms)"
                    )
        lines.append(f"- {name}: peak RSS of the serving process {engine['peak_rss_mb']} MB")
    return lines


def parent(args) -> int:
    facts = machine_facts()
    engines, skipped = {}, {}
    for engine in args.engines.split(","):
        if engine == "postgres":
            args.postgres_url = _postgres_url()
            if args.postgres_url is None:
                skipped[engine] = "no PostgreSQL answers on 127.0.0.1:5432"
                continue
            from urllib.parse import urlsplit

            args.postgres_url = (
                urlsplit(args.postgres_url)._replace(path="/" + PG_DATABASE).geturl()
            )
        engines[engine] = run_engine(engine, args)
    first = next(iter(engines.values()))
    counts = first["build"]["counts"]
    lines = [
        SECTION,
        "",
        f"Measured {facts['date']} on {facts['cpu']} ({facts['nproc']} cores, "
        f"{facts['mem_total']}), Python {facts['python']}, Django {facts['django']}; "
        f"load at start {facts['load_start']}. `.venv/bin/python bench/large.py` "
        f"(part of `make bench`), {args.rounds} rounds after {args.warmup} warm-up rounds, "
        "kinds shuffled in every round; ratios are medians of the per-round ratio to the floor.",
        "",
        f"The organisation (`engagera generate --people {args.people} --managers "
        f"{args.managers} --years {args.years} --seed {args.seed}`): "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items() if k not in ("seconds",))
        + ". Generated in "
        + ", ".join(f"{name} {e['build']['seconds']} s" for name, e in engines.items())
        + " (migrations included; cached between runs).",
        "",
        f"The manager's team has {first['team_size']} people; the department head sees "
        f"{first['department_people']}.",
        "",
        *table(engines),
        "",
        *goals(engines),
    ]
    for engine, why in skipped.items():
        lines.append(f"- {engine}: not measured ({why})")
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_doc:
        write_doc_section(SECTION, text)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", choices=["build", "measure"])
    parser.add_argument("--out")
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--managers", type=int, default=500)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", help="the last day of history (default: today)")
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()
    if args.phase:
        result = build(args) if args.phase == "build" else measure(args)
        Path(args.out).write_text(json.dumps(result))
        return 0
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
