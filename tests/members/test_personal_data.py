"""Erasure and export reach recognition, ideas and sign-in links: what was about the person
goes; what they wrote stays with the team, without their name."""

from engagera.gdpr import actions as gdpr
from engagera.gdpr.queries import own_subject, subject_for_user
from engagera.ideas.actions import do_build_on, do_post_idea
from engagera.ideas.models import BuildOn, Idea
from engagera.recognition.actions import do_recognise, do_toggle_reaction
from engagera.recognition.models import Reaction, Recognition
from engagera.security.actions import do_send_sign_in_link
from engagera.security.models import SignInLink
from tests.recognition.conftest import person_of


def test_it_erases_what_is_about_the_person_and_keeps_the_teams_share(
    admin, maja, tove, team_a, driver
):
    about_her = do_recognise(tove, person_of(maja), message="Till Maja", driver=driver)
    by_her = do_recognise(maja, person_of(tove), message="Från Maja", driver=driver)
    do_toggle_reaction(maja, by_her, "thanks")
    idea = do_post_idea(maja, team_a, title="Majas idé")
    do_build_on(maja, idea, text="Majas vidarebygge")
    do_send_sign_in_link(maja.user.email, link_url=lambda s: f"https://x/{s}/")
    subject = subject_for_user(maja.organisation, maja.user)

    gdpr.do_erase_person(subject, acting=admin)

    assert not Recognition.objects.filter(pk=about_her.pk).exists()
    by_her.refresh_from_db()
    assert by_her.giver is None and by_her.message == "Från Maja"
    assert not Reaction.objects.exists()
    assert Idea.objects.get().author is None and BuildOn.objects.get().author is None
    assert not SignInLink.objects.exists()


def test_the_own_export_lists_each_new_kind(maja, tove, team_a, driver):
    do_recognise(tove, person_of(maja), message="Till Maja", driver=driver)
    do_recognise(maja, person_of(tove), message="Från Maja", driver=driver)
    do_post_idea(maja, team_a, title="Majas idé")
    document = gdpr.do_export_own(maja)
    text = str(document)
    for expected in ("Till Maja", "Från Maja", "Majas idé"):
        assert expected in text
    assert own_subject(maja).user == maja.user
