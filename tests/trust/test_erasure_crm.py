"""Erasure reaches the CRM: what was recorded about the person goes, what they wrote about
others stays with those others, without their name."""

from engagera.feedback.actions import do_log_feedback
from engagera.feedback.models import Feedback
from engagera.gdpr import actions
from engagera.needs.actions import do_raise_need
from engagera.oneonones import actions as meetings
from engagera.oneonones.models import Meeting
from engagera.people import actions as card
from engagera.people.models import Person

from .conftest import EMAIL, NAME, rows_naming


def test_it_erases_the_crm_about_the_person_and_keeps_what_others_own(
    admin, colleague, ebba, ebba_subject
):
    org = admin.organisation
    today = org.today()
    # Ebba is also an employee in her colleague's team: her manager keeps a card on her.
    colleague_team = ebba.team.__class__.objects.create(organisation=org, name="Kollegans team")
    colleague_team.managers.add(colleague.user)
    Person.objects.filter(pk=ebba.person.pk).update(team=colleague_team)
    ebba.person.refresh_from_db()
    do_log_feedback(colleague, ebba.person, kind="reinforcing", note=f"Bra jobbat, {NAME}")
    meeting = meetings.do_plan_meeting(colleague, ebba.person, on=today)
    meetings.do_add_talking_point(colleague, meeting, f"Mål för {NAME}")
    meetings.do_hold_meeting(
        colleague,
        meeting,
        held_on=today,
        shared_notes=f"{NAME} vill växa",
        private_notes=f"{NAME} verkar trött",
        discussed=set(),
        told_appreciation=False,
    )
    do_raise_need(colleague, ebba.person, category="training", description=f"Kurs för {NAME}")
    card.do_record_workload(colleague, ebba.person, day=today, load=4, note=EMAIL)
    card.do_add_note(colleague, ebba.person, text=f"Privat om {NAME}", shared=False)
    card.do_agree_goal(
        colleague, ebba.person, what=f"{NAME}s certifiering", why="", way="", day=today
    )
    # And as a manager Ebba wrote about someone in her own team.
    report = Person.objects.create(organisation=org, team=ebba.team, full_name="Rut Rapport")
    do_log_feedback(ebba.membership, report, kind="developmental", note="Tydligare rapporter")
    led = meetings.do_plan_meeting(ebba.membership, report, on=today)
    meetings.do_hold_meeting(
        ebba.membership,
        led,
        held_on=today,
        shared_notes="Bra samtal",
        private_notes="Ebbas egna tankar",
        discussed=set(),
        told_appreciation=False,
    )
    assert rows_naming(NAME, EMAIL)

    actions.do_erase_person(ebba_subject, acting=admin)

    assert rows_naming(NAME, EMAIL) == []
    assert Person.objects.filter(pk=ebba.person.pk).count() == 0
    # Rut's history stays, without Ebba's name and without Ebba's private notes.
    kept = Feedback.objects.get(person=report)
    assert kept.author is None and kept.note == "Tydligare rapporter"
    kept_meeting = Meeting.objects.get(person=report)
    assert kept_meeting.manager is None and kept_meeting.private_notes == ""
    assert kept_meeting.shared_notes == "Bra samtal"
