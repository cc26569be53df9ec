"""Logging a performance: one click, HTMX fragment, undo, dates, double submit."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse

from engagera.practices import actions
from engagera.practices.models import Performance

HX = {"HTTP_HX_REQUEST": "true"}


def _log(client, item, **data):
    payload = {"token": str(uuid.uuid4()), "day": "", "note": ""}
    payload.update(data)
    return client.post(reverse("log_performance", args=[item.pk]), payload, **HX)


def test_it_logs_with_one_click_and_returns_the_card(client_for, manager, plan_item):
    response = _log(client_for(manager), plan_item)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="item-{plan_item.pk}"' in body
    assert "1 of 2" in body or "1 av 2" in body
    assert reverse("performance_delete", args=[Performance.objects.get().pk]) in body
    assert Performance.objects.get().performed_on == manager.organisation.today()


def test_it_creates_one_record_for_a_double_submitted_form(client_for, manager, plan_item):
    client = client_for(manager)
    token = str(uuid.uuid4())
    _log(client, plan_item, token=token)
    _log(client, plan_item, token=token)
    assert Performance.objects.count() == 1


def test_it_undoes_a_log(client_for, manager, plan_item):
    client = client_for(manager)
    _log(client, plan_item)
    performance = Performance.objects.get()
    response = client.post(
        reverse("performance_delete", args=[performance.pk]), {"card": "1"}, **HX
    )
    assert response.status_code == 200
    assert Performance.objects.count() == 0


def test_it_keeps_note_and_backdated_day(client_for, manager, plan_item):
    day = manager.organisation.today() - timedelta(days=3)
    plan_item.start_date = day - timedelta(days=1)
    plan_item.save()
    _log(client_for(manager), plan_item, day=day.isoformat(), note="Efter APT")
    performance = Performance.objects.get()
    assert performance.performed_on == day
    assert performance.note == "Efter APT"


@pytest.mark.parametrize("offset", [1, -(actions.BACKDATE_DAYS + 1)])
def test_it_refuses_future_and_too_old_dates(client_for, manager, plan_item, offset):
    plan_item.start_date = manager.organisation.today() - timedelta(days=200)
    plan_item.save()
    day = manager.organisation.today() + timedelta(days=offset)
    response = _log(client_for(manager), plan_item, day=day.isoformat())
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert Performance.objects.count() == 0


def test_it_refuses_a_bad_date_without_a_500(client_for, manager, plan_item):
    response = _log(client_for(manager), plan_item, day="2026-13-45")
    assert response.status_code == 200
    assert Performance.objects.count() == 0


def test_it_refuses_logging_a_paused_practice(client_for, manager, plan_item):
    actions.do_set_plan_state(manager, plan_item, "paused")
    _log(client_for(manager), plan_item)
    assert Performance.objects.count() == 0


def test_it_logs_without_htmx_and_redirects(client_for, manager, plan_item):
    client = client_for(manager)
    response = client.post(
        reverse("log_performance", args=[plan_item.pk]), {"token": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    assert Performance.objects.count() == 1


def test_it_edits_and_deletes_from_history(client_for, manager, plan_item):
    client = client_for(manager)
    performance, _ = actions.do_log_performance(manager, plan_item)
    yesterday = manager.organisation.today() - timedelta(days=1)
    plan_item.start_date = yesterday
    plan_item.save()
    response = client.post(
        reverse("performance_edit", args=[performance.pk]),
        {"day": yesterday.isoformat(), "note": "ändrad"},
    )
    assert response.status_code == 302
    performance.refresh_from_db()
    assert (performance.performed_on, performance.note) == (yesterday, "ändrad")
    assert "ändrad" in client.get(reverse("history")).content.decode()
    client.post(reverse("performance_delete", args=[performance.pk]))
    assert Performance.objects.count() == 0
