"""The large-organisation generator (issue 8): deterministic, complete, refuses bad input."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from engagera.core.generate import Generator, team_sizes
from engagera.core.models import Membership, Organisation, Role
from engagera.people.models import Person, Team
from engagera.practices.models import Performance, PlanItem, PlanState

DAY = date(2026, 11, 27)


def _snapshot(slug):
    organisation = Organisation.objects.get(slug=slug)
    return {
        "people": sorted(
            Person.objects.filter(organisation=organisation).values_list("full_name", "team__name")
        ),
        "performances": sorted(
            Performance.objects.filter(plan_item__organisation=organisation).values_list(
                "plan_item__manager__full_name", "plan_item__practice__number", "performed_on"
            )
        ),
    }


def test_it_builds_the_same_organisation_from_the_same_seed(catalogue):
    first = Generator(people=60, managers=4, years=1, seed=7, slug="first", today=DAY).run()
    again = Generator(people=60, managers=4, years=1, seed=7, slug="again", today=DAY).run()
    assert again.counts == first.counts
    assert _snapshot("again") == _snapshot("first")
    other = Generator(people=60, managers=4, years=1, seed=8, slug="other", today=DAY).run()
    assert _snapshot("other") != _snapshot("first")
    assert other.counts["people"] == 60


def test_it_builds_nested_teams_led_by_managers_with_histories(catalogue):
    result = Generator(people=120, managers=6, years=2, seed=1, slug="big", today=DAY).run()
    organisation = result.organisation
    departments = Team.objects.filter(organisation=organisation, parent__isnull=True)
    units = Team.objects.filter(organisation=organisation, parent__isnull=False)
    assert departments.count() == 1 and units.count() == 5
    assert all(
        team.managers.count() == 1 for team in Team.objects.filter(organisation=organisation)
    )
    assert Person.objects.filter(organisation=organisation).count() == 120
    managers = Membership.objects.filter(organisation=organisation, role=Role.MANAGER)
    assert managers.count() == 6
    assert Membership.objects.filter(organisation=organisation, role=Role.ADMIN).count() == 3
    members = Membership.objects.filter(organisation=organisation, role=Role.MEMBER)
    assert members.count() == Person.objects.filter(user__isnull=False).count() > 0
    # Everyone has a plan; history reaches back, and nothing lies in the future.
    assert set(PlanItem.objects.values_list("manager", flat=True)) == set(
        managers.values_list("user", flat=True)
    )
    performances = Performance.objects.filter(plan_item__organisation=organisation)
    assert performances.filter(performed_on__gte=DAY).count() == 0
    assert performances.filter(performed_on__lt=date(2025, 6, 1)).exists()
    # Established items met the organisation's rule on the day recorded.
    for item in PlanItem.objects.filter(state=PlanState.ESTABLISHED):
        assert (item.established_on - item.start_date).days >= organisation.established_min_days
    for name in ("feedback", "one-to-ones", "needs", "workload checks"):
        assert result.counts[name] > 0


def test_team_sizes_add_up_and_leave_no_team_empty():
    import random

    sizes = team_sizes(random.Random(3), 10000, 500)
    assert sum(sizes) == 10000 and min(sizes) >= 2 and len(sizes) == 500
    # Realistic spread: some teams are under the survey threshold of 5.
    assert any(size < 5 for size in sizes) and max(sizes) > 40


def test_the_command_prints_its_counts_as_json(catalogue, capsys):
    call_command("generate", people=30, managers=3, years=1, seed=2, slug="cli", json=True)
    counts = json.loads(capsys.readouterr().out)
    assert counts["organisation"] == "cli" and counts["people"] == 30


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (["--people", "1", "--managers", "3"], "as many people as managers"),
        (["--today", "2026-13-01"], "--today must be a date"),
        (["--people", "1000000"], "at most 200000 people"),
    ],
)
def test_the_command_refuses_bad_input_with_one_line(arguments, reason, tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {"ENGAGERA_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-m", "engagera.cli", "generate", *arguments],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert reason in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_it_adds_recognition_and_closed_survey_rounds_with_readable_results(catalogue, client):
    from django.urls import reverse

    from engagera.recognition.models import Recognition
    from engagera.surveys.models import Answer, Invitation, Round

    result = Generator(people=80, managers=4, years=3, seed=5, slug="voice").run()
    organisation = result.organisation
    assert (
        result.counts["recognitions"]
        == Recognition.objects.filter(organisation=organisation).count()
        > 0
    )
    rounds = Round.objects.filter(organisation=organisation)
    assert rounds.count() == result.counts["survey rounds"] == 8
    assert all(r.is_closed(organisation.today()) for r in rounds)
    assert (
        Invitation.objects.filter(round__in=rounds, responded=True).count()
        == (result.counts["survey responses"])
    )
    assert Answer.objects.filter(round__in=rounds).exists()
    admin = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).first()
    client.force_login(admin.user)
    latest = rounds.order_by("-opens_on").first()
    response = client.get(reverse("survey_results", args=[latest.pk]))
    assert response.status_code == 200
