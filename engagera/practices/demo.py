"""A demo organisation with half a year of realistic practice logs, so a newcomer sees a living dashboard."""

import random
from datetime import timedelta

from django.db import transaction

from engagera.core.actions import do_create_organisation, do_create_user
from engagera.core.models import Organisation, Role
from engagera.lib.habits import Target
from engagera.people.models import Person, Team

from .catalogue_sync import catalogue_is_loaded, sync_catalogue
from .models import AutomaticityRating, Performance, PlanItem, PlanState, Practice, Skip

DEMO_SLUG = "solbacka"
DEMO_PASSWORD = "engagera-demo"  # noqa: S105 - printed for newcomers; demo data only
DEMO_USERS = [
    ("eva.lindqvist@solbacka.example", "Eva Lindqvist", Role.ADMIN),
    ("anders.berg@solbacka.example", "Anders Berg", Role.MANAGER),
    ("sara.nilsson@solbacka.example", "Sara Nilsson", Role.MANAGER),
    ("johan.ek@solbacka.example", "Johan Ek", Role.MEMBER),
]
TEAMS = {
    "Socialförvaltningen": None,
    "Hemtjänst Norr": "anders.berg@solbacka.example",
    "Kundtjänst": "sara.nilsson@solbacka.example",
}
PEOPLE = {
    "Hemtjänst Norr": [
        "Johan Ek",
        "Fatima Hassan",
        "Lena Öberg",
        "Mikael Åström",
        "Aino Korhonen",
        "Peter Sjöberg",
    ],
    "Kundtjänst": [
        "Maria Karlsson",
        "Ali Yilmaz",
        "Emma Lundgren",
        "Oskar Håkansson",
        "Ingrid Björk",
    ],
}
# (manager, practice number, target, days ago started, chance of doing it on a given opportunity)
PLANS = [
    (
        "anders.berg@solbacka.example",
        43,
        "2/week",
        180,
        0.95,
        "måndagens arbetsplatsträff börjar",
        "ger jag en konkret återkoppling på något som gått bra",
    ),
    (
        "anders.berg@solbacka.example",
        41,
        "1/week",
        150,
        0.8,
        "vi planerar veckan",
        "förklarar jag varför veckans viktigaste uppgift spelar roll",
    ),
    (
        "anders.berg@solbacka.example",
        49,
        "1/14d",
        45,
        0.95,
        "jag har ett enskilt samtal",
        "säger jag vad jag uppskattar hos personen",
    ),
    (
        "sara.nilsson@solbacka.example",
        45,
        "1/week",
        170,
        0.55,
        "fredagens avstämning",
        "ber jag någon lyfta fram en kollegas insats",
    ),
    (
        "sara.nilsson@solbacka.example",
        47,
        "1/14d",
        120,
        0.75,
        "jag ser en fullspäckad kalender",
        "frågar jag vad vi kan plocka bort",
    ),
    (
        "sara.nilsson@solbacka.example",
        50,
        "1/month",
        90,
        0.9,
        "någon hittar ett fel",
        "tackar jag personen inför gruppen",
    ),
    (
        "eva.lindqvist@solbacka.example",
        42,
        "1/week",
        60,
        0.6,
        "jag delar ut ett uppdrag",
        "låter jag personen välja väg till målet",
    ),
]


def demo_exists() -> bool:
    return Organisation.objects.filter(slug=DEMO_SLUG).exists()


@transaction.atomic
def create_demo(seed: int = 2014) -> Organisation:
    if not catalogue_is_loaded():
        sync_catalogue()
    rng = random.Random(seed)
    organisation = do_create_organisation("Solbacka kommun", slug=DEMO_SLUG, language="sv")
    organisation.admins_see_individuals = True
    # The demo's administrator has no authenticator app; real organisations keep the default.
    organisation.require_2fa_for_admins = False
    organisation.save(update_fields=["admins_see_individuals", "require_2fa_for_admins"])
    today = organisation.today()
    users = {}
    for email, name, role in DEMO_USERS:
        users[email] = do_create_user(
            email, organisation, role, password=DEMO_PASSWORD, full_name=name, check_password=False
        )
    teams = {}
    for name, manager in TEAMS.items():
        parent = None if manager is None else teams["Socialförvaltningen"]
        teams[name] = Team.objects.create(organisation=organisation, name=name, parent=parent)
        if manager:
            teams[name].managers.add(users[manager])
    for team, names in PEOPLE.items():
        for name in names:
            email = f"{name.lower().replace(' ', '.')}@solbacka.example"
            linked = users.get(email)
            Person.objects.create(
                organisation=organisation,
                team=teams[team],
                full_name=name,
                user=linked,
                email=email.translate(str.maketrans("åäöÅÄÖ", "aaoAAO")),
                start_date=today - timedelta(days=rng.randint(200, 3000)),
            )
    performances, skips = [], []
    for email, number, target_text, days_ago, diligence, when, then in PLANS:
        practice = Practice.objects.get(organisation__isnull=True, number=number)
        target = Target.parse(target_text)
        start = today - timedelta(days=days_ago)
        item = PlanItem.objects.create(
            organisation=organisation,
            manager=users[email],
            practice=practice,
            times=target.times,
            period_days=target.period_days,
            start_date=start,
            if_situation=when,
            if_action=then,
        )
        vacation = {start + timedelta(days=d) for d in range(days_ago // 2, days_ago // 2 + 5)}
        skips += [Skip(plan_item=item, day=day) for day in sorted(vacation)]
        for offset in range(days_ago + 1):
            day = start + timedelta(days=offset)
            if day in vacation or day.weekday() >= 5:
                continue
            # Spread the target over working days; diligence decides how often it happens.
            chance = diligence * target.times / (target.period_days * 5 / 7)
            if rng.random() < chance:
                performances.append(Performance(plan_item=item, performed_on=day))
        if days_ago >= 40:
            last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
            AutomaticityRating.objects.create(
                plan_item=item, month=last_month, score=min(5, max(1, round(diligence * 5)))
            )
            PlanItem.objects.filter(pk=item.pk).update(rated_month=last_month)
    Performance.objects.bulk_create(performances)
    Skip.objects.bulk_create(skips)
    # Let the loop's own rule decide which practices have become established.
    from engagera.core.models import Membership

    from . import actions, queries

    for membership in Membership.objects.filter(
        organisation=organisation, role__in=[Role.MANAGER, Role.ADMIN]
    ):
        actions.sync_established(membership, queries.plan_status(membership))
    assert PlanItem.objects.filter(organisation=organisation, state=PlanState.LEARNING).exists()
    return organisation


def logins() -> list[tuple[str, str, str]]:
    return [(email, DEMO_PASSWORD, role.label) for email, _name, role in DEMO_USERS]
