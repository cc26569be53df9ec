"""The `engagera` verbs: same actions as the web, exit 2 with one line on bad input."""

import io
import json
import sys
from datetime import timedelta

import pytest

from engagera.cli import main
from engagera.practices.models import Performance, PlanItem, Skip


def run(*argv, stdin: str = ""):
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO(stdin)
    code = 0
    try:
        main(["engagera", *argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdout, sys.stderr, sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def email(manager):
    return manager.user.email


def test_it_runs_the_whole_loop_from_the_command_line(email, manager):
    start = (manager.organisation.today() - timedelta(days=10)).isoformat()
    assert run("plan", "add", "43", "--user", email, "--target", "2/week", "--start", start)[0] == 0
    assert run("log", "give-feedback-often", "--user", email, "--note", "bra jobbat")[0] == 0
    yesterday = (manager.organisation.today() - timedelta(days=1)).isoformat()
    assert run("log", "43", "--user", email, "--date", yesterday)[0] == 0
    assert run("skip", "43", "--user", email, "--from", start, "--to", start)[0] == 0
    code, out, _ = run("status", "--user", email, "--json")
    assert code == 0
    item = json.loads(out)["items"][0]
    assert item["practice"] == 43 and item["target"] == "2/week" and item["state"] == "learning"
    assert 0 < item["strength"] < 1 and isinstance(item["strength"], float)
    assert item["performances_this_period"] >= 1
    assert {"streak", "performances_this_period"} <= item.keys()
    assert Performance.objects.count() == 2 and Skip.objects.count() == 1
    code, out, _ = run("plan", "list", "--user", email)
    assert code == 0 and "give-feedback-often" in out
    assert run("plan", "pause", "43", "--user", email)[0] == 0
    assert PlanItem.objects.get().state == "paused"
    assert run("plan", "resume", "43", "--user", email)[0] == 0
    assert run("plan", "retire", "43", "--user", email)[0] == 0
    assert PlanItem.objects.get().state == "retired"


def test_it_reports_status_on_a_past_day(email, manager):
    start = manager.organisation.today() - timedelta(days=20)
    run("plan", "add", "41", "--user", email, "--target", "1/day", "--start", start.isoformat())
    run("log", "41", "--user", email, "--date", start.isoformat())
    code, out, _ = run("status", "--user", email, "--on", start.isoformat(), "--json")
    # One daily performance on the first day: s = 1 - m with m = 0.5 ** (1 / 13).
    assert json.loads(out)["items"][0]["strength"] == pytest.approx(1 - 0.5 ** (1 / 13), abs=1e-4)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["log", "feedbak", "--user", "anna@solbacka.example"], "give-feedback-often"),
        (["log", "43", "--user", "nobody@example.com"], "unknown user"),
        (["log", "43", "--user", "anna@solbacka.example", "--date", "2026-02-30"], "YYYY-MM-DD"),
        (
            ["plan", "add", "43", "--user", "anna@solbacka.example", "--target", "3/fortnight"],
            "3/fortnight",
        ),
        (["plan", "add", "43", "--user", "anna@solbacka.example", "--start", "igår"], "YYYY-MM-DD"),
        (["skip", "43", "--user", "anna@solbacka.example", "--from", "2026-01-02"], "--to"),
        (["status"], "--user"),
        (["practices", "--lang", "de"], "de"),
    ],
)
def test_it_exits_2_with_one_line_for_bad_input(manager, argv, needle):
    code, out, err = run(*argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("engagera ")
    assert needle in err
    assert Performance.objects.count() == 0 and PlanItem.objects.count() == 0


def test_it_refuses_a_future_log(email, manager):
    run("plan", "add", "43", "--user", email)
    tomorrow = (manager.organisation.today() + timedelta(days=1)).isoformat()
    code, _, err = run("log", "43", "--user", email, "--date", tomorrow)
    assert code == 2 and "future" in err
    assert Performance.objects.count() == 0


def test_it_asks_for_yes_before_a_fourth_learning_practice(email, manager):
    for number in ("41", "42", "43"):
        assert run("plan", "add", number, "--user", email)[0] == 0
    code, _, err = run("plan", "add", "48", "--user", email)
    assert code == 2 and "--yes" in err
    assert run("plan", "add", "48", "--user", email, "--yes")[0] == 0
    assert PlanItem.objects.count() == 4


def test_it_lists_practices_as_json_in_both_languages(catalogue):
    code, out, _ = run("practices", "--lang", "en", "--json")
    english = json.loads(out)["practices"]
    code_sv, out_sv, _ = run("practices", "--lang", "sv", "--json")
    swedish = json.loads(out_sv)["practices"]
    assert code == code_sv == 0
    assert len(english) == len(swedish) == 50
    assert english[42]["number"] == 43 and english[42]["title"] != swedish[42]["title"]


def test_it_creates_a_user_with_the_password_from_stdin(org):
    code, out, _ = run(
        "createuser",
        "ny@solbacka.example",
        "--org",
        "solbacka",
        "--role",
        "manager",
        "--password-stdin",
        stdin="ett-langt-losenord-2026\n",
    )
    assert code == 0
    from django.contrib.auth import authenticate

    assert authenticate(username="ny@solbacka.example", password="ett-langt-losenord-2026")


def test_it_refuses_a_weak_password_and_creates_nothing(org):
    from engagera.core.models import User

    code, _, err = run(
        "createuser",
        "ny@solbacka.example",
        "--org",
        "solbacka",
        "--role",
        "admin",
        "--password-stdin",
        stdin="123\n",
    )
    assert code == 2 and err.count("\n") == 1
    assert not User.objects.filter(email="ny@solbacka.example").exists()


def test_it_passes_other_commands_to_django(db):
    code, out, _ = run("showmigrations", "practices")
    assert code == 0 and "0002_load_catalogue" in out


def test_it_seeds_the_demo_once(catalogue):
    code, out, _ = run("demo", "--if-empty")
    assert code == 0 and "anders.berg@solbacka.example" in out
    assert PlanItem.objects.filter(organisation__slug="solbacka").count() >= 6
    count = Performance.objects.count()
    assert count > 50
    code, out, _ = run("demo", "--if-empty")
    assert code == 0 and Performance.objects.count() == count
