"""Personal data duties: an employee record as the victim, reachable by its own admins only."""

from engagera.people.models import Person

from . import EVERYONE, Page

ADMIN = ("admin",)

PAGES = [
    Page("my_data", viewers=EVERYONE),
    Page("privacy", viewers=ADMIN),
    Page("privacy_record", viewers=ADMIN),
    Page("privacy_retention", viewers=ADMIN),
    # org_wide: the organisation's own administrators may open them (they answer requests);
    # managers and members of the same organisation are still refused (not viewers).
    Page("privacy_person", obj="data_subject", viewers=ADMIN, org_wide=True),
    Page("privacy_report", obj="data_subject", viewers=ADMIN, org_wide=True, query="?redact=1"),
    Page("privacy_export", obj="data_subject", viewers=ADMIN, org_wide=True),
    Page("privacy_left", obj="data_subject", org_wide=True),
    Page("privacy_erase", obj="data_subject", viewers=ADMIN, org_wide=True),
]


def build(owner) -> dict:
    """An employee record linked to the manager's account, holding the secret."""
    manager = owner.manager
    person = Person.objects.create(
        organisation=manager.organisation,
        full_name=owner.secret,
        email="victim-person@solbacka.example",
        title=owner.secret,
        user=manager.user,
    )
    return {"data_subject": f"person-{person.pk}"}
