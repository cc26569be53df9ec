from django.conf import settings
from django.urls import reverse

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.security.actions import do_invite_people, invitable_people


class Command(VerbCommand):
    help = (
        "Invite employees the given manager or administrator can see, who have an email "
        "address but no account: each gets a member account and a sign-in link by email."
    )

    def add_arguments(self, parser):
        parser.add_argument("--by", required=True, help="email of the inviting manager or admin")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--all", action="store_true", help="everyone who can be invited")
        who.add_argument("--email", nargs="+", default=[], help="these people's email addresses")
        parser.add_argument("--dry-run", action="store_true", help="list them, invite no one")

    def handle(self, *args, **options):
        membership = self.membership(options["by"])
        if not membership.can_lead:
            raise UsageError(f"{membership.user.email} is not a manager or administrator")
        people = invitable_people(membership)
        if options["email"]:
            wanted = {email.strip().lower() for email in options["email"]}
            people = [p for p in people if p.email.lower() in wanted]
            missing = wanted - {p.email.lower() for p in people}
            if missing:
                raise UsageError(f"not invitable by {options['by']}: {', '.join(sorted(missing))}")
        people = list(people)
        if options["dry_run"]:
            for person in people:
                self.stdout.write(f"would invite {person.full_name} <{person.email}>")
            return
        invited = do_invite_people(
            membership,
            people,
            link_url=lambda secret: settings.SITE_URL + reverse("sign_in_link", args=[secret]),
        )
        for person in invited:
            self.stdout.write(f"invited {person.full_name} <{person.email}>")
        self.stdout.write(f"{len(invited)} invited")
