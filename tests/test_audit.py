"""The audit log: what is recorded, that nobody changes it, and who may read it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from engagera.audit.actions import forget_target, record
from engagera.audit.models import AuditEntry, AuditLogIsAppendOnly
from engagera.core.actions import do_change_role
from engagera.core.errors import ActionError
from engagera.core.models import Role
from tests.conftest import PASSWORD


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_it_records_an_entry_with_its_context(manager, admin):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44")
    request.user = admin.user
    request.organisation = admin.organisation
    entry = record("person.viewed", target=manager.user, details={"card": 7}, request=request)
    entry.refresh_from_db()
    assert entry.actor == admin.user and entry.organisation == admin.organisation
    assert (entry.target_type, entry.target_id) == ("core.user", str(manager.user.pk))
    assert entry.target_label == "Anna Andersson"
    assert entry.details == {"card": 7} and entry.ip_address == "192.0.2.44"


def test_it_finds_the_organisation_from_the_actor(manager):
    entry = record("data.exported", actor=manager.user)
    assert entry.organisation_id == manager.organisation_id


def test_it_refuses_changes_and_deletions(manager):
    entry = record("data.exported", actor=manager.user)
    entry.action = "nothing.happened"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "data.exported"


def test_it_keeps_entries_when_people_are_deleted(manager, admin):
    record("person.viewed", actor=admin.user, target=manager.user)
    admin.user.delete()
    entry = AuditEntry.objects.get(action="person.viewed")
    assert entry.actor is None and entry.organisation == manager.organisation


def test_it_can_forget_a_name_for_erasure(manager, admin):
    record("person.viewed", actor=admin.user, target=manager.user)
    assert forget_target("core.user", manager.user.pk) == 1
    entry = AuditEntry.objects.get(action="person.viewed")
    assert entry.target_label == "" and entry.target_id == str(manager.user.pk)


def test_it_records_sign_in_and_sign_out(client, manager):
    client.post(
        reverse("login"),
        {"username": manager.user.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.5",
    )
    client.post(reverse("logout"))
    entries = list(AuditEntry.objects.order_by("id"))
    assert [e.action for e in entries] == ["auth.login", "auth.logout"]
    assert all(e.actor == manager.user for e in entries)
    assert all(e.organisation == manager.organisation for e in entries)
    assert entries[0].ip_address == "192.0.2.5"


def test_it_records_failed_sign_ins_without_revealing_accounts(client, manager):
    known = client.post(reverse("login"), {"username": manager.user.email, "password": "nope"})
    unknown = client.post(reverse("login"), {"username": "nobody@x.example", "password": "nope"})
    assert known.status_code == unknown.status_code == 200
    # The visitor sees the same answer whether or not the account exists.
    assert known.content.decode().count("errors-box") == unknown.content.decode().count(
        "errors-box"
    )
    mine, stranger = AuditEntry.objects.order_by("id")
    assert mine.action == stranger.action == "auth.login_failed"
    assert mine.actor is None and mine.organisation == manager.organisation
    assert mine.target_id == str(manager.user.pk)
    # An unknown name is not stored: people type passwords into that field by mistake.
    assert stranger.organisation is None and stranger.target_label == ""
    assert "nobody" not in str(stranger.details)


def test_it_records_a_lockout(client, manager):
    for _ in range(5):
        client.post(reverse("login"), {"username": manager.user.email, "password": "nope"})
    assert actions().count("auth.login_failed") == 5
    assert AuditEntry.objects.get(action="auth.locked_out").organisation == manager.organisation


def test_it_changes_a_role_and_records_it(admin, manager):
    do_change_role(manager, Role.ADMIN, acting=admin)
    manager.refresh_from_db()
    assert manager.role == Role.ADMIN
    entry = AuditEntry.objects.get(action="membership.role_changed")
    assert entry.actor == admin.user and entry.target_id == str(manager.user.pk)
    assert entry.details == {"membership": manager.pk, "from": "manager", "to": "admin"}


def test_it_lets_only_the_organisations_admins_change_roles(admin, manager, outsider_admin):
    for acting in (manager, outsider_admin):
        with pytest.raises(ActionError):
            do_change_role(admin, Role.MEMBER, acting=acting)
    with pytest.raises(ActionError):
        do_change_role(manager, "owner", acting=admin)
    assert not AuditEntry.objects.filter(action="membership.role_changed").exists()


def test_it_keeps_at_least_one_admin(admin):
    with pytest.raises(ActionError):
        do_change_role(admin, Role.MANAGER, acting=admin)
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_it_shows_the_log_to_the_organisations_admins(client_for, admin, manager, outsider_admin):
    do_change_role(manager, Role.MEMBER, acting=admin)
    record("data.exported", organisation=outsider_admin.organisation, actor=outsider_admin.user)
    response = client_for(admin).get(reverse("audit_log"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anna Andersson" in body and "Hedda Rask" in body
    assert "Alva Admin" not in body  # another organisation's entry


def test_it_refuses_the_log_to_everyone_else(client_for, manager, member):
    for membership in (manager, member):
        assert client_for(membership).get(reverse("audit_log")).status_code == 403


def test_it_filters_and_pages_the_log(client_for, admin, manager):
    for _ in range(60):
        record("person.viewed", actor=admin.user, target=manager.user)
    record("data.exported", actor=admin.user, target=manager.user)
    client = client_for(admin)  # signing in adds an entry of its own
    first = client.get(reverse("audit_log")).context["page"]
    assert first.paginator.count == 62 and len(first.object_list) == 50
    assert first.object_list[0].action == "auth.login"  # newest first
    exported = client.get(reverse("audit_log") + "?action=data.exported").context["page"]
    assert [e.action for e in exported.object_list] == ["data.exported"]
    second = client.get(reverse("audit_log") + "?action=person.viewed&page=2")
    assert len(second.context["page"].object_list) == 10
    assert 'href="?action=person.viewed&amp;page=1"' in second.content.decode()
    ignored = client.get(reverse("audit_log") + "?action=<script>").context
    assert ignored["action"] == "" and ignored["page"].paginator.count == 62
