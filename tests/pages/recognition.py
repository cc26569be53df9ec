"""The employees' side: recognition, hero of the day, group rewards (issue 5)."""

from engagera.core.actions import do_create_user
from engagera.core.models import Role
from engagera.people.models import Person, Team
from engagera.practices.models import Driver
from engagera.recognition import actions

from . import EVERYONE, LEADERS, Page

PAGES = [
    Page("recognition_feed", viewers=EVERYONE),
    Page("recognise", viewers=EVERYONE),
    Page("name_hero", viewers=LEADERS),
    Page("recognition_spread", viewers=LEADERS),
    Page("recognition", obj="recognition", viewers=EVERYONE),
    Page("react", obj="recognition"),
    Page("hide_recognition", obj="recognition"),
    Page("start_reward", obj="recognition"),
    Page("choose_reward", obj="reward"),
    Page("advance_reward", obj="reward"),
]


def employee_team(owner):
    """The team of the employees' pages, shared by recognition and ideas, made once per owner.

    Its receiver has an account, so any colleague in the organisation may see their name
    (org-wide by design: anyone can be recognised); the secrets are in what is written.
    When the owner brings a member (the a11y check), the member joins the team, so the
    team's pages open for them; in the access matrix the member stays outside.
    """
    cached = getattr(owner, "_employee_team", None)
    if cached is not None:
        return cached
    manager = owner.manager
    organisation = manager.organisation
    team = Team.objects.create(organisation=organisation, name=f"Crew {owner.org_secret}")
    team.managers.add(manager.user)
    manager.__dict__.pop("_led_team_ids", None)  # remembered for one request; a new team now
    user = do_create_user(
        f"receiver.{organisation.slug}@example.org",
        organisation,
        Role.MEMBER,
        password=None,
        full_name=f"Receiver {owner.org_secret}",
    )
    receiver = Person.objects.create(
        organisation=organisation,
        team=team,
        full_name=f"Receiver {owner.org_secret}",
        user=user,
    )
    member = getattr(owner, "member", None)
    if member is not None and member.organisation_id == organisation.pk:
        person = Person.objects.filter(user=member.user).first()
        if person is None:
            Person.objects.create(
                organisation=organisation,
                team=team,
                full_name=member.user.full_name,
                user=member.user,
            )
        elif person.team_id is None:
            person.team = team
            person.save(update_fields=["team"])
    owner._employee_team = (team, receiver)
    return owner._employee_team


def build(owner) -> dict:
    team, receiver = employee_team(owner)
    manager = owner.manager
    driver = Driver.objects.order_by("position").first()
    recognition = actions.do_recognise(
        manager, receiver, message=owner.secret, driver=driver, visibility="team"
    )
    reward = actions.do_start_group_reward(manager, recognition, options=owner.secret)
    reward.choice = owner.secret
    reward.state = "chosen"
    reward.save(update_fields=["choice", "state"])
    actions.do_name_hero(manager, receiver, found_in="process", message=owner.secret)
    return {"recognition": recognition.pk, "reward": reward.pk}
