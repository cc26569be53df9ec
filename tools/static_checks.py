"""Static checks: bandit finds no high or medium issue, pip-audit no known vulnerability.

Prints one line per tool, e.g.
    bandit: 0 high, 0 medium, 3 low findings in 9120 lines (4 justified with nosec)
    pip-audit: 0 known vulnerabilities in 61 dependencies
A finding bandit should not count carries a `# nosec B<number>: why` comment on its line.

When pip-audit cannot reach its vulnerability service (a machine without internet, or a
package index proxy that does not serve the JSON API), it says so on its line and that
alone does not fail the check: the other results still count.

Exit status 1 when bandit reports a high or medium issue or pip-audit a vulnerability.
"""

import json
import subprocess  # nosec B404: runs bandit and pip-audit with fixed arguments
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ["engagera", "tools", "bench"]


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  # nosec B603: our own interpreter and fixed arguments
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def bandit() -> tuple[bool, str]:
    result = _run(["bandit", "-r", *SCANNED, "-f", "json", "-q"], timeout=600)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return False, f"bandit: did not run ({(result.stderr.strip().splitlines() or ['?'])[-1]})"
    totals = report["metrics"]["_totals"]
    high, medium = totals["SEVERITY.HIGH"], totals["SEVERITY.MEDIUM"]
    line = (
        f"bandit: {high} high, {medium} medium, {totals['SEVERITY.LOW']} low findings "
        f"in {totals['loc']} lines ({totals['nosec'] + totals['skipped_tests']} justified with nosec)"
    )
    for finding in report["results"]:
        if finding["issue_severity"] in ("HIGH", "MEDIUM"):
            line += (
                f"\n  {finding['filename']}:{finding['line_number']} {finding['test_id']} "
                f"{finding['issue_text']}"
            )
    return high == 0 and medium == 0, line


def pip_audit() -> tuple[bool, str]:
    try:
        result = _run(
            ["pip_audit", "--format", "json", "--progress-spinner", "off", "--skip-editable"],
            timeout=900,
        )
    except subprocess.TimeoutExpired:
        return True, "pip-audit: not measured, the vulnerability service did not answer in time"
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1][:160]
        return True, f"pip-audit: not measured, it could not run or reach its service ({reason})"
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    vulnerable = [d for d in audited if d.get("vulns")]
    found = sum(len(d["vulns"]) for d in vulnerable)
    if not audited:
        return True, (
            f"pip-audit: not measured, its vulnerability service was unreachable from this "
            f"machine ({len(skipped)} of {len(dependencies)} dependencies could not be looked up)"
        )
    line = f"pip-audit: {found} known vulnerabilities in {len(audited)} dependencies"
    if skipped:
        line += f" ({len(skipped)} not audited: {', '.join(d['name'] for d in skipped)})"
    for dependency in vulnerable:
        ids = ", ".join(v["id"] for v in dependency["vulns"])
        line += f"\n  {dependency['name']} {dependency['version']}: {ids}"
    return found == 0, line


def main() -> int:
    passed = True
    for check in (bandit, pip_audit):
        ok, line = check()
        print(line, flush=True)
        passed = passed and ok
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
