"""The member's own page: their recognition, the team's feed and ideas, their data; and
nothing of anyone else's private side."""

from django.urls import reverse

from engagera.ideas.actions import do_post_idea
from engagera.needs.actions import do_raise_need
from engagera.oneonones.actions import do_add_talking_point, do_plan_meeting
from engagera.people.actions import do_add_note
from engagera.people.models import Person
from engagera.recognition.actions import do_recognise
from tests.recognition.conftest import person_of


def test_it_shows_recognition_received_and_given_the_feed_and_ideas(
    client_for, maja, tove, team_a, driver
):
    do_recognise(tove, person_of(maja), message="Tack för passet", driver=driver)
    do_recognise(maja, person_of(tove), message="Du är grym", driver=driver)
    do_post_idea(tove, team_a, title="Ny rutin för nycklar")
    body = client_for(maja).get(reverse("me")).content.decode()
    received = body.split('data-testid="received"')[1].split("</ul>")[0]
    given = body.split('data-testid="given"')[1].split("</ul>")[0]
    assert "Tack för passet" in received and "Du är grym" in given
    assert "Ny rutin för nycklar" in body
    assert reverse("my_data") in body and reverse("recognise") in body


def test_it_never_shows_others_private_side(client_for, maja, tove, manager, kalle, team_b, driver):
    tove_person = person_of(tove)
    do_add_note(manager, tove_person, text="Privat om Tove", shared=False)
    do_add_note(manager, person_of(maja), text="Privat om Maja", shared=False)
    do_raise_need(manager, tove_person, category="help", description="Toves behov")
    meeting = do_plan_meeting(manager, tove_person, on=manager.organisation.today())
    do_add_talking_point(manager, meeting, "Toves samtalspunkt")
    do_recognise(tove, person_of(kalle), message="Till Köket", driver=driver)
    do_post_idea(kalle, team_b, title="Kökets idé")
    body = client_for(maja).get(reverse("me")).content.decode()
    for secret in (
        "Privat om Tove",
        "Privat om Maja",
        "Toves behov",
        "Toves samtalspunkt",
        "Till Köket",
        "Kökets idé",
    ):
        assert secret not in body, secret
    assert client_for(maja).get(reverse("meeting", args=[meeting.pk])).status_code in (403, 404)


def test_it_works_for_a_member_without_an_employee_record(client_for, member):
    response = client_for(member).get(reverse("me"))
    assert response.status_code == 200
    assert reverse("my_data") in response.content.decode()


def test_the_data_download_holds_recognition_and_ideas(client_for, maja, tove, team_a, driver):
    do_recognise(tove, person_of(maja), message="Tack för passet", driver=driver)
    do_recognise(maja, person_of(tove), message="Du är grym", driver=driver)
    do_post_idea(maja, team_a, title="Min idé")
    response = client_for(maja).post(reverse("my_data"))
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode()
    assert "Tack för passet" in text and "Du är grym" in text and "Min idé" in text


def test_a_member_adds_to_their_own_agenda_only(client_for, maja, tove, manager):
    from engagera.oneonones.models import Meeting, TalkingPoint

    today = manager.organisation.today()
    mine = do_plan_meeting(manager, person_of(maja), on=today)
    theirs = do_plan_meeting(manager, person_of(tove), on=today)
    Meeting.objects.filter(pk=mine.pk).update(private_notes="Chefens privata anteckning")
    client = client_for(maja)
    page = client.get(reverse("me")).content.decode()
    assert reverse("meeting", args=[mine.pk]) in page
    response = client.post(reverse("add_point", args=[mine.pk]), {"point-text": "Utbildning"})
    assert response.status_code in (200, 302)
    assert TalkingPoint.objects.filter(meeting=mine, text="Utbildning").exists()
    body = client.get(reverse("meeting", args=[mine.pk])).content.decode()
    assert "Utbildning" in body and "Chefens privata anteckning" not in body
    assert client.get(reverse("meeting", args=[theirs.pk])).status_code == 404
    client.post(reverse("add_point", args=[theirs.pk]), {"point-text": "Intrång"})
    assert not TalkingPoint.objects.filter(meeting=theirs).exists()


def test_it_lists_open_survey_rounds_to_answer(client_for, maja, manager, team_a):
    from engagera.surveys.actions import do_open_round

    for i in range(5):  # a round needs enough people to stay anonymous
        Person.objects.create(
            organisation=team_a.organisation,
            team=team_a,
            full_name=f"Kollega {i}",
            email=f"kollega{i}@solbacka.example",
        )
    today = manager.organisation.today()
    survey_round = do_open_round(manager, team=team_a, opens_on=today, closes_on=today)
    body = client_for(maja).get(reverse("me")).content.decode()
    assert reverse("survey_answer", args=[survey_round.pk]) in body
