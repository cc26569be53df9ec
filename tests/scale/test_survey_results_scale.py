"""The survey results page costs the same queries in a small and a ten times larger
organisation, computed or kept (issue 8)."""

from datetime import date

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.core.generate import Generator
from engagera.core.models import Membership, Role
from engagera.surveys.models import Round

DAY = date(2026, 11, 27)


def _costs(organisation) -> dict[str, int]:
    admin = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).first().user
    client = Client()
    client.force_login(admin)
    latest = (
        Round.objects.filter(organisation=organisation, team__isnull=True)
        .order_by("-closes_on")
        .first()
    )
    assert latest is not None and latest.is_closed(organisation.today())
    url = reverse("survey_results", args=[latest.pk])
    costs = {}
    for kind in ("computed", "kept"):
        if kind == "computed":
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        costs[kind] = len(captured.captured_queries)
    return costs


def test_survey_results_cost_the_same_queries_in_a_small_and_a_large_organisation(catalogue):
    small = Generator(people=30, managers=3, years=1, seed=1, slug="small", today=DAY).run()
    large = Generator(people=300, managers=12, years=3, seed=1, slug="large", today=DAY).run()
    small_costs, large_costs = _costs(small.organisation), _costs(large.organisation)
    assert small_costs == large_costs
    assert large_costs["kept"] < large_costs["computed"]
