"""The right of access: everything about one person, as JSON and as a page; members get their own."""

import json

from django.urls import reverse

from engagera.gdpr import actions, export
from tests.test_cli import run

from .conftest import EMAIL, NAME, logged_with


def sections(document) -> dict:
    return {section["type"]: section["entries"] for section in document["data"]}


def test_it_exports_everything_about_a_manager(client_for, admin, ebba):
    key = f"person-{ebba.person.pk}"
    response = client_for(admin).get(reverse("privacy_export", args=[key]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert key in response["Content-Disposition"] and "ebba" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    assert document["format"] == export.FORMAT and document["subject"] == key
    data = sections(document)
    assert data["core.account"][0]["email"] == EMAIL
    assert data["core.account"][0]["role"]
    assert data["people.person"][0]["full_name"] == NAME
    assert len(data["practices.plan"]) == 2
    assert len(data["practices.performances"]) == 4
    assert [e["note"] for e in data["practices.performance_notes"]] == ["bra möte"] * 3
    assert {e["author"] for e in data["practices.performance_notes"]} == {NAME}
    assert len(data["practices.paused_days"]) == 2 and len(data["practices.ratings"]) == 1
    assert data["people.teams_led"] == [{"name": ebba.team.name}]
    assert "pbkdf2" not in response.content.decode() and "argon2" not in response.content.decode()


def test_it_hides_third_parties_names_when_asked(client_for, admin, colleague, ebba, ebba_subject):
    logged_with(colleague, ebba.person)
    plain = actions.do_export_person(ebba_subject, acting=admin, redact=False)
    redacted = actions.do_export_person(ebba_subject, acting=admin, redact=True)
    assert sections(plain)["practices.performed_with"][0]["author"] == "Bo Bengtsson"
    assert sections(redacted)["practices.performed_with"][0]["author"] == export.REDACTED
    # The person's own entries keep their own name.
    assert {e["author"] for e in sections(redacted)["practices.performance_notes"]} == {NAME}
    assert "Bo Bengtsson" not in json.dumps(redacted)
    page = client_for(admin).get(reverse("privacy_report", args=[ebba_subject.key]) + "?redact=on")
    body = page.content.decode()
    assert page.status_code == 200 and "Bo Bengtsson" not in body and "bra möte" in body
    assert "gdpr/print.css" in body


def test_it_records_each_export_in_the_audit_log(client_for, admin, ebba):
    from engagera.audit.models import AuditEntry

    client = client_for(admin)
    client.get(reverse("privacy_export", args=[f"person-{ebba.person.pk}"]))
    client.get(reverse("privacy_report", args=[f"person-{ebba.person.pk}"]))
    entries = AuditEntry.objects.filter(action="data.exported", actor=admin.user)
    assert entries.count() == 2
    assert entries.first().details["subject"] == f"person-{ebba.person.pk}"


def test_it_lets_a_member_download_their_own_data(client_for, member, ebba):
    client = client_for(member)
    page = client.get(reverse("my_data"))
    assert page.status_code == 200
    response = client.post(reverse("my_data"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert sections(document)["core.account"][0]["email"] == member.user.email
    assert NAME not in response.content.decode()
    assert document["redacted"] is True


def test_it_finds_subjects_only_inside_the_organisation(client_for, outsider_admin, admin, ebba):
    client = client_for(outsider_admin)
    for key in (f"user-{ebba.user.pk}", f"person-{ebba.person.pk}", "user-x", "nobody-1"):
        assert client.get(reverse("privacy_person", args=[key])).status_code == 404
    own = client_for(admin)
    assert own.get(reverse("privacy_person", args=[f"user-{ebba.user.pk}"])).status_code == 200
    assert own.get(reverse("privacy_person", args=["user-999999"])).status_code == 404


def test_it_exports_from_the_command_line(ebba, tmp_path):
    code, out, err = run("export", EMAIL, "--org", "solbacka")
    assert code == 0, err
    assert sections(json.loads(out))["people.person"][0]["full_name"] == NAME
    target = tmp_path / "ebba.json"
    assert run("export", EMAIL, "--org", "solbacka", "--redact", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["redacted"] is True
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    code, _, err = run("export", EMAIL, "--org", "solbacka", "-o", str(target))
    assert code == 2 and err.count("\n") == 1
    assert run("export", "nobody@example.org", "--org", "solbacka")[0] == 2
    assert run("export", EMAIL, "--org", "nowhere")[0] == 2
