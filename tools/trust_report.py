"""`make trust`: measure what Engagera's protections achieve, print it, and record it.

Runs, each in its own process:

* the access matrix (tests/test_access_isolation.py): attempts made and succeeded;
* the injection tests (tests/security/test_injection*.py, when they exist);
* `engagera check --deploy` with production settings: warnings and errors;
* the crash test (tools/crash_test.py) on SQLite, and on PostgreSQL when one answers;
* the backup round trip (tests/trust/test_backup.py) on the same engines;
* bandit and pip-audit (tools/static_checks.py).

Prints the figures and rewrites the measured block of docs/security.md with them and
the date. Exit status 1 when a figure is not what it must be (e.g. a lost write).
PostgreSQL: the server DATABASE_URL names when set, else postgres://postgres@127.0.0.1:5432
when a server answers there (its tests use a database of their own, test_<name>_trust).
"""

import os
import re
import secrets
import shutil
import subprocess  # nosec B404: runs our own tools and tests with fixed arguments
import sys
import tempfile
import urllib.parse
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
START, END = "<!-- trust-report:start -->", "<!-- trust-report:end -->"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/engagera"


def run(args: list[str], *, env: dict | None = None, timeout: int = 900) -> str:
    """Our interpreter running a module or script; stdout and stderr together."""
    result = subprocess.run(  # noqa: S603  # nosec B603: our interpreter, fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=env or os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result.stdout + result.stderr


def sqlite_env() -> dict:
    env = os.environ.copy()
    env.pop("DATABASE_URL", None)
    return env


def postgres_env() -> dict | None:
    url = os.environ.get("DATABASE_URL") or ""
    if not url:
        ready = shutil.which("pg_isready")
        if ready is None:
            return None
        probe = subprocess.run(  # noqa: S603  # nosec B603: fixed arguments
            [ready, "-q", "-h", "127.0.0.1", "-p", "5432"], check=False
        )
        if probe.returncode != 0:
            return None
        url = DEFAULT_POSTGRES
    # A database name of its own, so its test database (test_<name>_trust) never meets the
    # one a test run on the same server is using at that moment.
    parts = urllib.parse.urlsplit(url)
    url = urllib.parse.urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_trust"))
    return {**os.environ, "DATABASE_URL": url}


def pytest_ok(output: str) -> bool:
    """Whether pytest's closing line says everything passed."""
    closing = re.findall(r"^=*\s*(\d+ passed.*in [\d.]+s.*)$", output, re.MULTILINE)
    return bool(closing) and not re.search(r"\b(failed|errors?)\b", closing[-1])


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, bool]] = []  # (what, figure, as it must be)

    def add(self, what: str, figure: str, good: bool) -> None:
        self.rows.append((what, figure, good))
        print(f"{what}: {figure}{'' if good else '  <-- NOT AS IT MUST BE'}", flush=True)

    @property
    def good(self) -> bool:
        return all(good for _, _, good in self.rows)


def access_matrix(report: Report) -> None:
    output = run(
        ["-m", "pytest", "tests/test_access_isolation.py", "-q", "-s", "-p", "no:cacheprovider"],
        env=sqlite_env(),
    )
    match = re.search(
        r"access matrix: (\d+) attempts on object URLs, (\d+) refused, (\d+) succeeded", output
    )
    passed = pytest_ok(output)
    if match is None:
        report.add("access matrix", "not measured (the test did not print its figures)", False)
        return
    attempts, succeeded = int(match.group(1)), int(match.group(3))
    figure = f"{attempts} attempts on other people's objects, {succeeded} succeeded"
    if not passed:
        figure += " (but the access tests failed)"
    report.add("access matrix", figure, succeeded == 0 and passed)


def injection(report: Report) -> None:
    files = sorted(
        str(p.relative_to(ROOT))
        for folder in ("security", "browser")
        for p in (ROOT / "tests" / folder).glob("test_injection*.py")
    )
    if not files:
        report.add("injection", "not yet measured", True)
        return
    output = run(["-m", "pytest", *files, "-q", "-s", "-p", "no:cacheprovider"], env=sqlite_env())
    found = re.findall(r"injection: (\d+) payloads tried, (\d+) executed", output)
    if not found:
        report.add("injection", "not measured (the tests did not print their figures)", False)
        return
    tried, executed = sum(int(t) for t, _ in found), sum(int(e) for _, e in found)
    failed = not pytest_ok(output)
    figure = f"{tried} payloads tried, {executed} executed"
    if failed:
        figure += " (but the injection tests failed)"
    report.add("injection", figure, executed == 0 and not failed)


def deploy_check(report: Report) -> None:
    with tempfile.TemporaryDirectory(prefix="engagera-deploy-") as data_dir:
        env = {
            **sqlite_env(),
            "ENGAGERA_DEBUG": "0",
            "ENGAGERA_HTTPS": "1",
            "ENGAGERA_ALLOWED_HOSTS": "engagera.example",
            "ENGAGERA_SECRET_KEY": secrets.token_urlsafe(48)[:64],
            "ENGAGERA_DATA_DIR": data_dir,
        }
        output = run(["-m", "engagera.cli", "check", "--deploy"], env=env)
    warnings = len(re.findall(r"^\S+: \([\w.]+\.W\d+\)", output, re.MULTILINE))
    errors = len(re.findall(r"^\S+: \([\w.]+\.E\d+\)", output, re.MULTILINE))
    ran = "System check identified" in output
    if not ran:
        tail = (output.strip().splitlines() or ["no output"])[-1]
        report.add("deploy check", f"did not run ({tail})", False)
        return
    report.add(
        "deploy check warnings",
        f"{warnings} warnings, {errors} errors (ENGAGERA_DEBUG=0 ENGAGERA_HTTPS=1)",
        warnings == 0 and errors == 0,
    )


def crash(report: Report, engines: dict) -> None:
    for engine, env in engines.items():
        output = run(["tools/crash_test.py"], env=env, timeout=600)
        match = re.search(
            r"crash test: (\d+) runs on \w+, (\d+) writes acknowledged, (\d+) lost, "
            r"(\d+) duplicates, integrity (\w+)",
            output,
        )
        if match is None:
            tail = (output.strip().splitlines() or ["no output"])[-1]
            report.add(f"crash test ({engine})", f"did not finish ({tail})", False)
            continue
        runs, acked, lost, duplicates, integrity = match.groups()
        report.add(
            f"crash test ({engine})",
            f"{runs} runs, {acked} writes acknowledged, {lost} lost, {duplicates} duplicates, "
            f"integrity {integrity}",
            lost == "0" and duplicates == "0" and integrity == "ok",
        )


def backups(report: Report, engines: dict) -> None:
    for engine, env in engines.items():
        output = run(
            [
                "-m",
                "pytest",
                "tests/trust/test_backup.py",
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
                "-k",
                "row_by_row",
            ],
            env=env,
        )
        match = re.search(r"backup: (\d+) round trips? on \w+, (\d+) differences", output)
        if match is None:
            tail = (output.strip().splitlines() or ["no output"])[-1]
            report.add(f"backup round trip ({engine})", f"did not finish ({tail})", False)
            continue
        trips, differences = match.groups()
        report.add(
            f"backup round trip ({engine})",
            f"{trips} round trip, {differences} differences (every row of every table compared)",
            differences == "0",
        )


def static_checks(report: Report) -> None:
    output = run(["tools/static_checks.py"])
    bandit = re.search(r"^bandit: (\d+) high, (\d+) medium.*$", output, re.MULTILINE)
    audit = re.search(r"^pip-audit: .*$", output, re.MULTILINE)
    if bandit is None:
        report.add("bandit", "did not run", False)
    else:
        report.add(
            "bandit",
            bandit.group(0).removeprefix("bandit: "),
            bandit.group(1) == "0" and bandit.group(2) == "0",
        )
    if audit is None:
        report.add("pip-audit", "did not run", False)
    else:
        text = audit.group(0).removeprefix("pip-audit: ")
        report.add("pip-audit", text, text.startswith("0 known") or text.startswith("not measured"))


def write_doc(report: Report, engines: list[str]) -> None:
    lines = [
        START,
        f"Measured on {date.today().isoformat()} by `make trust` "
        f"(databases: {', '.join(engines)}).",
        "",
        "| what | figure |",
        "|---|---|",
        *[
            f"| {what} | {figure}{'' if good else ' **(not as it must be)**'} |"
            for what, figure, good in report.rows
        ],
        END,
    ]
    block = "\n".join(lines)
    text = DOC.read_text() if DOC.exists() else f"# Security\n\n{START}\n{END}\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text)


def main() -> int:
    print(f"Engagera trust report, {date.today().isoformat()}", flush=True)
    engines = {"sqlite": sqlite_env()}
    postgres = postgres_env()
    if postgres is not None:
        engines["postgresql"] = postgres
    report = Report()
    access_matrix(report)
    injection(report)
    deploy_check(report)
    crash(report, engines)
    backups(report, engines)
    static_checks(report)
    write_doc(report, list(engines))
    print(f"written to {DOC.relative_to(ROOT)}")
    return 0 if report.good else 1


if __name__ == "__main__":
    sys.exit(main())
