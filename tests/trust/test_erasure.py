"""Erasure: afterwards no row in any table names the person; everyone else's data is intact."""

import pytest
from django.urls import reverse

from engagera.core.errors import ActionError
from engagera.core.models import Membership, User
from engagera.gdpr import actions, queries
from engagera.people.models import Person
from engagera.practices.models import Performance, PlanItem
from tests.test_cli import run

from .conftest import EMAIL, NAME, logged_with, rich_manager, rows_naming


def test_it_leaves_no_row_naming_the_person(client, client_for, admin, colleague, ebba):
    logged_with(colleague, ebba.person)
    client.force_login(ebba.user)  # a session of hers
    # An export first: the audit log then names her as its target.
    admin_client = client_for(admin)
    admin_client.get(reverse("privacy_export", args=[f"person-{ebba.person.pk}"]))
    assert rows_naming(NAME, EMAIL)
    colleague_items = PlanItem.objects.filter(manager=colleague.user).count()
    colleague_logs = Performance.objects.filter(plan_item__manager=colleague.user).count()

    key = f"person-{ebba.person.pk}"
    assert admin_client.get(reverse("privacy_erase", args=[key])).status_code == 200
    response = admin_client.post(reverse("privacy_erase", args=[key]), {"confirm": "on"})
    assert response.status_code == 200

    assert rows_naming(NAME, EMAIL) == []
    assert not User.objects.filter(pk=ebba.user.pk).exists()
    assert PlanItem.objects.filter(manager=colleague.user).count() == colleague_items
    assert Performance.objects.filter(plan_item__manager=colleague.user).count() == colleague_logs
    assert Performance.objects.filter(person__isnull=False).count() == 0


def test_it_says_what_it_did(admin, ebba_subject):
    report = actions.do_erase_person(ebba_subject, acting=admin)
    assert report["practices.performance_notes"] == 3
    assert report["practices.performances"] == 4
    assert report["practices.paused_days"] == 2 and report["practices.ratings"] == 1
    assert report["practices.plan"] == 2
    assert report["people.teams_led"] == 1
    assert report["people.person"] == 1
    assert report["core.account"] >= 2  # membership and account
    assert actions.do_erase_person(ebba_subject, acting=admin)["people.person"] == 0


def test_it_asks_for_confirmation(client_for, admin, ebba):
    key = f"person-{ebba.person.pk}"
    response = client_for(admin).post(reverse("privacy_erase", args=[key]), {})
    assert response.status_code == 200
    assert Person.objects.filter(pk=ebba.person.pk).exists()


def test_it_refuses_others_and_oneself(manager, outsider_admin, admin, ebba_subject, org):
    for acting in (manager, outsider_admin):
        with pytest.raises(ActionError):
            actions.do_erase_person(ebba_subject, acting=acting)
    with pytest.raises(ActionError):
        actions.do_erase_person(queries.subject_for_user(org, admin.user), acting=admin)
    assert Person.objects.filter(pk=ebba_subject.person.pk).exists()


def test_it_keeps_an_account_another_organisation_holds(admin, other_org, ebba, ebba_subject):
    Membership.objects.create(user=ebba.user, organisation=other_org, role="member")
    actions.do_erase_person(ebba_subject, acting=admin)
    assert User.objects.filter(pk=ebba.user.pk).exists()
    assert list(ebba.user.memberships.values_list("organisation", flat=True)) == [other_org.pk]
    assert not PlanItem.objects.filter(manager=ebba.user).exists()


def test_it_erases_an_employee_without_an_account(admin, org):
    person = Person.objects.create(organisation=org, full_name="Utan Konto", email="u@x.example")
    subject = queries.get_subject(org, f"person-{person.pk}")
    assert actions.do_erase_person(subject, acting=admin)["people.person"] == 1
    assert rows_naming("Utan Konto", "u@x.example") == []


def test_it_erases_from_the_command_line(org):
    rich_manager(org)
    code, _, err = run("erase", EMAIL, "--org", "solbacka")
    assert code == 2 and "--yes" in err
    assert User.objects.filter(email=EMAIL).exists()
    code, out, err = run("erase", EMAIL, "--org", "solbacka", "--yes")
    assert code == 0, err
    assert "practices.plan:" in out and "erased person-" in out
    assert rows_naming(NAME, EMAIL) == []
    assert run("erase", EMAIL, "--org", "solbacka", "--yes")[0] == 2


def test_it_removes_the_second_factor_and_its_recovery_codes(admin, ebba, ebba_subject):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from engagera.security.actions import do_create_recovery_codes

    user = ebba.membership.user
    TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    do_create_recovery_codes(user)
    assert StaticToken.objects.filter(device__user=user).count() == 10
    report = actions.do_erase_person(ebba_subject, acting=admin)
    assert report["security.two_factor"] == 1 + 1 + 10  # the app, the codes' device, codes
    assert not TOTPDevice.objects.filter(user_id=user.pk).exists()
    assert not StaticDevice.objects.filter(user_id=user.pk).exists()
