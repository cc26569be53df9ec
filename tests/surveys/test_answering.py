"""Answering by the emailed one-time link or from one's own page; every bad input refused."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from engagera.core.errors import ActionError
from engagera.people.models import Person
from engagera.surveys import actions
from engagera.surveys.models import Answer, Invitation, Kind, Response

from .conftest import make_team, open_now, values_for


@pytest.fixture
def survey(manager, django_capture_on_commit_callbacks):
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    with django_capture_on_commit_callbacks(execute=True):
        round_ = open_now(manager, team)
    return round_


def link_of(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0).split("//", 1)[1].split("/", 1)[1]


def form_data(round_, **override):
    data = {k: str(v) for k, v in values_for(round_).items()}
    data.update(override)
    return data


def nothing_written():
    return Response.objects.count() == 0 and Answer.objects.count() == 0


def test_it_emails_each_person_a_link_and_stores_only_its_hash(survey):
    assert len(mail.outbox) == 6
    for message in mail.outbox:
        path = "/" + link_of(message)
        secret = path.rstrip("/").rsplit("/", 1)[1]
        assert not Invitation.objects.filter(token_hash=secret).exists()
        assert len(secret) >= 40
    assert Invitation.objects.filter(round=survey, sent=True).count() == 6


def test_it_takes_answers_once_by_the_link(client, survey):
    path = "/" + link_of(mail.outbox[0])
    assert client.get(path).status_code == 200
    response = client.post(path, form_data(survey, comment="Bra stämning"))
    assert response.status_code == 200
    assert "Tack" in response.content.decode() or "Thank" in response.content.decode()
    assert Response.objects.count() == 1
    assert Answer.objects.count() == survey.questions.count()
    # Reused: a clear page and nothing more written.
    again = client.post(path, form_data(survey))
    assert again.status_code == 404
    assert Response.objects.count() == 1
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "mangle",
    [
        lambda path: path[:-3] + "xyz/",  # tampered
        lambda path: path.replace(path.split("/")[-2], "A" * 43),  # made up
        lambda path: re.sub(r"/surveys/\d+/", "/surveys/999999/", path),  # another round's
    ],
)
def test_it_refuses_a_tampered_or_foreign_link(client, survey, mangle):
    path = mangle("/" + link_of(mail.outbox[0]))
    for method in (client.get, lambda p: client.post(p, form_data(survey))):
        response = method(path)
        assert response.status_code == 404
        assert "Nothing was saved" in response.content.decode() or "Inget sparades" in (
            response.content.decode()
        )
    assert nothing_written()


def test_it_refuses_a_link_from_another_round(
    manager, client, survey, django_capture_on_commit_callbacks
):
    other_team = make_team(manager.organisation, "Städ", people=5, managers=[manager])
    with django_capture_on_commit_callbacks(execute=True):
        other = open_now(manager, other_team)
    foreign = "/" + link_of(mail.outbox[-1])  # a link of the other round
    path = foreign.replace(f"/surveys/{other.pk}/", f"/surveys/{survey.pk}/")
    assert client.post(path, form_data(survey)).status_code == 404
    assert nothing_written()


def test_it_refuses_an_expired_link(manager, client, survey):
    path = "/" + link_of(mail.outbox[0])
    actions.do_close_round(manager, survey)
    response = client.post(path, form_data(survey))
    assert response.status_code in (404, 410)
    assert nothing_written()


def test_a_closed_round_refuses_answers(manager, survey):
    invitation = Invitation.objects.filter(round=survey).first()
    actions.do_close_round(manager, survey)
    with pytest.raises(ActionError):
        actions.do_submit_response(invitation, values_for(survey))
    assert nothing_written()


def test_a_round_past_its_closing_day_refuses_answers(survey, client):
    path = "/" + link_of(mail.outbox[0])
    type(survey).objects.filter(pk=survey.pk).update(
        opens_on=survey.opens_on.replace(year=survey.opens_on.year - 1),
        closes_on=survey.closes_on.replace(year=survey.closes_on.year - 1),
    )
    response = client.post(path, form_data(survey))
    assert response.status_code == 410
    assert nothing_written()


@pytest.mark.parametrize("value", ["0", "6", "-1", "99", "abc", ""])
def test_it_refuses_answers_outside_the_scale(client, survey, value):
    path = "/" + link_of(mail.outbox[0])
    agreement = survey.questions.filter(kind=Kind.AGREEMENT).first()
    response = client.post(path, form_data(survey, **{agreement.code: value}))
    assert response.status_code == 400
    assert nothing_written()
    # The link still works: nothing was spent.
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("value", ["11", "-1"])
def test_it_refuses_a_recommendation_outside_0_to_10(survey, value):
    invitation = Invitation.objects.filter(round=survey).first()
    recommend = survey.questions.get(kind=Kind.RECOMMEND)
    with pytest.raises(ActionError):
        actions.do_submit_response(invitation, {**values_for(survey), recommend.code: value})
    assert nothing_written()


def test_a_member_answers_from_their_own_page(client_for, member, manager, survey):
    person = Person.objects.filter(team=survey.team).first()
    person.user = member.user
    person.save(update_fields=["user"])
    client = client_for(member)
    me = client.get(reverse("me")).content.decode()
    url = reverse("survey_answer", args=[survey.pk])
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.membership = member
    rendered = Template("{% load surveys %}{% my_open_rounds %}").render(
        Context({"request": request, "membership": member})
    )
    assert url in rendered
    assert client.get(url).status_code == 200
    assert client.post(url, form_data(survey)).status_code == 200
    assert Response.objects.count() == 1
    assert client.get(url).status_code == 404  # answered: gone from their list too
    rendered = Template("{% load surveys %}{% my_open_rounds %}").render(
        Context({"request": request, "membership": member})
    )
    assert url not in rendered
    assert me is not None


def test_another_member_cannot_answer_in_someone_elses_place(client_for, member, survey):
    client = client_for(member)  # not invited
    assert (
        client.post(reverse("survey_answer", args=[survey.pk]), form_data(survey)).status_code
        == 404
    )
    assert nothing_written()


def test_reminders_go_only_to_those_who_have_not_answered(
    manager, survey, django_capture_on_commit_callbacks
):
    answered = Invitation.objects.filter(round=survey).order_by("id")[:4]
    answered_people = {i.person.email for i in answered}
    for invitation in answered:
        actions.do_submit_response(invitation, values_for(survey))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = actions.do_remind(manager, survey)
    assert count == 2
    recipients = {address for message in mail.outbox for address in message.to}
    assert len(recipients) == 2 and not recipients & answered_people
    # Each reminder carries a fresh link that works; the manager learns only the count.
    assert all("/surveys/" in message.body for message in mail.outbox)


def test_invitations_are_in_the_recipients_language(manager, monkeypatch):
    from engagera.core.actions import do_create_user
    from engagera.core.models import Role

    sent = {}
    monkeypatch.setattr(
        actions,
        "send_templated_email",
        lambda to, template, context, language: sent.setdefault(to[0], language),
    )
    team = make_team(manager.organisation, "Språk", people=5, managers=[manager])
    user = do_create_user(
        "english@solbacka.example", manager.organisation, Role.MEMBER, password=None, language="en"
    )
    person = team.people.first()
    person.user = user
    person.save(update_fields=["user"])
    open_now(manager, team)
    assert sent.pop(person.email) == "en"  # the account's language
    assert set(sent.values()) == {"sv"}  # the others: the organisation's
