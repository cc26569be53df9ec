"""The new verbs: feedback, people list, token create, worker; one line on stderr, exit 2."""

import io
import json
import sys

import pytest

from engagera.api.models import ApiToken
from engagera.cli import main
from engagera.feedback.models import Feedback


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    code = 0
    try:
        main(["engagera", *argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_it_records_feedback_from_the_command_line(manager, person):
    code, out, err = run(
        "feedback",
        person.email,
        "--user",
        manager.user.email,
        "--kind",
        "reinforcing",
        "--note",
        "bra möte",
    )
    assert code == 0, err
    feedback = Feedback.objects.get()
    assert (feedback.person, feedback.note, feedback.author) == (person, "bra möte", manager.user)
    assert "reinforcing feedback to Maja Månsson" in out


def test_it_refuses_someone_outside_the_teams_one_leads(manager, foreign_person):
    code, out, err = run(
        "feedback", str(foreign_person.pk), "--user", manager.user.email, "--kind", "reinforcing"
    )
    assert code == 2 and err.count("\n") == 1 and err.startswith("engagera feedback:")
    assert not Feedback.objects.exists()


def test_a_wrong_kind_is_one_line_and_exit_2(manager, person):
    code, _, err = run("feedback", person.email, "--user", manager.user.email, "--kind", "praise")
    assert code == 2 and err.count("\n") == 1


def test_it_lists_people_as_json(manager, person):
    run("feedback", person.email, "--user", manager.user.email, "--kind", "developmental")
    code, out, _ = run("people", "list", "--user", manager.user.email, "--json")
    assert code == 0
    [row] = json.loads(out)["people"]
    assert (
        row["name"] == "Maja Månsson"
        and row["last_feedback"] == manager.organisation.today().isoformat()
    )
    code, text, _ = run("people", "list", "--user", manager.user.email)
    assert "Maja Månsson" in text


def test_people_list_shows_nothing_of_another_organisation(outsider, person):
    code, out, _ = run("people", "list", "--user", outsider.user.email, "--json")
    assert code == 0 and json.loads(out) == {"people": []}


@pytest.mark.parametrize("expires", ["2020-01-01", "tomorrow"])
def test_token_create_refuses_a_bad_expiry(manager, expires):
    code, out, err = run("token", "create", "--user", manager.user.email, "--expires", expires)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert not ApiToken.objects.exists()


def test_token_create_prints_only_the_token(manager):
    code, out, _ = run(
        "token",
        "create",
        "--user",
        manager.user.email,
        "--scope",
        "write",
        "--expires",
        "2099-01-01",
    )
    assert code == 0 and out.strip().startswith("eng_") and len(out.strip().splitlines()) == 1
    assert ApiToken.objects.get().expires_on.isoformat() == "2099-01-01"


def test_the_worker_needs_the_database_backend(db):
    code, _, err = run("worker", "--batch")
    assert code == 2 and "ENGAGERA_TASKS_BACKEND=database" in err


def test_digest_previews_and_sends(manager, person, mailoutbox):
    code, out, _ = run("digest", "--user", manager.user.email)
    assert code == 0 and "Subject:" in out and "Maja Månsson" in out
    code, out, _ = run("digest", "--user", manager.user.email, "--send")
    assert code == 0 and out.strip() == "sent"
    assert [m.to for m in mailoutbox] == [[manager.user.email]]


def test_digest_refuses_a_member(member):
    code, _, err = run("digest", "--user", member.user.email)
    assert code == 2 and err.startswith("engagera digest:")
