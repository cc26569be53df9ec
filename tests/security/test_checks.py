"""Production settings pass `check --deploy` with no warnings; our own checks catch the rest."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from csp.constants import NONCE

from engagera import checks

ROOT = Path(__file__).resolve().parents[2]
POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}


def run_engagera(*argv, env_extra: dict, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENGAGERA_")}
    env.pop("DATABASE_URL", None)
    # Set by the browser tests' conftest for Playwright; a real deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({"ENGAGERA_DATA_DIR": str(tmp_path / "data"), **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "engagera.cli", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_with_no_warnings_in_production(tmp_path):
    result = run_engagera(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "ENGAGERA_DEBUG": "0",
            "ENGAGERA_HTTPS": "1",
            "ENGAGERA_ALLOWED_HOSTS": "engagera.example.se",
            "ENGAGERA_SECRET_KEY": secrets.token_urlsafe(50),
        },
        tmp_path=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def test_it_warns_about_plain_http_outside_production(tmp_path):
    """The control: the same check does see a setup without TLS."""
    result = run_engagera("check", "--deploy", env_extra={}, tmp_path=tmp_path)
    assert "security.W008" in result.stderr + result.stdout


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_it_accepts_the_shipped_policy_and_session_settings():
    assert checks.check_content_security_policy(None) == []
    assert checks.check_session_lifetime(None) == []


def test_it_refuses_a_missing_policy(settings):
    settings.CONTENT_SECURITY_POLICY = None
    messages = checks.check_content_security_policy(None)
    assert ids(messages) == ["engagera.E002"]
    assert "CONTENT_SECURITY_POLICY" in messages[0].msg


def test_it_refuses_a_missing_middleware(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "csp" not in m and "Timeout" not in m]
    assert "engagera.E001" in ids(checks.check_content_security_policy(None))
    assert "engagera.E010" in ids(checks.check_session_lifetime(None))


@pytest.mark.parametrize(
    ("directive", "value", "code"),
    [
        ("object-src", ["'self'"], "engagera.E003"),
        ("base-uri", None, "engagera.E003"),
        ("frame-ancestors", ["'self'"], "engagera.E003"),
        ("script-src", ["'self'", "'unsafe-inline'"], "engagera.E005"),
        ("style-src", ["'self'", "'unsafe-inline'"], "engagera.E005"),
        ("script-src", ["'self'", "https://cdn.example"], "engagera.E005"),
        ("script-src", ["'self'", NONCE], None),
        ("script-src", ["*"], "engagera.E005"),
        ("default-src", [], "engagera.E004"),
    ],
)
def test_it_names_the_weak_directive(settings, directive, value, code):
    policy = {"DIRECTIVES": dict(POLICY["DIRECTIVES"])}
    if value is None:
        del policy["DIRECTIVES"][directive]
    else:
        policy["DIRECTIVES"][directive] = value
    settings.CONTENT_SECURITY_POLICY = policy
    messages = checks.check_content_security_policy(None)
    if code is None:
        assert messages == []
        return
    assert ids(messages) == [code]
    assert directive in messages[0].msg


@pytest.mark.parametrize(
    ("overrides", "code", "words"),
    [
        ({"SESSION_IDLE_TIMEOUT": 0}, "engagera.E011", "SESSION_IDLE_TIMEOUT"),
        ({"SESSION_ABSOLUTE_TIMEOUT": None}, "engagera.E011", "SESSION_ABSOLUTE_TIMEOUT"),
        (
            {"SESSION_IDLE_TIMEOUT": 5 * 3600, "SESSION_ABSOLUTE_TIMEOUT": 3600},
            "engagera.W010",
            "ENGAGERA_SESSION_IDLE_MINUTES",
        ),
        ({"SESSION_IDLE_TIMEOUT": 10 * 3600}, "engagera.W011", "600 minutes"),
        (
            {"SESSION_ABSOLUTE_TIMEOUT": 48 * 3600, "SESSION_COOKIE_AGE": 48 * 3600},
            "engagera.W012",
            "48 hours",
        ),
        ({"SESSION_COOKIE_AGE": 600}, "engagera.W013", "SESSION_COOKIE_AGE"),
        ({"SESSION_SAVE_EVERY_REQUEST": True}, "engagera.W014", "SESSION_SAVE_EVERY_REQUEST"),
    ],
)
def test_it_tells_what_is_wrong_with_the_session_lifetime(settings, overrides, code, words):
    for name, value in overrides.items():
        setattr(settings, name, value)
    messages = checks.check_session_lifetime(None)
    assert code in ids(messages)
    message = next(m for m in messages if m.id == code)
    assert words in message.msg + (message.hint or "")
