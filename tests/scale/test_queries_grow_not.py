"""Queries per page stay the same as the organisation grows (issue 8).

Two generated organisations, one ten times the other with three times the history:
every main page costs the same number of SQL queries in both.
"""

import uuid
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.core.generate import Generator
from engagera.core.models import Membership, Role
from engagera.people.models import Person, Team
from engagera.practices.models import PlanItem

DAY = date(2026, 11, 27)


def _count(client, method, url, data=None, **extra) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {}, **extra)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def _uncached(client, url) -> int:
    cache.clear()  # the overview's figures are cached: count the computing request too
    return _count(client, "get", url)


def _costs(organisation) -> dict[str, int]:
    units = list(
        Team.objects.filter(organisation=organisation, parent__isnull=False)
        .annotate(size=Count("people"))
        .order_by("size", "id")
    )
    unit = units[len(units) // 2]
    manager = unit.managers.get()
    head = Team.objects.get(organisation=organisation, parent__isnull=True).managers.get()
    admin = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).first().user
    organisation.admins_see_individuals = True
    organisation.save(update_fields=["admins_see_individuals"])
    clients = {}
    for who, user in (("manager", manager), ("head", head), ("admin", admin)):
        clients[who] = Client()
        clients[who].force_login(user)
    item = PlanItem.objects.filter(manager=manager).first()
    # Someone with every kind of event on their timeline, practices done with them included.
    person = (
        Person.objects.filter(team=unit)
        .annotate(logs=Count("practice_logs"))
        .order_by("-logs", "id")
        .first()
    )
    assert person.logs > 0
    costs = {}
    for _ in range(2):  # the first visit may save strength checkpoints: count the second
        costs = {
            "dashboard": _count(clients["manager"], "get", reverse("dashboard")),
            "log": _count(
                clients["manager"],
                "post",
                reverse("log_performance", args=[item.pk]),
                {"token": str(uuid.uuid4())},
                HTTP_HX_REQUEST="true",
            ),
            "person": _count(clients["manager"], "get", reverse("person", args=[person.pk])),
            "team": _count(clients["manager"], "get", reverse("team_overview")),
            "department": _count(clients["head"], "get", reverse("team_overview")),
            "overview": _count(clients["admin"], "get", reverse("overview")),
            "overview_computed": _uncached(clients["admin"], reverse("overview")),
        }
    return costs


def test_pages_cost_the_same_queries_in_a_small_and_a_ten_times_larger_organisation(catalogue):
    small = Generator(people=30, managers=3, years=1, seed=1, slug="small", today=DAY).run()
    large = Generator(people=300, managers=12, years=3, seed=1, slug="large", today=DAY).run()
    assert large.counts["performances"] > 5 * small.counts["performances"]
    assert _costs(large.organisation) == _costs(small.organisation)
