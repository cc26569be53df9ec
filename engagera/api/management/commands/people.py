import json

from engagera.core.cli_base import VerbCommand
from engagera.feedback.queries import standings
from engagera.people.queries import visible_people


class Command(VerbCommand):
    help = "List the employees you lead, with when each last had feedback."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list"])
        parser.add_argument("--user", required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        membership = self.membership(options["user"])
        today = membership.organisation.today()
        people = list(visible_people(membership))
        last = standings(membership, today)
        rows = [
            {
                "id": person.pk,
                "name": person.full_name,
                "email": person.email,
                "team": person.team.name if person.team_id else None,
                "last_feedback": (
                    last[person.pk].last_given.isoformat()
                    if person.pk in last and last[person.pk].last_given
                    else None
                ),
            }
            for person in people
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"people": rows}, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("no employees in the teams you lead")
        for row in rows:
            self.stdout.write(
                f"{row['id']:>5}  {row['name']:<30} {row['email'] or '-':<32} "
                f"{row['team'] or '-':<20} last feedback {row['last_feedback'] or 'never'}"
            )
