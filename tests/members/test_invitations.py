"""Invitations from the CRM: accounts for people with an email and no account, in bulk."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagera.core.models import Membership, Role, User
from engagera.people.models import Person


@pytest.fixture
def newcomers(team_a, team_b):
    org = team_a.organisation
    return {
        "ali": Person.objects.create(
            organisation=org, team=team_a, full_name="Ali Ny", email="ali@solbacka.example"
        ),
        "bea": Person.objects.create(
            organisation=org, team=team_a, full_name="Bea Ny", email="bea@solbacka.example"
        ),
        "no_email": Person.objects.create(organisation=org, team=team_a, full_name="Utan Mejl"),
        "left": Person.objects.create(
            organisation=org,
            team=team_a,
            full_name="Slutat",
            email="slutat@solbacka.example",
            left_on=org.today(),
        ),
        "other_team": Person.objects.create(
            organisation=org, team=team_b, full_name="Kö Ny", email="ko@solbacka.example"
        ),
    }


def test_it_offers_only_invitable_people_the_leader_sees(client_for, manager, newcomers, maja):
    body = client_for(manager).get(reverse("invite_people")).content.decode()
    assert "Ali Ny" in body and "Bea Ny" in body
    for absent in ("Utan Mejl", "Slutat", "Kö Ny", "Maja Månsson"):
        assert absent not in body


def test_it_invites_in_bulk_and_links_the_person(
    client_for, manager, newcomers, django_capture_on_commit_callbacks
):
    client = client_for(manager)
    # A crafted request naming the other team's person too: refused as a whole.
    crafted = client.post(
        reverse("invite_people"),
        {"people": [newcomers["ali"].pk, newcomers["bea"].pk, newcomers["other_team"].pk]},
    )
    assert crafted.status_code == 200 and User.objects.filter(email__startswith="ali").count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invite_people"), {"people": [newcomers["ali"].pk, newcomers["bea"].pk]}
        )
    assert response.status_code == 302
    for key in ("ali", "bea"):
        person = newcomers[key]
        person.refresh_from_db()
        assert person.user is not None and person.user.email == person.email
        assert not person.user.has_usable_password()
        assert Membership.objects.get(user=person.user).role == Role.MEMBER
    assert not User.objects.filter(email="ko@solbacka.example").exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["ali@solbacka.example", "bea@solbacka.example"]
    assert "Engagera" in mail.outbox[0].subject


def test_it_invites_in_the_organisations_language(client_for, manager, newcomers):
    """People without an account have chosen no language: the organisation's is theirs."""
    from engagera.security import actions

    organisation = manager.organisation
    organisation.language = "en"
    organisation.save(update_fields=["language"])
    with mock.patch.object(
        actions, "send_templated_email", wraps=actions.send_templated_email
    ) as send:
        client_for(manager).post(reverse("invite_people"), {"people": [newcomers["ali"].pk]})
    (to, template, context, language), _kwargs = send.call_args
    assert (to, template, language) == (["ali@solbacka.example"], "security/email/invitation", "en")


def test_the_invitation_link_signs_in_within_7_days(
    client, manager, newcomers, django_capture_on_commit_callbacks, client_for
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(reverse("invite_people"), {"people": [newcomers["ali"].pk]})
    client.logout()
    path = re.search(r"http://testserver(/accounts/link/\S+/)", mail.outbox[0].body).group(1)
    later = timezone.now() + timedelta(days=7, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.post(path).status_code == 404
    sooner = timezone.now() + timedelta(days=6)
    with mock.patch("django.utils.timezone.now", return_value=sooner):
        assert client.post(path).status_code == 302
    newcomers["ali"].refresh_from_db()
    assert int(client.session[SESSION_KEY]) == newcomers["ali"].user_id


def test_members_cannot_invite(client_for, maja, newcomers):
    client = client_for(maja)
    assert client.get(reverse("invite_people")).status_code == 403
    assert (
        client.post(reverse("invite_people"), {"people": [newcomers["ali"].pk]}).status_code == 403
    )
    assert User.objects.filter(email="ali@solbacka.example").count() == 0


def test_other_managers_cannot_invite_my_people(client_for, colleague, outsider, newcomers):
    for leader in (colleague, outsider):
        client_for(leader).post(reverse("invite_people"), {"people": [newcomers["ali"].pk]})
    assert not User.objects.filter(email="ali@solbacka.example").exists()


def test_the_crm_links_to_invitations(client_for, manager):
    body = client_for(manager).get(reverse("team_overview")).content.decode()
    assert reverse("invite_people") in body


def test_it_skips_addresses_taken_in_any_case_and_bad_ones(
    client_for, manager, team_a, maja, django_capture_on_commit_callbacks
):
    org = team_a.organisation
    Person.objects.create(
        organisation=org, team=team_a, full_name="Maja Dubblett", email="MAJA@solbacka.example"
    )
    bad = Person.objects.create(
        organisation=org, team=team_a, full_name="Fel Adress", email="inte-en-adress"
    )
    good = Person.objects.create(
        organisation=org, team=team_a, full_name="Ok Person", email="ok@solbacka.example"
    )
    body = client_for(manager).get(reverse("invite_people")).content.decode()
    assert "Maja Dubblett" not in body
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(reverse("invite_people"), {"people": [bad.pk, good.pk]})
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.user is not None and bad.user is None
    assert [m.to for m in mail.outbox] == [["ok@solbacka.example"]]
