"""The CRM pages: the card, feedback, notes, import and export, one-to-ones, needs."""

import re

from django.urls import reverse

from engagera.feedback.models import Feedback
from engagera.needs.models import Need
from engagera.oneonones.models import Meeting
from engagera.people.actions import do_add_note
from engagera.people.models import Note, Person
from tests.people.test_import_people import SEMICOLON_1252


def test_it_logs_feedback_from_the_card_and_resets_days_since(client_for, manager, person):
    client = client_for(manager)
    url = reverse("person", args=[person.pk])
    assert 'data-testid="days-since-feedback">' in client.get(url).content.decode()
    response = client.post(
        reverse("give_feedback", args=[person.pk]),
        {
            "kind": "reinforcing",
            "day": manager.organisation.today().isoformat(),
            "note": "Tack för hjälpen",
        },
    )
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert re.search(r'data-testid="days-since-feedback">[^<]*\b0\b', body)
    assert "Tack för hjälpen" in body  # on the timeline
    assert Feedback.objects.get().author == manager.user


def test_it_shows_private_notes_only_to_their_author(client_for, client, manager, admin, person):
    do_add_note(manager, person, text="PRIVAT-ANTECKNING", shared=False)
    do_add_note(manager, person, text="DELAD-ANTECKNING", shared=True)
    url = reverse("person", args=[person.pk])
    body = client_for(manager).get(url).content.decode()
    assert "PRIVAT-ANTECKNING" in body and "DELAD-ANTECKNING" in body
    client.force_login(admin.user)
    body = client.get(url).content.decode()
    assert "PRIVAT-ANTECKNING" not in body and "DELAD-ANTECKNING" in body
    # Nor can another author delete it.
    note = Note.objects.get(shared=False)
    assert client.post(reverse("delete_note", args=[note.pk])).status_code == 404
    assert Note.objects.count() == 2


def test_it_keeps_private_one_to_one_notes_from_the_employee(
    client_for, client, manager, member, person
):
    meeting = Meeting.objects.create(
        organisation=manager.organisation,
        person=person,
        manager=manager.user,
        scheduled_on=manager.organisation.today(),
        held_on=manager.organisation.today(),
        shared_notes="DELAT",
        private_notes="HEMLIGT",
    )
    url = reverse("meeting", args=[meeting.pk])
    assert "HEMLIGT" in client_for(manager).get(url).content.decode()
    client.force_login(member.user)
    body = client.get(url).content.decode()
    assert "DELAT" in body and "HEMLIGT" not in body


def test_it_lets_the_employee_add_to_the_agenda(client, member, manager, person):
    meeting = Meeting.objects.create(
        organisation=manager.organisation,
        person=person,
        manager=manager.user,
        scheduled_on=manager.organisation.today(),
    )
    client.force_login(member.user)
    client.post(reverse("add_point", args=[meeting.pk]), {"point-text": "Semesterplanering"})
    assert meeting.points.get().text == "Semesterplanering"
    # But not close the meeting or add actions.
    assert (
        client.post(
            reverse("hold_meeting", args=[meeting.pk]), {"held_on": "2026-01-01"}
        ).status_code
        == 403
    )


def test_it_imports_through_a_preview(client_for, admin, manager):
    client = client_for(admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("people.csv", SEMICOLON_1252, content_type="text/csv")
    preview = client.post(reverse("import_people"), {"file": upload})
    assert preview.status_code == 200 and Person.objects.count() == 0
    payload = preview.context["payload"]
    assert payload
    response = client.post(reverse("import_people"), {"payload": payload})
    assert response.status_code == 302 and Person.objects.count() == 3


def test_it_exports_the_people_one_leads(client_for, manager, person, other_team_person):
    response = client_for(manager).get(reverse("export_people"))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Maja Månsson" in text and "Kim Kund" not in text
    assert text.splitlines()[0] == "name;email;team;manager email;start date;title"


def test_it_rates_a_need_once_through_the_link(client_for, client, manager, person):
    need = Need.objects.create(
        organisation=manager.organisation,
        person=person,
        category="help",
        description="Hjälp",
        raised_at="2026-11-20T09:00:00+01:00",
    )
    response = client_for(manager).post(reverse("close_need", args=[need.pk]), {"status": "done"})
    assert response.status_code == 302
    from django.contrib.messages import get_messages

    link = [str(m) for m in get_messages(response.wsgi_request)][-1].rsplit(" ", 1)[-1]
    path = link.replace("http://testserver", "")
    client.logout()
    assert client.get(path).status_code == 200
    assert client.post(path, {"score": "5", "comment": "Bra"}).status_code == 200
    need.refresh_from_db()
    assert need.rating == 5
    again = client.post(path, {"score": "1"})
    assert again.status_code == 404
    need.refresh_from_db()
    assert need.rating == 5
    assert client.get("/needs/rate/not-a-real-secret/").status_code == 404


def test_it_renders_the_crm_pages(client_for, manager, person):
    client = client_for(manager)
    for url in (
        reverse("team_overview"),
        reverse("feedback_waiting"),
        reverse("service_level"),
        reverse("person_one_to_ones", args=[person.pk]),
        reverse("edit_card", args=[person.pk]),
        reverse("raise_need", args=[person.pk]),
        reverse("record_workload", args=[person.pk]),
        reverse("add_introduction", args=[person.pk]),
        reverse("agree_goal", args=[person.pk]),
        reverse("add_note", args=[person.pk]),
        reverse("person", args=[person.pk]) + "?before=2026-02-30",
        reverse("person", args=[person.pk]) + "?before=2026-01-01",
    ):
        assert client.get(url).status_code == 200, url


def test_it_saves_a_card_form_and_shows_field_errors(client_for, manager, person):
    client = client_for(manager)
    url = reverse("record_workload", args=[person.pk])
    bad = client.post(url, {"day": manager.organisation.today().isoformat(), "load": "9"})
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.content.decode()
    good = client.post(url, {"day": manager.organisation.today().isoformat(), "load": "4"})
    assert good.status_code == 302 and person.workload.get().load == 4


def test_it_shows_overdue_one_to_ones_and_actions_on_the_dashboard(client_for, manager, person):
    from datetime import timedelta

    from engagera.oneonones import actions as meeting_actions

    today = manager.organisation.today()
    meeting = meeting_actions.do_plan_meeting(manager, person, on=today - timedelta(days=2))
    meeting_actions.do_add_action_item(
        manager, meeting, text="Beställ headset", owner="manager", due_on=today - timedelta(days=1)
    )
    body = client_for(manager).get(reverse("dashboard")).content.decode()
    assert "reminders-heading" in body and "Beställ headset" in body
    assert reverse("meeting", args=[meeting.pk]) in body


def test_it_logs_a_practice_with_whom_from_the_dashboard(
    client_for, manager, person, other_team_person
):
    import uuid

    from engagera.lib.habits import Target
    from engagera.practices import actions as practice_actions
    from engagera.practices.models import Performance
    from tests.conftest import practice

    item = practice_actions.do_add_plan_item(manager, practice(49), Target.parse("1/week"))
    client = client_for(manager)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert f'hx-get="{reverse("people_options")}"' in dashboard
    options = client.get(reverse("people_options")).content.decode()
    assert f'<option value="{person.pk}">' in options
    assert f'<option value="{other_team_person.pk}">' not in options
    url = reverse("log_performance", args=[item.pk])
    client.post(url, {"token": str(uuid.uuid4()), "person": person.pk}, HTTP_HX_REQUEST="true")
    assert Performance.objects.get().person == person
    refused = client.post(
        url, {"token": str(uuid.uuid4()), "person": other_team_person.pk}, HTTP_HX_REQUEST="true"
    )
    assert 'role="alert"' in refused.content.decode()
    assert Performance.objects.count() == 1


def test_it_audits_who_viewed_a_card(client_for, manager, person):
    from engagera.audit.models import AuditEntry

    client_for(manager).get(reverse("person", args=[person.pk]))
    entry = AuditEntry.objects.get(action="person.viewed")
    assert (
        entry.actor == manager.user
        and entry.target_id == str(person.pk)
        or entry.target_id == person.pk
    )


def test_it_lets_the_employee_see_their_page_and_rate_a_closed_need(
    client, member, manager, person
):
    from engagera.needs import actions as need_actions
    from engagera.oneonones import actions as meeting_actions

    meeting = meeting_actions.do_plan_meeting(manager, person, on=manager.organisation.today())
    need = need_actions.do_raise_need(member, person, category="equipment", description="Headset")
    need_actions.do_close_need(manager, need, status="done")
    client.force_login(member.user)
    body = client.get(reverse("me")).content.decode()
    assert reverse("meeting", args=[meeting.pk]) in body and "Headset" in body
    client.post(reverse("rate_my_need", args=[need.pk]), {"score": "4"})
    need.refresh_from_db()
    assert need.rating == 4
    # Nobody else can rate it, and not twice.
    client.post(reverse("rate_my_need", args=[need.pk]), {"score": "1"})
    need.refresh_from_db()
    assert need.rating == 4


def test_it_shows_the_employee_only_the_shared_parts_of_their_card(client, member, manager, person):
    do_add_note(manager, person, text="DELAS-MED-DIG", shared=True)
    do_add_note(manager, person, text="BARA-FÖR-CHEFEN", shared=False)
    client.force_login(member.user)
    body = client.get(reverse("me")).content.decode()
    assert "DELAS-MED-DIG" in body and "BARA-FÖR-CHEFEN" not in body
    # The card itself is for those who lead the person.
    assert client.get(reverse("person", args=[person.pk])).status_code == 403


def test_it_shows_the_next_one_to_one_and_open_needs_on_the_team_overview(
    client_for, manager, person
):
    from datetime import timedelta

    from engagera.needs import actions as need_actions
    from engagera.oneonones import actions as meeting_actions
    from engagera.oneonones.models import Meeting

    today = manager.organisation.today()
    Meeting.objects.create(
        organisation=manager.organisation,
        person=person,
        manager=manager.user,
        scheduled_on=today + timedelta(days=9),
    )
    meeting_actions.do_plan_meeting(manager, person, on=today + timedelta(days=2))
    for text in ("Skärm", "Kurs"):
        need_actions.do_raise_need(manager, person, category="other", description=text)
    closed = need_actions.do_raise_need(manager, person, category="other", description="Klar")
    need_actions.do_close_need(manager, closed, status="done")
    row = client_for(manager).get(reverse("team_overview")).context["rows"][0]
    assert row["next_one_to_one"] == today + timedelta(days=2)
    assert row["open_needs"] == 2


def test_only_leaders_get_the_people_to_name_and_only_their_own(
    client_for, manager, member, outsider, person, other_team_person
):
    url = reverse("people_options")
    assert client_for(member).get(url).status_code == 403
    assert str(person.pk) not in client_for(outsider).get(url).content.decode()
    mine = client_for(manager).get(url).content.decode()
    assert person.full_name in mine and other_team_person.full_name not in mine
