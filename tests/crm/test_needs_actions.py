from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from engagera.core.errors import ActionError
from engagera.needs import actions, queries
from engagera.needs.models import Need


def test_it_handles_a_need_from_raise_to_rating(manager, member, person):
    need = actions.do_raise_need(member, person, category="equipment", description="En ny skärm")
    actions.do_start_need(manager, need)
    secret = actions.do_close_need(manager, need, status="done")
    assert actions.need_for_rating_secret(secret) == need
    actions.do_rate_need(need, score=4, comment="Snabbt!")
    assert actions.need_for_rating_secret(secret) is None  # the link works once
    with pytest.raises(ActionError):
        actions.do_rate_need(need, score=5)
    level = queries.service_level(manager)
    assert (level.satisfaction, level.ratings, level.closed_count) == (4.0, 1, 1)
    assert level.within_target == 1.0


def test_it_needs_a_reason_to_decline(manager, person):
    need = actions.do_raise_need(manager, person, category="decision", description="Ledighet")
    with pytest.raises(ActionError):
        actions.do_close_need(manager, need, status="declined")
    actions.do_close_need(manager, need, status="declined", reason="Bemanningen räcker inte")
    need.refresh_from_db()
    assert need.status == "declined"


def test_it_keeps_needs_from_other_managers_and_members(
    manager, colleague, outsider, member, person, other_team_person
):
    need = actions.do_raise_need(manager, person, category="help", description="Hjälp")
    for stranger in (colleague, outsider, member):
        with pytest.raises(ActionError):
            actions.do_start_need(stranger, need)
    with pytest.raises(ActionError):
        actions.do_raise_need(member, other_team_person, category="help", description="x")
    assert queries.needs_visible(colleague).count() == 0
    assert Need.objects.count() == 1


def test_it_counts_working_days():
    tz = ZoneInfo("Europe/Stockholm")
    friday = datetime(2026, 11, 27, 9, tzinfo=tz)
    assert queries.working_days_between(friday, friday + timedelta(days=3)) == 1  # Monday
    assert queries.working_days_between(friday, friday + timedelta(days=7)) == 5
