"""The organisation export: a Django fixture of one tenant, without secrets or survey answers."""

import json
import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from engagera.api.actions import do_create_token
from engagera.api.models import ApiToken
from engagera.audit.actions import record
from engagera.core.models import User
from engagera.feedback.actions import do_log_feedback
from engagera.gdpr import org_export
from engagera.ideas.actions import do_build_on, do_post_idea
from engagera.lib.habits import Target
from engagera.needs.actions import do_raise_need
from engagera.needs.models import Need
from engagera.oneonones import actions as meetings
from engagera.people import actions as card
from engagera.people.models import Person
from engagera.practices.actions import do_add_plan_item, do_save_own_practice
from engagera.practices.models import Driver, Performance, Practice
from engagera.recognition.actions import do_name_hero
from engagera.reminders.actions import do_regenerate_calendar_feed, do_save_webhook
from engagera.security.actions import _new_link
from engagera.security.models import SignInLink
from engagera.surveys import actions as surveys
from engagera.surveys.bank_sync import bank_is_loaded, sync_questions
from engagera.surveys.models import Invitation, Kind, Question, Tally
from tests.test_cli import run

from .conftest import EMAIL, NAME, rich_manager

COMMENT = "Hemlig kommentar från enkäten"
TALLY = "tally-marker-7c1f"
RATING_LINK = "e" * 64
WEBHOOK = "https://hooks.example.org/services/T000/B000/secretpart"


def organisation_with_everything(org, admin):
    """Ebba's plans and logs, CRM rows, recognition, ideas, and what must not be exported."""
    if not bank_is_loaded():
        sync_questions()
    ebba = rich_manager(org)
    today = org.today()
    people = [
        Person.objects.create(
            organisation=org, team=ebba.team, full_name=f"Medarbetare {i}", email=f"m{i}@s.example"
        )
        for i in range(6)
    ]
    rut = people[0]
    do_log_feedback(ebba.membership, rut, kind="reinforcing", note="Tydlig överlämning")
    meeting = meetings.do_plan_meeting(ebba.membership, rut, on=today)
    meetings.do_add_talking_point(ebba.membership, meeting, "Kompetensutveckling")
    need = do_raise_need(ebba.membership, rut, category="training", description="Kurs i Excel")
    Need.objects.filter(pk=need.pk).update(rating_token_hash=RATING_LINK)  # as if closed
    card.do_add_note(ebba.membership, rut, text="Vill gå ner i tid", shared=False)
    goal = card.do_agree_goal(ebba.membership, rut, what="Certifiering", why="", way="", day=today)
    assert goal is not None
    hero = do_name_hero(
        ebba.membership,
        rut,
        found_in="process",
        message="Hittade felet",
        driver=Driver.objects.first(),
    )
    assert hero.pk
    own = do_save_own_practice(
        admin, None, {"title_sv": "Fika med teamet", "cadence": "1/week"}, [Driver.objects.first()]
    )
    do_add_plan_item(ebba.membership, own, Target.parse("1/week"))
    idea = do_post_idea(ebba.membership, ebba.team, title="Stående möten", text="Kortare")
    do_build_on(ebba.membership, idea, text="Och utomhus")
    # What stays behind: a survey with answers, tokens, links, devices, feeds, a webhook.
    round_ = surveys.do_open_round(admin, team=None, opens_on=today, closes_on=today)
    for invitation in Invitation.objects.filter(round=round_)[:5]:
        values = {q.code: 4 if q.kind == Kind.AGREEMENT else 9 for q in round_.questions.all()}
        surveys.do_submit_response(invitation, values, comment=COMMENT)
    Tally.objects.create(round=round_, data={TALLY: 5})
    Invitation.objects.filter(round=round_).update(token_hash="f" * 64)
    do_create_token(ebba.membership, scope="read", name="skript")
    _new_link(ebba.user, "signin", timedelta(days=1))
    TOTPDevice.objects.create(user=ebba.user, name="telefon", confirmed=True)
    do_regenerate_calendar_feed(ebba.membership)
    do_save_webhook(admin, url=WEBHOOK, active=True)
    # An operator without a membership who acted in the organisation: exported, unprivileged.
    operator = User.objects.create_superuser("root@operator.example", "x" * 24)
    record("person.viewed", organisation=org, actor=operator)
    return ebba


def scoped_rows() -> dict[str, list[dict]]:
    """The organisation's rows per model as the loader would see them, passwords aside."""
    organisation = org_export.Organisation.objects.get(slug="solbacka")
    found = {}
    for label, rows in org_export.querysets(organisation):
        entries = serializers.serialize("python", rows)
        blanked = org_export.BLANKED.get(label, ())
        for entry in entries:
            for name in ("password", "is_staff", "is_superuser", "groups", "user_permissions"):
                entry["fields"].pop(name, None)
            for name in blanked:
                entry["fields"].pop(name)
        found[label] = entries
    return found


def objects_in(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.django_db(transaction=True)
def test_it_exports_and_loads_an_organisation_back(org, admin, tmp_path, capsys):
    organisation_with_everything(org, admin)
    before = scoped_rows()
    path = tmp_path / "solbacka.json"
    code, out, err = run("export", "--org", "solbacka", "-o", str(path), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["rows"] == sum(len(rows) for rows in before.values())
    assert summary["models"]["practices.Performance"] == 4
    assert oct(path.stat().st_mode & 0o777) == "0o600"

    # A fresh installation of the same version: empty, with the shared catalogue from its
    # migrations. Earlier tests' flushes have moved this database's catalogue ids, which a
    # fresh installation would not have, so bring the catalogue back with its ids.
    shared = tmp_path / "catalogue.json"
    shared.write_text(
        serializers.serialize(
            "json",
            [
                *Driver.objects.all(),
                *Practice.objects.filter(organisation=None),
                *Question.objects.all(),
            ],
        )
    )
    call_command("flush", interactive=False, verbosity=0)
    assert Performance.objects.count() == Driver.objects.count() == 0
    call_command("loaddata", str(shared), verbosity=0)
    call_command("loaddata", str(path), verbosity=0)

    after = scoped_rows()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before
    assert Person.objects.get(email=EMAIL).full_name == NAME
    own = Practice.objects.get(organisation__slug="solbacka")
    assert own.title_sv == "Fika med teamet" and own.drivers.count() == 1
    assert sorted(Performance.objects.values_list("note", flat=True)) == ["", *["bra möte"] * 3]
    for user in User.objects.all():
        assert not user.has_usable_password() and not user.is_superuser and not user.is_staff
    for model in (ApiToken, TOTPDevice, Invitation, Tally):
        assert model.objects.count() == 0, model
    assert Need.objects.get().rating_token_hash == ""
    with capsys.disabled():
        counts = ", ".join(f"{label} {len(rows)}" for label, rows in after.items() if rows)
        print(f"\norg export round trip: {summary['rows']} rows back ({counts})")


def test_it_leaves_out_secrets_survey_answers_and_other_organisations(
    org, admin, outsider, tmp_path
):
    ebba = organisation_with_everything(org, admin)
    other = rich_manager(outsider.organisation, name="Otto Annansson", email="otto@andra.example")
    path = tmp_path / "solbacka.json"
    assert run("export", "--org", "solbacka", "-o", str(path), "--no-progress")[0] == 0
    text = path.read_text(encoding="utf-8")
    objects = json.loads(text)

    labels = {entry["model"] for entry in objects}
    for excluded in org_export.EXCLUDED:
        assert excluded.lower() not in labels
    for entry in objects:
        fields = entry["fields"]
        if "organisation" in fields and entry["model"] != "practices.practice":
            assert fields["organisation"] == org.pk, entry
    assert "otto" not in text.lower() and "Olle Outsider" not in text and "andra" not in text
    assert other.person.full_name not in text

    secrets = [user.password for user in User.objects.all()]
    secrets += list(ApiToken.objects.values_list("token_hash", flat=True))
    secrets += list(SignInLink.objects.values_list("token_hash", flat=True))
    secrets += [device.key for device in TOTPDevice.objects.all()]
    secrets += [feed.secret_hash for feed in ebba.user.calendar_feeds.all()]
    assert len(secrets) == 9  # five accounts, a token, a link, a device, a feed
    secrets += ["f" * 64, RATING_LINK, WEBHOOK, COMMENT, TALLY]
    for secret in secrets:
        assert secret and secret not in text
    for marker in ("pbkdf2_", "argon2", "bcrypt"):
        assert marker not in text
    users = {
        entry["fields"]["email"]: entry["fields"]
        for entry in objects
        if entry["model"] == "core.user"
    }
    assert users["root@operator.example"]["is_superuser"] is False
    assert users["root@operator.example"]["groups"] == []
    assert all(fields["password"].startswith("!") for fields in users.values())
    assert "olle@andra.example" not in users


# Fields whose names sound secret but are not: what each one is.
NOT_SECRETS = {"practices.Performance.token": "a form's idempotency key, no credential"}


def test_it_knows_what_to_do_with_every_model():
    # A new model needs a foreign-key path to the organisation, or a line in EXCLUDED.
    assert org_export.unaccounted() == []
    exported = org_export.paths()
    for label in org_export.EXCLUDED:
        try:
            assert apps.get_model(label) not in exported
        except LookupError:  # an app not installed here, but no misspelt model of one that is
            with pytest.raises(LookupError):
                apps.get_app_config(label.split(".")[0])
    # A secret in an exported model would travel with the organisation: decide first.
    for model in exported:
        for field in model._meta.concrete_fields:
            if field.name in org_export.BLANKED.get(model._meta.label, ()):
                continue
            if f"{model._meta.label}.{field.name}" in NOT_SECRETS:
                continue
            assert not any(word in field.name for word in ("secret", "token", "hash")), (
                f"{model._meta.label}.{field.name} looks like a secret"
            )


def test_it_exports_whatever_an_exported_row_points_to():
    # Or loaddata fails on the other installation: a key to a row the file does not hold.
    exported = org_export.paths()
    shared = {
        apps.get_model(label)
        for label, why in org_export.EXCLUDED.items()
        if why == org_export.SHARED
    }
    reachable = {*exported, User, org_export.Organisation, *shared}
    for model in exported:
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation:
                assert field.related_model in reachable, f"{model._meta.label}.{field.name}"


def test_it_finds_each_model_through_its_shortest_link():
    found = {model._meta.label: path for model, path in org_export.paths().items()}
    assert found["practices.PlanItem"] == "organisation"
    assert (
        found["practices.Performance"] == "plan_item__organisation"
    )  # not via the nullable person
    assert found["people.GoalCheckIn"] == "goal__person__organisation"
    assert "core.User" not in found and "core.Organisation" not in found


def test_it_refuses_an_existing_file_and_leaves_no_partial_file(org, manager, tmp_path):
    existing = tmp_path / "existing.json"
    existing.write_text("keep me")
    code, out, err = run("export", "--org", "solbacka", "-o", str(existing))
    assert code == 2 and err.count("\n") == 1 and "already exists" in err
    assert existing.read_text() == "keep me"
    code, _, err = run("export", "--org", "nowhere", "-o", str(tmp_path / "x.json"))
    assert code == 2 and err == "engagera export: unknown organisation 'nowhere'\n"
    assert run("export", "--org", "solbacka", "--json")[0] == 2
    assert run("export", "--org", "solbacka", "--redact", "-o", str(tmp_path / "r.json"))[0] == 2

    calls = []

    def interrupted(done, total, label):
        calls.append(label)
        if len(calls) == 3:  # after the organisation and its accounts are written
            raise KeyboardInterrupt

    target = tmp_path / "broken.json"
    with pytest.raises(KeyboardInterrupt):
        org_export.export(org, target, progress=interrupted)
    assert sorted(os.listdir(tmp_path)) == ["existing.json"]


def test_it_reports_progress_up_to_the_total(org, manager, tmp_path):
    rich_manager(org)
    seen = []
    counts = org_export.export(org, tmp_path / "out.json", progress=lambda *a: seen.append(a))
    total = sum(counts.values())
    assert seen[-1] == (total, total, "")
    assert all(done <= total for done, _, _ in seen)
    assert {label for _, _, label in seen} >= {"core.Organisation", "practices.Performance"}


def test_it_streams_to_stdout_without_an_output_file(org, manager):
    code, out, err = run("export", "--org", "solbacka")
    assert code == 0, err
    objects = json.loads(out)
    assert objects[0]["model"] == "core.organisation" and objects[0]["fields"]["slug"] == "solbacka"
    assert err == ""
