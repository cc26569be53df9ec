"""Recognition between colleagues (45): who sees what, the weekly limit, reactions, hiding."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagera.audit.models import AuditEntry
from engagera.core import events
from engagera.core.errors import ActionError
from engagera.recognition import actions, queries
from engagera.recognition.models import Reaction, Recognition
from tests.recognition.conftest import person_of

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


def recognise(client, receiver, message="Du löste schemakrocken i fredags", driver=None, **extra):
    data = {
        "receiver": receiver.pk,
        "message": message,
        "driver": driver.pk if driver else "",
        "visibility": "team",
        **extra,
    }
    return client.post(reverse("recognise"), data)


def test_it_lets_a_member_recognise_a_teammate(client_for, maja, tove, manager, driver):
    client = client_for(maja)
    response = recognise(client, person_of(tove), driver=driver)
    assert response.status_code == 302
    item = Recognition.objects.get()
    assert (item.giver, item.receiver, item.driver) == (maja.user, person_of(tove), driver)
    assert item.team == person_of(tove).team
    assert AuditEntry.objects.filter(action="recognition.given").exists()
    # The team and the manager see it in the feed.
    for viewer in (tove, manager):
        body = client_for(viewer).get(reverse("recognition_feed")).content.decode()
        assert "Du löste schemakrocken i fredags" in body


def test_it_publishes_a_public_recognition_for_the_webhook(
    maja, tove, driver, django_capture_on_commit_callbacks
):
    received = []
    handler = lambda org, kind, payload: received.append((kind, payload))  # noqa: E731
    events.subscribe("recognition.public", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            actions.do_recognise(maja, person_of(tove), message="Bra!", driver=driver)
            actions.do_recognise(
                maja, person_of(tove), message="Privat", driver=driver, visibility="private"
            )
    finally:
        events._handlers["recognition.public"].remove(handler)
    assert [(kind, p["message"]) for kind, p in received] == [("recognition.public", "Bra!")]


def test_it_refuses_over_the_weekly_limit_with_a_clear_error(client_for, maja, tove, driver):
    organisation = maja.organisation
    organisation.recognition_weekly_limit = 2
    organisation.save(update_fields=["recognition_weekly_limit"])
    client = client_for(maja)
    for _ in range(2):
        assert recognise(client, person_of(tove), driver=driver).status_code == 302
    response = recognise(client, person_of(tove), driver=driver)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Du har gett 2 uppskattningar den här veckan" in body  # Swedish by default
    assert 'role="alert"' in body
    assert Recognition.objects.count() == 2


def test_it_counts_the_limit_per_calendar_week(maja, tove, driver):
    organisation = maja.organisation
    organisation.recognition_weekly_limit = 1
    organisation.save(update_fields=["recognition_weekly_limit"])
    first = actions.do_recognise(maja, person_of(tove), message="Tack", driver=driver)
    with pytest.raises(ActionError):
        actions.do_recognise(maja, person_of(tove), message="Igen", driver=driver)
    # Moved to last week, it no longer counts.
    Recognition.objects.filter(pk=first.pk).update(
        created_at=queries.week_start(maja) - timedelta(hours=1)
    )
    actions.do_recognise(maja, person_of(tove), message="Igen", driver=driver)
    assert Recognition.objects.count() == 2


def test_it_needs_a_driver_and_a_message(client_for, maja, tove, driver):
    client = client_for(maja)
    assert recognise(client, person_of(tove), driver=None).status_code == 200
    assert recognise(client, person_of(tove), message="   ", driver=driver).status_code == 200
    assert Recognition.objects.count() == 0


def test_it_does_not_let_anyone_recognise_themselves(maja, driver):
    with pytest.raises(ActionError):
        actions.do_recognise(maja, person_of(maja), message="Jag", driver=driver)


def test_it_offers_the_own_team_and_finds_others_by_name(client_for, maja, tove, kalle, stranger):
    client = client_for(maja)
    body = client.get(reverse("recognise")).content.decode()
    assert "Tove Teammate" in body and "Kalle Köket" not in body
    assert "Maja Månsson" not in body  # not oneself
    body = client.get(reverse("recognise") + "?q=kalle").content.decode()
    assert "Kalle Köket" in body
    # Never anyone in another organisation, whatever the search.
    assert "Stina" not in client.get(reverse("recognise") + "?q=stina").content.decode()


def test_it_recognises_someone_in_another_team(maja, kalle, driver):
    item = actions.do_recognise(maja, person_of(kalle), message="Tack för hjälpen", driver=driver)
    assert item.team == person_of(kalle).team


def test_it_refuses_someone_in_another_organisation(client_for, maja, stranger, driver):
    response = recognise(client_for(maja), person_of(stranger), driver=driver)
    assert response.status_code == 200
    assert Recognition.objects.count() == 0


def test_it_keeps_a_private_recognition_between_the_two_and_the_manager(
    client_for, maja, tove, kalle, manager, colleague, driver
):
    item = actions.do_recognise(
        maja, person_of(tove), message="Bara till dig", driver=driver, visibility="private"
    )
    url = reverse("recognition", args=[item.pk])
    for allowed in (maja, tove, manager):
        assert client_for(allowed).get(url).status_code == 200
    # Another teammate, another team's member and another team's manager: 404.
    rut = __import__("tests.recognition.conftest", fromlist=["member_in"]).member_in(
        person_of(tove).team, "rut@solbacka.example", "Rut Rask"
    )
    for refused in (rut, kalle, colleague):
        client = client_for(refused)
        assert client.get(url).status_code == 404
        assert "Bara till dig" not in client.get(reverse("recognition_feed")).content.decode()


def test_it_shows_a_public_item_to_the_team_only(
    client_for, maja, tove, kalle, colleague, stranger, outsider, driver
):
    item = actions.do_recognise(maja, person_of(tove), message="Till teamet", driver=driver)
    url = reverse("recognition", args=[item.pk])
    for refused in (kalle, colleague, stranger, outsider):
        client = client_for(refused)
        assert client.get(url).status_code == 404
        assert "Till teamet" not in client.get(reverse("recognition_feed")).content.decode()
        assert "Till teamet" not in client.get(reverse("me")).content.decode()


def test_it_toggles_one_reaction_per_kind_and_person(client_for, maja, tove, driver):
    item = actions.do_recognise(maja, person_of(tove), message="Tack", driver=driver)
    client = client_for(tove)
    url = reverse("react", args=[item.pk])
    response = client.post(url, {"kind": "thanks"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    client.post(url, {"kind": "applause"})
    assert Reaction.objects.filter(user=tove.user).count() == 2
    client.post(url, {"kind": "thanks"})  # again: taken back
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["applause"]
    client.post(url, {"kind": "bogus"})
    assert Reaction.objects.count() == 1


def test_it_hides_an_inappropriate_item_keeping_it_on_record(
    client_for, maja, tove, manager, driver
):
    item = actions.do_recognise(maja, person_of(tove), message="Olämpligt skämt", driver=driver)
    response = client_for(manager).post(
        reverse("hide_recognition", args=[item.pk]), {"reason": "Skämtet var sårande"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_hidden and item.hidden_by == manager.user
    assert item.hidden_reason == "Skämtet var sårande"
    entry = AuditEntry.objects.get(action="recognition.hidden")
    assert entry.actor == manager.user and entry.details == {"reason": "Skämtet var sårande"}
    # Gone from the members' feed and page; the manager still sees it, marked hidden.
    for member in (maja, tove):
        client = client_for(member)
        assert "Olämpligt skämt" not in client.get(reverse("recognition_feed")).content.decode()
        assert client.get(reverse("recognition", args=[item.pk])).status_code == 404
    body = client_for(manager).get(reverse("recognition_feed")).content.decode()
    assert "Olämpligt skämt" in body and "Skämtet var sårande" in body
    # Reactions on a hidden item are refused.
    with pytest.raises(ActionError):
        actions.do_toggle_reaction(manager, item, "thanks")


def test_it_lets_only_the_manager_hide(client_for, maja, tove, kalle, colleague, driver):
    item = actions.do_recognise(maja, person_of(tove), message="Tack", driver=driver)
    url = reverse("hide_recognition", args=[item.pk])
    assert client_for(tove).post(url, {"reason": "x"}).status_code == 403  # a member
    assert client_for(colleague).post(url, {"reason": "x"}).status_code == 404
    item.refresh_from_db()
    assert not item.is_hidden


def test_it_needs_a_reason_to_hide(client_for, maja, tove, manager, driver):
    item = actions.do_recognise(maja, person_of(tove), message="Tack", driver=driver)
    client_for(manager).post(reverse("hide_recognition", args=[item.pk]), {"reason": ""})
    item.refresh_from_db()
    assert not item.is_hidden


def test_it_shows_who_has_gone_unseen_and_the_spread(client_for, maja, tove, manager, driver):
    actions.do_recognise(maja, person_of(tove), message="Tack", driver=driver)
    old = actions.do_recognise(tove, person_of(maja), message="Länge sen", driver=driver)
    Recognition.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(weeks=6))
    rows = {row.person.full_name: row for row in queries.spread(manager)}
    assert rows["Maja Månsson"].unseen and rows["Maja Månsson"].in_period == 1
    assert not rows["Tove Teammate"].unseen
    body = client_for(manager).get(reverse("recognition_spread")).content.decode()
    unseen = body.split('data-testid="unseen"')[1].split("</ul>")[0]
    assert "Maja Månsson" in unseen and "Tove Teammate" not in unseen


def test_it_escapes_script_in_every_field(client_for, maja, tove, manager, driver):
    item = actions.do_recognise(maja, person_of(tove), message=PAYLOAD, driver=driver)
    reward = actions.do_start_group_reward(manager, item, options=PAYLOAD)
    actions.do_choose_reward(tove, reward, choice=PAYLOAD)
    for viewer, url in (
        (tove, reverse("recognition_feed")),
        (tove, reverse("recognition", args=[item.pk])),
        (tove, reverse("me")),
        (manager, reverse("recognition", args=[item.pk])),
    ):
        body = client_for(viewer).get(url).content.decode()
        assert "<script>window.__xss" not in body and 'onerror="window.__xss' not in body
        assert "&lt;script&gt;window.__xss" in body
    actions.do_hide_recognition(manager, item, reason=PAYLOAD)
    body = client_for(manager).get(reverse("recognition_feed")).content.decode()
    assert "<script>window.__xss" not in body and body.count("&lt;script&gt;window.__xss") >= 2


def test_an_admin_sees_public_items_but_not_private_praise_in_teams_they_do_not_manage(
    client_for, admin, maja, tove, driver
):
    public = actions.do_recognise(maja, person_of(tove), message="Offentligt", driver=driver)
    private = actions.do_recognise(
        maja, person_of(tove), message="Hemligt", driver=driver, visibility="private"
    )
    client = client_for(admin)
    assert client.get(reverse("recognition", args=[public.pk])).status_code == 200
    assert client.get(reverse("recognition", args=[private.pk])).status_code == 404
    person_of(tove).team.managers.add(admin.user)
    assert client.get(reverse("recognition", args=[private.pk])).status_code == 200
