"""The command-line verbs, the digest hook and done-and-measured figures."""

from django.core import mail
from django.urls import reverse

from engagera.lib.habits import Target
from engagera.practices import actions as practice_actions
from engagera.practices.models import Practice
from engagera.surveys import actions, queries
from engagera.surveys.models import Invitation
from tests.test_cli import run

from .conftest import answer_all, make_team, open_now, values_for


def test_survey_remind_reminds_from_the_command_line(manager, colleague):
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    round_ = open_now(manager, team)
    for invitation in Invitation.objects.filter(round=round_)[:2]:
        actions.do_submit_response(invitation, values_for(round_))
    mail.outbox.clear()
    code, out, err = run("survey_remind", str(round_.pk), "--user", manager.user.email)
    assert code == 0 and "reminded 4" in out
    # Another team's manager, an unknown round, a missing user: one line, exit 2.
    for argv in (
        ("survey_remind", str(round_.pk), "--user", colleague.user.email),
        ("survey_remind", "999999", "--user", manager.user.email),
        ("survey_remind", str(round_.pk), "--user", "nobody@example.org"),
        ("survey_remind", "x", "--user", manager.user.email),
    ):
        code, out, err = run(*argv)
        assert code == 2 and err.count("\n") == 1, argv


def test_survey_invite_sends_the_invitations_of_rounds_open_today(manager):
    team = make_team(manager.organisation, "Kök", people=5, managers=[manager])
    today = manager.organisation.today()
    round_ = actions.do_open_round(manager, team=team, opens_on=today, closes_on=today)  # sends now
    Invitation.objects.filter(round=round_).update(sent=False)
    code, out, _err = run("survey_invite")
    assert code == 0 and "sent 5" in out
    assert run("survey_invite")[1].startswith("sent 0")


def test_rounds_closing_feeds_the_digest(manager, member):
    team = make_team(manager.organisation, "Kök", people=5, managers=[manager])
    person = team.people.first()
    person.user = member.user
    person.save(update_fields=["user"])
    round_ = open_now(manager, team)
    today = manager.organisation.today()
    assert queries.rounds_closing(manager, today, today) == [round_]
    assert queries.rounds_closing(member, today, today) == [round_]
    actions.do_submit_response(Invitation.objects.get(person=person), values_for(round_))
    assert queries.rounds_closing(member, today, today) == []


def test_done_and_measured_counts_performances_per_driver(client_for, manager):
    feedback = Practice.objects.filter(organisation__isnull=True, drivers__code="feedback").first()
    item = practice_actions.do_add_plan_item(manager, feedback, Target.parse("1/week"))
    practice_actions.do_log_performance(manager, item)
    practice_actions.do_log_performance(manager, item)
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    round_ = open_now(manager, team)
    answer_all(round_, agreement=3)
    actions.do_close_round(manager, round_)
    _team, _drivers, rows, shows = queries.done_and_measured(manager, team.pk)
    assert shows and len(rows) == 1
    performed, score = rows[0].drivers["feedback"]
    assert performed == 2 and score == 3.0
    assert rows[0].responses == 6
    page = client_for(manager).get(reverse("survey_measured", args=[team.pk]))
    assert page.status_code == 200
