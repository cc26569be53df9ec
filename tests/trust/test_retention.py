"""Retention: nothing past its date survives, nothing before it is touched."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from engagera.gdpr import queries, registry
from engagera.gdpr.actions import do_set_retention
from engagera.gdpr.registry import Subject
from engagera.gdpr.retention import add_months, apply_retention
from engagera.people.models import Person
from tests.test_cli import run

from .conftest import rich_manager, rows_naming


def test_it_adds_months_like_a_calendar():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)
    assert add_months(date(2026, 3, 1), 0) == date(2026, 3, 1)


def counts(subject: Subject) -> dict[str, int]:
    return {t.key: t.count(subject) for t in registry.data_types()}


@pytest.fixture
def leavers(org, admin):
    """People who left at different times around each data type's due date, and one who stays."""
    do_set_retention(org, {"practices.performance_notes": 3, "practices.plan": 12}, acting=admin)
    today = org.today()
    left = {
        "stays": None,
        "left yesterday": today - timedelta(days=1),
        "notes due today": add_months(today, -3),
        "notes due tomorrow": add_months(today, -3) + timedelta(days=1),
        "all due today": add_months(today, -12),
        "all due tomorrow": add_months(today, -12) + timedelta(days=1),
        "long gone": add_months(today, -40),
    }
    people = {}
    for number, (label, day) in enumerate(left.items()):
        manager = rich_manager(org, name=f"Leaver {number}", email=f"leaver{number}@x.example")
        Person.objects.filter(pk=manager.person.pk).update(left_on=day)
        manager.person.refresh_from_db()
        people[label] = Subject(org, person=manager.person, user=manager.user)
    return people


def past(subject: Subject, months: int | None, today: date) -> bool:
    return (
        subject.left_on is not None
        and months is not None
        and add_months(subject.left_on, months) <= today
    )


def test_it_deletes_exactly_what_is_past_its_date(client_for, admin, org, leavers):
    today = org.today()
    months = queries.effective_months(org)
    for subject in leavers.values():  # exports name each person in the audit log
        client_for(admin).get(reverse("privacy_export", args=[subject.key]))
    before = {label: counts(subject) for label, subject in leavers.items()}
    apply_retention(today)
    types = registry.data_types()
    for label, subject in leavers.items():
        after = counts(subject)
        gone = any(t.identity and past(subject, months[t.key], today) for t in types)
        for key, was in before[label].items():
            if gone and registry.get(key).kept_apart:
                continue  # they stay but stop naming the person: the name search below
            if past(subject, months[key], today):
                assert after[key] == 0, (label, key)
            else:
                assert after[key] == was, (label, key)
    assert before["all due today"]["practices.plan"] > 0
    assert counts(leavers["notes due today"])["practices.performance_notes"] == 0
    assert counts(leavers["notes due tomorrow"])["practices.performance_notes"] == 3
    assert not Person.objects.filter(pk=leavers["long gone"].person.pk).exists()
    assert Person.objects.filter(pk=leavers["all due tomorrow"].person.pk).exists()
    long_gone = leavers["long gone"]
    assert rows_naming(long_gone.name, long_gone.email) == []
    assert rows_naming(leavers["all due tomorrow"].name)


def test_it_changes_nothing_on_a_dry_run(org, leavers):
    before = {label: counts(subject) for label, subject in leavers.items()}
    planned = apply_retention(org.today(), dry_run=True)
    assert {label: counts(subject) for label, subject in leavers.items()} == before
    assert planned and planned == apply_retention(org.today())
    assert apply_retention(org.today()) == []


def test_it_runs_from_the_command_line(org, leavers):
    code, out, err = run("retention", "--dry-run")
    assert code == 0, err and "would remove" in out
    assert Person.objects.filter(pk=leavers["long gone"].person.pk).exists()
    code, out, _ = run("retention", "--org", "solbacka")
    assert code == 0 and out.strip().splitlines()[-1].startswith("retention: removed")
    assert not Person.objects.filter(pk=leavers["long gone"].person.pk).exists()
    assert run("retention", "--today", "yesterday")[0] == 2
    assert run("retention", "--org", "nowhere")[0] == 2


def test_it_lets_admins_set_the_periods(client_for, admin):
    client = client_for(admin)
    assert client.get(reverse("privacy_retention")).status_code == 200
    data = {t.key.replace(".", "__"): t.default_months or "" for t in registry.data_types()}
    data["practices__performance_notes"] = "2"
    data["practices__ratings"] = ""
    response = client.post(reverse("privacy_retention"), data)
    assert response.status_code == 302
    chosen = queries.chosen_months(admin.organisation)
    assert chosen["practices.performance_notes"] == 2 and chosen["practices.ratings"] is None
    data["practices__plan"] = "-1"
    assert client.post(reverse("privacy_retention"), data).status_code == 200
    assert queries.chosen_months(admin.organisation)["practices.plan"] == 12


def test_it_records_the_leaving_day(client_for, admin, manager, org):
    client = client_for(admin)
    key = f"user-{manager.user.pk}"
    response = client.post(reverse("privacy_left", args=[key]), {"left_on": "2026-01-31"})
    person = Person.objects.get(user=manager.user)
    assert response.status_code == 302 and person.left_on == date(2026, 1, 31)
    assert response["Location"] == reverse("privacy_person", args=[f"person-{person.pk}"])
    client.post(reverse("privacy_left", args=[f"person-{person.pk}"]), {"left_on": ""})
    person.refresh_from_db()
    assert person.left_on is None
